/*
 * test/demo/model.sql — the demo retailer, recorded into the shared customer
 * model through its API, so that every recipe of doc/cookbook.md (which
 * reads journey.touchpoints, journey.customer_journeys, journey.stage_history
 * and the department views) has data to show.  One command, in a database of
 * its own:
 *
 *   createdb journey_try
 *   psql -v ON_ERROR_STOP=1 -f test/demo/model.sql journey_try
 *
 * It creates the extension if missing, generates the demo data set
 * (test/demo/data.sql, schema demo; 2,000 customers unless -v
 * demo_customers=N says otherwise) and records it the way applications do:
 * journey.add_channel for the nine channels, journey.record_touchpoint for
 * every event (anonymous web visits under a cookie, stitched to the customer
 * with journey.link_identity once they identify), journey.set_stage for the
 * lifecycle stages, then journey.refresh_journeys.  Customers are recorded
 * under their demo id ('1', '2', ...).  Needs the privileges of a journey
 * admin (the database owner who created the extension has them).
 */
\if :{?demo_customers}
\else
\set demo_customers 2000
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
\ir data.sql

\echo 'recording the demo into the shared customer model (journey.*) through the API ...'
SELECT count(journey.add_channel(channel, department, online)) AS channels FROM demo.channels;
-- Web visits before a customer first identifies on another channel are
-- anonymous: recorded under a cookie, stitched to the customer afterwards.
CREATE TEMP TABLE demo_api_events AS
SELECT e.*, (e.channel = 'web' AND e.ts < coalesce(
		(SELECT min(x.ts) FROM demo.events x WHERE x.customer_id = e.customer_id AND x.channel <> 'web'),
		'infinity')) AS anonymous
FROM demo.events e;
SELECT count(*) AS touchpoints_recorded,
	count(*) FILTER (WHERE anonymous) AS anonymous_web_visits
FROM (SELECT journey.record_touchpoint(
		CASE WHEN anonymous THEN 'cookie:' || customer_id ELSE customer_id::text END,
		channel, event, ts, value::numeric, department => department) AS id, anonymous
	FROM demo_api_events ORDER BY ts, customer_id) r;
SELECT count(*) AS cookies_stitched, coalesce(sum(moved), 0) AS touchpoints_moved
FROM (SELECT journey.link_identity('cookie:' || customer_id, customer_id::text, 'cookie') AS moved
	FROM (SELECT DISTINCT customer_id FROM demo_api_events WHERE anonymous) a
	ORDER BY customer_id) l;
SELECT count(*) AS stage_changes
FROM (SELECT journey.set_stage(customer_id::text, 'lifecycle', stage, entered)
	FROM demo.stage_history ORDER BY entered, customer_id) s;
SELECT journey.refresh_journeys() AS journeys_refreshed;
DROP TABLE demo_api_events;
ANALYZE journey.touchpoints, journey.customers, journey.stage_history, journey.customer_journey_data;
