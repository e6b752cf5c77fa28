#!/usr/bin/env bash
# pg_dump / pg_restore round trip of a database that uses every journey type
# and every table of the extension (part of `make test`).
#
# The source database gets: a table with a journey.journey column (NULL, the
# empty journey, values, labels that need quoting); a table of fitted
# journey.markov models and a score rule; a stage model of its own
# (journey.create_stage_model, stage names with spaces, quotes and a comma)
# and a table using its enum; and the customer model filled through its API:
# a department and channels added, customers with attributes, identities
# (an anonymous customer stitched by link_identity, an alias linked ahead),
# touchpoints, stage history in a shipped and in the user model, refreshed
# journeys plus touchpoints still queued, writer/admin/reader grants to roles
# made by this script.  Then `pg_dump -Fc` and `pg_restore` into a new
# database, and the script checks that
#   1. pg_restore reports no error;
#   2. every table reads back the same (md5 of its rows as text, in order),
#      the extension's configuration tables included; the shipped stage
#      models and departments are there once;
#   3. the sequences continue where they were, so recording after the
#      restore does not collide; the user enum has its labels in order; the
#      grants still let the writer role record;
#   4. record_touchpoint, set_stage and refresh_journeys work after the
#      restore, and the same calls on both databases leave the same tables,
#      with every materialized journey equal to the one recomputed from the
#      touchpoints.
# Prints "N passed, N failed"; exits non-zero on a failure.  Connects through
# PGHOST, PGPORT and PGUSER (a superuser: it creates roles); drops its
# databases and roles at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

src=journey_dump_src
dst=journey_dump_dst
roles="journey_dump_writer journey_dump_admin journey_dump_reader"
work=""
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

cleanup() {
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1
	for r in $roles; do
		psql_q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1
	done
	[ -z "$work" ] || rm -rf "$work"
}

passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
# check NAME GOT EXPECTED
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', expected '$3'"; fi
}

cleanup          # leftovers of an interrupted run
trap cleanup EXIT
work=$(mktemp -d)
for r in $roles; do
	psql_q -d postgres -c "CREATE ROLE $r" || exit 1
done
psql_q -d postgres -c "CREATE DATABASE $src" || exit 1

psql_q -d "$src" >/dev/null <<'EOF' || { echo "FAIL: could not fill the source database"; echo "0 passed, 1 failed"; exit 1; }
SET timezone = 'UTC';
CREATE EXTENSION journey;

-- the journey type, in a user table
CREATE TABLE public.trips (id integer PRIMARY KEY, j journey.journey);
INSERT INTO public.trips VALUES
	(1, 'web@2026-01-01 10:00:00Z > email@2026-01-02 11:30:00.25Z=4.5 > store@2026-01-03 09:00:00Z=-12'),
	(2, ''),
	(3, NULL),
	(4, '"a > b"@2026-01-01 00:00:00Z > "say \"hi\""@2026-01-01 00:00:00Z=1e-3'),
	(5, journey.make_journey(ARRAY['2026-02-01 08:00Z', '2026-02-01 08:00Z']::timestamptz[],
	                         ARRAY['x', 'y'], ARRAY[1, NULL]::float8[]));

-- fitted Markov models (journey.markov), in a user table, and a score rule
CREATE TABLE public.models (name text PRIMARY KEY, m journey.markov);
INSERT INTO public.models
SELECT 'order ' || k, journey.markov_fit(p, c, v, n, k)
FROM generate_series(1, 2) k,
	(VALUES ('{web,store}'::text[], 1, 10.5, 0), ('{web}', 0, 0, 2), ('{"a > b",web,"say \"hi\""}', 1, 1e-3, 1),
	        ('{store,web,store}', 2, 7, 1)) v(p, c, v, n)
GROUP BY k;
INSERT INTO public.models VALUES ('none', NULL);
SELECT journey.add_score_rule('web buyers', (SELECT m FROM public.models WHERE name = 'order 1'), 0.5, 'marketing');

-- a stage model of the user's, and a table using its enum
SELECT journey.create_stage_model('deal_pipeline',
	ARRAY['new lead', 'it''s "hot"', 'won, finally', 'lost'],
	departments   => ARRAY['marketing', 'sales', 'billing', 'sales'],
	terminal      => ARRAY[false, false, true, true],
	expected_days => ARRAY[2, 7.5, NULL, NULL],
	description   => 'B2B deals');
