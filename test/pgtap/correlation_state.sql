-- journey.correlation_state, the transition state of funnel_correlation_agg:
-- its text and binary input reject every malformed, truncated or
-- inconsistent state (22P02 text, 22P03 binary, never a crash), and
-- parallel plans, window use, grouping sets and partitionwise aggregation
-- give what serial plans give.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(44);

-- ---------------------------------------------------------------------------
-- Text input: base64 of the binary form
-- ---------------------------------------------------------------------------
-- One customer who converted from step a to b with label x on the way:
-- 01 | flags 02 (parameters) | window 3600000000 | step 1 | 2 steps: "a",
-- "b" | converted 1 | dropped 0 | 1 label: "x", converted 1, dropped 0.
-- Byte positions (1-based): flags 2, window 3, step 11, nsteps 15, first
-- step label 23, totals 29 and 37, label count 45, label length 49, label
-- 53, its counts 54 and 62; 69 bytes.
CREATE TEMP TABLE good AS SELECT ('\x01' || '02' || '00000000d693a400' || '00000001' || '00000002'
	|| '00000001' || '61' || '00000001' || '62' || '0000000000000001' || '0000000000000000'
	|| '00000001' || '00000001' || '78' || '0000000000000001' || '0000000000000000')::bytea AS b;
\ir lib/state_text.sql
CREATE FUNCTION pg_temp.bad(b bytea) RETURNS text LANGUAGE sql
	RETURN 'SELECT ' || quote_literal(pg_temp.st(b)) || '::journey.correlation_state';

SELECT pg_temp.state_text_checks('correlation_state', (SELECT b FROM good),
	'invalid funnel_correlation state: truncated');
SELECT is((SELECT journey.funnel_correlation_agg('a@2026-01-01 10:00:00+00 > x@2026-01-01 10:10:00+00 > b@2026-01-01 10:20:00+00',
	'1 hour', ARRAY['a', 'b'], 1)), (SELECT b FROM good), 'the aggregate returns the binary form');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 0, 2) FROM good)), '22P02',
	'invalid funnel_correlation state: unsupported version', 'unknown version');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 6) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid flags', 'reserved flag bit');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 0) FROM good)), '22P02',
	'invalid funnel_correlation state: parameters without the parameters flag', 'parameters without their flag');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffffffffffff'::bytea FROM 3) FROM good)), '22P02',
	'invalid funnel_correlation state: negative window', 'negative window');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea FROM 11) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid steps', 'step out of range');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000001'::bytea FROM 15) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid steps', 'one step');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 19) FROM good)), '22P02',
	'invalid funnel_correlation state: truncated', 'step label longer than the state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00'::bytea FROM 23) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid step label', 'NUL byte in a step label');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffffffffffff'::bytea FROM 29) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid totals', 'negative total');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0020000000000001'::bytea FROM 37) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid totals', 'total above 2^53');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 45) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid number of labels', 'huge label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 45) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid number of labels', 'negative label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 49) FROM good)), '22P02',
	'invalid funnel_correlation state: truncated', 'negative label length');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00'::bytea FROM 53) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid label', 'NUL byte in a label');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000000002'::bytea FROM 54) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid label counts', 'label count above the total');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000000000'::bytea FROM 54) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid label counts', 'a label counted for nobody');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffffffffffff'::bytea FROM 62) FROM good)), '22P02',
	'invalid funnel_correlation state: invalid label counts', 'negative label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea FROM 45) || '\x00000001'::bytea || 'x'::bytea
	|| '\x0000000000000001'::bytea || '\x0000000000000000'::bytea FROM good)), '22P02',
	'invalid funnel_correlation state: duplicate label', 'a label twice');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM good)), '22P02',
	'invalid funnel_correlation state: trailing bytes', 'trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 68) FROM good)), '22P02',
	'invalid funnel_correlation state: truncated', 'truncated');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as the recv
-- function
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.correlation_state);
\ir lib/recv.sql
SELECT is(pg_temp.recv((SELECT b FROM good)), (SELECT pg_temp.st(b) FROM good), 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid funnel_correlation state: truncated', 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 0, 2) FROM good))$$, '22P03', NULL, 'binary: unknown version');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x0000000000000002'::bytea FROM 54) FROM good))$$, '22P03', NULL,
	'binary: label count above the total');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b || '\x00'::bytea FROM good))$$, '22P03', NULL, 'binary: trailing byte');

-- The support functions run only inside an aggregate.
SELECT throws_ok($$SELECT journey.funnel_correlation_final((SELECT pg_temp.st(b) FROM good)::journey.correlation_state)$$,
	'0A000', NULL, 'a final function outside an aggregate');
SELECT throws_ok($$SELECT journey.correlation_state_combine(NULL, NULL)$$, '0A000', NULL,
	'the combine function outside an aggregate');

-- A state given to an aggregate of the user: combine as the transition
-- function over stored states (flat values), the aggregate's final function.
CREATE AGGREGATE pg_temp.corr_of_states(journey.correlation_state) (
	SFUNC = journey.correlation_state_combine, STYPE = journey.correlation_state,
	FINALFUNC = journey.funnel_correlation_final);
SELECT results_eq($$SELECT label, converted, dropped FROM journey.funnel_correlation((SELECT pg_temp.corr_of_states(s)
	FROM (SELECT pg_temp.st(b)::journey.correlation_state FROM good, generate_series(1, 3)) v(s)))$$,
	$$VALUES ('x'::text, 3::bigint, 0::bigint)$$, 'stored states combined by an aggregate of the user');
