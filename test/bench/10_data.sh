# test/bench/10_data.sh — the benchmark data set (sourced by run.sh).
#
# bench.events(customer_id, ts, label, value): BENCH_SCALE * 1M customers
# with 1..19 events each (10 on average), generated in SQL from a hash of
# (row number, stream) — no random seed state, so every run at a scale
# builds the same rows.  bench.journeys(customer_id, j) holds each
# customer's journey_agg(ts, label, value).  Both are reused while
# bench.meta says they were made at this scale by this generator version.

# Bump when the generated rows change, so that old tables are rebuilt.
BENCH_GENERATOR=1

section "data"

bench_data_current() {
	[ "$BENCH_REBUILD" = 1 ] && return 1
	[ "$(bench_query "SELECT to_regclass('bench.meta') IS NOT NULL AND to_regclass('bench.events') IS NOT NULL")" = t ] ||
		return 1
	[ "$(bench_query "SELECT count(*) FROM bench.meta WHERE generator = $BENCH_GENERATOR AND customers = $BENCH_CUSTOMERS")" = 1 ]
}

# bench.journeys is usable when its j column is still a journey (DROP
# EXTENSION journey CASCADE drops the column) and its values decode (another
# build of the extension might have changed the format).
bench_journeys_current() {
	[ "$(bench_query "SELECT journeys_ms IS NOT NULL FROM bench.meta")" = t ] || return 1
	[ "$(bench_query "SELECT count(*) FROM pg_catalog.pg_attribute
		WHERE attrelid = to_regclass('bench.journeys') AND attname = 'j'
		AND NOT attisdropped AND atttypid = 'journey.journey'::pg_catalog.regtype")" = 1 ] || return 1
	bench_query "SELECT count(j::text) FROM (SELECT j FROM bench.journeys LIMIT 100) s" >/dev/null 2>&1
}

if bench_data_current; then
	bench_note "   reusing bench.events (scale $BENCH_SCALE)"
else
	bench_note "   generating bench.events for $BENCH_CUSTOMERS customers ..."
	t0=$(bench_now_ms)
	bench_psql <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- A uniform number in [0, 1) from a hash of (x, stream): the low 52 bits of
-- hashint8extended, so different streams give independent numbers.
CREATE FUNCTION bench.rnd(x bigint, stream bigint) RETURNS double precision
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS \$\$ SELECT (pg_catalog.hashint8extended(x, stream) & 4503599627370495)::double precision / 4503599627370496 \$\$;

-- Channels and their share of events, per mille.
CREATE UNLOGGED TABLE bench.channels (label text PRIMARY KEY, permille int NOT NULL);
INSERT INTO bench.channels VALUES
	('web', 300), ('mobile_app', 180), ('email', 120), ('search_ad', 90),
	('social', 70), ('display_ad', 60), ('store', 50), ('sms', 40),
	('referral', 30), ('chat', 25), ('phone', 20), ('catalog', 15);

CREATE UNLOGGED TABLE bench.events (
	customer_id bigint NOT NULL,
	ts timestamptz NOT NULL,
	label text NOT NULL,
	value double precision
);

