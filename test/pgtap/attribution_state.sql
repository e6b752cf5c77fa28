-- journey.attribution_state, the transition state of markov_model,
-- shapley_model and markov_fit: its text and binary input reject every
-- malformed, truncated or inconsistent state (22P02 text, 22P03 binary,
-- never a crash), and parallel plans give what serial ones give.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(87);

-- ---------------------------------------------------------------------------
-- The aggregates: a real state type, a combine function, no serialization
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	WHERE p.pronamespace = 'journey'::regnamespace
	  AND p.proname IN ('markov_model', 'shapley_model', 'markov_fit')
	  AND a.aggtranstype = 'journey.attribution_state'::regtype
	  AND a.aggcombinefn = 'journey.attribution_state_combine'::regproc
	  AND a.aggserialfn = 0 AND a.aggdeserialfn = 0
	  AND a.aggfinalmodify = 'r' AND p.proparallel = 's'), 14::bigint,
	'markov_model (4), shapley_model (6) and markov_fit (4): state attribution_state, combine, parallel safe');

-- ---------------------------------------------------------------------------
-- Text input: base64 of the binary form
-- ---------------------------------------------------------------------------
-- A markov_model state of order 1: label "a", path [a] converted once.
--   01 | param 1 | no text (-1) | 1 label: len 1 "a" | 1 path: len 1, id 0,
--   conversions 1, value 0, nulls 0
CREATE TEMP TABLE good AS SELECT ('\x01' || '00000001' || 'ffffffff' || '00000001' || '00000001' || '61'
	|| '00000001' || '00000001' || '00000000' || '3ff0000000000000' || '0000000000000000'
	|| '0000000000000000')::bytea AS b;
\ir lib/state_text.sql
CREATE FUNCTION pg_temp.bad(b bytea) RETURNS text LANGUAGE sql
	RETURN 'SELECT ' || quote_literal(pg_temp.st(b)) || '::journey.attribution_state';

SELECT pg_temp.state_text_checks('attribution_state', (SELECT b FROM good),
	'invalid attribution aggregate state');
SELECT throws_ok($$SELECT 'AQ=A'::journey.attribution_state$$, '22P02',
	'invalid input syntax for type attribution_state', 'padding in the middle');
SELECT throws_ok($$SELECT 'AQ=='::journey.attribution_state$$, '22P02', 'invalid attribution aggregate state',
	'only the version byte');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 0, 3) FROM good)), '22P02', 'invalid attribution aggregate state',
	'unknown version');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000b'::bytea FROM 2) FROM good)), '22P02', NULL,
	'order 11');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea || '\x0000000b' || 'conversions'::bytea FROM 2) FROM good)),
	'22P02', NULL, 'a Shapley game over the label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 10) FROM good)), '22P02', NULL,
	'negative label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 10) FROM good)), '22P02', NULL,
	'huge label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00'::bytea FROM 18) FROM good)), '22P02', NULL,
	'NUL byte in a label');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000001'::bytea FROM 27) FROM good)), '22P02', NULL,
	'label id out of range');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 27) FROM good)), '22P02', NULL,
	'negative label id');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 23) FROM good)), '22P02', NULL,
	'empty path');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xbff0000000000000'::bytea FROM 31) FROM good)), '22P02', NULL,
	'negative conversions');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7ff8000000000000'::bytea FROM 39) FROM good)), '22P02', NULL,
	'NaN value');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM good)), '22P02', 'invalid attribution aggregate state',
	'trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 53) FROM good)), '22P02', 'invalid attribution aggregate state',
	'truncated');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea || '\x00000001' || 'a'::bytea
	|| '\x00000001' || 'a'::bytea || '\x00000000' FROM 10) FROM good)), '22P02', NULL, 'a label twice');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea FROM 19) || substr(b, 23) FROM good)), '22P02', NULL,
	'a path twice');

-- ---------------------------------------------------------------------------
-- The chain form (version 2) of a markov state: the same state as good once
-- it leaves a process.  Byte positions (1-based, for overlay):
--   1 version 02 | 2 order 1 | 6 one label: 10 len 1, 14 "a"
--   15 total conversions 1 | 23 its compensation | 31 total value | 39 comp.
--   47 two states:
--     51 start: key -2, 55 depth 0, 59 conversions, 67 value, 75 nulls 0
--     83 [a]: key 0, 87 depth 1, 91 conversions 1, 99 value 0, 107 nulls 0
--   115 one transition: 119 from 0, 123 to 1, 127 weight 1
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE chain AS SELECT ('\x02' || '00000001' || '00000001' || '00000001' || '61'
	|| '3ff0000000000000' || '0000000000000000' || '0000000000000000' || '0000000000000000'
	|| '00000002'
	|| 'fffffffe' || '00000000' || '0000000000000000' || '0000000000000000' || '0000000000000000'
	|| '00000000' || '00000001' || '3ff0000000000000' || '0000000000000000' || '0000000000000000'
	|| '00000001' || '00000000' || '00000001' || '3ff0000000000000')::bytea AS b;
