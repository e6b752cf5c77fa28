#!/usr/bin/env bash
#
# test/run.sh — bootstrap, build, install and exercise journey on a
# throwaway PostgreSQL 15 cluster.  The Makefile's `make demo|test|bench|fuzz`
# call this script.
#
#   bash test/run.sh [--keep] demo|test|bench|fuzz
#   bash test/run.sh bootstrap      (step 1 only: e.g. when make is missing)
#   JOURNEY_ONLY="regress pgtap" bash test/run.sh test   (some parts only)
#
# Steps:
#   1. install missing packages (Debian 12, as root; otherwise explain how);
#   2. make && make install (holding /tmp/journey-install.lock, because the
#      install directories are shared by everyone on the machine);
#   3. initdb + start a cluster in ${JOURNEY_TMPDIR:-/tmp}/journey-pg-PORT,
#      unix socket only, PORT from ${JOURNEY_PGPORT:-55432} upwards;
#   4. run the mode;
#   5. stop the cluster and delete it, on every exit path, unless --keep or
#      JOURNEY_KEEP=1.
#
# Environment: PG_CONFIG, EXTRA_CFLAGS, JOURNEY_KEEP, JOURNEY_PGPORT,
# JOURNEY_TMPDIR, JOURNEY_LOCK, FUZZ_COUNT, BENCH_* (passed through).
#
# Suites started from here connect through the exported PGHOST, PGPORT and
# PGUSER; they also get JOURNEY_PGBIN, JOURNEY_PGDATA and JOURNEY_PGLOG.

set -euo pipefail

usage() {
	cat <<'EOF'
usage: test/run.sh [--keep] MODE

  demo       load the demo data set and print a few analyses
  test       pg_regress (sql/), pgTAP (test/pgtap/), fuzz smoke run, upgrade test
  bench      test/bench/run.sh
  fuzz       test/fuzz/run.sh with FUZZ_COUNT (default 100000)
  bootstrap  only install the missing packages (make among them)

  --keep     (or JOURNEY_KEEP=1) leave the cluster running and print how to
             connect to it and how to remove it
EOF
}

MODE=""
KEEP=${JOURNEY_KEEP:-0}
for arg in "$@"; do
	case $arg in
	demo | test | bench | fuzz | bootstrap) MODE=$arg ;;
	--keep) KEEP=1 ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
[ -n "$MODE" ] || { usage >&2; exit 2; }
case $KEEP in 1 | yes | true | on) KEEP=1 ;; *) KEEP=0 ;; esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

