#!/usr/bin/env bash
#
# test/install_doc.sh — checks README.md's "Installing into your own
# PostgreSQL" (part of `make test`).
#
# 1. Shape, always: the section has one ```sh block; it sets SUDO the way it
#    says (so every line works as root, who has no sudo on a fresh Debian,
#    and as a sudo user); no line starts with a bare `sudo`; the cluster is
#    created only when missing and started only when stopped; the database
#    role of the caller exists before a plain `psql`, and CREATE EXTENSION
#    runs as postgres; every line parses.
# 2. Follow, as root on Debian (postgresql-common's pg_createcluster present):
#    the lines are run one by one, as written, except that
#      - `apt-get update` and `apt-get install` are not run (they need the
#        network and the machine-wide apt lock, and must not change the
#        machine's packages under other users): the packages the install
#        line names must be installed instead (dpkg);
#      - Debian's cluster `15 main` becomes a cluster of our own in Debian's
#        layout, `15 journey_doc_PID` (/etc/postgresql/15/..., /var/lib/...,
#        the socket in /var/run/postgresql), created on a free port with
#        --start-conf=manual, so that Debian's own cluster is never started,
#        stopped or changed; PGCLUSTER routes psql, createdb and createuser
#        (Debian's pg_wrapper) to it;
#      - `make install` runs as written: test/run.sh holds the install lock
#        and has just installed the same files.
#    The last line must print "web > store".  Our cluster is dropped on every
#    exit, and the test fails if Debian's 15/main changed (status, port,
#    configuration files).
#    Not root, or no pg_createcluster: only the shape is checked (there is no
#    safe way to create a Debian cluster then), and the script says so.
#
# Prints "N passed, N failed"; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

# The section is about Debian's PostgreSQL 15 and builds the tree for it:
# in make test's pass on another server (PG_CONFIG), it is not the subject,
# and rebuilding the tree there would mix objects of two servers.
if [ -n "${PG_CONFIG:-}" ] && [ "$PG_CONFIG" != pg_config ] &&
	[ "$PG_CONFIG" != /usr/lib/postgresql/15/bin/pg_config ]; then
	echo "SKIP: the README's install section is about Debian's PostgreSQL 15; this pass is $PG_CONFIG"
	exit 0
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ $# -lt 2 ] || printf '#   %s\n' "${@:2}"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

