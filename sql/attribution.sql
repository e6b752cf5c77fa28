SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET extra_float_digits = 0;
SET TimeZone = 'UTC';

-- ===========================================================================
-- Heuristic models, one converted path at a time: journey.attribute()
-- ===========================================================================

-- Path web > email > store > direct (4 touches).
-- first_touch: web 1.  last_touch: direct 1.
-- last_non_direct: the last touch not in '{direct}' is store: store 1.
-- linear: 1/4 each.
-- position_based 40/20/40: web .4, direct .4, email and store share .2: .1 each.
SELECT m, (SELECT string_agg(label || '=' || round(credit::numeric, 6), ' ' ORDER BY label)
		   FROM journey.attribute(ARRAY['web', 'email', 'store', 'direct'], m))
FROM unnest(ARRAY['first_touch', 'last_touch', 'last_non_direct', 'linear', 'position_based']) m;

-- A label repeated in a path is credited for each occurrence, and reported
-- once: linear over a > b > a > c gives a 2/4, b 1/4, c 1/4 (order of first
-- appearance).
SELECT * FROM journey.attribute(ARRAY['a', 'b', 'a', 'c'], 'linear');

-- Position based with one touch: 100%; with two: the middle's 20% goes to
-- first and last in proportion to their 40/40: 50/50.
SELECT * FROM journey.attribute(ARRAY['web'], 'position_based');
SELECT * FROM journey.attribute(ARRAY['web', 'email'], 'position_based');
-- Custom position weights 30/40/30; two touches: 30/30 -> 50/50 as well,
-- three touches: 30/40/30.
SELECT * FROM journey.attribute(ARRAY['web', 'email'], 'position_based', weights => '{0.3,0.4,0.3}');
SELECT * FROM journey.attribute(ARRAY['web', 'email', 'sms'], 'position_based', weights => '{0.3,0.4,0.3}');
-- Uneven first/last weights 0.6/0.2/0.2 on two touches: 0.6/0.8 = .75 and
-- 0.2/0.8 = .25.
SELECT * FROM journey.attribute(ARRAY['web', 'email'], 'position_based', weights => '{0.6,0.2,0.2}');

-- last_non_direct falls back to the last touch when every touch is direct,
-- and takes the list of direct labels as an argument.
SELECT * FROM journey.attribute(ARRAY['direct', 'direct'], 'last_non_direct');
SELECT * FROM journey.attribute(ARRAY['web', 'brand_search', 'direct'], 'last_non_direct',
	direct => ARRAY['direct', 'brand_search']);

-- W-shaped 30/30/30/10 around the milestone 'lead':
-- web > email > lead > sms > store: web .3, lead .3, store .3, email and sms
-- share .1: .05 each.
SELECT * FROM journey.attribute(ARRAY['web', 'email', 'lead', 'sms', 'store'], 'w_shaped', milestone => 'lead');
-- Without a middle touch labelled 'lead' the milestone's 30% is shared by
-- the others in proportion: web .3/.7, store .3/.7, email and sms .05/.7.
SELECT label, round(credit::numeric, 6) FROM journey.attribute(ARRAY['web', 'email', 'sms', 'store'], 'w_shaped', milestone => 'lead');
-- Only the first occurrence in the middle is the milestone; the first and
-- last touches never are: lead > lead > x > lead gives the first lead .3
-- (first), the second .3 (milestone), x .1, the last lead .3: lead .9, x .1.
SELECT label, round(credit::numeric, 6) FROM journey.attribute(ARRAY['lead', 'lead', 'x', 'lead'], 'w_shaped', milestone => 'lead');

-- Custom weights by position, normalised; touches beyond the array get its
-- last weight: weights {3,1} on a > b > c > d: 3,1,1,1 -> .5, 1/6 each.
SELECT label, round(credit::numeric, 6) FROM journey.attribute(ARRAY['a', 'b', 'c', 'd'], 'custom', weights => '{3,1}');

