-- test/fuzz/state_cases.sql: regression cases of the aggregate-state fuzzer
-- (test/fuzz/state_run.sh runs it after state_fuzz.sql).  Each case is a
-- state that once got through a deserialize function and then failed
-- with another SQLSTATE than 22P03, or worse; now each must be rejected
-- with 22P03 (invalid_binary_representation).  Valid states are taken
-- from the capture aggregates and changed in one place with overlay().
\set ON_ERROR_STOP 1
SET search_path = journey, journey_fuzz, pg_catalog;

CREATE FUNCTION journey_fuzz.outcome(agg regprocedure, state bytea, argtypes regtype[] DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM journey_fuzz.check_state(agg, state, argtypes);
	RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END
$$;

CREATE TEMP TABLE state_case (name text, agg regprocedure, state bytea, argtypes regtype[]);
-- int4 / int8 in network order
CREATE FUNCTION pg_temp.i4(v bigint) RETURNS bytea LANGUAGE sql
	RETURN decode(lpad(to_hex(v & 4294967295), 8, '0'), 'hex');
CREATE FUNCTION pg_temp.i8(v bigint) RETURNS bytea LANGUAGE sql
	RETURN decode(lpad(to_hex(v), 16, '0'), 'hex');

-- activity_buckets / session_count (time_state): version, flags, width
-- (int8), limit (int4), n = 0.  The final function of the internal state
-- used to raise 22023 for a width or limit <= 0; a state of the other
-- aggregate is rejected by the final function.
INSERT INTO state_case VALUES
	('activity_buckets width 0', 'activity_buckets(timestamptz,interval,integer)',
	 '\x01'::bytea || '\x03' || pg_temp.i8(0) || pg_temp.i4(5) || pg_temp.i4(0)),
	('activity_buckets state given to session_count', 'session_count(bigint,bigint)',
	 '\x01'::bytea || '\x03' || pg_temp.i8(10) || pg_temp.i4(5) || pg_temp.i4(1) || pg_temp.i8(42)),
	('session_count state given to activity_buckets', 'activity_buckets(bigint,bigint)',
	 '\x01'::bytea || '\x03' || pg_temp.i8(10) || pg_temp.i4(0) || pg_temp.i4(1) || pg_temp.i8(42));

-- sequence_match: a pattern naming condition 3 in a 2-condition state, and
-- "(?1x" (the final function used to raise 22023 "invalid sequence
-- pattern").  Header of journey.step_state: version 1, kind 1, flags 1,
-- nsteps 4, unit 8, param_flags 4, text length 4, then the pattern from
-- byte 24 on.
INSERT INTO state_case
SELECT 'sequence pattern with a condition that does not exist',
	   'sequence_match(text,timestamptz,boolean[])',
	   overlay(s PLACING convert_to('(?3)', 'UTF8') FROM 24)
FROM (SELECT journey_fuzz.sequence_match('(?1)(?2)', ts, label = 'web', label = 'buy') AS s
	  FROM ev WHERE c = 7) x;
INSERT INTO state_case
SELECT 'sequence pattern that does not parse',
	   'sequence_count(text,bigint,boolean[])',
	   overlay(s PLACING convert_to('x', 'UTF8') FROM 27)
FROM (SELECT journey_fuzz.sequence_count('(?1)', e, label = 'web') AS s
	  FROM ev WHERE c = 7) x;

-- markov_model: the order is the int4 after the version byte.  An order of
-- 0x7f000000 used to reach palloc (XX000 invalid memory alloc request
-- size); 0, the parameter of a shapley_model state, gave a chain of order 0.
INSERT INTO state_case
SELECT 'markov order 2130706432', 'markov_model(journey,double precision,double precision,double precision)'::regprocedure,
	   overlay(s PLACING pg_temp.i4(2130706432) FROM 2)
FROM (SELECT journey_fuzz.markov_model(j, 1, 2, 0) AS s FROM jn WHERE c < 5) x
UNION ALL
SELECT 'markov order -1', 'markov_model(journey,double precision,double precision,double precision,integer)',
	   overlay(s PLACING pg_temp.i4(-1) FROM 2)
FROM (SELECT journey_fuzz.markov_model(j, 1, 2, 0, 2) AS s FROM jn WHERE c < 5) x
UNION ALL
SELECT 'shapley state given to markov_model', 'markov_model(journey,double precision,double precision,double precision)',
	   s
FROM (SELECT journey_fuzz.shapley_model(j, 1, 2) AS s FROM jn WHERE c < 5) x
UNION ALL
-- shapley_model: a game name the trans function rejects ("conversion")
-- used to reach the final function (22023 unknown Shapley game)
SELECT 'shapley game "conversion"', 'shapley_model(journey,double precision,double precision,double precision,text)',
	   overlay(overlay(s PLACING pg_temp.i4(10) FROM 6) PLACING '' FROM 10 FOR 1)
FROM (SELECT journey_fuzz.shapley_model(j, 1, 2, 0, 'conversions') AS s FROM jn WHERE c < 5) x;

-- window_funnel_times: a matched time out of the timestamptz range used to
-- come back in a timestamptz[] that could not be printed (22008).  Header:
-- version 1, kind 1, flags 1, nsteps 4, window 8, param_flags 4, text
-- length 4 (-1: no text), nevents 4; then (ts, mask) pairs from byte 28 on.
INSERT INTO state_case
SELECT 'window_funnel_times time out of range', 'window_funnel_times(interval,timestamptz,boolean[])',
	   overlay(s PLACING pg_temp.i8(-9223372036854775807) || pg_temp.i8(1) FROM 28)
FROM (SELECT journey_fuzz.window_funnel_times(interval '1 hour', ts, label = 'web', label = 'email') AS s
	  FROM ev WHERE c = 7) x;
-- window_funnel: mode bits that parse_mode never lets through together
-- (allow_reentry without strict_order, with any_order: 0x10 | 0x20, in the
-- low byte of
-- param_flags at bytes 16..19); these used to be accepted
INSERT INTO state_case
SELECT 'window_funnel any_order with allow_reentry', 'window_funnel(interval,timestamptz,boolean[])',
	   overlay(s PLACING '\x30' FROM 19)
FROM (SELECT journey_fuzz.window_funnel(interval '1 hour', 'any_order', ts, label = 'web', label = 'email') AS s
	  FROM ev WHERE c = 7) x;

-- stage aggregates: a state of another stage model (used to be XX000 "stage
-- aggregate state of type %u used for type %u"), and an entry time out of
-- the timestamptz range but not infinite (time_in_stage's final function
-- used to raise 22008).  Header: version 1, flags 1, enum type 4, time
-- parameter 8, stage parameter 4, n 4; (time, stage) pairs from byte 23 on.
INSERT INTO state_case
SELECT 'stage_sequence state of another stage model', 'stage_sequence(timestamptz,anyenum)'::regprocedure, s,
	   '{timestamptz,journey.lifecycle}'::regtype[]
FROM (SELECT journey_fuzz.stage_sequence(timestamptz '2026-01-01 00:00:00+00' + i * interval '1 day',
		(ARRAY['acquisition', 'activation', 'loyalty', 'retention'])[1 + i % 4]::journey.commercial_cycle) AS s
	  FROM generate_series(0, 5) i) x
UNION ALL
SELECT 'time_in_stage entry time out of range', 'time_in_stage(timestamptz,anyenum,anyenum,timestamptz)',
	   overlay(s PLACING pg_temp.i8(-9223372035000000000) FROM 23),
	   '{timestamptz,journey.lifecycle,journey.lifecycle,timestamptz}'
FROM (SELECT journey_fuzz.time_in_stage(ts, stage, 'purchase'::journey.lifecycle,
		timestamptz '2026-01-09 00:00:00+00') AS s
	  FROM ev WHERE c = 7) x;

-- Every case of a table (name, agg, state, argtypes) must end with an
-- outcome LIKE pattern.
CREATE FUNCTION pg_temp.expect_outcomes(cases regclass, pattern text, what text, verdict text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	r record;
	bad text := '';
	n int := 0;
BEGIN
	FOR r IN EXECUTE format('SELECT name, journey_fuzz.outcome(agg, state, argtypes) AS o FROM %s', cases) LOOP
		n := n + 1;
		IF r.o NOT LIKE pattern THEN
			bad := bad || format(E'\n  %s: %s', r.name, r.o);
		END IF;
	END LOOP;
	IF bad <> '' THEN
		RAISE EXCEPTION '% not %:%', what, verdict, bad;
	END IF;
	RAISE NOTICE '%: % %', what, n, verdict;
END
$$;
DO $$ BEGIN PERFORM pg_temp.expect_outcomes('state_case', '22P03 %', 'aggregate-state regression cases',
	'rejected with 22P03'); END $$;

-- Sums beyond float8's range.  check_state combines two copies of a state,
-- so a valid state whose amounts are above half of float8's largest value
-- doubles past it.  The combine function used to write an infinity there,
-- which no state reader accepts (the fuzzer found it through markov_model's
-- chain form: "reserialized", 22P02 "An amount is negative or not
-- finite"); now combining raises 22003, as the same rows in one aggregate
-- do.
CREATE TEMP TABLE overflow_case (name text, agg regprocedure, state bytea, argtypes regtype[]);
INSERT INTO overflow_case
SELECT 'markov_model chain, conversions 1e308', 'markov_model(text[],double precision,double precision,double precision)'::regprocedure,
	   (SELECT journey_fuzz.markov_model(ARRAY['web', 'email', 'store'], 1e308, 0, 0))
UNION ALL
SELECT 'markov_model chain, value 1e308', 'markov_model(text[],double precision,double precision,double precision)',
	   (SELECT journey_fuzz.markov_model(ARRAY['web', 'email', 'store'], 1, 1e308, 0))
UNION ALL
SELECT 'markov_model chain, nulls 1e308', 'markov_model(text[],double precision,double precision,double precision)',
	   (SELECT journey_fuzz.markov_model(ARRAY['web', 'email', 'store'], 0, 0, 1e308))
UNION ALL
SELECT 'shapley_model paths, conversions 1e308', 'shapley_model(text[],double precision,double precision)',
	   (SELECT journey_fuzz.shapley_model(ARRAY['web', 'email', 'store'], 1e308, 0))
UNION ALL
SELECT 'markov_fit chain, nulls 1e308', 'markov_fit(text[],double precision,double precision,double precision)',
	   (SELECT journey_fuzz.markov_fit(ARRAY['web', 'email', 'store'], 0, 0, 1e308));

DO $$ BEGIN PERFORM pg_temp.expect_outcomes('overflow_case', '22003 value out of range: overflow',
	'aggregate states whose combined sums overflow', 'raise 22003'); END $$;
