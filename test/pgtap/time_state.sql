-- journey.time_state, the transition state of the activity_buckets and
-- session_count aggregates: its text and binary input reject every
-- malformed, truncated or inconsistent state (22P02 text, 22P03 binary,
-- never a crash), and the aggregates give the same answers in every plan
-- shape: parallel, window, grouping sets, partitionwise, hashed.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(50);

-- ---------------------------------------------------------------------------
-- The aggregates: a real state type, a combine function, no serialization
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	WHERE p.pronamespace = 'journey'::regnamespace
	  AND p.proname IN ('activity_buckets', 'session_count')
	  AND a.aggtranstype = 'journey.time_state'::regtype
	  AND a.aggcombinefn = 'journey.time_state_combine'::regproc
	  AND a.aggserialfn = 0 AND a.aggdeserialfn = 0
	  AND a.aggfinalmodify = 'r' AND p.proparallel = 's'), 10::bigint,
	'activity_buckets (8) and session_count (2): state time_state, combine, read-only finals, parallel safe');

-- ---------------------------------------------------------------------------
-- Text input: base64 of the binary form
-- ---------------------------------------------------------------------------
-- version 1 | flags 3 (parameters, sorted) | width 10 (int8) | limit 5 |
-- n 2 | times 42, 43.  Byte positions (1-based): flags 2, width 3,
-- limit 11, n 15, first time 19, second time 27.
CREATE TEMP TABLE good AS SELECT ('\x01' || '03' || '000000000000000a' || '00000005' || '00000002'
	|| '000000000000002a' || '000000000000002b')::bytea AS b;
\ir lib/state_text.sql
CREATE FUNCTION pg_temp.bad(b bytea) RETURNS text LANGUAGE sql
	RETURN 'SELECT ' || quote_literal(pg_temp.st(b)) || '::journey.time_state';

SELECT pg_temp.state_text_checks('time_state', (SELECT b FROM good),
	'invalid serialized time state: truncated');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 17) FROM good)), '22P02',
	'invalid serialized time state: truncated', 'truncated header');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 0, 2) FROM good)), '22P02',
	'invalid serialized time state: unsupported version', 'unknown version');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 7) FROM good)), '22P02',
	'invalid serialized time state: invalid flags', 'reserved flag bit');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 128 + 3) FROM good)), '22P02',
	'invalid serialized time state: invalid flags', 'high flag bit');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 15) FROM good)), '22P02',
	'invalid serialized time state: invalid number of times', 'negative number of times');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 15) FROM good)), '22P02',
	'invalid serialized time state: invalid number of times', 'huge number of times');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000003'::bytea FROM 15) FROM good)), '22P02',
	'invalid serialized time state: invalid number of times', 'more times than bytes');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM good)), '22P02',
	'invalid serialized time state: invalid number of times', 'trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 33) FROM good)), '22P02',
	'invalid serialized time state: invalid number of times', 'truncated time');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 2) FROM good)), '22P02',
	'invalid serialized time state: times without parameters', 'times without parameters');
SELECT throws_ok(pg_temp.bad('\x0102000000000000000a0000000000000000'), '22P02',
	'invalid serialized time state: invalid parameters', 'a width without the parameters flag');
SELECT throws_ok(pg_temp.bad('\x010200000000000000000000000500000000'), '22P02',
	'invalid serialized time state: invalid parameters', 'a limit without the parameters flag');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffffffffffff'::bytea FROM 3) FROM good)), '22P02',
	'invalid serialized time state: invalid parameters', 'negative width');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 11) FROM good)), '22P02',
	'invalid serialized time state: invalid parameters', 'negative limit');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000000000'::bytea FROM 3) FROM good)), '22P02',
	'invalid serialized time state: invalid parameters', 'a bucket limit with width 0');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x000000000000002c'::bytea FROM 19) FROM good)), '22P02',
	'invalid serialized time state: sorted flag does not match the order of the times', 'sorted flag on unsorted times');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 1) FROM good)), '22P02',
	'invalid serialized time state: sorted flag does not match the order of the times', 'unsorted flag on sorted times');
SELECT is(pg_temp.st('\x010200000000000000000000000000000000'::bytea)::journey.time_state::text,
	'AQIAAAAAAAAAAAAAAAAAAAAA', 'the empty state (no parameters yet) is valid');
SELECT is(pg_temp.st('\x01010000000000000005000000000000000200000000000000070000000000000003'::bytea)::journey.time_state::text,
	'AQEAAAAAAAAABQAAAAAAAAACAAAAAAAAAAcAAAAAAAAAAw==', 'a session state with unsorted times is valid');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as the recv
