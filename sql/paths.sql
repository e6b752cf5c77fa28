--
-- paths: transitions and the paths after / before an anchor, over stored
-- journeys and over event rows.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';

--
-- transitions(j [, with_ends])
--
-- Three events, 60 s then 0.5 s apart: two rows, steps 1 and 2.
SELECT * FROM journey.transitions('web@2026-01-01 10:00:00Z > email@2026-01-01 10:01:00Z > store@2026-01-01 10:01:00.5Z');
-- Equal timestamps: canonical order puts label "a" before "b" (bytes), so
-- the pair is a -> b with 0 seconds, whatever order the input had.
SELECT * FROM journey.transitions('b@2026-01-01 10:00:00Z > a@2026-01-01 10:00:00Z > c@2026-01-01 11:00:00Z');
-- Byte order, not collation: "B" (0x42) sorts before "a" (0x61).
SELECT * FROM journey.transitions('a@2026-01-01 10:00:00Z > B@2026-01-01 10:00:00Z');
-- A repeated label is a transition like any other (a -> a).
SELECT * FROM journey.transitions('a@2026-01-01 10:00:00Z > a@2026-01-02 10:00:00Z');
-- One event: no pair, no row.  The empty journey: no row.  NULL: no row.
SELECT count(*) AS one_event FROM journey.transitions('a@2026-01-01 10:00:00Z');
SELECT count(*) AS empty FROM journey.transitions('');
SELECT count(*) AS null_journey FROM journey.transitions(NULL);
-- with_ends: step 0 from NULL (start) to the first label, step n from the
-- last label to NULL (end), seconds NULL on both.
SELECT * FROM journey.transitions('web@2026-01-01 10:00:00Z > email@2026-01-01 10:01:00Z > store@2026-01-01 10:01:00.5Z', true);
-- One event with ends: start -> a, a -> end.
SELECT * FROM journey.transitions('a@2026-01-01 10:00:00Z', true);
-- The empty journey has neither start nor end.
SELECT count(*) AS empty_with_ends FROM journey.transitions('', true);
SELECT count(*) AS explicit_false FROM journey.transitions('a@2026-01-01 10:00:00Z > b@2026-01-01 10:00:01Z', false);

-- Sankey links over a table of journeys: nodes are (step, label), links
-- counted.  Customer 1: web > email > store; 2: web > store; 3: email.
CREATE TABLE cj (customer int, j journey.journey);
INSERT INTO cj VALUES
  (1, 'web@2026-01-01 10:00:00Z > email@2026-01-02 10:00:00Z > store@2026-01-03 10:00:00Z'),
  (2, 'web@2026-01-01 12:00:00Z > store@2026-01-01 13:00:00Z'),
  (3, 'email@2026-01-05 09:00:00Z'),
  (4, NULL);
-- Expected: step 0: start->web 2, start->email 1; step 1: web->email 1,
-- web->store 1, email->end 1; step 2: email->store 1, store->end 1;
-- step 3: store->end 1.
SELECT t.step, coalesce(t.from_label, '(start)') AS source, coalesce(t.to_label, '(end)') AS target,
       count(*) AS customers, avg(t.seconds) AS avg_seconds
FROM cj, journey.transitions(cj.j, true) t
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

--
-- path_after / path_before over journeys
--
-- j1: a(1) > b(2) > a(3) > c(4) > d(5), days of January.
CREATE TABLE pj (name text, j journey.journey);
INSERT INTO pj VALUES
  ('j1', 'a@2026-01-01 00:00:00Z > b@2026-01-02 00:00:00Z > a@2026-01-03 00:00:00Z > c@2026-01-04 00:00:00Z > d@2026-01-05 00:00:00Z');
-- First a (event 1): the next two are b, a.
SELECT journey.path_after(j, 'a', 2) FROM pj;
-- Last a (event 3): c, d.
SELECT journey.path_after(j, 'a', 2, 'last') FROM pj;
-- Fewer events than steps: all that follow (b, a, c, d), no padding.
SELECT journey.path_after(j, 'a', 10) FROM pj;
-- The largest steps does not overflow: everything after / before.
SELECT journey.path_after(j, 'b', 2147483647) AS after_b, journey.path_before(j, 'c', 2147483647) AS before_c FROM pj;
-- Anchor is the last event: nothing follows, an empty array (not NULL).
SELECT journey.path_after(j, 'd', 3) AS after_last_event FROM pj;
-- Label absent: NULL.
SELECT journey.path_after(j, 'zzz', 3) IS NULL AS absent FROM pj;
-- path_before: the steps labels just before the anchor, in time order.
-- Before the first a: nothing.  Before the last a: a, b.  Before d, 3: b, a, c.
SELECT journey.path_before(j, 'a', 2) AS before_first_a,
       journey.path_before(j, 'a', 2, 'last') AS before_last_a,
       journey.path_before(j, 'd', 3) AS before_d,
       journey.path_before(j, 'd', 100) AS before_d_all,
       journey.path_before(j, 'zzz', 1) AS absent
