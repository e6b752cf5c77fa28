-- journey from psql: record touchpoints, watch stage changes, read a funnel
-- and an attribution table, handle errors by SQLSTATE.
--
--   psql -X -v ON_ERROR_STOP=1 -f test/clients/psql/journey_example.sql DBNAME
--
-- The database must have the extension (CREATE EXTENSION journey) and an
-- empty customer model.  Prints TAP lines ("ok 1 - ..."); the stage
-- notifications psql prints as "Asynchronous notification ..." are checked
-- by test/clients/psql/run.sh, which also prints the closing summary.
-- Values go into statements as parameters of prepared statements (PREPARE /
-- EXECUTE) or as psql variables quoted with :'name', never pasted into SQL.

\set QUIET on
\pset format unaligned
\pset tuples_only on
SET client_min_messages = warning;

-- A tiny TAP helper: pg_temp.ok(condition, description) records the result
-- and returns the TAP line.
CREATE TEMP TABLE tap (n serial, pass boolean NOT NULL, description text NOT NULL);
CREATE FUNCTION pg_temp.ok(pass boolean, description text) RETURNS text
	LANGUAGE sql
	AS $$
	INSERT INTO tap (pass, description) VALUES (coalesce(pass, false), description)
	RETURNING CASE WHEN pass THEN '' ELSE 'not ' END || 'ok ' || n || ' - ' || description
$$;

-------------------------------------------------------------------------------
-- 1. Configure channels, record touchpoints, stitch an identity, change a
--    stage while LISTENing on journey_stage
-------------------------------------------------------------------------------

-- Stage changes are announced with NOTIFY journey_stage; psql prints each
-- notification after the command that committed it.
LISTEN journey_stage;

-- add_channel(name, department, online, direct)
PREPARE channel(text, text, boolean, boolean) AS
	SELECT journey.add_channel(name => $1, department => $2, online => $3, direct => $4);
EXECUTE channel('web', 'marketing', true, false) \g /dev/null
EXECUTE channel('email', 'marketing', true, false) \g /dev/null
EXECUTE channel('store', 'sales', false, false) \g /dev/null
EXECUTE channel('direct', 'marketing', true, true) \g /dev/null

SELECT pg_temp.ok(count(*) = 4, 'four channels configured')
FROM journey.channels WHERE name IN ('web', 'email', 'store', 'direct');

-- record_touchpoint(customer, channel, event, at, value) returns the id
PREPARE touch(text, text, text, timestamptz, numeric) AS
	SELECT journey.record_touchpoint(customer => $1, channel => $2, event => $3,
									 at => $4, value => $5) AS id;

-- Alice finds us on the web, is sent an e-mail, fills her cart.
\set customer alice
EXECUTE touch(:'customer', 'web', 'visit', '2026-01-05 10:00:00+00', NULL) \gset first_
EXECUTE touch(:'customer', 'email', 'cart', '2026-01-06 09:00:00+00', NULL) \gset
SELECT pg_temp.ok(:first_id > 0 AND :id > :first_id, 'record_touchpoint returns increasing ids');

PREPARE stage(text, text, text, timestamptz, text) AS
	SELECT journey.set_stage(customer => $1, model => $2, stage => $3, at => $4, reason => $5);
EXECUTE stage(:'customer', 'lifecycle', 'discovery', '2026-01-05 10:00:00+00', NULL) \g /dev/null

-- Her order: the purchase and the stage change belong together, so they
-- go in one transaction (the notification is delivered when it commits).
BEGIN;
EXECUTE touch(:'customer', 'store', 'purchase', '2026-01-08 15:00:00+00', 120) \gset
EXECUTE stage(:'customer', 'lifecycle', 'purchase', '2026-01-08 15:00:00+00', 'order 1001') \g /dev/null
COMMIT;

SELECT pg_temp.ok(count(*) = 2 AND bool_and(stage = CASE WHEN "left" IS NULL THEN 'purchase' ELSE 'discovery' END),
				  'alice moved from discovery to purchase')
FROM journey.stage_history WHERE customer = 'alice' AND model = 'lifecycle';

