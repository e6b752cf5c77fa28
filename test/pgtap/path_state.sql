-- journey.path_state, the transition state of the path_after and
-- path_before aggregates: its text and binary input reject every
-- malformed, truncated or inconsistent state (22P02 text, 22P03 binary,
-- never a crash), and parallel plans give what serial ones give.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(44);

-- ---------------------------------------------------------------------------
-- The aggregates: a real state type, a combine function, no serialization
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	WHERE p.pronamespace = 'journey'::regnamespace
	  AND p.proname IN ('path_after', 'path_before')
	  AND a.aggtranstype = 'journey.path_state'::regtype
	  AND a.aggcombinefn = 'journey.path_state_combine'::regproc
	  AND a.aggserialfn = 0 AND a.aggdeserialfn = 0
	  AND a.aggfinalmodify = 'r' AND p.proparallel = 's'), 8::bigint,
	'path_after (4) and path_before (4): state path_state, combine, parallel safe');

-- ---------------------------------------------------------------------------
-- Text input: base64 of the binary form
-- ---------------------------------------------------------------------------
-- One row: 01 | steps 2 | occurrence first (1) | 1 label: len 1 "a" |
-- 1 event: ts 5, label 0, anchor 1.  Byte positions (1-based): steps 2,
-- occurrence 6, label count 7, label length 11, label 15, event count 16,
-- ts 20, label index 28, anchor 32.
CREATE TEMP TABLE good AS SELECT ('\x01' || '00000002' || '01' || '00000001' || '00000001' || '61'
	|| '00000001' || '0000000000000005' || '00000000' || '01')::bytea AS b;
\ir lib/state_text.sql
CREATE FUNCTION pg_temp.bad(b bytea) RETURNS text LANGUAGE sql
	RETURN 'SELECT ' || quote_literal(pg_temp.st(b)) || '::journey.path_state';

SELECT pg_temp.state_text_checks('path_state', (SELECT b FROM good),
	'invalid serialized path state: truncated');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 0, 2) FROM good)), '22P02',
	'invalid serialized path state: unsupported version', 'unknown version');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 2) FROM good)), '22P02',
	'invalid serialized path state: invalid parameters', 'negative steps');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 2) FROM good)), '22P02',
	'invalid serialized path state: invalid parameters', 'steps 0 with an occurrence');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 5, 0) FROM good)), '22P02',
	'invalid serialized path state: invalid parameters', 'steps without an occurrence');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 5, 3) FROM good)), '22P02',
	'invalid serialized path state: invalid parameters', 'occurrence 3');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000'::bytea FROM 2) FROM good)), '22P02',
	'invalid serialized path state: events without parameters', 'events without parameters');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 7) FROM good)), '22P02',
	'invalid serialized path state: invalid number of labels', 'negative label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 7) FROM good)), '22P02',
	'invalid serialized path state: invalid number of labels', 'huge label count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 11) FROM good)), '22P02',
	'invalid serialized path state: invalid label length', 'negative label length');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 11) FROM good)), '22P02',
	'invalid serialized path state: invalid label length', 'label longer than the state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00'::bytea FROM 15) FROM good)), '22P02',
	'invalid serialized path state: label is not valid in the database encoding', 'NUL byte in a label');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea || '\x00000001' || 'a'::bytea
	|| '\x00000001' || 'a'::bytea FROM 7 FOR 9) FROM good)), '22P02',
	'invalid serialized path state: label appears twice', 'a label twice');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized path state: invalid number of events', 'huge event count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized path state: invalid number of events', 'negative event count');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000001'::bytea FROM 28) FROM good)), '22P02',
	'invalid serialized path state: label index out of range', 'label index out of range');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 28) FROM good)), '22P02',
	'invalid serialized path state: label index out of range', 'negative label index');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 31, 2) FROM good)), '22P02',
	'invalid serialized path state: invalid anchor flag', 'anchor flag 2');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM good)), '22P02',
	'invalid serialized path state: invalid number of events', 'trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 31) FROM good)), '22P02',
	'invalid serialized path state: invalid number of events', 'truncated event');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as the recv
-- function
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.path_state);
\ir lib/recv.sql
SELECT is(pg_temp.recv((SELECT b FROM good)), (SELECT pg_temp.st(b) FROM good), 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid serialized path state: truncated', 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 0, 2) FROM good))$$, '22P03', NULL, 'binary: unknown version');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '\x00000001'::bytea FROM 28) FROM good))$$, '22P03', NULL,
	'binary: label index out of range');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b || '\x00'::bytea FROM good))$$, '22P03', NULL, 'binary: trailing byte');

-- The support functions run only inside an aggregate.
SELECT throws_ok($$SELECT journey.path_after_final((SELECT pg_temp.st(b) FROM good)::journey.path_state)$$,
	'0A000', NULL, 'a final function outside an aggregate');
SELECT throws_ok($$SELECT journey.path_state_combine(NULL, NULL)$$, '0A000', NULL,
	'the combine function outside an aggregate');

-- A state given to an aggregate of the user: combine as the transition
-- function over stored states (flat values), path_after_final as the final.
CREATE AGGREGATE pg_temp.path_after_of_states(journey.path_state) (
	SFUNC = journey.path_state_combine, STYPE = journey.path_state,
	FINALFUNC = journey.path_after_final);
