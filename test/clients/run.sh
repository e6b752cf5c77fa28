#!/usr/bin/env bash
#
# test/clients/run.sh — run the client examples (psql, Java/JDBC, Python/
# psycopg 3, Node/pg) against the server in PGHOST/PGPORT/PGUSER, each in a
# database of its own that is created (with CREATE EXTENSION journey) before
# and dropped after it.  The journey extension must be installed in that
# server (test/run.sh does it; see doc/clients.md).
#
#   bash test/clients/run.sh [psql] [java] [python] [node]    (default: all)
#
# Missing toolchains are installed with apt-get when running as root
# (apt-get update first, and only when something is missing); a client
# whose toolchain is missing and cannot be installed is SKIPPED: reported,
# counted neither as passed nor as failed.  The client's own output is
# indented; the last line is the sum over all clients, "N passed, N failed".
# Exit status 0 when nothing failed.
#
# Environment: PGHOST, PGPORT, PGUSER (PGPASSWORD if needed);
# JOURNEY_CLIENT_DB_PREFIX (default journey_client_) names the databases;
# JOURNEY_CLIENT_TIMEOUT (default 300) bounds each client, in seconds.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${JOURNEY_CLIENT_DB_PREFIX:-journey_client_}
TIMEOUT=${JOURNEY_CLIENT_TIMEOUT:-300}
unset PGDATABASE PGSERVICE PGOPTIONS

ALL=(psql java python node)
if [ $# -gt 0 ]; then
	CLIENTS=("$@")
	for c in "${CLIENTS[@]}"; do
		case $c in
		psql | java | python | node) ;;
		*) echo "usage: test/clients/run.sh [psql] [java] [python] [node]" >&2; exit 2 ;;
		esac
	done
else
	CLIENTS=("${ALL[@]}")
fi
wanted() {
	local c
	for c in "${CLIENTS[@]}"; do [ "$c" = "$1" ] && return 0; done
	return 1
}

say() { printf '==> clients: %s\n' "$*"; }
is_root() { [ "$(id -u)" -eq 0 ]; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/journey-clients.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

JDBC_JAR=/usr/share/java/postgresql.jar
UNIXSOCKET_JAR=/usr/share/java/junixsocket-common.jar

# The Python that has psycopg 3: the one on PATH if it does, else Debian's.
PYTHON=""
find_python() {
	local p
	PYTHON=""
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import psycopg' >/dev/null 2>&1; then
			PYTHON=$(command -v "$p")
			return 0
		fi
	done
	return 1
}

# What each client lacks, as Debian packages (empty: ready).
need_psql() { command -v psql >/dev/null 2>&1 || echo postgresql-client-15; }
need_java() {
	command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || echo default-jdk-headless
	[ -f "$JDBC_JAR" ] || echo libpostgresql-jdbc-java
	# pgjdbc reaches a Unix-socket directory through junixsocket
	[ -f "$UNIXSOCKET_JAR" ] || echo libjunixsocket-java
}
need_python() { find_python || echo python3-psycopg; }
need_node() {
	command -v node >/dev/null 2>&1 || echo nodejs
	command -v npm >/dev/null 2>&1 || echo npm
}

declare -A SKIP
missing=()
for c in "${CLIENTS[@]}"; do
	mapfile -t pk < <("need_$c")
	missing+=("${pk[@]}")
done

if [ ${#missing[@]} -gt 0 ]; then
	say "missing packages: ${missing[*]}"
	if ! is_root; then
		say "not root: cannot install them; as root run"
		say "    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
	elif ! command -v apt-get >/dev/null 2>&1; then
		say "no apt-get: install ${missing[*]} by hand"
	else
		say "installing ${missing[*]}"
		if apt-get update -q >"$WORK/apt.log" 2>&1 &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
				"${missing[@]}" >>"$WORK/apt.log" 2>&1; then
			say "installed"
		else
			tail -n 20 "$WORK/apt.log" | sed 's/^/    /'
			say "package installation failed"
		fi
	fi
	for c in "${CLIENTS[@]}"; do
		mapfile -t pk < <("need_$c")
		[ ${#pk[@]} -eq 0 ] || SKIP[$c]="missing ${pk[*]}"
	done
fi

# node_modules/pg from npm (the registry must be reachable the first time).
if wanted node && [ -z "${SKIP[node]:-}" ] && [ ! -f "$HERE/node/node_modules/pg/package.json" ]; then
	say "npm install (test/clients/node)"
	if ! (cd "$HERE/node" && npm install --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1; then
		sed 's/^/    /' "$WORK/npm.log"
		SKIP[node]="npm install pg failed"
	fi
fi

PASSED=0
FAILED=0
SKIPPED=()

# run_client NAME COMMAND...: a fresh database, the command with PGDATABASE
# set, its output indented, its closing "N passed, N failed" added up.
run_client() {
	local name=$1 db=${PREFIX}$1 rc=0 p f
	shift
	say "$name"
	if ! dropdb --if-exists "$db" >"$WORK/db.log" 2>&1 || ! createdb "$db" >>"$WORK/db.log" 2>&1 ||
		! psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION journey' >>"$WORK/db.log" 2>&1; then
		sed 's/^/    /' "$WORK/db.log"
		say "$name: could not create database $db with the extension"
		FAILED=$((FAILED + 1))
		return
	fi
	PGDATABASE=$db timeout --kill-after=10 "$TIMEOUT" "$@" >"$WORK/$name.out" 2>&1 || rc=$?
	sed 's/^/    /' "$WORK/$name.out"
	read -r p f < <(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' "$WORK/$name.out" | tail -n1) || true
	if [ -z "${f:-}" ]; then
		p=0
		f=1
	fi
	[ $rc -eq 0 ] || [ "$f" -gt 0 ] || f=1
	[ $rc -ne 124 ] || say "$name: timed out after $TIMEOUT s"
	[ $rc -eq 0 ] || say "$name: FAILED (exit $rc)"
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
	dropdb --if-exists "$db" >/dev/null 2>&1 || true
}

skip() {
	say "$1: SKIPPED ($2)"
	SKIPPED+=("$1")
}

for c in "${CLIENTS[@]}"; do
	if [ -n "${SKIP[$c]:-}" ]; then
		skip "$c" "${SKIP[$c]}"
		continue
	fi
	case $c in
	psql)
		run_client psql bash "$HERE/psql/run.sh"
		;;
	java)
		if ! javac -Xlint:all -cp "$JDBC_JAR" -d "$WORK/java" "$HERE/java/JourneyExample.java" \
			>"$WORK/javac.log" 2>&1; then
			sed 's/^/    /' "$WORK/javac.log"
			say "java: compilation FAILED"
			FAILED=$((FAILED + 1))
			continue
		fi
		run_client java java -cp "$WORK/java:$JDBC_JAR:$UNIXSOCKET_JAR" JourneyExample
		;;
	python)
		find_python
		run_client python "$PYTHON" "$HERE/python/journey_example.py"
		;;
	node)
		run_client node node "$HERE/node/journey_example.js"
		;;
	esac
done

if [ ${#SKIPPED[@]} -gt 0 ]; then
	say "SKIPPED (not run, not counted): ${SKIPPED[*]}"
fi
echo "$PASSED passed, $FAILED failed"
[ $FAILED -eq 0 ]