say() { printf '==> %s\n' "$*"; }
die() { printf 'test/run.sh: error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Package managers and compilers write to a log file, not to the screen:
# one line per step there, the log's tail when a step fails.
if [ -z "${JOURNEY_LOG:-}" ]; then
	mkdir -p "$ROOT/logs"  # not log/: PGXS's make clean removes that
	JOURNEY_LOG="$ROOT/logs/$MODE.log"
	: >"$JOURNEY_LOG"
fi
export JOURNEY_LOG
# The counts of the last "N passed, N failed" line of a suite's output FILE.
last_tally() {
	sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' "$1" | tail -n1
}

# step "what" cmd...: run cmd with its output in the log; print what it did
# and how long it took, or the log's tail if it failed.
step() {
	local what=$1 t0=$SECONDS rc=0
	shift
	printf '==> %s ... ' "$what"
	printf '\n==> %s\n' "$what" >>"$JOURNEY_LOG"
	"$@" >>"$JOURNEY_LOG" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		printf 'ok (%d s)\n' $((SECONDS - t0))
		return 0
	fi
	printf 'FAILED (exit %d)\n' $rc
	printf -- '--- last lines of %s:\n' "$JOURNEY_LOG" >&2
	tail -n 40 "$JOURNEY_LOG" >&2
	printf -- '--- (whole log: %s)\n' "$JOURNEY_LOG" >&2
	return $rc
}

# ---------------------------------------------------------------------------
# 1. Packages
# ---------------------------------------------------------------------------
DEFAULT_PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
# `make test` with no PG_CONFIG in the environment hands us the Makefile's
# default, a bare `pg_config`; we want the PostgreSQL 15 one, and (for
# `test`) then the assert-enabled PostgreSQL 18 that test/build_pg.sh builds.
PG_MATRIX=0
if [ -z "${PG_CONFIG:-}" ] || [ "$PG_CONFIG" = pg_config ]; then
	PG_CONFIG=$DEFAULT_PG_CONFIG
	[ "$MODE" = test ] && PG_MATRIX=1
fi
export PG_CONFIG

APT_PKGS=(postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap
	libtap-parser-sourcehandler-pgtap-perl libpq-dev make gcc)
APT_CMD="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${APT_PKGS[*]}"

# Where PostgreSQL lives: asked from pg_config once it exists, else the
# Debian paths it will have.
pg_paths() {
	if [ -x "$PG_CONFIG" ]; then
		BINDIR=$("$PG_CONFIG" --bindir)
		SERVER_INC=$("$PG_CONFIG" --includedir-server)
		CLIENT_INC=$("$PG_CONFIG" --includedir)
		SHAREDIR=$("$PG_CONFIG" --sharedir)
	else
		BINDIR=/usr/lib/postgresql/15/bin
		SERVER_INC=/usr/include/postgresql/15/server
		CLIENT_INC=/usr/include/postgresql
		SHAREDIR=/usr/share/postgresql/15
	fi
}

# Sets MISSING to what is absent (empty when all is there).
check_prereqs() {
	pg_paths
	MISSING=()
	local f
	[ -x "$PG_CONFIG" ] || MISSING+=("$PG_CONFIG")
	for f in initdb pg_ctl postgres psql createdb pg_isready; do
		[ -x "$BINDIR/$f" ] || MISSING+=("$BINDIR/$f")
	done
	for f in "$SERVER_INC/postgres.h" "$CLIENT_INC/libpq-fe.h" \
		"$SHAREDIR/extension/pgtap.control"; do
		[ -f "$f" ] || MISSING+=("$f")
	done
	for f in pg_prove gcc make; do
		command -v "$f" >/dev/null 2>&1 || MISSING+=("$f")
	done
}

# pgTAP is plain SQL: a server that is not Debian's PostgreSQL 15 (the
# PostgreSQL 18 that test/build_pg.sh builds, or PG_CONFIG=...) gets the
# files of Debian's postgresql-15-pgtap package copied into its share dir.
DEBIAN_PGTAP=/usr/share/postgresql/15/extension
provide_pgtap() {
	local dest="$SHAREDIR/extension"
	[ -f "$dest/pgtap.control" ] && return 0
	[ -f "$DEBIAN_PGTAP/pgtap.control" ] || return 0
	[ "$dest" != "$DEBIAN_PGTAP" ] || return 0
	if [ -w "$dest" ]; then
		say "pgTAP: copying $DEBIAN_PGTAP/pgtap* into $dest"
		cp "$DEBIAN_PGTAP"/pgtap* "$dest"/
	fi
}

bootstrap() {
	check_prereqs
	provide_pgtap
	check_prereqs
	[ ${#MISSING[@]} -eq 0 ] && return 0
	say "missing: ${MISSING[*]}"
	if [ "$PG_CONFIG" != "$DEFAULT_PG_CONFIG" ] && [ ! -x "$PG_CONFIG" ]; then
		die "PG_CONFIG=$PG_CONFIG does not exist"
	fi
	if ! is_root; then
		die "missing packages; as root run:
    $APT_CMD"
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "no apt-get: install PostgreSQL 15 with server headers, pgTAP, pg_prove, gcc and make by hand"

	# On a machine without PostgreSQL 15, keep Debian from creating and
	# starting its default cluster on port 5432: we only want throwaway
	# clusters.  The drop-in is removed again right after the install.
	local dropin=/etc/postgresql-common/createcluster.d/zz-journey-bootstrap.conf
	local made_dropin=0 made_dir=0 rc=0
	if [ ! -d /etc/postgresql/15 ]; then
		[ -d "$(dirname "$dropin")" ] || made_dir=1
		mkdir -p "$(dirname "$dropin")"
		printf '# temporary, written by journey test/run.sh\ncreate_main_cluster = false\n' >"$dropin"
		made_dropin=1
	fi
	step "installing packages (${APT_PKGS[*]})" \
		sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"' \
		apt "${APT_PKGS[@]}" || rc=$?
	if [ $made_dropin -eq 1 ]; then
		rm -f "$dropin"
		[ $made_dir -eq 0 ] || rmdir "$(dirname "$dropin")" 2>/dev/null || true
	fi
	[ $rc -eq 0 ] || die "package installation failed (exit $rc)"

	check_prereqs
	provide_pgtap
	check_prereqs
	[ ${#MISSING[@]} -eq 0 ] || die "still missing after install: ${MISSING[*]}"
}

bootstrap
if [ "$MODE" = bootstrap ]; then
	say "all prerequisites are installed"
	exit 0
fi

# `make test` with no PG_CONFIG: the whole suite on PostgreSQL 15 (Debian's),
# then on an assert-enabled PostgreSQL 18 built once from
# ../shared/vendor (test/build_pg.sh; a SKIP line when the tarball is
# missing).  Each run is this script again with PG_CONFIG set.
if [ $PG_MATRIX -eq 1 ]; then
	T_ALL=$SECONDS
	TOTAL_P=0
	TOTAL_F=0
	RESULTS=()
	suite_on() {
		local label=$1 cfg=$2 out rc=0 p f t0=$SECONDS
		say "suite on $label ($cfg)"
		out=$(mktemp)
		PG_CONFIG=$cfg bash "$ROOT/test/run.sh" test 2>&1 | tee "$out" || rc=$?
		read -r p f < <(last_tally "$out") || true
		rm -f "$out"
		p=${p:-0}
		f=${f:-0}
		[ $rc -eq 0 ] || [ "$f" -gt 0 ] || f=1
		TOTAL_P=$((TOTAL_P + p))
		TOTAL_F=$((TOTAL_F + f))
		RESULTS+=("$label: $p passed, $f failed ($((SECONDS - t0)) s)")
	}
	suite_on "PostgreSQL 15" "$PG_CONFIG"
	t0=$SECONDS
	pg18="" rc=0
	printf '==> PostgreSQL 18.6 with assertions (test/build_pg.sh; built once, then cached) ... '
	pg18=$(bash "$ROOT/test/build_pg.sh" 2>>"$JOURNEY_LOG") || rc=$?
	if [ $rc -eq 0 ]; then
		printf 'ok (%d s): %s\n' $((SECONDS - t0)) "$pg18"
		suite_on "PostgreSQL 18 (assertions)" "$pg18"
	elif [ $rc -eq 3 ]; then
		printf 'skipped\n'
		grep '^SKIP:' "$JOURNEY_LOG" | tail -n1
		RESULTS+=("PostgreSQL 18: SKIP (no tarball)")
	else
		printf 'FAILED (exit %d)\n' $rc
		tail -n 40 "$JOURNEY_LOG" >&2
		TOTAL_F=$((TOTAL_F + 1))
		RESULTS+=("PostgreSQL 18: build FAILED (log: $JOURNEY_LOG)")
	fi
	say "summary ($((SECONDS - T_ALL)) s in all; log: $JOURNEY_LOG)"
	printf '    %s\n' "${RESULTS[@]}"
	echo "$TOTAL_P passed, $TOTAL_F failed"
	[ $TOTAL_F -eq 0 ]
	exit
fi
export PATH="$BINDIR:$PATH"
MAJOR=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')

# ---------------------------------------------------------------------------
# 2. Build and install
# ---------------------------------------------------------------------------
# JOURNEY_TEST=1 adds the test-only entry points (src/testing/) that the
# aggregate-state fuzzer needs (doc/fuzzing.md).
MAKE_ARGS=(PG_CONFIG="$PG_CONFIG" JOURNEY_TEST=1)
# PGXS also emits LLVM bitcode when the server was built with LLVM; Debian's
# postgresql-server-dev-15 depends on the clang and llvm it needs, but a
# hand-made setup may lack them.  Then skip the bitcode rather than fail.
PGXS_GLOBAL="$(dirname "$("$PG_CONFIG" --pgxs)")/../Makefile.global"
mkvar() { sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$PGXS_GLOBAL" | head -n1; }
if [ "$(mkvar with_llvm)" = yes ]; then
	clang=$(mkvar CLANG)
	llvm_bin=$(mkvar LLVM_BINPATH)
	if ! [ -x "${clang%% *}" ] || ! [ -x "$llvm_bin/llvm-lto" ]; then
		say "no ${clang%% *} or $llvm_bin/llvm-lto: building without LLVM bitcode (with_llvm=no)"
		MAKE_ARGS+=(with_llvm=no)
	fi
fi

# The install directories are shared by everyone on this machine: hold the
# lock from build and install until our cluster is gone, so nobody swaps
# journey.so under a running test, nor rebuilds this tree for another server
# between our build and our install.  The cluster itself must not inherit fd 9.
# flock needs no write access: open an existing lock file read-only, so that
# users other than the one who created it can share it.
LOCK=${JOURNEY_LOCK:-/tmp/journey-install.lock}
if { if [ -e "$LOCK" ]; then exec 9<"$LOCK"; else exec 9>>"$LOCK"; fi; } 2>/dev/null; then
	if ! flock -n 9; then
		say "waiting for $LOCK (another journey build/test run holds it)"
		flock 9
	fi
else
	say "cannot open $LOCK; going on without the install lock"
fi

# Objects built for another server (make test builds for 15, then 18) are
# cleaned first: PGXS does not track the server headers.
STAMP="$ROOT/.build-pg-config"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" != "$PG_CONFIG JOURNEY_TEST=1" ]; then
	make "${MAKE_ARGS[@]}" clean >>"$JOURNEY_LOG" 2>&1 || true
fi
printf '%s JOURNEY_TEST=1\n' "$PG_CONFIG" >"$STAMP"
step "building journey for PostgreSQL $MAJOR (EXTRA_CFLAGS='${EXTRA_CFLAGS:-}')" \
	make "${MAKE_ARGS[@]}" EXTRA_CFLAGS="${EXTRA_CFLAGS:-}" || exit 1

INSTALL_CMD=(make "${MAKE_ARGS[@]}" install)
if is_root; then
	:
elif [ -w "$("$PG_CONFIG" --pkglibdir)" ] && [ -w "$SHAREDIR/extension" ]; then
	:
elif command -v sudo >/dev/null 2>&1; then
	INSTALL_CMD=(sudo "${INSTALL_CMD[@]}")
else
	die "make install needs to write $("$PG_CONFIG" --pkglibdir) and $SHAREDIR/extension: run as root, or install sudo"
fi
step "installing into $("$PG_CONFIG" --pkglibdir)" "${INSTALL_CMD[@]}" || exit 1

# ---------------------------------------------------------------------------
# 3. Throwaway cluster
# ---------------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root, run the server as `postgres`
# (created by the postgresql-15 package), or a `journey` system user.
RUNAS=""
if is_root; then
	if id postgres >/dev/null 2>&1; then
		RUNAS=postgres
	else
		id journey >/dev/null 2>&1 ||
			useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin journey
		RUNAS=journey
	fi
fi
as_owner() {
	if [ -n "$RUNAS" ]; then
		(cd / && runuser -u "$RUNAS" -- "$@")
	else
		"$@"
	fi
}

TMPBASE=${JOURNEY_TMPDIR:-/tmp}
[ -d "$TMPBASE" ] || die "JOURNEY_TMPDIR=$TMPBASE is not a directory"
if ! as_owner test -w "$TMPBASE" -a -x "$TMPBASE"; then
	die "${RUNAS:-$(id -un)} cannot write $TMPBASE; set JOURNEY_TMPDIR to a directory it can use (e.g. /tmp)"
fi

# True when PORT is taken: a server answers on it (in the usual socket
# directories or on localhost), something listens on localhost:PORT, or a
# live cluster of ours sits in its directory.  A dead leftover of ours (a run
# that was SIGKILLed) is removed.
port_busy() {
	local p=$1 d pid
	for d in /tmp /var/run/postgresql "$TMPBASE/journey-pg-$p"; do
		[ -S "$d/.s.PGSQL.$p" ] || continue
		pg_isready -q -h "$d" -p "$p" -t 3 && return 0
		[ $? -eq 1 ] && return 0 # answering but rejecting
	done
	(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 0
	d="$TMPBASE/journey-pg-$p"
	if [ -e "$d" ]; then
		pid=$(head -n1 "$d/data/postmaster.pid" 2>/dev/null || true)
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			return 0
		fi
		say "removing leftover $d"
		rm -rf "$d" || return 0
	fi
	return 1
}

PORT=${JOURNEY_PGPORT:-55432}
for ((tries = 0; ; tries++, PORT++)); do
	[ $tries -lt 50 ] || die "no free port in ${JOURNEY_PGPORT:-55432}..$((PORT - 1))"
	port_busy "$PORT" || break
done

BASE="$TMPBASE/journey-pg-$PORT"
DATA="$BASE/data"
LOG="$BASE/postgres.log"
STARTED=0

stop_cluster() {
	if [ -f "$DATA/postmaster.pid" ]; then
		as_owner pg_ctl -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1 ||
			as_owner pg_ctl -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$BASE"
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	if [ $KEEP -eq 1 ] && [ $STARTED -eq 1 ]; then
		cat <<EOF

==> cluster left running (JOURNEY_KEEP / --keep):
    psql -h $BASE -p $PORT -U postgres ${KEEP_DB:-postgres}
    server log: $LOG
    remove it:  ${RUNAS:+runuser -u $RUNAS -- }$BINDIR/pg_ctl -D $DATA -m fast stop && rm -rf $BASE
    (it uses the journey installed in $("$PG_CONFIG" --pkglibdir); a later
    make install by anyone replaces it)
EOF
	else
		stop_cluster
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$BASE"
chmod 755 "$BASE"
[ -n "$RUNAS" ] && chown "$RUNAS" "$BASE"

# C.UTF-8 (in libc-bin on Debian 12) sorts by code point like C but knows
# non-ASCII letters; the shared dev cluster uses it too, so expected outputs
# match.  Fall back to C where it is missing.
LOCALE=C
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
	LOCALE=C.UTF-8
fi

say "cluster: $DATA (port $PORT, socket in $BASE, locale $LOCALE)"
if ! as_owner initdb -D "$DATA" -A trust -U postgres --no-sync -E UTF8 --locale="$LOCALE" \
	>"$BASE/initdb.log" 2>&1; then
	cat "$BASE/initdb.log" >&2
	die "initdb failed"
fi
cat >>"$DATA/postgresql.conf" <<EOF

# journey test/run.sh: throwaway cluster
port = $PORT
listen_addresses = ''
unix_socket_directories = '$BASE'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_worker_processes = 8
max_parallel_workers = 8
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
EOF
if ! as_owner pg_ctl -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 9>&-; then
	cat "$LOG" >&2 || true
	die "could not start the cluster"
fi
STARTED=1

export PGHOST=$BASE PGPORT=$PORT PGUSER=postgres
export JOURNEY_PGBIN=$BINDIR JOURNEY_PGDATA=$DATA JOURNEY_PGLOG=$LOG
unset PGDATABASE PGSERVICE PGHOSTADDR PGOPTIONS

# ---------------------------------------------------------------------------
# 4. Modes
# ---------------------------------------------------------------------------
PASSED=0
FAILED=0

# Lines of the server log that show a crashed backend (the postmaster then
# resets every session), with the statement it was running.
crash_lines() {
	grep -E -A1 '\(PID [0-9]+\) was terminated by signal|(server process|client backend) \(PID [0-9]+\) exited with exit code|terminating any other active server processes' "$LOG" || true
}

run_regress() {
	local files=(sql/[a-z]*.sql)
	if [ ! -e "${files[0]}" ]; then
		say "pg_regress: no sql/*.sql yet, skipped"
		return 0
	fi
	say "pg_regress: ${#files[@]} files"
	local out rc=0 all n m ign
	out=$(mktemp)
	make "${MAKE_ARGS[@]}" installcheck PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" 2>&1 |
		tee "$out" || rc=$?
	# pg_regress 15 ends with "All N tests passed." or
	# "M of N tests failed[, K of these failures ignored]."
	all=$(sed -n 's/.*All \([0-9][0-9]*\) tests passed.*/\1/p' "$out" | tail -n1)
	read -r m n ign < <(sed -n 's/.* \([0-9][0-9]*\) of \([0-9][0-9]*\) tests failed\(, \([0-9][0-9]*\) of these failures ignored\)\{0,1\}.*/\1 \2 \4/p' "$out" | tail -n1) || true
	if [ -n "$all" ] && [ $rc -eq 0 ]; then
		PASSED=$((PASSED + all))
	elif [ -n "${n:-}" ]; then
		m=$((m - ${ign:-0}))
		PASSED=$((PASSED + n - m))
		FAILED=$((FAILED + (m > 0 ? m : 1)))
	elif [ $rc -eq 0 ]; then
		PASSED=$((PASSED + 1))
	else
		FAILED=$((FAILED + 1))
	fi
	if [ $rc -ne 0 ]; then
		local d
		for d in results/regression.diffs regression.diffs; do
			if [ -s "$d" ]; then
				say "$d (first 150 lines of $(wc -l <"$d"))"
				head -n 150 "$d"
			fi
		done
	fi
	rm -f "$out"
}

run_pgtap() {
	local files=(test/pgtap/*.sql)
	if [ ! -e "${files[0]}" ]; then
		say "pgTAP: no test/pgtap/*.sql yet, skipped"
		return 0
	fi
	say "pgTAP: ${#files[@]} files"
	createdb journey_tap
	local out rc=0 r
	out=$(mktemp)
	pg_prove -d journey_tap "${files[@]}" 2>&1 | tee "$out" || rc=$?
	# Summary: "Files=F, Tests=T, ..." and "Result: PASS|FAIL"; on failure
	# one "file (Wstat: W Tests: T Failed: F)" line per bad file, followed
	# by "Parse errors: ..." when a file died or broke its plan.
	read -r -a r < <(awk '
		function num(key,   v) {
			if (!match($0, key ": [0-9]+")) return 0
			v = substr($0, RSTART, RLENGTH); sub(/.* /, "", v); return v + 0
		}
		/^Files=[0-9]+, Tests=[0-9]+/ { split($2, a, "[=,]"); tests = a[2] }
		/^[^ ].*\(Wstat: [0-9]+.* Tests: [0-9]+ Failed: [0-9]+\)/ {
			w = num("Wstat"); f = num("Failed")
			failed += f
			pending = 0
			if (f == 0) { if (w != 0) broken++; else pending = 1 }
			next
		}
		/^  Parse errors:/ { if (pending) { broken++; pending = 0 } }
		/^Result: / { result = $2 }
		END { printf "%d %d %d %s\n", tests, failed, broken, (result == "" ? "NONE" : result) }
	' "$out")
	local tests=${r[0]} failed=${r[1]} broken=${r[2]} result=${r[3]}
	PASSED=$((PASSED + tests - failed))
	failed=$((failed + broken))
	if [ "$result" != PASS ] || [ $rc -ne 0 ]; then
		[ $failed -gt 0 ] || failed=1
	fi
	FAILED=$((FAILED + failed))
	rm -f "$out"
}

# A script suite (fuzz, upgrade) counts as one test that passes when it exits
# 0, unless it ends its own report with an "N passed, N failed" line: then
# those counts are added (and a non-zero exit counts at least one failure).
run_script() {
	local name=$1
	shift
	say "$name"
	local out rc=0 p f t0=$SECONDS
	out=$(mktemp)
	env "$@" 2>&1 | tee "$out" || rc=$?
	read -r p f < <(last_tally "$out") || true
	rm -f "$out"
	if [ -n "${f:-}" ]; then
		PASSED=$((PASSED + p))
		[ $rc -eq 0 ] || [ "$f" -gt 0 ] || f=1
		FAILED=$((FAILED + f))
	elif [ $rc -eq 0 ]; then
		PASSED=$((PASSED + 1))
	else
		FAILED=$((FAILED + 1))
	fi
	if [ $rc -eq 0 ]; then
		say "$name: done ($((SECONDS - t0)) s)"
	else
		say "$name: FAILED (exit $rc, $((SECONDS - t0)) s)"
	fi
}

# JOURNEY_ONLY="regress pgtap fuzz upgrade concurrency.sh ..." runs only the
# named parts of `test` (a script suite by its path under test/).
wanted() {
	[ -z "${JOURNEY_ONLY:-}" ] && return 0
	case " $JOURNEY_ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}

case $MODE in
demo)
	createdb journey_demo
	KEEP_DB=journey_demo
	say "demo: psql -f test/demo/demo.sql journey_demo"
	psql -v ON_ERROR_STOP=1 -X -P pager=off -f test/demo/demo.sql journey_demo
	REPORT=${JOURNEY_REPORT:-$ROOT/journey-report.html}
	say "report: psql -v report=$REPORT -f test/demo/report.sql journey_demo"
	psql -v ON_ERROR_STOP=1 -X -v report="$REPORT" -f test/demo/report.sql journey_demo
	say "report written: $REPORT (self-contained HTML: open it in any browser, no network needed)"
	;;
test)
	T0=$SECONDS
	t1=$SECONDS
	wanted regress && run_regress && say "pg_regress: done ($((SECONDS - t1)) s)"
	t1=$SECONDS
	wanted pgtap && run_pgtap && say "pgTAP: done ($((SECONDS - t1)) s)"
	if [ -f test/fuzz/run.sh ] && wanted fuzz; then
		run_script "fuzz (FUZZ_COUNT=${FUZZ_COUNT:-20000})" \
			FUZZ_COUNT="${FUZZ_COUNT:-20000}" bash test/fuzz/run.sh
	fi
	if [ -f test/fuzz/state_run.sh ] && wanted fuzz; then
		run_script "aggregate-state fuzz (FUZZ_STATES=${FUZZ_STATES:-20000})" \
			FUZZ_STATES="${FUZZ_STATES:-20000}" bash test/fuzz/state_run.sh
	fi
	if [ -f test/upgrade.sh ] && wanted upgrade; then
		run_script "upgrade" bash test/upgrade.sh
	fi
	for suite in test/concurrency.sh test/score_trigger.sh test/doc_coverage.sh test/clients/run.sh \
		test/packaging/check_versions.sh test/packaging/check_meta.sh \
		test/demo/report_check.sh test/dump_restore.sh test/cookbook_sync.sh \
		test/parallel_restore.sh test/crash_recovery.sh test/sqlsmith.sh \
		test/clickhouse_diff.sh test/citus.sh test/install_doc.sh test/cancel.sh; do
		if [ -f "$suite" ] && wanted "${suite#test/}"; then
			run_script "${suite#test/}" bash "$suite"
		fi
	done
	crashes=$(crash_lines)
	if [ -n "$crashes" ]; then
		say "the server log shows crashed backends:"
		printf '%s\n' "$crashes"
		FAILED=$((FAILED + 1))
	fi
	say "test suites took $((SECONDS - T0)) s"
	echo "$PASSED passed, $FAILED failed"
	[ $FAILED -eq 0 ]
	;;
bench)
	if [ -f test/bench/run.sh ]; then
		bash test/bench/run.sh
	else
		say "no test/bench/run.sh yet"
	fi
	;;
fuzz)
	if [ -f test/fuzz/run.sh ]; then
		FUZZ_COUNT="${FUZZ_COUNT:-100000}" bash test/fuzz/run.sh
		say "aggregate-state fuzz (FUZZ_STATES=${FUZZ_STATES:-1000000})"
		FUZZ_STATES="${FUZZ_STATES:-1000000}" bash test/fuzz/state_run.sh
	else
		say "no test/fuzz/run.sh yet"
	fi
	if [ -f test/sqlsmith.sh ]; then
		say "sqlsmith (SQLSMITH_COUNT=${SQLSMITH_COUNT:-100000})"
		SQLSMITH_COUNT="${SQLSMITH_COUNT:-100000}" bash test/sqlsmith.sh
	fi
	;;
esac
