#!/usr/bin/env bash
# Crash recovery of the customer model (issue 14; part of `make test`).
#
# Runs on a private cluster of its own (initdb into a temporary directory,
# unix socket there, removed on every exit), so that the crashes caused here
# neither disturb the suites after this one nor show up in the log of the
# cluster test/run.sh checks for crashes.  The private cluster runs with
# synchronous_commit = on (an acknowledged commit has its WAL written before
# the client hears of it; with off, the throwaway cluster's setting, a crash
# may lose acknowledged commits by design) and fsync = off (only processes
# are killed here, never the machine, so what was written survives in the
# kernel's page cache).
#
# 8 pgbench clients call journey.record_touchpoint (3 of 4 transactions) and
# journey.set_stage, each call carrying a unique id (in the touchpoint's
# attributes, in the stage change's reason); a \shell command after each call
# appends the id to a file, so the file lists exactly the
# acknowledged calls.  Now and then a client calls refresh_journeys.
#   1. kill -9 of the postmaster and all its processes mid-run, restart;
#   2. kill -9 of one backend inside refresh_journeys (holding its advisory
#      lock, held up on a row another session locked), while the clients run:
#      the postmaster resets every session.
# After each: every acknowledged call is in the tables exactly once, no call
# is there twice, refresh_journeys gives journeys equal to the ones recomputed
# from the touchpoints and leaves nothing queued, and the refresh lock is
# free.  Prints "N passed, N failed".  Needs JOURNEY_PGBIN (initdb, pg_ctl)
# and the extension installed; as root, runs the server as postgres.
set -uo pipefail
cd "$(dirname "$0")/.."

PGBIN=${JOURNEY_PGBIN:-$(pg_config --bindir)}
RUNAS=""
if [ "$(id -u)" -eq 0 ]; then RUNAS=postgres; id postgres >/dev/null 2>&1 || RUNAS=journey; fi
as_owner() { if [ -n "$RUNAS" ]; then (cd / && runuser -u "$RUNAS" -- "$@"); else "$@"; fi; }

