-- The shared customer model: recording API, identity stitching, erasure,
-- refresh, and what each kind of role can and cannot do.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(74);

-- ---------------------------------------------------------------------------
-- Configuration
-- ---------------------------------------------------------------------------
SELECT results_eq($$SELECT name FROM journey.departments ORDER BY 1$$,
	ARRAY['billing', 'customer service', 'marketing', 'sales'], 'built-in departments');
SELECT lives_ok($$SELECT journey.add_department('partners')$$, 'add_department');
SELECT lives_ok($$SELECT journey.add_department('partners')$$, 'add_department twice is harmless');
SELECT throws_ok($$SELECT journey.add_department('')$$, '22023', 'department name must not be empty', 'empty department');
SELECT lives_ok($$SELECT journey.add_channel('web', 'marketing', true);
	SELECT journey.add_channel('direct', 'marketing', true, true);
	SELECT journey.add_channel('store', 'sales', false);
	SELECT journey.add_channel('phone', 'customer service', false);
	SELECT journey.add_channel('invoice', 'billing', false)$$, 'add_channel');
SELECT throws_ok($$SELECT journey.add_channel('fax', 'nobody', false)$$, '23503',
	'department "nobody" does not exist', 'channel of an unknown department');
SELECT is((SELECT direct FROM journey.channels WHERE name = 'direct'), true, 'direct flag stored');

-- ---------------------------------------------------------------------------
-- Recording
-- ---------------------------------------------------------------------------
SELECT ok(journey.record_touchpoint('c1', 'web', 'visit', '2026-01-01 10:00+00') > 0, 'record_touchpoint returns an id');
SELECT is((SELECT count(*)::int FROM journey.customers WHERE id = 'c1'), 1, 'a new customer is created');
SELECT is((SELECT department FROM journey.touchpoints WHERE customer = 'c1'), 'marketing', 'the department is the channel''s');
SELECT lives_ok($$SELECT journey.record_touchpoint('c1', 'store', 'purchase', '2026-01-03 12:00+00', value => 99.5, campaign => 'winter')$$,
	'record with value and campaign');
SELECT lives_ok($$SELECT journey.record_touchpoint('c1', 'phone', 'complaint', '2026-01-05 09:00+00', department => 'sales')$$,
	'record with an explicit department');
SELECT is((SELECT department FROM journey.touchpoints WHERE event = 'complaint'), 'sales', 'explicit department kept');
SELECT throws_ok($$SELECT journey.record_touchpoint('c1', 'carrier pigeon', 'visit')$$, '23503',
	'channel "carrier pigeon" does not exist', 'unknown channel');
SELECT throws_ok($$SELECT journey.record_touchpoint('c1', 'web', NULL)$$, '22004', NULL, 'NULL event');
SELECT throws_ok($$SELECT journey.record_touchpoint('', 'web', 'visit')$$, '22004', NULL, 'empty customer');
SELECT throws_ok($$SELECT journey.record_touchpoint('c1', 'web', 'visit', department => 'nobody')$$, '23503', NULL, 'unknown department');

-- ---------------------------------------------------------------------------
-- Stages
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE notes (payload jsonb) ON COMMIT DROP;
LISTEN journey_stage;
SELECT lives_ok($$SELECT journey.set_stage('c1', 'lifecycle', 'discovery', '2026-01-01 10:00+00')$$, 'set_stage');
SELECT lives_ok($$SELECT journey.set_stage('c1', 'lifecycle', 'purchase', '2026-01-03 12:00+00', reason => 'order 1')$$, 'move on');
SELECT lives_ok($$SELECT journey.set_stage('c1', 'lifecycle', 'evaluation', '2026-01-10 00:00+00', reason => 'refund')$$, 'moving back is allowed');
SELECT results_eq($$SELECT stage, entered, "left" FROM journey.stage_history WHERE customer = 'c1' ORDER BY entered$$,
	$$VALUES ('discovery', '2026-01-01 10:00+00'::timestamptz, '2026-01-03 12:00+00'::timestamptz),
		('purchase', '2026-01-03 12:00+00', '2026-01-10 00:00+00'),
		('evaluation', '2026-01-10 00:00+00', NULL)$$, 'stage history closes the previous stage');