-- NULL elements of a text[] path are skipped; a NULL path gives no rows.
SELECT * FROM journey.attribute(ARRAY['a', NULL, 'b'], 'linear');
SELECT count(*) FROM journey.attribute(NULL::text[], 'linear');
-- The conversion label cuts the path: touches before its first occurrence.
SELECT * FROM journey.attribute(ARRAY['a', 'b', 'buy', 'c'], 'linear', conversion_label => 'buy');
-- A path that never converts has no credits.
SELECT count(*) FROM journey.attribute(ARRAY['a', 'b'], 'linear', conversion_label => 'buy');
SELECT count(*) FROM journey.attribute(ARRAY[]::text[], 'linear');

-- Journeys: the conversion is the last event by default, or the first event
-- with conversion_label (not itself a touch), or conversion_time (touches at
-- or before it).
CREATE TEMP TABLE j AS SELECT journey.journey 'web@2026-01-01 00:00:00+00 > email@2026-01-08 00:00:00+00 > buy@2026-01-15 00:00:00+00 > sms@2026-01-16 00:00:00+00' AS j;
SELECT a.* FROM j, journey.attribute(j, 'linear') a;
SELECT a.* FROM j, journey.attribute(j, 'linear', conversion_label => 'buy') a;
SELECT a.* FROM j, journey.attribute(j, 'last_touch', conversion_time => '2026-01-08 00:00:00+00') a;
SELECT a.* FROM j, journey.attribute(j, 'first_touch', conversion_time => '2026-01-07 23:59:59+00') a;
-- Lookback: only touches at most 7 days before the conversion (inclusive):
-- email (exactly 7 days before buy) is in, web (14 days) is out.
SELECT a.* FROM j, journey.attribute(j, 'linear', conversion_label => 'buy', lookback => '7 days') a;
SELECT a.* FROM j, journey.attribute(j, 'linear', conversion_label => 'buy', lookback => '6 days 23:59:59') a;
-- Time decay, half-life 7 days, conversion at buy: web is 14 days old
-- (weight 1/4), email 7 days (1/2): web 1/3, email 2/3.
SELECT label, round(credit::numeric, 6) FROM j, journey.attribute(j, 'time_decay', conversion_label => 'buy') a;
-- Half-life 14 days: weights 1/2 and 1/sqrt(2): web 0.414214, email 0.585786.
SELECT label, round(credit::numeric, 6) FROM j, journey.attribute(j, 'time_decay', conversion_label => 'buy', half_life => '14 days') a;
-- Touches centuries old do not underflow: weights are relative to the
-- youngest touch.
SELECT label, round(credit::numeric, 6) FROM journey.attribute(
	journey.journey 'a@1000-01-01 00:00:00+00 > b@1000-01-02 00:00:00+00 > c@2000-01-01 00:00:00+00',
	'time_decay', conversion_time => '2000-01-01 00:00:00+00', half_life => '1 day') a;

-- Credits of every converted path sum to 1 whatever the model (random paths).
SELECT setseed(0.42);
CREATE TEMP TABLE rp AS
SELECT g AS id, array_agg((ARRAY['web','email','sms','store','direct','lead'])[1 + floor(random() * 6)::int]) AS path
FROM generate_series(1, 300) g, generate_series(1, 1 + (g % 9)) h
GROUP BY g;
SELECT m, count(*) AS paths,
	count(*) FILTER (WHERE abs(s - 1) > 1e-12) AS bad_sums
FROM unnest(ARRAY['first_touch', 'last_touch', 'last_non_direct', 'linear', 'position_based', 'w_shaped', 'custom']) m,
	LATERAL (SELECT rp.id, (SELECT sum(credit) FROM journey.attribute(rp.path, m,
		weights => CASE m WHEN 'custom' THEN '{5,1,2}'::float8[] END,
		milestone => CASE m WHEN 'w_shaped' THEN 'lead' END)) AS s FROM rp) x
