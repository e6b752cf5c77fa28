/*
 * test/demo/report.sql — the demo's self-contained HTML report.
 *
 *   psql -v ON_ERROR_STOP=1 -X -f test/demo/demo.sql DBNAME
 *   psql -v ON_ERROR_STOP=1 -X [-v report=FILE] -f test/demo/report.sql DBNAME
 *
 * Run after demo.sql, in the same database: it reads schema demo (events,
 * stage_history, and the table demo.journeys that demo.sql builds) and
 * writes one HTML file, by default journey-report.html in the current
 * directory.  The file needs no network: the CSS is inline and the seven
 * charts are inline SVG, every element of which is built here in SQL.
 *
 *   1. acquisition funnel (journey.window_funnel), overall and per first channel
 *   2. retention cohorts (journey.activity_buckets)
 *   3. flow of the first three touches (journey.transitions)
 *   4. attribution under seven models (journey.attribute, markov_model,
 *      shapley_model)
 *   5. lifecycle stages on 2026-12-31 per owning department
 *   6. likely buyers as of 2026-10-01 (journey.markov_fit,
 *      conversion_probability, next_touch), per department of the next channel
 *   7. funnel correlation of the channels for Intent -> Purchase
 *      (journey.funnel_correlation_agg, funnel_correlation)
 *
 * Every chart has a table of the figures it draws under it.  Every run
 * over the same data writes the same file.
 */
\set ON_ERROR_STOP on
\set QUIET on
\if :{?report}
\else
\set report journey-report.html
\endif
SET client_min_messages = warning;
SET timezone = 'UTC';
-- Keep the numbers of the aggregates independent of the plan.
SET max_parallel_workers_per_gather = 0;

\echo 'journey report: computing the figures ...'

/* =========================================================================
 * Small SVG and HTML helpers (temporary: they vanish with the session).
 * ========================================================================= */

-- Left over from an earlier run in this session.
DROP TABLE IF EXISTS r_colour, r_step, r_funnel_customer, r_funnel_reconcile, r_funnel, r_funnel_x,
	r_retention_customer, r_retention, r_link, r_node, r_sankey_node,
	r_conversion, r_path, r_model, r_attribution, r_stage, r_likely_known, r_likely_model, r_likely, r_likely_rank,
	r_step_journey, r_corr_total, r_corr CASCADE;

