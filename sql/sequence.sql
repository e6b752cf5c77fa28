--
-- sequence_match / sequence_count: ClickHouse-style event patterns.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';

-- Test helper.  spec lists events as label@seconds; condition N is
-- "label = labels[N]".  Runs the bigint and the timestamptz aggregates and
-- the journey overloads on the same events and reports their common answer
-- ("match, count N" or "no match"), or DISAGREE with all six results.
CREATE FUNCTION seq(pattern text, spec text, VARIADIC labels text[]) RETURNS text
LANGUAGE sql AS $$
WITH ev AS (
  SELECT split_part(e, '@', 1) AS label, split_part(e, '@', 2)::bigint AS s
  FROM regexp_split_to_table(spec, '\s+') e WHERE e <> ''
), r AS (
  SELECT journey.sequence_match(pattern, s, VARIADIC c) AS mb,
         journey.sequence_count(pattern, s, VARIADIC c) AS cb,
         journey.sequence_match(pattern, to_timestamp(s), VARIADIC c) AS mt,
         journey.sequence_count(pattern, to_timestamp(s), VARIADIC c) AS ct,
         coalesce(journey.journey_agg(to_timestamp(s), label), '') AS j
  FROM (SELECT ev.*, (SELECT array_agg(ev.label = l ORDER BY o)
                      FROM unnest(labels) WITH ORDINALITY u(l, o)) AS c
        FROM ev) x
), a AS (
  SELECT r.*, journey.sequence_match(j, pattern, VARIADIC labels) AS mj,
         journey.sequence_count(j, pattern, VARIADIC labels) AS cj
  FROM r
)
SELECT CASE WHEN mb = mt AND mb = mj AND cb = ct AND cb = cj
            THEN CASE WHEN mb THEN 'match, count ' || cb ELSE 'no match' END
            ELSE format('DISAGREE %s/%s %s/%s %s/%s', mb, cb, mt, ct, mj, cj) END
FROM a
$$;

---------------------------------------------------------------------------
-- Pattern elements
---------------------------------------------------------------------------
-- (?N): an event where condition N holds.
SELECT seq('(?1)', 'a@0', 'a');                     -- match, count 1
SELECT seq('(?1)', 'b@0', 'a', 'b');                -- no match: b is condition 2
SELECT seq('(?2)', 'a@0 b@1 b@2', 'a', 'b');        -- match, count 2 (two b events)
-- Two conditions side by side must match consecutive events ...
SELECT seq('(?1)(?2)', 'a@0 b@1', 'a', 'b');        -- match
SELECT seq('(?1)(?2)', 'a@0 c@1 b@2', 'a', 'b', 'c');  -- no match: c is an event in between
-- ... but only rows where some condition holds are events: x is invisible.
SELECT seq('(?1)(?2)', 'a@0 x@1 b@2', 'a', 'b');    -- match
SELECT seq('(?1)(?2)', 'b@0 a@1', 'a', 'b');        -- no match: wrong order
-- '.': exactly one event (of any condition).
SELECT seq('(?1).(?2)', 'a@0 c@1 b@2', 'a', 'b', 'c'); -- match
SELECT seq('(?1).(?2)', 'a@0 b@1', 'a', 'b');          -- no match: nothing between
SELECT seq('(?1).(?2)', 'a@0 c@1 c@2 b@3', 'a', 'b', 'c'); -- no match: two between
SELECT seq('(?1).(?2)', 'a@0 x@1 b@2', 'a', 'b');      -- no match: x is not an event
SELECT seq('.', 'a@0 x@1 b@2', 'a', 'b');              -- match, count 2: a and b
-- '.*': any number of events, including none.
SELECT seq('(?1).*(?2)', 'a@0 c@1 c@2 b@3', 'a', 'b', 'c'); -- match
SELECT seq('(?1).*(?2)', 'a@0 b@1', 'a', 'b');              -- match (none between)
SELECT seq('(?1).*(?2)', 'b@0 c@1 a@2', 'a', 'b', 'c');     -- no match
SELECT seq('.*(?1).*', 'c@0 a@1 c@2', 'a', 'b', 'c');       -- match, count 1: outer .* change nothing
SELECT seq('(?1).*.*(?2)', 'a@0 b@1', 'a', 'b');            -- match: .*.* is .*
-- Longer chains, repeated conditions.
SELECT seq('(?1)(?1)(?2)', 'a@0 a@1 a@2 b@3', 'a', 'b');    -- match: a@1 a@2 b@3
SELECT seq('(?1).*(?2).*(?1)', 'a@0 b@1 b@2', 'a', 'b');    -- no match: no a after b

