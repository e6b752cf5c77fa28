-- Security review (doc/security.md): SECURITY DEFINER functions pin
-- search_path; a marketing writer cannot touch another department's rows
-- through any API function; a reader reaches no personal data; erasure
-- leaves no trace.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(62);

-- The error an SQL text raises, as 'SQLSTATE message detail hint' (NULL if none).
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
	RETURN concat_ws(' ', SQLSTATE, msg, det, hin);
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.error_of(text) TO PUBLIC;

-- ---------------------------------------------------------------------------
-- SECURITY DEFINER functions
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM pg_proc p
		   JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'journey'
		   WHERE p.prosecdef
			 AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%')),
	0, 'every SECURITY DEFINER function of journey pins search_path');
SELECT is((SELECT count(*)::int FROM pg_proc p
		   JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'journey'
		   WHERE p.prosecdef
			 AND EXISTS (SELECT FROM unnest(p.proconfig) c
						 WHERE c LIKE 'search\_path=%' AND c <> 'search_path=pg_catalog, pg_temp')),
	0, 'their search_path is pg_catalog, pg_temp (pg_temp last)');
SELECT is((SELECT count(*)::int FROM pg_proc p
		   JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'journey',
			aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
		   WHERE p.prosecdef AND a.grantee = 0 AND a.privilege_type = 'EXECUTE'),
	0, 'no SECURITY DEFINER function is executable by PUBLIC');
SELECT is((SELECT array_agg(p.proname::text ORDER BY p.proname) FROM pg_proc p
		   JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'journey'
		   WHERE p.prosecdef),
	ARRAY['grant_admin', 'grant_reader', 'grant_writer', 'model_references', 'queue_touchpoint'],
	'the SECURITY DEFINER functions are the ones doc/security.md reviews');

-- ---------------------------------------------------------------------------
-- A model with two departments' rows
-- ---------------------------------------------------------------------------
SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.record_touchpoint('s1', 'web', 'visit', '2026-01-01 10:00+00');
SELECT journey.record_touchpoint('s1', 'store', 'quote', '2026-01-02 10:00+00');
SELECT journey.record_touchpoint('s1', 'store', 'purchase', '2026-01-05 10:00+00', 120);
SELECT journey.link_identity('mail:s1@example.com', 's1', 'e-mail');
SELECT journey.set_stage('s1', 'lifecycle', 'discovery', '2026-01-01 10:00+00');
SELECT journey.set_stage('s1', 'lifecycle', 'evaluation', '2026-01-05 10:00+00', 'quote 1');
SELECT journey.record_touchpoint('s2', 'store', 'visit', '2026-01-03 10:00+00');
UPDATE journey.customers SET attributes = '{"email": "s1@example.com", "name": "Ann Example"}' WHERE id = 's1';
SELECT journey.refresh_journeys();

CREATE ROLE journey_sec_reader;
CREATE ROLE journey_sec_marketing;
CREATE ROLE journey_sec_sales;
SELECT journey.grant_reader('journey_sec_reader');
SELECT journey.grant_writer('journey_sec_marketing', 'marketing');
SELECT journey.grant_writer('journey_sec_sales', 'sales');

-- Everything of sales, to compare after the marketing writer's attempts.
CREATE TEMP TABLE sales_before AS
SELECT 'touchpoint' AS kind, t.id, row_to_json(t)::text AS r FROM journey.touchpoints t WHERE t.department = 'sales'
UNION ALL
SELECT 'stage', h.id, row_to_json(h)::text FROM journey.stage_history h WHERE h.department = 'sales'
UNION ALL
SELECT 'channel', 0, row_to_json(c)::text FROM journey.channels c WHERE c.department = 'sales'
UNION ALL
SELECT 'identity', 0, row_to_json(i)::text FROM journey.identities i
UNION ALL
SELECT 'journey', 0, row_to_json(d)::text FROM journey.customer_journey_data d;
GRANT SELECT ON sales_before TO PUBLIC;
CREATE FUNCTION pg_temp.sales_now() RETURNS TABLE (kind text, id bigint, r text) LANGUAGE sql AS $$
SELECT 'touchpoint', t.id, row_to_json(t)::text FROM journey.touchpoints t WHERE t.department = 'sales'
UNION ALL
SELECT 'stage', h.id, row_to_json(h)::text FROM journey.stage_history h WHERE h.department = 'sales'
UNION ALL
SELECT 'channel', 0, row_to_json(c)::text FROM journey.channels c WHERE c.department = 'sales'
UNION ALL
SELECT 'identity', 0, row_to_json(i)::text FROM journey.identities i
UNION ALL
SELECT 'journey', 0, row_to_json(d)::text FROM journey.customer_journey_data d
$$;

