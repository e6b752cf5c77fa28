# test/bench/60_clickhouse.sh — ClickHouse as a peer (sourced by run.sh;
# BENCH_ONLY=clickhouse).
#
# The same rows, the same questions, the same machine, in the same run:
#   * Debian's clickhouse-server and clickhouse-client (18.16) are installed
#     when missing (as root; apt-get output in $BENCH_OUT/clickhouse/apt.log;
#     not root: one line says the section is skipped).  A private server runs
#     on 127.0.0.1 with its configuration, data directory, logs and port
#     under $BENCH_OUT/clickhouse (test/clickhouse_lib.sh); it is stopped by
#     its pid on every exit and its data directory removed.  max_threads =
#     BENCH_WORKERS + 1 (default 1: the PostgreSQL side runs without
#     parallel workers); BENCH_CH_THREADS overrides it.
#   * bench.events is copied into a MergeTree table ORDER BY (customer_id,
#     ts) — COPY ... TO STDOUT piped into INSERT ... FORMAT TabSeparated —
#     then OPTIMIZE TABLE ... FINAL merges its parts (as VACUUM ANALYZE
#     follows the load on the PostgreSQL side).
#   * Per customer: the floor (rows per customer), a 4-step funnel with a
#     7-day window, retention with 3 conditions and sequenceMatch
#     '(?1).*(?2).*(?3)', each asked of ClickHouse over the raw events, of
#     journey over the raw rows (GROUP BY customer_id) and of journey over
#     the stored journeys of bench.journeys.  Every condition is one label,
#     and the labels differ, so no row satisfies two conditions: the two
#     18.16 behaviours of doc/funnels.md ("Checked against ClickHouse": one
#     step per row, retention's first condition per row) cannot occur.
#   * The answers are compared customer by customer, once.  A customer with
#     two events at the same second is a tie case: 18.16 orders ties by
#     arrival, journey by condition (doc/sequences.md), so a difference
#     there is counted apart as explained; any other difference, and any
#     difference between the stored-journey and the raw-row forms, is a MISS.
#   * Timing: ClickHouse queries run with `clickhouse-client --time --format
#     Null` (one warm-up run, then BENCH_REPEAT runs, median), which counts
#     sending the result rows to the client; PostgreSQL queries through
#     bench (EXPLAIN ANALYZE, which sends none).  The ratios are to
#     ClickHouse's median in this run.
#   * Bytes per event: ClickHouse's active parts (data_compressed_bytes of
#     system.parts) and PostgreSQL's pg_total_relation_size of bench.events
#     and of bench.journeys (with its primary key).
#   * Optional: Citus columnar (a copy of bench.events USING columnar, ORDER
#     BY customer_id, ts) when the extension citus_columnar can be created;
#     otherwise one line says it is skipped.
#
# Every clickhouse-client call is under `timeout`: BENCH_CH_TIMEOUT seconds
# (default 3600) for the load and the queries.

CH_BENCH_DIR=$BENCH_OUT/clickhouse
# shellcheck source=../clickhouse_lib.sh
. "$BENCH_DIR/../clickhouse_lib.sh"

chb_funnel_labels="'web', 'mobile_app', 'email', 'search_ad'"
chb_funnel_conds="label = 'web', label = 'mobile_app', label = 'email', label = 'search_ad'"
chb_ret_labels="'web', 'mobile_app', 'email'"
chb_ret_conds="label = 'web', label = 'mobile_app', label = 'email'"
chb_pattern='(?1).*(?2).*(?3)'

