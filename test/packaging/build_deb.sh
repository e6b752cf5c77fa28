#!/usr/bin/env bash
#
# test/packaging/build_deb.sh — build the Debian package of journey, install
# it, and run the regression suite against the installed files.
#
#   sudo bash test/packaging/build_deb.sh
#
# Steps (Debian 12, as root):
#   1. apt-get update and install the packaging tools, then the package's own
#      Build-Depends (apt-get build-dep on the copied tree);
#   2. copy the tree (tracked and untracked, not ignored files) to a
#      temporary directory and run test/packaging/check_versions.sh there;
#   3. dpkg-buildpackage -us -uc -b in the copy; debian/rules runs the
#      regression suite once at build time against debian/postgresql-15-journey
#      (pg_virtualenv); check the .deb's metadata and contents;
#   4. holding /tmp/journey-install.lock (the PostgreSQL directories are shared
#      with everyone's `make install`): dpkg -i the .deb, start a throwaway
#      cluster as postgres on a free port, run `make installcheck` from a copy
#      of the tree in which nothing was ever built (so only the packaged
#      files can be used), stop and delete the cluster, run the autopkgtest
#      debian/tests/installcheck (pg_buildext installcheck in pg_virtualenv)
#      against the installed package, dpkg -r the package,
#      check its files are gone, and `make install` journey from the copy so
#      that the machine is left as developers expect it;
#   5. delete the temporary directory and print "N passed, N failed".
# Nothing is written into the repository.
#
# Environment:
#   JOURNEY_DEB_OUT=DIR   copy the built .deb files (and .changes,
#                         .buildinfo) to DIR before the temporary directory
#                         is deleted
#   JOURNEY_KEEP=1        keep the temporary directory (build log, .deb)
#   JOURNEY_NO_APT=1      do not run apt-get (everything is installed)
#   JOURNEY_PGPORT=N      first port to try for the cluster (default 55632)
#   JOURNEY_LOCK=FILE     the install lock (default /tmp/journey-install.lock)
#   DEB_BUILD_OPTIONS     passed on; "nocheck" skips the build-time tests

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

say() { printf '==> %s\n' "$*"; }
die() { printf 'build_deb.sh: error: %s\n' "$*" >&2; exit 1; }

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
summary() { echo "$PASSED passed, $FAILED failed"; }

[ "$(id -u)" -eq 0 ] || die "run as root (apt-get, dpkg -i/-r and make install into the system need it):
    sudo bash test/packaging/build_deb.sh"
command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 ||
	die "this script needs a Debian system (apt-get, dpkg)"

