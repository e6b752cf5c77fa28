-- Limits (doc/limits.md): every pathological group fails with SQLSTATE 54000
-- (program_limit_exceeded) and a hint, before its memory grows, instead of
-- exhausting the server.  Sizes are the smallest that cross each limit, so
-- the file runs in seconds (the 10,000,000-row group takes the longest).
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(19);

-- 'SQLSTATE: message' of the error the query raises, with ' [hint]' when it
-- has a hint; 'no error' when it succeeds.
CREATE FUNCTION pg_temp.limit_error(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	hint text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || CASE WHEN hint <> '' THEN ' [hint]' ELSE '' END;
END
$$;

-- journey_agg: one customer with more events than a journey holds.
SELECT is(pg_temp.limit_error($$
	SELECT journey.journey_agg(timestamptz '2020-01-01' + i * interval '1 second', 'web')
	FROM generate_series(1, 1000001) i$$),
	'54000: journey would have 1000001 events, more than the maximum of 1000000 [hint]',
	'journey_agg: 1,000,001 events in one group');

-- journey_agg: distinct labels larger than a journey can be (1000-byte labels).
SELECT is(pg_temp.limit_error($$
	SELECT journey.journey_agg(timestamptz '2020-01-01', lpad(i::text, 1000, 'x'))
	FROM generate_series(1, 270000) i$$),
	'54000: journey would be larger than the maximum of 268435456 bytes [hint]',
	'journey_agg: 270,000 distinct 1000-byte labels');

-- Text input: too many events, an over-long label, a huge invalid literal.
SELECT is(pg_temp.limit_error($$
	SELECT (repeat('a@2020-01-01 00:00:00+00 > ', 1000000) || 'a@2020-01-01 00:00:00+00')::journey.journey$$),
	'54000: journey would have 1000001 events, more than the maximum of 1000000 [hint]',
	'journey text input: 1,000,001 events');
SELECT is(pg_temp.limit_error($$
	SELECT ('"' || repeat('x', 10000000) || '"@2020-01-01 00:00:00+00')::journey.journey$$),
	'54000: journey label is too long (10000000 bytes) [hint]',
	'journey text input: a 10 MB label');
SELECT ok(length(pg_temp.limit_error($$
	SELECT (repeat('a@2020-01-01 00:00:00+00 > ', 1000) || '!')::journey.journey$$)) < 400,
	'journey text input: a syntax error quotes a long input only in part');

-- Text output of a journey whose text would exceed 1 GB.
SELECT is(pg_temp.limit_error($$
	SELECT length(journey.journey_agg(timestamptz '2020-01-01' + i * interval '1 second', repeat('"', 1000))::text)
	FROM generate_series(1, 600000) i$$),
	'54000: text form of journey would exceed the maximum of 1073741822 bytes of a value [hint]',
	'journey text output beyond 1 GB');

-- Funnels: 65 conditions; a group keeping more than 10,000,000 rows.
SELECT is(pg_temp.limit_error($$
	SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC array_fill(true, ARRAY[65]))$$),
	'54000: too many steps: 65 [hint]',
	'window_funnel: 65 conditions');
-- the step labels of the label form and of the stored journeys' functions:
-- one check (step_labels_count), one message
SELECT is(pg_temp.limit_error($$
	SELECT journey.window_funnel(interval '1 hour', now(), 'a', VARIADIC array_fill('a'::text, ARRAY[65]))$$),
	'54000: too many steps: 65 [hint]',
	'window_funnel, label form: 65 step labels');
SELECT is(pg_temp.limit_error($$
	SELECT journey.retention('a@2026-01-01 00:00Z'::journey.journey, VARIADIC array_fill('a'::text, ARRAY[65]))$$),
	'54000: too many steps: 65 [hint]',
	'retention over a journey: 65 labels');
SELECT throws_ok($$SELECT journey.retention('a@2026-01-01 00:00Z'::journey.journey, VARIADIC '{{a},{b}}'::text[])$$,
	'2202E', 'step labels must be a one-dimensional array', 'retention over a journey: 2-D labels');
SELECT throws_ok($$SELECT journey.window_funnel(interval '1 hour', now(), 'a', VARIADIC '{{a},{b}}'::text[])$$,
	'2202E', 'step labels must be a one-dimensional array', 'window_funnel, label form: 2-D labels');
SELECT lives_ok($$
	SELECT journey.window_funnel(interval '1 hour', now(), VARIADIC array_fill(true, ARRAY[64]))$$,
	'window_funnel: 64 conditions');
SELECT is(pg_temp.limit_error($$
	SELECT journey.window_funnel(interval '1 day', timestamptz '2020-01-01' + i * interval '1 second', true)
	FROM generate_series(1, 10000001) i$$),
	'54000: too many matching events: more than 10000000 rows to keep in one group [hint]',
	'window_funnel: 10,000,001 matching rows in one group');

-- markov_model: too many distinct labels, too many chain states.
SELECT is(pg_temp.limit_error($$
	SELECT journey.markov_model(ARRAY['c' || i], 1, 0, 0) FROM generate_series(1, 10001) i$$),
	'54000: more than 10000 distinct labels [hint]',
	'markov_model: 10,001 distinct labels');
SELECT is(pg_temp.limit_error($$
	SELECT journey.markov_model(p, 1, 0, 0, 2)
	FROM (SELECT array_agg('c' || (abs(hashint4(i)) % 10000) ORDER BY i) AS p
		  FROM generate_series(1, 2100000) i) s$$),
	'54000: Markov chain would have more than 2000000 states [hint]',
	'markov_model: more than 2,000,000 chain states');

-- shapley_model conversion_rate: more than 20 labels.
SELECT is(pg_temp.limit_error($$
	SELECT journey.shapley_model(ARRAY['c' || i], 1, 0, 0, 'conversion_rate') FROM generate_series(1, 21) i$$),
	'54000: Shapley game conversion_rate is limited to 20 distinct labels, the paths have 21 [hint]',
	'shapley_model conversion_rate: 21 labels');

-- The interruptible sort (src/sort.c) above its 8,192-element cut-off:
-- shuffled input gives what sorted input gives.
CREATE TEMP TABLE shuffled AS
SELECT timestamptz '2020-01-01' + (abs(hashint4(i)) % 50000) * interval '1 second' AS ts,
	   'l' || (abs(hashint4(i + 7)) % 300) AS label, i % 5 = 0 AS c1, i % 7 = 0 AS c2
FROM generate_series(1, 200000) i;
SELECT is((SELECT journey.journey_agg(ts, label) FROM shuffled),
		  (SELECT journey.journey_agg(ts, label) FROM (SELECT * FROM shuffled ORDER BY ts, label) s),
		  'journey_agg: 200,000 shuffled rows sort like sorted ones');
SELECT ok((SELECT array_agg(e.ts ORDER BY n) = array_agg(e.ts ORDER BY e.ts)
		   FROM journey.unnest((SELECT journey.journey_agg(ts, label) FROM shuffled)) WITH ORDINALITY AS e(ts, label, value, n)),
		  'journey_agg: events in time order');
SELECT is((SELECT journey.sequence_count('(?1)(?t<=10)(?2)', ts, c1, c2) FROM shuffled),
		  (SELECT journey.sequence_count('(?1)(?t<=10)(?2)', ts, c1, c2) FROM (SELECT * FROM shuffled ORDER BY ts) s),
		  'sequence_count: 200,000 shuffled rows count like sorted ones');

SELECT * FROM finish();
ROLLBACK;