-- Bob visits, and fills his cart two weeks later.  Dave buys in the store.
BEGIN;
EXECUTE touch('bob', 'web', 'visit', '2026-01-05 11:00:00+00', NULL) \g /dev/null
EXECUTE touch('bob', 'web', 'cart', '2026-01-20 11:00:00+00', NULL) \g /dev/null
EXECUTE touch('dave', 'store', 'purchase', '2026-01-09 12:00:00+00', 50) \g /dev/null
COMMIT;

-- An anonymous visitor, known only by a cookie, logs in as carol: the
-- cookie is linked to her, and what it did becomes hers.
EXECUTE touch('cookie-7f3a', 'web', 'visit', '2026-01-10 08:00:00+00', NULL) \g /dev/null
PREPARE link(text, text, text) AS
	SELECT journey.link_identity(alias => $1, customer => $2, source => $3) AS moved;
EXECUTE link('cookie-7f3a', 'carol', 'web cookie') \gset
SELECT pg_temp.ok(:moved = 1, 'link_identity moved the cookie''s touchpoint to carol');
-- Recording for the alias now records for carol.
EXECUTE touch('cookie-7f3a', 'email', 'cart', '2026-01-11 08:00:00+00', NULL) \gset
PREPARE owner(bigint) AS SELECT customer AS owner FROM journey.touchpoints WHERE id = $1;
EXECUTE owner(:id) \gset
SELECT pg_temp.ok(:'owner' = 'carol', 'a touchpoint recorded for the cookie belongs to carol');
EXECUTE touch('carol', 'direct', 'purchase', '2026-01-12 08:00:00+00', 80) \g /dev/null

-------------------------------------------------------------------------------
-- 2. The funnel: visit -> cart -> purchase within 7 days
-------------------------------------------------------------------------------

PREPARE funnel(interval, text, text, text) AS
	SELECT customer,
		   journey.window_funnel($1, ts, event = $2, event = $3, event = $4) AS reached
	FROM journey.touchpoints
	GROUP BY customer;

CREATE TEMP TABLE funnel AS EXECUTE funnel('7 days', 'visit', 'cart', 'purchase');
SELECT '# funnel: ' || string_agg(customer || ' ' || reached, ', ' ORDER BY customer) FROM funnel;
SELECT pg_temp.ok(string_agg(customer || '=' || reached, ' ' ORDER BY customer)
				  = 'alice=3 bob=1 carol=3 dave=0', 'funnel levels: alice 3, bob 1, carol 3, dave 0')
FROM funnel;

-------------------------------------------------------------------------------
-- 3. Attribution
-------------------------------------------------------------------------------

SELECT journey.refresh_journeys() AS refreshed \gset
SELECT pg_temp.ok(:refreshed = 4, 'refresh_journeys updated 4 customers');

-- Markov removal effect over the marketing paths; markov_model returns a
-- journey.credit[]: unnest it into rows in SQL.
CREATE TEMP TABLE markov AS
SELECT (unnest(journey.markov_model(path, conversions, value, nulls))).*
FROM journey.marketing_paths;
SELECT '# markov: ' || label || ' conversions ' || round(conversions::numeric, 4)
	   || ' value ' || round(value::numeric, 2)
FROM markov ORDER BY label;
SELECT pg_temp.ok(abs(sum(conversions) - (SELECT sum(conversions) FROM journey.marketing_paths)) < 1e-9
				  AND abs(sum(value) - 250) < 1e-9 AND abs(sum(weight) - 1) < 1e-9,
				  'markov credits sum to the 3 conversions and their value 250')
FROM markov;
SELECT pg_temp.ok(abs(conversions - 6.0 / 7) < 1e-9, 'markov: web earns 6/7 of a conversion')
FROM markov WHERE label = 'web';

-- A heuristic model per channel over the stored journeys: each converted
-- journey, up to its first purchase, credits its last non-direct channel.
PREPARE attribution(text, text) AS
	SELECT a.label AS channel, sum(a.credit) AS conversions
	FROM journey.customer_journeys cj
	JOIN (SELECT customer, min(ts) AS purchased FROM journey.touchpoints
		  WHERE event = $2 GROUP BY customer) p USING (customer),
		 journey.attribute(cj.journey, $1, conversion_time => p.purchased) a
	GROUP BY a.label;
