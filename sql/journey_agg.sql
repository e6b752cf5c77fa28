--
-- journey_agg: building journeys from event rows.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
SET search_path = public, journey;   -- for the = operator on journeys

CREATE TABLE ev (customer int, ts timestamptz, label text, value float8);
INSERT INTO ev VALUES
  (1, '2026-01-03 10:00+00', 'web', NULL),
  (1, '2026-01-01 09:00+00', 'social', NULL),
  (1, '2026-01-05 16:30+00', 'store', 129.9),
  (1, '2026-01-05 16:30+00', 'email', NULL),       -- same time: label order
  (2, '2026-02-01 00:00+00', 'email', NULL),
  (2, NULL, 'web', NULL),                          -- NULL ts: skipped
  (2, '2026-02-02 00:00+00', NULL, 5),             -- NULL label: skipped
  (2, '2026-02-01 00:00+00', 'email', NULL),       -- duplicates are kept
  (3, NULL, NULL, NULL);                           -- nothing usable: NULL

-- Rows come in any order; the journey is in canonical order.
SELECT customer, journey.journey_agg(ts, label) FROM ev GROUP BY customer ORDER BY customer;
SELECT customer, journey.journey_agg(ts, label, value) FROM ev GROUP BY customer ORDER BY customer;
-- No rows at all: NULL, like array_agg.
SELECT journey.journey_agg(ts, label) IS NULL AS is_null FROM ev WHERE false;
-- Input order does not matter.
SELECT (SELECT journey.journey_agg(ts, label, value) FROM (SELECT * FROM ev ORDER BY ts DESC, label DESC) s WHERE customer = 1)
     = (SELECT journey.journey_agg(ts, label, value) FROM (SELECT * FROM ev ORDER BY ts, label) s WHERE customer = 1) AS order_independent;

-- As a window aggregate (running journey).
SELECT customer, ts, journey.journey_agg(ts, label) OVER (PARTITION BY customer ORDER BY ts, label)
FROM ev WHERE customer = 1 ORDER BY ts, label;

-- Many labels (the builder switches from linear search to hashing): the
-- text form equals the same journey spelled out by plain SQL.
SELECT journey.journey_agg(t, l)::text
       = string_agg(l || '@' || to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00', ' > ' ORDER BY t)
       AS same_as_sql
FROM (SELECT '2026-01-01'::timestamptz + g * interval '1 minute' AS t, 'l' || (g * 37 % 100) AS l
      FROM generate_series(1, 1000) g ORDER BY g * 7 % 1000) s;

-- Timestamps a journey cannot hold: 22008.
SELECT journey.journey_agg(ts, 'x') FROM (VALUES ('infinity'::timestamptz)) v(ts);
SELECT journey.journey_agg(ts, 'x') FROM (VALUES ('0044-03-15 BC'::timestamptz)) v(ts);
-- A label over the limit: 54000.
SELECT journey.journey_agg(now(), repeat('x', 1001));

-- Parallel plans: partial aggregation with serialized states gives the same
-- journeys as a serial plan.
CREATE TABLE pev AS
SELECT (g % 500) AS customer,
       '2026-01-01'::timestamptz + ((g * 7919) % 100000) * interval '1 minute' AS ts,
       (ARRAY['web','email','store','chat','sms','phone','social','catalog','app','ads','search','tv'])[1 + (g * 31) % 12] AS label,
       CASE WHEN g % 7 = 0 THEN (g % 100)::float8 END AS value
FROM generate_series(1, 50000) g;
ALTER TABLE pev SET (parallel_workers = 2);
ANALYZE pev;
CREATE TABLE serial_result AS
SELECT customer, journey.journey_agg(ts, label, value) AS j FROM pev GROUP BY customer;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT customer, journey.journey_agg(ts, label, value) FROM pev GROUP BY customer;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE s.j = p.j) AS equal
FROM serial_result s
JOIN (SELECT customer, journey.journey_agg(ts, label, value) AS j FROM pev GROUP BY customer) p USING (customer);
-- One group over the whole table: states of both workers combined.
EXPLAIN (COSTS OFF) SELECT journey.journey_agg(ts, label) FROM pev;
SELECT journey.journey_agg(ts, label) = (SELECT journey.journey_agg(ts, label) FROM (SELECT * FROM pev ORDER BY ts) s) AS equal_whole
FROM pev;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

RESET search_path;
DROP TABLE ev, pev, serial_result;
