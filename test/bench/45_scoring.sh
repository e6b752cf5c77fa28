# test/bench/45_scoring.sh — fitted Markov models and scoring (sourced by
# run.sh).
#
# bench.score_models(k, m): journey.markov_fit(j, conv, value, nulls, k) over
# bench.paths (built by 40_attribution.sh, which must run first: BENCH_ONLY
# "attribution,scoring"; reused when current), for k = 1, 2 and 3, made
# afresh every run; the fits are timed against markov_model of the same
# order, the same chain solved plus a removal per label.
#
# Scoring is a lookup in the solved chain: every journey of bench.journeys
# (BENCH_CUSTOMERS of them, ~10 events each) scored with
# conversion_probability, expected_value and next_touch, the model joined as
# a row of bench.score_models.  Baselines in the same run: the floor
# count(*) FROM bench.journeys, and the pure-SQL formulation of an order-1
# score, a hash join of last_touch(j) with a table of the per-label
# probabilities.  Target: order-1 conversion_probability over 1M journeys
# under 1 s (scaled by BENCH_SCALE).

section "scoring: fitting (max_parallel_workers_per_gather = 0)"

[ "$(bench_query "SELECT to_regclass('bench.paths') IS NOT NULL")" = t ] ||
	bench_die "scoring: bench.paths is missing (run the attribution section first: BENCH_ONLY=attribution,scoring)"
bench_psql -c 'SET client_min_messages = warning' -c 'DROP TABLE IF EXISTS bench.score_models, bench.score_labels'
bench_psql <<SQL
$(bench_session_sql)
CREATE UNLOGGED TABLE bench.score_models AS
SELECT k, (SELECT journey.markov_fit(j, conv, value, nulls, k) FROM bench.paths) AS m
FROM generate_series(1, 3) k;
-- the pure-SQL baseline's lookup table: the order-1 probability per last label
CREATE UNLOGGED TABLE bench.score_labels AS
SELECT l.label, journey.conversion_probability(s.m, ARRAY[l.label]) AS p
FROM bench.score_models s, LATERAL unnest((SELECT array_agg(DISTINCT journey.last_touch(j)) FROM bench.paths)) l(label)
WHERE s.k = 1;
ANALYZE bench.score_models, bench.score_labels;
SQL

for k in 1 2; do
	bench -d "markov_fit(j, conv, value, nulls, $k)" "fit$k" \
		"SELECT journey.markov_fit(j, conv, value, nulls, $k) FROM bench.paths"
	bench -d "markov_model(j, conv, value, nulls, $k)" "fit_model$k" \
		"SELECT journey.markov_model(j, conv, value, nulls, $k) FROM bench.paths"
done
time_table fit1

IFS='|' read -r s1 s2 s3 b1 b2 b3 < <(bench_query "
	SELECT max(CASE k WHEN 1 THEN length(m::text) - length(replace(m::text, '; [', '')) END) / 3,
	       max(CASE k WHEN 2 THEN length(m::text) - length(replace(m::text, '; [', '')) END) / 3,
	       max(CASE k WHEN 3 THEN length(m::text) - length(replace(m::text, '; [', '')) END) / 3,
	       max(CASE k WHEN 1 THEN pg_column_size(m) END), max(CASE k WHEN 2 THEN pg_column_size(m) END),
	       max(CASE k WHEN 3 THEN pg_column_size(m) END)
	FROM bench.score_models")
metric "states, order 1 / 2 / 3" "$s1 / $s2 / $s3" ""
metric "stored model, order 1 / 2 / 3" "$b1 / $b2 / $b3" "bytes"
metric_table

section "scoring: $BENCH_CUSTOMERS journeys (max_parallel_workers_per_gather = 0)"

bench -d "floor: count(*) FROM bench.journeys" floor_score \
	"SELECT count(*) FROM bench.journeys"
bench -d "pure SQL, order 1: last_touch(j) JOIN per-label table" sql_score1 \
	"SELECT sum(s.p) FROM bench.journeys b JOIN bench.score_labels s ON s.label = journey.last_touch(b.j)"
for k in 1 2 3; do
	bench -d "conversion_probability(m, j), order $k" "score$k" \
		"SELECT sum(journey.conversion_probability(s.m, b.j)) FROM bench.journeys b, bench.score_models s WHERE s.k = $k"
done
bench -d "expected_value(m, j), order 1" value1 \
	"SELECT sum(journey.expected_value(s.m, b.j)) FROM bench.journeys b, bench.score_models s WHERE s.k = 1"
bench -d "next_touch(m, j, 1), order 1" next1 \
	"SELECT count(n.label) FROM bench.journeys b, bench.score_models s, journey.next_touch(s.m, b.j, 1) n WHERE s.k = 1"
time_table floor_score

section "scoring: targets"

score_target=$(awk -v s="$BENCH_SCALE" 'BEGIN { printf "%.0f", 1000 * s }')
metric -t "$score_target" "conversion_probability order 1, $BENCH_CUSTOMERS journeys, median" "${BENCH_MS[score1]}" "ms"
metric "  per journey" "$(awk -v ms="${BENCH_MS[score1]}" -v n="$BENCH_CUSTOMERS" 'BEGIN { printf "%.0f", ms * 1e6 / n }')" "ns"
metric "  - floor, per journey" "$(awk -v ms="${BENCH_MS[score1]}" -v f="${BENCH_MS[floor_score]}" -v n="$BENCH_CUSTOMERS" 'BEGIN { printf "%.0f", (ms - f) * 1e6 / n }')" "ns"
metric "conversion_probability order 1 / pure SQL" "$(bench_ratio "${BENCH_MS[score1]}" "${BENCH_MS[sql_score1]}")" "x"
# Sanity: the order-1 scores equal the per-label lookup of the baseline.
metric -t 0 "journeys whose order-1 score differs from the per-label table" "$(bench_query "
	SELECT count(*) FROM bench.journeys b JOIN bench.score_labels s ON s.label = journey.last_touch(b.j),
	       bench.score_models m
	WHERE m.k = 1 AND journey.conversion_probability(m.m, b.j) <> s.p")" ""
metric_table