---------------------------------------------------------------------------
-- Time constraints: between the events matched by the neighbouring event
-- elements; any events may come between them.  Units: seconds here (the
-- bigint runs use the same numbers as seconds, so all three agree).
---------------------------------------------------------------------------
SELECT seq('(?1)(?t<=5)(?2)', 'a@0 b@5', 'a', 'b');  -- match: 5 <= 5
SELECT seq('(?1)(?t<=5)(?2)', 'a@0 b@6', 'a', 'b');  -- no match: 6 > 5
SELECT seq('(?1)(?t<5)(?2)',  'a@0 b@4', 'a', 'b');  -- match: 4 < 5
SELECT seq('(?1)(?t<5)(?2)',  'a@0 b@5', 'a', 'b');  -- no match: 5 is not < 5
SELECT seq('(?1)(?t>=5)(?2)', 'a@0 b@5', 'a', 'b');  -- match: 5 >= 5
SELECT seq('(?1)(?t>=5)(?2)', 'a@0 b@4', 'a', 'b');  -- no match
SELECT seq('(?1)(?t>5)(?2)',  'a@0 b@6', 'a', 'b');  -- match: 6 > 5
SELECT seq('(?1)(?t>5)(?2)',  'a@0 b@5', 'a', 'b');  -- no match: 5 is not > 5
SELECT seq('(?1)(?t==5)(?2)', 'a@0 b@5', 'a', 'b');  -- match
SELECT seq('(?1)(?t==5)(?2)', 'a@0 b@4 b@6', 'a', 'b');  -- no match: 4 and 6
-- Zero: (?t<=0) and (?t==0) accept equal times, (?t<0) nothing, (?t>0) needs a later time.
SELECT seq('(?1)(?t<=0)(?2)', 'a@7 b@7', 'a', 'b');  -- match
SELECT seq('(?1)(?t==0)(?2)', 'a@7 b@7', 'a', 'b');  -- match
SELECT seq('(?1)(?t<0)(?2)',  'a@7 b@7', 'a', 'b');  -- no match: never true
SELECT seq('(?1)(?t>0)(?2)',  'a@7 b@7', 'a', 'b');  -- no match
SELECT seq('(?1)(?t>0)(?2)',  'a@7 b@7 b@8', 'a', 'b');  -- match: b@8
-- Events may come between the two constrained ones.
SELECT seq('(?1)(?t<=5)(?2)', 'a@0 c@1 c@2 b@3', 'a', 'b', 'c');  -- match
-- Which earlier event counts: any one that makes the chain work.
SELECT seq('(?1)(?t<=5)(?2)', 'a@0 a@10 b@12', 'a', 'b');    -- match: a@10 (the latest a)
SELECT seq('(?1)(?t>=10)(?2)', 'a@0 a@5 b@12', 'a', 'b');    -- match: a@0 (the earliest a)
-- Two constraints on one gap are both required: 3 <= gap <= 5.
SELECT seq('(?1)(?t>=3)(?t<=5)(?2)', 'a@0 a@1 a@7 b@9', 'a', 'b');  -- no match: gaps 9, 8, 2
SELECT seq('(?1)(?t>=3)(?t<=5)(?2)', 'a@0 a@5 a@7 b@9', 'a', 'b');  -- match: a@5 (gap 4)
SELECT seq('(?1)(?t==4)(?2)', 'a@0 a@5 a@7 b@9', 'a', 'b');         -- match: a@5
SELECT seq('(?1)(?t>5)(?t<5)(?2)', 'a@0 b@5 b@9', 'a', 'b');        -- no match: empty range
-- .* next to a constraint changes nothing: the constraint still binds the
-- events of (?1) and (?2).  (ClickHouse measures (?1).*(?t<=2) from the
-- event after (?1); we do not.)
SELECT seq('(?1).*(?t<=5).*(?2)', 'a@0 c@1 b@5', 'a', 'b', 'c');  -- match: 5 - 0 <= 5
SELECT seq('(?1)(?t<=2).*(?2)', 'a@0 c@1 b@5', 'a', 'b', 'c');    -- no match: 5 - 0 > 2
-- A constraint after '.' measures from the event '.' matched.
SELECT seq('(?1).(?t>=10)(?2)', 'a@0 c@1 b@11', 'a', 'b', 'c');   -- match: 11 - 1 >= 10
SELECT seq('(?1).(?t>=10)(?2)', 'a@0 c@1 b@10', 'a', 'b', 'c');   -- no match: 10 - 1 < 10
-- Each constraint binds its own pair.
SELECT seq('(?1)(?t<=10)(?2)(?t<=10)(?3)', 'a@0 b@10 c@20', 'a', 'b', 'c');  -- match
SELECT seq('(?1)(?t<=10)(?2)(?t<=10)(?3)', 'a@0 b@10 c@21', 'a', 'b', 'c');  -- no match
SELECT seq('(?1)(?t<=10)(?2)(?t<=10)(?3)', 'a@0 b@5 b@10 c@20', 'a', 'b', 'c');  -- match: through b@10 (c is 15 after b@5)
SELECT seq('(?1)(?t<=10)(?2)(?t<=10)(?3)', 'a@0 b@10 b@15 c@21', 'a', 'b', 'c');  -- no match: b@15 is 15 after a, b@10 is 11 before c