FROM pj;
-- Labels are matched exactly (bytes): 'A' is not 'a'.
SELECT journey.path_after(j, 'A', 2) IS NULL AS case_sensitive FROM pj;
-- Ties: a and b at the same instant are in label order a, b; so after a
-- comes b, and before b comes a.
SELECT journey.path_after('b@2026-01-01 00:00:00Z > a@2026-01-01 00:00:00Z', 'a', 1) AS after_a,
       journey.path_before('b@2026-01-01 00:00:00Z > a@2026-01-01 00:00:00Z', 'b', 1) AS before_b;
-- Empty journey: no label occurs.
SELECT journey.path_after('', 'a', 1) IS NULL AS empty_is_null;
-- STRICT: NULL arguments give NULL.
SELECT journey.path_after(j, NULL, 2) IS NULL AS null_label,
       journey.path_after(j, 'a', NULL) IS NULL AS null_steps,
       journey.path_after(j, 'a', 2, NULL) IS NULL AS null_occurrence
FROM pj;
-- Errors: steps < 1 and an unknown occurrence are 22023.
SELECT journey.path_after(j, 'a', 0) FROM pj;
SELECT journey.path_before(j, 'a', -1) FROM pj;
SELECT journey.path_after(j, 'a', 1, 'middle') FROM pj;
SELECT journey.path_after(j, 'a', 1, 'First') FROM pj;

--
-- Aggregates over event rows
--
CREATE TABLE ev (customer int, ts timestamptz, label text, amount numeric);
INSERT INTO ev VALUES
  (1, '2026-01-01 10:00Z', 'web',   NULL),
  (1, '2026-01-02 10:00Z', 'cart',  20),
  (1, '2026-01-03 10:00Z', 'email', NULL),
  (1, '2026-01-04 10:00Z', 'cart',  150),
  (1, '2026-01-05 10:00Z', 'buy',   150),
  (1, NULL,                'cart',  999),   -- NULL ts: skipped
  (1, '2026-01-01 09:00Z', NULL,    NULL),  -- NULL label: skipped
  (2, '2026-01-01 10:00Z', 'web',   NULL),
  (2, '2026-01-01 10:00Z', 'cart',  NULL),  -- same instant: cart < web
  (2, '2026-01-01 11:00Z', 'app',   NULL),
  (3, '2026-01-01 10:00Z', 'web',   NULL),  -- never a cart: NULL
  (4, NULL,                NULL,    NULL);  -- nothing usable: NULL
-- Customer 1, ordered: web, cart, email, cart, buy.  First cart -> email,
-- cart, buy; last cart -> buy.  Before the first cart: web; before the
-- last: web, cart, email.  Customer 2 in order: cart, web (tie, label
-- bytes), app: after cart: web, app; before cart: nothing.
SELECT customer,
       journey.path_after(ts, label, label = 'cart', 3) AS after_first,
       journey.path_after(ts, label, label = 'cart', 3, 'last') AS after_last,
       journey.path_before(ts, label, label = 'cart', 3) AS before_first,
       journey.path_before(ts, label, label = 'cart', 3, 'last') AS before_last
FROM ev GROUP BY customer ORDER BY customer;
-- Any condition as the anchor: the first row with amount > 100 is the
-- second cart of customer 1 (amount 150, Jan 4); NULL amounts are false.
SELECT customer, journey.path_after(ts, label, amount > 100, 2) AS after_big,
       journey.path_before(ts, label, amount > 100, 2) AS before_big
FROM ev GROUP BY customer ORDER BY customer;
-- Same instant and label, one row the anchor and one not: the anchor row
-- comes first, so the other row is the first step after it.
SELECT journey.path_after(ts, l, a, 2) AS after_anchor, journey.path_before(ts, l, a, 2) AS before_anchor
FROM (VALUES ('2026-01-01 10:00Z'::timestamptz, 'x', false), ('2026-01-01 10:00Z', 'x', true),
             ('2026-01-01 09:00Z', 'y', false), ('2026-01-01 11:00Z', 'z', false)) v(ts, l, a);
