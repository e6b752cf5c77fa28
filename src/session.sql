
-------------------------------------------------------------------------------
-- Sessions by inactivity gap (session.c): the session_number window
-- function, the session_count aggregate, and the same over journeys.
-------------------------------------------------------------------------------

-- Window functions get no strictness check from the executor: NULLs are
-- handled in C (a row with a NULL ts or gap gets NULL and is skipped).
CREATE FUNCTION @extschema@.session_number(ts timestamptz, gap interval)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'session_number' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_number(ts pg_catalog.int8, gap pg_catalog.int8)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'session_number_int8' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.session_number(timestamptz, interval) IS
	'window function: session number of the row, a new session starting after more than gap without events (use OVER (PARTITION BY customer ORDER BY ts))';
COMMENT ON FUNCTION @extschema@.session_number(pg_catalog.int8, pg_catalog.int8) IS
	'window function: session number of the row, a new session starting after more than gap (same unit as ts) without events (use OVER (PARTITION BY customer ORDER BY ts))';

CREATE FUNCTION @extschema@.session_count_trans(pg_catalog.internal, timestamptz, interval)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'session_count_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_final(pg_catalog.internal)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.session_count_trans(pg_catalog.internal, timestamptz, interval) IS 'transition function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8) IS 'transition function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_final(pg_catalog.internal) IS 'final function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_serial(pg_catalog.internal) IS 'serialization function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of session_count';

CREATE AGGREGATE @extschema@.session_count(ts timestamptz, gap interval) (
	SFUNC = @extschema@.session_count_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.session_count_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.session_count_combine,
	SERIALFUNC = @extschema@.session_count_serial, DESERIALFUNC = @extschema@.session_count_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.session_count(ts pg_catalog.int8, gap pg_catalog.int8) (
	SFUNC = @extschema@.session_count_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.session_count_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.session_count_combine,
	SERIALFUNC = @extschema@.session_count_serial, DESERIALFUNC = @extschema@.session_count_deserial,
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.session_count(timestamptz, interval) IS
	'number of sessions of the group''s events, a new session starting after more than gap without events (0 for no rows)';
COMMENT ON AGGREGATE @extschema@.session_count(pg_catalog.int8, pg_catalog.int8) IS
	'number of sessions of the group''s events, a new session starting after more than gap (same unit as ts) without events (0 for no rows)';

CREATE FUNCTION @extschema@.session_count(j @extschema@.journey, gap interval)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'journey_session_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;
COMMENT ON FUNCTION @extschema@.session_count(@extschema@.journey, interval) IS
	'number of sessions in a journey, a new session starting after more than gap without events (0 for an empty journey)';

CREATE FUNCTION @extschema@.sessions(j @extschema@.journey, gap interval)
	RETURNS TABLE (session pg_catalog.int4, started timestamptz, ended timestamptz,
				   events pg_catalog.int4, path pg_catalog.text)
	AS 'MODULE_PATHNAME', 'journey_sessions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 10;
COMMENT ON FUNCTION @extschema@.sessions(@extschema@.journey, interval) IS
	'one row per session of a journey: number, first and last event time, number of events, labels joined by " > "';

CREATE FUNCTION @extschema@.split_sessions(j @extschema@.journey, gap interval)
	RETURNS SETOF @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_split_sessions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 10;
COMMENT ON FUNCTION @extschema@.split_sessions(@extschema@.journey, interval) IS
	'each session of a journey as a journey of its own, in time order';
