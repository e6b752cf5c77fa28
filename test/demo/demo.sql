/*
 * test/demo/demo.sql — what `make demo` shows.
 *
 *   psql -v ON_ERROR_STOP=1 -X -f test/demo/demo.sql DBNAME
 *
 * Generates the demo data set (schema demo, see data.sql), creates the
 * extension and prints a few answers.  Every run prints the same output.
 */
\set ON_ERROR_STOP on
\set QUIET on
\pset pager off
\pset format wrapped
\pset columns 120
SET client_min_messages = warning;
SET timezone = 'UTC';

\echo 'journey demo: generating a fictional retailer (schema demo, 100,000 customers) ...'
\ir data.sql
SET client_min_messages = warning;

SELECT (SELECT count(*) FROM demo.customers) AS customers,
	(SELECT count(*) FROM demo.events) AS events,
	(SELECT count(*) FROM demo.stage_history) AS stage_changes;

CREATE EXTENSION IF NOT EXISTS journey;

/* =========================================================================
 * The queries.  They use the journey API as specified; adjust them here
 * when it changes.
 * ========================================================================= */

\echo
\echo '== 1. Five customers, one journey value each: every touch, in time order'
SELECT customer_id, journey.journey_agg(ts, channel) AS journey
FROM demo.events
WHERE customer_id <= 5
GROUP BY 1
ORDER BY 1;

\echo
\echo '== 2. The same journeys as paths of channels'
SELECT customer_id, journey.length(j) AS touches, journey.path(j) AS path
FROM (SELECT customer_id, journey.journey_agg(ts, channel) AS j
	FROM demo.events
	WHERE customer_id <= 5
	GROUP BY 1) s
ORDER BY 1;

-- One journey per customer, over the touches customers make (billing's
-- invoices and refunds left out), stored once and questioned many times.
CREATE TABLE demo.journeys AS
SELECT customer_id, journey.journey_agg(ts, channel) AS j
FROM demo.events
WHERE department <> 'billing'
GROUP BY customer_id;

\echo
\echo '== 3. Channel switching: customers whose last touch is on another channel than their first'
SELECT count(*) FILTER (WHERE journey.first_touch(j) <> journey.last_touch(j)) AS switched,
	count(*) AS customers,
	round(100.0 * count(*) FILTER (WHERE journey.first_touch(j) <> journey.last_touch(j))
		/ count(*), 1) AS pct
FROM demo.journeys;

\echo
\echo '== 4. Most frequent first -> last channel pairs among them'
SELECT journey.first_touch(j) AS first_channel,
	journey.last_touch(j) AS last_channel,
	count(*) AS customers
FROM demo.journeys
WHERE journey.first_touch(j) <> journey.last_touch(j)
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2
LIMIT 10;

\echo
\echo '== 5. Lifecycle stage of every customer on 2026-12-31'
SELECT stage, count(*) AS customers
FROM (SELECT customer_id,
		journey.stage_at(entered, stage::journey.lifecycle, timestamptz '2026-12-31') AS stage
	FROM demo.stage_history
	GROUP BY customer_id) s
GROUP BY stage
ORDER BY stage;

\echo
\echo '== 6. Customers who moved back to an earlier stage (refund, or lapsed after loyalty)'
SELECT CASE WHEN grouping(c.archetype) = 1 THEN 'all' ELSE c.archetype END AS archetype,
	count(*) FILTER (WHERE r.regressed) AS moved_back,
	count(*) AS customers
FROM (SELECT customer_id, journey.regressed(entered, stage::journey.lifecycle) AS regressed
	FROM demo.stage_history
	GROUP BY customer_id) r
JOIN demo.customers c USING (customer_id)
GROUP BY ROLLUP (c.archetype)
ORDER BY grouping(c.archetype), c.archetype;

/* =========================================================================
 * Funnels
 * ========================================================================= */