CREATE TABLE public.deals (id integer PRIMARY KEY, stage journey.deal_pipeline, changed timestamptz);
INSERT INTO public.deals VALUES (1, 'new lead', '2026-01-01'), (2, 'it''s "hot"', '2026-01-02'),
	(3, 'won, finally', '2026-01-03'), (4, NULL, NULL);

-- the customer model
SELECT journey.add_department('partners');
SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('direct', 'marketing', true, direct => true);
SELECT journey.add_channel('store', 'sales', false);
SELECT journey.add_channel('phone', 'customer service', false);
SELECT journey.add_channel('invoice', 'billing', false);
SELECT journey.add_channel('reseller', 'partners', false);

SELECT journey.record_touchpoint('c' || g, (ARRAY['web', 'direct', 'store', 'phone', 'reseller'])[1 + g % 5],
	'visit', timestamptz '2026-01-01' + g * interval '1 hour', campaign => CASE WHEN g % 3 = 0 THEN 'spring' END)
FROM generate_series(1, 12) g;
SELECT journey.record_touchpoint('c' || g, 'invoice', 'purchase',
	timestamptz '2026-01-05' + g * interval '1 hour', value => 10 * g, attributes => jsonb_build_object('order', g))
FROM generate_series(1, 12, 2) g;
-- an anonymous visitor, later stitched to c1; an alias linked ahead
SELECT journey.record_touchpoint('cookie-42', 'web', 'visit', '2025-12-31 23:00Z');
SELECT journey.link_identity('cookie-42', 'c1', 'web cookie');
SELECT journey.link_identity('c2@example.com', 'c2', 'e-mail');
SELECT journey.record_touchpoint('c2@example.com', 'phone', 'call', '2026-01-06 12:00Z');
UPDATE journey.customers SET attributes = jsonb_build_object('name', 'Customer ' || id, 'vip', id IN ('c1', 'c4'));
-- stages, in a shipped model and in the user's model (a move back too)
SELECT journey.set_stage('c' || g, 'lifecycle', 'discovery', timestamptz '2026-01-01' + g * interval '1 hour')
FROM generate_series(1, 12) g;
SELECT journey.set_stage('c' || g, 'lifecycle', 'purchase', timestamptz '2026-01-05' + g * interval '1 hour', 'order')
FROM generate_series(1, 12, 2) g;
SELECT journey.set_stage('c1', 'deal_pipeline', 'new lead', '2026-01-01 12:00Z');
SELECT journey.set_stage('c1', 'deal_pipeline', 'it''s "hot"', '2026-01-02 12:00Z');
SELECT journey.set_stage('c1', 'deal_pipeline', 'new lead', '2026-01-03 12:00Z', 'went cold');
SELECT journey.set_stage('c3', 'deal_pipeline', 'won, finally', '2026-01-04 12:00Z');
SELECT journey.refresh_journeys();
-- still queued at dump time: a new touch, and a late one inside c3's journey
SELECT journey.record_touchpoint('c4', 'store', 'visit', '2026-01-07 10:00Z');
SELECT journey.record_touchpoint('c3', 'phone', 'call', '2026-01-02 00:00Z');
SELECT journey.record_touchpoint('c99', 'web', 'visit', '2026-01-07 11:00Z');
-- and 70 touches of c4 in one statement, queued as an array (pending_batches)
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'c4', timestamptz '2026-01-07 12:00Z' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 70) g;

-- roles
SELECT journey.grant_writer('journey_dump_writer', 'marketing');
SELECT journey.grant_writer('journey_dump_writer', 'partners');
SELECT journey.grant_admin('journey_dump_admin');
SELECT journey.grant_reader('journey_dump_reader');
EOF

# --- dump and restore ------------------------------------------------------
if pg_dump -Fc -f "$work/db.dump" "$src" 2>"$work/dump.err"; then
	ok "pg_dump -Fc"
else
	fail "pg_dump -Fc: $(cat "$work/dump.err")"
