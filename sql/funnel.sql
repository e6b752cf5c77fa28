--
-- funnel: window_funnel, window_funnel_times, journey.funnel(_times).
-- Every case says why its answer is right; doc/funnels.md has the rules.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
-- own schema: the regression database is shared with the other tests
CREATE SCHEMA funnel_test;
SET search_path = funnel_test, public;

-- Cases over bigint times (seconds), window 10.  A label holds the steps
-- its row satisfies: 'a' = step 1, 'b' = step 2, 'c' = step 3, 'd' = step 4,
-- 'ab' = steps 1 and 2, 'x' = no step (an "other" event).
CREATE TABLE e (c int, ts bigint, l text);
INSERT INTO e VALUES
  (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'),            -- plain chain a b c
  (2, 5, 'b'), (2, 5, 'c'), (2, 5, 'a'),            -- all at the same time
  (3, 0, 'a'), (3, 10, 'b'),                        -- b exactly at the window
  (4, 0, 'a'), (4, 11, 'b'),                        -- b 1 s beyond the window
  (5, 0, 'a'), (5, 5, 'a'), (5, 14, 'b'), (5, 15, 'c'),  -- repeated step 1
  (6, 1, 'ab'),                                     -- one row, two steps
  (7, 1, 'b'), (7, 2, 'a'), (7, 3, 'c'),            -- b before a
  (8, 1, 'a'), (8, 2, 'x'), (8, 3, 'b'),            -- other event in between
  (9, 1, 'a'), (9, 2, 'b'), (9, 3, 'b'), (9, 4, 'c'),  -- step 2 repeated
  (10, 1, 'a'), (10, 2, 'a'), (10, 3, 'b'),         -- step 1 repeated
  (11, 1, 'a'), (11, 2, 'c'), (11, 3, 'b'), (11, 4, 'c'),  -- c too early
  (12, 1, 'a'), (12, 2, 'a'), (12, 2, 'b'), (12, 3, 'c'),  -- tie at 2
  (13, NULL, 'a'), (13, 2, 'b'),                    -- NULL ts skipped
  (14, 1, 'a'), (14, 2, NULL), (14, 3, 'b'),        -- NULL conditions
  (15, 1, 'x'),                                     -- no step at all
  (16, 1, 'ab'), (16, 1, 'b'),                      -- two rows at one time
  (17, 1, 'abc'), (17, 1, 'bc'),                    -- three steps, two rows
  (18, 1, 'c'), (18, 3, 'b'), (18, 20, 'a'),        -- reverse order
  (19, 0, 'b'), (19, 10, 'a'), (19, 10, 'x'),       -- any_order boundary
  (20, 1, 'a'), (20, 2, 'b'), (20, 2, 'x'), (20, 3, 'c'),  -- other event tied with b
  (21, 1, 'x'), (21, 2, 'a'), (21, 3, 'b');         -- other event before step 1

CREATE FUNCTION run(w bigint, m text)
RETURNS TABLE (c int, level int, times bigint[]) LANGUAGE sql AS $$
  SELECT c,
         journey.window_funnel(w, m, ts, strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0),
         journey.window_funnel_times(w, m, ts, strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0)
  FROM e GROUP BY c
$$;

-- The mode matrix (window 10).  Why each answer is right:
--  1  a b c in order: 3 everywhere (any_order: a, b, c within 1..11).
--  2  a, b, c all at 5: equal times may be taken in step order, so 3; not
--     for strict_increase (needs 5 < 5), which keeps the first step only: 1.
--  3  b at exactly 0 + 10: the window is inclusive: 2.
--  4  b at 11 > 0 + 10: 1.
--  5  a@0 is too early for c@15, but the later start a@5 gives a@5 b@14 c@15
--     (15 - 5 = 10): 3.  strict_deduplication: repeating step 1 only
--     restarts: 3.
--  6  one row satisfying a and b counts for both steps (2), except with
--     strict_once (a row serves one step: 1) or strict_increase (1).
--  7  b@1 comes before any a, so the chain is a@2 then c needs b: 1.
--     strict_order: b@1 is before the first a, ignored; c@3 arrives while
--     step 2 was never reached: stop, 1.  any_order: b, a, c within 1..11: 3.
--  8  x between a and b: ignored (2) except strict_order, where any other
--     event after step 1 ends the scan: 1.
--  9  a b b c: 3; strict_deduplication stops at the second b (step 2 already
--     reached) with level 2.
-- 10  a a b: 2 in every mode (a repeated step 1 never triggers dedup).
-- 11  a c b c: 3 via a b c@4; strict_order stops at c@2 (step 2 not reached):
--     1; with allow_reentry that c is skipped instead: 3.  dedup: c@4 is
--     the first c to count (c@2 did not reach step 3), so 3.
-- 12  a@1 a@2 b@2 c@3: 3.  strict_increase also 3 (a@1 < b@2 < c@3); a scan
--     keeping only the latest a would lose it.
-- 13  the a has a NULL time and is skipped; b alone: 0 (any_order: one
--     distinct step, b: 1).
-- 14  NULL label: every condition NULL = false: 2; strict_order: that row is
--     an other event between a and b: 1.
-- 15  no step ever holds: 0.
-- 16  rows ab@1 and b@1: a from row 1, b from row 2: 2 in all modes but
--     strict_increase (1).
-- 17  rows abc@1, bc@1: 3 (one row may serve a, b and c); strict_once needs
--     three distinct rows for three steps: 2.  strict_deduplication: the
--     second row with b repeats step 2 once it is reached: 2 (ClickHouse's
--     scan of (time, condition) pairs stops there too).  strict_increase: 1.
-- 18  c@1 b@3 a@20: ordered 1 (only a); any_order: {c, b} within 1..11: 2.
-- 19  b@0 a@10: ordered 1; any_order: both within [0, 10]: 2.  strict_order:
--     x@10 ties with a@10; other events sort first at equal times, and
--     step 1 has not happened yet, so x is ignored: 1.
-- 20  x@2 tied with b@2: strict_order sees x first and stops at level 1;
--     other modes 3.
-- 21  x before any a is ignored even by strict_order: 2.
SELECT d.c, d.level AS "default", so.level AS strict_order, sd.level AS strict_dedup,
       si.level AS strict_increase, s1.level AS strict_once,
       re.level AS "order+reentry", ao.level AS any_order
FROM run(10, '') d
JOIN run(10, 'strict_order') so USING (c)
JOIN run(10, 'strict_deduplication') sd USING (c)
JOIN run(10, 'strict_increase') si USING (c)
JOIN run(10, 'strict_once') s1 USING (c)
JOIN run(10, 'strict_order, allow_reentry') re USING (c)
JOIN run(10, 'any_order') ao USING (c)
ORDER BY c;

-- Combinations.
--  9  strict_order + strict_deduplication: dedup stops at b@3: 2.
-- 11  strict_order + strict_deduplication + allow_reentry: c@2 skipped,
--     b@3, c@4: 3.
-- 12  strict_increase + strict_once: as strict_increase: 3.
--  2  strict_increase + strict_once: 1.
-- 17  strict_increase + strict_once: 1; with strict_order + dedup: 2 (dedup).
SELECT c, sod.level AS "order+dedup", sodr.level AS "order+dedup+reentry", sio.level AS "increase+once"
FROM run(10, 'strict_order,strict_deduplication') sod
JOIN run(10, 'strict_deduplication,allow_reentry,strict_order') sodr USING (c)
JOIN run(10, 'strict_increase,strict_once') sio USING (c)
WHERE c IN (2, 9, 11, 12, 17) ORDER BY c;

-- Window 0: only equal times chain (case 2: 3, case 6: 2, case 16: 2).
SELECT c, level FROM run(0, '') WHERE c IN (1, 2, 6, 16) ORDER BY c;

-- Times of the chain.  The reported chain is the first one to reach the
-- maximum level; of those, the one starting latest, each step as late as
-- still possible.
--  1  {1,2,3}.  2  {5,5,5}.  3  {0,10}.  5  a@5 (not a@0) b@14 c@15.
--  6  {1,1}: the same row for both steps.  9  {1,3,4}: the latest b before c.
-- 10  {2,3}: the latest a.  12  {1,2,3} with strict_increase, {2,2,3} without.
-- 15  {}: level 0.  18  any_order: c@1, b@3 in time order.
SELECT d.c, d.times AS "default", si.times AS strict_increase, ao.times AS any_order
FROM run(10, '') d JOIN run(10, 'strict_increase') si USING (c) JOIN run(10, 'any_order') ao USING (c)
WHERE d.c IN (1, 2, 3, 5, 6, 9, 10, 12, 15, 18) ORDER BY c;
-- Time to convert per step is plain SQL.
SELECT c, times[2] - times[1] AS to_step2, times[3] - times[2] AS to_step3
FROM run(10, '') WHERE level = 3 ORDER BY c;

-- Four steps, and the chain reaching the maximum that completes first:
-- a@0 b@1 a@2 b@3 c@4: level 3; the first completion is c@4 and the
-- latest start able to reach it is a@2, then b@3: {2,3,4}.
SELECT journey.window_funnel_times(10::bigint, ts, l = 'a', l = 'b', l = 'c', l = 'd')
FROM (VALUES (0::bigint, 'a'), (1, 'b'), (2, 'a'), (3, 'b'), (4, 'c')) v(ts, l);

-- bigint and timestamptz agree on every case and mode (seconds vs
-- timestamps, 10 vs interval '10 seconds').
SELECT count(*) AS disagreements
FROM (VALUES (''), ('strict_order'), ('strict_deduplication'), ('strict_increase'), ('strict_once'),
             ('strict_order,allow_reentry'), ('any_order'), ('strict_increase,strict_once')) m(mode)
CROSS JOIN LATERAL (
  SELECT c,
         journey.window_funnel(10::bigint, m.mode, ts, strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0) AS lb,
         journey.window_funnel(interval '10 seconds', m.mode, to_timestamp(ts), strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0) AS lt,
         journey.window_funnel_times(10::bigint, m.mode, ts, strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0) AS tb,
         journey.window_funnel_times(interval '10 seconds', m.mode, to_timestamp(ts), strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0) AS tt
  FROM e GROUP BY c) r
WHERE lb <> lt OR tb::text <> (SELECT coalesce(array_agg(extract(epoch FROM x)::bigint ORDER BY o), '{}')::text FROM unnest(tt) WITH ORDINALITY u(x, o));

-- The modes without the mode argument are the default: same as ''.
SELECT count(*) AS disagreements FROM (
  SELECT c, journey.window_funnel(10::bigint, ts, strpos(l, 'a') > 0, strpos(l, 'b') > 0, strpos(l, 'c') > 0, strpos(l, 'd') > 0) AS lv
  FROM e GROUP BY c) r JOIN run(10, '') d USING (c)
WHERE r.lv <> d.level;

-- One step: 1 as soon as it holds once.
SELECT journey.window_funnel(interval '1 hour', ts, l = 'a') FROM (VALUES (now(), 'a')) v(ts, l);

-- Empty groups.  A group exists only with a row, and a group whose rows
-- satisfy no step (or all have NULL times) is at level 0.  Over zero rows
-- the aggregate is 0 as well (like count), and the times are {}.
SELECT journey.window_funnel(interval '1 hour', ts, l = 'a', l = 'b') AS level,
       journey.window_funnel_times(interval '1 hour', ts, l = 'a', l = 'b') AS times
FROM (VALUES (now(), 'a')) v(ts, l) WHERE false;
SELECT journey.window_funnel(interval '1 hour', ts, l = 'a', l = 'b') AS level
FROM (VALUES (NULL::timestamptz, 'a')) v(ts, l);

-- Daylight saving: the window is an absolute duration (a day is 24 h).  In
-- Europe/Paris 2026-03-29 has 23 hours.  A step at 12:30 the next day is
-- 23.5 h after 12:00 the day before: inside '1 day'.  13:00 local is 24 h
-- later: exactly the boundary, inside.  13:00:00.000001 is 1 us beyond.
SET timezone = 'Europe/Paris';
SELECT t2, journey.window_funnel(interval '1 day', ts, l = 'a', l = 'b') AS level
FROM (VALUES ('2026-03-29 12:30:00'::timestamptz), ('2026-03-29 13:00:00'), ('2026-03-29 13:00:00.000001')) t(t2)
CROSS JOIN LATERAL (VALUES ('2026-03-28 12:00:00'::timestamptz, 'a'), (t2, 'b')) v(ts, l)
GROUP BY t2 ORDER BY t2;
SET timezone = 'UTC';

-- Microsecond boundary with timestamptz: 1 hour exactly is in, 1 us more out.
SELECT journey.window_funnel(interval '1 hour', ts, l = 'a', l = 'b') FILTER (WHERE k <> 2) AS exact,
       journey.window_funnel(interval '1 hour', ts, l = 'a', l = 'b') FILTER (WHERE k <> 1) AS beyond
FROM (VALUES (0, '2026-01-01 10:00:00+00'::timestamptz, 'a'), (1, '2026-01-01 11:00:00+00', 'b'),
             (2, '2026-01-01 11:00:00.000001+00', 'b')) v(k, ts, l);

-- Exclusions: steps a, b, c; exclusion x between a and b, y between b and c.
--  1  a@1 x@2 b@3 c@4: the only chain is hit between a and b; b is never
--     reached through a clean chain: 1.
--  2  a@1 x@2 a@3 b@4 c@5: the chain from a@3 is clean: 3.
--  3  a@1 b@2 y@3 c@4: hit between b and c: 2 (a chain stops at b).
--  4  a@1 b@2 y@3 b@4 c@5: b@4 restarts the gap after y: 3.
--  5  a@1 x@1 b@2: x at the same time as a is not strictly after it: 2.
--  6  a@1 x@2 b@2: x at the same time as b is not strictly before it: 2.
--  7  a@1 y@2 b@3 c@4: y before b is not in gap 2: 3.
-- Column no_x passes NULL as the exclusion of gap 1: case 1 is then 3.
CREATE TABLE ex (c int, ts bigint, l text);
INSERT INTO ex VALUES
  (1, 1, 'a'), (1, 2, 'x'), (1, 3, 'b'), (1, 4, 'c'),
  (2, 1, 'a'), (2, 2, 'x'), (2, 3, 'a'), (2, 4, 'b'), (2, 5, 'c'),
  (3, 1, 'a'), (3, 2, 'b'), (3, 3, 'y'), (3, 4, 'c'),
  (4, 1, 'a'), (4, 2, 'b'), (4, 3, 'y'), (4, 4, 'b'), (4, 5, 'c'),
  (5, 1, 'a'), (5, 1, 'x'), (5, 2, 'b'),
  (6, 1, 'a'), (6, 2, 'x'), (6, 2, 'b'),
  (7, 1, 'a'), (7, 2, 'y'), (7, 3, 'b'), (7, 4, 'c');
SELECT c,
       journey.window_funnel(10::bigint, '', ts, ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[l = 'x', l = 'y']) AS level,
       journey.window_funnel_times(10::bigint, '', ts, ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[l = 'x', l = 'y']) AS times,
       journey.window_funnel(10::bigint, '', ts, ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[NULL, l = 'y']) AS no_x
FROM ex GROUP BY c ORDER BY c;
-- Exclusions with timestamptz and strict_order: with strict_order an
-- exclusion row is an other event too (it satisfies no step), so case 2
-- stops at x@2 and case 7 at y@2: 1 each.
SELECT c, journey.window_funnel(interval '10 seconds', 'strict_order', to_timestamp(ts),
                                ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[l = 'x', l = 'y']) AS level
FROM ex WHERE c IN (2, 7) GROUP BY c ORDER BY c;

-- Stored journeys: the same answers as the rows, step k holding on events
-- labelled step_labels[k].  A journey cannot hold a row with two labels, so
-- the comparison leaves out cases 6, 16, 17; and case 14, whose NULL label
-- journey_agg drops, while window_funnel sees a row where no step holds
-- (an other event for strict_order):
SELECT journey.window_funnel(10::bigint, 'strict_order', ts, l = 'a', l = 'b') AS rows_level,
       journey.funnel(journey.journey_agg(to_timestamp(ts), l), interval '10 seconds', ARRAY['a', 'b'], 'strict_order') AS journey_level
FROM e WHERE c = 14;
CREATE TABLE je AS
SELECT c, journey.journey_agg(to_timestamp(ts), l) AS j FROM e
WHERE c NOT IN (6, 14, 16, 17) GROUP BY c;
SELECT c, j::text, journey.funnel(j, interval '10 seconds', 'a', 'b', 'c', 'd') AS level,
       journey.funnel(j, interval '10 seconds', ARRAY['a', 'b', 'c', 'd'], 'strict_order') AS strict_order,
       journey.funnel_times(j, interval '10 seconds', ARRAY['a', 'b', 'c']) AS times
FROM je WHERE c IN (1, 5, 8, 11) ORDER BY c;
-- all cases and modes: no disagreement with the row-level aggregates
SELECT count(*) AS disagreements
FROM (VALUES (''), ('strict_order'), ('strict_deduplication'), ('strict_increase'), ('strict_once'),
             ('strict_order,allow_reentry'), ('any_order')) m(mode)
CROSS JOIN je
JOIN LATERAL (SELECT * FROM run(10, m.mode)) r USING (c)
WHERE journey.funnel(j, interval '10 seconds', ARRAY['a', 'b', 'c', 'd'], m.mode) <> r.level
   OR journey.funnel_times(j, interval '10 seconds', ARRAY['a', 'b', 'c', 'd'], m.mode)
      <> (SELECT coalesce(array_agg(to_timestamp(x) ORDER BY o), '{}') FROM unnest(r.times) WITH ORDINALITY u(x, o));
-- a NULL label matches nothing; an empty journey is at level 0
SELECT journey.funnel('a@2026-01-01 00:00:00Z > b@2026-01-01 00:00:01Z'::journey.journey, '1 hour', 'a', NULL, 'b') AS null_label,
       journey.funnel(''::journey.journey, '1 hour', 'a', 'b') AS empty,
       journey.funnel_times(''::journey.journey, '1 hour', ARRAY['a']) AS empty_times;

-- Property test on random data: journeys vs rows, for several modes, with
-- many ties (times on a 10-minute grid).
SELECT setseed(0.42);
CREATE TABLE rnd AS
SELECT (random() * 2999)::int AS c,
       '2026-01-01'::timestamptz + (random() * 300)::int * interval '10 minutes' AS ts,
       (ARRAY['a', 'b', 'c', 'd', 'x'])[1 + floor(random() * 5)::int] AS l
FROM generate_series(1, 30000);
CREATE INDEX ON rnd (c);
CREATE TABLE rnd_j AS SELECT c, journey.journey_agg(ts, l) AS j FROM rnd GROUP BY c;
SELECT m.mode, count(*) AS customers,
       count(*) FILTER (WHERE r.lv <> journey.funnel(j.j, interval '6 hours', ARRAY['a', 'b', 'c', 'd'], m.mode)) AS level_mismatch,
       count(*) FILTER (WHERE r.tv <> journey.funnel_times(j.j, interval '6 hours', ARRAY['a', 'b', 'c', 'd'], m.mode)) AS times_mismatch,
       sum(r.lv) AS sum_levels
-- every combination of the ClickHouse modes, and any_order
FROM (VALUES (''),
             ('strict_deduplication'),
             ('strict_order'),
             ('strict_order,allow_reentry'),
             ('strict_deduplication,strict_order'),
             ('strict_deduplication,strict_order,allow_reentry'),
             ('strict_increase'),
             ('strict_deduplication,strict_increase'),
             ('strict_order,strict_increase'),
             ('strict_order,strict_increase,allow_reentry'),
             ('strict_deduplication,strict_order,strict_increase'),
             ('strict_deduplication,strict_order,strict_increase,allow_reentry'),
             ('strict_once'),
             ('strict_deduplication,strict_once'),
             ('strict_order,strict_once'),
             ('strict_order,strict_once,allow_reentry'),
             ('strict_deduplication,strict_order,strict_once'),
             ('strict_deduplication,strict_order,strict_once,allow_reentry'),
             ('strict_increase,strict_once'),
             ('strict_deduplication,strict_increase,strict_once'),
             ('strict_order,strict_increase,strict_once'),
             ('strict_order,strict_increase,strict_once,allow_reentry'),
             ('strict_deduplication,strict_order,strict_increase,strict_once'),
             ('strict_deduplication,strict_order,strict_increase,strict_once,allow_reentry'),
             ('any_order')) m(mode)
CROSS JOIN LATERAL (
  SELECT c, journey.window_funnel(interval '6 hours', m.mode, ts, l = 'a', l = 'b', l = 'c', l = 'd') AS lv,
         journey.window_funnel_times(interval '6 hours', m.mode, ts, l = 'a', l = 'b', l = 'c', l = 'd') AS tv
  FROM rnd GROUP BY c) r
JOIN rnd_j j USING (c)
GROUP BY m.mode ORDER BY m.mode;

-- Against a brute-force reference on the random data: default mode is the
-- largest k with t1 <= ... <= tk <= t1 + window (ties in any order),
-- strict_increase the same with <, any_order the most distinct steps in a
-- window [t, t + window] starting at a step event.
CREATE TABLE ref AS
SELECT c,
  CASE WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c) JOIN rnd c3 USING (c) JOIN rnd d USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b' AND c3.l = 'c' AND d.l = 'd'
                      AND a.ts <= b.ts AND b.ts <= c3.ts AND c3.ts <= d.ts AND d.ts <= a.ts + interval '6 hours') THEN 4
       WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c) JOIN rnd c3 USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b' AND c3.l = 'c'
                      AND a.ts <= b.ts AND b.ts <= c3.ts AND c3.ts <= a.ts + interval '6 hours') THEN 3
       WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b'
                      AND a.ts <= b.ts AND b.ts <= a.ts + interval '6 hours') THEN 2
       WHEN EXISTS (SELECT FROM rnd a WHERE a.c = r.c AND a.l = 'a') THEN 1 ELSE 0 END AS dflt,
  CASE WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c) JOIN rnd c3 USING (c) JOIN rnd d USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b' AND c3.l = 'c' AND d.l = 'd'
                      AND a.ts < b.ts AND b.ts < c3.ts AND c3.ts < d.ts AND d.ts <= a.ts + interval '6 hours') THEN 4
       WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c) JOIN rnd c3 USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b' AND c3.l = 'c'
                      AND a.ts < b.ts AND b.ts < c3.ts AND c3.ts <= a.ts + interval '6 hours') THEN 3
       WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b'
                      AND a.ts < b.ts AND b.ts <= a.ts + interval '6 hours') THEN 2
       WHEN EXISTS (SELECT FROM rnd a WHERE a.c = r.c AND a.l = 'a') THEN 1 ELSE 0 END AS incr,
  (SELECT coalesce(max(k), 0) FROM (
     SELECT (SELECT count(DISTINCT s.l) FROM rnd s
             WHERE s.c = r.c AND s.l <> 'x' AND s.ts >= st.ts AND s.ts <= st.ts + interval '6 hours') AS k
     FROM rnd st WHERE st.c = r.c AND st.l <> 'x') w) AS anyo
