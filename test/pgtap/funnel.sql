-- pgTAP: funnels — signatures, behaviour and errors with SQLSTATEs.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SELECT plan(43);

SELECT has_function('journey', 'window_funnel', ARRAY['interval', 'timestamp with time zone', 'boolean[]'], 'window_funnel(interval, timestamptz, VARIADIC boolean[])');
SELECT has_function('journey', 'window_funnel', ARRAY['bigint', 'bigint', 'boolean[]'], 'window_funnel(bigint, bigint, VARIADIC boolean[])');
SELECT has_function('journey', 'window_funnel', ARRAY['interval', 'text', 'timestamp with time zone', 'boolean[]'], 'window_funnel with mode (timestamptz)');
SELECT has_function('journey', 'window_funnel', ARRAY['bigint', 'text', 'bigint', 'boolean[]'], 'window_funnel with mode (bigint)');
SELECT has_function('journey', 'window_funnel', ARRAY['interval', 'text', 'timestamp with time zone', 'boolean[]', 'boolean[]'], 'window_funnel with exclusions (timestamptz)');
SELECT has_function('journey', 'window_funnel', ARRAY['bigint', 'text', 'bigint', 'boolean[]', 'boolean[]'], 'window_funnel with exclusions (bigint)');
SELECT has_function('journey', 'window_funnel_times', ARRAY['interval', 'text', 'timestamp with time zone', 'boolean[]'], 'window_funnel_times with mode');
SELECT has_function('journey', 'funnel', ARRAY['journey.journey', 'interval', 'text[]'], 'journey.funnel(journey, interval, VARIADIC text[])');
SELECT has_function('journey', 'funnel', ARRAY['journey.journey', 'interval', 'text[]', 'text'], 'journey.funnel(journey, interval, text[], text)');
SELECT has_function('journey', 'funnel_times', ARRAY['journey.journey', 'interval', 'text[]', 'text'], 'journey.funnel_times');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid
           WHERE p.pronamespace = 'journey'::regnamespace AND p.proname IN ('window_funnel', 'window_funnel_times')
             AND p.proparallel = 's' AND a.aggcombinefn = 'journey.step_state_combine'::regproc
             AND a.aggtranstype = 'journey.step_state'::regtype AND a.aggserialfn = 0 AND a.aggdeserialfn = 0),
          16::bigint, 'all 16 funnel aggregates (12 boolean, 4 label forms) are parallel safe, state step_state with its combine function');

-- Behaviour.
SELECT is(window_funnel(interval '1 hour', ts, l = 'a', l = 'b', l = 'c'), 3, 'a b c within the hour: 3')
FROM (VALUES ('2026-01-01 10:00+00'::timestamptz, 'a'), ('2026-01-01 10:30+00', 'b'), ('2026-01-01 11:00+00', 'c')) v(ts, l);
SELECT is(window_funnel(interval '1 hour', ts, l = 'a', l = 'b', l = 'c'), 2, 'c 1 us after the window: 2')
FROM (VALUES ('2026-01-01 10:00+00'::timestamptz, 'a'), ('2026-01-01 10:30+00', 'b'), ('2026-01-01 11:00:00.000001+00', 'c')) v(ts, l);
SELECT is(window_funnel(interval '1 hour', ts, l = 'b'), 0, 'step 1 never holds: 0')
FROM (VALUES (now(), 'a')) v(ts, l);
SELECT is(window_funnel(3600::bigint, 'strict_order', ts, l = 'a', l = 'b'), 1, 'strict_order: other event breaks the chain')
FROM (VALUES (1::bigint, 'a'), (2, 'x'), (3, 'b')) v(ts, l);
SELECT is(window_funnel(3600::bigint, ' strict_order , allow_reentry ,', ts, l = 'a', l = 'b', l = 'c'), 3, 'mode list with spaces and an empty item')
FROM (VALUES (1::bigint, 'a'), (2, 'c'), (3, 'b'), (4, 'c')) v(ts, l);
SELECT is(window_funnel_times(60::bigint, ts, l = 'a', l = 'b'), ARRAY[5, 7]::bigint[], 'times of the chain (latest start a@5)')
FROM (VALUES (1::bigint, 'a'), (5, 'a'), (7, 'b')) v(ts, l);
SELECT is(window_funnel_times(interval '1 hour', ts, l = 'a'), '{}'::timestamptz[], 'times at level 0: empty array')
FROM (VALUES (now(), 'b')) v(ts, l);
SELECT is(window_funnel(60::bigint, '', ts, ARRAY[l = 'a', l = 'b'], ARRAY[l = 'x']), 1, 'exclusion between a and b discards the chain')
FROM (VALUES (1::bigint, 'a'), (2, 'x'), (3, 'b')) v(ts, l);
SELECT is(funnel('a@2026-01-01 00:00:00Z > x@2026-01-01 00:01:00Z > b@2026-01-01 00:02:00Z'::journey.journey,
                 '1 hour', ARRAY['a', 'b'], 'strict_order'), 1, 'journey.funnel honours strict_order (other labels break the chain)');
