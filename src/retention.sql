
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

-- activity_buckets: sorted distinct bucket numbers of the group's events
-- counted from its first event.  Aggregates take no argument defaults, so
-- the shorter forms are overloads.

CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz, interval)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz, interval, pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date, pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date, pg_catalog.int4, pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_final(pg_catalog.internal)
	RETURNS pg_catalog.int4[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz, interval) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz, interval, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date, pg_catalog.int4, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_final(pg_catalog.internal) IS 'final function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_serial(pg_catalog.internal) IS 'serialization function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of activity_buckets';

CREATE AGGREGATE @extschema@.activity_buckets(ts timestamptz) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(ts timestamptz, bucket interval) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(ts timestamptz, bucket interval, max_buckets pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(ts pg_catalog.int8, bucket pg_catalog.int8) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(ts pg_catalog.int8, bucket pg_catalog.int8, max_buckets pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(day pg_catalog.date) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(day pg_catalog.date, bucket_days pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.activity_buckets(day pg_catalog.date, bucket_days pg_catalog.int4, max_buckets pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = pg_catalog.internal, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.activity_buckets_combine,
	SERIALFUNC = @extschema@.activity_buckets_serial, DESERIALFUNC = @extschema@.activity_buckets_deserial,
	PARALLEL = SAFE);

COMMENT ON AGGREGATE @extschema@.activity_buckets(timestamptz) IS
	'sorted distinct 1-day buckets (0 = the day starting at the first event) holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(timestamptz, interval) IS
	'sorted distinct buckets of the given width, counted from the first event, holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(timestamptz, interval, pg_catalog.int4) IS
	'sorted distinct buckets of the given width, counted from the first event, holding an event, below max_buckets (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.int8, pg_catalog.int8) IS
	'sorted distinct buckets of the given width (in the unit of ts), counted from the first event, holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.int8, pg_catalog.int8, pg_catalog.int4) IS
	'sorted distinct buckets of the given width (in the unit of ts), counted from the first event, holding an event, below max_buckets (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.date) IS
	'sorted distinct calendar days since the first day (0) with an event, up to day 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.date, pg_catalog.int4) IS
	'sorted distinct buckets of bucket_days calendar days, counted from the first day, holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.date, pg_catalog.int4, pg_catalog.int4) IS
	'sorted distinct buckets of bucket_days calendar days, counted from the first day, holding an event, below max_buckets (NULL for no rows)';

CREATE FUNCTION @extschema@.activity_buckets(j @extschema@.journey,
		bucket interval DEFAULT '1 day', max_buckets pg_catalog.int4 DEFAULT 31)
	RETURNS pg_catalog.int4[]
	AS 'MODULE_PATHNAME', 'journey_activity_buckets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;
COMMENT ON FUNCTION @extschema@.activity_buckets(@extschema@.journey, interval, pg_catalog.int4) IS
	'sorted distinct buckets, counted from the journey''s first event, holding an event, below max_buckets (the aggregate''s answer on the journey''s events)';
