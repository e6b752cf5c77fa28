# test/bench/50_model.sh — the shared customer model (sourced by run.sh).
#
# Runs in a database of its own, BENCH_MODEL_DB (default: BENCH_DB with
# "_model" appended), created afresh and dropped at the end (BENCH_MODEL_KEEP=1
# keeps it), so that the model's tables never hold rows in BENCH_DB.
#
# (a) journey.record_touchpoint throughput: pgbench, 8 clients, 2 threads,
#     BENCH_PGBENCH_SECONDS (default 20) seconds, random customers among
#     100,000 on a random one of 12 configured channels at a random time of
#     2025; baseline: the same rows by a plain INSERT into a table with the
#     same columns and indexes but none of the API (no function call,
#     customer creation, row security or refresh queue); between them the
#     same INSERT into journey.touchpoints (its triggers, no API).  Rounds
#     alternate; medians (target: record_touchpoint >= 0.8x the plain INSERT).
# (b) bench.events as touchpoints: loaded by INSERT ... SELECT (the 0.2.0
#     way, no checks) and by journey.load_touchpoints (target: 200,000
#     touchpoints/s), the first refresh (everything queued) against
#     journey_agg from scratch (target: at most 1.2x) and the DELETE that
#     empties the queue in it, timed alone once, then 1 % more touchpoints
#     and the incremental refresh (target: at most a tenth of the first
#     refresh).
#
# (a) also runs record_touchpoint with the scoring trigger disabled (the
#     0.2.0 behaviour) and with three score rules, first with thresholds no
#     score reaches (target: at most 20 % slower than disabled), then with
#     thresholds that customers cross (NOTIFY included, no target).
#
# Steps that change the data run once, or in rounds that restore it; the
# settings of BENCH_SET apply.

model_db=${BENCH_MODEL_DB:-${BENCH_DB}_model}
model_secs=${BENCH_PGBENCH_SECONDS:-20}
[[ $model_secs =~ ^[1-9][0-9]*$ ]] ||
	bench_die "BENCH_PGBENCH_SECONDS must be a positive integer, not '$model_secs'"
[ "$model_db" != "$BENCH_DB" ] || bench_die "BENCH_MODEL_DB must not be BENCH_DB"
command -v pgbench >/dev/null 2>&1 || bench_die "pgbench not found (section model)"

model_psql() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$model_db" "$@"
}

# model_timed SQL: runs SQL in one session (BENCH_SET first) and prints the
# milliseconds of its last statement, as psql's \timing reports them.
model_timed() {
	local out
	out=$({
		bench_session_sql
		printf '\\timing on\n%s;\n' "$1"
	} | model_psql -At) || bench_die "model: failed: $1"
	sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<<"$out" | tail -n1
}

# A channel per bench label, each owned by a department.
model_channels="('web', 'marketing', true), ('mobile_app', 'marketing', true),
	('email', 'marketing', true), ('search_ad', 'marketing', true),
	('social', 'marketing', true), ('display_ad', 'marketing', true),
	('store', 'sales', false), ('sms', 'marketing', true),
	('referral', 'marketing', true), ('chat', 'customer service', true),
	('phone', 'customer service', false), ('catalog', 'sales', false)"

section "customer model: setup (database $model_db)"

bench_note "   creating database $model_db ..."
dropdb --if-exists "$model_db" || bench_die "cannot drop database $model_db"
createdb "$model_db" || bench_die "cannot create database $model_db"
model_psql >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION journey;
SELECT journey.add_channel(name, department, online)
FROM (VALUES $model_channels) c(name, department, online);

-- The baseline of (a): the columns and indexes of journey.touchpoints, and
-- nothing else.
CREATE TABLE public.plain_touchpoints (LIKE journey.touchpoints INCLUDING INDEXES);
CREATE SEQUENCE public.plain_touchpoints_id_seq OWNED BY public.plain_touchpoints.id;
ALTER TABLE public.plain_touchpoints ALTER id SET DEFAULT nextval('public.plain_touchpoints_id_seq');
SQL

# --- (a) record_touchpoint with pgbench -------------------------------------

