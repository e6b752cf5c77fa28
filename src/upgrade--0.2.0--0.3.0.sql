-- Changes to objects of 0.2.0 and earlier, for ALTER EXTENSION journey
-- UPDATE only: each one is also made in the fragment that defines the
-- object, so that a fresh install and an upgraded one agree (test/upgrade.sh
-- checks it).

-- Issue 14: no foreign keys between the tables of the customer model, so
-- that pg_restore -j / -L may load them in any order (src/model.sql,
-- "References between the tables"); triggers do what the foreign keys did on
-- deleting or renaming a parent, and journey.check_model() reports orphans.
ALTER TABLE @extschema@.channels DROP CONSTRAINT channels_department_fkey;
ALTER TABLE @extschema@.identities DROP CONSTRAINT identities_customer_fkey;
ALTER TABLE @extschema@.touchpoints DROP CONSTRAINT touchpoints_customer_fkey,
	DROP CONSTRAINT touchpoints_channel_fkey, DROP CONSTRAINT touchpoints_department_fkey;
ALTER TABLE @extschema@.stage_history DROP CONSTRAINT stage_history_customer_fkey,
	DROP CONSTRAINT stage_history_model_fkey, DROP CONSTRAINT stage_history_department_fkey;
ALTER TABLE @extschema@.customer_journey_data DROP CONSTRAINT customer_journey_data_customer_fkey;
ALTER TABLE @extschema@.writers DROP CONSTRAINT writers_department_fkey;
ALTER TABLE @extschema@.stages DROP CONSTRAINT stages_model_fkey;
-- The queue may hold a touchpoint twice after a restore.
ALTER TABLE @extschema@.pending_touchpoints DROP CONSTRAINT pending_touchpoints_pkey;
ALTER TABLE @extschema@.pending_touchpoints ALTER COLUMN touchpoint SET NOT NULL;
CREATE INDEX pending_touchpoints_touchpoint ON @extschema@.pending_touchpoints (touchpoint);

CREATE FUNCTION @extschema@.model_references() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	used boolean := false;
	what pg_catalog.text;
	n bigint;
BEGIN
	IF TG_TABLE_NAME = 'customers' THEN
		what := pg_catalog.format('customer "%s"', OLD.id);
		IF TG_OP = 'DELETE' THEN
			DELETE FROM @extschema@.pending_touchpoints p USING @extschema@.touchpoints t
			WHERE t.id = p.touchpoint AND t.customer = OLD.id;
			-- (as forget_customer)
			IF EXISTS (SELECT FROM @extschema@.pending_batches) THEN
				UPDATE @extschema@.pending_batches b
				SET touchpoints = ARRAY(SELECT x FROM pg_catalog.unnest(b.touchpoints) x
										WHERE NOT EXISTS (SELECT FROM @extschema@.touchpoints t
														  WHERE t.id = x AND t.customer = OLD.id))
				WHERE EXISTS (SELECT FROM pg_catalog.unnest(b.touchpoints) x
							  JOIN @extschema@.touchpoints t ON t.id = x
							  WHERE t.customer = OLD.id);
				GET DIAGNOSTICS n = ROW_COUNT;
				IF n > 0 THEN
					DELETE FROM @extschema@.pending_batches b WHERE b.touchpoints = '{}';
				END IF;
			END IF;
			DELETE FROM @extschema@.touchpoints t WHERE t.customer = OLD.id;
			DELETE FROM @extschema@.stage_history h WHERE h.customer = OLD.id;
			DELETE FROM @extschema@.customer_journey_data d WHERE d.customer = OLD.id;
			DELETE FROM @extschema@.identities i WHERE i.customer = OLD.id;
		ELSE
			used := EXISTS (SELECT FROM @extschema@.touchpoints t WHERE t.customer = OLD.id)
				OR EXISTS (SELECT FROM @extschema@.stage_history h WHERE h.customer = OLD.id)
				OR EXISTS (SELECT FROM @extschema@.customer_journey_data d WHERE d.customer = OLD.id)
				OR EXISTS (SELECT FROM @extschema@.identities i WHERE i.customer = OLD.id);
		END IF;
	ELSIF TG_TABLE_NAME = 'departments' THEN
		what := pg_catalog.format('department "%s"', OLD.name);
		IF TG_OP = 'UPDATE' THEN
			UPDATE @extschema@.channels c SET department = NEW.name WHERE c.department = OLD.name;
			UPDATE @extschema@.touchpoints t SET department = NEW.name WHERE t.department = OLD.name;
			UPDATE @extschema@.stage_history h SET department = NEW.name WHERE h.department = OLD.name;
			UPDATE @extschema@.writers w SET department = NEW.name WHERE w.department = OLD.name;
		ELSE
			DELETE FROM @extschema@.writers w WHERE w.department = OLD.name;
			used := EXISTS (SELECT FROM @extschema@.channels c WHERE c.department = OLD.name)
				OR EXISTS (SELECT FROM @extschema@.touchpoints t WHERE t.department = OLD.name)
				OR EXISTS (SELECT FROM @extschema@.stage_history h WHERE h.department = OLD.name);
		END IF;
	ELSIF TG_TABLE_NAME = 'channels' THEN
		what := pg_catalog.format('channel "%s"', OLD.name);
		IF TG_OP = 'UPDATE' THEN
			UPDATE @extschema@.touchpoints t SET channel = NEW.name WHERE t.channel = OLD.name;
		ELSE
			used := EXISTS (SELECT FROM @extschema@.touchpoints t WHERE t.channel = OLD.name);
		END IF;
	ELSIF TG_TABLE_NAME = 'stage_models' THEN
		IF TG_OP = 'UPDATE' THEN
			UPDATE @extschema@.stages s SET model = NEW.name WHERE s.model = OLD.name;
			UPDATE @extschema@.stage_history h SET model = NEW.name WHERE h.model = OLD.name;
		ELSE
			DELETE FROM @extschema@.stages s WHERE s.model = OLD.name;
			DELETE FROM @extschema@.stage_history h WHERE h.model = OLD.name;
		END IF;
	END IF;
	IF used THEN
		RAISE EXCEPTION '% is still referenced', what
			USING ERRCODE = 'foreign_key_violation',
				  HINT = CASE TG_TABLE_NAME WHEN 'customers' THEN 'Use journey.forget_customer() or journey.link_identity().'
						 ELSE 'Move or delete the rows that use it first.' END;
	END IF;
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.model_references() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.model_references() IS
	'trigger: what the foreign keys between the model''s tables did on deleting or renaming a customer, department, channel or stage model';

CREATE TRIGGER model_references AFTER DELETE ON @extschema@.customers
	FOR EACH ROW EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references_key AFTER UPDATE OF id ON @extschema@.customers
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references AFTER DELETE ON @extschema@.departments
	FOR EACH ROW EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references_key AFTER UPDATE OF name ON @extschema@.departments
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references AFTER DELETE ON @extschema@.channels
	FOR EACH ROW EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references_key AFTER UPDATE OF name ON @extschema@.channels
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references AFTER DELETE ON @extschema@.stage_models
	FOR EACH ROW EXECUTE FUNCTION @extschema@.model_references();
CREATE TRIGGER model_references_key AFTER UPDATE OF name ON @extschema@.stage_models
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION @extschema@.model_references();

