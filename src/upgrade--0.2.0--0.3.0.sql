-- Changes to objects of 0.2.0 and earlier, for ALTER EXTENSION journey
-- UPDATE only: each one is also made in the fragment that defines the
-- object, so that a fresh install and an upgraded one agree (test/upgrade.sh
-- checks it).


-- set_stage: a writer's department is checked before any change, also for
-- a change that only moves an existing row (doc/security.md)
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
	IF dept IS NULL THEN
		SELECT s.department INTO dept FROM @extschema@.stages s
		WHERE s.model = set_stage.model AND s.stage = set_stage.stage;
	END IF;
	-- Row security checks the row set_stage inserts, but a change that only
	-- moves an existing row (below) inserts none: check the department first.
	IF pg_catalog.row_security_active('@extschema@.stage_history'::pg_catalog.regclass)
	   AND NOT @extschema@.may_write(dept) THEN
		RAISE EXCEPTION 'permission denied to record stage "%" for department "%"', stage, dept
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'A writer records for its own departments only (journey.grant_writer).';
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

-- readers no longer read aliases (personal data); writers still do, since
-- recording resolves them (doc/security.md)
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
END
$$;

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
END
$$;

-- roles already granted reader keep their other privileges but lose the
-- aliases; writers and admins keep them
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT DISTINCT a.grantee::pg_catalog.regrole AS role
		FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
		WHERE c.oid = '@extschema@.identities'::pg_catalog.regclass
		  AND a.privilege_type = 'SELECT' AND a.grantee <> 0 AND a.grantee <> c.relowner
		  AND NOT EXISTS (SELECT FROM @extschema@.writers w
						  WHERE w.role_name = pg_catalog.pg_get_userbyid(a.grantee))
		  AND NOT EXISTS (SELECT FROM @extschema@.admins ad
						  WHERE ad.role_name = pg_catalog.pg_get_userbyid(a.grantee))
	LOOP
		EXECUTE pg_catalog.format('REVOKE SELECT ON @extschema@.identities FROM %s', r.role);
		EXECUTE pg_catalog.format('GRANT SELECT (customer, source, linked) ON @extschema@.identities TO %s', r.role);
	END LOOP;
END
$$;