model_tmp=$(mktemp -d)
model_labels="ARRAY['web', 'mobile_app', 'email', 'search_ad', 'social', 'display_ad', 'store', 'sms', 'referral', 'chat', 'phone', 'catalog']"
model_depts="ARRAY['marketing', 'marketing', 'marketing', 'marketing', 'marketing', 'marketing', 'sales', 'marketing', 'marketing', 'customer service', 'customer service', 'sales']"
model_vars='\set c random(1, 100000)
\set ch random(1, 12)
\set s random(0, 31535999)'
cat >"$model_tmp/api.sql" <<SQL
$model_vars
SELECT journey.record_touchpoint('p' || :c, ($model_labels)[:ch], 'visit', timestamptz '2025-01-01 00:00:00+00' + :s * interval '1 second');
SQL
cat >"$model_tmp/direct.sql" <<SQL
$model_vars
INSERT INTO journey.touchpoints (customer, ts, channel, department, event) VALUES ('d' || :c, timestamptz '2025-01-01 00:00:00+00' + :s * interval '1 second', ($model_labels)[:ch], ($model_depts)[:ch], 'visit');
SQL
cat >"$model_tmp/plain.sql" <<SQL
$model_vars
INSERT INTO public.plain_touchpoints (customer, ts, channel, department, event) VALUES ('p' || :c, timestamptz '2025-01-01 00:00:00+00' + :s * interval '1 second', ($model_labels)[:ch], ($model_depts)[:ch], 'visit');
SQL
# The BENCH_SET settings reach pgbench's sessions through PGOPTIONS.
model_pgoptions=""
for kv in $BENCH_SET; do
	model_pgoptions+=" -c $kv"
done

# model_pgbench NAME SCRIPT: runs pgbench, sets pg_tps, pg_lat, pg_tx.
model_pgbench() {
	local out
	bench_note "   pgbench: $1, 8 clients, ${model_secs} s ..."
	out=$(PGOPTIONS="${PGOPTIONS:-}$model_pgoptions" \
		pgbench -n -c 8 -j 2 -T "$model_secs" -f "$2" "$model_db" 2>&1) ||
		bench_die "pgbench ($1) failed: $out"
	pg_tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' <<<"$out")
	pg_lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$out")
	pg_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
	[ -n "$pg_tps" ] && [ -n "$pg_lat" ] || bench_die "pgbench ($1): cannot read its output: $out"
	pg_tps=$(awk -v t="$pg_tps" 'BEGIN { printf "%.0f", t }')
}

section "customer model: recording (pgbench -n -c 8 -j 2 -T $model_secs)"

# record_touchpoint, the plain INSERT and, between them, the same INSERT
# into journey.touchpoints itself (its triggers, no API: what any API adds
# to), in alternating rounds of BENCH_PGBENCH_SECONDS each, BENCH_REPEAT
# rounds (at most 3); medians compared.
model_rec_rounds=$(( BENCH_REPEAT < 3 ? BENCH_REPEAT : 3 ))
api_all=() plain_all=() direct_all=() api_lats=() plain_lats=() direct_lats=()
api_tx=0 plain_tx=0 direct_tx=0
for r in $(seq "$model_rec_rounds"); do
	model_pgbench "round $r/$model_rec_rounds: journey.record_touchpoint" "$model_tmp/api.sql"
	api_all+=("$pg_tps") api_lats+=("$pg_lat") api_tx=$((api_tx + pg_tx))
	model_pgbench "round $r/$model_rec_rounds: plain INSERT" "$model_tmp/plain.sql"
	plain_all+=("$pg_tps") plain_lats+=("$pg_lat") plain_tx=$((plain_tx + pg_tx))
	model_pgbench "round $r/$model_rec_rounds: INSERT into journey.touchpoints" "$model_tmp/direct.sql"
	direct_all+=("$pg_tps") direct_lats+=("$pg_lat") direct_tx=$((direct_tx + pg_tx))
done
api_tps=$(bench_median "${api_all[@]}") api_lat=$(bench_median "${api_lats[@]}")
plain_tps=$(bench_median "${plain_all[@]}") plain_lat=$(bench_median "${plain_lats[@]}")
direct_tps=$(bench_median "${direct_all[@]}") direct_lat=$(bench_median "${direct_lats[@]}")