FROM (SELECT DISTINCT c FROM rnd) r;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE dflt <> journey.funnel(j, interval '6 hours', 'a', 'b', 'c', 'd')) AS default_wrong,
       count(*) FILTER (WHERE incr <> journey.funnel(j, interval '6 hours', ARRAY['a', 'b', 'c', 'd'], 'strict_increase')) AS increase_wrong,
       count(*) FILTER (WHERE anyo <> journey.funnel(j, interval '6 hours', ARRAY['a', 'b', 'c', 'd'], 'any_order')) AS any_order_wrong,
       count(*) FILTER (WHERE dflt <> incr) AS ties_matter
FROM ref JOIN rnd_j USING (c);

-- Exclusions against a brute-force reference: steps a, b, c with exclusion
-- x between a and b and d between b and c; a chain is hit when an exclusion
-- event lies strictly between its two steps (in time).
CREATE TABLE ref_x AS
SELECT c,
  CASE WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c) JOIN rnd c3 USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b' AND c3.l = 'c'
                      AND a.ts <= b.ts AND b.ts <= c3.ts AND c3.ts <= a.ts + interval '6 hours'
                      AND NOT EXISTS (SELECT FROM rnd z WHERE z.c = r.c AND z.l = 'x' AND z.ts > a.ts AND z.ts < b.ts)
                      AND NOT EXISTS (SELECT FROM rnd z WHERE z.c = r.c AND z.l = 'd' AND z.ts > b.ts AND z.ts < c3.ts)) THEN 3
       WHEN EXISTS (SELECT FROM rnd a JOIN rnd b USING (c)
                    WHERE a.c = r.c AND a.l = 'a' AND b.l = 'b'
                      AND a.ts <= b.ts AND b.ts <= a.ts + interval '6 hours'
                      AND NOT EXISTS (SELECT FROM rnd z WHERE z.c = r.c AND z.l = 'x' AND z.ts > a.ts AND z.ts < b.ts)) THEN 2
       WHEN EXISTS (SELECT FROM rnd a WHERE a.c = r.c AND a.l = 'a') THEN 1 ELSE 0 END AS lv
FROM (SELECT DISTINCT c FROM rnd) r;
SELECT count(*) AS customers, count(*) FILTER (WHERE f.lv <> ref_x.lv) AS wrong,
       count(*) FILTER (WHERE f.lv <> f.plain) AS exclusions_matter
FROM (SELECT c, journey.window_funnel(interval '6 hours', '', ts, ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[l = 'x', l = 'd']) AS lv,
             journey.window_funnel(interval '6 hours', ts, l = 'a', l = 'b', l = 'c') AS plain
      FROM rnd GROUP BY c) f JOIN ref_x USING (c);

-- strict_once against a brute-force reference, with overlapping conditions
-- (a row labelled b satisfies all three steps): default mode may use one row
-- for several steps, strict_once needs distinct rows.
CREATE TABLE rnd2 AS
SELECT g AS id, (random() * 999)::int AS c,
       '2026-01-01'::timestamptz + (random() * 100)::int * interval '10 minutes' AS ts,
       (ARRAY['a', 'b', 'c', 'x'])[1 + floor(random() * 4)::int] AS l
FROM generate_series(1, 6000) g;
CREATE INDEX ON rnd2 (c);
CREATE TABLE ref_once AS
SELECT c,
  CASE WHEN EXISTS (SELECT FROM rnd2 a JOIN rnd2 b USING (c) JOIN rnd2 c3 USING (c)
                    WHERE a.c = r.c AND a.l IN ('a', 'b') AND b.l = 'b' AND c3.l IN ('b', 'c')
                      AND a.ts <= b.ts AND b.ts <= c3.ts AND c3.ts <= a.ts + interval '1 hour'
                      AND a.id <> b.id AND b.id <> c3.id AND a.id <> c3.id) THEN 3
       WHEN EXISTS (SELECT FROM rnd2 a JOIN rnd2 b USING (c)
                    WHERE a.c = r.c AND a.l IN ('a', 'b') AND b.l = 'b'
                      AND a.ts <= b.ts AND b.ts <= a.ts + interval '1 hour' AND a.id <> b.id) THEN 2
       WHEN EXISTS (SELECT FROM rnd2 a WHERE a.c = r.c AND a.l IN ('a', 'b')) THEN 1 ELSE 0 END AS once,
  CASE WHEN EXISTS (SELECT FROM rnd2 a JOIN rnd2 b USING (c) JOIN rnd2 c3 USING (c)
                    WHERE a.c = r.c AND a.l IN ('a', 'b') AND b.l = 'b' AND c3.l IN ('b', 'c')
                      AND a.ts <= b.ts AND b.ts <= c3.ts AND c3.ts <= a.ts + interval '1 hour') THEN 3
       WHEN EXISTS (SELECT FROM rnd2 a JOIN rnd2 b USING (c)
                    WHERE a.c = r.c AND a.l IN ('a', 'b') AND b.l = 'b'
                      AND a.ts <= b.ts AND b.ts <= a.ts + interval '1 hour') THEN 2
       WHEN EXISTS (SELECT FROM rnd2 a WHERE a.c = r.c AND a.l IN ('a', 'b')) THEN 1 ELSE 0 END AS dflt
FROM (SELECT DISTINCT c FROM rnd2) r;
SELECT count(*) AS customers, count(*) FILTER (WHERE f.once <> ref_once.once) AS once_wrong,
       count(*) FILTER (WHERE f.dflt <> ref_once.dflt) AS default_wrong,
       count(*) FILTER (WHERE ref_once.once <> ref_once.dflt) AS reuse_matters
FROM (SELECT c, journey.window_funnel(interval '1 hour', 'strict_once', ts, l IN ('a', 'b'), l = 'b', l IN ('b', 'c')) AS once,
             journey.window_funnel(interval '1 hour', ts, l IN ('a', 'b'), l = 'b', l IN ('b', 'c')) AS dflt
      FROM rnd2 GROUP BY c) f JOIN ref_once USING (c);

-- Parallel plans give the same answers as a serial plan.
ALTER TABLE rnd SET (parallel_workers = 2);
ANALYZE rnd;
CREATE TABLE serial_result AS
SELECT c, journey.window_funnel(interval '6 hours', 'strict_order', ts, l = 'a', l = 'b', l = 'c') AS lv,
       journey.window_funnel_times(interval '6 hours', ts, l = 'a', l = 'b', l = 'c') AS tv,
       journey.window_funnel(interval '6 hours', '', ts, ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[l = 'x', NULL]) AS xv
FROM rnd GROUP BY c;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT c, journey.window_funnel(interval '6 hours', 'strict_order', ts, l = 'a', l = 'b', l = 'c') FROM rnd GROUP BY c;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.lv IS DISTINCT FROM s.lv OR p.tv IS DISTINCT FROM s.tv OR p.xv IS DISTINCT FROM s.xv) AS differ
FROM (SELECT c, journey.window_funnel(interval '6 hours', 'strict_order', ts, l = 'a', l = 'b', l = 'c') AS lv,
             journey.window_funnel_times(interval '6 hours', ts, l = 'a', l = 'b', l = 'c') AS tv,
             journey.window_funnel(interval '6 hours', '', ts, ARRAY[l = 'a', l = 'b', l = 'c'], ARRAY[l = 'x', NULL]) AS xv
      FROM rnd GROUP BY c) p
JOIN serial_result s USING (c);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET enable_hashagg;

-- As a window aggregate: the level reached so far.
SELECT ts, l, journey.window_funnel(10::bigint, ts, l = 'a', l = 'b', l = 'c') OVER (ORDER BY ts, l)
FROM e WHERE c = 9 ORDER BY ts, l;

