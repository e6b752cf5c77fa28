-- journey.step_state, the transition state of window_funnel,
-- window_funnel_times, sequence_match and sequence_count: its text and
-- binary input reject every malformed, truncated or inconsistent state
-- (22P02 text, 22P03 binary, never a crash), states of one aggregate do not
-- reach another, and parallel plans, window use and grouping sets give what
-- serial plans give.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(63);

-- ---------------------------------------------------------------------------
-- The aggregates: a real state type, a combine function, no serialization
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
	WHERE p.pronamespace = 'journey'::regnamespace
	  AND p.proname IN ('window_funnel', 'window_funnel_times', 'sequence_match', 'sequence_count')
	  AND a.aggtranstype = 'journey.step_state'::regtype
	  AND a.aggcombinefn = 'journey.step_state_combine'::regproc
	  AND a.aggserialfn = 0 AND a.aggdeserialfn = 0
	  AND a.aggfinalmodify = 'r' AND p.proparallel = 's'), 20::bigint,
	'window_funnel (8), window_funnel_times (8), sequence_match (2), sequence_count (2): state step_state');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'journey'::regnamespace
	AND 'journey.step_state'::regtype = ANY (p.proargtypes::regtype[] || p.prorettype::regtype)
	AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint, 'every function of step_state has a comment');

-- ---------------------------------------------------------------------------
-- Text input: base64 of the binary form
-- ---------------------------------------------------------------------------
-- A funnel state of one row: 02 version | 01 kind funnel | 07 flags
-- (parameters, keep rows without a step, sorted) | nsteps 2 | window 100 |
-- param_flags 0x202 (2 steps, strict_order) | text length 12 | 'strict_order'
-- | 1 event: ts 5, mask 1.  Byte positions (1-based): kind 2, flags 3,
-- nsteps 4, window 8, param_flags 16, text length 20, text 24, event count
-- 36, ts 40, mask 48.
CREATE TEMP TABLE good AS SELECT ('\x02' || '01' || '07' || '00000002' || '0000000000000064' || '00000202'
	|| '0000000c')::bytea || 'strict_order'::bytea || '\x00000001'::bytea || '\x0000000000000005'::bytea
	|| '\x0000000000000001'::bytea AS b;
-- A sequence state without events: kind 2, flags 5, nsteps 2, unit 1,
-- param_flags 0, pattern '(?1)(?2)' (bytes 24 to 31), no event.
CREATE TEMP TABLE good_seq AS SELECT ('\x02' || '02' || '05' || '00000002' || '0000000000000001' || '00000000'
	|| '00000008')::bytea || '(?1)(?2)'::bytea || '\x00000000'::bytea AS b;
\ir lib/state_text.sql
CREATE FUNCTION pg_temp.bad(b bytea) RETURNS text LANGUAGE sql
	RETURN 'SELECT ' || quote_literal(pg_temp.st(b)) || '::journey.step_state';

SELECT pg_temp.state_text_checks('step_state', (SELECT b FROM good),
	'invalid serialized step state: truncated');
SELECT is((SELECT pg_temp.st(b)::journey.step_state::text FROM good_seq), (SELECT pg_temp.st(b) FROM good_seq),
	'text round trip of a valid sequence state');
SELECT is((SELECT journey.funnel_state_final(pg_temp.st(b)::journey.step_state) FROM good), 1,
	'the state finalizes: level 1');
-- two events out of order, with the sorted flag clear: valid
SELECT is((SELECT pg_temp.st(overlay(overlay(b PLACING '\x03'::bytea FROM 3) PLACING '\x00000002'::bytea
	|| '\x0000000000000009'::bytea || '\x0000000000000002'::bytea || '\x0000000000000005'::bytea
	|| '\x0000000000000001'::bytea FROM 36))::journey.step_state::text FROM good),
	(SELECT pg_temp.st(overlay(overlay(b PLACING '\x03'::bytea FROM 3) PLACING '\x00000002'::bytea
	|| '\x0000000000000009'::bytea || '\x0000000000000002'::bytea || '\x0000000000000005'::bytea
	|| '\x0000000000000001'::bytea FROM 36)) FROM good), 'unsorted events with the sorted flag clear');

SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 0, 1) FROM good)), '22P02',
	'invalid serialized step state: unsupported version', 'version 1 (the 0.2.0 serialized form)');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 0) FROM good)), '22P02',
	'invalid serialized step state: unknown kind', 'kind 0');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 1, 3) FROM good)), '22P02',
	'invalid serialized step state: unknown kind', 'kind 3');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 2, 15) FROM good)), '22P02',
	'invalid serialized step state: invalid flags', 'unknown flag bit');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000041'::bytea FROM 4) FROM good)), '22P02',
	'invalid serialized step state: invalid number of steps', '65 steps');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 4) FROM good)), '22P02',
	'invalid serialized step state: invalid number of steps', 'negative steps');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000000'::bytea FROM 4) FROM good)), '22P02',
	'invalid serialized step state: events without steps or parameters', 'events without steps');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 2, 6) FROM good)), '22P02',
	'invalid serialized step state: parameters without has_params', 'parameters without the flag');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xfffffffe'::bytea FROM 20) FROM good)), '22P02',
	'invalid serialized step state: invalid parameter length', 'text length -2');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x7fffffff'::bytea FROM 20) FROM good)), '22P02',
	'invalid serialized step state: invalid parameter length', 'text longer than the state');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea FROM 36) FROM good)), '22P02',
	'invalid serialized step state: invalid number of events', 'more events than bytes');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffff'::bytea FROM 36) FROM good)), '22P02',
	'invalid serialized step state: invalid number of events', 'negative event count');
SELECT throws_ok(pg_temp.bad((SELECT b || '\x00'::bytea FROM good)), '22P02',
	'invalid serialized step state: invalid number of events', 'trailing byte');
SELECT throws_ok(pg_temp.bad((SELECT substr(b, 1, 54) FROM good)), '22P02',
	'invalid serialized step state: invalid number of events', 'truncated event');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000000004'::bytea FROM 48) FROM good)), '22P02',
	'invalid serialized step state: invalid step mask', 'a step that does not exist');
SELECT throws_ok(pg_temp.bad((SELECT overlay(overlay(b PLACING '\x05'::bytea FROM 3) PLACING '\x0000000000000000'::bytea FROM 48)
	FROM good)), '22P02', 'invalid serialized step state: invalid step mask', 'a row without a step, not kept');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 2, 3) FROM good)), '22P02',
	'invalid serialized step state: wrong sorted flag', 'sorted events without the sorted flag');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000002'::bytea || '\x0000000000000009'::bytea
	|| '\x0000000000000002'::bytea || '\x0000000000000005'::bytea || '\x0000000000000001'::bytea FROM 36) FROM good)),
	'22P02', 'invalid serialized step state: wrong sorted flag', 'unsorted events with the sorted flag');
-- funnel parameters
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\xffffffffffffffff'::bytea FROM 8) FROM good)), '22P02',
	'invalid serialized step state: invalid funnel parameters', 'negative window');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000230'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized step state: invalid funnel parameters', 'any_order with allow_reentry');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000200'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized step state: invalid funnel parameters', 'rows without a step kept without strict_order');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x00000302'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized step state: invalid funnel parameters', '3 funnel steps in a state of 2 conditions');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x01000202'::bytea FROM 16) FROM good)), '22P02',
	'invalid serialized step state: invalid funnel parameters', 'unknown parameter flag');
-- sequence parameters
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '(?3)'::bytea FROM 24) FROM good_seq)), '22P02',
	'invalid serialized step state: invalid sequence parameters', 'a pattern naming condition 3 of 2');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '(?1x'::bytea FROM 24) FROM good_seq)), '22P02',
	'invalid serialized step state: invalid sequence parameters', 'a pattern that does not parse');
SELECT throws_ok(pg_temp.bad((SELECT overlay(b PLACING '\x0000000000000007'::bytea FROM 8) FROM good_seq)), '22P02',
	'invalid serialized step state: invalid sequence parameters', 'time unit 7');