fi
psql_q -d postgres -c "CREATE DATABASE $dst" || exit 1
if pg_restore -d "$dst" "$work/db.dump" 2>"$work/restore.err"; then
	ok "pg_restore without errors"
else
	fail "pg_restore reported errors:"
	cat "$work/restore.err"
fi

# --- contents --------------------------------------------------------------
# md5 of a query's rows (as text, sorted), in each database.
rows_md5() {
	psql_q -d "$1" -c "SET timezone = 'UTC'" \
		-c "SELECT md5(coalesce(string_agg(x::text, E'\n' ORDER BY x::text), '')) || ' ' || count(*) FROM ($2) x"
}
# same_rows NAME QUERY: the query gives the same rows in both databases.
same_rows() {
	local a b
	a=$(rows_md5 "$src" "$2")
	b=$(rows_md5 "$dst" "$2")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		ok "$1 (${a#* } rows)"
	else
		fail "$1: source ${a:-error}, restored ${b:-error}"
		diff <(psql_q -d "$src" -c "SET timezone = 'UTC'" -c "SELECT x::text FROM ($2) x ORDER BY 1") \
			<(psql_q -d "$dst" -c "SET timezone = 'UTC'" -c "SELECT x::text FROM ($2) x ORDER BY 1") | head -20
	fi
}

for t in public.trips public.deals public.models journey.score_rules journey.customer_scores \
	journey.departments journey.channels journey.customers journey.identities \
	journey.touchpoints journey.stage_history journey.customer_journey_data \
	journey.stage_models journey.stages journey.writers journey.admins; do
	same_rows "table $t" "SELECT * FROM $t"
done
same_rows "journeys read back as the same bytes" \
	"SELECT id, journey.length(j), journey.labels(j), journey.first_time(j), journey.last_time(j), md5(journey.journey_send(j)) FROM public.trips"
same_rows "Markov models read back as the same bytes" \
	"SELECT name, md5(journey.markov_send(m)) FROM public.models"
same_rows "sequences" \
	"SELECT 'tp', last_value, is_called FROM journey.touchpoints_id_seq UNION ALL SELECT 'sh', last_value, is_called FROM journey.stage_history_id_seq"
same_rows "user enum labels in order" \
	"SELECT e.enumsortorder, e.enumlabel FROM pg_enum e WHERE e.enumtypid = 'journey.deal_pipeline'::regtype"
same_rows "user enum comment" "SELECT obj_description('journey.deal_pipeline'::regtype, 'pg_type')"
same_rows "stage metadata functions on the user model" \
	"SELECT s, journey.stage_department(s), journey.stage_is_terminal(s), journey.stage_expected_days(s)
	   FROM unnest(enum_range(NULL::journey.deal_pipeline)) s"
same_rows "privileges on the model's tables" \
	"SELECT c.relname, c.relacl::text FROM pg_class c WHERE c.relnamespace = 'journey'::regnamespace AND c.relkind IN ('r', 'v', 'S')"
same_rows "row-level security policies" \
	"SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies WHERE schemaname = 'journey'"

# The queue: every touchpoint queued in the source, as a row or in an array,
# is queued after the restore.  (pg_restore's COPY of the touchpoints fires
# the queueing trigger, so the restored queue also holds the touchpoints
# already folded into the journeys, in arrays; refresh_journeys notices and
# rebuilds those journeys, below.)
queued_ids="SELECT touchpoint FROM journey.pending_touchpoints UNION ALL SELECT x FROM journey.pending_batches b, unnest(b.touchpoints) x"
check "touchpoints queued as rows and in arrays in the source" \
	"$(psql_q -d "$src" -c "SELECT (SELECT count(*) FROM journey.pending_touchpoints) || ' ' || (SELECT count(*) FROM journey.pending_batches)")" "3 1"
check "every queued touchpoint still queued" \
	"$(psql_q -d "$dst" -c "SELECT count(*) FROM (VALUES $(psql_q -d "$src" -c "SELECT string_agg('(' || touchpoint || ')', ',') FROM ($queued_ids) q")) v(t)
	                         WHERE t NOT IN ($queued_ids)")" 0

check "shipped stage models once" \
	"$(psql_q -d "$dst" -c "SELECT string_agg(name || ':' || builtin, ',' ORDER BY name) FROM journey.stage_models")" \
	"commercial_cycle:true,deal_pipeline:false,lifecycle:true"