CREATE FUNCTION @extschema@.check_model()
	RETURNS TABLE (relation pg_catalog.text, "column" pg_catalog.text, missing pg_catalog.text, rows bigint)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT x.relation, x."column", x.missing, pg_catalog.count(*)
	FROM (SELECT 'channels' AS relation, 'department' AS "column", c.department AS missing
		  FROM @extschema@.channels c
		  WHERE NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = c.department)
		  UNION ALL
		  SELECT 'identities', 'customer', i.customer FROM @extschema@.identities i
		  WHERE NOT EXISTS (SELECT FROM @extschema@.customers c WHERE c.id = i.customer)
		  UNION ALL
		  SELECT 'touchpoints', 'customer', t.customer FROM @extschema@.touchpoints t
		  WHERE NOT EXISTS (SELECT FROM @extschema@.customers c WHERE c.id = t.customer)
		  UNION ALL
		  SELECT 'touchpoints', 'channel', t.channel FROM @extschema@.touchpoints t
		  WHERE NOT EXISTS (SELECT FROM @extschema@.channels c WHERE c.name = t.channel)
		  UNION ALL
		  SELECT 'touchpoints', 'department', t.department FROM @extschema@.touchpoints t
		  WHERE NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = t.department)
		  UNION ALL
		  SELECT 'stage_history', 'customer', h.customer FROM @extschema@.stage_history h
		  WHERE NOT EXISTS (SELECT FROM @extschema@.customers c WHERE c.id = h.customer)
		  UNION ALL
		  SELECT 'stage_history', 'model', h.model FROM @extschema@.stage_history h
		  WHERE NOT EXISTS (SELECT FROM @extschema@.stage_models m WHERE m.name = h.model)
		  UNION ALL
		  SELECT 'stage_history', 'department', h.department FROM @extschema@.stage_history h
		  WHERE h.department IS NOT NULL
			AND NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = h.department)
		  UNION ALL
		  SELECT 'customer_journey_data', 'customer', j.customer FROM @extschema@.customer_journey_data j
		  WHERE NOT EXISTS (SELECT FROM @extschema@.customers c WHERE c.id = j.customer)
		  UNION ALL
		  SELECT 'writers', 'department', w.department FROM @extschema@.writers w
		  WHERE NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = w.department)
		  UNION ALL
		  SELECT 'stages', 'model', s.model FROM @extschema@.stages s
		  WHERE NOT EXISTS (SELECT FROM @extschema@.stage_models m WHERE m.name = s.model)) x
	GROUP BY 1, 2, 3
	ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION @extschema@.check_model() IS
	'rows of the customer model whose customer, channel, department or stage model is missing (none: the model is consistent)';

CREATE OR REPLACE FUNCTION @extschema@.refresh_journeys() RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
	rebuilt bigint;
	queued bigint;
	total double precision;
	ids bigint[];
