--
-- Sessions by inactivity gap: session_number, session_count, sessions,
-- split_sessions.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';

CREATE TABLE sess_ev (customer int, ts timestamptz, label text);
INSERT INTO sess_ev VALUES
  (1, '2026-01-01 10:00:00+00', 'web'),         -- session 1
  (1, '2026-01-01 10:30:00+00', 'email'),       -- exactly 30 min later: same session
  (1, '2026-01-01 10:30:00+00', 'app'),         -- equal time: same session
  (1, '2026-01-01 11:00:00.000001+00', 'web'),  -- 30 min + 1 µs: session 2
  (1, NULL, 'store'),                           -- NULL ts: NULL, ignored
  (1, '2026-01-01 11:20:00+00', 'store'),       -- 20 min after the previous event: session 2
  (1, '2026-01-02 09:00:00+00', 'web'),         -- next day: session 3
  (2, '2026-01-01 10:00:00+00', 'web'),         -- another partition starts over: 1
  (2, '2026-01-01 10:31:00+00', 'web'),         -- 31 min: 2
  (3, NULL, 'web');                             -- only NULL: no session

SELECT customer, ts, label,
       journey.session_number(ts, '30 minutes') OVER (PARTITION BY customer ORDER BY ts, label) AS s
FROM sess_ev ORDER BY customer, ts, label;
-- customer 1: 1 1 1 2 2 3 NULL; customer 2: 1 2; customer 3: NULL

-- The aggregate counts the same sessions (NULL ts skipped; no usable row: 0).
SELECT customer, journey.session_count(ts, '30 minutes') FROM sess_ev GROUP BY customer ORDER BY customer;
-- 1: 3, 2: 2, 3: 0
SELECT journey.session_count(ts, '30 minutes') FROM sess_ev WHERE false;   -- 0

-- Gap 0: every distinct instant is a session; equal times share one.
SELECT ts, journey.session_number(ts, '0') OVER (ORDER BY ts) FROM sess_ev WHERE customer = 1 AND ts IS NOT NULL ORDER BY ts, label;
-- 1 2 2 3 4 5
-- A gap with months counts 30 days per month: 29 days later is the same
-- session, 31 days later a new one.
SELECT journey.session_count(ts, '1 month') FROM (VALUES ('2026-01-01'::timestamptz), ('2026-01-30'), ('2026-03-02')) v(ts);  -- 2
-- The frame clause does not matter (like row_number).
SELECT ts, journey.session_number(ts, '30 minutes') OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS s
FROM sess_ev WHERE customer = 2 ORDER BY ts;   -- 1 2
-- Several session_number calls with different gaps in one query.
SELECT ts, journey.session_number(ts, '30 minutes') OVER w AS s30, journey.session_number(ts, '1 day') OVER w AS s1d
FROM sess_ev WHERE customer = 1 AND ts IS NOT NULL WINDOW w AS (ORDER BY ts, label) ORDER BY ts, label;
-- s30: 1 1 1 2 2 3; s1d: 1 1 1 1 1 1
-- Not ordered by ts: a time earlier than the latest one seen starts no
-- session, and the gap is measured from the latest time seen.
SELECT ts, journey.session_number(ts, '30 minutes') OVER (ORDER BY ts DESC) AS s
FROM sess_ev WHERE customer = 1 AND ts IS NOT NULL ORDER BY ts DESC, label;
-- all 1
SELECT t, journey.session_number(t, '30 minutes') OVER (ORDER BY o) AS s
FROM (VALUES (1, '2026-01-01 10:00+00'::timestamptz), (2, '2026-01-01 12:00+00'), (3, '2026-01-01 10:10+00'),
             (4, '2026-01-01 12:20+00'), (5, '2026-01-01 13:00+00')) v(o, t) ORDER BY o;
-- 1, 2, 2 (earlier: no new session), 2 (20 min after 12:00), 3 (40 min after 12:20)
-- NULL gap: NULL and skipped, like a NULL ts.
SELECT t, journey.session_number(t, g) OVER (ORDER BY t) AS s
FROM (VALUES ('2026-01-01 10:00+00'::timestamptz, '1 hour'::interval), ('2026-01-01 12:00+00', NULL), ('2026-01-01 13:30+00', '1 hour')) v(t, g) ORDER BY t;
-- 1, NULL, 2 (3.5 h after 10:00)
-- Infinite timestamps are the extremes of the time line.
SELECT t, journey.session_number(t, '1 day') OVER (ORDER BY t) AS s
FROM (VALUES ('-infinity'::timestamptz), ('2026-01-01'), ('infinity'), ('infinity')) v(t) ORDER BY t;
-- 1 2 3 3

