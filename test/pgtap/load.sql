-- Bulk loading into the customer model: journey.load_touchpoints (results,
-- every error with its SQLSTATE, privileges, alias resolution, customer
-- creation, journeys equal to journey_agg from scratch) and the two ways
-- refresh_journeys folds a large queue (build) and a small one (merge).
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(61);

-- The error an SQL text raises, as 'SQLSTATE message | detail | hint'.
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	msg text;
	det text;
	hin text;
BEGIN
	EXECUTE sql;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT;
	RETURN concat_ws(' | ', SQLSTATE || ' ' || msg, det, hin);
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.error_of(text) TO PUBLIC;

\ir lib/journey_diff.sql

SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('email', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.add_channel('phone', 'customer service', false);
SELECT journey.record_touchpoint('known', 'web', 'visit', '2026-01-01 09:00+00');
SELECT journey.link_identity('cookie:7', 'known');

-- ---------------------------------------------------------------------------
-- A load
-- ---------------------------------------------------------------------------
CREATE TABLE staging (customer text, channel text, event text, at timestamptz, value numeric,
					  campaign text, attributes jsonb, department text, note text);
INSERT INTO staging VALUES
	('b1', 'web', 'visit', '2026-01-02 10:00+00', NULL, 'spring', NULL, NULL, 'extra columns are ignored'),
	('b1', 'store', 'purchase', '2026-01-03 10:00+00', 120.50, NULL, '{"order": 1}', NULL, NULL),
	('b2', 'email', 'open', '2026-01-02 11:00+00', NULL, NULL, NULL, NULL, NULL),
	('b2', 'phone', 'question', '2026-01-04 11:00+00', NULL, NULL, NULL, 'sales', NULL),
	('cookie:7', 'web', 'visit', '2026-01-05 08:00+00', NULL, NULL, NULL, NULL, NULL),
	('known', 'store', 'purchase', '2026-01-06 08:00+00', 40, NULL, NULL, NULL, NULL);

SELECT results_eq($$SELECT * FROM journey.load_touchpoints('staging')$$,
	$$VALUES (6::bigint, 2::bigint, 3::bigint)$$,
	'load_touchpoints returns the rows loaded, the customers created and the journeys refreshed');
SELECT results_eq($$SELECT customer, ts, channel, department, event, value, campaign, attributes
					 FROM journey.touchpoints WHERE customer <> 'known' ORDER BY customer, ts$$,
	$$VALUES ('b1', '2026-01-02 10:00+00'::timestamptz, 'web', 'marketing', 'visit', NULL::numeric, 'spring', NULL::jsonb),
		('b1', '2026-01-03 10:00+00', 'store', 'sales', 'purchase', 120.50, NULL, '{"order": 1}'),
		('b2', '2026-01-02 11:00+00', 'email', 'marketing', 'open', NULL, NULL, NULL),
		('b2', '2026-01-04 11:00+00', 'phone', 'sales', 'question', NULL, NULL, NULL)$$,
	'touchpoints: every column, the department the channel''s unless given');
SELECT results_eq($$SELECT id FROM journey.customers ORDER BY id$$, ARRAY['b1', 'b2', 'known'],
	'new ids become customers, an alias does not');
SELECT results_eq($$SELECT event, ts FROM journey.touchpoints WHERE customer = 'known' ORDER BY ts$$,
	$$VALUES ('visit', '2026-01-01 09:00+00'::timestamptz), ('visit', '2026-01-05 08:00+00'), ('purchase', '2026-01-06 08:00+00')$$,
	'an alias is recorded for its customer');
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'the journeys equal journey_agg from scratch');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints) + (SELECT count(*)::int FROM journey.pending_batches), 0,
	'nothing left queued');
SELECT is((SELECT count(*)::int FROM journey.check_model()), 0, 'check_model finds nothing missing');

-- again, as a view with ts for at, varchar and float8 columns, no refresh
CREATE VIEW staging_v AS
SELECT customer::varchar AS customer, channel::varchar(20) AS channel, event, at + interval '30 days' AS ts,
	value::float8 AS value
FROM staging;
SELECT results_eq($$SELECT * FROM journey.load_touchpoints('staging_v', refresh => false)$$,
	$$VALUES (6::bigint, 0::bigint, NULL::bigint)$$, 'a view with ts, varchar and float8; no refresh');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 6, 'the loaded touchpoints are queued');
SELECT is((SELECT count(*)::int FROM journey.pending_batches), 0, '6 rows: queued as rows, not as an array');
SELECT is((SELECT count(*)::int FROM journey.touchpoints), 13, 'every row loaded');
SELECT is(journey.refresh_journeys(), 3::bigint, 'refresh_journeys folds them in');
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'journeys equal journey_agg from scratch after a second load');

