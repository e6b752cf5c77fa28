-- Removal effects: the dense solver (markov_dense.c) against one
-- Gauss-Seidel solve per label, on the same chains (random paths with
-- repeats and cycles, orders 1 to 3, with and without values), and the
-- fallback to Gauss-Seidel on a chain the dense solver cannot invert.
--
-- The comparison needs the test build's entry point
-- journey_test_markov_solver (src/testing/markov_solvers.c): test/run.sh
-- always builds with it, the packages never contain it, so pg_regress (which
-- the package checks run) does not use it.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(15);

CREATE FUNCTION pg_temp.solver(model journey.markov, solver text)
	RETURNS TABLE (label text, removal_effect float8, value_removal_effect float8)
	AS '$libdir/journey', 'journey_test_markov_solver' LANGUAGE C STRICT;

-- Random paths: g names the case; labels drawn from nl labels (repeats
-- and returns to earlier labels make cycles), 1 to maxlen touches.
SELECT setseed(0.16);
CREATE TEMP TABLE rp AS
SELECT g, k, ARRAY(SELECT 'l' || floor(random() * nl)::int
				   FROM generate_series(1, 1 + floor(random() * maxlen)::int)) AS p,
	   floor(random() * 3)::float8 AS conv,
	   floor(random() * 3)::float8 AS nulls,
	   CASE WHEN with_value THEN round((random() * 100)::numeric, 2)::float8 ELSE 0 END AS val
FROM (VALUES (1, 1, 6, 8, 300, true),
			 (2, 1, 150, 6, 3000, true),
			 (3, 2, 5, 10, 400, true),
			 (4, 2, 14, 6, 2000, false),
			 (5, 3, 4, 12, 500, true),
			 (6, 3, 7, 8, 1500, true)) c(g, k, nl, maxlen, npaths, with_value),
	 generate_series(1, npaths) i;
CREATE TEMP TABLE rm AS
SELECT g, k, journey.markov_fit(p, conv, val, nulls, k) AS m FROM rp GROUP BY g, k;

-- more states than one block of the dense solver (128), and not a multiple of it
-- (states: the items of the text form after "order=k")
SELECT ok((SELECT count(*) FROM rm
		   WHERE array_length(regexp_split_to_array(m::text, '; \['), 1) - 1 > 128) >= 3,
	'three chains with more than 128 states');

-- per case: the largest difference relative to the larger effect, with
-- effects below 1e-12 compared absolutely (the iterative solve rounds 1 - y/P)
CREATE TEMP TABLE cmp AS
SELECT rm.g, rm.k,
	   max(abs(d.removal_effect - i.removal_effect)
		   / greatest(abs(d.removal_effect), abs(i.removal_effect), 1e-12)) AS conv_rel,
	   max(abs(d.value_removal_effect - i.value_removal_effect)
		   / greatest(abs(d.value_removal_effect), abs(i.value_removal_effect), 1e-12)) AS value_rel,
	   count(*) AS labels,
	   count(*) FILTER (WHERE d.removal_effect > 0) AS positive
FROM rm, pg_temp.solver(rm.m, 'dense') d
JOIN pg_temp.solver(rm.m, 'iterative') i USING (label)
GROUP BY rm.g, rm.k;

SELECT ok(conv_rel <= 1e-9 AND positive > 0,
		  format('case %s (order %s, %s labels): removal effects agree (%s)', g, k, labels, conv_rel))
FROM cmp ORDER BY g;
SELECT ok(value_rel <= 1e-9,
		  format('case %s (order %s): value removal effects agree (%s)', g, k, value_rel))
FROM cmp WHERE g <> 4 ORDER BY g;

-- removal_effects() itself is one of the two
SELECT is((SELECT count(*) FROM rm, journey.removal_effects(rm.m) r
		   JOIN pg_temp.solver(rm.m, 'auto') a USING (label)
		   WHERE r.removal_effect IS DISTINCT FROM a.removal_effect), 0::bigint,
	'removal_effects() uses the automatic choice');

-- A chain with a closed cycle (a > b > a ... never absorbs, read from
-- text): singular, so the dense solver declines and removal_effects() solves
-- it by sweeps.
CREATE TEMP TABLE cyc AS SELECT
	'order=1; [] p=0.5 v=0 c=0 w=0 -> a:0.5, c:0.5; [a] p=0 v=0 c=0 w=0 -> b:1; [b] p=0 v=0 c=0 w=0 -> a:1; [c] p=1 v=0 c=1 w=0'::journey.markov AS m;
SELECT throws_ok($$SELECT * FROM cyc, pg_temp.solver(m, 'dense')$$, '54000',
	'the dense solver cannot solve this chain', 'singular chain: dense solver declines');
SELECT results_eq($$SELECT label, removal_effect FROM cyc, journey.removal_effects(m) ORDER BY label$$,
	$$VALUES ('a', 0::float8), ('b', 0::float8), ('c', 1::float8)$$,
	'singular chain: removal_effects() falls back to Gauss-Seidel');

SELECT * FROM finish();
ROLLBACK;
