-------------------------------------------------------------------------------
-- markov_model: Markov-chain removal-effect attribution (markov.c).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.markov_final(@extschema@.attribution_state)
	RETURNS @extschema@.credit[]
	AS 'MODULE_PATHNAME', 'journey_markov_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_final(@extschema@.attribution_state) IS 'final function of markov_model';

CREATE FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_markov_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision) IS 'transition function of markov_model';
CREATE OR REPLACE AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision) IS
	'credits of the labels by their exact removal effect in the first-order Markov chain of the paths (path, conversions, value, nulls)';

CREATE FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision, integer)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_markov_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision, integer) IS 'transition function of markov_model';
CREATE OR REPLACE AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision, integer) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision, integer) IS
	'credits of the labels by their exact removal effect in the Markov chain of the given order of the paths (path, conversions, value, nulls, order)';

CREATE FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_markov_trans_array' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision) IS 'transition function of markov_model';
CREATE OR REPLACE AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision) IS
	'credits of the labels by their exact removal effect in the first-order Markov chain of the paths (path, conversions, value, nulls)';

CREATE FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision, integer)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_markov_trans_array' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision, integer) IS 'transition function of markov_model';
CREATE OR REPLACE AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision, integer) (
	SFUNC = @extschema@.markov_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision, integer) IS
	'credits of the labels by their exact removal effect in the Markov chain of the given order of the paths (path, conversions, value, nulls, order)';

