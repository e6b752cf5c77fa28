#!/usr/bin/env bash
#
# test/fuzz/state_run.sh — fuzz the serialized states of journey's aggregates
# (doc/fuzzing.md, "Aggregate states") against the server that PGHOST,
# PGPORT and PGUSER (a superuser) reach.  journey must be a test build
# (make JOURNEY_TEST=1, as test/run.sh builds it).
#
#   FUZZ_STATES=20000 bash test/fuzz/state_run.sh
#
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -z "${PG_CONFIG:-}" ] || [ "$PG_CONFIG" = pg_config ]; then
	PG_CONFIG=pg_config
	[ -x /usr/lib/postgresql/15/bin/pg_config ] && PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
fi
command -v "$PG_CONFIG" >/dev/null 2>&1 || { echo "test/fuzz/state_run.sh: no $PG_CONFIG" >&2; exit 2; }
PSQL=psql
command -v psql >/dev/null 2>&1 || PSQL="$("$PG_CONFIG" --bindir)/psql"

BIN=$HERE/state_fuzz
LIBDIR=$("$PG_CONFIG" --libdir)
gcc -O2 -Wall -Wextra -Werror -I"$("$PG_CONFIG" --includedir)" \
	-o "$BIN" "$HERE/state_fuzz.c" -L"$LIBDIR" -Wl,-rpath,"$LIBDIR" -lpq

DB=${FUZZ_STATE_DB:-journey_state_fuzz}
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$DB\"" \
	-c "CREATE DATABASE \"$DB\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE EXTENSION journey" -f "$HERE/state_fuzz.sql" >/dev/null
# the states earlier runs found, each a regression test of its fix
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$HERE/state_cases.sql" 2>&1 | sed 's/^psql:[^ ]* NOTICE: */  /'

export FUZZ_DB=$DB FUZZ_STATES=${FUZZ_STATES:-20000}
exec "$BIN"
