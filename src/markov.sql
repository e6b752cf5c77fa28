-------------------------------------------------------------------------------
-- markov_model: Markov-chain removal-effect attribution (markov.c).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.markov_final(pg_catalog.internal)
	RETURNS @extschema@.credit[]
	AS 'MODULE_PATHNAME', 'journey_markov_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_final(pg_catalog.internal) IS 'final function of markov_model';

CREATE FUNCTION @extschema@.markov_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'journey_markov_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision) IS 'transition function of markov_model';
CREATE AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision) (
	SFUNC = @extschema@.markov_trans,
	STYPE = pg_catalog.internal,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_table_combine,
	SERIALFUNC = @extschema@.path_table_serial,
	DESERIALFUNC = @extschema@.path_table_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision) IS
	'credits of the labels by their exact removal effect in the first-order Markov chain of the paths (path, conversions, value, nulls)';

CREATE FUNCTION @extschema@.markov_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision, integer)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'journey_markov_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision, integer) IS 'transition function of markov_model';
CREATE AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision, integer) (
	SFUNC = @extschema@.markov_trans,
	STYPE = pg_catalog.internal,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_table_combine,
	SERIALFUNC = @extschema@.path_table_serial,
	DESERIALFUNC = @extschema@.path_table_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(@extschema@.journey, double precision, double precision, double precision, integer) IS
	'credits of the labels by their exact removal effect in the Markov chain of the given order of the paths (path, conversions, value, nulls, order)';

CREATE FUNCTION @extschema@.markov_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'journey_markov_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision) IS 'transition function of markov_model';
CREATE AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision) (
	SFUNC = @extschema@.markov_trans,
	STYPE = pg_catalog.internal,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_table_combine,
	SERIALFUNC = @extschema@.path_table_serial,
	DESERIALFUNC = @extschema@.path_table_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision) IS
	'credits of the labels by their exact removal effect in the first-order Markov chain of the paths (path, conversions, value, nulls)';

CREATE FUNCTION @extschema@.markov_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision, integer)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'journey_markov_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markov_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision, integer) IS 'transition function of markov_model';
CREATE AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision, integer) (
	SFUNC = @extschema@.markov_trans,
	STYPE = pg_catalog.internal,
	FINALFUNC = @extschema@.markov_final,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.path_table_combine,
	SERIALFUNC = @extschema@.path_table_serial,
	DESERIALFUNC = @extschema@.path_table_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_model(pg_catalog.text[], double precision, double precision, double precision, integer) IS
	'credits of the labels by their exact removal effect in the Markov chain of the given order of the paths (path, conversions, value, nulls, order)';