base=$(mktemp -d "${JOURNEY_TMPDIR:-/tmp}/journey-crash.XXXXXX")
data=$base/data
log=$base/server.log
bg_pids=""
cleanup() {
	local p
	for p in $bg_pids; do kill "$p" 2>/dev/null; done
	if [ -f "$data/postmaster.pid" ]; then
		as_owner "$PGBIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
	fi
	[ -n "${KEEP_CRASH:-}" ] || rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 755 "$base"
[ -n "$RUNAS" ] && chown "$RUNAS" "$base"

passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', expected '$3'"; fi; }

export PGHOST=$base PGPORT=5432 PGUSER=postgres PGDATABASE=journey_crash
unset PGOPTIONS PGSERVICE PGHOSTADDR
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
t0=$SECONDS

if ! as_owner "$PGBIN/initdb" -D "$data" -A trust -U postgres --no-sync -E UTF8 --locale=C >"$base/initdb.log" 2>&1; then
	cat "$base/initdb.log"; echo "0 passed, 1 failed"; exit 1
fi
cat >>"$data/postgresql.conf" <<EOF
port = 5432
listen_addresses = ''
unix_socket_directories = '$base'
synchronous_commit = on
fsync = off
shared_buffers = 32MB
max_connections = 30
restart_after_crash = on
timezone = 'UTC'
lc_messages = 'C'
EOF
start() { as_owner "$PGBIN/pg_ctl" -D "$data" -l "$log" -w -t 120 start >/dev/null 2>&1; }
start || { cat "$log"; echo "0 passed, 1 failed"; exit 1; }
psql_q -d postgres -c "CREATE DATABASE journey_crash"
psql_q <<'EOF' >/dev/null
CREATE EXTENSION journey;
SELECT journey.add_channel('web', 'marketing', true), journey.add_channel('store', 'sales', false);
EOF

# pgbench scripts; the \shell after a call runs only once the call returned
cat >"$base/touch.sql" <<EOF
\set c random(1, 150)
\set n :n + 1
SELECT journey.record_touchpoint('k' || :c, CASE WHEN :c % 2 = 0 THEN 'web' ELSE 'store' END, 'visit',
	clock_timestamp() - random() * interval '1 hour', attributes => jsonb_build_object('u', :p || ' ' || :client_id || ' ' || :n));
\shell echo :p :client_id :n >> $base/acks.t
EOF
# each client moves a customer of its own back and forth: every call changes
# the stage (a call setting the current stage would be a no-op)
cat >"$base/stage.sql" <<EOF
\set m :m + 1
SELECT journey.set_stage('s' || :p || '-' || :client_id, 'lifecycle', CASE WHEN :m % 2 = 0 THEN 'purchase' ELSE 'loyalty' END,
	clock_timestamp(), reason => :p || ' ' || :client_id || ' ' || :m);
\shell echo :p :client_id :m >> $base/acks.s
EOF
cat >"$base/refresh.sql" <<'EOF'
SELECT journey.refresh_journeys();
EOF

# bench PHASE SCRIPTS...: 8 clients for at most 20 s, in the background
bench() {
	local phase=$1
	shift
	"$PGBIN/pgbench" -n -c 8 -j 2 -T 20 -D p="$phase" -D n=0 -D m=0 "$@" \
		>>"$base/pgbench.log" 2>&1 &
	bg_pids="$bg_pids $!"
	bench_pid=$!
}
ready() { # wait until the server answers again after a crash
	local i
	for i in $(seq 1 240); do
		psql_q -c "SELECT 1" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

# verify LABEL
verify() {
	local label=$1 acked_t acked_s
	sort -u "$base/acks.t" >"$base/acked.t" 2>/dev/null
	sort -u "$base/acks.s" >"$base/acked.s" 2>/dev/null
	acked_t=$(wc -l <"$base/acked.t")
	acked_s=$(wc -l <"$base/acked.s")
	psql_q -c "SELECT attributes->>'u' FROM journey.touchpoints WHERE attributes ? 'u'" | sort >"$base/got.t"
	psql_q -c "SELECT reason FROM journey.stage_history WHERE reason IS NOT NULL" | sort >"$base/got.s"
	check "$label: all $acked_t acknowledged record_touchpoint calls are in touchpoints" \
		"$(comm -23 "$base/acked.t" <(sort -u "$base/got.t") | wc -l)" 0
	check "$label: all $acked_s acknowledged set_stage calls are in stage_history" \
		"$(comm -23 "$base/acked.s" <(sort -u "$base/got.s") | wc -l)" 0
	check "$label: no call recorded twice" "$(cat "$base/got.t" "$base/got.s" | uniq -d | wc -l)" 0
	check "$label: at most one unacknowledged call per client committed" \
		"$(comm -13 "$base/acked.t" "$base/got.t" | cut -d' ' -f1,2 | sort | uniq -d | wc -l)" 0
	check "$label: one open stage per customer and model, chains unbroken" "$(psql_q -c "
		SELECT count(*) FROM (SELECT customer, model, \"left\",
		                             lead(entered) OVER (PARTITION BY customer, model ORDER BY entered, id) AS next
		                      FROM journey.stage_history) h
		WHERE \"left\" IS DISTINCT FROM next")" 0
	check "$label: the refresh lock is free" \
		"$(psql_q -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")/$(psql_q -c "SELECT pg_try_advisory_lock(hashtext('journey.refresh_journeys'))" -c "SELECT pg_advisory_unlock(hashtext('journey.refresh_journeys'))" | head -1)" "0/t"
	psql_q -c "SELECT journey.refresh_journeys()" >/dev/null
	check "$label: nothing left queued after refresh_journeys" \
		"$(psql_q -c "SELECT (SELECT count(*) FROM journey.pending_touchpoints) + (SELECT count(*) FROM journey.pending_batches)")" 0
	check "$label: journeys equal journeys recomputed from the touchpoints" "$(psql_q -c "
		SELECT count(*) FROM journey.customer_journey_data d
		FULL JOIN (SELECT customer, journey.journey_agg(ts, channel, value::float8) AS channels,
		                  journey.journey_agg(ts, event, value::float8) AS events
		           FROM journey.touchpoints GROUP BY customer) r USING (customer)
		WHERE d.channels::text IS DISTINCT FROM r.channels::text OR d.events::text IS DISTINCT FROM r.events::text")" 0
	check "$label: check_model finds nothing missing" "$(psql_q -c "SELECT count(*) FROM journey.check_model()")" 0
}