CREATE AGGREGATE pg_temp.markov_state(text[], float8, float8, float8, integer) (
	SFUNC = journey.markov_trans, STYPE = journey.attribution_state,
	COMBINEFUNC = journey.attribution_state_combine, PARALLEL = SAFE);
SELECT is((SELECT pg_temp.markov_state(ARRAY['a'], 1, 0, 0, 1)::text), (SELECT pg_temp.st(b) FROM chain),
	'a markov state leaves the aggregate in the chain form');
SELECT is((SELECT pg_temp.st(b)::journey.attribution_state::text FROM chain), (SELECT pg_temp.st(b) FROM chain),
	'text round trip of a chain');
SELECT is((SELECT pg_temp.markov_state(p, 1, 0, 0, 1)::text FROM (VALUES (ARRAY['a']), (ARRAY['a', 'a'])) v(p)),
	(SELECT pg_temp.st(overlay(overlay(overlay(overlay(b PLACING '\x4000000000000000'::bytea FROM 15)
		PLACING '\x00000002'::bytea FROM 87) PLACING '\x4000000000000000'::bytea FROM 91)
		PLACING '\x4000000000000000'::bytea FROM 127)) FROM chain),
	'repeats merge into one state: weights add up, depth is the longest position');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 2) FROM chain)), '22P02', NULL, 'chain: order 0');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000b'::bytea FROM 2) FROM chain)), '22P02', NULL, 'chain: order 11');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7ff8000000000000'::bytea FROM 15) FROM chain)), '22P02', NULL,
	'chain: a total not a number');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x4000000000000000'::bytea FROM 15) FROM chain)), '22P02', NULL,
	'chain: total conversions that do not add up');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 47) FROM chain)), '22P02', NULL,
	'chain: no start state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 47) FROM chain)), '22P02', NULL,
	'chain: a state count over the limit');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 51) FROM chain)), '22P02', NULL,
	'chain: the first state is not start');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x3ff0000000000000'::bytea FROM 75) FROM chain)), '22P02', NULL,
	'chain: amounts on the start state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000001'::bytea FROM 83) FROM chain)), '22P02', NULL,
	'chain: a label id out of range');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xfffffffe'::bytea FROM 83) FROM chain)), '22P02', NULL,
	'chain: a second start state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 87) FROM chain)), '22P02', NULL,
	'chain: a depth that does not match the key');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xbff0000000000000'::bytea FROM 107) FROM chain)), '22P02', NULL,
	'chain: negative nulls');
SELECT throws_ok(pg_temp.bad((SELECT overlay(overlay(b PLACING '\x4000000000000000'::bytea FROM 91)
		PLACING '\x4000000000000000'::bytea FROM 15) FROM chain)), '22P02', NULL,
	'chain: a state with more weight out than in');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 46) || '\x00000003'::bytea || substr(b, 51, 64) || substr(b, 83, 32)
		|| substr(b, 115) FROM chain)), '22P02', NULL, 'chain: a state twice');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 123) FROM chain)), '22P02', NULL,
	'chain: a transition into start');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000005'::bytea FROM 119) FROM chain)), '22P02', NULL,
	'chain: a transition from a state out of range');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000000000'::bytea FROM 127) FROM chain)), '22P02', NULL,
	'chain: a transition of weight 0');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 114) || '\x00000002'::bytea || substr(b, 119, 16) || substr(b, 119, 16)
		FROM chain)), '22P02', NULL, 'chain: a transition twice');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM chain)), '22P02', NULL, 'chain: trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 100) FROM chain)), '22P02', NULL, 'chain: truncated');
-- order 2, path [a, b]: labels at 10 and 15, states (36 bytes each) start
-- at 56, [a] at 92, [a, b] at 128; [a] -> [b, a] is not a step of the chain
-- (the state after [a] starts with a)
CREATE TEMP TABLE chain2 AS SELECT ('\x' || encode(journey.attribution_state_send(pg_temp.markov_state(ARRAY['a', 'b'], 1, 0, 0, 2)), 'hex'))::bytea AS b;
SELECT is((SELECT get_byte(b, 0) FROM chain2), 2, 'an order 2 state in the chain form');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000100000000'::bytea FROM 128) FROM chain2)), '22P02',
	'invalid attribution aggregate state', 'chain: a transition that is not a step of the chain');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff00000000'::bytea FROM 92) FROM chain2)), '22P02', NULL,
	'chain: padding before a label');