# ch_bench NAME DISPLAY SQL: one warm-up run, then BENCH_REPEAT runs of SQL
# on the private server, in one client session; records the median in ms
# under NAME like bench does.
ch_bench() {
	local name=$1 desc=$2 sql=$3 i q="" times=()
	[ -z "${BENCH_MS[$name]+x}" ] || bench_die "ch_bench: $name measured twice"
	printf '   %-40s' "$desc" >&2
	for ((i = 0; i <= BENCH_REPEAT; i++)); do q+="$sql;"$'\n'; done
	CH_TIMEOUT=$BENCH_CH_TIMEOUT ch --multiquery --time --format=Null -q "$q" \
		>/dev/null 2>"$CH_BENCH_DIR/time.txt" || {
		cat "$CH_BENCH_DIR/time.txt" >&2
		bench_die "ClickHouse: $name failed"
	}
	mapfile -t times < <(sed -n 's/^\([0-9][0-9]*\.[0-9]*\)$/\1/p' "$CH_BENCH_DIR/time.txt" |
		tail -n +2 | awk '{ printf "%.1f\n", $1 * 1000 }')
	[ ${#times[@]} -eq "$BENCH_REPEAT" ] || bench_die "ClickHouse: $name: no timings from --time"
	printf -- '-- %s / %s (ClickHouse, max_threads = %s)\n%s\n\n' \
		"$BENCH_SECTION" "$name" "$CH_MAX_THREADS" "$sql" >>"$BENCH_OUT/plans.txt"
	BENCH_MS[$name]=$(bench_median "${times[@]}")
	BENCH_RUNS[$name]=${times[*]}
	BENCH_DESC[$name]=$desc
	BENCH_TGT[$name]=""
	BENCH_WL[$name]=0
	printf ' %s ms\n' "${BENCH_MS[$name]}" >&2
}

# chb_secs NAME: NAME's median in seconds (3 decimals); "-" when not measured.
chb_secs() {
	if [ -n "$1" ] && [ -n "${BENCH_MS[$1]+x}" ]; then
		awk -v m="${BENCH_MS[$1]}" 'BEGIN { printf "%.3f", m / 1000 }'
	else
		printf -- '-'
	fi
}
chb_x() {
	if [ -n "$1" ] && [ -n "${BENCH_MS[$1]+x}" ]; then
		printf '%sx' "$(bench_ratio "${BENCH_MS[$1]}" "${BENCH_MS[$2]}")"
	else
		printf -- '-'
	fi
}

# chb_side_table "DISPLAY|CH|RAW|STORED"...: the side-by-side table, seconds
# and ratios to ClickHouse; an empty name is a dash.
chb_side_table() {
	local row desc c r s n
	local -A written=()
	printf '\n'
	bench_line '%-38s %10s %10s %8s %10s %8s' "" ClickHouse journey "" journey ""
	bench_line '%-38s %10s %10s %8s %10s %8s' question "raw (s)" "raw (s)" "x CH" "stored (s)" "x CH"
	for row in "$@"; do
		IFS='|' read -r desc c r s <<<"$row"
		bench_line '%-38s %10s %10s %8s %10s %8s' "$desc" "$(chb_secs "$c")" \
			"$(chb_secs "$r")" "$(chb_x "$r" "$c")" "$(chb_secs "$s")" "$(chb_x "$s" "$c")"
		for n in $c $r $s; do
			[ -z "${written[$n]+x}" ] || continue
			written[$n]=1
			printf '%s\t%s\t%s\t%s\t%s\t%s\t\t\n' "$BENCH_SECTION" "${BENCH_DESC[$n]}" \
				"${BENCH_WL[$n]}" "${BENCH_MS[$n]}" "${BENCH_RUNS[$n]}" \
				"$(bench_ratio "${BENCH_MS[$n]}" "${BENCH_MS[$c]}")" >>"$BENCH_OUT/results.tsv"
		done
	done
}

chb_cleanup() {
	ch_stop
	rm -rf "$CH_BENCH_DIR/data"
}

chb_run() {
	local rc=0 t0 n_ch
	mkdir -p "$CH_BENCH_DIR"
	ch_install "$CH_BENCH_DIR/apt.log" || rc=$?
	if [ $rc -eq 2 ]; then
		printf '\n# ClickHouse peer: skipped (%s)\n' "$CH_SKIP"
		return 0
	fi
	[ $rc -eq 0 ] || bench_die "installing ClickHouse failed (log: $CH_BENCH_DIR/apt.log)"

	CH_MAX_THREADS=${BENCH_CH_THREADS:-$((BENCH_WORKERS + 1))}
	CH_MAX_MEMORY=${BENCH_CH_MEMORY:-8000000000}
	BENCH_CH_TIMEOUT=${BENCH_CH_TIMEOUT:-3600}
	trap chb_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	ch_start "$CH_BENCH_DIR" || bench_die "the private ClickHouse server did not start (logs in $CH_BENCH_DIR)"
	CH_VERSION=$(ch -q 'SELECT version()')
	bench_note "   ClickHouse $CH_VERSION on 127.0.0.1:$CH_PORT (pid $CH_PID, max_threads $CH_MAX_THREADS, in $CH_BENCH_DIR)"

	# -- load -----------------------------------------------------------------
	bench_note "   loading bench.events into ClickHouse ..."
	ch -q "CREATE TABLE events (customer_id UInt64, ts DateTime, label String, value Nullable(Float64))
		ENGINE = MergeTree ORDER BY (customer_id, ts)" || bench_die "ClickHouse: CREATE TABLE failed"
	t0=$(bench_now_ms)
	# bench.events has whole seconds, all DateTime keeps.
	bench_psql -c "COPY (SELECT customer_id, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
	                            label, value FROM bench.events) TO STDOUT" |
		CH_TIMEOUT=$BENCH_CH_TIMEOUT ch -q "INSERT INTO events FORMAT TabSeparated" ||
		bench_die "ClickHouse: loading the events failed"
	local load_ms=$(($(bench_now_ms) - t0))
	t0=$(bench_now_ms)
	CH_TIMEOUT=$BENCH_CH_TIMEOUT ch -q "OPTIMIZE TABLE events FINAL" || bench_die "ClickHouse: OPTIMIZE failed"
	local opt_ms=$(($(bench_now_ms) - t0))
	# The same rows: count, customers, times, labels and values.
	local pg_sum ch_sum
	pg_sum=$(bench_query "SELECT count(*), sum(customer_id), sum(extract(epoch FROM ts)::bigint),
		sum(length(label)), count(value), round(sum(value))::bigint FROM bench.events" | tr '|' ' ')
	ch_sum=$(ch -q "SELECT count(), sum(customer_id), sum(toUInt32(ts)), sum(length(label)),
		count(value), toInt64(round(sum(value))) FROM events" | tr '\t' ' ')
	[ "$pg_sum" = "$ch_sum" ] ||
		bench_die "ClickHouse has other rows than bench.events: PostgreSQL '$pg_sum', ClickHouse '$ch_sum'"
	n_ch=${ch_sum%% *}

	# -- timings --------------------------------------------------------------
	local ch_by="FROM events GROUP BY customer_id" pg_by="FROM bench.events GROUP BY customer_id"
	bench_note "   funnel steps: $chb_funnel_labels, window 7 days; retention and sequence: $chb_ret_labels"
	ch_bench ch_floor "ClickHouse: count()" "SELECT customer_id, count() $ch_by"
	bench -d "journey raw: count(*)" chpg_floor "SELECT customer_id, count(*) $pg_by"
	bench -d "journey stored: journey.length(j)" chpg_floor_j \
		"SELECT customer_id, journey.length(j) FROM bench.journeys"

	ch_bench ch_funnel "ClickHouse: windowFunnel" \
		"SELECT customer_id, windowFunnel(604800)(ts, $chb_funnel_conds) $ch_by"
	bench -d "journey raw: window_funnel, label form" chpg_funnel_label \
		"SELECT customer_id, journey.window_funnel(interval '7 days', ts, label, $chb_funnel_labels) $pg_by"
	bench -d "journey raw: window_funnel, boolean form" chpg_funnel_bool \
		"SELECT customer_id, journey.window_funnel(interval '7 days', ts, $chb_funnel_conds) $pg_by"
	bench -d "journey stored: journey.funnel" chpg_funnel_j \
		"SELECT customer_id, journey.funnel(j, interval '7 days', $chb_funnel_labels) FROM bench.journeys"

	ch_bench ch_retention "ClickHouse: retention" \
		"SELECT customer_id, retention($chb_ret_conds) $ch_by"
	bench -d "journey raw: retention" chpg_retention \
		"SELECT customer_id, journey.retention($chb_ret_conds) $pg_by"
	bench -d "journey stored: journey.retention" chpg_retention_j \
		"SELECT customer_id, journey.retention(j, $chb_ret_labels) FROM bench.journeys"

	ch_bench ch_sequence "ClickHouse: sequenceMatch" \
		"SELECT customer_id, sequenceMatch('$chb_pattern')(ts, $chb_ret_conds) $ch_by"
	bench -d "journey raw: sequence_match" chpg_sequence \
		"SELECT customer_id, journey.sequence_match('$chb_pattern', ts, $chb_ret_conds) $pg_by"
	bench -d "journey stored: journey.sequence_match" chpg_sequence_j \
		"SELECT customer_id, journey.sequence_match(j, '$chb_pattern', $chb_ret_labels) FROM bench.journeys"

	section "ClickHouse $CH_VERSION vs journey: seconds (median of $BENCH_REPEAT) and ratio to ClickHouse"
	chb_side_table \
		"floor: rows per customer|ch_floor|chpg_floor|chpg_floor_j" \
		"funnel 4 steps, 7 days: label form|ch_funnel|chpg_funnel_label|chpg_funnel_j" \
		"funnel 4 steps, 7 days: boolean form|ch_funnel|chpg_funnel_bool|" \
		"retention, 3 conditions|ch_retention|chpg_retention|chpg_retention_j" \
		"sequenceMatch (?1).*(?2).*(?3)|ch_sequence|chpg_sequence|chpg_sequence_j"

	# -- agreement ------------------------------------------------------------
	section "ClickHouse vs journey: the same answers"
	bench_note "   comparing the answers customer by customer ..."
	local cmp=$CH_BENCH_DIR/compare
	mkdir -p "$cmp"
	CH_TIMEOUT=$BENCH_CH_TIMEOUT ch -q "SELECT customer_id, count(),
		windowFunnel(604800)(ts, $chb_funnel_conds),
		arrayStringConcat(arrayMap(x -> toString(x), retention($chb_ret_conds)), ','),
		sequenceMatch('$chb_pattern')(ts, $chb_ret_conds)
		$ch_by ORDER BY customer_id FORMAT TabSeparated" >"$cmp/ch.tsv" ||
		bench_die "ClickHouse: the comparison query failed"
	bench_psql -At -F $'\t' >"$cmp/raw.tsv" <<SQL || bench_die "the raw-row comparison query failed"
$(bench_session_sql)
SELECT customer_id, count(*),
       journey.window_funnel(interval '7 days', ts, label, $chb_funnel_labels),
       journey.window_funnel(interval '7 days', ts, $chb_funnel_conds),
       array_to_string(journey.retention($chb_ret_conds), ','),
       journey.sequence_match('$chb_pattern', ts, $chb_ret_conds)::int,
       (count(*) > count(DISTINCT ts))::int
$pg_by ORDER BY customer_id;
SQL
	bench_psql -At -F $'\t' >"$cmp/stored.tsv" <<SQL || bench_die "the stored-journey comparison query failed"
$(bench_session_sql)
SELECT customer_id, journey.length(j),
       journey.funnel(j, interval '7 days', $chb_funnel_labels),
       array_to_string(journey.retention(j, $chb_ret_labels), ','),
       journey.sequence_match(j, '$chb_pattern', $chb_ret_labels)::int
FROM bench.journeys ORDER BY customer_id;
SQL
	# Writes one line per question: customers, ClickHouse differences on customers
	# with ties, elsewhere, stored-vs-raw differences; then the tie counts.
	# The three files side by side, one customer per line (streamed: scale 1
	# has a million lines): ClickHouse's 5 columns, then the raw rows' 7,
	# then the stored journeys' 5.
	local lines
	lines=$(wc -l <"$cmp/ch.tsv")
	[ "$(wc -l <"$cmp/raw.tsv")" = "$lines" ] && [ "$(wc -l <"$cmp/stored.tsv")" = "$lines" ] ||
		bench_die "ClickHouse, raw rows and stored journeys answer for different numbers of customers"
	paste "$cmp/ch.tsv" "$cmp/raw.tsv" "$cmp/stored.tsv" | awk -F '\t' -v out="$cmp/counts" '
		BEGIN {
			# question: its ClickHouse, raw-row and stored-journey columns
			nq = split("floor funnel_labels funnel_bools retention sequence", q, " ")
			split("2 3 3 4 5", cc, " "); split("7 8 9 10 11", rc, " "); split("14 15 0 16 17", sc, " ")
		}
		NF != 17 || $1 != $6 || $1 != $13 { printf "line %d: customers or columns differ\n", NR > "/dev/stderr"; bad = 1; exit 1 }
		{
			tie = $12; ties += tie
			for (k = 1; k <= nq; k++) {
				if ($(cc[k]) != $(rc[k])) {
					if (tie) tied[k]++
					else {
						un[k]++
						if (shown[k]++ < 3)
							printf "   DIFF %s: customer %s: ClickHouse %s, journey %s\n", q[k], $1, $(cc[k]), $(rc[k]) > "/dev/stderr"
					}
				}
				if (sc[k] && $(sc[k]) != $(rc[k])) {
					sd[k]++
					if (sshown[k]++ < 3)
						printf "   DIFF %s: customer %s: stored %s, raw %s\n", q[k], $1, $(sc[k]), $(rc[k]) > "/dev/stderr"
				}
			}
		}
		END {
			if (bad) exit 1
			for (k = 1; k <= nq; k++) printf "%s %d %d %d %d\n", q[k], NR, tied[k] + 0, un[k] + 0, (sc[k] ? sd[k] + 0 : -1) > out
			printf "ties %d\n", ties > out
		}' || bench_die "comparing the answers failed"

	local q n tied un sd ties_pairs
	ties_pairs=$(bench_query "SELECT count(*) FROM (SELECT 1 FROM bench.events GROUP BY customer_id, ts HAVING count(*) > 1) t")
	metric "customers compared" "$(awk '$1 == "floor" { print $2 }' "$cmp/counts")" ""
	metric "customers with equal timestamps (tie cases)" "$(awk '$1 == "ties" { print $2 }' "$cmp/counts")" ""
	metric "  (customer, second) pairs with more than one event" "$ties_pairs" ""
	while read -r q n tied un sd; do
		[ "$q" != ties ] || continue
		metric "$q: ClickHouse differs, tie case (explained)" "$tied" "customers"
		metric -t 0 "$q: ClickHouse differs, no tie" "$un" "customers"
		[ "$sd" = -1 ] || metric -t 0 "$q: stored journeys differ from raw rows" "$sd" "customers"
	done <"$cmp/counts"
	metric_table
	# The answers stay in $cmp only when some difference is unexplained.
	if awk '$1 != "ties" && ($4 > 0 || $5 > 0) { bad = 1 } END { exit bad }' "$cmp/counts"; then
		rm -rf "$cmp"
	else
		bench_note "   the answers are in $cmp (ch.tsv, raw.tsv, stored.tsv)"
	fi

	# -- storage --------------------------------------------------------------
	section "ClickHouse vs journey: storage"
	local ch_bytes ch_raw ch_rows
	read -r ch_bytes ch_raw ch_rows < <(ch -q "SELECT sum(data_compressed_bytes), sum(data_uncompressed_bytes), sum(rows)
		FROM system.parts WHERE active AND database = currentDatabase() AND table = 'events'" | tr '\t' ' ')
	[ "$ch_rows" = "$n_ch" ] || bench_note "   warning: system.parts counts $ch_rows rows, the table $n_ch"
	metric "ClickHouse MergeTree events: data_compressed_bytes" \
		"$(awk -v b="$ch_bytes" -v n="$n_ch" 'BEGIN { printf "%.2f", b / n }')" "bytes/event"
	metric "  the same uncompressed (data_uncompressed_bytes)" \
		"$(awk -v b="$ch_raw" -v n="$n_ch" 'BEGIN { printf "%.2f", b / n }')" "bytes/event"
	metric "PostgreSQL bench.events: pg_total_relation_size" \
		"$(bench_query "SELECT round(pg_total_relation_size('bench.events')::numeric / $n_ch, 2)")" "bytes/event"
	metric "PostgreSQL bench.journeys with primary key" \
		"$(bench_query "SELECT round(pg_total_relation_size('bench.journeys')::numeric / $n_ch, 2)")" "bytes/event"
	# Where the bytes of bench.journeys go: the journey values themselves,
	# the rest of the heap (tuple headers, line pointers, customer_id,
	# alignment, page headers, free space) and the primary key.  The last two
	# do not depend on the journey format: they bound what a format change
	# can reach in a heap table.
	local jv jh ji jc
	IFS='|' read -r jv jh ji jc < <(bench_query "SELECT sum(pg_column_size(j)), pg_relation_size('bench.journeys') - sum(pg_column_size(j)),
		pg_indexes_size('bench.journeys'), count(*) FROM bench.journeys" | tr -d ' ')
	metric "  of which the journey values" "$(awk -v b="$jv" -v n="$n_ch" 'BEGIN { printf "%.2f", b / n }')" "bytes/event"
	metric "  of which the rest of the heap" "$(awk -v b="$jh" -v n="$n_ch" 'BEGIN { printf "%.2f", b / n }')" "bytes/event"
	metric "  of which the primary key" "$(awk -v b="$ji" -v n="$n_ch" 'BEGIN { printf "%.2f", b / n }')" "bytes/event"
	metric "  heap and key besides the values, per customer" \
		"$(awk -v b="$((jh + ji))" -v n="$jc" 'BEGIN { printf "%.1f", b / n }')" "bytes"
	metric "loading into ClickHouse: COPY | INSERT" "$load_ms" "ms"
	metric "  OPTIMIZE TABLE events FINAL" "$opt_ms" "ms"
	metric_table

	chb_cleanup
	trap - EXIT INT TERM HUP

	chb_citus
}

# Optional: Citus columnar, when citus_columnar can be created here.
chb_citus() {
	local err
	if [ "$(bench_query "SELECT count(*) FROM pg_catalog.pg_available_extensions WHERE name = 'citus_columnar'")" != 1 ]; then
		printf '\n# Citus columnar: citus_columnar is not installed for this server, skipped\n'
		return 0
	fi
	if ! err=$(bench_psql -c 'SET client_min_messages = warning' \
		-c 'CREATE EXTENSION IF NOT EXISTS citus_columnar' 2>&1); then
		printf '\n# Citus columnar: CREATE EXTENSION citus_columnar failed, skipped: %s\n' "$(head -n1 <<<"$err")"
		return 0
	fi
	section "Citus columnar (bench.events_columnar, USING columnar, ORDER BY customer_id, ts)"
	bench_note "   copying bench.events into a columnar table ..."
	# (serially: a parallel CREATE TABLE AS cannot write a columnar table)
	bench_psql -c 'SET client_min_messages = warning' -c 'DROP TABLE IF EXISTS bench.events_columnar' \
		-c 'SET max_parallel_workers_per_gather = 0' \
		-c 'CREATE TABLE bench.events_columnar USING columnar AS SELECT * FROM bench.events ORDER BY customer_id, ts' \
		-c 'ANALYZE bench.events_columnar'
	local by="FROM bench.events_columnar GROUP BY customer_id"
	bench -d "columnar: count(*)" chcol_floor "SELECT customer_id, count(*) $by"
	bench -d "columnar: window_funnel, label form" chcol_funnel \
		"SELECT customer_id, journey.window_funnel(interval '7 days', ts, label, $chb_funnel_labels) $by"
	bench -d "columnar: retention" chcol_retention \
		"SELECT customer_id, journey.retention($chb_ret_conds) $by"
	bench -d "columnar: sequence_match" chcol_sequence \
		"SELECT customer_id, journey.sequence_match('$chb_pattern', ts, $chb_ret_conds) $by"
	printf '\n'
	bench_line '%-38s %10s %10s %8s %10s %8s' question "ClickHouse" "columnar" "x CH" "heap" "x CH"
	local row desc c k h
	for row in "floor: rows per customer|ch_floor|chcol_floor|chpg_floor" \
		"funnel 4 steps, 7 days: label form|ch_funnel|chcol_funnel|chpg_funnel_label" \
		"retention, 3 conditions|ch_retention|chcol_retention|chpg_retention" \
		"sequenceMatch (?1).*(?2).*(?3)|ch_sequence|chcol_sequence|chpg_sequence"; do
		IFS='|' read -r desc c k h <<<"$row"
		bench_line '%-38s %10s %10s %8s %10s %8s' "$desc" "$(chb_secs "$c")" "$(chb_secs "$k")" \
			"$(chb_x "$k" "$c")" "$(chb_secs "$h")" "$(chb_x "$h" "$c")"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t\t\n' "$BENCH_SECTION" "${BENCH_DESC[$k]}" "${BENCH_WL[$k]}" \
			"${BENCH_MS[$k]}" "${BENCH_RUNS[$k]}" "$(bench_ratio "${BENCH_MS[$k]}" "${BENCH_MS[$c]}")" \
			>>"$BENCH_OUT/results.tsv"
	done
	metric "Citus columnar bench.events_columnar: pg_total_relation_size" \
		"$(bench_query "SELECT round(pg_total_relation_size('bench.events_columnar')::numeric / count(*), 2) FROM bench.events")" \
		"bytes/event"
	metric_table

	# The stored journeys in a columnar table: the cold-history layout.
	section "Citus columnar: stored journeys (bench.journeys_columnar, USING columnar)"
	bench_psql -c 'SET client_min_messages = warning' -c 'DROP TABLE IF EXISTS bench.journeys_columnar' \
		-c 'SET max_parallel_workers_per_gather = 0' \
		-c 'CREATE TABLE bench.journeys_columnar USING columnar AS SELECT customer_id, j FROM bench.journeys ORDER BY customer_id' \
		-c 'ANALYZE bench.journeys_columnar'
	bench -d "columnar journeys: journey.length(j)" chcol_floor_j \
		"SELECT customer_id, journey.length(j) FROM bench.journeys_columnar"
	bench -d "columnar journeys: journey.funnel" chcol_funnel_j \
		"SELECT customer_id, journey.funnel(j, interval '7 days', $chb_funnel_labels) FROM bench.journeys_columnar"
	time_table chcol_floor_j
	metric "Citus columnar bench.journeys_columnar: pg_total_relation_size" \
		"$(bench_query "SELECT round(pg_total_relation_size('bench.journeys_columnar')::numeric / $n_ch, 2)")" \
		"bytes/event"
	metric "  ClickHouse MergeTree events, for comparison" \
		"$(awk -v b="$ch_bytes" -v n="$n_ch" 'BEGIN { printf "%.2f", b / n }')" "bytes/event"
	metric_table
	bench_psql -c 'DROP TABLE bench.events_columnar' -c 'DROP TABLE bench.journeys_columnar'
}

section "ClickHouse peer"
chb_run