SELECT throws_ok(pg_temp.bad((SELECT set_byte(b, 2, 7) FROM good_seq)), '22P02',
	'invalid serialized step state: invalid sequence parameters', 'a sequence state keeping rows without a step');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as the recv
-- function
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.step_state);
\ir lib/recv.sql
SELECT is(pg_temp.recv((SELECT b FROM good)), (SELECT pg_temp.st(b) FROM good), 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid serialized step state: truncated', 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT set_byte(b, 0, 1) FROM good))$$, '22P03', NULL, 'binary: version 1');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT overlay(b PLACING '(?3)'::bytea FROM 24) FROM good_seq))$$, '22P03', NULL,
	'binary: invalid pattern');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b || '\x00'::bytea FROM good))$$, '22P03', NULL, 'binary: trailing byte');

-- ---------------------------------------------------------------------------
-- States given to aggregates of the user, and to another aggregate
-- ---------------------------------------------------------------------------
CREATE AGGREGATE pg_temp.funnel_of_states(journey.step_state) (
	SFUNC = journey.step_state_combine, STYPE = journey.step_state,
	FINALFUNC = journey.funnel_state_times_final_int);
SELECT is((SELECT pg_temp.funnel_of_states(s)
	FROM (SELECT pg_temp.st(b)::journey.step_state FROM good, generate_series(1, 3)) v(s)),
	'{5}'::bigint[], 'stored states combined by an aggregate of the user');
SELECT throws_ok($$SELECT pg_temp.funnel_of_states(s) FROM (SELECT pg_temp.st(b)::journey.step_state FROM good
	UNION ALL SELECT pg_temp.st(overlay(b PLACING '\x00000000000000c8'::bytea FROM 8))::journey.step_state FROM good) v(s)$$,
	'22023', 'window_funnel window and mode must be the same for all rows of a group', 'states of different windows');
SELECT throws_ok($$SELECT pg_temp.funnel_of_states(s) FROM (SELECT pg_temp.st(b)::journey.step_state FROM good
	UNION ALL SELECT pg_temp.st(b)::journey.step_state FROM good_seq) v(s)$$,
	'22P03', 'invalid serialized step state: states of two different aggregates', 'a funnel and a sequence state');
SELECT throws_ok($$SELECT journey.sequence_match_state_final(pg_temp.st(b)::journey.step_state) FROM good$$,
	'22P03', 'invalid serialized step state: state of another aggregate', 'a funnel state given to sequence_match');
SELECT throws_ok($$SELECT journey.funnel_state_final(pg_temp.st(b)::journey.step_state) FROM good_seq$$,
	'22P03', 'invalid serialized step state: state of another aggregate', 'a sequence state given to window_funnel');
-- a plain call works on a copy: the stored state does not change
CREATE TEMP TABLE stored AS SELECT pg_temp.st(overlay(overlay(b PLACING '\x03'::bytea FROM 3) PLACING '\x00000002'::bytea
	|| '\x0000000000000009'::bytea || '\x0000000000000002'::bytea || '\x0000000000000005'::bytea
	|| '\x0000000000000001'::bytea FROM 36))::journey.step_state AS s FROM good;
SELECT is((SELECT journey.funnel_state_times_final_int(s) FROM stored), '{5,9}'::bigint[], 'final function called as a plain function');
SELECT is((SELECT set_byte(journey.step_state_send(s), 2, 0) FROM stored),
	(SELECT set_byte(overlay(overlay(b PLACING '\x03'::bytea FROM 3) PLACING '\x00000002'::bytea
	|| '\x0000000000000009'::bytea || '\x0000000000000002'::bytea || '\x0000000000000005'::bytea
	|| '\x0000000000000001'::bytea FROM 36), 2, 0) FROM good), 'the stored state is left unsorted');
SELECT is((SELECT journey.funnel_state_final(journey.funnel_state_mode_trans_int(s, 100, 'strict_order', 7, ARRAY[false, true])) FROM stored),
	2, 'transition function called as a plain function');

