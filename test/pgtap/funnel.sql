-- pgTAP: funnels — signatures, behaviour and errors with SQLSTATEs.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SELECT plan(63);

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

-- Stored journeys: a label is matched by two words of its first 16 bytes
-- (which give its length, a label holding no zero byte), then by its length
-- and the rest of its bytes (step_state.c, journey_steps_open).  Labels
-- that share their first 8 bytes, of 7, 8 and 9 bytes, the empty label;
-- labels that share their first 15 or 16 bytes, of 15 to 18 bytes;
-- 3 steps (every step compared) and 10 (the steps of the label's length);
-- step labels constant, and changing from row to row.
SELECT setseed(0.25);
CREATE TEMP TABLE lw_rows AS
SELECT c, timestamptz '2026-01-01' + (random() * 7200)::int * interval '1 second' AS ts,
       (ARRAY['abcdefgh', 'abcdefgh1', 'abcdefgh2', 'abcdefg', '', 'mobile_app', 'mobile_apx', 'x',
              'abcdefgi', 'abcdefghijklmnopq1', 'abcdefghijklmnopq2', 'abcdefghijklmno', 'abcdefghijklmnop',
              'abcdefghijklmnopq', 'ab', 'abc', 'abcd', 'abcde', 'abd'])[1 + floor(random() * 19)::int] AS label
FROM generate_series(1, 400) c, generate_series(1, 14) k;
CREATE TEMP TABLE lw_j AS SELECT c, journey.journey_agg(ts, label) AS j FROM lw_rows GROUP BY c;
CREATE TEMP TABLE lw_f AS
SELECT c, journey.window_funnel(interval '2 hours', ts, label = 'abcdefgh1', label = 'abcdefgh', label = 'abcdefghijklmnopq2') AS lv
FROM lw_rows GROUP BY c;
SELECT results_eq($$SELECT count(*) FILTER (WHERE f.lv <> journey.funnel(j.j, interval '2 hours', 'abcdefgh1', 'abcdefgh', 'abcdefghijklmnopq2')),
                          count(*) FILTER (WHERE f.lv >= 2) > 20, count(*) FILTER (WHERE f.lv = 3) > 3
                   FROM lw_f f JOIN lw_j j USING (c)$$,
                  $$VALUES (0::bigint, true, true)$$,
                  'stored funnel = rows, 3 steps of labels sharing their first 8 bytes (and levels 2 and 3 reached)');
SELECT is((SELECT count(*) FROM (SELECT c, journey.retention(label = '', label = 'abcdefg', label = 'abcdefgi', label = 'x', label = 'abcdefghijklmnopq3') AS r
                                 FROM lw_rows GROUP BY c) r JOIN lw_j j USING (c)
           WHERE r.r IS DISTINCT FROM journey.retention(j.j, '', 'abcdefg', 'abcdefgi', 'x', 'abcdefghijklmnopq3')),
          0::bigint, 'stored retention = rows: the empty label, 7 and 8 bytes, a label no journey has');
SELECT results_eq($$SELECT count(*) FILTER (WHERE r.r IS DISTINCT FROM journey.retention(j.j, 'abcdefghijklmnop', 'abcdefghijklmno', 'abcdefghijklmnopq', 'abcdefghijklmnopq1')),
                          count(*) FILTER (WHERE r.r = ARRAY[1, 1, 1, 0]) > 0, count(*) FILTER (WHERE r.r = ARRAY[1, 0, 0, 1]) > 0
                   FROM (SELECT c, journey.retention(label = 'abcdefghijklmnop', label = 'abcdefghijklmno', label = 'abcdefghijklmnopq',
                                                     label = 'abcdefghijklmnopq1') AS r
                         FROM lw_rows GROUP BY c) r JOIN lw_j j USING (c)$$,
                  $$VALUES (0::bigint, true, true)$$,
                  'stored retention = rows: labels of 15 to 18 bytes sharing their first 15 or 16');
SELECT results_eq($$SELECT count(*) FILTER (WHERE f.lv <> journey.funnel(j.j, interval '2 hours', 'abcdefghijklmnopq', 'abcdefghijklmnop', 'abcdefghijklmnopq2')),
                          count(*) FILTER (WHERE f.lv = 3) > 0
                   FROM (SELECT c, journey.window_funnel(interval '2 hours', ts, label = 'abcdefghijklmnopq', label = 'abcdefghijklmnop',
                                                         label = 'abcdefghijklmnopq2') AS lv
                         FROM lw_rows GROUP BY c) f JOIN lw_j j USING (c)$$,
                  $$VALUES (0::bigint, true)$$,
                  'stored funnel = rows: steps of 16 to 18 bytes sharing their first 16 (and level 3 reached)');
SELECT is((SELECT count(*) FROM (SELECT c, journey.window_funnel(interval '2 hours', ts, label = 'x', label = 'abcdefgh', label = 'abcdefgh2',
                                        label = 'mobile_app', label = '', label = 'abcdefgi', label = 'abcdefghijklmnopq1',
                                        label = 'mobile_apx', label = 'abcdefg', label = 'abcdefgh1') AS lv
                                 FROM lw_rows GROUP BY c) f JOIN lw_j j USING (c)
           WHERE f.lv <> journey.funnel(j.j, interval '2 hours', 'x', 'abcdefgh', 'abcdefgh2', 'mobile_app', '', 'abcdefgi',
                                        'abcdefghijklmnopq1', 'mobile_apx', 'abcdefg', 'abcdefgh1')),
          0::bigint, 'stored funnel = rows, 10 steps');
CREATE TEMP TABLE lw_steps (k int, st text[]);
INSERT INTO lw_steps VALUES (1, ARRAY['abcdefgh', 'abcdefgh2', 'x']), (2, ARRAY['abcdefgh2', 'abcdefgh', '']),
                            (3, ARRAY['mobile_apx', 'mobile_app', 'abcdefgi']), (4, ARRAY['abcdefgh1', NULL, 'abcdefg']);
SELECT is((SELECT count(*) FROM (SELECT c, k, journey.window_funnel(interval '1 hour', ts, VARIADIC ARRAY[label = st[1], label = st[2], label = st[3]]) AS lv
                                 FROM lw_rows CROSS JOIN lw_steps GROUP BY c, k) f
                           JOIN (SELECT c, k, journey.funnel(j, interval '1 hour', VARIADIC st) AS lv
                                 FROM lw_j CROSS JOIN lw_steps) s USING (c, k)
           WHERE f.lv <> s.lv),
          0::bigint, 'stored funnel = rows, the step labels changing from row to row (a NULL one among them)');
SELECT is((SELECT max(journey.funnel(j, interval '1 hour', 'abcdefgh1', NULL, 'abcdefg')) FROM lw_j), 1,
          'a NULL step label matches no label, the empty one included');
SELECT is((SELECT count(*) FROM (SELECT c, journey.sequence_match('(?1).*(?2).*(?3)', ts, label = 'abcdefgh2', label = 'abcdefgh1', label = 'abcdefghijklmnopq1') AS m
                                 FROM lw_rows GROUP BY c) r JOIN lw_j j USING (c)
           WHERE r.m <> journey.sequence_match(j.j, '(?1).*(?2).*(?3)', 'abcdefgh2', 'abcdefgh1', 'abcdefghijklmnopq1')),
          0::bigint, 'stored sequence_match = rows, labels sharing their first 8 bytes');
SELECT is((SELECT count(*) FROM lw_j j CROSS JOIN lw_steps s
           WHERE journey.retention(j.j, VARIADIC s.st) IS DISTINCT FROM
                 (SELECT journey.retention(VARIADIC ARRAY[r.label = s.st[1], r.label = s.st[2], r.label = s.st[3]]) FROM lw_rows r WHERE r.c = j.c)),
          0::bigint, 'stored retention = rows, the labels changing from row to row');

-- Every length class of the label matcher at random: a pool of labels of 0
-- to 34 bytes that are prefixes of one another (and the same with the last
-- character changed, or a two-byte character), 12 events per customer, step
-- labels drawn from the pool for every (customer, draw): 3 steps (compared
-- in straight-line code) and 10 (the steps of the label's length); stored
-- journeys against the rows, the label form against the boolean form.
SELECT setseed(0.5);
CREATE TEMP TABLE rp_pool AS
SELECT row_number() OVER () AS i, l
FROM (SELECT left('abcdefghijklmnopqrstuvwxyz0123456789', n) AS l FROM generate_series(0, 34) n
      UNION ALL SELECT left('abcdefghijklmnopqrstuvwxyz0123456789', n - 1) || 'Z' FROM generate_series(1, 34) n
      UNION ALL SELECT left('abcdefghijklmnopqrstuvwxyz0123456789', n - 1) || 'é' FROM generate_series(1, 20) n) p;
CREATE TEMP TABLE rp_rows AS
SELECT t.c, t.ts, p.l AS label
FROM (SELECT c, timestamptz '2026-01-01' + (random() * 7200)::int * interval '1 second' AS ts,
             1 + floor(random() * 89)::int AS r
      FROM generate_series(1, 300) c, generate_series(1, 12) k) t
JOIN rp_pool p ON p.i = t.r;
CREATE TEMP TABLE rp_j AS SELECT c, journey.journey_agg(ts, label) AS j FROM rp_rows GROUP BY c;
CREATE TEMP TABLE rp_steps AS
SELECT d, array_agg(p.l ORDER BY q.x) AS st
FROM (SELECT d, x, 1 + floor(random() * 89)::int AS r FROM generate_series(1, 6) d, generate_series(1, 10) x) q
JOIN rp_pool p ON p.i = q.r
GROUP BY d;
SELECT results_eq($$SELECT count(*) FILTER (WHERE s.lv3 <> r.lv3), count(*) FILTER (WHERE s.lv10 <> r.lv10),
                          count(*) FILTER (WHERE r.lv3 >= 2) > 0
                   FROM (SELECT c, d, journey.funnel(j, interval '1 hour', VARIADIC st[1:3]) AS lv3,
                                journey.funnel(j, interval '1 hour', VARIADIC st) AS lv10
                         FROM rp_j CROSS JOIN rp_steps) s
                   JOIN (SELECT c, d, journey.window_funnel(interval '1 hour', ts, label = st[1], label = st[2], label = st[3]) AS lv3,
                                journey.window_funnel(interval '1 hour', ts, label = st[1], label = st[2], label = st[3], label = st[4],
                                                      label = st[5], label = st[6], label = st[7], label = st[8], label = st[9],
                                                      label = st[10]) AS lv10
                         FROM rp_rows CROSS JOIN rp_steps GROUP BY c, d) r USING (c, d)$$,
                  $$VALUES (0::bigint, 0::bigint, true)$$,
                  'random labels of 0 to 34 bytes: stored funnel = rows, 3 and 10 steps');
SELECT results_eq($$SELECT count(*) FILTER (WHERE s.r3 IS DISTINCT FROM r.r3), count(*) FILTER (WHERE s.m IS DISTINCT FROM r.m),
                          count(*) FILTER (WHERE r.m) > 0
                   FROM (SELECT c, d, journey.retention(j, VARIADIC st[1:3]) AS r3,
                                journey.sequence_match(j, '(?1).*(?2)', VARIADIC st[1:2]) AS m
                         FROM rp_j CROSS JOIN rp_steps) s
                   JOIN (SELECT c, d, journey.retention(label = st[1], label = st[2], label = st[3]) AS r3,
                                journey.sequence_match('(?1).*(?2)', ts, label = st[1], label = st[2]) AS m
                         FROM rp_rows CROSS JOIN rp_steps GROUP BY c, d) r USING (c, d)$$,
                  $$VALUES (0::bigint, 0::bigint, true)$$,
                  'random labels of 0 to 34 bytes: stored retention and sequence_match = rows');
SELECT results_eq($$SELECT count(*) FILTER (WHERE a3 <> b3), count(*) FILTER (WHERE a10 <> b10)
                   FROM (SELECT c, d, journey.window_funnel(interval '1 hour', ts, label, VARIADIC st[1:3]) AS a3,
                                journey.window_funnel(interval '1 hour', ts, label = st[1], label = st[2], label = st[3]) AS b3,
                                journey.window_funnel(interval '1 hour', ts, label, VARIADIC st) AS a10,
                                journey.window_funnel(interval '1 hour', ts, label = st[1], label = st[2], label = st[3], label = st[4],
                                                      label = st[5], label = st[6], label = st[7], label = st[8], label = st[9],
                                                      label = st[10]) AS b10
                         FROM rp_rows CROSS JOIN rp_steps GROUP BY c, d) f$$,
                  $$VALUES (0::bigint, 0::bigint)$$,
                  'random labels of 0 to 34 bytes: label form = boolean form, 3 and 10 steps');

-- Rows on which no step holds are skipped without reading the group's state
-- when the window, mode and step labels are constants (funnel.c,
-- funnel_skip_decide); the stored journeys' funnel does not skip, so it is
-- the reference.  Every mode, the label and the boolean forms; a group whose
-- first rows match no step; a group no row of which matches.
CREATE TEMP TABLE lw_modes (m text);
INSERT INTO lw_modes VALUES ('strict_order'), ('strict_deduplication'), ('strict_increase'), ('strict_once'),
                            ('strict_order, allow_reentry'), ('any_order');
SELECT is((SELECT count(*) FROM lw_modes md,
           LATERAL (SELECT c, CASE md.m
                        WHEN 'strict_order' THEN journey.window_funnel(interval '1 hour', 'strict_order', ts, label = 'abcdefgh', label = 'x', label = 'abcdefgh2')
                        WHEN 'strict_deduplication' THEN journey.window_funnel(interval '1 hour', 'strict_deduplication', ts, label = 'abcdefgh', label = 'x', label = 'abcdefgh2')
                        WHEN 'strict_increase' THEN journey.window_funnel(interval '1 hour', 'strict_increase', ts, label = 'abcdefgh', label = 'x', label = 'abcdefgh2')
                        WHEN 'strict_once' THEN journey.window_funnel(interval '1 hour', 'strict_once', ts, label = 'abcdefgh', label = 'x', label = 'abcdefgh2')
                        WHEN 'strict_order, allow_reentry' THEN journey.window_funnel(interval '1 hour', 'strict_order, allow_reentry', ts, label = 'abcdefgh', label = 'x', label = 'abcdefgh2')
                        ELSE journey.window_funnel(interval '1 hour', 'any_order', ts, label = 'abcdefgh', label = 'x', label = 'abcdefgh2') END AS lv
                    FROM lw_rows GROUP BY c) f
           JOIN lw_j j USING (c)
           WHERE f.lv <> journey.funnel(j.j, interval '1 hour', ARRAY['abcdefgh', 'x', 'abcdefgh2'], md.m)),
          0::bigint, 'window_funnel with a constant mode = the stored funnel, every mode');
SELECT is((SELECT count(*) FROM (SELECT c, journey.window_funnel(interval '1 hour', ts, label, 'abcdefgh', 'x', 'abcdefgh2') AS lv
                                 FROM lw_rows GROUP BY c) f JOIN lw_j j USING (c)
           WHERE f.lv <> journey.funnel(j.j, interval '1 hour', 'abcdefgh', 'x', 'abcdefgh2')),
          0::bigint, 'label form of window_funnel = the stored funnel');
-- The label form matches a row's label as the stored journeys do
-- (journey_steps_match): against the boolean form, with 10 steps (the
-- steps of the label's length), labels of 15 to 18 bytes, a NULL step
-- label, and step labels that change from row to row (not a constant: the
-- array is compared at every row).
SELECT is((SELECT count(*) FROM (SELECT c, journey.window_funnel(interval '2 hours', ts, label, 'x', 'abcdefgh', 'abcdefgh2',
                                        'mobile_app', '', 'abcdefgi', 'abcdefghijklmnopq1', 'abcdefghijklmnop', 'abcdefg', 'abcdefgh1') AS a,
                                        journey.window_funnel(interval '2 hours', ts, label = 'x', label = 'abcdefgh', label = 'abcdefgh2',
                                        label = 'mobile_app', label = '', label = 'abcdefgi', label = 'abcdefghijklmnopq1',
                                        label = 'abcdefghijklmnop', label = 'abcdefg', label = 'abcdefgh1') AS b
                                 FROM lw_rows GROUP BY c) f
           WHERE a <> b),
          0::bigint, 'label form = boolean form, 10 steps');
SELECT results_eq($$SELECT count(*) FILTER (WHERE a <> b), count(*) FILTER (WHERE a >= 3) > 0
                   FROM (SELECT c, journey.window_funnel(interval '2 hours', ts, label, 'ab', 'abcd', 'abc', 'abcde', 'abd', 'x') AS a,
                                journey.window_funnel(interval '2 hours', ts, label = 'ab', label = 'abcd', label = 'abc', label = 'abcde',
                                                      label = 'abd', label = 'x') AS b
                         FROM lw_rows GROUP BY c) f$$,
                  $$VALUES (0::bigint, true)$$,
                  'label form = boolean form, labels of 1 to 5 bytes (and level 3 reached)');
SELECT results_eq($$SELECT count(*) FILTER (WHERE f.a <> f.b), count(*) FILTER (WHERE f.a >= 2) > 0
                   FROM (SELECT c, k, journey.window_funnel(interval '1 hour', ts, label, VARIADIC st) AS a,
                                journey.window_funnel(interval '1 hour', ts, VARIADIC ARRAY[label = st[1], label = st[2], label = st[3]]) AS b
                         FROM lw_rows CROSS JOIN (VALUES (1, ARRAY['abcdefghijklmnopq', 'abcdefghijklmnop', 'abcdefghijklmno']),
                                                         (2, ARRAY['abcdefgh1', NULL, 'abcdefgh']),
                                                         (3, ARRAY['abcdefghijklmnopq2', 'abcdefghijklmnopq1', 'x'])) v(k, st)
                         GROUP BY c, k) f$$,
                  $$VALUES (0::bigint, true)$$,
                  'label form = boolean form, step labels changing from row to row (a NULL one, 15 to 18 bytes)');
SELECT results_eq($$SELECT c, journey.window_funnel(interval '1 hour', ts, label, 'a', 'b'),
                          journey.window_funnel(interval '1 hour', ts, label = 'a', label = 'b')
                   FROM (VALUES (1, timestamptz '2026-01-01 10:00', 'z'), (1, '2026-01-01 10:01', 'y'), (1, '2026-01-01 10:02', 'a'),
                                (1, '2026-01-01 10:03', 'z'), (1, '2026-01-01 10:04', 'b'), (2, '2026-01-01 10:00', 'z'),
                                (2, '2026-01-01 10:05', 'y'), (3, '2026-01-01 10:00', 'a'), (3, '2026-01-01 09:00', 'q')) v(c, ts, label)
                   GROUP BY c ORDER BY c$$,
                  $$VALUES (1, 2, 2), (2, 0, 0), (3, 1, 1)$$,
                  'groups whose first rows match no step, and one no row of which matches');
SELECT throws_ok($$SELECT journey.window_funnel(w, ts, label = 'a') FROM (VALUES (interval '1 hour', now(), 'a'), (interval '2 hours', now(), 'z')) v(w, ts, label)$$,
                 '22023', NULL, 'a window changing within a group on a row matching no step: 22023');
SELECT results_eq($$SELECT journey.window_funnel(interval '1 hour', ts, label = 'a', label = 'b') OVER (ORDER BY ts)
                   FROM (VALUES (timestamptz '2026-01-01 10:00', 'a'), ('2026-01-01 10:01', 'z'), ('2026-01-01 10:02', 'b')) v(ts, label)$$,
                  $$VALUES (1), (1), (2)$$,
                  'as a window function');

SELECT * FROM finish();
ROLLBACK;