SELECT is((SELECT department FROM journey.stage_history WHERE customer = 'c1' AND stage = 'purchase'),
	(SELECT department FROM journey.stages WHERE model = 'lifecycle' AND stage = 'purchase'),
	'the department defaults to the stage''s owner');
SELECT is((SELECT journey.regressed(entered, stage::journey.lifecycle) FROM journey.stage_history WHERE customer = 'c1'),
	true, 'the history feeds the stage aggregates');
SELECT lives_ok($$SELECT journey.set_stage('c1', 'lifecycle', 'evaluation', '2026-01-11 00:00+00')$$, 'same stage again: nothing to do');
SELECT is((SELECT count(*)::int FROM journey.stage_history WHERE customer = 'c1'), 3, 'no duplicate stage row');
SELECT throws_ok($$SELECT journey.set_stage('c1', 'lifecycle', 'nirvana')$$, '22P02', NULL, 'unknown stage');
SELECT throws_ok($$SELECT journey.set_stage('c1', 'no_such_model', 'x')$$, '42704',
	'stage model "no_such_model" does not exist', 'unknown model');
SELECT lives_ok($$SELECT journey.set_stage('c1', 'lifecycle', 'loyalty', '2026-01-05 00:00+00')$$,
	'a stage change that arrives late');
SELECT results_eq($$SELECT stage, entered, "left" FROM journey.stage_history WHERE customer = 'c1' ORDER BY entered$$,
	$$VALUES ('discovery', '2026-01-01 10:00+00'::timestamptz, '2026-01-03 12:00+00'::timestamptz),
		('purchase', '2026-01-03 12:00+00', '2026-01-05 00:00+00'),
		('loyalty', '2026-01-05 00:00+00', '2026-01-10 00:00+00'),
		('evaluation', '2026-01-10 00:00+00', NULL)$$, 'is put in its place in the history');

-- ---------------------------------------------------------------------------
-- Refresh: incremental, equal to a recomputation
-- ---------------------------------------------------------------------------
SELECT is(journey.refresh_journeys(), 1::bigint, 'first refresh folds one customer');
SELECT is(journey.refresh_journeys(), 0::bigint, 'nothing new: nothing to do');
SELECT is((SELECT journey FROM journey.customer_journeys WHERE customer = 'c1'),
	(SELECT journey.journey_agg(ts, channel, value::float8) FROM journey.touchpoints WHERE customer = 'c1'),
	'materialized journey = journey_agg of the touchpoints');
SELECT lives_ok($$SELECT journey.record_touchpoint('c1', 'web', 'visit', '2025-12-31 23:00+00')$$, 'a late, earlier touch');
SELECT is(journey.refresh_journeys(), 1::bigint, 'second refresh folds the new touch');
SELECT is((SELECT journey FROM journey.customer_journeys WHERE customer = 'c1'),
	(SELECT journey.journey_agg(ts, channel, value::float8) FROM journey.touchpoints WHERE customer = 'c1'),
	'incremental refresh = recomputation, in time order');
SELECT is((SELECT stages FROM journey.customer_journeys WHERE customer = 'c1'), '{"lifecycle": "evaluation"}'::jsonb,
	'current stage per model');
SELECT is((SELECT first_seen FROM journey.customer_journeys WHERE customer = 'c1'), '2025-12-31 23:00+00'::timestamptz, 'first seen');

-- ---------------------------------------------------------------------------
-- Identity stitching
-- ---------------------------------------------------------------------------
SELECT journey.record_touchpoint('cookie:42', 'web', 'visit', '2025-12-30 08:00+00');
SELECT journey.refresh_journeys();
SELECT is(journey.link_identity('cookie:42', 'c1', 'cookie'), 1::bigint, 'link_identity moves the alias''s touchpoints');
SELECT is((SELECT count(*)::int FROM journey.customers WHERE id = 'cookie:42'), 0, 'the alias is no customer any more');
SELECT is((SELECT journey FROM journey.customer_journeys WHERE customer = 'c1'),
	(SELECT journey.journey_agg(ts, channel, value::float8) FROM journey.touchpoints WHERE customer = 'c1'),
	'journeys merge in time order');
