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