CREATE AGGREGATE pg_temp.shapley_of_states(journey.attribution_state) (
	SFUNC = journey.attribution_state_combine, STYPE = journey.attribution_state,
	FINALFUNC = journey.shapley_final);
SELECT throws_ok($$SELECT pg_temp.shapley_of_states(pg_temp.st(b)::journey.attribution_state) FROM chain$$, '22P03', NULL,
	'a chain is not a shapley_model state');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as the recv
-- function
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.attribution_state);
\ir lib/recv.sql
SELECT is(pg_temp.recv((SELECT b FROM good)), (SELECT pg_temp.st(b) FROM good), 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid attribution aggregate state', 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 0, 3) FROM good))$$, '22P03', NULL, 'binary: unknown version');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 10) FROM good))$$, '22P03', NULL,
	'binary: negative label count');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x00000001'::bytea FROM 27) FROM good))$$, '22P03', NULL,
	'binary: label id out of range');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x00000002'::bytea FROM 19) || substr(b, 23) FROM good))$$,
	'22P03', NULL, 'binary: a path twice');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b || '\x00'::bytea FROM good))$$, '22P03', NULL, 'binary: trailing byte');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT substr(b, 1, 30) FROM good))$$, '22P03', NULL, 'binary: truncated');
SELECT is(pg_temp.recv((SELECT b FROM chain)), (SELECT pg_temp.st(b) FROM chain), 'chain, binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x00000001'::bytea FROM 83) FROM chain))$$, '22P03', NULL,
	'chain, binary: a label id out of range');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x4000000000000000'::bytea FROM 91) FROM chain))$$, '22P03', NULL,
	'chain, binary: weights that do not add up');

-- The support functions run only inside an aggregate.
SELECT throws_ok($$SELECT journey.markov_final((SELECT pg_temp.st(b) FROM good)::journey.attribution_state)$$,
	'0A000', NULL, 'a final function outside an aggregate');
SELECT throws_ok($$SELECT journey.attribution_state_combine(NULL, NULL)$$, '0A000', NULL,
	'the combine function outside an aggregate');

-- A state given to an aggregate of the user: combine as the transition
-- function over stored states (flat values), markov_final as the final.
CREATE AGGREGATE pg_temp.markov_of_states(journey.attribution_state) (
	SFUNC = journey.attribution_state_combine, STYPE = journey.attribution_state,
	FINALFUNC = journey.markov_final);
SELECT is((SELECT (pg_temp.markov_of_states(s))[1]::text
	FROM (SELECT pg_temp.st(b)::journey.attribution_state FROM good, generate_series(1, 3)) v(s)),
	'(a,3,0,1)', 'stored states combined by an aggregate of the user');
SELECT is((SELECT (pg_temp.markov_of_states(s))[1]::text
	FROM (SELECT pg_temp.st(b)::journey.attribution_state FROM good UNION ALL SELECT pg_temp.st(b)::journey.attribution_state FROM chain
		UNION ALL SELECT pg_temp.st(b)::journey.attribution_state FROM good) v(s)),
	'(a,3,0,1)', 'states in the paths and chain forms combine');

-- ---------------------------------------------------------------------------
-- Parallel plans: partial states cross from the workers as attribution_state
-- values; the results equal the serial ones
-- ---------------------------------------------------------------------------
CREATE TABLE par_paths AS
SELECT g, string_to_array((ARRAY['web email', 'store', 'web sms email', 'email store web'])[1 + g % 4]
	|| ' ' || (ARRAY['direct', 'social', 'web'])[1 + g % 3], ' ') AS path,
	(g % 5 = 0)::int::float8 AS conv, (g % 7)::float8 AS val, (g % 5 <> 0)::int::float8 AS nulls
