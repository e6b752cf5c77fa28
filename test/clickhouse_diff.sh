#!/usr/bin/env bash
# Differential test against a real ClickHouse (part of `make test`).
#
# Debian 12's clickhouse-server/clickhouse-client (18.16) are installed when
# missing (as root; otherwise the test prints one SKIP line and passes).  A
# private server is started on 127.0.0.1 with its own configuration, data
# directory and a free high port, all under a temporary directory; it is
# stopped by its pid and the directory removed on every exit.  The system
# service is never used.  Installing, starting and stopping: test/clickhouse_lib.sh.
#
# Seeded random events (CH_DIFF_USERS customers, default 50000; labels a-f,
# distinct increasing times per customer, gaps from 1 s to days, many of them
# exactly 1, 60, 300, 3600 or 86400 s) are made in PostgreSQL and copied to
# ClickHouse.  Then the same questions are asked of both, per customer:
#   windowFunnel      <-> journey.window_funnel   (default mode, 2-6 steps,
#                         windows 0 s to 3 days, overlapping conditions)
#   retention         <-> journey.retention       (overlapping conditions)
#   sequenceMatch     <-> journey.sequence_match  (., .*, (?t<=N) (?t<N)
#   sequenceCount     <-> journey.sequence_count   (?t>=N) (?t>N))
# and the questions whose conditions are plain labels again over stored
# journeys (journey.journey_agg per customer, then journey.funnel,
# journey.retention, journey.sequence_match, journey.sequence_count), which
# must equal the row forms.
#
# Two rules explain differences (they are counted apart, never silently);
# both are ClickHouse 18.16 behaviours that later ClickHouse versions changed
# to what journey does (doc/funnels.md, "Checked against ClickHouse"):
#   1. 18.16's windowFunnel lets one row serve only one step (it reads a row's
#      steps from the last to the first; ClickHouse PR 18884 changed that),
#      where journey lets a row on which steps i and i+1 hold serve both.  A
#      difference is explained when ClickHouse's answer equals journey's
#      default funnel over the rows split into one row per step they
#      satisfy, the higher step a tick earlier (times scaled by 16, window by
#      16 plus 7).
#   2. 18.16's retention records only the first condition that holds on a
#      row (fixed by ClickHouse PR 5119).  A difference is explained when
#      ClickHouse's answer equals journey.retention with condition i replaced
#      by "condition i and none of 1..i-1".
# Not asked, because doc/sequences.md documents that the answers differ: a
# time constraint next to .*, two constraints in a row, (?t==N) (not in
# 18.16), equal timestamps.
#
# Prints the figures and "N passed, N failed" (one pass per question family
# that agrees); exits non-zero on a failure.  Connects to PostgreSQL through
# PGHOST, PGPORT and PGUSER.
set -uo pipefail
cd "$(dirname "$0")/.."

T0=$(date +%s)
USERS=${CH_DIFF_USERS:-50000}
SEED=${CH_DIFF_SEED:-0.1303}
db=journey_ch_diff
work=""
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
say() { printf '%s\n' "$*"; }
die() {
	printf 'clickhouse_diff: %s\n' "$*" >&2
	echo "0 passed, 1 failed"
	exit 1
}

# shellcheck source=clickhouse_lib.sh
. test/clickhouse_lib.sh

