-- pgTAP: funnel correlation — signatures, behaviour and errors with SQLSTATEs.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SELECT plan(37);

SELECT has_function('journey', 'funnel_correlation_agg', ARRAY['journey.journey', 'interval', 'text[]', 'integer'], 'funnel_correlation_agg (labels)');
SELECT has_function('journey', 'funnel_correlation_agg', ARRAY['journey.journey', 'interval', 'text[]', 'integer', 'text'], 'funnel_correlation_agg (attribute)');
SELECT has_function('journey', 'funnel_correlation', ARRAY['bytea'], 'funnel_correlation(bytea)');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid
           WHERE p.pronamespace = 'journey'::regnamespace AND p.proname = 'funnel_correlation_agg'
             AND p.proparallel = 's' AND a.aggtranstype = 'journey.correlation_state'::regtype
             AND a.aggcombinefn = 'journey.correlation_state_combine'::regproc
             AND a.aggserialfn = 0 AND a.aggdeserialfn = 0 AND a.aggfinalmodify = 'r'),
          2::bigint, 'both funnel_correlation_agg are parallel safe: state correlation_state, its combine, READ_ONLY final');
SELECT is((SELECT provolatile::text || proisstrict::text || proparallel::text FROM pg_proc
           WHERE oid = 'journey.funnel_correlation(bytea)'::regprocedure),
          'itrues', 'funnel_correlation is IMMUTABLE STRICT PARALLEL SAFE');

CREATE TEMP TABLE j (c int, j journey.journey, plan text);
INSERT INTO j VALUES
	(1, 'a@2026-01-01 10:00:00+00 > x@2026-01-01 10:10:00+00 > b@2026-01-01 10:20:00+00', 'pro'),
	(2, 'a@2026-01-01 10:00:00+00 > x@2026-01-01 10:10:00+00', 'free'),
	(3, 'a@2026-01-01 10:00:00+00 > y@2026-01-01 10:10:00+00', NULL),
	(4, 'x@2026-01-01 09:00:00+00', 'pro');

-- Behaviour.
SELECT results_eq($$SELECT label, converted, dropped FROM funnel_correlation(
	(SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1) FROM j))$$,
	$$VALUES ('x'::text, 1::bigint, 1::bigint), ('y', 0, 1)$$,
	'labels: customer 4 never reached step 1; equal p and |ln OR| (3 and 1/3): label order');
SELECT results_eq($$SELECT label, converted, dropped FROM funnel_correlation(
	(SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1, plan) FROM j))$$,
	$$VALUES ('pro'::text, 1::bigint, 0::bigint), ('free', 0, 1)$$,
	'attribute values; a NULL value counts in the totals only');
SELECT is((SELECT count(*) FROM funnel_correlation(NULL)), 0::bigint, 'NULL state: no rows');
SELECT is((SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1) FROM j WHERE false), NULL, 'no rows: NULL');
SELECT is((SELECT count(*) FROM (SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1) OVER (ORDER BY c) FROM j) w),
          4::bigint, 'usable as a window aggregate');
SELECT lives_ok($$SELECT funnel_correlation_agg(NULL::journey.journey, '1 hour', ARRAY['a', 'b'], 1)$$, 'a NULL journey is skipped');
SELECT ok((SELECT bool_and(p_value > 0 AND p_value <= 1 AND ci_low <= odds_ratio AND odds_ratio <= ci_high)
           FROM funnel_correlation((SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 1) FROM j))),
          'p in (0, 1], odds ratio inside its interval');

