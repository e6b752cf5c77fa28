-- Score rules in the shared customer model: errors, who may add and drop
-- rules, what readers see, and the scores of the customer_scores view.
-- (The NOTIFY journey_score payloads are checked by test/clients/psql.)
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(33);

SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('email', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
-- from web a customer converts with probability 0.2, from email 0.8
CREATE TEMP TABLE m AS SELECT 'order=1; [] p=0.3 v=30 c=0 w=0 -> email:0.5, web:0.5; [email] p=0.8 v=80 c=0.8 w=80; [web] p=0.2 v=20 c=0 w=0 -> email:0.25'::journey.markov AS m;

-- ---------------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT journey.add_score_rule('', (SELECT m FROM m), 0.5, 'marketing')$$, '22023',
	'score rule name must not be empty', 'empty name');
SELECT throws_ok($$SELECT journey.add_score_rule('r', NULL, 0.5, 'marketing')$$, '22004', NULL, 'NULL model');
SELECT throws_ok($$SELECT journey.add_score_rule('r', (SELECT m FROM m), 1.5, 'marketing')$$, '22023',
	'threshold must be between 0 and 1', 'threshold above 1');
SELECT throws_ok($$SELECT journey.add_score_rule('r', (SELECT m FROM m), 'NaN', 'marketing')$$, '22023',
	'threshold must be between 0 and 1', 'NaN threshold');
SELECT throws_ok($$SELECT journey.add_score_rule('r', (SELECT m FROM m), 0.5, 'nobody')$$, '23503',
	'department "nobody" does not exist', 'unknown department');
SELECT throws_ok($$SELECT journey.add_score_rule('r', (SELECT m FROM m), 0.5, 'marketing', ARRAY['web', NULL])$$, '22004',
	NULL, 'NULL in channel_filter');
SELECT lives_ok($$SELECT journey.add_score_rule('likely buyer', (SELECT m FROM m), 0.5, 'marketing')$$, 'add_score_rule');
SELECT throws_ok($$SELECT journey.add_score_rule('likely buyer', (SELECT m FROM m), 0.5, 'marketing')$$, '23505',
	NULL, 'a rule name is unique');
SELECT throws_ok($$SELECT journey.drop_score_rule('no such rule')$$, '42704',
	'score rule "no such rule" does not exist', 'drop an unknown rule');

-- ---------------------------------------------------------------------------
-- Scores: customer_scores computes them from the last touches
-- ---------------------------------------------------------------------------
SELECT journey.record_touchpoint('c1', 'web', 'visit', '2026-01-01 10:00+00');
SELECT results_eq($$SELECT customer, rule, department, probability, expected_value, above_threshold FROM journey.customer_scores$$,
	$$VALUES ('c1', 'likely buyer', 'marketing', 0.2::float8, 20::float8, false)$$, 'after web: 0.2');
SELECT journey.record_touchpoint('c1', 'email', 'open', '2026-01-02 10:00+00');
SELECT results_eq($$SELECT probability, above_threshold FROM journey.customer_scores WHERE customer = 'c1'$$,
	$$VALUES (0.8::float8, true)$$, 'after email: 0.8, above the threshold');
-- a touch that arrives late does not change the last touch
SELECT journey.record_touchpoint('c1', 'web', 'visit', '2025-12-31 10:00+00');
SELECT is((SELECT probability FROM journey.customer_scores WHERE customer = 'c1'), 0.8::float8, 'a late touch: still ending in email');
-- a rule on some channels only looks at those
SELECT lives_ok($$SELECT journey.add_score_rule('web only', (SELECT m FROM m), 0.1, 'marketing', ARRAY['web'])$$,
	'a rule with a channel filter');
SELECT journey.record_touchpoint('c1', 'store', 'visit', '2026-01-03 10:00+00');
SELECT is((SELECT probability FROM journey.customer_scores WHERE customer = 'c1' AND rule = 'likely buyer'), 0.3::float8,
	'store is unknown to the model: the start state''s 0.3');
SELECT is((SELECT probability FROM journey.customer_scores WHERE customer = 'c1' AND rule = 'web only'), 0.2::float8,
	'the web-only rule looks at the web touches only');
-- a customer without touches is at the start state
INSERT INTO journey.customers (id) VALUES ('c0');
SELECT is((SELECT probability FROM journey.customer_scores WHERE customer = 'c0' AND rule = 'likely buyer'), 0.3::float8,
	'no touches: the start state');