# Score rules (doc/scoring.md): the same calls with the scoring trigger
# disabled (what 0.2.0 did), and with three rules — an order-1 and an
# order-2 model over all channels and an order-1 model over the marketing
# channels, fitted on 100,000 random paths of the 12 channels (30 %
# converting), each with its threshold at the 90th percentile of the scores
# of those paths, so that customers cross thresholds both ways and NOTIFY
# journey_score is part of the cost; a listening session counts the
# notifications.  Before that, the same rules with threshold 1, which no
# score reaches: the cost of scoring alone, alternating with the trigger
# disabled for BENCH_SCORE_ROUNDS (default 3) rounds of half
# BENCH_PGBENCH_SECONDS each, medians compared (the target: at most 20 %
# slower than with the trigger disabled).
model_psql >/dev/null <<SQL
SET client_min_messages = warning;
CREATE UNLOGGED TABLE public.fit_paths AS
SELECT g, (SELECT array_agg(($model_labels)[1 + (hashint4(g * 16 + h) & 2147483647) % 12])
		   FROM generate_series(1, 1 + (hashint4(g) & 2147483647) % 6) h) AS path,
	   ((hashint4(-g) & 2147483647) % 10 < 3)::int::float8 AS conv
FROM generate_series(1, 100000) g;
CREATE UNLOGGED TABLE public.fit_models AS
SELECT 'bench order 1' AS name, journey.markov_fit(path, conv, 100 * conv, 1 - conv) AS m, NULL::text[] AS filter FROM fit_paths
UNION ALL
SELECT 'bench order 2', journey.markov_fit(path, conv, 100 * conv, 1 - conv, 2), NULL FROM fit_paths
UNION ALL
SELECT 'bench marketing', journey.markov_fit(ARRAY(SELECT x FROM unnest(path) x WHERE x <> ALL (ARRAY['store', 'chat', 'phone', 'catalog'])),
	conv, 100 * conv, 1 - conv), ARRAY['web', 'mobile_app', 'email', 'search_ad', 'social', 'display_ad', 'sms', 'referral'] FROM fit_paths;
SELECT journey.add_score_rule(f.name, f.m,
	(SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY journey.conversion_probability(f.m, p.path)) FROM public.fit_paths p),
	'marketing', f.filter)
FROM public.fit_models f;
SQL
# First with thresholds no score reaches: the cost of scoring alone,
# against the trigger disabled, in alternating rounds (the machine's noise
# and the growing table then hit both alike); medians of the rounds.
model_psql -c "UPDATE journey.score_rules SET threshold = 1" >/dev/null
model_rounds=${BENCH_SCORE_ROUNDS:-3}
model_round_secs=$(( model_secs / 2 > 5 ? model_secs / 2 : 5 ))
nosc_all=() quiet_all=() nosc_lats=() quiet_lats=() nosc_tx=0 quiet_tx=0
model_secs_saved=$model_secs
model_secs=$model_round_secs
for r in $(seq "$model_rounds"); do
	model_psql -c 'ALTER TABLE journey.touchpoints DISABLE TRIGGER score_touchpoints' >/dev/null
	model_pgbench "round $r/$model_rounds: record_touchpoint, scoring trigger disabled" "$model_tmp/api.sql"
	nosc_all+=("$pg_tps") nosc_lats+=("$pg_lat") nosc_tx=$((nosc_tx + pg_tx))
	model_psql -c 'ALTER TABLE journey.touchpoints ENABLE TRIGGER score_touchpoints' >/dev/null
	model_pgbench "round $r/$model_rounds: record_touchpoint, 3 score rules, no crossing" "$model_tmp/api.sql"
	quiet_all+=("$pg_tps") quiet_lats+=("$pg_lat") quiet_tx=$((quiet_tx + pg_tx))
done
model_secs=$model_secs_saved
nosc_tps=$(bench_median "${nosc_all[@]}") nosc_lat=$(bench_median "${nosc_lats[@]}")
quiet_tps=$(bench_median "${quiet_all[@]}") quiet_lat=$(bench_median "${quiet_lats[@]}")
model_psql >/dev/null <<SQL
UPDATE journey.score_rules r
SET threshold = (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY journey.conversion_probability(r.model, p.path)) FROM fit_paths p);
SQL
# a session that listens while pgbench runs, printing what it received
{
	echo 'LISTEN journey_score;'
	for _ in $(seq $((model_secs + 3))); do echo 'SELECT pg_sleep(1);'; done
} | model_psql -At >"$model_tmp/listen.out" 2>&1 &
model_listener=$!
sleep 1
model_pgbench "journey.record_touchpoint, 3 score rules" "$model_tmp/api.sql"
rules_tps=$pg_tps rules_lat=$pg_lat rules_tx=$pg_tx
wait $model_listener || bench_die "model: the listening session failed: $(tail -n 3 "$model_tmp/listen.out")"
n_notified=$(grep -c '^Asynchronous notification "journey_score"' "$model_tmp/listen.out" || true)
model_psql -c "SELECT journey.drop_score_rule(name) FROM journey.score_rules" \
	-c "DROP TABLE public.fit_paths, public.fit_models" >/dev/null