-- Argument errors.
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 0) FROM j$$,
	'22023', 'funnel_correlation_agg step 0 is out of range', 'step 0');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], 2) FROM j$$,
	'22023', 'funnel_correlation_agg step 2 is out of range', 'step = number of steps (no next step)');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], -1) FROM j$$,
	'22023', NULL, 'negative step');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a'], 1) FROM j$$,
	'22023', 'funnel_correlation_agg needs at least two steps', 'one step');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY[]::text[], 1) FROM j$$,
	'22023', 'funnel_correlation_agg needs at least two steps', 'no steps');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '-1 hour', ARRAY['a', 'b'], 1) FROM j$$,
	'22023', 'funnel_correlation_agg window must not be negative', 'negative window');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, CASE WHEN c = 1 THEN interval '1 hour' ELSE '2 hours' END, ARRAY['a', 'b'], 1) FROM j$$,
	'22023', 'funnel_correlation_agg window, steps and step must be the same for all rows of a group', 'window changing');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b', 'c'], c % 2 + 1) FROM j$$,
	'22023', NULL, 'step changing');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', CASE WHEN c = 1 THEN 'b' ELSE 'c' END], 1) FROM j$$,
	'22023', NULL, 'steps changing');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, NULL, ARRAY['a', 'b'], 1) FROM j$$, '22004', NULL, 'NULL window');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', NULL, 1) FROM j$$, '22004', NULL, 'NULL steps');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', 'b'], NULL) FROM j$$, '22004', NULL, 'NULL step');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY['a', NULL], 1) FROM j$$,
	'22004', 'funnel_correlation_agg steps must not contain NULL', 'NULL step label');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', ARRAY[['a', 'b'], ['c', 'd']], 1) FROM j$$,
	'2202E', NULL, 'two-dimensional steps');
SELECT throws_ok($$SELECT funnel_correlation_agg(j, '1 hour', array_fill('a'::text, ARRAY[65]), 1) FROM j$$,
	'54000', NULL, 'more than 64 steps');

-- Corrupt states: SQLSTATE 22P03, whatever is wrong.
SELECT is((SELECT count(*) FROM funnel_correlation(
	'\x010200000000000000000000000100000002000000016100000001620000000000000001000000000000000100000002000000017800000000000000010000000000000000000000017900000000000000000000000000000001'::bytea)),
	2::bigint, 'a hand-made state is read (labels x and y)');
SELECT throws_ok($$SELECT * FROM funnel_correlation('\x'::bytea)$$, '22P03', 'invalid funnel_correlation state: truncated', 'empty');
SELECT throws_ok($$SELECT * FROM funnel_correlation('\x0200'::bytea)$$, '22P03', 'invalid funnel_correlation state: unsupported version', 'version 2');
SELECT throws_ok($$SELECT * FROM funnel_correlation('\x0106'::bytea)$$, '22P03', 'invalid funnel_correlation state: invalid flags', 'unknown flag bit');
SELECT throws_ok($$SELECT * FROM funnel_correlation(
	'\x010200000000000000000000000100000002000000016100000001620000000000000001000000000000000100000002000000017800000000000000010000000000000000000000017800000000000000000000000000000001'::bytea)$$,
	'22P03', 'invalid funnel_correlation state: duplicate label', 'duplicate label');
SELECT throws_ok($$SELECT * FROM funnel_correlation(
	'\x010200000000000000000000000100000002000000016100000001620000000000000001000000000000000100000001000000017800000000000000020000000000000000'::bytea)$$,
	'22P03', 'invalid funnel_correlation state: invalid label counts', 'count above the total');
SELECT throws_ok($$SELECT * FROM funnel_correlation(
	'\x0102000000000000000000000001000000020000000161000000016200000000000000010000000000000001000000000000'::bytea)$$,
	'22P03', 'invalid funnel_correlation state: trailing bytes', 'trailing bytes');
SELECT throws_ok($$SELECT * FROM funnel_correlation(
	'\x010200000000000000000000000200000002000000016100000001620000000000000001000000000000000100000000'::bytea)$$,
	'22P03', 'invalid funnel_correlation state: invalid steps', 'step out of range in the state');
SELECT throws_ok($$SELECT * FROM funnel_correlation(
	'\x0102000000000000000000000001000000020000000161000000FF620000000000000001000000000000000100000000'::bytea)$$,
	'22P03', 'invalid funnel_correlation state: truncated', 'label length past the end');
SELECT throws_ok($$SELECT * FROM funnel_correlation(
	'\x0102000000000000000000000001000000020000000161000000016200000000000000010000000000000001000000010000000378007900000000000000010000000000000000'::bytea)$$,
	'22P03', 'invalid funnel_correlation state: invalid label', 'a label with a NUL byte (not valid text)');

SELECT * FROM finish();
ROLLBACK;
