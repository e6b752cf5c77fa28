SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET extra_float_digits = 0;
SET TimeZone = 'UTC';

-- ===========================================================================
-- journey.markov_fit: the chain of markov_model as a value
-- ===========================================================================

-- The hand-solved chain of sql/attribution.sql (order 1):
--   start: a 4, b 2, c 2          a: b 1, c 2, (null) 1
--   b: c 2, (conversion) 1        c: (conversion) 3, (null) 3
-- P(conversion) from c = 1/2, b = 2/3, a = 5/12, start = 1/2.
-- Value: mean value per conversion of the paths ending in b = 10, in c = 50/3
-- (the conversions of {b,c}, {a,c}: 20 + 30 over 1 + 2), so
-- V(c) = 1/2 * 50/3 = 25/3, V(b) = 1/3 * 10 + 2/3 * 25/3 = 80/9,
-- V(a) = 1/4 * 80/9 + 2/4 * 25/3 = 20/9 + 25/6 = 115/18,
-- V(start) = 4/8 * 115/18 + 2/8 * 80/9 + 2/8 * 25/3 = 115/36 + 20/9 + 25/12 = 15/2.
CREATE TEMP TABLE p (path text[], conv float8, val float8, nulls float8);
INSERT INTO p VALUES
	('{a,b}', 1, 10, 0),
	('{a}', 0, 0, 1),
	('{b,c}', 1, 20, 1),
	('{c}', 0, 0, 2),
	('{a,c}', 2, 30, 0);
CREATE TEMP TABLE models (name text PRIMARY KEY, m journey.markov);
INSERT INTO models SELECT 'p1', journey.markov_fit(path, conv, val, nulls) FROM p;
SELECT m FROM models WHERE name = 'p1';
SELECT s.path, round(journey.conversion_probability(m, s.path)::numeric, 12) AS p,
	round(journey.expected_value(m, s.path)::numeric, 12) AS v
FROM models, (VALUES ('{}'::text[]), ('{c}'), ('{b}'), ('{a}'), ('{a,b}'), ('{x,y,b}'), ('{b,NULL}'),
	('{nowhere}'), ('{a,nowhere}')) s(path)
WHERE name = 'p1';
-- the journey overload reads the labels of the journey's events
SELECT round(journey.conversion_probability(m, 'x@2026-01-01 00:00:00+00 > b@2026-01-02 00:00:00+00'::journey.journey)::numeric, 12) AS p_b,
	round(journey.expected_value(m, ''::journey.journey)::numeric, 12) AS v_start
FROM models WHERE name = 'p1';
-- the most likely next touches: from start a 1/2, b and c 1/4 (ties by label)
SELECT n.* FROM models, journey.next_touch(m, '{}'::text[]) n WHERE name = 'p1';
SELECT n.* FROM models, journey.next_touch(m, '{a}'::text[], 1) n WHERE name = 'p1';
SELECT n.* FROM models, journey.next_touch(m, 'x@2026-01-01 00:00:00+00 > a@2026-01-02 00:00:00+00'::journey.journey, 5) n WHERE name = 'p1';
SELECT count(*) FROM models, journey.next_touch(m, '{c}'::text[]) n WHERE name = 'p1';
SELECT count(*) FROM models, journey.next_touch(m, '{a}'::text[], 0) n WHERE name = 'p1';
-- removal effects 5/12, 1/2, 3/4 (as in sql/attribution.sql), and the same
-- weights as markov_model
SELECT r.label, round(r.removal_effect::numeric, 12) AS re, round(r.value_removal_effect::numeric, 12) AS value_re
FROM models, journey.removal_effects(m) r WHERE name = 'p1';
SELECT r.label, round((r.removal_effect / sum(r.removal_effect) OVER ())::numeric, 9) AS from_fit,
	round(c.weight::numeric, 9) AS markov_model
FROM models, journey.removal_effects(m) r
JOIN unnest((SELECT journey.markov_model(path, conv, val, nulls) FROM p)) c ON c.label = r.label
WHERE name = 'p1';
SELECT journey.markov_order(m) FROM models WHERE name = 'p1';

-- A cyclic chain.  Paths {a,b,a} 1 conversion, {b} 1 null:
--   start: a 1/2, b 1/2;  a: b 1/2, (conversion) 1/2;  b: a 1/2, (null) 1/2
-- x_a = 1/2 + 1/2 x_b, x_b = 1/2 x_a: x_a = 2/3, x_b = 1/3, start 1/2.
INSERT INTO models SELECT 'cyclic', journey.markov_fit(path, conv, 0, nulls)
FROM (VALUES ('{a,b,a}'::text[], 1, 0), ('{b}', 0, 1)) v(path, conv, nulls);
SELECT s.path, round(journey.conversion_probability(m, s.path)::numeric, 12) AS p
FROM models, (VALUES ('{}'::text[]), ('{a}'), ('{b}'), ('{b,a,b}')) s(path)
WHERE name = 'cyclic';

