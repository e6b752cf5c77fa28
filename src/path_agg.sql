-------------------------------------------------------------------------------
-- Paths over event rows: the aggregates path_after(ts, label, anchor, steps
-- [, occurrence]) and path_before(...), ts a timestamptz or a bigint epoch
-- (paths.c).  They do not clash with the journey functions of the same name
-- (paths.sql): the argument types differ.
--
-- Their state type, path_state: the rows of the group (time, label, anchor)
-- with the steps and occurrence.  A real type rather than internal so that
-- Citus computes partial states on its workers (doc/distributed.md); text
-- form = base64 of the binary form (doc/paths.md).
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.path_state;
CREATE FUNCTION @extschema@.path_state_in(pg_catalog.cstring) RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'journey_path_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_state_out(@extschema@.path_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_path_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_state_recv(pg_catalog.internal) RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'journey_path_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_state_send(@extschema@.path_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_path_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.path_state (
	INPUT = @extschema@.path_state_in,
	OUTPUT = @extschema@.path_state_out,
	RECEIVE = @extschema@.path_state_recv,
	SEND = @extschema@.path_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.path_state IS
	'aggregate state of path_after and path_before (the rows of a group); text form: base64 of the binary form';
COMMENT ON FUNCTION @extschema@.path_state_in(pg_catalog.cstring) IS 'text input of type path_state';
COMMENT ON FUNCTION @extschema@.path_state_out(@extschema@.path_state) IS 'text output of type path_state';
COMMENT ON FUNCTION @extschema@.path_state_recv(pg_catalog.internal) IS 'binary input of type path_state';
COMMENT ON FUNCTION @extschema@.path_state_send(@extschema@.path_state) IS 'binary output of type path_state';

CREATE FUNCTION @extschema@.path_state_combine(@extschema@.path_state, @extschema@.path_state)
	RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'journey_path_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.path_state_combine(@extschema@.path_state, @extschema@.path_state) IS
	'combine function of path_after and path_before';

CREATE FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4)
	RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text)
	RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4)
	RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text)
	RETURNS @extschema@.path_state
	AS 'MODULE_PATHNAME', 'path_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_after_final(@extschema@.path_state)
	RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.path_before_final(@extschema@.path_state)
	RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_agg_trans(@extschema@.path_state, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS 'transition function of path_after and path_before';
COMMENT ON FUNCTION @extschema@.path_after_final(@extschema@.path_state) IS 'final function of path_after';
COMMENT ON FUNCTION @extschema@.path_before_final(@extschema@.path_state) IS 'final function of path_before';

CREATE OR REPLACE AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_after_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) (
	SFUNC = @extschema@.path_agg_trans, STYPE = @extschema@.path_state, SSPACE = 256,
	FINALFUNC = @extschema@.path_before_final, FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_state_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events following the first row where anchor holds (rows ordered by ts, then label bytes); NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events following the first or last (occurrence) row where anchor holds; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events following the first row where anchor holds (rows ordered by the epoch ts, then label bytes); NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_after(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events following the first or last (occurrence) row where anchor holds, epoch timestamps; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events preceding the first row where anchor holds, in time order; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events preceding the first or last (occurrence) row where anchor holds, in time order; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4) IS
	'labels of up to steps events preceding the first row where anchor holds, in epoch order; NULL if anchor never holds';
COMMENT ON AGGREGATE @extschema@.path_before(pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text) IS
	'labels of up to steps events preceding the first or last (occurrence) row where anchor holds, in epoch order; NULL if anchor never holds';
