# test/bench/35_stored.sh — questions over stored journeys (sourced by
# run.sh; BENCH_ONLY=stored).
#
# One row per customer of bench.journeys.  The floor is journey.length(j),
# which reads a journey's header only: what it costs to scan the table and
# call a function on every journey at all.  Measured in the same run:
#   * journey.funnel (4 steps, 7 days), journey.retention (3 labels) and
#     journey.sequence_match ('(?1).*(?2).*(?3)', 3 labels), one value per
#     customer, without parallel workers (target: at most 2x the floor);
#   * the plans the server picks by itself with max_parallel_workers_per_gather
#     = 2 and the functions' COST (src/*.sql): a count over a funnel level
#     (few rows leave the workers: parallel), and the one-row-per-customer
#     funnel (every row would cross the Gather: serial), each timed against
#     the same query with 0 workers.

st_labels="'web', 'mobile_app', 'email', 'search_ad'"
st_ret="'web', 'mobile_app', 'email'"
st_funnel="journey.funnel(j, interval '7 days', $st_labels)"

section "stored journeys: one value per customer (max_parallel_workers_per_gather = 0)"

bench -d "floor: journey.length(j)" st_floor \
	"SELECT customer_id, journey.length(j) FROM bench.journeys"
bench -d "journey.funnel, 4 steps, 7 days" -t st_floor:2 st_funnel \
	"SELECT customer_id, $st_funnel FROM bench.journeys"
bench -d "journey.retention, 3 labels" -t st_floor:2 st_retention \
	"SELECT customer_id, journey.retention(j, $st_ret) FROM bench.journeys"
bench -d "journey.sequence_match, 3 labels" -t st_floor:2 st_sequence \
	"SELECT customer_id, journey.sequence_match(j, '(?1).*(?2).*(?3)', $st_ret) FROM bench.journeys"
time_table st_floor

section "stored journeys: the planner's choice with max_parallel_workers_per_gather = 2"

bench -d "count(*) WHERE funnel >= 3, 0 workers" st_count \
	"SELECT count(*) FROM bench.journeys WHERE $st_funnel >= 3"
BENCH_WORKERS=2 bench -d "count(*) WHERE funnel >= 3, planner" st_count_par \
	"SELECT count(*) FROM bench.journeys WHERE $st_funnel >= 3"
BENCH_WORKERS=2 bench -d "journey.funnel per customer, planner" st_funnel_par \
	"SELECT customer_id, $st_funnel FROM bench.journeys"
time_table st_count
speedup_table \
	"count WHERE funnel >= 3: 0 workers / planner|st_count|st_count_par|" \
	"funnel per customer: 0 workers / planner|st_funnel|st_funnel_par|"
