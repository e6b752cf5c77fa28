SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;

-- ===========================================================================
-- journey.correlation_state: the transition state of funnel_correlation_agg,
-- and its text form (doc/funnels.md)
-- ===========================================================================

-- An aggregate with the transition function and no final function returns
-- the state itself: what a parallel worker or a Citus worker sends.
CREATE AGGREGATE corr_state_of(journey.journey, interval, text[], int) (
	SFUNC = journey.funnel_correlation_trans, STYPE = journey.correlation_state,
	COMBINEFUNC = journey.correlation_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE corr_state_of(journey.journey, interval, text[], int, text) (
	SFUNC = journey.funnel_correlation_attr_trans, STYPE = journey.correlation_state,
	COMBINEFUNC = journey.correlation_state_combine, PARALLEL = SAFE);
-- States merged by the combine function, then the aggregate's final
-- function (the bytea journey.funnel_correlation reads).
CREATE AGGREGATE corr_of_states(journey.correlation_state) (
	SFUNC = journey.correlation_state_combine, STYPE = journey.correlation_state,
	FINALFUNC = journey.funnel_correlation_final);

CREATE TABLE cs_rows (part int, j journey.journey, plan text);
INSERT INTO cs_rows VALUES
	(1, 'a@2026-01-01 10:00:00+00 > x@2026-01-01 10:10:00+00 > b@2026-01-01 10:20:00+00', 'pro'),
	(1, 'a@2026-01-01 10:00:00+00 > x@2026-01-01 10:10:00+00', 'free'),
	(2, 'a@2026-01-01 10:00:00+00 > y@2026-01-01 10:10:00+00', NULL),
	(2, 'x@2026-01-01 09:00:00+00', 'pro'),
	(3, 'a@2026-01-01 10:00:00+00 > y@2026-01-01 10:05:00+00 > b@2026-01-01 10:30:00+00', 'pro'),
	(3, NULL, 'free');

-- The text form is the base64 of the binary form, without line breaks.
-- One customer who converted from a to b with x on the way: version 1,
-- flags 2 (parameters set; 3 = attribute values), window 3600000000 us,
-- step 1, 2 steps "a" and "b", converted 1, dropped 0, 1 label "x" with
-- converted 1, dropped 0.
SELECT corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1) AS state FROM cs_rows WHERE part = 1 AND plan = 'pro';
SELECT encode(journey.correlation_state_send(corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1)), 'hex') AS binary_form
FROM cs_rows WHERE part = 1 AND plan = 'pro';
SELECT decode('AQIAAAAA1pOkAAAAAAEAAAACAAAAAWEAAAABYgAAAAAAAAABAAAAAAAAAAAAAAABAAAAAXgAAAAAAAAAAQAAAAAAAAAA', 'base64')
	= journey.correlation_state_send('AQIAAAAA1pOkAAAAAAEAAAACAAAAAWEAAAABYgAAAAAAAAABAAAAAAAAAAAAAAABAAAAAXgAAAAAAAAAAQAAAAAAAAAA')
	AS text_is_base64_of_binary;
-- The aggregate's result (bytea) is the state's binary form.
SELECT journey.funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1)
	= journey.correlation_state_send(corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1)) AS result_is_binary_form
FROM cs_rows;
-- Labels in order of first count, per part; attribute values.
SELECT part, corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1) FROM cs_rows GROUP BY part ORDER BY part;
SELECT part, corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1, plan) FROM cs_rows GROUP BY part ORDER BY part;
-- text -> state -> text is the identity, and so is the binary round trip
SELECT s::text::journey.correlation_state::text = s::text AS text_round_trip,
	journey.correlation_state_send(s::text::journey.correlation_state) = journey.correlation_state_send(s) AS binary_round_trip
FROM (SELECT corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1, plan) AS s FROM cs_rows) x;

-- States stored per part and merged later give the statistics of all rows.
CREATE TABLE cs_parts AS
	SELECT part, corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1) AS s FROM cs_rows GROUP BY part;
SELECT label, converted, dropped, round(odds_ratio::numeric, 6) AS odds_ratio
FROM journey.funnel_correlation((SELECT corr_of_states(s ORDER BY part DESC) FROM cs_parts));
SELECT label, converted, dropped, round(odds_ratio::numeric, 6) AS odds_ratio
FROM journey.funnel_correlation((SELECT journey.funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1) FROM cs_rows));
-- no rows: no state
SELECT corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1) IS NULL AS empty FROM cs_rows WHERE false;
-- a label state and an attribute state do not combine
SELECT corr_of_states(s) FROM (
	SELECT corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1) FROM cs_rows
	UNION ALL SELECT corr_state_of(j, '1 hour', ARRAY['a', 'b'], 1, plan) FROM cs_rows) v(s);

-- Text input is validated as binary input is (test/pgtap/correlation_state.sql
-- has every case): 22P02.
SELECT 'AQIAAAAA1pOkAAAAAAEAAAACAAAAAWEAAAABYgAAAAAAAAABAAAAAAAAAAAAAAABAAAAAXgAAAAAAAAAAgAAAAAAAAAA'::journey.correlation_state;
SELECT 'AQYAAAAA1pOkAAAAAAEAAAACAAAAAWEAAAABYgAAAAAAAAABAAAAAAAAAAAAAAABAAAAAXgAAAAAAAAAAQAAAAAAAAAA'::journey.correlation_state;
SELECT 'AQIAAAAA1pOkAAAAAAEAAAACAAAAAWEAAAABYgAAAAAAAAABAAAAAAAAAAAAAAABAAAAAXgAAAAAAAAAAQAAAAAAAAA='::journey.correlation_state;

DROP TABLE cs_rows, cs_parts;
DROP AGGREGATE corr_state_of(journey.journey, interval, text[], int);
DROP AGGREGATE corr_state_of(journey.journey, interval, text[], int, text);
DROP AGGREGATE corr_of_states(journey.correlation_state);