-- HTML/XML escape of a text.
CREATE OR REPLACE FUNCTION pg_temp.h(s text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN replace(replace(replace(replace(replace(coalesce(s, ''),
	'&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');

-- A coordinate: one decimal.
CREATE OR REPLACE FUNCTION pg_temp.f(x float8) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN round(x::numeric, 1)::text;

-- A count: 12,345.
CREATE OR REPLACE FUNCTION pg_temp.n(x float8) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN to_char(round(x::numeric), 'FM999,999,999,990');

-- A share as a percentage: 12.3%.
CREATE OR REPLACE FUNCTION pg_temp.pc(x float8) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN x IS NULL THEN '–'
	ELSE to_char(round((100 * x)::numeric, 1), 'FM990.0') || '%' END;

CREATE OR REPLACE FUNCTION pg_temp.rect(x float8, y float8, w float8, hgt float8, fill text, tip text)
RETURNS text LANGUAGE sql IMMUTABLE
RETURN format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>',
	pg_temp.f(x), pg_temp.f(y), pg_temp.f(greatest(w, 0)), pg_temp.f(greatest(hgt, 0)),
	pg_temp.h(fill), pg_temp.h(tip));

CREATE OR REPLACE FUNCTION pg_temp.txt(x float8, y float8, s text, cls text DEFAULT '')
RETURNS text LANGUAGE sql IMMUTABLE
RETURN format('<text x="%s" y="%s"%s>%s</text>', pg_temp.f(x), pg_temp.f(y),
	CASE WHEN cls = '' THEN '' ELSE format(' class="%s"', cls) END, pg_temp.h(s));

-- Text turned a quarter counter-clockwise around its anchor (y axis labels).
CREATE OR REPLACE FUNCTION pg_temp.vtxt(x float8, y float8, s text, cls text DEFAULT 'axis m')
RETURNS text LANGUAGE sql IMMUTABLE
RETURN format('<text transform="translate(%s,%s) rotate(-90)" class="%s">%s</text>',
	pg_temp.f(x), pg_temp.f(y), cls, pg_temp.h(s));

CREATE OR REPLACE FUNCTION pg_temp.line(x1 float8, y1 float8, x2 float8, y2 float8, cls text)
RETURNS text LANGUAGE sql IMMUTABLE
RETURN format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s"/>',
	pg_temp.f(x1), pg_temp.f(y1), pg_temp.f(x2), pg_temp.f(y2), cls);

-- A horizontal legend: a swatch and a label per item, from (x, y).  The
-- advance per item is estimated from the label length (0.62 em per
-- character of the 12 px legend font is enough for DejaVu Sans and Arial).
CREATE OR REPLACE FUNCTION pg_temp.legend(x float8, y float8, labels text[], colours text[])
RETURNS text LANGUAGE sql IMMUTABLE
RETURN (
	SELECT string_agg(
		pg_temp.rect(x + o.off, y - 10, 12, 12, c.colour, o.label)
		|| pg_temp.txt(x + o.off + 17, y, o.label, 'leg'), '' ORDER BY o.i)
	FROM (SELECT l.label, l.i,
			coalesce(sum(30 + 7.2 * length(l.label)) OVER (ORDER BY l.i
				ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off
		FROM unnest(labels) WITH ORDINALITY l(label, i)) o
	JOIN unnest(colours) WITH ORDINALITY c(colour, i) USING (i)
);

-- The step between the ticks of an axis from 0 to at least x with about
-- n ticks: 1, 2, 2.5 or 5 times a power of ten (92,727 in 4 -> 25,000).
-- The axis then ends at pg_temp.axis_max(x, n).
CREATE OR REPLACE FUNCTION pg_temp.tick(x float8, n int) RETURNS float8
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN coalesce(x, 0) <= 0 THEN 1
	ELSE (SELECT 10 ^ e * CASE WHEN f <= 1 THEN 1 WHEN f <= 2 THEN 2 WHEN f <= 2.5 THEN 2.5
			WHEN f <= 5 THEN 5 ELSE 10 END
		FROM (SELECT e, x / n / 10 ^ e AS f FROM (SELECT floor(log((x / n)::numeric))::float8 AS e) e) f) END;
CREATE OR REPLACE FUNCTION pg_temp.axis_max(x float8, n int) RETURNS float8
LANGUAGE sql IMMUTABLE
RETURN greatest(ceil(coalesce(x, 0) / pg_temp.tick(x, n)), 1) * pg_temp.tick(x, n);

-- A p value: 0.0123, 0.000123 (three significant digits), or < 0.0001.
CREATE OR REPLACE FUNCTION pg_temp.pv(p float8) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN p IS NULL THEN '–' WHEN p < 1e-4 THEN '< 0.0001'
	ELSE trim_scale(round(p::numeric, greatest(2 - floor(log(p::numeric))::int, 2)))::text END;

-- Colour of a share in [0, 1] on the heatmap scale (light to dark blue).
CREATE OR REPLACE FUNCTION pg_temp.heat(x float8) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN format('hsl(212,%s%%,%s%%)',
	round((55 + 20 * least(greatest(x, 0), 1))::numeric),
	round((97 - 67 * least(greatest(x, 0), 1))::numeric));

/* =========================================================================
 * Colours: channels (and the end of a journey), departments, models.
 * ========================================================================= */

CREATE TEMP TABLE r_colour (kind text, key text, colour text, PRIMARY KEY (kind, key));
INSERT INTO r_colour VALUES
	('channel', 'web', '#4e79a7'), ('channel', 'mobile_app', '#f28e2b'),
	('channel', 'store', '#e15759'), ('channel', 'catalog', '#76b7b2'),
	('channel', 'chat', '#59a14f'), ('channel', 'social', '#edc948'),
	('channel', 'email', '#b07aa1'), ('channel', 'sms', '#ff9da7'),
	('channel', 'phone', '#9c755f'), ('channel', '(end)', '#cfcfcf'),
	('department', 'marketing', '#4e79a7'), ('department', 'sales', '#f28e2b'),
	('department', 'customer service', '#59a14f'), ('department', 'billing', '#b07aa1'),
	('model', 'first_touch', '#4e79a7'), ('model', 'last_touch', '#f28e2b'),
	('model', 'linear', '#59a14f'), ('model', 'position_based', '#76b7b2'),
	('model', 'time_decay', '#edc948'), ('model', 'markov', '#e15759'),
	('model', 'shapley', '#b07aa1');
-- Class of a text written on a fill: white (w) on a dark one, else dark.
CREATE OR REPLACE FUNCTION pg_temp.ink(fill text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN fill ~ '^#[0-9a-f]{6}$'
		AND 0.299 * ('x' || substr(fill, 2, 2))::bit(8)::int + 0.587 * ('x' || substr(fill, 4, 2))::bit(8)::int
			+ 0.114 * ('x' || substr(fill, 6, 2))::bit(8)::int < 150 THEN 'w' ELSE '' END;
-- Any other channel or department gets a grey.
CREATE OR REPLACE FUNCTION pg_temp.colour(of_kind text, of_key text) RETURNS text
LANGUAGE sql STABLE
RETURN coalesce((SELECT c.colour FROM r_colour c WHERE c.kind = of_kind AND c.key = of_key), '#8c8c8c');

/* =========================================================================
 * 1. Funnel: contact -> interest -> intent -> purchase within 30 days (the
 *    funnel of demo.sql section 7)
 * ========================================================================= */

CREATE TEMP TABLE r_step (step int PRIMARY KEY, name text, events text);
INSERT INTO r_step VALUES
	(1, 'Contact', 'any touch (every customer makes one)'),
	(2, 'Interest', 'a product touch: view_product (web, app), store_visit, catalog_received or catalog_request (the print catalog is browsed)'),
	(3, 'Intent', 'add_to_cart, wishlist (app), try_on (store) or call_inbound (a call to the phone order line: catalog and phone customers have no cart)'),
	(4, 'Purchase', 'purchase');

-- Level reached per customer: steps in this order, all within 30 days of
-- the first (an event counts for every step it satisfies: a product view
-- is also a contact); the level reached in order without the window; and
-- whether the customer bought at all.
CREATE TEMP TABLE r_funnel_customer AS
SELECT f.customer_id, journey.first_touch(j.j) AS first_channel, f.level, f.level_any, f.bought
FROM (SELECT customer_id,
		journey.window_funnel(interval '30 days', ts,
			true,
			event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received'),
			event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound'),
			event = 'purchase') AS level,
		journey.window_funnel(interval '100 years', ts,
			true,
			event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received'),
			event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound'),
			event = 'purchase') AS level_any,
		bool_or(event = 'purchase') AS bought
	FROM demo.events
	WHERE department <> 'billing'
	GROUP BY customer_id) f
JOIN demo.journeys j USING (customer_id);

-- From "customers who purchased" (the key figure) to the funnel's last
-- step: who is lost to the step order and who to the window.  Each row
-- with a sign adds to or takes from the row above.
CREATE TEMP TABLE r_funnel_reconcile AS
SELECT i, sign, what, customers
FROM (SELECT
		count(*) AS customers_all,
		count(*) FILTER (WHERE NOT bought) AS never,
		count(*) FILTER (WHERE bought) AS bought,
		count(*) FILTER (WHERE bought AND level_any <= 1) AS no_interest,
		count(*) FILTER (WHERE bought AND level_any IN (2, 3)) AS no_intent,
		count(*) FILTER (WHERE bought AND level_any = 4 AND level < 4) AS too_slow,
		count(*) FILTER (WHERE level = 4) AS funnel
	FROM r_funnel_customer) c,
	LATERAL (VALUES
		(1, '', 'customers (every one reaches Contact: any touch)', customers_all),
		(2, '−', 'never purchased', never),
		(3, '=', 'purchased at all (the key figure "customers who purchased")', bought),
		(4, '−', 'bought, but never had an Interest step (no product view, store visit or catalog)', no_interest),
		(5, '−', 'had Interest, but no Intent step between it and a purchase (step order)', no_intent),
		(6, '−', 'had every step in order, but not within 30 days of the first (window)', too_slow),
		(7, '=', 'reached Purchase in the funnel (every step in order within 30 days)', funnel)
	) r(i, sign, what, customers);

-- Customers who reached each step, overall ('all') and per first channel.
CREATE TEMP TABLE r_funnel AS
SELECT coalesce(first_channel, 'all') AS grp, grouping(first_channel) = 1 AS overall,
	s.step, count(*) FILTER (WHERE c.level >= s.step) AS customers
FROM r_funnel_customer c CROSS JOIN r_step s
GROUP BY GROUPING SETS ((first_channel, s.step), (s.step));
-- With the share of the group's first step and of the previous step.
CREATE TEMP TABLE r_funnel_x AS
SELECT f.*,
	f.customers::float8 / nullif(first_value(f.customers) OVER w, 0) AS of_first,
	f.customers::float8 / nullif(lag(f.customers) OVER w, 0) AS of_previous,
	dense_rank() OVER (ORDER BY f.overall DESC, g.size DESC, f.grp) - 1 AS grp_rank
FROM r_funnel f
JOIN (SELECT grp, customers AS size FROM r_funnel WHERE step = 1) g USING (grp)
WINDOW w AS (PARTITION BY f.grp ORDER BY f.step);

/* =========================================================================
 * 2. Retention: monthly cohorts x weeks since the first touch
 * ========================================================================= */

-- Weeks (7-day buckets counted from the customer's first touch, 0..12)
-- in which the customer touched the retailer (demo.sql section 10); the
-- cohorts that can be followed for 13 weeks before the data ends.
CREATE TEMP TABLE r_retention_customer AS
SELECT customer_id, cohort, weeks
FROM (SELECT customer_id, date_trunc('month', min(ts)) AS cohort,
		journey.activity_buckets(ts, interval '7 days', 13) AS weeks
	FROM demo.events
	WHERE department <> 'billing'
	GROUP BY customer_id) s
WHERE cohort < '2026-10-01';

CREATE TEMP TABLE r_retention AS
SELECT c.cohort, w.week, count(*) AS size,
	count(*) FILTER (WHERE w.week = ANY (c.weeks)) AS customers,
	(count(*) FILTER (WHERE w.week = ANY (c.weeks)))::float8 / count(*) AS share
FROM r_retention_customer c CROSS JOIN generate_series(0, 12) w(week)
GROUP BY c.cohort, w.week;

/* =========================================================================
 * 3. Flow of the first three touches (channels)
 * ========================================================================= */

-- Links from touch `col` to touch col + 1; '(end)' when the journey stops.
CREATE TEMP TABLE r_link AS
SELECT t.step AS col, t.from_label AS src, coalesce(t.to_label, '(end)') AS dst,
	count(*) AS customers
FROM demo.journeys, journey.transitions(j, true) t
WHERE t.step BETWEEN 1 AND 2
GROUP BY 1, 2, 3;

-- Nodes per column (touch number), largest first, '(end)' last.
CREATE TEMP TABLE r_node AS
SELECT col, label, customers,
	row_number() OVER (PARTITION BY col ORDER BY label = '(end)', customers DESC, label) AS ord
FROM (SELECT 1 AS col, src AS label, sum(customers) AS customers FROM r_link WHERE col = 1 GROUP BY src
	UNION ALL
	SELECT col + 1, dst, sum(customers) FROM r_link GROUP BY col, dst) n;

/* =========================================================================
 * 4. Attribution: the queries of demo.sql section 15
 * ========================================================================= */

-- The conversion is a customer's first purchase; the touches are the
-- customer's touches up to it.
CREATE TEMP TABLE r_conversion AS
SELECT DISTINCT ON (customer_id) customer_id, ts AS converted_at, value AS revenue
FROM demo.events
WHERE event = 'purchase'
ORDER BY customer_id, ts;

CREATE TEMP TABLE r_path AS
SELECT CASE WHEN c.converted_at IS NULL THEN s.j
		ELSE journey.slice(s.j, NULL, c.converted_at + interval '1 microsecond') END AS path,
	(c.converted_at IS NOT NULL)::int::float8 AS conv,
	coalesce(c.revenue, 0)::float8 AS revenue,
	(c.converted_at IS NULL)::int::float8 AS nulls
FROM demo.journeys s LEFT JOIN r_conversion c USING (customer_id);

CREATE TEMP TABLE r_model (model text PRIMARY KEY, ord int, name text);
INSERT INTO r_model VALUES
	('first_touch', 1, 'first touch'), ('last_touch', 2, 'last touch'),
	('linear', 3, 'linear'), ('position_based', 4, 'position based'),
	('time_decay', 5, 'time decay'), ('markov', 6, 'Markov'),
	('shapley', 7, 'Shapley');

CREATE TEMP TABLE r_attribution AS
SELECT a.label, m AS model, sum(a.credit) AS conversions
FROM demo.journeys s
JOIN r_conversion c USING (customer_id),
	unnest(ARRAY['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay']) m,
	journey.attribute(s.j, m, conversion_time => c.converted_at) a
GROUP BY 1, 2
UNION ALL
SELECT x.label, r.model, x.conversions
FROM (SELECT 'markov' AS model, journey.markov_model(path, conv, revenue, nulls) AS credits
	  FROM r_path
	  UNION ALL
	  SELECT 'shapley', journey.shapley_model(path, conv, revenue, nulls)
	  FROM r_path) r, unnest(r.credits) x;

/* =========================================================================
 * 5. Lifecycle stage of every customer on 2026-12-31, by owning department
 * ========================================================================= */

-- The stage in force on 2026-12-31 (journey.stage_at, as in demo.sql
-- section 5), counted per stage of the lifecycle model with the department
-- journey.stages names as its owner.
CREATE TEMP TABLE r_stage AS
SELECT d.stage, d.position, coalesce(d.department, '(none)') AS department,
	count(s.customer_id) AS customers
FROM journey.stages d
LEFT JOIN (SELECT customer_id,
			journey.stage_at(entered, stage::journey.lifecycle, timestamptz '2026-12-31')::text AS stage
		FROM demo.stage_history
		GROUP BY customer_id) s USING (stage)
WHERE d.model = 'lifecycle'
GROUP BY 1, 2, 3;

/* =========================================================================
 * 6. Likely buyers this week, as of 2026-10-01 (demo.sql section 22)
 * ========================================================================= */

-- "Today" is 2026-10-01, the end of the acquisition period (by December
-- only buyers' after-sales touches are left).  Journeys are sliced before
-- today; a Markov model of order 2 is fitted on the paths as they stood (a
-- path up to the first purchase for those who had bought, the journey so
-- far of the others); the customers with no purchase before today and a
-- touch in the 7 days before are scored on their journey so far:
-- probability of buying and the most likely next channel, whose
-- department owns the next move.  Ties go to the most recent touch, then
-- the customer id.  converted_at tells who did buy afterwards.
CREATE TEMP TABLE r_likely_known AS
SELECT s.customer_id, journey.slice(s.j, NULL, timestamptz '2026-10-01') AS j,
	c.converted_at, c.revenue, coalesce(c.converted_at < timestamptz '2026-10-01', false) AS had_bought
FROM demo.journeys s LEFT JOIN r_conversion c USING (customer_id);

CREATE TEMP TABLE r_likely_model AS
SELECT journey.markov_fit(
		CASE WHEN had_bought THEN journey.slice(j, NULL, converted_at + interval '1 microsecond') ELSE j END,
		had_bought::int::float8, CASE WHEN had_bought THEN revenue ELSE 0 END::float8,
		(NOT had_bought)::int::float8, 2) AS m
FROM r_likely_known;

CREATE TEMP TABLE r_likely AS
SELECT k.customer_id, journey.last_time(k.j) AS last_touch,
	journey.conversion_probability(m.m, k.j) AS probability,
	n.label AS next_channel, coalesce(ch.department, '(no next channel)') AS department, k.converted_at
FROM r_likely_known k
CROSS JOIN r_likely_model m
LEFT JOIN LATERAL journey.next_touch(m.m, k.j, 1) n ON true
LEFT JOIN demo.channels ch ON ch.channel = n.label
WHERE NOT k.had_bought
	AND journey.last_time(k.j) >= timestamptz '2026-10-01' - interval '7 days';

CREATE TEMP TABLE r_likely_rank AS
SELECT l.*,
	row_number() OVER (ORDER BY probability DESC, last_touch DESC, customer_id) AS overall_rank,
	row_number() OVER (PARTITION BY department ORDER BY probability DESC, last_touch DESC, customer_id) AS dept_rank
FROM r_likely l;

/* =========================================================================
 * 7. Funnel correlation of the Intent -> Purchase step (demo.sql section 23)
 * ========================================================================= */

-- One journey per customer: for every touch its funnel steps (contact, and
-- interest, intent or purchase as in chart 1) and its channel.
CREATE TEMP TABLE r_step_journey AS
SELECT customer_id, journey.journey_agg(ts, label ORDER BY ts, label) AS j
FROM demo.events,
	LATERAL (VALUES ('contact'), (CASE
		WHEN event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received') THEN 'interest'
		WHEN event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound') THEN 'intent'
		WHEN event = 'purchase' THEN 'purchase' END), (channel)) l(label)
WHERE department <> 'billing' AND label IS NOT NULL
GROUP BY customer_id;

-- Of the customers who reached Intent: who went on to Purchase within the
-- 30 days and who did not, and per channel touched the 2 x 2 statistics.
CREATE TEMP TABLE r_corr_total AS
SELECT count(*) FILTER (WHERE level >= 3) AS reached, count(*) FILTER (WHERE level = 4) AS converted,
	count(*) FILTER (WHERE level = 3) AS dropped
FROM (SELECT journey.funnel(j, interval '30 days', 'contact', 'interest', 'intent', 'purchase') AS level
	FROM r_step_journey) f;

CREATE TEMP TABLE r_corr AS
SELECT c.*, c.ord AS p_rank,
	row_number() OVER (ORDER BY round(ln(c.odds_ratio)::numeric, 9) DESC, c.label) AS row_no,
	CASE WHEN c.ci_low > 1 THEN 'buy' WHEN c.ci_high < 1 THEN 'drop' ELSE 'unclear' END AS verdict
FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '30 days',
			ARRAY['contact', 'interest', 'intent', 'purchase'], 3)
		FROM r_step_journey)) WITH ORDINALITY c(label, converted, dropped, odds_ratio, ci_low, ci_high, p_value, ord);

/* =========================================================================
 * The HTML
 * ========================================================================= */

\pset format unaligned
\pset tuples_only on
\pset footer off
\pset null ''
\o :report

SELECT $html$<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>journey demo report</title>
<style>
body { margin: 0; background: #f4f5f7; color: #222;
  font: 14px/1.45 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 18px 24px 40px; }
header h1 { font-size: 26px; margin: 8px 0 2px; }
header p { margin: 2px 0; color: #555; }
.kpis { display: flex; gap: 12px; margin: 14px 0 4px; }
.kpi { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 8px 16px; flex: 1 1 auto; white-space: nowrap; }
.kpi b { display: block; font-size: 22px; }
.kpi span { color: #666; font-size: 12px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; margin: 16px 0; padding: 12px 18px 14px; }
section h2 { font-size: 19px; margin: 2px 0 2px; }
section p.note { margin: 0 0 6px; color: #555; font-size: 13px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 11px; fill: #333; }
svg .ttl { font-size: 13px; font-weight: bold; }
svg .leg { font-size: 12px; }
svg .axis { font-size: 12px; fill: #555; }
svg .val { font-size: 11px; font-weight: bold; }
svg .sm { font-size: 10px; }
svg .w { fill: #fff; }
svg .m { text-anchor: middle; }
svg .e { text-anchor: end; }
svg .halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .lead { stroke: #999; stroke-width: 1; }
svg .whisk { stroke: #333; stroke-width: 1.5; }
svg .grid { stroke: #e3e6ea; stroke-width: 1; }
svg .base { stroke: #888; stroke-width: 1; }
svg .link { fill: none; stroke-opacity: 0.38; }
table.fig { border-collapse: collapse; font-size: 12px; margin-top: 8px; }
table.fig th, table.fig td { padding: 2px 9px; border-bottom: 1px solid #e6e8eb; text-align: right; white-space: nowrap; }
table.fig th { background: #f0f2f5; font-weight: 600; }
table.fig td:first-child, table.fig th:first-child { text-align: left; }
table.fig tr.total td { font-weight: bold; }
table.fig td.l, table.fig th.l { text-align: left; }
table.recon td:nth-child(2) { text-align: left; white-space: normal; }
table.recon th { text-align: left; }
table.recon td.sign { width: 1em; padding-right: 0; font-weight: bold; }
.tables { display: flex; gap: 28px; flex-wrap: wrap; align-items: flex-start; }
footer { color: #777; font-size: 12px; margin-top: 18px; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
</style>
</head>
<body>
<main>
<header>
<h1>journey demo report: a fictional retailer in 2026</h1>
<p>Generated by <code>test/demo/report.sql</code> from schema <code>demo</code> with the <code>journey</code> extension.
Self-contained: inline CSS and SVG, no scripts, no network.</p>
</header>$html$;

-- Key figures.
SELECT format('<div class="kpis">%s</div>', string_agg(
		format('<div class="kpi"><b>%s</b><span>%s</span></div>', v, pg_temp.h(k)), '' ORDER BY i))
FROM (VALUES
	(1, 'customers', (SELECT pg_temp.n(count(*)) FROM demo.journeys)),
	(2, 'events', (SELECT pg_temp.n(count(*)) FROM demo.events)),
	(3, 'channels', (SELECT pg_temp.n(count(DISTINCT channel)) FROM demo.events)),
	(4, 'customers who purchased', (SELECT pg_temp.n(count(*)) FROM r_conversion)),
	(5, 'revenue of first purchases', (SELECT pg_temp.n(sum(revenue)) FROM r_conversion)),
	(6, 'period', (SELECT to_char(min(ts), 'YYYY-MM-DD') || ' – ' || to_char(max(ts), 'YYYY-MM-DD') FROM demo.events))
) k(i, k, v);

/* -------------------------------------------------------------------------
 * Chart 1: funnel
 * ------------------------------------------------------------------------- */

SELECT $html$<section id="funnel">
<h2>1. Acquisition funnel</h2>
<p class="note">Customers who reached each step in order, every step within 30 days of the first
(<code>journey.window_funnel(interval '30 days', ts, contact, interest, intent, purchase)</code>, as in section 7 of
<code>test/demo/demo.sql</code>; the steps are defined under the tables, so that the buyers of every channel can pass them),
overall (left, with the conversion rate from step to step) and per channel of the first touch (right,
as a share of the channel's customers).</p>$html$;

WITH geo AS (
	-- Overall panel: plot from (x0, y0), ph high; bars bw wide, every sp.
	SELECT 90.0::float8 AS x0, 62.0::float8 AS y0, 290.0::float8 AS ph,
		74.0::float8 AS bw, 118.0::float8 AS sp,
		pg_temp.axis_max((SELECT customers FROM r_funnel WHERE overall AND step = 1), 4) AS ymax,
		pg_temp.tick((SELECT customers FROM r_funnel WHERE overall AND step = 1), 4) AS ystep
), step_colour(step, colour) AS (
	VALUES (1, '#9ecae1'), (2, '#6baed6'), (3, '#3182bd'), (4, '#08519c')
), overall AS (
	SELECT f.step, f.customers, f.of_first, f.of_previous, s.name, c.colour,
		g.x0 + 22 + (f.step - 1) * g.sp AS x,
		g.y0 + g.ph - g.ph * f.customers / g.ymax AS y,
		g.ph * f.customers / g.ymax AS hgt,
		lag(g.y0 + g.ph - g.ph * f.customers / g.ymax) OVER (ORDER BY f.step) AS prev_y
	FROM r_funnel_x f JOIN r_step s USING (step) JOIN step_colour c USING (step), geo g
	WHERE f.overall
), small AS (
	-- Small multiples: 3 x 3 cells of 215 x 132 from (570, 62).
	SELECT f.*, c.colour,
		570 + ((f.grp_rank - 1) % 3) * 215.0 AS cx,
		66 + ((f.grp_rank - 1) / 3) * 132.0 AS cy
	FROM r_funnel_x f JOIN step_colour c USING (step)
	WHERE NOT f.overall AND f.grp_rank <= 9
), el(layer, k, svg) AS (
	SELECT 0, 0, pg_temp.legend(90, 22, (SELECT array_agg(name ORDER BY step) FROM r_step),
		(SELECT array_agg(colour ORDER BY step) FROM step_colour))
	-- overall: grid, axis labels
	UNION ALL
	SELECT 1, q, pg_temp.line(g.x0, g.y0 + g.ph * (1 - q * g.ystep / g.ymax), g.x0 + 3 * g.sp + g.bw + 34,
			g.y0 + g.ph * (1 - q * g.ystep / g.ymax), CASE WHEN q = 0 THEN 'base' ELSE 'grid' END)
		|| pg_temp.txt(g.x0 - 6, g.y0 + g.ph * (1 - q * g.ystep / g.ymax) + 4, pg_temp.n(q * g.ystep), 'sm e')
	FROM geo g, generate_series(0, round(g.ymax / g.ystep)::int) q
	UNION ALL
	SELECT 1, 10, pg_temp.vtxt(22, g.y0 + g.ph / 2, 'customers reaching the step') FROM geo g
	UNION ALL
	SELECT 1, 11, pg_temp.txt(g.x0 + 2 * g.sp + 5, g.y0 + g.ph + 52, 'funnel step (all customers)', 'axis m') FROM geo g
	-- overall: the band between bars with the step-to-step conversion
	UNION ALL
	SELECT 2, o.step, format('<polygon points="%s,%s %s,%s %s,%s %s,%s" fill="#e9eff6"/>',
			pg_temp.f(o.x - g.sp + g.bw), pg_temp.f(o.prev_y), pg_temp.f(o.x), pg_temp.f(o.y),
			pg_temp.f(o.x), pg_temp.f(g.y0 + g.ph), pg_temp.f(o.x - g.sp + g.bw), pg_temp.f(g.y0 + g.ph))
		|| pg_temp.txt(o.x - (g.sp - g.bw) / 2, g.y0 + g.ph - 8, pg_temp.pc(o.of_previous), 'val m')
		|| pg_temp.txt(o.x - (g.sp - g.bw) / 2, g.y0 + g.ph - 22, '→', 'sm m')
	FROM overall o, geo g WHERE o.step > 1
	-- overall: bars, counts above, share of the first step inside
	UNION ALL
	SELECT 3, o.step, pg_temp.rect(o.x, o.y, g.bw, o.hgt, o.colour,
			format('%s: %s customers (%s of step 1)', o.name, pg_temp.n(o.customers), pg_temp.pc(o.of_first)))
		|| pg_temp.txt(o.x + g.bw / 2, o.y - 6, pg_temp.n(o.customers), 'val m')
		|| CASE WHEN o.hgt > 22 THEN pg_temp.txt(o.x + g.bw / 2, o.y + 16, pg_temp.pc(o.of_first),
			CASE WHEN o.step > 2 THEN 'sm m w' ELSE 'sm m' END) ELSE '' END
		|| pg_temp.txt(o.x + g.bw / 2, g.y0 + g.ph + 16, o.name, 'm')
	FROM overall o, geo g
	UNION ALL
	SELECT 4, 0, pg_temp.txt(g.x0 + 2 * g.sp + 5, g.y0 + g.ph + 32, 'conversion from step to step in the grey bands', 'sm m')
	FROM geo g
	-- small multiples
	UNION ALL
	SELECT 5, 0, pg_temp.txt(570, 50, 'per channel of the first touch (its customers): share of them reaching the step', 'axis')
	UNION ALL
	SELECT 6, s.grp_rank * 10 + s.step,
		CASE WHEN s.step = 1 THEN
			pg_temp.txt(s.cx, s.cy + 14, format('%s · %s', s.grp, pg_temp.n(s.customers)), 'ttl')
			|| pg_temp.line(s.cx + 22, s.cy + 116, s.cx + 200, s.cy + 116, 'base')
			|| pg_temp.line(s.cx + 22, s.cy + 40, s.cx + 200, s.cy + 40, 'grid')
			|| pg_temp.txt(s.cx + 18, s.cy + 44, '100%', 'sm e')
			|| pg_temp.txt(s.cx + 18, s.cy + 119, '0', 'sm e')
		ELSE '' END
		|| pg_temp.rect(s.cx + 30 + (s.step - 1) * 44, s.cy + 116 - 76 * s.of_first, 34, 76 * s.of_first, s.colour,
			format('%s, first touch %s: %s customers (%s)', (SELECT name FROM r_step WHERE step = s.step), s.grp,
				pg_temp.n(s.customers), pg_temp.pc(s.of_first)))
		|| pg_temp.txt(s.cx + 47 + (s.step - 1) * 44, s.cy + 112 - 76 * s.of_first,
			pg_temp.pc(s.of_first), CASE WHEN s.step = 4 THEN 'sm m val' ELSE 'sm m' END)
	FROM small s
)
SELECT '<svg width="1220" height="470" viewBox="0 0 1220 470" role="img" aria-label="acquisition funnel">'
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el;

-- From the key figure "customers who purchased" to the funnel's purchases.
SELECT format('<div class="tables"><table class="fig recon"><tr><th colspan="3">why %s customers purchased but %s reached Purchase in the funnel</th></tr>',
		pg_temp.n(max(customers) FILTER (WHERE i = 3)), pg_temp.n(max(customers) FILTER (WHERE i = 7)))
	|| string_agg(format('<tr%s><td class="sign">%s</td><td>%s</td><td>%s</td></tr>',
		CASE WHEN sign = '=' THEN ' class="total"' ELSE '' END, sign, pg_temp.h(what), pg_temp.n(customers)), '' ORDER BY i)
	|| '</table>'
FROM r_funnel_reconcile;

-- Table of the figures.
SELECT '<table class="fig"><tr><th>first channel</th>'
	|| (SELECT string_agg(format('<th>%s</th>', pg_temp.h(name)), '' ORDER BY step) FROM r_step)
	|| (SELECT string_agg(format('<th>%s / %s</th>', pg_temp.h(b.name), pg_temp.h(a.name)), '' ORDER BY b.step)
		FROM r_step a JOIN r_step b ON b.step = a.step + 1)
	|| (SELECT format('<th>%s / %s</th>', pg_temp.h(max(name) FILTER (WHERE step = 4)),
			pg_temp.h(max(name) FILTER (WHERE step = 1))) FROM r_step)
	|| '</tr>'
	|| string_agg(format('<tr%s><td>%s</td>%s</tr>',
		CASE WHEN overall THEN ' class="total"' ELSE '' END, pg_temp.h(grp), cells), '' ORDER BY grp_rank)
	|| '</table></div>'
FROM (SELECT grp, overall, grp_rank,
		string_agg(format('<td>%s</td>', pg_temp.n(customers)), '' ORDER BY step)
		|| string_agg(format('<td>%s</td>', pg_temp.pc(of_previous)), '' ORDER BY step) FILTER (WHERE step > 1)
		|| format('<td>%s</td>', pg_temp.pc(min(of_first) FILTER (WHERE step = 4))) AS cells
	FROM r_funnel_x GROUP BY grp, overall, grp_rank) t;

SELECT format('<p class="note">Steps: %s. The steps must come in this order, each within 30 days of the first; '
		'a customer who bought without a product touch or an intent step before the purchase (a short journey: '
		'an e-mail, then the purchase) is counted as a buyer in the key figures but stops earlier in the funnel '
		'(the first table under the chart).</p></section>',
	string_agg(format('<b>%s</b> = %s', pg_temp.h(name), pg_temp.h(events)), '; ' ORDER BY step))
FROM r_step;

/* -------------------------------------------------------------------------
 * Chart 2: retention heatmap
 * ------------------------------------------------------------------------- */

SELECT $html$<section id="retention">
<h2>2. Retention cohorts</h2>
<p class="note">Customers grouped by the month of their first touch; a cell is the share of the cohort
that touched the retailer again in that week after its first touch (week 0 is the first week; weeks are
7-day buckets counted from each customer's first touch, <code>journey.activity_buckets(ts, interval '7 days', 13)</code>).</p>$html$;

WITH geo AS (
	SELECT 190.0::float8 AS x0, 58.0::float8 AS y0, 72.0::float8 AS cw, 30.0::float8 AS ch,
		(SELECT max(share) FROM r_retention WHERE week > 0) AS top
), cell AS (
	SELECT r.*, dense_rank() OVER (ORDER BY r.cohort) - 1 AS row_no
	FROM r_retention r
), el(layer, k, svg) AS (
	SELECT 1, c.row_no * 100 + c.week,
		pg_temp.rect(g.x0 + c.week * g.cw, g.y0 + c.row_no * g.ch, g.cw - 2, g.ch - 2,
			pg_temp.heat(sqrt(c.share / greatest(g.top, 1e-9))),
			format('cohort %s, week %s: %s of %s customers (%s)', to_char(c.cohort, 'YYYY-MM'), c.week,
				pg_temp.n(c.customers), pg_temp.n(c.size), pg_temp.pc(c.share)))
		|| pg_temp.txt(g.x0 + c.week * g.cw + (g.cw - 2) / 2, g.y0 + c.row_no * g.ch + 19, pg_temp.pc(c.share),
			CASE WHEN sqrt(c.share / greatest(g.top, 1e-9)) > 0.55 THEN 'm w' ELSE 'm' END)
	FROM cell c, geo g
	UNION ALL
	-- row labels: cohort and size
	SELECT 2, c.row_no, pg_temp.txt(g.x0 - 8, g.y0 + c.row_no * g.ch + 19,
		format('%s  (%s)', to_char(c.cohort, 'YYYY-MM'), pg_temp.n(c.size)), 'e')
	FROM cell c, geo g WHERE c.week = 0
	UNION ALL
	-- column labels
	SELECT 3, w, pg_temp.txt(g.x0 + w * g.cw + (g.cw - 2) / 2, g.y0 - 8, w::text, 'm')
	FROM geo g, generate_series(0, 12) w
	UNION ALL
	SELECT 4, 0, pg_temp.txt(g.x0 + 6.5 * g.cw, g.y0 - 26, 'weeks since the first touch', 'axis m') FROM geo g
	UNION ALL
	SELECT 4, 1, pg_temp.vtxt(20, g.y0 + (SELECT count(DISTINCT cohort) FROM r_retention) * g.ch / 2,
		'cohort: month of first touch (customers)') FROM geo g
	UNION ALL
	-- legend: colour scale
	SELECT 5, q, pg_temp.rect(g.x0 + q * 24, g.y0 + (SELECT count(DISTINCT cohort) FROM r_retention) * g.ch + 22,
			24, 12, pg_temp.heat(q / 10.0), pg_temp.pc(g.top * (q / 10.0) ^ 2))
	FROM geo g, generate_series(0, 10) q
	UNION ALL
	SELECT 6, q, pg_temp.txt(g.x0 + q * 24 + 12, g.y0 + (SELECT count(DISTINCT cohort) FROM r_retention) * g.ch + 48,
			pg_temp.pc(g.top * (q / 10.0) ^ 2), 'sm m')
	FROM geo g, generate_series(0, 10, 5) q
	UNION ALL
	SELECT 7, 0, pg_temp.txt(g.x0 - 8, g.y0 + (SELECT count(DISTINCT cohort) FROM r_retention) * g.ch + 32,
			'retained share', 'leg e')
		|| pg_temp.txt(g.x0 + 11 * 24 + 10, g.y0 + (SELECT count(DISTINCT cohort) FROM r_retention) * g.ch + 32,
			'(square-root scale up to the largest share after week 0; week 0 is 100% by definition)', 'sm')
	FROM geo g
)
SELECT format('<svg width="1150" height="%s" viewBox="0 0 1150 %s" role="img" aria-label="retention cohorts">',
		h, h)
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el, (SELECT 58 + count(DISTINCT cohort) * 30 + 60 AS h FROM r_retention) hh
GROUP BY h;

SELECT '<table class="fig"><tr><th>cohort</th><th>customers</th>'
	|| string_agg(format('<th>week %s</th>', w), '' ORDER BY w) || '</tr>'
	|| (SELECT string_agg(format('<tr><td>%s</td><td>%s</td>%s</tr>', to_char(cohort, 'YYYY-MM'), pg_temp.n(size), cells), '' ORDER BY cohort)
		FROM (SELECT cohort, size, string_agg(format('<td>%s</td>', pg_temp.n(customers)), '' ORDER BY week) AS cells
			FROM r_retention WHERE week IN (1, 2, 4, 8, 12) GROUP BY cohort, size) t)
	|| '</table><p class="note">Customers active in the week (counts behind the shares above).</p></section>'
FROM unnest(ARRAY[1, 2, 4, 8, 12]) w;

/* -------------------------------------------------------------------------
 * Chart 3: Sankey of the first three touches
 * ------------------------------------------------------------------------- */

SELECT $html$<section id="flow">
<h2>3. Flow of the first three touches</h2>
<p class="note">Channels of every customer's first, second and third touch, from
<code>journey.transitions(j, true)</code> over <code>demo.journeys</code>; a band's width is proportional
to the customers who went from one channel to the next, grey "(end)" nodes are journeys that stopped there.
A node of the 2nd touch too small to hold its label has none (its colour names the channel; its figure is in the
last table).</p>$html$;

-- Node geometry: columns at x, nodes w wide (the middle column wide enough
-- to hold its labels), stacked from `top` with `pad` between them.  Labels:
-- left of the first column and right of the last, where no band runs,
-- moved apart where nodes are too close (ly: a forward pass pushes each
-- label at least lh below the one above, a backward pass lifts them back
-- above the bottom); inside the node in the middle column, and left out
-- there when the node is too small to hold it (the figures are in the
-- tables beside the chart).
CREATE TEMP TABLE r_sankey_node AS
WITH geo AS (
	SELECT 60.0::float8 AS top, 500.0::float8 AS hgt, 8.0::float8 AS pad, 13.0::float8 AS lh,
		(SELECT sum(customers) FROM r_node WHERE col = 1)::float8 AS total,
		(SELECT max(c) FROM (SELECT count(*) AS c FROM r_node GROUP BY col) x)::float8 AS maxn
), node AS (
	SELECT n.col, n.label, n.customers, n.ord, g.lh, g.top + g.hgt AS bottom,
		format('%s %s', n.label, pg_temp.n(n.customers)) AS text,
		(g.hgt - g.pad * (g.maxn - 1)) / g.total AS scale,
		g.top + (n.ord - 1) * g.pad
			+ (g.hgt - g.pad * (g.maxn - 1)) / g.total
			  * coalesce(sum(n.customers) OVER (PARTITION BY n.col ORDER BY n.ord
					ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS y,
		(g.hgt - g.pad * (g.maxn - 1)) / g.total * n.customers AS h,
		CASE n.col WHEN 1 THEN 200.0 WHEN 2 THEN 570.0 ELSE 1050.0 END AS x,
		CASE n.col WHEN 2 THEN 150.0 ELSE 14.0 END AS w
	FROM r_node n, geo g
), fwd AS (
	-- label centre pushed down: ly_i = max over j <= i of (c_j + (i - j) lh)
	SELECT node.*, (ord - 1) * lh + max(y + h / 2 - (ord - 1) * lh) OVER (PARTITION BY col ORDER BY ord) AS ly_down,
		count(*) OVER (PARTITION BY col) AS n_col
	FROM node
)
SELECT col, label, customers, ord, scale, y, h, x, w, text,
	-- lifted back above the bottom: min(ly_i, ly_j - (j - i) lh for j > i, bottom - (n - i) lh)
	CASE WHEN col = 2 THEN y + h / 2
		ELSE (ord - 1) * lh + least(min(ly_down - (ord - 1) * lh) OVER (PARTITION BY col ORDER BY ord DESC),
			bottom - (n_col - 1) * lh) END AS ly,
	col <> 2 OR (h >= lh AND 0.62 * 11 * length(text) <= w - 8) AS labelled
FROM fwd;

WITH link AS (
	SELECT l.*, s.x + s.w AS x1, t.x AS x2, s.scale * l.customers AS w,
		s.y + s.scale * coalesce(sum(l.customers) OVER (PARTITION BY l.col, l.src ORDER BY t.ord
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS y1,
		t.y + s.scale * coalesce(sum(l.customers) OVER (PARTITION BY l.col, l.dst ORDER BY s.ord
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS y2
	FROM r_link l
	JOIN r_sankey_node s ON s.col = l.col AND s.label = l.src
	JOIN r_sankey_node t ON t.col = l.col + 1 AND t.label = l.dst
), el(layer, k, svg) AS (
	SELECT 0, 0, pg_temp.legend(60, 20,
		(SELECT array_agg(label ORDER BY min_ord, label) FROM (SELECT label, min(ord) AS min_ord FROM r_node GROUP BY label) x),
		(SELECT array_agg(pg_temp.colour('channel', label) ORDER BY min_ord, label) FROM (SELECT label, min(ord) AS min_ord FROM r_node GROUP BY label) x))
	UNION ALL
	SELECT 1, row_number() OVER (ORDER BY l.col, l.customers DESC, l.src, l.dst),
		format('<path class="link" d="M%s %s C%s %s %s %s %s %s" stroke="%s" stroke-width="%s"><title>%s</title></path>',
			pg_temp.f(l.x1), pg_temp.f(l.y1 + l.w / 2),
			pg_temp.f((l.x1 + l.x2) / 2), pg_temp.f(l.y1 + l.w / 2),
			pg_temp.f((l.x1 + l.x2) / 2), pg_temp.f(l.y2 + l.w / 2),
			pg_temp.f(l.x2), pg_temp.f(l.y2 + l.w / 2),
			pg_temp.colour('channel', l.src), pg_temp.f(greatest(l.w, 0.6)),
			pg_temp.h(format('touch %s → %s: %s → %s, %s customers', l.col, l.col + 1, l.src, l.dst, pg_temp.n(l.customers))))
	FROM link l
	UNION ALL
	SELECT 2, n.col * 100 + n.ord,
		pg_temp.rect(n.x, n.y, n.w, greatest(n.h, 1), pg_temp.colour('channel', n.label),
			format('touch %s: %s, %s customers', n.col, n.label, pg_temp.n(n.customers)))
		|| CASE WHEN NOT n.labelled THEN ''
		WHEN n.col = 2 THEN pg_temp.txt(n.x + n.w / 2, n.ly + 4, n.text, trim('m ' || pg_temp.ink(pg_temp.colour('channel', n.label))))
		ELSE
			-- a leader from the node to its label when the label had to move
			CASE WHEN abs(n.ly - (n.y + n.h / 2)) > greatest(n.h / 2, 3) THEN
				pg_temp.line(CASE WHEN n.col = 1 THEN n.x - 1 ELSE n.x + n.w + 1 END, n.y + n.h / 2,
					CASE WHEN n.col = 1 THEN n.x - 5 ELSE n.x + n.w + 5 END, n.ly, 'lead')
			ELSE '' END
			|| pg_temp.txt(CASE WHEN n.col = 1 THEN n.x - 7 ELSE n.x + n.w + 7 END, n.ly + 4, n.text,
				CASE WHEN n.col = 1 THEN 'e' ELSE '' END)
		END
	FROM r_sankey_node n
	UNION ALL
	SELECT 3, col, pg_temp.txt(x + w / 2, 52, CASE col WHEN 1 THEN '1st touch' WHEN 2 THEN '2nd touch' ELSE '3rd touch' END, 'ttl m')
	FROM (SELECT DISTINCT col, x, w FROM r_sankey_node) c
	UNION ALL
	SELECT 4, 0, pg_temp.txt(625, 590, 'touch number (channel of the customer''s 1st, 2nd and 3rd touch); node and band height ∝ customers', 'axis m')
)
SELECT '<svg width="1220" height="600" viewBox="0 0 1220 600" role="img" aria-label="flow of the first touches">'
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el;

SELECT '<div class="tables"><table class="fig"><tr><th>touch 1 → 2</th><th>customers</th></tr>'
	|| (SELECT string_agg(format('<tr><td>%s → %s</td><td>%s</td></tr>', pg_temp.h(src), pg_temp.h(dst), pg_temp.n(customers)), ''
			ORDER BY customers DESC, src, dst)
		FROM (SELECT * FROM r_link WHERE col = 1 ORDER BY customers DESC, src, dst LIMIT 10) x)
	|| '</table><table class="fig"><tr><th>touch 2 → 3</th><th>customers</th></tr>'
	|| (SELECT string_agg(format('<tr><td>%s → %s</td><td>%s</td></tr>', pg_temp.h(src), pg_temp.h(dst), pg_temp.n(customers)), ''
			ORDER BY customers DESC, src, dst)
		FROM (SELECT * FROM r_link WHERE col = 2 ORDER BY customers DESC, src, dst LIMIT 10) x)
	|| '</table><table class="fig"><tr><th>channel</th><th>1st touch</th><th>2nd touch</th><th>3rd touch</th></tr>'
	|| (SELECT string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>', pg_temp.h(label),
				pg_temp.n(coalesce(c1, 0)), pg_temp.n(coalesce(c2, 0)), pg_temp.n(coalesce(c3, 0))), ''
			ORDER BY label = '(end)', coalesce(c1, 0) DESC, label)
		FROM (SELECT label, sum(customers) FILTER (WHERE col = 1) AS c1, sum(customers) FILTER (WHERE col = 2) AS c2,
				sum(customers) FILTER (WHERE col = 3) AS c3
			FROM r_node GROUP BY label) x)
	|| '</table></div><p class="note">The ten largest links of each step, and the customers per node.</p></section>';

/* -------------------------------------------------------------------------
 * Chart 4: attribution
 * ------------------------------------------------------------------------- */

SELECT $html$<section id="attribution">
<h2>4. Attribution by model</h2>
<p class="note">Conversions (first purchases) credited to each channel under seven models: the rule-based
<code>journey.attribute(j, model, conversion_time =&gt; …)</code> and the data-driven
<code>journey.markov_model</code> and <code>journey.shapley_model</code> over the paths up to the purchase
(and the paths of customers who never bought); the queries of section 15 of <code>test/demo/demo.sql</code>.</p>$html$;

WITH ch AS (
	SELECT label, dense_rank() OVER (ORDER BY markov DESC NULLS LAST, label) - 1 AS row_no
	FROM (SELECT label, sum(conversions) FILTER (WHERE model = 'markov') AS markov
		FROM r_attribution GROUP BY label) x
), geo AS (
	-- bars bh apart (bh - 1 high): room for a 10 px label beside each
	SELECT 150.0::float8 AS x0, 56.0::float8 AS y0, 1000.0::float8 AS pw, 12.0::float8 AS bh,
		7 * 12.0 + 14 AS gh,
		(SELECT count(*) FROM ch)::float8 AS nch,
		-- axis maximum: the largest credit rounded up to a half power of ten
		pg_temp.axis_max((SELECT max(conversions) FROM r_attribution), 5) AS xmax,
		pg_temp.tick((SELECT max(conversions) FROM r_attribution), 5) AS xstep
), bar AS (
	SELECT a.*, c.row_no, m.ord, m.name,
		g.y0 + c.row_no * g.gh + (m.ord - 1) * g.bh AS y,
		g.pw * a.conversions / g.xmax AS w
	FROM r_attribution a JOIN ch c USING (label) JOIN r_model m USING (model), geo g
), el(layer, k, svg) AS (
	SELECT 0, 0, pg_temp.legend(150, 22, (SELECT array_agg(name ORDER BY ord) FROM r_model),
		(SELECT array_agg(pg_temp.colour('model', model) ORDER BY ord) FROM r_model))
	UNION ALL
	SELECT 1, q, pg_temp.line(g.x0 + g.pw * q * g.xstep / g.xmax, g.y0 - 4, g.x0 + g.pw * q * g.xstep / g.xmax,
			g.y0 + g.nch * g.gh - 10, CASE WHEN q = 0 THEN 'base' ELSE 'grid' END)
		|| pg_temp.txt(g.x0 + g.pw * q * g.xstep / g.xmax, g.y0 + g.nch * g.gh + 2, pg_temp.n(q * g.xstep), 'sm m')
	FROM geo g, generate_series(0, round(g.xmax / g.xstep)::int) q
	UNION ALL
	SELECT 2, b.row_no * 10 + b.ord,
		pg_temp.rect(g.x0, b.y, b.w, g.bh - 1, pg_temp.colour('model', b.model),
			format('%s, %s: %s conversions', b.label, b.name, to_char(b.conversions, 'FM999,999,990.0')))
		-- the value beside the bar, centred on it; none for a bar of 0 (in the table)
		|| CASE WHEN round(b.conversions) = 0 THEN ''
			ELSE pg_temp.txt(g.x0 + b.w + 4, b.y + (g.bh - 1) / 2 + 3.5, pg_temp.n(b.conversions), 'sm') END
	FROM bar b, geo g
	UNION ALL
	SELECT 3, c.row_no, pg_temp.txt(g.x0 - 10, g.y0 + c.row_no * g.gh + 3.5 * g.bh + 4, c.label, 'ttl e')
	FROM ch c, geo g
	UNION ALL
	SELECT 4, 0, pg_temp.txt(g.x0 + g.pw / 2, g.y0 + (SELECT count(*) FROM ch) * g.gh + 22,
			'conversions credited (first purchases; every model distributes the same total; bars of 0 are left unlabelled, see the table)', 'axis m')
		|| pg_temp.vtxt(20, g.y0 + (SELECT count(*) FROM ch) * g.gh / 2, 'channel')
	FROM geo g
)
SELECT format('<svg width="1220" height="%s" viewBox="0 0 1220 %s" role="img" aria-label="attribution by model">',
		h, h)
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el, (SELECT 56 + count(*) * (7 * 12 + 14) + 34 AS h FROM (SELECT DISTINCT label FROM r_attribution) x) hh
GROUP BY h;

SELECT '<table class="fig"><tr><th>channel</th>'
	|| (SELECT string_agg(format('<th>%s</th>', pg_temp.h(name)), '' ORDER BY ord) FROM r_model)
	|| '</tr>'
	|| string_agg(format('<tr%s><td>%s</td>%s</tr>', CASE WHEN label IS NULL THEN ' class="total"' ELSE '' END,
		pg_temp.h(coalesce(label, 'total')), cells), '' ORDER BY label IS NULL, markov DESC, label)
	|| '</table></section>'
FROM (SELECT a.label, sum(a.conversions) FILTER (WHERE a.model = 'markov') AS markov,
		string_agg(format('<td>%s</td>', pg_temp.n(a.conversions)), '' ORDER BY m.ord) AS cells
	FROM (SELECT label, model, sum(conversions) AS conversions FROM r_attribution
		GROUP BY GROUPING SETS ((label, model), (model))) a
	JOIN r_model m USING (model)
	GROUP BY a.label) t;

/* -------------------------------------------------------------------------
 * Chart 5: lifecycle stages per department
 * ------------------------------------------------------------------------- */

SELECT format($html$<section id="stages">
<h2>5. Lifecycle stages per department on 2026-12-31</h2>
<p class="note">The lifecycle stage every customer is in on 2026-12-31
(<code>journey.stage_at(entered, stage::journey.lifecycle, '2026-12-31')</code> over <code>demo.stage_history</code>:
the latest stage entered on or before that date), stacked per department owning the stage in the lifecycle model
(<code>journey.stages</code>): %s.</p>$html$,
	string_agg(format('%s owns %s', pg_temp.h(department), pg_temp.h(stages)), '; ' ORDER BY first))
FROM (SELECT department, min(position) AS first, string_agg(stage, ' and ' ORDER BY position) AS stages
	FROM r_stage GROUP BY department) d;

WITH dept AS (
	SELECT department, dense_rank() OVER (ORDER BY min(position)) - 1 AS row_no, sum(customers) AS customers
	FROM r_stage GROUP BY department
), geo AS (
	SELECT 170.0::float8 AS x0, 52.0::float8 AS y0, 900.0::float8 AS pw, 34.0::float8 AS bh, 50.0::float8 AS gap,
		(SELECT sum(customers) FROM r_stage)::float8 AS total,
		pg_temp.axis_max((SELECT max(customers) FROM dept), 5) AS dmax,
		pg_temp.tick((SELECT max(customers) FROM dept), 5) AS dstep
), seg AS (
	SELECT s.*, d.row_no, d.customers AS dept_customers,
		row_number() OVER (PARTITION BY s.department ORDER BY s.position) AS i,
		g.x0 + g.pw / g.dmax * coalesce(sum(s.customers) OVER (PARTITION BY s.department ORDER BY s.position
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS x,
		g.pw / g.dmax * s.customers AS w,
		g.y0 + d.row_no * g.gap AS y
	FROM r_stage s JOIN dept d USING (department), geo g
), el(layer, k, svg) AS (
	SELECT 0, 0, pg_temp.legend(170, 22, (SELECT array_agg(department ORDER BY row_no) FROM dept),
		(SELECT array_agg(pg_temp.colour('department', department) ORDER BY row_no) FROM dept))
	UNION ALL
	SELECT 1, q, pg_temp.line(g.x0 + g.pw * q * g.dstep / g.dmax, g.y0 - 6, g.x0 + g.pw * q * g.dstep / g.dmax,
			g.y0 + (SELECT count(*) FROM dept) * g.gap - 10, CASE WHEN q = 0 THEN 'base' ELSE 'grid' END)
		|| pg_temp.txt(g.x0 + g.pw * q * g.dstep / g.dmax, g.y0 + (SELECT count(*) FROM dept) * g.gap + 4,
			pg_temp.n(q * g.dstep), 'sm m')
	FROM geo g, generate_series(0, round(g.dmax / g.dstep)::int) q
	UNION ALL
	SELECT 2, s.row_no * 10 + s.i,
		format('<g opacity="%s">', CASE WHEN s.i = 1 THEN '1' ELSE '0.62' END)
		|| pg_temp.rect(s.x, s.y, s.w, g.bh, pg_temp.colour('department', s.department),
			format('%s (%s): %s customers, %s of all', s.stage, s.department, pg_temp.n(s.customers), pg_temp.pc(s.customers / g.total)))
		|| '</g>'
		|| format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#fff" stroke-width="2"/>',
			pg_temp.f(s.x), pg_temp.f(s.y), pg_temp.f(s.x), pg_temp.f(s.y + g.bh))
		|| CASE WHEN s.w > 170 + 7 * length(s.stage) THEN
			pg_temp.txt(s.x + s.w / 2, s.y + 22, format('%s %s (%s)', s.stage, pg_temp.n(s.customers), pg_temp.pc(s.customers / g.total)), 'val m w')
		WHEN s.w > 60 + 7 * length(s.stage) THEN
			pg_temp.txt(s.x + s.w / 2, s.y + 22, format('%s %s', s.stage, pg_temp.n(s.customers)), 'sm m w')
		WHEN s.w > 10 + 7 * length(s.stage) THEN pg_temp.txt(s.x + s.w / 2, s.y + 22, s.stage, 'sm m w')
		ELSE '' END
	FROM seg s, geo g
	UNION ALL
	SELECT 3, d.row_no, pg_temp.txt(g.x0 - 10, g.y0 + d.row_no * g.gap + 22, d.department, 'ttl e')
		|| pg_temp.txt(g.x0 + g.pw / g.dmax * d.customers + 6, g.y0 + d.row_no * g.gap + 22,
			format('%s (%s)', pg_temp.n(d.customers), pg_temp.pc(d.customers / g.total)), 'val')
	FROM dept d, geo g
	UNION ALL
	SELECT 4, 0, pg_temp.txt(g.x0 + g.pw / 2, g.y0 + (SELECT count(*) FROM dept) * g.gap + 24,
			'customers in the department''s stages on 2026-12-31 (segments: stages, in lifecycle order)', 'axis m')
		|| pg_temp.vtxt(20, g.y0 + (SELECT count(*) FROM dept) * g.gap / 2, 'owning department')
	FROM geo g
)
SELECT format('<svg width="1220" height="%s" viewBox="0 0 1220 %s" role="img" aria-label="lifecycle stages per department">',
		h, h)
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el, (SELECT 52 + count(DISTINCT department) * 50 + 34 AS h FROM r_stage) hh
GROUP BY h;

SELECT '<table class="fig"><tr><th>stage</th><th class="l">department</th><th>customers</th><th>share</th></tr>'
	|| string_agg(format('<tr><td>%s</td><td class="l">%s</td><td>%s</td><td>%s</td></tr>', pg_temp.h(stage), pg_temp.h(department),
		pg_temp.n(customers), pg_temp.pc(customers::float8 / nullif(total, 0))), '' ORDER BY position)
	|| format('<tr class="total"><td>all</td><td></td><td>%s</td><td>%s</td></tr>', pg_temp.n(min(total)), pg_temp.pc(1))
	|| '</table></section>'
FROM r_stage, (SELECT sum(customers) AS total FROM r_stage) t;

/* -------------------------------------------------------------------------
 * Chart 6: likely buyers this week
 * ------------------------------------------------------------------------- */

SELECT format($html$<section id="likely">
<h2>6. Likely buyers this week</h2>
<p class="note">As of 2026-10-01, the end of the acquisition period (by December only buyers' after-sales touches are
left, so the last week of the year has no one to score): the %s customers who had not purchased and touched the retailer in the
7 days before, scored with a Markov model of the channel journeys fitted on what was known then
(<code>journey.markov_fit(path, conversions, value, nulls, 2)</code> over the journeys cut at 2026-10-01: a buyer's path up to
the first purchase, the journey so far of the others): the probability of buying from where the customer's journey stands
(<code>journey.conversion_probability</code>) and the most likely next channel (<code>journey.next_touch(m, j, 1)</code>),
whose department owns the next move. The ten most likely (ties: the most recent touch first), and — the data runs to the end
of 2026 — whether they did buy afterwards; section 22 of <code>test/demo/demo.sql</code>.</p>$html$,
	(SELECT pg_temp.n(count(*)) FROM r_likely));

WITH geo AS (
	SELECT 230.0::float8 AS x0, 56.0::float8 AS y0, 600.0::float8 AS pw, 24.0::float8 AS rh, 16.0::float8 AS bh,
		least((SELECT count(*) FROM r_likely_rank WHERE overall_rank <= 10), 10)::float8 AS nrow
), top AS (
	SELECT r.* FROM r_likely_rank r WHERE r.overall_rank <= 10
), el(layer, k, svg) AS (
	SELECT 0, 0, pg_temp.legend(230, 22,
		(SELECT array_agg(department ORDER BY department) FROM (SELECT DISTINCT department FROM top) d),
		(SELECT array_agg(pg_temp.colour('department', department) ORDER BY department) FROM (SELECT DISTINCT department FROM top) d))
	UNION ALL
	SELECT 1, q, pg_temp.line(g.x0 + g.pw * q / 5.0, g.y0 - 6, g.x0 + g.pw * q / 5.0, g.y0 + g.nrow * g.rh - 4,
			CASE WHEN q = 0 THEN 'base' ELSE 'grid' END)
		|| pg_temp.txt(g.x0 + g.pw * q / 5.0, g.y0 + g.nrow * g.rh + 8, to_char(q / 5.0, 'FM0.0'), 'sm m')
	FROM geo g, generate_series(0, 5) q
	UNION ALL
	SELECT 2, t.overall_rank,
		pg_temp.rect(g.x0, g.y0 + (t.overall_rank - 1) * g.rh, g.pw * t.probability, g.bh,
			pg_temp.colour('department', t.department),
			format('customer %s: probability %s, next channel %s (%s), last touch %s', t.customer_id,
				to_char(t.probability, 'FM0.000'), coalesce(t.next_channel, '–'), t.department,
				to_char(t.last_touch, 'YYYY-MM-DD HH24:MI')) || coalesce(', bought ' || to_char(t.converted_at, 'YYYY-MM-DD'), ''))
		|| pg_temp.txt(g.x0 - 10, g.y0 + (t.overall_rank - 1) * g.rh + g.bh / 2 + 4,
			format('customer %s · %s', t.customer_id, to_char(t.last_touch, 'Mon DD')), 'e')
		|| pg_temp.txt(g.x0 + g.pw * t.probability + 6, g.y0 + (t.overall_rank - 1) * g.rh + g.bh / 2 + 4,
			format('%s → next: %s (%s) · %s', to_char(t.probability, 'FM0.000'), coalesce(t.next_channel, '–'), t.department,
				coalesce('bought ' || to_char(t.converted_at, 'Mon DD'), 'no purchase by Dec 31')), 'sm')
	FROM top t, geo g
	UNION ALL
	SELECT 3, 0, pg_temp.txt(g.x0 + g.pw / 2, g.y0 + g.nrow * g.rh + 30,
			'probability of buying (journey.conversion_probability); beside the bar: the likely next channel, its department, and what happened', 'axis m')
		|| pg_temp.vtxt(20, g.y0 + g.nrow * g.rh / 2, 'customer · last touch')
	FROM geo g
)
SELECT format('<svg width="1220" height="%s" viewBox="0 0 1220 %s" role="img" aria-label="likely buyers this week">', h, h)
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el, (SELECT 56 + least(count(*), 10) * 24 + 44 AS h FROM r_likely) hh
GROUP BY h;

SELECT '<div class="tables"><table class="fig"><tr><th>department of the next channel</th><th>candidates</th>'
	|| '<th>mean probability</th><th>bought within 7 days</th><th>bought by Dec 31</th></tr>'
	|| coalesce((SELECT string_agg(format('<tr%s><td>%s</td><td>%s</td><td>%s</td><td>%s (%s)</td><td>%s (%s)</td></tr>',
			CASE WHEN department IS NULL THEN ' class="total"' ELSE '' END, pg_temp.h(coalesce(department, 'all')),
			pg_temp.n(candidates), to_char(mean, 'FM0.000'), pg_temp.n(week), pg_temp.pc(week::float8 / candidates),
			pg_temp.n(later), pg_temp.pc(later::float8 / candidates)), '' ORDER BY department IS NULL, candidates DESC, department)
		FROM (SELECT department, count(*) AS candidates, avg(probability) AS mean,
				count(*) FILTER (WHERE converted_at < timestamptz '2026-10-08') AS week,
				count(converted_at) AS later
			FROM r_likely GROUP BY ROLLUP (department)) d), '')
	|| '</table><table class="fig"><tr><th>department</th><th>#</th><th>customer</th><th>probability</th>'
	|| '<th class="l">next channel</th><th>last touch</th><th>bought on</th></tr>'
	|| coalesce((SELECT string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class="l">%s</td><td>%s</td><td>%s</td></tr>',
			pg_temp.h(department), dept_rank, customer_id, to_char(probability, 'FM0.000'),
			pg_temp.h(coalesce(next_channel, '–')), to_char(last_touch, 'YYYY-MM-DD HH24:MI'),
			coalesce(to_char(converted_at, 'YYYY-MM-DD'), '–')), '' ORDER BY department, dept_rank)
		FROM r_likely_rank WHERE dept_rank <= 5), '')
	|| '</table></div><p class="note">Left: the candidates per department owning their likely next channel, and how many of them '
	|| 'bought afterwards (the check of the scores: the data goes on to 2026-12-31). Right: the five most likely buyers of each '
	|| 'department — who to reach this week, and on which channel. The model reads only the last two channels of a journey, so '
	|| 'customers in the same place share a probability.</p></section>';

/* -------------------------------------------------------------------------
 * Chart 7: funnel correlation, Intent -> Purchase
 * ------------------------------------------------------------------------- */

SELECT format($html$<section id="correlation">
<h2>7. What goes with buying after an Intent step</h2>
<p class="note">Of the %s customers who reached Intent in the funnel of chart 1, %s went on to Purchase within the 30 days
and %s did not. Per channel: were the customers who had touched it (before their purchase, or until their 30 days were over)
more or less likely to buy than those who had not? The odds ratio and its 95%% interval, from
<code>journey.funnel_correlation(journey.funnel_correlation_agg(j, interval '30 days', ARRAY['contact', 'interest', 'intent',
'purchase'], 3))</code> over journeys holding every touch's funnel steps and channel (section 23 of
<code>test/demo/demo.sql</code>).</p>$html$,
	pg_temp.n(reached), pg_temp.n(converted), pg_temp.n(dropped))
FROM r_corr_total;

WITH dom AS (
	-- the log axis: every interval and 1/1.25 .. 1.25, within 1/1000 .. 1000
	SELECT greatest(least(min(ln(ci_low)), min(ln(odds_ratio)), -ln(1.25)), -ln(1000)) AS lmin,
		least(greatest(max(ln(ci_high)), max(ln(odds_ratio)), ln(1.25)), ln(1000)) AS lmax
	FROM r_corr WHERE ci_low > 0
), geo AS (
	SELECT 170.0::float8 AS x0, 56.0::float8 AS y0, 620.0::float8 AS pw, 26.0::float8 AS rh, 14.0::float8 AS bh,
		d.lmin - 0.04 * (d.lmax - d.lmin) AS lmin, d.lmax + 0.04 * (d.lmax - d.lmin) AS lmax,
		(SELECT count(*) FROM r_corr)::float8 AS nrow
	FROM dom d
), pos AS (
	SELECT c.*, g.y0 + (c.row_no - 1) * g.rh AS y,
		g.x0 + g.pw * (0 - g.lmin) / (g.lmax - g.lmin) AS x1,
		g.x0 + g.pw * (least(greatest(ln(c.odds_ratio), g.lmin), g.lmax) - g.lmin) / (g.lmax - g.lmin) AS xo,
		g.x0 + g.pw * (least(greatest(ln(c.ci_low), g.lmin), g.lmax) - g.lmin) / (g.lmax - g.lmin) AS xl,
		g.x0 + g.pw * (least(greatest(ln(c.ci_high), g.lmin), g.lmax) - g.lmin) / (g.lmax - g.lmin) AS xh,
		CASE c.verdict WHEN 'buy' THEN '#59a14f' WHEN 'drop' THEN '#e15759' ELSE '#bab0ac' END AS fill
	FROM r_corr c, geo g
), tick AS (
	-- 1, 1.5, 2, 3, 5, 7 times a power of ten on up to 1.2 decades; 1, 2, 5
	-- on up to 2.5; powers of ten beyond (ticks at least 0.15 decade apart)
	SELECT t.v, g.x0 + g.pw * (ln(t.v) - g.lmin) / (g.lmax - g.lmin) AS x
	FROM geo g, (SELECT (10 ^ e * f)::float8 AS v, f FROM generate_series(-3, 3) e,
			unnest(ARRAY[1, 1.5, 2, 3, 5, 7]) f) t
	WHERE ln(t.v) BETWEEN g.lmin AND g.lmax
		AND (t.f = 1 OR (t.f IN (2, 5) AND (g.lmax - g.lmin) / ln(10) <= 2.5)
			OR (g.lmax - g.lmin) / ln(10) <= 1.2)
), el(layer, k, svg) AS (
	SELECT 0, 0, pg_temp.legend(170, 22,
		ARRAY['goes with buying (interval above 1)', 'goes with dropping off (interval below 1)', 'cannot tell (interval includes 1)'],
		ARRAY['#59a14f', '#e15759', '#bab0ac'])
	UNION ALL
	SELECT 1, row_number() OVER (ORDER BY t.v)::int,
		pg_temp.line(t.x, g.y0 - 6, t.x, g.y0 + g.nrow * g.rh - 6, CASE WHEN t.v = 1 THEN 'base' ELSE 'grid' END)
		|| pg_temp.txt(t.x, g.y0 + g.nrow * g.rh + 8, trim_scale(round(t.v::numeric, 3))::text, 'sm m')
	FROM tick t, geo g
	UNION ALL
	SELECT 2, p.row_no::int,
		pg_temp.rect(least(p.x1, p.xo), p.y, abs(p.xo - p.x1), g.bh, p.fill,
			format('%s: odds ratio %s (95%% interval %s – %s), p %s; %s of the buyers and %s of the others had touched it',
				p.label, to_char(p.odds_ratio, 'FM999,990.00'), to_char(p.ci_low, 'FM999,990.00'), to_char(p.ci_high, 'FM999,990.00'),
				pg_temp.pv(p.p_value), pg_temp.n(p.converted), pg_temp.n(p.dropped)))
		|| pg_temp.line(p.xl, p.y + g.bh / 2, p.xh, p.y + g.bh / 2, 'whisk')
		|| pg_temp.line(p.xl, p.y + 2, p.xl, p.y + g.bh - 2, 'whisk')
		|| pg_temp.line(p.xh, p.y + 2, p.xh, p.y + g.bh - 2, 'whisk')
		|| pg_temp.txt(g.x0 - 10, p.y + g.bh / 2 + 4, p.label, 'ttl e')
		|| pg_temp.txt(g.x0 + g.pw + 16, p.y + g.bh / 2 + 4,
			format('× %s  (%s – %s)', to_char(p.odds_ratio, 'FM999,990.00'), to_char(p.ci_low, 'FM999,990.00'),
				to_char(p.ci_high, 'FM999,990.00')), 'sm')
	FROM pos p, geo g
	UNION ALL
	SELECT 3, 0, pg_temp.txt(g.x0 + g.pw / 2, g.y0 + g.nrow * g.rh + 30,
			'odds ratio of buying, log scale: ← goes with dropping off · 1 = no difference · goes with buying →', 'axis m')
		|| pg_temp.txt(g.x0 + g.pw + 16, g.y0 - 10, 'odds ratio (95% interval)', 'sm')
	FROM geo g
)
SELECT format('<svg width="1220" height="%s" viewBox="0 0 1220 %s" role="img" aria-label="funnel correlation intent to purchase">', h, h)
	|| string_agg(svg, '' ORDER BY layer, k) || '</svg>'
FROM el, (SELECT 56 + count(*) * 26 + 40 AS h FROM r_corr) hh
GROUP BY h;

SELECT '<p class="note"><b>How to read it:</b> a bar to the right of the 1 line means the customers who had touched that channel '
	|| 'bought more often after showing intent than those who had not (2 = twice the odds), a bar to the left means they dropped off '
	|| 'more often, and when the whisker (the 95% interval) crosses the 1 line the difference may be chance — it shows what goes with '
	|| 'buying, not what causes it, so test before moving budget.</p>'
	|| '<table class="fig"><tr><th>channel touched</th><th>converted (bought)</th><th>dropped</th><th>odds ratio</th>'
	|| '<th>95% interval</th><th>p value</th></tr>'
	|| string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s – %s</td><td>%s</td></tr>',
		pg_temp.h(label), pg_temp.n(converted), pg_temp.n(dropped), to_char(odds_ratio, 'FM999,990.00'),
		to_char(ci_low, 'FM999,990.00'), to_char(ci_high, 'FM999,990.00'), pg_temp.pv(p_value)), '' ORDER BY row_no)
	|| format('<tr class="total"><td>all who reached Intent</td><td>%s</td><td>%s</td><td></td><td></td><td></td></tr>',
		(SELECT pg_temp.n(converted) FROM r_corr_total), (SELECT pg_temp.n(dropped) FROM r_corr_total))
	|| '</table><p class="note">Converted, dropped: customers who had touched the channel among those who bought and those who did not. '
	|| 'Rows in the order of the chart (largest odds ratio first); the p value is the probability of a difference at least this large '
	|| 'by chance (Fisher''s exact test or Pearson''s chi-square, doc/funnels.md).</p></section>'
FROM r_corr;

SELECT format($html$<footer>journey %s · PostgreSQL %s · %s customers · written by test/demo/report.sql</footer>
</main>
</body>
</html>$html$,
	(SELECT extversion FROM pg_extension WHERE extname = 'journey'),
	current_setting('server_version'),
	(SELECT pg_temp.n(count(*)) FROM demo.journeys));

\o
\pset format aligned
\pset tuples_only off
\echo 'journey report written to' :report