# The version the package must carry, and the PostgreSQL it is built for.
VERSION=$(sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" journey.control | head -n1)
DEBVER=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' debian/changelog)
SOURCE=$(sed -n '1s/^\([^ ]*\) .*/\1/p' debian/changelog)
PG_MAJOR=$(grep -E '^[0-9]+$' debian/pgversions | head -n1)
[ -n "$VERSION" ] && [ -n "$DEBVER" ] && [ -n "$SOURCE" ] ||
	die "cannot read the versions from journey.control and debian/changelog"
[ -n "$PG_MAJOR" ] || die "debian/pgversions names no single PostgreSQL major version"
PKG=postgresql-$PG_MAJOR-journey
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_CONFIG=$PGBIN/pg_config

APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive

# dpkg has no lock timeout of its own: another apt run on the machine makes
# it fail at once.  Wait for the lock a while instead.
dpkg_retry() {
	local i out
	for ((i = 0; i < 60; i++)); do
		if out=$(dpkg "$@" 2>&1); then
			printf '%s\n' "$out"
			return 0
		fi
		if ! grep -q 'lock' <<<"$out"; then
			printf '%s\n' "$out" >&2
			return 1
		fi
		sleep 5
	done
	printf '%s\n' "$out" >&2
	return 1
}

# ---------------------------------------------------------------------------
# Cleanup, on every exit path
# ---------------------------------------------------------------------------
WORK=""
BASE=""
DATA=""
INSTALLED_BY_US=0
HAVE_LOCK=0
KEEP=${JOURNEY_KEEP:-0}

as_postgres() { (cd / && runuser -u "$RUNAS" -- "$@"); }

stop_cluster() {
	if [ -n "$DATA" ] && [ -f "$DATA/postmaster.pid" ]; then
		as_postgres "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1 ||
			as_postgres "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	[ -z "$BASE" ] || rm -rf "$BASE"
	DATA=""
	BASE=""
}

# After the test, or when it broke off half-way: the package goes, and a
# journey built from the same tree is installed again with `make install`.
remove_package() {
	[ $INSTALLED_BY_US -eq 1 ] || return 0
	say "dpkg -r $PKG"
	dpkg_retry -r "$PKG" >/dev/null || return 1
	INSTALLED_BY_US=0
}

# The build for it is made before the lock is taken (prebuild), so that
# under the lock only the install itself runs.
prebuild() {
	make -s -C "$SRC" PG_CONFIG="$PG_CONFIG" >"$WORK/make-install.log" 2>&1
}
restore_make_install() {
	say "make install from the copied tree (the package's files are gone)"
	prebuild &&
		make -s -C "$SRC" PG_CONFIG="$PG_CONFIG" install >>"$WORK/make-install.log" 2>&1
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	stop_cluster
	if [ $INSTALLED_BY_US -eq 1 ]; then
		echo "build_deb.sh: interrupted with $PKG installed: removing it" >&2
		remove_package || true
		restore_make_install || echo "build_deb.sh: make install failed, see above" >&2
	fi
	[ $HAVE_LOCK -eq 0 ] || exec 9>&-
	if [ -n "$WORK" ]; then
		if [ "$KEEP" = 1 ]; then
			echo "==> kept $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------------------
# 1. Packaging tools
# ---------------------------------------------------------------------------
# Installing postgresql-NN on a machine that has none would create and start
# a "main" cluster on port 5432: we only want throwaway clusters.  The
# drop-in is removed again right after the installs (as test/run.sh does).
DROPIN=/etc/postgresql-common/createcluster.d/zz-journey-build-deb.conf
MADE_DROPIN=0
no_main_cluster() {
	if [ ! -d "/etc/postgresql/$PG_MAJOR" ] && [ ! -e "$DROPIN" ]; then
		mkdir -p "$(dirname "$DROPIN")"
		printf '# temporary, written by journey test/packaging/build_deb.sh\ncreate_main_cluster = false\n' >"$DROPIN"
		MADE_DROPIN=1
	fi
}
drop_dropin() {
	if [ $MADE_DROPIN -eq 1 ]; then
		rm -f "$DROPIN"
		MADE_DROPIN=0
	fi
}

if [ "${JOURNEY_NO_APT:-0}" != 1 ]; then
	say "apt-get update"
	apt-get -q update -o DPkg::Lock::Timeout=600 >/dev/null ||
		die "apt-get update failed"
	no_main_cluster
	say "apt-get install packaging tools"
	rc=0
	apt-get install "${APT_OPTS[@]}" build-essential dpkg-dev debhelper devscripts \
		fakeroot postgresql-common postgresql-server-dev-all python3 >/dev/null || rc=$?
	drop_dropin
	[ $rc -eq 0 ] || die "apt-get install failed (exit $rc)"
fi

# ---------------------------------------------------------------------------
# 2. Temporary copy of the tree
# ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/journey-deb.XXXXXX")
# The build-time test server (user postgres) reads the files installed into
# $SRC/debian/$PKG through extension_destdir: the tree must be readable.
chmod 755 "$WORK"
SRC=$WORK/$SOURCE-$VERSION
mkdir "$SRC"

copy_tree() { # copy_tree DEST: the source tree without build products
	local dest=$1
	if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
			while IFS= read -r -d '' f; do
				[ -e "$f" ] && printf '%s\0' "$f"
			done |
			tar --null -T - -cf - | tar -xf - -C "$dest"
	else
		cp -a "$ROOT/." "$dest/"
		make -s -C "$dest" PG_CONFIG="$PG_CONFIG" clean >/dev/null 2>&1 || true
	fi
}
say "copy the tree to $SRC"
copy_tree "$SRC"

say "check_versions.sh"
if bash "$SRC/test/packaging/check_versions.sh" >"$WORK/versions.log" 2>&1; then
	pass "versions agree (journey.control, Makefile, META.json, debian/changelog, CHANGELOG.md)"
else
	cat "$WORK/versions.log"
	fail "versions agree (see above)"
	summary
	exit 1
fi

if [ "${JOURNEY_NO_APT:-0}" != 1 ]; then
	say "apt-get build-dep (Build-Depends of debian/control)"
	profiles=()
	case " ${DEB_BUILD_OPTIONS:-} " in *" nocheck "*) profiles=(-P nocheck) ;; esac
	no_main_cluster
	rc=0
	apt-get build-dep "${APT_OPTS[@]}" "${profiles[@]}" "$SRC" >/dev/null || rc=$?
	drop_dropin
	[ $rc -eq 0 ] || die "apt-get build-dep failed (exit $rc)"
fi
[ -x "$PG_CONFIG" ] || die "$PG_CONFIG is missing (postgresql-server-dev-$PG_MAJOR)"

# ---------------------------------------------------------------------------
# 3. Build the package
# ---------------------------------------------------------------------------
say "dpkg-buildpackage -us -uc -b (log: $WORK/build.log)"
if (cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
	pass "dpkg-buildpackage -us -uc -b"
else
	tail -n 60 "$WORK/build.log"
	fail "dpkg-buildpackage -us -uc -b (end of the log above)"
	summary
	exit 1
fi
# The build-time run of the suite (debian/rules, pg_virtualenv).
bt=$(sed -n 's/^ *\(All [0-9][0-9]* tests passed\)\. *$/\1/p' "$WORK/build.log" | tail -n1)
case " ${DEB_BUILD_OPTIONS:-} " in
*" nocheck "*) echo "# build-time regression run skipped (nocheck)" ;;
*) check "build-time regression run in pg_virtualenv: ${bt:-no result}" [ -n "$bt" ] ;;
esac

