-------------------------------------------------------------------------------
-- Funnels: window_funnel / window_funnel_times over event rows, and
-- journey.funnel / journey.funnel_times over stored journeys (funnel.c).
-- Semantics: doc/funnels.md.
-------------------------------------------------------------------------------

-- Transition functions: one per argument list; the two aggregates with the
-- same arguments share them (and their state, when used in one query).
CREATE FUNCTION @extschema@.window_funnel_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.window_funnel_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.window_funnel_mode_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_mode_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.window_funnel_mode_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_mode_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.window_funnel_excl_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_excl_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.window_funnel_excl_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_excl_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]) IS 'transition function of window_funnel and window_funnel_times';
CREATE FUNCTION @extschema@.window_funnel_label_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_label_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text[]) IS 'transition function of window_funnel and window_funnel_times (label form)';
CREATE FUNCTION @extschema@.window_funnel_label_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.text, pg_catalog.text[])
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.window_funnel_label_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.text, pg_catalog.text[]) IS 'transition function of window_funnel and window_funnel_times (label form)';

CREATE FUNCTION @extschema@.window_funnel_final(pg_catalog.internal)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.window_funnel_times_final(pg_catalog.internal)
	RETURNS pg_catalog.timestamptz[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.window_funnel_times_final_int(pg_catalog.internal)
	RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.window_funnel_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.window_funnel_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.window_funnel_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.window_funnel_final(pg_catalog.internal) IS 'final function of window_funnel';
COMMENT ON FUNCTION @extschema@.window_funnel_times_final(pg_catalog.internal) IS 'final function of window_funnel_times (timestamptz)';
COMMENT ON FUNCTION @extschema@.window_funnel_times_final_int(pg_catalog.internal) IS 'final function of window_funnel_times (bigint)';
COMMENT ON FUNCTION @extschema@.window_funnel_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of window_funnel and window_funnel_times';
COMMENT ON FUNCTION @extschema@.window_funnel_serial(pg_catalog.internal) IS 'serialization function of window_funnel and window_funnel_times';
COMMENT ON FUNCTION @extschema@.window_funnel_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of window_funnel and window_funnel_times';

-- window_funnel
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'level reached in an ordered funnel: the largest k such that steps 1..k hold on rows in time order, all within window of step 1 (0 if step 1 never holds)';
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'level reached in an ordered funnel: the largest k such that steps 1..k hold on rows in time order, all within window of step 1 (0 if step 1 never holds) (bigint times, window in the same unit)';
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_mode_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'level reached in a funnel with modes (comma-separated: strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry, any_order)';
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_mode_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'level reached in a funnel with modes (comma-separated: strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry, any_order) (bigint times, window in the same unit)';
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_excl_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]) IS
	'level reached in a funnel with modes and exclusions (exclusions[k] must not hold strictly between step k and step k+1 of a chain)';
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_excl_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]) IS
	'level reached in a funnel with modes and exclusions (exclusions[k] must not hold strictly between step k and step k+1 of a chain) (bigint times, window in the same unit)';

-- window_funnel_times
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level (empty if step 1 never holds)';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level (empty if step 1 never holds) (bigint times, window in the same unit)';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_mode_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, VARIADIC steps pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_mode_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, VARIADIC pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes (bigint times, window in the same unit)';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, mode pg_catalog.text, ts pg_catalog.timestamptz, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_excl_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes and exclusions';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, mode pg_catalog.text, ts pg_catalog.int8, steps pg_catalog.bool[], exclusions pg_catalog.bool[]) (
	SFUNC = @extschema@.window_funnel_excl_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]) IS
	'times of the steps of the funnel chain reaching the highest level, with modes and exclusions (bigint times, window in the same unit)';

-- Over stored journeys: a step holds on an event whose label equals it.
CREATE FUNCTION @extschema@.funnel(j @extschema@.journey, "window" pg_catalog.interval, VARIADIC step_labels pg_catalog.text[])
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'journey_funnel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 50;
CREATE FUNCTION @extschema@.funnel(j @extschema@.journey, "window" pg_catalog.interval, step_labels pg_catalog.text[], mode pg_catalog.text)
	RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'journey_funnel_mode' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;
CREATE FUNCTION @extschema@.funnel_times(j @extschema@.journey, "window" pg_catalog.interval, step_labels pg_catalog.text[], mode pg_catalog.text DEFAULT '')
	RETURNS pg_catalog.timestamptz[]
	AS 'MODULE_PATHNAME', 'journey_funnel_times' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	COST 100;

COMMENT ON FUNCTION @extschema@.funnel(@extschema@.journey, pg_catalog.interval, pg_catalog.text[]) IS
	'window_funnel over a stored journey, step k holding on events labelled step_labels[k]';
COMMENT ON FUNCTION @extschema@.funnel(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.text) IS
	'window_funnel with modes over a stored journey, step k holding on events labelled step_labels[k]';
COMMENT ON FUNCTION @extschema@.funnel_times(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.text) IS
	'window_funnel_times (with modes) over a stored journey, step k holding on events labelled step_labels[k]';

-- The label form: step k holds on a row whose label equals step_labels[k].
-- Same answers as the boolean form with label = 'a', label = 'b', ...; faster,
-- as no array of conditions is built per row.
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.interval, ts pg_catalog.timestamptz, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.window_funnel_label_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'level reached in an ordered funnel whose steps are labels (same answers as the boolean form with label = step_labels[k])';
CREATE AGGREGATE @extschema@.window_funnel("window" pg_catalog.int8, ts pg_catalog.int8, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.window_funnel_label_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel(pg_catalog.int8, pg_catalog.int8, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'level reached in an ordered funnel whose steps are labels (same answers as the boolean form with label = step_labels[k]) (bigint times)';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.interval, ts pg_catalog.timestamptz, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.window_funnel_label_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'times of the chain that reached the funnel level, steps given as labels';
CREATE AGGREGATE @extschema@.window_funnel_times("window" pg_catalog.int8, ts pg_catalog.int8, label pg_catalog.text, VARIADIC step_labels pg_catalog.text[]) (
	SFUNC = @extschema@.window_funnel_label_trans_int,
	STYPE = pg_catalog.internal,
	SSPACE = 256,
	FINALFUNC = @extschema@.window_funnel_times_final_int,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.window_funnel_combine,
	SERIALFUNC = @extschema@.window_funnel_serial,
	DESERIALFUNC = @extschema@.window_funnel_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.window_funnel_times(pg_catalog.int8, pg_catalog.int8, pg_catalog.text, VARIADIC pg_catalog.text[]) IS
	'times of the chain that reached the funnel level, steps given as labels (bigint times)';