-- a load in a transaction with record_touchpoint, and an empty source
SELECT lives_ok($$SELECT journey.record_touchpoint('b3', 'web', 'visit', '2026-03-01 00:00+00')$$, 'record_touchpoint');
CREATE TABLE staging_empty (LIKE staging);
SELECT results_eq($$SELECT * FROM journey.load_touchpoints('staging_empty')$$,
	$$VALUES (0::bigint, 0::bigint, 1::bigint)$$, 'an empty source loads nothing (the refresh folds the queue)');

-- ---------------------------------------------------------------------------
-- Errors: each names the first offending row; nothing is written
-- ---------------------------------------------------------------------------
CREATE TABLE bad (LIKE staging);
SELECT count(*) AS before FROM journey.touchpoints \gset

INSERT INTO bad VALUES ('e1', 'web', 'visit', '2026-05-01', NULL, NULL, NULL, NULL, NULL),
	('e2', 'tv', 'visit', '2026-05-01', NULL, NULL, NULL, NULL, NULL),
	('e3', 'radio', 'visit', '2026-05-01', NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '23503', 'channel "tv" does not exist', 'unknown channel: 23503');
SELECT alike(pg_temp.error_of($$SELECT journey.load_touchpoints('bad')$$),
	'%| Row 2 of public.bad: customer ''e2'', channel ''tv'', event ''visit'', at ''2026-05-01 00:00:00+00'', department NULL. | Add it with journey.add_channel(name, department, online).',
	'the error names the offending row, with record_touchpoint''s hint');

TRUNCATE bad;
INSERT INTO bad VALUES ('e1', 'web', 'visit', '2026-05-01', NULL, NULL, NULL, 'nobody', NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '23503', 'department "nobody" does not exist', 'unknown department: 23503');
TRUNCATE bad;
INSERT INTO bad VALUES ('e1', 'web', NULL, '2026-05-01', NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '22004', 'event and time of a touchpoint must not be NULL', 'NULL event: 22004');
TRUNCATE bad;
INSERT INTO bad VALUES ('e1', 'web', 'visit', NULL, NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '22004', 'event and time of a touchpoint must not be NULL', 'NULL time: 22004');
TRUNCATE bad;
INSERT INTO bad VALUES ('e1', NULL, 'visit', '2026-05-01', NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '22004', 'channel of a touchpoint must not be NULL', 'NULL channel: 22004');
TRUNCATE bad;
INSERT INTO bad VALUES ('', 'web', 'visit', '2026-05-01', NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '22004', 'customer must not be empty', 'empty customer: 22004');
TRUNCATE bad;
INSERT INTO bad VALUES (NULL, 'web', 'visit', '2026-05-01', NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '22004', 'customer must not be empty', 'NULL customer: 22004');
-- the order of the checks is record_touchpoint's
TRUNCATE bad;
INSERT INTO bad VALUES ('', 'tv', NULL, '2026-05-01', NULL, NULL, NULL, NULL, NULL);
SELECT throws_ok($$SELECT journey.load_touchpoints('bad')$$, '22004', 'event and time of a touchpoint must not be NULL',
	'a row with several faults: the first check of record_touchpoint');
SELECT throws_ok($$SELECT journey.record_touchpoint('', 'tv', NULL, '2026-05-01')$$, '22004', 'event and time of a touchpoint must not be NULL',
	'(record_touchpoint, for comparison)');
SELECT is((SELECT count(*) FROM journey.touchpoints), :before::bigint, 'no touchpoint written by a failed load');
SELECT is((SELECT count(*)::int FROM journey.customers WHERE id LIKE 'e%'), 0, 'no customer created by a failed load');

-- the source's columns
CREATE TABLE no_event (customer text, channel text, at timestamptz);
SELECT throws_ok($$SELECT journey.load_touchpoints('no_event')$$, '42703', 'source public.no_event has no column "event"', 'a missing column: 42703');
CREATE TABLE both_times (customer text, channel text, event text, at timestamptz, ts timestamptz);
SELECT throws_ok($$SELECT journey.load_touchpoints('both_times')$$, '42702', 'source public.both_times has both a column "at" and a column "ts"',
	'at and ts: 42702');
CREATE TABLE int_time (customer text, channel text, event text, at integer);
SELECT throws_ok($$SELECT journey.load_touchpoints('int_time')$$, '42804', 'column "at" of public.int_time has type integer, not timestamp with time zone',
	'a column of the wrong type: 42804');
