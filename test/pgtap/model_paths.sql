-- The shared customer model, issue 17: attribution paths end at the
-- conversion (journey.conversion_paths, journey.marketing_paths), and a
-- writer recording for another department gets 42501 with the department
-- named and a hint, not row security's bare message.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(18);

SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('email', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.add_channel('phone', 'customer service', false);
SELECT journey.add_channel('invoice', 'billing', false);

-- ---------------------------------------------------------------------------
-- Paths end at the conversion
-- ---------------------------------------------------------------------------
-- The issue's customer: web, web, store (the purchase), invoice, phone.
SELECT journey.record_touchpoint('p1', 'web', 'visit', '2026-03-01 10:00+00');
SELECT journey.record_touchpoint('p1', 'web', 'signup', '2026-03-02 10:00+00');
SELECT journey.record_touchpoint('p1', 'store', 'purchase', '2026-03-03 10:00+00', value => 100);
SELECT journey.record_touchpoint('p1', 'invoice', 'payment', '2026-03-04 10:00+00', value => 100);
SELECT journey.record_touchpoint('p1', 'phone', 'question', '2026-03-05 10:00+00');

SELECT results_eq($$SELECT path, conversions, nulls, value FROM journey.marketing_paths ORDER BY path$$,
	$$VALUES ('{invoice,phone}'::text[], 0::bigint, 1::bigint, NULL::numeric),
	         ('{web,web,store}'::text[], 1::bigint, 0::bigint, 100::numeric)$$,
	'the path ends at the purchase; what follows it has not converted');
SELECT is((SELECT sum(conversions)::int FROM journey.marketing_paths), 1, 'one conversion per purchase');
SELECT results_eq(
	$$SELECT c.label, round(c.conversions::numeric, 12)
	  FROM unnest((SELECT journey.markov_model(path, conversions, value, nulls) FROM journey.marketing_paths)) c
	  WHERE c.conversions <> 0 ORDER BY 1$$,
	$$VALUES ('store'::text, 0.5::numeric), ('web', 0.5)$$,
	'markov_model over marketing_paths credits no touch after the purchase');
SELECT is((SELECT count(*)::int
		   FROM unnest((SELECT journey.markov_model(path, conversions, value, nulls) FROM journey.marketing_paths)) c
		   WHERE c.label IN ('invoice', 'phone') AND c.conversions <> 0), 0,
	'invoice and phone get no credit');

-- Two purchases: two paths; the second starts after the first purchase.
SELECT journey.record_touchpoint('p2', 'email', 'open', '2026-03-01 09:00+00');
SELECT journey.record_touchpoint('p2', 'web', 'purchase', '2026-03-01 12:00+00', value => 20);
SELECT journey.record_touchpoint('p2', 'email', 'open', '2026-03-10 09:00+00');
SELECT journey.record_touchpoint('p2', 'store', 'purchase', '2026-03-11 09:00+00', value => 30);
-- A customer who never buys: one path that has not converted.
SELECT journey.record_touchpoint('p3', 'email', 'open', '2026-03-01 08:00+00');
SELECT journey.record_touchpoint('p3', 'web', 'visit', '2026-03-01 09:00+00');
-- Lookback: the touch 40 days before the purchase is older than 30 days.
SELECT journey.record_touchpoint('p4', 'email', 'open', '2026-01-20 09:00+00');
SELECT journey.record_touchpoint('p4', 'web', 'visit', '2026-02-27 09:00+00');
SELECT journey.record_touchpoint('p4', 'web', 'purchase', '2026-03-01 09:00+00', value => 5);

SELECT results_eq($$SELECT path, conversions, nulls, value FROM journey.marketing_paths ORDER BY path$$,
	$$VALUES ('{email,store}'::text[], 1::bigint, 0::bigint, 30::numeric),
	         ('{email,web}'::text[], 1, 1, 20),
	         ('{invoice,phone}'::text[], 0, 1, NULL),
	         ('{web,web}'::text[], 1, 0, 5),
	         ('{web,web,store}'::text[], 1, 0, 100)$$,
	'one path per purchase, each starting after the previous one, 30 days back at most');
SELECT results_eq($$SELECT path, conversions, nulls FROM journey.conversion_paths('purchase', NULL) WHERE path[1] = 'email' AND conversions > 0 AND path @> '{web}' ORDER BY path$$,
	$$VALUES ('{email,web}'::text[], 1::bigint, 1::bigint), ('{email,web,web}'::text[], 1, 0)$$,
	'conversion_paths(lookback => NULL) reaches back without limit');
SELECT results_eq($$SELECT path, conversions, nulls FROM journey.conversion_paths('payment') ORDER BY path$$,
	$$VALUES ('{email,web}'::text[], 0::bigint, 1::bigint),
	         ('{email,web,email,store}'::text[], 0, 1),
	         ('{phone}'::text[], 0, 1),
	         ('{web,web}'::text[], 0, 1),
	         ('{web,web,store,invoice}'::text[], 1, 0)$$,
	'conversion_paths with another conversion event');
SELECT is((SELECT count(*)::int FROM journey.conversion_paths('no such event', '1 day')), 4,
	'no conversion: every customer is one path that has not converted (1 day back)');
SELECT is((SELECT sum(conversions)::int FROM journey.conversion_paths(NULL)), 0, 'a NULL conversion event converts nothing');

-- The same order for touches at the same time: by id, like the journey.
SELECT journey.record_touchpoint('p5', 'web', 'visit', '2026-03-01 09:00+00');
SELECT journey.record_touchpoint('p5', 'store', 'purchase', '2026-03-01 09:00+00', value => 1);
SELECT journey.record_touchpoint('p5', 'phone', 'question', '2026-03-01 09:00+00');
SELECT results_eq($$SELECT path, conversions, nulls FROM journey.conversion_paths() WHERE path IN ('{web,store}', '{phone}') ORDER BY path$$,
	$$VALUES ('{phone}'::text[], 0::bigint, 1::bigint), ('{web,store}'::text[], 1, 0)$$,
	'touches at the conversion''s time after it (by id) start the next path');

-- ---------------------------------------------------------------------------
-- Writing for another department: 42501 with the department and a hint
-- ---------------------------------------------------------------------------
CREATE ROLE journey_paths_marketing;
CREATE ROLE journey_paths_sales;
SELECT journey.grant_writer('journey_paths_marketing', 'marketing');
SELECT journey.grant_writer('journey_paths_sales', 'sales');

SET LOCAL ROLE journey_paths_marketing;
SELECT lives_ok($$SELECT journey.record_touchpoint('p6', 'web', 'visit', '2026-03-01 00:00+00')$$,
	'a marketing writer records on a marketing channel');
SELECT throws_ok($$SELECT journey.record_touchpoint('p6', 'store', 'purchase', '2026-03-02 00:00+00')$$, '42501',
	'permission denied to record touchpoints for department "sales"',
	'a marketing writer recording for a sales customer: 42501 naming the department');
SELECT throws_ok($$SELECT journey.record_touchpoint('p6', 'web', 'visit', department => 'billing')$$, '42501',
	'permission denied to record touchpoints for department "billing"',
	'an explicit department of someone else: 42501 naming it');
CREATE FUNCTION pg_temp.hint_of(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
	EXECUTE stmt;
	RETURN NULL;
EXCEPTION WHEN insufficient_privilege THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN h;
END $$;
SELECT is(pg_temp.hint_of($$SELECT journey.record_touchpoint('p6', 'store', 'purchase', '2026-03-02 00:00+00')$$),
	'A writer of department "sales" (granted by journey.grant_writer(role, ''sales''): journey_paths_sales) or a journey admin may record it.',
	'the hint names the roles that may write it');
SELECT throws_ok($$SELECT journey.set_stage('p6', 'lifecycle', 'evaluation', '2026-03-03 00:00+00')$$, '42501',
	'permission denied to set stages for department "sales"',
	'a stage owned by sales: 42501 naming the department');
SELECT alike(pg_temp.hint_of($$SELECT journey.set_stage('p6', 'lifecycle', 'evaluation', '2026-03-03 00:00+00')$$),
	'%journey.grant_writer(role, ''sales''): journey_paths_sales%', 'set_stage hints who may write it');
RESET ROLE;

SET LOCAL ROLE journey_paths_sales;
SELECT lives_ok($$SELECT journey.record_touchpoint('p6', 'store', 'purchase', '2026-03-02 00:00+00')$$,
	'the sales writer records it');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM journey.touchpoints WHERE customer = 'p6'), 2, 'only the permitted touches were recorded');

SELECT * FROM finish();
ROLLBACK;