CREATE TEMP TABLE attribution AS EXECUTE attribution('last_non_direct', 'purchase');
SELECT '# last_non_direct: ' || string_agg(channel || ' ' || conversions, ', ' ORDER BY channel) FROM attribution;
SELECT pg_temp.ok(string_agg(channel || '=' || conversions, ' ' ORDER BY channel) = 'direct=0 email=1 store=2 web=0',
				  'last_non_direct: store 2, email 1, direct and web 0')
FROM attribution;
SELECT pg_temp.ok(sum(conversions) = (SELECT count(DISTINCT customer) FROM journey.touchpoints WHERE event = 'purchase'),
				  'attributed credits sum to the 3 converted customers')
FROM attribution;

-------------------------------------------------------------------------------
-- 4. Errors: psql keeps the SQLSTATE of the last error in LAST_ERROR_SQLSTATE
-------------------------------------------------------------------------------

\set ON_ERROR_STOP 0
\echo '# three expected errors follow'

-- An unknown channel (23503) in the middle of a batch: the whole batch is
-- rolled back.
BEGIN;
EXECUTE touch('erin', 'web', 'visit', '2026-01-15 10:00:00+00', NULL) \g /dev/null
EXECUTE touch('erin', 'fax', 'visit', '2026-01-15 10:05:00+00', NULL) \g /dev/null
\set err_channel :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT pg_temp.ok(:'err_channel' = '23503', 'unknown channel: SQLSTATE 23503');
SELECT pg_temp.ok(NOT EXISTS (SELECT FROM journey.customers WHERE id = 'erin'),
				  'the batch with the bad touchpoint was rolled back');

-- Malformed journey text (22P02).
\set bad_journey 'web@not a time'
SELECT journey.length(:'bad_journey'::journey.journey);
\set err_journey :LAST_ERROR_SQLSTATE
SELECT pg_temp.ok(:'err_journey' = '22P02', 'malformed journey text: SQLSTATE 22P02');

-- An unknown attribution model (22023).
SELECT * FROM journey.attribute(ARRAY['web', 'email'], 'u_shaped');
\set err_model :LAST_ERROR_SQLSTATE
SELECT pg_temp.ok(:'err_model' = '22023', 'unknown attribution model: SQLSTATE 22023');

\set ON_ERROR_STOP 1
SELECT pg_temp.ok(count(*) = 9, 'nothing else was recorded') FROM journey.touchpoints;

-------------------------------------------------------------------------------
-- 5. Real-time scores: a score rule scores every customer after each
--    touchpoint with a fitted journey.markov; crossing its threshold is
--    announced with NOTIFY journey_score (checked by run.sh)
-------------------------------------------------------------------------------

LISTEN journey_score;
-- A model as text (usually journey.markov_fit over marketing_paths): from
-- web a customer converts with probability 0.2, from email 0.8.
\set model 'order=1; [] p=0.3 v=30 c=0 w=0 -> email:0.5, web:0.5; [email] p=0.8 v=80 c=0.8 w=80; [web] p=0.2 v=20 c=0 w=0 -> email:0.25'
SELECT journey.add_score_rule('likely buyer', :'model', 0.5, 'marketing') \g /dev/null
-- Frank: web (0.2, below 0.5 as before), email (0.8: up), web (0.2: down).
EXECUTE touch('frank', 'web', 'visit', '2026-01-20 10:00:00+00', NULL) \g /dev/null
EXECUTE touch('frank', 'email', 'open', '2026-01-21 10:00:00+00', NULL) \g /dev/null
EXECUTE touch('frank', 'web', 'visit', '2026-01-22 10:00:00+00', NULL) \g /dev/null
SELECT pg_temp.ok(probability = 0.2 AND NOT above_threshold, 'frank''s current score: 0.2, below 0.5')
FROM journey.customer_scores WHERE customer = 'frank' AND rule = 'likely buyer';
SELECT journey.drop_score_rule('likely buyer') \g /dev/null
SELECT pg_temp.ok(NOT EXISTS (SELECT FROM journey.customer_scores WHERE rule = 'likely buyer'),
				  'the rule is dropped');

SELECT '# ' || count(*) FILTER (WHERE pass) || ' passed, ' || count(*) FILTER (WHERE NOT pass)
	   || ' failed in SQL' FROM tap;
