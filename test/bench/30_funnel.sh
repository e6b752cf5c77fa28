# test/bench/30_funnel.sh — funnels (sourced by run.sh).
#
# A 4-step funnel over bench.events, GROUP BY customer_id, window 7 days.
# The steps are the four most frequent channel labels, in order of share:
# web -> mobile_app -> email -> search_ad.  Measured in the same run:
#   * the floor, count(*) per customer;
#   * a reference, max(label) per customer: PostgreSQL's own simplest
#     aggregate whose state is passed by reference, as window_funnel's is
#     (over rows in no order of customer, reading a group's state is a cache
#     miss per row that count(*), whose state is in the hash entry, does not
#     pay): the ratio to the floor of any by-reference aggregate;
#   * the floor with the four step conditions computed as the boolean form
#     passes them (the array of the four comparisons built for every row,
#     its first element used as a FILTER): what any query that asks these
#     conditions pays;
#   * journey.window_funnel over the raw events: the label form (target
#     <= 1.2x the floor), the boolean form (target <= 1.2x the floor with
#     the conditions);
#   * the best pure-SQL formulation of the same funnel we could write
#     (target: at least 20 times slower than window_funnel), checked once
#     against window_funnel on 1 customer in 20;
#   * journey.funnel over the stored journeys of bench.journeys (target:
#     window_funnel at least 5 times slower);
#   * window_funnel with max_parallel_workers_per_gather = 2 (target: at
#     least 1.5 times faster than with 0);
#   * the memory of the aggregate states, per event on which a step holds.
#
# BENCH_FUNNEL_SQL_REPEAT (default: BENCH_REPEAT) sets the timed runs of the
# slow pure-SQL query.

funnel_window="interval '7 days'"
funnel_labels="'web', 'mobile_app', 'email', 'search_ad'"
funnel_steps="label = 'web', label = 'mobile_app', label = 'email', label = 'search_ad'"
funnel_wf="journey.window_funnel($funnel_window, ts, $funnel_steps)"

# funnel_sql WHERE: the pure-SQL funnel, one row per customer with at least
# one step event (customers without one are at level 0 and have no row).
#
# For a step-1 event at t1 the longest chain starting there is found
# greedily: the earliest step-2 event at or after t1, then the earliest
# step-3 event at or after that one, and so on, while within t1 + window;
# the level is the maximum over all step-1 events.  Window aggregates over
# the customer's events in descending time order give, for every event, the
# earliest later (or equal-time: RANGE mode includes peers) event of a step;
# nesting them chains the steps: nc is the first step-3 time at or after an
# event, ncd the first step-4 time at or after that step-3 event (the
# minimum of nd over the step-3 events that follow, as nd does not decrease
# with time), and so on.  Three window levels, one sort.
funnel_sql() {
	local w="WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)" lim="ts + $funnel_window"
	cat <<SQL
SELECT customer_id,
       coalesce(max(CASE WHEN nbcd <= $lim THEN 4 WHEN nbc <= $lim THEN 3
                         WHEN nb <= $lim THEN 2 ELSE 1 END) FILTER (WHERE label = 'web'), 0) AS level
FROM (SELECT customer_id, ts, label,
             min(ts) FILTER (WHERE label = 'mobile_app') OVER w AS nb,
             min(nc) FILTER (WHERE label = 'mobile_app') OVER w AS nbc,
             min(ncd) FILTER (WHERE label = 'mobile_app') OVER w AS nbcd
      FROM (SELECT customer_id, ts, label,
                   min(ts) FILTER (WHERE label = 'email') OVER w AS nc,
                   min(nd) FILTER (WHERE label = 'email') OVER w AS ncd
            FROM (SELECT customer_id, ts, label,
                         min(ts) FILTER (WHERE label = 'search_ad') OVER w AS nd
                  FROM bench.events
                  WHERE label IN ($funnel_labels)$1
                  $w) s3
            $w) s2
      $w) s1
GROUP BY customer_id
SQL
}

section "funnels: 4 steps, 7 days (max_parallel_workers_per_gather = 0)"

bench_note "   steps: $funnel_labels; window $funnel_window"
bench -d "floor: count(*)" floor_events \
	"SELECT customer_id, count(*) FROM bench.events GROUP BY customer_id"
bench -d "reference: max(label), a by-reference state" ref_byref \
	"SELECT customer_id, max(label) FROM bench.events GROUP BY customer_id"
bench -d "floor with the step conditions" floor_conds \
	"SELECT customer_id, count(*) FILTER (WHERE (ARRAY[$funnel_steps])[1]) FROM bench.events GROUP BY customer_id"
bench -d "journey.window_funnel" -t floor_conds:1.2 window_funnel \
	"SELECT customer_id, $funnel_wf FROM bench.events GROUP BY customer_id"
bench -d "journey.window_funnel, label form" -t floor_events:1.2 window_funnel_label \
	"SELECT customer_id, journey.window_funnel($funnel_window, ts, label, $funnel_labels) FROM bench.events GROUP BY customer_id"
