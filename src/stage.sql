-------------------------------------------------------------------------------
-- Journey-stage models (stage.c): ordered sets of stages as enum types, with
-- per-stage metadata, and aggregates over any stage model.
-------------------------------------------------------------------------------

-- The catalog of stage models.  Rows of the shipped models are marked
-- builtin: CREATE EXTENSION makes them, so pg_dump leaves them out, while
-- models created by users are dumped with their enum types.
CREATE TABLE @extschema@.stage_models (
	name pg_catalog.text PRIMARY KEY
		CHECK (name OPERATOR(pg_catalog.~) '^[a-z_][a-z0-9_]{0,62}$'),
	type pg_catalog.regtype NOT NULL UNIQUE,
	description pg_catalog.text,
	builtin boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.stage_models IS
	'journey-stage models: each is an enum type journey.<name> whose labels are the stages in order';

CREATE TABLE @extschema@.stages (
	-- a stage_models row; not a foreign key, so that a restore may load the
	-- two tables in any order (model.sql, "References between the tables")
	model pg_catalog.text NOT NULL,
	stage pg_catalog.text NOT NULL,
	position integer NOT NULL CHECK (position > 0),
	department pg_catalog.text,
	terminal boolean NOT NULL DEFAULT false,
	expected_days pg_catalog.numeric
		CHECK (expected_days >= 0 AND expected_days < 'Infinity'),
	builtin boolean NOT NULL DEFAULT false,
	PRIMARY KEY (model, stage),
	UNIQUE (model, position)
);
COMMENT ON TABLE @extschema@.stages IS
	'stages of each stage model, in order, with the department owning the stage, whether it is terminal and the expected time in it';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.stage_models', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.stages', 'WHERE NOT builtin');

-- Everybody reads the models; creating and dropping them takes privileges a
-- DBA grants (see doc/stages.md).
REVOKE ALL ON @extschema@.stage_models, @extschema@.stages FROM PUBLIC;
GRANT SELECT ON @extschema@.stage_models, @extschema@.stages TO PUBLIC;

CREATE FUNCTION @extschema@.create_stage_model(
	name pg_catalog.text,
	stages pg_catalog.text[],
	departments pg_catalog.text[] DEFAULT NULL,
	terminal boolean[] DEFAULT NULL,
	expected_days pg_catalog.numeric[] DEFAULT NULL,
	description pg_catalog.text DEFAULT NULL)
	RETURNS pg_catalog.regtype
	LANGUAGE plpgsql
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n integer;
	i integer;
	j integer;
	typ pg_catalog.regtype;
	stage_list pg_catalog.text;
	days pg_catalog.numeric;
