# test/bench/lib.sh — helpers for the journey benchmark.
#
# Sourced by test/bench/run.sh, which then sources every section file
# test/bench/NN_name.sh in order.  A section looks like
#
#	section "journey type"
#	bench -d "floor: count(*)" floor "SELECT customer_id, count(*) FROM ..."
#	bench -d "journey_agg(ts, label)" -t array_agg:1.0 journey_agg "SELECT ..."
#	time_table floor
#	metric -t 8 "journey column" "$bytes" "bytes/event"
#	metric_table
#
# bench [-d DISPLAY] [-t REF:MAX] NAME SQL
#	Runs SQL once to warm up, then BENCH_REPEAT times, in one session,
#	each as EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) so that no result
#	rows are sent to the client, and records the median "Execution Time"
#	under NAME (planning time is not included).  The session starts with
#	the BENCH_SET settings and max_parallel_workers_per_gather =
#	BENCH_WORKERS (default 0; e.g. `BENCH_WORKERS=2 bench ...`).  -t REF:MAX sets a target: the median
#	must be at most MAX times that of the query recorded as REF.
#	-d gives the text shown in the table (default NAME).
# time_table [BASELINE]
#	Prints the section's bench rows: median ms, ratio to BASELINE (default
#	the section's first row), target and PASS/MISS.
# speedup_table "DISPLAY|SLOW|FAST|MIN"...
#	Prints ratios where larger is better: the median of SLOW over that of
#	FAST (both recorded by bench), PASS when at least MIN (optional).
# metric [-t MAX] NAME VALUE UNIT
#	Records a figure where smaller is better (sizes); -t MAX is a target.
# metric_table
#	Prints the section's metric rows.
#
# Results also go, one tab-separated line each, to $BENCH_OUT/results.tsv
# and the plan of each query's last run to $BENCH_OUT/plans.txt.

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------
BENCH_SCALE=${BENCH_SCALE:-1}
BENCH_REPEAT=${BENCH_REPEAT:-5}
BENCH_ONLY=${BENCH_ONLY:-}
BENCH_DB=${BENCH_DB:-journey_bench}
BENCH_SET=${BENCH_SET:-}
BENCH_REBUILD=${BENCH_REBUILD:-0}
BENCH_STRICT=${BENCH_STRICT:-0}
BENCH_WORKERS=${BENCH_WORKERS:-0}
BENCH_OUT=${BENCH_OUT:-$BENCH_DIR/out}

bench_die() {
	printf 'test/bench: error: %s\n' "$*" >&2
	exit 1
}

bench_note() { printf '%s\n' "$*" >&2; }

# psql on the benchmark database: quiet, stop at the first error, no psqlrc.
bench_psql() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"
}

# One query, unaligned tuples only (one value per line, fields |-separated).
bench_query() {
	bench_psql -At -c "$1"
}

# Milliseconds since the epoch, for timing steps that are not queries.
bench_now_ms() {
	local ns
	ns=$(date +%s%N)
	echo $((ns / 1000000))
}