-- ---------------------------------------------------------------------------
-- A marketing writer and sales' rows, through every API function
-- ---------------------------------------------------------------------------
SET LOCAL ROLE journey_sec_marketing;
SELECT throws_ok($$SELECT journey.record_touchpoint('s1', 'store', 'visit', '2026-01-06 10:00+00')$$,
	'42501', NULL, 'record_touchpoint: not on a sales channel');
SELECT throws_ok($$SELECT journey.record_touchpoint('s1', 'web', 'visit', '2026-01-06 10:00+00', department => 'sales')$$,
	'42501', NULL, 'record_touchpoint: not in sales'' name');
SELECT throws_ok($$SELECT journey.set_stage('s1', 'lifecycle', 'purchase', '2026-01-06 10:00+00')$$,
	'42501', NULL, 'set_stage: not a stage billing owns');
SELECT throws_ok($$SELECT journey.set_stage('s1', 'lifecycle', 'discovery', '2026-01-06 10:00+00', department => 'sales')$$,
	'42501', NULL, 'set_stage: not in sales'' name');
-- evaluation (owned by sales) was recorded at 01-05; "entered earlier"
-- would move sales' row without inserting one (it used to succeed)
SELECT throws_ok($$SELECT journey.set_stage('s1', 'lifecycle', 'evaluation', '2026-01-03 10:00+00')$$,
	'42501', NULL, 'set_stage: does not move the entry of a sales stage');
SELECT throws_ok($$SELECT journey.set_stage('s1', 'lifecycle', 'evaluation', '2026-01-03 10:00+00', department => 'marketing')$$,
	'42501', NULL, 'set_stage: does not move it in its own name either');
SELECT throws_ok($$SELECT journey.link_identity('mail:s1@example.com', 'm1')$$,
	'23505', NULL, 'link_identity: an alias linked to another customer stays');
SELECT throws_ok($$SELECT journey.link_identity('s2', 'm2')$$,
	'42501', NULL, 'link_identity: cannot take over a customer and its sales touchpoints');
SELECT throws_ok($$SELECT * FROM journey.forget_customer('s1')$$,
	'42501', NULL, 'forget_customer: cannot erase sales'' rows');
SELECT throws_ok($$SELECT * FROM journey.purge_before('2027-01-01 00:00+00')$$,
	'42501', NULL, 'purge_before: cannot purge sales'' rows');
SELECT throws_ok($$SELECT journey.refresh_journeys()$$,
	'42501', NULL, 'refresh_journeys: writers do not rewrite stored journeys');
SELECT throws_ok($$SELECT journey.add_channel('store', 'marketing', false)$$,
	'42501', NULL, 'add_channel: cannot take over a sales channel');
SELECT throws_ok($$SELECT journey.add_department('marketing 2')$$,
	'42501', NULL, 'add_department: admins only');
SELECT throws_ok($$SELECT journey.create_stage_model('m', ARRAY['a', 'b'])$$,
	'42501', NULL, 'create_stage_model: not for writers');
SELECT throws_ok($$SELECT journey.drop_stage_model('lifecycle')$$,
	'55000', NULL, 'drop_stage_model: the shipped models stay');
SELECT throws_ok($$SELECT journey.grant_writer('journey_sec_marketing', 'sales')$$,
	'42501', NULL, 'grant_writer: cannot make itself a sales writer');
SELECT throws_ok($$SELECT journey.grant_reader('journey_sec_marketing')$$,
	'42501', NULL, 'grant_reader: not for writers');
SELECT throws_ok($$SELECT journey.grant_admin('journey_sec_marketing')$$,
	'42501', NULL, 'grant_admin: not for writers');
SELECT throws_ok($$INSERT INTO journey.writers VALUES ('journey_sec_marketing', 'sales')$$,
	'42501', NULL, 'writers: no direct insert');
SELECT throws_ok($$UPDATE journey.touchpoints SET department = 'marketing' WHERE department = 'sales'$$,
	'42501', NULL, 'touchpoints: no direct update');