BEGIN
	IF name IS NULL THEN
		RAISE EXCEPTION 'stage model name must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF name !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION 'invalid stage model name: "%"', name
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A stage model name is 1 to 63 lowercase letters, digits or underscores, not starting with a digit; it names the enum type journey.<name>.';
	END IF;
	IF stages IS NULL THEN
		RAISE EXCEPTION 'stages of stage model "%" must not be NULL', name
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF pg_catalog.cardinality(stages) = 0 THEN
		RAISE EXCEPTION 'stage model "%" must have at least one stage', name
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF pg_catalog.array_ndims(stages) <> 1
		OR pg_catalog.array_ndims(departments) <> 1
		OR pg_catalog.array_ndims(terminal) <> 1
		OR pg_catalog.array_ndims(expected_days) <> 1 THEN
		RAISE EXCEPTION 'stage model arrays must be one-dimensional'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	n := pg_catalog.cardinality(stages);
	IF pg_catalog.cardinality(departments) <> n
		OR pg_catalog.cardinality(terminal) <> n
		OR pg_catalog.cardinality(expected_days) <> n THEN
		RAISE EXCEPTION 'stage metadata arrays must have one element per stage (%)', n
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('departments has %s, terminal %s, expected_days %s elements.',
						coalesce(pg_catalog.cardinality(departments)::pg_catalog.text, 'no'),
						coalesce(pg_catalog.cardinality(terminal)::pg_catalog.text, 'no'),
						coalesce(pg_catalog.cardinality(expected_days)::pg_catalog.text, 'no'));
	END IF;
	-- Arrays are normalised to start at 1, whatever their bounds.
	stages := pg_catalog.array_cat(ARRAY[]::pg_catalog.text[], stages);
	departments := pg_catalog.array_cat(ARRAY[]::pg_catalog.text[], departments);
	terminal := pg_catalog.array_cat(ARRAY[]::boolean[], terminal);
	expected_days := pg_catalog.array_cat(ARRAY[]::pg_catalog.numeric[], expected_days);
	FOR i IN 1 .. n LOOP
		IF stages[i] IS NULL THEN
			RAISE EXCEPTION 'stage % of stage model "%" is NULL', i, name
				USING ERRCODE = 'null_value_not_allowed';
		END IF;
		IF stages[i] = '' THEN
			RAISE EXCEPTION 'stage % of stage model "%" is empty', i, name
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		FOR j IN 1 .. i - 1 LOOP
			IF stages[j] = stages[i] THEN
				RAISE EXCEPTION 'stage "%" appears twice in stage model "%"', stages[i], name
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = pg_catalog.format('Stages %s and %s are equal.', j, i);
			END IF;
		END LOOP;
		days := expected_days[i];
		IF days < 0 OR days = 'NaN' OR days = 'Infinity' THEN
			RAISE EXCEPTION 'expected days of stage "%" must be a finite number not below zero: %', stages[i], days
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
	END LOOP;

	IF EXISTS (SELECT FROM @extschema@.stage_models m WHERE m.name = create_stage_model.name) THEN
		RAISE EXCEPTION 'stage model "%" already exists', name
			USING ERRCODE = 'duplicate_object';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_type t
			   WHERE t.typname = create_stage_model.name
				 AND t.typnamespace = '@extschema@'::pg_catalog.regnamespace) THEN
		RAISE EXCEPTION 'type "@extschema@.%" already exists', name
			USING ERRCODE = 'duplicate_object',
				  HINT = 'Choose another stage model name.';
	END IF;

	SELECT pg_catalog.string_agg(pg_catalog.format('%L', s), ', ' ORDER BY k)
	  INTO stage_list
	  FROM pg_catalog.unnest(stages) WITH ORDINALITY AS u(s, k);
	EXECUTE pg_catalog.format('CREATE TYPE %I.%I AS ENUM (%s)', '@extschema@', name, stage_list);
	typ := pg_catalog.format('%I.%I', '@extschema@', name)::pg_catalog.regtype;
	EXECUTE pg_catalog.format('COMMENT ON TYPE %s IS %L', typ,
		coalesce(description, pg_catalog.format('stages of stage model %s', name)));

	INSERT INTO @extschema@.stage_models (name, type, description)
	VALUES (name, typ, description);
	INSERT INTO @extschema@.stages (model, stage, position, department, terminal, expected_days)
	SELECT name, stages[k], k, departments[k], coalesce(terminal[k], false), expected_days[k]
	  FROM pg_catalog.generate_series(1, n) AS k;
	RETURN typ;
END
$$;
COMMENT ON FUNCTION @extschema@.create_stage_model(pg_catalog.text, pg_catalog.text[], pg_catalog.text[], boolean[], pg_catalog.numeric[], pg_catalog.text) IS
	'create a stage model: the enum type journey.<name> with the stages in order, and their metadata (department, terminal, expected days)';

CREATE FUNCTION @extschema@.drop_stage_model(name pg_catalog.text, "cascade" boolean DEFAULT false)
	RETURNS void
	LANGUAGE plpgsql
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m record;
BEGIN
	IF name IS NULL OR "cascade" IS NULL THEN
		RAISE EXCEPTION 'arguments of drop_stage_model must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT sm.type::pg_catalog.oid AS typoid, sm.builtin INTO m
	  FROM @extschema@.stage_models sm WHERE sm.name = drop_stage_model.name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'stage model "%" does not exist', name
			USING ERRCODE = 'undefined_object';
	END IF;
	IF m.builtin THEN
		RAISE EXCEPTION 'stage model "%" is part of the journey extension', name
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Shipped stage models go away only with DROP EXTENSION journey.';
	END IF;
	-- The type may already be gone (dropped by hand): then only the rows go.
	IF EXISTS (SELECT FROM pg_catalog.pg_type t WHERE t.oid = m.typoid) THEN
		EXECUTE pg_catalog.format('DROP TYPE %s %s', m.typoid::pg_catalog.regtype,
								  CASE WHEN "cascade" THEN 'CASCADE' ELSE 'RESTRICT' END);
	END IF;
	DELETE FROM @extschema@.stage_models sm WHERE sm.name = drop_stage_model.name;