-- Order 2.  Paths {a,b,a} 1 conversion, {b,a} 1 null, {b,a,b} 1 null:
--   [a] -> [a>b] 1;  [b] -> [b>a] 1;  [a>b]: [b>a] 1/2, (null) 1/2
--   [b>a]: [a>b] 1/3, (conversion) 1/3, (null) 1/3;  start: [a] 1/3, [b] 2/3
-- x_ba = 1/3 + 1/3 x_ab, x_ab = 1/2 x_ba: x_ba = 2/5, x_ab = 1/5,
-- x_a = 1/5, x_b = 2/5, start 1/3 * 1/5 + 2/3 * 2/5 = 1/3.
INSERT INTO models SELECT 'order2', journey.markov_fit(path, conv, 0, nulls, 2)
FROM (VALUES ('{a,b,a}'::text[], 1, 0), ('{b,a}', 0, 1), ('{b,a,b}', 0, 1)) v(path, conv, nulls);
SELECT m FROM models WHERE name = 'order2';
-- unknown states fall back to the longest known suffix ({a,a} is unknown,
-- [a] is known), then to start
SELECT s.path, round(journey.conversion_probability(m, s.path)::numeric, 12) AS p
FROM models, (VALUES ('{}'::text[]), ('{a}'), ('{b}'), ('{a,b}'), ('{b,a}'), ('{x,b,a}'), ('{a,a}'),
	('{b,zz}'), ('{zz}')) s(path)
WHERE name = 'order2';
SELECT n.* FROM models, journey.next_touch(m, '{c,b,a}'::text[]) n WHERE name = 'order2';

-- ===========================================================================
-- markov_fit agrees with markov_model on many random paths, orders 1 to 3
-- ===========================================================================
SELECT setseed(0.25);
CREATE TEMP TABLE rpaths AS
SELECT g AS id, path,
	c AS conv, CASE WHEN c > 0 THEN round((random() * 100)::numeric, 2)::float8 ELSE 0 END AS val,
	(random() < 0.7)::int::float8 AS nulls
FROM (SELECT (random() < 0.3)::int::float8 AS c,  g, array_agg((ARRAY['web','email','sms','store','social','chat','phone','catalog'])[1 + floor(random() * 8)::int]) AS path
	FROM generate_series(1, 3000) g, generate_series(1, 1 + (g % 6)) h GROUP BY g) s;
INSERT INTO rpaths VALUES (0, '{web,never}', 0, 0, 3), (-1, '{never}', 0, 0, 1);
SELECT k, count(*) AS labels,
	count(*) FILTER (WHERE abs(w_fit - c.weight) > 1e-9) AS weight_diffs,
	count(*) FILTER (WHERE abs(wv_fit - c.value / (SELECT sum(val) FROM rpaths)) > 1e-9) AS value_diffs
FROM generate_series(1, 3) k,
	LATERAL (SELECT r.label, r.removal_effect / sum(r.removal_effect) OVER () AS w_fit,
				r.value_removal_effect / sum(r.value_removal_effect) OVER () AS wv_fit
			 FROM journey.removal_effects((SELECT journey.markov_fit(path, conv, val, nulls, k) FROM rpaths)) r) f
	JOIN LATERAL unnest((SELECT journey.markov_model(path, conv, val, nulls, k) FROM rpaths)) c ON c.label = f.label
GROUP BY k ORDER BY k;
-- the probability of the start state is the chain's P; scoring every path
-- by the state it ends in is a lookup
SELECT count(*) FILTER (WHERE journey.conversion_probability(m, path) BETWEEN 0 AND 1) AS in_range,
	count(*) AS paths
FROM rpaths, (SELECT journey.markov_fit(path, conv, val, nulls, 2) AS m FROM rpaths) f;
-- the journey and text[] forms of a path score the same
SELECT count(*) FILTER (WHERE journey.conversion_probability(f.m, j) <> journey.conversion_probability(f.m, path)) AS diffs,
	count(*) AS paths
FROM (SELECT id, path, journey.journey_agg(timestamptz '2026-01-01' + n * interval '1 hour', l) AS j
	  FROM rpaths, unnest(path) WITH ORDINALITY u(l, n) GROUP BY id, path) js,
	(SELECT journey.markov_fit(path, conv, val, nulls, 3) AS m FROM rpaths) f;