rm -rf "$model_tmp"
IFS='|' read -r api_rows api_cust < <(model_psql -At -c \
	"SELECT (SELECT count(*) FROM journey.touchpoints), (SELECT count(*) FROM journey.customers)")

metric "journey.record_touchpoint: throughput, median of $model_rec_rounds x ${model_secs} s" "$api_tps" "calls/s"
metric "  rounds, record_touchpoint" "${api_all[*]}" "calls/s"
metric "journey.record_touchpoint: latency, average" "$api_lat" "ms"
metric "  touchpoints recorded / customers created" "$api_rows / $api_cust" ""
metric "baseline, plain INSERT: throughput, median" "$plain_tps" "rows/s"
metric "  rounds, plain INSERT" "${plain_all[*]}" "rows/s"
metric "baseline, plain INSERT: latency, average" "$plain_lat" "ms"
metric "INSERT into journey.touchpoints (no API): throughput, median" "$direct_tps" "rows/s"
metric "  rounds, INSERT into journey.touchpoints" "${direct_all[*]}" "rows/s"
metric "record_touchpoint / plain INSERT (throughput)" "$(bench_ratio "$api_tps" "$plain_tps")" "x"
metric -t 1.25 "  plain INSERT / record_touchpoint (target: record_touchpoint >= 0.8x)" "$(bench_ratio "$plain_tps" "$api_tps")" "x"
metric "INSERT into journey.touchpoints / plain INSERT (the bound for any API)" "$(bench_ratio "$direct_tps" "$plain_tps")" "x"
metric "record_touchpoint / INSERT into journey.touchpoints" "$(bench_ratio "$api_tps" "$direct_tps")" "x"
metric -t 0 "  transactions lost (processed - rows)" "$((api_tx + plain_tx + direct_tx + nosc_tx + quiet_tx + rules_tx - api_rows - $(model_psql -At -c 'SELECT count(*) FROM public.plain_touchpoints')))" ""
metric "record_touchpoint, scoring trigger disabled (0.2.0): throughput, median of $model_rounds x ${model_round_secs} s" "$nosc_tps" "calls/s"
metric "  rounds, trigger disabled" "${nosc_all[*]}" "calls/s"
metric "record_touchpoint, 3 score rules, no crossing: throughput, median" "$quiet_tps" "calls/s"
metric "  rounds, 3 rules, no crossing" "${quiet_all[*]}" "calls/s"
metric "record_touchpoint, 3 score rules, no crossing: latency" "$quiet_lat" "ms"
metric "record_touchpoint, 3 score rules, crossings: throughput" "$rules_tps" "calls/s"
metric "record_touchpoint, 3 score rules, crossings: latency" "$rules_lat" "ms"
metric "  NOTIFY journey_score received by a listener" "$n_notified" ""
metric "  notifications per touchpoint" "$(awk -v n="$n_notified" -v t="$rules_tx" 'BEGIN { if (t > 0) printf "%.3f", n / t }')" ""
metric "  no rules (trigger enabled) vs trigger disabled: slower by" \
	"$(awk -v a="$api_tps" -v b="$nosc_tps" 'BEGIN { printf "%.1f", 100 * (1 - a / b) }')" "%"
metric -t 20 "  3 score rules, no crossing, vs trigger disabled: slower by" \
	"$(awk -v a="$quiet_tps" -v b="$nosc_tps" 'BEGIN { printf "%.1f", 100 * (1 - a / b) }')" "%"
metric "  3 score rules with crossings vs trigger disabled: slower by" \
	"$(awk -v a="$rules_tps" -v b="$nosc_tps" 'BEGIN { printf "%.1f", 100 * (1 - a / b) }')" "%"
