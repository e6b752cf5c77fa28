--
-- doc_model: every ```sql block of doc/model.md, verbatim and in page order, so
-- the examples people copy from the page run as written (test/cookbook_sync.sh
-- checks that the blocks here and on the page are the same text).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
-- floats with 15 significant digits: outputs must not depend on last bits
SET extra_float_digits = 0;
-- The page starts from an empty customer model: run it in a transaction
-- that empties the model (earlier tests fill it) and is rolled back at the
-- end, roles included.
BEGIN;
TRUNCATE journey.pending_touchpoints, journey.touchpoints, journey.stage_history,
	journey.customer_journey_data, journey.identities, journey.customers, journey.channels
	RESTART IDENTITY CASCADE;

-- doc/model.md, example 1
SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('direct', 'marketing', true, direct => true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.add_channel('phone', 'customer service', false);
SELECT journey.add_channel('invoice', 'billing', false);


-- doc/model.md, example 2
SELECT journey.record_touchpoint('c1', 'web', 'visit', '2026-03-01 10:00+00');
SELECT journey.record_touchpoint('c1', 'web', 'signup', '2026-03-02 10:00+00');
SELECT journey.record_touchpoint('c1', 'store', 'purchase', '2026-03-03 10:00+00', value => 100);
SELECT journey.record_touchpoint('c1', 'invoice', 'payment', '2026-03-04 10:00+00', value => 100);
SELECT journey.record_touchpoint('c1', 'phone', 'question', '2026-03-05 10:00+00');


-- doc/model.md, example 3
SELECT journey.set_stage('c1', 'lifecycle', 'discovery', '2026-03-01 10:00+00');
SELECT journey.set_stage('c1', 'lifecycle', 'purchase', '2026-03-03 10:00+00', reason => 'store order');


-- doc/model.md, example 4
-- (what the page assumes: another system's events, two of them today; run
-- in a savepoint so that the later examples see the model without them)
SAVEPOINT load_example;
CREATE SCHEMA import;
CREATE TABLE import.events (visitor text, source text, kind text, happened_at timestamptz,
	amount numeric, day date);
INSERT INTO import.events VALUES
	('c1', 'web', 'visit', current_date + time '09:00', NULL, current_date),
	('c2', 'store', 'purchase', current_date + time '11:00', 40, current_date),
	('c3', 'web', 'visit', current_date - 1 + time '09:00', NULL, current_date - 1);
CREATE TEMP VIEW todays_events AS
SELECT e.visitor AS customer, e.source AS channel, e.kind AS event, e.happened_at AS at, e.amount AS value
FROM import.events e WHERE e.day = current_date;
SELECT * FROM journey.load_touchpoints('todays_events');
ROLLBACK TO SAVEPOINT load_example;


-- doc/model.md, example 5
CREATE ROLE marketing_app LOGIN;
SELECT journey.grant_writer('marketing_app', 'marketing');
CREATE ROLE bi LOGIN;
SELECT journey.grant_reader('bi');


-- doc/model.md, example 6
SELECT path, conversions, nulls, value FROM journey.marketing_paths ORDER BY path;


-- doc/model.md, example 7
-- attribution straight from the model: web and store share the purchase
SELECT (unnest(journey.markov_model(path, conversions, value, nulls))).*
FROM journey.marketing_paths;

ROLLBACK;
