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

# CPU time of the backend itself (utime + stime of /proc/self/stat, read
# through pg_read_file: a superuser, Linux): unlike the wall-clock medians
# above, it does not count the time the backend waited for a core, so on a
# machine shared with other jobs it compares builds more steadily.  Per
# query: one warm-up, then BENCH_REPEAT runs in one session; ms per run.
tm_cpu_sql="(pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/stat'), ' ', 14)::bigint
	+ pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/stat'), ' ', 15)::bigint)"
tm_cpu() {
	local name=$1 sql=$2 i script ticks
	script="$(bench_session_sql)
\\o /dev/null
EXPLAIN (ANALYZE, TIMING OFF) $sql;
\\o
SELECT $tm_cpu_sql AS tm_t0 \\gset
\\o /dev/null"
	for ((i = 0; i < BENCH_REPEAT; i++)); do
		script+="
EXPLAIN (ANALYZE, TIMING OFF) $sql;"
	done
	script+="
\\o
SELECT ($tm_cpu_sql - :tm_t0) * 1000.0 / $(getconf CLK_TCK) / $BENCH_REPEAT;"
	ticks=$(bench_psql -At <<<"$script" | tail -n1)
	printf '   %-40s %s ms CPU\n' "$name" "$(printf '%.1f' "$ticks")"
	metric "$name" "$(printf '%.1f' "$ticks")" "ms CPU"
}

section "times: CPU time of the backend per run, per customer"

tm_cpu "floor: count(*) per customer" \
	"SELECT customer_id, count(*) FROM bench.events GROUP BY customer_id"
tm_cpu "activity_buckets(ts) per customer" \
	"SELECT customer_id, journey.activity_buckets(ts) FROM bench.events GROUP BY customer_id"
tm_cpu "session_count(ts, 30 minutes) per customer" \
	"SELECT customer_id, journey.session_count(ts, interval '30 minutes') FROM bench.events GROUP BY customer_id"
metric "activity_buckets / floor" \
	"$(awk -v a="${BENCH_MVAL[activity_buckets(ts) per customer]}" -v f="${BENCH_MVAL[floor: count(*) per customer]}" 'BEGIN { printf "%.2f", a / f }')" "x"
metric "session_count / floor" \
	"$(awk -v a="${BENCH_MVAL[session_count(ts, 30 minutes) per customer]}" -v f="${BENCH_MVAL[floor: count(*) per customer]}" 'BEGIN { printf "%.2f", a / f }')" "x"
metric_table
