SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;

-- ===========================================================================
-- journey.time_state: the transition state of the activity_buckets and
-- session_count aggregates, and its text form (doc/retention.md)
-- ===========================================================================

-- Aggregates with the transition function and no final function return
-- the state itself: what a parallel worker or a Citus worker sends.
CREATE AGGREGATE buckets_state_of(bigint, bigint, integer) (
	SFUNC = journey.activity_buckets_trans, STYPE = journey.time_state,
	COMBINEFUNC = journey.time_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE sessions_state_of(bigint, bigint) (
	SFUNC = journey.session_count_trans, STYPE = journey.time_state,
	COMBINEFUNC = journey.time_state_combine, PARALLEL = SAFE);
-- States merged by the combine function, then a final function.
CREATE AGGREGATE buckets_of_states(journey.time_state) (
	SFUNC = journey.time_state_combine, STYPE = journey.time_state,
	FINALFUNC = journey.activity_buckets_final);
CREATE AGGREGATE sessions_of_states(journey.time_state) (
	SFUNC = journey.time_state_combine, STYPE = journey.time_state,
	FINALFUNC = journey.session_count_final);

CREATE TABLE tst_rows (part int, ts bigint);
INSERT INTO tst_rows VALUES
	(1, 100), (1, 103), (1, 130),
	(2, 52), (2, 50), (2, 51),
	(3, 200), (3, 200), (3, 90);

-- The text form is the base64 of the binary form, without line breaks.
-- One row: version 1, flags 3 (parameters set, times sorted), width 10,
-- limit 5, 1 time: 42.
SELECT buckets_state_of(42, 10, 5) AS state;
SELECT encode(journey.time_state_send(buckets_state_of(42, 10, 5)), 'hex') AS binary_form;
SELECT decode('AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo=', 'base64')
	= journey.time_state_send('AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo=') AS text_is_base64_of_binary;
-- Times in arrival order; a time earlier than the one before clears the
-- sorted flag (flags 1); a session state has limit 0.
SELECT part, sessions_state_of(ts, 5),
	encode(journey.time_state_send(sessions_state_of(ts, 5)), 'hex') AS binary_form
FROM tst_rows GROUP BY part ORDER BY part;
-- text -> state -> text is the identity, and so is the binary round trip
SELECT s::text::journey.time_state::text = s::text AS text_round_trip,
	journey.time_state_send(s::text::journey.time_state) = journey.time_state_send(s) AS binary_round_trip
FROM (SELECT buckets_state_of(ts, 10, 31) AS s FROM tst_rows) x;

-- States stored per part and merged later give the answer over all rows.
CREATE TABLE tst_parts AS
	SELECT part, buckets_state_of(ts, 10, 31) AS b, sessions_state_of(ts, 5) AS s
	FROM tst_rows GROUP BY part;
SELECT buckets_of_states(b ORDER BY part DESC) AS buckets, sessions_of_states(s ORDER BY part) AS sessions
FROM tst_parts;
SELECT journey.activity_buckets(ts, 10, 31) AS buckets, journey.session_count(ts, 5) AS sessions FROM tst_rows;
-- The merged state: the times of both, no longer sorted.
SELECT journey.time_state_combine(a.s, b.s) AS merged
FROM tst_parts a, tst_parts b WHERE a.part = 1 AND b.part = 2;

-- Thinning: of 2000 times within one session gap, only what changes the
-- answer is kept.  The list is thinned when it reaches 1024 times (then
-- every time but the first and the last goes), so the state holds 2 + 976
-- times (binary form 18 + 8 * 978 bytes).
SELECT octet_length(journey.time_state_send(sessions_state_of(g, 5000))) AS bytes,
	journey.session_count(g, 5000) AS sessions
FROM generate_series(1, 2000) g;
-- With a bucket limit, times beyond it are dropped at the same point (4
-- times of the first 1024 are kept, then 976 more come).
SELECT octet_length(journey.time_state_send(buckets_state_of(g, 100, 3))) AS bytes,
	journey.activity_buckets(g, 100, 3) AS buckets
FROM generate_series(1, 2000) g;

-- Outside an aggregate the functions work on a copy: the argument does not
-- change.
SELECT s AS before, journey.session_count_trans(s, 7::bigint, 5::bigint) AS added, s AS after
FROM (SELECT 'AQMAAAAAAAAABQAAAAAAAAABAAAAAAAAACo='::journey.time_state AS s) x;
SELECT journey.activity_buckets_final('AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo=') AS buckets,
	journey.session_count_final(journey.session_count_trans(NULL, 7::bigint, 5::bigint)) AS sessions;
-- no rows: no state
SELECT sessions_state_of(ts, 5) IS NULL AS empty FROM tst_rows WHERE false;

-- Text input is validated as binary input is (test/pgtap/time_state.sql
-- has every case): 22P02.
SELECT 'AQEAAAAAAAAACgAAAAUAAAACAAAAAAAAACoAAAAAAAAAKw=='::journey.time_state;
SELECT 'AQMAAAAAAAAACgAAAAUAAAABAAAAAAAAACo'::journey.time_state;
-- A state of session_count is not one of activity_buckets.
SELECT journey.activity_buckets_final(sessions_state_of(1, 5)) FROM tst_rows;

DROP TABLE tst_rows, tst_parts;
DROP AGGREGATE buckets_state_of(bigint, bigint, integer);
DROP AGGREGATE sessions_state_of(bigint, bigint);
DROP AGGREGATE buckets_of_states(journey.time_state);
DROP AGGREGATE sessions_of_states(journey.time_state);
