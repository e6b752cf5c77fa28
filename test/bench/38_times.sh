# test/bench/38_times.sh — the aggregates over event times, activity_buckets
# and session_count (state journey.time_state), over raw rows (sourced by
# run.sh; BENCH_ONLY=times).
#
# Per customer (GROUP BY customer_id: many small groups, the state updated
# in place in one chunk per group) against the floor count(*) per customer;
# by channel (GROUP BY label: a few groups whose states are thinned as they
# fill up) against count(*) per channel, with 0 and with 2 parallel workers
# (each worker's partial state reaches the leader as a time_state value).

section "times: activity_buckets and session_count per customer"

bench -d "floor: count(*) per customer" tm_floor \
	"SELECT customer_id, count(*) FROM bench.events GROUP BY customer_id"
bench -d "activity_buckets(ts) per customer" tm_buckets \
	"SELECT customer_id, journey.activity_buckets(ts) FROM bench.events GROUP BY customer_id"
bench -d "activity_buckets(ts, 7 days, 8) per customer" tm_buckets_week \
	"SELECT customer_id, journey.activity_buckets(ts, interval '7 days', 8) FROM bench.events GROUP BY customer_id"
bench -d "session_count(ts, 30 minutes) per customer" tm_sessions \
	"SELECT customer_id, journey.session_count(ts, interval '30 minutes') FROM bench.events GROUP BY customer_id"
time_table tm_floor

section "times: by channel, 0 and 2 workers"

bench -d "floor: count(*) per channel" tm_floor_label \
	"SELECT label, count(*) FROM bench.events GROUP BY label"
bench -d "activity_buckets(ts, 1 day, 400) per channel" tm_buckets_label \
	"SELECT label, journey.activity_buckets(ts, interval '1 day', 400) FROM bench.events GROUP BY label"
bench -d "session_count(ts, 30 minutes) per channel" tm_sessions_label \
	"SELECT label, journey.session_count(ts, interval '30 minutes') FROM bench.events GROUP BY label"
BENCH_WORKERS=2 bench -d "floor: count(*) per channel, 2 workers" tm_floor_label_par \
	"SELECT label, count(*) FROM bench.events GROUP BY label"
BENCH_WORKERS=2 bench -d "activity_buckets per channel, 2 workers" tm_buckets_label_par \
	"SELECT label, journey.activity_buckets(ts, interval '1 day', 400) FROM bench.events GROUP BY label"
BENCH_WORKERS=2 bench -d "session_count per channel, 2 workers" tm_sessions_label_par \
	"SELECT label, journey.session_count(ts, interval '30 minutes') FROM bench.events GROUP BY label"
time_table tm_floor_label
