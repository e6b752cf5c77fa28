-------------------------------------------------------------------------------
-- The shared customer model (doc/model.md): one schema every department
-- records into and reads from.
--
-- Every table is registered with pg_extension_config_dump, so pg_dump keeps
-- its rows (extension member tables are otherwise dumped empty).  Nothing here
-- is writable by PUBLIC; journey.grant_reader/writer/admin hand out access.
-------------------------------------------------------------------------------

CREATE TABLE @extschema@.departments (
	name pg_catalog.text PRIMARY KEY CHECK (name <> '')
);
COMMENT ON TABLE @extschema@.departments IS 'departments that handle customers (marketing, sales, customer service, billing, ...)';

CREATE TABLE @extschema@.channels (
	name pg_catalog.text PRIMARY KEY CHECK (name <> ''),
	department pg_catalog.text NOT NULL,
	online boolean NOT NULL,
	direct boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.channels IS 'channels through which customers are touched, each owned by a department';

CREATE TABLE @extschema@.customers (
	id pg_catalog.text PRIMARY KEY CHECK (id <> ''),
	created timestamptz NOT NULL DEFAULT pg_catalog.now(),
	attributes jsonb
);
COMMENT ON TABLE @extschema@.customers IS 'one row per customer; attributes hold personal data (hidden from readers)';

CREATE TABLE @extschema@.identities (
	alias pg_catalog.text PRIMARY KEY CHECK (alias <> ''),
	customer pg_catalog.text NOT NULL,
	source pg_catalog.text,
	linked timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX ON @extschema@.identities (customer);
COMMENT ON TABLE @extschema@.identities IS 'aliases (cookies, devices, e-mail addresses, loyalty cards) stitched to a customer';

CREATE TABLE @extschema@.touchpoints (
	id bigserial PRIMARY KEY,
	customer pg_catalog.text NOT NULL,
	ts timestamptz NOT NULL,
	channel pg_catalog.text NOT NULL,
	department pg_catalog.text NOT NULL,
	event pg_catalog.text NOT NULL,
	value pg_catalog.numeric,
	campaign pg_catalog.text,
	attributes jsonb
);
CREATE INDEX touchpoints_customer_ts ON @extschema@.touchpoints (customer, ts);
CREATE INDEX touchpoints_ts_brin ON @extschema@.touchpoints USING brin (ts);
COMMENT ON TABLE @extschema@.touchpoints IS 'every touch of a customer, on any channel, by any department';

-- Touchpoints not yet folded into customer_journey_data (see refresh_journeys).
-- Not unique: a restore loads the dumped queue and, through the trigger,
-- queues every restored touchpoint again, in either order (refresh_journeys
-- reads each queued id once).  The customer is the touchpoint's: on Citus
-- the queue is distributed by it, beside its touchpoints (distribute.sql).
CREATE TABLE @extschema@.pending_touchpoints (
	touchpoint bigint NOT NULL,
	customer pg_catalog.text
);
CREATE INDEX pending_touchpoints_touchpoint ON @extschema@.pending_touchpoints (touchpoint);
COMMENT ON TABLE @extschema@.pending_touchpoints IS 'touchpoints recorded since the last refresh_journeys(): the refresh watermark';

-- The same queue, compact: the ids of a statement that inserted many
-- touchpoints at once (load_touchpoints, COPY, INSERT ... SELECT, a restore)
-- are queued by queue_touchpoints() as arrays of up to 10,000 ids, so that
-- queueing and dequeueing a million touchpoints writes a hundred rows, not a
-- million rows and index entries (src/queue.c).  Every reader of the queue
-- reads both tables; the same id may be in both, or twice.  Stored out of
-- line without compression: compressing runs of ids cost more than it saved.
-- Empty on Citus, where a row trigger queues into pending_touchpoints
-- (distribute.sql).
CREATE TABLE @extschema@.pending_batches (
	touchpoints bigint[] NOT NULL
);
ALTER TABLE @extschema@.pending_batches ALTER COLUMN touchpoints SET STORAGE EXTERNAL;
COMMENT ON TABLE @extschema@.pending_batches IS 'touchpoints recorded since the last refresh_journeys() by statements that inserted many, as arrays of ids: the rest of the refresh watermark';

CREATE TABLE @extschema@.stage_history (
	id bigserial PRIMARY KEY,
	customer pg_catalog.text NOT NULL,
	model pg_catalog.text NOT NULL,
	stage pg_catalog.text NOT NULL,
	entered timestamptz NOT NULL,
	"left" timestamptz,
	department pg_catalog.text,
	reason pg_catalog.text,
	CHECK ("left" IS NULL OR "left" >= entered)
);
CREATE INDEX stage_history_customer ON @extschema@.stage_history (customer, model, entered);
CREATE UNIQUE INDEX stage_history_open ON @extschema@.stage_history (customer, model) WHERE "left" IS NULL;
COMMENT ON TABLE @extschema@.stage_history IS 'stages customers went through, per stage model; "left" is NULL for the current stage';

CREATE TABLE @extschema@.customer_journey_data (
	customer pg_catalog.text PRIMARY KEY,
	channels @extschema@.journey NOT NULL,
	events @extschema@.journey NOT NULL,
	first_seen timestamptz NOT NULL,
	last_seen timestamptz NOT NULL,
	refreshed timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.customer_journey_data IS 'materialized journeys, maintained by refresh_journeys(); read them through journey.customer_journeys';

-- Roles that may write, and for which department (see grant_writer).
CREATE TABLE @extschema@.writers (
	role_name pg_catalog.name NOT NULL,
	department pg_catalog.text NOT NULL,
	PRIMARY KEY (role_name, department)
);
COMMENT ON TABLE @extschema@.writers IS 'roles allowed to record touchpoints and stage changes, per department';

CREATE TABLE @extschema@.admins (
	role_name pg_catalog.name PRIMARY KEY
);
COMMENT ON TABLE @extschema@.admins IS 'roles that administer the customer model and record for every department';

-- The four built-in departments are inserted by CREATE EXTENSION itself (below),
-- so a restore must not load them a second time (a duplicate key would make the
-- whole COPY of the table fail, and with it every channel and touchpoint of a
-- department added by the user).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.departments',
	$$WHERE name NOT IN ('marketing', 'sales', 'customer service', 'billing')$$);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.channels', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.customers', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.identities', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.touchpoints', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.touchpoints_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pending_touchpoints', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pending_batches', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.stage_history', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.stage_history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.customer_journey_data', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.writers', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.admins', '');

-- The built-in departments.
INSERT INTO @extschema@.departments VALUES
	('marketing'), ('sales'), ('customer service'), ('billing');

-------------------------------------------------------------------------------
-- References between the tables.
--
-- The model's tables declare no foreign keys among themselves.  pg_dump
-- restores the rows of an extension's configuration tables as separate
-- TABLE DATA items, after CREATE EXTENSION has made the tables with all their
-- constraints; it sorts those items so that parents come first, but does not
-- record that order as dependencies in the archive, so pg_restore -j (which
-- loads the biggest tables first) or -L with another order loaded children
-- before their parents, and a foreign key then rejected the child's whole
-- COPY: the table came back empty.  Instead:
--   * the API functions check the parents of every row they write;
--   * deleting or renaming a parent row cascades, or is refused, as the
--     foreign keys did (the row triggers below; a restore only inserts, so it
--     never fires them);
--   * journey.check_model() lists the rows whose parent is missing (run it
--     after writing to the tables by hand or loading them with COPY).
-------------------------------------------------------------------------------

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

-------------------------------------------------------------------------------
-- Row security: a writer inserts and changes rows of its own departments
-- only; readers and admins see everything.
-------------------------------------------------------------------------------

-- True when the current user may write for the department.  (A BEGIN
-- ATOMIC body, not RETURN: Citus fails on RETURN bodies that read its
-- tables, and on Citus the row security policies call this on the workers.)
CREATE FUNCTION @extschema@.may_write(department pg_catalog.text) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT EXISTS (SELECT 1 FROM @extschema@.writers w
				   WHERE w.department = may_write.department
					 AND pg_catalog.pg_has_role(w.role_name, 'MEMBER'))
		OR EXISTS (SELECT 1 FROM @extschema@.admins a
				   WHERE pg_catalog.pg_has_role(a.role_name, 'MEMBER'));
END;
COMMENT ON FUNCTION @extschema@.may_write(pg_catalog.text) IS 'whether the current user may record for the department';

ALTER TABLE @extschema@.touchpoints ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON @extschema@.touchpoints FOR SELECT USING (true);
CREATE POLICY write_own ON @extschema@.touchpoints FOR INSERT WITH CHECK (@extschema@.may_write(department));
CREATE POLICY update_own ON @extschema@.touchpoints FOR UPDATE
	USING (@extschema@.may_write(department)) WITH CHECK (@extschema@.may_write(department));
CREATE POLICY delete_own ON @extschema@.touchpoints FOR DELETE USING (@extschema@.may_write(department));

ALTER TABLE @extschema@.stage_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON @extschema@.stage_history FOR SELECT USING (true);
CREATE POLICY write_own ON @extschema@.stage_history FOR INSERT WITH CHECK (@extschema@.may_write(department));
-- Closing the current stage is part of moving a customer on, whoever moves it.
CREATE POLICY close_any ON @extschema@.stage_history FOR UPDATE USING (true)
	WITH CHECK (true);

-------------------------------------------------------------------------------
-- Refresh watermark: every inserted touchpoint is queued.
-------------------------------------------------------------------------------

-- In C (src/queue.c): the ids of the statement's new rows go into the queue
-- as its owner would write them (writers may not write the queue), through
-- the table access method and every index of the queue, in batches.  Not
-- SECURITY DEFINER: it switches to the queue's owner itself, for the insert
-- only.
CREATE FUNCTION @extschema@.queue_touchpoints() RETURNS trigger
	LANGUAGE c
	AS 'MODULE_PATHNAME', 'journey_queue_touchpoints';
REVOKE EXECUTE ON FUNCTION @extschema@.queue_touchpoints() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.queue_touchpoints() IS 'trigger: queue new touchpoints for refresh_journeys()';

CREATE TRIGGER queue_touchpoints AFTER INSERT ON @extschema@.touchpoints
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.queue_touchpoints();

-------------------------------------------------------------------------------
-- Configuration API
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.add_department(name pg_catalog.text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF name IS NULL OR name = '' THEN
		RAISE EXCEPTION 'department name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO @extschema@.departments VALUES (name) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.add_department(pg_catalog.text) IS 'add a department (nothing happens if it exists)';

CREATE FUNCTION @extschema@.add_channel(name pg_catalog.text, department pg_catalog.text,
										online boolean, direct boolean DEFAULT false)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF name IS NULL OR name = '' THEN
		RAISE EXCEPTION 'channel name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF online IS NULL OR direct IS NULL THEN
		RAISE EXCEPTION 'online and direct must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = add_channel.department) THEN
		RAISE EXCEPTION 'department "%" does not exist', department
			USING ERRCODE = 'foreign_key_violation',
				  HINT = 'Add it first with journey.add_department().';
	END IF;
	INSERT INTO @extschema@.channels AS c VALUES (name, department, online, direct)
	ON CONFLICT ON CONSTRAINT channels_pkey DO UPDATE
		SET department = excluded.department, online = excluded.online, direct = excluded.direct;
END
$$;
COMMENT ON FUNCTION @extschema@.add_channel(pg_catalog.text, pg_catalog.text, boolean, boolean) IS
	'add a channel owned by a department, or change an existing one';

-------------------------------------------------------------------------------
-- Recording API
-------------------------------------------------------------------------------

-- Serialises changes of one customer's stages and identity (a transaction
-- advisory lock, so it needs no privilege and never blocks recording).
CREATE FUNCTION @extschema@.lock_customer(customer pg_catalog.text) RETURNS void
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	RETURN pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('journey customer'),
											pg_catalog.hashtext(customer));
