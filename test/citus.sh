#!/usr/bin/env bash
#
# test/citus.sh — journey on Citus (part of `make test`).
#
# Makes Citus available to the PostgreSQL that PG_CONFIG names
# (test/build_citus.sh: an installed Citus, or Citus 13.2.2 built once from
# ../shared/vendor into a cache; one SKIP line when neither is possible, e.g.
# on PostgreSQL 18, which Citus 13 does not support).  Then starts a private
# Citus cluster (test/citus_lib.sh, which the benchmark's section distributed
# shares) — a coordinator and two workers, initdb'd into a temporary
# directory, listening on free ports of 127.0.0.1, run as the postgres user
# when we are root — and removes it on every exit.
#
# On that cluster: an events table and a journeys table distributed by
# customer, a stage history table, and a plain local copy of each on the
# coordinator.  For every aggregate and every journey function the same
# query over the distributed and the local table must give the same rows.
# For the questions asked per customer (GROUP BY the distribution column),
# EXPLAIN (VERBOSE) must show the whole aggregate running on the workers;
# for the attribution aggregates across customers (markov_model,
# shapley_model, markov_fit), partial states computed on the workers and
# combined on the coordinator, with no journey leaving a worker.
#
# Prints "N passed, N failed"; needs JOURNEY_PGBIN (initdb, pg_ctl, psql)
# and PG_CONFIG, which test/run.sh exports.

set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PGBIN=${JOURNEY_PGBIN:-$("${PG_CONFIG:-pg_config}" --bindir)}
export PG_CONFIG=${PG_CONFIG:-$PGBIN/pg_config}

PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
finish() { echo "$PASSED passed, $FAILED failed"; [ $FAILED -eq 0 ]; exit; }

LOG=${JOURNEY_LOG:-/dev/null}
# The cluster's start and stop: test/citus_lib.sh (shared with the
# benchmark's section distributed).
# shellcheck source=citus_lib.sh
. "$ROOT/test/citus_lib.sh"
rc=0
citus_prepare "$LOG" || rc=$?
if [ $rc -eq 3 ]; then
	echo "SKIP: $CITUS_SKIP"
	exit 0
elif [ $rc -ne 0 ]; then
	printf '%s\n' "$CITUS_ERROR"
	not_ok "Citus is available (test/build_citus.sh exit $rc)"
	finish
fi

if ! citus_start; then
	printf '%s\n' "$CITUS_ERROR"
	not_ok "a Citus cluster: ${CITUS_ERROR%%:*}"
	finish
fi
# The names the checks below use.
BASE=$CITUS_BASE
declare -n PORT=CITUS_PORT
ok "a Citus cluster: coordinator on ${PORT[coord]}, workers on ${PORT[w1]} and ${PORT[w2]} ($CITUS_START_S s)"

export PGHOST=$BASE PGUSER=postgres
unset PGDATABASE PGSERVICE PGOPTIONS
q() { local n=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -p "${PORT[$n]}" -d postgres "$@"; }

# CREATE EXTENSION on the coordinator installs journey on the workers.
q coord -c "CREATE EXTENSION journey" >/dev/null || { not_ok "CREATE EXTENSION journey"; finish; }
want=$(q coord -c "SELECT extversion FROM pg_extension WHERE extname = 'journey'")
for n in w1 w2; do
	got=$(q "$n" -c "SELECT extversion FROM pg_extension WHERE extname = 'journey'")
	if [ "$got" = "$want" ]; then
		ok "CREATE EXTENSION journey on the coordinator installed $want on $n"
	else
		not_ok "journey on $n: '$got', coordinator '$want'"
	fi
done

# The data: every table twice, distributed (ev, jt, sh) and local (*_local).
if ! q coord >/dev/null <<'EOF'
SET citus.shard_count = 4;
CREATE TABLE ev_local AS
SELECT c AS customer_id,
       timestamptz '2026-01-01 00:00:00+00' + ((c * 7919 + k * 104729) % 900000) * interval '1 second'
         + k * interval '20 minutes' AS ts,
       (ARRAY['web', 'email', 'store', 'catalog', 'sms', 'phone', 'purchase'])[1 + (c * 31 + k * 17) % 7] AS label,
       ((c + k) % 50)::float8 AS value,
       (ARRAY['spring', 'summer', 'autumn'])[1 + c % 3] AS campaign
FROM generate_series(1, 3000) c, generate_series(1, 3 + (c % 9)) k;
CREATE TABLE ev (LIKE ev_local);
SELECT create_distributed_table('ev', 'customer_id');
INSERT INTO ev SELECT * FROM ev_local;

