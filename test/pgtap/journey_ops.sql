-- pgTAP: behaviour, errors and catalog properties of the functions and
-- operators on journeys (src/journey_ops.c), with reference checks over
-- pseudo-random journeys.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SELECT plan(61);

-- Objects.
SELECT has_composite('journey', 'event', 'composite type journey.event exists');
SELECT columns_are('journey', 'event', ARRAY['ts', 'label', 'value'], 'journey.event is (ts, label, value)');
SELECT has_function('journey', 'length', ARRAY['journey.journey'], 'length(journey)');
SELECT has_function('journey', 'labels', ARRAY['journey.journey'], 'labels(journey)');
SELECT has_function('journey', 'path', ARRAY['journey.journey', 'text'], 'path(journey, text)');
SELECT has_function('journey', 'unnest', ARRAY['journey.journey'], 'unnest(journey)');
SELECT has_function('journey', 'nth', ARRAY['journey.journey', 'integer'], 'nth(journey, integer)');
SELECT has_function('journey', 'slice', ARRAY['journey.journey', 'timestamp with time zone', 'timestamp with time zone'], 'slice(journey, timestamptz, timestamptz)');
SELECT has_function('journey', 'make_journey', ARRAY['timestamp with time zone[]', 'text[]', 'double precision[]'], 'make_journey(timestamptz[], text[], float8[])');
SELECT is((SELECT count(*)::int FROM pg_proc p
           WHERE p.pronamespace = 'journey'::regnamespace
             AND p.proname IN ('length', 'labels', 'path', 'unnest', 'first_touch', 'last_touch',
                               'first_time', 'last_time', 'duration', 'nth', 'slice', 'merge',
                               'merge_agg', 'contains', 'journey_contained', 'collapse', 'filter',
                               'make_journey', 'journey_merge_agg_trans', 'journey_state_combine',
                               'journey_merge_agg_final')
             AND p.provolatile = 'i' AND p.proparallel = 's'
             AND obj_description(p.oid, 'pg_proc') IS NOT NULL),
          21, 'all 21 functions are IMMUTABLE, PARALLEL SAFE and commented');
SELECT is((SELECT array_agg(proname::text ORDER BY proname) FROM pg_proc
           WHERE pronamespace = 'journey'::regnamespace AND prokind = 'f' AND NOT proisstrict
             AND proname IN ('length', 'labels', 'path', 'unnest', 'first_touch', 'last_touch',
                             'first_time', 'last_time', 'duration', 'nth', 'slice', 'merge',
                             'contains', 'journey_contained', 'collapse', 'filter', 'make_journey')),
          ARRAY['make_journey', 'slice'], 'only slice and make_journey are not strict');
SELECT is((SELECT aggtranstype::regtype::text || ' ' || aggcombinefn::text || ' ' || aggserialfn::text || ' ' || aggdeserialfn::text
           FROM pg_aggregate WHERE aggfnoid = 'journey.merge_agg(journey.journey)'::regprocedure),
          'journey_state journey_state_combine - -',
          'merge_agg: state type journey_state with a combine function, no serialize functions');
SELECT is((SELECT array_agg(o.oprname || ' ' || o.oprcode::text || ' ' || o.oprrest::text || ' ' || o.oprjoin::text || ' ' || c.oprname ORDER BY o.oprname)
           FROM pg_operator o JOIN pg_operator c ON c.oid = o.oprcom
           WHERE o.oprnamespace = 'journey'::regnamespace AND o.oprname IN ('@>', '<@')),
          ARRAY['<@ journey_contained contsel contjoinsel @>', '@> contains contsel contjoinsel <@'],
          '@> and <@ are commutators with contsel/contjoinsel estimators');
SELECT is((SELECT oprcode::text FROM pg_operator
           WHERE oprnamespace = 'journey'::regnamespace AND oprname = '||'), 'merge', '|| is merge');