---------------------------------------------------------------------------
-- Equal timestamps: events at the same time are ordered by their lowest
-- condition number, whatever the input order.
---------------------------------------------------------------------------
SELECT seq('(?1)(?2)', 'b@0 a@0', 'a', 'b');         -- match: a (cond 1) sorts before b
SELECT seq('(?2)(?1)', 'b@0 a@0', 'a', 'b');         -- no match
SELECT seq('(?1)(?2)', 'b@0 a@0', 'b', 'a');         -- match: now b is cond 1 and sorts first
SELECT seq('(?2)(?1)', 'b@0 a@0', 'b', 'a');         -- no match
SELECT seq('(?1)(?t<=0)(?1)', 'a@0 a@0', 'a');       -- match: two events at one instant

---------------------------------------------------------------------------
-- A row satisfying several conditions is one event.
---------------------------------------------------------------------------
SELECT journey.sequence_match('(?1)', s, e IN ('a', 'ab'), e IN ('b', 'ab')) AS m1,    -- t
       journey.sequence_match('(?2)', s, e IN ('a', 'ab'), e IN ('b', 'ab')) AS m2,    -- t
       journey.sequence_match('(?1)(?2)', s, e IN ('a', 'ab'), e IN ('b', 'ab')) AS m12 -- f: needs two events
FROM (VALUES (0::bigint, 'ab')) v(s, e);
SELECT journey.sequence_match('(?1)(?2)', s, e IN ('a', 'ab'), e IN ('b', 'ab')) AS m12,  -- t: ab@0 ab@1
       journey.sequence_count('(?1)', s, e IN ('a', 'ab'), e IN ('b', 'ab')) AS c1,       -- 2
       journey.sequence_count('(?1)(?2)', s, e IN ('a', 'ab'), e IN ('b', 'ab')) AS c12   -- 1
FROM (VALUES (0::bigint, 'ab'), (1, 'ab')) v(s, e);
-- The same with labels: listing a label twice makes its events satisfy both.
SELECT seq('(?1)(?2)', 'a@0', 'a', 'a');             -- no match: one event
SELECT seq('(?1)(?2)', 'a@0 a@1', 'a', 'a');         -- match, count 1

