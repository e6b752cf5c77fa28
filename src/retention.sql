
-------------------------------------------------------------------------------
-- Retention (retention.c): ClickHouse-style retention(cond1, cond2, ...) and
-- N-day activity buckets for cohort charts, over rows and over journeys.
-------------------------------------------------------------------------------

-- retention: the state is bigint[2] = {number of conditions, mask of the
-- conditions that held}; combine = OR, so no serialization is needed.

CREATE FUNCTION @extschema@.retention_trans(pg_catalog.int8[], pg_catalog.bool[])
	RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.retention_combine(pg_catalog.int8[], pg_catalog.int8[])
	RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.retention_final(pg_catalog.int8[])
	RETURNS pg_catalog.int4[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.retention_trans(pg_catalog.int8[], pg_catalog.bool[]) IS 'transition function of retention';
COMMENT ON FUNCTION @extschema@.retention_combine(pg_catalog.int8[], pg_catalog.int8[]) IS 'combine function of retention';
COMMENT ON FUNCTION @extschema@.retention_final(pg_catalog.int8[]) IS 'final function of retention';

CREATE AGGREGATE @extschema@.retention(VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.retention_trans,
	STYPE = pg_catalog.int8[],
	INITCOND = '{0,0}',
	FINALFUNC = @extschema@.retention_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.retention_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.retention(VARIADIC pg_catalog.bool[]) IS
	'retention flags: element 1 = condition 1 held on some row, element i = conditions 1 and i both held (NULL = false; NULL for no rows)';

CREATE FUNCTION @extschema@.retention(j @extschema@.journey, VARIADIC labels pg_catalog.text[])
	RETURNS pg_catalog.int4[]
	AS 'MODULE_PATHNAME', 'journey_retention' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 25;
COMMENT ON FUNCTION @extschema@.retention(@extschema@.journey, VARIADIC pg_catalog.text[]) IS
	'retention flags over a journey, condition i being an event labelled labels[i] (NULL for an empty journey)';

-- The activity_buckets aggregates and their state type, time_state, are in
-- time_state.sql.  Over a journey:

CREATE FUNCTION @extschema@.activity_buckets(j @extschema@.journey,
		bucket interval DEFAULT '1 day', max_buckets pg_catalog.int4 DEFAULT 31)
	RETURNS pg_catalog.int4[]
	AS 'MODULE_PATHNAME', 'journey_activity_buckets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;
COMMENT ON FUNCTION @extschema@.activity_buckets(@extschema@.journey, interval, pg_catalog.int4) IS
	'sorted distinct buckets, counted from the journey''s first event, holding an event, below max_buckets (the aggregate''s answer on the journey''s events)';