-- Accessors on a hand-checked journey.
CREATE TEMP TABLE t (j journey.journey);
INSERT INTO t VALUES ('web@2026-01-01 10:00Z > email@2026-01-02 10:00Z=2 > web@2026-01-02 10:00Z=3 > store@2026-01-03 12:30Z=100');
SELECT is(journey.length(j), 4, 'length') FROM t;
SELECT is(journey.labels(j), ARRAY['web', 'email', 'store'], 'labels in order of first appearance') FROM t;
SELECT is(journey.path(j), 'web > email > web > store', 'path with the default separator') FROM t;
SELECT is(journey.first_touch(j) || '/' || journey.last_touch(j), 'web/store', 'first and last touch') FROM t;
SELECT is(journey.duration(j), interval '2 days 2 hours 30 minutes', 'duration') FROM t;
SELECT is((journey.nth(j, -2)).label, 'web', 'nth(-2) is the web event tied with email, sorted after it') FROM t;
SELECT is((journey.nth(j, 2)).value, 2::float8, 'nth(2) carries its value') FROM t;
SELECT is(journey.nth(j, 0), NULL, 'nth(0) is NULL') FROM t;
SELECT is(journey.length(''), 0, 'empty journey has length 0');
SELECT is(journey.first_touch(''), NULL, 'empty journey has no first touch');
SELECT is(journey.duration(''), NULL, 'empty journey has no duration');
SELECT results_eq($$SELECT label, value FROM journey.unnest((SELECT j FROM t))$$,
                  $$VALUES ('web', NULL::float8), ('email', 2), ('web', 3), ('store', 100)$$,
                  'unnest gives the events in order');
SELECT is(journey.slice(j, '2026-01-02 10:00Z', '2026-01-03 12:30Z')::text,
          'email@2026-01-02 10:00:00+00=2 > web@2026-01-02 10:00:00+00=3', 'slice is half-open') FROM t;
SELECT is(journey.slice(j, NULL, NULL), j, 'slice with NULL bounds is the whole journey') FROM t;
SELECT is(journey.slice(NULL, '2026-01-01', NULL), NULL, 'slice of NULL is NULL');

-- Operators and merge.
SELECT ok(j @> 'web@2026-01-01 00:00Z > web@2026-01-02 00:00Z', 'a repeated label is matched twice') FROM t;
SELECT ok(NOT (j @> 'store@2026-01-01 00:00Z > web@2026-01-02 00:00Z'), 'order of labels matters') FROM t;
SELECT ok(''::journey.journey <@ j, 'the empty journey is contained in every journey') FROM t;
SELECT is(j || '', j, 'merging the empty journey is the identity') FROM t;
SELECT is(journey.collapse('a@2026-01-01 00:00Z=1 > a@2026-01-02 00:00Z=2 > a@2026-01-03 00:00Z')::text,
          'a@2026-01-01 00:00:00+00=3', 'collapse sums the values of a run');
SELECT is(journey.filter(j, ARRAY['store', NULL])::text, 'store@2026-01-03 12:30:00+00=100', 'filter ignores NULL elements') FROM t;
SELECT is(journey.make_journey(ARRAY['2026-01-02 00:00Z', NULL, '2026-01-01 00:00Z']::timestamptz[],
                               ARRAY['b', 'x', 'a'], ARRAY[NULL, 1, 2.5])::text,
          'a@2026-01-01 00:00:00+00=2.5 > b@2026-01-02 00:00:00+00', 'make_journey skips NULL timestamps and sorts');
SELECT is(journey.merge_agg(j), NULL, 'merge_agg of no rows is NULL') FROM t WHERE false;
SELECT is(journey.merge_agg(x)::text, '', 'merge_agg of empty journeys is the empty journey')
FROM (VALUES (''::journey.journey), (NULL)) v(x);

-- Errors with SQLSTATEs.
SELECT throws_ok($$SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a,b}')$$, '22023',
                 'arrays "ts" and "labels" of make_journey must have the same length', 'ts/labels length mismatch: 22023');
