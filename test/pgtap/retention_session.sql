-- pgTAP: behaviour and errors of retention, activity_buckets and sessions.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SELECT plan(49);

-- Objects.
SELECT has_function('journey', 'retention', ARRAY['boolean[]'], 'retention(VARIADIC boolean[])');
SELECT ok((SELECT prokind = 'a' FROM pg_proc WHERE oid = 'journey.retention(boolean[])'::regprocedure), 'retention is an aggregate');
SELECT has_function('journey', 'retention', ARRAY['journey.journey', 'text[]'], 'retention(journey, VARIADIC text[])');
SELECT has_function('journey', 'activity_buckets', ARRAY['timestamp with time zone', 'interval', 'integer'], 'activity_buckets(ts, bucket, max_buckets)');
SELECT has_function('journey', 'activity_buckets', ARRAY['bigint', 'bigint'], 'activity_buckets(bigint, bigint)');
SELECT has_function('journey', 'activity_buckets', ARRAY['date'], 'activity_buckets(date)');
SELECT has_function('journey', 'activity_buckets', ARRAY['journey.journey', 'interval', 'integer'], 'activity_buckets(journey, bucket, max_buckets)');
SELECT ok((SELECT prokind = 'w' FROM pg_proc WHERE oid = 'journey.session_number(timestamptz, interval)'::regprocedure), 'session_number is a window function');
SELECT ok((SELECT prokind = 'w' FROM pg_proc WHERE oid = 'journey.session_number(bigint, bigint)'::regprocedure), 'session_number(bigint, bigint) is a window function');
SELECT has_function('journey', 'session_count', ARRAY['timestamp with time zone', 'interval'], 'session_count(ts, gap)');
SELECT has_function('journey', 'session_count', ARRAY['journey.journey', 'interval'], 'session_count(journey, gap)');
SELECT has_function('journey', 'sessions', ARRAY['journey.journey', 'interval'], 'sessions(journey, gap)');
SELECT has_function('journey', 'split_sessions', ARRAY['journey.journey', 'interval'], 'split_sessions(journey, gap)');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           WHERE p.pronamespace = 'journey'::regnamespace
             AND p.proname IN ('retention', 'activity_buckets', 'session_count')
             AND p.proparallel = 's' AND a.aggcombinefn <> 0
             AND (a.aggtranstype <> 'internal'::regtype OR (a.aggserialfn <> 0 AND a.aggdeserialfn <> 0))),
          11::bigint, 'all 11 aggregates are parallel safe with combine (and serial/deserial for internal states)');
SELECT is((SELECT count(*) FROM pg_proc p
           WHERE p.pronamespace = 'journey'::regnamespace
             AND p.proname ~ '^(retention|activity_buckets|session)'
             AND obj_description(p.oid, 'pg_proc') IS NULL),
          0::bigint, 'every function and aggregate has a comment');

-- Behaviour.
SELECT is(journey.retention(d = 1, d = 2, d = 3), '{1,0,1}'::int[], 'retention: conditions 1 and 3 held')
FROM (VALUES (1), (3), (3)) v(d);
SELECT is(journey.retention(d = 1, d = 2), NULL, 'retention of no rows is NULL')
FROM (VALUES (1)) v(d) WHERE false;
SELECT is(journey.retention(NULL::bool, true), '{0,0}'::int[], 'NULL condition counts as false');
SELECT is(journey.activity_buckets(ts), '{0,1}'::int[], 'a day is 24 hours from the first event: 24h later is bucket 1')
FROM (VALUES ('2026-01-01 10:00+00'::timestamptz), ('2026-01-02 09:59:59.999999+00'), ('2026-01-02 10:00+00')) v(ts);
SELECT is(journey.activity_buckets(ts, '1 day', 31), '{0}'::int[], 'bucket 31 is dropped by max_buckets 31')
FROM (VALUES ('2026-01-01 00:00+00'::timestamptz), ('2026-02-01 00:00+00')) v(ts);
SELECT is(journey.activity_buckets(ts), NULL, 'activity_buckets of no rows is NULL')
FROM (VALUES (now())) v(ts) WHERE false;
SELECT is(journey.activity_buckets('a@2026-01-01 00:00Z > b@2026-01-03 00:00Z'::journey.journey), '{0,2}'::int[],
          'activity_buckets over a journey (default bucket and max)');
SELECT is(array_agg(s ORDER BY ts), '{1,1,2}'::bigint[], 'session_number: exactly the gap stays, 1 us more starts a session')
FROM (SELECT ts, journey.session_number(ts, '30 min') OVER (ORDER BY ts) AS s
      FROM (VALUES ('2026-01-01 10:00+00'::timestamptz), ('2026-01-01 10:30+00'), ('2026-01-01 11:00:00.000001+00')) v(ts)) x;