metric_table

# --- (b) bulk load and refresh_journeys over bench.events --------------------

section "customer model: bulk load and refresh_journeys over $BENCH_EVENTS touchpoints"

model_psql <<SQL
SET client_min_messages = warning;
DROP TABLE public.plain_touchpoints;
-- the floor of a load: the columns and indexes of journey.touchpoints and
-- nothing else (no trigger, no queue, no check)
CREATE TABLE public.floor_touchpoints (LIKE journey.touchpoints INCLUDING INDEXES);
CREATE SEQUENCE public.floor_touchpoints_id_seq OWNED BY public.floor_touchpoints.id;
ALTER TABLE public.floor_touchpoints ALTER id SET DEFAULT nextval('public.floor_touchpoints_id_seq');
TRUNCATE journey.touchpoints, journey.pending_touchpoints, journey.pending_batches,
	journey.customer_journey_data, journey.stage_history, journey.identities, journey.customers;
CREATE UNLOGGED TABLE public.events (customer_id bigint, ts timestamptz, label text, value float8);
SQL
bench_note "   copying bench.events into $model_db ..."
t0=$(bench_now_ms)
bench_psql -c 'COPY bench.events TO STDOUT' | model_psql -c 'COPY public.events FROM STDIN' ||
	bench_die "cannot copy bench.events into $model_db"
model_psql -c 'VACUUM ANALYZE public.events'
# what load_touchpoints reads: the events as touchpoints (a view: the
# columns converted as it goes, float8 values to numeric included)
model_psql -c "CREATE VIEW public.events_touchpoints AS
	SELECT 'c' || e.customer_id AS customer, e.label AS channel,
	       CASE WHEN e.value IS NULL THEN 'visit' ELSE 'purchase' END AS event, e.ts, e.value
	FROM public.events e"
copy_ms=$(($(bench_now_ms) - t0))