END
$$;
COMMENT ON FUNCTION @extschema@.drop_stage_model(pg_catalog.text, boolean) IS
	'drop a user-created stage model: its enum type (with CASCADE, also the columns and objects using it) and its metadata';

-- The shipped models.
SELECT @extschema@.create_stage_model('lifecycle',
	ARRAY['discovery', 'evaluation', 'purchase', 'loyalty', 'advocacy'],
	ARRAY['marketing', 'sales', 'billing', 'customer service', 'marketing'],
	ARRAY[false, false, false, false, true],
	ARRAY[14, 30, 7, 365, NULL]::pg_catalog.numeric[],
	'customer lifecycle: discovery, evaluation, purchase, loyalty, advocacy');
SELECT @extschema@.create_stage_model('commercial_cycle',
	ARRAY['acquisition', 'activation', 'loyalty', 'retention'],
	ARRAY['marketing', 'sales', 'customer service', 'billing'],
	ARRAY[false, false, false, true],
	ARRAY[30, 14, 365, NULL]::pg_catalog.numeric[],
	'commercial cycle: acquisition, activation, loyalty, retention');
UPDATE @extschema@.stage_models SET builtin = true;
UPDATE @extschema@.stages SET builtin = true;

-------------------------------------------------------------------------------
-- Stage metadata of a stage value (C, cached per query).
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.stage_department(anyenum)
	RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_is_terminal(anyenum)
	RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_expected_days(anyenum)
	RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stage_department(anyenum) IS
	'department owning the stage in its stage model (NULL if none or not a registered stage)';
COMMENT ON FUNCTION @extschema@.stage_is_terminal(anyenum) IS
	'whether the stage is terminal in its stage model (NULL if not a registered stage)';
COMMENT ON FUNCTION @extschema@.stage_expected_days(anyenum) IS
	'expected number of days in the stage (NULL if unknown or not a registered stage)';

-------------------------------------------------------------------------------
-- Aggregates over stage entries (entered, stage) of any stage model.
-------------------------------------------------------------------------------

