#!/usr/bin/env bash
#
# test/bench/run.sh — the journey benchmark.
#
#   make bench                         (a throwaway cluster, via test/run.sh)
#   BENCH_SCALE=0.01 bash test/bench/run.sh   (any server: PGHOST, PGPORT, PGUSER)
#
# Prints the settings, then one table per section: test/bench/NN_name.sh,
# sourced in order (helpers in test/bench/lib.sh).  10_data.sh builds (or
# reuses) the data set in schema "bench"; every later section measures
# queries against a baseline measured in the same run.
#
# Environment:
#   BENCH_SCALE    1 = 1M customers, ~10M events (default 1)
#   BENCH_REPEAT   timed runs per query, after one warm-up run (default 5)
#   BENCH_ONLY     sections to run, e.g. "journey" or "journey,funnel"
#                  (data always runs)
#   BENCH_DB       database (default journey_bench; created when missing)
#   BENCH_SET      settings for every measured session, e.g.
#                  "work_mem=256MB jit=off"
#   BENCH_REBUILD  1 = regenerate the data even if it matches the scale
#   BENCH_STRICT   1 = exit 1 when a target is missed
#   BENCH_OUT      where results.tsv and plans.txt go (default test/bench/out)
#
# See doc/benchmarks.md.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$BENCH_DIR/lib.sh"

for want in ${BENCH_ONLY//,/ }; do
	ls "$BENCH_DIR"/[0-9][0-9]_"$want".sh >/dev/null 2>&1 ||
		bench_die "BENCH_ONLY: no section '$want' (test/bench/NN_$want.sh)"
done

bench_init

for f in "$BENCH_DIR"/[0-9][0-9]_*.sh; do
	[ -e "$f" ] || continue
	name=${f##*/}
	name=${name#[0-9][0-9]_}
	name=${name%.sh}
	bench_selected "$name" || continue
	# shellcheck source=/dev/null
	. "$f"
done

bench_summary