BEGIN
	-- one refresh at a time; recording never waits for it
	PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('journey.refresh_journeys'));

	-- On Citus (distribute_model): the journey of every customer with a
	-- queued touchpoint is built again from all of its touchpoints, on the
	-- workers, and the queue emptied of what was read.  A rebuild, not a
	-- merge, so a touchpoint a worker sees in one statement and not in the
	-- other is at worst read again at the next refresh.
	IF @extschema@.model_is_distributed() THEN
		-- (pending_batches is empty on Citus, where the row trigger
		-- queue_touchpoint() fills the queue; ids found in it all the same
		-- are queued with their customers first, as distribute_model() does)
		IF EXISTS (SELECT FROM @extschema@.pending_batches) THEN
			WITH done AS (DELETE FROM @extschema@.pending_batches b RETURNING b.touchpoints)
			SELECT pg_catalog.array_agg(x) INTO ids FROM done, pg_catalog.unnest(done.touchpoints) x;
			INSERT INTO @extschema@.pending_touchpoints (touchpoint, customer)
			SELECT t.id, t.customer FROM @extschema@.touchpoints t WHERE t.id = ANY (ids);
		END IF;
		WITH done AS (
			DELETE FROM @extschema@.pending_touchpoints p
			RETURNING p.customer
		)
		INSERT INTO @extschema@.customer_journey_data AS d (customer, channels, events, first_seen, last_seen)
		SELECT t.customer,
			@extschema@.journey_agg(t.ts, t.channel, t.value::double precision),
			@extschema@.journey_agg(t.ts, t.event, t.value::double precision),
			min(t.ts), max(t.ts)
		FROM @extschema@.touchpoints t
		WHERE t.customer IN (SELECT done.customer FROM done)
		GROUP BY t.customer
		ON CONFLICT ON CONSTRAINT customer_journey_data_pkey DO UPDATE
			SET channels = excluded.channels, events = excluded.events,
				first_seen = excluded.first_seen, last_seen = excluded.last_seen,
				refreshed = excluded.refreshed;
		GET DIAGNOSTICS n = ROW_COUNT;
		RETURN n;
	END IF;

	-- Nothing stored yet (the first refresh after a load, or after the
	-- journeys were emptied): every customer gets the journey of all its
	-- touchpoints, in one pass over the table like journey_agg from scratch,
	-- whatever the size of the queue (merging the queue into nothing is right
	-- only if it holds every touchpoint), with no lookup of the queue or of
	-- stored journeys.  The queue is emptied in the same statement, so with
	-- the same snapshot: a touchpoint committed meanwhile stays queued.
	--
	-- A plain INSERT, not INSERT ... ON CONFLICT (which writes every row as
	-- a speculative insertion: an index probe before it and a second WAL
	-- record after it): only a refresh adds journeys of customers that have
	-- none (link_identity moves a stored one, forget_customer and
	-- purge_before delete or shorten them), and refreshes wait for each
	-- other on the lock above, taken before this statement's snapshot.  A
	-- journey stored meanwhile all the same (an INSERT by hand, a restore
	-- of the table) makes it fail with a unique violation: then everything
	-- is undone and the general build below runs instead.  Rows in
	-- customer order: the primary key grows at its right end.
	IF NOT EXISTS (SELECT FROM @extschema@.customer_journey_data) THEN
		IF NOT EXISTS (SELECT FROM @extschema@.pending_touchpoints)
		   AND NOT EXISTS (SELECT FROM @extschema@.pending_batches) THEN
			RETURN 0;
		END IF;
		BEGIN
			WITH done AS (
				DELETE FROM @extschema@.pending_touchpoints p
			), done_batches AS (
				DELETE FROM @extschema@.pending_batches b
			)
			INSERT INTO @extschema@.customer_journey_data (customer, channels, events, first_seen, last_seen)
			SELECT t.customer,
				@extschema@.journey_agg(t.ts, t.channel, t.value::double precision),
				@extschema@.journey_agg(t.ts, t.event, t.value::double precision),
				min(t.ts), max(t.ts)
			FROM @extschema@.touchpoints t
			GROUP BY t.customer
			ORDER BY t.customer;
			GET DIAGNOSTICS n = ROW_COUNT;
			RETURN n;
		EXCEPTION WHEN unique_violation THEN
			NULL;				-- a journey stored meanwhile: build below
		END;
	END IF;

	-- the touchpoints, as the planner estimates them: the rows per page of
	-- the last VACUUM or ANALYZE (60 before the first) times the pages now,
	-- summed over the partitions if the table is partitioned
	SELECT coalesce(pg_catalog.sum(CASE WHEN c.relpages > 0 AND c.reltuples > 0
										THEN c.reltuples / c.relpages ELSE 60 END
								   * (pg_catalog.pg_relation_size(c.oid)
									  / pg_catalog.current_setting('block_size')::integer)), 0)
	INTO total
	FROM pg_catalog.pg_class c
	WHERE c.oid = '@extschema@.touchpoints'::pg_catalog.regclass
	   OR c.oid IN (SELECT p.relid FROM pg_catalog.pg_partition_tree('@extschema@.touchpoints'::pg_catalog.regclass) p);
	-- the queue, counted up to a quarter of that (the rows, then, if they
	-- are fewer, the ids of the arrays too)
	SELECT pg_catalog.count(*) INTO queued
	FROM (SELECT FROM @extschema@.pending_touchpoints p
		  LIMIT pg_catalog.ceil(total / 4)::bigint + 1) q;
	IF queued * 4 < total THEN
		queued := queued + coalesce((SELECT pg_catalog.sum(pg_catalog.cardinality(b.touchpoints))
									 FROM @extschema@.pending_batches b), 0);
	END IF;
	IF queued = 0 THEN
		RETURN 0;
	END IF;

	-- A quarter of the touchpoints or more queued (a bulk load, a restore):
	-- build rather than merge.  Every customer with a queued touchpoint, or
	-- with no stored journey, gets the journey of all its touchpoints, in
	-- one pass over the table like journey_agg from scratch; that equals the
	-- stored journey merged with the queued touchpoints (a stored journey
	-- holds the customer's touchpoints that are not queued, below), and is
	-- right even where that does not hold.  The queue is emptied in the same
	-- statement, so with the same snapshot: a touchpoint committed meanwhile
	-- stays queued for the next refresh.
	IF queued * 4 >= total THEN
		WITH done_rows AS (
			DELETE FROM @extschema@.pending_touchpoints p
			RETURNING p.touchpoint
		), done_batches AS (
			DELETE FROM @extschema@.pending_batches b
			RETURNING b.touchpoints
		), done AS (
			SELECT r.touchpoint FROM done_rows r
			UNION ALL
			SELECT x FROM done_batches b, pg_catalog.unnest(b.touchpoints) x
		)
		INSERT INTO @extschema@.customer_journey_data AS d (customer, channels, events, first_seen, last_seen)
		SELECT t.customer,
			@extschema@.journey_agg(t.ts, t.channel, t.value::double precision),
			@extschema@.journey_agg(t.ts, t.event, t.value::double precision),
			min(t.ts), max(t.ts)
		FROM @extschema@.touchpoints t
		LEFT JOIN @extschema@.customer_journey_data s ON s.customer = t.customer
		GROUP BY t.customer
		-- (the queue is looked up only for customers with a stored journey)
		HAVING pg_catalog.bool_or(s.customer IS NULL OR t.id IN (SELECT done.touchpoint FROM done))
		ORDER BY t.customer
		ON CONFLICT ON CONSTRAINT customer_journey_data_pkey DO UPDATE
			SET channels = excluded.channels, events = excluded.events,
				first_seen = excluded.first_seen, last_seen = excluded.last_seen,
				refreshed = pg_catalog.now();
		GET DIAGNOSTICS n = ROW_COUNT;
		RETURN n;
	END IF;

	-- Incremental: merge the journeys of the queued touchpoints into the
	-- stored ones.  Every stored journey holds exactly the customer's
	-- touchpoints that are not queued: length(journey) + queued =
	-- touchpoints.  A queued touchpoint that is already in the journey
	-- breaks that: a pg_restore, whose COPY of the touchpoints fires the
	-- queueing trigger for every restored row, or a touchpoint deleted by
	-- hand.  Merging would then count events twice, so such customers'
	-- journeys are rebuilt from their touchpoints instead.  Only customers
	-- with a queued touchpoint at or before the end of their stored journey
	-- can be affected (a touchpoint already in a journey is not later than
	-- its last event), so only they are counted, and events arriving in time
	-- order never pay for it.
	--
	-- The queued ids are those of both tables (the arrays have no index:
	-- the candidates' queued ids are counted in a second pass over the
	-- queue, which runs only if there are candidates).
	WITH queue AS (
		SELECT p.touchpoint FROM @extschema@.pending_touchpoints p
		UNION ALL
		SELECT x FROM @extschema@.pending_batches b, pg_catalog.unnest(b.touchpoints) x
	), late AS (
		SELECT DISTINCT t.customer
		FROM queue q
		JOIN @extschema@.touchpoints t ON t.id = q.touchpoint
		JOIN @extschema@.customer_journey_data d ON d.customer = t.customer
		WHERE t.ts <= d.last_seen
	), candidates AS (
		-- (a restore may queue a touchpoint twice: count it once)
		SELECT t.customer, pg_catalog.count(DISTINCT t.id) AS queued
		FROM queue q
		JOIN @extschema@.touchpoints t ON t.id = q.touchpoint
		WHERE EXISTS (SELECT FROM late) AND t.customer IN (SELECT l.customer FROM late l)
		GROUP BY t.customer
	), broken AS (
		SELECT d.customer
		FROM @extschema@.customer_journey_data d JOIN candidates c ON c.customer = d.customer
		WHERE @extschema@.length(d.channels) + c.queued
			  <> (SELECT pg_catalog.count(*) FROM @extschema@.touchpoints t WHERE t.customer = d.customer)
	), dequeued AS (
		DELETE FROM @extschema@.pending_touchpoints p
		USING @extschema@.touchpoints t
		WHERE t.id = p.touchpoint AND t.customer IN (SELECT b.customer FROM broken b)
	), dequeued_batches AS (
		-- (an array left empty is deleted with the others below)
		UPDATE @extschema@.pending_batches b
		SET touchpoints = ARRAY(SELECT x FROM pg_catalog.unnest(b.touchpoints) x
								WHERE NOT EXISTS (SELECT FROM @extschema@.touchpoints t
												  WHERE t.id = x
													AND t.customer IN (SELECT k.customer FROM broken k)))
		WHERE EXISTS (SELECT FROM broken)
		  AND EXISTS (SELECT FROM pg_catalog.unnest(b.touchpoints) x
					  JOIN @extschema@.touchpoints t ON t.id = x
					  WHERE t.customer IN (SELECT k.customer FROM broken k))
	)
	UPDATE @extschema@.customer_journey_data d
	SET channels = r.channels, events = r.events, first_seen = r.first_seen,
		last_seen = r.last_seen, refreshed = pg_catalog.now()
	FROM (SELECT t.customer,
			@extschema@.journey_agg(t.ts, t.channel, t.value::double precision) AS channels,
			@extschema@.journey_agg(t.ts, t.event, t.value::double precision) AS events,
			min(t.ts) AS first_seen, max(t.ts) AS last_seen
		  FROM @extschema@.touchpoints t
		  WHERE t.customer IN (SELECT b.customer FROM broken b)
		  GROUP BY t.customer) r
	WHERE d.customer = r.customer;
	GET DIAGNOSTICS rebuilt = ROW_COUNT;

	WITH done AS (
		DELETE FROM @extschema@.pending_touchpoints p
		RETURNING p.touchpoint
	), done_batches AS (
		DELETE FROM @extschema@.pending_batches b
		RETURNING b.touchpoints
	), fresh AS (
		SELECT t.customer,
			@extschema@.journey_agg(t.ts, t.channel, t.value::double precision) AS channels,
			@extschema@.journey_agg(t.ts, t.event, t.value::double precision) AS events,
			min(t.ts) AS first_seen, max(t.ts) AS last_seen
		FROM (SELECT done.touchpoint FROM done
			  UNION
			  SELECT x FROM done_batches b, pg_catalog.unnest(b.touchpoints) x) q
		JOIN @extschema@.touchpoints t ON t.id = q.touchpoint
		GROUP BY t.customer
		ORDER BY t.customer
	)
	INSERT INTO @extschema@.customer_journey_data AS d (customer, channels, events, first_seen, last_seen)
	SELECT * FROM fresh
	ON CONFLICT ON CONSTRAINT customer_journey_data_pkey DO UPDATE
		SET channels = d.channels OPERATOR(@extschema@.||) excluded.channels,
			events = d.events OPERATOR(@extschema@.||) excluded.events,
			first_seen = LEAST(d.first_seen, excluded.first_seen),
			last_seen = GREATEST(d.last_seen, excluded.last_seen),
			refreshed = pg_catalog.now();
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n + rebuilt;
END
$$;

-- path(): labels are quoted like the text form when they need it or contain
-- the separator (issue 17).
COMMENT ON FUNCTION @extschema@.path(@extschema@.journey, pg_catalog.text) IS 'labels of the journey in event order joined by sep (default '' > ''), quoted like the text form when they need it or contain sep';

-- record_touchpoint (set_stage: below): 42501 naming the department, with a hint,
-- instead of row security's bare message (issue 17); resolve_customer inline
-- (issue 16).
CREATE OR REPLACE FUNCTION @extschema@.record_touchpoint(
	customer pg_catalog.text,
	channel pg_catalog.text,
	event pg_catalog.text,
	at timestamptz DEFAULT pg_catalog.now(),
	value pg_catalog.numeric DEFAULT NULL,
	campaign pg_catalog.text DEFAULT NULL,
	attributes jsonb DEFAULT NULL,
	department pg_catalog.text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	dept pg_catalog.text;
	cust pg_catalog.text;
	tid bigint;
BEGIN
	IF event IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'event and time of a touchpoint must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.department INTO dept FROM @extschema@.channels c WHERE c.name = channel;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'channel "%" does not exist', channel
			USING ERRCODE = 'foreign_key_violation',
				  HINT = 'Add it with journey.add_channel(name, department, online).';
	END IF;
	IF department IS NOT NULL THEN
		IF NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = department) THEN
			RAISE EXCEPTION 'department "%" does not exist', department
				USING ERRCODE = 'foreign_key_violation';
		END IF;
		dept := department;
	END IF;
	-- Row security would refuse the insert with a bare "new row violates
	-- row-level security policy": say which department and who may write it.
	IF pg_catalog.row_security_active('@extschema@.touchpoints'::pg_catalog.regclass)
	   AND NOT @extschema@.may_write(dept) THEN
		RAISE EXCEPTION 'permission denied to record touchpoints for department "%"', dept
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = pg_catalog.format('Channel "%s" belongs to department "%s"; role "%s" is not a writer for it.',
											 channel, dept, CURRENT_USER),
				  HINT = pg_catalog.format('A writer of department "%s" (granted by journey.grant_writer(role, %L)%s) or a journey admin may record it.',
										   dept, dept,
										   coalesce(': ' || (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(w.role_name), ', ' ORDER BY w.role_name)
															   FROM @extschema@.writers w WHERE w.department = dept), ''));
	END IF;
	-- resolve_customer, inline (a nested call costs more than its work)
	IF customer IS NULL OR customer = '' THEN
		RAISE EXCEPTION 'customer must not be empty'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT i.customer INTO cust FROM @extschema@.identities i WHERE i.alias = record_touchpoint.customer;
	IF NOT FOUND THEN
		cust := customer;
		INSERT INTO @extschema@.customers (id) VALUES (cust) ON CONFLICT DO NOTHING;
	END IF;
	INSERT INTO @extschema@.touchpoints AS t
		(customer, ts, channel, department, event, value, campaign, attributes)
	VALUES (cust, at, channel, dept, event, value, campaign, attributes)
	RETURNING t.id INTO tid;
	RETURN tid;
