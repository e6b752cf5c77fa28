#!/usr/bin/env bash
# Concurrency test of the shared customer model (part of `make test`).
#
# Several sessions record touchpoints and change stages for overlapping
# customers while another keeps refreshing the materialized journeys and a
# third bulk-loads touchpoints of the same and new customers with
# journey.load_touchpoints (CONC_LOADS loads of CONC_BULK rows).  Then:
#   1. no session saw an error (deadlocks included): every psql exits 0;
#   2. no touchpoint was lost: the table holds exactly what was recorded and
#      loaded, and every customer exists;
#   3. every customer has at most one open stage per model and a gapless
#      stage chain (each stage left when the next was entered);
#   4. after a final refresh, every materialized journey equals the journey
#      recomputed from scratch from the touchpoints.
# Bounded to seconds: CONC_SESSIONS (default 4) x CONC_CALLS (default 300).
# Needs a server reachable through the PG* variables and journey installed.
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=${CONC_SESSIONS:-4}
calls=${CONC_CALLS:-300}
loads=${CONC_LOADS:-4}
bulk=${CONC_BULK:-5000}
db=journey_concurrency
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
# (add_channel returns void: its empty result lines would be noise)
psql_q -d "$db" >/dev/null <<'EOF'
CREATE EXTENSION journey;
SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.add_channel('phone', 'customer service', false);
SELECT journey.add_channel('invoice', 'billing', false);
EOF
# What the loader loads: rows of the recording sessions' customers and of
# new ones, on every channel.
psql_q -d "$db" >/dev/null <<EOF
CREATE TABLE public.bulk AS
SELECT CASE WHEN g % 2 = 0 THEN 'cust' || (g % 20) ELSE 'bulk' || (g % 500) END AS customer,
	(ARRAY['web', 'store', 'phone', 'invoice'])[1 + g % 4] AS channel, 'b' || g AS event,
	timestamptz '2026-01-01' + interval '1 second' * (g * 7) AS at
FROM generate_series(1, $bulk) g;
EOF

# Each session: `calls` transactions over 20 shared customers, mixing
# touchpoints (one per call) and stage changes at increasing times.
for s in $(seq 1 "$sessions"); do
	{
		for i in $(seq 1 "$calls"); do
			c=$(( (i * 7 + s) % 20 ))
			ch=$(( (i + s) % 4 ))
			channel=$(echo web store phone invoice | cut -d' ' -f$((ch + 1)))
			echo "SELECT journey.record_touchpoint('cust$c', '$channel', 'e$i', timestamptz '2026-01-01' + interval '1 second' * ($i * 100 + $s));"
			if [ $((i % 5)) -eq 0 ]; then
				stage=$(echo discovery evaluation purchase loyalty advocacy | cut -d' ' -f$(( (i / 5 + s) % 5 + 1)))
				# clock_timestamp keeps stage changes of a customer in time order
				echo "SELECT journey.set_stage('cust$c', 'lifecycle', '$stage', clock_timestamp());"
			fi
		done
	} > "$work/session$s.sql"
done
{
	for i in $(seq 1 40); do
		echo "SELECT journey.refresh_journeys();"
		echo "SELECT pg_sleep(0.01);"
	done
} > "$work/refresh.sql"
# loads without a refresh, the last one with (it waits for the refresher)
{
	for i in $(seq 1 "$loads"); do
		if [ "$i" -lt "$loads" ]; then
			echo "SELECT * FROM journey.load_touchpoints('public.bulk', refresh => false);"
		else
			echo "SELECT * FROM journey.load_touchpoints('public.bulk');"
		fi
		echo "SELECT pg_sleep(0.05);"
	done
} > "$work/load.sql"

pids=()
for s in $(seq 1 "$sessions"); do
	psql_q -d "$db" -f "$work/session$s.sql" > "$work/out$s" 2>&1 &
	pids+=($!)
done
psql_q -d "$db" -f "$work/refresh.sql" > "$work/outr" 2>&1 &
pids+=($!)
psql_q -d "$db" -f "$work/load.sql" > "$work/outl" 2>&1 &
pids+=($!)

passed=0
failed=0
check() {	# name, condition exit status
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1)); echo "ok - $1"
	else
		failed=$((failed + 1)); echo "not ok - $1"
	fi
}

errors=0
for p in "${pids[@]}"; do
	wait "$p" || errors=$((errors + 1))
done
if [ "$errors" -ne 0 ]; then
	cat "$work"/out* | grep -i error | head -5
fi
check "$sessions recording sessions, a refreshing one and a loading one finished without an error" "$errors"