SELECT lives_ok($$SELECT journey.record_touchpoint('cookie:42', 'web', 'visit', '2026-02-01 08:00+00')$$, 'record through an alias');
SELECT is((SELECT customer FROM journey.touchpoints WHERE ts = '2026-02-01 08:00+00'), 'c1', 'an alias resolves to its customer');
SELECT is(journey.link_identity('cookie:42', 'c1'), 0::bigint, 'linking again to the same customer is harmless');
SELECT journey.record_touchpoint('c2', 'web', 'visit', '2026-01-01 00:00+00');
SELECT throws_ok($$SELECT journey.link_identity('cookie:42', 'c2')$$, '23505',
	'alias "cookie:42" is already linked to customer "c1"', 'an alias belongs to one customer');
SELECT throws_ok($$SELECT journey.link_identity('c2', 'c2')$$, '22023', NULL, 'linking to itself');

-- ---------------------------------------------------------------------------
-- Roles: reader, writer for one department, admin
-- ---------------------------------------------------------------------------
CREATE ROLE journey_test_reader;
CREATE ROLE journey_test_marketing;
CREATE ROLE journey_test_admin;
CREATE ROLE journey_test_nobody;
SELECT journey.grant_reader('journey_test_reader');
SELECT journey.grant_writer('journey_test_marketing', 'marketing');
SELECT journey.grant_admin('journey_test_admin');
UPDATE journey.customers SET attributes = '{"email": "c1@example.com"}' WHERE id = 'c1';

SET LOCAL ROLE journey_test_reader;
SELECT is((SELECT count(*)::int FROM journey.touchpoints WHERE customer = 'c1'), 6, 'reader reads touchpoints');
-- c2's touch is not refreshed yet: one journey
SELECT is((SELECT count(*)::int FROM journey.customer_journeys), 1, 'reader reads journeys');
SELECT is((SELECT count(*)::int FROM journey.sales_pipeline), 1, 'reader reads department views');
SELECT throws_ok($$SELECT attributes FROM journey.customers$$, '42501', NULL, 'reader cannot read personal attributes');
SELECT throws_ok($$SELECT attributes FROM journey.touchpoints$$, '42501', NULL, 'reader cannot read touchpoint attributes');
SELECT throws_ok($$SELECT journey.record_touchpoint('c1', 'web', 'visit')$$, '42501', NULL, 'reader cannot record');
SELECT throws_ok($$DELETE FROM journey.touchpoints$$, '42501', NULL, 'reader cannot delete');
RESET ROLE;

SET LOCAL ROLE journey_test_marketing;
SELECT lives_ok($$SELECT journey.record_touchpoint('c3', 'web', 'visit', '2026-03-01 00:00+00')$$, 'marketing records on its channel');
SELECT throws_ok($$SELECT journey.record_touchpoint('c3', 'store', 'purchase', '2026-03-02 00:00+00')$$, '42501', NULL,
	'marketing cannot record for sales');
SELECT throws_ok($$SELECT journey.record_touchpoint('c3', 'web', 'visit', department => 'billing')$$, '42501', NULL,
	'marketing cannot record in billing''s name');
SELECT lives_ok($$SELECT journey.set_stage('c3', 'lifecycle', 'discovery', '2026-03-01 00:00+00')$$,
	'marketing moves a customer into its own stage');
SELECT throws_ok($$SELECT journey.set_stage('c3', 'lifecycle', 'purchase', '2026-03-03 00:00+00')$$, '42501', NULL,
	'marketing cannot record a stage owned by sales');
SELECT throws_ok($$SELECT journey.grant_reader('journey_test_nobody')$$, '42501', NULL, 'writers cannot grant');
RESET ROLE;

SET LOCAL ROLE journey_test_admin;
SELECT lives_ok($$SELECT journey.record_touchpoint('c3', 'store', 'purchase', '2026-03-02 00:00+00')$$, 'admin records for any department');
SELECT lives_ok($$SELECT journey.grant_reader('journey_test_nobody')$$, 'admin grants reader');
RESET ROLE;