# --- 1. kill -9 of the postmaster mid-run -----------------------------------
bench 1 -f "$base/touch.sql@30" -f "$base/stage.sql@9" -f "$base/refresh.sql@1"
sleep 4
pm=$(head -n1 "$data/postmaster.pid")
children=$(pgrep -P "$pm" | tr '\n' ' ')
kill -9 "$pm" $children 2>/dev/null
wait "$bench_pid" 2>/dev/null
# a backend that outlived the postmaster would keep the shared memory busy
for p in $children; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
if start && ready; then ok "restart after kill -9 of the postmaster"; else fail "restart after kill -9 of the postmaster: $(tail -5 "$log")"; fi
check "the server ran crash recovery" "$(grep -c 'database system was interrupted\|was not properly shut down' "$log" | sed 's/^[1-9][0-9]*$/yes/')" yes
verify "postmaster killed"

# --- 2. kill -9 of a backend inside refresh_journeys ------------------------
# 20000 touchpoints queued (in one statement: two arrays of 10,000 ids in
# pending_batches), so the refresh has work; a session holding one queued
# array keeps the refresh waiting inside it, holding its lock.  (No
# refreshing client here: it could be the one held up.)
psql_q -c "INSERT INTO journey.customers (id) SELECT 'k' || g FROM generate_series(1, 150) g ON CONFLICT DO NOTHING"
psql_q -c "INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
           SELECT 'k' || (1 + g % 150), '2026-01-01'::timestamptz + g * interval '1 minute', 'web', 'marketing', 'bulk'
           FROM generate_series(1, 20000) g"
bench 2 -f "$base/touch.sql@3" -f "$base/stage.sql@1"
check "the 20000 queued as two arrays" "$(psql_q -c "SELECT count(*) || ' ' || sum(cardinality(touchpoints)) FROM journey.pending_batches")" "2 20000"
psql_q -c "BEGIN" -c "SELECT FROM journey.pending_batches LIMIT 1 FOR UPDATE" \
	-c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
bg_pids="$bg_pids $!"
sleep 2
psql_q -c "SET application_name = 'crash_refresh'" -c "SELECT journey.refresh_journeys()" >/dev/null 2>&1 &
bg_pids="$bg_pids $!"
victim=""
for i in $(seq 1 200); do
	victim=$(psql_q -c "SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
	                    WHERE a.application_name = 'crash_refresh' AND a.wait_event_type = 'Lock'" 2>/dev/null)
	[ -n "$victim" ] && break
	sleep 0.1
done
if [ -n "$victim" ]; then
	ok "refresh_journeys holds its lock, waiting inside (backend $victim)"
	kill -9 "$victim"
else
	fail "refresh_journeys never got inside"
fi
wait "$bench_pid" 2>/dev/null
if ready; then ok "the server answers after the backend's crash"; else fail "no answer after the backend's crash"; fi
check "the postmaster reset the sessions" \
	"$(grep -Ec "(server process|client backend) \(PID $victim\) was terminated by signal 9" "$log")" 1
check "the killed refresh dequeued nothing: the 20000 still queued" \
	"$(psql_q -c "SELECT count(*) FROM journey.pending_batches b, unnest(b.touchpoints) x JOIN journey.touchpoints t ON t.id = x WHERE t.event = 'bulk'")" 20000
verify "backend killed inside refresh_journeys"

echo "($(cat "$base"/acked.t "$base"/acked.s | wc -l) acknowledged calls, $(psql_q -c "SELECT count(*) FROM journey.touchpoints WHERE event = 'visit'") touchpoints, $((SECONDS - t0)) s)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
