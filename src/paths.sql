-------------------------------------------------------------------------------
-- Paths: transitions of a journey and the labels after / before an anchor,
-- for flow and Sankey charts (paths.c).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.transitions(j @extschema@.journey, with_ends pg_catalog.bool DEFAULT false)
	RETURNS TABLE (step pg_catalog.int4, from_label pg_catalog.text, to_label pg_catalog.text, seconds pg_catalog.float8)
	AS 'MODULE_PATHNAME', 'journey_transitions'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION @extschema@.transitions(@extschema@.journey, pg_catalog.bool) IS
	'one row per pair of consecutive events (step, from_label, to_label, seconds between); with_ends adds a row from NULL (start) to the first event and one from the last event to NULL (end)';

CREATE FUNCTION @extschema@.path_after(j @extschema@.journey, label pg_catalog.text, steps pg_catalog.int4,
									   occurrence pg_catalog.text DEFAULT 'first')
	RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'journey_path_after'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;

CREATE FUNCTION @extschema@.path_before(j @extschema@.journey, label pg_catalog.text, steps pg_catalog.int4,
										occurrence pg_catalog.text DEFAULT 'first')
	RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'journey_path_before'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;

COMMENT ON FUNCTION @extschema@.path_after(@extschema@.journey, pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events following the first (or ''last'') event with the given label, the anchor excluded; NULL if the label does not occur';
COMMENT ON FUNCTION @extschema@.path_before(@extschema@.journey, pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events preceding the first (or ''last'') event with the given label, in time order, the anchor excluded; NULL if the label does not occur';

-- Aggregates over event rows: path_after(ts, label, anchor, steps [, occurrence])
-- and path_before(...), ts a timestamptz or a bigint epoch.  They do not clash
-- with the journey functions of the same name: the argument types differ.

CREATE FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_after_final(pg_catalog.internal)
	RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_before_final(pg_catalog.internal)
	RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_after_final(pg_catalog.internal) IS 'final function of path_after';
COMMENT ON FUNCTION @extschema@.path_before_final(pg_catalog.internal) IS 'final function of path_before';
COMMENT ON FUNCTION @extschema@.path_agg_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_serial(pg_catalog.internal) IS 'serialization function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of path_after and path_before';

CREATE AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = pg_catalog.internal, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_agg_combine,
	SERIALFUNC = @extschema@.path_agg_serial, DESERIALFUNC = @extschema@.path_agg_deserial,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events following the first row where anchor holds (rows ordered by ts, then label bytes); NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events following the first or last (occurrence) row where anchor holds; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events following the first row where anchor holds (rows ordered by the epoch ts, then label bytes); NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events following the first or last (occurrence) row where anchor holds, epoch timestamps; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events preceding the first row where anchor holds, in time order; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events preceding the first or last (occurrence) row where anchor holds, in time order; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events preceding the first row where anchor holds, in epoch order; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events preceding the first or last (occurrence) row where anchor holds, in epoch order; NULL if anchor never holds';