SELECT is(funnel('a@2026-01-01 00:00:00Z > b@2026-01-01 00:02:00Z'::journey.journey, '1 hour', 'a', 'b'), 2,
          'journey.funnel VARIADIC labels');
SELECT is(funnel_times('a@2026-01-01 00:00:00Z > b@2026-01-01 00:02:00Z'::journey.journey, '1 hour', ARRAY['a', 'b']),
          ARRAY['2026-01-01 00:00:00Z', '2026-01-01 00:02:00Z']::timestamptz[], 'journey.funnel_times default mode');
SELECT is(window_funnel(interval '1 hour', ts, l = 'a', l = 'b'), 0, 'over zero rows: 0')
FROM (VALUES (now(), 'a')) v(ts, l) WHERE false;

-- Errors.
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', 'strict', now(), true)$$,
                 '22023', 'unknown window_funnel mode: "strict"', 'unknown mode: 22023');
SELECT throws_like($$SELECT journey.window_funnel(interval '1 hour', 'bogus', now(), true)$$,
                   '%unknown window_funnel mode%', 'unknown mode names the mode');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', 'allow_reentry', now(), true)$$,
                 '22023', NULL, 'allow_reentry without strict_order: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', 'any_order,strict_order', now(), true)$$,
                 '22023', NULL, 'any_order with another mode: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', 'any_order', now(), ARRAY[true, true], ARRAY[false])$$,
                 '22023', NULL, 'exclusions with any_order: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(interval '-1 second', now(), true)$$,
                 '22023', NULL, 'negative interval window: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(-5::bigint, 1::bigint, true)$$,
                 '22023', NULL, 'negative bigint window: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(NULL::interval, now(), true)$$,
                 '22004', NULL, 'NULL window: 22004');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', NULL::text, now(), true)$$,
                 '22004', NULL, 'NULL mode: 22004');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC array_fill(true, ARRAY[65]))$$,
                 '54000', NULL, '65 steps: 54000');
SELECT lives_ok($$SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC array_fill(true, ARRAY[64]))$$,
                '64 steps are fine');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', '', now(), array_fill(true, ARRAY[33]), array_fill(true, ARRAY[32]))$$,
                 '54000', NULL, '33 steps + 32 exclusions: 54000');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', '', now(), ARRAY[true, true, true], ARRAY[true])$$,
                 '22023', NULL, 'wrong number of exclusions: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC '{}'::boolean[])$$,
                 '22023', NULL, 'no steps: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(w, ts, true) FROM (VALUES (interval '1 hour', now()), (interval '2 hours', now())) v(w, ts)$$,
                 '22023', NULL, 'window changing within a group: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', m, now(), true) FROM (VALUES ('strict_order'), ('strict_once')) v(m)$$,
                 '22023', NULL, 'mode changing within a group: 22023');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC ARRAY[[true], [false]])$$,
                 '2202E', NULL, 'two-dimensional steps: 2202E');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', ts, VARIADIC s) FROM (VALUES (now(), ARRAY[true]), (now(), ARRAY[true, false])) v(ts, s)$$,
                 '22023', NULL, 'number of steps changing within a group: 22023');
SELECT throws_ok($$SELECT journey.funnel(''::journey.journey, '1 hour', ARRAY['a'], 'nope')$$,
                 '22023', NULL, 'journey.funnel unknown mode: 22023');
SELECT throws_ok($$SELECT journey.funnel(''::journey.journey, '-1 hour', 'a')$$,
                 '22023', NULL, 'journey.funnel negative window: 22023');

SELECT * FROM finish();
ROLLBACK;
