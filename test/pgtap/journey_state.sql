-- journey.journey_state, the transition state of merge_agg: its text and
-- binary input reject every malformed, truncated or inconsistent state
-- (22P02 text, 22P03 binary, never a crash), and parallel plans, window
-- use, grouping sets and partitionwise aggregation give what serial plans
-- give.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(49);

-- ---------------------------------------------------------------------------
-- The aggregate: a real state type, a combine function, no serialization
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	WHERE p.oid = 'journey.merge_agg(journey.journey)'::regprocedure
	  AND a.aggtranstype = 'journey.journey_state'::regtype
	  AND a.aggtransfn = 'journey.journey_merge_agg_trans(journey.journey_state, journey.journey)'::regprocedure
	  AND a.aggfinalfn = 'journey.journey_merge_agg_final(journey.journey_state)'::regprocedure
	  AND a.aggcombinefn = 'journey.journey_state_combine'::regproc
	  AND a.aggserialfn = 0 AND a.aggdeserialfn = 0
	  AND a.aggfinalmodify = 'r' AND p.proparallel = 's'), 1::bigint,
	'merge_agg: state journey_state, combine, parallel safe, READ_ONLY final');
SELECT is((SELECT aggtranstype::regtype::text FROM pg_aggregate
	WHERE aggfnoid = 'journey.journey_agg(timestamptz, text)'::regprocedure), 'internal',
	'journey_agg keeps its internal state');

-- ---------------------------------------------------------------------------
-- Text input: base64 of the binary form
-- ---------------------------------------------------------------------------
-- One journey of one event: 01 | flags 00 | 1 label: len 1 "a" | 1 event:
-- ts 1, label 0.  Byte positions (1-based): flags 2, label count 3, label
-- length 7, label 11, event count 12, ts 16, label index 24; 27 bytes.
CREATE TEMP TABLE good AS SELECT ('\x01' || '00' || '00000001' || '00000001' || '61'
	|| '00000001' || '0000000000000001' || '00000000')::bytea AS b;
\ir lib/state_text.sql
CREATE FUNCTION pg_temp.bad(b bytea) RETURNS text LANGUAGE sql
	RETURN 'SELECT ' || quote_literal(pg_temp.st(b)) || '::journey.journey_state';

SELECT pg_temp.state_text_checks('journey_state', (SELECT b FROM good),
	'invalid serialized journey state: truncated');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 0, 2) FROM good)), '22P02',
	'invalid serialized journey state: unsupported version', 'unknown version');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 2) FROM good)), '22P02',
	'invalid serialized journey state: invalid flags', 'reserved flag bit');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 3) FROM good)), '22P02',
	'invalid serialized journey state: invalid number of labels', 'negative label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 3) FROM good)), '22P02',
	'invalid serialized journey state: invalid number of labels', 'huge label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 7) FROM good)), '22P02',
	'invalid serialized journey state: invalid label length', 'negative label length');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x000003e9'::bytea FROM 7) FROM good)), '22P02',
	'invalid serialized journey state: invalid label length', 'label longer than a journey label can be');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000100'::bytea FROM 7) FROM good)), '22P02',
	'invalid serialized journey state: truncated', 'label longer than the state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00'::bytea FROM 11) FROM good)), '22P02',
	'invalid serialized journey state: label is not valid in the database encoding', 'NUL byte in a label');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea || '\x00000001' || 'a'::bytea
	|| '\x00000001' || 'a'::bytea FROM 3 FOR 9) FROM good)), '22P02',
	'invalid serialized journey state: label appears twice', 'a label twice');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 12) FROM good)), '22P02',
	'invalid serialized journey state: invalid number of events', 'huge event count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 12) FROM good)), '22P02',
	'invalid serialized journey state: invalid number of events', 'negative event count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffffffffffff'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized journey state: timestamp out of range', 'timestamp after 9999');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x8000000000000000'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized journey state: timestamp out of range', 'timestamp before year 1');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000001'::bytea FROM 24) FROM good)), '22P02',
	'invalid serialized journey state: label index out of range', 'label index out of range');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 24) FROM good)), '22P02',
	'invalid serialized journey state: label index out of range', 'negative label index');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 1) FROM good)), '22P02',
	'invalid serialized journey state: truncated', 'values flag, no value byte');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 1) || '\x02'::bytea FROM good)), '22P02',
	'invalid serialized journey state: invalid value flag', 'value flag 2');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 1) || '\x01'::bytea FROM good)), '22P02',
	'invalid serialized journey state: truncated', 'a value flag without the value');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 1) || '\x00'::bytea FROM good)), '22P02',
	'invalid serialized journey state: values flag without values', 'values flag, no event has one (not canonical)');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM good)), '22P02',
	'invalid serialized journey state: trailing bytes', 'trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 26) FROM good)), '22P02',
	'invalid serialized journey state: invalid number of events', 'truncated event');
