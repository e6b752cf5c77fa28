-------------------------------------------------------------------------------
-- journey.markov: a fitted Markov chain as a value, and scoring with it
-- (markov_fit.c).
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.markov;

CREATE FUNCTION @extschema@.markov_in(pg_catalog.cstring) RETURNS @extschema@.markov
	AS 'MODULE_PATHNAME', 'journey_markov_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_out(@extschema@.markov) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_markov_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_recv(pg_catalog.internal) RETURNS @extschema@.markov
	AS 'MODULE_PATHNAME', 'journey_markov_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_send(@extschema@.markov) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_markov_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.markov (
	INPUT = @extschema@.markov_in,
	OUTPUT = @extschema@.markov_out,
	RECEIVE = @extschema@.markov_recv,
	SEND = @extschema@.markov_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.markov IS
	'a fitted Markov chain of paths: states, transition probabilities, per-state conversion probability and expected value';
COMMENT ON FUNCTION @extschema@.markov_in(pg_catalog.cstring) IS 'text input of type markov';
COMMENT ON FUNCTION @extschema@.markov_out(@extschema@.markov) IS 'text output of type markov';
COMMENT ON FUNCTION @extschema@.markov_recv(pg_catalog.internal) IS 'binary input of type markov';
COMMENT ON FUNCTION @extschema@.markov_send(@extschema@.markov) IS 'binary output of type markov';

CREATE FUNCTION @extschema@.markov_fit_final(@extschema@.attribution_state)
	RETURNS @extschema@.markov
	AS 'MODULE_PATHNAME', 'journey_markov_fit_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_fit_final(@extschema@.attribution_state) IS 'final function of markov_fit';

-- markov_fit shares the transition and combine functions and the state type
-- of markov_model (markov.sql): the same state, the same chain.
CREATE AGGREGATE @extschema@.markov_fit(@extschema@.journey, double precision, double precision, double precision) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_fit_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_fit(@extschema@.journey, double precision, double precision, double precision) IS
	'the first-order Markov chain of the paths, solved, as a journey.markov value (path, conversions, value, nulls)';

CREATE AGGREGATE @extschema@.markov_fit(@extschema@.journey, double precision, double precision, double precision, integer) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_fit_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_fit(@extschema@.journey, double precision, double precision, double precision, integer) IS
	'the Markov chain of the given order of the paths, solved, as a journey.markov value (path, conversions, value, nulls, order)';

CREATE AGGREGATE @extschema@.markov_fit(pg_catalog.text[], double precision, double precision, double precision) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_fit_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_fit(pg_catalog.text[], double precision, double precision, double precision) IS
	'the first-order Markov chain of the paths, solved, as a journey.markov value (path, conversions, value, nulls)';

CREATE AGGREGATE @extschema@.markov_fit(pg_catalog.text[], double precision, double precision, double precision, integer) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_fit_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_fit(pg_catalog.text[], double precision, double precision, double precision, integer) IS
	'the Markov chain of the given order of the paths, solved, as a journey.markov value (path, conversions, value, nulls, order)';

-- Scoring: lookups in the solved chain.
CREATE FUNCTION @extschema@.conversion_probability(model @extschema@.markov, path @extschema@.journey)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'journey_markov_conversion_probability' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.conversion_probability(@extschema@.markov, @extschema@.journey) IS
	'probability that a customer whose journey so far is path converts, under the model';
CREATE FUNCTION @extschema@.conversion_probability(model @extschema@.markov, path pg_catalog.text[])
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'journey_markov_conversion_probability' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.conversion_probability(@extschema@.markov, pg_catalog.text[]) IS
	'probability that a customer whose path of labels so far is path converts, under the model';

CREATE FUNCTION @extschema@.expected_value(model @extschema@.markov, path @extschema@.journey)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'journey_markov_expected_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.expected_value(@extschema@.markov, @extschema@.journey) IS
	'expected conversion value of a customer whose journey so far is path, under the model';
CREATE FUNCTION @extschema@.expected_value(model @extschema@.markov, path pg_catalog.text[])
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'journey_markov_expected_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.expected_value(@extschema@.markov, pg_catalog.text[]) IS
	'expected conversion value of a customer whose path of labels so far is path, under the model';

CREATE FUNCTION @extschema@.next_touch(model @extschema@.markov, path @extschema@.journey, k integer DEFAULT 3)
	RETURNS TABLE (label pg_catalog.text, probability double precision)
	AS 'MODULE_PATHNAME', 'journey_markov_next_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION @extschema@.next_touch(@extschema@.markov, @extschema@.journey, integer) IS
	'the k most likely next touches of a customer whose journey so far is path, most likely first';
CREATE FUNCTION @extschema@.next_touch(model @extschema@.markov, path pg_catalog.text[], k integer DEFAULT 3)
	RETURNS TABLE (label pg_catalog.text, probability double precision)
	AS 'MODULE_PATHNAME', 'journey_markov_next_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION @extschema@.next_touch(@extschema@.markov, pg_catalog.text[], integer) IS
	'the k most likely next touches of a customer whose path of labels so far is path, most likely first';

CREATE FUNCTION @extschema@.markov_order(model @extschema@.markov)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'journey_markov_order' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_order(@extschema@.markov) IS
	'the order of the model''s chain: how many last touches decide a customer''s state';

CREATE FUNCTION @extschema@.removal_effects(model @extschema@.markov)
	RETURNS TABLE (label pg_catalog.text, removal_effect double precision, value_removal_effect double precision)
	AS 'MODULE_PATHNAME', 'journey_markov_removal_effects' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.removal_effects(@extschema@.markov) IS
	'removal effect of every label of the model (for conversions and for value), by label; markov_model''s credits are these, normalised';