BENCH_REPEAT=${BENCH_FUNNEL_SQL_REPEAT:-$BENCH_REPEAT} \
	bench -d "pure SQL: window aggregates" sql_funnel "$(funnel_sql "")"
bench -d "journey.funnel over bench.journeys" stored_funnel \
	"SELECT customer_id, journey.funnel(j, $funnel_window, $funnel_labels) FROM bench.journeys"
time_table floor_events

section "funnels: parallel (max_parallel_workers_per_gather = 2)"

BENCH_WORKERS=2 bench -d "floor: count(*)" floor_events_par \
	"SELECT customer_id, count(*) FROM bench.events GROUP BY customer_id"
BENCH_WORKERS=2 bench -d "journey.window_funnel" window_funnel_par \
	"SELECT customer_id, $funnel_wf FROM bench.events GROUP BY customer_id"
time_table floor_events_par

section "funnels: ratios"

speedup_table \
	"pure SQL / window_funnel|sql_funnel|window_funnel|20" \
	"window_funnel / journey.funnel (stored)|window_funnel|stored_funnel|5" \
	"window_funnel: 0 workers / 2 workers|window_funnel|window_funnel_par|1.5" \
	"floor: 0 workers / 2 workers|floor_events|floor_events_par|"

section "funnels: correctness and memory"

# The pure-SQL funnel must give exactly window_funnel's level for every
# customer: checked once, on 1 customer in 20 (customers without a step
# event have no row in the SQL result and count as level 0).
bench_note "   checking the pure-SQL funnel against window_funnel (customer_id % 20 = 0) ..."
IFS='|' read -r chk_n chk_diff chk_levels < <(bench_psql -At -F '|' <<SQL
$(bench_session_sql)
WITH wf AS (
	SELECT customer_id, $funnel_wf AS level
	FROM bench.events WHERE customer_id % 20 = 0 GROUP BY customer_id
), sq AS (
$(funnel_sql "
                    AND customer_id % 20 = 0")
)
SELECT count(*),
       count(*) FILTER (WHERE wf.level IS DISTINCT FROM coalesce(sq.level, 0)),
       (SELECT string_agg(n::text, '/' ORDER BY level)
        FROM (SELECT l.level, count(w.level) AS n
              FROM generate_series(0, 4) l(level) LEFT JOIN wf w USING (level)
              GROUP BY l.level) d)
FROM wf LEFT JOIN sq USING (customer_id);
SQL
)
metric "customers checked (customer_id % 20 = 0)" "$chk_n" ""
metric "  of which at level 0/1/2/3/4 (window_funnel)" "$chk_levels" ""
metric -t 0 "  pure SQL level differs from window_funnel" "$chk_diff" "customers"

# Memory: one EXPLAIN ANALYZE of window_funnel and of the floor with a
# work_mem large enough for the hash aggregate to keep every group in
# memory; the difference of their "Memory Usage", divided by the number of
# events on which some step holds, is what the funnel states cost per such
# event (the hash table and group keys are in both).
bench_note "   memory of the aggregate states (work_mem = 4GB) ..."
funnel_mem() {
	bench_psql -At <<SQL | sed -n 's/.*Batches: \([0-9]*\) *Memory Usage: \([0-9]*\)kB.*/\1 \2/p' | head -n1
$(bench_session_sql)
SET work_mem = '4GB';
EXPLAIN (ANALYZE, TIMING OFF) $1;
SQL
}
read -r mem_floor_b mem_floor < <(funnel_mem "SELECT customer_id, count(*) FROM bench.events GROUP BY customer_id")
read -r mem_wf_b mem_wf < <(funnel_mem "SELECT customer_id, $funnel_wf FROM bench.events GROUP BY customer_id")
step_events=$(bench_query "SELECT count(*) FROM bench.events WHERE label IN ($funnel_labels)")
metric "events on which a step holds" "$step_events" ""
if [ -n "${mem_floor:-}" ] && [ -n "${mem_wf:-}" ] && [ "$mem_floor_b" = 1 ] && [ "$mem_wf_b" = 1 ]; then
	metric "hash aggregate memory: floor count(*)" "$((mem_floor / 1024))" "MB"
	metric "hash aggregate memory: window_funnel" "$((mem_wf / 1024))" "MB"
	metric "window_funnel state per step event (difference)" \
		"$(awk -v a="$mem_wf" -v b="$mem_floor" -v n="$step_events" 'BEGIN { printf "%.1f", (a - b) * 1024 / n }')" \
		"bytes/event"
else
	bench_note "   no single-batch hash aggregate in the plans: memory not measured"
	metric "window_funnel state per step event" "n/a" ""
fi
metric_table

# ClickHouse's windowFunnel on the same rows: section clickhouse
# (60_clickhouse.sh, BENCH_ONLY=clickhouse).
