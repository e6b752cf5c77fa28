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