-- bigint epochs: the gap is in the same unit.
SELECT t, journey.session_number(t, 10::bigint) OVER (ORDER BY t) AS s
FROM (VALUES (100::bigint), (110), (121), (121), (NULL), (200)) v(t) ORDER BY t;
-- 1 1 2 2 3 NULL
SELECT journey.session_count(t, 10::bigint) FROM (VALUES (100::bigint), (110), (121), (121), (NULL), (200)) v(t);  -- 3
SELECT journey.session_count(t, 0::bigint) FROM (VALUES ('-9223372036854775808'::bigint), (9223372036854775807), (0)) v(t);  -- 3
SELECT t, journey.session_number(t, 9223372036854775807) OVER (ORDER BY t) AS s
FROM (VALUES ('-9223372036854775808'::bigint), (9223372036854775807)) v(t) ORDER BY t;   -- 1 2: the difference, 2^64 - 1, exceeds the gap (no overflow)

-- Errors (22023).
SELECT journey.session_number(ts, '-1 minute') OVER (ORDER BY ts) FROM sess_ev;
SELECT journey.session_number(t, -1::bigint) OVER (ORDER BY t) FROM (VALUES (1::bigint)) v(t);
SELECT journey.session_count(ts, '-1 minute') FROM sess_ev;
SELECT journey.session_count(t, -1::bigint) FROM (VALUES (1::bigint)) v(t);
SELECT journey.session_number(t, g) OVER (ORDER BY t) FROM (VALUES (1::bigint, 1::bigint), (2, 2)) v(t, g);
SELECT journey.session_count(t, g) FROM (VALUES (1::bigint, 1::bigint), (2, 2)) v(t, g);
SELECT journey.session_count('a@2026-01-01 00:00Z'::journey.journey, '-1 day');

-- Over stored journeys.
CREATE TABLE sess_j AS SELECT customer, journey.journey_agg(ts, label) AS j FROM sess_ev GROUP BY customer;
SELECT customer, j, journey.session_count(j, '30 minutes') FROM sess_j ORDER BY customer;
-- 1: 3, 2: 2, 3: NULL journey -> NULL
SELECT customer, s.* FROM sess_j, journey.sessions(j, '30 minutes') s ORDER BY customer, session;
SELECT customer, s FROM sess_j, journey.split_sessions(j, '30 minutes') s ORDER BY customer, s;
SELECT journey.session_count(''::journey.journey, '1 hour');                 -- 0
SELECT count(*) FROM journey.sessions(''::journey.journey, '1 hour');         -- 0
SELECT count(*) FROM journey.split_sessions(''::journey.journey, '1 hour');   -- 0
-- Values travel with their events; the label dictionary keeps only used labels.
SELECT journey.split_sessions('a@2026-01-01 10:00Z=1 > b@2026-01-01 10:10Z > "x y"@2026-01-01 18:00Z=2.5 > a@2026-01-01 18:01Z'::journey.journey, '1 hour');
-- Equal bytes to the same events written directly (journeys are canonical).
SELECT array_agg(s OPERATOR(journey.=) e ORDER BY n) AS canonical
FROM journey.split_sessions('a@2026-01-01 10:00Z=1 > b@2026-01-01 10:10Z > "x y"@2026-01-01 18:00Z=2.5 > a@2026-01-01 18:01Z'::journey.journey, '1 hour')
     WITH ORDINALITY p(s, n)
JOIN (VALUES (1, 'a@2026-01-01 10:00Z=1 > b@2026-01-01 10:10Z'::journey.journey),
             (2, '"x y"@2026-01-01 18:00Z=2.5 > a@2026-01-01 18:01Z')) v(n, e) USING (n);   -- {t,t}

-- Random data: session_count = max(session_number) per customer, with
-- groups large enough to thin the aggregate's state (> 1024 rows), and the
-- journey functions agree with the row-level ones.
CREATE TABLE sess_rand AS
SELECT c AS customer,
       '2026-01-01'::timestamptz + (h % (60 * 24 * 30)) * interval '1 minute' + (h % 3) * interval '20 minutes' AS ts,
       (ARRAY['web', 'email', 'store', 'app'])[1 + (h / 7) % 4] AS label
FROM (SELECT g % 400 AS c, abs(hashint4(g)) AS h FROM generate_series(1, 40000) g
      UNION ALL   -- customer 1000: 20000 events within 30 days
      SELECT 1000, abs(hashint4(g + 777777)) FROM generate_series(1, 20000) g) s;
CREATE TABLE sess_rows AS
SELECT customer, max(s) AS sessions, count(*) AS events
FROM (SELECT customer, journey.session_number(ts, '6 hours') OVER (PARTITION BY customer ORDER BY ts) AS s FROM sess_rand) x
GROUP BY customer;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE a.n = r.sessions) AS equal,
       min(r.sessions) AS min_sessions, max(r.sessions) AS max_sessions
