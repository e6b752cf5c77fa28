SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;

-- ===========================================================================
-- journey.step_state: the transition state of window_funnel,
-- window_funnel_times, sequence_match and sequence_count, and its text
-- form (doc/funnels.md, "State type")
-- ===========================================================================

-- Aggregates with a transition function and no final function return the
-- state itself: what a parallel worker or a Citus worker sends.
CREATE AGGREGATE funnel_state_of(bigint, text, bigint, VARIADIC boolean[]) (
	SFUNC = journey.funnel_state_mode_trans_int, STYPE = journey.step_state,
	COMBINEFUNC = journey.step_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE sequence_state_of(text, bigint, VARIADIC boolean[]) (
	SFUNC = journey.sequence_state_trans_int, STYPE = journey.step_state,
	COMBINEFUNC = journey.step_state_combine, PARALLEL = SAFE);
-- States merged by the combine function, then a final function.
CREATE AGGREGATE funnel_of_states(journey.step_state) (
	SFUNC = journey.step_state_combine, STYPE = journey.step_state,
	FINALFUNC = journey.funnel_state_final);
CREATE AGGREGATE funnel_times_of_states(journey.step_state) (
	SFUNC = journey.step_state_combine, STYPE = journey.step_state,
	FINALFUNC = journey.funnel_state_times_final_int);
CREATE AGGREGATE sequence_count_of_states(journey.step_state) (
	SFUNC = journey.step_state_combine, STYPE = journey.step_state,
	FINALFUNC = journey.sequence_count_state_final);

CREATE TABLE ss_rows (part int, ts bigint, label text);
INSERT INTO ss_rows VALUES
	(1, 10, 'home'), (1, 40, 'cart'),
	(2, 20, 'search'), (2, 30, 'cart'),
	(3, 50, 'buy'), (3, 5, 'home'), (3, 45, 'ad');

-- The text form is the base64 of the binary form, without line breaks.
-- One row of a funnel with window 100, mode 'strict_order', two steps of
-- which the first holds at time 5: version 2, kind 1 (funnel), flags 7
-- (parameters, rows without a step kept, sorted), nsteps 2, window 100,
-- param_flags 0x202 (2 steps, strict_order), the mode text (12 bytes),
-- 1 event (5, mask 1).
SELECT funnel_state_of(100, 'strict_order', 5, true, false) AS state;
SELECT encode(journey.step_state_send(funnel_state_of(100, 'strict_order', 5, true, false)), 'hex') AS binary_form;
SELECT decode('AgEHAAAAAgAAAAAAAABkAAACAgAAAAxzdHJpY3Rfb3JkZXIAAAABAAAAAAAAAAUAAAAAAAAAAQ==', 'base64')
	= journey.step_state_send('AgEHAAAAAgAAAAAAAABkAAACAgAAAAxzdHJpY3Rfb3JkZXIAAAABAAAAAAAAAAUAAAAAAAAAAQ==') AS text_is_base64_of_binary;
-- The default mode (''): flags 5, rows without a step not kept; events in
-- arrival order, with the sorted flag (bit 2) saying whether that is the
-- step_state order.
SELECT part, funnel_state_of(100, '', ts, label = 'home', label = 'cart', label = 'buy')
FROM ss_rows GROUP BY part ORDER BY part;
-- A sequence state: kind 2, unit 1 (bigint), the pattern as text.
SELECT sequence_state_of('(?1).*(?2)', ts, label = 'home', label = 'buy') FROM ss_rows;
-- text -> state -> text is the identity, and so is the binary round trip
SELECT s::text::journey.step_state::text = s::text AS text_round_trip,
	journey.step_state_send(s::text::journey.step_state) = journey.step_state_send(s) AS binary_round_trip
FROM (SELECT funnel_state_of(100, 'strict_increase', ts, label = 'home', label = 'cart') AS s FROM ss_rows) x;

-- States stored per part and merged later give the answer over all rows.
CREATE TABLE ss_parts AS
	SELECT part, funnel_state_of(100, '', ts, label = 'home', label = 'cart', label = 'buy') AS f,
		sequence_state_of('(?1).*(?2)', ts, label = 'home', label = 'buy') AS s
	FROM ss_rows GROUP BY part;
SELECT funnel_of_states(f ORDER BY part DESC) AS level, funnel_times_of_states(f ORDER BY part) AS times,
	sequence_count_of_states(s ORDER BY part DESC) AS matches FROM ss_parts;
SELECT journey.window_funnel(100, '', ts, label = 'home', label = 'cart', label = 'buy') AS level,
	journey.window_funnel_times(100, '', ts, label = 'home', label = 'cart', label = 'buy') AS times,
	journey.sequence_count('(?1).*(?2)', ts, label = 'home', label = 'buy') AS matches FROM ss_rows;
-- no rows: no state
SELECT funnel_state_of(100, '', ts, true) IS NULL AS empty FROM ss_rows WHERE false;
-- The support functions also work as plain functions, on copies.
SELECT journey.funnel_state_final(journey.funnel_state_trans_int(
		journey.funnel_state_trans_int(NULL, 10, 7, ARRAY[false, true]), 10, 3, ARRAY[true, false])) AS level;
SELECT f::text = (SELECT f FROM ss_parts WHERE part = 3)::text AS unchanged,
	journey.funnel_state_times_final_int(f) AS times
FROM ss_parts WHERE part = 3;

-- Text input is validated as binary input is (test/pgtap/step_state.sql
-- has every case): 22P02.  An unknown kind, a wrong sorted flag, and a
-- base64 text without its padding.
SELECT 'AgMHAAAAAgAAAAAAAABkAAACAgAAAAxzdHJpY3Rfb3JkZXIAAAABAAAAAAAAAAUAAAAAAAAAAQ=='::journey.step_state;
SELECT 'AgEDAAAAAgAAAAAAAABkAAACAgAAAAxzdHJpY3Rfb3JkZXIAAAABAAAAAAAAAAUAAAAAAAAAAQ=='::journey.step_state;
SELECT 'AgEHAAAAAgAAAAAAAABkAAACAgAAAAxzdHJpY3Rfb3JkZXIAAAABAAAAAAAAAAUAAAAAAAAAAQ'::journey.step_state;
-- A state of one aggregate given to another: 22P03.
SELECT journey.sequence_count_state_final(f) FROM ss_parts WHERE part = 1;

DROP TABLE ss_rows, ss_parts;
DROP AGGREGATE funnel_state_of(bigint, text, bigint, VARIADIC boolean[]);
DROP AGGREGATE sequence_state_of(text, bigint, VARIADIC boolean[]);
DROP AGGREGATE funnel_of_states(journey.step_state);
DROP AGGREGATE funnel_times_of_states(journey.step_state);
DROP AGGREGATE sequence_count_of_states(journey.step_state);
