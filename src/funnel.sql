-------------------------------------------------------------------------------
-- Funnels over stored journeys: journey.funnel / journey.funnel_times
-- (funnel.c); the aggregates over event rows, window_funnel and
-- window_funnel_times, are in step_agg.sql.
-- Semantics: doc/funnels.md.
-------------------------------------------------------------------------------

-- Over stored journeys: a step holds on an event whose label equals it.
CREATE FUNCTION @extschema@.funnel(j @extschema@.journey, "window" pg_catalog.interval, VARIADIC step_labels pg_catalog.text[])
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'journey_funnel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;
CREATE FUNCTION @extschema@.funnel(j @extschema@.journey, "window" pg_catalog.interval, step_labels pg_catalog.text[], mode pg_catalog.text)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'journey_funnel_mode' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;
CREATE FUNCTION @extschema@.funnel_times(j @extschema@.journey, "window" pg_catalog.interval, step_labels pg_catalog.text[], mode pg_catalog.text DEFAULT '')
	RETURNS pg_catalog.timestamptz[]
	AS 'MODULE_PATHNAME', 'journey_funnel_times' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;

COMMENT ON FUNCTION @extschema@.funnel(@extschema@.journey, pg_catalog.interval, pg_catalog.text[]) IS
	'window_funnel over a stored journey, step k holding on events labelled step_labels[k]';
COMMENT ON FUNCTION @extschema@.funnel(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.text) IS
	'window_funnel with modes over a stored journey, step k holding on events labelled step_labels[k]';
COMMENT ON FUNCTION @extschema@.funnel_times(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.text) IS
	'window_funnel_times (with modes) over a stored journey, step k holding on events labelled step_labels[k]';