SELECT is((SELECT journey.journey_state_send(pg_temp.st(set_byte(b, 1, 1) || '\x01'::bytea || float8send(2.5))::journey.journey_state) FROM good),
	(SELECT set_byte(b, 1, 1) || '\x01'::bytea || float8send(2.5) FROM good), 'a state with a value reads back');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as the recv
-- function
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.journey_state);
\ir lib/recv.sql
SELECT is(pg_temp.recv((SELECT b FROM good)), (SELECT pg_temp.st(b) FROM good), 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid serialized journey state: truncated', 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 0, 2) FROM good))$$, '22P03', NULL, 'binary: unknown version');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x00000001'::bytea FROM 24) FROM good))$$, '22P03', NULL,
	'binary: label index out of range');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b || '\x00'::bytea FROM good))$$, '22P03', NULL, 'binary: trailing byte');

-- The support functions run only inside an aggregate.
SELECT throws_ok($$SELECT journey.journey_merge_agg_final((SELECT pg_temp.st(b) FROM good)::journey.journey_state)$$,
	'0A000', NULL, 'a final function outside an aggregate');
SELECT throws_ok($$SELECT journey.journey_state_combine(NULL, NULL)$$, '0A000', NULL,
	'the combine function outside an aggregate');

-- A state given to an aggregate of the user: combine as the transition
-- function over stored states (flat values), merge_agg's final function.
CREATE AGGREGATE pg_temp.merge_of_states(journey.journey_state) (
	SFUNC = journey.journey_state_combine, STYPE = journey.journey_state,
	FINALFUNC = journey.journey_merge_agg_final);
SELECT is((SELECT pg_temp.merge_of_states(s)::text
	FROM (SELECT pg_temp.st(b)::journey.journey_state FROM good, generate_series(1, 3)) v(s)),
	(SELECT journey.merge_agg('a@2000-01-01 00:00:00.000001+00'::journey.journey)::text FROM generate_series(1, 3)),
	'stored states combined by an aggregate of the user');

-- ---------------------------------------------------------------------------
-- Parallel plans: partial states cross from the workers as journey_state
-- values; the results equal the serial ones
-- ---------------------------------------------------------------------------
CREATE TABLE par_j AS
SELECT g, journey.journey_agg('2026-01-01'::timestamptz + ((g * 7 + h * 13) % 1000) * interval '1 minute',
		(ARRAY['web', 'email', 'store', 'sms', 'search'])[1 + (g + h) % 5],
		CASE WHEN h % 4 = 0 THEN (g % 7)::float8 END) AS j
