--
-- retention and activity_buckets: retention flags and N-day cohorts.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';

-------------------------------------------------------------------------------
-- retention
-------------------------------------------------------------------------------

-- The classic example: who came back on day 2 and on day 3 of those who
-- came on day 1.
CREATE TABLE ret_visits (uid int, day date);
INSERT INTO ret_visits VALUES
  (1, '2026-03-01'), (1, '2026-03-02'), (1, '2026-03-03'),  -- every day
  (2, '2026-03-01'), (2, '2026-03-03'), (2, '2026-03-03'),  -- skipped day 2
  (3, '2026-03-01'),                                         -- never came back
  (4, '2026-03-02'), (4, '2026-03-03'),                      -- no day 1: all 0
  (5, '2026-03-03'), (5, '2026-03-01');                      -- rows in any order
SELECT uid, journey.retention(day = '2026-03-01', day = '2026-03-02', day = '2026-03-03') AS r
FROM ret_visits GROUP BY uid ORDER BY uid;
--  1 {1,1,1}   2 {1,0,1}   3 {1,0,0}   4 {0,0,0}   5 {1,0,1}
-- The retention table a chart draws: of 4 day-1 visitors, 1 came back on
-- day 2 and 3 on day 3.
SELECT sum(r[1]) AS day1, sum(r[2]) AS day2, sum(r[3]) AS day3
FROM (SELECT journey.retention(day = '2026-03-01', day = '2026-03-02', day = '2026-03-03') AS r
      FROM ret_visits GROUP BY uid) s;

-- Conditions are checked on any rows, not on the same row: condition 2
-- held on a row where condition 1 did not.
SELECT journey.retention(x = 1, x = 2) FROM (VALUES (1), (2)) v(x);          -- {1,1}
-- A row may satisfy several conditions.
SELECT journey.retention(x > 0, x > 1, x > 5) FROM (VALUES (3)) v(x);        -- {1,1,0}
-- One condition.
SELECT journey.retention(x = 1) FROM (VALUES (1)) v(x);                      -- {1}
-- NULL conditions are false; a row whose whole array is NULL is skipped.
SELECT journey.retention(c1, c2) FROM (VALUES (true, NULL::bool), (NULL, NULL)) v(c1, c2);  -- {1,0}
SELECT journey.retention(VARIADIC a) FROM (VALUES (NULL::bool[]), (ARRAY[true, true])) v(a);   -- {1,1}
-- Empty group, or only skipped rows: NULL (no row to speak of).
SELECT journey.retention(x = 1, x = 2) IS NULL AS is_null FROM (VALUES (1)) v(x) WHERE false;
SELECT journey.retention(VARIADIC a) IS NULL AS is_null FROM (VALUES (NULL::bool[])) v(a);
-- Condition 1 never held: all zeros, not NULL.
SELECT journey.retention(false, true, true);                                  -- {0,0,0}
-- 64 conditions (the maximum): bit 63 works.
SELECT journey.retention(VARIADIC array_fill(true, ARRAY[64])) = array_fill(1, ARRAY[64]) AS all_64;
SELECT (journey.retention(VARIADIC array_fill(false, ARRAY[63]) || true))[64] AS cond_64_alone;  -- 0: cond 1 false
SELECT (journey.retention(VARIADIC ARRAY[true] || array_fill(false, ARRAY[62]) || true))[63:64] AS last_two;  -- {0,1}
-- As a window aggregate: running retention.
SELECT uid, day, journey.retention(day = '2026-03-01', day = '2026-03-03') OVER (PARTITION BY uid ORDER BY day) AS r
FROM ret_visits WHERE uid IN (2, 4) ORDER BY uid, day;

-- Errors.
SELECT journey.retention(VARIADIC array_fill(true, ARRAY[65]));               -- 54000
SELECT journey.retention(VARIADIC a) FROM (VALUES (ARRAY[true]), (ARRAY[true, false])) v(a);  -- 22023
SELECT journey.retention(VARIADIC '{}'::bool[]);                              -- 22023
SELECT journey.retention(VARIADIC '{{true},{false}}'::bool[]);                -- 2202E
-- The state is a bigint[2] = {conditions, mask}; its functions check it.
SELECT journey.retention_final('{3,5}');                                      -- {1,0,1}
SELECT journey.retention_combine('{3,1}', '{3,4}');                           -- {3,5}
SELECT journey.retention_combine('{0,0}', '{2,2}');                           -- {2,2}
SELECT journey.retention_final('{2,4}');                                      -- bit 3 with 2 conditions: 22023
SELECT journey.retention_final('{1,2,3}');                                    -- 22023
SELECT journey.retention_combine('{2,1}', '{3,1}');                           -- 22023

