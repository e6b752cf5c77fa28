#!/usr/bin/env bash
# Upgrade test: for every released version kept frozen in update/, install
# that version, store data of every journey type in it, ALTER EXTENSION
# journey UPDATE to the current version, and check that
#   1. the extension's objects (with signatures, volatility, strictness,
#      parallel safety, cost and rows, aggregate support functions and
#      comments) are exactly those of a fresh install of the current
#      version, and
#   2. the stored data reads back unchanged.
# Needs a running server reachable through the PG* environment variables and
# the current version installed (make install).
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'rm -f /tmp/journey_upgrade_*.$$' EXIT
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" journey.control)
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# Everything that defines the extension's SQL surface, one line per fact.
describe_sql=$(cat <<'EOF'
WITH members AS (
  SELECT classid, objid FROM pg_catalog.pg_depend
  WHERE refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
    AND refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'journey')
    AND deptype = 'e')
SELECT pg_catalog.pg_describe_object(m.classid, m.objid, 0)
       || coalesce(' | ' || pg_catalog.obj_description(m.objid, c.relname), '')
       || coalesce((SELECT ' | ' || p.prorettype::pg_catalog.regtype::text || ' ' || p.provolatile::text
                           || p.proisstrict::text || p.proparallel::text || p.prosecdef::text || ' ' || p.prosrc
                           || ' cost ' || p.procost::text || ' rows ' || p.prorows::text
                           || coalesce(' ' || pg_catalog.array_to_string(p.proconfig, ','), '')
                    FROM pg_catalog.pg_proc p WHERE m.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = m.objid), '')
       || coalesce((SELECT ' | agg ' || a.aggtransfn::text || ' ' || a.aggfinalfn::text || ' ' || a.aggcombinefn::text || ' '
                           || a.aggserialfn::text || ' ' || a.aggdeserialfn::text || ' ' || a.aggfinalmodify::text
                           || ' ' || a.aggtranstype::pg_catalog.regtype::text
                    FROM pg_catalog.pg_aggregate a WHERE m.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND a.aggfnoid = m.objid), '')
FROM members m JOIN pg_catalog.pg_class c ON c.oid = m.classid
UNION ALL -- what the members' tables carry: columns, constraints, indexes, triggers
SELECT 'column ' || a.attrelid::pg_catalog.regclass::text || '.' || a.attname || ' '
       || pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || coalesce(' default ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class r ON r.oid = a.attrelid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE r.relnamespace = 'journey'::pg_catalog.regnamespace AND r.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || k.conrelid::pg_catalog.regclass::text || ' ' || k.conname || ' ' || pg_catalog.pg_get_constraintdef(k.oid)
FROM pg_catalog.pg_constraint k WHERE k.connamespace = 'journey'::pg_catalog.regnamespace AND k.conrelid <> 0
UNION ALL
SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class r ON r.oid = i.indrelid
WHERE r.relnamespace = 'journey'::pg_catalog.regnamespace
UNION ALL
SELECT 'trigger ' || pg_catalog.pg_get_triggerdef(t.oid)
FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class r ON r.oid = t.tgrelid
WHERE r.relnamespace = 'journey'::pg_catalog.regnamespace AND NOT t.tgisinternal
ORDER BY 1;
EOF
)

fresh_db=journey_upgrade_fresh
psql_q -d postgres -c "DROP DATABASE IF EXISTS $fresh_db" -c "CREATE DATABASE $fresh_db"
psql_q -d "$fresh_db" -c "CREATE EXTENSION journey"
psql_q -d "$fresh_db" -c "$describe_sql" > /tmp/journey_upgrade_fresh.$$

