#!/usr/bin/env bash
# Documentation coverage (part of `make test`): every SQL object the
# extension creates — function, aggregate, procedure, type, table, view,
# operator — must be named in the reference documentation (README.md or
# doc/*.md), as `schema-less name` in backquotes or a code block.  Fails
# listing what is undocumented.
# Needs a server reachable through the PG* variables and journey installed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
db=journey_doc_coverage
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql_q -d "$db" -c "CREATE EXTENSION journey"
objects=$(psql_q -d "$db" <<'EOF'
SELECT DISTINCT kind || ' ' || name FROM (
	SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function'
			WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind, p.proname::text AS name
	FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'journey')
	UNION ALL
	SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'S' THEN 'sequence' ELSE 'table' END, c.relname::text
	FROM pg_depend d JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'journey')
	  AND c.relkind <> 'S'
	UNION ALL
	SELECT 'type', t.typname::text
	FROM pg_depend d JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'journey')
	  -- PostgreSQL 16 and later record the implicit array types as members
	  -- too; they are documented with their element type.
	  AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
	UNION ALL
	SELECT 'operator', o.oprname::text
	FROM pg_depend d JOIN pg_operator o ON d.classid = 'pg_operator'::regclass AND o.oid = d.objid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'journey')
) s ORDER BY 1;
EOF
)
psql_q -d postgres -c "DROP DATABASE $db"

docs=(README.md doc/*.md)
passed=0
failed=0
missing=()
while IFS= read -r line; do
	[ -n "$line" ] || continue
	kind=${line% *}
	name=${line##* }
	# the name as a word inside backquotes or in a fenced code block line
	if grep -qF -- "$name" "${docs[@]}" &&
		grep -hE -- "(^|[^A-Za-z0-9_])$(printf '%s' "$name" | sed 's/[][\.*^$|+?(){}]/\\&/g')([^A-Za-z0-9_]|$)" "${docs[@]}" >/dev/null; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		missing+=("$kind $name")
	fi
done <<<"$objects"

if [ "$failed" -gt 0 ]; then
	echo "undocumented objects (name them in README.md or doc/*.md):"
	printf '  %s\n' "${missing[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
