-- Changes to objects of 0.2.0 and earlier, for ALTER EXTENSION journey
-- UPDATE only: each one is also made in the fragment that defines the
-- object, so that a fresh install and an upgraded one agree (test/upgrade.sh
-- checks it).


-- grant_reader and grant_writer also grant on the score rules and scores
-- (score.sql).
CREATE OR REPLACE FUNCTION @extschema@.grant_reader(role_name pg_catalog.name) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA @extschema@ TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.departments, @extschema@.channels, @extschema@.identities,
		@extschema@.stage_history, @extschema@.customer_journey_data, @extschema@.customer_journeys,
		@extschema@.marketing_acquisition, @extschema@.marketing_paths, @extschema@.sales_pipeline,
		@extschema@.sales_lead_handoff, @extschema@.service_contacts, @extschema@.service_handoffs,
		@extschema@.billing_revenue TO %I', role_name);
	-- personal data stays hidden: no attributes columns
	EXECUTE pg_catalog.format('GRANT SELECT (id, created) ON @extschema@.customers TO %I', role_name);
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
	EXECUTE pg_catalog.format('GRANT USAGE ON SEQUENCE @extschema@.touchpoints_id_seq, @extschema@.stage_history_id_seq TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT INSERT, UPDATE (entered, "left") ON @extschema@.stage_history TO %I', role_name);
	EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.stage_models, @extschema@.stages, @extschema@.writers, @extschema@.admins TO %I', role_name);
	-- score rules of its departments (row-level security, score.sql)
	EXECUTE pg_catalog.format('GRANT INSERT, DELETE ON @extschema@.score_rules TO %I', role_name);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_writer(pg_catalog.name, pg_catalog.text) FROM PUBLIC;