-- Over a stored journey: condition i is "an event labelled labels[i]".
SELECT journey.retention('signup@2026-03-01 10:00Z > login@2026-03-02 09:00Z'::journey.journey,
                         'signup', 'login', 'purchase');                      -- {1,1,0}
SELECT journey.retention('login@2026-03-02 09:00Z'::journey.journey, 'signup', 'login');  -- {0,0}
SELECT journey.retention('a@2026-03-02 09:00Z'::journey.journey, 'a', NULL, 'a');       -- NULL label matches nothing: {1,0,1}
SELECT journey.retention(''::journey.journey, 'a') IS NULL AS empty_is_null;
SELECT journey.retention('a@2026-03-02 09:00Z'::journey.journey, VARIADIC '{}'::text[]);  -- 22023

-------------------------------------------------------------------------------
-- activity_buckets
-------------------------------------------------------------------------------

-- Exact bucket boundaries: bucket k is [first + k days, first + (k+1) days).
SELECT journey.activity_buckets(ts) FROM (VALUES
  ('2026-01-01 10:00:00+00'::timestamptz),    -- first: bucket 0
  ('2026-01-02 09:59:59.999999+00'),          -- 1 µs before first + 1 day: bucket 0
  ('2026-01-02 10:00:00+00'),                 -- exactly first + 1 day: bucket 1
  ('2026-01-05 10:00:00+00'),                 -- bucket 4
  ('2026-01-05 12:00:00+00'),                 -- bucket 4 again: listed once
  ('2026-01-31 10:00:00+00'),                 -- bucket 30: the last kept by default
  ('2026-02-01 10:00:00+00')) v(ts);          -- bucket 31: dropped
-- {0,1,4,30}
-- max_buckets: buckets >= max_buckets are dropped.
SELECT journey.activity_buckets(ts, '1 day', 2) FROM (VALUES
  ('2026-01-01 10:00+00'::timestamptz), ('2026-01-02 10:00+00'), ('2026-01-03 10:00+00')) v(ts);   -- {0,1}
SELECT journey.activity_buckets(ts, '1 day', 1) FROM (VALUES
  ('2026-01-01 10:00+00'::timestamptz), ('2026-01-02 10:00+00')) v(ts);   -- {0}
-- Weekly buckets; the bucket is a duration: '1 month' counts 30 days.
SELECT journey.activity_buckets(ts, '1 week') FROM (VALUES
  ('2026-01-01 10:00+00'::timestamptz), ('2026-01-08 09:00+00'), ('2026-01-08 10:00+00'), ('2026-01-29 10:00+00')) v(ts);  -- {0,1,4}
SELECT journey.activity_buckets(ts, '1 month') FROM (VALUES
  ('2026-01-01 00:00+00'::timestamptz), ('2026-01-31 00:00+00'), ('2026-03-01 23:59+00'), ('2026-03-02 00:00+00')) v(ts);  -- {0,1,2}
-- Rows come in any order; the first event is the smallest time.
SELECT journey.activity_buckets(ts) FROM (VALUES
  ('2026-01-03 00:00+00'::timestamptz), ('2026-01-01 12:00+00'), ('2026-01-02 11:00+00')) v(ts);   -- {0,1}
-- A day is 24 hours, even across a DST change (time zone does not matter).
SET timezone = 'Europe/Paris';
SELECT journey.activity_buckets(ts) FROM (VALUES
  ('2026-03-28 12:00'::timestamptz), ('2026-03-29 12:00'), ('2026-03-29 12:59:59')) v(ts);         -- 23h later: {0}
-- Calendar days: aggregate local dates instead (date overload).
SELECT journey.activity_buckets((ts AT TIME ZONE 'Europe/Paris')::date) FROM (VALUES
  ('2026-03-28 23:30'::timestamptz), ('2026-03-29 00:30'), ('2026-03-31 08:00')) v(ts);             -- {0,1,3}
SET timezone = 'UTC';
SELECT journey.activity_buckets(d, 7) FROM (VALUES ('2026-01-01'::date), ('2026-01-07'), ('2026-01-08')) v(d);  -- {0,1}
SELECT journey.activity_buckets(d, 1, 3) FROM (VALUES ('2026-01-01'::date), ('2026-01-03'), ('2026-01-04')) v(d);  -- {0,2}
-- bigint epochs: the bucket is in the same unit.
SELECT journey.activity_buckets(t, 10) FROM (VALUES (100::bigint), (109), (110), (135)) v(t);       -- {0,1,3}
SELECT journey.activity_buckets(t, 10, 3) FROM (VALUES (100::bigint), (109), (110), (135)) v(t);    -- {0,1}
SELECT journey.activity_buckets(t, 1) FROM (VALUES ('-9223372036854775808'::bigint), (9223372036854775807)) v(t);  -- far apart: {0}
-- NULLs: rows with a NULL argument are skipped; no rows: NULL.
SELECT journey.activity_buckets(ts) FROM (VALUES (NULL::timestamptz), ('2026-01-02 00:00+00'), ('2026-01-03 00:00+00')) v(ts);  -- {0,1}
SELECT journey.activity_buckets(ts, b) FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, NULL::interval), ('2026-01-03 00:00+00', '1 day')) v(ts, b);  -- {0}
SELECT journey.activity_buckets(ts) IS NULL AS is_null FROM (VALUES (NULL::timestamptz)) v(ts);
SELECT journey.activity_buckets(ts) IS NULL AS is_null FROM (VALUES (now())) v(ts) WHERE false;
-- Infinite timestamps are the extremes of the time line.
SELECT journey.activity_buckets(ts) FROM (VALUES ('-infinity'::timestamptz), ('2026-01-01 00:00+00')) v(ts);  -- {0}
SELECT journey.activity_buckets(ts) FROM (VALUES ('infinity'::timestamptz), ('2026-01-01 00:00+00')) v(ts);   -- {0}

