#!/usr/bin/env bash
# The score trigger against its definition (part of `make test`).
#
# journey.score_touchpoints (src/score.c) decides, for every INSERT into
# journey.touchpoints, which customers' scores cross a rule's threshold, from
# the customers' newest touches read through the index on (customer, ts).
# Its definition is the view journey.customer_scores: a crossing is a rule
# whose probability in the view, before the statement and after it, lies on
# different sides of the threshold.  This suite records a few hundred random
# statements (one or several rows, one or several customers, timestamps
# moving forward by a quarter of an hour every other statement with a random
# lag of up to 5 of them, so that many touches tie and some are dated before
# the customer's newest, rules of orders 1 to 3 with and without a channel
# filter), each in its own transaction, in a session that LISTENs to
# journey_score; around each statement it computes the expected crossings
# from the view.  The notifications psql printed must equal them: same
# customers, rules, old and new probabilities, as many.  Then the same with
# the index dropped (the trigger then scans the table).
#
# Needs a server reachable through the PG* variables with journey installed.
# SCORE_STEPS (default 300) statements per part.  Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

db=journey_score_trigger
steps=${SCORE_STEPS:-300}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$db" "$@"; }

passed=0
failed=0
ok() { passed=$((passed + 1)); printf 'ok     %s\n' "$*"; }
not_ok() { failed=$((failed + 1)); printf 'FAILED %s\n' "$*"; }

work=$(mktemp -d)
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

# Five channels of three departments, 12 customers, and four rules fitted
# on random paths; each threshold is the median score of the fitted paths,
# so that touches cross it often, both ways.
psql_q >/dev/null <<'EOF'
CREATE EXTENSION journey;
SELECT journey.add_channel(n, d, true) FROM (VALUES ('web', 'marketing'), ('email', 'marketing'),
	('store', 'sales'), ('chat', 'customer service'), ('sms', 'marketing')) c(n, d);
INSERT INTO journey.customers (id) SELECT 'c' || i FROM generate_series(1, 12) i;
CREATE TABLE fit_paths AS
SELECT g, (SELECT array_agg((ARRAY['web', 'email', 'store', 'chat', 'sms'])[1 + (hashint4(g * 16 + h) & 2147483647) % 5])
		   FROM generate_series(1, 1 + (hashint4(g) & 2147483647) % 6) h) AS path,
	   ((hashint4(-g) & 2147483647) % 10 < 4)::int::float8 AS conv
FROM generate_series(1, 3000) g;
CREATE TABLE fit_models AS
SELECT 'order 1' AS name, journey.markov_fit(path, conv, 10 * conv, 1 - conv) AS m, NULL::text[] AS filter FROM fit_paths
UNION ALL
SELECT 'order 2', journey.markov_fit(path, conv, 10 * conv, 1 - conv, 2), NULL FROM fit_paths
UNION ALL
SELECT 'order 3 web email', journey.markov_fit(ARRAY(SELECT x FROM unnest(path) x WHERE x IN ('web', 'email')), conv, 0, 1 - conv, 3),
	ARRAY['web', 'email'] FROM fit_paths
UNION ALL
SELECT 'order 2 store chat', journey.markov_fit(ARRAY(SELECT x FROM unnest(path) x WHERE x IN ('store', 'chat')), conv, 0, 1 - conv, 2),
	ARRAY['store', 'chat'] FROM fit_paths;
SELECT journey.add_score_rule(f.name, f.m,
	(SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY journey.conversion_probability(f.m, p.path)) FROM fit_paths p),
	'marketing', f.filter)
FROM fit_models f;
CREATE TABLE expected (part int, step int, customer text, rule text, old float8, new float8);
CREATE TABLE got (payload text);
EOF

channels=(web email store chat sms)
departments=(marketing marketing sales "customer service" marketing)