-- Errors (SQLSTATEs are checked in test/pgtap/funnel.sql).
SELECT journey.window_funnel(interval '1 hour', 'strict_orderr', ts, l = 'a') FROM (VALUES (now(), 'a')) v(ts, l);
SELECT journey.window_funnel(interval '1 hour', 'allow_reentry', ts, l = 'a') FROM (VALUES (now(), 'a')) v(ts, l);
SELECT journey.window_funnel(interval '1 hour', 'any_order,strict_once', ts, l = 'a') FROM (VALUES (now(), 'a')) v(ts, l);
SELECT journey.window_funnel(interval '-1 hour', ts, l = 'a') FROM (VALUES (now(), 'a')) v(ts, l);
SELECT journey.window_funnel(-1::bigint, 1::bigint, true);
SELECT journey.window_funnel(interval '1 hour', '', now(), ARRAY[true, false], ARRAY[true, false]);
SELECT journey.window_funnel(interval '1 hour', 'any_order', now(), ARRAY[true, false], ARRAY[true]);
SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC array_fill(true, ARRAY[65]));
SELECT journey.window_funnel(interval '1 hour', '', now(), array_fill(true, ARRAY[33]), array_fill(true, ARRAY[32]));
SELECT journey.window_funnel(w, ts, true) FROM (VALUES (interval '1 hour', now()), (interval '2 hours', now())) v(w, ts);
SELECT journey.funnel(''::journey.journey, '1 hour', ARRAY['a'], 'nope');

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA funnel_test CASCADE;
RESET client_min_messages;

-- ===========================================================================
-- The label form: window_funnel(window, ts, label, VARIADIC step_labels) gives
-- the answers of the boolean form with label = step_labels[k] (random data,
-- NULL labels included; timestamptz and bigint; levels and times).
-- ===========================================================================
SELECT setseed(0.3);
CREATE TEMP TABLE lf AS
SELECT (g % 500) AS c, timestamptz '2026-01-01' + (random() * 30) * interval '1 day' AS ts,
	CASE WHEN random() < 0.05 THEN NULL ELSE (ARRAY['a','b','c','d','e'])[1 + floor(random() * 5)::int] END AS label
FROM generate_series(1, 20000) g;
SELECT count(*) AS customers,
	count(*) FILTER (WHERE l = b) AS same_level,
	count(*) FILTER (WHERE lt = bt) AS same_times,
	count(*) FILTER (WHERE li = bi) AS same_bigint,
	count(*) FILTER (WHERE l = 4) AS reached_4
FROM (SELECT c,
		journey.window_funnel(interval '3 days', ts, label, 'a', 'b', 'c', 'd') AS l,
		journey.window_funnel(interval '3 days', ts, label = 'a', label = 'b', label = 'c', label = 'd') AS b,
		journey.window_funnel_times(interval '3 days', ts, label, 'a', 'b', 'c', 'd') AS lt,
		journey.window_funnel_times(interval '3 days', ts, label = 'a', label = 'b', label = 'c', label = 'd') AS bt,
		journey.window_funnel(259200000000, (extract(epoch FROM ts) * 1000000)::bigint, label, 'a', 'b', 'c', 'd') AS li,
		journey.window_funnel(259200000000, (extract(epoch FROM ts) * 1000000)::bigint,
			label = 'a', label = 'b', label = 'c', label = 'd') AS bi
	FROM lf GROUP BY c) s;
-- a NULL step label matches nothing (the funnel stops there); a NULL array
-- is an error
SELECT journey.window_funnel(interval '1 day', ts, label, 'a', NULL, 'b')
FROM (VALUES (timestamptz '2026-01-01', 'a'), ('2026-01-01 01:00', 'b')) v(ts, label);
SELECT journey.window_funnel(interval '1 day', ts, label, VARIADIC NULL::text[])
FROM (VALUES (timestamptz '2026-01-01', 'a')) v(ts, label);

