#!/usr/bin/env bash
#
# test/packaging/check_versions.sh — the version of journey is written in
# several places; fail unless they all agree.
#
#   bash test/packaging/check_versions.sh
#
# The reference is default_version in journey.control (what CREATE EXTENSION
# installs).  Checked against it:
#   - EXTVERSION in the Makefile (names the install script);
#   - "version" and provides.journey.version in META.json;
#   - the upstream part of the newest debian/changelog entry
#     (0.1.0-1 -> 0.1.0; an epoch "N:" is dropped as well);
#   - the newest "## X.Y.Z" heading of CHANGELOG.md.
# And, so that the .deb is built for what debian/pgversions says:
#   - debian/control is what `pg_buildext updatecontrol` makes of
#     debian/control.in (skipped when pg_buildext is not installed).
# Ends with "N passed, N failed"; exit status 0 only if none failed.

set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2

PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }

# Compare one place's version with the reference.
same() {
	local what=$1 got=$2
	if [ -z "$got" ]; then
		not_ok "$what: no version found"
	elif [ "$got" = "$REF" ]; then
		ok "$what is $got"
	else
		not_ok "$what is $got, journey.control says $REF"
	fi
}

REF=$(sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" journey.control | head -n1)
if [ -z "$REF" ]; then
	not_ok "journey.control has a default_version"
	echo "$PASSED passed, $FAILED failed"
	exit 1
fi
ok "journey.control default_version is $REF"

same "Makefile EXTVERSION" \
	"$(sed -n 's/^EXTVERSION[[:space:]]*[:?]\{0,1\}=[[:space:]]*\([^[:space:]]*\).*/\1/p' Makefile | head -n1)"

# META.json: python3 when there, else jq; never grep JSON.
meta_get() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c '
import json, sys
d = json.load(open("META.json"))
for k in sys.argv[1:]:
    d = d.get(k) if isinstance(d, dict) else None
print(d if isinstance(d, str) else "")' "$@"
	elif command -v jq >/dev/null 2>&1; then
		local path=""
		for k in "$@"; do path="$path[\"$k\"]"; done
		jq -r ".$path // \"\" | strings" META.json
	else
		echo "check_versions.sh: python3 or jq is needed to read META.json" >&2
	fi
}
same "META.json version" "$(meta_get version 2>/dev/null)"
same "META.json provides.journey.version" "$(meta_get provides journey version 2>/dev/null)"

# The newest entry of debian/changelog is its first line:
#   postgresql-journey (0.1.0-1) unstable; urgency=medium
if command -v dpkg-parsechangelog >/dev/null 2>&1; then
	DEBVER=$(dpkg-parsechangelog -l debian/changelog -S Version 2>/dev/null)
else
	DEBVER=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' debian/changelog)
fi
UPSTREAM=${DEBVER#*:}        # drop an epoch
UPSTREAM=${UPSTREAM%-*}      # drop the Debian revision
if [ -n "$DEBVER" ] && [ "$UPSTREAM" = "$DEBVER" ]; then
	not_ok "debian/changelog version $DEBVER has no Debian revision (3.0 (quilt) needs one, e.g. $DEBVER-1)"
fi
same "debian/changelog upstream version (of $DEBVER)" "$UPSTREAM"

same "CHANGELOG.md newest entry" \
	"$(sed -n 's/^##[[:space:]]*\([0-9][0-9.]*[0-9]\)\([^0-9.].*\)\{0,1\}$/\1/p' CHANGELOG.md | head -n1)"

if command -v pg_buildext >/dev/null 2>&1; then
	tmp=$(mktemp -d)
	mkdir "$tmp/debian"
	cp debian/control.in debian/pgversions "$tmp/debian/"
	if (cd "$tmp" && pg_buildext updatecontrol >/dev/null 2>&1) &&
		cmp -s "$tmp/debian/control" debian/control; then
		ok "debian/control is up to date with debian/control.in and debian/pgversions"
	else
		not_ok "debian/control is out of date: run pg_buildext updatecontrol"
		diff -u debian/control "$tmp/debian/control" | sed 's/^/#   /'
	fi
	rm -rf "$tmp"
else
	echo "# skipped: debian/control check (no pg_buildext; apt-get install postgresql-common)"
fi

# The supported PostgreSQL majors are written in the Makefile, debian/pgversions
# and the README; make refuses any other with one line naming them.
MAKE_MAJORS=$(sed -n 's/^SUPPORTED_PG_MAJORS[[:space:]]*=[[:space:]]*//p' Makefile)
DEB_MAJORS=$(grep -v '^#' debian/pgversions | tr -s ' \n' ' ' | sed 's/ *$//')
if [ -n "$MAKE_MAJORS" ] && [ "$MAKE_MAJORS" = "$DEB_MAJORS" ]; then
	ok "Makefile and debian/pgversions support PostgreSQL $MAKE_MAJORS"
else
	not_ok "Makefile supports PostgreSQL '$MAKE_MAJORS', debian/pgversions '$DEB_MAJORS'"
fi
for v in $MAKE_MAJORS; do
	if grep -q "^| \([0-9]*, \)*$v[ ,|]" README.md; then
		ok "README's table of supported versions names $v"
	else
		not_ok "README's table of supported versions does not name $v"
	fi
done
# A pg_config that says "PostgreSQL 14.11" (and "PostgreSQL 19devel"):
# make must stop before compiling anything, with one line naming the
# supported versions.
tmp=$(mktemp -d)
for fake in "14.11" "19devel"; do
	printf '#!/bin/sh\n[ "$1" = --version ] && { echo "PostgreSQL %s"; exit 0; }\nexit 1\n' "$fake" >"$tmp/pg_config"
	chmod +x "$tmp/pg_config"
	out=$(make -s -C "$ROOT" PG_CONFIG="$tmp/pg_config" 2>&1) && rc=0 || rc=$?
	if [ $rc -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
		printf '%s' "$out" | grep -q "journey supports PostgreSQL $MAKE_MAJORS; .* is PostgreSQL ${fake%%[.d]*}"; then
		ok "make against PostgreSQL $fake stops with one line: $out"
	else
		not_ok "make against PostgreSQL $fake (exit $rc): $out"
	fi
done
rm -rf "$tmp"

echo "$PASSED passed, $FAILED failed"
[ $FAILED -eq 0 ]