-- function
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.time_state);
\ir lib/recv.sql
SELECT is(pg_temp.recv((SELECT b FROM good)), (SELECT pg_temp.st(b) FROM good), 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid serialized time state: truncated', 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 0, 2) FROM good))$$, '22P03', NULL, 'binary: unknown version');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b || '\x00'::bytea FROM good))$$, '22P03', NULL, 'binary: trailing byte');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 1, 1) FROM good))$$, '22P03', NULL, 'binary: sorted flag');

-- A final function given a valid state of the other aggregate: 22P03.
SELECT throws_ok($$SELECT journey.session_count_final((SELECT pg_temp.st(b) FROM good)::journey.time_state)$$,
	'22P03', 'invalid time state: not a state of session_count', 'an activity_buckets state given to session_count');
SELECT throws_ok($$SELECT journey.activity_buckets_final('AQEAAAAAAAAABQAAAAAAAAACAAAAAAAAAAcAAAAAAAAAAw==')$$,
	'22P03', 'invalid time state: not a state of activity_buckets', 'a session_count state given to activity_buckets');

-- Stored states given to an aggregate of the user: combine as the
-- transition function over stored (flat) values, a final function.
CREATE AGGREGATE pg_temp.buckets_of_states(journey.time_state) (
	SFUNC = journey.time_state_combine, STYPE = journey.time_state,
	FINALFUNC = journey.activity_buckets_final);
SELECT is((SELECT pg_temp.buckets_of_states(s)
	FROM (SELECT pg_temp.st(b)::journey.time_state FROM good, generate_series(1, 3)) v(s)),
	'{0}'::int4[], 'stored states combined by an aggregate of the user');
-- and states of different parameters do not combine
SELECT throws_ok($$SELECT pg_temp.buckets_of_states(s) FROM (VALUES ('AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo='::journey.time_state),
	('AQMAAAAAAAAACwAAAAUAAAABAAAAAAAAACo='::journey.time_state)) v(s)$$, '22023',
	'bucket width and max_buckets must be the same on every row of a group', 'states of different widths');
SELECT throws_ok($$SELECT journey.time_state_combine('AQMAAAAAAAAABQAAAAAAAAABAAAAAAAAACo=', 'AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo=')$$,
	'22023', NULL, 'a session state and a bucket state');
-- outside an aggregate, combine works on a copy
SELECT is((SELECT array[journey.time_state_combine(s, s)::text, s::text]
	FROM (SELECT 'AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo='::journey.time_state AS s) x),
	array['AQMAAAAAAAAACgAAAAUAAAACAAAAAAAAACoAAAAAAAAAKg==', 'AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo='],
	'combine outside an aggregate returns the merged state and leaves its argument alone');

-- ---------------------------------------------------------------------------
-- Parallel plans: partial states cross from the workers as time_state
-- values; the results equal the serial ones.  Few groups of many rows, in
-- no time order: states grow, are thinned, and merged unsorted.
-- ---------------------------------------------------------------------------
CREATE TABLE par_rows AS
SELECT g, g % 50 AS customer,
	'2026-01-01'::timestamptz + ((g * 7919) % 20000) * interval '1 minute' AS ts,
	((g * 7919) % 20000)::bigint AS epoch
FROM generate_series(1, 20000) g;
ANALYZE par_rows;
-- STABLE: its query may then run in parallel
CREATE FUNCTION pg_temp.results() RETURNS TABLE (what text, r text) LANGUAGE sql STABLE AS $$
	SELECT 'buckets', journey.activity_buckets(ts)::text FROM par_rows
	UNION ALL SELECT 'buckets 2 hours 400', journey.activity_buckets(ts, interval '2 hours', 400)::text FROM par_rows
	UNION ALL SELECT 'buckets epoch', journey.activity_buckets(epoch, 97, 5000)::text FROM par_rows
	UNION ALL SELECT 'buckets date', journey.activity_buckets(ts::date, 2)::text FROM par_rows
	UNION ALL SELECT 'sessions', journey.session_count(ts, interval '3 minutes')::text FROM par_rows
	UNION ALL SELECT 'sessions epoch', journey.session_count(epoch, 2)::text FROM par_rows
	UNION ALL SELECT 'by g % 3 ' || g % 3, journey.activity_buckets(ts, interval '1 hour', 1000)::text
		|| journey.session_count(epoch, 3)::text FROM par_rows GROUP BY g % 3
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM pg_temp.results();
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
\ir lib/plan.sql
SELECT matches(pg_temp.plan('SELECT journey.activity_buckets(ts, interval ''2 hours'', 400) FROM par_rows'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'activity_buckets: a parallel plan');
SELECT matches(pg_temp.plan('SELECT journey.session_count(epoch, 2) FROM par_rows'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'session_count: a parallel plan');
CREATE TEMP TABLE parallel_res AS SELECT * FROM pg_temp.results();
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM serial_res WHERE r IS NOT NULL), 9::bigint, 'nine serial results, none NULL');
SELECT set_eq('SELECT * FROM parallel_res', 'SELECT * FROM serial_res', 'parallel results equal serial ones');
SELECT is((SELECT r FROM serial_res WHERE what = 'sessions'),
	(SELECT journey.session_count(journey.journey_agg(ts, 'e'), interval '3 minutes')::text FROM par_rows),
	'session_count equals session_count over the journey of the rows');
SELECT is((SELECT r FROM serial_res WHERE what = 'buckets 2 hours 400'),
	(SELECT journey.activity_buckets(journey.journey_agg(ts, 'e'), interval '2 hours', 400)::text FROM par_rows),
	'activity_buckets equals activity_buckets over the journey of the rows');

-- ---------------------------------------------------------------------------
-- Other plan shapes: a window aggregate (the read-only final function reads
-- the state between updates in place, here in no time order), grouping
-- sets, partitionwise aggregation (partial states handed to the combine
-- function in the same process), and hashed groups that grow (and spill)
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(r ORDER BY g) FROM (
		SELECT g, journey.activity_buckets(ts, interval '1 hour', 100) OVER (ORDER BY g)::text
			|| journey.session_count(epoch, 30) OVER (ORDER BY g)::text AS r
		FROM par_rows WHERE g <= 300) w WHERE g IN (10, 25, 40, 299)),
	(SELECT array_agg((SELECT journey.activity_buckets(ts, interval '1 hour', 100)::text
			|| journey.session_count(epoch, 30)::text FROM par_rows WHERE g <= n) ORDER BY n)
		FROM unnest(ARRAY[10, 25, 40, 299]) n),
	'activity_buckets and session_count as running window aggregates equal the aggregates of each prefix');