CREATE TABLE jt_local AS
SELECT customer_id, min(campaign) AS campaign,
       journey.journey_agg(ts, label, value) AS j
FROM ev_local GROUP BY customer_id;
CREATE TABLE jt (LIKE jt_local);
SELECT create_distributed_table('jt', 'customer_id', colocate_with => 'ev');
INSERT INTO jt SELECT * FROM jt_local;

CREATE TABLE sh_local AS
SELECT c AS customer_id,
       timestamptz '2026-01-01 00:00:00+00' + (k * 5 + c % 11) * interval '1 day' AS entered,
       (enum_range(NULL::journey.lifecycle))[1 + (c * 3 + k * k) % 5] AS stage
FROM generate_series(1, 3000) c, generate_series(1, 1 + c % 6) k;
CREATE TABLE sh (LIKE sh_local);
SELECT create_distributed_table('sh', 'customer_id', colocate_with => 'ev');
INSERT INTO sh SELECT * FROM sh_local;
EOF
then
	not_ok "distributed tables ev, jt, sh"
	finish
fi
ok "distributed events ($(q coord -c 'SELECT count(*) FROM ev') rows), journeys and stage history by customer, co-located, with local copies"

# same NAME QUERY: QUERY uses {ev}, {jt}, {sh}; run once over the distributed
# tables and once over the local copies; the rows (sorted) must be equal.
same() {
	local name=$1 sql=$2 dsql lsql d l
	dsql=${sql//\{ev\}/ev}; dsql=${dsql//\{jt\}/jt}; dsql=${dsql//\{sh\}/sh}
	lsql=${sql//\{ev\}/ev_local}; lsql=${lsql//\{jt\}/jt_local}; lsql=${lsql//\{sh\}/sh_local}
	d=$(q coord -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(r::text, E'\n' ORDER BY r::text), '')) FROM ($dsql) r" 2>&1)
	l=$(q coord -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(r::text, E'\n' ORDER BY r::text), '')) FROM ($lsql) r" 2>&1)
	if [ -n "$d" ] && [ "$d" = "$l" ] && [ "${d%% *}" != 0 ]; then
		ok "$name: same ${d%% *} rows on Citus as on one node"
	else
		not_ok "$name: Citus '$d', one node '$l'"
	fi
}

# pushed NAME QUERY: per-customer aggregate: the plan is one Citus scan whose
# worker task computes the aggregate (no aggregation left on the coordinator).
pushed() {
	local name=$1 sql=$2 agg=$3 plan
	plan=$(q coord -c "EXPLAIN (VERBOSE, COSTS OFF) ${sql//\{ev\}/ev}" 2>&1)
	# The coordinator's part of the plan is the first line: an Aggregate
	# there would mean rows were gathered to be aggregated.
	if printf '%s\n' "$plan" | head -n1 | grep -q '^Custom Scan (Citus Adaptive)' &&
		printf '%s\n' "$plan" | grep -q "Query: SELECT .*journey\.$agg(.*GROUP BY"; then
		ok "$name: computed whole on the workers"
	else
		not_ok "$name: not pushed down whole:"
		printf '%s\n' "$plan" | sed 's/^/#   /' | head -n 20
	fi
}