GROUP BY m ORDER BY m;

-- ===========================================================================
-- Markov removal effect: journey.markov_model()
-- ===========================================================================
CREATE TEMP TABLE p (path text[], conv float8, val float8, nulls float8);
INSERT INTO p VALUES
	('{a,b}', 1, 10, 0),
	('{a}', 0, 0, 1),
	('{b,c}', 1, 20, 1),
	('{c}', 0, 0, 2),
	('{a,c}', 2, 30, 0);
-- Order 1, by hand.  Transition weights (conversions + nulls of the paths):
--   start: a 4, b 2, c 2          a: b 1, c 2, (null) 1
--   b: c 2, (conversion) 1        c: (conversion) 3, (null) 3
-- P(conversion from c) = 1/2, from b = 1/3 + 2/3 * 1/2 = 2/3,
-- from a = 1/4 * 2/3 + 2/4 * 1/2 = 5/12, from start = 4/8 * 5/12 + 2/8 * 2/3
-- + 2/8 * 1/2 = 1/2.
-- Without a: 2/8 * 2/3 + 2/8 * 1/2 = 7/24, removal effect 1 - 7/12 = 5/12.
-- Without b: a converts with 2/4 * 1/2 = 1/4: 4/8 * 1/4 + 2/8 * 1/2 = 1/4,
-- removal effect 1/2.
-- Without c: b 1/3, a 1/4 * 1/3 = 1/12: 4/8 * 1/12 + 2/8 * 1/3 = 1/8,
-- removal effect 3/4.
-- Weights 5/12 : 6/12 : 9/12 = .25 : .3 : .45 of the 4 conversions:
-- a 1, b 1.2, c 1.8.
SELECT label, round(conversions::numeric, 9) AS conversions, round(weight::numeric, 9) AS weight
FROM unnest((SELECT journey.markov_model(path, conv, val, nulls) FROM p));
-- Results that are exact in theory come out exact, unrounded (no
-- 1.7999999999999998), and the credits add up to the 4 conversions.
SELECT label, conversions, weight
FROM unnest((SELECT journey.markov_model(path, conv, val, nulls) FROM p));
SELECT sum(conversions) = 4 AS conversions_add_up, sum(weight) = 1 AS weights_add_up
FROM unnest((SELECT journey.markov_model(path, conv, val, nulls) FROM p));
-- Value: converting from a state is worth the mean value per conversion of
-- the paths ending there: b 10/1 = 10, c (20 + 30)/(1 + 2) = 50/3.
-- Value reachable: c 1/2 * 50/3 = 25/3, b 1/3 * 10 + 2/3 * 25/3 = 80/9,
-- a 1/4 * 80/9 + 2/4 * 25/3 = 115/18, start 4/8 * 115/18 + 2/8 * 80/9
-- + 2/8 * 25/3 = 7.5.  Without a: 2/8 * 80/9 + 2/8 * 25/3 = 155/36, RE 23/54;
-- without b: a = 25/6, start 25/12 + 25/12 = 25/6, RE 4/9; without c:
-- b 10/3, a 5/6, start 5/12 + 5/6 = 5/4, RE 5/6.  Shares of the total value
-- 60 in proportion 23 : 24 : 45: a 15, b 15.652174, c 29.347826.
SELECT label, round(value::numeric, 6) AS value
FROM unnest((SELECT journey.markov_model(path, conv, val, nulls) FROM p));
-- Order 2: each path visits its own states here, so the chain is a tree and
-- removing a label removes exactly the paths through it: a 1.5, b 1, c 1.5.
SELECT label, round(conversions::numeric, 9), round(weight::numeric, 9)
FROM unnest((SELECT journey.markov_model(path, conv, val, nulls, 2) FROM p));
-- Repeated labels merge: a > a > b is the same order-1 chain as a > b.
SELECT (SELECT journey.markov_model(path, 1, 1, 1) FROM (VALUES ('{a,a,b}'::text[]), ('{b,b}')) v(path))
	 = (SELECT journey.markov_model(path, 1, 1, 1) FROM (VALUES ('{a,b}'::text[]), ('{b}')) v(path)) AS merged;