SELECT throws_like($$SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a,b}')$$, '%same length%', 'message names the problem');
SELECT throws_ok($$SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a}', '{1,2}')$$, '22023', NULL, 'ts/vals length mismatch: 22023');
SELECT throws_ok($$SELECT journey.make_journey('{{2026-01-01 00:00Z}}', '{{a}}')$$, '22023', NULL, 'two-dimensional ts: 22023');
SELECT throws_ok($$SELECT journey.make_journey('{2026-01-01 00:00Z}', '{{a}}')$$, '22023', NULL, 'two-dimensional labels: 22023');
SELECT throws_ok($$SELECT journey.make_journey('{-infinity}', '{a}')$$, '22008', NULL, 'infinite timestamp: 22008');
SELECT throws_ok($$SELECT journey.make_journey(ARRAY[now()], ARRAY[repeat('x', 1001)])$$, '54000', NULL, 'label over 1000 bytes: 54000');
SELECT throws_ok($$SELECT journey.collapse('a@2026-01-01 00:00Z=1e308 > a@2026-01-02 00:00Z=1e308')$$, '22003', NULL, 'collapse sum overflow: 22003');
SELECT throws_ok($$SELECT a || a FROM (SELECT journey.journey_agg('2026-01-01'::timestamptz + g * interval '1 ms', 'x') AS a
                                     FROM generate_series(1, 500001) g) s$$,
                 '54000', 'journey would have 1000002 events, more than the maximum of 1000000',
                 'merge over 1,000,000 events: 54000 with the total');

-- Reference checks over pseudo-random journeys (labels a..d, 0..9 events,
-- several at equal times).
CREATE TEMP TABLE ev AS
SELECT g % 400 AS c, abs(hashint4(g)) % 2 = 0 AS side,
       '2026-01-01'::timestamptz + (abs(hashint4(g + 1)) % 20) * interval '1 hour' AS ts,
       chr(97 + abs(hashint4(g + 2)) % 4) AS label,
       CASE WHEN g % 3 = 0 THEN (g % 17)::float8 END AS value
FROM generate_series(1, 400 * 5) g
WHERE abs(hashint4(g + 3)) % 10 < 9 OR g % 400 < 5;
CREATE TEMP TABLE rj AS
SELECT c, coalesce(journey.journey_agg(ts, label, value), '') AS j,
       coalesce(journey.journey_agg(ts, label, value) FILTER (WHERE side), '') AS a,
       coalesce(journey.journey_agg(ts, label, value) FILTER (WHERE NOT side), '') AS b
FROM generate_series(0, 399) c LEFT JOIN ev USING (c) GROUP BY c;
SELECT is((SELECT count(*)::int FROM rj WHERE j <> a || b), 0, 'journey_agg(union) = a || b for 400 random customers');
SELECT is((SELECT count(*)::int FROM rj WHERE j <> journey.merge(b, a)), 0, 'merge is commutative on random journeys');
SELECT is((SELECT count(*)::int FROM rj
           WHERE (j @> a) IS DISTINCT FROM (journey.path(j, '') ~ ('^.*' || journey.path(a, '.*')))), 0,
          '@> agrees with a regular-expression reference (j @> a)');
SELECT is((SELECT count(*)::int FROM rj r1 JOIN rj r2 ON r2.c = (r1.c * 7 + 3) % 400
           WHERE (r1.j @> journey.filter(r2.j, '{a,b}'))
                 IS DISTINCT FROM (journey.path(r1.j, '') ~ ('^.*' || journey.path(journey.filter(r2.j, '{a,b}'), '.*')))), 0,
          '@> agrees with the reference on unrelated pairs');
SELECT ok((SELECT count(*) FROM rj r1 JOIN rj r2 ON r2.c = (r1.c * 7 + 3) % 400 WHERE r1.j @> journey.filter(r2.j, '{a,b}')
                                                                                  AND journey.length(journey.filter(r2.j, '{a,b}')) > 1) > 0
          AND (SELECT count(*) FROM rj r1 JOIN rj r2 ON r2.c = (r1.c * 7 + 3) % 400 WHERE NOT r1.j @> journey.filter(r2.j, '{a,b}')) > 0,
          'the reference pairs include both outcomes');