FROM generate_series(1, 3000) g, generate_series(1, 1 + g % 6) h GROUP BY g;
INSERT INTO par_j SELECT g, CASE WHEN g % 2 = 0 THEN ''::journey.journey END FROM generate_series(3001, 3010) g;
ANALYZE par_j;
-- STABLE: its query may then run in parallel
CREATE FUNCTION pg_temp.results() RETURNS TABLE (what text, r text) LANGUAGE sql STABLE AS $$
	SELECT 'all', md5(journey.merge_agg(j)::text) FROM par_j
	UNION ALL SELECT 'by g % 7 ' || g % 7, journey.merge_agg(j)::text FROM par_j GROUP BY g % 7
	UNION ALL SELECT 'empty and NULL journeys', journey.merge_agg(j)::text FROM par_j WHERE g > 3000
	UNION ALL SELECT 'NULL journeys', coalesce(journey.merge_agg(j)::text, 'null') FROM par_j WHERE g > 3000 AND g % 2 = 1
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM pg_temp.results();
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
\ir lib/plan.sql
SELECT matches(pg_temp.plan('SELECT journey.merge_agg(j) FROM par_j'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'merge_agg: a parallel plan');
SELECT matches(pg_temp.plan('SELECT journey.length(journey.merge_agg(j)) FROM par_j WHERE g % 2 = 0'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'merge_agg of every other journey: a parallel plan');
CREATE TEMP TABLE parallel_res AS SELECT * FROM pg_temp.results();
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM serial_res WHERE r IS NOT NULL), 10::bigint, 'ten serial results, none NULL');
SELECT set_eq('SELECT * FROM parallel_res', 'SELECT * FROM serial_res', 'parallel results equal serial ones');
SELECT is((SELECT r FROM serial_res WHERE what LIKE 'empty%'), '', 'empty journeys merge into the empty journey');
SELECT is((SELECT r FROM serial_res WHERE what = 'NULL journeys'), 'null', 'NULL journeys only: NULL');
SELECT is((SELECT journey.merge_agg(j) FROM par_j WHERE g IN (5, 6)),
	(SELECT a.j || b.j FROM par_j a, par_j b WHERE a.g = 5 AND b.g = 6), 'merge_agg of two equals ||');

-- ---------------------------------------------------------------------------
-- The expanded state in other plan shapes: a window aggregate (the final
-- function sorts the state between updates in place), grouping sets, and
-- partitionwise aggregation (partial states handed to the combine function
-- as read-only expanded objects, in the same process)
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(r ORDER BY g) FROM (
		SELECT g, md5(journey.merge_agg(j) OVER (ORDER BY g)::text) AS r
		FROM par_j WHERE g <= 40) w WHERE g IN (10, 25, 40)),
	(SELECT array_agg((SELECT md5(journey.merge_agg(j)::text) FROM par_j WHERE g <= n) ORDER BY n)
		FROM unnest(ARRAY[10, 25, 40]) n),
	'merge_agg as a running window aggregate equals the aggregate of each prefix');
SELECT set_eq($$SELECT g % 3 AS a, g % 2 AS b, md5(journey.merge_agg(j)::text) AS r
		FROM par_j GROUP BY GROUPING SETS ((g % 3), (g % 2), ())$$,
	$$SELECT g % 3 AS a, NULL::int AS b, md5(journey.merge_agg(j)::text) AS r FROM par_j GROUP BY 1
	  UNION ALL SELECT NULL, g % 2, md5(journey.merge_agg(j)::text) FROM par_j GROUP BY 2
	  UNION ALL SELECT NULL, NULL, md5(journey.merge_agg(j)::text) FROM par_j$$,
	'merge_agg over grouping sets');
CREATE TABLE part_j (k int, g int, j journey.journey) PARTITION BY LIST ((g % 2));
CREATE TABLE part_j_0 PARTITION OF part_j FOR VALUES IN (0);
CREATE TABLE part_j_1 PARTITION OF part_j FOR VALUES IN (1);
INSERT INTO part_j SELECT g % 3, g, j FROM par_j;
ANALYZE part_j;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan('SELECT k, journey.merge_agg(j) FROM part_j GROUP BY k'),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: partial aggregates per partition');
SELECT set_eq($$SELECT k, md5(journey.merge_agg(j)::text) AS r FROM part_j GROUP BY k$$,
	$$SELECT g % 3 AS k, md5(journey.merge_agg(j)::text) AS r FROM par_j GROUP BY 1$$,
	'partitionwise merge_agg equals merge_agg over one table');
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