-- The acquisition funnel: a contact (any touch: every customer makes one),
-- then interest in a product (viewed online, seen in a store, or browsed in
-- the print catalog), then an intent to buy (a cart or a wish list online, a
-- try-on in a store, or a call to the phone order line: catalog and phone
-- customers have no cart), then a purchase, in this order and all within 30
-- days of the first.  Every channel's buyers can pass every step.  An event
-- counts for each step it satisfies: a product view is also a contact.
CREATE TEMP TABLE funnel AS
SELECT customer_id,
	journey.window_funnel(interval '30 days', ts,
		true,
		event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received'),
		event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound'),
		event = 'purchase') AS reached,
	journey.window_funnel_times(interval '30 days', ts,
		true,
		event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received'),
		event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound'),
		event = 'purchase') AS times,
	min(ts) AS first_touch
FROM demo.events
WHERE department <> 'billing'
GROUP BY customer_id;

\echo
\echo '== 7. Acquisition funnel per first channel (steps within 30 days; pct: purchased / contacted)'
SELECT coalesce(journey.first_touch(j.j), 'all') AS first_channel,
	count(*) AS customers,
	count(*) FILTER (WHERE reached >= 1) AS contacted,
	count(*) FILTER (WHERE reached >= 2) AS interested,
	count(*) FILTER (WHERE reached >= 3) AS intent,
	count(*) FILTER (WHERE reached >= 4) AS purchased,
	round(100.0 * count(*) FILTER (WHERE reached >= 4)
		/ nullif(count(*) FILTER (WHERE reached >= 1), 0), 1) AS pct
FROM funnel f JOIN demo.journeys j USING (customer_id)
GROUP BY ROLLUP (journey.first_touch(j.j))
ORDER BY grouping(journey.first_touch(j.j)), 6 DESC, 1;

\echo
\echo '== 8. Time to convert: median hours from the first touch to the funnel steps of the buyers, and between them'
-- (The chain of steps may start at the product touch itself, which is also
-- a contact: the hours to interest are counted from the first touch.)
SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM times[2] - first_touch)) / 3600)::numeric, 1) AS first_touch_to_interest,
	round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM times[3] - times[2])) / 3600)::numeric, 1) AS interest_to_intent,
	round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM times[4] - times[3])) / 3600)::numeric, 1) AS intent_to_purchase,
	round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM times[4] - first_touch)) / 3600)::numeric, 1) AS first_touch_to_purchase,
	count(*) AS buyers
FROM funnel
WHERE reached = 4;

\echo
\echo '== 9. The same funnel over stored journeys of events (journey.funnel; same answers)'
-- A journey has one label per touch, and a step event is also a contact:
-- it enters the journey twice at the same time, as 'contact' and as its step
-- (events at the same time may be taken in any order).
SELECT count(*) FILTER (WHERE s.reached = f.reached) AS same, count(*) AS customers
FROM (SELECT customer_id,
		journey.funnel(journey.journey_agg(ts, label), interval '30 days',
			'contact', 'interest', 'intent', 'purchase') AS reached
	FROM demo.events,
		LATERAL (VALUES ('contact'), (CASE
			WHEN event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received') THEN 'interest'
			WHEN event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound') THEN 'intent'
			WHEN event = 'purchase' THEN 'purchase' END)) l(label)
	WHERE department <> 'billing' AND label IS NOT NULL
	GROUP BY customer_id) s
JOIN funnel f USING (customer_id);

/* =========================================================================
 * Retention and sessions
 * ========================================================================= */

\echo
\echo '== 10. Retention cohorts: share of each month''s new customers active again N weeks later'
SELECT to_char(cohort, 'YYYY-MM') AS cohort, count(*) AS customers,
	round(100.0 * count(*) FILTER (WHERE 1 = ANY (weeks)) / count(*), 1) AS week_1,
	round(100.0 * count(*) FILTER (WHERE 2 = ANY (weeks)) / count(*), 1) AS week_2,
	round(100.0 * count(*) FILTER (WHERE 4 = ANY (weeks)) / count(*), 1) AS week_4,
	round(100.0 * count(*) FILTER (WHERE 8 = ANY (weeks)) / count(*), 1) AS week_8,
	round(100.0 * count(*) FILTER (WHERE 12 = ANY (weeks)) / count(*), 1) AS week_12
