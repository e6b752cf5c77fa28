-------------------------------------------------------------------------------
-- sequence_match / sequence_count: ClickHouse-style event patterns
-- (sequence.c, doc/sequences.md), over stored journeys; the aggregates over
-- event rows are in step_agg.sql.
-------------------------------------------------------------------------------

-- The same questions over a stored journey: condition N holds for the
-- events whose label equals labels[N].
CREATE FUNCTION @extschema@.sequence_match(j @extschema@.journey, pattern pg_catalog.text, VARIADIC labels pg_catalog.text[])
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 25;
CREATE FUNCTION @extschema@.sequence_count(j @extschema@.journey, pattern pg_catalog.text, VARIADIC labels pg_catalog.text[])
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;

COMMENT ON FUNCTION @extschema@.sequence_match(@extschema@.journey, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'whether the journey contains the pattern, condition N being "label = labels[N]" (time constraints in seconds)';
COMMENT ON FUNCTION @extschema@.sequence_count(@extschema@.journey, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'number of non-overlapping matches of the pattern in the journey, condition N being "label = labels[N]"';