END
$$;
COMMENT ON FUNCTION @extschema@.record_touchpoint(pg_catalog.text, pg_catalog.text, pg_catalog.text, timestamptz, pg_catalog.numeric, pg_catalog.text, jsonb, pg_catalog.text) IS
	'record a touch of a customer (or alias) on a channel; the department is the channel''s unless given; returns the touchpoint id';

-- marketing_paths: paths end at the conversion, one per conversion, with a
-- lookback (journey.conversion_paths; issue 17).
-- Attribution input: one path per conversion.  A customer's touchpoints, in
-- (ts, id) order, are cut after every conversion event: a path runs from the
-- touch after the previous conversion up to and including the conversion
-- itself, and reaches back at most `lookback` before it (NULL: no limit).
-- What follows the last conversion (or a whole history without one) is a path
-- that has not converted: it counts as a null, cut the same way back from its
-- last touch.  So touches after a purchase (the invoice, a service call) never
-- take credit for it.
CREATE FUNCTION @extschema@.conversion_paths(conversion pg_catalog.text DEFAULT 'purchase',
											 lookback interval DEFAULT '30 days')
	RETURNS TABLE (path pg_catalog.text[], conversions bigint, nulls bigint, value pg_catalog.numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT p.path,
		pg_catalog.count(*) FILTER (WHERE p.converted) AS conversions,
		pg_catalog.count(*) FILTER (WHERE NOT p.converted) AS nulls,
		pg_catalog.sum(p.value) AS value
	FROM (SELECT pg_catalog.array_agg(s.channel ORDER BY s.ts, s.id) AS path,
			pg_catalog.bool_or(s.conv) AS converted,
			pg_catalog.sum(s.value) FILTER (WHERE s.conv) AS value
		  FROM (SELECT x.customer, x.seg, x.ts, x.id, x.channel, x.value, x.conv,
					max(x.ts) OVER (PARTITION BY x.customer, x.seg) AS end_ts
				FROM (SELECT t.customer, t.ts, t.id, t.channel, t.value,
						  t.event IS NOT DISTINCT FROM conversion_paths.conversion AS conv,
						  pg_catalog.count(*) FILTER (WHERE t.event IS NOT DISTINCT FROM conversion_paths.conversion)
							  OVER (PARTITION BY t.customer ORDER BY t.ts, t.id
									ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seg
					  FROM @extschema@.touchpoints t) x) s
		  WHERE conversion_paths.lookback IS NULL OR s.ts >= s.end_ts - conversion_paths.lookback
		  GROUP BY s.customer, s.seg) p
	GROUP BY p.path;
END;
COMMENT ON FUNCTION @extschema@.conversion_paths(pg_catalog.text, interval) IS
	'attribution input: channel paths cut at every conversion event (one path per conversion, reaching back at most lookback; the rest count as nulls), with conversions, nulls and the conversions'' value';

CREATE OR REPLACE VIEW @extschema@.marketing_paths AS
SELECT c.path, c.conversions, c.nulls, c.value
FROM @extschema@.conversion_paths('purchase', interval '30 days') c;
COMMENT ON VIEW @extschema@.marketing_paths IS
	'marketing: attribution input, channel paths ending at a purchase (one per purchase, 30 days back at most) or not converted (nulls), with purchase revenue';

-- Grants and revokes for roles, run by this step only (dropped by the
-- -after file): in an extension script PostgreSQL records the object's
-- whole ACL, roles' grants included, as the extension's initial privileges
-- (pg_init_privs), which pg_dump leaves out of a dump, as a restore's CREATE
-- EXTENSION sets them up; the roles would lose what this step gives them at
-- the next dump and restore.  The grants are the roles' own, as if
-- grant_admin or grant_reader had made them, so the object's initial
-- privileges are put back as they were (DEVELOPER.md; test/upgrade.sh
-- checks the dump).
CREATE FUNCTION @extschema@.upgrade_role_grants(rel pg_catalog.regclass, statements pg_catalog.text[])
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	init pg_catalog.pg_init_privs[];
	stmt pg_catalog.text;
BEGIN
	SELECT pg_catalog.array_agg(i) INTO init FROM pg_catalog.pg_init_privs i
	WHERE i.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objoid = rel;
	FOREACH stmt IN ARRAY statements LOOP
		EXECUTE stmt;
	END LOOP;
	DELETE FROM pg_catalog.pg_init_privs i
	WHERE i.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objoid = rel;
	INSERT INTO pg_catalog.pg_init_privs SELECT (x).* FROM pg_catalog.unnest(init) x;
END
$$;

-- roles already granted reader keep their other privileges but lose the
-- aliases; writers and admins keep them
SELECT @extschema@.upgrade_role_grants('@extschema@.identities', ARRAY(
	SELECT v.stmt
	FROM (SELECT DISTINCT a.grantee::pg_catalog.regrole AS role
		  FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
		  WHERE c.oid = '@extschema@.identities'::pg_catalog.regclass
			AND a.privilege_type = 'SELECT' AND a.grantee <> 0 AND a.grantee <> c.relowner
			AND NOT EXISTS (SELECT FROM @extschema@.writers w
							WHERE w.role_name = pg_catalog.pg_get_userbyid(a.grantee))
			AND NOT EXISTS (SELECT FROM @extschema@.admins ad
							WHERE ad.role_name = pg_catalog.pg_get_userbyid(a.grantee))) r,
		 LATERAL (VALUES (1, pg_catalog.format('REVOKE SELECT ON @extschema@.identities FROM %s', r.role)),
						 (2, pg_catalog.format('GRANT SELECT (customer, source, linked) ON @extschema@.identities TO %s', r.role))) v(k, stmt)
	ORDER BY r.role::pg_catalog.text, v.k));

-- set_stage with every change of this version (no foreign keys; 42501
-- naming the department; the department checked before any change), as in
-- src/model.sql.
CREATE OR REPLACE FUNCTION @extschema@.set_stage(
	customer pg_catalog.text,
	model pg_catalog.text,
	stage pg_catalog.text,
	at timestamptz DEFAULT pg_catalog.now(),
	reason pg_catalog.text DEFAULT NULL,
	department pg_catalog.text DEFAULT NULL)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	stage_type pg_catalog.regtype;
	cust pg_catalog.text;
	dept pg_catalog.text;
	prev record;
	next record;
BEGIN
	IF stage IS NULL OR at IS NULL THEN
		RAISE EXCEPTION 'stage and time must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT m.type INTO stage_type FROM @extschema@.stage_models m WHERE m.name = model;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'stage model "%" does not exist', model
			USING ERRCODE = 'undefined_object';
	END IF;
	-- the stage must be a label of the model's enum: 22P02 otherwise
	EXECUTE pg_catalog.format('SELECT %L::%s', stage, stage_type);
	-- the department: the given one, else the stage's owner in the model
	dept := department;
	IF dept IS NOT NULL
	   AND NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = dept) THEN
		RAISE EXCEPTION 'department "%" does not exist', dept
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF dept IS NULL THEN
		SELECT s.department INTO dept FROM @extschema@.stages s
		WHERE s.model = set_stage.model AND s.stage = set_stage.stage;
	END IF;
	-- Checked before any change: row security checks the row set_stage
	-- inserts, but a change that only moves an existing row (below) inserts
	-- none; and row security would refuse the insert with a bare "new row
	-- violates row-level security policy": say which department and who may
	-- write it.
	IF pg_catalog.row_security_active('@extschema@.stage_history'::pg_catalog.regclass)
	   AND NOT coalesce(@extschema@.may_write(dept), false) THEN
		RAISE EXCEPTION 'permission denied to set stages for department "%"', coalesce(dept, '(none)')
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = pg_catalog.format('Stage "%s" of model "%s" is recorded for department "%s"; role "%s" is not a writer for it.',
											 stage, model, coalesce(dept, '(none)'), CURRENT_USER),
				  HINT = CASE WHEN dept IS NULL
						 THEN 'The stage has no owning department: pass department => one you write for, or ask a journey admin.'
						 ELSE pg_catalog.format('A writer of department "%s" (granted by journey.grant_writer(role, %L)%s) or a journey admin may record it.',
												dept, dept,
												coalesce(': ' || (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(w.role_name), ', ' ORDER BY w.role_name)
																	FROM @extschema@.writers w WHERE w.department = dept), ''))
						 END;
	END IF;
	cust := @extschema@.resolve_customer(customer);
	-- one stage change of a customer at a time
	PERFORM @extschema@.lock_customer(cust);

	-- the stage in force at that time, and the next change after it (stage
	-- changes may arrive late: they are put in their place in the history)
	SELECT h.id, h.stage, h.entered INTO prev FROM @extschema@.stage_history h
	WHERE h.customer = cust AND h.model = set_stage.model AND h.entered <= at
	ORDER BY h.entered DESC, h.id DESC LIMIT 1;
	SELECT h.id, h.stage, h.entered, h.department INTO next FROM @extschema@.stage_history h
	WHERE h.customer = cust AND h.model = set_stage.model AND h.entered > at
	ORDER BY h.entered, h.id LIMIT 1;
	IF prev.stage = stage THEN
		RETURN;				-- already there at that time
	END IF;
	IF prev.id IS NOT NULL THEN
		UPDATE @extschema@.stage_history h SET "left" = at WHERE h.id = prev.id;
	END IF;
	IF next.stage = stage THEN
		-- entered earlier than recorded: that moves the recorded row, which
		-- only a writer for its department may do
		IF pg_catalog.row_security_active('@extschema@.stage_history'::pg_catalog.regclass)
		   AND NOT @extschema@.may_write(next.department) THEN
			RAISE EXCEPTION 'permission denied to move the entry of stage "%" recorded by department "%"', stage, next.department
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		UPDATE @extschema@.stage_history h SET entered = at WHERE h.id = next.id;
	ELSE
		INSERT INTO @extschema@.stage_history (customer, model, stage, entered, "left", department, reason)
		VALUES (cust, model, stage, at, next.entered, dept, reason);
	END IF;

	PERFORM pg_catalog.pg_notify('journey_stage', pg_catalog.json_build_object(
		'customer', cust, 'model', model, 'from', prev.stage, 'to', stage,
		'at', at, 'department', dept, 'reason', reason)::pg_catalog.text);