SELECT is((SELECT pg_temp.path_after_of_states(s)
	FROM (SELECT pg_temp.st(b)::journey.path_state FROM good, generate_series(1, 3)) v(s)),
	'{a,a}'::text[], 'stored states combined by an aggregate of the user');
-- and states of different steps do not combine
SELECT throws_ok($$SELECT pg_temp.path_after_of_states(s) FROM (VALUES ('AQAAAAIBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAAE='::journey.path_state),
	('AQAAAAMBAAAAAQAAAAFhAAAAAQAAAAAAAAAFAAAAAAE='::journey.path_state)) v(s)$$, '22023', NULL,
	'states of different steps');

-- ---------------------------------------------------------------------------
-- Parallel plans: partial states cross from the workers as path_state
-- values; the results equal the serial ones
-- ---------------------------------------------------------------------------
CREATE TABLE par_rows AS
SELECT g, g % 50 AS customer, '2026-01-01'::timestamptz + (g * 7 % 1000) * interval '1 minute' AS ts,
	(g * 7 % 1000)::bigint AS epoch,
	(ARRAY['web', 'email', 'store', 'sms', 'search'])[1 + g % 5] AS label
FROM generate_series(1, 20000) g;
ANALYZE par_rows;
-- STABLE: its query may then run in parallel
CREATE FUNCTION pg_temp.results() RETURNS TABLE (what text, r text) LANGUAGE sql STABLE AS $$
	SELECT 'after', journey.path_after(ts, label, label = 'store', 5)::text FROM par_rows
	UNION ALL SELECT 'after last', journey.path_after(ts, label, label = 'store', 5, 'last')::text FROM par_rows
	UNION ALL SELECT 'before epoch', journey.path_before(epoch, label, label = 'sms', 4)::text FROM par_rows
	UNION ALL SELECT 'before last epoch', journey.path_before(epoch, label, label = 'sms', 4, 'last')::text FROM par_rows
	UNION ALL SELECT 'by g % 3 ' || g % 3, journey.path_after(ts, label, label = 'email', 3)::text FROM par_rows GROUP BY g % 3
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM pg_temp.results();
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
\ir lib/plan.sql
SELECT matches(pg_temp.plan('SELECT journey.path_after(ts, label, label = ''store'', 5) FROM par_rows'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'path_after: a parallel plan');
SELECT matches(pg_temp.plan('SELECT journey.path_before(epoch, label, label = ''sms'', 4, ''last'') FROM par_rows'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'path_before: a parallel plan');
CREATE TEMP TABLE parallel_res AS SELECT * FROM pg_temp.results();
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM serial_res WHERE r IS NOT NULL), 7::bigint, 'seven serial results, none NULL');
SELECT set_eq('SELECT * FROM parallel_res', 'SELECT * FROM serial_res', 'parallel results equal serial ones');
SELECT is((SELECT r FROM serial_res WHERE what = 'after'),
	(SELECT journey.path_after(journey.journey_agg(ts, label), 'store', 5)::text FROM par_rows),
	'the aggregate equals path_after over the journey of the rows');

-- ---------------------------------------------------------------------------
-- The expanded state in other plan shapes: a window aggregate (the final
-- function reads the state between updates in place), grouping sets, and
-- partitionwise aggregation (partial states handed to the combine function
-- as read-only expanded objects, in the same process)
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(r ORDER BY g) FROM (
		SELECT g, journey.path_before(ts, label, label = 'web', 3, 'last') OVER (ORDER BY g)::text AS r
		FROM par_rows WHERE g <= 40) w WHERE g IN (10, 25, 40)),
	(SELECT array_agg((SELECT journey.path_before(ts, label, label = 'web', 3, 'last')::text FROM par_rows WHERE g <= n) ORDER BY n)
		FROM unnest(ARRAY[10, 25, 40]) n),
	'path_before as a running window aggregate equals the aggregate of each prefix');
SELECT set_eq($$SELECT g % 3 AS a, g % 2 AS b, journey.path_after(ts, label, label = 'sms', 2)::text AS r
		FROM par_rows GROUP BY GROUPING SETS ((g % 3), (g % 2), ())$$,
	$$SELECT g % 3 AS a, NULL::int AS b, journey.path_after(ts, label, label = 'sms', 2)::text AS r FROM par_rows GROUP BY 1
	  UNION ALL SELECT NULL, g % 2, journey.path_after(ts, label, label = 'sms', 2)::text FROM par_rows GROUP BY 2
	  UNION ALL SELECT NULL, NULL, journey.path_after(ts, label, label = 'sms', 2)::text FROM par_rows$$,
	'path_after over grouping sets');
CREATE TABLE part_rows (k int, g int, ts timestamptz, label text) PARTITION BY LIST ((g % 2));
CREATE TABLE part_rows_0 PARTITION OF part_rows FOR VALUES IN (0);
CREATE TABLE part_rows_1 PARTITION OF part_rows FOR VALUES IN (1);
INSERT INTO part_rows SELECT g % 3, g, ts, label FROM par_rows;
ANALYZE part_rows;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan('SELECT k, journey.path_after(ts, label, label = ''search'', 4) FROM part_rows GROUP BY k'),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: partial aggregates per partition');
SELECT set_eq($$SELECT k, journey.path_after(ts, label, label = 'search', 4)::text AS r FROM part_rows GROUP BY k$$,
	$$SELECT g % 3 AS k, journey.path_after(ts, label, label = 'search', 4)::text AS r FROM par_rows GROUP BY 1$$,
	'partitionwise path_after equals path_after over one table');
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
