# test/bench/70_distributed.sh — journey on a Citus cluster (sourced by
# run.sh; BENCH_ONLY=distributed).  Issue 11's benchmark.
#
#   * A private Citus cluster: a coordinator and two workers on 127.0.0.1,
#     started by test/citus_lib.sh (the cluster of test/citus.sh), stopped
#     and removed on every exit.  Citus comes from test/build_citus.sh (the
#     server's own, or 13.2.2 built once into a cache); when it cannot be had
#     (PostgreSQL 18, no tarball) one line says the section is skipped.
#     Every node: shared_buffers 256MB, max_parallel_workers_per_gather 0
#     (the coordinator's one-node queries set it per session).
#   * Data: bench.events (10_data.sh) is copied to the coordinator
#     (COPY ... TO STDOUT | COPY ... FROM STDIN, binary) as the plain table
#     events_local, then into the table events distributed by customer_id
#     (4 shards, 2 per worker); journeys is built on the workers from events
#     (INSERT ... SELECT customer_id, journey_agg(ts, label, value) ...
#     GROUP BY customer_id, co-located); journeys_local is bench.journeys
#     copied.  The two journey tables are checked to hold the same values.
#   * markov_model across all customers: journey.markov_model over every
#     stored journey, three ways: on one node (journeys_local), on Citus split
#     into worker partial states and a coordinator combine (its state type
#     journey.attribution_state, 0.3.0), and on Citus gathered — the rows sent
#     to the coordinator and aggregated there, the plan 0.2.0 got (its
#     aggregates had an internal state).  The gathered plan comes from
#     markov_model_gathered, the same transition and final functions in an
#     aggregate without a combine function, which Citus cannot split.  Both
#     plans are checked in EXPLAIN (VERBOSE).  Then the same over short paths
#     (the first 3 distinct channels of each journey), where paths repeat.
#     Targets (issue 11): split at least 3x faster than gathered, and the
#     coordinator receives at most 1 % of the bytes.
#   * Bytes received by the coordinator: Citus counts them as "Tuple data
#     received from nodes" in EXPLAIN ANALYZE, but cannot EXPLAIN ANALYZE a
#     split aggregate (citusdata/citus#4043: column "field_0" has pseudo-type
#     cstring).  So the section counts them itself, the way Citus does (the
#     sum of the lengths of the result fields, binary protocol): every task
#     query of EXPLAIN (VERBOSE) with citus.explain_all_tasks is run on its
#     worker as COPY (...) TO STDOUT (FORMAT binary) and the field lengths
#     added up.  For the gathered plan Citus's own counter is printed beside
#     it as a check.
#   * A per-customer funnel (window_funnel over events GROUP BY customer_id,
#     and journey.funnel over the stored journeys) on Citus against the same
#     query over the local copies on the coordinator, with 0 and 2 parallel
#     workers; target (issue 11): Citus within 1.5x of the faster one-node
#     figure.  Each in two shapes: the funnel report (customers per level
#     reached: the per-customer query aggregated), and every customer's level
#     delivered to the coordinator (COPY (...) TO '/dev/null').  The answers
#     on Citus and on one node are compared.
#   * Timing: psql's \timing on the client of the coordinator, one warm-up run
#     then BENCH_REPEAT runs in one session, median (EXPLAIN ANALYZE cannot
#     run the split aggregate, and wraps Citus's task queries in extra work);
#     the queries return a few rows, so the figure is the query's.

# dist_q SQL...: psql on the coordinator (database postgres).
dist_q() {
	citus_q coord "$@"
}

DIST_CONV="CASE WHEN journey.labels(j) @> ARRAY['store'] THEN 1 ELSE 0 END"
DIST_MARKOV_ARGS="$DIST_CONV, journey.length(j), 1 - $DIST_CONV"
DIST_SHORT="(journey.labels(j))[1:3]"
DIST_FUNNEL_BOOLS="label = 'web', label = 'mobile_app', label = 'email', label = 'search_ad'"
DIST_FUNNEL_LABELS="'web', 'mobile_app', 'email', 'search_ad'"