-- Single-label paths give all credit of their conversions to that label.
SELECT label, conversions, weight
FROM unnest((SELECT journey.markov_model(path, c, 0, n) FROM (VALUES ('{a}'::text[], 3, 1), ('{b}', 0, 5)) v(path, c, n)));
-- A cycle (a > b > a ...) converges.
SELECT label, round(conversions::numeric, 9)
FROM unnest((SELECT journey.markov_model(path, c, 0, n) FROM (VALUES ('{a,b,a,b,a}'::text[], 1, 0), ('{b,a,b}', 0, 1), ('{a}', 1, 1)) v(path, c, n)));
-- No rows, only NULL paths: NULL.  No conversions at all: zero credits.
SELECT journey.markov_model(path, 1, 1, 1) FROM (SELECT NULL::text[] AS path WHERE false) s;
SELECT journey.markov_model(NULL::text[], 1, 1, 1);
SELECT journey.markov_model(ARRAY['a'], 0, 0, 1);
-- journeys and text[] paths agree
SELECT journey.markov_model(j, 1, 0, 0) = journey.markov_model(ARRAY['web', 'email', 'buy', 'sms'], 1, 0, 0) AS same FROM j;

-- ===========================================================================
-- Shapley value: journey.shapley_model()
-- ===========================================================================
-- Game conversions: each path's conversions and value are shared equally by
-- its distinct labels: {a,b} 1 -> a .5 b .5; {b,c} 1 -> b .5 c .5;
-- {a,c} 2 -> a 1, c 1.  a 1.5, b 1, c 1.5; value a 5+15=20, b 5+10=15, c 25.
SELECT * FROM unnest((SELECT journey.shapley_model(path, conv, val, nulls) FROM p));
SELECT * FROM unnest((SELECT journey.shapley_model(path, conv, val) FROM p));
-- Game conversion_rate: worth(S) = conversions / (conversions + nulls) of the
-- paths within S.  Singletons: {a}: 0/1 = 0, {b}: no path = 0, {c}: 0/2 = 0;
-- pairs: {a,b}: paths {a,b},{a}: 1/2; {a,c}: {a},{c},{a,c}: 2/5; {b,c}:
-- {b,c},{c}: 1/4; all: 4/8 = 1/2.
-- phi(a) = 1/3 (v(a)) + 1/6 (v(ab)-v(b)) + 1/6 (v(ac)-v(c)) + 1/3 (v(abc)-v(bc))
--        = 0 + 1/12 + 1/15 + 1/12 = 7/30; phi(b) = 1/6 * 1/2 + 1/6 * 1/4
--        + 1/3 * 1/10 = 19/120; phi(c) = 1/6 * 2/5 + 1/6 * 1/4 + 1/3 * 0
--        = 13/120.  Sum 1/2 = v(all).  Scaled to 4 conversions: a 28/15 =
-- 1.866667, b 19/15 = 1.266667, c 13/15 = 0.866667.
SELECT label, round(conversions::numeric, 6), round(value::numeric, 6), round(weight::numeric, 6)
FROM unnest((SELECT journey.shapley_model(path, conv, val, nulls, 'conversion_rate') FROM p));
SELECT journey.shapley_model(j, 1, 0) FROM j;

-- ===========================================================================
-- Properties on random data
-- ===========================================================================
SELECT setseed(0.7);
CREATE TEMP TABLE rpaths AS
SELECT g AS id, path,
	c AS conv, CASE WHEN c > 0 THEN round((random() * 100)::numeric, 2)::float8 ELSE 0 END AS val,
	(random() < 0.7)::int::float8 AS nulls
