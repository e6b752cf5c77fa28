-- Funnel correlation: funnel_correlation_agg + funnel_correlation.
-- Every figure below is checked by hand in the comments: 2x2 tables built
-- by construction, odds ratios, Woolf intervals, Fisher and chi-square p.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET extra_float_digits = 0;

-- Funnel visit > cart > purchase (7 days); step 2: of the 80 customers who
-- reached the cart, 1..40 bought, 41..80 did not; 81..85 only visited.
CREATE TABLE corr_events (customer int, ts timestamptz, label text);
INSERT INTO corr_events
SELECT c, timestamptz '2026-01-01 10:00+00', 'visit' FROM generate_series(1, 85) c
UNION ALL SELECT c, '2026-01-01 11:00+00', 'cart' FROM generate_series(1, 80) c
UNION ALL SELECT c, '2026-01-02 10:00+00', 'purchase' FROM generate_series(1, 40) c
-- coupon: 30 of the 40 buyers, 10 of the 40 who dropped (and 81..85, who
-- never reached the cart and do not count): odds ratio (30*30)/(10*10) = 9
UNION ALL SELECT c, '2026-01-01 10:30+00', 'coupon' FROM generate_series(1, 30) c
UNION ALL SELECT c, '2026-01-01 10:30+00', 'coupon' FROM generate_series(41, 50) c
UNION ALL SELECT c, '2026-01-01 10:30+00', 'coupon' FROM generate_series(81, 85) c
UNION ALL SELECT 4, '2026-01-01 10:40+00', 'coupon'	-- twice: still one customer
-- newsletter: 20 and 20, odds ratio 1
UNION ALL SELECT c, '2026-01-01 10:15+00', 'newsletter' FROM generate_series(1, 20) c
UNION ALL SELECT c, '2026-01-01 10:15+00', 'newsletter' FROM generate_series(41, 60) c
-- support_call: only 6 who dropped (an empty cell: Haldane, Fisher)
UNION ALL SELECT c, '2026-01-01 12:00+00', 'support_call' FROM generate_series(61, 66) c
-- the observation period: before the purchase for buyers, up to visit + 7
-- days (inclusive) for the others
UNION ALL SELECT 1, '2026-01-03 10:00+00', 'late'	-- after the purchase: no
UNION ALL SELECT 41, '2026-01-08 10:00+00', 'late'	-- exactly visit + 7 days: yes
UNION ALL SELECT 42, '2026-01-08 10:00:01+00', 'late'	-- one second later: no
UNION ALL SELECT 2, '2026-01-02 10:00+00', 'same_time'	-- at the purchase: no
UNION ALL SELECT 43, '2026-01-01 12:00+00', 'same_time'
UNION ALL SELECT 3, '2025-12-25 10:00+00', 'early';	-- before the visit: yes
CREATE TABLE corr_journeys AS
SELECT customer, journey.journey_agg(ts, label) AS j FROM corr_events GROUP BY customer;
INSERT INTO corr_journeys VALUES (86, NULL);	-- a NULL journey is skipped

-- coupon: a=30 b=10 c=10 d=30, expected counts 20: chi-square
-- 80*(900-100)^2/40^4 = 20, p = erfc(sqrt(10)) = 7.744216431e-06;
-- Woolf: exp(ln 9 -+ 1.96*sqrt(1/30+1/10+1/10+1/30)) = 3.2710254, 24.7628768.
-- newsletter: chi-square 0, p = 1.
-- support_call: 0/6 vs 40/34, smallest expected 6*40/80 = 3 < 5: Fisher,
-- p = 111/4345 = 0.0255466053 (exact, by enumerating the 7 tables);
-- Haldane: OR = 0.5*34.5/(6.5*40.5) = 0.0655270655.
-- late, same_time (0/1) and early (1/0): Fisher p = 1.
SELECT label, converted, dropped, round(odds_ratio::numeric, 7) AS odds_ratio,
	   round(ci_low::numeric, 7) AS ci_low, round(ci_high::numeric, 7) AS ci_high,
	   ltrim(to_char(p_value, '9.999999999EEEE')) AS p_value
FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2)
	 FROM corr_journeys));

-- The classic tea-tasting table 3/1/1/3 (funnel a > b, step 1): Fisher's
-- two-sided p = 34/70 = 0.4857142857; OR 9, Woolf interval
-- exp(ln 9 -+ 1.96*sqrt(8/3)) = 0.3666369, 220.9270069.
SELECT label, converted, dropped, round(odds_ratio::numeric, 7) AS odds_ratio,
	   round(ci_low::numeric, 7) AS ci_low, round(ci_high::numeric, 7) AS ci_high,
	   ltrim(to_char(p_value, '9.999999999EEEE')) AS p_value
FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '1 hour', ARRAY['a', 'b'], 1)
	 FROM (SELECT c, journey.journey_agg(ts, l) AS j
		   FROM (VALUES (1, 'a', 0), (1, 'milk_first', 1), (1, 'b', 2),
						(2, 'a', 0), (2, 'milk_first', 1), (2, 'b', 2),
						(3, 'a', 0), (3, 'milk_first', 1), (3, 'b', 2),
						(4, 'a', 0), (4, 'b', 2),
						(5, 'a', 0), (5, 'milk_first', 1),
						(6, 'a', 0), (7, 'a', 0), (8, 'a', 0))
				AS e(c, l, m),
				LATERAL (SELECT '2026-01-01 00:00+00'::timestamptz + m * interval '1 minute') AS t(ts)
		   GROUP BY c) per_customer));