# The SET statements that start every measured session.
bench_session_sql() {
	local kv name value
	for kv in $BENCH_SET; do
		case $kv in
		*=*) ;;
		*) bench_die "BENCH_SET entry '$kv' is not name=value" ;;
		esac
		name=${kv%%=*}
		value=${kv#*=}
		value=${value//\'/\'\'}
		printf "SET %s = '%s';\n" "$name" "$value"
	done
	printf 'SET max_parallel_workers_per_gather = %d;\n' "$BENCH_WORKERS"
}

# Checks the settings, creates the database and the extension when missing,
# and prints the settings block.
bench_init() {
	[[ $BENCH_SCALE =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] ||
		bench_die "BENCH_SCALE must be a positive number, not '$BENCH_SCALE'"
	[[ $BENCH_REPEAT =~ ^[1-9][0-9]*$ ]] ||
		bench_die "BENCH_REPEAT must be a positive integer, not '$BENCH_REPEAT'"
	[[ $BENCH_WORKERS =~ ^[0-9]+$ ]] ||
		bench_die "BENCH_WORKERS must be a non-negative integer, not '$BENCH_WORKERS'"
	BENCH_CUSTOMERS=$(awk -v s="$BENCH_SCALE" 'BEGIN { n = int(s * 1000000 + 0.5); print (n < 1 ? 1 : n) }')

	mkdir -p "$BENCH_OUT"
	: >"$BENCH_OUT/plans.txt"
	printf 'section\tquery\tworkers\tmedian_ms\truns_ms\tratio\ttarget\tresult\n' >"$BENCH_OUT/results.tsv"

	if ! psql -X -q -At -d "$BENCH_DB" -c 'SELECT 1' >/dev/null 2>&1; then
		createdb "$BENCH_DB" || bench_die "cannot create database $BENCH_DB"
	fi
	bench_psql -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS journey' ||
		bench_die "cannot create extension journey in $BENCH_DB (is it installed?)"
	# A database made by an older release gets the installed version's
	# functions (ALTER EXTENSION ... UPDATE does nothing when current).
	bench_psql -c 'SET client_min_messages = warning' -c 'ALTER EXTENSION journey UPDATE' 2>/dev/null ||
		bench_note "warning: ALTER EXTENSION journey UPDATE failed in $BENCH_DB; sections may miss functions"

	local settings
	settings=$(bench_psql -At -F '|' <<EOF
$(bench_session_sql)
SELECT current_setting('server_version'),
       (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'journey'),
       current_setting('work_mem'),
       current_setting('max_parallel_workers_per_gather'),
       current_setting('max_parallel_workers'),
       current_setting('shared_buffers'),
       current_setting('jit');
EOF
)
	local IFS='|'
	# shellcheck disable=SC2086
	set -- $settings
	printf '# journey benchmark — %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	printf '#   scale                 %s (%s customers, ~%s events)\n' \
		"$BENCH_SCALE" "$BENCH_CUSTOMERS" "$((BENCH_CUSTOMERS * 10))"
	printf '#   repeat                %s (median, after 1 warm-up run)\n' "$BENCH_REPEAT"
	printf '#   PostgreSQL            %s, journey %s, database %s\n' "$1" "$2" "$BENCH_DB"
	printf '#   work_mem              %s\n' "$3"
	printf '#   max_parallel_workers_per_gather  %s (max_parallel_workers %s)\n' "$4" "$5"
	printf '#   shared_buffers        %s, jit %s\n' "$6" "$7"
	printf '#   BENCH_SET             %s\n' "${BENCH_SET:-(none)}"
	printf '#   machine               %s, nproc %s, %s\n' "$(uname -m)" "$(nproc)" \
		"$(awk '/^MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
	printf '#   sections              %s\n' "${BENCH_ONLY:-all}"
	BENCH_T0=$(bench_now_ms)
}

# True when section NAME runs: all do unless BENCH_ONLY (names separated by
# commas or spaces) says otherwise; "data" always runs, every other section
# reads its tables.
bench_selected() {
	local name=$1 want
	[ -z "$BENCH_ONLY" ] && return 0
	[ "$name" = data ] && return 0
	for want in ${BENCH_ONLY//,/ }; do
		[ "$want" = "$name" ] && return 0
	done
	return 1
}

# ---------------------------------------------------------------------------
# Sections and measurements
# ---------------------------------------------------------------------------
declare -A BENCH_MS=() BENCH_DESC=() BENCH_TGT=() BENCH_WL=() BENCH_RUNS=()
declare -a BENCH_ROWS=() BENCH_METRICS=()
declare -A BENCH_MVAL=() BENCH_MUNIT=() BENCH_MTGT=()
BENCH_SECTION=""
BENCH_PASS=0
BENCH_MISS=0

section() {
	BENCH_SECTION=$1
	BENCH_ROWS=()
	BENCH_METRICS=()
	printf '\n## %s\n' "$1"
}

# Median of the numbers given as arguments.
bench_median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench() {
	local desc="" target="" OPTIND=1 opt
	while getopts d:t: opt; do
		case $opt in
		d) desc=$OPTARG ;;
		t) target=$OPTARG ;;
		*) bench_die "bench: bad option" ;;
		esac
	done
	shift $((OPTIND - 1))
	[ $# -eq 2 ] || bench_die "usage: bench [-d DISPLAY] [-t REF:MAX] NAME SQL"
	local name=$1 sql=$2 i out times=() wl
	[ -z "${BENCH_MS[$name]+x}" ] || bench_die "bench: $name measured twice"
	case $target in
	"" | *:[0-9]*) ;;
	*) bench_die "bench: target must be REF:MAX, not '$target'" ;;
	esac

	printf '   %-40s' "${desc:-$name}" >&2
	out=$(
		{
			bench_session_sql
			for ((i = 0; i <= BENCH_REPEAT; i++)); do
				printf 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) %s;\n' "$sql"
			done
		} | bench_psql -At -f -
	) || bench_die "bench: $name failed"
	# The first run is the warm-up.
	mapfile -t times < <(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<<"$out" | tail -n +2)
	[ ${#times[@]} -eq "$BENCH_REPEAT" ] || bench_die "bench: $name: no timings in the EXPLAIN output"
	# Keep the plan of the last run.
	out=$(awk '{ b = b $0 "\n" } /^Execution Time:/ { last = b; b = "" } END { printf "%s", last }' <<<"$out")
	{
		printf -- '-- %s / %s (max_parallel_workers_per_gather = %s)\n%s\n' \
			"$BENCH_SECTION" "$name" "$BENCH_WORKERS" "$sql"
		printf '%s\n\n' "$out"
	} >>"$BENCH_OUT/plans.txt"
	wl=$(sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p' <<<"$out" | sort -n | tail -n1)

	BENCH_MS[$name]=$(bench_median "${times[@]}")
	BENCH_RUNS[$name]=${times[*]}
	BENCH_DESC[$name]=${desc:-$name}
	BENCH_TGT[$name]=$target
	BENCH_WL[$name]=${wl:-0}
	BENCH_ROWS+=("$name")
	printf ' %s ms\n' "${BENCH_MS[$name]}" >&2
}

# bench_line FORMAT ARGS...: printf FORMAT ARGS, then a newline, without the
# trailing blanks of empty last columns.
bench_line() {
	local line
	# shellcheck disable=SC2059
	line=$(printf "$@")
	printf '%s\n' "${line%"${line##*[! ]}"}"
}

# ratio A B: A / B with two decimals.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# bench_check VALUE MAX: sets BENCH_RESULT to PASS or MISS and counts it
# (not in a subshell, so that the counts survive).
bench_check() {
	if awk -v v="$1" -v m="$2" 'BEGIN { exit !(v <= m) }'; then
		BENCH_PASS=$((BENCH_PASS + 1))
		BENCH_RESULT=PASS
	else
		BENCH_MISS=$((BENCH_MISS + 1))
		BENCH_RESULT=MISS
	fi
}

time_table() {
	local base=${1:-${BENCH_ROWS[0]}} name ratio tgt ref max res shown
	printf '\n'
	bench_line '%-40s %11s %12s  %-22s %s' query "median ms" "x $base" target result
	for name in "${BENCH_ROWS[@]}"; do
		ratio=$(bench_ratio "${BENCH_MS[$name]}" "${BENCH_MS[$base]}")
		tgt="" res="" shown=""
		if [ -n "${BENCH_TGT[$name]}" ]; then
			ref=${BENCH_TGT[$name]%%:*}
			max=${BENCH_TGT[$name]#*:}
			[ -n "${BENCH_MS[$ref]+x}" ] || bench_die "target of $name refers to unmeasured $ref"
			shown=$(bench_ratio "${BENCH_MS[$name]}" "${BENCH_MS[$ref]}")
			tgt="<= ${max}x $ref"
			bench_check "$shown" "$max"
			res="$BENCH_RESULT (${shown}x)"
		fi
		bench_line '%-40s %11s %12s  %-22s %s' "${BENCH_DESC[$name]}" "${BENCH_MS[$name]}" \
			"$ratio" "${tgt:--}" "$res"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$BENCH_SECTION" "${BENCH_DESC[$name]}" \
			"${BENCH_WL[$name]}" "${BENCH_MS[$name]}" "${BENCH_RUNS[$name]}" "$ratio" \
			"$tgt" "${res%% *}" >>"$BENCH_OUT/results.tsv"
	done
}

# speedup_table ROW...: ratios where larger is better.  Each ROW is
# "DISPLAY|SLOW|FAST|MIN": the median of the query recorded as SLOW divided
# by that of FAST; with MIN (may be empty), PASS when the ratio is at least
# MIN.  The last column shows the workers launched for FAST.
speedup_table() {
	local row desc slow fast min ratio res
	printf '\n'
	bench_line '%-44s %11s %11s %9s  %-9s %-7s %s' ratio "slow ms" "fast ms" ratio target result launched
	for row in "$@"; do
		IFS='|' read -r desc slow fast min <<<"$row"
		[ -n "${BENCH_MS[$slow]+x}" ] && [ -n "${BENCH_MS[$fast]+x}" ] ||
			bench_die "speedup_table: $slow or $fast not measured"
		ratio=$(bench_ratio "${BENCH_MS[$slow]}" "${BENCH_MS[$fast]}")
		res=""
		if [ -n "$min" ]; then
			if awk -v v="$ratio" -v m="$min" 'BEGIN { exit !(v >= m) }'; then
				BENCH_PASS=$((BENCH_PASS + 1))
				res=PASS
			else
				BENCH_MISS=$((BENCH_MISS + 1))
				res=MISS
			fi
		fi
		bench_line '%-44s %11s %11s %8sx  %-9s %-7s %s' "$desc" "${BENCH_MS[$slow]}" \
			"${BENCH_MS[$fast]}" "$ratio" "${min:+>= ${min}x}" "$res" "${BENCH_WL[$fast]}"
		printf '%s\t%s\t%s\t\t\t%s\t%s\t%s\n' "$BENCH_SECTION" "$desc" "${BENCH_WL[$fast]}" \
			"$ratio" "${min:+>= ${min}x}" "$res" >>"$BENCH_OUT/results.tsv"
	done
}

metric() {
	local target="" OPTIND=1 opt
	while getopts t: opt; do
		case $opt in
		t) target=$OPTARG ;;
		*) bench_die "metric: bad option" ;;
		esac
	done
	shift $((OPTIND - 1))
	[ $# -eq 3 ] || bench_die "usage: metric [-t MAX] NAME VALUE UNIT"
	BENCH_METRICS+=("$1")
	BENCH_MVAL[$1]=$2
	BENCH_MUNIT[$1]=$3
	BENCH_MTGT[$1]=$target
}

metric_table() {
	local name tgt res
	printf '\n'
	bench_line '%-56s %10s %-12s %-8s %s' "" value unit target result
	for name in "${BENCH_METRICS[@]}"; do
		tgt=${BENCH_MTGT[$name]} res=""
		if [ -n "$tgt" ]; then
			bench_check "${BENCH_MVAL[$name]}" "$tgt"
			res=$BENCH_RESULT
		fi
		bench_line '%-56s %10s %-12s %-8s %s' "$name" "${BENCH_MVAL[$name]}" \
			"${BENCH_MUNIT[$name]}" "${tgt:+<= $tgt}" "$res"
		printf '%s\t%s\t\t%s\t\t\t%s\t%s\n' "$BENCH_SECTION" "$name${BENCH_MUNIT[$name]:+ (${BENCH_MUNIT[$name]})}" \
			"${BENCH_MVAL[$name]}" "${tgt:+<= $tgt}" "$res" >>"$BENCH_OUT/results.tsv"
	done
}

bench_summary() {
	printf '\n# %d targets met, %d missed; %d s in all; plans in %s\n' \
		"$BENCH_PASS" "$BENCH_MISS" $((($(bench_now_ms) - BENCH_T0) / 1000)) \
		"$BENCH_OUT/plans.txt"
	if [ "$BENCH_STRICT" = 1 ] && [ "$BENCH_MISS" -gt 0 ]; then
		return 1
	fi
	return 0
}