# script PART: the statements of one part, with the expected crossings.
script() {
	local part=$1 s r k c ncust nrows custs values ch sep
	echo "LISTEN journey_score;"
	for ((s = 1; s <= steps; s++)); do
		ncust=$((1 + (RANDOM % 4 == 0)))
		custs=() values="" sep=""
		for ((k = 0; k < ncust; k++)); do
			c="c$((1 + RANDOM % 12))"
			custs+=("'$c'")
			nrows=$((1 + (RANDOM % 5 == 0) * (1 + RANDOM % 3)))
			for ((r = 0; r < nrows; r++)); do
				ch=$((RANDOM % 5))
				values+="$sep('$c', timestamptz '2026-01-01 00:00+00' + $((part * steps + s / 2 + RANDOM % 6)) * interval '15 minutes', '${channels[$ch]}', '${departments[$ch]}', 'e')"
				sep=", "
			done
		done
		cat <<EOF
CREATE TEMP TABLE b AS SELECT customer, rule, probability FROM journey.customer_scores WHERE customer IN ($(IFS=,; echo "${custs[*]}"));
INSERT INTO journey.touchpoints (customer, ts, channel, department, event) VALUES $values;
INSERT INTO expected SELECT $part, $s, a.customer, a.rule, b.probability, a.probability
FROM journey.customer_scores a JOIN b USING (customer, rule) JOIN journey.score_rules r ON r.name = a.rule
WHERE (b.probability >= r.threshold) <> (a.probability >= r.threshold);
DROP TABLE b;
EOF
	done
}

# check PART NAME: run the part's statements, then compare.
check() {
	local part=$1 name=$2 out="$work/out$1" n_expected n_got n_missing n_extra
	script "$part" >"$work/script$part.sql"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$work/script$part.sql" >"$out" 2>&1 ||
		{ not_ok "$name: the statements failed: $(tail -n 3 "$out")"; return; }
	sed -n 's/^Asynchronous notification "journey_score" with payload "\(.*\)" received from server process with PID [0-9]*\.$/\1/p' \
		"$out" >"$work/payloads$part"
	psql_q -c "TRUNCATE got" -c "\\copy got FROM '$work/payloads$part'" >/dev/null
	IFS='|' read -r n_expected n_got n_missing n_extra < <(psql_q <<EOF
WITH g AS (
	SELECT p->>'customer' AS customer, p->>'rule' AS rule, (p->>'old')::float8 AS old, (p->>'new')::float8 AS new
	FROM (SELECT payload::jsonb AS p FROM got) s
), e AS (
	SELECT customer, rule, old, new FROM expected WHERE part = $part
)
SELECT (SELECT count(*) FROM e), (SELECT count(*) FROM g),
	   (SELECT count(*) FROM (SELECT * FROM e EXCEPT ALL SELECT * FROM g) x),
	   (SELECT count(*) FROM (SELECT * FROM g EXCEPT ALL SELECT * FROM e) x)
EOF
	)
	if [ "$n_expected" -ge $((steps / 10)) ]; then
		ok "$name: $steps statements cross thresholds $n_expected times (enough to test)"
	else
		not_ok "$name: only $n_expected crossings in $steps statements: the test data do not test much"
	fi
	if [ "$n_missing" = 0 ] && [ "$n_extra" = 0 ] && [ "$n_got" = "$n_expected" ]; then
		ok "$name: the $n_got notifications are exactly the crossings of customer_scores"
	else
		not_ok "$name: $n_expected crossings expected, $n_got notified; $n_missing missing, $n_extra not expected"
		psql_q <<EOF | head -n 20
SELECT 'expected, not notified: ' || e::text FROM (SELECT customer, rule, old, new FROM expected WHERE part = $part
	EXCEPT ALL SELECT p->>'customer', p->>'rule', (p->>'old')::float8, (p->>'new')::float8
	FROM (SELECT payload::jsonb AS p FROM got) s) e
UNION ALL
SELECT 'notified, not expected: ' || g::text FROM (SELECT p->>'customer', p->>'rule', (p->>'old')::float8, (p->>'new')::float8
	FROM (SELECT payload::jsonb AS p FROM got) s
	EXCEPT ALL SELECT customer, rule, old, new FROM expected WHERE part = $part) g;
EOF
	fi
}

RANDOM=20261202
check 1 "through the index on touchpoints (customer, ts)"
psql_q -c "DROP INDEX journey.touchpoints_customer_ts" >/dev/null
check 2 "without that index (a scan of touchpoints)"
psql_q -c "CREATE INDEX touchpoints_customer_ts ON journey.touchpoints (customer, ts)" >/dev/null
check 3 "with the index created again"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