FROM generate_series(1, 20000) g;
ANALYZE par_paths;
-- credits to 9 digits: sums may be added in another order
CREATE FUNCTION pg_temp.c(r journey.credit[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (SELECT string_agg(format('%s %s %s %s', c.label, round(c.conversions::numeric, 9),
		round(c.value::numeric, 9), round(c.weight::numeric, 9)), ', ' ORDER BY c.label) FROM unnest(r) c);
-- STABLE: its query may then run in parallel
CREATE FUNCTION pg_temp.results() RETURNS TABLE (what text, r text) LANGUAGE sql STABLE AS $$
	SELECT 'markov', pg_temp.c(journey.markov_model(path, conv, val, nulls)) FROM par_paths
	UNION ALL SELECT 'markov order 2', pg_temp.c(journey.markov_model(path, conv, val, nulls, 2)) FROM par_paths
	UNION ALL SELECT 'shapley', pg_temp.c(journey.shapley_model(path, conv, val, nulls)) FROM par_paths
	UNION ALL SELECT 'shapley rate', pg_temp.c(journey.shapley_model(path, conv, val, nulls, 'conversion_rate')) FROM par_paths
	UNION ALL SELECT 'markov_fit', round(journey.conversion_probability(journey.markov_fit(path, conv, val, nulls, 2),
		'{web,email}'::text[])::numeric, 9)::text FROM par_paths
	UNION ALL SELECT 'by g % 3 ' || g % 3, pg_temp.c(journey.markov_model(path, conv, val, nulls)) FROM par_paths GROUP BY g % 3
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM pg_temp.results();
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
\ir lib/plan.sql
SELECT matches(pg_temp.plan('SELECT journey.markov_model(path, conv, val, nulls) FROM par_paths'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'markov_model: a parallel plan');
SELECT matches(pg_temp.plan('SELECT journey.markov_fit(path, conv, val, nulls) FROM par_paths'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'markov_fit: a parallel plan');
SELECT matches(pg_temp.plan('SELECT journey.shapley_model(path, conv, val, nulls, ''conversion_rate'') FROM par_paths'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'shapley_model: a parallel plan');
CREATE TEMP TABLE parallel_res AS SELECT * FROM pg_temp.results();
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM serial_res), 8::bigint, 'eight serial results');
SELECT set_eq('SELECT * FROM parallel_res', 'SELECT * FROM serial_res', 'parallel results equal serial ones');

-- ---------------------------------------------------------------------------
-- The expanded state in other plan shapes: a window aggregate (the final
-- function reads the state between updates in place), grouping sets, and
-- partitionwise aggregation (partial states handed to the combine function
-- as read-only expanded objects, in the same process)
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(r ORDER BY g) FROM (
		SELECT g, pg_temp.c(journey.markov_model(path, conv, val, nulls) OVER (ORDER BY g)) AS r
		FROM par_paths WHERE g <= 40) w WHERE g IN (10, 25, 40)),
	(SELECT array_agg((SELECT pg_temp.c(journey.markov_model(path, conv, val, nulls)) FROM par_paths WHERE g <= n) ORDER BY n)
		FROM unnest(ARRAY[10, 25, 40]) n),
	'markov_model as a running window aggregate equals the aggregate of each prefix');
SELECT set_eq($$SELECT g % 3 AS a, g % 2 AS b, pg_temp.c(journey.shapley_model(path, conv, val, nulls)) AS r
		FROM par_paths GROUP BY GROUPING SETS ((g % 3), (g % 2), ())$$,
	$$SELECT g % 3 AS a, NULL::int AS b, pg_temp.c(journey.shapley_model(path, conv, val, nulls)) AS r FROM par_paths GROUP BY 1
	  UNION ALL SELECT NULL, g % 2, pg_temp.c(journey.shapley_model(path, conv, val, nulls)) FROM par_paths GROUP BY 2
	  UNION ALL SELECT NULL, NULL, pg_temp.c(journey.shapley_model(path, conv, val, nulls)) FROM par_paths$$,
	'shapley_model over grouping sets');
CREATE TABLE part_paths (k int, g int, path text[], conv float8, val float8, nulls float8) PARTITION BY LIST ((g % 2));
CREATE TABLE part_paths_0 PARTITION OF part_paths FOR VALUES IN (0);
CREATE TABLE part_paths_1 PARTITION OF part_paths FOR VALUES IN (1);
INSERT INTO part_paths SELECT g % 3, g, path, conv, val, nulls FROM par_paths;
ANALYZE part_paths;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan('SELECT k, journey.markov_model(path, conv, val, nulls) FROM part_paths GROUP BY k'),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: partial aggregates per partition');
SELECT set_eq($$SELECT k, pg_temp.c(journey.markov_model(path, conv, val, nulls)) AS r FROM part_paths GROUP BY k$$,
	$$SELECT g % 3 AS k, pg_temp.c(journey.markov_model(path, conv, val, nulls)) AS r FROM par_paths GROUP BY 1$$,
	'partitionwise markov_model equals markov_model over one table');
-- ---------------------------------------------------------------------------
-- Sums beyond float8's range: 22003 with PostgreSQL's message for float8
-- addition, never an infinity in a state (which no state reader accepts:
-- the aggregate-state fuzzer found a combined state written that way) nor
-- a Markov solve over one (it used to run a million sweeps and report
-- 54000) nor Shapley credits of infinity or NaN
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT journey.markov_model(p, c, 0, 0)
	FROM (VALUES (ARRAY['a'], 1e308::float8), (ARRAY['a'], 1e308)) v(p, c)$$,
	'22003', 'value out of range: overflow', 'markov_model: a path''s conversions summed past float8');
