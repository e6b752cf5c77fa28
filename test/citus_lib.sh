# shellcheck shell=bash
# test/citus_lib.sh — a private Citus cluster: a coordinator and two workers
# on 127.0.0.1.  Sourced by test/citus.sh (make test) and
# test/bench/70_distributed.sh (make bench).
#
#	. test/citus_lib.sh
#	citus_prepare LOG || ...   make Citus available (test/build_citus.sh)
#	citus_start || ...         initdb, start, CREATE EXTENSION citus, add nodes
#	citus_q coord -c "..."     psql on a node (coord, w1, w2)
#	citus_stop                 stop every node, remove the cluster's directory
#
# citus_prepare LOG
#	Runs test/build_citus.sh for the PostgreSQL that PG_CONFIG names (an
#	installed Citus, or Citus 13.2.2 built once from ../shared/vendor into
#	a cache), its stderr appended to LOG.  Returns 0 when Citus is
#	installed; 3 when it cannot be (CITUS_SKIP: the reason, one line, e.g.
#	PostgreSQL 18, which Citus 13 does not support); anything else when the
#	build failed (CITUS_ERROR: the build's messages).
# citus_start
#	Makes CITUS_BASE (mktemp under JOURNEY_TMPDIR or /tmp) and initdb's the
#	nodes CITUS_NODES (coord w1 w2) into it, run as the postgres user (or
#	journey) when we are root; each listens on a free port of 127.0.0.1
#	(CITUS_PORT[node], searched from CITUS_PORT_FROM, default a random port
#	in 57000..58999) with its socket in CITUS_BASE.  postgresql.conf gets
#	shared_preload_libraries = 'citus', no fsync, citus.shard_count = 4,
#	then the lines of CITUS_CONF (settings of the caller, which win).  Then
#	CREATE EXTENSION citus on every node, the coordinator's host set and the
#	two workers added.  Before it creates anything it sets the EXIT trap to
#	citus_stop (INT, TERM and HUP exit), so the cluster goes away on every
#	exit path.  Returns 1 with CITUS_ERROR (what failed, with the log's
#	tail) when a step fails.  CITUS_START_S: the seconds it took.
# citus_stop
#	Stops every node that runs (-m immediate: the data is thrown away),
#	removes CITUS_BASE and clears the traps citus_start set.
# citus_q NODE ARGS...
#	psql -X -q -At -v ON_ERROR_STOP=1 on database postgres of NODE as user
#	postgres, through the socket in CITUS_BASE.
#
# Needs PG_CONFIG or JOURNEY_PGBIN (initdb, pg_ctl, psql).

CITUS_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CITUS_PGBIN=${JOURNEY_PGBIN:-$("${PG_CONFIG:-pg_config}" --bindir)}
CITUS_NODES=(coord w1 w2)
CITUS_BASE=""
CITUS_CONF=${CITUS_CONF:-}
CITUS_SKIP=""
CITUS_ERROR=""
CITUS_START_S=0
declare -A CITUS_PORT=()

# PostgreSQL refuses to run as root: the nodes then run as postgres (or the
# journey user test/run.sh creates).
CITUS_RUNAS=""
if [ "$(id -u)" -eq 0 ]; then
	CITUS_RUNAS=postgres
	id postgres >/dev/null 2>&1 || CITUS_RUNAS=journey
fi
citus_as_owner() {
	if [ -n "$CITUS_RUNAS" ]; then
		(cd / && runuser -u "$CITUS_RUNAS" -- "$@")
	else
		"$@"
	fi
}

citus_prepare() {
	local log=${1:-/dev/null} out rc=0
	out=$(mktemp "${JOURNEY_TMPDIR:-/tmp}/journey-citus-build.XXXXXX")
	PG_CONFIG=${PG_CONFIG:-$CITUS_PGBIN/pg_config} \
		bash "$CITUS_LIB_DIR/build_citus.sh" 2>"$out" || rc=$?
	cat "$out" >>"$log" 2>/dev/null
	if [ $rc -eq 3 ]; then
		CITUS_SKIP=$(sed -n 's/^SKIP: //p' "$out" | head -n1)
	elif [ $rc -ne 0 ]; then
		CITUS_ERROR=$(cat "$out")
	fi
	rm -f "$out"
	return $rc
}