-- The attribute form: one value per customer.  pro: 30 buyers, 10 who
-- dropped (OR 9, as coupon); free: 10 and 29 (OR 10*11/(29*30) =
-- 0.1264368, chi-square 18.0613, p = 2.13906607e-05); customer 80 has no
-- plan and counts in the totals only.
SELECT label, converted, dropped, round(odds_ratio::numeric, 7) AS odds_ratio,
	   round(ci_low::numeric, 7) AS ci_low, round(ci_high::numeric, 7) AS ci_high,
	   ltrim(to_char(p_value, '9.999999999EEEE')) AS p_value
FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2,
			CASE WHEN customer <= 30 OR customer BETWEEN 41 AND 50 THEN 'pro'
				 WHEN customer = 80 THEN NULL ELSE 'free' END)
	 FROM corr_journeys));

-- Over raw events: build the journeys first (two levels), here per segment
-- with LATERAL; segment odd/even splits the coupon table in two.
SELECT segment, c.label, c.converted, c.dropped
FROM (SELECT customer % 2 AS segment,
			 journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2) AS s
	  FROM (SELECT customer, journey.journey_agg(ts, label) AS j FROM corr_events GROUP BY customer) per_customer
	  GROUP BY 1) x,
	 LATERAL journey.funnel_correlation(x.s) c
WHERE c.label IN ('coupon', 'support_call')
ORDER BY segment, c.label;

-- Nobody reached the step: no rows; over no rows the aggregate is NULL.
SELECT count(*) FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['nope', 'cart'], 1) FROM corr_journeys));
SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart'], 1) IS NULL AS is_null
FROM corr_journeys WHERE false;

-- Parallel: 100 copies of the customers, a forced parallel plan, the same
-- rows (counts times 100, so OR and intervals shrink accordingly).
CREATE TABLE corr_big AS SELECT g, j FROM corr_journeys, generate_series(1, 100) g;
ANALYZE corr_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2) FROM corr_big;
CREATE TEMP TABLE corr_par AS
SELECT * FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2) FROM corr_big));
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE corr_ser AS
SELECT * FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2) FROM corr_big));
RESET max_parallel_workers_per_gather;
SELECT (SELECT count(*) FROM corr_par) AS n,
	   (SELECT count(*) FROM (SELECT * FROM corr_par EXCEPT SELECT * FROM corr_ser) d) AS differ;
SELECT label, converted, dropped, round(odds_ratio::numeric, 7) AS odds_ratio
FROM corr_par WHERE label IN ('coupon', 'newsletter');

-- The result of the aggregate round-trips as bytea (e.g. stored in a table).
SELECT count(*) FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart', 'purchase'], 2)::text::bytea
	 FROM corr_journeys));

-- Random cross-check against the definition written in plain SQL (which
-- touches count: before step k+1 for converters, up to step 1 + window for
-- the others, step labels excluded, once per customer): 2000 customers,
-- labels a..h at random times over 6 hours, funnel a > b > c in 2 hours.
SELECT setseed(0.15);
CREATE TEMP TABLE corr_rand AS
SELECT c, journey.journey_agg(ts, l) AS j
FROM (SELECT c, timestamptz '2026-01-01 00:00+00' + (random() * 6 * 3600)::int * interval '1 second' AS ts,
			 (ARRAY['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])[1 + floor(random() * 8)::int] AS l
	  FROM generate_series(1, 2000) c, generate_series(1, 12)) e
GROUP BY c;
CREATE TEMP TABLE corr_rand_sql AS
WITH f AS (SELECT c, j, journey.funnel_times(j, interval '2 hours', ARRAY['a', 'b', 'c']) AS t FROM corr_rand),
	 reached AS (SELECT c, j, t, cardinality(t) >= 3 AS conv FROM f WHERE cardinality(t) >= 2),
	 touched AS (SELECT DISTINCT r.c, r.conv, e.label
				 FROM reached r, journey.unnest(r.j) e
				 WHERE e.label NOT IN ('a', 'b', 'c')
				   AND CASE WHEN r.conv THEN e.ts < r.t[3] ELSE e.ts <= r.t[1] + interval '2 hours' END)
SELECT label, count(*) FILTER (WHERE conv) AS converted, count(*) FILTER (WHERE NOT conv) AS dropped
FROM touched GROUP BY label;
CREATE TEMP TABLE corr_rand_c AS
SELECT label, converted, dropped FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '2 hours', ARRAY['a', 'b', 'c'], 2) FROM corr_rand));
SELECT (SELECT count(*) FROM corr_rand_c) AS labels,
	   (SELECT min(converted) > 50 AND min(dropped) > 50 FROM corr_rand_c) AS both_sides_populated,
	   (SELECT count(*) FROM ((TABLE corr_rand_sql EXCEPT TABLE corr_rand_c)
							  UNION ALL (TABLE corr_rand_c EXCEPT TABLE corr_rand_sql)) d) AS differ;

-- Errors (SQLSTATEs in test/pgtap/correlation.sql)
\set VERBOSITY terse
SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit', 'cart'], 2) FROM corr_journeys;
SELECT journey.funnel_correlation_agg(j, interval '7 days', ARRAY['visit'], 1) FROM corr_journeys;
SELECT * FROM journey.funnel_correlation('\x02'::bytea);

DROP TABLE corr_events, corr_journeys, corr_big;