cleanup() {
	ch_stop
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	[ -z "$work" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

work=$(mktemp -d "${TMPDIR:-/tmp}/journey-ch-diff.XXXXXX") || die "mktemp failed"
chmod 755 "$work"

# ClickHouse: installed when missing (test/clickhouse_lib.sh), then a private
# server in $work/ch.
rc=0
ch_install "$work/apt.log" || rc=$?
if [ $rc -eq 2 ]; then
	echo "SKIP: $CH_SKIP"
	exit 0
fi
[ $rc -eq 0 ] || die "installing ClickHouse failed"
ch_start "$work/ch" || die "the private ClickHouse server did not start"
say "ClickHouse $(ch -q 'SELECT version()') on 127.0.0.1:$CH_PORT (pid $CH_PID, in $work)"

# ---------------------------------------------------------------------------
# Data: made in PostgreSQL (setseed), copied to ClickHouse
# ---------------------------------------------------------------------------
psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null ||
	die "cannot create database $db"
psql_q -d "$db" >/dev/null <<EOF || die "data generation failed"
CREATE EXTENSION journey;
SET max_parallel_workers_per_gather = 0;  -- one backend: random() in a fixed order
SELECT setseed($SEED);
CREATE TABLE u AS
SELECT uid, 1 + floor(random() * random() * 30)::int AS n,
       1700000000 + floor(random() * 2592000)::bigint AS start
FROM generate_series(1, $USERS) uid;
CREATE TABLE r AS
SELECT uid, i, start, random() AS r1, random() AS r2, random() AS r3, random() AS r4
FROM u, generate_series(1, u.n) i ORDER BY uid, i;
-- gaps: seconds, exact boundaries, minutes to hours, hours to days
CREATE TABLE ev AS
SELECT uid, (start + sum(gap) OVER (PARTITION BY uid ORDER BY i))::bigint AS ts, label
FROM (SELECT uid, i, start,
             CASE WHEN r1 < 0.30 THEN 1 + floor(r2 * 30)::bigint
                  WHEN r1 < 0.55 THEN (ARRAY[1, 2, 5, 10, 60, 300, 3600, 86400])[1 + floor(r2 * 8)::int]
                  WHEN r1 < 0.85 THEN 1 + floor(r2 * 7200)::bigint
                  ELSE 1 + floor(r2 * 4 * 86400)::bigint END AS gap,
             CASE WHEN r3 < 0.25 THEN 'a' WHEN r3 < 0.45 THEN 'b' WHEN r3 < 0.60 THEN 'c'
                  WHEN r3 < 0.75 THEN 'd' WHEN r3 < 0.90 THEN 'e' ELSE 'f' END AS label
      FROM r) g;
ALTER TABLE ev ADD COLUMN tstz timestamptz;
UPDATE ev SET tstz = to_timestamp(ts);
CREATE INDEX ON ev (uid);
CREATE TABLE j AS SELECT uid, journey.journey_agg(tstz, label) AS j FROM ev GROUP BY uid;
DROP TABLE u, r;
ANALYZE ev;
ANALYZE j;
EOF
read -r n_users n_events < <(psql_q -d "$db" -F ' ' -c "SELECT count(DISTINCT uid), count(*) FROM ev")
# distinct times per customer: ClickHouse keeps equal times in input order
dup=$(psql_q -d "$db" -c "SELECT count(*) FROM (SELECT uid, ts FROM ev GROUP BY 1, 2 HAVING count(*) > 1) d")
[ "$dup" = 0 ] || die "generator made $dup equal (customer, time) pairs"

ch -q "CREATE TABLE ev (uid UInt32, ts UInt32, label String) ENGINE = Memory" || die "ClickHouse CREATE TABLE failed"
psql_q -d "$db" -c "COPY (SELECT uid, ts, label FROM ev ORDER BY uid, ts) TO STDOUT" |
	CH_TIMEOUT=120 ch -q "INSERT INTO ev FORMAT TabSeparated" || die "copy to ClickHouse failed"
ch_events=$(ch -q "SELECT count() FROM ev")
[ "$ch_events" = "$n_events" ] || die "ClickHouse has $ch_events events, PostgreSQL $n_events"
say "data: $n_users customers, $n_events events (seed $SEED), $(($(date +%s) - T0)) s so far"

# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------
# A condition is a label (a) or labels (a|b: label IN ('a','b')).
# sequenceMatch wants two conditions or more: "-" is a label no event has.
# Funnels: "WINDOW step step ..."
FUNNELS=(
	"0 a b"
	"1 a b"
	"60 a b c"
	"300 b a"
	"3600 a b c d"
	"7200 a c e"
	"86400 a b c d e"
	"259200 a b c d e f"
	"86400 f e d c b a"
	"600 a a b"
	"3600 a|b b c"
	"0 a|b b|c"
	"7200 b c|d d e a|f"
	"86400 a a|c c|e e f b|d"
)
# Retention: "cond cond ..."
RETENTIONS=(
	"a b c d e f"
	"f a"
	"a a|b b|c e f"
	"b|c c|d a"
	"a|b|c|d|e|f a b"
)
# Sequences: "PATTERN cond cond ..."
SEQUENCES=(
	"(?1)(?2) a b"
	"(?1)(?2)(?3) a b c"
	"(?1).(?2) a b"
	"(?1).*(?2) a b"
	"(?1).*(?2).*(?3) a b c"
	"(?2).*(?1).(?3) a b c"
	"(?1)(?1) a -"
	"(?1).*(?1).*(?1) a -"
	". a b"
	"(?1)(?t<=60)(?2) a b"
	"(?1)(?t<60)(?2) a b"
	"(?1)(?t>=3600)(?2) a b"
	"(?1)(?t>3600)(?2) a b"
	"(?1)(?t<=300)(?2)(?t>1)(?3) a b c"
	"(?1).(?t<=600)(?2) a c"
	"(?1)(?t>=86400)(?1) a -"
	"(?1).*(?2)(?t<7200)(?3) a b a"
	"(?1)(?2) a|b b|c"
	"(?1)(?t<=10)(?2) a|b b|c"
	"(?1).*(?2)(?t>=5)(?3) a|b c d|e"
)

cond_sql() { # a|b -> label IN ('a', 'b'); a -> label = 'a'
	local c=$1
	if [[ $c == *"|"* ]]; then
		printf "label IN ('%s')" "${c//|/\', \'}"
	else
		printf "label = '%s'" "$c"
	fi
}
conds_sql() { local c out=""; for c in "$@"; do out+="${out:+, }$(cond_sql "$c")"; done; printf '%s' "$out"; }
labels_only() { local c; for c in "$@"; do [[ $c != *"|"* ]] || return 1; done; }
labels_sql() { local c out=""; for c in "$@"; do out+="${out:+, }'$c'"; done; printf '%s' "$out"; }

CH_COLS=() PG_COLS=() FAMILY=() DESC=() ORACLE=() JCOLS=() JQ=()
nq=0
for f in "${FUNNELS[@]}"; do
	read -r w steps <<<"$f"
	read -r -a s <<<"$steps"
	conds=$(conds_sql "${s[@]}")
	CH_COLS+=("windowFunnel($w)(ts, $conds)")
	if ((nq % 2)); then
		PG_COLS+=("journey.window_funnel(interval '$w seconds', tstz, $conds)")
	else
		PG_COLS+=("journey.window_funnel(${w}::bigint, ts, $conds)")
	fi
	# the one-step-per-row reading: one row per step it satisfies, higher
	# steps a tick earlier, times x16, window x16 + 7
	oc=""
	for ((k = 1; k <= ${#s[@]}; k++)); do oc+=", k = $k AND $(cond_sql "${s[k - 1]}")"; done
	ORACLE+=("journey.window_funnel($((w * 16 + 7))::bigint, ts * 16 + 7 - k$oc)")
	FAMILY+=(window_funnel)
	DESC+=("window_funnel ${w}s ${steps}")
	if labels_only "${s[@]}"; then
		JCOLS+=("journey.funnel(j, interval '$w seconds', $(labels_sql "${s[@]}"))")
		JQ+=($nq)
	fi
	nq=$((nq + 1))
done
for r in "${RETENTIONS[@]}"; do
	read -r -a s <<<"$r"
	conds=$(conds_sql "${s[@]}")
	CH_COLS+=("arrayStringConcat(arrayMap(x -> toString(x), retention($conds)), ',')")
	PG_COLS+=("array_to_string(journey.retention($conds), ',')")
	# first-condition-per-row reading: condition i and none before it
	oc="" prev=""
	for c in "${s[@]}"; do
		oc+="${oc:+, }$(cond_sql "$c")${prev:+ AND NOT ($prev)}"
		prev+="${prev:+ OR }$(cond_sql "$c")"
	done
	ORACLE+=("array_to_string(journey.retention($oc), ',')")
	FAMILY+=(retention)
	DESC+=("retention ${r}")
	if labels_only "${s[@]}"; then
		JCOLS+=("array_to_string(journey.retention(j, $(labels_sql "${s[@]}")), ',')")
		JQ+=($nq)
	fi
	nq=$((nq + 1))
done
for fn in match count; do
	for q in "${SEQUENCES[@]}"; do
		read -r pat conds_txt <<<"$q"
		read -r -a s <<<"$conds_txt"
		conds=$(conds_sql "${s[@]}")
		if [ $fn = match ]; then
			CH_COLS+=("sequenceMatch('$pat')(toDateTime(ts), $conds)")
			if ((nq % 2)); then
				PG_COLS+=("journey.sequence_match('$pat', tstz, $conds)::int")
			else
				PG_COLS+=("journey.sequence_match('$pat', ts, $conds)::int")
			fi
		else
			CH_COLS+=("sequenceCount('$pat')(toDateTime(ts), $conds)")
			if ((nq % 2)); then
				PG_COLS+=("journey.sequence_count('$pat', tstz, $conds)")
			else
				PG_COLS+=("journey.sequence_count('$pat', ts, $conds)")
			fi
		fi
		ORACLE+=("")
		FAMILY+=(sequence_$fn)
		DESC+=("sequence_$fn $pat $conds_txt")
		if labels_only "${s[@]}"; then
			if [ $fn = match ]; then
				JCOLS+=("journey.sequence_match(j, '$pat', $(labels_sql "${s[@]}"))::int")
			else
				JCOLS+=("journey.sequence_count(j, '$pat', $(labels_sql "${s[@]}"))")
			fi
			JQ+=($nq)
		fi
		nq=$((nq + 1))
	done
done

join_cols() { local IFS=$'\001'; local s="$*"; printf '%s' "${s//$'\001'/,
       }"; }
oracle_cols=()
for o in "${ORACLE[@]}"; do [ -z "$o" ] || oracle_cols+=("$o"); done

t=$(date +%s)
ch -q "SELECT uid, $(join_cols "${CH_COLS[@]}") FROM ev GROUP BY uid ORDER BY uid FORMAT TabSeparated" \
	>"$work/ch.tsv" 2>"$work/ch.err" || { cat "$work/ch.err" >&2; die "ClickHouse query failed"; }
t_ch=$(($(date +%s) - t))
t=$(date +%s)
psql_q -d "$db" -F $'\t' -c "SELECT uid, $(join_cols "${PG_COLS[@]}") FROM ev GROUP BY uid ORDER BY uid" \
	>"$work/pg.tsv" || die "PostgreSQL row-form query failed"
psql_q -d "$db" -F $'\t' -c "SELECT uid, $(join_cols "${oracle_cols[@]}")
	FROM ev, generate_series(1, 6) k GROUP BY uid ORDER BY uid" \
	>"$work/oracle.tsv" || die "PostgreSQL one-step-per-row query failed"
psql_q -d "$db" -F $'\t' -c "SELECT uid, $(join_cols "${JCOLS[@]}") FROM j ORDER BY uid" \
	>"$work/journey.tsv" || die "PostgreSQL stored-journey query failed"
t_pg=$(($(date +%s) - t))

# ---------------------------------------------------------------------------
# Compare
# ---------------------------------------------------------------------------
for f in ch pg oracle journey; do
	n=$(wc -l <"$work/$f.tsv")
	[ "$n" = "$n_users" ] || die "$f answers for $n customers, expected $n_users"
done
{
	printf '%s\n' "${FAMILY[@]}" | paste -sd '\t'
	printf '%s\n' "${DESC[@]}" | paste -sd '\t'
	o=() k=0
	for ((i = 0; i < nq; i++)); do
		if [ -n "${ORACLE[i]}" ]; then o+=($((k + 2))); k=$((k + 1)); else o+=(0); fi
	done
	printf '%s\n' "${o[@]}" | paste -sd '\t'
	j=() 
	for ((i = 0; i < nq; i++)); do j+=(0); done
	for ((k = 0; k < ${#JQ[@]}; k++)); do j[${JQ[k]}]=$((k + 2)); done
	printf '%s\n' "${j[@]}" | paste -sd '\t'
} >"$work/meta.tsv"

awk -F '\t' -v work="$work" -v users="$n_users" '
	FNR == 1 { file++ }
	file == 1 { meta[FNR] = $0; next }
	file == 2 { ch[FNR] = $0; next }
	file == 3 { pg[FNR] = $0; next }
	file == 4 { orc[FNR] = $0; next }
	file == 5 { jr[FNR] = $0; next }
	END {
		nf = split(meta[1], fam, "\t"); split(meta[2], desc, "\t")
		split(meta[3], ocol, "\t"); split(meta[4], jcol, "\t")
		for (u = 1; u <= users; u++) {
			split(ch[u], c, "\t"); split(pg[u], p, "\t")
			split(orc[u], o, "\t"); split(jr[u], jj, "\t")
			if (c[1] != p[1] || c[1] != o[1] || c[1] != jj[1]) { print "FAIL: customer lists differ at line " u; bad = 1; exit 1 }
			for (q = 1; q <= nf; q++) {
				f = fam[q]; cmp[f]++
				if (c[q + 1] != p[q + 1]) {
					if (ocol[q] && o[ocol[q]] == c[q + 1]) { expl[f]++; qexpl[q]++ }
					else {
						diff[f]++; qdiff[q]++
						if (shown[q]++ < 3)
							printf "  DIFF %s: customer %s: ClickHouse %s, journey %s\n", desc[q], c[1], c[q + 1], p[q + 1]
					}
				}
				if (jcol[q]) {
					jf = "journey." f; sub(/window_funnel/, "funnel", jf)
					jcmp[jf]++
					if (jj[jcol[q]] != p[q + 1]) {
						jdiff[jf]++
						if (jshown[q]++ < 3)
							printf "  DIFF stored journey, %s: customer %s: journey form %s, row form %s\n", desc[q], c[1], jj[jcol[q]], p[q + 1]
					}
				}
			}
		}
		for (q = 1; q <= nf; q++) if (!(fam[q] in nq)) { nq[fam[q]] = 0; order[++nfam] = fam[q] } 
		for (q = 1; q <= nf; q++) nq[fam[q]]++
		printf "%-24s %9s %11s %11s %11s\n", "ClickHouse vs journey", "questions", "comparisons", "unexplained", "explained"
		for (i = 1; i <= nfam; i++) {
			f = order[i]
			printf "%-24s %9d %11d %11d %11d\n", f, nq[f], cmp[f], diff[f] + 0, expl[f] + 0
			tc += cmp[f]; td += diff[f]; te += expl[f]
			if (diff[f]) failed++; else passed++
		}
		printf "%-24s %9d %11d %11d %11d\n", "total", nf, tc, td, te
		for (q = 1; q <= nf; q++) if (qexpl[q]) printf "  explained (%s): %s: %d customers\n", (fam[q] == "retention" ? "first condition per row in 18.16" : "one step per row in 18.16"), desc[q], qexpl[q]
		printf "%-24s %9s %11s %11s\n", "stored journey vs rows", "", "comparisons", "differences"
		for (i = 1; i <= nfam; i++) {
			jf = "journey." order[i]; sub(/window_funnel/, "funnel", jf)
			if (!(jf in jcmp)) continue
			printf "%-24s %9s %11d %11d\n", jf, "", jcmp[jf], jdiff[jf] + 0
			if (jdiff[jf]) failed++; else passed++
			tj += jcmp[jf]
		}
		printf "questions x customers compared: %d with ClickHouse, %d stored journey vs rows\n", tc, tj
		printf "%d %d\n", passed, failed > (work "/result")
	}
' "$work/meta.tsv" "$work/ch.tsv" "$work/pg.tsv" "$work/oracle.tsv" "$work/journey.tsv"
awk_rc=$?
[ $awk_rc -eq 0 ] && [ -s "$work/result" ] || die "comparison failed"
read -r passed failed <"$work/result"
say "time: ClickHouse query ${t_ch} s, PostgreSQL queries ${t_pg} s, total $(($(date +%s) - T0)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
