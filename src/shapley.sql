-------------------------------------------------------------------------------
-- shapley_model: Shapley value attribution (shapley.c).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.shapley_final(@extschema@.attribution_state)
	RETURNS @extschema@.credit[]
	AS 'MODULE_PATHNAME', 'journey_shapley_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_final(@extschema@.attribution_state) IS 'final function of shapley_model';

CREATE FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_shapley_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision) IS 'transition function of shapley_model';
CREATE OR REPLACE AGGREGATE @extschema@.shapley_model(@extschema@.journey, double precision, double precision) (
	SFUNC = @extschema@.shapley_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.shapley_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.shapley_model(@extschema@.journey, double precision, double precision) IS
	'Shapley value credits of the labels, game conversions (path, conversions, value)';

CREATE FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_shapley_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision) IS 'transition function of shapley_model';
CREATE OR REPLACE AGGREGATE @extschema@.shapley_model(@extschema@.journey, double precision, double precision, double precision) (
	SFUNC = @extschema@.shapley_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.shapley_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.shapley_model(@extschema@.journey, double precision, double precision, double precision) IS
	'Shapley value credits of the labels, game conversions (path, conversions, value, nulls)';

CREATE FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision, pg_catalog.text)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_shapley_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, @extschema@.journey, double precision, double precision, double precision, pg_catalog.text) IS 'transition function of shapley_model';
CREATE OR REPLACE AGGREGATE @extschema@.shapley_model(@extschema@.journey, double precision, double precision, double precision, pg_catalog.text) (
	SFUNC = @extschema@.shapley_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.shapley_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.shapley_model(@extschema@.journey, double precision, double precision, double precision, pg_catalog.text) IS
	'Shapley value credits of the labels under a game, conversions or conversion_rate (path, conversions, value, nulls, game)';

CREATE FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_shapley_trans_array' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision) IS 'transition function of shapley_model';
CREATE OR REPLACE AGGREGATE @extschema@.shapley_model(pg_catalog.text[], double precision, double precision) (
	SFUNC = @extschema@.shapley_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.shapley_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.shapley_model(pg_catalog.text[], double precision, double precision) IS
	'Shapley value credits of the labels, game conversions (path, conversions, value)';

CREATE FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_shapley_trans_array' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision) IS 'transition function of shapley_model';
CREATE OR REPLACE AGGREGATE @extschema@.shapley_model(pg_catalog.text[], double precision, double precision, double precision) (
	SFUNC = @extschema@.shapley_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.shapley_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.shapley_model(pg_catalog.text[], double precision, double precision, double precision) IS
	'Shapley value credits of the labels, game conversions (path, conversions, value, nulls)';

CREATE FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision, pg_catalog.text)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_shapley_trans_array' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shapley_trans(@extschema@.attribution_state, pg_catalog.text[], double precision, double precision, double precision, pg_catalog.text) IS 'transition function of shapley_model';
CREATE OR REPLACE AGGREGATE @extschema@.shapley_model(pg_catalog.text[], double precision, double precision, double precision, pg_catalog.text) (
	SFUNC = @extschema@.shapley_trans,
	STYPE = @extschema@.attribution_state,
	FINALFUNC = @extschema@.shapley_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.attribution_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.shapley_model(pg_catalog.text[], double precision, double precision, double precision, pg_catalog.text) IS
	'Shapley value credits of the labels under a game, conversions or conversion_rate (path, conversions, value, nulls, game)';

