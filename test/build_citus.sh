#!/usr/bin/env bash
#
# test/build_citus.sh — make Citus available to the PostgreSQL that
# PG_CONFIG names, for the distributed test suite (test/citus.sh).
#
#   PG_CONFIG=... bash test/build_citus.sh [TARBALL]
#
# When that PostgreSQL already has Citus (citus.control in its share dir),
# nothing is built.  Otherwise Citus is built once from
# ../shared/vendor/citus-13.2.2.tar.gz in a cache outside the clone, keyed by
# the tarball's sha256 and the PostgreSQL version:
#   ${JOURNEY_CACHE:-/var/cache/journey}/citus-VERSION-SHA12-pgMAJOR.MINOR/
# and installed from there with `make install` (seconds).
#
# Exit 0: Citus is installed.  Exit 3 with one "SKIP: ..." line on stderr:
# no Citus and no way to build it (no tarball, a PostgreSQL major Citus 13
# does not support, or not root for the install).  Other exits: the build
# failed; its log's path and tail go to stderr.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARBALL=${1:-${JOURNEY_CITUS_TARBALL:-$ROOT/../shared/vendor/citus-13.2.2.tar.gz}}
PG_CONFIG=${PG_CONFIG:-pg_config}

# Run from `make test`, we inherit MAKELEVEL and MAKEFLAGS: PostgreSQL's
# build then takes itself for a sub-make and skips generating its headers
# (submake-generated-headers runs only at MAKELEVEL 0).  Build as a top level.
unset MAKELEVEL MAKEFLAGS MFLAGS MAKEOVERRIDES

say() { printf '==> %s\n' "$*" >&2; }
skip() { echo "SKIP: $*" >&2; exit 3; }

SHAREDIR=$("$PG_CONFIG" --sharedir)
if [ -f "$SHAREDIR/extension/citus.control" ]; then
	exit 0
fi
[ -f "$TARBALL" ] || skip "no Citus in $SHAREDIR and no Citus source tarball at $TARBALL (set JOURNEY_CITUS_TARBALL)"

PGVER=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9][0-9.]*\).*/\1/p')
MAJOR=${PGVER%%.*}
case $MAJOR in
15 | 16 | 17) ;;
*) skip "Citus 13 supports PostgreSQL 15 to 17, not $PGVER ($PG_CONFIG)" ;;
esac
[ -w "$("$PG_CONFIG" --pkglibdir)" ] || skip "cannot install Citus into $("$PG_CONFIG" --pkglibdir) (run as root)"

# shellcheck source=cache_lib.sh
. "$ROOT/test/cache_lib.sh"
CACHE=$(journey_cache_dir) || { echo "test/build_citus.sh: no writable cache directory (set JOURNEY_CACHE)" >&2; exit 1; }

SUM=$(sha256sum "$TARBALL" | cut -c1-12)
NAME=$(basename "$TARBALL")
NAME=${NAME%.tar.*}
DIR="$CACHE/$NAME-$SUM-pg$PGVER"
LOGFILE="$DIR.build.log"

exec 8>>"$CACHE/.build.lock"
flock 8

fail() {
	echo "test/build_citus.sh: $1 failed; the last lines of $LOGFILE:" >&2
	tail -n 30 "$LOGFILE" >&2
	exit 1
}

if [ ! -f "$DIR/.complete" ]; then
	: >"$LOGFILE"
	need=()
	for p in liblz4-dev libzstd-dev libkrb5-dev; do
		dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
	done
	if [ ${#need[@]} -gt 0 ]; then
		[ "$(id -u)" -eq 0 ] || skip "Citus needs ${need[*]}; as root: apt-get install ${need[*]}"
		say "installing ${need[*]} (log: $LOGFILE)"
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"; } \
			>>"$LOGFILE" 2>&1 || fail "apt-get install ${need[*]}"
	fi
	rm -rf "$DIR"
	mkdir -p "$DIR"
	T0=$SECONDS
	say "building $NAME for PostgreSQL $PGVER in $DIR (once; log: $LOGFILE)"
	tar -xzf "$TARBALL" -C "$DIR" --strip-components=1 >>"$LOGFILE" 2>&1 || fail "unpacking $TARBALL"
	# PostgreSQL 15.20 exports have_createdb_privilege(), which Citus 13.2.2
	# defines itself for servers before 16: keep its copy for older 15s only
	# (a change to the unpacked copy, never to the tarball).
	compat="$DIR/src/include/pg_version_compat.h"
	if [ "$MAJOR" = 15 ] && grep -q 'have_createdb_privilege' "$compat"; then
		awk '
			/^static inline bool$/ { held = $0; next }
			held != "" && /have_createdb_privilege\(void\)/ {
				print "#if PG_VERSION_NUM < 150020"; print held; inside = 1; held = ""
			}
			held != "" { print held; held = "" }
			{ print }
			inside && /^}/ { print "#endif"; inside = 0 }
		' "$compat" >"$compat.new" && mv "$compat.new" "$compat"
	fi
	(cd "$DIR" && ./configure PG_CONFIG="$PG_CONFIG" --without-libcurl) >>"$LOGFILE" 2>&1 || fail "configure"
	make -C "$DIR" -j"$(nproc)" with_llvm=no >>"$LOGFILE" 2>&1 || fail "make"
	touch "$DIR/.complete"
	say "built $NAME in $((SECONDS - T0)) s"
fi
make -C "$DIR" with_llvm=no install >>"$LOGFILE" 2>&1 || fail "make install"