FROM (SELECT customer_id, date_trunc('month', min(ts)) AS cohort,
		journey.activity_buckets(ts, interval '7 days', 13) AS weeks
	FROM demo.events
	WHERE department <> 'billing'
	GROUP BY customer_id) s
WHERE cohort < '2026-10-01'
GROUP BY cohort
ORDER BY cohort;

\echo
\echo '== 11. ClickHouse-style retention: of the customers who visited, who added to a cart, who bought'
SELECT r[1] AS visited, r[2] AS carted, r[3] AS bought, count(*) AS customers
FROM (SELECT customer_id,
		journey.retention(event IN ('visit', 'store_visit', 'app_open'), event = 'add_to_cart', event = 'purchase') AS r
	FROM demo.events GROUP BY customer_id) s
GROUP BY 1, 2, 3
ORDER BY 1 DESC, 2 DESC, 3 DESC;

\echo
\echo '== 12. Sessions (30 minutes of inactivity end one) by the channel that opened them'
SELECT split_part(s.path, ' > ', 1) AS opened_by, count(*) AS sessions,
	round(avg(s.events), 2) AS touches_per_session,
	round(avg(extract(epoch FROM s.ended - s.started) / 60)::numeric, 1) AS avg_minutes
FROM demo.journeys, journey.sessions(j, interval '30 minutes') s
GROUP BY 1
ORDER BY 2 DESC, 1;

/* =========================================================================
 * Paths
 * ========================================================================= */

\echo
\echo '== 13. Top paths to purchase: the three channels before the first purchase'
SELECT array_to_string(p, ' > ') AS path_to_purchase, count(*) AS customers
FROM (SELECT customer_id, journey.path_before(ts, channel, event = 'purchase', 3) AS p
	FROM demo.events
	WHERE department <> 'billing'
	GROUP BY customer_id) s
WHERE p IS NOT NULL
GROUP BY p
ORDER BY 2 DESC, 1
LIMIT 8;

\echo
\echo '== 14. Flow of the first steps (the links of a Sankey chart)'
SELECT t.step, coalesce(t.from_label, '(start)') AS from_channel,
	coalesce(t.to_label, '(end)') AS to_channel, count(*) AS customers,
	round((avg(t.seconds) / 86400)::numeric, 1) AS avg_days
FROM demo.journeys, journey.transitions(j, true) t
WHERE t.step < 2
GROUP BY 1, 2, 3
ORDER BY 1, 4 DESC, 2, 3
LIMIT 12;

/* =========================================================================
 * Attribution
 * ========================================================================= */

-- The conversion is a customer's first purchase; its revenue is that
-- purchase's value; the touches are the customer's touches up to it.
CREATE TEMP TABLE conversions AS
SELECT DISTINCT ON (customer_id) customer_id, ts AS converted_at, value AS revenue
FROM demo.events
WHERE event = 'purchase'
ORDER BY customer_id, ts;
CREATE TEMP TABLE dept_journeys AS
SELECT customer_id, journey.journey_agg(ts, department) AS j
FROM demo.events
WHERE department <> 'billing'
GROUP BY customer_id;

-- Credits of every model, per label, for journeys of one dimension.
CREATE FUNCTION pg_temp.attribution(journeys regclass)
RETURNS TABLE (label text, model text, conversions float8, revenue float8)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format($q$
		SELECT a.label, m, sum(a.credit), sum(a.credit * c.revenue)
		FROM %s s
		JOIN conversions c USING (customer_id),
			unnest(ARRAY['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay']) m,
			journey.attribute(s.j, m, conversion_time => c.converted_at) a
		GROUP BY 1, 2
		UNION ALL
		SELECT x.label, r.model, x.conversions, x.value
		FROM (SELECT 'markov' AS model, journey.markov_model(path, conv, revenue, nulls) AS credits
			  FROM paths
			  UNION ALL
			  SELECT 'shapley', journey.shapley_model(path, conv, revenue, nulls)
			  FROM paths) r, unnest(r.credits) x
	$q$, journeys) USING journeys;
END $$;

