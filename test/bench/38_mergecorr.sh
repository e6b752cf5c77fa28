# test/bench/38_mergecorr.sh — merge_agg and funnel_correlation_agg across
# customers over stored journeys (sourced by run.sh; BENCH_ONLY=mergecorr).
#
# merge_agg merges the journeys of 1,000 groups of customers (customer_id
# % 1000; the planner, without statistics on the expression, sorts), and
# of one customer in 20 into one journey (one group, under the limit of
# 1M events up to scale 1), each against the floor count(*) of the same
# rows and grouping; funnel_correlation_agg (3 steps, step 1) runs over
# every journey (one group), against the floor count(*).  The one-group
# queries also with 2 parallel workers, where each worker's partial state
# reaches the leader as a journey.journey_state / journey.correlation_state
# (flattened once per worker, read back by the combine function).
# bench.journeys is small enough at scale 0.1 for the planner to stay
# serial, so the parallel rows set parallel_setup_cost and
# parallel_tuple_cost to 0.
#
# Baseline in the same run: merge_agg as 0.2.0 defined it (STYPE internal,
# serialize/deserialize functions), bench_mc.merge_agg_internal, declared
# here over the support functions the library keeps for installations not
# yet updated; its rows are measured next to the journey_state ones.

mc_merge="journey.length(journey.merge_agg(j))"
mc_corr="length(journey.funnel_correlation_agg(j, interval '7 days', ARRAY['web', 'email', 'search_ad'], 1))"

bench_psql <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_mc CASCADE;
CREATE SCHEMA bench_mc;
CREATE FUNCTION bench_mc.trans(internal, journey.journey) RETURNS internal
	AS '$libdir/journey', 'journey_merge_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_mc.combine(internal, internal) RETURNS internal
	AS '$libdir/journey', 'journey_merge_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_mc.final(internal) RETURNS journey.journey
	AS '$libdir/journey', 'journey_merge_agg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_mc.serial(internal) RETURNS bytea
	AS '$libdir/journey', 'journey_agg_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bench_mc.deserial(bytea, internal) RETURNS internal
	AS '$libdir/journey', 'journey_agg_deserial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE bench_mc.merge_agg_internal(journey.journey) (
	SFUNC = bench_mc.trans, STYPE = internal, SSPACE = 256,
	FINALFUNC = bench_mc.final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = bench_mc.combine, SERIALFUNC = bench_mc.serial,
	DESERIALFUNC = bench_mc.deserial, PARALLEL = SAFE);
SQL
mc_merge_int="journey.length(bench_mc.merge_agg_internal(j))"

section "merge_agg and funnel_correlation_agg across customers (max_parallel_workers_per_gather = 0)"

bench -d "floor: count(*) by customer_id % 1000" mc_floor \
	"SELECT customer_id % 1000, count(*) FROM bench.journeys GROUP BY 1"
bench -d "merge_agg by customer_id % 1000" mc_merge \
	"SELECT customer_id % 1000, $mc_merge FROM bench.journeys GROUP BY 1"
bench -d "merge_agg internal (0.2.0) by % 1000" mc_merge_int \
	"SELECT customer_id % 1000, $mc_merge_int FROM bench.journeys GROUP BY 1"
bench -d "floor: count(*), 1 customer in 20" mc_floor_one \
	"SELECT count(*) FROM bench.journeys WHERE customer_id % 20 = 0"
bench -d "merge_agg, 1 customer in 20" mc_merge_one \
	"SELECT $mc_merge FROM bench.journeys WHERE customer_id % 20 = 0"
bench -d "merge_agg internal (0.2.0), 1 in 20" mc_merge_one_int \
	"SELECT $mc_merge_int FROM bench.journeys WHERE customer_id % 20 = 0"
bench -d "floor: count(*)" mc_floor_all "SELECT count(*) FROM bench.journeys"
bench -d "funnel_correlation_agg, all journeys" mc_corr \
	"SELECT $mc_corr FROM bench.journeys"
time_table mc_floor

section "merge_agg and funnel_correlation_agg: parallel (max_parallel_workers_per_gather = 2, parallel costs 0)"

mc_par="$BENCH_SET parallel_setup_cost=0 parallel_tuple_cost=0"
BENCH_SET=$mc_par BENCH_WORKERS=2 bench -d "floor: count(*), 1 customer in 20" mc_floor_one_par \
	"SELECT count(*) FROM bench.journeys WHERE customer_id % 20 = 0"
BENCH_SET=$mc_par BENCH_WORKERS=2 bench -d "merge_agg, 1 customer in 20" mc_merge_one_par \
	"SELECT $mc_merge FROM bench.journeys WHERE customer_id % 20 = 0"
BENCH_SET=$mc_par BENCH_WORKERS=2 bench -d "merge_agg internal (0.2.0), 1 in 20" mc_merge_one_int_par \
	"SELECT $mc_merge_int FROM bench.journeys WHERE customer_id % 20 = 0"
BENCH_SET=$mc_par BENCH_WORKERS=2 bench -d "floor: count(*)" mc_floor_all_par "SELECT count(*) FROM bench.journeys"
BENCH_SET=$mc_par BENCH_WORKERS=2 bench -d "funnel_correlation_agg, all journeys" mc_corr_par \
	"SELECT $mc_corr FROM bench.journeys"
time_table mc_floor_all_par
speedup_table "merge_agg, 1 in 20: 0 workers / 2 workers|mc_merge_one|mc_merge_one_par|" \
	"funnel_correlation_agg: 0 workers / 2 workers|mc_corr|mc_corr_par|" \
	"merge_agg by % 1000: internal / journey_state|mc_merge_int|mc_merge|" \
	"merge_agg 1 in 20: internal / journey_state|mc_merge_one_int|mc_merge_one|" \
	"... 2 workers: internal / journey_state|mc_merge_one_int_par|mc_merge_one_par|"
