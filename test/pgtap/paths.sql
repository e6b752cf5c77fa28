-- pgTAP: behaviour and errors of the path analytics (transitions,
-- path_after, path_before).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SELECT plan(42);

-- Objects exist with the signatures the docs promise.
SELECT has_function('journey', 'transitions', ARRAY['journey.journey', 'boolean'], 'transitions(journey, boolean)');
SELECT has_function('journey', 'path_after', ARRAY['journey.journey', 'text', 'integer', 'text'], 'path_after(journey, text, integer, text)');
SELECT has_function('journey', 'path_before', ARRAY['journey.journey', 'text', 'integer', 'text'], 'path_before(journey, text, integer, text)');
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey' AND p.proname IN ('path_after', 'path_before')), 8,
          'eight path aggregates (after/before x timestamptz/bigint x with/without occurrence)');
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey' AND p.proname IN ('path_after', 'path_before')
             AND p.proparallel = 's' AND a.aggtranstype = 'journey.path_state'::regtype
             AND a.aggcombinefn = 'journey.path_state_combine'::regproc AND a.aggserialfn = 0
             AND a.aggdeserialfn = 0 AND a.aggfinalmodify = 'r'), 8,
          'every path aggregate is parallel safe: state path_state, its combine function, a read-only final');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey'
             AND p.proname IN ('transitions', 'path_after', 'path_before', 'path_agg_trans',
                               'path_after_final', 'path_before_final', 'path_state_combine',
                               'path_state_in', 'path_state_out', 'path_state_recv', 'path_state_send')
             AND (p.provolatile <> 'i' OR p.proparallel <> 's')), 0,
          'every path function is IMMUTABLE and PARALLEL SAFE');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey'
             AND p.proname IN ('transitions', 'path_after', 'path_before', 'path_agg_trans',
                               'path_after_final', 'path_before_final', 'path_state_combine',
                               'path_state_in', 'path_state_out', 'path_state_recv', 'path_state_send')
             AND obj_description(p.oid, 'pg_proc') IS NULL), 0,
          'every path function and aggregate has a comment');

-- transitions
SELECT results_eq(
  $$SELECT step, from_label, to_label, seconds FROM journey.transitions('a@2026-01-01 00:00:00Z > b@2026-01-01 00:00:30Z > c@2026-01-01 00:01:30Z')$$,
  $$VALUES (1, 'a', 'b', 30::float8), (2, 'b', 'c', 60::float8)$$,
  'transitions: one row per consecutive pair with seconds between');
SELECT results_eq(
  $$SELECT step, from_label, to_label, seconds FROM journey.transitions('a@2026-01-01 00:00:00Z > b@2026-01-01 00:00:30Z', true)$$,
  $$VALUES (0, NULL, 'a', NULL::float8), (1, 'a', 'b', 30::float8), (2, 'b', NULL, NULL::float8)$$,
  'transitions with_ends: start and end rows with NULL labels');
SELECT is_empty($$SELECT * FROM journey.transitions('x@2026-01-01 00:00:00Z')$$, 'transitions: one event, no rows');
SELECT is_empty($$SELECT * FROM journey.transitions('', true)$$, 'transitions: empty journey has no ends either');
SELECT results_eq(
  $$SELECT from_label, to_label FROM journey.transitions('z@2026-01-01 00:00:00Z > y@2026-01-01 00:00:00Z')$$,
  $$VALUES ('y', 'z')$$,
  'transitions: equal timestamps in label byte order');
SELECT is((SELECT seconds FROM journey.transitions('a@2026-01-01 00:00:00Z > b@2026-01-01 00:00:00.000001Z')),
          0.000001::float8, 'transitions: microsecond resolution');

-- path_after / path_before over journeys
SELECT is(journey.path_after('a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z > a@2026-01-03 00:00:00Z > c@2026-01-04 00:00:00Z', 'a', 5),
          ARRAY['b', 'a', 'c'], 'path_after first: fewer events than steps');
SELECT is(journey.path_after('a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z > a@2026-01-03 00:00:00Z > c@2026-01-04 00:00:00Z', 'a', 1, 'last'),
          ARRAY['c'], 'path_after last');
SELECT is(journey.path_before('a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z > a@2026-01-03 00:00:00Z > c@2026-01-04 00:00:00Z', 'c', 2),
          ARRAY['b', 'a'], 'path_before: closest labels, in time order');
SELECT is(journey.path_before('a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z', 'a', 2),
          '{}'::text[], 'path_before the first event: empty array');
SELECT is(journey.path_after('a@2026-01-01 00:00:00Z', 'b', 2), NULL, 'path_after: absent label is NULL');
SELECT is(journey.path_after('"x y"@2026-01-01 00:00:00Z > "é"@2026-01-02 00:00:00Z', 'x y', 1),
          ARRAY['é'], 'labels with spaces and multibyte characters');

-- Aggregates agree with the journey functions
SELECT is((SELECT journey.path_after(ts, l, l = 'a', 2, 'last')
           FROM (VALUES ('2026-01-03'::timestamptz, 'a'), ('2026-01-01', 'a'), ('2026-01-04', 'c'),
                        ('2026-01-02', 'b'), (NULL, 'a'), ('2026-01-05', NULL)) v(ts, l)),
          journey.path_after('a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z > a@2026-01-03 00:00:00Z > c@2026-01-04 00:00:00Z', 'a', 2, 'last'),
          'aggregate equals journey function; NULL ts and label rows skipped');
