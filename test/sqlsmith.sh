#!/usr/bin/env bash
# Random SQL against the extension with SQLsmith (issue 14; part of `make
# test` with SQLSMITH_COUNT=2000 queries, `make fuzz` runs 100,000).
#
# A database with the demo data (test/demo/data.sql at a small scale), stored
# journeys and stage values built from it, a user stage model, and the
# customer model filled through its API; sqlsmith (Debian package `sqlsmith`,
# installed when missing, apt output in a log) sends SQLSMITH_COUNT seeded
# random queries (SQLSMITH_SEED, default 14) as a non-superuser that reads
# everything, each statement limited to 1 s, the whole run bounded by
# timeout.  Passes when the server log shows no crashed backend and the
# server still answers.  Prints "N passed, N failed".  Connects through
# PGHOST, PGPORT, PGUSER (a superuser); reads the server log from
# JOURNEY_PGLOG (test/run.sh sets it).
set -uo pipefail
cd "$(dirname "$0")/.."

count=${SQLSMITH_COUNT:-2000}
seed=${SQLSMITH_SEED:-14}
db=journey_sqlsmith
role=journey_smith
work=""
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
cleanup() {
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
	[ -z "$work" ] || rm -rf "$work"
}
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

if ! command -v sqlsmith >/dev/null 2>&1; then
	apt_log=${TMPDIR:-/tmp}/journey-sqlsmith-apt.log
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
	{ $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends sqlsmith ||
		{ $sudo apt-get update && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends sqlsmith; }
	} >"$apt_log" 2>&1
	if ! command -v sqlsmith >/dev/null 2>&1; then
		fail "sqlsmith is not installed and could not be installed (apt-get install sqlsmith; see $apt_log)"
		finish
	fi
fi

cleanup
trap cleanup EXIT
work=$(mktemp -d)
psql_q -d postgres -c "CREATE DATABASE $db" -c "CREATE ROLE $role LOGIN" || { fail "setup"; finish; }
if ! { psql_q -d "$db" -c "CREATE EXTENSION journey" &&
	psql_q -d "$db" -v demo_customers=200 -f test/demo/data.sql &&
	psql_q -d "$db" -v role=$role; } >"$work/setup.log" 2>&1 <<'EOF'
SET timezone = 'UTC';
-- stored journeys and stage values over the demo data
CREATE TABLE demo.journeys AS
SELECT customer_id, journey.journey_agg(ts, channel, value::float8) AS channels,
       journey.journey_agg(ts, event, value::float8) AS events
FROM demo.events GROUP BY customer_id;
SELECT journey.create_stage_model('deal_pipeline', ARRAY['new lead', 'qualified', 'won', 'lost'],
	departments => ARRAY['marketing', 'sales', 'billing', 'sales'], terminal => ARRAY[false, false, true, true]);
CREATE TABLE demo.deals AS
SELECT customer_id, (enum_range(NULL::journey.deal_pipeline))[1 + customer_id % 4] AS stage,
       first_seen AS changed
FROM demo.customers;
-- the customer model, filled through its API
SELECT journey.add_channel(channel, department, online, direct => channel = 'direct') FROM demo.channels;
SELECT count(journey.record_touchpoint('d' || customer_id, channel, event, ts, value::numeric))
FROM (SELECT * FROM demo.events ORDER BY customer_id, ts LIMIT 2000) e;
SELECT count(journey.set_stage('d' || customer_id, 'lifecycle', stage::text, entered))
FROM (SELECT * FROM demo.stage_history WHERE customer_id <= 100 ORDER BY customer_id, entered) h;
SELECT journey.link_identity('cookie-' || g, 'd' || g) FROM generate_series(1, 10) g;
SELECT journey.refresh_journeys();
SELECT journey.grant_reader(:'role');
GRANT USAGE ON SCHEMA demo TO :"role";
GRANT SELECT ON ALL TABLES IN SCHEMA demo TO :"role";
ALTER ROLE :"role" SET statement_timeout = '1s';
EOF
then
	fail "could not build the database: $(tail -5 "$work/setup.log")"
	finish
fi
ok "database: $(psql_q -d "$db" -c "SELECT (SELECT count(*) FROM demo.events) || ' demo events, ' || (SELECT count(*) FROM demo.journeys) || ' journeys, ' || (SELECT count(*) FROM journey.touchpoints) || ' touchpoints'")"

log=${JOURNEY_PGLOG:-}
offset=0
[ -n "$log" ] && [ -r "$log" ] && offset=$(stat -c %s "$log")
# sqlsmith's own tables of the target may not be usable by the role; it
# reads the catalog as it is
target="host=$PGHOST port=$PGPORT dbname=$db user=$role application_name=sqlsmith"
limit=$((60 + count / 20))
t0=$SECONDS
timeout --kill-after=10 "$limit" sqlsmith --target="$target" --seed="$seed" --max-queries="$count" --verbose \
	>"$work/sqlsmith.out" 2>&1
rc=$?
took=$((SECONDS - t0))
if [ $rc -eq 0 ]; then
	ok "sqlsmith: $count queries (seed $seed) in $took s"
elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	fail "sqlsmith did not finish $count queries within $limit s"
else
	fail "sqlsmith exited $rc after $took s: $(tail -c 800 "$work/sqlsmith.out")"
fi
# sqlsmith prints a per-error-message count at the end (with --verbose)
grep -E '^[0-9]+\s' "$work/sqlsmith.out" | sort -rn | head -5 | sed 's/^/    /'

if [ -n "$log" ] && [ -r "$log" ]; then
	crashes=$(tail -c +$((offset + 1)) "$log" | grep -E -A1 '\(PID [0-9]+\) was terminated by signal|(server process|client backend) \(PID [0-9]+\) exited with exit code|terminating any other active server processes')
	if [ -z "$crashes" ]; then ok "no crashed backend in the server log"; else fail "crashed backends:"; printf '%s\n' "$crashes"; fi
else
	echo "note: JOURNEY_PGLOG not set or not readable, the server log is not checked"
fi
if [ "$(psql_q -d "$db" -c "SELECT journey.length(channels) >= 0 FROM demo.journeys LIMIT 1" 2>&1)" = t ]; then
	ok "the server still answers"
else
	fail "the server does not answer"
fi
finish
