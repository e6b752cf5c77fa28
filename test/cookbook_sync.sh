#!/usr/bin/env bash
# Keeps doc/cookbook.md and the regression test sql/cookbook.sql in step
# (part of `make test`): every ```sql block of the page whose first line is a
# recipe tag `-- recipe: <id>` must appear, character for character, in
# sql/cookbook.sql, so the SQL people copy from the page is the SQL the
# regression suite runs.  Also fails when a recipe id is tagged twice in the
# page, when sql/cookbook.sql tags a recipe the page does not show, or when
# the page has no recipe at all.
#
# The same for the examples of doc/attribution.md, doc/funnels.md and
# doc/model.md: every ```sql block there must appear verbatim in
# sql/doc_<page>.sql, which pg_regress runs (synopses and outputs are in
# plain ``` blocks).
#
# With a server (test/run.sh exports PGHOST, PGPORT, PGUSER; set
# COOKBOOK_NO_SERVER=1 to skip) it also runs every recipe of the page, as
# extracted, in three databases: an empty model (no touchpoint at all), a
# sparse one (one customer, one web visit with no value: every later funnel
# step, cohort day and retention condition is empty) and the demo recorded
# into the model by test/demo/model.sql at a small scale.  Each recipe must
# run without error on all three and return at least one row on the demo
# (the view-making any_table_* recipes return none).
# Prints "N passed, N failed"; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

doc=${COOKBOOK_DOC:-doc/cookbook.md}
test_sql=${COOKBOOK_SQL:-sql/cookbook.sql}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

# Split the page's tagged ```sql blocks into one file per recipe id.
awk -v dir="$work" '
	/^```sql[[:space:]]*$/ { inblock = 1; first = 1; next }
	inblock && /^```[[:space:]]*$/ { inblock = 0; if (out != "") close(out); out = ""; next }
	inblock {
		if (first) {
			first = 0
			if (match($0, /^-- recipe: [A-Za-z0-9_]+[[:space:]]*$/)) {
				id = $0; sub(/^-- recipe: /, "", id); sub(/[[:space:]]+$/, "", id)
				out = dir "/" id ".recipe"
				if (id in seen) { print id > (dir "/duplicates") }
				seen[id] = 1
				printf "%s\n", $0 > out
				print id >> (dir "/ids")
			}
			next
		}
		if (out != "") printf "%s\n", $0 >> out
	}
' "$doc"

if [ ! -s "$work/ids" ]; then
	echo "FAIL: no \`-- recipe: <id>\` block in $doc"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ -s "$work/duplicates" ]; then
	while read -r id; do
		echo "FAIL: recipe $id is tagged more than once in $doc"
		failed=$((failed + 1))
	done < "$work/duplicates"
fi

# Each recipe: its text must occur in the test file as a whole.
while read -r id; do
	# the whole block, as one string, must be a substring of the test file
	if awk -v rf="$work/$id.recipe" '
		BEGIN { while ((getline l < rf) > 0) r = r l "\n" }
		{ s = s $0 "\n" }
		END { exit (index(s, r) > 0 ? 0 : 1) }
	' "$test_sql"
	then
		echo "ok: recipe $id"
		passed=$((passed + 1))
	else
		echo "FAIL: recipe $id of $doc is not in $test_sql as it is on the page"
		# show where they part, if the tag is there at all
		if grep -qx -- "-- recipe: $id" "$test_sql"; then
			n=$(wc -l < "$work/$id.recipe")
			diff <(cat "$work/$id.recipe") \
				<(awk -v tag="-- recipe: $id" -v n="$n" '$0 == tag { p = n } p > 0 { print; p-- }' "$test_sql") | head -20
		else
			echo "  (no line \"-- recipe: $id\" in $test_sql)"
		fi
		failed=$((failed + 1))
	fi
done < <(sort -u "$work/ids")

# Recipes tagged in the test file but not shown on the page.
while read -r id; do
	if ! grep -qx -- "$id" "$work/ids"; then
		echo "FAIL: $test_sql tags recipe $id, which $doc does not show"
		failed=$((failed + 1))
	fi
done < <(sed -n 's/^-- recipe: \([A-Za-z0-9_]*\)[[:space:]]*$/\1/p' "$test_sql" | sort -u)