# dist_bench [-d DISPLAY] [-t REF:MAX] [-w WORKERS] NAME SQL: SQL on the
# coordinator, one warm-up run then BENCH_REPEAT runs in one session with
# \timing, the results thrown away; records the median under NAME as bench
# does (time_table, speedup_table).  The session starts with the BENCH_SET
# settings and max_parallel_workers_per_gather = WORKERS (default
# BENCH_WORKERS).  The plan (EXPLAIN VERBOSE) goes to plans.txt.
dist_bench() {
	local desc="" target="" workers=$BENCH_WORKERS OPTIND=1 opt
	while getopts d:t:w: opt; do
		case $opt in
		d) desc=$OPTARG ;;
		t) target=$OPTARG ;;
		w) workers=$OPTARG ;;
		*) bench_die "dist_bench: bad option" ;;
		esac
	done
	shift $((OPTIND - 1))
	[ $# -eq 2 ] || bench_die "usage: dist_bench [-d DISPLAY] [-t REF:MAX] [-w WORKERS] NAME SQL"
	local name=$1 sql=$2 i out times=() plan_sql explain wl
	[ -z "${BENCH_MS[$name]+x}" ] || bench_die "dist_bench: $name measured twice"
	printf '   %-40s' "${desc:-$name}" >&2
	out=$(
		{
			BENCH_WORKERS=$workers bench_session_sql
			printf '\\o /dev/null\n\\timing on\n'
			for ((i = 0; i <= BENCH_REPEAT; i++)); do
				printf '%s;\n' "$sql"
			done
		} | dist_q -f -
	) || bench_die "dist_bench: $name failed"
	mapfile -t times < <(sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' <<<"$out" | tail -n +2)
	[ ${#times[@]} -eq "$BENCH_REPEAT" ] || bench_die "dist_bench: $name: no timings from \\timing"
	{
		printf -- '-- %s / %s (Citus coordinator, max_parallel_workers_per_gather = %s)\n%s\n' \
			"$BENCH_SECTION" "$name" "$workers" "$sql"
		# (COPY (query) TO ...: the query's plan)
		plan_sql=$sql
		if [[ $sql =~ ^COPY\ \((.*)\)\ TO\ \'/dev/null\'$ ]]; then
			plan_sql=${BASH_REMATCH[1]}
		fi
		# With parallel workers allowed (one-node queries), an EXPLAIN ANALYZE
		# run says how many were launched.
		if [ "$workers" -gt 0 ]; then
			explain="EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF)"
		else
			explain="EXPLAIN (VERBOSE, COSTS OFF)"
		fi
		{
			BENCH_WORKERS=$workers bench_session_sql
			printf '%s %s;\n' "$explain" "$plan_sql"
		} | dist_q -f - 2>&1 | tee "$BENCH_OUT/plan.tmp"
		printf '\n'
	} >>"$BENCH_OUT/plans.txt"
	wl=$(sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p' "$BENCH_OUT/plan.tmp" | sort -n | tail -n1)
	rm -f "$BENCH_OUT/plan.tmp"
	BENCH_MS[$name]=$(bench_median "${times[@]}")
	BENCH_RUNS[$name]=${times[*]}
	BENCH_DESC[$name]=${desc:-$name}
	BENCH_TGT[$name]=$target
	BENCH_WL[$name]=${wl:-0}
	BENCH_ROWS+=("$name")
	printf ' %s ms%s\n' "${BENCH_MS[$name]}" "${wl:+ ($wl workers launched)}" >&2
}

# dist_check DISPLAY CONDITION-COMMAND...: a yes/no check of the section,
# printed as PASS or MISS and counted with the targets.
dist_check() {
	local desc=$1
	shift
	if "$@"; then
		BENCH_PASS=$((BENCH_PASS + 1))
		bench_line '%-72s %s' "$desc" PASS
		printf '%s\t%s\t\t\t\t\t\t%s\n' "$BENCH_SECTION" "$desc" PASS >>"$BENCH_OUT/results.tsv"
	else
		BENCH_MISS=$((BENCH_MISS + 1))
		bench_line '%-72s %s' "$desc" MISS
		printf '%s\t%s\t\t\t\t\t\t%s\n' "$BENCH_SECTION" "$desc" MISS >>"$BENCH_OUT/results.tsv"
	fi
}

# dist_answer SQL: the rows of SQL on the coordinator, as "count checksum"
# (the sum of a 64-bit hash of each row's text: no order, no big string).
dist_answer() {
	dist_q -c "SELECT count(*) || ' ' || coalesce(sum(hashtextextended(r::text, 0)::numeric), 0) FROM ($1) r"
}

dist_same() {
	local a b
	a=$(dist_answer "$1") && b=$(dist_answer "$2") && [ "$a" = "$b" ] && [ "${a%% *}" != 0 ]
}

# dist_same_credits QUERY...: the credits of the markov_model QUERYs, to 9
# digits (sums of floats are added in another order on Citus), all equal.
dist_same_credits() {
	local round="SELECT c.label, round(c.conversions::numeric, 9), round(c.value::numeric, 6), round(c.weight::numeric, 9) FROM ({q}) s(r), unnest(s.r) c"
	local first=${round//\{q\}/"$1"} q
	shift
	for q in "$@"; do
		dist_same "${round//\{q\}/"$q"}" "$first" || return 1
	done
}

# dist_plan SQL: EXPLAIN (VERBOSE, COSTS OFF) of SQL with every task shown.
dist_plan() {
	dist_q -c "SET citus.explain_all_tasks = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $1"
}

# True when the plan splits the aggregate: coord_combine_agg on the
# coordinator, and every task query computes worker_partial_agg.
dist_is_split() {
	local plan queries
	plan=$(dist_plan "$1") || return 1
	queries=$(grep 'Query: ' <<<"$plan") || return 1
	grep -q 'coord_combine_agg(' <<<"$plan" && ! grep -v -q 'worker_partial_agg(' <<<"$queries"
}

# True when the plan gathers: an Aggregate on the coordinator above the
# Citus scan, and every task query selects the raw column ($2, e.g. j).
dist_is_gathered() {
	local plan queries
	plan=$(dist_plan "$1") || return 1
	queries=$(grep 'Query: ' <<<"$plan") || return 1
	[[ $plan == Aggregate* ]] && ! grep -v -q "^ *Query: SELECT $2 AS " <<<"$queries"
}

# dist_task_bytes SQL: prints "TASKS ROWS BYTES": every task query of SQL's
# plan run on its node as COPY (...) TO STDOUT (FORMAT binary), the rows and
# the sum of the lengths of their fields — what Citus's executor adds up as
# tuple data received (PQgetlength of every field, binary protocol).
dist_task_bytes() {
	local plan queries ports q p n=0 rows=0 bytes=0 r b
	plan=$(dist_plan "$1") || return 1
	mapfile -t queries < <(sed -n 's/^ *Query: //p' <<<"$plan")
	mapfile -t ports < <(sed -n 's/^ *Node: host=[^ ]* port=\([0-9]*\) .*$/\1/p' <<<"$plan")
	[ ${#queries[@]} -gt 0 ] && [ ${#queries[@]} -eq ${#ports[@]} ] || return 1
	for ((n = 0; n < ${#queries[@]}; n++)); do
		q=${queries[$n]}
		p=${ports[$n]}
		read -r r b < <(psql -X -q -h "$CITUS_BASE" -U postgres -p "$p" -d postgres -v ON_ERROR_STOP=1 \
			-c "COPY ($q) TO STDOUT (FORMAT binary)" | perl -e '
				binmode STDIN;
				local $/;
				my $d = <STDIN>;
				# signature (11 bytes), flags (4), header extension length (4) + extension
				die "not a binary COPY stream\n" unless substr($d, 0, 6) eq "PGCOPY";
				my $p = 19 + unpack("N", substr($d, 15, 4));
				my ($rows, $sum) = (0, 0);
				while (1) {
					my $n = unpack("n", substr($d, $p, 2));
					$p += 2;
					last if $n == 65535;
					$rows++;
					for (1 .. $n) {
						my $l = unpack("N", substr($d, $p, 4));
						$p += 4;
						next if $l == 4294967295;
						$sum += $l;
						$p += $l;
					}
				}
				print "$rows $sum\n";') || return 1
		[ -n "$b" ] || return 1
		rows=$((rows + r))
		bytes=$((bytes + b))
	done
	echo "${#queries[@]} $rows $bytes"
}

# dist_citus_counter SQL: Citus's "Tuple data received from nodes" of
# EXPLAIN (ANALYZE) of SQL as Citus prints it, rounded by pg_size_pretty
# ("10 MB"); empty when EXPLAIN ANALYZE fails.
dist_citus_counter() {
	dist_q -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $1" 2>/dev/null |
		sed -n 's/^ *Tuple data received from nodes: //p' | head -n1
}

dist_stop() {
	citus_stop
}

dist_run() {
	local rc=0 t0 ms_copy ms_dist ms_jagg ms_jcopy n_ev n_jt

	# shellcheck source=../citus_lib.sh
	. "$BENCH_DIR/../citus_lib.sh"
	citus_prepare "$BENCH_OUT/citus-build.log" || rc=$?
	if [ $rc -eq 3 ]; then
		printf '\n# distributed: SKIP: %s\n' "$CITUS_SKIP"
		return 0
	fi
	[ $rc -eq 0 ] || bench_die "Citus is not available (test/build_citus.sh exit $rc; log: $BENCH_OUT/citus-build.log)"

	CITUS_CONF="shared_buffers = 256MB
max_parallel_workers_per_gather = 0
max_worker_processes = 8
max_parallel_workers = 8"
	citus_start || bench_die "the Citus cluster did not start: $CITUS_ERROR"
	bench_note "   Citus cluster in $CITUS_BASE: coordinator on 127.0.0.1:${CITUS_PORT[coord]}, workers on ${CITUS_PORT[w1]} and ${CITUS_PORT[w2]} ($CITUS_START_S s)"
	dist_q -c "SET client_min_messages = warning" -c "CREATE EXTENSION journey" ||
		bench_die "CREATE EXTENSION journey on the Citus coordinator failed"
	local citus_version journey_version
	citus_version=$(dist_q -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'")
	journey_version=$(dist_q -c "SELECT extversion FROM pg_extension WHERE extname = 'journey'")

	# -- data -------------------------------------------------------------
	section "distributed: data on a Citus $citus_version cluster (coordinator + 2 workers, 127.0.0.1; journey $journey_version)"
	bench_note "   copying bench.events to the coordinator ..."
	dist_q -c "CREATE TABLE events_local (customer_id bigint NOT NULL, ts timestamptz NOT NULL, label text NOT NULL, value double precision)" \
		-c "CREATE TABLE journeys_local (customer_id bigint PRIMARY KEY, j journey.journey)"
	t0=$(bench_now_ms)
	bench_psql -c "COPY bench.events TO STDOUT (FORMAT binary)" |
		dist_q -c "COPY events_local FROM STDIN (FORMAT binary)" ||
		bench_die "copying bench.events to the Citus coordinator failed"
	ms_copy=$(($(bench_now_ms) - t0))
	bench_note "   distributing events by customer_id ..."
	t0=$(bench_now_ms)
	dist_q >/dev/null <<'SQL' || bench_die "distributing the events failed"
SET citus.shard_count = 4;
CREATE TABLE events (LIKE events_local INCLUDING ALL);
SELECT create_distributed_table('events', 'customer_id');
INSERT INTO events SELECT * FROM events_local;
SQL
	ms_dist=$(($(bench_now_ms) - t0))
	bench_note "   journey_agg per customer on the workers ..."
	t0=$(bench_now_ms)
	dist_q >/dev/null <<'SQL' || bench_die "building the distributed journeys failed"
CREATE TABLE journeys (customer_id bigint PRIMARY KEY, j journey.journey);
SELECT create_distributed_table('journeys', 'customer_id', colocate_with => 'events');
INSERT INTO journeys SELECT customer_id, journey.journey_agg(ts, label, value) FROM events GROUP BY customer_id;
SQL
	ms_jagg=$(($(bench_now_ms) - t0))
	bench_note "   copying bench.journeys to the coordinator ..."
	t0=$(bench_now_ms)
	bench_psql -c "COPY bench.journeys (customer_id, j) TO STDOUT (FORMAT binary)" |
		dist_q -c "COPY journeys_local FROM STDIN (FORMAT binary)" ||
		bench_die "copying bench.journeys to the Citus coordinator failed"
	ms_jcopy=$(($(bench_now_ms) - t0))
	dist_q -c "VACUUM ANALYZE events_local" -c "VACUUM ANALYZE events" \
		-c "VACUUM ANALYZE journeys_local" -c "VACUUM ANALYZE journeys" >/dev/null
	# The aggregate of the gathered plan (0.2.0's): markov_model's functions
	# without a combine function, on the coordinator only.
	dist_q >/dev/null <<'SQL' || bench_die "creating the gathered aggregates failed"
SET citus.enable_ddl_propagation = off;
CREATE AGGREGATE markov_model_gathered(journey.journey, double precision, double precision, double precision) (
	SFUNC = journey.markov_trans, STYPE = journey.attribution_state,
	FINALFUNC = journey.markov_final, FINALFUNC_MODIFY = READ_ONLY);
CREATE AGGREGATE markov_model_gathered(text[], double precision, double precision, double precision) (
	SFUNC = journey.markov_trans, STYPE = journey.attribution_state,
	FINALFUNC = journey.markov_final, FINALFUNC_MODIFY = READ_ONLY);
SQL
	n_ev=$(dist_q -c "SELECT count(*) FROM events")
	n_jt=$(dist_q -c "SELECT count(*) FROM journeys")
	[ "$n_ev" = "$BENCH_EVENTS" ] || bench_die "the distributed events have $n_ev rows, bench.events $BENCH_EVENTS"
	metric "shards per distributed table (2 per worker)" "$(dist_q -c "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'events'::regclass")" ""
	metric "events (distributed, and a local copy on the coordinator)" "$n_ev" ""
	metric "journeys (distributed, and a local copy on the coordinator)" "$n_jt" ""
	metric "COPY bench.events -> coordinator (binary)" "$ms_copy" "ms"
	metric "INSERT INTO events (distributed) SELECT * FROM events_local" "$ms_dist" "ms"
	metric "journeys: journey_agg per customer on the workers" "$ms_jagg" "ms"
	metric "COPY bench.journeys -> coordinator (binary)" "$ms_jcopy" "ms"
	metric_table
	printf '\n'
	dist_check "the distributed journeys equal bench.journeys (customer by customer)" \
		dist_same "SELECT customer_id, j::text FROM journeys" "SELECT customer_id, j::text FROM journeys_local"

	# -- markov_model across customers --------------------------------------
	local m_local="SELECT journey.markov_model(j, $DIST_MARKOV_ARGS) FROM journeys_local"
	local m_split="SELECT journey.markov_model(j, $DIST_MARKOV_ARGS) FROM journeys"
	local m_gath="SELECT markov_model_gathered(j, $DIST_MARKOV_ARGS) FROM journeys"
	local s_local="SELECT journey.markov_model($DIST_SHORT, $DIST_MARKOV_ARGS) FROM journeys_local"
	local s_split="SELECT journey.markov_model($DIST_SHORT, $DIST_MARKOV_ARGS) FROM journeys"
	local s_gath="SELECT markov_model_gathered($DIST_SHORT, $DIST_MARKOV_ARGS) FROM journeys"
	section "distributed: markov_model over all $n_jt stored journeys (conversion: the journey has 'store')"
	dist_bench -d "one node (journeys_local)" dm_local "$m_local"
	dist_bench -d "Citus, gathered (0.2.0 plan)" dm_gathered "$m_gath"
	dist_bench -d "Citus, split (attribution_state)" dm_split "$m_split"
	dist_bench -d "short paths: one node" dms_local "$s_local"
	dist_bench -d "short paths: Citus, gathered" dms_gathered "$s_gath"
	dist_bench -d "short paths: Citus, split" dms_split "$s_split"
	time_table dm_local
	speedup_table "gathered / split|dm_gathered|dm_split|3" \
		"one node / split|dm_local|dm_split|" \
		"short paths: gathered / split|dms_gathered|dms_split|"

	bench_note "   counting the bytes the coordinator receives ..."
	local tg rg bg ts rs bs ctr srg sbg srs sbs
	read -r tg rg bg < <(dist_task_bytes "$m_gath") || bench_die "counting the gathered plan's bytes failed"
	read -r ts rs bs < <(dist_task_bytes "$m_split") || bench_die "counting the split plan's bytes failed"
	read -r _ srg sbg < <(dist_task_bytes "$s_gath") || bench_die "counting the gathered plan's bytes failed (short paths)"
	read -r _ srs sbs < <(dist_task_bytes "$s_split") || bench_die "counting the split plan's bytes failed (short paths)"
	ctr=$(dist_citus_counter "$m_gath")
	[ -n "$ctr" ] || ctr="failed -"
	metric "gathered: bytes received ($tg tasks, $rg rows)" "$bg" "bytes"
	metric "  Citus's counter (EXPLAIN ANALYZE, rounded), as a check" "${ctr% *}" "${ctr#* }"
	metric "split: bytes received ($ts tasks, $rs states)" "$bs" "bytes"
	metric -t 1 "split / gathered" "$(awk -v a="$bs" -v b="$bg" 'BEGIN { printf "%.2f", 100 * a / b }')" "%"
	metric "short paths, gathered: bytes received ($srg rows)" "$sbg" "bytes"
	metric "short paths, split: bytes received ($srs states)" "$sbs" "bytes"
	metric "short paths, split / gathered" "$(awk -v a="$sbs" -v b="$sbg" 'BEGIN { printf "%.2f", 100 * a / b }')" "%"
	metric "distinct paths / journeys (what a state holds)" \
		"$(dist_q -c "SELECT round(100.0 * count(DISTINCT journey.path(j)) / count(*), 1) FROM journeys_local")" "%"
	metric "distinct short paths" "$(dist_q -c "SELECT count(DISTINCT $DIST_SHORT) FROM journeys_local")" ""
	metric_table
	printf '\n'
	dist_check "plan: split into worker_partial_agg per shard + coord_combine_agg" dist_is_split "$m_split"
	dist_check "plan: gathered, every task sends the journeys (SELECT j AS ...)" dist_is_gathered "$m_gath" j
	dist_check "same credits: split, gathered, one node" dist_same_credits "$m_local" "$m_split" "$m_gath"
	dist_check "short paths: same credits on Citus (split) as on one node" \
		dist_same_credits "$s_local" "$s_split"

	# -- per-customer funnels -----------------------------------------------
	local wf="journey.window_funnel(interval '7 days', ts, $DIST_FUNNEL_BOOLS)"
	local jf="journey.funnel(j, interval '7 days', $DIST_FUNNEL_LABELS)"
	# {t}: the table, distributed or local.
	local wf_rep="SELECT reached, count(*) FROM (SELECT customer_id, $wf AS reached FROM {t} GROUP BY customer_id) s GROUP BY reached"
	local jf_rep="SELECT $jf AS reached, count(*) FROM {t} GROUP BY 1"
	section "distributed: per-customer funnel, 4 steps, 7 days (Citus vs one node)"
	local shape tbl_d tbl_l sql row
	for shape in wf_rep wf_rows jf_rep jf_rows; do
		case $shape in
		wf_rep) row="window_funnel report" sql=$wf_rep ;;
		wf_rows) row="window_funnel rows" sql="COPY (SELECT customer_id, $wf FROM {t} GROUP BY customer_id) TO '/dev/null'" ;;
		jf_rep) row="journey.funnel report" sql=$jf_rep ;;
		jf_rows) row="journey.funnel rows" sql="COPY (SELECT customer_id, $jf FROM {t}) TO '/dev/null'" ;;
		esac
		case $shape in
		wf_*) tbl_d=events tbl_l=events_local ;;
		*) tbl_d=journeys tbl_l=journeys_local ;;
		esac
		dist_bench -w 0 -d "$row: 1 node" "df_${shape}_l0" "${sql//\{t\}/"$tbl_l"}"
		dist_bench -w 2 -d "$row: 1 node, 2 workers" "df_${shape}_l2" "${sql//\{t\}/"$tbl_l"}"
		[ "${BENCH_WL[df_${shape}_l2]}" = 2 ] ||
			BENCH_DESC[df_${shape}_l2]="$row: 1 node, ${BENCH_WL[df_${shape}_l2]} of 2 workers"
		dist_bench -d "$row: Citus" "df_${shape}_c" "${sql//\{t\}/"$tbl_d"}"
		# The target: within 1.5x of the faster one-node figure.
		if awk -v a="${BENCH_MS[df_${shape}_l2]}" -v b="${BENCH_MS[df_${shape}_l0]}" 'BEGIN { exit !(a < b) }'; then
			BENCH_TGT[df_${shape}_c]="df_${shape}_l2:1.5"
		else
			BENCH_TGT[df_${shape}_c]="df_${shape}_l0:1.5"
		fi
	done
	time_table df_wf_rep_l0
	printf '\n'
	dist_check "same funnel report on Citus as on one node (window_funnel)" \
		dist_same "${wf_rep//\{t\}/"events"}" "${wf_rep//\{t\}/"events_local"}"
	dist_check "same funnel report on Citus as on one node (journey.funnel)" \
		dist_same "${jf_rep//\{t\}/"journeys"}" "${jf_rep//\{t\}/"journeys_local"}"

	dist_stop
}

dist_run