CREATE TABLE text_value (customer text, channel text, event text, at timestamptz, value text);
SELECT throws_ok($$SELECT journey.load_touchpoints('text_value')$$, '42804', 'column "value" of public.text_value has type text, not numeric',
	'an optional column of the wrong type: 42804');
SELECT throws_ok($$SELECT journey.load_touchpoints(NULL)$$, '22004', 'source and refresh must not be NULL', 'NULL source: 22004');
SELECT throws_ok($$SELECT journey.load_touchpoints('no_such_table')$$, '42P01', NULL, 'no such table: 42P01');

-- ---------------------------------------------------------------------------
-- Privileges: a writer loads for its department only, like record_touchpoint
-- ---------------------------------------------------------------------------
CREATE ROLE journey_test_reader;
CREATE ROLE journey_test_marketing;
CREATE ROLE journey_test_admin;
SELECT journey.grant_reader('journey_test_reader');
SELECT journey.grant_writer('journey_test_marketing', 'marketing');
SELECT journey.grant_admin('journey_test_admin');
CREATE TABLE mkt (LIKE staging);
INSERT INTO mkt VALUES ('m1', 'web', 'visit', '2026-06-01', NULL, NULL, NULL, NULL, NULL),
	('m1', 'email', 'open', '2026-06-02', NULL, NULL, NULL, NULL, NULL);
CREATE TABLE mixed (LIKE staging);
INSERT INTO mixed VALUES ('m2', 'web', 'visit', '2026-06-01', NULL, NULL, NULL, NULL, NULL),
	('m2', 'store', 'purchase', '2026-06-02', NULL, NULL, NULL, NULL, NULL);
CREATE TABLE in_sales_name (LIKE staging);
INSERT INTO in_sales_name VALUES ('m3', 'web', 'visit', '2026-06-01', NULL, NULL, NULL, 'sales', NULL);
GRANT SELECT ON mkt, mixed, in_sales_name TO journey_test_marketing, journey_test_reader, journey_test_admin;

SET LOCAL ROLE journey_test_marketing;
SELECT results_eq($$SELECT * FROM journey.load_touchpoints('mkt', refresh => false)$$,
	$$VALUES (2::bigint, 1::bigint, NULL::bigint)$$, 'a marketing writer loads marketing touchpoints');
SELECT throws_ok($$SELECT journey.load_touchpoints('mixed', refresh => false)$$, '42501',
	'permission denied to record touchpoints for department "sales"', 'a marketing writer cannot load a sales touchpoint');
SELECT is(pg_temp.error_of($$SELECT journey.load_touchpoints('mixed', refresh => false)$$),
	regexp_replace(pg_temp.error_of($$SELECT journey.record_touchpoint('m2', 'store', 'purchase', '2026-06-02')$$),
				   'for it\.', 'for it. Row 2 of public.mixed: customer ''m2'', channel ''store'', event ''purchase'', at ''2026-06-02 00:00:00+00'', department NULL.'),
	'the same error as record_touchpoint, naming the row');
SELECT throws_ok($$SELECT journey.load_touchpoints('in_sales_name', refresh => false)$$, '42501',
	'permission denied to record touchpoints for department "sales"', 'a marketing writer cannot load in sales'' name');
SELECT throws_ok($$SELECT journey.load_touchpoints('mkt')$$, '42501', 'permission denied to refresh the journeys',
	'a writer cannot refresh: 42501 before anything is loaded');
SELECT throws_ok($$SELECT journey.load_touchpoints('staging', refresh => false)$$, '42501', NULL,
	'a writer cannot read a table it has no SELECT on');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM journey.touchpoints WHERE customer IN ('m2', 'm3')), 0, 'nothing of the refused loads');

SET LOCAL ROLE journey_test_reader;
SELECT throws_ok($$SELECT journey.load_touchpoints('mkt', refresh => false)$$, '42501', NULL, 'a reader cannot load');
RESET ROLE;

SET LOCAL ROLE journey_test_admin;
SELECT results_eq($$SELECT loaded, customers_created FROM journey.load_touchpoints('mixed')$$,
	$$VALUES (2::bigint, 1::bigint)$$, 'an admin loads for every department, and refreshes');
RESET ROLE;
SELECT is(has_table_privilege('journey_test_admin', 'journey.pending_batches', 'SELECT')
		  AND has_table_privilege('journey_test_admin', 'journey.pending_batches', 'UPDATE')
		  AND has_table_privilege('journey_test_admin', 'journey.pending_batches', 'DELETE'), true,
	'an admin may read, update and delete the queued arrays');