\echo
\echo '== 15. Which channels earned the purchases: conversions credited under each model'
CREATE TEMP VIEW paths AS
SELECT CASE WHEN c.converted_at IS NULL THEN s.j
		ELSE journey.slice(s.j, NULL, c.converted_at + interval '1 microsecond') END AS path,
	(c.converted_at IS NOT NULL)::int::float8 AS conv,
	coalesce(c.revenue, 0)::float8 AS revenue,
	(c.converted_at IS NULL)::int::float8 AS nulls
FROM demo.journeys s LEFT JOIN conversions c USING (customer_id);
SELECT label AS channel,
	round(sum(conversions) FILTER (WHERE model = 'first_touch')) AS first_touch,
	round(sum(conversions) FILTER (WHERE model = 'last_touch')) AS last_touch,
	round(sum(conversions) FILTER (WHERE model = 'linear')) AS linear,
	round(sum(conversions) FILTER (WHERE model = 'position_based')) AS position,
	round(sum(conversions) FILTER (WHERE model = 'time_decay')) AS time_decay,
	round(sum(conversions) FILTER (WHERE model = 'markov')) AS markov,
	round(sum(conversions) FILTER (WHERE model = 'shapley')) AS shapley,
	round(sum(revenue) FILTER (WHERE model = 'markov')) AS markov_revenue
FROM pg_temp.attribution('demo.journeys')
GROUP BY 1
ORDER BY markov DESC, 1;

\echo
\echo '== 16. And which departments: the same models over journeys of departments'
CREATE OR REPLACE TEMP VIEW paths AS
SELECT CASE WHEN c.converted_at IS NULL THEN s.j
		ELSE journey.slice(s.j, NULL, c.converted_at + interval '1 microsecond') END AS path,
	(c.converted_at IS NOT NULL)::int::float8 AS conv,
	coalesce(c.revenue, 0)::float8 AS revenue,
	(c.converted_at IS NULL)::int::float8 AS nulls
FROM dept_journeys s LEFT JOIN conversions c USING (customer_id);
SELECT label AS department,
	round(sum(conversions) FILTER (WHERE model = 'first_touch')) AS first_touch,
	round(sum(conversions) FILTER (WHERE model = 'last_touch')) AS last_touch,
	round(sum(conversions) FILTER (WHERE model = 'linear')) AS linear,
	round(sum(conversions) FILTER (WHERE model = 'position_based')) AS position,
	round(sum(conversions) FILTER (WHERE model = 'time_decay')) AS time_decay,
	round(sum(conversions) FILTER (WHERE model = 'markov')) AS markov,
	round(sum(conversions) FILTER (WHERE model = 'shapley')) AS shapley,
	round(sum(revenue) FILTER (WHERE model = 'markov')) AS markov_revenue
FROM pg_temp.attribution('dept_journeys')
GROUP BY 1
ORDER BY markov DESC, 1;

/* =========================================================================
 * The shared customer model: every department records through one API
 * ========================================================================= */

\echo
\echo '== 17. Recording 2,000 customers through the API: channels, touchpoints (anonymous web visits under a cookie), stage changes'
SELECT count(journey.add_channel(channel, department, online)) AS channels FROM demo.channels;
-- Web visits before a customer first identifies on another channel are
-- anonymous: they are recorded under a cookie, stitched to the customer
-- afterwards.
CREATE TEMP TABLE api_events AS
SELECT e.*, (e.channel = 'web' AND e.ts < coalesce(
		(SELECT min(x.ts) FROM demo.events x WHERE x.customer_id = e.customer_id AND x.channel <> 'web'),
		'infinity')) AS anonymous
FROM demo.events e
WHERE e.customer_id <= 2000;
SELECT count(*) AS touchpoints_recorded,
	count(*) FILTER (WHERE anonymous) AS anonymous_web_visits
FROM (SELECT journey.record_touchpoint(
		CASE WHEN anonymous THEN 'cookie:' || customer_id ELSE customer_id::text END,
		channel, event, ts, value::numeric, department => department) AS id, anonymous
	FROM api_events ORDER BY ts) r;
SELECT count(*) AS cookies_stitched, sum(moved) AS touchpoints_moved
FROM (SELECT journey.link_identity('cookie:' || customer_id, customer_id::text, 'cookie') AS moved
	FROM (SELECT DISTINCT customer_id FROM api_events WHERE anonymous) a
	ORDER BY customer_id) l;
