# test/bench/40_attribution.sh — attribution models (sourced by run.sh).
#
# bench.paths(customer_id, j, conv, value, nulls): one path per customer,
# the first k events of its bench.journeys journey with k drawn uniformly
# from 1..9 (fewer when the journey is shorter, more when event k + 1 has the
# time of event k: about 5 touches on average,
# over the 12 labels); 30 % of the paths converted once (conv = 1, nulls = 0,
# a value of 10 to 500), the others did not (conv = 0, nulls = 1).  Built
# once per scale and reused, like bench.events.
#
# Measured against the floor SELECT count(*) FROM bench.paths: every
# heuristic model through journey.attribute() over the converting paths,
# summed per label; journey.markov_model of order 1, 2 and 3 and
# journey.shapley_model (both games) over all paths.  Target: Markov order 1
# under 5 seconds.
#
# BENCH_ATTR_SLOW_REPEAT (default: BENCH_REPEAT) sets the timed runs of the
# Markov models of order 2 and 3.

# Bump when the rows of bench.paths change.
BENCH_PATHS_VERSION=2

section "attribution: data"

bench_paths_current() {
	[ "$BENCH_REBUILD" = 1 ] && return 1
	[ "$(bench_query "SELECT to_regclass('bench.paths_meta') IS NOT NULL AND to_regclass('bench.paths') IS NOT NULL")" = t ] ||
		return 1
	[ "$(bench_query "SELECT count(*) FROM bench.paths_meta
		WHERE version = $BENCH_PATHS_VERSION AND customers = $BENCH_CUSTOMERS
		AND events_made = (SELECT generated_at FROM bench.meta)")" = 1 ] || return 1
	[ "$(bench_query "SELECT count(*) FROM pg_catalog.pg_attribute
		WHERE attrelid = 'bench.paths'::pg_catalog.regclass AND attname = 'j'
		AND NOT attisdropped AND atttypid = 'journey.journey'::pg_catalog.regtype")" = 1 ] || return 1
	bench_query "SELECT count(j::text) FROM (SELECT j FROM bench.paths LIMIT 100) s" >/dev/null 2>&1
}

if bench_paths_current; then
	bench_note "   reusing bench.paths"
else
	bench_note "   building bench.paths ..."
	bench_psql -c 'SET client_min_messages = warning' \
		-c 'DROP TABLE IF EXISTS bench.paths, bench.paths_meta'
	t0=$(bench_now_ms)
	bench_psql <<SQL
$(bench_session_sql)
CREATE UNLOGGED TABLE bench.paths AS
SELECT customer_id,
       journey.slice(j, NULL, (journey.nth(j, k)).ts + interval '1 microsecond') AS j,
       conv,
       CASE WHEN conv > 0 THEN round((10 + 490 * power(bench.rnd(customer_id, 24), 2))::numeric, 2)::float8
            ELSE 0 END AS value,
       1 - conv AS nulls
FROM (SELECT customer_id, j,
             1 + floor(9 * bench.rnd(customer_id, 22))::int AS k,
             (bench.rnd(customer_id, 23) < 0.3)::int::float8 AS conv
      FROM bench.journeys) s;
SQL
	t1=$(bench_now_ms)
	bench_psql -c 'VACUUM ANALYZE bench.paths' \
		-c "CREATE UNLOGGED TABLE bench.paths_meta AS
			SELECT $BENCH_PATHS_VERSION AS version, $BENCH_CUSTOMERS::bigint AS customers,
			       (SELECT generated_at FROM bench.meta) AS events_made,
			       now() AS made_at, $((t1 - t0))::bigint AS build_ms"
fi

IFS='|' read -r p_n p_touch p_conv p_value p_labels p_ms p_made < <(bench_query "
	SELECT count(*), round(avg(journey.length(j)), 2), sum(conv), round(sum(value)::numeric, 0),
	       (SELECT count(DISTINCT l) FROM bench.paths, unnest(journey.labels(j)) l),
	       (SELECT build_ms FROM bench.paths_meta),
	       (SELECT to_char(made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM bench.paths_meta)
	FROM bench.paths")
metric "paths (bench.paths)" "$p_n" ""
metric "touches per path, average" "$p_touch" ""
metric "converting paths (conv = 1)" "$p_conv" ""
metric "total value" "$p_value" ""
metric "distinct labels" "$p_labels" ""
metric "CREATE TABLE bench.paths (made $p_made UTC)" "$p_ms" "ms"
metric "bench.paths" "$(bench_query "SELECT pg_total_relation_size('bench.paths') / 1048576")" "MB"
metric_table

section "attribution (max_parallel_workers_per_gather = 0)"

bench -d "floor: count(*) FROM bench.paths" floor_paths \
	"SELECT count(*) FROM bench.paths"
for model in first_touch last_touch linear position_based time_decay; do
	bench -d "attribute(j, '$model')" "$model" \
		"SELECT a.label, sum(a.credit) FROM bench.paths p, journey.attribute(p.j, '$model') a WHERE p.conv > 0 GROUP BY 1"
done
bench -d "markov_model(j, conv, value, nulls, 1)" markov1 \
	"SELECT journey.markov_model(j, conv, value, nulls, 1) FROM bench.paths"
for k in 2 3; do
	BENCH_REPEAT=${BENCH_ATTR_SLOW_REPEAT:-$BENCH_REPEAT} \
		bench -d "markov_model(j, conv, value, nulls, $k)" "markov$k" \
		"SELECT journey.markov_model(j, conv, value, nulls, $k) FROM bench.paths"
done
bench -d "shapley_model(j, conv, value, nulls)" shapley \
	"SELECT journey.shapley_model(j, conv, value, nulls) FROM bench.paths"
bench -d "shapley_model(..., 'conversion_rate')" shapley_rate \
	"SELECT journey.shapley_model(j, conv, value, nulls, 'conversion_rate') FROM bench.paths"
time_table floor_paths

section "attribution: parallel (max_parallel_workers_per_gather = 2)"

BENCH_WORKERS=2 bench -d "markov_model(j, conv, value, nulls, 1)" markov1_par \
	"SELECT journey.markov_model(j, conv, value, nulls, 1) FROM bench.paths"
speedup_table "markov_model order 1: 0 workers / 2 workers|markov1|markov1_par|"

section "attribution: targets"

metric -t 5000 "markov_model order 1, median of $BENCH_REPEAT runs" "${BENCH_MS[markov1]}" "ms"
metric "markov_model order 1 / floor" "$(bench_ratio "${BENCH_MS[markov1]}" "${BENCH_MS[floor_paths]}")" "x"
# Sanity: the Markov credits add up to the total conversions.
metric -t 0.001 "markov order 1: |credited - total conversions|" "$(bench_query "
	SELECT round(abs(sum(c.conversions) - (SELECT sum(conv) FROM bench.paths))::numeric, 6)
	FROM unnest((SELECT journey.markov_model(j, conv, value, nulls, 1) FROM bench.paths)) c")" ""
metric_table
