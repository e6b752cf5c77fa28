
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

-- The session_count aggregates and their state type, time_state, are in
-- time_state.sql.

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