SELECT is((SELECT count(*)::int FROM rj, generate_series(-11, 11) n
           WHERE journey.nth(j, n) IS DISTINCT FROM
                 (SELECT row(e.ts, e.label, e.value)::journey.event
                  FROM journey.unnest(j) WITH ORDINALITY e
                  WHERE e.ordinality = CASE WHEN n > 0 THEN n WHEN n < 0 THEN journey.length(j) + 1 + n END)), 0,
          'nth agrees with unnest WITH ORDINALITY for n in -11..11');
SELECT is((SELECT count(*)::int FROM rj, (VALUES ('2026-01-01 03:00Z'::timestamptz, '2026-01-01 09:00Z'::timestamptz),
                                                  (NULL, '2026-01-01 05:00Z'), ('2026-01-01 15:00Z', NULL)) v(f, t)
           WHERE journey.slice(j, f, t) <> coalesce((SELECT journey.journey_agg(e.ts, e.label, e.value) FROM journey.unnest(j) e
                                                      WHERE (f IS NULL OR e.ts >= f) AND (t IS NULL OR e.ts < t)), '')), 0,
          'slice agrees with a WHERE on unnest');
SELECT is((SELECT count(*)::int FROM rj
           WHERE journey.filter(j, '{b,d,zz}') <> coalesce((SELECT journey.journey_agg(e.ts, e.label, e.value) FROM journey.unnest(j) e
                                                           WHERE e.label = ANY ('{b,d,zz}')), '')), 0,
          'filter agrees with = ANY on unnest');
SELECT is((SELECT count(*)::int FROM rj
           WHERE NOT (j @> journey.collapse(j)) OR journey.path(journey.collapse(j), '') ~ '(.)\1'
              OR (SELECT sum(value) FROM journey.unnest(j)) IS DISTINCT FROM (SELECT sum(value) FROM journey.unnest(journey.collapse(j)))), 0,
          'collapse keeps a subsequence without adjacent repeats and the same total value');
SELECT is((SELECT count(*)::int FROM rj
           WHERE journey.make_journey((SELECT array_agg(ts) FROM journey.unnest(j)), (SELECT array_agg(label) FROM journey.unnest(j)),
                                      (SELECT array_agg(value) FROM journey.unnest(j))) IS DISTINCT FROM
                 CASE WHEN journey.length(j) > 0 THEN j END), 0,
          'make_journey of the unnested arrays gives the journey back');

-- Parallel merge_agg equals the serial one.  (A regular table: temporary
-- tables are never scanned in parallel.)
CREATE TABLE pj_tap AS SELECT c % 40 AS g, j FROM rj, generate_series(1, 8) k;
ALTER TABLE pj_tap SET (parallel_workers = 2);
ANALYZE pj_tap;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_m AS SELECT g, journey.merge_agg(j) AS m FROM pj_tap GROUP BY g;
CREATE TEMP TABLE serial_w AS SELECT journey.merge_agg(j) AS m FROM pj_tap;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS SETOF text LANGUAGE plpgsql AS
$$ BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q; END $$;
SELECT ok(EXISTS (SELECT FROM pg_temp.plan_of('SELECT g, journey.merge_agg(j) FROM pj_tap GROUP BY g') l
                  WHERE l ~ 'Partial .*Aggregate'), 'the plan aggregates partially in parallel workers');
CREATE TEMP TABLE parallel_m AS SELECT g, journey.merge_agg(j) AS m FROM pj_tap GROUP BY g;
SELECT is((SELECT count(*)::int FROM serial_m s JOIN parallel_m p USING (g) WHERE s.m = p.m), 40,
          'parallel merge_agg per group equals serial');
SELECT ok((SELECT journey.merge_agg(j) FROM pj_tap) = (SELECT m FROM serial_w), 'parallel merge_agg of the whole table equals serial');
RESET max_parallel_workers_per_gather;

-- Privileges: an ordinary role can use the functions, operators and merge_agg.
CREATE ROLE journey_ops_tap_user NOLOGIN;
GRANT SELECT ON t TO journey_ops_tap_user;
SET LOCAL ROLE journey_ops_tap_user;
SELECT is((SELECT journey.path(journey.merge_agg(j || j)) FROM t),
          'web > web > email > email > web > web > store > store', 'an unprivileged role can use the operators and merge_agg');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