# ---------------------------------------------------------------------------
# The other pages whose examples run as written: every ```sql block of
# doc/PAGE.md must appear, character for character, in sql/doc_PAGE.sql
# (which pg_regress runs, in page order, on the data the page sets up).
# Synopses and outputs go in plain ``` blocks.
# ---------------------------------------------------------------------------
for page in ${DOC_EXAMPLE_PAGES:-attribution funnels model}; do
	pdoc=doc/$page.md
	psql_file=sql/doc_$page.sql
	rm -f "$work"/doc_block.*
	awk -v dir="$work" '
		/^```sql[[:space:]]*$/ { inblock = 1; n++; out = sprintf("%s/doc_block.%03d", dir, n); printf "" > out; next }
		inblock && /^```[[:space:]]*$/ { inblock = 0; close(out); next }
		inblock { printf "%s\n", $0 >> out }
	' "$pdoc"
	nblocks=0
	nbad=0
	for b in "$work"/doc_block.*; do
		[ -e "$b" ] || continue
		nblocks=$((nblocks + 1))
		if ! [ -f "$psql_file" ] || ! awk -v rf="$b" '
			BEGIN { while ((getline l < rf) > 0) r = r l "\n" }
			{ s = s $0 "\n" }
			END { exit (index(s, r) > 0 ? 0 : 1) }
		' "$psql_file"; then
			echo "FAIL: $pdoc, sql example ${b##*.} (starting \"$(head -n1 "$b")\") is not in $psql_file as it is on the page"
			nbad=$((nbad + 1))
		fi
	done
	if [ $nblocks -eq 0 ]; then
		echo "FAIL: no \`\`\`sql example in $pdoc"
		failed=$((failed + 1))
	elif [ $nbad -eq 0 ]; then
		echo "ok: the $nblocks sql examples of $pdoc run in $psql_file"
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done

# ---------------------------------------------------------------------------
# The recipes on an empty model, a sparse one and the demo.
# ---------------------------------------------------------------------------
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
if [ "${COOKBOOK_NO_SERVER:-0}" = 1 ] || [ -z "${PGHOST:-}" ] ||
	! psql_q -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
	echo "skipped: running the recipes (no server; test/run.sh provides one)"
else
	export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
	dbs=(journey_cookbook_empty journey_cookbook_sparse journey_cookbook_demo)
	drop_dbs() {
		local d
		for d in "${dbs[@]}"; do
			psql_q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true
		done
	}
	trap 'drop_dbs; rm -rf "$work"' EXIT
	drop_dbs
	# the table the any_table_* recipes map, made from the model's touchpoints
	shop_events='CREATE TABLE shop_events AS
		SELECT id AS event_id, customer AS user_id, ts AS occurred_at, channel AS source,
		       event AS action, value AS amount
		FROM journey.touchpoints;'
	setup_ok=1
	for d in "${dbs[@]}"; do
		psql_q -d postgres -c "CREATE DATABASE $d" >/dev/null || setup_ok=0
	done
	psql_q -d journey_cookbook_empty -c 'CREATE EXTENSION journey' -c "$shop_events" >/dev/null || setup_ok=0
	psql_q -d journey_cookbook_sparse >/dev/null <<EOF || setup_ok=0
CREATE EXTENSION journey;
SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.record_touchpoint('s1', 'web', 'visit', '2026-03-16 09:00+00');
SELECT journey.set_stage('s1', 'lifecycle', 'discovery', '2026-03-16 09:00+00');
SELECT journey.refresh_journeys();
$shop_events
EOF
	t0=$SECONDS
	if psql_q -d journey_cookbook_demo -v demo_customers="${COOKBOOK_DEMO_CUSTOMERS:-300}" \
		-f test/demo/model.sql >"$work/demo.log" 2>&1 &&
		psql_q -d journey_cookbook_demo -c "$shop_events" >/dev/null; then
		echo "demo recorded into the model by test/demo/model.sql in $((SECONDS - t0)) s:" \
			"$(psql_q -At -d journey_cookbook_demo -c 'SELECT count(*) FROM journey.touchpoints') touchpoints"
	else
		cat "$work/demo.log"
		setup_ok=0
	fi
	if [ $setup_ok -ne 1 ]; then
		echo "FAIL: could not set up the databases the recipes run in"
		failed=$((failed + 1))
	else
		while read -r id; do
			bad=""
			for d in "${dbs[@]}"; do
				if ! rows=$(psql_q -At -d "$d" -f "$work/$id.recipe" 2>"$work/err"); then
					bad="$bad; error on ${d#journey_cookbook_}: $(tr '\n' ' ' <"$work/err")"
					continue
				fi
				n=$(printf '%s' "$rows" | grep -c '' || true)
				if [ "$d" = journey_cookbook_demo ] && [ "$n" -lt 1 ] &&
					! grep -qi '^CREATE' "$work/$id.recipe"; then
					bad="$bad; no row on the demo"
				fi
			done
			if [ -z "$bad" ]; then
				echo "ok: recipe $id runs on an empty model, a sparse one and the demo"
				passed=$((passed + 1))
			else
				echo "FAIL: recipe $id${bad}"
				failed=$((failed + 1))
			fi
		done < <(awk '!seen[$0]++' "$work/ids")   # page order: views before their users
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