-- ---------------------------------------------------------------------------
-- Parallel plans: partial states cross from the workers as step_state
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
	SELECT 'funnel', journey.window_funnel(interval '1 hour', ts, label = 'web', label = 'sms', label = 'store')::text FROM par_rows
	UNION ALL SELECT 'funnel times', journey.window_funnel_times(interval '1 hour', 'strict_order', ts, label = 'web', label = 'email')::text FROM par_rows
	UNION ALL SELECT 'funnel label epoch', journey.window_funnel_times(600, epoch, label, 'search', 'web', 'sms')::text FROM par_rows
	UNION ALL SELECT 'funnel exclusions', journey.window_funnel(interval '3 hours', '', ts, ARRAY[label = 'web', label = 'store'], ARRAY[label = 'email'])::text FROM par_rows
	UNION ALL SELECT 'sequence count', journey.sequence_count('(?1)(?t<=600)(?2)', ts, label = 'web', label = 'sms')::text FROM par_rows
	UNION ALL SELECT 'sequence match epoch', journey.sequence_match('(?1).(?2)', epoch, label = 'email', label = 'search')::text FROM par_rows
	UNION ALL SELECT 'funnel by g % 3 ' || g % 3, journey.window_funnel(interval '30 minutes', 'any_order', ts, label = 'web', label = 'sms')::text FROM par_rows GROUP BY g % 3
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM pg_temp.results();
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
\ir lib/plan.sql
SELECT matches(pg_temp.plan('SELECT journey.window_funnel(interval ''1 hour'', ts, label = ''web'', label = ''sms'') FROM par_rows'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'window_funnel: a parallel plan');
SELECT matches(pg_temp.plan('SELECT journey.sequence_count(''(?1)(?2)'', epoch, label = ''web'', label = ''sms'') FROM par_rows'),
	'Finalize Aggregate.*Gather.*Partial Aggregate', 'sequence_count: a parallel plan');
CREATE TEMP TABLE parallel_res AS SELECT * FROM pg_temp.results();
RESET max_parallel_workers_per_gather;
SELECT is((SELECT count(*) FROM serial_res WHERE r IS NOT NULL), 9::bigint, 'nine serial results, none NULL');
SELECT set_eq('SELECT * FROM parallel_res', 'SELECT * FROM serial_res', 'parallel results equal serial ones');
SELECT is((SELECT r FROM serial_res WHERE what = 'funnel'),
	(SELECT journey.funnel(journey.journey_agg(ts, label), interval '1 hour', 'web', 'sms', 'store')::text FROM par_rows),
	'the aggregate equals journey.funnel over the journey of the rows');

-- ---------------------------------------------------------------------------
-- Other plan shapes: a window aggregate (the final function sorts the
-- state between updates, in place), grouping sets, partitionwise
-- aggregation (partial states handed to the combine function in the same
-- process)
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(r ORDER BY g) FROM (
		SELECT g, journey.window_funnel_times(interval '1 hour', ts, label = 'web', label = 'email', label = 'store')
			OVER (ORDER BY g)::text AS r
		FROM par_rows WHERE g <= 400) w WHERE g IN (10, 25, 40, 400)),
	(SELECT array_agg((SELECT journey.window_funnel_times(interval '1 hour', ts, label = 'web', label = 'email', label = 'store')::text
		FROM par_rows WHERE g <= n) ORDER BY n) FROM unnest(ARRAY[10, 25, 40, 400]) n),
	'window_funnel_times as a running window aggregate equals the aggregate of each prefix');
SELECT set_eq($$SELECT g % 3 AS a, g % 2 AS b, journey.sequence_count('(?1).*(?2)', ts, label = 'sms', label = 'web') AS r
		FROM par_rows GROUP BY GROUPING SETS ((g % 3), (g % 2), ())$$,
	$$SELECT g % 3 AS a, NULL::int AS b, journey.sequence_count('(?1).*(?2)', ts, label = 'sms', label = 'web') FROM par_rows GROUP BY 1
	  UNION ALL SELECT NULL, g % 2, journey.sequence_count('(?1).*(?2)', ts, label = 'sms', label = 'web') FROM par_rows GROUP BY 2
	  UNION ALL SELECT NULL, NULL, journey.sequence_count('(?1).*(?2)', ts, label = 'sms', label = 'web') FROM par_rows$$,
	'sequence_count over grouping sets');