check "user model's stages, not builtin" \
	"$(psql_q -d "$dst" -c "SELECT count(*) FILTER (WHERE builtin) || '/' || count(*) FROM journey.stages WHERE model = 'deal_pipeline'")" "0/4"
check "built-in departments once" \
	"$(psql_q -d "$dst" -c "SELECT string_agg(name, ',' ORDER BY name) FROM journey.departments")" \
	"billing,customer service,marketing,partners,sales"
check "user stage model type is not an extension member" \
	"$(psql_q -d "$dst" -c "SELECT count(*) FROM pg_depend WHERE classid = 'pg_type'::regclass AND objid = 'journey.deal_pipeline'::regtype AND deptype = 'e'")" 0

# --- the model works after the restore -------------------------------------
# The same calls on both databases; ids come from the restored sequences.
after=$(cat <<'EOF'
SET timezone = 'UTC';
SELECT journey.record_touchpoint('c5', 'web', 'visit', '2026-01-08 10:00Z')
    || ',' || journey.record_touchpoint('c1', 'reseller', 'purchase', '2026-01-03 10:00Z', 99);
SELECT journey.set_stage('c5', 'deal_pipeline', 'it''s "hot"', '2026-01-08 11:00Z');
EOF
)
a=$(psql_q -d "$src" -c "$after" 2>&1)
b=$(psql_q -d "$dst" -c "$after" 2>&1)
check "record_touchpoint and set_stage after the restore (the ids continue the source's)" "$b" "$a"
# The source folds its queue: c1, c3, c4, c5 and the new c99.  The restored
# queue holds every touchpoint (the restore's COPY queued them), so all 12
# stored journeys are rebuilt from their touchpoints, and c99's is new.
check "refresh_journeys in the source" "$(psql_q -d "$src" -c "SELECT journey.refresh_journeys()")" 5
check "refresh_journeys after the restore rebuilds every journey" "$(psql_q -d "$dst" -c "SELECT journey.refresh_journeys()")" 13
for t in journey.touchpoints journey.stage_history journey.pending_touchpoints journey.pending_batches; do
	same_rows "after the same calls: $t" "SELECT * FROM $t"
done
same_rows "after the same calls: journey.customer_journey_data" \
	"SELECT customer, channels, events, first_seen, last_seen FROM journey.customer_journey_data"
check "restored journeys equal journeys recomputed from the touchpoints" \
	"$(psql_q -d "$dst" -c "
	SELECT count(*) FROM journey.customer_journey_data d
	FULL JOIN (SELECT customer, journey.journey_agg(ts, channel, value::float8) AS channels,
	                  journey.journey_agg(ts, event, value::float8) AS events
	           FROM journey.touchpoints GROUP BY customer) r USING (customer)
	WHERE d.channels::text IS DISTINCT FROM r.channels::text OR d.events::text IS DISTINCT FROM r.events::text")" 0
check "a writer role records after the restore (grants and row security)" \
	"$(psql_q -d "$dst" -c "SET ROLE journey_dump_writer" \
		-c "SELECT journey.record_touchpoint('c7', 'reseller', 'visit', '2026-01-09 10:00Z') > 0" 2>&1)" t
check "the writer still may not record for another department" \
	"$(psql_q -d "$dst" -c "SET ROLE journey_dump_writer" \
		-c "SELECT journey.record_touchpoint('c7', 'store', 'visit', '2026-01-09 10:00Z')" 2>&1 | grep -c 'permission denied to record touchpoints for department')" 1
check "a reader still cannot read personal attributes" \
	"$(psql_q -d "$dst" -c "SET ROLE journey_dump_reader" -c "SELECT attributes FROM journey.customers" 2>&1 | grep -c 'permission denied')" 1
check "the user stage model still takes new stages" \
	"$(psql_q -d "$dst" -c "ALTER TYPE journey.deal_pipeline ADD VALUE 'on hold' BEFORE 'lost'" \
		-c "SELECT array_to_string(enum_range(NULL::journey.deal_pipeline), '|')")" \
	"new lead|it's \"hot\"|won, finally|on hold|lost"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
