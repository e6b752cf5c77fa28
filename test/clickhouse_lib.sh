# shellcheck shell=bash
# test/clickhouse_lib.sh — a private ClickHouse server for the tests and the
# benchmark (sourced by test/clickhouse_diff.sh and test/bench/60_clickhouse.sh).
#
#	. test/clickhouse_lib.sh
#	ch_install LOG || ...     # 0 ready, 2 cannot install (CH_SKIP says why),
#	                          # 1 apt-get failed (its tail went to stderr)
#	trap ch_stop EXIT         # (the caller's own cleanup may call ch_stop)
#	ch_start DIR || ...       # a private server under DIR; sets CH_PORT, CH_PID
#	ch -q 'SELECT 1'          # clickhouse-client on it, under `timeout`
#	ch_stop                   # stops CH_PID (only it), waits for it
#
# Debian 12's clickhouse-server/clickhouse-client (18.16) are installed when
# missing, as root only, quietly (apt-get output goes to LOG), with a
# temporary policy-rc.d so that the package does not start the system
# service.  The server listens on 127.0.0.1 only, on a free high port, with
# its configuration, data directory and logs all under DIR; the system
# service and its files are never used.  It is stopped by its pid, never by
# name: other people's ClickHouse servers may run on the same machine.
#
# Every client call goes through ch(), which wraps clickhouse-client in
# `timeout ${CH_TIMEOUT:-60}`: 18.16's client can hang (`--help` spins).
#
# Settings read by ch_start: CH_MAX_THREADS (default 2), CH_MAX_MEMORY
# (bytes, default 2000000000).

CH_SERVER=${CH_SERVER:-/usr/sbin/clickhouse-server}
CH_CLIENT=${CH_CLIENT:-/usr/bin/clickhouse-client}
CH_PORT=""
CH_PID=""
CH_DIR=""
CH_SKIP=""

# ch_install LOG: makes clickhouse-server and clickhouse-client available.
ch_install() {
	local log=$1 policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
	if [ -x "$CH_SERVER" ] && [ -x "$CH_CLIENT" ]; then
		return 0
	fi
	if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		CH_SKIP="clickhouse-server/clickhouse-client missing; as root: apt-get install clickhouse-server clickhouse-client"
		return 2
	fi
	printf 'installing clickhouse-server clickhouse-client (log: %s)\n' "$log" >&2
	# Keep the package from starting the system service: we only want a
	# private server.  The policy file is ours only if there was none.
	if ! [ -e "$policy" ]; then
		printf '#!/bin/sh\n# temporary, written by journey test/clickhouse_lib.sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
		made_policy=1
	fi
	apt-get update >"$log" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			clickhouse-server clickhouse-client >>"$log" 2>&1 || rc=$?
	fi
	[ $made_policy -eq 0 ] || rm -f "$policy"
	if [ $rc -ne 0 ]; then
		tail -n 20 "$log" >&2
		printf 'apt-get install clickhouse-server clickhouse-client failed (exit %s)\n' "$rc" >&2
		return 1
	fi
	return 0
}

# Every client call has a timeout: 18.16's client can hang (--help spins).
ch() {
	timeout "${CH_TIMEOUT:-60}" "$CH_CLIENT" --host 127.0.0.1 --port "$CH_PORT" "$@"
}

ch_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ch_start DIR: starts a private server with everything under DIR (created;
# an old data directory there is removed first).  Returns non-zero, with
# the server's last log lines on stderr, when it does not become ready.
ch_start() {
	local dir=$1 p _ ready=0
	CH_DIR=$dir
	CH_PORT=""
	for _ in $(seq 1 50); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		if ch_port_free "$p"; then CH_PORT=$p; break; fi
	done
	if [ -z "$CH_PORT" ]; then
		echo "no free port found for ClickHouse" >&2
		return 1
	fi

	# As root the server runs as root: 18.16 has no objection, and the files
	# all live in DIR.
	rm -rf "$dir/data"
	mkdir -p "$dir/data/tmp" "$dir/data/user_files" "$dir/data/format_schemas" || return 1
	cat >"$dir/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/server.log</log>
    <errorlog>$dir/server.err.log</errorlog>
    <size>100M</size>
    <count>1</count>
  </logger>
  <tcp_port>$CH_PORT</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/data/tmp/</tmp_path>
  <user_files_path>$dir/data/user_files/</user_files_path>
  <format_schema_path>$dir/data/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
</yandex>
EOF
	cat >"$dir/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>${CH_MAX_MEMORY:-2000000000}</max_memory_usage><max_threads>${CH_MAX_THREADS:-2}</max_threads></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
EOF

	# fd 9 is test/run.sh's install lock: the server must not inherit it.
	"$CH_SERVER" --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 9>&- &
	CH_PID=$!

	for _ in $(seq 1 120); do
		kill -0 "$CH_PID" 2>/dev/null || break
		if [ "$(CH_TIMEOUT=5 ch -q 'SELECT 1' 2>/dev/null)" = 1 ]; then ready=1; break; fi
		sleep 0.5
	done
	if [ $ready -eq 0 ]; then
		tail -n 20 "$dir/stdout.log" "$dir/server.err.log" >&2 2>/dev/null
		echo "the private ClickHouse server did not become ready" >&2
		return 1
	fi
	return 0
}

# ch_stop: stops the server ch_start started (by its pid: TERM, then KILL
# after 10 s).  Safe to call twice, and when none was started.
ch_stop() {
	local _
	if [ -n "$CH_PID" ] && kill -0 "$CH_PID" 2>/dev/null; then
		kill "$CH_PID" 2>/dev/null
		for _ in $(seq 1 40); do
			kill -0 "$CH_PID" 2>/dev/null || break
			sleep 0.25
		done
		kill -0 "$CH_PID" 2>/dev/null && kill -9 "$CH_PID" 2>/dev/null
		wait "$CH_PID" 2>/dev/null
	fi
	CH_PID=""
	return 0
}
