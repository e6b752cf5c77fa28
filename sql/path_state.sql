SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;

-- ===========================================================================
-- journey.path_state: the transition state of the path_after and
-- path_before aggregates, and its text form (doc/paths.md)
-- ===========================================================================

-- An aggregate with the transition function and no final function returns
-- the state itself: what a parallel worker or a Citus worker sends.
CREATE AGGREGATE path_state_of(bigint, text, boolean, integer, text) (
	SFUNC = journey.path_agg_trans, STYPE = journey.path_state,
	COMBINEFUNC = journey.path_state_combine, PARALLEL = SAFE);
-- States merged by the combine function, then path_after's final function.
CREATE AGGREGATE path_after_of_states(journey.path_state) (
	SFUNC = journey.path_state_combine, STYPE = journey.path_state,
	FINALFUNC = journey.path_after_final);
CREATE AGGREGATE path_before_of_states(journey.path_state) (
	SFUNC = journey.path_state_combine, STYPE = journey.path_state,
	FINALFUNC = journey.path_before_final);

CREATE TABLE ps_rows (part int, ts bigint, label text);
INSERT INTO ps_rows VALUES
	(1, 10, 'home'), (1, 40, 'cart'),
	(2, 20, 'search'), (2, 30, 'product'),
	(3, 50, 'checkout'), (3, 5, 'ad');

-- The text form is the base64 of the binary form, without line breaks.
-- One row: version 1, steps 2, occurrence first (1), 1 label "a", 1 event:
-- ts 5, label 0, anchor 1.
SELECT path_state_of(5, 'a', true, 2, 'first') AS state;
SELECT encode(journey.path_state_send(path_state_of(5, 'a', true, 2, 'first')), 'hex') AS binary_form;
SELECT decode('AQAAAAIBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAAE=', 'base64')
	= journey.path_state_send('AQAAAAIBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAAE=') AS text_is_base64_of_binary;
-- Labels in order of first appearance, events in arrival order; 'last' is
-- occurrence 2.
SELECT part, path_state_of(ts, label, label = 'search', 3, 'last') FROM ps_rows GROUP BY part ORDER BY part;
-- text -> state -> text is the identity, and so is the binary round trip
SELECT s::text::journey.path_state::text = s::text AS text_round_trip,
	journey.path_state_send(s::text::journey.path_state) = journey.path_state_send(s) AS binary_round_trip
FROM (SELECT path_state_of(ts, label, label = 'product', 2, 'first') AS s FROM ps_rows) x;

-- States stored per part and merged later give the path of all rows.
CREATE TABLE ps_parts AS
	SELECT part, path_state_of(ts, label, label = 'product', 2, 'first') AS s FROM ps_rows GROUP BY part;
SELECT path_after_of_states(s ORDER BY part DESC) AS after_product,
	path_before_of_states(s ORDER BY part) AS before_product FROM ps_parts;
SELECT journey.path_after(ts, label, label = 'product', 2) AS after_product,
	journey.path_before(ts, label, label = 'product', 2) AS before_product FROM ps_rows;
-- no rows: no state
SELECT path_state_of(ts, label, true, 1, 'first') IS NULL AS empty FROM ps_rows WHERE false;

-- Text input is validated as binary input is (test/pgtap/path_state.sql
-- has every case): 22P02.
SELECT 'AQAAAAIBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAQE='::journey.path_state;
SELECT 'AQAAAAIBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAAI='::journey.path_state;
SELECT 'AQAAAAIBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAAE'::journey.path_state;

DROP TABLE ps_rows, ps_parts;
DROP AGGREGATE path_state_of(bigint, text, boolean, integer, text);
DROP AGGREGATE path_after_of_states(journey.path_state);
DROP AGGREGATE path_before_of_states(journey.path_state);