SELECT throws_ok($$SELECT journey.markov_model(ARRAY['a', 'b', 'a', 'b'], 0, 0, 1e308)$$,
	'22003', 'value out of range: overflow', 'markov_model: a transition taken twice by a path of weight 1e308');
SELECT throws_ok($$SELECT journey.markov_model(p, 0, v, 1)
	FROM (VALUES (ARRAY['a'], 1e308::float8), (ARRAY['b'], 1e308)) x(p, v)$$,
	'22003', 'value out of range: overflow', 'markov_model: the total value of two paths past float8');
SELECT throws_ok($$SELECT journey.markov_fit(p, 0, 0, n)
	FROM (VALUES (ARRAY['a'], 1e308::float8), (ARRAY['a'], 1e308)) x(p, n)$$,
	'22003', 'value out of range: overflow', 'markov_fit: a path''s nulls summed past float8');
-- every sum in the state finite, but the weight leaving s (two paths
-- through it from two sides) not: the answer used to be 0 for every label
SELECT throws_ok($$SELECT journey.markov_model(p, c, 0, n)
	FROM (VALUES (ARRAY['a', 's', 't1'], 1e300::float8, 1e308::float8), (ARRAY['b', 's', 't2'], 1e300, 1e308)) x(p, c, n)$$,
	'22003', 'value out of range: overflow', 'markov_model: the weight leaving a state past float8');
SELECT throws_ok($$SELECT journey.markov_fit(p, c, 0, n)
	FROM (VALUES (ARRAY['a', 's', 't1'], 1e300::float8, 1e308::float8), (ARRAY['b', 's', 't2'], 1e300, 1e308)) x(p, c, n)$$,
	'22003', 'value out of range: overflow', 'markov_fit: the weight leaving a state past float8');
SELECT throws_ok($$SELECT journey.shapley_model(p, c, 0)
	FROM (VALUES (ARRAY['a'], 1e308::float8), (ARRAY['b'], 1e308)) v(p, c)$$,
	'22003', 'value out of range: overflow', 'shapley_model: the conversions of two paths past float8');
SELECT throws_ok($$SELECT journey.shapley_model(p, c, 0, n, 'conversion_rate')
	FROM (VALUES (ARRAY['a'], 1e308::float8, 0::float8), (ARRAY['b'], 1, 1e308)) v(p, c, n)$$,
	'22003', 'value out of range: overflow', 'shapley_model: conversions and nulls past float8 together');
SELECT is((SELECT string_agg(format('%s %s %s', c.label, c.conversions, round(c.weight::numeric, 6)), ', '
				ORDER BY c.label)
	FROM (SELECT journey.shapley_model(p, c, 0) AS r
		  FROM (VALUES (ARRAY['a'], 1e308::float8), (ARRAY['b'], 1e307)) v(p, c)) s, unnest(s.r) c),
	'a 1e+308 0.909091, b 1e+307 0.090909',
	'shapley_model: large sums within float8 are credited as usual');
-- Each partition's state finite, their combination not: the combine
-- function raises 22003 too.
-- (the same 20,000 rows of par_paths besides, so that the planner picks the
-- partial plan)
CREATE TABLE big_paths (k int, g int, path text[], conv float8) PARTITION BY LIST ((g % 2));
CREATE TABLE big_paths_0 PARTITION OF big_paths FOR VALUES IN (0);
CREATE TABLE big_paths_1 PARTITION OF big_paths FOR VALUES IN (1);
INSERT INTO big_paths SELECT 1, g, path, conv FROM par_paths;
INSERT INTO big_paths VALUES (1, 0, ARRAY['a', 'b'], 1e308), (1, 1, ARRAY['a', 'b'], 1e308);
ANALYZE big_paths;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan('SELECT k, journey.markov_model(path, conv, 0, 0) FROM big_paths GROUP BY k'),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: one partial state per partition');
SELECT throws_ok($$SELECT k, journey.markov_model(path, conv, 0, 0) FROM big_paths GROUP BY k$$,
	'22003', 'value out of range: overflow', 'markov_model: combining two finite states past float8');
SELECT throws_ok($$SELECT k, journey.shapley_model(path, conv, 0) FROM big_paths GROUP BY k$$,
	'22003', 'value out of range: overflow', 'shapley_model: combining two finite states past float8');
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