-- The same rows with journey_agg and the journey functions: same answers.
SELECT customer,
       journey.path_after(journey.journey_agg(ts, label), 'cart', 3) AS after_first,
       journey.path_after(journey.journey_agg(ts, label), 'cart', 3, 'last') AS after_last,
       journey.path_before(journey.journey_agg(ts, label), 'cart', 3) AS before_first,
       journey.path_before(journey.journey_agg(ts, label), 'cart', 3, 'last') AS before_last
FROM ev GROUP BY customer ORDER BY customer;
-- The largest steps in the aggregates: the whole rest of the group.
SELECT journey.path_after(ts, label, label = 'web', 2147483647) AS after_web,
       journey.path_before(ts, label, label = 'buy', 2147483647) AS before_buy
FROM ev WHERE customer = 1;
-- No rows at all: NULL.
SELECT journey.path_after(ts, label, true, 1) IS NULL AS no_rows FROM ev WHERE false;
-- bigint epochs: ties broken by label bytes, as for timestamps.
SELECT journey.path_after(t, l, l = 'b', 5) AS after_b, journey.path_before(t, l, l = 'b', 5, 'last') AS before_last_b
FROM (VALUES (30::bigint, 'd'), (10, 'b'), (10, 'a'), (20, 'b'), (20, 'c')) v(t, l);
-- As a window aggregate: the running path after the first cart.
SELECT ts, label, journey.path_after(ts, label, label = 'cart', 2) OVER (ORDER BY ts, label) AS running
FROM ev WHERE customer = 1 AND ts IS NOT NULL AND label IS NOT NULL ORDER BY ts, label;
-- Top paths: the two steps after the first cart, counted over customers.
SELECT p, count(*) FROM (
  SELECT customer, journey.path_after(ts, label, label = 'cart', 2) AS p FROM ev GROUP BY customer) s
GROUP BY p ORDER BY 2 DESC, 1 NULLS LAST;
-- Errors: 22023 for steps < 1, varying steps or occurrence, an unknown
-- occurrence; 22004 for a NULL steps or occurrence.
SELECT journey.path_after(ts, label, true, 0) FROM ev;
SELECT journey.path_after(ts, label, true, customer) FROM ev;
SELECT journey.path_before(ts, label, true, 1, CASE WHEN customer = 1 THEN 'first' ELSE 'last' END) FROM ev;
SELECT journey.path_after(ts, label, true, 1, 'any') FROM ev;
SELECT journey.path_after(ts, label, true, NULL) FROM ev;
SELECT journey.path_after(ts, label, true, 1, NULL) FROM ev;
-- Labels over 1000 bytes are refused, as in journeys (54000).
SELECT journey.path_after(now(), repeat('x', 1001), true, 1);

--
-- Row-level aggregates agree with the journey functions on random data:
-- 3000 customers, 0..15 events each, times on a 20-minute grid of a day
-- (many ties), 6 labels.
--
SELECT setseed(0.42);
CREATE TABLE rev AS
SELECT c AS customer,
       '2026-03-01'::timestamptz + floor(random() * 20) * interval '1 minute' AS ts,
       (ARRAY['home', 'search', 'product', 'cart', 'checkout', 'Cart'])[1 + floor(random() * 6)::int] AS label
FROM generate_series(1, 3000) c, LATERAL generate_series(1, floor(random() * 16)::int + c * 0) e;
SELECT count(*) > 20000 AS enough_rows, count(DISTINCT customer) > 2800 AS enough_customers FROM rev;
CREATE TABLE rj AS SELECT customer, journey.journey_agg(ts, label) AS j FROM rev GROUP BY customer;
-- (Counts of differences, so the output does not depend on the exact
-- random numbers; the last three columns show the data has the cases.)
SELECT count(*) > 2700 AS customers_ok,
       count(*) FILTER (WHERE a.af IS DISTINCT FROM journey.path_after(rj.j, 'cart', 3)) AS after_first_differs,
       count(*) FILTER (WHERE a.al IS DISTINCT FROM journey.path_after(rj.j, 'cart', 3, 'last')) AS after_last_differs,
       count(*) FILTER (WHERE a.bf IS DISTINCT FROM journey.path_before(rj.j, 'cart', 2)) AS before_first_differs,
       count(*) FILTER (WHERE a.bl IS DISTINCT FROM journey.path_before(rj.j, 'cart', 2, 'last')) AS before_last_differs,
       count(*) FILTER (WHERE a.af IS NULL) > 0 AS some_without_cart,
       count(*) FILTER (WHERE a.af IS NOT NULL AND a.af <> a.al) > 0 AS first_and_last_differ,
       count(*) FILTER (WHERE cardinality(a.af) < 3) > 0 AS some_short_paths
