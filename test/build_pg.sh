#!/usr/bin/env bash
#
# test/build_pg.sh — build PostgreSQL from the upstream tarball in
# ../shared/vendor/ once, with assertions on, into a cache outside the clone.
#
#   bash test/build_pg.sh [TARBALL]
#
# Prints the path of the built pg_config on stdout (the only line it writes
# there) and exits 0.  Exits 3 with one "SKIP: ..." line on stderr when the
# tarball is missing; any other non-zero exit is a failed build, whose log
# path and tail go to stderr.
#
# The cache is keyed by the tarball's sha256, so a second run (or another
# clone on the same machine) reuses the build:
#   ${JOURNEY_CACHE:-/var/cache/journey}/postgresql-VERSION-SHA12/
# (falling back to ${XDG_CACHE_HOME:-~/.cache}/journey when /var/cache is not
# writable).  A build that did not finish leaves no ".complete" marker and is
# redone.  Builds are serialised by a lock in the cache directory.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARBALL=${1:-${JOURNEY_PG_TARBALL:-$ROOT/../shared/vendor/postgresql-18.6.tar.bz2}}

# Run from `make test`, we inherit MAKELEVEL and MAKEFLAGS: PostgreSQL's
# build then takes itself for a sub-make and skips generating its headers
# (submake-generated-headers runs only at MAKELEVEL 0).  Build as a top level.
unset MAKELEVEL MAKEFLAGS MFLAGS MAKEOVERRIDES

say() { printf '==> %s\n' "$*" >&2; }

if [ ! -f "$TARBALL" ]; then
	echo "SKIP: no PostgreSQL source tarball at $TARBALL (set JOURNEY_PG_TARBALL, or run the suite against an installed server with make test PG_CONFIG=...)" >&2
	exit 3
fi

# shellcheck source=cache_lib.sh
. "$ROOT/test/cache_lib.sh"
CACHE=$(journey_cache_dir) || { echo "test/build_pg.sh: no writable cache directory (set JOURNEY_CACHE)" >&2; exit 1; }

SUM=$(sha256sum "$TARBALL" | cut -c1-12)
NAME=$(basename "$TARBALL")
NAME=${NAME%.tar.*}
PREFIX="$CACHE/$NAME-$SUM"

if [ -f "$PREFIX/.complete" ]; then
	echo "$PREFIX/bin/pg_config"
	exit 0
fi

exec 8>>"$CACHE/.build.lock"
flock 8
if [ -f "$PREFIX/.complete" ]; then
	echo "$PREFIX/bin/pg_config"
	exit 0
fi

LOGFILE="$CACHE/$NAME-$SUM.build.log"
: >"$LOGFILE"
fail() {
	echo "test/build_pg.sh: $1 failed; the last lines of $LOGFILE:" >&2
	tail -n 30 "$LOGFILE" >&2
	exit 1
}

# bison and flex: release tarballs since PostgreSQL 17 carry no generated
# parser; zlib for pg_dump -Fc.
need=()
command -v bison >/dev/null 2>&1 || need+=(bison)
command -v flex >/dev/null 2>&1 || need+=(flex)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
command -v bzip2 >/dev/null 2>&1 || need+=(bzip2)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "test/build_pg.sh: missing ${need[*]}; as root: apt-get install ${need[*]}" >&2
		exit 1
	fi
	say "installing ${need[*]} (log: $LOGFILE)"
	{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"; } \
		>>"$LOGFILE" 2>&1 || fail "apt-get install ${need[*]}"
fi

SRC=$(mktemp -d "$CACHE/src.XXXXXX")
trap 'rm -rf "$SRC"' EXIT
rm -rf "$PREFIX"
T0=$SECONDS
say "building $NAME with --enable-cassert --enable-debug into $PREFIX (once; log: $LOGFILE)"
tar -xf "$TARBALL" -C "$SRC" >>"$LOGFILE" 2>&1 || fail "unpacking $TARBALL"
cd "$SRC"/*/
./configure --prefix="$PREFIX" --enable-cassert --enable-debug \
	--without-icu --without-readline >>"$LOGFILE" 2>&1 || fail "configure"
make -j"$(nproc)" >>"$LOGFILE" 2>&1 || fail "make"
make install >>"$LOGFILE" 2>&1 || fail "make install"
# contrib pieces the suites use (none today, but pg_stat_statements is handy
# for the benchmarks).
make -C contrib/pg_stat_statements install >>"$LOGFILE" 2>&1 || fail "make install of pg_stat_statements"
chmod -R a+rX "$PREFIX"
touch "$PREFIX/.complete"
say "built $NAME in $((SECONDS - T0)) s"
echo "$PREFIX/bin/pg_config"