expected=$((sessions * calls + loads * bulk))
got=$(psql_q -d "$db" -c "SELECT count(*) FROM journey.touchpoints")
[ "$got" = "$expected" ]; check "no lost touchpoints ($got of $expected: $((sessions * calls)) recorded, $((loads * bulk)) loaded)" $?
orphans=$(psql_q -d "$db" -c "SELECT count(*) FROM journey.check_model()")
[ "$orphans" = "0" ]; check "every touchpoint's customer exists ($orphans missing)" $?

bad=$(psql_q -d "$db" <<'EOF'
SELECT count(*) FROM (
	SELECT customer, model, count(*) FILTER (WHERE "left" IS NULL) AS open,
		count(*) FILTER (WHERE "left" IS DISTINCT FROM next_entered) AS gaps
	FROM (SELECT h.*, lead(entered) OVER (PARTITION BY customer, model ORDER BY entered, id) AS next_entered
		  FROM journey.stage_history h) x
	GROUP BY 1, 2) y
WHERE open <> 1 OR gaps <> 0;
EOF
)
[ "$bad" = "0" ]; check "one open stage per customer and model, no gaps in the chains ($bad bad)" $?

psql_q -d "$db" -c "SELECT journey.refresh_journeys()" > /dev/null
diff=$(psql_q -d "$db" <<'EOF'
SET search_path = public, journey;
SELECT count(*) FROM (
	SELECT customer, journey.journey_agg(ts, channel, value::float8) AS j
	FROM journey.touchpoints GROUP BY customer) r
FULL JOIN journey.customer_journeys c USING (customer)
WHERE r.j IS DISTINCT FROM c.journey;
EOF
)
[ "$diff" = "0" ]; check "materialized journeys equal journeys recomputed from scratch ($diff differ)" $?