COMMENT ON FUNCTION @extschema@.lock_customer(pg_catalog.text) IS
	'wait until no other transaction changes the customer''s stages or identity';

-- The customer an id or alias stands for; creates the customer when new.
CREATE FUNCTION @extschema@.resolve_customer(id pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	target pg_catalog.text;
BEGIN
	IF id IS NULL OR id = '' THEN
		RAISE EXCEPTION 'customer must not be empty'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT i.customer INTO target FROM @extschema@.identities i WHERE i.alias = id;
	IF FOUND THEN
		RETURN target;
	END IF;
	INSERT INTO @extschema@.customers (id) VALUES (id) ON CONFLICT DO NOTHING;
	RETURN id;
END
$$;
COMMENT ON FUNCTION @extschema@.resolve_customer(pg_catalog.text) IS
	'the customer an id or alias stands for (a new id creates the customer)';

CREATE FUNCTION @extschema@.record_touchpoint(
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

CREATE FUNCTION @extschema@.set_stage(
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

CREATE FUNCTION @extschema@.link_identity(alias pg_catalog.text, customer pg_catalog.text,
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
COMMENT ON FUNCTION @extschema@.link_identity(pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
	'stitch an alias (cookie, device, e-mail) to a customer: its touchpoints, stages and journey become the customer''s; returns the number of touchpoints moved';

CREATE FUNCTION @extschema@.forget_customer(customer pg_catalog.text)
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
COMMENT ON FUNCTION @extschema@.forget_customer(pg_catalog.text) IS
	'erase a customer (GDPR): touchpoints, stage history, journey, aliases and the customer row; returns what was removed';

CREATE FUNCTION @extschema@.purge_before(before timestamptz)
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
COMMENT ON FUNCTION @extschema@.purge_before(timestamptz) IS
	'retention: delete touchpoints and closed stages older than a time, and trim the journeys; returns what was removed';

CREATE FUNCTION @extschema@.refresh_journeys() RETURNS bigint
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
COMMENT ON FUNCTION @extschema@.refresh_journeys() IS
	'fold the touchpoints recorded since the last refresh into the materialized journeys; returns the number of customers updated';

-------------------------------------------------------------------------------
-- What BI tools read
-------------------------------------------------------------------------------

CREATE VIEW @extschema@.customer_journeys AS
SELECT d.customer, d.channels AS journey, d.events, d.first_seen, d.last_seen,
	(SELECT pg_catalog.jsonb_object_agg(h.model, h.stage)
	 FROM @extschema@.stage_history h
	 WHERE h.customer = d.customer AND h."left" IS NULL) AS stages,
	d.refreshed
FROM @extschema@.customer_journey_data d;
COMMENT ON VIEW @extschema@.customer_journeys IS
	'one row per customer: journey of channels, journey of events, first/last seen, current stage per model ({"model": "stage"})';

-- Marketing
CREATE VIEW @extschema@.marketing_acquisition AS
SELECT f.channel AS first_channel, f.campaign AS first_campaign, f.department AS first_department,
	pg_catalog.count(*) AS customers
FROM (SELECT DISTINCT ON (t.customer) t.customer, t.channel, t.campaign, t.department
	  FROM @extschema@.touchpoints t ORDER BY t.customer, t.ts, t.id) f
GROUP BY 1, 2, 3;
COMMENT ON VIEW @extschema@.marketing_acquisition IS 'marketing: customers by the channel, campaign and department of their first touch';

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

CREATE VIEW @extschema@.marketing_paths AS
SELECT c.path, c.conversions, c.nulls, c.value
FROM @extschema@.conversion_paths('purchase', interval '30 days') c;
COMMENT ON VIEW @extschema@.marketing_paths IS
	'marketing: attribution input, channel paths ending at a purchase (one per purchase, 30 days back at most) or not converted (nulls), with purchase revenue';

-- Sales
CREATE VIEW @extschema@.sales_pipeline AS
SELECT h.model, h.stage, s.department AS owner, pg_catalog.count(*) AS customers,
	pg_catalog.avg(pg_catalog.now() - h.entered) AS avg_time_in_stage
FROM @extschema@.stage_history h
LEFT JOIN @extschema@.stages s ON s.model = h.model AND s.stage = h.stage
WHERE h."left" IS NULL
GROUP BY 1, 2, 3;
COMMENT ON VIEW @extschema@.sales_pipeline IS 'sales: customers currently in each stage of each model, and how long they have been there';

CREATE VIEW @extschema@.sales_lead_handoff AS
SELECT m.customer, m.first_marketing, s.first_sales, s.first_sales - m.first_marketing AS handoff
FROM (SELECT t.customer, min(t.ts) AS first_marketing FROM @extschema@.touchpoints t
	  WHERE t.department = 'marketing' GROUP BY 1) m
JOIN LATERAL (SELECT min(t.ts) AS first_sales FROM @extschema@.touchpoints t
			  WHERE t.customer = m.customer AND t.department = 'sales' AND t.ts >= m.first_marketing) s
	ON s.first_sales IS NOT NULL;
COMMENT ON VIEW @extschema@.sales_lead_handoff IS 'sales: time from a customer''s first marketing touch to the first sales touch after it';

-- Customer service
CREATE VIEW @extschema@.service_contacts AS
SELECT t.customer, pg_catalog.count(*) AS contacts,
	pg_catalog.count(*) FILTER (WHERE t.ts > p.first_purchase) AS contacts_after_purchase,
	min(t.ts) AS first_contact, max(t.ts) AS last_contact
FROM @extschema@.touchpoints t
LEFT JOIN (SELECT x.customer, min(x.ts) AS first_purchase FROM @extschema@.touchpoints x
		   WHERE x.event = 'purchase' GROUP BY 1) p ON p.customer = t.customer
WHERE t.department = 'customer service'
GROUP BY t.customer;
COMMENT ON VIEW @extschema@.service_contacts IS 'customer service: contacts per customer, and how many came after the first purchase';

CREATE VIEW @extschema@.service_handoffs AS
SELECT x.customer, x.from_department, x.to_department, x.handed_off, x.taken_up, x.taken_up - x.handed_off AS waited
FROM (SELECT t.customer, t.department AS to_department, t.ts AS taken_up,
		pg_catalog.lag(t.department) OVER w AS from_department,
		pg_catalog.lag(t.ts) OVER w AS handed_off
	  FROM @extschema@.touchpoints t
	  WINDOW w AS (PARTITION BY t.customer ORDER BY t.ts, t.id)) x
WHERE x.from_department IS DISTINCT FROM x.to_department AND x.from_department IS NOT NULL;
COMMENT ON VIEW @extschema@.service_handoffs IS 'customer service: every handoff of a customer between departments and the wait before the next department''s touch';

-- Billing
CREATE VIEW @extschema@.billing_revenue AS
SELECT t.customer, h.model, h.stage, pg_catalog.sum(t.value) AS revenue, pg_catalog.count(*) AS payments
FROM @extschema@.touchpoints t
LEFT JOIN @extschema@.stage_history h
	ON h.customer = t.customer AND t.ts >= h.entered AND (h."left" IS NULL OR t.ts < h."left")
WHERE t.department = 'billing' AND t.value IS NOT NULL
GROUP BY 1, 2, 3;
COMMENT ON VIEW @extschema@.billing_revenue IS 'billing: revenue per customer and the stage (per model) the customer was in when paying';

-------------------------------------------------------------------------------
-- Roles
-------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.grant_reader(role_name pg_catalog.name) RETURNS void
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
COMMENT ON FUNCTION @extschema@.grant_reader(pg_catalog.name) IS
	'let a role read the analytic tables and views, without personal attributes';

CREATE FUNCTION @extschema@.grant_writer(role_name pg_catalog.name, department pg_catalog.text) RETURNS void
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
COMMENT ON FUNCTION @extschema@.grant_writer(pg_catalog.name, pg_catalog.text) IS
	'let a role read, and record touchpoints and stage changes for one department (row-level security)';

CREATE FUNCTION @extschema@.grant_admin(role_name pg_catalog.name) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.grant_reader(role_name);
	INSERT INTO @extschema@.admins VALUES (role_name) ON CONFLICT DO NOTHING;
	EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA @extschema@ TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA @extschema@ TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION @extschema@.grant_reader(pg_catalog.name),
		@extschema@.grant_writer(pg_catalog.name, pg_catalog.text) TO %I', role_name);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_admin(pg_catalog.name) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.grant_admin(pg_catalog.name) IS
	'let a role administer the customer model: every table, every department, and granting reader and writer roles';
