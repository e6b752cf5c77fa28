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

-- State functions shared by markov_model and shapley_model (path_table.c).
CREATE FUNCTION @extschema@.path_table_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'journey_path_table_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_table_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_path_table_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_table_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'journey_path_table_deserial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.path_table_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of markov_model and shapley_model';
COMMENT ON FUNCTION @extschema@.path_table_serial(pg_catalog.internal) IS 'serialization function of markov_model and shapley_model';
COMMENT ON FUNCTION @extschema@.path_table_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of markov_model and shapley_model';
