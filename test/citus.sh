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
# shapley_model, markov_fit), merge_agg and funnel_correlation_agg, partial
# states computed on the workers and combined on the coordinator, with no
# journey leaving a worker.  Also doc/type.md's example of journeys kept in
# a columnar table (Citus's citus_columnar), against a heap table.
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
NODES=("${CITUS_NODES[@]}")
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
	if head -n1 <<<"$plan" | grep -q '^Custom Scan (Citus Adaptive)' &&
		grep -q "Query: SELECT .*journey\.$agg(.*GROUP BY" <<<"$plan"; then
		ok "$name: computed whole on the workers"
	else
		not_ok "$name: not pushed down whole:"
		printf '%s\n' "$plan" | sed 's/^/#   /' | head -n 20
	fi
}

# (grep reads here-strings, not pipes: with pipefail, a grep -q that exits
# at its first match can fail the printf that feeds it.)
#
# partial NAME QUERY: an aggregate across customers (not grouped by the
# distribution column) whose state type Citus can ship: each worker task
# computes a partial state (worker_partial_agg) and the coordinator combines
# them (coord_combine_agg); the journeys themselves stay on the workers (no
# worker query returns the raw column j).
partial() {
	local name=$1 sql=$2 raw=${3:-'(jt\.)?j'} plan queries
	sql=${sql//\{jt\}/jt}
	plan=$(q coord -c "EXPLAIN (VERBOSE, COSTS OFF) ${sql//\{ev\}/ev}" 2>&1)
	queries=$(grep 'Query: ' <<<"$plan")
	if grep -q 'coord_combine_agg(' <<<"$plan" &&
		[ -n "$queries" ] &&
		! grep -v -q 'worker_partial_agg(' <<<"$queries" &&
		! grep -E -q "SELECT $raw( AS [a-z_0-9]+)?(,| FROM)" <<<"$queries"; then
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
PER_CUSTOMER[funnel_correlation_agg]="SELECT customer_id, journey.funnel_correlation_agg(j, interval '2 days', ARRAY['web', 'email', 'purchase'], 1) FROM {jt} GROUP BY customer_id"
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
# retention's state is an int8[] (counts per condition): split as well.
partial "retention by campaign" "SELECT campaign, journey.retention(label = 'web', label = 'email') FROM {ev} GROUP BY campaign" '(ev\.)?(ts|label)'
same "activity_buckets by campaign" "SELECT campaign, journey.activity_buckets(ts, interval '7 days') FROM {ev} GROUP BY campaign"
same "activity_buckets over days by campaign" "SELECT campaign, journey.activity_buckets(ts::date, 2, 5) FROM {ev} GROUP BY campaign"
same "session_count by campaign" "SELECT campaign, journey.session_count(ts, interval '2 hours') FROM {ev} GROUP BY campaign"
same "session_count over epochs across customers" "SELECT journey.session_count(extract(epoch FROM ts)::bigint, 600) FROM {ev}"
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
# And activity_buckets and session_count (time_state): the workers send
# thinned lists of times, not the raw ts column.
partial "activity_buckets by campaign" "SELECT campaign, journey.activity_buckets(ts, interval '7 days') FROM {ev} GROUP BY campaign" '(ev\.)?ts'
partial "activity_buckets over days by campaign" "SELECT campaign, journey.activity_buckets(ts::date, 2, 5) FROM {ev} GROUP BY campaign" '(ev\.)?ts'
partial "session_count by campaign" "SELECT campaign, journey.session_count(ts, interval '2 hours') FROM {ev} GROUP BY campaign" '(ev\.)?ts'
partial "session_count over epochs across customers" "SELECT journey.session_count(extract(epoch FROM ts)::bigint, 600) FROM {ev}" '(ev\.)?ts'
# merge_agg (journey_state) and funnel_correlation_agg (correlation_state)
# split too: the workers send states, not the journeys.  A correlation
# state lists its labels in the order they were first counted, which
# depends on the order states are combined in: compared as the rows
# journey.funnel_correlation reads from it.
same "merge_agg over all customers" "SELECT journey.merge_agg(j)::text FROM {jt}"
partial "merge_agg over all customers" "SELECT journey.merge_agg(j) FROM {jt}"
partial "merge_agg by campaign" "SELECT campaign, journey.merge_agg(j) FROM {jt} GROUP BY campaign"
CORR_ROWS="c.label, c.converted, c.dropped, round(c.odds_ratio::numeric, 9), round(c.p_value::numeric, 12)"
same "funnel_correlation_agg over all customers" "SELECT $CORR_ROWS FROM (SELECT journey.funnel_correlation_agg(j, interval '2 days', ARRAY['web', 'email', 'purchase'], 1) AS s FROM {jt}) x, journey.funnel_correlation(x.s) c"
same "funnel_correlation_agg of attribute values by campaign" "SELECT x.campaign, $CORR_ROWS FROM (SELECT campaign, journey.funnel_correlation_agg(j, interval '2 days', ARRAY['web', 'email', 'purchase'], 1, (customer_id % 4)::text) AS s FROM {jt} GROUP BY campaign) x, journey.funnel_correlation(x.s) c"
partial "funnel_correlation_agg over all customers" "SELECT journey.funnel_correlation_agg(j, interval '2 days', ARRAY['web', 'email', 'purchase'], 1) FROM {jt}"
partial "funnel_correlation_agg of attribute values by campaign" "SELECT campaign, journey.funnel_correlation_agg(j, interval '2 days', ARRAY['web', 'email', 'purchase'], 1, (customer_id % 4)::text) FROM {jt} GROUP BY campaign"
# window_funnel, window_funnel_times, sequence_match and sequence_count
# (step_state) with no customer in the grouping: the workers send states,
# not the raw ts and label columns, and the answers equal one node's.
STEP_ACROSS=(
	"window_funnel across customers by campaign|SELECT campaign, journey.window_funnel(interval '2 days', ts, label = 'web', label = 'email', label = 'purchase') FROM {ev} GROUP BY campaign"
	"window_funnel_times label form by campaign|SELECT campaign, journey.window_funnel_times(interval '2 days', ts, label, 'web', 'store', 'purchase') FROM {ev} GROUP BY campaign"
	"window_funnel with modes over epochs by campaign|SELECT campaign, journey.window_funnel(172800::bigint, 'strict_deduplication', extract(epoch FROM ts)::bigint, label = 'web', label = 'email') FROM {ev} GROUP BY campaign"
	"sequence_count by campaign|SELECT campaign, journey.sequence_count('(?1)(?t<=86400)(?2)', ts, label = 'email', label = 'purchase') FROM {ev} GROUP BY campaign"
	"sequence_match over all customers|SELECT journey.sequence_match('(?1).*(?2)', ts, label = 'web', label = 'purchase') FROM {ev}"
)
for entry in "${STEP_ACROSS[@]}"; do
	same "${entry%%|*}" "${entry#*|}"
	partial "${entry%%|*}" "${entry#*|}" '(ev\.)?(ts|label)'
done
same "shapley_model over label arrays" "SELECT c.label, round(c.conversions::numeric, 9), round(c.value::numeric, 6) FROM (SELECT journey.shapley_model(journey.labels(j), $CONV, 0, 1 - $CONV, 'conversion_rate') AS r FROM {jt}) s, unnest(s.r) c"
same "markov_model over label arrays of order 3" "SELECT c.label, round(c.conversions::numeric, 9), round(c.weight::numeric, 9) FROM (SELECT journey.markov_model(journey.labels(j), $CONV, 1, 1 - $CONV, 3) AS r FROM {jt}) s, unnest(s.r) c"
same "stage_transitions over all customers" "SELECT journey.stage_transitions(entered, stage) FROM {sh}"

# Functions over stored journeys run where the row is.
same "journey.funnel over stored journeys" "SELECT customer_id, journey.funnel(j, interval '2 days', 'web', 'email', 'purchase') FROM {jt}"
same "journey.sequence_match over stored journeys" "SELECT customer_id, journey.sequence_match(j, '(?1).*(?2)', 'web', 'purchase') FROM {jt}"
same "journey.path, length, first_touch over stored journeys" "SELECT customer_id, journey.path(j), journey.length(j), journey.first_touch(j) FROM {jt}"
same "journey.attribute over stored journeys" "SELECT a.label, round(sum(a.credit)::numeric, 9) FROM {jt}, journey.attribute(j, 'position_based') a GROUP BY a.label"

# Every other function of a stored journey, per row and across customers
# (sorting, hashing and comparing journeys on the coordinator or in a
# repartition: the journey type's operators and its binary/text transfer).
same "journey.collapse, duration, first_time, last_time, last_touch" "SELECT customer_id, journey.collapse(j)::text, journey.duration(j), journey.first_time(j), journey.last_time(j), journey.last_touch(j) FROM {jt}"
same "journey.filter, contains, merge" "SELECT customer_id, journey.filter(j, '{web,purchase}')::text, journey.contains(j, journey.filter(j, '{email}')), journey.merge(j, journey.filter(j, '{store}'))::text FROM {jt}"
same "journey.nth, slice" "SELECT customer_id, journey.nth(j, 2), journey.slice(j, timestamptz '2026-01-03', timestamptz '2026-01-08')::text FROM {jt}"
same "journey.sessions, split_sessions" "SELECT customer_id, s.*, (SELECT count(*) FROM journey.split_sessions(j, interval '1 hour')) FROM {jt}, journey.sessions(j, interval '1 hour') s"
same "journey.session_number over rows" "SELECT customer_id, ts, journey.session_number(ts, interval '1 hour') OVER (PARTITION BY customer_id ORDER BY ts) FROM {ev}"
same "journey.transitions across customers" "SELECT t.from_label, t.to_label, count(*), round(avg(t.seconds)::numeric, 6) FROM {jt}, journey.transitions(j, true) t GROUP BY 1, 2"
same "journey.funnel_times, retention over stored journeys" "SELECT customer_id, journey.funnel_times(j, interval '2 days', '{web,email,purchase}'), journey.retention(j, 'web', 'email', 'purchase') FROM {jt}"
same "journey.make_journey from arrays" "SELECT customer_id, journey.make_journey(array_agg(ts ORDER BY ts, label), array_agg(label ORDER BY ts, label))::text FROM {ev} GROUP BY customer_id"
same "journeys compared, sorted and hashed across shards" "SELECT j::text, count(*) FROM {jt} GROUP BY j HAVING count(*) > 0 ORDER BY j LIMIT 50"
same "journeys distinct and joined on equality" "SELECT count(DISTINCT j), count(*) FILTER (WHERE a.j = b.j), count(*) FILTER (WHERE a.j < b.j) FROM {jt} a JOIN {jt} b USING (customer_id)"
same "markov_fit, removal_effects, markov_order, next_touch" "SELECT r.label, round(r.removal_effect::numeric, 9), journey.markov_order(f.m), (SELECT string_agg(n.label || ':' || round(n.probability::numeric, 9), ',') FROM journey.next_touch(f.m, '{web}'::text[], 3) n) FROM (SELECT journey.markov_fit(j, $CONV, journey.length(j), 1 - $CONV) AS m FROM {jt}) f, journey.removal_effects(f.m) r"

###############################################################################
# The shared customer model on Citus (journey.distribute_model(), doc/
# distributed.md "The shared customer model").  A block of its own, in two
# databases of its own: model_dist, a Citus database on every node, and
# model_local, a plain database of the coordinator (no Citus in it).  Both
# get the demo retailer recorded through the API (test/demo/model.sql); then
# model_dist is distributed, the same API calls run in both, and every
# answer and every table must be the same.  Each limit raises its SQLSTATE.
###############################################################################
model_part() {
	local n code out want got sql
	qd() { local n=$1 d=$2; shift 2; psql -X -q -At -v ON_ERROR_STOP=1 -p "${PORT[$n]}" -d "$d" "$@"; }
	# fails NAME SQLSTATE NODE DB SQL [MESSAGE]: the statement fails with
	# SQLSTATE (and an error message starting with MESSAGE).
	fails() {
		local out
		out=$(qd "$3" "$4" -v VERBOSITY=verbose -c "$5" 2>&1)
		if grep -qF "ERROR:  $2: ${6:-}" <<<"$out"; then
			ok "$1: $2"
		else
			not_ok "$1: wanted SQLSTATE $2, got: $(printf '%s' "$out" | head -c 300)"
		fi
	}
	for n in "${NODES[@]}"; do
		q "$n" -c "SET client_min_messages = warning" -c "CREATE DATABASE model_dist" >/dev/null &&
			qd "$n" model_dist -c "CREATE EXTENSION citus" >/dev/null ||
			{ not_ok "database model_dist on $n"; return; }
	done
	q coord -c "SET client_min_messages = warning" -c "CREATE DATABASE model_local" >/dev/null ||
		{ not_ok "database model_local"; return; }
	if ! qd coord model_dist -c "SELECT citus_set_coordinator_host('127.0.0.1', ${PORT[coord]})" \
		-c "SELECT citus_add_node('127.0.0.1', ${PORT[w1]})" \
		-c "SELECT citus_add_node('127.0.0.1', ${PORT[w2]})" >/dev/null; then
		not_ok "model_dist: citus_add_node"
		return
	fi
	for d in model_dist model_local; do
		if ! qd coord "$d" -v demo_customers=300 -f "$ROOT/test/demo/model.sql" >"$BASE/demo-$d.out" 2>&1; then
			tail -n 5 "$BASE/demo-$d.out"
			not_ok "the demo recorded into $d"
			return
		fi
	done
	ok "the demo (300 customers) recorded through the API in model_dist and model_local ($(qd coord model_dist -c 'SELECT count(*) FROM journey.touchpoints') touchpoints)"

	# 100 touchpoints of one statement, queued as an array (pending_batches),
	# not refreshed: distribute_model() moves them into pending_touchpoints
	for d in model_dist model_local; do
		qd coord "$d" -c "INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
			SELECT (1 + g % 10)::text, timestamptz '2026-12-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'bulk'
			FROM generate_series(1, 100) g" >/dev/null || { not_ok "100 touchpoints inserted into $d"; return; }
	done
	got=$(qd coord model_dist -c "SELECT count(*) || ' ' || sum(cardinality(touchpoints)) FROM journey.pending_batches")
	[ "$got" = "1 100" ] && ok "before distributing: 100 touchpoints queued as one array" || not_ok "queued arrays before distributing: '$got'"

	# Limits before distributing: each raises its SQLSTATE and changes nothing.
	fails "distribute_model() without Citus" 55000 coord model_local "SELECT journey.distribute_model()" \
		'extension "citus" is not installed'
	fails "distribute_model() on a worker" 55000 w1 model_dist "SELECT journey.distribute_model()" \
		'journey.distribute_model() must run on the Citus coordinator'

	fails "distribute_model() with score rules" 0A000 coord model_dist \
		"SELECT journey.add_score_rule('buyers', (SELECT journey.markov_fit(channels, 1, 0, 0) FROM journey.customer_journey_data), 0.5, 'marketing'); SELECT journey.distribute_model()" \
		'cannot distribute a customer model that has score rules'
	fails "distribute_model() with a foreign key to the model" 0A000 coord model_dist \
		"CREATE TABLE public.orders (customer text REFERENCES journey.customers); SELECT journey.distribute_model()" \
		'cannot distribute the customer model: foreign keys reference its tables'
	fails "distribute_model() with a trigger of the user" 0A000 coord model_dist \
		"CREATE FUNCTION public.tg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
		 CREATE TRIGGER mine AFTER INSERT ON journey.touchpoints FOR EACH ROW EXECUTE FUNCTION public.tg();
		 SELECT journey.distribute_model()" \
		'cannot distribute the customer model: it has triggers journey does not know'
	fails "distribute_model() on a partly distributed model" 55000 coord model_dist \
		"SET client_min_messages = warning; SELECT create_reference_table('journey.admins'); SELECT journey.distribute_model()" \
		'the customer model is partly distributed already'
	got=$(qd coord model_dist -c "SELECT (SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'journey.%') || ' ' ||
		(SELECT count(*) FROM pg_trigger WHERE tgrelid = 'journey.touchpoints'::regclass AND NOT tgisinternal)" 2>&1)
	if [ "$got" = "0 2" ]; then
		ok "the refused distribute_model() calls changed nothing (no Citus table, touchpoints' 2 triggers)"
	else
		not_ok "after the refused calls: Citus tables and triggers '$got', wanted '0 2'"
	fi

	got=$(qd coord model_dist -c "SET client_min_messages = warning" -F ' ' \
		-c "SELECT relation, layout, coalesce(distribution_column, '-') FROM journey.distribute_model()" 2>&1 | tr '\n' ';')
	want="journey.customer_journey_data distributed customer;journey.customers distributed id;journey.identities distributed alias;journey.pending_touchpoints distributed customer;journey.stage_history distributed customer;journey.touchpoints distributed customer;journey.admins reference -;journey.channels reference -;journey.departments reference -;journey.score_rules reference -;journey.stage_models reference -;journey.stages reference -;journey.writers reference -;"
	if [ "$got" = "$want" ]; then
		ok "distribute_model(): 6 tables distributed by customer (identities by alias), co-located, 7 reference tables"
	else
		not_ok "distribute_model() returned '$got'"
		return
	fi
	got=$(qd coord model_dist -c "SELECT count(DISTINCT colocationid) FROM pg_dist_partition WHERE partmethod = 'h' AND logicalrelid::text LIKE 'journey.%'")
	[ "$got" = 1 ] && ok "the distributed tables of the model are co-located" || not_ok "co-location groups: $got"
	got=$(qd coord model_dist -c "SELECT (SELECT count(*) FROM journey.pending_batches) || ' ' ||
		(SELECT count(*) FROM journey.pending_touchpoints p JOIN journey.touchpoints t ON t.customer = p.customer AND t.id = p.touchpoint
		 WHERE t.event = 'bulk')" 2>&1)
	[ "$got" = "0 100" ] && ok "distribute_model() moved the queued array into pending_touchpoints, with the customers (the array table left empty, local)" ||
		not_ok "after distribute_model(): arrays and bulk rows queued '$got', wanted '0 100'"
	got=$(qd coord model_dist -c "SET client_min_messages = warning" -c "SELECT count(*) FROM journey.distribute_model()" 2>&1)
	[ "$got" = 13 ] && ok "distribute_model() again: nothing to do, the same layout" || not_ok "distribute_model() again: '$got'"

	# The same API calls on the distributed and on the one-node model.
	cat >"$BASE/model_api.sql" <<'EOSQL'
\set ON_ERROR_STOP on
SET timezone = 'UTC';
SELECT journey.record_touchpoint('1', 'web', 'visit', '2027-01-02 10:00+00');
SELECT journey.record_touchpoint('new customer', 'store', 'purchase', '2027-01-02 11:00+00', 25.5, 'winter');
SELECT journey.record_touchpoint('cookie:x', 'web', 'visit', '2027-01-02 09:00+00');
SELECT journey.record_touchpoint('cookie:x', 'email', 'open', '2027-01-02 09:30+00');
SELECT journey.refresh_journeys() AS refreshed;
SELECT journey.record_touchpoint('cookie:x', 'web', 'cart', '2027-01-02 09:45+00');
SELECT journey.set_stage('cookie:x', 'commercial_cycle', 'acquisition', '2027-01-02 09:00+00');
SELECT journey.set_stage('new customer', 'lifecycle', 'purchase', '2027-01-02 11:00+00');
SELECT journey.set_stage('2', 'lifecycle', 'advocacy', '2027-01-03 00:00+00', 'review');
-- an alias with touchpoints (stored and queued), a stage and a journey
SELECT journey.link_identity('cookie:x', 'new customer', 'cookie') AS moved;
SELECT journey.link_identity('cookie:x', 'new customer') AS again;
SELECT journey.record_touchpoint('cookie:x', 'web', 'visit', '2027-01-04 08:00+00');
SELECT journey.refresh_journeys() AS refreshed;
SELECT customer, journey::text, events::text, first_seen, last_seen, stages
FROM journey.customer_journeys WHERE customer IN ('1', 'new customer') ORDER BY 1;
SELECT * FROM journey.forget_customer('3');
SELECT * FROM journey.forget_customer('cookie:x');
SELECT * FROM journey.purge_before('2026-03-01');
SELECT journey.refresh_journeys() AS refreshed;
-- every table, without the columns that hold the time of the call
SELECT 'customers', count(*), md5(string_agg(id, ',' ORDER BY id)) FROM journey.customers;
SELECT 'identities', count(*), md5(string_agg(alias || '>' || customer || '/' || coalesce(source, ''), ',' ORDER BY alias)) FROM journey.identities;
SELECT 'touchpoints', count(*), md5(string_agg(t::text, ',' ORDER BY t.id)) FROM journey.touchpoints t;
SELECT 'queued', count(*) FROM journey.pending_touchpoints;
SELECT 'queued arrays', count(*) FROM journey.pending_batches;
SELECT 'stage_history', count(*), md5(string_agg(h::text, ',' ORDER BY h.customer, h.model, h.entered)) FROM journey.stage_history h;
SELECT 'journeys', count(*), md5(string_agg(d.customer || d.channels::text || d.events::text || d.first_seen || d.last_seen, ',' ORDER BY d.customer))
FROM journey.customer_journey_data d;
SELECT 'pipeline', md5(string_agg(p.model || p.stage || p.customers, ',' ORDER BY p.model, p.stage)) FROM journey.sales_pipeline p;
EOSQL
	for d in model_dist model_local; do
		qd coord "$d" -F ' ' -f "$BASE/model_api.sql" >"$BASE/api-$d.out" 2>&1
	done
	if [ -s "$BASE/api-model_local.out" ] && cmp -s "$BASE/api-model_local.out" "$BASE/api-model_dist.out" &&
		! grep -q ERROR "$BASE/api-model_local.out"; then
		ok "record_touchpoint, refresh_journeys, set_stage, link_identity, forget_customer, purge_before: the same answers and tables on Citus as on one node ($(grep -c . "$BASE/api-model_local.out") lines)"
	else
		not_ok "the API on Citus and on one node differ:"
		diff "$BASE/api-model_local.out" "$BASE/api-model_dist.out" | head -n 20 | sed 's/^/#   /'
	fi

	# set_stage's NOTIFY reaches a session of the coordinator.
	out=$(qd coord model_dist -c "LISTEN journey_stage" \
		-c "SELECT journey.set_stage('5', 'lifecycle', 'loyalty', '2027-01-05 00:00+00')" -c "SELECT 1" 2>&1)
	if grep -q 'Asynchronous notification "journey_stage" with payload "{"customer" : "5", "model" : "lifecycle", .*"to" : "loyalty"' <<<"$out"; then
		ok "set_stage on Citus: NOTIFY journey_stage reaches the coordinator's listener"
	else
		not_ok "set_stage on Citus: no NOTIFY: $out"
	fi

	# Row security on the workers' shards: a writer records for its own
	# department, not for another (42501 as on one node).
	if qd coord model_dist -c "SET client_min_messages = warning" -c "CREATE ROLE model_writer LOGIN" \
		-c "SELECT journey.grant_writer('model_writer', 'marketing')" >/dev/null 2>&1 &&
		got=$(qd coord model_dist -c "SET ROLE model_writer" \
			-c "SELECT journey.record_touchpoint('7', 'web', 'visit', '2027-01-06 00:00+00') > 0" 2>&1) &&
		[ "$got" = t ]; then
		ok "row security on Citus: a marketing writer records a web touchpoint"
	else
		not_ok "row security on Citus: a marketing writer: '$got'"
	fi
	fails "row security on Citus: a marketing writer inserts a sales touchpoint" 42501 coord model_dist \
		"SET ROLE model_writer; INSERT INTO journey.touchpoints (customer, ts, channel, department, event) VALUES ('7', now(), 'store', 'sales', 'visit')" \
		'new row violates row-level security policy'

	# Limits of the distributed model.
	fails "renaming a department of the distributed model" 0A000 coord model_dist \
		"UPDATE journey.departments SET name = 'mkt' WHERE name = 'marketing'" \
		'cannot rename department "marketing" of a distributed customer model'
	fails "deleting a channel of the distributed model" 0A000 coord model_dist \
		"DELETE FROM journey.channels WHERE name = 'sms'" \
		'cannot delete channel "sms" of a distributed customer model'
	fails "add_score_rule() on the distributed model" 0A000 coord model_dist \
		"SELECT journey.add_score_rule('buyers', (SELECT journey.markov_fit(channels, 1, 0, 0) FROM journey.customer_journey_data), 0.5, 'marketing')" \
		'score rules are not supported on a distributed customer model'
	fails "check_model() on the distributed model" 0A000 coord model_dist "SELECT * FROM journey.check_model()" \
		'complex joins are only supported'
}
# doc/type.md, "Cold history in a columnar table": the page's example, as
# written, over a view shaped like the page's events table (some rows before
# 2026, some after); its journeys and its funnel must equal those of a heap
# table built the same way, and UPDATE must be refused as the page says.
columnar_part() {
	local sql got want out
	sql=$(awk '/^### Cold history in a columnar table/ { f = 1 }
		f && /^```sql/ { b = 1; next } b && /^```/ { exit } b' "$ROOT/doc/type.md")
	if [ -z "$sql" ]; then
		not_ok "doc/type.md: no example under \"Cold history in a columnar table\""
		return
	fi
	q coord -c "CREATE VIEW events AS
		SELECT customer_id AS customer, ts - interval '5 days' AS ts, label AS channel FROM ev_local" >/dev/null ||
		{ not_ok "columnar: the events view"; return; }
	q coord -c "CREATE TABLE journeys_2025_heap AS
		SELECT customer, journey.journey_agg(ts, channel) AS j FROM events
		WHERE ts < '2026-01-01' GROUP BY customer" >/dev/null ||
		{ not_ok "columnar: the heap copy"; return; }
	got=$(q coord <<<"$sql" 2>&1)
	want=$(q coord -c "SELECT journey.funnel(j, interval '7 days', 'web', 'email', 'store') AS level, count(*)
		FROM journeys_2025_heap GROUP BY level ORDER BY level" 2>&1)
	if [ -n "$want" ] && [ "$got" = "$want" ] && [ "$(wc -l <<<"$want")" -ge 2 ]; then
		ok "doc/type.md's columnar example runs as written and gives the heap table's funnel ($(tr '\n' ' ' <<<"$got"))"
	else
		not_ok "doc/type.md's columnar example: got '$got', the heap table gives '$want'"
	fi
	out=$(q coord -c "SELECT a.amname, (SELECT count(*) FROM journeys_2025),
			(SELECT count(*) FROM journeys_2025 c FULL JOIN journeys_2025_heap h USING (customer)
			 WHERE c.j IS NULL OR h.j IS NULL OR NOT c.j OPERATOR(journey.=) h.j),
			(SELECT count(*) FROM events WHERE ts >= '2026-01-01') > 0
		FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.oid = 'journeys_2025'::regclass" 2>&1)
	if [[ "$out" =~ ^columnar\|([0-9]+)\|0\|t$ ]] && [ "${BASH_REMATCH[1]}" -gt 0 ]; then
		ok "journeys_2025 is a columnar table of ${BASH_REMATCH[1]} journeys, each equal to the heap table's"
	else
		not_ok "journeys_2025 (access method|journeys|differing|rows after 2025): '$out'"
	fi
	out=$(q coord -v VERBOSITY=verbose -c "UPDATE journeys_2025 SET j = journey.merge(j, j) WHERE customer = 1" 2>&1)
	if grep -qF 'ERROR:  0A000: UPDATE and CTID scans not supported for ColumnarScan' <<<"$out"; then
		ok "UPDATE of a columnar journeys table: 0A000, as doc/type.md says"
	else
		not_ok "UPDATE of a columnar journeys table: '$out'"
	fi
}
columnar_part

model_part

finish