-- ===========================================================================
-- Agreement with ClickHouse, mode by mode.
--
-- The answers in the column "clickhouse" (and in the comment beside each)
-- come from ClickHouse 26.7 itself (run through chDB), on the examples of
-- ClickHouse's own test tests/queries/0_stateless/00632_aggregation_window_funnel
-- (timestamps as bigint seconds).  An older copy of that test's reference
-- file expected 2 for strict_order on "a b a c" and on the ecommerce rows,
-- and 1 for the four-step allow_reentry funnels; ClickHouse 26.7 (and its
-- current AggregateFunctionWindowFunnel.cpp) answer 3, 3 and 4 (2 for user
-- 3), as journey does: under strict_order a repeated step 1 restarts the
-- chain without ending the scan, and a repeated earlier step extends it.
-- ===========================================================================
SELECT example, clickhouse, journey, clickhouse = journey AS same FROM (
SELECT 'funnel_test w10000 1000' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1000)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w10000 1000,1001' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1000, ev = 1001)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w10000 1000..1002' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1000, ev = 1001, ev = 1002)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w10000 1000..1002,1008' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1000, ev = 1001, ev = 1002, ev = 1008)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w1 1000' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(1::bigint, '', t::bigint, ev = 1000)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w2 1003..1007' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(2::bigint, '', t::bigint, ev = 1003, ev = 1004, ev = 1005, ev = 1006, ev = 1007)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w3 1003..1007' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(3::bigint, '', t::bigint, ev = 1003, ev = 1004, ev = 1005, ev = 1006, ev = 1007)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test w4 1003..1007' AS example, 5 AS clickhouse,  -- ClickHouse 26.7: 5
       (SELECT journey.window_funnel(4::bigint, '', t::bigint, ev = 1003, ev = 1004, ev = 1005, ev = 1006, ev = 1007)
        FROM (VALUES (0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test2 w4 1003..1007' AS example, 5 AS clickhouse,  -- ClickHouse 26.7: 5
       (SELECT journey.window_funnel(4::bigint, '', t::bigint, ev = 1003, ev = 1004, ev = 1005, ev = 1006, ev = 1007)
        FROM (VALUES (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test2 w10000 1001,1008' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1001, ev = 1008)
        FROM (VALUES (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test2 w10000 1008,1001' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1008, ev = 1001)
        FROM (VALUES (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test2 w4 overlapping ranges' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(4::bigint, '', t::bigint, ev <= 1007, ev >= 1002, ev <= 1006, ev >= 1004)
        FROM (VALUES (1, 1001), (2, 1002), (3, 1003), (4, 1004), (5, 1005), (6, 1006), (7, 1007), (8, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test_u64 w4 1003..1007' AS example, 5 AS clickhouse,  -- ClickHouse 26.7: 5
       (SELECT journey.window_funnel(4::bigint, '', t::bigint, ev = 1003, ev = 1004, ev = 1005, ev = 1006, ev = 1007)
        FROM (VALUES (100000000000001, 1001), (100000000000002, 1002), (100000000000003, 1003), (100000000000004, 1004), (100000000000005, 1005), (100000000000006, 1006), (100000000000007, 1007), (100000000000008, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test_u64 w4 overlapping ranges' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(4::bigint, '', t::bigint, ev <= 1007, ev >= 1002, ev <= 1006, ev >= 1004)
        FROM (VALUES (100000000000001, 1001), (100000000000002, 1002), (100000000000003, 1003), (100000000000004, 1004), (100000000000005, 1005), (100000000000006, 1006), (100000000000007, 1007), (100000000000008, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test_strict dedup' AS example, 6 AS clickhouse,  -- ClickHouse 26.7: 6
       (SELECT journey.window_funnel(10000::bigint, 'strict_deduplication', t::bigint, ev = 1000, ev = 1001, ev = 1002, ev = 1003, ev = 1004, ev = 1005, ev = 1006)
        FROM (VALUES (0, 1000), (10, 1001), (20, 1002), (30, 1003), (40, 1004), (50, 1005), (51, 1005), (60, 1006), (70, 1007), (80, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'funnel_test_strict default' AS example, 7 AS clickhouse,  -- ClickHouse 26.7: 7
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1000, ev = 1001, ev = 1002, ev = 1003, ev = 1004, ev = 1005, ev = 1006)
        FROM (VALUES (0, 1000), (10, 1001), (20, 1002), (30, 1003), (40, 1004), (50, 1005), (51, 1005), (60, 1006), (70, 1007), (80, 1008)) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 1 (a b c) default' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, '', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 2 (a d b c) default' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, '', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'd'), (3, 'b'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 3 (a a b b c c) default' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, '', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c'), (6, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 4 (a a a a b b c c) default' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, '', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'a'), (4, 'a'), (5, 'b'), (6, 'b'), (7, 'c'), (8, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 5 (a a b b d c c) default' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, '', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'd'), (6, 'c'), (7, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 6 (c c b b a a) default' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, '', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'c'), (2, 'c'), (3, 'b'), (4, 'b'), (5, 'a'), (6, 'a')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 1 (a b c) strict_order' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 2 (a d b c) strict_order' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'd'), (3, 'b'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 3 (a a b b c c) strict_order' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c'), (6, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 4 (a a a a b b c c) strict_order' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'a'), (4, 'a'), (5, 'b'), (6, 'b'), (7, 'c'), (8, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 5 (a a b b d c c) strict_order' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'd'), (6, 'c'), (7, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 6 (c c b b a a) strict_order' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'c'), (2, 'c'), (3, 'b'), (4, 'b'), (5, 'a'), (6, 'a')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 1 (a b c) strict_deduplication+strict_order' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication,strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 2 (a d b c) strict_deduplication+strict_order' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication,strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'd'), (3, 'b'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 3 (a a b b c c) strict_deduplication+strict_order' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication,strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c'), (6, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 4 (a a a a b b c c) strict_deduplication+strict_order' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication,strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'a'), (4, 'a'), (5, 'b'), (6, 'b'), (7, 'c'), (8, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 5 (a a b b d c c) strict_deduplication+strict_order' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication,strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'd'), (6, 'c'), (7, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order table user 6 (c c b b a a) strict_deduplication+strict_order' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication,strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'c'), (2, 'c'), (3, 'b'), (4, 'b'), (5, 'a'), (6, 'a')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_order user 7 (a c b) w10' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(10::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'c'), (3, 'b')) v(t, ev)) AS journey
UNION ALL
SELECT 'issue 27469 (a b c b d) dedup' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_deduplication', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'b'), (5, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'issue 37177 (install start login install ...) dedup' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(60::bigint, 'strict_deduplication', t::bigint, ev = 'install', ev = 'start', ev = 'login', ev = 'end')
        FROM (VALUES (0, 'install'), (5, 'start'), (10, 'login'), (15, 'install'), (20, 'start'), (25, 'install'), (30, 'start'), (35, 'login'), (40, 'end')) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_increase table default' AS example, 5 AS clickhouse,  -- ClickHouse 26.7: 5
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1000, ev = 1001, ev = 1002, ev = 1003, ev = 1004)
        FROM (VALUES (0, 1000), (1, 1001), (1, 1002), (1, 1003), (2, 1004)) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_increase table strict_increase' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(10000::bigint, 'strict_increase', t::bigint, ev = 1000, ev = 1001, ev = 1002, ev = 1003, ev = 1004)
        FROM (VALUES (0, 1000), (1, 1001), (1, 1002), (1, 1003), (2, 1004)) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_increase table 1004 x3 default' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(10000::bigint, '', t::bigint, ev = 1004, ev = 1004, ev = 1004)
        FROM (VALUES (0, 1000), (1, 1001), (1, 1002), (1, 1003), (2, 1004)) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_increase table 1004 x3 strict_once' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(10000::bigint, 'strict_once', t::bigint, ev = 1004, ev = 1004, ev = 1004)
        FROM (VALUES (0, 1000), (1, 1001), (1, 1002), (1, 1003), (2, 1004)) v(t, ev)) AS journey
UNION ALL
SELECT 'strict_increase table 1004 x3 strict_increase' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(10000::bigint, 'strict_increase', t::bigint, ev = 1004, ev = 1004, ev = 1004)
        FROM (VALUES (0, 1000), (1, 1001), (1, 1002), (1, 1003), (2, 1004)) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 123 strict_once+strict_increase' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(200::bigint, 'strict_once,strict_increase', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (180, 'failure'), (220, 'failure'), (250, 'success')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 234 strict_once+strict_increase' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(200::bigint, 'strict_once,strict_increase', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (100, 'failure'), (250, 'failure')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 345 strict_once+strict_increase' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(200::bigint, 'strict_once,strict_increase', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (200, 'success'), (210, 'failure'), (230, 'success')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 123 strict_once' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(200::bigint, 'strict_once', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (180, 'failure'), (220, 'failure'), (250, 'success')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 234 strict_once' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(200::bigint, 'strict_once', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (100, 'failure'), (250, 'failure')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 345 strict_once' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(200::bigint, 'strict_once', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (200, 'success'), (210, 'failure'), (230, 'success')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 123 strict_once+strict_deduplication' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(200::bigint, 'strict_once,strict_deduplication', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (180, 'failure'), (220, 'failure'), (250, 'success')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 234 strict_once+strict_deduplication' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(200::bigint, 'strict_once,strict_deduplication', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (100, 'failure'), (250, 'failure')) v(t, ev)) AS journey
UNION ALL
SELECT 'failure/success uid 345 strict_once+strict_deduplication' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(200::bigint, 'strict_once,strict_deduplication', t::bigint, ev = 'failure', ev = 'failure', ev = 'success')
        FROM (VALUES (200, 'success'), (210, 'failure'), (230, 'success')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 1 (a b a c) strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 2 (a b a b c) strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'b'), (5, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 3 (a b c b d) strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'b'), (5, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 4 (a c b) strict_order 3 steps' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'c'), (3, 'b')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 5 (a b c a b c d) strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'a'), (5, 'b'), (6, 'c'), (7, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 1 (a b a c) strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 2 (a b a b c) strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'b'), (5, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 3 (a b c b d) strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'b'), (5, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 4 (a c b) strict_order+allow_reentry 3 steps' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'c'), (3, 'b')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 5 (a b c a b c d) strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'a'), (5, 'b'), (6, 'c'), (7, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 1 (a b a c) strict_order 4 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 2 (a b a b c) strict_order 4 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'b'), (5, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 3 (a b c b d) strict_order 4 steps' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'b'), (5, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 4 (a c b) strict_order 4 steps' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'c'), (3, 'b')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 5 (a b c a b c d) strict_order 4 steps' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(86400::bigint, 'strict_order', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'a'), (5, 'b'), (6, 'c'), (7, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 1 (a b a c) strict_order+allow_reentry 4 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 2 (a b a b c) strict_order+allow_reentry 4 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'b'), (5, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 3 (a b c b d) strict_order+allow_reentry 4 steps' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'b'), (5, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 4 (a c b) strict_order+allow_reentry 4 steps' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'c'), (3, 'b')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 5 (a b c a b c d) strict_order+allow_reentry 4 steps' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'a', ev = 'b', ev = 'c', ev = 'd')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'a'), (5, 'b'), (6, 'c'), (7, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 1 (a b a c) strict_order+allow_reentry+strict_deduplication 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry,strict_deduplication', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 2 (a b a b c) strict_order+allow_reentry+strict_deduplication 3 steps' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry,strict_deduplication', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'b'), (5, 'c')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 3 (a b c b d) strict_order+allow_reentry+strict_deduplication 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry,strict_deduplication', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'b'), (5, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 4 (a c b) strict_order+allow_reentry+strict_deduplication 3 steps' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry,strict_deduplication', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'c'), (3, 'b')) v(t, ev)) AS journey
UNION ALL
SELECT 'allow_reentry table user 5 (a b c a b c d) strict_order+allow_reentry+strict_deduplication 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(86400::bigint, 'strict_order,allow_reentry,strict_deduplication', t::bigint, ev = 'a', ev = 'b', ev = 'c')
        FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'a'), (5, 'b'), (6, 'c'), (7, 'd')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 1 strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(600::bigint, 'strict_order', t::bigint, ev = 'bc', ev = 'vpd', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 2 strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(600::bigint, 'strict_order', t::bigint, ev = 'bc', ev = 'vpd', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (250, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 3 strict_order 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(600::bigint, 'strict_order', t::bigint, ev = 'bc', ev = 'vpd', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 1 strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(600::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'bc', ev = 'vpd', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 2 strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(600::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'bc', ev = 'vpd', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (250, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 3 strict_order+allow_reentry 3 steps' AS example, 3 AS clickhouse,  -- ClickHouse 26.7: 3
       (SELECT journey.window_funnel(600::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'bc', ev = 'vpd', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 1 strict_order 4 steps' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(600::bigint, 'strict_order', t::bigint, ev = 'bc', ev = 'vpd', ev = 'bc', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 2 strict_order 4 steps' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(600::bigint, 'strict_order', t::bigint, ev = 'bc', ev = 'vpd', ev = 'bc', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (250, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 3 strict_order 4 steps' AS example, 1 AS clickhouse,  -- ClickHouse 26.7: 1
       (SELECT journey.window_funnel(600::bigint, 'strict_order', t::bigint, ev = 'bc', ev = 'vpd', ev = 'bc', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 1 strict_order+allow_reentry 4 steps' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(600::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'bc', ev = 'vpd', ev = 'bc', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 2 strict_order+allow_reentry 4 steps' AS example, 4 AS clickhouse,  -- ClickHouse 26.7: 4
       (SELECT journey.window_funnel(600::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'bc', ev = 'vpd', ev = 'bc', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (250, 'vpd'), (300, 'bc'), (400, 'cp')) v(t, ev)) AS journey
UNION ALL
SELECT 'ecommerce user 3 strict_order+allow_reentry 4 steps' AS example, 2 AS clickhouse,  -- ClickHouse 26.7: 2
       (SELECT journey.window_funnel(600::bigint, 'strict_order,allow_reentry', t::bigint, ev = 'bc', ev = 'vpd', ev = 'bc', ev = 'cp')
        FROM (VALUES (100, 'bc'), (200, 'vpd'), (300, 'cp')) v(t, ev)) AS journey
) x;

-- Random cases (600 groups of up to 10 rows, times 0..5 so ties abound,
-- windows 0..5, 3 or 4 steps, 178 groups with rows satisfying several
-- steps, mask 0 = a row where no step holds) with ClickHouse 26.7's answer
-- for each of the 24 combinations of strict_deduplication, strict_order,
-- strict_increase, strict_once and allow_reentry: ch[mi] for ch_mode mi
-- with the rows inserted in the order listed, ch_rev[mi] with them inserted
-- in reverse order.
CREATE TABLE ch_mode (mi int PRIMARY KEY, mode text);
INSERT INTO ch_mode VALUES (1, ''),
  (2, 'strict_deduplication'),
  (3, 'strict_order'),
  (4, 'strict_order,allow_reentry'),
  (5, 'strict_deduplication,strict_order'),
  (6, 'strict_deduplication,strict_order,allow_reentry'),
  (7, 'strict_increase'),
  (8, 'strict_deduplication,strict_increase'),
  (9, 'strict_order,strict_increase'),
  (10, 'strict_order,strict_increase,allow_reentry'),
  (11, 'strict_deduplication,strict_order,strict_increase'),
  (12, 'strict_deduplication,strict_order,strict_increase,allow_reentry'),
  (13, 'strict_once'),
  (14, 'strict_deduplication,strict_once'),
  (15, 'strict_order,strict_once'),
  (16, 'strict_order,strict_once,allow_reentry'),
  (17, 'strict_deduplication,strict_order,strict_once'),
  (18, 'strict_deduplication,strict_order,strict_once,allow_reentry'),
  (19, 'strict_increase,strict_once'),
  (20, 'strict_deduplication,strict_increase,strict_once'),
  (21, 'strict_order,strict_increase,strict_once'),
  (22, 'strict_order,strict_increase,strict_once,allow_reentry'),
  (23, 'strict_deduplication,strict_order,strict_increase,strict_once'),
  (24, 'strict_deduplication,strict_order,strict_increase,strict_once,allow_reentry');
CREATE TABLE ch_case (id int PRIMARY KEY, w int, nsteps int, t int[], m int[], ch int[], ch_rev int[]);
COPY ch_case FROM stdin;
1	0	4	{0,0,1}	{2,2,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
2	0	4	{3}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
3	4	3	{5,3,0,2,4}	{2,0,4,0,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
4	4	4	{1,1,3}	{10,10,12}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
5	3	3	{1,2,3,3,4,2,0,1,1,3}	{4,2,4,0,0,4,1,2,2,0}	{3,2,3,3,2,2,3,2,2,2,2,2,3,2,3,3,2,2,3,2,3,3,2,2}	{3,2,3,3,2,2,3,2,2,2,2,2,3,2,3,3,2,2,3,2,3,3,2,2}
6	3	3	{4,4,4,2,4,5,5,1,2}	{1,2,1,2,0,4,4,2,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
7	5	4	{1,4,0,1,3,2}	{8,1,4,0,0,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
8	2	4	{2,4,0,1,5,4,5,1,2,4}	{6,13,11,15,5,1,4,12,8,10}	{4,2,2,4,2,2,2,2,1,2,1,2,4,3,1,4,1,3,3,2,1,3,1,2}	{4,2,2,4,2,2,2,2,1,2,1,2,4,3,1,4,1,3,3,2,1,3,1,2}
9	2	4	{0,1}	{1,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
10	1	3	{2,0,5,3,0}	{2,0,1,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
11	2	3	{1,1,4,1,3}	{1,2,4,0,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
12	0	3	{2,2,4,5}	{2,6,5,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
13	4	3	{3,1}	{4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
14	2	3	{2}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
15	4	4	{4,5,5,2,0,5}	{1,8,1,4,0,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
16	0	3	{5}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
17	2	4	{0,2,0,3,3,2,1,3,5,4}	{11,3,8,7,12,8,5,5,10,5}	{4,3,2,4,2,3,2,2,1,2,1,2,4,2,1,4,1,2,3,2,1,3,1,2}	{4,3,2,4,2,3,2,2,1,2,1,2,4,2,1,4,1,2,3,2,1,3,1,2}
18	3	4	{2,2}	{0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
19	0	3	{5,4,5}	{4,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
20	0	3	{3,2,4,0,1,4,4,4,1}	{0,1,0,4,2,4,1,2,1}	{3,2,2,2,2,2,1,1,1,1,1,1,3,2,2,2,2,2,1,1,1,1,1,1}	{3,2,2,2,2,2,1,1,1,1,1,1,3,2,2,2,2,2,1,1,1,1,1,1}
21	0	3	{0,3,3,1,3,5,4,4}	{1,2,2,2,2,0,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
22	0	3	{1}	{6}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
23	4	3	{4,3,3,3,1,0}	{4,1,0,4,2,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
24	5	4	{1,3,2,2,3,5}	{1,4,1,4,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
25	4	3	{1,2,1,4,5,5,2,0}	{6,5,5,7,3,4,5,3}	{3,2,3,3,2,2,1,1,1,1,1,1,3,3,3,3,3,3,3,3,3,3,3,3}	{3,2,3,3,2,2,1,1,1,1,1,1,3,3,3,3,3,3,3,3,3,3,3,3}
26	0	3	{5,0,2,3,1}	{3,1,6,7,2}	{3,3,1,3,1,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
27	1	4	{3,2,0,0,3}	{1,1,4,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
28	1	4	{4,5}	{1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
29	3	4	{0,0,2,2,1,0,1,0,0,4}	{12,3,13,6,4,8,1,0,0,14}	{4,4,4,4,4,4,2,2,1,2,1,2,4,3,1,4,1,3,3,2,1,3,1,2}	{4,4,4,4,4,4,2,2,1,2,1,2,4,3,1,4,1,3,3,2,1,3,1,2}
30	5	3	{5,4,3}	{2,0,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
31	4	4	{5,0,2}	{0,1,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
32	2	3	{4}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
33	4	4	{0}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
34	4	4	{0,0,0,5}	{1,1,0,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
35	0	3	{5,3,3,1,1,3}	{4,0,0,0,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
36	0	3	{2,1,2,1,5,0,5,0,3,0}	{6,0,2,3,3,0,3,3,7,2}	{3,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{3,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
37	0	4	{0,1,0,1,3,3,2,3,0,1}	{4,8,1,8,0,2,8,2,2,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
38	2	4	{2,5,5,0}	{4,2,1,1}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
39	0	4	{1,0,4,4}	{8,4,0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
40	1	4	{1,0,3,3,1,0,5}	{9,9,11,13,2,3,7}	{4,2,2,4,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,1,2,1,2}	{4,2,2,4,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,1,2,1,2}
41	3	3	{2,0,0}	{2,2,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
42	1	4	{4,5,4,4,4,4,4,4,3,4}	{4,2,2,1,2,0,2,8,4,4}	{4,2,4,4,2,2,2,2,1,2,1,2,4,2,4,4,2,2,2,2,1,2,1,2}	{4,2,4,4,2,2,2,2,1,2,1,2,4,2,4,4,2,2,2,2,1,2,1,2}
43	4	4	{2,3,4}	{2,0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
44	0	3	{2,0,1,1,3,0,0,4}	{3,0,5,2,5,1,6,5}	{3,3,3,3,3,3,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
45	4	4	{0,3,1,1,4,0,3,0,0,3}	{1,4,8,0,1,1,4,2,0,4}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}
46	3	4	{1,1,4,5,2,3,4,0,2,3}	{13,6,3,14,15,2,14,2,8,10}	{4,3,4,4,3,3,4,2,1,4,1,2,4,2,2,4,2,2,4,2,1,4,1,2}	{4,3,4,4,3,3,4,2,1,4,1,2,4,2,2,4,2,2,4,2,1,4,1,2}
47	1	4	{2,5,0,4}	{2,8,8,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
48	5	3	{1,0,4,0,0,2,5,4,3,3}	{7,1,0,2,2,1,7,7,4,7}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,3,2,3,3,2,2}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,3,2,3,3,2,2}
49	0	3	{3,2,3}	{1,4,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
50	2	4	{3,4,4,2,3,4,0}	{1,1,2,8,1,8,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
51	4	4	{5,0}	{8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
52	4	4	{5,0,4,2,1,2,2,3,1,2}	{1,1,1,0,8,1,2,1,2,8}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
53	4	4	{5,0,5,2,5,4,2,1,5}	{7,6,2,7,8,10,3,0,11}	{4,2,4,4,2,2,3,2,1,3,1,2,4,2,2,4,2,2,3,2,1,3,1,2}	{4,2,4,4,2,2,3,2,1,3,1,2,4,2,2,4,2,2,3,2,1,3,1,2}
54	3	4	{1,2,5,1,5,3}	{6,12,6,4,15,8}	{4,2,4,4,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{4,2,4,4,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
55	1	3	{0}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
56	0	4	{4,0,3,2,0,4}	{2,2,8,1,8,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
57	3	4	{3,0,3,4,1,1}	{4,0,2,0,0,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
58	1	3	{2,2,1,1,0,2,5,5,4}	{2,2,2,4,4,0,4,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
59	0	3	{1,0,4,4,0,3,4,2,3}	{2,1,0,2,1,1,4,2,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
60	4	3	{1,5,1}	{1,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
61	1	4	{4,4,3}	{2,2,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
62	5	4	{0,4,2}	{4,0,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
63	0	4	{5,0,4,2,5,0,3,3,5,5}	{8,8,0,2,0,0,4,8,0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
64	4	3	{0,5,5,1,1,1}	{6,0,1,1,2,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
65	3	4	{1}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
66	5	4	{0}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
67	3	4	{1,0,5,3,4,2}	{0,7,2,9,11,0}	{4,4,3,3,3,3,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{4,4,3,3,3,3,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
68	1	4	{3,5,1,3,3,0,5,3,0,2}	{8,1,7,8,10,11,3,8,6,15}	{4,2,4,4,2,2,2,2,1,2,1,2,3,2,2,3,2,2,2,2,1,2,1,2}	{4,2,4,4,2,2,2,2,1,2,1,2,3,2,2,3,2,2,2,2,1,2,1,2}
69	4	4	{2,3,4,2,2,1,5}	{0,4,0,4,4,0,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
70	5	3	{2,2,2,3,3,2,0,1}	{2,3,4,6,7,2,3,0}	{3,2,2,2,2,2,1,1,1,1,1,1,3,2,1,1,1,1,3,2,1,1,1,1}	{3,2,2,2,2,2,1,1,1,1,1,1,3,2,1,1,1,1,3,2,1,1,1,1}
71	5	4	{2,3,2,3,4,2,2,5,1}	{8,2,1,8,1,4,1,0,4}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
72	2	3	{5,0,3,2,4,5}	{5,4,0,2,3,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
73	1	4	{3,3,2,5,1,2}	{4,8,8,8,4,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
74	0	4	{4,4,2,4,4,2,4,3,1}	{2,4,4,2,1,1,0,1,4}	{3,2,1,1,1,1,1,1,1,1,1,1,3,2,1,1,1,1,1,1,1,1,1,1}	{3,2,1,1,1,1,1,1,1,1,1,1,3,2,1,1,1,1,1,1,1,1,1,1}
75	2	4	{0,0,5,2,3,5,1,3,0,1}	{2,0,2,8,2,8,4,2,1,1}	{4,4,4,4,4,4,2,2,1,2,1,2,4,4,4,4,4,4,2,2,1,2,1,2}	{4,4,4,4,4,4,2,2,1,2,1,2,4,4,4,4,4,4,2,2,1,2,1,2}
76	3	4	{0,2,4,2,0,4,5}	{0,0,4,4,0,4,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
77	3	4	{1}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
78	4	4	{2,5,0,1,3,1}	{0,2,1,4,0,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
79	5	4	{4,4,1,3,3,3,5}	{0,2,4,0,2,8,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
80	5	3	{1,1,5,2,2,5}	{4,0,2,1,2,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
81	3	3	{5,3}	{3,3}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
82	3	3	{3}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
83	3	3	{0,4,5,1,3,5}	{4,2,1,4,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
84	4	3	{0,0,1,4,4,3,2,4}	{4,4,2,4,1,2,1,0}	{3,3,2,2,2,2,3,3,2,2,2,2,3,3,2,2,2,2,3,3,2,2,2,2}	{3,3,2,2,2,2,3,3,2,2,2,2,3,3,2,2,2,2,3,3,2,2,2,2}
85	0	4	{0}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
86	1	4	{3,4,3,4,4,5,0,4}	{4,1,1,1,0,4,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
87	5	3	{5,3,4,3,1,4,5,5,3,3}	{4,0,2,0,2,0,4,0,1,0}	{3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1}	{3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1}
88	5	4	{4}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
89	1	3	{3,2}	{5,3}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
90	4	4	{3,5,5,1,1,4,3,3,4,1}	{2,1,4,4,4,2,1,8,4,8}	{3,2,2,3,2,2,3,3,1,3,1,3,3,2,2,3,2,2,3,3,1,3,1,3}	{3,2,2,3,2,2,3,3,1,3,1,3,3,2,2,3,2,2,3,3,1,3,1,3}
91	5	4	{5,3,2,1,3,5,5}	{0,1,1,4,1,1,2}	{2,2,1,1,1,1,1,1,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,1,1,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
92	2	4	{5,2,4,3,1,1}	{2,8,4,4,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
93	3	4	{1,5,5,2}	{2,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
94	3	3	{4,4}	{1,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
95	5	3	{4,0,4,5,3,0,1,2}	{1,0,2,4,4,4,1,2}	{3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3}	{3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3}
96	5	3	{5,2,2,5,0,4,4,3}	{0,2,2,4,1,0,4,4}	{3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2}	{3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2}
97	4	4	{2,4,4,1,0,2}	{4,0,8,0,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
98	0	3	{4,1,5,2,4,3}	{2,0,4,1,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
99	0	4	{2,5,5,5,5,5,3,3}	{8,2,4,8,2,8,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
100	4	4	{4,0,2,4,3,0,2,4,1,2}	{7,14,8,5,2,14,6,7,11,3}	{4,2,2,4,2,2,3,2,1,3,1,2,4,2,1,4,1,2,3,2,1,3,1,2}	{4,2,2,4,2,2,3,2,1,3,1,2,4,2,1,4,1,2,3,2,1,3,1,2}
101	2	3	{1,0,2,0}	{0,4,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
102	0	3	{2,2}	{2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
103	2	4	{4,1,0}	{15,7,7}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
104	1	3	{2,4}	{5,7}	{3,3,1,3,1,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
105	0	3	{5}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
106	4	4	{1}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
107	4	4	{2,1,5,0,3,3}	{2,2,0,4,4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
108	2	4	{0}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
109	0	4	{2,5,1}	{8,0,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
110	5	4	{1,2,4}	{9,6,10}	{4,3,1,4,1,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{4,3,1,4,1,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
111	5	4	{5,4,1,1,1,0,0,4,3,0}	{4,8,8,1,4,4,1,0,0,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
112	4	3	{3,2,2,5,3,0,1}	{2,1,4,1,0,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
113	4	4	{1,1,0,1,4,0}	{0,0,8,4,8,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
114	1	4	{5}	{14}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
115	3	3	{1,3,5,3}	{2,0,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
116	3	3	{4,4,5,1}	{2,4,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
117	1	4	{1,3,3,4,1,0,3}	{8,0,2,2,2,4,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
118	3	4	{3,5}	{4,7}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
119	5	4	{0,4,5,3,0}	{3,7,9,8,6}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}
120	2	4	{4,4,2,0,5,2,2,5,1,3}	{1,8,1,4,4,2,8,2,0,2}	{3,2,2,3,2,2,2,2,1,2,1,2,3,2,2,3,2,2,2,2,1,2,1,2}	{3,2,2,3,2,2,2,2,1,2,1,2,3,2,2,3,2,2,2,2,1,2,1,2}
121	4	3	{5,1,4,2,3,3,3}	{1,1,1,2,2,2,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
122	3	4	{1,4,1,2,2,0}	{10,14,15,0,2,0}	{4,2,4,4,2,2,2,2,1,1,1,1,3,2,2,2,2,2,3,2,1,1,1,1}	{4,2,4,4,2,2,2,2,1,1,1,1,3,2,2,2,2,2,3,2,1,1,1,1}
123	2	3	{3}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
124	3	4	{2,0,5,0,5,5,1}	{8,2,0,1,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
125	5	3	{4,3}	{1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
126	5	4	{5,4,3,2,4,2}	{0,0,2,2,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
127	2	3	{4}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
128	5	3	{2}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
129	2	3	{3}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
130	0	4	{4,4,4,4}	{1,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
131	3	4	{1,0,3,1,1}	{14,1,5,15,3}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,3,2,2,3,2,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,3,2,2,3,2,2}
132	3	3	{1,5,5}	{0,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
133	2	4	{2,2,2}	{2,1,8}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
134	1	3	{0,0,5,1,5,2}	{1,2,2,0,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
135	1	4	{4,5,3,3}	{1,1,2,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
136	4	3	{5,1,2,1}	{0,1,4,2}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
137	0	3	{2,0,3,1,5,3,0,2,1}	{1,0,2,1,2,0,4,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
138	5	3	{4,3}	{1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
139	3	4	{0,5,1,1,2,5,4,3,2,1}	{4,2,1,4,2,1,4,4,1,8}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,3,3,1,3,1,3}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,3,3,1,3,1,3}
140	5	3	{3,4,5,4,0,3,3,0}	{1,1,0,0,4,1,4,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
141	4	4	{2}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
142	3	3	{2,1,0,4,0,2,2}	{2,0,2,2,4,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
143	2	4	{0,1,1,1,5,5,3}	{1,8,2,0,0,8,2}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
144	1	3	{5,4,4,4,2,2,5,1,5}	{2,4,1,2,0,0,4,1,2}	{3,3,1,1,1,1,2,2,1,1,1,1,3,3,1,1,1,1,2,2,1,1,1,1}	{3,3,1,1,1,1,2,2,1,1,1,1,3,3,1,1,1,1,2,2,1,1,1,1}
145	1	4	{0,4,1,1}	{1,11,9,10}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
146	5	4	{1,0,2,4,2,2,4,4}	{1,1,0,1,4,0,1,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
147	0	4	{5,3,1,3,4,4,2,4,2,2}	{4,4,1,2,8,2,0,1,2,2}	{2,2,1,1,1,1,1,1,1,1,1,1,2,2,1,1,1,1,1,1,1,1,1,1}	{2,2,1,1,1,1,1,1,1,1,1,1,2,2,1,1,1,1,1,1,1,1,1,1}
148	0	4	{2,1,2,4,3,3,0,1,4,0}	{2,0,0,2,4,2,4,4,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
149	5	4	{1,1,1,4,1,3,1,4,0}	{1,2,4,0,0,4,8,0,2}	{4,4,4,4,4,4,1,1,1,1,1,1,4,4,4,4,4,4,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,4,4,4,4,4,4,1,1,1,1,1,1}
150	3	3	{4,3}	{1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
151	0	3	{5,3,3,1,2,2,1}	{2,0,4,1,1,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
152	3	4	{5,2,1,3,3}	{6,14,10,13,7}	{4,3,4,4,3,3,2,2,1,2,1,2,3,2,2,3,2,2,2,2,1,2,1,2}	{4,3,4,4,3,3,2,2,1,2,1,2,3,2,2,3,2,2,2,2,1,2,1,2}
153	4	4	{3,4,2}	{15,15,1}	{4,4,4,4,4,4,1,1,1,1,1,1,3,2,2,3,2,2,3,2,2,3,2,2}	{4,4,4,4,4,4,1,1,1,1,1,1,3,2,2,3,2,2,3,2,2,3,2,2}
154	2	4	{0}	{3}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
155	2	4	{3,5,0,3,3,1,0,3,2}	{0,1,2,2,8,8,2,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
156	1	4	{1}	{8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
157	5	4	{2}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
158	1	4	{5,3,5,0,2,0,4,3,2,2}	{9,13,4,14,2,6,9,5,10,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
159	5	4	{3,3,5,1,3,2,0,2,1}	{8,8,4,4,1,1,0,8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
160	3	3	{5}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
161	0	3	{0,5,2,1,3}	{0,0,0,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
162	5	4	{0,3,3,2,0,4}	{2,14,5,6,8,2}	{4,3,4,4,3,3,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}	{4,3,4,4,3,3,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}
163	1	3	{3,2,1,4,0,1,0,4}	{1,3,3,5,4,7,3,0}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,3,1,2,2,2,1,2,1,2}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,3,1,2,2,2,1,2,1,2}
164	1	3	{3,0,3,2,4,4,1,2,4}	{0,0,4,4,2,4,0,2,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
165	3	3	{0,4,2,2}	{3,2,5,7}	{3,2,3,3,2,2,2,2,1,2,1,2,3,3,3,3,3,3,2,2,2,2,2,2}	{3,2,3,3,2,2,2,2,1,2,1,2,3,3,3,3,3,3,2,2,2,2,2,2}
166	4	4	{2,2,5,0}	{8,1,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
167	1	3	{2,3}	{5,5}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
168	4	3	{3,3,1,5,0,4}	{6,5,2,4,5,7}	{3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}	{3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}
169	1	3	{0,5,5,1,3}	{3,1,6,4,1}	{3,3,3,3,3,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
170	1	4	{0,0,2,4,3,1,3,0,3,1}	{9,3,8,8,5,15,14,1,13,10}	{4,2,2,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}	{4,2,2,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}
171	4	4	{4,3,5,5,4,5}	{2,8,8,0,4,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
172	2	3	{1,2,3}	{6,5,7}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
173	5	4	{3,4}	{2,9}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
174	0	4	{5,2,4,5,0,0,5,0,2,0}	{8,2,1,2,1,2,2,8,4,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
175	1	3	{2,5,4,5,1}	{4,1,0,0,7}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
176	5	3	{2,4}	{2,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
177	3	4	{2,4}	{14,13}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
178	4	3	{1,3,2,5,1,5,1,4,3}	{2,2,1,2,1,0,2,2,0}	{2,2,2,2,2,2,2,2,1,1,1,1,2,2,2,2,2,2,2,2,1,1,1,1}	{2,2,2,2,2,2,2,2,1,1,1,1,2,2,2,2,2,2,2,2,1,1,1,1}
179	3	4	{5,2,5,0,2,3,4,4,3,3}	{4,8,8,1,0,4,1,1,2,8}	{4,4,1,1,1,1,2,2,1,1,1,1,4,4,1,1,1,1,2,2,1,1,1,1}	{4,4,1,1,1,1,2,2,1,1,1,1,4,4,1,1,1,1,2,2,1,1,1,1}
180	3	3	{2,3,2,5,5,1,0,4}	{4,1,4,1,0,2,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
181	0	3	{0}	{7}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
182	5	4	{0,5,0,1}	{10,7,12,1}	{3,3,3,3,3,3,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{3,3,3,3,3,3,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
183	5	4	{4,3,2,3}	{4,1,4,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
184	4	4	{0,3,2}	{0,4,9}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
185	0	4	{5,0,3,0,0,3,4,0,4,5}	{1,13,9,5,8,9,7,7,10,12}	{4,3,4,4,3,3,1,1,1,1,1,1,4,3,4,4,3,3,1,1,1,1,1,1}	{4,3,4,4,3,3,1,1,1,1,1,1,4,3,4,4,3,3,1,1,1,1,1,1}
186	2	3	{3,1,1,2,0}	{7,2,6,4,5}	{3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}	{3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}
187	3	4	{1,4,0,3,1}	{4,1,0,4,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
188	2	4	{3,0,0}	{1,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
189	0	3	{1}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
190	3	3	{3,3,4,4,5,2}	{1,1,0,0,4,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
191	2	3	{0,1,4,4,2}	{2,2,2,4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
192	4	3	{0,3,2}	{0,2,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
193	1	4	{4}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
194	4	3	{3,4,4,2}	{1,1,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
195	3	4	{5}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
196	1	4	{5,1,1,1,0,4,5,1,2,3}	{0,4,2,4,8,8,1,2,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
197	2	3	{4,1,3,3,0,0,1,2,3}	{1,2,2,4,1,2,1,1,2}	{3,2,3,3,2,2,2,2,2,2,2,2,3,2,3,3,2,2,2,2,2,2,2,2}	{3,2,3,3,2,2,2,2,2,2,2,2,3,2,3,3,2,2,2,2,2,2,2,2}
198	2	3	{3,4}	{4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
199	4	3	{2,4,0}	{0,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
200	2	4	{3,2}	{8,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
201	0	4	{5,1,5,2,3,4,4,5}	{4,15,13,0,14,6,12,8}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
202	4	3	{5,3,1,1,3,1,5,2,0,1}	{2,0,2,2,0,2,1,0,4,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
203	4	3	{5,4,5,3}	{1,2,1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
204	1	4	{5,3,2,5,5,0,1,4,1,4}	{8,1,1,4,0,8,2,8,8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
205	0	4	{3,1}	{6,3}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
206	1	4	{0,5,2,3,0,2,3,1}	{2,1,2,2,8,0,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
207	0	4	{1,2,3}	{15,8,6}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
208	3	4	{1,1,0,1,0,4,2,3,4}	{11,5,11,14,14,3,12,15,9}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,4,2,1,4,1,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,4,2,1,4,1,2}
209	4	3	{4,4,3,4,1,1,3,0,1,3}	{4,0,2,4,4,4,1,0,2,0}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}
210	3	3	{3,4,2,4,5}	{2,1,2,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
211	4	3	{4,1}	{4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
212	2	3	{5,1,0,5,0,4,5,3,5,2}	{7,2,5,1,2,5,1,4,7,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,2,3,3,2,2,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,2,3,3,2,2,2,2,1,2,1,2}
213	2	3	{1,0,1,1}	{4,0,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
214	2	3	{2,0,3,2,1,3,5,0}	{4,4,4,0,0,2,2,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
215	0	4	{3,4}	{9,14}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
216	2	3	{4,3,4,2,3,3,2}	{4,1,0,0,1,2,4}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}
217	5	4	{2,4,3,5,4,1}	{0,0,4,2,8,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
218	4	4	{2,4,2,5,0,2,3}	{4,8,8,4,2,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
219	5	3	{4,1,3,5,5,2,5}	{0,0,4,2,2,1,0}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
220	2	3	{1}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
221	5	3	{5,3,3,1,3,3}	{0,2,1,2,2,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
222	3	3	{3}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
223	5	4	{4,1,3,1}	{1,2,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
224	5	4	{2,1,1,4,3}	{1,4,2,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
225	0	3	{1,4}	{0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
226	3	4	{5,1,3,4,4,4,3,5}	{3,15,10,12,8,0,3,11}	{4,4,4,4,4,4,1,1,1,1,1,1,4,2,1,2,1,2,3,2,1,2,1,2}	{4,4,4,4,4,4,1,1,1,1,1,1,4,2,1,2,1,2,3,2,1,2,1,2}
227	1	4	{1,0,1,5,2,0,2,2,4,0}	{1,0,8,8,1,8,0,1,1,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
228	5	4	{4,0,1,2,4,0,0,3,4,5}	{1,0,2,2,2,4,8,1,2,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
229	2	3	{5,3,3,4,3,1,0,4,4,2}	{0,1,2,1,0,2,4,1,1,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
230	4	3	{4,2,4,4,4,2,4,2,0}	{4,0,4,1,1,0,1,0,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
231	0	4	{2,0,2,1,2,4}	{1,8,8,2,2,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
232	0	4	{0,0,4,2,2,4,3,3,5}	{12,1,7,1,7,4,10,8,7}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
233	5	3	{4,0,1,5,5,0,4,0,5}	{0,1,2,0,0,1,1,2,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
234	4	3	{0,3}	{1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
235	2	3	{3,2,0,4,2}	{1,7,4,2,2}	{3,2,3,3,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}	{3,2,3,3,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}
236	2	3	{0}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
237	5	4	{4,1,0,1,5,0,3,3,1,1}	{1,10,11,11,13,10,4,4,1,1}	{4,2,2,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,4,2,1,4,1,2}	{4,2,2,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,4,2,1,4,1,2}
238	3	3	{2,0,2,2,4,4,5,0,5,2}	{1,0,0,2,4,2,1,0,1,2}	{3,2,3,3,2,2,2,2,2,2,2,2,3,2,3,3,2,2,2,2,2,2,2,2}	{3,2,3,3,2,2,2,2,2,2,2,2,3,2,3,3,2,2,2,2,2,2,2,2}
239	0	3	{0}	{6}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
240	0	4	{1,3,3,1,2,4,3}	{1,1,0,0,8,8,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
241	2	4	{5,0}	{2,10}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
242	2	4	{3,5,0}	{1,8,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
243	2	4	{4,5,0,1,3,1,5,5,0,1}	{10,2,3,1,11,0,0,6,3,6}	{4,2,2,2,2,2,2,2,1,1,1,1,3,2,2,2,2,2,3,2,1,1,1,1}	{4,2,2,2,2,2,2,2,1,1,1,1,3,2,2,2,2,2,3,2,1,1,1,1}
244	5	3	{2,5}	{4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
245	4	4	{3,5,0,3,0,4,4,0,0}	{8,0,13,6,13,15,4,9,3}	{4,3,4,4,3,3,3,2,1,3,1,2,4,3,4,4,3,3,3,2,1,3,1,2}	{4,3,4,4,3,3,3,2,1,3,1,2,4,3,4,4,3,3,3,2,1,3,1,2}
246	3	4	{4,3,2}	{9,3,9}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
247	0	3	{3,3,1,3,1,2,1}	{4,4,1,4,1,1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
248	1	4	{3}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
249	3	3	{2}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
250	1	4	{0,3,0,3,3,4,2,1,4,4}	{0,7,14,8,6,10,5,12,1,3}	{4,2,1,4,1,2,1,1,1,1,1,1,4,2,1,4,1,2,2,2,1,2,1,2}	{4,2,1,4,1,2,1,1,1,1,1,1,4,2,1,4,1,2,2,2,1,2,1,2}
251	4	4	{1,2,0,3,0,3}	{13,10,13,3,12,15}	{4,2,1,4,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}	{4,2,1,4,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}
252	4	4	{5,5,2}	{4,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
253	5	4	{0,0,3,5,3,2,4,0,5}	{8,8,4,4,0,1,8,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
254	0	3	{3,4,3}	{1,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
255	4	4	{3,3,4,2,2,4}	{8,11,8,11,3,14}	{4,2,2,4,2,2,2,2,1,2,1,2,4,2,2,4,2,2,3,2,1,3,1,2}	{4,2,2,4,2,2,2,2,1,2,1,2,4,2,2,4,2,2,3,2,1,3,1,2}
256	1	4	{5,0,2,4,1,3,2}	{9,2,12,14,14,5,4}	{4,4,1,4,1,4,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{4,4,1,4,1,4,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
257	4	4	{2,1,5,0}	{2,4,0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
258	1	3	{2,0}	{4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
259	2	4	{1,4,0,0}	{0,0,8,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
260	0	3	{5,5,1,3,4,0,3,0,1,3}	{2,1,4,1,2,2,4,4,0,1}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
261	1	3	{2,3,1}	{4,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
262	4	4	{5,4,3,4}	{2,1,0,8}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
263	0	3	{0,1,1,4,3,1,3}	{4,0,2,2,1,0,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
264	2	3	{1,5,3,0,3,0,4}	{2,4,0,2,0,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
265	3	3	{0,5,5,2,3}	{0,4,2,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
266	0	3	{3,5,4}	{1,0,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
267	1	3	{3,0,0,1,4,5,2,2,5,2}	{0,2,4,4,2,4,0,0,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
268	1	3	{3,4}	{0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
269	5	4	{5,3,2,0,2,5,5,4,2}	{8,2,8,2,1,8,0,0,2}	{2,2,2,2,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}	{2,2,2,2,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}
270	0	4	{4}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
271	4	4	{3,0,4,3,3,4,1}	{2,0,2,8,1,8,4}	{2,2,2,2,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}	{2,2,2,2,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}
272	5	4	{4,4}	{0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
273	5	4	{5,0,0,5,1,2,3}	{4,8,1,4,4,8,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
274	4	4	{4,4}	{15,5}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
275	5	4	{4,1,4,2}	{8,2,2,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
276	4	3	{2,1,3,0}	{2,2,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
277	4	3	{4,5,1,1,4,1,4,3,3}	{4,2,4,4,0,1,0,4,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
278	0	4	{5,1,0,1,4,5,4,0,5}	{2,15,12,1,3,4,0,12,9}	{4,4,4,4,4,4,1,1,1,1,1,1,3,2,2,2,2,2,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,3,2,2,2,2,2,1,1,1,1,1,1}
279	1	4	{1,5,1,0,3}	{7,13,2,1,6}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,2,2,2,2,2,2}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,2,2,2,2,2,2}
280	4	4	{4,3,1}	{15,13,13}	{4,4,1,4,1,4,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{4,4,1,4,1,4,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
281	0	4	{1,2,1,0,0}	{4,8,0,2,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
282	1	3	{1,2,0,0,4,5,1,1,4,5}	{1,1,2,2,0,1,2,2,0,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
283	4	3	{4,5}	{1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
284	4	4	{4,5,2,0,3,3,2,3,1,1}	{10,13,8,9,15,11,13,13,13,8}	{4,2,1,4,1,2,3,3,1,3,1,3,4,2,1,4,1,2,3,2,1,3,1,2}	{4,2,1,4,1,2,3,3,1,3,1,3,4,2,1,4,1,2,3,2,1,3,1,2}
285	1	3	{2,5,3,4,3,5,5,3,1}	{3,2,4,2,5,5,0,1,6}	{3,3,3,3,3,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
286	4	4	{1,5,4,5,3,4,4,2}	{1,1,4,2,8,8,8,1}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
287	1	4	{5,4,1,0,0,0,0,1,3}	{7,1,13,14,11,2,3,10,3}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,2,2,1,2,1,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,2,2,1,2,1,2}
288	2	3	{3,1,3,5,2,4}	{2,4,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
289	2	3	{1,2}	{0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
290	2	3	{3,1,4,4,0,2}	{4,1,0,2,3,4}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
291	1	3	{4,0,4,1,5,4,2,0}	{1,4,3,3,2,1,6,5}	{3,2,1,3,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{3,2,1,3,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
292	1	4	{3}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
293	5	4	{5,5,4,1,1,1,1,4}	{1,9,9,8,12,6,13,10}	{4,3,4,4,3,3,1,1,1,1,1,1,4,3,4,4,3,3,2,2,1,2,1,2}	{4,3,4,4,3,3,1,1,1,1,1,1,4,4,4,4,4,4,2,2,1,2,1,2}
294	2	4	{5,5,2,3,2}	{1,0,2,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
295	0	3	{2,0,4,1,2,0,4}	{0,2,1,0,2,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
296	5	3	{3,5,5,0,5,2,0,4}	{4,1,1,4,0,4,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
297	0	3	{0}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
298	3	3	{4,4,5,1,0}	{1,0,0,2,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
299	4	4	{3,2,1,2,3,0,3,2,2,5}	{2,0,4,4,1,8,1,0,8,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
300	5	4	{4,0,5}	{2,2,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
301	1	4	{0,4,0,1,5,4,1,0,5,2}	{8,2,8,2,4,0,1,8,2,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
302	3	3	{1,2,0,2,1,4}	{2,4,0,2,2,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
303	0	4	{2,5,3,4,2,3,4,1,1,3}	{2,4,8,1,2,2,8,8,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
304	3	3	{5}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
305	2	3	{2}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
306	5	3	{1,2,5,4,5,1}	{0,2,1,0,0,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
307	3	3	{3,2,3,5,0}	{0,0,1,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
308	5	3	{2,4,4,1,4,5}	{5,6,3,3,2,6}	{3,3,3,3,3,3,2,2,1,2,1,2,3,2,1,3,1,2,3,2,1,3,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,2,1,3,1,2,3,2,1,3,1,2}
309	1	3	{1,5,2,0,1,2,2,3,2}	{2,2,4,1,1,4,4,0,0}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,2,2,2,2,2,2}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,2,2,2,2,2,2}
310	1	3	{2,3,5,3,4}	{4,1,0,1,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
311	3	4	{1,3}	{1,11}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
312	5	4	{2,0,4,1,5,5}	{4,6,15,9,7,13}	{4,4,1,4,1,4,1,1,1,1,1,1,4,2,1,4,1,2,3,2,1,3,1,2}	{4,4,1,4,1,4,1,1,1,1,1,1,4,2,1,4,1,2,3,2,1,3,1,2}
313	4	4	{2,4,1,1}	{8,1,0,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
314	2	4	{2,2,4,1,0,4}	{1,2,2,2,0,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
315	0	4	{5,4,0,1,2,3,4,5,0,4}	{4,4,2,1,2,4,8,0,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
316	1	3	{0,4,1,4,5,1}	{0,4,1,1,4,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
317	1	4	{3,2,1,5,3,0,5}	{12,5,5,7,7,4,0}	{4,3,1,4,1,3,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}	{4,3,1,4,1,3,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}
318	0	4	{3,1,3,4,2,3,4,1,3}	{13,9,3,9,13,8,2,4,12}	{4,3,1,4,1,3,1,1,1,1,1,1,4,4,1,4,1,4,1,1,1,1,1,1}	{4,3,1,4,1,3,1,1,1,1,1,1,4,3,1,4,1,3,1,1,1,1,1,1}
319	5	3	{0,4,4,5,3,2,0,0,1}	{4,0,0,2,2,4,1,0,1}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
320	0	3	{0,0,0,1,3,1,3,0}	{1,4,4,0,0,1,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
321	1	4	{3,3,1,0}	{0,2,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
322	5	4	{4,2}	{1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
323	0	3	{4,1,4,3}	{2,0,0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
324	5	3	{1,0,0,3,3,4,0,3}	{0,4,0,4,1,4,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
325	0	3	{4,5,2,2}	{4,1,2,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
326	0	3	{0,1,0,0,1,4,3,5,0,3}	{0,7,0,5,1,7,6,5,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
327	5	3	{4,0,2,4,4}	{1,2,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
328	4	3	{2,2}	{1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
329	3	4	{2}	{12}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
330	0	3	{2}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
331	4	3	{2,4}	{2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
332	5	3	{4,2,2,4,3,3}	{5,7,7,6,6,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,3,2,1,3,1,2}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,3,2,1,3,1,2}
333	0	4	{2,2,3,0,2,4,2,5,4}	{2,4,8,1,8,0,8,8,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
334	5	3	{4,5,0,5,4,0,5,3,4}	{2,2,4,4,1,2,4,1,0}	{3,2,1,1,1,1,2,2,1,1,1,1,3,2,1,1,1,1,3,2,1,1,1,1}	{3,2,1,1,1,1,2,2,1,1,1,1,3,2,1,1,1,1,3,2,1,1,1,1}
335	1	4	{1,3,2,0,3}	{15,10,0,4,10}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
336	3	3	{4,3,1,3,3,0}	{2,1,7,6,4,4}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}
337	5	4	{2,3,1,5,5,2}	{1,0,4,0,8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
338	1	3	{4,2,1,1,5,4,2,2,2,4}	{1,2,2,4,4,1,1,4,4,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
339	4	4	{2,3,4,5,2,1,0,3,4}	{1,0,4,0,8,4,1,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
340	0	4	{3,4}	{8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
341	1	3	{1,0,2,0,4,4,3}	{1,1,1,0,2,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
342	1	3	{5,0,0,0,3,1,5,4}	{3,2,6,2,0,2,1,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
343	5	4	{4,4,3}	{2,0,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
344	1	4	{3}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
345	0	3	{3,5,1,5,2,2,3,4,2,0}	{0,4,0,1,0,4,4,1,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
346	2	4	{4,5,5,2,1,3,5,0,2,3}	{4,8,1,2,1,1,8,4,4,4}	{3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3}	{3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3}
347	4	3	{4,1}	{5,7}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
348	4	3	{5,5,2,2,1}	{0,1,2,3,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
349	0	3	{5,1,0,3,0,3,0,3,5,3}	{4,0,0,2,2,1,4,0,0,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
350	5	3	{1,4}	{0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
351	4	3	{0,2}	{1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
352	2	3	{0,4,0,2,2,1,2,0,4,0}	{2,0,0,0,4,0,4,1,4,1}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}
353	5	4	{0,3,5,2,0,2,1,3,2,1}	{2,4,1,2,0,2,0,0,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
354	0	4	{4,5,3,2,2,4}	{1,2,2,1,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
355	0	4	{5,5,1,2,1,5,5}	{7,14,3,0,14,9,1}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,2,2,2,1,1,1,1,1,1}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,2,2,2,1,1,1,1,1,1}
356	3	4	{4,1,5,0,2,3,2,3,3,5}	{1,2,0,4,2,0,0,2,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
357	3	4	{5}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
358	4	3	{0,4,1,4,2,5,5,5}	{0,2,2,0,4,2,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
359	5	3	{5,4,0,1}	{0,0,2,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
360	2	3	{5,3,4,0,0,3,4}	{0,0,0,4,4,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
361	1	4	{2,5,5,0,2,2,5}	{12,11,15,5,6,2,1}	{4,2,1,4,1,2,1,1,1,1,1,1,3,2,1,3,1,2,1,1,1,1,1,1}	{4,2,1,4,1,2,1,1,1,1,1,1,3,2,1,3,1,2,1,1,1,1,1,1}
362	4	3	{0,1,4}	{4,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
363	5	3	{3,5,0,2,3,0,3}	{1,2,1,1,4,4,2}	{3,3,1,3,1,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,1,3,1,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}
364	2	3	{1,3,0,2,3,2,2,5,3}	{4,4,0,4,5,4,1,1,2}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}
365	1	4	{5,4}	{4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
366	2	3	{5,0,0,5,1,0}	{0,0,2,0,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
367	4	3	{0,0,0,5}	{4,4,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
368	2	4	{2,1,1,4,5,4,0,0,1}	{2,8,4,1,8,8,8,4,1}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
369	1	4	{0,5,3,5,3,5,3,4,1}	{1,6,14,5,3,7,12,7,4}	{4,2,1,4,1,2,1,1,1,1,1,1,3,2,1,3,1,2,2,2,1,2,1,2}	{4,2,1,4,1,2,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}
370	1	3	{3}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
371	0	3	{1,1,0,2,4,3,2}	{3,5,5,6,1,1,4}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
372	4	4	{5,1,5}	{4,0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
373	2	4	{1,0,2,5,1,4}	{2,8,2,2,8,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
374	5	4	{5,5,2,3}	{1,9,5,9}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
375	2	4	{5,3,1,2,2,5,4,3}	{2,0,8,1,8,1,2,4}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
376	0	3	{2,4}	{0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
377	5	4	{5,0,5,5,1,2,3,5,2}	{0,10,2,8,6,10,4,3,11}	{4,2,2,3,2,2,1,1,1,1,1,1,4,2,2,3,2,2,2,2,1,1,1,1}	{4,2,2,3,2,2,1,1,1,1,1,1,4,3,2,3,2,3,2,2,1,1,1,1}
378	4	4	{0,2,1,4,4}	{8,2,2,2,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
379	2	4	{2,5,1,1,1}	{0,0,8,0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
380	5	3	{0,4,1,0}	{0,4,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
381	2	3	{2,3}	{7,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
382	4	3	{1,5,1,1,2,0,0,3}	{4,2,4,4,4,1,4,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
383	0	3	{1,5,2,4,5,0,4}	{2,0,0,0,2,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
384	2	4	{1,4,4,2,3,4,5,4}	{4,1,2,0,0,0,0,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
385	2	3	{1,4,1,1,4,4,3}	{0,4,5,2,3,0,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
386	3	3	{2}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
387	5	4	{4,3,3,2,4}	{0,1,4,2,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
388	5	4	{2,1,3,1}	{8,0,0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
389	5	3	{5,5,0,4,5,4,2}	{7,0,6,3,3,6,6}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,2,2,2,2,2,2,1,1,1,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,2,2,2,2,2,2,1,1,1,1}
390	0	4	{1,5,5}	{1,2,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
391	2	4	{1}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
392	3	3	{4,3,5,5,2,5,4,5,2}	{2,2,2,2,1,2,4,0,1}	{3,2,3,3,2,2,2,2,2,2,2,2,3,2,3,3,2,2,3,2,3,3,2,2}	{3,2,3,3,2,2,2,2,2,2,2,2,3,2,3,3,2,2,3,2,3,3,2,2}
393	0	3	{0,4,4,0,0,5,3}	{1,5,2,6,7,7,0}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,1,1,1,1,1,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,1,1,1,1,1,1}
394	5	3	{3,4,4,4,0,2,5,3,3,4}	{4,5,2,1,2,0,5,5,2,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,3,3,1,3,1,3}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,3,3,1,3,1,3}
395	3	3	{1}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
396	5	3	{0,3,0,5,4}	{2,0,2,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
397	2	4	{2,4,4,3,1,2,4,4,4,1}	{0,2,1,2,4,0,8,8,4,4}	{4,4,4,4,4,4,1,1,1,1,1,1,4,4,4,4,4,4,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,4,4,4,4,4,4,1,1,1,1,1,1}
398	1	3	{0,5,3,1,2,5,4,1,5,4}	{4,3,2,1,6,3,7,5,2,6}	{3,3,1,3,1,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{3,3,1,3,1,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
399	5	3	{1,2}	{7,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
400	4	4	{1,0,5,5,1}	{8,4,8,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
401	1	4	{2}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
402	4	3	{2,5,5,5}	{1,0,2,2}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
403	2	3	{4,4,5,5,5}	{0,2,4,4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
404	5	3	{2,2,2,1,4,5,3,4,0}	{4,4,0,0,0,0,1,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
405	5	4	{2,1,1,0,5,5}	{13,5,9,11,11,8}	{4,4,2,4,2,4,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{4,4,2,4,2,4,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
406	3	4	{2,4,2,3,2,2,2,3,5}	{1,1,8,4,2,1,1,8,4}	{4,4,2,4,2,4,1,1,1,1,1,1,4,4,2,4,2,4,1,1,1,1,1,1}	{4,4,2,4,2,4,1,1,1,1,1,1,4,4,2,4,2,4,1,1,1,1,1,1}
407	1	4	{2,1,4,5,5,4,0}	{3,5,1,6,14,1,13}	{4,2,1,4,1,2,2,2,1,2,1,2,3,2,1,3,1,2,2,2,1,2,1,2}	{4,2,1,4,1,2,2,2,1,2,1,2,3,2,1,3,1,2,2,2,1,2,1,2}
408	5	4	{4,1,2}	{4,8,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
409	5	4	{4,1,3,2,3,3,1,2}	{15,1,15,10,0,0,5,7}	{4,2,1,4,1,2,1,1,1,1,1,1,4,2,1,3,1,2,4,2,1,2,1,2}	{4,2,1,4,1,2,1,1,1,1,1,1,4,2,1,3,1,2,4,2,1,2,1,2}
410	4	4	{4,1,4,1,4,2,5}	{14,5,15,14,3,8,8}	{4,3,4,4,3,3,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}	{4,3,4,4,3,3,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}
411	4	3	{4}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
412	4	3	{3,4,1,2,5,3,3,1}	{0,4,1,2,4,0,2,2}	{3,2,2,2,2,2,3,2,2,2,2,2,3,2,2,2,2,2,3,2,2,2,2,2}	{3,2,2,2,2,2,3,2,2,2,2,2,3,2,2,2,2,2,3,2,2,2,2,2}
413	0	4	{3,0,4,1,1}	{1,1,0,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
414	3	4	{1}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
415	4	4	{5,3,4}	{0,10,7}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
416	2	3	{4,1,5,4}	{7,5,6,2}	{3,2,1,3,1,2,2,2,1,2,1,2,3,2,1,3,1,2,2,2,1,2,1,2}	{3,2,1,3,1,2,2,2,1,2,1,2,3,2,1,3,1,2,2,2,1,2,1,2}
417	5	4	{2,4,5,1,0,5,4}	{0,1,2,0,4,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
418	2	3	{3}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
419	5	4	{1,2,2}	{4,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
420	2	3	{1,1,5,2,0,2,4,5,1,2}	{4,4,4,1,4,2,1,2,1,2}	{3,2,1,3,1,2,2,2,1,2,1,2,3,2,1,3,1,2,2,2,1,2,1,2}	{3,2,1,3,1,2,2,2,1,2,1,2,3,2,1,3,1,2,2,2,1,2,1,2}
421	2	4	{1,4}	{0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
422	4	4	{4,2,1,2,5}	{5,4,9,2,5}	{3,3,1,3,1,3,3,3,1,3,1,3,3,3,1,3,1,3,3,3,1,3,1,3}	{3,3,1,3,1,3,3,3,1,3,1,3,3,3,1,3,1,3,3,3,1,3,1,3}
423	3	4	{4,0,1,3,3,4,1}	{0,0,8,0,8,8,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
424	2	4	{5,1,5}	{1,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
425	5	4	{4}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
426	5	4	{5,4,2,2,3,1,1,3}	{1,4,1,8,1,0,2,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
427	3	4	{1,4,1,5}	{0,1,1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
428	0	3	{4,2,1,4,4}	{0,1,1,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
429	4	3	{2,4,4,3,3,1,4,2,4,1}	{1,0,2,2,1,2,2,2,2,0}	{2,2,2,2,2,2,2,2,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
430	3	4	{0,1,1,5,2,5,2,2}	{0,4,1,0,2,4,0,0}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
431	3	4	{5,3,1,0,1,3,5,3}	{15,12,2,9,14,5,12,3}	{4,2,1,4,1,2,3,2,1,3,1,2,4,2,1,4,1,2,3,2,1,3,1,2}	{4,2,1,4,1,2,3,2,1,3,1,2,4,2,1,4,1,2,3,2,1,3,1,2}
432	3	4	{1}	{6}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
433	4	3	{1,2,0}	{4,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
434	1	3	{2,2,0,4,5,5,0,0}	{0,6,3,5,5,2,4,6}	{3,2,3,3,2,2,1,1,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,2,2,1,1,1,1}
435	1	3	{4,5}	{1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
436	0	3	{3,2,1}	{4,2,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
437	4	4	{4,3}	{8,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
438	0	4	{5,5,5,3,2}	{7,3,11,6,0}	{4,2,4,4,2,2,1,1,1,1,1,1,3,2,3,3,2,2,1,1,1,1,1,1}	{4,2,4,4,2,2,1,1,1,1,1,1,3,2,3,3,2,2,1,1,1,1,1,1}
439	1	3	{4}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
440	0	4	{4,1,5,2,0,5,0,3}	{13,12,4,3,2,2,2,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
441	4	4	{1,2,1}	{13,0,6}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
442	3	4	{5,5,4,3,3,1}	{2,11,10,15,3,7}	{4,3,4,4,3,3,2,2,1,2,1,2,4,2,1,4,1,2,2,2,1,2,1,2}	{4,3,4,4,3,3,2,2,1,2,1,2,4,2,1,4,1,2,2,2,1,2,1,2}
443	5	3	{1,3,5,0,5,0,3,3,2,0}	{0,3,6,2,0,1,0,6,7,7}	{3,2,3,3,2,2,2,2,1,1,1,1,3,2,3,3,2,2,3,2,1,1,1,1}	{3,2,3,3,2,2,2,2,1,1,1,1,3,2,3,3,2,2,3,2,1,1,1,1}
444	2	4	{5}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
445	2	3	{5,2,1,0,0,5}	{1,1,4,4,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
446	3	3	{2,0,3,0,5,1}	{1,0,4,0,2,4}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
447	1	3	{3}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
448	0	3	{4,5,5,3,0,4,4,2}	{4,3,1,2,5,4,2,2}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{2,2,1,2,1,2,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
449	4	4	{2,5,1,4,2,2,5,3,5}	{0,0,4,2,0,8,0,8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
450	0	3	{0,4,2,5,0,4,3,0,1}	{0,0,5,3,4,5,0,6,5}	{2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
451	5	3	{2}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
452	0	3	{1,4,3,0}	{2,2,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
453	3	3	{4,4,4,4,5,3,5,2,0}	{4,0,0,2,4,1,1,1,4}	{3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1}	{3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1}
454	0	3	{3,1}	{6,5}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
455	1	3	{3,1,5,4,0,4,0,2,4,1}	{1,2,2,0,1,2,0,0,4,4}	{3,3,3,3,3,3,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,2,2}	{3,3,3,3,3,3,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,2,2}
456	4	3	{0,3,3,0,0,1}	{4,2,1,0,2,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
457	4	3	{3,1,1,4,2,0,1,2,3,2}	{5,6,7,0,3,7,2,3,3,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,3,1,2,3,2,1,3,1,2}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,3,1,2,3,2,1,3,1,2}
458	3	3	{5,4,5,0,0,5,4,5,0}	{0,5,3,3,0,7,6,6,2}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,2,2,2,2,2,2,1,1,1,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,2,2,2,2,2,2,1,1,1,1}
459	2	3	{5,5,1,4,4,5,2,5,1,5}	{6,1,6,6,4,7,7,6,2,0}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}
460	0	4	{0,2,4,1,0}	{4,0,1,2,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
461	3	3	{5,2,3,2,0,1}	{3,3,7,7,3,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,3,2,3,3,2,2}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,3,3,2,2,3,2,3,3,2,2}
462	5	4	{2,5,5,3,3,4}	{8,14,8,8,13,9}	{4,4,1,4,1,4,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{4,4,1,4,1,4,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
463	0	3	{5,0,5,3,4,5,3,5}	{0,7,3,2,2,3,1,6}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,2,1,2,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,2,1,2,1,1,1,1,1,1}
464	0	3	{4,2,4,1,2,5}	{1,0,1,1,2,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
465	5	4	{4,0,3,3}	{0,4,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
466	5	3	{4}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
467	2	3	{5,2,3,1,0,3,5,1}	{4,4,5,0,0,6,2,5}	{3,3,1,3,1,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,1,3,1,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}
468	1	3	{2,0,2,4,5}	{2,0,1,4,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
469	0	4	{5,0,5,2}	{2,2,9,4}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
470	0	3	{5,3,0,3,3}	{2,2,4,2,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
471	0	3	{1,3,1,1,4,0,5,2}	{7,5,2,1,0,7,3,0}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,3,1,2,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,2,1,3,1,2,1,1,1,1,1,1}
472	4	4	{2,2,3,4,2,0,2,3,2,4}	{4,0,5,2,11,3,11,13,13,4}	{4,2,2,2,2,2,2,2,1,1,1,1,4,2,1,1,1,1,3,2,1,1,1,1}	{4,2,2,2,2,2,2,2,1,1,1,1,4,2,1,1,1,1,3,2,1,1,1,1}
473	4	3	{4}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
474	1	3	{0,1,2,4,3,3,2,1}	{1,0,1,2,1,0,1,4}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
475	0	4	{2,2,5,0}	{14,0,15,4}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
476	3	3	{1,0,0,5}	{4,0,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
477	3	3	{3,4,3}	{1,2,3}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
478	4	4	{4,4,2,4,3,2,4,3}	{15,5,12,0,13,12,15,13}	{4,2,1,1,1,1,1,1,1,1,1,1,4,2,1,1,1,1,2,2,1,1,1,1}	{4,2,1,1,1,1,1,1,1,1,1,1,4,2,1,1,1,1,2,2,1,1,1,1}
479	5	4	{5,5,3,2}	{2,2,2,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
480	5	4	{4,0,2,2,3,5,4,0,3}	{8,6,14,6,9,3,15,14,13}	{4,4,1,4,1,4,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{4,4,1,4,1,4,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
481	3	3	{0,4,2,0,4,0,0,5}	{1,1,4,2,1,1,0,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,3,3,3,3,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,3,3,3,3,2,2,1,2,1,2}
482	1	3	{3,1}	{5,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
483	5	4	{0,4,3,4,3,1,1,3,3}	{8,0,1,1,8,0,4,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
484	3	4	{5,1,2,5,1,0,5,1}	{4,1,2,8,2,8,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
485	0	4	{1,5,2,5,3,5,3,3,1}	{0,2,8,2,8,2,4,1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
486	5	4	{3,2,3,3,4,4}	{1,0,0,8,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
487	5	4	{0,3,4,5,0,5,1,2,0}	{9,8,9,3,8,4,8,3,2}	{3,2,2,3,2,2,1,1,1,1,1,1,3,2,2,3,2,2,3,2,1,3,1,2}	{3,2,2,3,2,2,1,1,1,1,1,1,3,2,2,3,2,2,3,2,1,3,1,2}
488	2	4	{4,2,1,2,5,2,1,5,0,3}	{2,8,8,2,4,1,2,1,2,2}	{2,2,2,2,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}	{2,2,2,2,2,2,2,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2}
489	1	4	{5,1,4,2}	{5,1,7,4}	{3,3,1,3,1,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
490	2	3	{4,3}	{0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
491	0	4	{1,2,4}	{15,13,3}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
492	1	3	{0,4,1,4,2,1,4,2,3,3}	{1,1,0,1,2,1,2,4,2,1}	{3,3,1,1,1,1,2,2,1,1,1,1,3,3,1,1,1,1,2,2,1,1,1,1}	{3,3,1,1,1,1,2,2,1,1,1,1,3,3,1,1,1,1,2,2,1,1,1,1}
493	3	4	{1,1,2,0,0,2}	{4,2,0,8,1,4}	{3,3,1,3,1,3,3,3,1,2,1,2,3,3,1,3,1,3,3,3,1,2,1,2}	{3,3,1,3,1,3,3,3,1,2,1,2,3,3,1,3,1,3,3,3,1,2,1,2}
494	4	4	{5,4,5,1,5,3}	{4,0,8,8,4,8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
495	0	4	{2,3,5,3,1,5,3,5}	{0,8,8,2,8,0,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
496	4	3	{4,0,1,4,3,5,3,0,4,3}	{0,0,2,4,4,0,2,4,2,1}	{3,3,3,3,3,3,2,2,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}	{3,3,3,3,3,3,2,2,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}
497	5	3	{3,1,1,2,0,4,2,5,2}	{1,2,0,1,1,4,1,0,1}	{3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1}	{3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1,3,3,1,1,1,1}
498	3	4	{0,3,1,0,2,1,4,0,5}	{2,0,4,8,1,0,4,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
499	3	4	{2,1,4,1,4,2,4,2}	{4,2,0,0,2,1,8,8}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
500	5	4	{2,1,0}	{13,13,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
501	3	4	{2}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
502	4	3	{1,1,4,1,3,4,5,1,3}	{4,4,4,4,1,2,0,2,1}	{3,3,3,3,3,3,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,2,2}	{3,3,3,3,3,3,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,2,2}
503	5	3	{2,0,2}	{0,1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
504	3	3	{0,0,0,5,1,0,1,4,5,3}	{2,1,0,4,0,0,1,0,1,4}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}	{3,3,2,2,2,2,1,1,1,1,1,1,3,3,2,2,2,2,1,1,1,1,1,1}
505	1	3	{1,2,5}	{2,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
506	4	3	{0,2}	{0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
507	5	4	{5,1,3,4,5,1,4,5}	{7,1,3,1,1,7,7,13}	{4,3,4,4,3,3,1,1,1,1,1,1,4,2,4,4,2,2,4,2,1,4,1,2}	{4,3,4,4,3,3,1,1,1,1,1,1,4,2,4,4,2,2,4,2,1,4,1,2}
508	0	3	{3,4,1,3,1,2,5,3,5}	{1,4,2,1,2,4,1,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
509	4	3	{3,3,1,0}	{4,1,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
510	2	3	{0,5,5,1,4,0,5}	{0,2,1,7,6,4,4}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,1,3,1,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,1,3,1,3,1,1,1,1,1,1}
511	0	4	{5}	{8}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
512	0	3	{1,5,3,1}	{4,7,3,5}	{3,2,1,3,1,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,2,1,3,1,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
513	0	3	{3,4,3,3,5,3,4}	{1,1,0,4,2,6,5}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,1,1,1,1,1,1}
514	1	3	{5}	{0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
515	0	4	{1,0,3}	{2,1,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
516	4	3	{0,4,4,2,5,2,3,2}	{4,2,4,2,2,4,4,1}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,3,3,3,3,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,3,3,3,3,3,2,2,1,2,1,2}
517	0	3	{5,0,2}	{0,4,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
518	5	3	{0,1,0,5,4,3,5,0,3}	{2,2,0,2,1,1,2,4,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
519	1	4	{2,3,5,5}	{9,14,3,14}	{4,4,1,4,1,4,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{4,4,1,4,1,4,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
520	0	3	{3,1,0}	{1,5,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
521	3	3	{3,0,5,4,0,2,2,2,0,2}	{1,6,0,1,7,5,0,1,0,2}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,2,2,2,2,2,2,1,1,1,1}	{3,2,3,3,2,2,1,1,1,1,1,1,3,2,2,2,2,2,2,2,1,1,1,1}
522	4	4	{3,3,3,2,4,4,4,1,3}	{8,1,2,1,2,2,0,4,4}	{4,4,4,4,4,4,2,2,1,1,1,1,4,4,4,4,4,4,2,2,2,2,2,2}	{4,4,4,4,4,4,2,2,1,1,1,1,4,4,4,4,4,4,2,2,2,2,2,2}
523	0	3	{0,5}	{3,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
524	2	4	{0,1,3,4,3,3,5,4,3}	{2,2,1,2,8,8,1,0,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
525	3	4	{1,4,4,3,0,0,4,3,1}	{5,8,3,11,11,11,11,12,15}	{4,2,2,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,3,2,1,3,1,2}	{4,2,2,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,3,2,1,3,1,2}
526	1	4	{3,0,3,3,0,1,1}	{2,0,1,2,2,1,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
527	1	3	{4,3,0,0,1}	{1,1,2,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
528	2	3	{5,2,1,1,5,3,4,5}	{2,0,2,0,0,1,1,1}	{2,2,1,1,1,1,1,1,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}	{2,2,1,1,1,1,1,1,1,1,1,1,2,2,1,1,1,1,2,2,1,1,1,1}
529	2	4	{0,3,2,2,4,5,4,5,1,5}	{4,2,4,4,8,1,4,1,4,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
530	0	3	{1,4,3,1,1,4,5,5,3}	{0,2,0,4,2,4,2,1,0}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
531	3	4	{5,2,3,0,5,3,4,4,3}	{15,0,7,7,0,14,12,5,4}	{4,3,3,3,3,3,1,1,1,1,1,1,4,2,1,1,1,1,2,2,1,1,1,1}	{4,3,3,3,3,3,1,1,1,1,1,1,4,2,1,1,1,1,2,2,1,1,1,1}
532	2	4	{4,3,5,2}	{1,8,8,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
533	1	4	{5,2,4,5}	{8,1,4,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
534	1	4	{5,0,2,3,0,3,3,3,0}	{4,12,1,8,4,11,6,8,10}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,2,2,2,2,2,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,2,2,2,2,2,2}
535	3	4	{4,4,4,3}	{1,0,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
536	0	3	{2,3,3,4,2,5,1,1,5,4}	{5,5,3,1,7,1,1,4,2,7}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,2,2,1,2,1,2,1,1,1,1,1,1}
537	3	4	{1,4,5,3,5,5,3,4,5}	{10,7,15,3,7,13,14,15,15}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,3,2,1,3,1,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,3,2,1,3,1,2}
538	0	3	{4,2,3,4,2}	{0,1,2,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
539	5	3	{3,3,2,3,1,3,0}	{4,1,4,0,7,5,6}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
540	1	4	{2,3,3,3,5}	{1,12,3,11,10}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,2,2,2,2,2,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,4,4,2,2,2,2,2,2,2,2}
541	5	3	{3,3,0,2,3}	{0,1,1,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
542	4	4	{2,4,4,1,1,2,2,0}	{0,2,4,0,2,1,0,4}	{3,3,3,3,3,3,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,2,2}	{3,3,3,3,3,3,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,2,2}
543	0	4	{2,3,2,1,4,2,4,5,3,4}	{2,0,8,2,8,2,2,2,1,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
544	4	3	{0,3,2,3,0}	{7,3,5,0,5}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}
545	2	4	{0,0,3,3,1,1,2}	{14,11,4,1,4,8,3}	{4,2,4,4,2,2,1,1,1,1,1,1,4,2,2,4,2,2,2,2,1,2,1,2}	{4,2,4,4,2,2,1,1,1,1,1,1,4,4,2,4,2,4,2,2,1,2,1,2}
546	1	4	{1,4,3,2,3,1,0}	{0,1,1,2,1,4,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
547	2	4	{2,3,1,2,3,0,1,0,1,3}	{8,1,8,1,4,8,0,0,8,2}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,2,2,1,2,1,2}
548	0	4	{5,4,1}	{13,11,3}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
549	4	4	{0,2,2,0}	{5,13,1,11}	{4,4,4,4,4,4,1,1,1,1,1,1,3,3,2,3,2,3,1,1,1,1,1,1}	{4,4,4,4,4,4,1,1,1,1,1,1,3,3,2,3,2,3,1,1,1,1,1,1}
550	2	3	{2,5,1}	{1,0,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
551	4	4	{5,1,4,3,0,0,2}	{12,7,1,1,5,4,6}	{4,3,1,4,1,3,3,3,1,3,1,3,3,2,1,3,1,2,3,2,1,3,1,2}	{4,3,1,4,1,3,3,3,1,3,1,3,3,2,1,3,1,2,3,2,1,3,1,2}
552	5	4	{0,5,3,1,5,3,3}	{2,8,2,0,4,1,4}	{4,3,4,4,3,3,1,1,1,1,1,1,4,3,4,4,3,3,1,1,1,1,1,1}	{4,3,4,4,3,3,1,1,1,1,1,1,4,3,4,4,3,3,1,1,1,1,1,1}
553	5	3	{3,2,2,1,2}	{0,1,0,2,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
554	5	3	{0,4}	{0,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
555	1	4	{2,3}	{7,15}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
556	4	4	{5}	{4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
557	1	4	{1,1,0,0}	{4,8,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
558	4	3	{0,2,3,3,5,1,2,5,0,4}	{0,2,1,7,4,5,2,1,0,1}	{3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}	{3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2,3,2,1,3,1,2}
559	2	4	{1}	{14}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
560	1	4	{5,3,4,4,0,3,3}	{8,8,0,1,2,1,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
561	0	3	{0,5,4,2,5,5,3}	{2,2,0,2,0,4,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
562	2	3	{4,0,2,0,1,5,3,0,1,2}	{2,5,5,7,2,2,5,6,2,1}	{3,2,3,3,2,2,3,2,1,3,1,2,3,2,3,3,2,2,3,2,1,3,1,2}	{3,2,3,3,2,2,3,2,1,3,1,2,3,2,3,3,2,2,3,2,1,3,1,2}
563	0	3	{1,5,1}	{2,1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
564	3	4	{4,5,5,4,5,2,3,1,0,3}	{1,8,4,1,1,8,1,2,0,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
565	4	4	{5,2,5,1,1,5,1,5}	{1,4,8,2,4,0,8,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
566	1	3	{5,2,0,1,1,4,4,5}	{4,0,4,0,0,1,4,2}	{3,3,1,3,1,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}	{3,3,1,3,1,3,2,2,1,2,1,2,3,3,1,3,1,3,2,2,1,2,1,2}
567	4	4	{0,3,1,5,2,3,4,1,4,0}	{0,7,10,11,2,9,8,2,12,13}	{4,2,1,4,1,2,3,2,1,3,1,2,4,2,1,4,1,2,4,2,1,4,1,2}	{4,2,1,4,1,2,3,2,1,3,1,2,4,2,1,4,1,2,4,2,1,4,1,2}
568	4	4	{3,5,5,1,0}	{1,8,4,1,8}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
569	5	3	{5,0,2,4}	{1,1,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
570	1	3	{3,0,3,2,1,3,3,3,5,2}	{2,0,0,2,1,2,1,2,0,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2}
571	3	4	{0,3,3,4,1,1,4}	{0,2,2,1,0,1,4}	{3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2}	{3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2,3,2,3,3,2,2}
572	3	3	{1,1,4}	{2,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
573	1	3	{5}	{2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
574	2	3	{3,0,5,2,0,5,1,1,5}	{0,2,4,1,0,2,2,1,1}	{3,2,2,2,2,2,1,1,1,1,1,1,3,2,2,2,2,2,1,1,1,1,1,1}	{3,2,2,2,2,2,1,1,1,1,1,1,3,2,2,2,2,2,1,1,1,1,1,1}
575	2	4	{0}	{11}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
576	0	3	{5,2,1,5,5}	{4,4,5,1,2}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,1,1,1,1,1,1}	{3,3,1,3,1,3,1,1,1,1,1,1,3,3,1,3,1,3,1,1,1,1,1,1}
577	3	3	{1,3,3,0,3}	{4,2,4,2,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
578	2	3	{2,5,0,5,1,3,4}	{4,2,4,4,4,2,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
579	0	4	{3,5,4,3,2,4}	{8,0,0,0,0,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
580	4	4	{0,0,0}	{0,0,4}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
581	0	3	{1,5,4,0,1,0,4}	{4,0,2,4,1,1,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
582	4	4	{0,0}	{1,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
583	3	4	{0,1,3,0}	{7,12,7,4}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}	{4,3,4,4,3,3,1,1,1,1,1,1,2,2,1,2,1,2,2,2,1,2,1,2}
584	0	3	{2,1,0,5,3,1,3,5,4}	{0,0,0,2,0,0,1,2,4}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
585	5	3	{1,3,2}	{0,1,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
586	4	3	{4,2}	{1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
587	1	4	{5,0,3,1,5,0,1}	{10,15,13,8,13,4,14}	{4,3,4,4,3,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}	{4,3,4,4,3,3,2,2,1,2,1,2,2,2,1,2,1,2,2,2,1,2,1,2}
588	4	3	{2,0,2,2,0,5,0,1,4,1}	{4,2,1,0,1,2,4,0,4,1}	{3,3,3,3,3,3,2,2,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}	{3,3,3,3,3,3,2,2,1,1,1,1,3,3,3,3,3,3,2,2,1,1,1,1}
589	1	3	{1,0,0,1,3,2,0,1}	{1,1,1,1,2,0,2,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}	{2,2,2,2,2,2,1,1,1,1,1,1,2,2,2,2,2,2,1,1,1,1,1,1}
590	3	3	{2,3,3,0,2}	{2,4,0,4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
591	2	4	{4,4,2,2,0,3,1,0}	{8,8,2,8,8,8,4,2}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
592	2	3	{4,5,2,0,5,4,3,4,5}	{1,7,2,7,0,5,2,5,3}	{3,3,3,3,3,3,2,2,1,2,1,2,3,2,1,2,1,2,2,2,1,2,1,2}	{3,3,3,3,3,3,2,2,1,2,1,2,3,2,1,2,1,2,2,2,1,2,1,2}
593	3	3	{2,1,3,5,5,4,5,5,0,3}	{0,2,2,2,2,2,2,1,2,1}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
594	3	3	{3,2,5}	{1,4,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}	{2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2}
595	3	3	{0}	{1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
596	4	4	{4,4,5}	{1,4,0}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
597	4	3	{5,0,3,0}	{7,2,4,4}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{3,3,3,3,3,3,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
598	0	3	{2,2,0,3}	{0,2,1,2}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}	{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}
599	3	4	{5,0,5,0,3,0,5,4,2}	{14,3,15,13,12,8,0,11,13}	{4,4,4,4,4,4,1,1,1,1,1,1,4,3,2,4,2,3,3,2,1,2,1,2}	{4,4,4,4,4,4,1,1,1,1,1,1,4,3,2,4,2,3,3,2,1,2,1,2}
600	2	4	{5,1,5}	{4,0,12}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}	{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}
\.

CREATE FUNCTION ch_row_level(c ch_case, mode text) RETURNS int LANGUAGE sql AS $$
  SELECT journey.window_funnel(c.w::bigint, mode, e.t::bigint,
           VARIADIC (SELECT array_agg((e.m & (1 << k)) <> 0 ORDER BY k) FROM generate_series(0, c.nsteps - 1) k))
  FROM unnest(c.t, c.m) AS e(t, m)
$$;
CREATE TABLE ch_cmp AS
SELECT c.id, md.mi, md.mode, c.ch[md.mi] AS ch, c.ch_rev[md.mi] AS ch_rev, ch_row_level(c, md.mode) AS pg
FROM ch_case c CROSS JOIN ch_mode md;
-- agree: same answer as ClickHouse.  order_dependent: ClickHouse's answer
-- changes with the order in which tied rows arrive (strict_deduplication
-- with strict_once only); journey then gives one of ClickHouse's answers.
-- latest_start: the rest, all with strict_increase but not strict_once:
-- ClickHouse's scan keeps only the latest step-1 event (issue #93789) and
-- misses chains journey finds (see doc/funnels.md).
SELECT mode, count(*) AS groups,
       count(*) FILTER (WHERE ch = pg) AS agree,
       count(*) FILTER (WHERE ch <> ch_rev) AS order_dependent,
       count(*) FILTER (WHERE ch <> ch_rev AND pg IN (ch, ch_rev)) AS one_of_them,
       count(*) FILTER (WHERE ch = ch_rev AND ch <> pg) AS latest_start
FROM ch_cmp GROUP BY mi, mode ORDER BY mi;
-- Two of them, with their rows.  Group 81: rows satisfying steps 1 and 2 at
-- 3 and at 5, window 3: a@3 < b@5 is a chain (2); ClickHouse's scan
-- replaces a@3 by a@5 and then 5 < 5 fails: 1.  Group 434 (window 1): at
-- time 0 rows {1,2}, {3}, {2,3}; strict_once gives each step its own row
-- (1 from {1,2}, 2 from {2,3}, 3 from {3}) but two rows hold step 2, so
-- strict_deduplication ends the scan at level 2 (journey's rule: the second
-- row of a step at one time is a repetition); ClickHouse answers 3 or 2
-- depending on which of the two step-2 rows arrived first.
SELECT d.id, d.mode, c.w, c.t, c.m, d.ch AS clickhouse, d.ch_rev AS clickhouse_rev, d.pg AS journey
FROM ch_cmp d JOIN ch_case c USING (id)
WHERE (d.id, d.mode) IN ((81, 'strict_increase'), (434, 'strict_deduplication,strict_once'))
ORDER BY d.id;
-- Any disagreement not explained by the two above would show here.
SELECT count(*) AS unexplained FROM ch_cmp
WHERE ch <> pg AND ch = ch_rev AND NOT (mode LIKE '%strict_increase%' AND mode NOT LIKE '%strict_once%');

-- Stored journeys agree with the rows, and so with ClickHouse, for every
-- combination (groups whose rows satisfy at most one step; step k is the
-- label 'sk', a row with no step the label 'x').
CREATE TABLE ch_j AS
SELECT c.id, journey.journey_agg(to_timestamp(e.t),
         CASE WHEN e.m = 0 THEN 'x' ELSE 's' || (1 + log(2, e.m::numeric)::int) END) AS j
FROM ch_case c, unnest(c.t, c.m) AS e(t, m)
WHERE NOT EXISTS (SELECT FROM unnest(c.m) mm WHERE (mm & (mm - 1)) <> 0)
GROUP BY c.id;
SELECT md.mode, count(*) AS groups,
       count(*) FILTER (WHERE journey.funnel(j.j, make_interval(secs => c.w), (ARRAY['s1', 's2', 's3', 's4'])[1:c.nsteps], md.mode) = p.pg) AS agree_rows,
       count(*) FILTER (WHERE journey.funnel(j.j, make_interval(secs => c.w), (ARRAY['s1', 's2', 's3', 's4'])[1:c.nsteps], md.mode) = p.ch) AS agree_clickhouse
FROM ch_j j JOIN ch_case c USING (id) JOIN ch_cmp p USING (id) JOIN ch_mode md USING (mi)
GROUP BY md.mi, md.mode ORDER BY md.mi;
