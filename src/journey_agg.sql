-------------------------------------------------------------------------------
-- journey_agg: build a journey from event rows (journey_agg.c).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.journey_agg_trans(pg_catalog.internal, timestamptz, text)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_trans(pg_catalog.internal, timestamptz, text, double precision)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_final(pg_catalog.internal)
	RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.journey_agg_trans(pg_catalog.internal, timestamptz, text) IS 'transition function of journey_agg';
COMMENT ON FUNCTION @extschema@.journey_agg_trans(pg_catalog.internal, timestamptz, text, double precision) IS 'transition function of journey_agg';
COMMENT ON FUNCTION @extschema@.journey_agg_final(pg_catalog.internal) IS 'final function of journey_agg';
COMMENT ON FUNCTION @extschema@.journey_agg_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of journey_agg';
COMMENT ON FUNCTION @extschema@.journey_agg_serial(pg_catalog.internal) IS 'serialization function of journey_agg';
COMMENT ON FUNCTION @extschema@.journey_agg_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of journey_agg';

CREATE AGGREGATE @extschema@.journey_agg(timestamptz, text) (
	SFUNC = @extschema@.journey_agg_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.journey_agg_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.journey_agg_combine,
	SERIALFUNC = @extschema@.journey_agg_serial,
	DESERIALFUNC = @extschema@.journey_agg_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_agg(timestamptz, text, double precision) (
	SFUNC = @extschema@.journey_agg_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.journey_agg_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.journey_agg_combine,
	SERIALFUNC = @extschema@.journey_agg_serial,
	DESERIALFUNC = @extschema@.journey_agg_deserial,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.journey_agg(timestamptz, text) IS
	'journey of the group''s events (rows with a NULL timestamp or label are skipped)';
COMMENT ON AGGREGATE @extschema@.journey_agg(timestamptz, text, double precision) IS
	'journey of the group''s events with a value each (rows with a NULL timestamp or label are skipped; a NULL value means no value)';

