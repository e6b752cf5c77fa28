# test/cache_lib.sh — sourced by test/build_pg.sh and test/build_citus.sh.
#
# journey_cache_dir: print the directory where builds of test dependencies
# are kept across runs and clones: $JOURNEY_CACHE, else /var/cache/journey,
# else ${XDG_CACHE_HOME:-~/.cache}/journey — the first that can be created
# and written.  Fails (status 1) when none can.
journey_cache_dir() {
	local c
	for c in "${JOURNEY_CACHE:-}" /var/cache/journey "${XDG_CACHE_HOME:-$HOME/.cache}/journey"; do
		[ -n "$c" ] || continue
		if mkdir -p "$c" 2>/dev/null && [ -w "$c" ]; then
			chmod 755 "$c" 2>/dev/null || true
			echo "$c"
			return 0
		fi
	done
	return 1
}
