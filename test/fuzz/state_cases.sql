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

-- activity_buckets: version, has_params, width (int8), limit (int4), n = 0.
-- The final function used to raise 22023 for a width or limit <= 0.
INSERT INTO state_case VALUES
	('activity_buckets width 0', 'activity_buckets(timestamptz,interval,integer)',
	 '\x01'::bytea || '\x01' || pg_temp.i8(0) || pg_temp.i4(5) || pg_temp.i4(0)),
	('activity_buckets max_buckets 0', 'activity_buckets(timestamptz,interval,integer)',
	 '\x01'::bytea || '\x01' || pg_temp.i8(86400000000) || pg_temp.i4(0) || pg_temp.i4(0));

DO $$
DECLARE
	r record;
	bad text := '';
	n int := 0;
BEGIN
	FOR r IN SELECT name, journey_fuzz.outcome(agg, state, argtypes) AS o FROM state_case LOOP
		n := n + 1;
		IF r.o NOT LIKE '22P03 %' THEN
			bad := bad || format(E'\n  %s: %s', r.name, r.o);
		END IF;
	END LOOP;
	IF bad <> '' THEN
		RAISE EXCEPTION 'aggregate-state regression cases not rejected with 22P03:%', bad;
	END IF;
	RAISE NOTICE 'aggregate-state regression cases: % rejected with 22P03', n;
END
$$;
