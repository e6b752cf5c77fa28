#!/usr/bin/env bash
#
# test/fuzz/run.sh — fuzz the text input and binary receive functions of
# journey.journey against a running server (see doc/fuzzing.md).
#
#   PGHOST=... PGPORT=... PGUSER=... FUZZ_COUNT=100000 bash test/fuzz/run.sh
#
# Builds the libpq client test/fuzz/journey_fuzz, (re)creates the database
# ${FUZZ_DB:-journey_fuzz} with the installed journey extension and runs the
# client.  The last line is "N passed, N failed" (properties checked); the
# exit status is non-zero when any failed.
#
# Environment: FUZZ_COUNT (inputs, default 20000), FUZZ_SEED (PRNG seed,
# default fixed, printed), FUZZ_BATCH (inputs per pipeline), FUZZ_DB,
# PG_CONFIG, JOURNEY_PGLOG (server log checked for crashed backends).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -z "${PG_CONFIG:-}" ] || [ "$PG_CONFIG" = pg_config ]; then
	PG_CONFIG=pg_config
	[ -x /usr/lib/postgresql/15/bin/pg_config ] && PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
fi
command -v "$PG_CONFIG" >/dev/null 2>&1 || { echo "test/fuzz/run.sh: no $PG_CONFIG" >&2; exit 2; }
PSQL=psql
command -v psql >/dev/null 2>&1 || PSQL="$("$PG_CONFIG" --bindir)/psql"

BIN=$HERE/journey_fuzz
LIBDIR=$("$PG_CONFIG" --libdir)
gcc -O2 -Wall -Wextra -Werror -I"$("$PG_CONFIG" --includedir)" \
	-o "$BIN" "$HERE/journey_fuzz.c" -L"$LIBDIR" -Wl,-rpath,"$LIBDIR" -lpq -lm

DB=${FUZZ_DB:-journey_fuzz}
export FUZZ_DB=$DB
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS \"$DB\"" \
	-c "CREATE DATABASE \"$DB\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE EXTENSION journey"

export FUZZ_COUNT=${FUZZ_COUNT:-20000}
exec "$BIN"