---------------------------------------------------------------------------
-- sequence_count: non-overlapping matches; after each match (ending at the
-- earliest event where any match ends) the search restarts after its last
-- event.
---------------------------------------------------------------------------
SELECT seq('(?1)(?2)', 'a@0 b@1 a@2 b@3', 'a', 'b');            -- count 2
SELECT seq('(?1).*(?2)', 'a@0 a@1 b@2 b@3', 'a', 'b');          -- count 1: b@3 has no a after b@2
SELECT seq('(?1).*(?1)', 'a@0 a@1 a@2 a@3 a@4', 'a');           -- count 2: [a@0 a@1] [a@2 a@3]
SELECT seq('(?1)(?t<=2)(?2)', 'a@0 a@5 b@6 b@7', 'a', 'b');     -- count 1: a@5 b@6, then b@7 alone
SELECT seq('(?1)(?t>=5)(?2)', 'a@0 a@1 b@6 a@7 b@12', 'a', 'b');  -- count 2: a@0 b@6, a@7 b@12
SELECT seq('(?1)(?t>=5)(?2)', 'a@0 a@1 b@5 b@6', 'a', 'b');     -- count 1: a@0 b@5; a@1 is used up
SELECT seq('.', 'a@0 b@1 c@2 a@3', 'a', 'b');                   -- count 3: c is not an event
-- ClickHouse's own example: 0..11 with conditions data = 0, 1, 2.
SELECT seq('(?1)(?t<11)(?2)', 'x@0 x@1 x@2 x@3 y@4 z@5 x@6 x@7 x@8 x@9 y@10 y@11', 'x', 'y', 'z');  -- count 2
SELECT seq('(?1)(?1)(?1)', 'x@0 x@1 x@2 x@3 y@4 z@5 x@6 x@7 x@8 x@9 y@10 y@11', 'x', 'y', 'z');     -- count 2

---------------------------------------------------------------------------
-- NULLs, empty groups, GROUP BY.
---------------------------------------------------------------------------
CREATE TABLE sq (customer int, ts timestamptz, ev text);
INSERT INTO sq VALUES
  (1, '2026-01-01 10:00+00', 'visit'),
  (1, '2026-01-01 10:20+00', 'cart'),
  (1, '2026-01-01 11:00+00', 'buy'),
  (2, '2026-01-01 10:00+00', 'visit'),
  (2, NULL, 'cart'),                      -- NULL time: skipped
  (2, '2026-01-02 10:00+00', 'buy'),
  (3, '2026-01-01 10:00+00', 'visit'),
  (3, '2026-01-01 10:05+00', NULL),       -- NULL event: every condition NULL, not an event
  (3, '2026-01-01 10:10+00', 'cart'),
  (4, '2026-01-01 10:00+00', 'other');    -- no condition holds: no events
SELECT customer,
       journey.sequence_match('(?1)(?2)', ts, ev = 'visit', ev = 'cart') AS visit_then_cart,
       journey.sequence_match('(?1).*(?t<=3600)(?3)', ts, ev = 'visit', ev = 'cart', ev = 'buy') AS buy_within_hour,
       journey.sequence_count('.', ts, ev = 'visit', ev = 'cart', ev = 'buy') AS events
