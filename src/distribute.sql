-------------------------------------------------------------------------------
-- The shared customer model on Citus (doc/distributed.md, "The shared
-- customer model"): journey.distribute_model() turns the installed model
-- into a Citus layout.  Per-customer tables are distributed by the customer
-- and co-located; lookup tables become reference tables (a copy on every
-- node).
--
-- What Citus 13 takes, found on a coordinator and two workers (test/citus.sh):
--   * extension member tables can be distributed; DDL on them is not sent to
--     the copies CREATE EXTENSION made on the workers, so every column they
--     need (pending_touchpoints.customer) is part of the model itself;
--   * tables with triggers only with citus.enable_unsafe_triggers, and a
--     trigger on a shard may only reach shards of the same node: a statement
--     trigger with a transition table cannot insert into a distributed table
--     ("could not find named tuplestore"), and the cascades of model.sql's
--     model_references (a department renamed in every touchpoint) cannot run;
--   * a unique key must contain the distribution column;
--   * a function called by a query on a shard (the row security policies'
--     may_write) may read a table of Citus only with
--     citus.allow_nested_distributed_execution;
--   * no change of a row's distribution column (link_identity copies rows).
-------------------------------------------------------------------------------

-- Whether distribute_model() has distributed the model (without Citus:
-- false).  Read by the API functions that take another way on Citus.
CREATE FUNCTION @extschema@.model_is_distributed() RETURNS boolean
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	result boolean;
BEGIN
	IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL THEN
		RETURN false;
	END IF;
	EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid = $1)'
		INTO result USING '@extschema@.touchpoints'::pg_catalog.regclass;
	RETURN result;
END
$$;
COMMENT ON FUNCTION @extschema@.model_is_distributed() IS
	'whether journey.distribute_model() has distributed the customer model on Citus';

-- On Citus the refresh queue is filled row by row: a statement trigger's
-- transition table cannot feed an insert into a distributed table.  The row
-- lands in the queue shard beside the touchpoint's (same customer).
CREATE FUNCTION @extschema@.queue_touchpoint() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	INSERT INTO @extschema@.pending_touchpoints (touchpoint, customer) VALUES (NEW.id, NEW.customer);
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.queue_touchpoint() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.queue_touchpoint() IS
	'trigger (distributed model): queue a new touchpoint for refresh_journeys()';

-- On Citus, renaming or deleting a department, channel or stage model would
-- have to change touchpoints and stage history on every worker, which a
-- trigger on a reference table cannot do: refused instead (TG_ARGV[0] names
-- the kind of row).
CREATE FUNCTION @extschema@.distributed_model_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'cannot % % "%" of a distributed customer model',
		CASE TG_OP WHEN 'DELETE' THEN 'delete' ELSE 'rename' END, TG_ARGV[0], OLD.name
		USING ERRCODE = 'feature_not_supported',
			  DETAIL = pg_catalog.format('On Citus the touchpoints and other rows that name the %s are not renamed or checked when it changes.', TG_ARGV[0]),
			  HINT = pg_catalog.format('Add a new %s and record with it; the old one stays.', TG_ARGV[0]);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.distributed_model_guard() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.distributed_model_guard() IS
	'trigger (distributed model): refuse to rename or delete a department, channel or stage model';