-- and states of other parameters do not combine
SELECT throws_ok($$SELECT pg_temp.corr_of_states(s) FROM (VALUES ((SELECT pg_temp.st(b) FROM good)::journey.correlation_state),
	((SELECT pg_temp.st(overlay(b PLACING '\x0000000000000001'::bytea FROM 3)) FROM good)::journey.correlation_state)) v(s)$$,
	'22023', NULL, 'states of different windows');

-- ---------------------------------------------------------------------------
-- Parallel plans: partial states cross from the workers as
-- correlation_state values; the results equal the serial ones
-- ---------------------------------------------------------------------------
CREATE TABLE par_j AS
SELECT g, (ARRAY['gold', 'silver', NULL])[1 + g % 3] AS plan,
	journey.journey_agg('2026-01-01'::timestamptz + ((g * 7 + h * 13) % 1000) * interval '1 minute',
		(ARRAY['web', 'email', 'store', 'sms', 'search', 'ad' || g % 40])[1 + (g + h) % 6]) AS j
FROM generate_series(1, 3000) g, generate_series(1, 1 + g % 7) h GROUP BY g;
INSERT INTO par_j VALUES (3001, 'gold', NULL);
ANALYZE par_j;
-- The rows of a result, which do not depend on the order in which states
-- were combined (the order of the labels in the bytes does).
CREATE FUNCTION pg_temp.canon(b bytea) RETURNS text LANGUAGE sql IMMUTABLE
	RETURN (SELECT string_agg(c::text, ';' ORDER BY c::text) FROM journey.funnel_correlation(b) c);
-- STABLE: its query may then run in parallel
CREATE FUNCTION pg_temp.results() RETURNS TABLE (what text, r text) LANGUAGE sql STABLE AS $$
	SELECT 'labels', pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email', 'store'], 1)) FROM par_j
	UNION ALL SELECT 'attribute', pg_temp.canon(journey.funnel_correlation_agg(j, interval '3 hours', ARRAY['web', 'sms'], 1, plan)) FROM par_j
	UNION ALL SELECT 'by g % 5 ' || g % 5, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['email', 'store', 'web'], 2))
		FROM par_j GROUP BY g % 5
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM pg_temp.results();
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
\ir lib/plan.sql
SELECT matches(pg_temp.plan($$SELECT journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email', 'store'], 1) FROM par_j$$),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'funnel_correlation_agg: a parallel plan');
SELECT matches(pg_temp.plan($$SELECT journey.funnel_correlation_agg(j, interval '3 hours', ARRAY['web', 'sms'], 1, plan) FROM par_j$$),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'funnel_correlation_agg of attribute values: a parallel plan');
CREATE TEMP TABLE parallel_res AS SELECT * FROM pg_temp.results();
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM serial_res WHERE r IS NOT NULL), 7::bigint, 'seven serial results, none NULL');
SELECT set_eq('SELECT * FROM parallel_res', 'SELECT * FROM serial_res', 'parallel results equal serial ones');

-- ---------------------------------------------------------------------------
-- The expanded state in other plan shapes: a window aggregate, grouping
-- sets, and partitionwise aggregation (partial states handed to the
-- combine function as read-only expanded objects, in the same process)
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(r ORDER BY g) FROM (
		SELECT g, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email'], 1) OVER (ORDER BY g)) AS r
		FROM par_j WHERE g <= 60) w WHERE g IN (10, 25, 60)),
	(SELECT array_agg((SELECT pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email'], 1)) FROM par_j WHERE g <= n) ORDER BY n)
		FROM unnest(ARRAY[10, 25, 60]) n),
	'funnel_correlation_agg as a running window aggregate equals the aggregate of each prefix');
SELECT set_eq($$SELECT g % 3 AS a, g % 2 AS b, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email'], 1)) AS r
		FROM par_j GROUP BY GROUPING SETS ((g % 3), (g % 2), ())$$,
	$$SELECT g % 3 AS a, NULL::int AS b, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email'], 1)) AS r FROM par_j GROUP BY 1
	  UNION ALL SELECT NULL, g % 2, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email'], 1)) FROM par_j GROUP BY 2
	  UNION ALL SELECT NULL, NULL, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'email'], 1)) FROM par_j$$,
	'funnel_correlation_agg over grouping sets');
CREATE TABLE part_j (k int, g int, plan text, j journey.journey) PARTITION BY LIST ((g % 2));
CREATE TABLE part_j_0 PARTITION OF part_j FOR VALUES IN (0);
CREATE TABLE part_j_1 PARTITION OF part_j FOR VALUES IN (1);
INSERT INTO part_j SELECT g % 3, g, plan, j FROM par_j;
ANALYZE part_j;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan($$SELECT k, journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'sms'], 1, plan) FROM part_j GROUP BY k$$),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: partial aggregates per partition');
SELECT set_eq($$SELECT k, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'sms'], 1, plan)) AS r FROM part_j GROUP BY k$$,
	$$SELECT g % 3 AS k, pg_temp.canon(journey.funnel_correlation_agg(j, interval '1 day', ARRAY['web', 'sms'], 1, plan)) AS r FROM par_j GROUP BY 1$$,
	'partitionwise funnel_correlation_agg equals funnel_correlation_agg over one table');
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