SELECT count(*) AS stage_changes
FROM (SELECT journey.set_stage(customer_id::text, 'lifecycle', stage, entered)
	FROM demo.stage_history WHERE customer_id <= 2000 ORDER BY entered) s;
SELECT journey.refresh_journeys() AS journeys_refreshed;
SELECT (SELECT count(*) FROM journey.customers) AS customers,
	(SELECT count(*) FROM journey.customer_journeys
	 WHERE journey OPERATOR(journey.=) (SELECT journey.journey_agg(ts, channel, value)
		FROM api_events a WHERE a.customer_id::text = customer)) AS journeys_equal_to_the_raw_events;

\echo
\echo '== 18. Marketing: acquisition by first channel'
SELECT first_channel, first_department, sum(customers) AS customers
FROM journey.marketing_acquisition
GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 6;

\echo
\echo '== 19. Sales: the pipeline (current lifecycle stage), and lead handoff from marketing to sales'
SELECT stage, owner, customers
FROM journey.sales_pipeline WHERE model = 'lifecycle'
ORDER BY stage::journey.lifecycle;
SELECT count(*) AS leads_handed_off,
	justify_hours(date_trunc('minute', percentile_cont(0.5) WITHIN GROUP (ORDER BY handoff))) AS median_handoff
FROM journey.sales_lead_handoff;

\echo
\echo '== 20. Customer service: contacts, contacts after purchase, waits at handoffs between departments'
SELECT count(*) AS customers_in_contact, sum(contacts) AS contacts,
	sum(contacts_after_purchase) AS after_purchase
FROM journey.service_contacts;
SELECT from_department, to_department, count(*) AS handoffs,
	justify_hours(date_trunc('minute', percentile_cont(0.5) WITHIN GROUP (ORDER BY waited))) AS median_wait
FROM journey.service_handoffs
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 8;

\echo
\echo '== 21. Billing: amounts invoiced and refunded by the lifecycle stage the customer was in'
-- journey.billing_revenue sums the billing touches with a value per customer
-- and stage: invoices are positive, refunds negative.  A refund sends the
-- customer back to evaluation, so the refunds land there: shown apart from
-- the invoices rather than as a negative revenue.
SELECT coalesce(stage, 'all') AS stage, count(DISTINCT customer) AS customers,
	coalesce(sum(revenue) FILTER (WHERE revenue > 0), 0) AS invoiced,
	coalesce(-sum(revenue) FILTER (WHERE revenue < 0), 0) AS refunded,
	sum(revenue) AS net_revenue,
	coalesce(sum(payments) FILTER (WHERE revenue > 0), 0) AS invoices,
	coalesce(sum(payments) FILTER (WHERE revenue < 0), 0) AS refunds
FROM journey.billing_revenue WHERE model = 'lifecycle'
GROUP BY ROLLUP (stage) ORDER BY grouping(stage), stage::journey.lifecycle;

/* =========================================================================
 * Scoring and funnel correlation
 * ========================================================================= */

\echo
\echo '== 22. Likely buyers this week, as of 2026-10-01: customers with no purchase yet who touched the retailer in the 7 days before,'
\echo '       scored by a Markov model of the channel journeys (order 2) fitted on what was known then; the top 5 per department'
\echo '       owning their likely next channel, and whether they did buy afterwards (the data runs to the end of 2026)'
-- "Today" is 2026-10-01, the end of the demo's acquisition period (new
-- customers arrive in the first nine months; by December only buyers'
-- after-sales touches are left, so the last week of the year has no one to
-- score).  Everything is cut there: each journey is sliced before today,
-- and the model is journey.markov_fit over the paths of section 15 as
-- they stood (a path up to the first purchase for those who had bought, the
-- journey so far of the others).  The candidates: no purchase before today
-- and a touch in the last 7 days; each scored on their journey so far: the
-- probability of buying (journey.conversion_probability) and the most
-- likely next channel (journey.next_touch, k = 1), whose department owns
-- the next move.  Ties go to the most recent touch, then the customer id.
-- What happened after today is the check: who bought within a week, and
-- by the end of the year.
CREATE TEMP TABLE likely_known AS
SELECT s.customer_id, journey.slice(s.j, NULL, timestamptz '2026-10-01') AS j,
	c.converted_at, c.revenue, coalesce(c.converted_at < timestamptz '2026-10-01', false) AS had_bought