SET LOCAL ROLE journey_test_nobody;
SELECT is((SELECT count(*)::int FROM journey.customer_journeys), 1, 'a role granted reader by the admin reads');
RESET ROLE;

-- nothing the extension created is writable by PUBLIC
SELECT is((SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
		aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
	WHERE n.nspname = 'journey' AND a.grantee = 0 AND a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
	0, 'no table is writable by PUBLIC');

-- A touchpoint deleted by hand: the next refresh that touches the customer
-- with an out-of-order touch rebuilds the journey instead of merging.
DELETE FROM journey.touchpoints WHERE customer = 'c1' AND event = 'complaint';
SELECT journey.record_touchpoint('c1', 'web', 'visit', '2026-01-02 00:00+00');
SELECT journey.refresh_journeys();
SELECT is((SELECT journey FROM journey.customer_journeys WHERE customer = 'c1'),
	(SELECT journey.journey_agg(ts, channel, value::float8) FROM journey.touchpoints WHERE customer = 'c1'),
	'a journey whose touchpoints changed by hand is rebuilt');

-- ---------------------------------------------------------------------------
-- Erasure and retention
-- ---------------------------------------------------------------------------
SELECT results_eq($$SELECT what, removed FROM journey.forget_customer('cookie:42') ORDER BY 1$$,
	$$VALUES ('aliases', 1::bigint), ('customers', 1), ('journeys', 1), ('stage changes', 4), ('touchpoints', 6)$$,
	'forget_customer (through an alias) removes every trace and says what');
SELECT is((SELECT count(*)::int FROM journey.touchpoints WHERE customer = 'c1')
	+ (SELECT count(*)::int FROM journey.identities WHERE customer = 'c1'), 0, 'nothing of c1 is left');
SELECT journey.refresh_journeys();
SELECT results_eq($$SELECT what, removed FROM journey.purge_before('2026-03-01 12:00+00') ORDER BY 1$$,
	$$VALUES ('journeys', 1::bigint), ('stage changes', 0), ('touchpoints', 2)$$,
	'purge_before removes old touchpoints and the journeys with nothing left');

-- ---------------------------------------------------------------------------
-- References without foreign keys (any restore order; doc/model.md)
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM pg_constraint WHERE contype = 'f'
	AND connamespace = 'journey'::regnamespace), 0, 'no foreign key between the model''s tables');
SELECT is_empty($$SELECT * FROM journey.check_model()$$, 'check_model: every reference resolves');
SELECT throws_ok($$SELECT journey.set_stage('c2', 'lifecycle', 'loyalty', department => 'nobody')$$, '23503',
	NULL, 'set_stage: unknown department');
SELECT journey.add_department('ref_test');
SELECT journey.add_channel('ref_channel', 'ref_test', false);
SELECT journey.record_touchpoint('ref_c', 'ref_channel', 'visit', '2026-04-01 00:00+00');
SELECT throws_ok($$DELETE FROM journey.channels WHERE name = 'ref_channel'$$, '23503', NULL,
	'a channel with touchpoints cannot be deleted');
UPDATE journey.departments SET name = 'ref_renamed' WHERE name = 'ref_test';
SELECT is((SELECT department FROM journey.touchpoints WHERE customer = 'ref_c')
	|| '/' || (SELECT department FROM journey.channels WHERE name = 'ref_channel'),
	'ref_renamed/ref_renamed', 'renaming a department renames it in channels and touchpoints');
DELETE FROM journey.customers WHERE id = 'ref_c';
SELECT is((SELECT count(*)::int FROM journey.touchpoints WHERE customer = 'ref_c'), 0,
	'deleting a customer deletes its touchpoints');
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('ghost', '2026-04-01 00:00+00', 'ref_channel', 'ref_renamed', 'visit');
SELECT results_eq($$SELECT relation, "column", missing, rows FROM journey.check_model()$$,
	$$VALUES ('touchpoints', 'customer', 'ghost', 1::bigint)$$, 'check_model reports a touchpoint without its customer');
SELECT throws_ok($$DELETE FROM journey.departments WHERE name = 'ref_renamed'$$, '23503', NULL,
	'a department in use cannot be deleted');

SELECT * FROM finish();
ROLLBACK;