SELECT throws_ok($$DELETE FROM journey.touchpoints WHERE department = 'sales'$$,
	'42501', NULL, 'touchpoints: no direct delete');
SELECT throws_ok($$DELETE FROM journey.stage_history WHERE department = 'sales'$$,
	'42501', NULL, 'stage_history: no direct delete');
SELECT is(journey.may_write('sales'), false, 'may_write(sales) is false for marketing');
SELECT results_eq($$SELECT * FROM pg_temp.sales_now() ORDER BY 1, 2, 3$$,
	$$SELECT * FROM sales_before ORDER BY 1, 2, 3$$,
	'sales'' touchpoints, stages, channel, the aliases and the journeys are unchanged');
-- and what marketing may do still works
SELECT lives_ok($$SELECT journey.record_touchpoint('s1', 'web', 'visit', '2026-01-07 10:00+00')$$,
	'record_touchpoint on its own channel');
SELECT lives_ok($$SELECT journey.set_stage('m3', 'lifecycle', 'discovery', '2026-01-07 10:00+00')$$,
	'set_stage of a stage marketing owns');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- A reader and personal data
-- ---------------------------------------------------------------------------
SET LOCAL ROLE journey_sec_reader;
SELECT throws_ok($$SELECT attributes FROM journey.customers$$, '42501', NULL, 'customers.attributes is withheld');
SELECT throws_ok($$SELECT attributes FROM journey.touchpoints$$, '42501', NULL, 'touchpoints.attributes is withheld');
SELECT throws_ok($$SELECT alias FROM journey.identities$$, '42501', NULL, 'identities.alias (e-mail addresses, devices) is withheld');
SELECT throws_ok($$SELECT * FROM journey.identities$$, '42501', NULL, 'so is SELECT * on identities');
SELECT lives_ok($$SELECT customer, source, linked FROM journey.identities$$, 'the rest of identities is readable');
SELECT throws_ok($$SELECT count(*) FROM journey.identities WHERE alias LIKE 'mail:%'$$, '42501', NULL,
	'aliases cannot be probed in a WHERE clause');
-- what a reader may select: no column that holds personal data
SELECT is((SELECT array_agg(c.relname || '.' || a.attname ORDER BY c.relname, a.attname)
		   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		   WHERE n.nspname = 'journey' AND c.relkind IN ('r', 'v', 'm')
			 AND has_column_privilege(c.oid, a.attnum, 'SELECT')
			 AND a.attname IN ('attributes', 'alias', 'reason')),
	ARRAY['stage_history.reason'],
	'readable columns with free text: only stage_history.reason (doc/security.md)');
SELECT is((SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		   WHERE n.nspname = 'journey' AND c.relkind IN ('r', 'v', 'm', 'p')
			 AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
				  OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))),
	0, 'a reader can change no table, so it cannot trigger a key violation that echoes a key');
-- errors a reader can trigger through the API echo nothing personal
SELECT unalike(pg_temp.error_of($$SELECT journey.link_identity('mail:s1@example.com', 'x1')$$),
	'%s1%', 'link_identity of a known alias: the error names no customer');
SELECT matches(pg_temp.error_of($$SELECT journey.link_identity('mail:s1@example.com', 'x1')$$),
	'^42501', '... it is a permission error');
SELECT unalike(pg_temp.error_of($$SELECT journey.record_touchpoint('mail:s1@example.com', 'web', 'visit')$$),
	'%s1%', 'record_touchpoint through an alias: the error names no customer');
SELECT unalike(pg_temp.error_of($$SELECT journey.set_stage('mail:s1@example.com', 'lifecycle', 'loyalty')$$),
	'%s1%', 'set_stage through an alias: the error names no customer');
SELECT unalike(pg_temp.error_of($$SELECT * FROM journey.forget_customer('mail:s1@example.com')$$),
	'%s1%', 'forget_customer through an alias: the error names no customer');
SELECT matches(pg_temp.error_of($$SELECT * FROM journey.forget_customer('mail:s1@example.com')$$),
	'^42501', '... and a reader erases nothing');
SELECT is((SELECT count(*)::int FROM journey.customer_journeys WHERE customer = 's1'), 1,
	'the reader still reads the journey of s1 (analytics)');
RESET ROLE;

