# test/bench/37_paths.sh — the path_after / path_before aggregates over raw
# rows (sourced by run.sh).
#
# Per customer (GROUP BY customer_id) against the floor count(*) per
# customer; across all customers (one group: the state holds every row)
# against the floor count(*), with 0 and with 2 parallel workers, where
# each worker's partial state reaches the leader as a journey.path_state
# (flattened once per worker, read back by path_state_combine).

paths_after="journey.path_after(ts, label, label = 'email', 3)"

section "paths: path_after over raw rows"

bench -d "floor: count(*) per customer" floor \
	"SELECT customer_id, count(*) FROM bench.events GROUP BY customer_id"
bench -d "path_after per customer" after_customer \
	"SELECT customer_id, $paths_after FROM bench.events GROUP BY customer_id"
bench -d "floor: count(*)" floor_all "SELECT count(*) FROM bench.events"
bench -d "path_after across customers" after_all "SELECT $paths_after FROM bench.events"
time_table floor

section "paths: parallel (max_parallel_workers_per_gather = 2)"

BENCH_WORKERS=2 bench -d "floor: count(*)" floor_all_par "SELECT count(*) FROM bench.events"
BENCH_WORKERS=2 bench -d "path_after across customers" after_all_par \
	"SELECT $paths_after FROM bench.events"
time_table floor_all_par
speedup_table "floor: 0 workers / 2 workers|floor_all|floor_all_par|" \
	"path_after across customers: 0 workers / 2 workers|after_all|after_all_par|"
