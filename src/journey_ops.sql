-------------------------------------------------------------------------------
-- Functions and operators on journeys (journey_ops.c).  All are IMMUTABLE:
-- none depends on TimeZone, DateStyle or locale (labels compare by bytes).
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.event AS (
	ts pg_catalog.timestamptz,
	label pg_catalog.text,
	value pg_catalog.float8
);
COMMENT ON TYPE @extschema@.event IS
	'one event of a journey: timestamp, label and value (NULL when the event has none)';

-- Accessors.

CREATE FUNCTION @extschema@.length(@extschema@.journey) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'journey_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 10;
CREATE FUNCTION @extschema@.labels(@extschema@.journey) RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'journey_labels' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;
CREATE FUNCTION @extschema@.path(j @extschema@.journey, sep pg_catalog.text DEFAULT ' > ')
	RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'journey_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 200;
CREATE FUNCTION @extschema@.first_touch(@extschema@.journey) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'journey_first_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;
CREATE FUNCTION @extschema@.last_touch(@extschema@.journey) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'journey_last_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;
CREATE FUNCTION @extschema@.first_time(@extschema@.journey) RETURNS pg_catalog.timestamptz
	AS 'MODULE_PATHNAME', 'journey_first_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 25;
CREATE FUNCTION @extschema@.last_time(@extschema@.journey) RETURNS pg_catalog.timestamptz
	AS 'MODULE_PATHNAME', 'journey_last_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 25;
CREATE FUNCTION @extschema@.duration(@extschema@.journey) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'journey_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;
CREATE FUNCTION @extschema@.nth(j @extschema@.journey, n pg_catalog.int4) RETURNS @extschema@.event
	AS 'MODULE_PATHNAME', 'journey_nth' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 150;
CREATE FUNCTION @extschema@.unnest(@extschema@.journey) RETURNS SETOF @extschema@.event
	AS 'MODULE_PATHNAME', 'journey_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 20;

COMMENT ON FUNCTION @extschema@.length(@extschema@.journey) IS 'number of events of the journey';
COMMENT ON FUNCTION @extschema@.labels(@extschema@.journey) IS 'distinct labels of the journey in order of first appearance';
COMMENT ON FUNCTION @extschema@.path(@extschema@.journey, pg_catalog.text) IS 'labels of the journey in event order joined by sep (default '' > ''), quoted like the text form when they need it or contain sep';
COMMENT ON FUNCTION @extschema@.first_touch(@extschema@.journey) IS 'label of the first event (NULL for an empty journey)';
COMMENT ON FUNCTION @extschema@.last_touch(@extschema@.journey) IS 'label of the last event (NULL for an empty journey)';
COMMENT ON FUNCTION @extschema@.first_time(@extschema@.journey) IS 'time of the first event (NULL for an empty journey)';
COMMENT ON FUNCTION @extschema@.last_time(@extschema@.journey) IS 'time of the last event (NULL for an empty journey)';
COMMENT ON FUNCTION @extschema@.duration(@extschema@.journey) IS 'last_time - first_time (NULL for an empty journey)';
COMMENT ON FUNCTION @extschema@.nth(@extschema@.journey, pg_catalog.int4) IS 'event n counting from 1, or from the end if n < 0 (-1 = last); NULL if out of range';
COMMENT ON FUNCTION @extschema@.unnest(@extschema@.journey) IS 'the events of the journey as rows (ts, label, value), in order';

-- Journeys from journeys.

CREATE FUNCTION @extschema@.slice(j @extschema@.journey,
								  from_ts pg_catalog.timestamptz DEFAULT NULL,
								  to_ts pg_catalog.timestamptz DEFAULT NULL)
	RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_slice' LANGUAGE C IMMUTABLE PARALLEL SAFE
	COST 100;
CREATE FUNCTION @extschema@.merge(a @extschema@.journey, b @extschema@.journey)
	RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.collapse(@extschema@.journey) RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_collapse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 150;
CREATE FUNCTION @extschema@.filter(j @extschema@.journey, labels pg_catalog.text[])
	RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_filter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 200;
-- Not strict, so that the default NULL vals means "no values"; NULL ts or
-- labels give NULL.
CREATE FUNCTION @extschema@.make_journey(ts pg_catalog.timestamptz[], labels pg_catalog.text[],
										 vals pg_catalog.float8[] DEFAULT NULL)
	RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.slice(@extschema@.journey, pg_catalog.timestamptz, pg_catalog.timestamptz) IS
	'events with from_ts <= ts < to_ts; a NULL bound is no bound';
COMMENT ON FUNCTION @extschema@.merge(@extschema@.journey, @extschema@.journey) IS
	'all events of both journeys in canonical order (identity stitching); also the || operator';
COMMENT ON FUNCTION @extschema@.collapse(@extschema@.journey) IS
	'each run of consecutive events with the same label as one event at the run''s first time, valued the sum of its values';
COMMENT ON FUNCTION @extschema@.filter(@extschema@.journey, pg_catalog.text[]) IS
	'only the events whose label is in the array';
COMMENT ON FUNCTION @extschema@.make_journey(pg_catalog.timestamptz[], pg_catalog.text[], pg_catalog.float8[]) IS
	'journey from parallel arrays of timestamps, labels and optional values (elements with a NULL timestamp or label are skipped)';

-- Containment: b's label sequence is a subsequence of a's.

CREATE FUNCTION @extschema@.contains(a @extschema@.journey, b @extschema@.journey)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'journey_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 150;
CREATE FUNCTION @extschema@.journey_contained(a @extschema@.journey, b @extschema@.journey)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'journey_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.contains(@extschema@.journey, @extschema@.journey) IS
	'whether b''s labels occur in a in the same order, not necessarily adjacent; also the @> operator';
COMMENT ON FUNCTION @extschema@.journey_contained(@extschema@.journey, @extschema@.journey) IS
	'implementation of <@ operator';

CREATE OPERATOR @extschema@.|| (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.merge,
	COMMUTATOR = OPERATOR(@extschema@.||)
);
CREATE OPERATOR @extschema@.@> (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.contains,
	COMMUTATOR = OPERATOR(@extschema@.<@),
	RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel
);
CREATE OPERATOR @extschema@.<@ (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_contained,
	COMMUTATOR = OPERATOR(@extschema@.@>),
	RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel
);

COMMENT ON OPERATOR @extschema@.|| (@extschema@.journey, @extschema@.journey) IS 'merge two journeys';
COMMENT ON OPERATOR @extschema@.@> (@extschema@.journey, @extschema@.journey) IS 'contains the label sequence as a subsequence';
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.journey, @extschema@.journey) IS 'label sequence is a subsequence of';

-- merge_agg: the merge of a group's journeys, is in merge_agg.sql (its
-- state type, journey_state, and its support functions).