ARCH=$(dpkg --print-architecture)
DEB=$WORK/${PKG}_${DEBVER#*:}_$ARCH.deb
check "built $(basename "$DEB")" [ -f "$DEB" ]
[ -f "$DEB" ] || { summary; exit 1; }

check "package version is $DEBVER" [ "$(dpkg-deb -f "$DEB" Version)" = "$DEBVER" ]
check "package depends on postgresql-$PG_MAJOR" \
	grep -q "postgresql-$PG_MAJOR\\b" <<<"$(dpkg-deb -f "$DEB" Depends)"
CONTENTS=$(dpkg-deb -c "$DEB" | awk '{print $6}')
EXTDIR=/usr/share/postgresql/$PG_MAJOR/extension
LIBDIR=/usr/lib/postgresql/$PG_MAJOR/lib
for f in "$LIBDIR/journey.so" "$EXTDIR/journey.control" "$EXTDIR/journey--$VERSION.sql" \
	"/usr/share/doc/$PKG/copyright"; do
	check "package contains $f" grep -qx "\\.$f" <<<"$CONTENTS"
done
# every frozen release and every upgrade step, so ALTER EXTENSION UPDATE works
for f in update/journey--*.sql; do
	[ -e "$f" ] || continue
	check "package contains $EXTDIR/${f#update/}" grep -qx "\\.$EXTDIR/${f#update/}" <<<"$CONTENTS"
done
prev=$(sed -n 's/^PREVIOUS_VERSION = //p' Makefile)
if [ -n "$prev" ]; then
	check "package contains $EXTDIR/journey--$prev--$VERSION.sql" \
		grep -qx "\\.$EXTDIR/journey--$prev--$VERSION.sql" <<<"$CONTENTS"
fi
ctl_in_deb=$(dpkg-deb --fsys-tarfile "$DEB" | tar -xOf - ".$EXTDIR/journey.control" 2>/dev/null |
	sed -n "s/^default_version = '\(.*\)'/\1/p")
check "packaged journey.control has default_version $VERSION" [ "$ctl_in_deb" = "$VERSION" ]

if [ -n "${JOURNEY_DEB_OUT:-}" ]; then
	mkdir -p "$JOURNEY_DEB_OUT"
	cp "$WORK"/*.deb "$WORK"/*.changes "$WORK"/*.buildinfo "$JOURNEY_DEB_OUT"/
	say "copied the .deb files to $JOURNEY_DEB_OUT"
fi

# ---------------------------------------------------------------------------
# 4. Install, test against the installed files, remove
# ---------------------------------------------------------------------------
# A copy of the tree in which nothing is ever built: `make installcheck`
# only runs pg_regress on sql/ and expected/; the server can only use what
# dpkg installed.
CHECK=$WORK/check
mkdir "$CHECK"
copy_tree "$CHECK"
rm -rf "$CHECK/debian"

say "make (for the make install that follows the package's removal)"
prebuild || { cat "$WORK/make-install.log"; die "make failed in $SRC"; }

LOCK=${JOURNEY_LOCK:-/tmp/journey-install.lock}
if { if [ -e "$LOCK" ]; then exec 9<"$LOCK"; else exec 9>>"$LOCK"; fi; } 2>/dev/null; then
	if ! flock -n 9; then
		say "waiting for $LOCK (another journey build/test run holds it)"
		flock 9
	fi
	HAVE_LOCK=1
	LOCK_T0=$SECONDS
else
	die "cannot open $LOCK"
fi

if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'install ok installed'; then
	echo "# note: $PKG was installed before this run; it is upgraded, then removed"
fi
say "dpkg -i $(basename "$DEB")"
INSTALLED_BY_US=1
if dpkg_retry -i "$DEB" >"$WORK/dpkg-i.log"; then
	pass "dpkg -i $(basename "$DEB")"
else
	cat "$WORK/dpkg-i.log"
	fail "dpkg -i $(basename "$DEB")"
	summary
	exit 1
fi
check "$LIBDIR/journey.so belongs to $PKG" \
	grep -q "^$PKG:" <<<"$(dpkg -S "$LIBDIR/journey.so" 2>/dev/null)"
check "installed files match the package (dpkg --verify)" \
	[ -z "$(dpkg --verify "$PKG" 2>&1)" ]
PKG_FILES=$(dpkg -L "$PKG" | while read -r f; do [ -f "$f" ] && echo "$f"; done)

# Throwaway cluster, as postgres (created by postgresql-NN; run.sh's
# fallback user otherwise).
if id postgres >/dev/null 2>&1; then
	RUNAS=postgres
else
	id journey >/dev/null 2>&1 ||
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin journey
	RUNAS=journey
fi

port_busy() {
	local p=$1 d
	for d in /tmp /var/run/postgresql; do
		[ -S "$d/.s.PGSQL.$p" ] || continue
		"$PGBIN/pg_isready" -q -h "$d" -p "$p" -t 3 && return 0
		[ $? -eq 1 ] && return 0
	done
	[ -e "/tmp/.s.PGSQL.$p.lock" ] && return 0
	(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 0
	return 1
}
PORT=${JOURNEY_PGPORT:-55632}
for ((tries = 0; ; tries++, PORT++)); do
	[ $tries -lt 50 ] || die "no free port in ${JOURNEY_PGPORT:-55632}..$((PORT - 1))"
	port_busy "$PORT" || break
done

BASE=$WORK/pg-$PORT
DATA=$BASE/data
LOG=$BASE/postgres.log
mkdir "$BASE"
chown "$RUNAS" "$BASE"
LOCALE=C
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
	LOCALE=C.UTF-8
fi
say "cluster $DATA (port $PORT, user $RUNAS, locale $LOCALE)"
as_postgres "$PGBIN/initdb" -D "$DATA" -A trust -U postgres --no-sync -E UTF8 \
	--locale="$LOCALE" >"$BASE/initdb.log" 2>&1 || { cat "$BASE/initdb.log"; die "initdb failed"; }
cat >>"$DATA/postgresql.conf" <<EOF

# journey test/packaging/build_deb.sh: throwaway cluster
port = $PORT
listen_addresses = ''
unix_socket_directories = '$BASE'
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 8
max_parallel_workers = 8
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
EOF
# The server must not inherit the lock's file descriptor.
as_postgres "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 9>&- ||
	{ cat "$LOG" >&2 || true; die "could not start the cluster"; }
export PGHOST=$BASE PGPORT=$PORT PGUSER=postgres
unset PGDATABASE PGSERVICE PGHOSTADDR PGOPTIONS

# (update/ holds the frozen scripts of released versions: sources, not build
# products)
check "the test tree holds no journey.so or install script" \
	[ -z "$(find "$CHECK" -path "$CHECK/update" -prune -o \( -name 'journey.so' -o -name 'journey--*.sql' \) -print | head -n1)" ]

say "make installcheck (pg_regress) with the installed files"
rc=0
make -C "$CHECK" installcheck PG_CONFIG="$PG_CONFIG" >"$WORK/installcheck.log" 2>&1 || rc=$?
sed -n '/^test \|^ok \|^not ok \|tests passed\|tests failed/p' "$WORK/installcheck.log"
# pg_regress 15 ends with "All N tests passed." or
# "M of N tests failed[, K of these failures ignored]."
all=$(sed -n 's/.*All \([0-9][0-9]*\) tests passed.*/\1/p' "$WORK/installcheck.log" | tail -n1)
read -r m n ign < <(sed -n 's/.* \([0-9][0-9]*\) of \([0-9][0-9]*\) tests failed\(, \([0-9][0-9]*\) of these failures ignored\)\{0,1\}.*/\1 \2 \4/p' "$WORK/installcheck.log" | tail -n1) || true
if [ -n "$all" ] && [ $rc -eq 0 ]; then
	PASSED=$((PASSED + all))
	echo "ok - pg_regress: all $all tests passed"
elif [ -n "${n:-}" ]; then
	m=$((m - ${ign:-0}))
	PASSED=$((PASSED + n - m))
	FAILED=$((FAILED + (m > 0 ? m : 1)))
	echo "not ok - pg_regress: $m of $n tests failed"
	[ ! -s "$CHECK/regression.diffs" ] || cat "$CHECK/regression.diffs"
else
	tail -n 30 "$WORK/installcheck.log"
	fail "pg_regress ran (exit $rc, no summary)"
fi
check "make installcheck built nothing (only the packaged files were used)" \
	[ -z "$(find "$CHECK" -path "$CHECK/update" -prune -o \( -name 'journey.so' -o -name 'journey--*.sql' -o -name '*.o' \) -print | head -n1)" ]

# What the server loaded: the packaged version, from the packaged library.
"$PGBIN/createdb" journey_pkg
got=$("$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d journey_pkg -c 'CREATE EXTENSION journey' \
	-c "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'journey'" 2>&1) || true
check "CREATE EXTENSION journey installs version $VERSION (got: $got)" [ "$got" = "$VERSION" ]
libdir=$("$PGBIN/psql" -X -At -d journey_pkg -c \
	"SELECT DISTINCT probin FROM pg_catalog.pg_proc WHERE probin LIKE '%journey%'" 2>&1) || true
check "its functions use \$libdir/journey, i.e. $LIBDIR/journey.so (got: $libdir)" \
	[ "$libdir" = '$libdir/journey' ]
check "installed files unchanged after the tests (dpkg --verify)" \
	[ -z "$(dpkg --verify "$PKG" 2>&1)" ]

say "stop and delete the cluster"
stop_cluster
check "cluster stopped and deleted" [ ! -e "$WORK/pg-$PORT" ]

# The autopkgtest shipped in debian/tests/ does the same through pg_buildext
# and pg_virtualenv: run it too, so that it is known to work.
say "debian/tests/installcheck (the autopkgtest) against the installed package"
AUTOPKG=$WORK/autopkgtest
mkdir "$AUTOPKG"
copy_tree "$AUTOPKG"
rc=0
(cd "$AUTOPKG" && sh debian/tests/installcheck) >"$WORK/autopkgtest.log" 2>&1 9>&- || rc=$?
at=$(sed -n 's/^ *\(All [0-9][0-9]* tests passed\)\. *$/\1/p' "$WORK/autopkgtest.log" | tail -n1)
[ $rc -eq 0 ] || tail -n 40 "$WORK/autopkgtest.log"
check "autopkgtest debian/tests/installcheck: ${at:-exit $rc}" [ $rc -eq 0 -a -n "$at" ]

if remove_package; then
	pass "dpkg -r $PKG"
else
	fail "dpkg -r $PKG"
fi
left=$(while read -r f; do [ -z "$f" ] || [ ! -e "$f" ] || echo "$f"; done <<<"$PKG_FILES")
check "dpkg -r removed every file of the package${left:+ (left: $left)}" [ -z "$left" ]

if restore_make_install; then
	pass "make install from the copied tree (journey is installed again for developers)"
else
	cat "$WORK/make-install.log"
	fail "make install from the copied tree"
fi
exec 9>&-
HAVE_LOCK=0
echo "# held $LOCK for $((SECONDS - LOCK_T0)) s"

summary
[ $FAILED -eq 0 ]