-- PUBLIC (a role with no grant) reads nothing of the model
CREATE ROLE journey_sec_nobody;
SET LOCAL ROLE journey_sec_nobody;
SELECT throws_ok($$SELECT count(*) FROM journey.touchpoints$$, '42501', NULL, 'PUBLIC does not read touchpoints');
SELECT throws_ok($$SELECT count(*) FROM journey.customer_journeys$$, '42501', NULL, 'PUBLIC does not read journeys');
SELECT throws_ok($$SELECT journey.record_touchpoint('p1', 'web', 'visit')$$, '42501', NULL, 'PUBLIC does not record');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- Erasure leaves no trace
-- ---------------------------------------------------------------------------
SELECT journey.record_touchpoint('f1', 'web', 'visit', '2026-02-01 10:00+00', campaign => 'spring');
SELECT journey.record_touchpoint('f1', 'store', 'purchase', '2026-02-02 10:00+00', 99, attributes => '{"card": "1234"}');
SELECT journey.link_identity('mail:f1@example.com', 'f1', 'e-mail');
SELECT journey.link_identity('cookie:f1', 'f1', 'web');
SELECT journey.set_stage('f1', 'lifecycle', 'discovery', '2026-02-01 10:00+00');
SELECT journey.set_stage('f1', 'commercial_cycle', 'acquisition', '2026-02-01 10:00+00');
SELECT journey.refresh_journeys();
-- one more touch stays queued for the next refresh
SELECT journey.record_touchpoint('cookie:f1', 'web', 'visit', '2026-02-03 10:00+00');
CREATE TEMP TABLE f1_ids AS SELECT id FROM journey.touchpoints WHERE customer = 'f1';
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints p JOIN f1_ids f ON f.id = p.touchpoint), 1,
	'f1 has a queued touchpoint before erasure');
CREATE TEMP TABLE others_before AS
SELECT customer, channels::text AS j FROM journey.customer_journey_data WHERE customer <> 'f1';

SELECT results_eq($$SELECT what, removed FROM journey.forget_customer('mail:f1@example.com') ORDER BY 1$$,
	$$VALUES ('aliases', 2::bigint), ('customers', 1), ('journeys', 1), ('stage changes', 2), ('touchpoints', 3)$$,
	'forget_customer through an alias');
SELECT is((SELECT count(*)::int FROM journey.touchpoints WHERE customer = 'f1'), 0, 'no touchpoint');
SELECT is((SELECT count(*)::int FROM journey.stage_history WHERE customer = 'f1'), 0, 'no stage history');
SELECT is((SELECT count(*)::int FROM journey.customer_journey_data WHERE customer = 'f1'), 0, 'no materialized journey');
SELECT is((SELECT count(*)::int FROM journey.identities WHERE customer = 'f1' OR alias LIKE '%f1%'), 0, 'no alias');
SELECT is((SELECT count(*)::int FROM journey.customers WHERE id = 'f1'), 0, 'no customer row');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints p JOIN f1_ids f ON f.id = p.touchpoint), 0,
	'nothing of f1 in the refresh queue');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints p
		   WHERE NOT EXISTS (SELECT FROM journey.touchpoints t WHERE t.id = p.touchpoint)), 0,
	'no dangling id in the refresh queue');
SELECT is((SELECT count(*)::int FROM journey.customer_journey_data d
		   WHERE d.customer <> 'f1' AND journey.length(d.channels) <>
				 (SELECT count(*) FROM journey.touchpoints t WHERE t.customer = d.customer
				  AND NOT EXISTS (SELECT FROM journey.pending_touchpoints p WHERE p.touchpoint = t.id))), 0,
	'no other journey holds an event of f1');
SELECT is(journey.refresh_journeys() >= 0, true, 'a refresh after the erasure works');
SELECT is((SELECT count(*)::int FROM journey.customer_journey_data WHERE customer = 'f1'), 0,
	'the refresh does not bring f1 back');
SELECT results_eq($$SELECT customer, channels::text FROM journey.customer_journey_data WHERE customer <> 'f1' ORDER BY 1$$,
	$$SELECT customer, j FROM others_before ORDER BY 1$$, 'the other customers'' journeys are untouched');
SELECT is((SELECT count(*)::int FROM pg_proc p WHERE p.oid = 'journey.forget_customer(text)'::regprocedure
		   AND p.prosrc ~* 'notify'), 0, 'forget_customer sends no notification (that would carry the customer id)');

SELECT * FROM finish();
ROLLBACK;