CREATE TABLE part_rows (k int, g int, ts timestamptz, label text) PARTITION BY LIST ((g % 2));
CREATE TABLE part_rows_0 PARTITION OF part_rows FOR VALUES IN (0);
CREATE TABLE part_rows_1 PARTITION OF part_rows FOR VALUES IN (1);
INSERT INTO part_rows SELECT g % 3, g, ts, label FROM par_rows;
ANALYZE part_rows;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan('SELECT k, journey.window_funnel(interval ''1 hour'', ts, label, ''web'', ''sms'') FROM part_rows GROUP BY k'),
	'Finalize .*Aggregate.*Partial .*Aggregate.*Partial .*Aggregate', 'partitionwise: partial aggregates per partition');
SELECT set_eq($$SELECT k, journey.window_funnel_times(interval '1 hour', ts, label, 'web', 'sms', 'store')::text AS r FROM part_rows GROUP BY k$$,
	$$SELECT g % 3 AS k, journey.window_funnel_times(interval '1 hour', ts, label, 'web', 'sms', 'store')::text AS r FROM par_rows GROUP BY 1$$,
	'partitionwise window_funnel_times equals window_funnel_times over one table');
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
-- per customer with hash aggregation: many groups, each state grown from
-- 128 bytes by doubling
SET LOCAL enable_sort = off;
SELECT is((SELECT md5(string_agg(customer || ':' || f, ',' ORDER BY customer)) FROM (
		SELECT customer, journey.window_funnel_times(interval '2 hours', ts, label = 'web', label = 'sms', label = 'search')::text AS f
		FROM par_rows GROUP BY customer) x),
	(SELECT md5(string_agg(customer || ':' || journey.funnel_times(j, interval '2 hours', ARRAY['web', 'sms', 'search'])::text, ',' ORDER BY customer))
		FROM (SELECT customer, journey.journey_agg(ts, label) AS j FROM par_rows GROUP BY customer) x),
	'per customer (hash aggregation) equals journey.funnel_times over each customer''s journey');
RESET enable_sort;
-- hash aggregation that spills (5,000 groups in 64 kB of work_mem) equals
-- the sorted plan
SET LOCAL work_mem = '64kB';
SET LOCAL enable_sort = off;
CREATE FUNCTION pg_temp.analyzed(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	l text;
	r text := '';
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' || q LOOP
		r := r || l || E'\n';
	END LOOP;
	RETURN r;
END
$f$;
SELECT matches(pg_temp.analyzed($$SELECT g % 5000, journey.window_funnel(interval '1 day', 'strict_order', ts, label = 'web', label = 'sms') FROM par_rows GROUP BY 1$$),
	'HashAggregate.*Batches: ([2-9]|[1-9][0-9]+)', 'the hash aggregate spills');
CREATE TEMP TABLE spilled AS SELECT g % 5000 AS c, journey.window_funnel(interval '1 day', 'strict_order', ts, label = 'web', label = 'sms')::text AS f,
	journey.sequence_count('(?1)(?2)', epoch, label = 'email', label = 'search')::text AS s FROM par_rows GROUP BY 1;
RESET enable_sort;
SET LOCAL enable_hashagg = off;
SELECT set_eq('SELECT * FROM spilled', $$SELECT g % 5000 AS c, journey.window_funnel(interval '1 day', 'strict_order', ts, label = 'web', label = 'sms')::text,
	journey.sequence_count('(?1)(?2)', epoch, label = 'email', label = 'search')::text FROM par_rows GROUP BY 1$$,
	'a spilling hash aggregate equals a sorted one');
RESET enable_hashagg;
RESET work_mem;

SELECT * FROM finish();
ROLLBACK;
