#!/usr/bin/env bash
# Restores of the customer model in any load order (issue 14; part of
# `make test`).  pg_dump writes the rows of the extension's tables as
# separate TABLE DATA items with no dependencies between them, so a parallel
# or reordered restore loads them in any order: nothing may depend on it.
#
# A database with the model (a department and channels of the user's, 500
# touchpoints of 137 customers, aliases, stages in a shipped and a user stage
# model, refreshed journeys plus touchpoints still queued) is dumped with
# `pg_dump -Fd -j 2` and restored four ways into new databases:
#   1. pg_restore -j 4;
#   2. pg_restore --section=pre-data, then data, then post-data;
#   3. pg_dump --section=pre-data/data/post-data as three plain scripts, run
#      with psql in that order;
#   4. pg_restore -L with the TABLE DATA entries in reverse order;
# and a database made with the frozen 0.2.0 (CREATE EXTENSION journey
# VERSION '0.2.0') is dumped and restored with -j 4 into the current version.
# Each time: the restore reports no error, every table reads back the same,
# journey.check_model() finds nothing missing, refresh_journeys() gives
# journeys equal to the ones recomputed from the touchpoints, and a second
# refresh changes nothing.
# Prints "N passed, N failed".  Connects through PGHOST, PGPORT, PGUSER (a
# superuser); drops its databases at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

dbs="journey_pr_src journey_pr_old journey_pr_1 journey_pr_2 journey_pr_3 journey_pr_4 journey_pr_5"
work=""
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
cleanup() {
	for d in $dbs; do psql_q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done
	[ -z "$work" ] || rm -rf "$work"
}
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', expected '$3'"; fi; }

cleanup
trap cleanup EXIT
work=$(mktemp -d)

# fill DB [VERSION]
fill() {
	psql_q -d postgres -c "CREATE DATABASE $1" || return 1
	psql_q -d "$1" >/dev/null <<EOF
SET timezone = 'UTC';
CREATE EXTENSION journey ${2:+VERSION '$2'};
SELECT journey.add_department('partners');
SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('direct', 'marketing', true, direct => true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.add_channel('phone', 'customer service', false);
SELECT journey.add_channel('reseller', 'partners', false);
SELECT journey.create_stage_model('deals', ARRAY['lead', 'won', 'lost']);
SELECT journey.record_touchpoint('c' || g % 137, (ARRAY['web', 'direct', 'store', 'phone', 'reseller'])[1 + g % 5],
	CASE WHEN g % 11 = 0 THEN 'purchase' ELSE 'visit' END, timestamptz '2026-01-01' + g * interval '37 minutes',
	value => CASE WHEN g % 11 = 0 THEN g END, attributes => jsonb_build_object('n', g))
FROM generate_series(1, 480) g;
SELECT journey.link_identity('cookie-' || g, 'c' || g) FROM generate_series(1, 20) g;
SELECT journey.set_stage('c' || g, 'lifecycle', 'discovery', timestamptz '2026-01-01' + g * interval '1 hour') FROM generate_series(0, 136) g;
SELECT journey.set_stage('c' || g, 'deals', 'won', timestamptz '2026-01-09' + g * interval '1 hour') FROM generate_series(0, 136, 3) g;
SELECT journey.refresh_journeys();
-- still queued at dump time: new touches and late ones inside stored journeys
SELECT journey.record_touchpoint('cookie-' || g, 'web', 'visit', timestamptz '2026-01-02' + g * interval '1 minute')
FROM generate_series(1, 20) g;
-- and touches of one statement, queued as an array (pending_batches)
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'c' || g % 137, timestamptz '2026-01-20' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 300) g;
EOF
}

tables="journey.departments journey.channels journey.customers journey.identities journey.touchpoints
	journey.stage_history journey.customer_journey_data journey.pending_touchpoints journey.pending_batches journey.stage_models
	journey.stages journey.writers journey.admins"
