-------------------------------------------------------------------------------
-- merge_agg(journey): the merge of a group's journeys (journey_ops.c).
--
-- Its state type, journey_state: the events and labels of the journeys seen
-- (the JourneyBuilder journey_agg keeps as its internal state; same binary
-- form as journey_agg's serialized state, journey_agg.c).  A real type
-- rather than internal so that Citus computes partial states on its workers
-- across customers (doc/distributed.md); text form = base64 of the binary
-- form (doc/journey.md).  The upgrade step from 0.2.0 runs this file again
-- (UPGRADE_FRAGMENTS_0.3.0): CREATE OR REPLACE AGGREGATE keeps merge_agg's
-- OID, so the user's views on it survive.
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.journey_state;
CREATE FUNCTION @extschema@.journey_state_in(pg_catalog.cstring) RETURNS @extschema@.journey_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_state_out(@extschema@.journey_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_state_recv(pg_catalog.internal) RETURNS @extschema@.journey_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_state_send(@extschema@.journey_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.journey_state (
	INPUT = @extschema@.journey_state_in,
	OUTPUT = @extschema@.journey_state_out,
	RECEIVE = @extschema@.journey_state_recv,
	SEND = @extschema@.journey_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.journey_state IS
	'aggregate state of merge_agg (the events and labels of the journeys seen); text form: base64 of the binary form';
COMMENT ON FUNCTION @extschema@.journey_state_in(pg_catalog.cstring) IS 'text input of type journey_state';
COMMENT ON FUNCTION @extschema@.journey_state_out(@extschema@.journey_state) IS 'text output of type journey_state';
COMMENT ON FUNCTION @extschema@.journey_state_recv(pg_catalog.internal) IS 'binary input of type journey_state';
COMMENT ON FUNCTION @extschema@.journey_state_send(@extschema@.journey_state) IS 'binary output of type journey_state';

-- Not strict: it copes with either state being null.
CREATE FUNCTION @extschema@.journey_state_combine(@extschema@.journey_state, @extschema@.journey_state)
	RETURNS @extschema@.journey_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.journey_state_combine(@extschema@.journey_state, @extschema@.journey_state) IS
	'combine function of merge_agg';

CREATE FUNCTION @extschema@.journey_merge_agg_trans(@extschema@.journey_state, @extschema@.journey)
	RETURNS @extschema@.journey_state
	AS 'MODULE_PATHNAME', 'journey_merge_agg_state_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_merge_agg_final(@extschema@.journey_state)
	RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME', 'journey_merge_agg_state_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.journey_merge_agg_trans(@extschema@.journey_state, @extschema@.journey) IS 'transition function of merge_agg';
COMMENT ON FUNCTION @extschema@.journey_merge_agg_final(@extschema@.journey_state) IS 'final function of merge_agg';

CREATE OR REPLACE AGGREGATE @extschema@.merge_agg(@extschema@.journey) (
	SFUNC = @extschema@.journey_merge_agg_trans,
	STYPE = @extschema@.journey_state,
	SSPACE = 256,
	FINALFUNC = @extschema@.journey_merge_agg_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.journey_state_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.merge_agg(@extschema@.journey) IS
	'merge of the group''s journeys (NULLs skipped; NULL when there is none)';