# partial NAME QUERY: an aggregate across customers (not grouped by the
# distribution column) whose state type Citus can ship: each worker task
# computes a partial state (worker_partial_agg) and the coordinator combines
# them (coord_combine_agg); the journeys themselves stay on the workers (no
# worker query returns the raw column j).
partial() {
	local name=$1 sql=$2 raw=${3:-'(jt\.)?j'} plan queries
	sql=${sql//\{jt\}/jt}
	plan=$(q coord -c "EXPLAIN (VERBOSE, COSTS OFF) ${sql//\{ev\}/ev}" 2>&1)
	queries=$(printf '%s\n' "$plan" | grep 'Query: ')
	if printf '%s\n' "$plan" | grep -q 'coord_combine_agg(' &&
		[ -n "$queries" ] &&
		! printf '%s\n' "$queries" | grep -v -q 'worker_partial_agg(' &&
		! printf '%s\n' "$queries" | grep -E -q "SELECT $raw( AS [a-z_0-9]+)?(,| FROM)"; then
		ok "$name: partial states computed on the workers, combined on the coordinator"
	else
		not_ok "$name: not split into worker partials:"
		printf '%s\n' "$plan" | sed 's/^/#   /' | head -n 20
	fi
}

# Per customer: GROUP BY the distribution column.
declare -A PER_CUSTOMER=(
	[window_funnel]="SELECT customer_id, journey.window_funnel(interval '2 days', ts, label = 'web', label = 'email', label = 'purchase') FROM {ev} GROUP BY customer_id"
	[window_funnel_times]="SELECT customer_id, journey.window_funnel_times(interval '2 days', ts, label = 'web', label = 'store', label = 'purchase') FROM {ev} GROUP BY customer_id"
	[journey_agg]="SELECT customer_id, journey.journey_agg(ts, label, value)::text FROM {ev} GROUP BY customer_id"
	[retention]="SELECT customer_id, journey.retention(label = 'web', label = 'email', label = 'purchase') FROM {ev} GROUP BY customer_id"
	[sequence_match]="SELECT customer_id, journey.sequence_match('(?1).*(?2)', ts, label = 'web', label = 'purchase') FROM {ev} GROUP BY customer_id"
	[sequence_count]="SELECT customer_id, journey.sequence_count('(?1)(?t<=86400)(?2)', ts, label = 'email', label = 'purchase') FROM {ev} GROUP BY customer_id"
	[session_count]="SELECT customer_id, journey.session_count(ts, interval '30 minutes') FROM {ev} GROUP BY customer_id"
	[activity_buckets]="SELECT customer_id, journey.activity_buckets(ts, interval '1 day') FROM {ev} GROUP BY customer_id"
	[path_after]="SELECT customer_id, journey.path_after(ts, label, label = 'web', 3) FROM {ev} GROUP BY customer_id"
	[path_before]="SELECT customer_id, journey.path_before(ts, label, label = 'purchase', 3) FROM {ev} GROUP BY customer_id"
	[stage_at]="SELECT customer_id, journey.stage_at(entered, stage, '2026-02-01') FROM {sh} GROUP BY customer_id"
	[stage_sequence]="SELECT customer_id, journey.stage_sequence(entered, stage) FROM {sh} GROUP BY customer_id"
	[time_in_stage]="SELECT customer_id, journey.time_in_stage(entered, stage, 'purchase', '2026-03-01') FROM {sh} GROUP BY customer_id"
	[regressions]="SELECT customer_id, journey.regressions(entered, stage) FROM {sh} GROUP BY customer_id"
	[regressed]="SELECT customer_id, journey.regressed(entered, stage) FROM {sh} GROUP BY customer_id"
	[stage_transitions]="SELECT customer_id, journey.stage_transitions(entered, stage) FROM {sh} GROUP BY customer_id"
	[merge_agg]="SELECT customer_id, journey.merge_agg(j)::text FROM {jt} GROUP BY customer_id"
)
for agg in $(printf '%s\n' "${!PER_CUSTOMER[@]}" | sort); do
	sql=${PER_CUSTOMER[$agg]}
	same "$agg per customer" "$sql"
	plan_sql=${sql//\{sh\}/sh}
	plan_sql=${plan_sql//\{jt\}/jt}
	pushed "$agg per customer" "$plan_sql" "$agg"
done

# Across customers: grouped by something else, or not grouped at all.
same "window_funnel by campaign" "SELECT campaign, sum(f) FILTER (WHERE f >= 2) AS two, count(*) FROM (SELECT campaign, journey.window_funnel(interval '2 days', ts, label = 'web', label = 'email', label = 'purchase') AS f FROM {ev} GROUP BY customer_id, campaign) s GROUP BY campaign"
same "window_funnel label form by campaign" "SELECT campaign, journey.window_funnel(interval '2 days', ts, label, 'web', 'email', 'purchase') FROM {ev} GROUP BY campaign, customer_id"
same "retention by campaign" "SELECT campaign, journey.retention(label = 'web', label = 'email') FROM {ev} GROUP BY campaign"
same "activity_buckets by campaign" "SELECT campaign, journey.activity_buckets(ts, interval '7 days') FROM {ev} GROUP BY campaign"
same "path_after over all customers" "SELECT journey.path_after(ts, label, label = 'web', 2) FROM {ev}"
same "path_before by campaign" "SELECT campaign, journey.path_before(ts, label, label = 'purchase', 3, 'last') FROM {ev} GROUP BY campaign"
same "path_after over epochs by campaign" "SELECT campaign, journey.path_after(extract(epoch FROM ts)::bigint, label, label = 'email', 4) FROM {ev} GROUP BY campaign"
same "merge_agg by campaign" "SELECT campaign, journey.length(journey.merge_agg(j)) FROM {jt} GROUP BY campaign"
# Sums of floats may be added in another order: compared to 9 digits.
CONV="CASE WHEN journey.labels(j) @> ARRAY['purchase'] THEN 1 ELSE 0 END"
same "markov_model over all journeys" "SELECT c.label, round(c.conversions::numeric, 9), round(c.value::numeric, 6), round(c.weight::numeric, 9) FROM (SELECT journey.markov_model(j, $CONV, journey.length(j), 1 - $CONV) AS r FROM {jt}) s, unnest(s.r) c"
same "markov_model of order 2 by campaign" "SELECT campaign, c.label, round(c.conversions::numeric, 9), round(c.weight::numeric, 9) FROM (SELECT campaign, journey.markov_model(j, $CONV, 0, 1 - $CONV, 2) AS r FROM {jt} GROUP BY campaign) s, unnest(s.r) c"
same "shapley_model over all journeys" "SELECT c.label, round(c.conversions::numeric, 9), round(c.value::numeric, 6) FROM (SELECT journey.shapley_model(j, $CONV, journey.length(j)) AS r FROM {jt}) s, unnest(s.r) c"
MARKOV_FIT="SELECT p.path, round(journey.conversion_probability(f.m, p.path)::numeric, 9), round(journey.expected_value(f.m, p.path)::numeric, 6) FROM (SELECT journey.markov_fit(j, $CONV, journey.length(j), 1 - $CONV, 2) AS m FROM {jt}) f, (VALUES ('{}'::text[]), ('{web}'), ('{web,email}'), ('{store,sms}'), ('{phone,catalog,web}')) p(path)"
same "markov_fit over all journeys" "$MARKOV_FIT"
# The attribution aggregates have a real state type (attribution_state):
# Citus splits them, whatever the grouping.
partial "markov_model over all journeys" "SELECT journey.markov_model(j, $CONV, journey.length(j), 1 - $CONV) FROM {jt}"
partial "markov_model of order 2 by campaign" "SELECT campaign, journey.markov_model(j, $CONV, 0, 1 - $CONV, 2) FROM {jt} GROUP BY campaign"
partial "shapley_model over all journeys" "SELECT journey.shapley_model(j, $CONV, journey.length(j)) FROM {jt}"
partial "shapley_model over label arrays" "SELECT journey.shapley_model(journey.labels(j), $CONV, 0, 1 - $CONV, 'conversion_rate') FROM {jt}"
# So do path_after and path_before (path_state): the workers send states,
# not the raw ts and label columns (a state holds every row it read).
partial "path_after over all customers" "SELECT journey.path_after(ts, label, label = 'web', 2) FROM {ev}" '(ev\.)?(ts|label)'
partial "path_before by campaign" "SELECT campaign, journey.path_before(ts, label, label = 'purchase', 3, 'last') FROM {ev} GROUP BY campaign" '(ev\.)?(ts|label)'
partial "markov_fit over all journeys" "SELECT journey.markov_fit(j, $CONV, journey.length(j), 1 - $CONV, 2) FROM {jt}"
same "shapley_model over label arrays" "SELECT c.label, round(c.conversions::numeric, 9), round(c.value::numeric, 6) FROM (SELECT journey.shapley_model(journey.labels(j), $CONV, 0, 1 - $CONV, 'conversion_rate') AS r FROM {jt}) s, unnest(s.r) c"
same "markov_model over label arrays of order 3" "SELECT c.label, round(c.conversions::numeric, 9), round(c.weight::numeric, 9) FROM (SELECT journey.markov_model(journey.labels(j), $CONV, 1, 1 - $CONV, 3) AS r FROM {jt}) s, unnest(s.r) c"
same "stage_transitions over all customers" "SELECT journey.stage_transitions(entered, stage) FROM {sh}"

# Functions over stored journeys run where the row is.
same "journey.funnel over stored journeys" "SELECT customer_id, journey.funnel(j, interval '2 days', 'web', 'email', 'purchase') FROM {jt}"
same "journey.sequence_match over stored journeys" "SELECT customer_id, journey.sequence_match(j, '(?1).*(?2)', 'web', 'purchase') FROM {jt}"
same "journey.path, length, first_touch over stored journeys" "SELECT customer_id, journey.path(j), journey.length(j), journey.first_touch(j) FROM {jt}"
same "journey.attribute over stored journeys" "SELECT a.label, round(sum(a.credit)::numeric, 9) FROM {jt}, journey.attribute(j, 'position_based') a GROUP BY a.label"

finish