END
$$;
COMMENT ON FUNCTION @extschema@.set_stage(pg_catalog.text, pg_catalog.text, pg_catalog.text, timestamptz, pg_catalog.text, pg_catalog.text) IS
	'move a customer to a stage of a stage model (closing the current one) and NOTIFY journey_stage with a JSON payload';

-- grant_reader and grant_writer: readers no longer read aliases (personal
-- data; writers still do, since recording resolves them: doc/security.md),
-- and both also grant on the score rules and scores (score.sql).  Their
-- final definitions, as in model.sql.
CREATE OR REPLACE FUNCTION @extschema@.grant_reader(role_name pg_catalog.name) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA @extschema@ TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.departments, @extschema@.channels,
		@extschema@.stage_history, @extschema@.customer_journey_data, @extschema@.customer_journeys,
		@extschema@.marketing_acquisition, @extschema@.marketing_paths, @extschema@.sales_pipeline,
		@extschema@.sales_lead_handoff, @extschema@.service_contacts, @extschema@.service_handoffs,
		@extschema@.billing_revenue TO %I', role_name);
	-- personal data stays hidden: no attributes columns, no aliases (e-mail
	-- addresses, devices, loyalty cards)
	EXECUTE pg_catalog.format('GRANT SELECT (id, created) ON @extschema@.customers TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT (customer, source, linked) ON @extschema@.identities TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT (id, customer, ts, channel, department, event, value, campaign) ON @extschema@.touchpoints TO %I', role_name);
	-- scores and the rules behind them (score.sql)
	EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.score_rules, @extschema@.customer_scores TO %I', role_name);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_reader(pg_catalog.name) FROM PUBLIC;
