-- test/fuzz/state_fuzz.sql: set-up of the aggregate-state fuzzer
-- (test/fuzz/state_run.sh runs it as a superuser in the fuzz database;
-- doc/fuzzing.md).  Needs a test build of journey (JOURNEY_TEST=1), whose
-- module has the entry point journey_fuzz_check_state.
--
--   journey_fuzz.check_state(aggregate, state, argtypes, via_text) -> (result, reserialized)
--                        deserialize, combine, serialize and finalize state
--                        as the aggregate's leader would (src/testing/fuzz_state.c);
--                        a state of a real type (attribution_state, path_state,
--                        journey_state, correlation_state, step_state,
--                        time_state) is read
--                        by the type's binary input, or with via_text by its
--                        text input from the base64 of the bytes
--   journey_fuzz.<agg>(same arguments as journey.<agg>)
--                        capture aggregates: the transition function of
--                        journey.<agg> with its serialize function (or the
--                        state type's send function) as final function, so
--                        they return the state a parallel worker would send
--   journey_fuzz.targets  every journey aggregate with a serialized state or
--                        a state type of its own, its family (deserialize
--                        function or state type), input types, and whether
--                        the state goes through the text input
--   journey_fuzz.seeds    valid states captured from real data
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS journey_fuzz CASCADE;
CREATE SCHEMA journey_fuzz;

CREATE FUNCTION journey_fuzz.check_state(aggregate regprocedure, state bytea,
	argtypes regtype[] DEFAULT NULL, via_text boolean DEFAULT false, OUT result text, OUT reserialized bytea)
	AS '$libdir/journey', 'journey_fuzz_check_state' LANGUAGE C;

-- Capture aggregates, one per journey aggregate with a serialized state.
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT p.proname, pg_catalog.pg_get_function_arguments(a.aggfnoid) AS args,
			   a.aggtransfn::regproc AS sfunc, a.aggtranstype::regtype AS stype,
			   CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::regproc
					ELSE t.typsend::regproc END AS serialfn
		FROM pg_catalog.pg_aggregate a
		JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
		JOIN pg_catalog.pg_type t ON t.oid = a.aggtranstype
		WHERE p.pronamespace = 'journey'::regnamespace
		  AND (a.aggdeserialfn <> 0 OR t.typnamespace = 'journey'::regnamespace)
	LOOP
		EXECUTE format('CREATE AGGREGATE journey_fuzz.%I(%s) (SFUNC = %s, STYPE = %s, FINALFUNC = %s)',
					   r.proname, r.args, r.sfunc, r.stype, r.serialfn);
	END LOOP;
END
$$;

CREATE TABLE journey_fuzz.targets AS
SELECT a.aggfnoid::regprocedure AS agg,
	   CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::regproc::text
			ELSE a.aggtranstype::regtype::text END AS family,
	   CASE WHEN 'anyenum'::regtype = ANY (p.proargtypes::regtype[])
			THEN pg_catalog.array_replace(p.proargtypes::regtype[], 'anyenum'::regtype,
										  'journey.lifecycle'::regtype)
	   END AS argtypes,
	   v.via_text
FROM pg_catalog.pg_aggregate a
JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
JOIN pg_catalog.pg_type t ON t.oid = a.aggtranstype
-- a state type of our own: through its binary and its text input
CROSS JOIN LATERAL (VALUES (false), (true)) v(via_text)
WHERE p.pronamespace = 'journey'::regnamespace
  AND (a.aggdeserialfn <> 0 OR t.typnamespace = 'journey'::regnamespace)
  AND (NOT v.via_text OR a.aggdeserialfn = 0);

-- Events: 40 customers, up to 30 events each, labels from a small set.
CREATE TABLE journey_fuzz.ev AS
SELECT c, timestamptz '2026-01-01 00:00:00+00' + (i * 3607 + c * 61) % 900000 * interval '1 second' AS ts,
	   (ARRAY['web', 'email', 'store', 'sms', 'buy', 'app'])[1 + (i * 7 + c) % 6] AS label,
	   CASE WHEN i % 3 = 0 THEN (i * 1.5)::float8 END AS value,
	   (ARRAY['discovery', 'evaluation', 'purchase', 'loyalty', 'advocacy'])[1 + (i * 3 + c) % 5]::journey.lifecycle AS stage
FROM generate_series(1, 40) c, generate_series(0, (c * 7) % 30) i;
ALTER TABLE journey_fuzz.ev ADD COLUMN e bigint;
UPDATE journey_fuzz.ev SET e = extract(epoch FROM ts)::bigint;
CREATE TABLE journey_fuzz.jn AS
SELECT c, journey.journey_agg(ts, label, value) AS j FROM journey_fuzz.ev GROUP BY c;

-- agg: the aggregate a seed must be given to, when not every aggregate of
-- its family takes it (markov_model and shapley_model states differ in
-- their parameter)
CREATE TABLE journey_fuzz.seeds (family text, state bytea, agg regprocedure);
CREATE FUNCTION journey_fuzz.seed(family text, q text, agg regprocedure DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('INSERT INTO journey_fuzz.seeds SELECT %L, s, %L FROM (%s) x(s) WHERE s IS NOT NULL', family, agg, q);
END
$$;

SET search_path = journey_fuzz, journey, pg_catalog;
SELECT seed('journey.journey_agg_deserial', 'SELECT journey_fuzz.journey_agg(ts, label) FROM ev GROUP BY c');
SELECT seed('journey.journey_agg_deserial', 'SELECT journey_fuzz.journey_agg(ts, label, value) FROM ev GROUP BY c');
-- merge_agg: its state type journey_state (the same bytes as journey_agg's
-- serialized state, read canonically)
SELECT seed('journey.journey_state', q) FROM (VALUES
	($q$SELECT journey_fuzz.merge_agg(j) FROM jn GROUP BY c % 5$q$),
	($q$SELECT journey_fuzz.merge_agg(journey.slice(j, NULL, timestamptz '2026-01-03 00:00:00+00')) FROM jn GROUP BY c % 3$q$),
	($q$SELECT journey_fuzz.merge_agg(journey.make_journey(ARRAY[ts], ARRAY[label])) FROM ev GROUP BY c % 4$q$)
) v(q);
SELECT seed('journey.step_state', q, a::regprocedure) FROM (VALUES
	($q$SELECT journey_fuzz.window_funnel(interval '2 days', ts, label = 'web', label = 'email', label = 'buy') FROM ev GROUP BY c$q$,
	 'journey.window_funnel(interval,timestamptz,boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(86400, e, label = 'web', label = 'sms') FROM ev GROUP BY c$q$,
	 'journey.window_funnel(bigint,bigint,boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(interval '3 days', 'strict_order, allow_reentry', ts, label = 'web', label = 'store', label = 'buy') FROM ev GROUP BY c$q$,
	 'journey.window_funnel(interval,text,timestamptz,boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(interval '3 days', 'strict_deduplication', ts, label = 'web', label = 'store') FROM ev GROUP BY c$q$,
	 'journey.window_funnel(interval,text,timestamptz,boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(interval '1 day', 'any_order', ts, label = 'app', label = 'buy', label = 'sms') FROM ev GROUP BY c$q$,
	 'journey.window_funnel_times(interval,text,timestamptz,boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(3600, 'strict_increase', e, label = 'email', label = 'buy') FROM ev GROUP BY c$q$,
	 'journey.window_funnel(bigint,text,bigint,boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(interval '4 days', '', ts, ARRAY[label = 'web', label = 'buy'], ARRAY[label = 'sms']) FROM ev GROUP BY c$q$,
	 'journey.window_funnel(interval,text,timestamptz,boolean[],boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(7200, 'strict_order', e, ARRAY[label = 'web', label = 'app'], ARRAY[label = 'store']) FROM ev GROUP BY c$q$,
	 'journey.window_funnel_times(bigint,text,bigint,boolean[],boolean[])'),
	($q$SELECT journey_fuzz.window_funnel(interval '2 days', ts, label, 'web', 'email', 'buy') FROM ev GROUP BY c$q$,
	 'journey.window_funnel(interval,timestamptz,text,text[])'),
	($q$SELECT journey_fuzz.window_funnel_times(86400, e, label, 'store', 'buy') FROM ev GROUP BY c$q$,
	 'journey.window_funnel_times(bigint,bigint,text,text[])'),
	($q$SELECT journey_fuzz.sequence_match('(?1).*(?2)', ts, label = 'web', label = 'buy') FROM ev GROUP BY c$q$,
	 'journey.sequence_match(text,timestamptz,boolean[])'),
	($q$SELECT journey_fuzz.sequence_count('(?1)(?t<=3600)(?2)', ts, label = 'email', label = 'sms') FROM ev GROUP BY c$q$,
	 'journey.sequence_count(text,timestamptz,boolean[])'),
	($q$SELECT journey_fuzz.sequence_match('(?1).(?2)(?3)', e, label = 'web', label = 'store', label = 'buy') FROM ev GROUP BY c$q$,
	 'journey.sequence_match(text,bigint,boolean[])'),
	($q$SELECT journey_fuzz.sequence_count('(?2)(?t>100)(?1)', e, label = 'app', label = 'web') FROM ev GROUP BY c$q$,
	 'journey.sequence_count(text,bigint,boolean[])')
) v(q, a);
-- time_state: a state of activity_buckets is not one of session_count (its
-- final function rejects it), so each seed names its aggregate
SELECT seed('journey.time_state', q, a::regprocedure) FROM (VALUES
	($q$SELECT journey_fuzz.activity_buckets(ts) FROM ev GROUP BY c$q$, 'journey.activity_buckets(timestamptz)'),
	($q$SELECT journey_fuzz.activity_buckets(ts, interval '1 day', 5) FROM ev GROUP BY c$q$,
	 'journey.activity_buckets(timestamptz,interval,int4)'),
	($q$SELECT journey_fuzz.activity_buckets(e, 3600) FROM ev GROUP BY c$q$, 'journey.activity_buckets(int8,int8)'),
	($q$SELECT journey_fuzz.activity_buckets(e, 7200, 40) FROM ev GROUP BY c % 3$q$, 'journey.activity_buckets(int8,int8,int4)'),
	($q$SELECT journey_fuzz.activity_buckets(ts::date, 2, 3) FROM ev GROUP BY c$q$, 'journey.activity_buckets(date,int4,int4)'),
	($q$SELECT journey_fuzz.session_count(ts, interval '30 minutes') FROM ev GROUP BY c$q$,
	 'journey.session_count(timestamptz,interval)'),
	($q$SELECT journey_fuzz.session_count(e, 20000) FROM ev GROUP BY c % 4$q$, 'journey.session_count(int8,int8)')
) v(q, a);
SELECT seed('journey.path_state', q) FROM (VALUES
	($q$SELECT journey_fuzz.path_after(ts, label, label = 'web', 3) FROM ev GROUP BY c$q$),
	($q$SELECT journey_fuzz.path_after(e, label, label = 'email', 5, 'last') FROM ev GROUP BY c$q$),
	($q$SELECT journey_fuzz.path_before(ts, label, label = 'buy', 4, 'first') FROM ev GROUP BY c$q$),
	($q$SELECT journey_fuzz.path_before(e, label, label = 'store', 2) FROM ev GROUP BY c$q$)
) v(q);
SELECT seed('journey.attribution_state', q, a::regprocedure) FROM (VALUES
	($q$SELECT journey_fuzz.markov_model(j, (c % 3)::float8, c::float8, 1) FROM jn GROUP BY c % 4$q$,
	 'journey.markov_model(journey.journey,float8,float8,float8)'),
	($q$SELECT journey_fuzz.markov_model(j, (c % 2)::float8, c * 2.5, (c % 5)::float8, 2) FROM jn GROUP BY c % 3$q$,
	 'journey.markov_model(journey.journey,float8,float8,float8,int4)'),
	($q$SELECT journey_fuzz.markov_model(journey.labels(j), 1, 0, 0) FROM jn GROUP BY c % 2$q$,
	 'journey.markov_model(text[],float8,float8,float8)'),
	-- chain forms with long keys, fractional weights, states that end no path
	($q$SELECT journey_fuzz.markov_model(j, (c % 3) * 0.25, c * 1.5 - 4, (c % 4) * 0.5, 3) FROM jn GROUP BY c % 3$q$,
	 'journey.markov_model(journey.journey,float8,float8,float8,int4)'),
	($q$SELECT journey_fuzz.markov_model(journey.labels(j) || journey.labels(j), 1, c, 0, 5) FROM jn GROUP BY c % 2$q$,
	 'journey.markov_model(text[],float8,float8,float8,int4)'),
	($q$SELECT journey_fuzz.markov_fit(j, (c % 2)::float8, c::float8, 1, 2) FROM jn GROUP BY c % 4$q$,
	 'journey.markov_fit(journey.journey,float8,float8,float8,int4)'),
	($q$SELECT journey_fuzz.shapley_model(j, (c % 3)::float8, c::float8) FROM jn GROUP BY c % 4$q$,
	 'journey.shapley_model(journey.journey,float8,float8)'),
	($q$SELECT journey_fuzz.shapley_model(j, (c % 3)::float8, c::float8, 1, 'conversion_rate') FROM jn GROUP BY c % 4$q$,
	 'journey.shapley_model(journey.journey,float8,float8,float8,text)')
) v(q, a);
SELECT seed('journey.stage_deserial', q) FROM (VALUES
	($q$SELECT journey_fuzz.stage_sequence(ts, stage) FROM ev GROUP BY c$q$),
	($q$SELECT journey_fuzz.stage_at(ts, stage, timestamptz '2026-01-05 00:00:00+00') FROM ev GROUP BY c$q$),
	($q$SELECT journey_fuzz.time_in_stage(ts, stage, 'purchase'::journey.lifecycle, timestamptz '2026-01-09 00:00:00+00') FROM ev GROUP BY c$q$),
	($q$SELECT journey_fuzz.time_in_stage(ts, stage, NULL::journey.lifecycle, NULL) FROM ev GROUP BY c$q$)
) v(q);
SELECT seed('journey.correlation_state', q) FROM (VALUES
	($q$SELECT journey_fuzz.funnel_correlation_agg(j, interval '2 days', ARRAY['web', 'email', 'buy'], 1) FROM jn GROUP BY c % 4$q$),
	($q$SELECT journey_fuzz.funnel_correlation_agg(j, interval '5 days', ARRAY['email', 'store', 'sms', 'buy'], 2) FROM jn GROUP BY c % 3$q$),
	($q$SELECT journey_fuzz.funnel_correlation_agg(j, interval '3 days', ARRAY['web', 'buy'], 1, (ARRAY['gold', 'silver', NULL])[1 + c % 3]) FROM jn GROUP BY c % 2$q$)
) v(q);
RESET search_path;

-- Every family has seeds.
DO $$
DECLARE
	f text;
BEGIN
	SELECT string_agg(DISTINCT t.family, ', ') INTO f FROM journey_fuzz.targets t
	WHERE NOT EXISTS (SELECT FROM journey_fuzz.seeds s WHERE s.family = t.family);
	IF f IS NOT NULL THEN
		RAISE EXCEPTION 'no seed states for %', f;
	END IF;
END
$$;
