# test/bench/20_journey.sh — the journey type: building journeys and their
# storage (sourced by run.sh).
#
# Every query groups bench.events by customer_id.  The floor is a plain
# count(*) per customer; the reference for journey_agg is the pure-SQL way
# of keeping a customer's events in order, array_agg(label ORDER BY ts).

by_customer="FROM bench.events GROUP BY customer_id"

section "journey type: aggregation (max_parallel_workers_per_gather = 0)"

bench -d "floor: count(*)" floor \
	"SELECT customer_id, count(*) $by_customer"
bench -d "array_agg(label ORDER BY ts)" array_agg \
	"SELECT customer_id, array_agg(label ORDER BY ts) $by_customer"
bench -d "journey.journey_agg(ts, label)" -t array_agg:1.0 journey_agg \
	"SELECT customer_id, journey.journey_agg(ts, label) $by_customer"
bench -d "journey.journey_agg(ts, label, value)" journey_agg_value \
	"SELECT customer_id, journey.journey_agg(ts, label, value) $by_customer"
time_table floor

section "journey type: parallel aggregation (max_parallel_workers_per_gather = 2)"

BENCH_WORKERS=2 bench -d "floor: count(*)" floor_par \
	"SELECT customer_id, count(*) $by_customer"
BENCH_WORKERS=2 bench -d "journey.journey_agg(ts, label)" journey_agg_par \
	"SELECT customer_id, journey.journey_agg(ts, label) $by_customer"
# The planner may keep these serial (with a large work_mem it does): the
# same with parallel_setup_cost and parallel_tuple_cost at 0, which gives
# the parallel plan, for the speed-up of the plan itself.
BENCH_SET="$BENCH_SET parallel_setup_cost=0 parallel_tuple_cost=0" BENCH_WORKERS=2 \
	bench -d "floor: count(*), forced parallel" floor_fpar \
	"SELECT customer_id, count(*) $by_customer"
BENCH_SET="$BENCH_SET parallel_setup_cost=0 parallel_tuple_cost=0" BENCH_WORKERS=2 \
	bench -d "journey_agg(ts, label), forced parallel" journey_agg_fpar \
	"SELECT customer_id, journey.journey_agg(ts, label) $by_customer"
time_table floor_par
printf '\n'
bench_line '%-40s %11s %12s %9s %9s' "speed-up over 0 workers" "0 workers" "2 workers" speed-up launched
for pair in floor:floor_par journey_agg:journey_agg_par floor:floor_fpar journey_agg:journey_agg_fpar; do
	s=${pair%%:*} p=${pair#*:}
	bench_line '%-40s %11s %12s %8sx %9s' "${BENCH_DESC[$s]}" "${BENCH_MS[$s]}" \
		"${BENCH_MS[$p]}" "$(bench_ratio "${BENCH_MS[$s]}" "${BENCH_MS[$p]}")" "${BENCH_WL[$p]}"
done
speedup_table "journey_agg: 0 workers / forced parallel|journey_agg|journey_agg_fpar|1.3"

section "journey type: storage"

# Events per journey: journey.length() when this build has it, else the
# rows of bench.events that journey_agg keeps (ts and label not NULL).
if [ "$(bench_query "SELECT to_regprocedure('journey.length(journey.journey)') IS NOT NULL")" = t ]; then
	n_events=$(bench_query "SELECT sum(journey.length(j)) FROM bench.journeys")
	[ "$n_events" = "$BENCH_EVENTS" ] ||
		bench_note "   warning: sum(journey.length(j)) = $n_events but bench.events has $BENCH_EVENTS rows"
else
	n_events=$(bench_query "SELECT count(*) FROM bench.events WHERE ts IS NOT NULL AND label IS NOT NULL")
fi

# Sizes as stored in a table (where values under 127 bytes get a 1-byte
# header instead of 4): the journey without values and the arrays go
# through a temporary table.  ju is the journey of the same events with a
# pseudo-random microsecond part added to every timestamp: bench.events
# has whole seconds, which the journey encoding stores in fewer bytes.
IFS='|' read -r size_j2 size_ju size_a size_t < <(bench_psql -At <<SQL
CREATE TEMP TABLE sizes AS
SELECT journey.journey_agg(ts, label) AS j,
       journey.journey_agg(ts + floor(1000000 * bench.rnd(customer_id * 100000000000
                                 + extract(epoch FROM ts)::bigint, 11)) * interval '1 microsecond',
                           label) AS ju,
       array_agg(label ORDER BY ts) AS a,
       array_agg(ts ORDER BY ts) AS t
$by_customer;
SELECT sum(pg_column_size(j)), sum(pg_column_size(ju)),
       sum(pg_column_size(a)), sum(pg_column_size(t))
FROM sizes;
SQL
)

# per_event SQL: the number SQL computes, divided by the number of events.
per_event() {
	bench_query "SELECT round(($1)::numeric / $n_events, 2)"
}

metric -t 8 "journey (ts, label, value): bench.journeys.j" \
	"$(per_event "SELECT sum(pg_column_size(j)) FROM bench.journeys")" "bytes/event"
metric -t 8 "journey (ts, label): journey_agg(ts, label)" "$(per_event "$size_j2")" "bytes/event"
metric "journey (ts, label), timestamps with microseconds" "$(per_event "$size_ju")" "bytes/event"
metric "bench.journeys, whole table with primary key" \
	"$(per_event "SELECT pg_total_relation_size('bench.journeys')")" "bytes/event"
metric "bench.events heap, whole table" \
	"$(per_event "SELECT pg_relation_size('bench.events')")" "bytes/event"
metric "ts and label columns of bench.events" \
	"$(per_event "SELECT sum(pg_column_size(ts) + pg_column_size(label)) FROM bench.events")" "bytes/event"
metric "text[]: array_agg(label ORDER BY ts)" "$(per_event "$size_a")" "bytes/event"
metric "text[] + timestamptz[]: also array_agg(ts ORDER BY ts)" \
	"$(per_event "$size_a + $size_t")" "bytes/event"
metric_table
