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
FROM (VALUES (''), ('strict_order'), ('strict_deduplication'), ('strict_increase'), ('strict_once'),
             ('strict_order,allow_reentry'), ('any_order'), ('strict_deduplication,strict_order')) m(mode)
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