CREATE OR REPLACE FUNCTION @extschema@.grant_writer(role_name pg_catalog.name, department pg_catalog.text) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = department) THEN
		RAISE EXCEPTION 'department "%" does not exist', department
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	PERFORM @extschema@.grant_reader(role_name);
	INSERT INTO @extschema@.writers VALUES (role_name, department) ON CONFLICT DO NOTHING;
	EXECUTE pg_catalog.format('GRANT SELECT, INSERT ON @extschema@.customers TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT INSERT ON @extschema@.touchpoints TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT (attributes) ON @extschema@.touchpoints TO %I', role_name);
	-- recording resolves aliases
	EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.identities TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT USAGE ON SEQUENCE @extschema@.touchpoints_id_seq, @extschema@.stage_history_id_seq TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT INSERT, UPDATE (entered, "left") ON @extschema@.stage_history TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.stage_models, @extschema@.stages, @extschema@.writers, @extschema@.admins TO %I', role_name);
	-- score rules of its departments (row-level security, score.sql)
	EXECUTE pg_catalog.format('GRANT INSERT, DELETE ON @extschema@.score_rules TO %I', role_name);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_writer(pg_catalog.name, pg_catalog.text) FROM PUBLIC;

-- Issue 16: the refresh queue has no unique index since this version (a
-- restore may queue a touchpoint twice), so the trigger's ON CONFLICT DO
-- NOTHING only cost a speculative insertion per row; and the trigger
-- function is written in C (src/queue.c), no longer a PL/pgSQL SECURITY
-- DEFINER function (CREATE OR REPLACE drops SECURITY DEFINER and the
-- search_path setting and keeps the revoked EXECUTE).
CREATE OR REPLACE FUNCTION @extschema@.queue_touchpoints() RETURNS trigger
	LANGUAGE c
	AS 'MODULE_PATHNAME', 'journey_queue_touchpoints';