FROM (SELECT customer, journey.session_count(ts, '6 hours') AS n FROM sess_rand GROUP BY customer) a JOIN sess_rows r USING (customer);
-- Reference formulation with lag(): a session starts where the previous
-- event is more than 6 hours back.
SELECT count(*) AS groups, count(*) FILTER (WHERE a.n = r.n) AS equal
FROM (SELECT customer, journey.session_count(ts, '6 hours') AS n FROM sess_rand GROUP BY customer) a
JOIN (SELECT customer, count(*) FILTER (WHERE prev IS NULL OR ts - prev > interval '6 hours') AS n
      FROM (SELECT customer, ts, lag(ts) OVER (PARTITION BY customer ORDER BY ts) AS prev FROM sess_rand) x
      GROUP BY customer) r USING (customer);
CREATE TABLE sess_rand_j AS SELECT customer, journey.journey_agg(ts, label) AS j FROM sess_rand GROUP BY customer;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE journey.session_count(j, '6 hours') = r.sessions) AS count_equal,
       count(*) FILTER (WHERE (SELECT count(*) FROM journey.sessions(j, '6 hours')) = r.sessions) AS rows_equal,
       count(*) FILTER (WHERE (SELECT sum(events) FROM journey.sessions(j, '6 hours')) = r.events) AS events_equal,
       count(*) FILTER (WHERE (SELECT count(*) FROM journey.split_sessions(j, '6 hours')) = r.sessions) AS split_equal
FROM sess_rand_j JOIN sess_rows r USING (customer);
-- Each session of the journey has the first and last time, the number of
-- events and the labels (in journey order) of the row-level session.
SELECT count(*) AS sessions,
       count(*) FILTER (WHERE s.started = r.started AND s.ended = r.ended AND s.events = r.events AND s.path = r.path) AS equal
FROM (SELECT customer, x.* FROM sess_rand_j, journey.sessions(j, '6 hours') x) s
FULL JOIN (SELECT customer, sn AS session, min(ts) AS started, max(ts) AS ended, count(*) AS events,
                  string_agg(label, ' > ' ORDER BY ts, label COLLATE "C") AS path
           FROM (SELECT customer, ts, label, journey.session_number(ts, '6 hours') OVER (PARTITION BY customer ORDER BY ts) AS sn FROM sess_rand) x
           GROUP BY customer, sn) r USING (customer, session);
-- split_sessions returns the sessions in order, each a journey that is one
-- session with the same times, events and labels.
SELECT count(*) AS sessions,
       count(*) FILTER (WHERE (SELECT count(*) FROM journey.sessions(p.part, '6 hours')) = 1
                          AND (SELECT row(1, x.started, x.ended, x.events, x.path) FROM journey.sessions(p.part, '6 hours') x)
                              = row(1, s.started, s.ended, s.events, s.path)) AS equal
FROM sess_rand_j, journey.split_sessions(j, '6 hours') WITH ORDINALITY p(part, n)
JOIN journey.sessions(j, '6 hours') s ON s.session = p.n;

-- As a window aggregate, the running session count is the session number
-- (the final function may run on a state that keeps growing afterwards).
SELECT count(*) AS events_total,
       count(*) FILTER (WHERE running = num) AS equal
FROM (SELECT journey.session_count(ts, '6 hours') OVER w AS running,
             journey.session_number(ts, '6 hours') OVER w AS num
      FROM sess_rand WINDOW w AS (PARTITION BY customer ORDER BY ts)) x;

-- Parallel plans give the serial answers.
ALTER TABLE sess_rand SET (parallel_workers = 2);
ANALYZE sess_rand;
CREATE TABLE sess_serial_whole AS SELECT journey.session_count(ts, '1 minute') AS n FROM sess_rand;
CREATE TABLE sess_serial AS SELECT customer, journey.session_count(ts, '2 hours') AS n FROM sess_rand GROUP BY customer;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT journey.session_count(ts, '1 minute') FROM sess_rand;
SELECT p.n = s.n AS equal, p.n > 10000 AS many FROM (SELECT journey.session_count(ts, '1 minute') AS n FROM sess_rand) p, sess_serial_whole s;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT customer, journey.session_count(ts, '2 hours') FROM sess_rand GROUP BY customer;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.n = s.n) AS equal
FROM sess_serial s JOIN (SELECT customer, journey.session_count(ts, '2 hours') AS n FROM sess_rand GROUP BY customer) p USING (customer);
RESET enable_hashagg;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP TABLE sess_ev, sess_j, sess_rand, sess_rows, sess_rand_j, sess_serial_whole, sess_serial;