FROM demo.journeys s LEFT JOIN conversions c USING (customer_id);
CREATE TEMP TABLE likely_model AS
SELECT journey.markov_fit(
		CASE WHEN had_bought THEN journey.slice(j, NULL, converted_at + interval '1 microsecond') ELSE j END,
		had_bought::int::float8, CASE WHEN had_bought THEN revenue ELSE 0 END::float8,
		(NOT had_bought)::int::float8, 2) AS m
FROM likely_known;
CREATE TEMP TABLE likely AS
SELECT k.customer_id, journey.last_time(k.j) AS last_touch,
	journey.conversion_probability(m.m, k.j) AS probability,
	n.label AS next_channel, coalesce(ch.department, '(no next channel)') AS department, k.converted_at
FROM likely_known k
CROSS JOIN likely_model m
LEFT JOIN LATERAL journey.next_touch(m.m, k.j, 1) n ON true
LEFT JOIN demo.channels ch ON ch.channel = n.label
WHERE NOT k.had_bought
	AND journey.last_time(k.j) >= timestamptz '2026-10-01' - interval '7 days';
SELECT coalesce(department, 'all') AS department, count(*) AS candidates,
	round(avg(probability)::numeric, 3) AS mean_probability,
	count(*) FILTER (WHERE converted_at < timestamptz '2026-10-08') AS bought_within_7_days,
	count(converted_at) AS bought_by_dec_31
FROM likely
GROUP BY ROLLUP (department)
ORDER BY grouping(department), 2 DESC, 1;
SELECT department, customer_id AS customer, round(probability::numeric, 3) AS probability,
	next_channel, to_char(last_touch, 'YYYY-MM-DD HH24:MI') AS last_touch,
	coalesce(to_char(converted_at, 'YYYY-MM-DD'), '–') AS bought_on
FROM (SELECT l.*, row_number() OVER (PARTITION BY department
			ORDER BY probability DESC, last_touch DESC, customer_id) AS rank
	FROM likely l) r
WHERE rank <= 5
ORDER BY department, rank;

\echo
\echo '== 23. What goes with buying after an intent step: funnel correlation of the channels touched (Intent -> Purchase of section 7)'
-- One journey per customer with, for every touch, the funnel steps it is
-- (contact, and interest, intent or purchase as in section 7) and its
-- channel.  Of the customers who reached Intent, those who went on to
-- Purchase within the 30 days against those who did not: which channels
-- they had touched (before the purchase, or until their 30 days were over).
-- Odds ratio above 1: the channel goes with buying; below 1: with dropping
-- off; the 95 % interval crossing 1: the data cannot tell.
CREATE TEMP TABLE step_journeys AS
SELECT customer_id, journey.journey_agg(ts, label ORDER BY ts, label) AS j
FROM demo.events,
	LATERAL (VALUES ('contact'), (CASE
		WHEN event IN ('view_product', 'store_visit', 'catalog_request', 'catalog_received') THEN 'interest'
		WHEN event IN ('add_to_cart', 'wishlist', 'try_on', 'call_inbound') THEN 'intent'
		WHEN event = 'purchase' THEN 'purchase' END), (channel)) l(label)
WHERE department <> 'billing' AND label IS NOT NULL
GROUP BY customer_id;
SELECT label AS channel, converted, dropped, round(odds_ratio::numeric, 2) AS odds_ratio,
	round(ci_low::numeric, 2) || ' – ' || round(ci_high::numeric, 2) AS ci_95,
	CASE WHEN p_value < 0.0001 THEN '< 0.0001' ELSE round(p_value::numeric, 4)::text END AS p_value
FROM journey.funnel_correlation(
	(SELECT journey.funnel_correlation_agg(j, interval '30 days',
			ARRAY['contact', 'interest', 'intent', 'purchase'], 3)
		FROM step_journeys));