# The load, BENCH_REPEAT times (at most 3) into empty tables: the floor (the
# same rows into public.floor_touchpoints), the plain INSERT ... SELECT of
# 0.2.0 (customers, then touchpoints with the channel's department: no
# check, no alias), then journey.load_touchpoints (every rule of
# record_touchpoint, no refresh); medians.  The last load stays.
model_empty() {
	model_psql -c 'TRUNCATE journey.touchpoints, journey.pending_touchpoints, journey.pending_batches, journey.customer_journey_data, journey.customers, public.floor_touchpoints' \
		-c 'CHECKPOINT' >/dev/null
}
model_load_rounds=$(( BENCH_REPEAT < 3 ? BENCH_REPEAT : 3 ))
floor_load_all=() plain_load_all=() bulk_load_all=()
for r in $(seq "$model_load_rounds"); do
	bench_note "   round $r/$model_load_rounds: floor, INSERT ... SELECT, load_touchpoints ..."
	model_empty
	floor_load_all+=("$(model_timed "INSERT INTO public.floor_touchpoints (customer, ts, channel, department, event, value)
		SELECT 'c' || e.customer_id, e.ts, e.label, c.department,
		       CASE WHEN e.value IS NULL THEN 'visit' ELSE 'purchase' END, e.value::numeric
		FROM public.events e JOIN journey.channels c ON c.name = e.label")")
	model_empty
	t_c=$(model_timed "INSERT INTO journey.customers (id)
		SELECT 'c' || customer_id FROM public.events GROUP BY customer_id")
	t_t=$(model_timed "INSERT INTO journey.touchpoints (customer, ts, channel, department, event, value)
		SELECT 'c' || e.customer_id, e.ts, e.label, c.department,
		       CASE WHEN e.value IS NULL THEN 'visit' ELSE 'purchase' END, e.value::numeric
		FROM public.events e JOIN journey.channels c ON c.name = e.label")
	plain_load_all+=("$(awk -v a="$t_c" -v b="$t_t" 'BEGIN { printf "%.1f", a + b }')")
	model_empty
	bulk_load_all+=("$(model_timed "SELECT * FROM journey.load_touchpoints('public.events_touchpoints', refresh => false)")")
done
floor_load_ms=$(bench_median "${floor_load_all[@]}")
plain_load_ms=$(bench_median "${plain_load_all[@]}")
bulk_load_ms=$(bench_median "${bulk_load_all[@]}")
model_psql -c 'VACUUM ANALYZE journey.customers, journey.touchpoints, journey.pending_touchpoints, journey.pending_batches'
# every queued id: rows of pending_touchpoints and ids in pending_batches
queued_ids="SELECT p.touchpoint FROM journey.pending_touchpoints p
	UNION ALL SELECT x FROM journey.pending_batches b, unnest(b.touchpoints) x"
# every touchpoint queued again as a load queues it: arrays of 10,000 ids
queue_all="INSERT INTO journey.pending_batches
	SELECT array_agg(id) FROM (SELECT id, (row_number() OVER () - 1) / 10000 AS chunk FROM journey.touchpoints) t
	GROUP BY chunk"
IFS='|' read -r n_tp n_pending n_batches n_cust < <(model_psql -At -c \
	"SELECT (SELECT count(*) FROM journey.touchpoints), (SELECT count(*) FROM ($queued_ids) q),
	        (SELECT count(*) FROM journey.pending_batches), (SELECT count(*) FROM journey.customers)")

# The first refresh (everything queued, nothing stored) against journey_agg
# from scratch, alternating, BENCH_REPEAT times (at most 3): after each
# refresh the journeys are emptied and every touchpoint queued again, as
# after the load.
bench_note "   journey_agg from scratch and the first refresh_journeys() ..."
# Read the table once so that the first timed query does not pay for
# bringing it into the caches alone.
model_psql -At -c 'SELECT count(*) FROM journey.touchpoints' >/dev/null
scratch_all=() scratch_all_all=() full_all=()
for r in $(seq "$model_load_rounds"); do
	scratch_all+=("$(model_timed "CREATE TABLE public.scratch AS
		SELECT customer, journey.journey_agg(ts, channel) AS channels
		FROM journey.touchpoints GROUP BY customer")")
	scratch_all_all+=("$(model_timed "CREATE TABLE public.scratch_all AS
		SELECT customer, journey.journey_agg(ts, channel, value::float8) AS channels,
		       journey.journey_agg(ts, event, value::float8) AS events, min(ts), max(ts)
		FROM journey.touchpoints GROUP BY customer")")
	model_psql -c 'DROP TABLE public.scratch, public.scratch_all'
	full_all+=("$(model_timed "SELECT journey.refresh_journeys()")")
	if [ "$r" -lt "$model_load_rounds" ]; then
		model_psql -c 'TRUNCATE journey.customer_journey_data' -c "$queue_all" >/dev/null
		model_psql -c 'VACUUM ANALYZE journey.pending_batches'
	fi
done
scratch_ms=$(bench_median "${scratch_all[@]}")
scratch_all_ms=$(bench_median "${scratch_all_all[@]}")
full_ms=$(bench_median "${full_all[@]}")
# What emptying the queue costs on its own: every touchpoint queued again
# (as after the load: in arrays), then the DELETE of the first refresh alone,
# once.
model_psql -c "$queue_all" >/dev/null
model_psql -c 'VACUUM ANALYZE journey.pending_batches'
dequeue_ms=$(model_timed "DELETE FROM journey.pending_batches")
model_psql -c 'VACUUM ANALYZE journey.customer_journey_data, journey.pending_touchpoints, journey.pending_batches'
n_diff=$(model_psql -At -c "SELECT count(*) FROM (
	SELECT customer, journey.journey_agg(ts, channel, value::float8) AS j FROM journey.touchpoints GROUP BY customer) r
	FULL JOIN journey.customer_journey_data d USING (customer) WHERE r.j::text IS DISTINCT FROM d.channels::text")

bench_note "   1 % more touchpoints, incremental refresh_journeys() ..."
more_ms=$(model_timed "INSERT INTO journey.touchpoints (customer, ts, channel, department, event, value)
	SELECT 'c' || e.customer_id, e.ts + interval '365 days', e.label, c.department,
	       CASE WHEN e.value IS NULL THEN 'visit' ELSE 'purchase' END, e.value::numeric
	FROM public.events e TABLESAMPLE BERNOULLI (1) REPEATABLE (1)
	JOIN journey.channels c ON c.name = e.label")
n_more=$(model_psql -At -c "SELECT count(*) FROM ($queued_ids) q")
n_more_cust=$(model_psql -At -c "SELECT count(DISTINCT t.customer) FROM ($queued_ids) q JOIN journey.touchpoints t ON t.id = q.touchpoint")
incr_ms=$(model_timed "SELECT journey.refresh_journeys()")
IFS='|' read -r n_journeys n_jevents < <(model_psql -At -c \
	"SELECT count(*), sum(journey.length(channels)) FROM journey.customer_journey_data")
n_tp_all=$(model_psql -At -c 'SELECT count(*) FROM journey.touchpoints')

ms_fmt() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
metric "copying bench.events to the model database (not timed)" "$copy_ms" "ms"
metric "floor: INSERT ... SELECT into a copy (same indexes, no trigger), median" "$(ms_fmt "$floor_load_ms")" "ms"
metric "  rounds, floor" "${floor_load_all[*]}" "ms"
metric "  floor: touchpoints per second" \
	"$(awk -v n="$n_tp" -v ms="$floor_load_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" "rows/s"
metric "load, 0.2.0 way: INSERT ... SELECT customers + touchpoints, median" "$(ms_fmt "$plain_load_ms")" "ms"
metric "  rounds, INSERT ... SELECT" "${plain_load_all[*]}" "ms"
metric "  INSERT ... SELECT: touchpoints per second" \
	"$(awk -v n="$n_tp" -v ms="$plain_load_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" "rows/s"
metric "load_touchpoints(view), $n_tp rows, $n_cust customers, median" "$(ms_fmt "$bulk_load_ms")" "ms"
metric "  rounds, load_touchpoints" "${bulk_load_all[*]}" "ms"
metric "  load_touchpoints: touchpoints per second" \
	"$(awk -v n="$n_tp" -v ms="$bulk_load_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" "rows/s"
metric -t 5 "  microseconds per touchpoint (target: 200,000/s)" \
	"$(awk -v n="$n_tp" -v ms="$bulk_load_ms" 'BEGIN { printf "%.2f", ms * 1000 / n }')" "us"
metric "  load_touchpoints / INSERT ... SELECT" "$(bench_ratio "$bulk_load_ms" "$plain_load_ms")" "x"
metric "  load_touchpoints / floor" "$(bench_ratio "$bulk_load_ms" "$floor_load_ms")" "x"
metric "  touchpoints queued for refresh (in $n_batches arrays)" "$n_pending" ""
metric "from scratch: journey_agg(ts, channel) GROUP BY customer, median" "$(ms_fmt "$scratch_ms")" "ms"
metric "from scratch: both journeys, min and max, as refresh, median" "$(ms_fmt "$scratch_all_ms")" "ms"
metric "  rounds, both journeys from scratch" "${scratch_all_all[*]}" "ms"
metric "first refresh_journeys(), everything queued, median" "$(ms_fmt "$full_ms")" "ms"
metric "  rounds, first refresh" "${full_all[*]}" "ms"
metric "  / journey_agg(ts, channel) from scratch" "$(bench_ratio "$full_ms" "$scratch_ms")" "x"
metric -t 1.2 "  / both journeys from scratch" "$(bench_ratio "$full_ms" "$scratch_all_ms")" "x"
metric "  of which emptying the queue: DELETE of $n_tp ids in arrays alone" "$(ms_fmt "$dequeue_ms")" "ms"
metric "    / both journeys from scratch" "$(bench_ratio "$dequeue_ms" "$scratch_all_ms")" "x"
metric -t 0 "  journeys that differ from journey_agg from scratch" "$n_diff" ""
metric "1 % more: INSERT of $n_more touchpoints ($n_more_cust customers)" "$(ms_fmt "$more_ms")" "ms"
metric "incremental refresh_journeys()" "$(ms_fmt "$incr_ms")" "ms"
metric -t 0.1 "  / first refresh" "$(bench_ratio "$incr_ms" "$full_ms")" "x"
metric -t 0 "  events in journeys - touchpoints ($n_journeys journeys)" "$((n_jevents - n_tp_all))" ""
metric_table

if [ "${BENCH_MODEL_KEEP:-0}" = 1 ]; then
	bench_note "   keeping database $model_db (BENCH_MODEL_KEEP=1)"
else
	dropdb "$model_db" || bench_note "   warning: could not drop database $model_db"
fi
