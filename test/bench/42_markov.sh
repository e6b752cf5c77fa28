# test/bench/42_markov.sh — Markov removal effects over thousands of labels
# (sourced by run.sh; issue 16).
#
# bench.mpaths(id, p, conv, value, nulls): 200,000 paths of 2 to 6 labels
# drawn uniformly from 2,000 (setseed(0.42), so every run builds the same
# rows, whatever BENCH_SCALE): an order-1 chain of 2,001 states and about
# 560,000 distinct transitions; 30 % of the paths converted once (value 10
# to 500), the others did not.  Built once and reused.
#
# Measured against the floor SELECT count(*) FROM bench.mpaths:
# markov_model (chain, then the removal effects of the 2,000 labels), and
# the removal effects of the fitted model (bench.mmodel, made every run) by
# each of the two solvers, through the test build's entry point
# journey_test_markov_solver (src/testing/markov_solvers.c; test/run.sh
# always builds it): the dense inverse, which markov_model chooses here, and
# one Gauss-Seidel solve per label, the solver before 0.3.0 (about 80 s:
# BENCH_MARKOV_SLOW_REPEAT timed runs, default 1, after the warm-up).  The
# two solvers' effects are compared (largest relative difference).
# Target: markov_model under 5 s.
#
# Then the same paths over 4,000 labels (4,001 states, near the dense
# solver's limit of 4,096: about 8 times the work of 2,001 states; timed
# BENCH_MARKOV_SLOW_REPEAT times), and over 10,000 labels (the most
# markov_model accepts; 10,001 states, too many for the dense solver, so one
# Gauss-Seidel solve per label: several minutes, about 10,000 x 40 sweeps
# over ~600,000 transitions): that query must stop soon after
# statement_timeout (2 s).

# Bump when the rows of bench.mpaths change.
BENCH_MPATHS_VERSION=1

section "markov: 2,000 labels"

bench_mpaths_current() {
	[ "$BENCH_REBUILD" = 1 ] && return 1
	[ "$(bench_query "SELECT to_regclass('bench.mpaths_meta') IS NOT NULL AND to_regclass('bench.mpaths') IS NOT NULL")" = t ] ||
		return 1
	[ "$(bench_query "SELECT count(*) FROM bench.mpaths_meta WHERE version = $BENCH_MPATHS_VERSION")" = 1 ]
}

# bench_make_mpaths TABLE LABELS: the paths described above over LABELS labels.
bench_make_mpaths() {
	bench_psql <<SQL
$(bench_session_sql)
SELECT setseed(0.42);
CREATE UNLOGGED TABLE $1 AS
SELECT id, ARRAY(SELECT 'c' || floor(random() * $2)::int FROM generate_series(1, n)) AS p,
       conv::int::float8 AS conv,
       CASE WHEN conv THEN round((10 + 490 * power(r, 2))::numeric, 2)::float8 ELSE 0 END AS value,
       (NOT conv)::int::float8 AS nulls
FROM (SELECT id, 2 + floor(random() * 5)::int AS n, random() < 0.3 AS conv, random() AS r
      FROM generate_series(1, 200000) id) s;
VACUUM ANALYZE $1;
SQL
}

if bench_mpaths_current; then
	bench_note "   reusing bench.mpaths"
else
	bench_note "   building bench.mpaths ..."
	bench_psql -c 'SET client_min_messages = warning' \
		-c 'DROP TABLE IF EXISTS bench.mpaths, bench.mpaths4k, bench.mpaths10k, bench.mpaths_meta'
	bench_make_mpaths bench.mpaths 2000
	bench_make_mpaths bench.mpaths4k 4000
	bench_make_mpaths bench.mpaths10k 10000
	bench_psql -c "CREATE UNLOGGED TABLE bench.mpaths_meta AS SELECT $BENCH_MPATHS_VERSION AS version"
fi

# The test build's entry point; without it, only markov_model is timed.
markov_hook=0
if bench_psql -c 'SET client_min_messages = warning' -c "
	CREATE OR REPLACE FUNCTION bench.markov_solver(model journey.markov, solver text)
	RETURNS TABLE (label text, removal_effect float8, value_removal_effect float8)
	AS '\$libdir/journey', 'journey_test_markov_solver' LANGUAGE C STRICT" >/dev/null 2>&1; then
	markov_hook=1
else
	bench_note "   (no journey_test_markov_solver in this build: the solvers are not compared)"
fi
bench_psql -c 'SET client_min_messages = warning' -c 'DROP TABLE IF EXISTS bench.mmodel' \
	-c "CREATE UNLOGGED TABLE bench.mmodel AS
		SELECT journey.markov_fit(p, conv, value, nulls) AS m FROM bench.mpaths"

