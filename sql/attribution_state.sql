SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET extra_float_digits = 0;

-- ===========================================================================
-- journey.attribution_state: the transition state of markov_model,
-- shapley_model and markov_fit, and its text form (doc/attribution.md)
-- ===========================================================================

-- An aggregate with the transition function and no final function returns
-- the state itself: what a parallel worker or a Citus worker sends.
CREATE AGGREGATE markov_state(text[], float8, float8, float8, integer) (
	SFUNC = journey.markov_trans, STYPE = journey.attribution_state,
	COMBINEFUNC = journey.attribution_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE shapley_state(text[], float8, float8, float8, text) (
	SFUNC = journey.shapley_trans, STYPE = journey.attribution_state,
	COMBINEFUNC = journey.attribution_state_combine, PARALLEL = SAFE);
-- States merged by the combine function, then Markov's final function.
CREATE AGGREGATE markov_of_states(journey.attribution_state) (
	SFUNC = journey.attribution_state_combine, STYPE = journey.attribution_state,
	FINALFUNC = journey.markov_final);

CREATE TABLE st_paths (month int, path text[], conv float8, val float8, nulls float8);
INSERT INTO st_paths VALUES
	(1, '{a,b}', 1, 10, 0),
	(1, '{a}', 0, 0, 1),
	(2, '{b,c}', 1, 20, 1),
	(2, '{c}', 0, 0, 2),
	(3, '{a,c}', 2, 30, 0),
	(3, '{a,b}', 1, 5, 0);

-- The text form is the base64 of the binary form, without line breaks.
-- A markov state leaves the aggregate in the chain form.  One path, one
-- label: version 2, order 1, 1 label "a", total conversions 1 and value 2
-- (compensations 0), 2 states: start (key -2, depth 0, no amounts) and [a]
-- (key 0, depth 1, conversions 1, value 2, nulls 0.5), 1 transition
-- start -> [a] of weight 1.5.
SELECT markov_state(ARRAY['a'], 1, 2, 0.5, 1) AS state;
SELECT encode(journey.attribution_state_send(markov_state(ARRAY['a'], 1, 2, 0.5, 1)), 'hex') AS binary_form;
-- The paths form (version 1: order 1, no game (-1), 1 label "a", 1 path [0]
-- with conversions 1, value 2, nulls 0.5), the state of shapley_model, is
-- read for markov_model too and combines with chains.
SELECT decode('AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAAAP/AAAAAAAABAAAAAAAAAAD/gAAAAAAAA', 'base64')
	= journey.attribution_state_send('AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAAAP/AAAAAAAABAAAAAAAAAAD/gAAAAAAAA') AS text_is_base64_of_binary;
SELECT (unnest(markov_of_states(s))).* FROM (
	SELECT 'AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAAAP/AAAAAAAABAAAAAAAAAAD/gAAAAAAAA'::journey.attribution_state
	UNION ALL SELECT markov_state(ARRAY['a'], 1, 2, 0.5, 1)) v(s);
-- Labels in order of first appearance, states likewise; a Shapley game is
-- kept as text.
SELECT month, markov_state(path, conv, val, nulls, 2) FROM st_paths GROUP BY month ORDER BY month;
SELECT shapley_state(path, conv, val, nulls, 'conversion_rate') FROM st_paths;
-- text -> state -> text is the identity, and so is the binary round trip
SELECT s::text::journey.attribution_state::text = s::text AS text_round_trip,
	journey.attribution_state_send(s::text::journey.attribution_state) = journey.attribution_state_send(s) AS binary_round_trip
FROM (SELECT markov_state(path, conv, val, nulls, 2) AS s FROM st_paths) x;

-- States stored per month and merged later give the model of all paths.
CREATE TABLE st_monthly AS SELECT month, markov_state(path, conv, val, nulls, 1) AS s FROM st_paths GROUP BY month;
SELECT (unnest(markov_of_states(s))).* FROM st_monthly;
SELECT (unnest(journey.markov_model(path, conv, val, nulls))).* FROM st_paths;
-- no rows: no state
SELECT markov_state(path, conv, val, nulls, 1) IS NULL AS empty FROM st_paths WHERE false;

-- Text input is validated as binary input is (test/pgtap/attribution_state.sql
-- has every case): 22P02.
SELECT 'AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAABP/AAAAAAAABAAAAAAAAAAD/gAAAAAAAA'::journey.attribution_state;
SELECT 'AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAAAP/AAAAAAAABAAAAAAAAAAD/gAAAAAAAA='::journey.attribution_state;
SELECT 'AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAAAP/AAAAAAAABAAAAAAAAAAD/gAAAAAAA*'::journey.attribution_state;

DROP TABLE st_paths, st_monthly;
DROP AGGREGATE markov_state(text[], float8, float8, float8, integer);
DROP AGGREGATE shapley_state(text[], float8, float8, float8, text);
DROP AGGREGATE markov_of_states(journey.attribution_state);