SELECT is(journey.session_count(ts, '30 min'), 2, 'session_count counts the same sessions')
FROM (VALUES ('2026-01-01 10:00+00'::timestamptz), ('2026-01-01 10:30+00'), ('2026-01-01 11:00:00.000001+00')) v(ts);
SELECT is(array_agg(s ORDER BY o), '{1,NULL,1}'::bigint[], 'session_number: NULL ts gives NULL and does not break the session')
FROM (SELECT o, journey.session_number(ts, '30 min') OVER (ORDER BY o) AS s
      FROM (VALUES (1, '2026-01-01 10:00+00'::timestamptz), (2, NULL), (3, '2026-01-01 10:20+00')) v(o, ts)) x;
SELECT is(journey.session_count(ts, '30 min'), 0, 'session_count of no rows is 0')
FROM (VALUES (now())) v(ts) WHERE false;
SELECT is(journey.session_count('a@2026-01-01 10:00Z > b@2026-01-01 10:30Z > c@2026-01-01 11:00:00.000001Z'::journey.journey, '30 min'),
          2, 'session_count over a journey');
SELECT results_eq($$SELECT session, events, path FROM journey.sessions('a@2026-01-01 10:00Z > b@2026-01-01 10:30Z > c@2026-01-01 11:00:00.000001Z'::journey.journey, '30 min')$$,
                  $$VALUES (1, 2, 'a > b'), (2, 1, 'c')$$, 'sessions over a journey');
SELECT results_eq($$SELECT s::text FROM journey.split_sessions('a@2026-01-01 10:00Z > b@2026-01-01 12:00Z'::journey.journey, '1 hour') s$$,
                  $$VALUES ('a@2026-01-01 10:00:00+00'), ('b@2026-01-01 12:00:00+00')$$, 'split_sessions over a journey');

-- Errors with SQLSTATEs.
SELECT throws_ok($$SELECT journey.retention(VARIADIC array_fill(true, ARRAY[65]))$$, '54000', NULL, 'retention: more than 64 conditions: 54000');
SELECT throws_ok($$SELECT journey.retention(VARIADIC a) FROM (VALUES (ARRAY[true]), (ARRAY[true, true])) v(a)$$, '22023', NULL,
                 'retention: number of conditions changes: 22023');
SELECT throws_ok($$SELECT journey.retention(VARIADIC '{}'::boolean[])$$, '22023', NULL, 'retention: no condition: 22023');
SELECT throws_ok($$SELECT journey.retention_final('{2,4}')$$, '22023', NULL, 'retention_final: invalid state: 22023');
SELECT throws_ok($$SELECT journey.retention('a@2026-01-01 00:00Z'::journey.journey, VARIADIC array_fill('a'::text, ARRAY[65]))$$,
                 '54000', NULL, 'retention over a journey: more than 64 labels: 54000');
SELECT throws_ok($$SELECT journey.activity_buckets(now(), '-1 day')$$, '22023', NULL, 'activity_buckets: negative bucket: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(now(), '0 days')$$, '22023', NULL, 'activity_buckets: zero bucket: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(now(), '1 day', 0)$$, '22023', NULL, 'activity_buckets: max_buckets 0: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(1::bigint, -5::bigint)$$, '22023', NULL, 'activity_buckets(bigint): negative bucket: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(current_date, 0)$$, '22023', NULL, 'activity_buckets(date): zero bucket: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(ts, b) FROM (VALUES (now(), '1 day'::interval), (now(), '1 week')) v(ts, b)$$,
                 '22023', NULL, 'activity_buckets: bucket changes within a group: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(''::journey.journey, '-1 day')$$, '22023', NULL, 'activity_buckets over a journey: negative bucket: 22023');
SELECT throws_ok($$SELECT journey.activity_buckets(''::journey.journey, '1 day', -1)$$, '22023', NULL, 'activity_buckets over a journey: negative max_buckets: 22023');
SELECT throws_ok($$SELECT journey.session_number(now(), '-1 s') OVER ()$$, '22023', NULL, 'session_number: negative gap: 22023');
SELECT throws_ok($$SELECT journey.session_number(1::bigint, -1::bigint) OVER ()$$, '22023', NULL, 'session_number(bigint): negative gap: 22023');
SELECT throws_ok($$SELECT journey.session_number(t, g) OVER (ORDER BY t) FROM (VALUES (now(), '1 h'::interval), (now(), '2 h')) v(t, g)$$,
                 '22023', NULL, 'session_number: gap changes within a partition: 22023');
SELECT throws_ok($$SELECT journey.session_count(now(), '-1 s')$$, '22023', NULL, 'session_count: negative gap: 22023');
SELECT throws_ok($$SELECT journey.session_count(1::bigint, -1::bigint)$$, '22023', NULL, 'session_count(bigint): negative gap: 22023');
SELECT throws_ok($$SELECT journey.session_count(''::journey.journey, '-1 s')$$, '22023', NULL, 'session_count over a journey: negative gap: 22023');
SELECT throws_ok($$SELECT * FROM journey.sessions(''::journey.journey, '-1 s')$$, '22023', NULL, 'sessions: negative gap: 22023');


SELECT * FROM finish();
ROLLBACK;
