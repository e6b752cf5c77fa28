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
