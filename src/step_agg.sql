-------------------------------------------------------------------------------
-- The aggregates over event rows of funnel.sql and sequence.sql
-- (window_funnel, window_funnel_times, sequence_match, sequence_count) and
-- their state type, step_state: the (time, step mask) pairs of the rows
-- where some condition holds, with the call's parameters (funnel.c,
-- sequence.c, step_state.c).  A real type rather than internal so that
-- Citus computes partial states on its workers (doc/distributed.md); text
-- form = base64 of the binary form (doc/funnels.md).  The upgrade from
-- 0.2.0 runs this file again (Makefile, UPGRADE_FRAGMENTS_0.3.0): CREATE
-- OR REPLACE AGGREGATE keeps the aggregates' OIDs and so users' views.
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.step_state;
CREATE FUNCTION @extschema@.step_state_in(pg_catalog.cstring) RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME', 'journey_step_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.step_state_out(@extschema@.step_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_step_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.step_state_recv(pg_catalog.internal) RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME', 'journey_step_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.step_state_send(@extschema@.step_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_step_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.step_state (
	INPUT = @extschema@.step_state_in,
	OUTPUT = @extschema@.step_state_out,
	RECEIVE = @extschema@.step_state_recv,
	SEND = @extschema@.step_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.step_state IS
	'aggregate state of window_funnel, window_funnel_times, sequence_match and sequence_count (the rows where some step holds); text form: base64 of the binary form';
COMMENT ON FUNCTION @extschema@.step_state_in(pg_catalog.cstring) IS 'text input of type step_state';
COMMENT ON FUNCTION @extschema@.step_state_out(@extschema@.step_state) IS 'text output of type step_state';
COMMENT ON FUNCTION @extschema@.step_state_recv(pg_catalog.internal) IS 'binary input of type step_state';
COMMENT ON FUNCTION @extschema@.step_state_send(@extschema@.step_state) IS 'binary output of type step_state';

CREATE FUNCTION @extschema@.step_state_combine(@extschema@.step_state, @extschema@.step_state)
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME', 'journey_step_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.step_state_combine(@extschema@.step_state, @extschema@.step_state) IS
	'combine function of window_funnel, window_funnel_times, sequence_match and sequence_count';

-- Transition functions of the funnels: one per argument list; the two
-- aggregates with the same arguments share them (and their state, when used
-- in one query).
CREATE FUNCTION @extschema@.funnel_state_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.funnel_state_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.int8, pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.int8, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.funnel_state_mode_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_mode_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.funnel_state_mode_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_mode_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.funnel_state_excl_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_excl_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.funnel_state_excl_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_excl_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.funnel_state_label_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_label_trans(@extschema@.step_state, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text[]) IS 'transition function of window_funnel and window_funnel_times (label form)';
CREATE FUNCTION @extschema@.funnel_state_label_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.int8, pg_catalog.text, pg_catalog.text[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_label_trans_int(@extschema@.step_state, pg_catalog.int8, pg_catalog.int8, pg_catalog.text, pg_catalog.text[]) IS 'transition function of window_funnel and window_funnel_times (label form)';
CREATE FUNCTION @extschema@.funnel_state_final(@extschema@.step_state)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_times_final(@extschema@.step_state)
	RETURNS pg_catalog.timestamptz[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_times_final_int(@extschema@.step_state)
	RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funnel_state_final(@extschema@.step_state) IS 'final function of window_funnel';
COMMENT ON FUNCTION @extschema@.funnel_state_times_final(@extschema@.step_state) IS 'final function of window_funnel_times (timestamptz)';
COMMENT ON FUNCTION @extschema@.funnel_state_times_final_int(@extschema@.step_state) IS 'final function of window_funnel_times (bigint)';

-- window_funnel and window_funnel_times
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_mode_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_mode_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_excl_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_excl_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_mode_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_mode_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_excl_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.funnel_state_excl_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, ts pg_catalog.timestamptz, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.funnel_state_label_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, ts pg_catalog.int8, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.funnel_state_label_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, ts pg_catalog.timestamptz, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.funnel_state_label_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, ts pg_catalog.int8, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.funnel_state_label_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.funnel_state_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'level reached in an ordered funnel: the largest k such that steps 1..k hold on rows in time order, all within window of step 1 (0 if step 1 never holds)';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'level reached in an ordered funnel: the largest k such that steps 1..k hold on rows in time order, all within window of step 1 (0 if step 1 never holds) (bigint times, window in the same unit)';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'level reached in a funnel with modes (comma-separated: strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry, any_order)';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'level reached in a funnel with modes (comma-separated: strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry, any_order) (bigint times, window in the same unit)';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]) IS
	'level reached in a funnel with modes and exclusions (exclusions[k] must not hold strictly between step k and step k+1 of a chain)';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]) IS
	'level reached in a funnel with modes and exclusions (exclusions[k] must not hold strictly between step k and step k+1 of a chain) (bigint times, window in the same unit)';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level (empty if step 1 never holds)';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level (empty if step 1 never holds) (bigint times, window in the same unit)';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes (bigint times, window in the same unit)';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes and exclusions';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes and exclusions (bigint times, window in the same unit)';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'level reached in an ordered funnel whose steps are labels (same answers as the boolean form with label = step_labels[k])';
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.int8, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'level reached in an ordered funnel whose steps are labels (same answers as the boolean form with label = step_labels[k]) (bigint times)';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'times of the chain that reached the funnel level, steps given as labels';
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.int8, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'times of the chain that reached the funnel level, steps given as labels (bigint times)';

-- Transition and final functions of sequence_match and sequence_count:
-- time constraints count seconds for timestamptz, the caller's unit for
-- bigint.
CREATE FUNCTION @extschema@.sequence_state_trans(@extschema@.step_state, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_state_trans_int(@extschema@.step_state, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[])
	RETURNS @extschema@.step_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_match_state_final(@extschema@.step_state)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_count_state_final(@extschema@.step_state)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sequence_state_trans(@extschema@.step_state, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[]) IS 'transition function of sequence_match and sequence_count (timestamptz)';
COMMENT ON FUNCTION @extschema@.sequence_state_trans_int(@extschema@.step_state, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[]) IS 'transition function of sequence_match and sequence_count (bigint)';
COMMENT ON FUNCTION @extschema@.sequence_match_state_final(@extschema@.step_state) IS 'final function of sequence_match';
COMMENT ON FUNCTION @extschema@.sequence_count_state_final(@extschema@.step_state) IS 'final function of sequence_count';

CREATE OR REPLACE AGGREGATE @extschema@.sequence_match(pattern pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_state_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_match_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.sequence_match(pattern pg_catalog.text, ts pg_catalog.int8, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_state_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_match_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.sequence_count(pattern pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_state_trans,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_count_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.sequence_count(pattern pg_catalog.text, ts pg_catalog.int8, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_state_trans_int,
	STYPE = @extschema@.step_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_count_state_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.step_state_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.sequence_match(pg_catalog.text, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'whether the group''s events, in time order, contain the pattern ((?N), ., .*, (?t<=S) with S in seconds)';
COMMENT ON AGGREGATE @extschema@.sequence_match(pg_catalog.text, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'whether the group''s events, in time order, contain the pattern ((?N), ., .*, (?t<=S) with S in the unit of ts)';
COMMENT ON AGGREGATE @extschema@.sequence_count(pg_catalog.text, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'number of non-overlapping matches of the pattern in the group''s events ((?N), ., .*, (?t<=S) with S in seconds)';
COMMENT ON AGGREGATE @extschema@.sequence_count(pg_catalog.text, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'number of non-overlapping matches of the pattern in the group''s events ((?N), ., .*, (?t<=S) with S in the unit of ts)';