-- Per customer: n = 1..19 events (10 on average), a first day in the
-- first 300 days of 2025, a typical gap between events log-uniform between
-- 1 minute and 2 days, and a favourite channel.  The events fall uniformly
-- at whole seconds in [start, start + n * gap); 40 % are on the favourite
-- channel, the others drawn from the channel shares; 10 % carry a value
-- (5 to 500, most of them small).  Rows are stored in time order, like an
-- append-only event log.
SET work_mem = '256MB';
INSERT INTO bench.events
WITH ch AS (
	SELECT pg_catalog.array_agg(c.label ORDER BY c.permille DESC, c.label) AS a
	FROM bench.channels c, pg_catalog.generate_series(1, c.permille)
), cust AS (
	SELECT c AS customer_id,
	       1 + floor(10 * bench.rnd(c, 1))::int + floor(10 * bench.rnd(c, 2))::int AS n,
	       floor(bench.rnd(c, 3) * 300 * 86400) AS start_s,
	       60 * power(2880, bench.rnd(c, 4)) AS gap_s,
	       1 + floor(1000 * bench.rnd(c, 5))::int AS fav
	FROM pg_catalog.generate_series(1, $BENCH_CUSTOMERS::bigint) c
)
SELECT cust.customer_id,
       timestamptz '2025-01-01 00:00:00+00'
         + (cust.start_s + floor(bench.rnd(e.id, 6) * cust.n * cust.gap_s)) * interval '1 second',
       ch.a[CASE WHEN bench.rnd(e.id, 7) < 0.4 THEN cust.fav
                 ELSE 1 + floor(1000 * bench.rnd(e.id, 8))::int END],
       CASE WHEN bench.rnd(e.id, 9) < 0.1
            THEN round((5 + 495 * power(bench.rnd(e.id, 10), 3))::numeric, 2)::double precision END
FROM ch, cust,
     LATERAL (SELECT cust.customer_id * 32 + k AS id
              FROM pg_catalog.generate_series(1, cust.n) k) e
ORDER BY 2, 1;
RESET work_mem;

CREATE UNLOGGED TABLE bench.meta (
	generator int NOT NULL,
	scale text NOT NULL,
	customers bigint NOT NULL,
	events bigint NOT NULL,
	generated_at timestamptz NOT NULL,
	generate_ms bigint,
	journeys_ms bigint
);
SQL
	bench_psql -c 'VACUUM ANALYZE bench.events'
	bench_psql -c "INSERT INTO bench.meta
		SELECT $BENCH_GENERATOR, '$BENCH_SCALE', $BENCH_CUSTOMERS, count(*), now(),
		       $(($(bench_now_ms) - t0)), NULL
		FROM bench.events"
fi

if ! bench_journeys_current; then
	bench_note "   building bench.journeys ..."
	bench_psql -c 'SET client_min_messages = warning' -c 'DROP TABLE IF EXISTS bench.journeys'
	t0=$(bench_now_ms)
	bench_psql <<SQL
$(bench_session_sql)
CREATE UNLOGGED TABLE bench.journeys AS
SELECT customer_id, journey.journey_agg(ts, label, value) AS j
FROM bench.events
GROUP BY customer_id;
SQL
	t1=$(bench_now_ms)
	bench_psql -c 'ALTER TABLE bench.journeys ADD PRIMARY KEY (customer_id)' \
		-c 'VACUUM ANALYZE bench.journeys' \
		-c "UPDATE bench.meta SET journeys_ms = $((t1 - t0))"
else
	bench_note "   reusing bench.journeys"
fi

IFS='|' read -r BENCH_EVENTS gen_ms jour_ms made_at < <(bench_query "
	SELECT events, generate_ms, journeys_ms,
	       to_char(generated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
	FROM bench.meta")
IFS='|' read -r cmin cavg cmax < <(bench_query "
	SELECT min(n), round(avg(n), 2), max(n)
	FROM (SELECT count(*) AS n FROM bench.events GROUP BY customer_id) s")

metric "customers" "$BENCH_CUSTOMERS" ""
metric "events" "$BENCH_EVENTS" ""
metric "events per customer: min/avg/max" "$cmin/$cavg/$cmax" ""
metric "events with a value" "$(bench_query "SELECT count(value) FROM bench.events")" ""
metric "distinct labels" "$(bench_query "SELECT count(DISTINCT label) FROM bench.events")" ""
metric "bench.events heap" "$(bench_query "SELECT pg_relation_size('bench.events') / 1048576")" "MB"
metric "generating bench.events (made $made_at UTC)" "$gen_ms" "ms"
metric "CREATE TABLE bench.journeys AS ... journey_agg" "$jour_ms" "ms"
metric "bench.journeys with primary key" "$(bench_query "SELECT pg_total_relation_size('bench.journeys') / 1048576")" "MB"
metric_table