work=$(mktemp -d)
NAME=""
cleanup() {
	if [ -n "$NAME" ] && [ -d "/etc/postgresql/15/$NAME" ]; then
		pg_dropcluster 15 "$NAME" --stop >/dev/null 2>&1 ||
			echo "# could not drop cluster 15/$NAME: pg_dropcluster 15 $NAME --stop"
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
# The section's commands
# ---------------------------------------------------------------------------
awk '
	/^## / { insec = ($0 == "## Installing into your own PostgreSQL") ; next }
	insec && /^```sh[[:space:]]*$/ { inblock = 1; nblocks++; next }
	insec && inblock && /^```[[:space:]]*$/ { inblock = 0; next }
	insec && inblock && nblocks == 1 { print }
	END { if (nblocks != 1) exit 1 }
' README.md >"$work/cmds.sh"
rc=$?
if [ $rc -ne 0 ] || ! [ -s "$work/cmds.sh" ]; then
	not_ok "README.md has one \`\`\`sh block under \"## Installing into your own PostgreSQL\""
	finish
fi
ok "README.md has one \`\`\`sh block under \"## Installing into your own PostgreSQL\" ($(grep -c . "$work/cmds.sh") lines)"
# the command lines (no comments, no blank lines)
grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$work/cmds.sh" >"$work/lines"

# ---------------------------------------------------------------------------
# 1. Shape
# ---------------------------------------------------------------------------
check "the first line sets SUDO to nothing for root and to sudo otherwise" \
	[ "$(head -n1 "$work/lines")" = 'SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)' ]
check "no line starts with a bare sudo (root has no sudo on a fresh Debian)" \
	bash -c "! grep -qE '^[[:space:]]*sudo[[:space:]]' '$work/lines'"
check "every line parses (bash -n)" bash -n "$work/lines"
check "pg_createcluster runs only when the cluster is missing (it fails when it exists)" \
	bash -c "! grep 'pg_createcluster' '$work/lines' | grep -qv '\[ -d /etc/postgresql/15/main \] || '"
check "pg_ctlcluster start runs only when the cluster is stopped (starting a running one fails)" \
	bash -c "! grep 'pg_ctlcluster .* start' '$work/lines' | grep -qv 'status >/dev/null || '"
check "no pg_createcluster --start (it exits 1 when the cluster exists)" \
	bash -c "! grep -q 'pg_createcluster.*--start\b' '$work/lines'"
check "CREATE EXTENSION runs as postgres (it needs a superuser)" \
	bash -c "grep 'CREATE EXTENSION journey' '$work/lines' | grep -q 'runuser -u postgres -- psql'"
# a plain psql (as the caller) only after the caller's role exists
first_role=$(grep -n 'createuser "$(id -un)"' "$work/lines" | head -n1 | cut -d: -f1)
first_plain=$(grep -n '^psql ' "$work/lines" | head -n1 | cut -d: -f1)
check "the caller's role is created before a plain psql (role \"root\" does not exist otherwise)" \
	[ -n "$first_role" -a -n "$first_plain" -a "${first_role:-0}" -lt "${first_plain:-0}" ]
check "createdb and the role commands run as postgres" \
	bash -c "! grep -E '(^|[^-])\b(createdb|createuser)\b' '$work/lines' | grep -qv 'runuser -u postgres -- '"

# ---------------------------------------------------------------------------
# 2. Follow the lines on a Debian cluster of our own
# ---------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v pg_createcluster >/dev/null 2>&1 ||
	! command -v runuser >/dev/null 2>&1 || ! [ -x /usr/lib/postgresql/15/bin/postgres ]; then
	echo "# skipped following the commands: needs root, Debian's postgresql-common (pg_createcluster)"
	echo "# and PostgreSQL 15; only their shape was checked"
	finish
fi

# Debian's own cluster, to compare at the end
main_state() {
	pg_lsclusters 15 main 2>/dev/null
	[ -d /etc/postgresql/15/main ] && find /etc/postgresql/15/main -type f -exec md5sum {} + 2>/dev/null | sort
}
main_state >"$work/main.before"

NAME=journey_doc_$$
PORT=55600
while [ $PORT -lt 55700 ]; do
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && ! [ -S "/var/run/postgresql/.s.PGSQL.$PORT" ] &&
		! grep -qs "^port *= *$PORT\b" /etc/postgresql/*/*/postgresql.conf; then
		break
	fi
	PORT=$((PORT + 1))
done

# The install line's packages must be installed (we do not run apt-get).
pkgs=$(sed -n 's/.*apt-get install -y --no-install-recommends //p' "$work/lines")
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
check "the packages of the install line are installed ($pkgs)${missing:+; missing:$missing}" [ -n "$pkgs" -a -z "$missing" ]

# The script we run: the lines as written, with the substitutions above.
{
	echo 'set -e'
	# a fresh login shell: no PG* variables of test/run.sh, Debian's PATH (so
	# psql, createdb, createuser are pg_wrapper, which reads PGCLUSTER)
	echo 'unset PGHOST PGPORT PGUSER PGDATABASE PGSERVICE PGHOSTADDR PGOPTIONS'
	echo 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
	echo "export PGCLUSTER=15/$NAME"
	while IFS= read -r line; do
		case $line in
		*'apt-get update'* | *'apt-get install'*) echo ": skipped: $line"; continue ;;
		esac
		line=${line//\/etc\/postgresql\/15\/main/\/etc\/postgresql\/15\/$NAME}
		line=${line//pg_createcluster 15 main/pg_createcluster -p $PORT --start-conf=manual 15 $NAME}
		line=${line//pg_ctlcluster 15 main/pg_ctlcluster 15 $NAME}
		printf 'echo %q\n' "+ $line"
		printf '%s\n' "$line"
	done <"$work/lines"
} >"$work/follow.sh"
if grep -q ' 15 main\b' "$work/follow.sh"; then
	not_ok "every use of Debian's cluster 15/main was redirected to 15/$NAME" "$(grep ' 15 main' "$work/follow.sh")"
	finish
fi

bash "$work/follow.sh" >"$work/follow.log" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
	ok "the lines run as written as root (cluster 15/$NAME in Debian's layout, port $PORT)"
else
	not_ok "the lines run as written as root (exit $rc)" "$(tail -n 8 "$work/follow.log")"
fi
check "the last line prints web > store" grep -q '^ *web > store *$' "$work/follow.log"
check "the cluster they made lives in Debian's layout" [ -f "/etc/postgresql/15/$NAME/postgresql.conf" -a -d "/var/lib/postgresql/15/$NAME" ]

pg_dropcluster 15 "$NAME" --stop >/dev/null 2>&1
check "our cluster 15/$NAME is dropped" [ ! -d "/etc/postgresql/15/$NAME" -a ! -d "/var/lib/postgresql/15/$NAME" ]
main_state >"$work/main.after"
check "Debian's cluster 15/main is as before (status, port, configuration)" cmp -s "$work/main.before" "$work/main.after"
finish