# every queued id, as a row or in an array (0.2.0 has no arrays)
queued_ids="SELECT touchpoint FROM journey.pending_touchpoints UNION ALL SELECT x FROM journey.pending_batches b, unnest(b.touchpoints) x"
queued_ids_of() {
	if [ "$(psql_q -d "$1" -c "SELECT to_regclass('journey.pending_batches') IS NOT NULL")" = t ]; then
		echo "$queued_ids"
	else
		echo "SELECT touchpoint FROM journey.pending_touchpoints"
	fi
}
rows_md5() {
	psql_q -d "$1" -c "SET timezone = 'UTC'" \
		-c "SELECT md5(coalesce(string_agg(x::text, E'\n' ORDER BY x::text), '')) || ' ' || count(*) FROM ($2) x"
}
# verify LABEL SOURCE RESTORED
verify() {
	local label=$1 src=$2 dst=$3 t q a b bad=""
	for t in $tables; do
		q="SELECT * FROM $t"
		# the restore queues every touchpoint again (below)
		case $t in journey.pending_touchpoints|journey.pending_batches) continue ;; esac
		a=$(rows_md5 "$src" "$q")
		b=$(rows_md5 "$dst" "$q")
		[ -n "$a" ] && [ "$a" = "$b" ] || bad="$bad $t(${a#* }/${b#* })"
	done
	check "$label: every table back ($(rows_md5 "$dst" "SELECT * FROM journey.touchpoints" | cut -d' ' -f2) touchpoints, $(rows_md5 "$dst" "SELECT * FROM journey.customers" | cut -d' ' -f2) customers)" "${bad:-none}" none
	check "$label: queued touchpoints still queued" \
		"$(psql_q -d "$dst" -c "SELECT count(*) FROM (VALUES $(psql_q -d "$src" -c "SELECT string_agg('(' || touchpoint || ')', ',') FROM ($(queued_ids_of "$src")) q")) v(t)
		                         WHERE t NOT IN ($queued_ids)")" 0
	check "$label: check_model finds nothing missing" "$(psql_q -d "$dst" -c "SELECT count(*) FROM journey.check_model()")" 0
	psql_q -d "$dst" -c "SELECT journey.refresh_journeys()" >/dev/null
	check "$label: journeys equal journeys recomputed from the touchpoints" "$(psql_q -d "$dst" -c "
		SELECT count(*) FROM journey.customer_journey_data d
		FULL JOIN (SELECT customer, journey.journey_agg(ts, channel, value::float8) AS channels,
		                  journey.journey_agg(ts, event, value::float8) AS events
		           FROM journey.touchpoints GROUP BY customer) r USING (customer)
		WHERE d.channels::text IS DISTINCT FROM r.channels::text OR d.events::text IS DISTINCT FROM r.events::text")" 0
	a=$(rows_md5 "$dst" "SELECT customer, channels, events FROM journey.customer_journey_data")
	check "$label: a second refresh changes nothing" \
		"$(psql_q -d "$dst" -c "SELECT journey.refresh_journeys()") $(rows_md5 "$dst" "SELECT customer, channels, events FROM journey.customer_journey_data")" "0 $a"
}
# restored LABEL STATUS ERRFILE
restored() {
	if [ "$2" -eq 0 ] && ! grep -q . "$3"; then ok "$1: no error"; else fail "$1: exit $2: $(head -c 600 "$3")"; fi
}

t0=$SECONDS
fill journey_pr_src || { echo "FAIL: could not fill the database"; echo "0 passed, 1 failed"; exit 1; }
pg_dump -Fd -j 2 -f "$work/dir" journey_pr_src 2>"$work/dump.err"
restored "pg_dump -Fd -j 2" $? "$work/dump.err"

psql_q -d postgres -c "CREATE DATABASE journey_pr_1"
pg_restore -j 4 -d journey_pr_1 "$work/dir" 2>"$work/r1.err"
restored "pg_restore -j 4" $? "$work/r1.err"
verify "pg_restore -j 4" journey_pr_src journey_pr_1

psql_q -d postgres -c "CREATE DATABASE journey_pr_2"
rc=0
for s in pre-data data post-data; do
	pg_restore --section=$s -d journey_pr_2 "$work/dir" 2>>"$work/r2.err" || rc=$?
done
restored "pg_restore --section in three steps" $rc "$work/r2.err"
verify "pg_restore --section in three steps" journey_pr_src journey_pr_2

psql_q -d postgres -c "CREATE DATABASE journey_pr_3"
rc=0
for s in pre-data data post-data; do
	{ pg_dump --section=$s journey_pr_src >"$work/$s.sql" &&
		psql -X -q -v ON_ERROR_STOP=1 -d journey_pr_3 -f "$work/$s.sql" >/dev/null; } 2>>"$work/r3.err" || rc=$?
done
restored "pg_dump --section, three scripts" $rc "$work/r3.err"
verify "pg_dump --section, three scripts" journey_pr_src journey_pr_3

# the list with the TABLE DATA entries in reverse order (a serial restore
# follows the list's order)
pg_restore -l "$work/dir" >"$work/toc"
{ grep -v -e ' TABLE DATA ' -e ' SEQUENCE SET ' "$work/toc"; grep ' TABLE DATA ' "$work/toc" | tac; grep ' SEQUENCE SET ' "$work/toc"; } >"$work/toc.rev"
check "the reversed list loads touchpoints before customers" \
	"$(grep ' TABLE DATA ' "$work/toc.rev" | awk '/ touchpoints /{t=NR} / customers /{c=NR} END{print (t < c)}')" 1
psql_q -d postgres -c "CREATE DATABASE journey_pr_4"
pg_restore -L "$work/toc.rev" -d journey_pr_4 "$work/dir" 2>"$work/r4.err"
restored "pg_restore -L, data in reverse order" $? "$work/r4.err"
verify "pg_restore -L, data in reverse order" journey_pr_src journey_pr_4

# from the frozen 0.2.0 into the current version: pg_dump records only
# CREATE EXTENSION journey, so the restore installs the default version and
# loads the rows into its tables
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" journey.control)
fill journey_pr_old 0.2.0 || fail "could not fill a 0.2.0 database"
pg_dump -Fd -j 2 -f "$work/old" journey_pr_old 2>"$work/dump_old.err"
psql_q -d postgres -c "CREATE DATABASE journey_pr_5"
pg_restore -j 4 -d journey_pr_5 "$work/old" 2>"$work/r5.err"
restored "0.2.0 dump, pg_restore -j 4 with $current installed" $? "$work/r5.err"
check "0.2.0 dump restores as $current" \
	"$(psql_q -d journey_pr_5 -c "SELECT extversion FROM pg_extension WHERE extname = 'journey'")" "$current"
verify "0.2.0 dump into $current" journey_pr_old journey_pr_5

echo "($((SECONDS - t0)) s)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
