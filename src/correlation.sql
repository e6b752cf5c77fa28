-------------------------------------------------------------------------------
-- Funnel correlation: which labels (or attribute values) go with converting
-- from step k to step k+1 of a funnel, and which with dropping off
-- (correlation.c).  Semantics: doc/funnels.md, "Why do people drop off".
-------------------------------------------------------------------------------

-- The state type, correlation_state: per label (or attribute value) the
-- customers who converted and dropped, with the two totals and the
-- parameters.  A real type rather than internal so that Citus computes
-- partial states on its workers across customers (doc/distributed.md);
-- text form = base64 of the binary form, which is also what the final
-- function returns (doc/funnels.md).
CREATE TYPE @extschema@.correlation_state;
CREATE FUNCTION @extschema@.correlation_state_in(pg_catalog.cstring) RETURNS @extschema@.correlation_state
	AS 'MODULE_PATHNAME', 'journey_correlation_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.correlation_state_out(@extschema@.correlation_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_correlation_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.correlation_state_recv(pg_catalog.internal) RETURNS @extschema@.correlation_state
	AS 'MODULE_PATHNAME', 'journey_correlation_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.correlation_state_send(@extschema@.correlation_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_correlation_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.correlation_state (
	INPUT = @extschema@.correlation_state_in,
	OUTPUT = @extschema@.correlation_state_out,
	RECEIVE = @extschema@.correlation_state_recv,
	SEND = @extschema@.correlation_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.correlation_state IS
	'aggregate state of funnel_correlation_agg (customers who converted and dropped, per label); text form: base64 of the binary form';
COMMENT ON FUNCTION @extschema@.correlation_state_in(pg_catalog.cstring) IS 'text input of type correlation_state';
COMMENT ON FUNCTION @extschema@.correlation_state_out(@extschema@.correlation_state) IS 'text output of type correlation_state';
COMMENT ON FUNCTION @extschema@.correlation_state_recv(pg_catalog.internal) IS 'binary input of type correlation_state';
COMMENT ON FUNCTION @extschema@.correlation_state_send(@extschema@.correlation_state) IS 'binary output of type correlation_state';

-- Not strict: it copes with either state being null.
CREATE FUNCTION @extschema@.correlation_state_combine(@extschema@.correlation_state, @extschema@.correlation_state)
	RETURNS @extschema@.correlation_state
	AS 'MODULE_PATHNAME', 'journey_correlation_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.correlation_state_combine(@extschema@.correlation_state, @extschema@.correlation_state) IS
	'combine function of funnel_correlation_agg';

CREATE FUNCTION @extschema@.funnel_correlation_trans(@extschema@.correlation_state, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4)
	RETURNS @extschema@.correlation_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_trans(@extschema@.correlation_state, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4) IS
	'transition function of funnel_correlation_agg (labels)';
CREATE FUNCTION @extschema@.funnel_correlation_attr_trans(@extschema@.correlation_state, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4, pg_catalog.text)
	RETURNS @extschema@.correlation_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_attr_trans(@extschema@.correlation_state, @extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4, pg_catalog.text) IS
	'transition function of funnel_correlation_agg (attribute values)';
CREATE FUNCTION @extschema@.funnel_correlation_final(@extschema@.correlation_state)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_correlation_final(@extschema@.correlation_state) IS
	'final function of funnel_correlation_agg: the counts, as the bytea journey.funnel_correlation reads';

CREATE AGGREGATE @extschema@.funnel_correlation_agg(j @extschema@.journey, "window" pg_catalog.interval, steps pg_catalog.text[], step pg_catalog.int4) (
	SFUNC = @extschema@.funnel_correlation_trans,
	STYPE = @extschema@.correlation_state,
	SSPACE = 1024,
	FINALFUNC = @extschema@.funnel_correlation_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.correlation_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.funnel_correlation_agg(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.int4) IS
	'per label, how many customers who reached funnel step "step" had it before converting to the next step or dropping off (read with journey.funnel_correlation)';
CREATE AGGREGATE @extschema@.funnel_correlation_agg(j @extschema@.journey, "window" pg_catalog.interval, steps pg_catalog.text[], step pg_catalog.int4, attribute pg_catalog.text) (
	SFUNC = @extschema@.funnel_correlation_attr_trans,
	STYPE = @extschema@.correlation_state,
	SSPACE = 1024,
	FINALFUNC = @extschema@.funnel_correlation_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.correlation_state_combine,
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
