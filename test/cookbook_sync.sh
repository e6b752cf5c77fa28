#!/usr/bin/env bash
# Keeps doc/cookbook.md and the regression test sql/cookbook.sql in step
# (part of `make test`): every ```sql block of the page whose first line is a
# recipe tag `-- recipe: <id>` must appear, character for character, in
# sql/cookbook.sql, so the SQL people copy from the page is the SQL the
# regression suite runs.  Also fails when a recipe id is tagged twice in the
# page, when sql/cookbook.sql tags a recipe the page does not show, or when
# the page has no recipe at all.  Needs no server.
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