citus_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && [ ! -S "/tmp/.s.PGSQL.$1" ]
}

citus_stop() {
	local n
	trap - EXIT INT TERM HUP
	[ -n "$CITUS_BASE" ] || return 0
	for n in "${CITUS_NODES[@]}"; do
		[ -f "$CITUS_BASE/$n/postmaster.pid" ] &&
			citus_as_owner "$CITUS_PGBIN/pg_ctl" -D "$CITUS_BASE/$n" -m immediate -w stop >/dev/null 2>&1
	done
	rm -rf "$CITUS_BASE"
	CITUS_BASE=""
	return 0
}

citus_q() {
	local n=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$CITUS_BASE" -U postgres -p "${CITUS_PORT[$n]}" -d postgres "$@"
}

citus_start() {
	local n next t0=$SECONDS
	CITUS_BASE=$(mktemp -d "${JOURNEY_TMPDIR:-/tmp}/journey-citus.XXXXXX") || {
		CITUS_ERROR="mktemp failed"
		return 1
	}
	trap citus_stop EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	chmod 755 "$CITUS_BASE"
	[ -z "$CITUS_RUNAS" ] || chown "$CITUS_RUNAS" "$CITUS_BASE"

	next=${CITUS_PORT_FROM:-$((57000 + RANDOM % 2000))}
	for n in "${CITUS_NODES[@]}"; do
		while ! citus_port_free "$next"; do next=$((next + 1)); done
		CITUS_PORT[$n]=$next
		next=$((next + 1))
	done

	for n in "${CITUS_NODES[@]}"; do
		if ! citus_as_owner "$CITUS_PGBIN/initdb" -D "$CITUS_BASE/$n" -A trust -U postgres --no-sync \
			-E UTF8 --locale=C >"$CITUS_BASE/$n.initdb.log" 2>&1; then
			CITUS_ERROR="initdb $n: $(tail -n 20 "$CITUS_BASE/$n.initdb.log")"
			return 1
		fi
		cat >>"$CITUS_BASE/$n/postgresql.conf" <<EOF
port = ${CITUS_PORT[$n]}
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CITUS_BASE'
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
shared_buffers = 64MB
timezone = 'UTC'
lc_messages = 'C'
citus.shard_count = 4
citus.enable_statistics_collection = off
$CITUS_CONF
EOF
		if ! citus_as_owner "$CITUS_PGBIN/pg_ctl" -D "$CITUS_BASE/$n" -l "$CITUS_BASE/$n.log" -w -t 60 \
			start >/dev/null 2>&1; then
			CITUS_ERROR="start $n: $(tail -n 20 "$CITUS_BASE/$n.log")"
			return 1
		fi
	done

	for n in "${CITUS_NODES[@]}"; do
		citus_q "$n" -c "CREATE EXTENSION citus" >/dev/null 2>"$CITUS_BASE/ext.err" || {
			CITUS_ERROR="CREATE EXTENSION citus on $n: $(cat "$CITUS_BASE/ext.err")"
			return 1
		}
	done
	citus_q coord -c "SELECT citus_set_coordinator_host('127.0.0.1', ${CITUS_PORT[coord]})" \
		-c "SELECT citus_add_node('127.0.0.1', ${CITUS_PORT[w1]})" \
		-c "SELECT citus_add_node('127.0.0.1', ${CITUS_PORT[w2]})" >/dev/null 2>"$CITUS_BASE/ext.err" || {
		CITUS_ERROR="citus_add_node: $(cat "$CITUS_BASE/ext.err")"
		return 1
	}
	CITUS_START_S=$((SECONDS - t0))
	return 0
}