FROM sq GROUP BY customer ORDER BY customer;
-- 1: t t 3 | 2: f (cart has no time) f (a day later) 2 | 3: t (NULL row invisible) f 2 | 4: f f 0
-- Empty group: false and 0.
SELECT journey.sequence_match('(?1)', ts, true) AS m, journey.sequence_count('(?1)', ts, true) AS c
FROM sq WHERE false;
-- A NULL conditions array counts as no condition holding.
SELECT journey.sequence_count('.', s, VARIADIC c) FROM (VALUES (1::bigint, NULL::bool[]), (2, ARRAY[true])) v(s, c);  -- 1
-- A NULL pattern is an error (22004); the journey functions are strict.
SELECT journey.sequence_match(NULL, ts, true) FROM sq;
SELECT journey.sequence_match(NULL::journey.journey, '(?1)', 'a') IS NULL AS strict_null;
SELECT journey.sequence_count('a@2026-01-01 00:00:00Z > b@2026-01-01 00:00:01Z'::journey.journey, '(?1)(?2)', 'a', NULL);  -- 0: NULL label matches nothing
SELECT journey.sequence_count(''::journey.journey, '.', 'a');           -- 0: empty journey
-- As a window aggregate: has the customer matched yet, event by event?
SELECT ts, ev, journey.sequence_match('(?1).*(?2)', ts, ev = 'visit', ev = 'buy')
         OVER (ORDER BY ts) AS converted_yet
FROM sq WHERE customer = 1 ORDER BY ts;                                  -- f, f, t

---------------------------------------------------------------------------
-- Units: timestamptz constraints count seconds, to the microsecond; bigint
-- constraints count the caller's unit.
---------------------------------------------------------------------------
SELECT journey.sequence_match('(?1)(?t<=1)(?2)', ts, e = 'a', e = 'b') AS within_1s  -- t: exactly 1 s
FROM (VALUES ('2026-01-01 00:00:00+00'::timestamptz, 'a'), ('2026-01-01 00:00:01+00', 'b')) v(ts, e);
SELECT journey.sequence_match('(?1)(?t<=1)(?2)', ts, e = 'a', e = 'b') AS within_1s  -- f: 1.000001 s
FROM (VALUES ('2026-01-01 00:00:00+00'::timestamptz, 'a'), ('2026-01-01 00:00:01.000001+00', 'b')) v(ts, e);
SELECT journey.sequence_match('(?1)(?t<=1000)(?2)', ms, e = 'a', e = 'b') AS within_1000ms  -- t: 1000 ms
FROM (VALUES (1767225600000::bigint, 'a'), (1767225601000, 'b')) v(ms, e);
SELECT journey.sequence_match('(?1)(?t>1000)(?2)', ms, e = 'a', e = 'b') AS over_1000ms    -- f
FROM (VALUES (1767225600000::bigint, 'a'), (1767225601000, 'b')) v(ms, e);
-- Extreme bigint times: differences are exact.
SELECT journey.sequence_match('(?1)(?t>=9223372036854775807)(?2)', s, e = 'a', e = 'b') AS huge_gap  -- t: gap 2^64 - 1
FROM (VALUES (-9223372036854775808, 'a'), (9223372036854775807, 'b')) v(s, e);
-- The journey overload counts seconds like timestamptz.
SELECT journey.sequence_match('a@2026-01-01 00:00:00Z > b@2026-01-01 00:01:00Z'::journey.journey, '(?1)(?t==60)(?2)', 'a', 'b');  -- t

---------------------------------------------------------------------------
-- Malformed patterns: 22023 with the position and the pattern.
---------------------------------------------------------------------------
SELECT journey.sequence_match('(?1)(?2', 0::bigint, true, true);
SELECT journey.sequence_match('(?1)(?t<x)(?2)', 0::bigint, true, true);
SELECT journey.sequence_match('(?3)', 0::bigint, true, true);
SELECT journey.sequence_match('(?t<5)(?1)', 0::bigint, true);
SELECT journey.sequence_match('a@2026-01-01 00:00:00Z'::journey.journey, '(?1) (?2)', 'a', 'b');
-- Checked even when no row has a time or a true condition.
SELECT journey.sequence_count('(?0)', NULL::bigint, false);

---------------------------------------------------------------------------
-- A pattern without an event element ('' or '.*') matches the empty
-- sequence, as in ClickHouse (an empty pattern compiles to no action there):
-- sequence_match is true even when no condition ever holds, sequence_count
-- gives one match per event (row where some condition holds).  ClickHouse
-- 26.7 answers in the comments.
---------------------------------------------------------------------------
SELECT journey.sequence_match('', t::bigint, e = 'a', e = 'b') AS m,      -- 1
       journey.sequence_count('', t::bigint, e = 'a', e = 'b') AS c,      -- 3
       journey.sequence_match('.*', t::bigint, e = 'a', e = 'b') AS m2,   -- 1
       journey.sequence_count('.*', t::bigint, e = 'a', e = 'b') AS c2    -- 3