-- support functions
CREATE FUNCTION @extschema@.stage_trans(pg_catalog.internal, timestamptz, anyenum)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_at_trans(pg_catalog.internal, timestamptz, anyenum, timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.time_in_stage_trans(pg_catalog.internal, timestamptz, anyenum, anyenum, timestamptz)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_combine(pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_serial(pg_catalog.internal)
	RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_deserial(pg_catalog.bytea, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_at_final(pg_catalog.internal, timestamptz, anyenum, timestamptz)
	RETURNS anyenum
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.time_in_stage_final(pg_catalog.internal, timestamptz, anyenum, anyenum, timestamptz)
	RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_sequence_final(pg_catalog.internal, timestamptz, anyenum)
	RETURNS anyarray
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.stage_transitions_final(pg_catalog.internal, timestamptz, anyenum)
	RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.regressions_final(pg_catalog.internal, timestamptz, anyenum)
	RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.regressed_final(pg_catalog.internal, timestamptz, anyenum)
	RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.stage_trans(pg_catalog.internal, timestamptz, anyenum) IS 'transition function of the stage aggregates';
COMMENT ON FUNCTION @extschema@.stage_at_trans(pg_catalog.internal, timestamptz, anyenum, timestamptz) IS 'transition function of stage_at';
COMMENT ON FUNCTION @extschema@.time_in_stage_trans(pg_catalog.internal, timestamptz, anyenum, anyenum, timestamptz) IS 'transition function of time_in_stage';
COMMENT ON FUNCTION @extschema@.stage_combine(pg_catalog.internal, pg_catalog.internal) IS 'combine function of the stage aggregates';
COMMENT ON FUNCTION @extschema@.stage_serial(pg_catalog.internal) IS 'serialization function of the stage aggregates';
COMMENT ON FUNCTION @extschema@.stage_deserial(pg_catalog.bytea, pg_catalog.internal) IS 'deserialization function of the stage aggregates';
COMMENT ON FUNCTION @extschema@.stage_at_final(pg_catalog.internal, timestamptz, anyenum, timestamptz) IS 'final function of stage_at';
COMMENT ON FUNCTION @extschema@.time_in_stage_final(pg_catalog.internal, timestamptz, anyenum, anyenum, timestamptz) IS 'final function of time_in_stage';
COMMENT ON FUNCTION @extschema@.stage_sequence_final(pg_catalog.internal, timestamptz, anyenum) IS 'final function of stage_sequence';
COMMENT ON FUNCTION @extschema@.stage_transitions_final(pg_catalog.internal, timestamptz, anyenum) IS 'final function of stage_transitions';
COMMENT ON FUNCTION @extschema@.regressions_final(pg_catalog.internal, timestamptz, anyenum) IS 'final function of regressions';
COMMENT ON FUNCTION @extschema@.regressed_final(pg_catalog.internal, timestamptz, anyenum) IS 'final function of regressed';

CREATE AGGREGATE @extschema@.stage_at(entered timestamptz, stage anyenum, "at" timestamptz) (
	SFUNC = @extschema@.stage_at_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 128,
	FINALFUNC = @extschema@.stage_at_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.stage_combine,
	SERIALFUNC = @extschema@.stage_serial,
	DESERIALFUNC = @extschema@.stage_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.time_in_stage(entered timestamptz, stage anyenum, which anyenum, "until" timestamptz) (
	SFUNC = @extschema@.time_in_stage_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 128,
	FINALFUNC = @extschema@.time_in_stage_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.stage_combine,
	SERIALFUNC = @extschema@.stage_serial,
	DESERIALFUNC = @extschema@.stage_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.stage_sequence(entered timestamptz, stage anyenum) (
	SFUNC = @extschema@.stage_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 128,
	FINALFUNC = @extschema@.stage_sequence_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.stage_combine,
	SERIALFUNC = @extschema@.stage_serial,
	DESERIALFUNC = @extschema@.stage_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.stage_transitions(entered timestamptz, stage anyenum) (
	SFUNC = @extschema@.stage_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 128,
	FINALFUNC = @extschema@.stage_transitions_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.stage_combine,
	SERIALFUNC = @extschema@.stage_serial,
	DESERIALFUNC = @extschema@.stage_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.regressions(entered timestamptz, stage anyenum) (
	SFUNC = @extschema@.stage_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 128,
	FINALFUNC = @extschema@.regressions_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.stage_combine,
	SERIALFUNC = @extschema@.stage_serial,
	DESERIALFUNC = @extschema@.stage_deserial,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.regressed(entered timestamptz, stage anyenum) (
	SFUNC = @extschema@.stage_trans,
	STYPE = pg_catalog.internal,
	SSPACE = 128,
	FINALFUNC = @extschema@.regressed_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = @extschema@.stage_combine,
	SERIALFUNC = @extschema@.stage_serial,
	DESERIALFUNC = @extschema@.stage_deserial,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.stage_at(timestamptz, anyenum, timestamptz) IS
	'stage in force at a time: the stage of the latest entry at or before it (NULL if none)';
COMMENT ON AGGREGATE @extschema@.time_in_stage(timestamptz, anyenum, anyenum, timestamptz) IS
	'total time spent in a stage up to a time, each stay lasting until the next entry';
COMMENT ON AGGREGATE @extschema@.stage_sequence(timestamptz, anyenum) IS
	'stages in time order, consecutive repeats collapsed';
COMMENT ON AGGREGATE @extschema@.stage_transitions(timestamptz, anyenum) IS
	'number of changes of stage';
COMMENT ON AGGREGATE @extschema@.regressions(timestamptz, anyenum) IS
	'number of moves to a stage earlier in the model''s order';
COMMENT ON AGGREGATE @extschema@.regressed(timestamptz, anyenum) IS
	'whether the entries ever move to a stage earlier in the model''s order';