-- Forced parallel plan: the same model
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TABLE markov_fit_par AS SELECT * FROM rpaths, generate_series(1, 5) copy;
ANALYZE markov_fit_par;
EXPLAIN (COSTS OFF) SELECT journey.markov_fit(path, conv, val, nulls) FROM markov_fit_par;
-- five copies of every path: the same chain (up to rounding)
SELECT count(*) FILTER (WHERE abs(journey.conversion_probability(a, path) - journey.conversion_probability(b, path)) > 1e-12) AS diffs
FROM rpaths,
	(SELECT journey.markov_fit(path, conv, val, nulls, 2) AS a FROM markov_fit_par) x,
	(SELECT journey.markov_fit(path, conv, val, nulls, 2) AS b FROM rpaths) y;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE markov_fit_par;

-- ===========================================================================
-- Empty and NULL input
-- ===========================================================================
SELECT journey.markov_fit(path, 1, 1, 1) IS NULL AS no_rows FROM (SELECT NULL::text[] AS path WHERE false) s;
SELECT journey.markov_fit(NULL::text[], 1, 1, 1) IS NULL AS null_path;
SELECT journey.markov_fit(ARRAY['a'], 0, 0, 1);
SELECT journey.conversion_probability(NULL, '{a}'::text[]) IS NULL AS strict;

-- ===========================================================================
-- Text and binary I/O
-- ===========================================================================
-- text round trip, exact
SELECT name, m::text::journey.markov::text = m::text AS round_trip FROM models ORDER BY name;
-- binary round trip (COPY BINARY), exact
CREATE TEMP TABLE models2 (name text, m journey.markov);
COPY models TO '/tmp/journey_markov_fit.bin' (FORMAT binary);
COPY models2 FROM PROGRAM 'cat /tmp/journey_markov_fit.bin && rm -f /tmp/journey_markov_fit.bin' (FORMAT binary);
SELECT a.name, a.m::text = b.m::text AS same FROM models a JOIN models2 b USING (name) ORDER BY 1;
SELECT name, journey.markov_send(m) = journey.markov_send(m::text::journey.markov) AS same_send FROM models ORDER BY name;
-- canonical form: any order of states and transitions, quoted labels
SELECT 'order=1; [b] p=1 v=2 c=1 w=2; [] p=0.75 v=1.5 c=0 w=0 -> b:0.25, "a b":0.5; ["a b"] p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=2;[]p=0.5 v=1 c=0 w=0->a:0.5;[a]p=1 v=2 c=0.5 w=1->b:0.5;[a>b]p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=1; [] p=-0 v=-0 c=0 w=-0; ["" ] p=0 v=0 c=0 w=0; ["x\"y\\"] p=0 v=0 c=0 w=0'::journey.markov;
-- invalid text: 22P02
SELECT ''::journey.markov;
SELECT 'order=0; [] p=0 v=0 c=0 w=0'::journey.markov;
SELECT 'order=11; [] p=0 v=0 c=0 w=0'::journey.markov;
SELECT 'order=1'::journey.markov;
SELECT 'order=1; [a] p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=1; [] p=0.5 v=1 c=0 w=0 -> a:0.5, a:0.25; [a] p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=1; [] p=0.5 v=1 c=0.75 w=0 -> a:0.5; [a] p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=1; [] p=0.5 v=1 c=0 w=0 -> b:0.5; [a] p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=1; [] p=0.5 v=1 c=0 w=0 -> a:0; [a] p=1 v=2 c=1 w=2'::journey.markov;
SELECT 'order=1; [] p=0.5 v=1 c=0 w=0; [a] p=1 v=2 c=1 w=2 -> a:0.5'::journey.markov;
SELECT 'order=1; [] p=0 v=0 c=0 w=0; [] p=0 v=0 c=0 w=0'::journey.markov;
SELECT 'order=1; [] p=1.5 v=0 c=0 w=0'::journey.markov;
SELECT 'order=1; [] p=NaN v=0 c=0 w=0'::journey.markov;
SELECT 'order=1; [] p=0 v=Infinity c=0 w=0'::journey.markov;
SELECT 'order=1; [a > b] p=0 v=0 c=0 w=0; [] p=0 v=0 c=0 w=0'::journey.markov;
SELECT 'order=1; [] p=0 v=0 c=0 w=0 x'::journey.markov;
SELECT 'order=1; ["a] p=0 v=0 c=0 w=0'::journey.markov;
SELECT 'order=1; [] p=zero v=0 c=0 w=0'::journey.markov;
-- invalid binary input (22P03) is tested in test/pgtap/markov_fit.sql
-- a model is data: stored in a table, it scores rows of another
SELECT round(avg(journey.conversion_probability(models.m, rpaths.path))::numeric, 6) > 0 AS scored
FROM rpaths JOIN models ON models.name = 'p1';
