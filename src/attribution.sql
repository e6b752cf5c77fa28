-------------------------------------------------------------------------------
-- Heuristic attribution of one converted path (attribution.c).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.attribute(
	path @extschema@.journey,
	model pg_catalog.text,
	conversion_label pg_catalog.text DEFAULT NULL,
	conversion_time timestamptz DEFAULT NULL,
	lookback pg_catalog.interval DEFAULT NULL,
	half_life pg_catalog.interval DEFAULT '7 days',
	weights double precision[] DEFAULT NULL,
	milestone pg_catalog.text DEFAULT NULL,
	direct pg_catalog.text[] DEFAULT '{direct}')
	RETURNS TABLE (label pg_catalog.text, credit double precision)
	AS 'MODULE_PATHNAME', 'journey_attribute'
	LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5;

CREATE FUNCTION @extschema@.attribute(
	path pg_catalog.text[],
	model pg_catalog.text,
	conversion_label pg_catalog.text DEFAULT NULL,
	weights double precision[] DEFAULT NULL,
	milestone pg_catalog.text DEFAULT NULL,
	direct pg_catalog.text[] DEFAULT '{direct}')
	RETURNS TABLE (label pg_catalog.text, credit double precision)
	AS 'MODULE_PATHNAME', 'journey_attribute_path'
	LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5;

COMMENT ON FUNCTION @extschema@.attribute(@extschema@.journey, pg_catalog.text, pg_catalog.text, timestamptz, pg_catalog.interval, pg_catalog.interval, double precision[], pg_catalog.text, pg_catalog.text[]) IS
	'credit of each label of a converted journey under a heuristic model (first_touch, last_touch, last_non_direct, linear, position_based, w_shaped, time_decay, custom); credits sum to 1';
COMMENT ON FUNCTION @extschema@.attribute(pg_catalog.text[], pg_catalog.text, pg_catalog.text, double precision[], pg_catalog.text, pg_catalog.text[]) IS
	'credit of each label of a converted path of labels under a heuristic model (all but time_decay); credits sum to 1';

-- One label's share of conversions under a data-driven model (markov_model,
-- shapley_model); unnest() the array for rows.
CREATE TYPE @extschema@.credit AS (
	label pg_catalog.text,
	conversions double precision,
	value double precision,
	weight double precision
);
COMMENT ON TYPE @extschema@.credit IS
	'credit of one label under an attribution model: its conversions, its value and its share (weight) of the total';

-- The transition state of markov_model, shapley_model and markov_fit
-- (path_table.c): the distinct paths seen, with their sums.  A real type,
-- not internal, so that Citus can compute partial states on the workers and
-- ship them to the coordinator as text (doc/distributed.md); parallel
-- workers send the binary form.  Text form: base64 of the binary form.
CREATE TYPE @extschema@.attribution_state;
CREATE FUNCTION @extschema@.attribution_state_in(pg_catalog.cstring) RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_attribution_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_state_out(@extschema@.attribution_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_attribution_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_state_recv(pg_catalog.internal) RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_attribution_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_state_send(@extschema@.attribution_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_attribution_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.attribution_state (
	INPUT = @extschema@.attribution_state_in,
	OUTPUT = @extschema@.attribution_state_out,
	RECEIVE = @extschema@.attribution_state_recv,
	SEND = @extschema@.attribution_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.attribution_state IS
	'transition state of markov_model, shapley_model and markov_fit: the distinct paths with their conversions, value and nulls';
COMMENT ON FUNCTION @extschema@.attribution_state_in(pg_catalog.cstring) IS 'text input of type attribution_state';
COMMENT ON FUNCTION @extschema@.attribution_state_out(@extschema@.attribution_state) IS 'text output of type attribution_state';
COMMENT ON FUNCTION @extschema@.attribution_state_recv(pg_catalog.internal) IS 'binary input of type attribution_state';
COMMENT ON FUNCTION @extschema@.attribution_state_send(@extschema@.attribution_state) IS 'binary output of type attribution_state';

-- Not strict: it copes with either state being null.
CREATE FUNCTION @extschema@.attribution_state_combine(@extschema@.attribution_state, @extschema@.attribution_state)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_attribution_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attribution_state_combine(@extschema@.attribution_state, @extschema@.attribution_state) IS
	'combine function of markov_model, shapley_model and markov_fit';