SELECT is((SELECT journey.path_after(ts, l, l = 'm', 3)
           FROM (VALUES ('2026-01-01'::timestamptz, 'z'), ('2026-01-01', 'm'), ('2026-01-01', 'a'), ('2026-01-01', 'n')) v(ts, l)),
          journey.path_after('z@2026-01-01 00:00:00Z > m@2026-01-01 00:00:00Z > a@2026-01-01 00:00:00Z > n@2026-01-01 00:00:00Z', 'm', 3),
          'aggregate and journey function agree on ties (label bytes)');
SELECT is((SELECT journey.path_before(ts, l, a, 3)
           FROM (VALUES (1::bigint, 'p', NULL::boolean), (2, 'q', true), (3, 'r', true)) v(ts, l, a)),
          ARRAY['p'], 'NULL anchor is false; first anchor wins');
SELECT is((SELECT journey.path_after(ts, l, false, 3) FROM (VALUES (now(), 'a')) v(ts, l)),
          NULL, 'aggregate: anchor never holds gives NULL');

-- Errors with SQLSTATEs: over journeys
SELECT throws_ok($$SELECT journey.path_after('a@2026-01-01 00:00:00Z', 'a', 0)$$, '22023',
                 'number of steps must be at least 1, not 0', 'path_after steps 0: 22023');
SELECT throws_ok($$SELECT journey.path_before('a@2026-01-01 00:00:00Z', 'a', -5)$$, '22023',
                 NULL, 'path_before negative steps: 22023');
SELECT throws_ok($$SELECT journey.path_after('', 'a', 0)$$, '22023',
                 NULL, 'steps checked even when the label cannot occur');
SELECT throws_ok($$SELECT journey.path_after('a@2026-01-01 00:00:00Z', 'a', 1, 'middle')$$, '22023',
                 'invalid occurrence "middle"', 'unknown occurrence: 22023');
SELECT throws_ok($$SELECT journey.path_before('a@2026-01-01 00:00:00Z', 'a', 1, 'LAST')$$, '22023',
                 NULL, 'occurrence is case-sensitive: 22023');

-- Errors with SQLSTATEs: aggregates
SELECT throws_ok($$SELECT journey.path_after(now(), 'a', true, 0)$$, '22023', NULL, 'aggregate steps 0: 22023');
SELECT throws_ok($$SELECT journey.path_before(ts, 'a', true, s) FROM (VALUES (now(), 1), (now(), 2)) v(ts, s)$$,
                 '22023', 'number of steps changed from 1 to 2 within a group', 'steps varying in a group: 22023');
SELECT throws_ok($$SELECT journey.path_after(ts, 'a', true, 1, o) FROM (VALUES (now(), 'first'), (now(), 'last')) v(ts, o)$$,
                 '22023', 'occurrence changed within a group', 'occurrence varying in a group: 22023');
SELECT throws_ok($$SELECT journey.path_after(now(), 'a', true, 1, 'latest')$$, '22023', NULL, 'aggregate unknown occurrence: 22023');
SELECT throws_ok($$SELECT journey.path_after(now(), 'a', true, NULL)$$, '22004', NULL, 'aggregate NULL steps: 22004');
SELECT throws_ok($$SELECT journey.path_before(now(), 'a', true, 1, NULL)$$, '22004', NULL, 'aggregate NULL occurrence: 22004');
SELECT throws_ok($$SELECT journey.path_after(ts, 'a', true, 0) FROM (VALUES (NULL::timestamptz)) v(ts)$$,
                 '22023', NULL, 'steps checked on skipped rows too');
SELECT throws_ok($$SELECT journey.path_after(now(), repeat('x', 1001), true, 1)$$, '54000', NULL, 'label over 1000 bytes: 54000');
-- The state functions take a path_state, but run only inside an aggregate.
SELECT throws_ok($$SELECT journey.path_agg_trans(NULL, now(), 'a', true, 1)$$, '0A000', NULL,
                 'transition function outside an aggregate: 0A000');
SELECT has_function('journey', 'path_before', ARRAY['bigint', 'text', 'boolean', 'integer', 'text'],
                    'path_before(bigint, text, boolean, integer, text) aggregate');

-- Usable as window aggregates (read-only final function).
SELECT results_eq(
  $$SELECT journey.path_after(ts, l, l = 'b', 1) OVER (ORDER BY ts)
    FROM (VALUES (1::bigint, 'a'), (2, 'b'), (3, 'c'), (4, 'd')) v(ts, l) ORDER BY ts$$,
  $$VALUES (NULL::text[]), ('{}'::text[]), (ARRAY['c']), (ARRAY['c'])$$,
  'running path_after as a window aggregate');

-- Both aggregates in one query share a state and stay correct.
SELECT results_eq(
  $$SELECT journey.path_after(ts, l, l = 'b', 2), journey.path_before(ts, l, l = 'b', 2)
    FROM (VALUES (4::bigint, 'd'), (2, 'b'), (3, 'c'), (1, 'a')) v(ts, l)$$,
  $$VALUES (ARRAY['c', 'd'], ARRAY['a'])$$,
  'path_after and path_before in one query');

-- Name resolution: the journey functions and the aggregates of the same
-- name do not clash.
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey' AND p.proname = 'path_after'), 5,
          'path_after: one function and four aggregates');
SELECT is(journey.path_after('a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z', 'a', 1), ARRAY['b'],
          'three-argument call resolves to the journey function');

SELECT * FROM finish();
ROLLBACK;