FROM rj JOIN (
  SELECT customer,
         journey.path_after(ts, label, label = 'cart', 3) AS af,
         journey.path_after(ts, label, label = 'cart', 3, 'last') AS al,
         journey.path_before(ts, label, label = 'cart', 2) AS bf,
         journey.path_before(ts, label, label = 'cart', 2, 'last') AS bl
  FROM rev GROUP BY customer) a USING (customer);
-- bigint epochs (microseconds since 1970) give the same answers.
SELECT count(*) FILTER (WHERE t.p IS DISTINCT FROM b.p) AS bigint_differs
FROM (SELECT customer, journey.path_after(ts, label, label = 'cart', 3) AS p FROM rev GROUP BY customer) t
JOIN (SELECT customer, journey.path_after((extract(epoch FROM ts) * 1000000)::bigint, label, label = 'cart', 3) AS p
      FROM rev GROUP BY customer) b USING (customer);
-- Transitions over a journey built from rows agree with a plain-SQL
-- self-join on row numbers (same tie order: ts, then label bytes).
SELECT count(*) AS differences FROM (
  (SELECT rj.customer, t.step, t.from_label, t.to_label, t.seconds
   FROM rj, journey.transitions(rj.j) t
   EXCEPT ALL
   SELECT a.customer, a.n::int, a.label, b.label, extract(epoch FROM b.ts - a.ts)::float8
   FROM (SELECT customer, ts, label, row_number() OVER (PARTITION BY customer ORDER BY ts, label COLLATE "C") n FROM rev) a
   JOIN (SELECT customer, ts, label, row_number() OVER (PARTITION BY customer ORDER BY ts, label COLLATE "C") n FROM rev) b
     ON a.customer = b.customer AND b.n = a.n + 1)
  UNION ALL
  (SELECT a.customer, a.n::int, a.label, b.label, extract(epoch FROM b.ts - a.ts)::float8
   FROM (SELECT customer, ts, label, row_number() OVER (PARTITION BY customer ORDER BY ts, label COLLATE "C") n FROM rev) a
   JOIN (SELECT customer, ts, label, row_number() OVER (PARTITION BY customer ORDER BY ts, label COLLATE "C") n FROM rev) b
     ON a.customer = b.customer AND b.n = a.n + 1
   EXCEPT ALL
   SELECT rj.customer, t.step, t.from_label, t.to_label, t.seconds
   FROM rj, journey.transitions(rj.j) t)) d;

--
-- Parallel plans: partial states serialized, combined, and the same
-- answers as a serial plan.
--
ALTER TABLE rev SET (parallel_workers = 2);
ANALYZE rev;
CREATE TABLE serial_result AS
SELECT customer,
       journey.path_after(ts, label, label = 'cart', 3) AS af,
       journey.path_before(ts, label, label = 'cart', 3, 'last') AS bl
FROM rev GROUP BY customer;
CREATE TABLE serial_whole AS
SELECT journey.path_after(ts, label, label = 'checkout', 50) AS af,
       journey.path_before(ts, label, label = 'checkout', 50, 'last') AS bl
FROM rev;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT customer, journey.path_after(ts, label, label = 'cart', 3) FROM rev GROUP BY customer;
SELECT count(*) > 2700 AS groups_ok,
       count(*) FILTER (WHERE s.af IS DISTINCT FROM p.af OR s.bl IS DISTINCT FROM p.bl) AS differ
FROM serial_result s
JOIN (SELECT customer,
             journey.path_after(ts, label, label = 'cart', 3) AS af,
             journey.path_before(ts, label, label = 'cart', 3, 'last') AS bl
      FROM rev GROUP BY customer) p USING (customer);
-- One group over the whole table: both workers' states combined.
EXPLAIN (COSTS OFF)
SELECT journey.path_after(ts, label, label = 'checkout', 50) FROM rev;
SELECT s.af = p.af AS after_equal, s.bl = p.bl AS before_equal, cardinality(p.af) AS after_len
FROM serial_whole s,
     (SELECT journey.path_after(ts, label, label = 'checkout', 50) AS af,
             journey.path_before(ts, label, label = 'checkout', 50, 'last') AS bl
      FROM rev) p;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP TABLE cj, pj, ev, rev, rj, serial_result, serial_whole;
