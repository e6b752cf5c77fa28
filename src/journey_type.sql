-------------------------------------------------------------------------------
-- The journey type: a customer's touchpoints in time order (journey_type.c,
-- journey_io.c, journey_cmp.c).
-------------------------------------------------------------------------------

CREATE TYPE @extschema@.journey;

CREATE FUNCTION @extschema@.journey_in(pg_catalog.cstring) RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.journey_out(@extschema@.journey) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.journey_recv(pg_catalog.internal) RETURNS @extschema@.journey
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.journey_send(@extschema@.journey) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.journey (
	INPUT = @extschema@.journey_in,
	OUTPUT = @extschema@.journey_out,
	RECEIVE = @extschema@.journey_recv,
	SEND = @extschema@.journey_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.journey IS
	'a customer''s touchpoints (timestamp, label, optional value) in time order, compactly encoded';
COMMENT ON FUNCTION @extschema@.journey_in(pg_catalog.cstring) IS 'text input of type journey';
COMMENT ON FUNCTION @extschema@.journey_out(@extschema@.journey) IS 'text output of type journey';
COMMENT ON FUNCTION @extschema@.journey_recv(pg_catalog.internal) IS 'binary input of type journey (fully validated)';
COMMENT ON FUNCTION @extschema@.journey_send(@extschema@.journey) IS 'binary output of type journey';

-- Comparison: equality is equality of every event; the order compares events
-- one by one (time, label bytes, value with NULL last), a prefix first.

CREATE FUNCTION @extschema@.journey_eq(@extschema@.journey, @extschema@.journey) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.journey_ne(@extschema@.journey, @extschema@.journey) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.journey_lt(@extschema@.journey, @extschema@.journey) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_le(@extschema@.journey, @extschema@.journey) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_gt(@extschema@.journey, @extschema@.journey) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_ge(@extschema@.journey, @extschema@.journey) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_cmp(@extschema@.journey, @extschema@.journey) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_hash(@extschema@.journey) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_hash_extended(@extschema@.journey, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.journey_eq(@extschema@.journey, @extschema@.journey) IS 'implementation of = operator';
COMMENT ON FUNCTION @extschema@.journey_ne(@extschema@.journey, @extschema@.journey) IS 'implementation of <> operator';
COMMENT ON FUNCTION @extschema@.journey_lt(@extschema@.journey, @extschema@.journey) IS 'implementation of < operator';
COMMENT ON FUNCTION @extschema@.journey_le(@extschema@.journey, @extschema@.journey) IS 'implementation of <= operator';
COMMENT ON FUNCTION @extschema@.journey_gt(@extschema@.journey, @extschema@.journey) IS 'implementation of > operator';
COMMENT ON FUNCTION @extschema@.journey_ge(@extschema@.journey, @extschema@.journey) IS 'implementation of >= operator';
COMMENT ON FUNCTION @extschema@.journey_cmp(@extschema@.journey, @extschema@.journey) IS 'btree comparison function of type journey';
COMMENT ON FUNCTION @extschema@.journey_hash(@extschema@.journey) IS 'hash function of type journey';
COMMENT ON FUNCTION @extschema@.journey_hash_extended(@extschema@.journey, bigint) IS 'extended hash function of type journey';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
	FUNCTION = @extschema@.journey_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.journey_ops
	DEFAULT FOR TYPE @extschema@.journey USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.journey_cmp(@extschema@.journey, @extschema@.journey);

CREATE OPERATOR CLASS @extschema@.journey_hash_ops
	DEFAULT FOR TYPE @extschema@.journey USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.journey_hash(@extschema@.journey),
	FUNCTION 2 @extschema@.journey_hash_extended(@extschema@.journey, bigint);