-- Errors.
SELECT journey.activity_buckets(now(), '-1 day');                              -- 22023
SELECT journey.activity_buckets(now(), '0');                                   -- 22023
SELECT journey.activity_buckets(now(), '1 day', 0);                            -- 22023
SELECT journey.activity_buckets(1::bigint, 0::bigint);                         -- 22023
SELECT journey.activity_buckets('infinity'::date);                             -- 22008
SELECT journey.activity_buckets(ts, b) FROM (VALUES (now(), '1 day'::interval), (now(), '2 days')) v(ts, b);  -- 22023

-- The cohort chart without a self-join: weekly cohorts of first activity,
-- customers active on day N after their first event.
CREATE TABLE ret_events (customer_id int, ts timestamptz);
INSERT INTO ret_events VALUES
  (1, '2026-01-05 09:00+00'), (1, '2026-01-06 08:00+00'), (1, '2026-01-08 09:30+00'),  -- days 0, 0 (23h), 3
  (2, '2026-01-06 12:00+00'), (2, '2026-01-07 12:00+00'),                              -- days 0, 1
  (3, '2026-01-07 00:00+00'),                                                          -- day 0
  (4, '2026-01-12 10:00+00'), (4, '2026-01-13 10:00+00'), (4, '2026-01-15 10:00+00');  -- next week: 0, 1, 3
SELECT date_trunc('week', first_seen) AS cohort, b AS day, count(*) AS customers
FROM (SELECT customer_id, min(ts) AS first_seen, journey.activity_buckets(ts) AS bs
      FROM ret_events GROUP BY 1) s, unnest(bs) b
GROUP BY 1, 2 ORDER BY 1, 2;
-- week of Jan 5: day 0: 3, day 1: 1, day 3: 1; week of Jan 12: days 0, 1, 3: 1 each

-- Over a stored journey: same buckets as the aggregate on its ret_events.
SELECT journey.activity_buckets('a@2026-01-01 10:00Z > b@2026-01-02 09:00Z > c@2026-01-02 10:00Z > a@2026-02-15 10:00Z'::journey.journey);  -- {0,1}
SELECT journey.activity_buckets('a@2026-01-01 10:00Z > b@2026-01-02 09:00Z > c@2026-01-02 10:00Z > a@2026-02-15 10:00Z'::journey.journey, '1 week', 10);  -- {0,6}
SELECT journey.activity_buckets(''::journey.journey) IS NULL AS empty_is_null;
SELECT journey.activity_buckets('a@2026-01-01 10:00Z'::journey.journey, '0');  -- 22023

-- Random data, with groups large enough to thin the state (> 1024 rows):
-- the aggregate equals a plain SQL formulation, and the journey overloads
-- equal the aggregates on the same ret_events.
CREATE TABLE ret_rand AS
SELECT c AS customer,
       '2026-01-01'::timestamptz + (h % (60 * 24 * 60)) * interval '1 minute' + (h % 997) * interval '1 microsecond' AS ts,
       (ARRAY['web', 'email', 'store', 'app'])[1 + (h / 7) % 4] AS label
FROM (SELECT g % 300 AS c, abs(hashint4(g)) AS h
      FROM generate_series(1, 30000) g
      UNION ALL   -- customer 1000: 5000 ret_events within 40 days
      SELECT 1000, abs(hashint4(g + 999999)) % (60 * 24 * 40) FROM generate_series(1, 5000) g) s;