IFS='|' read -r mp_n mp_labels mp_trans < <(bench_query "
	SELECT (SELECT count(*) FROM bench.mpaths),
	       (SELECT count(DISTINCT l) FROM bench.mpaths, unnest(p) l),
	       (SELECT count(DISTINCT (a, b)) FROM (
	            SELECT p[i - 1] AS a, p[i] AS b FROM bench.mpaths, generate_subscripts(p, 1) i
	            WHERE i > 1 AND p[i - 1] <> p[i]
	            UNION ALL SELECT DISTINCT NULL, p[1] FROM bench.mpaths) t)")
metric "paths (bench.mpaths)" "$mp_n" ""
metric "distinct labels" "$mp_labels" ""
metric "distinct transitions (order 1)" "$mp_trans" ""
metric_table

bench -d "floor: count(*) FROM bench.mpaths" floor_mpaths \
	"SELECT count(*) FROM bench.mpaths"
bench -d "markov_model(p, conv, value, nulls)" markov2000 \
	"SELECT journey.markov_model(p, conv, value, nulls) FROM bench.mpaths"
if [ $markov_hook = 1 ]; then
	bench -d "removal effects: dense" re_dense \
		"SELECT count(*) FROM bench.mmodel, bench.markov_solver(m, 'dense')"
	BENCH_REPEAT=${BENCH_MARKOV_SLOW_REPEAT:-1} \
		bench -d "removal effects: Gauss-Seidel" re_iterative \
		"SELECT count(*) FROM bench.mmodel, bench.markov_solver(m, 'iterative')"
fi
BENCH_REPEAT=${BENCH_MARKOV_SLOW_REPEAT:-1} \
	bench -d "markov_model, 4,000 labels" markov4000 \
	"SELECT journey.markov_model(p, conv, value, nulls) FROM bench.mpaths4k"
time_table floor_mpaths
if [ $markov_hook = 1 ]; then
	speedup_table "removal effects: Gauss-Seidel / dense|re_iterative|re_dense|10"
fi

section "markov: targets"

metric -t 5000 "markov_model, 2,000 labels, median of $BENCH_REPEAT runs" "${BENCH_MS[markov2000]}" "ms"
metric "markov_model, 2,000 labels / floor" "$(bench_ratio "${BENCH_MS[markov2000]}" "${BENCH_MS[floor_mpaths]}")" "x"
if [ $markov_hook = 1 ]; then
	# Relative differences, effects below 1e-12 compared absolutely; and
	# absolute ones: Gauss-Seidel stops at 1e-13 of the largest unknown and
	# rounds 1 - P(-c)/P, so its relative error grows as the effect shrinks.
	IFS='|' read -r diff_rel diff_abs < <(bench_query "
		SELECT to_char(max(greatest(
		           abs(d.removal_effect - i.removal_effect)
		             / greatest(abs(d.removal_effect), abs(i.removal_effect), 1e-12),
		           abs(d.value_removal_effect - i.value_removal_effect)
		             / greatest(abs(d.value_removal_effect), abs(i.value_removal_effect), 1e-12))), '9.9EEEE'),
		       to_char(max(greatest(abs(d.removal_effect - i.removal_effect),
		                            abs(d.value_removal_effect - i.value_removal_effect))), '9.9EEEE')
		FROM bench.mmodel, bench.markov_solver(m, 'dense') d
		JOIN bench.markov_solver(m, 'iterative') i USING (label)")
	metric -t 1e-9 "dense vs Gauss-Seidel: largest relative difference" "$diff_rel" ""
	metric "dense vs Gauss-Seidel: largest absolute difference" "$diff_abs" ""
fi
# Sanity: the credits add up to the total conversions.
metric -t 0.000001 "markov_model, 2,000 labels: |credited - total conversions|" "$(bench_query "
	SELECT round(abs(sum(c.conversions) - (SELECT sum(conv) FROM bench.mpaths))::numeric, 9)
	FROM unnest((SELECT journey.markov_model(p, conv, value, nulls) FROM bench.mpaths)) c")" ""

# 10,000 labels: canceled by statement_timeout; the time is measured on the
# server, from the statement's start to the error.
cancel_ms=$(bench_psql -At <<'SQL'
SET statement_timeout = 2000;
CREATE OR REPLACE FUNCTION pg_temp.time_to_cancel() RETURNS float8 LANGUAGE plpgsql AS $$
BEGIN
	PERFORM journey.markov_model(p, conv, value, nulls) FROM bench.mpaths10k;
	RETURN NULL;
EXCEPTION WHEN query_canceled THEN
	RETURN round(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000);
END $$;
SELECT coalesce(pg_temp.time_to_cancel()::text, 'finished');
SQL
)
metric -t 2100 "markov_model, 10,000 labels: canceled (statement_timeout 2 s) after" "$cancel_ms" "ms"
metric_table