FROM (SELECT (random() < 0.3)::int::float8 AS c,  g, array_agg((ARRAY['web','email','sms','store','social','chat','phone','catalog'])[1 + floor(random() * 8)::int]) AS path
	FROM generate_series(1, 4000) g, generate_series(1, 1 + (g % 6)) h GROUP BY g) s;
-- every label appears in some converting path except 'never', which only
-- ends non-converting paths
INSERT INTO rpaths VALUES (0, '{web,never}', 0, 0, 3), (-1, '{never}', 0, 0, 1);
-- credits sum to the total conversions (and value), under every model
SELECT m, round((sum(c.conversions) - (SELECT sum(conv) FROM rpaths))::numeric, 6) AS conv_diff,
	round((sum(c.value) - (SELECT sum(val) FROM rpaths))::numeric, 6) AS value_diff
FROM (VALUES ('markov1'), ('markov2'), ('markov3'), ('shapley'), ('shapley_rate')) v(m),
	LATERAL unnest(CASE m
		WHEN 'markov1' THEN (SELECT journey.markov_model(path, conv, val, nulls) FROM rpaths)
		WHEN 'markov2' THEN (SELECT journey.markov_model(path, conv, val, nulls, 2) FROM rpaths)
		WHEN 'markov3' THEN (SELECT journey.markov_model(path, conv, val, nulls, 3) FROM rpaths)
		WHEN 'shapley' THEN (SELECT journey.shapley_model(path, conv, val, nulls) FROM rpaths)
		ELSE (SELECT journey.shapley_model(path, conv, val, nulls, 'conversion_rate') FROM rpaths) END) c
GROUP BY m ORDER BY m;
-- a label in no converting path gets nothing from shapley (conversions
-- game), nor from markov when its states lead to (null) only
SELECT label, conversions FROM unnest((SELECT journey.markov_model(path, conv, val, nulls) FROM rpaths)) WHERE label = 'never';
SELECT label, conversions FROM unnest((SELECT journey.markov_model(path, conv, val, nulls, 2) FROM rpaths)) WHERE label = 'never';
SELECT label, conversions FROM unnest((SELECT journey.shapley_model(path, conv, val, nulls) FROM rpaths)) WHERE label = 'never';
-- but in the Markov chain a label that leads into converting states earns
-- credit even if no converting path contains it: removing it sends its
-- visitors to (null) before they reach web.
SELECT label, conversions > 0 AS credited
FROM unnest((SELECT journey.markov_model(path, conv, val, nulls)
	FROM (SELECT path, conv, val, nulls FROM rpaths UNION ALL SELECT '{lead_in,web}', 0, 0, 3) s))
WHERE label = 'lead_in';
-- parallel plans give the same credits as serial ones (within 1e-9)
CREATE TABLE attr_par AS SELECT * FROM rpaths, generate_series(1, 5) copy;
ANALYZE attr_par;
CREATE TEMP TABLE serial_res AS
SELECT 'markov' AS m, (unnest(journey.markov_model(path, conv, val, nulls, 2))).* FROM attr_par
UNION ALL SELECT 'shapley', (unnest(journey.shapley_model(path, conv, val, nulls, 'conversion_rate'))).* FROM attr_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT journey.markov_model(path, conv, val, nulls, 2) FROM attr_par;
CREATE TEMP TABLE parallel_res AS
SELECT 'markov' AS m, (unnest(journey.markov_model(path, conv, val, nulls, 2))).* FROM attr_par
UNION ALL SELECT 'shapley', (unnest(journey.shapley_model(path, conv, val, nulls, 'conversion_rate'))).* FROM attr_par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SELECT count(*) AS labels,
	count(*) FILTER (WHERE abs(s.conversions - p.conversions) > 1e-9 OR abs(s.value - p.value) > 1e-9) AS differ
FROM serial_res s JOIN parallel_res p USING (m, label);
DROP TABLE attr_par;