CREATE TABLE ret_sql AS
SELECT customer, array_agg(DISTINCT b ORDER BY b) AS bs
FROM (SELECT customer, floor(extract(epoch FROM ts - min(ts) OVER (PARTITION BY customer)) / 86400)::int AS b FROM ret_rand) s
WHERE b < 31 GROUP BY customer;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.bs = s.bs) AS equal
FROM (SELECT customer, journey.activity_buckets(ts) AS bs FROM ret_rand GROUP BY customer) a JOIN ret_sql s USING (customer);
SELECT count(*) AS groups, count(*) FILTER (WHERE a.bs = s.bs) AS equal
FROM (SELECT customer, journey.activity_buckets(ts, '6 hours', 100) AS bs FROM ret_rand GROUP BY customer) a
JOIN (SELECT customer, array_agg(DISTINCT b ORDER BY b) AS bs
      FROM (SELECT customer, floor(extract(epoch FROM ts - min(ts) OVER (PARTITION BY customer)) / 21600)::int AS b FROM ret_rand) s
      WHERE b < 100 GROUP BY customer) s USING (customer);
CREATE TABLE ret_rand_j AS SELECT customer, journey.journey_agg(ts, label) AS j FROM ret_rand GROUP BY customer;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE journey.activity_buckets(j) = a.bs) AS buckets_equal,
       count(*) FILTER (WHERE journey.activity_buckets(j, '6 hours', 100) = a.bs6) AS buckets6_equal,
       count(*) FILTER (WHERE journey.retention(j, 'web', 'email', 'nope', 'app') = a.r) AS retention_equal
FROM ret_rand_j JOIN (SELECT customer, journey.activity_buckets(ts) AS bs, journey.activity_buckets(ts, '6 hours', 100) AS bs6,
                     journey.retention(label = 'web', label = 'email', label = 'nope', label = 'app') AS r
              FROM ret_rand GROUP BY customer) a USING (customer);
-- Retention varies across customers (the comparison is not vacuous).
SELECT r, count(*) FROM (SELECT journey.retention(label = 'web', label = 'email', label = 'nope', label = 'app') AS r
                         FROM ret_rand WHERE customer < 300 AND ts < '2026-01-03' GROUP BY customer) s GROUP BY r ORDER BY r;

-- As a window aggregate: the running buckets at a customer's last event are
-- the group's buckets, and buckets only ever get added along the way.
SELECT count(*) AS groups, count(*) FILTER (WHERE w.bs = s.bs) AS equal
FROM (SELECT DISTINCT ON (customer) customer, bs
      FROM (SELECT customer, ts, journey.activity_buckets(ts, '6 hours', 100) OVER (PARTITION BY customer ORDER BY ts) AS bs FROM ret_rand) x
      ORDER BY customer, ts DESC) w
JOIN (SELECT customer, journey.activity_buckets(ts, '6 hours', 100) AS bs FROM ret_rand GROUP BY customer) s USING (customer);
SELECT count(*) AS rows_total, count(*) FILTER (WHERE prev_bs IS NULL OR bs @> prev_bs) AS growing
FROM (SELECT bs, lag(bs) OVER (PARTITION BY customer ORDER BY ts) AS prev_bs
      FROM (SELECT customer, ts, journey.activity_buckets(ts, '6 hours', 100) OVER (PARTITION BY customer ORDER BY ts) AS bs FROM ret_rand) x) y;

-- Parallel plans give the serial answers.
ALTER TABLE ret_rand SET (parallel_workers = 2);
ANALYZE ret_rand;
CREATE TABLE ret_serial AS
SELECT customer, journey.activity_buckets(ts) AS bs,
       journey.retention(label = 'web', label = 'store') AS r FROM ret_rand GROUP BY customer;
CREATE TABLE ret_serial_whole AS
SELECT journey.activity_buckets(ts, '1 hour', 100000) AS bs,
       journey.retention(label = 'web', label = 'store', label = 'nope') AS r FROM ret_rand;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT journey.activity_buckets(ts, '1 hour', 100000), journey.retention(label = 'web', label = 'store', label = 'nope') FROM ret_rand;
SELECT p.bs = s.bs AS buckets_equal, p.r = s.r AS retention_equal, array_length(p.bs, 1) > 1000 AS many_buckets, p.r
FROM (SELECT journey.activity_buckets(ts, '1 hour', 100000) AS bs,
             journey.retention(label = 'web', label = 'store', label = 'nope') AS r FROM ret_rand) p, ret_serial_whole s;
SET enable_hashagg = off;   -- a sorted partial GroupAggregate
EXPLAIN (COSTS OFF)
SELECT customer, journey.activity_buckets(ts), journey.retention(label = 'web', label = 'store') FROM ret_rand GROUP BY customer;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.bs = s.bs AND p.r = s.r) AS equal
FROM ret_serial s
JOIN (SELECT customer, journey.activity_buckets(ts) AS bs, journey.retention(label = 'web', label = 'store') AS r
      FROM ret_rand GROUP BY customer) p USING (customer);
RESET enable_hashagg;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP TABLE ret_visits, ret_events, ret_rand, ret_sql, ret_rand_j, ret_serial, ret_serial_whole;