CREATE FUNCTION @extschema@.distribute_model()
	RETURNS TABLE (relation pg_catalog.regclass, layout pg_catalog.text,
				   distribution_column pg_catalog.text, colocation_id integer)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	-- (not Citus' notices for every table copied into its shards)
	SET client_min_messages = warning
AS $$
DECLARE
	-- reference tables: small, read by every node
	refs CONSTANT pg_catalog.text[] := ARRAY['departments', 'channels', 'stage_models', 'stages',
											 'writers', 'admins', 'score_rules'];
	-- distributed tables and their distribution columns, co-located with
	-- customers (identities by the alias, the key every lookup uses)
	dists CONSTANT pg_catalog.text[] := ARRAY['customers', 'touchpoints', 'pending_touchpoints',
											  'stage_history', 'customer_journey_data', 'identities'];
	cols CONSTANT pg_catalog.text[] := ARRAY['id', 'customer', 'customer', 'customer', 'customer', 'alias'];
	ours pg_catalog.regclass[];
	n integer;
	what pg_catalog.text;
	t pg_catalog.text;
	ok boolean;
	failed pg_catalog.text;
BEGIN
	-- Every check comes before any change.
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname = 'citus') THEN
		RAISE EXCEPTION 'extension "citus" is not installed'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'journey.distribute_model() lays the customer model out on Citus: CREATE EXTENSION citus on every node (shared_preload_libraries = ''citus''), add the workers with citus_add_node(), then run it on the coordinator.';
	END IF;
	EXECUTE 'SELECT pg_catalog.citus_is_coordinator()' INTO ok;
	IF NOT ok THEN
		RAISE EXCEPTION 'journey.distribute_model() must run on the Citus coordinator'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Connect to the coordinator and run it there.';
	END IF;

	SELECT pg_catalog.array_agg(pg_catalog.format('@extschema@.%I', x)::pg_catalog.regclass)
	INTO ours FROM pg_catalog.unnest(refs || dists) x;
	EXECUTE 'SELECT pg_catalog.count(*)::integer, pg_catalog.string_agg(p.logicalrelid::pg_catalog.text, '', '' ORDER BY 1)
			 FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid = ANY ($1)'
		INTO n, what USING ours;
	IF n = pg_catalog.cardinality(ours) THEN
		-- done before: only make sure every node (a worker added since, too)
		-- lets the row security policies read the writers (below)
		NULL;
	ELSIF n > 0 THEN
		RAISE EXCEPTION 'the customer model is partly distributed already'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = pg_catalog.format('%s of its %s tables are Citus tables: %s.', n, pg_catalog.cardinality(ours), what),
				  HINT = 'Turn them back into local tables with undistribute_table() and run journey.distribute_model() again.';
	ELSE
		-- Score rules are applied by a statement trigger over the new
		-- touchpoints; on Citus it would run on the workers (row by row for a
		-- transition table Citus cannot feed) and NOTIFY only the sessions of
		-- a worker.
		IF EXISTS (SELECT 1 FROM @extschema@.score_rules) THEN
			RAISE EXCEPTION 'cannot distribute a customer model that has score rules'
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = 'Scores are computed by a trigger on touchpoints; on Citus it would run on the workers, and its NOTIFY journey_score would reach only sessions connected to a worker.',
					  HINT = 'Drop the rules with journey.drop_score_rule() first; score from the application with journey.conversion_probability().';
		END IF;
		-- Foreign keys from or to the model's tables (the model has none
		-- of its own): Citus allows them only between co-located tables on
		-- the distribution column, or to reference tables.
		SELECT pg_catalog.string_agg(pg_catalog.format('%I on %s', c.conname, c.conrelid::pg_catalog.regclass), ', ' ORDER BY c.conname)
		INTO what
		FROM pg_catalog.pg_constraint c
		WHERE c.contype = 'f' AND (c.conrelid = ANY (ours) OR c.confrelid = ANY (ours));
		IF what IS NOT NULL THEN
			RAISE EXCEPTION 'cannot distribute the customer model: foreign keys reference its tables'
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = pg_catalog.format('Foreign keys: %s.', what),
					  HINT = 'Drop them, run journey.distribute_model(), then distribute your tables by customer, co-located with journey.customers, and add them again.';
		END IF;
		-- Triggers of the user on the model's tables would run on the
		-- workers, where they may reach only shards of the same node.
		SELECT pg_catalog.string_agg(pg_catalog.format('%I on %s', g.tgname, g.tgrelid::pg_catalog.regclass), ', ' ORDER BY g.tgname)
		INTO what
		FROM pg_catalog.pg_trigger g
		WHERE g.tgrelid = ANY (ours) AND NOT g.tgisinternal
		  AND g.tgname NOT IN ('queue_touchpoints', 'score_touchpoints', 'model_references',
							   'model_references_key', 'score_rules_departments',
							   'score_rules_departments_key', 'score_rules_changed');
		IF what IS NOT NULL THEN
			RAISE EXCEPTION 'cannot distribute the customer model: it has triggers journey does not know'
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = pg_catalog.format('Triggers: %s.', what),
					  HINT = 'Drop them and run journey.distribute_model() again: on Citus a trigger runs on the workers and may reach only the shards of its node.';
		END IF;

		-- The changes.  Citus distributes tables with triggers only when
		-- told to (the triggers below are safe: they reach the same
		-- customer's shards, or only raise an error).
		PERFORM pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);

		-- the queue, row by row; queued rows of a version before 0.3.0 get
		-- their customer (those whose touchpoint is gone are dropped), and
		-- the ids queued in arrays (pending_batches) become rows with their
		-- customer: on Citus the queue is distributed by the customer and
		-- pending_batches, a local table of the coordinator, stays empty
		DROP TRIGGER queue_touchpoints ON @extschema@.touchpoints;
		CREATE TRIGGER queue_touchpoints AFTER INSERT ON @extschema@.touchpoints
			FOR EACH ROW EXECUTE FUNCTION @extschema@.queue_touchpoint();
		UPDATE @extschema@.pending_touchpoints p SET customer = t.customer
		FROM @extschema@.touchpoints t WHERE t.id = p.touchpoint AND p.customer IS NULL;
		DELETE FROM @extschema@.pending_touchpoints p WHERE p.customer IS NULL;
		WITH done AS (DELETE FROM @extschema@.pending_batches b RETURNING b.touchpoints)
		INSERT INTO @extschema@.pending_touchpoints (touchpoint, customer)
		SELECT t.id, t.customer
		FROM (SELECT DISTINCT x FROM done, pg_catalog.unnest(done.touchpoints) x) q
		JOIN @extschema@.touchpoints t ON t.id = q.x;
		-- no scores (checked above: no rules; add_score_rule refuses now)
		DROP TRIGGER score_touchpoints ON @extschema@.touchpoints;
		-- no cascades from the lookup tables: renames and deletes refused
		FOREACH t IN ARRAY ARRAY['customers', 'departments', 'channels', 'stage_models'] LOOP
			EXECUTE pg_catalog.format('DROP TRIGGER model_references ON @extschema@.%I', t);
			EXECUTE pg_catalog.format('DROP TRIGGER model_references_key ON @extschema@.%I', t);
		END LOOP;
		DROP TRIGGER score_rules_departments ON @extschema@.departments;
		DROP TRIGGER score_rules_departments_key ON @extschema@.departments;
		FOREACH t IN ARRAY ARRAY['departments', 'channels', 'stage_models'] LOOP
			EXECUTE pg_catalog.format('CREATE TRIGGER distributed_model_guard BEFORE DELETE ON @extschema@.%I
				FOR EACH ROW EXECUTE FUNCTION @extschema@.distributed_model_guard(%L)', t, pg_catalog.replace(pg_catalog.rtrim(t, 's'), '_', ' '));
			EXECUTE pg_catalog.format('CREATE TRIGGER distributed_model_guard_key BEFORE UPDATE OF name ON @extschema@.%I
				FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
				EXECUTE FUNCTION @extschema@.distributed_model_guard(%L)', t, pg_catalog.replace(pg_catalog.rtrim(t, 's'), '_', ' '));
		END LOOP;
		-- unique keys with the customer (ids stay unique through their
		-- sequences)
		ALTER TABLE @extschema@.touchpoints DROP CONSTRAINT touchpoints_pkey,
			ADD CONSTRAINT touchpoints_pkey PRIMARY KEY (customer, id);
		ALTER TABLE @extschema@.stage_history DROP CONSTRAINT stage_history_pkey,
			ADD CONSTRAINT stage_history_pkey PRIMARY KEY (customer, id);

		FOREACH t IN ARRAY refs LOOP
			EXECUTE 'SELECT pg_catalog.create_reference_table($1)'
				USING pg_catalog.format('@extschema@.%I', t)::pg_catalog.regclass;
		END LOOP;
		FOR i IN 1 .. pg_catalog.cardinality(dists) LOOP
			EXECUTE 'SELECT pg_catalog.create_distributed_table($1, $2, colocate_with => $3)'
				USING pg_catalog.format('@extschema@.%I', dists[i])::pg_catalog.regclass, cols[i],
					  CASE WHEN i = 1 THEN 'default' ELSE '@extschema@.customers' END;
		END LOOP;
		-- the rows were copied into the shards: free the local copies
		FOREACH t IN ARRAY refs || dists LOOP
			EXECUTE 'SELECT pg_catalog.truncate_local_data_after_distributing_table($1)'
				USING pg_catalog.format('@extschema@.%I', t)::pg_catalog.regclass;
		END LOOP;
	END IF;

	-- The row security policies call may_write(), which reads writers and
	-- admins (reference tables) from the workers' shards: Citus allows that
	-- only with citus.allow_nested_distributed_execution.  may_write reads
	-- nothing but reference tables, whose copy on the node is complete.
	ALTER FUNCTION @extschema@.may_write(pg_catalog.text) SET citus.allow_nested_distributed_execution = on;
	EXECUTE $c$SELECT pg_catalog.string_agg(r.nodename || ':' || r.nodeport || ': ' || r.result, '; ')
			   FROM pg_catalog.run_command_on_workers('ALTER FUNCTION @extschema@.may_write(pg_catalog.text) SET citus.allow_nested_distributed_execution = on') r
			   WHERE NOT r.success$c$
		INTO failed;
	IF failed IS NOT NULL THEN
		RAISE EXCEPTION 'could not set up journey.may_write() on every worker'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = failed,
				  HINT = 'Install journey on every node, then run journey.distribute_model() again.';
	END IF;

	RETURN QUERY EXECUTE
		'SELECT p.logicalrelid::pg_catalog.regclass,
				CASE p.partmethod WHEN ''n'' THEN ''reference'' ELSE ''distributed'' END,
				CASE WHEN p.partmethod <> ''n'' THEN pg_catalog.column_to_column_name(p.logicalrelid, p.partkey) END,
				p.colocationid
		 FROM pg_catalog.pg_dist_partition p
		 WHERE p.logicalrelid = ANY ($1)
		 ORDER BY p.partmethod, p.logicalrelid::pg_catalog.text'
		USING ours;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.distribute_model() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.distribute_model() IS
	'lay the customer model out on Citus: per-customer tables distributed by customer and co-located, lookup tables as reference tables; returns the layout';
