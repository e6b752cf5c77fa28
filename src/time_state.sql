
-------------------------------------------------------------------------------
-- The aggregates over event times, activity_buckets (retention.c) and
-- session_count (session.c), and their state type time_state
-- (time_state.c): a thinned list of the group's times with the bucket
-- width and limit or the session gap.  A real type rather than internal so
-- that Citus computes partial states on its workers (doc/distributed.md);
-- text form = base64 of the binary form (doc/retention.md).
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.time_state;
CREATE FUNCTION @extschema@.time_state_in(pg_catalog.cstring) RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'journey_time_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.time_state_out(@extschema@.time_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_time_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.time_state_recv(pg_catalog.internal) RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'journey_time_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.time_state_send(@extschema@.time_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_time_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.time_state (
	INPUT = @extschema@.time_state_in,
	OUTPUT = @extschema@.time_state_out,
	RECEIVE = @extschema@.time_state_recv,
	SEND = @extschema@.time_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.time_state IS
	'aggregate state of activity_buckets and session_count (a thinned list of event times); text form: base64 of the binary form';
COMMENT ON FUNCTION @extschema@.time_state_in(pg_catalog.cstring) IS 'text input of type time_state';
COMMENT ON FUNCTION @extschema@.time_state_out(@extschema@.time_state) IS 'text output of type time_state';
COMMENT ON FUNCTION @extschema@.time_state_recv(pg_catalog.internal) IS 'binary input of type time_state';
COMMENT ON FUNCTION @extschema@.time_state_send(@extschema@.time_state) IS 'binary output of type time_state';

-- Not strict: either state may be NULL.
CREATE FUNCTION @extschema@.time_state_combine(@extschema@.time_state, @extschema@.time_state)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'journey_time_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.time_state_combine(@extschema@.time_state, @extschema@.time_state) IS
	'combine function of activity_buckets and session_count';

-- activity_buckets: sorted distinct bucket numbers of the group's events
-- counted from its first event.  Aggregates take no argument defaults, so
-- the shorter forms are overloads.  The transition functions are not
-- strict: the first row creates the state, rows with a NULL argument are
-- skipped.

CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, timestamptz)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, timestamptz, interval)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, timestamptz, interval, pg_catalog.int4)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.int8, pg_catalog.int8)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.int8, pg_catalog.int8, pg_catalog.int4)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.date)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.date, pg_catalog.int4)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.date, pg_catalog.int4, pg_catalog.int4)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'activity_buckets_trans_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_buckets_final(@extschema@.time_state)
	RETURNS pg_catalog.int4[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, timestamptz) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, timestamptz, interval) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, timestamptz, interval, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.int8, pg_catalog.int8) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.int8, pg_catalog.int8, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.date) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.date, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_trans(@extschema@.time_state, pg_catalog.date, pg_catalog.int4, pg_catalog.int4) IS 'transition function of activity_buckets';
COMMENT ON FUNCTION @extschema@.activity_buckets_final(@extschema@.time_state) IS 'final function of activity_buckets';

CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(ts timestamptz) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(ts timestamptz, bucket interval) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(ts timestamptz, bucket interval, max_buckets pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(ts pg_catalog.int8, bucket pg_catalog.int8) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(ts pg_catalog.int8, bucket pg_catalog.int8, max_buckets pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(day pg_catalog.date) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(day pg_catalog.date, bucket_days pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.activity_buckets(day pg_catalog.date, bucket_days pg_catalog.int4, max_buckets pg_catalog.int4) (
	SFUNC = @extschema@.activity_buckets_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.activity_buckets_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);

COMMENT ON AGGREGATE @extschema@.activity_buckets(timestamptz) IS
	'sorted distinct 1-day buckets (0 = the day starting at the first event) holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(timestamptz, interval) IS
	'sorted distinct buckets of the given width, counted from the first event, holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(timestamptz, interval, pg_catalog.int4) IS
	'sorted distinct buckets of the given width, counted from the first event, holding an event, below max_buckets (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.int8, pg_catalog.int8) IS
	'sorted distinct buckets of the given width (in the unit of ts), counted from the first event, holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.int8, pg_catalog.int8, pg_catalog.int4) IS
	'sorted distinct buckets of the given width (in the unit of ts), counted from the first event, holding an event, below max_buckets (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.date) IS
	'sorted distinct calendar days since the first day (0) with an event, up to day 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.date, pg_catalog.int4) IS
	'sorted distinct buckets of bucket_days calendar days, counted from the first day, holding an event, up to bucket 30 (NULL for no rows)';
COMMENT ON AGGREGATE @extschema@.activity_buckets(pg_catalog.date, pg_catalog.int4, pg_catalog.int4) IS
	'sorted distinct buckets of bucket_days calendar days, counted from the first day, holding an event, below max_buckets (NULL for no rows)';

-- session_count: the number of sessions of the group's events.

CREATE FUNCTION @extschema@.session_count_trans(@extschema@.time_state, timestamptz, interval)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_trans(@extschema@.time_state, pg_catalog.int8, pg_catalog.int8)
	RETURNS @extschema@.time_state
	AS 'MODULE_PATHNAME', 'session_count_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.session_count_final(@extschema@.time_state)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.session_count_trans(@extschema@.time_state, timestamptz, interval) IS 'transition function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_trans(@extschema@.time_state, pg_catalog.int8, pg_catalog.int8) IS 'transition function of session_count';
COMMENT ON FUNCTION @extschema@.session_count_final(@extschema@.time_state) IS 'final function of session_count';

CREATE OR REPLACE AGGREGATE @extschema@.session_count(ts timestamptz, gap interval) (
	SFUNC = @extschema@.session_count_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.session_count_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.session_count(ts pg_catalog.int8, gap pg_catalog.int8) (
	SFUNC = @extschema@.session_count_trans, STYPE = @extschema@.time_state, SSPACE = 128,
	FINALFUNC = @extschema@.session_count_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.time_state_combine,
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.session_count(timestamptz, interval) IS
	'number of sessions of the group''s events, a new session starting after more than gap without events (0 for no rows)';
COMMENT ON AGGREGATE @extschema@.session_count(pg_catalog.int8, pg_catalog.int8) IS
	'number of sessions of the group''s events, a new session starting after more than gap (same unit as ts) without events (0 for no rows)';

