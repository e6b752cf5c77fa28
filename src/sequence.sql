-------------------------------------------------------------------------------
-- sequence_match / sequence_count: ClickHouse-style event patterns
-- (sequence.c, doc/sequences.md).
-------------------------------------------------------------------------------

-- Private functions of the aggregates.  One transition function serves the
-- timestamptz and bigint overloads (it reads the argument type: time
-- constraints count seconds for timestamptz, the caller's unit for bigint).
CREATE FUNCTION @extschema@.sequence_trans(pg_catalog.internal, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_trans(pg_catalog.internal, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_match_final(pg_catalog.internal)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_count_final(pg_catalog.internal)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sequence_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.sequence_trans(pg_catalog.internal, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[]) IS 'transition function of sequence_match and sequence_count (timestamptz)';
COMMENT ON FUNCTION @extschema@.sequence_trans(pg_catalog.internal, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[]) IS 'transition function of sequence_match and sequence_count (bigint)';
COMMENT ON FUNCTION @extschema@.sequence_match_final(pg_catalog.internal) IS 'final function of sequence_match';
COMMENT ON FUNCTION @extschema@.sequence_count_final(pg_catalog.internal) IS 'final function of sequence_count';
COMMENT ON FUNCTION @extschema@.sequence_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of sequence_match and sequence_count';
COMMENT ON FUNCTION @extschema@.sequence_serial(pg_catalog.internal) IS 'serialization function of sequence_match and sequence_count';
COMMENT ON FUNCTION @extschema@.sequence_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of sequence_match and sequence_count';

CREATE AGGREGATE @extschema@.sequence_match(pattern pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_match_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.sequence_combine,
	SERIALFUNC = @extschema@.sequence_serial,
	DESERIALFUNC = @extschema@.sequence_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sequence_match(pattern pg_catalog.text, ts pg_catalog.int8, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_match_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.sequence_combine,
	SERIALFUNC = @extschema@.sequence_serial,
	DESERIALFUNC = @extschema@.sequence_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sequence_count(pattern pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_count_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.sequence_combine,
	SERIALFUNC = @extschema@.sequence_serial,
	DESERIALFUNC = @extschema@.sequence_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sequence_count(pattern pg_catalog.text, ts pg_catalog.int8, VARIADIC conds pg_catalog.bool[]) (
	SFUNC = @extschema@.sequence_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.sequence_count_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.sequence_combine,
	SERIALFUNC = @extschema@.sequence_serial,
	DESERIALFUNC = @extschema@.sequence_deserial,
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

-- The same questions over a stored journey: condition N holds for the
-- events whose label equals labels[N].
CREATE FUNCTION @extschema@.sequence_match(j @extschema@.journey, pattern pg_catalog.text, VARIADIC labels pg_catalog.text[])
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 25;
CREATE FUNCTION @extschema@.sequence_count(j @extschema@.journey, pattern pg_catalog.text, VARIADIC labels pg_catalog.text[])
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;

COMMENT ON FUNCTION @extschema@.sequence_match(@extschema@.journey, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'whether the journey contains the pattern, condition N being "label = labels[N]" (time constraints in seconds)';
COMMENT ON FUNCTION @extschema@.sequence_count(@extschema@.journey, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'number of non-overlapping matches of the pattern in the journey, condition N being "label = labels[N]"';