checked=0
failed=0
for script in update/journey--*.sql; do
  [ -e "$script" ] || continue
  name=$(basename "$script" .sql)
  case "$name" in *--*--*) continue ;; esac      # upgrade steps, not full scripts
  old=${name#journey--}
  [ "$old" = "$current" ] && continue
  db=journey_upgrade_${old//./_}
  echo "upgrade test: $old -> $current"
  psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql_q -d "$db" -c "CREATE EXTENSION journey VERSION '$old'"
  # Data written by the old version must survive the update.
  psql_q -d "$db" <<'EOF'
CREATE TABLE upgrade_data AS
SELECT g AS id,
       journey.journey_agg('2026-01-01'::timestamptz + (g * h) * interval '1 minute',
                           (ARRAY['web','email','store','"q"'])[1 + (g + h) % 4],
                           CASE WHEN h % 3 = 0 THEN h / 3.0 END) AS j
FROM generate_series(1, 50) g, generate_series(1, 20) h GROUP BY g;
CREATE TABLE upgrade_text AS SELECT id, j::text AS t FROM upgrade_data;
EOF
  # The attribution aggregates of the old version answer with this library
  # (before the update, also in a parallel plan) as the new ones do after it.
  attr_sql="SELECT journey.markov_model(j, 1, 0, 0)::text || journey.markov_model(journey.labels(j), id % 2, id, 1, 2)::text
                   || journey.shapley_model(journey.labels(j), id % 2, 0, 1, 'conversion_rate')::text FROM upgrade_data"
  # The same for the row aggregates path_after and path_before (0.3.0:
  # internal -> path_state), over the events of the stored journeys.
  path_sql="SELECT journey.path_after(e.ts, e.label, e.label = 'web', 3)::text
                   || journey.path_before(extract(epoch FROM e.ts)::bigint, e.label, e.label = 'store', 4, 'last')::text
            FROM upgrade_data, journey.unnest(j) e"
  # The same for activity_buckets and session_count (0.3.0: internal ->
  # time_state), over the events of the stored journeys.
  time_sql="SELECT journey.activity_buckets(e.ts, interval '1 hour', 50)::text
                   || journey.activity_buckets(e.ts::date, 2)::text
                   || journey.session_count(extract(epoch FROM e.ts)::bigint, 600)::text
            FROM upgrade_data, journey.unnest(j) e"
  # And for merge_agg (0.3.0: internal -> journey_state), across journeys.
  merge_sql="SELECT journey.merge_agg(j)::text || journey.merge_agg(journey.slice(j, NULL, '2026-01-01 05:00+00'))::text FROM upgrade_data"
  # The same for window_funnel(_times) and sequence_match/count (0.3.0:
  # internal -> step_state).
  step_sql="SELECT journey.window_funnel(interval '2 hours', e.ts, e.label = 'web', e.label = 'email', e.label = 'store')::text
                   || journey.window_funnel_times(7200::bigint, 'strict_order', extract(epoch FROM e.ts)::bigint, e.label = 'web', e.label = 'store')::text
                   || journey.window_funnel(interval '1 day', e.ts, e.label, 'email', 'store')::text
                   || journey.sequence_count('(?1).*(?2)', e.ts, e.label = 'web', e.label = 'store')::text
            FROM upgrade_data, journey.unnest(j) e"
  attr_before=""
  path_before=""
  step_before=""
  merge_before=""
  time_before=""
  internal_attr=$(psql_q -d "$db" -c "SELECT count(*) FROM pg_catalog.pg_aggregate a
        JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
        WHERE p.pronamespace = 'journey'::pg_catalog.regnamespace AND p.proname = 'markov_model'
          AND a.aggtranstype = 'pg_catalog.internal'::pg_catalog.regtype")
  if [ "$internal_attr" != 0 ]; then
    attr_before=$(psql_q -d "$db" -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" \
      -c "SET min_parallel_table_scan_size = 0" -c "$attr_sql")
    path_before=$(psql_q -d "$db" -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" \
      -c "SET min_parallel_table_scan_size = 0" -c "$path_sql")
    merge_before=$(psql_q -d "$db" -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" \
      -c "SET min_parallel_table_scan_size = 0" -c "$merge_sql")
    step_before=$(psql_q -d "$db" -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" \
      -c "SET min_parallel_table_scan_size = 0" -c "$step_sql")
    psql_q -d "$db" -c "CREATE VIEW upgrade_funnel AS SELECT id, journey.window_funnel(interval '1 day', e.ts, e.label = 'web', e.label = 'store') AS f,
        journey.sequence_match('(?1)(?2)', e.ts, e.label = 'email', e.label = 'web') AS m FROM upgrade_data, journey.unnest(j) e GROUP BY id"
    funnel_view_before=$(psql_q -d "$db" -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_funnel v")
  fi
  internal_time=$(psql_q -d "$db" -c "SELECT count(*) FROM pg_catalog.pg_aggregate a
        JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
        WHERE p.pronamespace = 'journey'::pg_catalog.regnamespace AND p.proname = 'activity_buckets'
          AND a.aggtranstype = 'pg_catalog.internal'::pg_catalog.regtype")
  if [ "$internal_time" != 0 ]; then
    time_before=$(psql_q -d "$db" -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" \
      -c "SET min_parallel_table_scan_size = 0" -c "$time_sql")
    # a view on activity_buckets and session_count survives the update
    psql_q -d "$db" -c "CREATE VIEW upgrade_times AS SELECT id, journey.activity_buckets(e.ts) AS b,
        journey.session_count(e.ts, interval '30 minutes') AS s FROM upgrade_data, journey.unnest(j) e GROUP BY id"
    time_views_before=$(psql_q -d "$db" -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_times v")
  fi
  # Views of the user on the aggregates whose state type 0.3.0 changes
  # (markov_model, path_after) and on the journey function path_after keep
  # working through the update: the aggregates are replaced in place.
  if [ "$internal_attr" != 0 ]; then
    psql_q -d "$db" -c "CREATE VIEW upgrade_markov AS SELECT journey.markov_model(journey.labels(j), 1, 0, 0) FROM upgrade_data" \
      -c "CREATE VIEW upgrade_paths AS SELECT id, journey.path_after(e.ts, e.label, true, 1) AS p FROM upgrade_data, journey.unnest(j) e GROUP BY id" \
      -c "CREATE VIEW upgrade_path_fn AS SELECT journey.path_after(j, 'web', 2) AS p FROM upgrade_data" \
      -c "CREATE VIEW upgrade_merge AS SELECT id % 7 AS k, journey.merge_agg(j) AS m FROM upgrade_data GROUP BY 1"
    views_before=$(psql_q -d "$db" -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_markov v" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_paths v" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_path_fn v" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_merge v")
  fi
  # An admin of the old version's customer model keeps what it could do:
  # the refresh queue's new table of 0.3.0 (pending_batches) gets the
  # privileges the admin had on pending_touchpoints.
  queue_role=""
  if [ "$(psql_q -d "$db" -c "SELECT to_regprocedure('journey.grant_admin(name)') IS NOT NULL
                              AND to_regclass('journey.pending_touchpoints') IS NOT NULL")" = t ]; then
    queue_role=journey_upgrade_admin
    psql_q -d "$db" -c "DROP ROLE IF EXISTS $queue_role" -c "CREATE ROLE $queue_role" \
      -c "SELECT journey.grant_admin('$queue_role')" >/dev/null
    # (and a reader, whose aliases 0.3.0 takes back: identities' columns)
    psql_q -d "$db" -c "DROP ROLE IF EXISTS ${queue_role}_reader" -c "CREATE ROLE ${queue_role}_reader" \
      -c "SELECT journey.grant_reader('${queue_role}_reader')" >/dev/null
  fi
  psql_q -d "$db" -c "ALTER EXTENSION journey UPDATE"
  if [ -n "$queue_role" ]; then
    privs=$(psql_q -d "$db" -c "SELECT string_agg(p || '=' || has_table_privilege('$queue_role', 'journey.pending_batches', p), ',' ORDER BY p)
                                || ' public=' || has_table_privilege('public', 'journey.pending_batches', 'SELECT')
                                FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p" 2>&1)
    if [ "$privs" = "DELETE=true,INSERT=true,SELECT=true,UPDATE=true public=false" ]; then
      echo "ok: an admin of $old may read and empty the new queue table pending_batches after the update, PUBLIC may not"
    else
      echo "FAIL: privileges on pending_batches after $old -> $current: $privs"; failed=$((failed + 1))
    fi
    # ... and keeps them through a dump and restore: the update's grants are
    # not the extension's initial privileges (pg_init_privs), which pg_dump
    # leaves out, since a restore's CREATE EXTENSION sets them up again
    dump=$(pg_dump --schema-only -d "$db")
    if grep -q "^GRANT .* ON TABLE journey.pending_batches TO $queue_role;" <<<"$dump"; then
      echo "ok: a dump of the updated database grants the admin its privileges on pending_batches"
    else
      echo "FAIL: a dump of the updated database ($old -> $current) does not grant $queue_role its privileges on pending_batches"
      failed=$((failed + 1))
    fi
    if grep -q "^GRANT SELECT(customer) ON TABLE journey.identities TO ${queue_role}_reader;" <<<"$dump" &&
       ! grep -q "^GRANT SELECT ON TABLE journey.identities TO ${queue_role}_reader;" <<<"$dump"; then
      echo "ok: a dump of the updated database grants the reader identities' columns, not the aliases"
    else
      echo "FAIL: a dump of the updated database ($old -> $current): the reader's grants on identities are not those of 0.3.0"
      failed=$((failed + 1))
    fi
  fi
  if [ "$internal_attr" != 0 ]; then
    views_after=$(psql_q -d "$db" -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_markov v" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_paths v" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_path_fn v" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_merge v" 2>&1)
    if [ "$views_after" != "$views_before" ]; then
      echo "FAIL: views on markov_model, path_after and merge_agg after $old -> $current: before $views_before, after $views_after"; failed=$((failed + 1))
    else
      echo "ok: views on markov_model, the path_after aggregate and function, merge_agg answer the same after $old -> $current"
    fi
    psql_q -d "$db" -c "DROP VIEW upgrade_markov, upgrade_paths, upgrade_path_fn, upgrade_merge"
    funnel_view_after=$(psql_q -d "$db" -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_funnel v" 2>&1)
    if [ "$funnel_view_after" != "$funnel_view_before" ]; then
      echo "FAIL: view on window_funnel and sequence_match after $old -> $current: before $funnel_view_before, after $funnel_view_after"; failed=$((failed + 1))
    else
      echo "ok: a view on window_funnel and sequence_match answers the same after $old -> $current"
    fi
    psql_q -d "$db" -c "DROP VIEW upgrade_funnel"
  fi
  if [ "$internal_time" != 0 ]; then
    time_views_after=$(psql_q -d "$db" -c "SELECT md5(string_agg(v::text, ',' ORDER BY v::text)) FROM upgrade_times v" 2>&1)
    if [ "$time_views_after" != "$time_views_before" ]; then
      echo "FAIL: the view on activity_buckets and session_count after $old -> $current: before $time_views_before, after $time_views_after"
      failed=$((failed + 1))
    else
      echo "ok: the view on activity_buckets and session_count answers the same after $old -> $current"
    fi
    psql_q -d "$db" -c "DROP VIEW upgrade_times"
  fi
  got=$(psql_q -d "$db" -c "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'journey'")
  psql_q -d "$db" -c "$describe_sql" > /tmp/journey_upgrade_$old.$$
  if [ "$got" != "$current" ]; then
    echo "FAIL: $old updated to $got, expected $current"; failed=$((failed + 1))
  elif ! diff -u /tmp/journey_upgrade_fresh.$$ /tmp/journey_upgrade_$old.$$; then
    echo "FAIL: objects after $old -> $current differ from a fresh install (diff above: - fresh, + upgraded)"
    failed=$((failed + 1))
  else
    bad=$(psql_q -d "$db" -c "SELECT count(*) FROM upgrade_data d JOIN upgrade_text t USING (id) WHERE d.j::text <> t.t")
    attr_after=$(psql_q -d "$db" -c "$attr_sql")
    path_after=$(psql_q -d "$db" -c "$path_sql")
    merge_after=$(psql_q -d "$db" -c "$merge_sql")
    step_after=$(psql_q -d "$db" -c "$step_sql")
    time_after=$(psql_q -d "$db" -c "$time_sql")
    if [ "$bad" != "0" ]; then
      echo "FAIL: $bad stored journeys changed across $old -> $current"; failed=$((failed + 1))
    elif [ "$internal_attr" != 0 ] && { [ -z "$attr_before" ] || [ "$attr_before" != "$attr_after" ]; }; then
      echo "FAIL: markov_model / shapley_model of $old with this library: $attr_before, after the update: $attr_after"
      failed=$((failed + 1))
    elif [ "$internal_attr" != 0 ] && { [ -z "$path_before" ] || [ "$path_before" != "$path_after" ]; }; then
      echo "FAIL: path_after / path_before of $old with this library: $path_before, after the update: $path_after"
      failed=$((failed + 1))
    elif [ "$internal_attr" != 0 ] && { [ -z "$merge_before" ] || [ "$merge_before" != "$merge_after" ]; }; then
      echo "FAIL: merge_agg of $old with this library: $merge_before, after the update: $merge_after"
      failed=$((failed + 1))
    elif [ "$internal_attr" != 0 ] && { [ -z "$step_before" ] || [ "$step_before" != "$step_after" ]; }; then
      echo "FAIL: window_funnel / sequence_count of $old with this library: $step_before, after the update: $step_after"
      failed=$((failed + 1))
    elif [ "$internal_time" != 0 ] && { [ -z "$time_before" ] || [ "$time_before" != "$time_after" ]; }; then
      echo "FAIL: activity_buckets / session_count of $old with this library: $time_before, after the update: $time_after"
      failed=$((failed + 1))
    else
      echo "ok: $old -> $current ($(wc -l < /tmp/journey_upgrade_fresh.$$) objects identical, data intact$([ "$internal_attr" != 0 ] && echo ", markov_model, shapley_model, path_after, path_before, merge_agg, window_funnel(_times) and sequence_count of $old answered as after the update")$([ "$internal_time" != 0 ] && echo ", activity_buckets and session_count too"))"
      checked=$((checked + 1))
    fi
  fi
  rm -f /tmp/journey_upgrade_$old.$$
  psql_q -d postgres -c "DROP DATABASE $db"
  [ -z "$queue_role" ] || psql_q -d postgres -c "DROP ROLE $queue_role" -c "DROP ROLE ${queue_role}_reader"
done
rm -f /tmp/journey_upgrade_fresh.$$
psql_q -d postgres -c "DROP DATABASE $fresh_db"

if [ "$checked" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "upgrade test: no released version before $current is kept in update/"
fi
echo "$checked passed, $failed failed"
[ "$failed" -eq 0 ]
