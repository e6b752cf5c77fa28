#!/usr/bin/env bash
# Peak memory of a backend on the pathological inputs of doc/limits.md
# (a benchmark, not part of `make test`: it takes about two minutes and up
# to 2.5 GB of RAM).  Each case runs in a fresh session; afterwards the session
# reads the peak resident set size of its own backend (VmHWM in
# /proc/self/status, through pg_read_file: needs a superuser, Linux) and
# prints it with the time taken and the outcome (the SQLSTATE when the case
# fails, as most do, with 54000 = program_limit_exceeded).
#
# Any server reachable through the PG* variables, journey installed:
#   JOURNEY_ONLY=none bash test/run.sh --keep test   # build, install, start a
#                                                    # cluster, run nothing
#   PGHOST=... PGPORT=... PGUSER=postgres bash test/memory.sh
# (the first command prints the PGHOST/PGPORT to use and how to remove the
# cluster).  MEMORY_ONLY="name ..." runs some cases only.
#
# VmHWM counts every page the backend touched, shared buffers included; the
# cases read no tables (generate_series), so the figures are the backend's
# own memory.  The first line is an idle backend, for reference.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${MEMORY_DB:-journey_memory}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'EOF'
CREATE EXTENSION journey;
-- The 1 GB texts, built here (PostgreSQL's string functions need several
-- copies to build them) and stored compressed, so that the measured session
-- holds only what reading and parsing them takes.
CREATE TABLE lit1 AS
SELECT repeat(repeat('x', 1000) || '@2020-01-01 00:00:00+00 > ', 999999) || repeat('x', 1000) || '@2020-01-01 00:00:00+00' AS t;
CREATE TABLE lit39 AS SELECT repeat('a@2020-01-01 00:00:00+00 > ', 39000000) AS t;
EOF

cases=(
	"idle|SELECT 1"
	"journey_agg, 1,000,000 events (the maximum)|SELECT journey.length(journey.journey_agg(timestamptz '2020-01-01' + i * interval '1 second', 'l' || (i % 50))) FROM generate_series(1, 1000000) i"
	"journey_agg, one customer with 10,000,000 events|SELECT journey.length(journey.journey_agg(timestamptz '2020-01-01' + i * interval '1 second', 'l' || (i % 50))) FROM generate_series(1, 10000000) i"
	"journey_agg, 1,000,000 distinct 1000-byte labels|SELECT journey.length(journey.journey_agg(timestamptz '2020-01-01', lpad(i::text, 1000, 'x'))) FROM generate_series(1, 1000000) i"
	"journey text input, 1 GB: 1,000,000 events with 1000-byte labels|SELECT journey.length(t::journey.journey) FROM lit1"
	"journey text input, 1 GB: 39,000,000 events|SELECT journey.length(t::journey.journey) FROM lit39"
	"journey text output beyond 1 GB (600,000 events, 1000-byte label)|SELECT length(journey.journey_agg(timestamptz '2020-01-01' + i * interval '1 second', repeat('\"', 1000))::text) FROM generate_series(1, 600000) i"
	"window_funnel, 64 conditions, 10,000,000 rows in one group|SELECT journey.window_funnel(interval '1 day', timestamptz '2020-01-01' + i * interval '1 second', i % 64 = 0, i % 64 = 1, i % 64 = 2, i % 64 = 3, i % 64 = 4, i % 64 = 5, i % 64 = 6, i % 64 = 7, i % 64 = 8, i % 64 = 9, i % 64 = 10, i % 64 = 11, i % 64 = 12, i % 64 = 13, i % 64 = 14, i % 64 = 15, i % 64 = 16, i % 64 = 17, i % 64 = 18, i % 64 = 19, i % 64 = 20, i % 64 = 21, i % 64 = 22, i % 64 = 23, i % 64 = 24, i % 64 = 25, i % 64 = 26, i % 64 = 27, i % 64 = 28, i % 64 = 29, i % 64 = 30, i % 64 = 31, i % 64 = 32, i % 64 = 33, i % 64 = 34, i % 64 = 35, i % 64 = 36, i % 64 = 37, i % 64 = 38, i % 64 = 39, i % 64 = 40, i % 64 = 41, i % 64 = 42, i % 64 = 43, i % 64 = 44, i % 64 = 45, i % 64 = 46, i % 64 = 47, i % 64 = 48, i % 64 = 49, i % 64 = 50, i % 64 = 51, i % 64 = 52, i % 64 = 53, i % 64 = 54, i % 64 = 55, i % 64 = 56, i % 64 = 57, i % 64 = 58, i % 64 = 59, i % 64 = 60, i % 64 = 61, i % 64 = 62, i % 64 = 63) FROM generate_series(1, 10000000) i"
	"window_funnel, 20,000,000 rows in one group|SELECT journey.window_funnel(interval '1 day', timestamptz '2020-01-01' + i * interval '1 second', true, i % 2 = 0) FROM generate_series(1, 20000000) i"
	"sequence_count, 1,000,000 rows in one group|SELECT journey.sequence_count('(?1)(?t<=100)(?2)', timestamptz '2020-01-01' + i * interval '1 second', i % 10 = 1, i % 10 = 2) FROM generate_series(1, 1000000) i"
	"markov_model, 1,000,000 distinct labels|SELECT cardinality(journey.markov_model(ARRAY['c' || i, 'd' || i], 1, 0, 1)) FROM generate_series(1, 1000000) i"
	"markov_model, 10,000 labels, order 2, 3,000,000 touches|SELECT cardinality(journey.markov_model(p, 1, 0, 1, 2)) FROM (SELECT array_agg('c' || (abs(hashint4(i)) % 10000) ORDER BY i) AS p FROM generate_series(1, 3000000) i) s"
	"shapley_model, 8,000,000 distinct paths (state beyond 256 MB)|SELECT cardinality(journey.shapley_model(ARRAY['c' || (i % 1000), 'd' || (i / 1000 % 1000), 'e' || (i / 1000000)], 1, 0, 1)) FROM generate_series(1, 8000000) i"
)

printf '%-72s %10s %8s  %s\n' case "peak RSS" time outcome
for c in "${cases[@]}"; do
	name=${c%%|*}
	query=${c#*|}
	if [ -n "${MEMORY_ONLY:-}" ] && [ "$name" != idle ]; then
		case " $MEMORY_ONLY " in *" ${name%%,*} "*) ;; *) continue ;; esac
	fi
	out=$(psql -X -q -At -d "$db" \
		-c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); st text := 'ok'; BEGIN
			BEGIN EXECUTE \$q\$$query\$q\$;
			EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE; END;
			RAISE WARNING 'result % %', st, round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1);
			END \$\$" \
		-c "SELECT 'hwm ' || substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\\s*(\\d+)')" \
		2>&1 | sed -n 's/^.*WARNING:  result /result /p; s/^hwm /hwm /p')
	st=$(sed -n 's/^result \([^ ]*\) .*/\1/p' <<<"$out")
	secs=$(sed -n 's/^result [^ ]* \(.*\)/\1/p' <<<"$out")
	kb=$(sed -n 's/^hwm //p' <<<"$out")
	case $st in ok) outcome=finished ;; 54000) outcome="54000 (program_limit_exceeded)" ;; *) outcome="SQLSTATE $st" ;; esac
	printf '%-72s %7s MB %6s s  %s\n' "$name" "$(( ${kb:-0} / 1024 ))" "${secs:-?}" "$outcome"
done