FROM (VALUES (1, 'a'), (2, 'b'), (3, 'x'), (3, 'a')) v(t, e);
SELECT journey.sequence_match('', t::bigint, e = 'a', e = 'b') AS m,      -- 1
       journey.sequence_count('', t::bigint, e = 'a', e = 'b') AS c       -- 0
FROM (VALUES (1, 'x'), (2, 'x')) v(t, e);
-- Over no rows at all the pattern is never seen: false and 0 (ClickHouse:
-- 1 and 0).
SELECT journey.sequence_match('', t::bigint, e = 'a') AS m,
       journey.sequence_count('', t::bigint, e = 'a') AS c
FROM (VALUES (1, 'x')) v(t, e) WHERE false;
-- Stored journeys agree with the rows.
SELECT journey.sequence_match('a@2026-01-01 00:00:00Z > b@2026-01-01 00:01:00Z > x@2026-01-01 00:02:00Z'::journey.journey, '', 'a', 'b') AS m,
       journey.sequence_count('a@2026-01-01 00:00:00Z > b@2026-01-01 00:01:00Z > x@2026-01-01 00:02:00Z'::journey.journey, '', 'a', 'b') AS c,
       journey.sequence_count('x@2026-01-01 00:00:00Z'::journey.journey, '.*', 'a', 'b') AS c0;
-- Still malformed: a time constraint needs an event element before it.
SELECT journey.sequence_match('.*(?t<5)', 0::bigint, true);

---------------------------------------------------------------------------
-- No exponential backtracking: 20,000 alternating events, a pattern with
-- four .* that never matches (there is no c) -- a backtracking matcher
-- would try a huge number of ways.
---------------------------------------------------------------------------
SELECT journey.sequence_match('(?1).*(?2).*(?1).*(?2).*(?3)', g::bigint, g % 2 = 0, g % 2 = 1, false) AS m,  -- f
       journey.sequence_count('(?1).*(?2).*(?1).*(?2).*(?3)', g::bigint, g % 2 = 0, g % 2 = 1, false) AS c,  -- 0
       journey.sequence_count('(?1).*(?2)', g::bigint, g % 2 = 0, g % 2 = 1, false) AS pairs                  -- 9999: (2,3) ... (19998,19999)
FROM generate_series(1, 20000) g;
-- Gaps with a lower bound keep every recent event as a candidate start,
-- still in linear time: a at 1..20000, then b at 30000 (gaps 10000..29999).
SELECT journey.sequence_match('(?1)(?t==15000)(?2)', s, e = 'a', e = 'b') AS exact,       -- t: a@15000
       journey.sequence_match('(?1)(?t>=30000)(?2)', s, e = 'a', e = 'b') AS too_far,     -- f: max gap 29999
       journey.sequence_count('(?1)(?t>20000)(?t<20003)(?2)', s, e = 'a', e = 'b') AS c    -- 1
FROM (SELECT g::bigint AS s, 'a' AS e FROM generate_series(1, 20000) g
      UNION ALL SELECT 30000, 'b') v;

---------------------------------------------------------------------------
-- Property test: on random data the journey overloads and the bigint
-- aggregates give exactly the timestamptz aggregates' answers for every
-- customer and pattern.
---------------------------------------------------------------------------
SELECT setseed(0.4242);
CREATE TABLE sev AS
SELECT floor(random() * 3000)::int AS customer,
       CASE WHEN random() < 0.01 THEN NULL
            ELSE '2026-01-01'::timestamptz + floor(random() * 900) * interval '1 second' END AS ts,
       (ARRAY['a', 'b', 'c', 'd', 'e', 'f', NULL])[1 + floor(random() * 7)::int] AS label