-- the rows of the queue without its arrays are not enough to refresh
CREATE ROLE journey_test_half;
SELECT journey.grant_writer('journey_test_half', 'marketing');
GRANT SELECT, DELETE ON journey.pending_touchpoints TO journey_test_half;
GRANT SELECT, INSERT, UPDATE ON journey.customer_journey_data TO journey_test_half;
SET LOCAL ROLE journey_test_half;
SELECT throws_ok($$SELECT journey.load_touchpoints('mkt')$$, '42501', 'permission denied to refresh the journeys',
	'without DELETE on the queued arrays: 42501 before anything is loaded');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'journeys equal journey_agg from scratch after the admin''s load');

-- load_touchpoints is an invoker function, executable by PUBLIC like record_touchpoint
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'journey.load_touchpoints(regclass, boolean)'::regprocedure), false,
	'load_touchpoints runs with the caller''s rights');
SELECT is((SELECT proconfig FROM pg_proc WHERE oid = 'journey.load_touchpoints(regclass, boolean)'::regprocedure),
	ARRAY['search_path=pg_catalog, pg_temp'], 'load_touchpoints pins search_path');

-- ---------------------------------------------------------------------------
-- refresh_journeys: build (a large queue) and merge (a small one)
-- ---------------------------------------------------------------------------
SELECT journey.refresh_journeys();
ANALYZE journey.touchpoints;
CREATE TABLE many (customer text, channel text, event text, at timestamptz, value numeric);
-- new customers and known ones, before and after their stored journeys
INSERT INTO many
SELECT CASE WHEN g % 3 = 0 THEN 'b' || (1 + g % 2) ELSE 'n' || (g % 40) END,
	(ARRAY['web', 'email', 'store', 'phone'])[1 + g % 4], CASE WHEN g % 10 = 0 THEN 'purchase' ELSE 'visit' END,
	timestamptz '2025-12-01' + g * interval '37 minutes', CASE WHEN g % 10 = 0 THEN g END
FROM generate_series(1, 400) g;
SELECT is((SELECT loaded FROM journey.load_touchpoints('many', refresh => false)), 400::bigint, '400 more touchpoints');
SELECT is((SELECT array_agg(cardinality(touchpoints)) FROM journey.pending_batches), '{400}'::int[],
	'400 rows: queued as one array');
SELECT is(journey.refresh_journeys(), 42::bigint, 'a large queue: 42 journeys built (40 new, 2 stored)');
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'journeys equal journey_agg from scratch after building');
ANALYZE journey.touchpoints;
TRUNCATE many;
INSERT INTO many VALUES ('b1', 'web', 'visit', '2025-11-01', NULL), ('n1', 'store', 'purchase', '2027-01-01', 5);
SELECT is((SELECT loaded FROM journey.load_touchpoints('many', refresh => false)), 2::bigint, '2 more touchpoints');
SELECT is(journey.refresh_journeys(), 2::bigint, 'a small queue: 2 journeys merged');
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'journeys equal journey_agg from scratch after merging');
-- a restore queues every touchpoint again: a large queue, built, nothing counted twice
INSERT INTO journey.pending_touchpoints SELECT id FROM journey.touchpoints;
INSERT INTO journey.pending_touchpoints SELECT id FROM journey.touchpoints WHERE customer = 'b1';
INSERT INTO journey.pending_batches SELECT array_agg(id) FROM journey.touchpoints WHERE customer IN ('b1', 'b2');
SELECT is(journey.refresh_journeys(), (SELECT count(DISTINCT customer) FROM journey.touchpoints), 'every touchpoint queued (b1 three times, b2 twice, as rows and in an array): every journey rebuilt');
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'journeys equal journey_agg from scratch: nothing counted twice');
-- nothing stored (the journeys emptied by hand) and a small queue: every
-- customer's journey is built, not only those of the queued touchpoints
DELETE FROM journey.customer_journey_data;
TRUNCATE many;
INSERT INTO many VALUES ('b2', 'web', 'visit', '2028-01-01', NULL);
SELECT is((SELECT loaded FROM journey.load_touchpoints('many', refresh => false)), 1::bigint, '1 more touchpoint');
SELECT is(journey.refresh_journeys(), (SELECT count(DISTINCT customer) FROM journey.touchpoints), 'nothing stored, a small queue: every journey built');
SELECT is((SELECT count(*)::int FROM pg_temp.journey_diff), 0, 'journeys equal journey_agg from scratch after building from nothing');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 0, 'the queue is empty');
SELECT is((SELECT count(*)::int FROM journey.pending_batches), 0, 'no array left');

SELECT * FROM finish();
ROLLBACK;