SELECT set_eq($$SELECT g % 3 AS a, g % 2 AS b, journey.session_count(ts, interval '10 minutes')::text AS r
		FROM par_rows GROUP BY GROUPING SETS ((g % 3), (g % 2), ())$$,
	$$SELECT g % 3 AS a, NULL::int AS b, journey.session_count(ts, interval '10 minutes')::text AS r FROM par_rows GROUP BY 1
	  UNION ALL SELECT NULL, g % 2, journey.session_count(ts, interval '10 minutes')::text FROM par_rows GROUP BY 2
	  UNION ALL SELECT NULL, NULL, journey.session_count(ts, interval '10 minutes')::text FROM par_rows$$,
	'session_count over grouping sets');
CREATE TABLE part_rows (k int, g int, ts timestamptz) PARTITION BY LIST ((g % 2));
CREATE TABLE part_rows_0 PARTITION OF part_rows FOR VALUES IN (0);
CREATE TABLE part_rows_1 PARTITION OF part_rows FOR VALUES IN (1);
INSERT INTO part_rows SELECT g % 3, g, ts FROM par_rows;
ANALYZE part_rows;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan('SELECT k, journey.activity_buckets(ts, interval ''1 hour'', 300) FROM part_rows GROUP BY k'),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: partial aggregates per partition');
SELECT set_eq($$SELECT k, journey.activity_buckets(ts, interval '1 hour', 300)::text AS r FROM part_rows GROUP BY k$$,
	$$SELECT g % 3 AS k, journey.activity_buckets(ts, interval '1 hour', 300)::text AS r FROM par_rows GROUP BY 1$$,
	'partitionwise activity_buckets equals activity_buckets over one table');
RESET enable_partitionwise_aggregate;
-- many groups, each growing past its first chunk: sorted groups and hashed
-- groups (in memory, then spilled to disk) agree
CREATE TEMP TABLE many_rows AS
SELECT g % 2000 AS customer, (g * 7919) % 100000 AS epoch FROM generate_series(1, 60000) g;
ANALYZE many_rows;
SET LOCAL enable_hashagg = off;
CREATE TEMP TABLE sorted_res AS SELECT customer, journey.activity_buckets(epoch, 1000, 50)::text || journey.session_count(epoch, 700)::text AS r
	FROM many_rows GROUP BY customer;
SET LOCAL enable_hashagg = on;
SET LOCAL enable_sort = off;
SELECT matches(pg_temp.plan('SELECT customer, journey.session_count(epoch, 700) FROM many_rows GROUP BY customer'),
	'HashAggregate', 'many groups: a hashed plan');
SELECT set_eq($$SELECT customer, journey.activity_buckets(epoch, 1000, 50)::text || journey.session_count(epoch, 700)::text
	FROM many_rows GROUP BY customer$$, 'SELECT * FROM sorted_res', 'hashed groups equal sorted groups');
SET LOCAL work_mem = '64kB';
SELECT set_eq($$SELECT customer, journey.activity_buckets(epoch, 1000, 50)::text || journey.session_count(epoch, 700)::text
	FROM many_rows GROUP BY customer$$, 'SELECT * FROM sorted_res', 'hashed groups spilled to disk equal sorted groups');
RESET work_mem;
RESET enable_sort;
RESET enable_hashagg;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
