#!/usr/bin/env bash
# Runs journey_example.sql with psql against the database in PGDATABASE (on
# the server in PGHOST/PGPORT/PGUSER), passes its TAP lines through, checks
# the journey_stage and journey_score notifications psql printed, and ends with
# "N passed, N failed".  Exit status 0 only when everything passed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

out=$(mktemp)
trap 'rm -f "$out"' EXIT

rc=0
# stderr too, in order: the expected errors show where they happen
psql -X -v ON_ERROR_STOP=1 -f "$here/journey_example.sql" >"$out" 2>&1 || rc=$?
cat "$out"

pass=$(grep -c '^ok [0-9]' "$out")
fail=$(grep -c '^not ok [0-9]' "$out")
n=$((pass + fail))

ok() {
	n=$((n + 1))
	if [ "$1" = t ]; then
		pass=$((pass + 1))
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
	fi
}

# psql prints: Asynchronous notification "journey_stage" with payload "{...}"
# received from server process with PID 1234.
mapfile -t payloads < <(sed -n 's/^Asynchronous notification "journey_stage" with payload "\(.*\)" received from server process with PID [0-9]*\.$/\1/p' "$out")
ok "$([ ${#payloads[@]} -eq 2 ] && echo t)" "psql received 2 journey_stage notifications (got ${#payloads[@]})"

# Let the server read the JSON (the payload goes in as a psql variable).
check_payload() {
	local payload=$1 want=$2 got
	got=$(psql -X -At -v ON_ERROR_STOP=1 -v payload="$payload" 2>&1 <<'EOF'
SELECT concat_ws(' ', p->>'customer', p->>'model', coalesce(p->>'from', '-'), p->>'to',
				 (p->>'at')::timestamptz AT TIME ZONE 'UTC', coalesce(p->>'reason', '-'))
FROM (SELECT :'payload'::jsonb AS p) s;
EOF
	)
	[ "$got" = "$want" ] && echo t || echo "# got: $got" >&2
}
ok "$(check_payload "${payloads[0]:-}" 'alice lifecycle - discovery 2026-01-05 10:00:00 -')" \
	"first notification: alice entered discovery"
ok "$(check_payload "${payloads[1]:-}" 'alice lifecycle discovery purchase 2026-01-08 15:00:00 order 1001')" \
	"second notification: alice moved from discovery to purchase (order 1001)"

# Score crossings: NOTIFY journey_score with {customer, rule, old, new, at}.
mapfile -t scores < <(sed -n 's/^Asynchronous notification "journey_score" with payload "\(.*\)" received from server process with PID [0-9]*\.$/\1/p' "$out")
ok "$([ ${#scores[@]} -eq 2 ] && echo t)" "psql received 2 journey_score notifications (got ${#scores[@]})"
check_score() {
	local payload=$1 want=$2 got
	got=$(psql -X -At -v ON_ERROR_STOP=1 -v payload="$payload" 2>&1 <<'EOF'
SELECT concat_ws(' ', p->>'customer', p->>'rule', p->>'old', p->>'new', (p->>'at')::timestamptz AT TIME ZONE 'UTC')
FROM (SELECT :'payload'::jsonb AS p) s;
EOF
	)
	[ "$got" = "$want" ] && echo t || echo "# got: $got" >&2
}
ok "$(check_score "${scores[0]:-}" 'frank likely buyer 0.2 0.8 2026-01-21 10:00:00')" \
	"first score notification: frank crossed 0.5 upwards (email)"
ok "$(check_score "${scores[1]:-}" 'frank likely buyer 0.8 0.2 2026-01-22 10:00:00')" \
	"second score notification: frank crossed 0.5 downwards (web)"

if [ $rc -ne 0 ]; then
	echo "# psql exited with status $rc"
	[ $fail -gt 0 ] || fail=1
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