-- several customers in one statement: the trigger scores them all
INSERT INTO journey.customers (id) VALUES ('c2'), ('c3');
SELECT lives_ok($$INSERT INTO journey.touchpoints (customer, ts, channel, department, event) VALUES
	('c2', '2026-01-01', 'email', 'marketing', 'open'), ('c3', '2026-01-01', 'web', 'marketing', 'visit'),
	('c3', '2026-01-02', 'email', 'marketing', 'open')$$, 'a multi-row INSERT');
SELECT results_eq($$SELECT customer, probability FROM journey.customer_scores WHERE rule = 'likely buyer' AND customer IN ('c2', 'c3') ORDER BY 1$$,
	$$VALUES ('c2', 0.8::float8), ('c3', 0.8::float8)$$, 'scores of the customers of a multi-row INSERT');
-- forgetting a customer forgets the scores
SELECT journey.forget_customer('c2');
SELECT is((SELECT count(*)::int FROM journey.customer_scores WHERE customer = 'c2'), 0, 'forget_customer: no scores');

-- ---------------------------------------------------------------------------
-- Who may add and drop rules; what readers see
-- ---------------------------------------------------------------------------
CREATE ROLE journey_score_reader;
CREATE ROLE journey_score_marketing;
CREATE ROLE journey_score_sales;
CREATE ROLE journey_score_admin;
SELECT journey.grant_reader('journey_score_reader');
SELECT journey.grant_writer('journey_score_marketing', 'marketing');
SELECT journey.grant_writer('journey_score_sales', 'sales');
SELECT journey.grant_admin('journey_score_admin');
GRANT SELECT ON m TO PUBLIC;

SET LOCAL ROLE journey_score_reader;
SELECT is((SELECT count(*)::int FROM journey.customer_scores), 6, 'readers see the scores (3 customers, 2 rules)');
SELECT throws_ok($$SELECT attributes FROM journey.customers$$, '42501', NULL, 'but not personal attributes');
SELECT throws_ok($$SELECT journey.add_score_rule('reader rule', (SELECT m FROM m), 0.5, 'marketing')$$, '42501',
	NULL, 'readers cannot add rules');
SELECT throws_ok($$SELECT journey.drop_score_rule('likely buyer')$$, '42501', NULL, 'nor drop them');
RESET ROLE;

SET LOCAL ROLE journey_score_sales;
SELECT throws_ok($$SELECT journey.add_score_rule('sales rule', (SELECT m FROM m), 0.5, 'marketing')$$, '42501',
	'permission denied to add a score rule for department "marketing"', 'a sales writer cannot add a marketing rule');
SELECT lives_ok($$SELECT journey.add_score_rule('sales rule', (SELECT m FROM m), 0.5, 'sales', ARRAY['store'])$$,
	'a sales writer adds a sales rule');
SELECT throws_ok($$SELECT journey.drop_score_rule('likely buyer')$$, '42501', NULL, 'nor drop a marketing rule');
-- recording stays possible for every writer, whatever the rules
SELECT lives_ok($$SELECT journey.record_touchpoint('c9', 'store', 'visit', '2026-01-05 10:00+00')$$,
	'a sales writer records: the trigger scores for every rule');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM journey.customer_scores WHERE customer = 'c9'), 3, 'c9 scored under the three rules');

SET LOCAL ROLE journey_score_marketing;
SELECT lives_ok($$SELECT journey.drop_score_rule('web only')$$, 'a marketing writer drops a marketing rule');
RESET ROLE;
SET LOCAL ROLE journey_score_admin;
SELECT lives_ok($$SELECT journey.drop_score_rule('sales rule')$$, 'an admin drops any rule');
RESET ROLE;
SELECT results_eq($$SELECT name FROM journey.score_rules ORDER BY 1$$, ARRAY['likely buyer'], 'one rule left');
-- no foreign key to departments: renaming or deleting one follows through
SELECT journey.add_department('growth');
SELECT journey.add_score_rule('growth rule', (SELECT m FROM m), 0.5, 'growth');
UPDATE journey.departments SET name = 'growth team' WHERE name = 'growth';
SELECT is((SELECT department FROM journey.score_rules WHERE name = 'growth rule'), 'growth team', 'a renamed department is renamed in its rules');
DELETE FROM journey.departments WHERE name = 'growth team';
SELECT is((SELECT count(*)::int FROM journey.score_rules WHERE name = 'growth rule'), 0, 'a deleted department takes its rules');

SELECT * FROM finish();
ROLLBACK;