-- Issue 16: the ids of a statement that inserted many touchpoints are
-- queued as arrays (src/queue.c); every reader of the queue reads both
-- tables (model_references, link_identity, forget_customer, purge_before,
-- refresh_journeys, below and above; load_touchpoints and distribute_model
-- in their 0.3.0 fragments).
CREATE TABLE @extschema@.pending_batches (
	touchpoints bigint[] NOT NULL
);
ALTER TABLE @extschema@.pending_batches ALTER COLUMN touchpoints SET STORAGE EXTERNAL;
COMMENT ON TABLE @extschema@.pending_batches IS 'touchpoints recorded since the last refresh_journeys() by statements that inserted many, as arrays of ids: the rest of the refresh watermark';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pending_batches', '');
-- roles granted privileges on the queue (grant_admin: all of them) get the
-- same on its new part, or could no longer refresh
SELECT @extschema@.upgrade_role_grants('@extschema@.pending_batches', ARRAY(
	SELECT pg_catalog.format('GRANT %s ON @extschema@.pending_batches TO %s%s', a.privilege_type,
							 CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::pg_catalog.regrole::pg_catalog.text END,
							 CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
	FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
	WHERE c.oid = '@extschema@.pending_touchpoints'::pg_catalog.regclass
	  AND a.grantee <> c.relowner));

-- Issue 11: the customer model on Citus (src/distribute.sql).  The queue
-- holds the touchpoint's customer, its distribution column there; may_write
-- gets a BEGIN ATOMIC body (Citus fails on RETURN bodies that read its
-- tables); link_identity, forget_customer and purge_before take ways Citus
-- can run.
ALTER TABLE @extschema@.pending_touchpoints ADD COLUMN customer pg_catalog.text;
UPDATE @extschema@.pending_touchpoints p SET customer = t.customer
FROM @extschema@.touchpoints t WHERE t.id = p.touchpoint;

CREATE OR REPLACE FUNCTION @extschema@.may_write(department pg_catalog.text) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT EXISTS (SELECT 1 FROM @extschema@.writers w
				   WHERE w.department = may_write.department
					 AND pg_catalog.pg_has_role(w.role_name, 'MEMBER'))
		OR EXISTS (SELECT 1 FROM @extschema@.admins a
				   WHERE pg_catalog.pg_has_role(a.role_name, 'MEMBER'));
END;

CREATE OR REPLACE FUNCTION @extschema@.link_identity(alias pg_catalog.text, customer pg_catalog.text,
										  source pg_catalog.text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	existing pg_catalog.text;
	target pg_catalog.text;
	moved bigint;
	aj record;
	ids bigint[];
	queued bigint[];
BEGIN
	IF alias IS NULL OR customer IS NULL OR alias = '' OR customer = '' THEN
		RAISE EXCEPTION 'alias and customer must not be empty'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF alias = customer THEN
		RAISE EXCEPTION 'cannot link "%" to itself', alias
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- the customer may itself be an alias
	target := @extschema@.resolve_customer(customer);
	SELECT i.customer INTO existing FROM @extschema@.identities i WHERE i.alias = link_identity.alias;
	IF FOUND THEN
		IF existing = target THEN
			RETURN 0;
		END IF;
		RAISE EXCEPTION 'alias "%" is already linked to customer "%"', alias, existing
			USING ERRCODE = 'unique_violation',
				  HINT = 'An alias belongs to one customer.';
	END IF;
	IF EXISTS (SELECT 1 FROM @extschema@.identities i WHERE i.customer = link_identity.alias) THEN
		RAISE EXCEPTION '"%" has aliases of its own and cannot become an alias', alias
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- lock both customers, in a fixed order
	PERFORM @extschema@.lock_customer(LEAST(target, alias));
	PERFORM @extschema@.lock_customer(GREATEST(target, alias));

	-- the alias's past becomes the customer's
	IF NOT @extschema@.model_is_distributed() THEN
		-- (the ids the alias had queued, as rows or in arrays, stay queued:
		-- they name the same touchpoints, now the customer's)
		UPDATE @extschema@.touchpoints t SET customer = target WHERE t.customer = link_identity.alias;
		GET DIAGNOSTICS moved = ROW_COUNT;
		UPDATE @extschema@.stage_history h SET customer = target WHERE h.customer = link_identity.alias;
	ELSE
		-- Citus cannot change a row's distribution column: the rows are
		-- copied under the customer (same ids), then deleted.  The copies
		-- are queued by the trigger; only those the alias had queued stay
		-- queued (the others are in the alias's journey, merged below).
		-- (On Citus the queue is pending_touchpoints alone: pending_batches
		-- stays empty there.)
		SELECT pg_catalog.array_agg(t.id) INTO ids
		FROM @extschema@.touchpoints t WHERE t.customer = link_identity.alias;
		WITH q AS (DELETE FROM @extschema@.pending_touchpoints p
				   WHERE p.customer = link_identity.alias RETURNING p.touchpoint)
		SELECT pg_catalog.array_agg(q.touchpoint) INTO queued FROM q;
		INSERT INTO @extschema@.touchpoints
			(id, customer, ts, channel, department, event, value, campaign, attributes)
		SELECT t.id, target, t.ts, t.channel, t.department, t.event, t.value, t.campaign, t.attributes
		FROM @extschema@.touchpoints t
		WHERE t.customer = link_identity.alias AND t.id = ANY (ids);
		GET DIAGNOSTICS moved = ROW_COUNT;
		DELETE FROM @extschema@.pending_touchpoints p
		WHERE p.customer = target AND p.touchpoint = ANY (ids)
		  AND NOT p.touchpoint = ANY (coalesce(queued, '{}'));
		DELETE FROM @extschema@.touchpoints t
		WHERE t.customer = link_identity.alias AND t.id = ANY (ids);
		INSERT INTO @extschema@.stage_history
			(id, customer, model, stage, entered, "left", department, reason)
		SELECT h.id, target, h.model, h.stage, h.entered, h."left", h.department, h.reason
		FROM @extschema@.stage_history h WHERE h.customer = link_identity.alias;
		DELETE FROM @extschema@.stage_history h WHERE h.customer = link_identity.alias;
	END IF;
	DELETE FROM @extschema@.customer_journey_data d WHERE d.customer = link_identity.alias
		RETURNING d.* INTO aj;
	IF aj.customer IS NOT NULL THEN
		INSERT INTO @extschema@.customer_journey_data AS d (customer, channels, events, first_seen, last_seen)
		VALUES (target, aj.channels, aj.events, aj.first_seen, aj.last_seen)
		ON CONFLICT ON CONSTRAINT customer_journey_data_pkey DO UPDATE
			SET channels = d.channels OPERATOR(@extschema@.||) excluded.channels,
				events = d.events OPERATOR(@extschema@.||) excluded.events,
				first_seen = LEAST(d.first_seen, excluded.first_seen),
				last_seen = GREATEST(d.last_seen, excluded.last_seen),
				-- (the row's default, now(): Citus takes no volatile
				-- function in DO UPDATE)
				refreshed = excluded.refreshed;
	END IF;
	DELETE FROM @extschema@.customers c WHERE c.id = link_identity.alias;
	INSERT INTO @extschema@.identities (alias, customer, source) VALUES (alias, target, source);
	RETURN moved;
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.forget_customer(customer pg_catalog.text)
	RETURNS TABLE (what pg_catalog.text, removed bigint)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cust pg_catalog.text;
	n bigint;
BEGIN
	SELECT i.customer INTO cust FROM @extschema@.identities i WHERE i.alias = forget_customer.customer;
	IF NOT FOUND THEN
		cust := forget_customer.customer;
	END IF;
	PERFORM @extschema@.lock_customer(cust);

	DELETE FROM @extschema@.pending_touchpoints p
	USING @extschema@.touchpoints t
	WHERE t.id = p.touchpoint AND t.customer = cust AND p.customer = cust;
	-- the customer's ids out of the queued arrays, and the arrays left
	-- empty out of the queue (the planner picks how the ids are matched:
	-- index probes for a few, a hash for many)
	IF EXISTS (SELECT FROM @extschema@.pending_batches) THEN
		UPDATE @extschema@.pending_batches b
		SET touchpoints = ARRAY(SELECT x FROM pg_catalog.unnest(b.touchpoints) x
								WHERE NOT EXISTS (SELECT FROM @extschema@.touchpoints t
												  WHERE t.id = x AND t.customer = cust))
		WHERE EXISTS (SELECT FROM pg_catalog.unnest(b.touchpoints) x
					  JOIN @extschema@.touchpoints t ON t.id = x
					  WHERE t.customer = cust);
		GET DIAGNOSTICS n = ROW_COUNT;
		IF n > 0 THEN
			DELETE FROM @extschema@.pending_batches b WHERE b.touchpoints = '{}';
		END IF;
	END IF;
	DELETE FROM @extschema@.touchpoints t WHERE t.customer = cust;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'touchpoints'; removed := n; RETURN NEXT;
	DELETE FROM @extschema@.stage_history h WHERE h.customer = cust;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'stage changes'; removed := n; RETURN NEXT;
	DELETE FROM @extschema@.customer_journey_data d WHERE d.customer = cust;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'journeys'; removed := n; RETURN NEXT;
	DELETE FROM @extschema@.identities i WHERE i.customer = cust;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'aliases'; removed := n; RETURN NEXT;
	DELETE FROM @extschema@.customers c WHERE c.id = cust;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'customers'; removed := n; RETURN NEXT;
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.purge_before(before timestamptz)
	RETURNS TABLE (what pg_catalog.text, removed bigint)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
	now_ts timestamptz := pg_catalog.now();
BEGIN
	IF before IS NULL THEN
		RAISE EXCEPTION 'purge time must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- (joined on the customer too: on Citus both tables are distributed by it)
	DELETE FROM @extschema@.pending_touchpoints p
	USING @extschema@.touchpoints t
	WHERE t.id = p.touchpoint AND t.customer = p.customer AND t.ts < before;
	IF EXISTS (SELECT FROM @extschema@.pending_batches) THEN
		UPDATE @extschema@.pending_batches b
		SET touchpoints = ARRAY(SELECT x FROM pg_catalog.unnest(b.touchpoints) x
								WHERE NOT EXISTS (SELECT FROM @extschema@.touchpoints t
												  WHERE t.id = x AND t.ts < before))
		WHERE EXISTS (SELECT FROM pg_catalog.unnest(b.touchpoints) x
					  JOIN @extschema@.touchpoints t ON t.id = x
					  WHERE t.ts < before);
		GET DIAGNOSTICS n = ROW_COUNT;
		IF n > 0 THEN
			DELETE FROM @extschema@.pending_batches b WHERE b.touchpoints = '{}';
		END IF;
	END IF;
	DELETE FROM @extschema@.touchpoints t WHERE t.ts < before;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'touchpoints'; removed := n; RETURN NEXT;
	DELETE FROM @extschema@.stage_history h WHERE h."left" < before;
	GET DIAGNOSTICS n = ROW_COUNT;
	what := 'stage changes'; removed := n; RETURN NEXT;
	-- journeys lose the purged events without a rescan of the touchpoints
	DELETE FROM @extschema@.customer_journey_data d WHERE d.last_seen < before;
	GET DIAGNOSTICS n = ROW_COUNT;
	UPDATE @extschema@.customer_journey_data d
	SET channels = @extschema@.slice(d.channels, before, NULL),
		events = @extschema@.slice(d.events, before, NULL),
		first_seen = @extschema@.first_time(@extschema@.slice(d.channels, before, NULL)),
		refreshed = now_ts
	WHERE d.first_seen < before;
	what := 'journeys'; removed := n; RETURN NEXT;
END
$$;

-- Issue 11: markov_model and shapley_model get a real state type,
-- attribution_state, instead of internal, and so do the path_after and
-- path_before aggregates (path_state), so that Citus computes partial
-- states on its workers (doc/distributed.md).  markov.sql, shapley.sql and
-- path_agg.sql, which the upgrade step runs again after this file
-- (UPGRADE_FRAGMENTS_0.3.0 in the Makefile), create the new support
-- functions and replace the aggregates in place (CREATE OR REPLACE
-- AGGREGATE keeps their OIDs, so views and functions of the user that use
-- them keep working); upgrade--0.2.0--0.3.0-after.sql then drops the old
-- support functions of the internal state.

-- The state type, as in src/attribution.sql.
-- The transition state of markov_model, shapley_model and markov_fit
-- (path_table.c): the distinct paths seen, with their sums.  A real type,
-- not internal, so that Citus can compute partial states on the workers and
-- ship them to the coordinator as text (doc/distributed.md); parallel
-- workers send the binary form.  Text form: base64 of the binary form.
CREATE TYPE @extschema@.attribution_state;
CREATE FUNCTION @extschema@.attribution_state_in(pg_catalog.cstring) RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_attribution_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_state_out(@extschema@.attribution_state) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'journey_attribution_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_state_recv(pg_catalog.internal) RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_attribution_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_state_send(@extschema@.attribution_state) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'journey_attribution_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.attribution_state (
	INPUT = @extschema@.attribution_state_in,
	OUTPUT = @extschema@.attribution_state_out,
	RECEIVE = @extschema@.attribution_state_recv,
	SEND = @extschema@.attribution_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.attribution_state IS
	'transition state of markov_model, shapley_model and markov_fit: the distinct paths with their conversions, value and nulls';
COMMENT ON FUNCTION @extschema@.attribution_state_in(pg_catalog.cstring) IS 'text input of type attribution_state';
COMMENT ON FUNCTION @extschema@.attribution_state_out(@extschema@.attribution_state) IS 'text output of type attribution_state';
COMMENT ON FUNCTION @extschema@.attribution_state_recv(pg_catalog.internal) IS 'binary input of type attribution_state';
COMMENT ON FUNCTION @extschema@.attribution_state_send(@extschema@.attribution_state) IS 'binary output of type attribution_state';

-- Not strict: it copes with either state being null.
CREATE FUNCTION @extschema@.attribution_state_combine(@extschema@.attribution_state, @extschema@.attribution_state)
	RETURNS @extschema@.attribution_state
	AS 'MODULE_PATHNAME', 'journey_attribution_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attribution_state_combine(@extschema@.attribution_state, @extschema@.attribution_state) IS
	'combine function of markov_model, shapley_model and markov_fit';
-- Per-call costs of the functions over journeys, measured in units of a
-- cheap built-in operator (cpu_operator_cost) on journeys of about ten
-- events (doc/benchmarks.md, "Function costs"), so that the planner weighs
-- them against parallel_tuple_cost and the other costs.  CREATE FUNCTION
-- in the fragments carries the same COST.
ALTER FUNCTION @extschema@.length(@extschema@.journey) COST 10;
ALTER FUNCTION @extschema@.labels(@extschema@.journey) COST 100;
ALTER FUNCTION @extschema@.path(@extschema@.journey, pg_catalog.text) COST 200;
ALTER FUNCTION @extschema@.first_touch(@extschema@.journey) COST 50;
ALTER FUNCTION @extschema@.last_touch(@extschema@.journey) COST 50;
ALTER FUNCTION @extschema@.first_time(@extschema@.journey) COST 25;
ALTER FUNCTION @extschema@.last_time(@extschema@.journey) COST 25;
ALTER FUNCTION @extschema@.duration(@extschema@.journey) COST 50;
ALTER FUNCTION @extschema@.nth(@extschema@.journey, pg_catalog.int4) COST 150;
ALTER FUNCTION @extschema@.slice(@extschema@.journey, pg_catalog.timestamptz, pg_catalog.timestamptz) COST 100;
ALTER FUNCTION @extschema@.collapse(@extschema@.journey) COST 150;
ALTER FUNCTION @extschema@.filter(@extschema@.journey, pg_catalog.text[]) COST 200;
ALTER FUNCTION @extschema@.contains(@extschema@.journey, @extschema@.journey) COST 150;
ALTER FUNCTION @extschema@.funnel(@extschema@.journey, pg_catalog.interval, pg_catalog.text[]) COST 50;
ALTER FUNCTION @extschema@.funnel(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.text) COST 100;
ALTER FUNCTION @extschema@.funnel_times(@extschema@.journey, pg_catalog.interval, pg_catalog.text[], pg_catalog.text) COST 100;
ALTER FUNCTION @extschema@.retention(@extschema@.journey, pg_catalog.text[]) COST 25;
ALTER FUNCTION @extschema@.activity_buckets(@extschema@.journey, pg_catalog.interval, pg_catalog.int4) COST 100;
ALTER FUNCTION @extschema@.sequence_match(@extschema@.journey, pg_catalog.text, pg_catalog.text[]) COST 25;
ALTER FUNCTION @extschema@.sequence_count(@extschema@.journey, pg_catalog.text, pg_catalog.text[]) COST 50;
ALTER FUNCTION @extschema@.session_count(@extschema@.journey, pg_catalog.interval) COST 50;
ALTER FUNCTION @extschema@.path_after(@extschema@.journey, pg_catalog.text, pg_catalog.int4, pg_catalog.text) COST 100;
ALTER FUNCTION @extschema@.path_before(@extschema@.journey, pg_catalog.text, pg_catalog.int4, pg_catalog.text) COST 100;

-- Issue 11, continued: merge_agg (0.1.0) gets a real state type,
-- journey_state, instead of internal.  merge_agg.sql, run again after this
-- file (UPGRADE_FRAGMENTS_0.3.0), creates the type and its functions and
-- replaces the aggregate in place; upgrade--0.2.0--0.3.0-after.sql drops
-- its old support functions (journey_agg_serial and journey_agg_deserial
-- stay: journey_agg uses them).
