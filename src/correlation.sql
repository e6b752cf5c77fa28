-------------------------------------------------------------------------------
-- Funnel correlation: which labels (or attribute values) go with converting
-- from step k to step k+1 of a funnel, and which with dropping off
-- (correlation.c).  Semantics: doc/funnels.md, "Why do people drop off".
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.funnel_correlation_trans(pg_catalog.internal, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_trans(pg_catalog.internal, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4) IS
	'transition function of funnel_correlation_agg (labels)';
CREATE FUNCTION @extschema@.funnel_correlation_attr_trans(pg_catalog.internal, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4, pg_catalog.text)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_attr_trans(pg_catalog.internal, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4, pg_catalog.text) IS
	'transition function of funnel_correlation_agg (attribute values)';
CREATE FUNCTION @extschema@.funnel_correlation_final(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_final(pg_catalog.internal) IS
	'final function of funnel_correlation_agg: the counts, as the bytea journey.funnel_correlation reads';
CREATE FUNCTION @extschema@.funnel_correlation_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_combine(pg_catalog.internal, pg_catalog.internal) IS
	'combine function of funnel_correlation_agg';
CREATE FUNCTION @extschema@.funnel_correlation_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_serial(pg_catalog.internal) IS
	'serialization function of funnel_correlation_agg';
CREATE FUNCTION @extschema@.funnel_correlation_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_deserial(pg_catalog.bytea, pg_catalog.internal) IS
	'deserialization function of funnel_correlation_agg (validates its input)';

CREATE AGGREGATE @extschema@.funnel_correlation_agg(j @extschema@.journey, "window" pg_catalog.interval, steps pg_catalog.text[], step pg_catalog.int4) (
	SFUNC = @extschema@.funnel_correlation_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.funnel_correlation_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.funnel_correlation_combine,
	SERIALFUNC = @extschema@.funnel_correlation_serial,
	DESERIALFUNC = @extschema@.funnel_correlation_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.funnel_correlation_agg(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4) IS
	'per label, how many customers who reached funnel step "step" had it before converting to the next step or dropping off (read with journey.funnel_correlation)';
CREATE AGGREGATE @extschema@.funnel_correlation_agg(j @extschema@.journey, "window" pg_catalog.interval, steps pg_catalog.text[], step pg_catalog.int4, attribute pg_catalog.text) (
	SFUNC = @extschema@.funnel_correlation_attr_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.funnel_correlation_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.funnel_correlation_combine,
	SERIALFUNC = @extschema@.funnel_correlation_serial,
	DESERIALFUNC = @extschema@.funnel_correlation_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.funnel_correlation_agg(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4, pg_catalog.text) IS
	'per attribute value, how many customers who reached funnel step "step" converted to the next step or dropped off (read with journey.funnel_correlation)';

CREATE FUNCTION @extschema@.funnel_correlation(state pg_catalog.bytea)
	RETURNS TABLE (label pg_catalog.text, converted pg_catalog.int8, dropped pg_catalog.int8,
				   odds_ratio pg_catalog.float8, ci_low pg_catalog.float8, ci_high pg_catalog.float8,
				   p_value pg_catalog.float8)
	AS 'MODULE_PATHNAME', 'funnel_correlation' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.funnel_correlation(pg_catalog.bytea) IS
	'one row per label of a funnel_correlation_agg result: customers who converted / dropped with it, odds ratio of converting with 95% Woolf interval, two-sided p-value (Fisher if an expected count is below 5, else chi-square); most significant first';