FROM generate_series(1, 60000);
CREATE TABLE spat (p text);
INSERT INTO spat VALUES ('(?1)(?2)'), ('(?1).*(?2).*(?3)'), ('(?1)(?t<=60)(?2)'),
  ('(?2).(?t>=30)(?t<=120)(?3).*(?1)'), ('(?1)(?t==10)(?4)'), ('.(?5)'),
  ('(?3).*(?3)(?t>100)(?1)'), ('(?1)(?1)(?1)'), ('(?4).*(?t<5)(?4).(?2)');
CREATE TABLE sjour AS
SELECT customer, journey.journey_agg(ts, label) AS j FROM sev GROUP BY customer;
SELECT p, count(*) AS customers,
       count(*) FILTER (WHERE r.mt) > 0 AND count(*) FILTER (WHERE NOT r.mt) > 0 AS some_match_some_not,
       count(*) FILTER (WHERE r.mt = r.mb AND r.ct = r.cb
                         AND r.mt = journey.sequence_match(coalesce(sj.j, ''), p, 'a', 'b', 'c', 'd', 'e')
                         AND r.ct = journey.sequence_count(coalesce(sj.j, ''), p, 'a', 'b', 'c', 'd', 'e')) AS agree
FROM (SELECT customer, p,
             journey.sequence_match(p, ts, label = 'a', label = 'b', label = 'c', label = 'd', label = 'e') AS mt,
             journey.sequence_count(p, ts, label = 'a', label = 'b', label = 'c', label = 'd', label = 'e') AS ct,
             journey.sequence_match(p, extract(epoch FROM ts)::bigint, label = 'a', label = 'b', label = 'c', label = 'd', label = 'e') AS mb,
             journey.sequence_count(p, extract(epoch FROM ts)::bigint, label = 'a', label = 'b', label = 'c', label = 'd', label = 'e') AS cb
      FROM sev, spat GROUP BY customer, p) r
LEFT JOIN sjour sj USING (customer)
GROUP BY p ORDER BY p;

---------------------------------------------------------------------------
-- Parallel plans: partial states serialized, combined, same answers.
---------------------------------------------------------------------------
ALTER TABLE sev SET (parallel_workers = 2);
ANALYZE sev;
CREATE TABLE sserial AS
SELECT customer,
       journey.sequence_match('(?1).*(?t<=300)(?2)', ts, label = 'a', label = 'b') AS m,
       journey.sequence_count('(?1).*(?2)(?3)', ts, label = 'a', label = 'b', label = 'c') AS c
FROM sev GROUP BY customer;
CREATE TABLE swhole AS
SELECT journey.sequence_count('(?1)(?t<=1)(?2)', extract(epoch FROM ts)::bigint, label = 'a', label = 'b') AS c
FROM sev;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT customer, journey.sequence_match('(?1).*(?t<=300)(?2)', ts, label = 'a', label = 'b')
FROM sev GROUP BY customer;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.m = p.m AND s.c = p.c) AS equal
FROM sserial s
JOIN (SELECT customer,
             journey.sequence_match('(?1).*(?t<=300)(?2)', ts, label = 'a', label = 'b') AS m,
             journey.sequence_count('(?1).*(?2)(?3)', ts, label = 'a', label = 'b', label = 'c') AS c
      FROM sev GROUP BY customer) p USING (customer);
-- One group over the whole table: the workers' states are combined.
EXPLAIN (COSTS OFF)
SELECT journey.sequence_count('(?1)(?t<=1)(?2)', extract(epoch FROM ts)::bigint, label = 'a', label = 'b') FROM sev;
SELECT journey.sequence_count('(?1)(?t<=1)(?2)', extract(epoch FROM ts)::bigint, label = 'a', label = 'b') = c AS equal_whole,
       c > 100 AS nontrivial
FROM sev, swhole GROUP BY c;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP TABLE sq, sev, spat, sjour, sserial, swhole;
DROP FUNCTION seq(text, text, text[]);
