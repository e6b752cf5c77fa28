SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;

-- ===========================================================================
-- journey.journey_state: the transition state of merge_agg, and its text
-- form (doc/journey.md)
-- ===========================================================================

-- An aggregate with the transition function and no final function returns
-- the state itself: what a parallel worker or a Citus worker sends.
CREATE AGGREGATE journey_state_of(journey.journey) (
	SFUNC = journey.journey_merge_agg_trans, STYPE = journey.journey_state,
	COMBINEFUNC = journey.journey_state_combine, PARALLEL = SAFE);
-- States merged by the combine function, then merge_agg's final function.
CREATE AGGREGATE merge_of_states(journey.journey_state) (
	SFUNC = journey.journey_state_combine, STYPE = journey.journey_state,
	FINALFUNC = journey.journey_merge_agg_final);

CREATE TABLE js_rows (part int, j journey.journey);
INSERT INTO js_rows VALUES
	(1, 'web@2026-01-01 10:00:00+00 > email@2026-01-02 10:00:00+00'),
	(1, 'store@2026-01-01 09:00:00+00=20'),
	(2, 'email@2026-01-03 10:00:00+00 > web@2026-01-04 10:00:00+00'),
	(3, ''),
	(3, NULL),
	(4, NULL);

-- The text form is the base64 of the binary form, without line breaks.
-- One journey of one event: version 1, flags 0 (no values), 1 label "a",
-- 1 event: ts 1 (microseconds since 2000-01-01), label 0.
SELECT journey_state_of('a@2000-01-01 00:00:00.000001+00') AS state;
SELECT encode(journey.journey_state_send(journey_state_of('a@2000-01-01 00:00:00.000001+00')), 'hex') AS binary_form;
SELECT decode('AQAAAAABAAAAAWEAAAABAAAAAAAAAAEAAAAA', 'base64')
	= journey.journey_state_send('AQAAAAABAAAAAWEAAAABAAAAAAAAAAEAAAAA') AS text_is_base64_of_binary;
-- With a value: flags 1, and per event a has-value byte and the float8.
SELECT encode(journey.journey_state_send(journey_state_of('a@2000-01-01 00:00:00.000001+00=1.5')), 'hex') AS with_value;
-- Labels in order of first appearance, events in arrival order (sorted
-- only by the final function); a group of empty journeys has a state with
-- no event, a group of NULLs none.
SELECT part, coalesce(journey_state_of(j)::text, '(null)') AS state FROM js_rows GROUP BY part ORDER BY part;
-- text -> state -> text is the identity, and so is the binary round trip
SELECT s::text::journey.journey_state::text = s::text AS text_round_trip,
	journey.journey_state_send(s::text::journey.journey_state) = journey.journey_state_send(s) AS binary_round_trip
FROM (SELECT journey_state_of(j) AS s FROM js_rows) x;

-- States stored per part and merged later give the merge of all journeys.
CREATE TABLE js_parts AS SELECT part, journey_state_of(j) AS s FROM js_rows GROUP BY part;
SELECT merge_of_states(s ORDER BY part DESC)::text AS merged_states FROM js_parts;
SELECT journey.merge_agg(j)::text AS merge_agg FROM js_rows;
SELECT part, coalesce(merge_of_states(s)::text, '(null)') AS per_part FROM js_parts GROUP BY part ORDER BY part;
-- no rows: no state
SELECT journey_state_of(j) IS NULL AS empty FROM js_rows WHERE false;

-- Text input is validated as binary input is (test/pgtap/journey_state.sql
-- has every case): 22P02.
SELECT 'AQAAAAABAAAAAWEAAAABAAAAAAAAAAEAAAAB'::journey.journey_state;
SELECT 'AQEAAAABAAAAAWEAAAABAAAAAAAAAAEAAAAAAA=='::journey.journey_state;
SELECT 'AQAAAAABAAAAAWEAAAABAAAAAAAAAAEAAAAA='::journey.journey_state;

DROP TABLE js_rows, js_parts;
DROP AGGREGATE journey_state_of(journey.journey);
DROP AGGREGATE merge_of_states(journey.journey_state);