# A touchpoint committed while a refresh runs stays queued, as a row
# (fewer than 64 a statement) or in an array (64 or more): the refresh
# dequeues what its snapshot sees.  Another session holds a queued row and a
# queued array (FOR UPDATE), so the refresh's DELETE waits for it; meanwhile
# a third session commits one touchpoint and 100 in one statement.
psql_q -d "$db" >/dev/null <<'EOF'
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('cust1', '2027-01-01', 'web', 'marketing', 'before1');
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'cust' || (g % 20), timestamptz '2027-01-01' + g * interval '1 minute', 'web', 'marketing', 'before100'
FROM generate_series(1, 100) g;
EOF
queued_before=$(psql_q -d "$db" -c "SELECT (SELECT count(*) FROM journey.pending_touchpoints) || ' ' || (SELECT count(*) FROM journey.pending_batches)")
psql_q -d "$db" > "$work/outq" 2>&1 <<'EOF' &
BEGIN;
SELECT FROM journey.pending_touchpoints LIMIT 1 FOR UPDATE;
SELECT FROM journey.pending_batches LIMIT 1 FOR UPDATE;
SELECT pg_sleep(3) AS holding_the_queue;
COMMIT;
EOF
holder=$!
for _ in $(seq 100); do
	[ "$(psql_q -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS holding_the_queue%' AND state = 'active' AND pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.1
done
psql_q -d "$db" -c "SELECT journey.refresh_journeys()" > "$work/outrq" 2>&1 &
refresher=$!
for _ in $(seq 100); do
	[ "$(psql_q -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%refresh_journeys%' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.1
done
psql_q -d "$db" >/dev/null <<'EOF'
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('cust2', '2027-02-01', 'web', 'marketing', 'during1');
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'cust' || (g % 20), timestamptz '2027-02-01' + g * interval '1 minute', 'web', 'marketing', 'during100'
FROM generate_series(1, 100) g;
EOF
rc=0
wait "$holder" || rc=$?
wait "$refresher" || rc=$?
left=$(psql_q -d "$db" <<'EOF'
SELECT (SELECT count(*) FROM journey.pending_touchpoints p JOIN journey.touchpoints t ON t.id = p.touchpoint
		WHERE t.event = 'during1')
	|| ' ' || (SELECT count(*) FROM journey.pending_batches b, unnest(b.touchpoints) x JOIN journey.touchpoints t ON t.id = x
			   WHERE t.event = 'during100')
	|| ' ' || (SELECT count(*) FROM (SELECT touchpoint FROM journey.pending_touchpoints
									 UNION ALL SELECT x FROM journey.pending_batches b, unnest(b.touchpoints) x) q
			   JOIN journey.touchpoints t ON t.id = q.touchpoint WHERE t.event NOT LIKE 'during%')
	|| ' ' || (SELECT count(*) FROM journey.customer_journey_data d, journey.unnest(d.events) e
			   WHERE e.label LIKE 'during%');
EOF
)
[ "$rc" = 0 ] && [ "$queued_before" = "1 1" ] && [ "$left" = "1 100 0 0" ]
check "touchpoints committed during a refresh stay queued, as a row and in an array (queued during, before, stored during: $left; queued before: $queued_before)" $?
psql_q -d "$db" -c "SELECT journey.refresh_journeys()" > /dev/null
diff=$(psql_q -d "$db" <<'EOF'
SELECT count(*) FROM (
	SELECT customer, journey.journey_agg(ts, channel, value::float8) AS j,
		journey.journey_agg(ts, event, value::float8) AS e
	FROM journey.touchpoints GROUP BY customer) r
FULL JOIN journey.customer_journey_data d USING (customer)
WHERE r.j::text IS DISTINCT FROM d.channels::text OR r.e::text IS DISTINCT FROM d.events::text;
EOF
)
queued=$(psql_q -d "$db" -c "SELECT (SELECT count(*) FROM journey.pending_touchpoints) + (SELECT count(*) FROM journey.pending_batches)")
[ "$diff" = "0" ] && [ "$queued" = "0" ]
check "  the next refresh folds them in: journeys equal journeys from scratch ($diff differ), queue empty ($queued)" $?

# The first refresh (nothing stored) inserts the journeys without ON
# CONFLICT, since only a refresh adds journeys.  A journey stored all the
# same by another session (an INSERT by hand, a restore), committed while
# the refresh waits for it, makes that insert fail: the refresh then builds
# again the general way, which replaces that journey, and reports no error.
psql_q -d "$db" -c "TRUNCATE journey.customer_journey_data" \
	-c "INSERT INTO journey.pending_batches SELECT array_agg(id) FROM journey.touchpoints"
psql_q -d "$db" > "$work/outh" 2>&1 <<'EOF' &
BEGIN;
INSERT INTO journey.customer_journey_data (customer, channels, events, first_seen, last_seen)
VALUES ('cust1', 'web@2020-01-01 00:00:00+00', 'x@2020-01-01 00:00:00+00', '2020-01-01', '2020-01-01');
SELECT pg_sleep(3) AS holding_a_journey;
SELECT extract(epoch FROM clock_timestamp());
COMMIT;
EOF
holder=$!
for _ in $(seq 100); do
	[ "$(psql_q -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS holding_a_journey%' AND state = 'active' AND pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.1
done
refreshed=$(psql_q -d "$db" -c "SELECT journey.refresh_journeys()" -c "SELECT extract(epoch FROM clock_timestamp())" 2>&1) ||
	refreshed="error: $refreshed"
holder_rc=0
wait "$holder" || holder_rc=$?
customers=$(psql_q -d "$db" -c "SELECT count(DISTINCT customer) FROM journey.touchpoints")
# (it waited for the other session: it ended after that session's last
# statement before COMMIT)
waited=$(awk -v r="$(sed -n 2p <<<"$refreshed")" -v h="$(tail -n1 "$work/outh")" 'BEGIN { print (r + 0 >= h + 0 && h + 0 > 0) ? "yes" : "no" }')
refreshed=$(head -n1 <<<"$refreshed")
[ "$holder_rc" = 0 ] && [ "$refreshed" = "$customers" ] && [ "$waited" = yes ]
check "first refresh with a journey stored meanwhile: waited for it ($waited), every journey built ($refreshed of $customers)" $?
diff=$(psql_q -d "$db" <<'EOF'
SELECT count(*) FROM (
	SELECT customer, journey.journey_agg(ts, channel, value::float8) AS j,
		journey.journey_agg(ts, event, value::float8) AS e, min(ts) AS f, max(ts) AS l
	FROM journey.touchpoints GROUP BY customer) r
FULL JOIN journey.customer_journey_data d USING (customer)
WHERE r.j::text IS DISTINCT FROM d.channels::text OR r.e::text IS DISTINCT FROM d.events::text
   OR r.f IS DISTINCT FROM d.first_seen OR r.l IS DISTINCT FROM d.last_seen;
EOF
)
queued=$(psql_q -d "$db" -c "SELECT (SELECT count(*) FROM journey.pending_touchpoints) + (SELECT count(*) FROM journey.pending_batches)")
[ "$diff" = "0" ] && [ "$queued" = "0" ]
check "  the journey stored meanwhile replaced, all equal journeys from scratch ($diff differ), queue empty ($queued)" $?

psql_q -d postgres -c "DROP DATABASE $db"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
