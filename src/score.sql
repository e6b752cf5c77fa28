-------------------------------------------------------------------------------
-- Real-time scores in the shared customer model (doc/scoring.md): rules that
-- score every customer with a fitted journey.markov after each touchpoint and
-- NOTIFY journey_score when the score crosses the rule's threshold.
-------------------------------------------------------------------------------

CREATE TABLE @extschema@.score_rules (
	name pg_catalog.text PRIMARY KEY CHECK (name <> ''),
	model @extschema@.markov NOT NULL,
	threshold double precision NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
	department pg_catalog.text NOT NULL,
	channel_filter pg_catalog.text[],
	created timestamptz NOT NULL DEFAULT pg_catalog.now(),
	-- how many last touches decide a customer's state
	model_order integer GENERATED ALWAYS AS (@extschema@.markov_order(model)) STORED
);
COMMENT ON TABLE @extschema@.score_rules IS
	'scoring rules: a fitted Markov model, a threshold on the conversion probability, the owning department and the channels it looks at (NULL: all)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.score_rules', '');

-- Like the other tables of the model (model.sql, "References between the
-- tables"), no foreign key: add_score_rule checks the department, and
-- renaming or deleting a department renames it in, or deletes, its rules.
CREATE FUNCTION @extschema@.score_rules_departments() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		UPDATE @extschema@.score_rules r SET department = NEW.name WHERE r.department = OLD.name;
	ELSE
		DELETE FROM @extschema@.score_rules r WHERE r.department = OLD.name;
	END IF;
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.score_rules_departments() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.score_rules_departments() IS
	'trigger: renaming a department renames it in its score rules; deleting it deletes them';
CREATE TRIGGER score_rules_departments AFTER DELETE ON @extschema@.departments
	FOR EACH ROW EXECUTE FUNCTION @extschema@.score_rules_departments();
CREATE TRIGGER score_rules_departments_key AFTER UPDATE OF name ON @extschema@.departments
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION @extschema@.score_rules_departments();

-- A rule belongs to a department: only its writers (and admins) add or drop it.
ALTER TABLE @extschema@.score_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON @extschema@.score_rules FOR SELECT USING (true);
CREATE POLICY write_own ON @extschema@.score_rules FOR INSERT WITH CHECK (@extschema@.may_write(department));
CREATE POLICY delete_own ON @extschema@.score_rules FOR DELETE USING (@extschema@.may_write(department));
CREATE POLICY update_own ON @extschema@.score_rules FOR UPDATE
	USING (@extschema@.may_write(department)) WITH CHECK (@extschema@.may_write(department));

-- Every customer's current score under every rule: a lookup per customer
-- and rule, from the customer's last touches on the rule's channels.
CREATE VIEW @extschema@.customer_scores AS
SELECT c.id AS customer, r.name AS rule, r.department,
	@extschema@.conversion_probability(r.model, p.path) AS probability,
	@extschema@.expected_value(r.model, p.path) AS expected_value,
	@extschema@.conversion_probability(r.model, p.path) >= r.threshold AS above_threshold
FROM @extschema@.customers c
CROSS JOIN @extschema@.score_rules r
CROSS JOIN LATERAL (
	SELECT COALESCE(pg_catalog.array_agg(x.channel ORDER BY x.ts, x.channel COLLATE pg_catalog."C"), '{}') AS path
	FROM (SELECT t.channel, t.ts FROM @extschema@.touchpoints t
		  WHERE t.customer = c.id
			AND (r.channel_filter IS NULL OR t.channel = ANY (r.channel_filter))
		  ORDER BY t.ts DESC, t.channel COLLATE pg_catalog."C" DESC
		  LIMIT r.model_order) x
) p;
COMMENT ON VIEW @extschema@.customer_scores IS
	'every customer''s conversion probability and expected value under every score rule, and whether it is at or above the threshold';

-- True when the current user may manage the rules of the department: its
-- writers and admins, and roles that bypass row security.
CREATE FUNCTION @extschema@.may_manage_rules(department pg_catalog.text) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	RETURN @extschema@.may_write(department)
		OR EXISTS (SELECT FROM pg_catalog.pg_roles r
				   WHERE r.rolname = CURRENT_USER AND (r.rolsuper OR r.rolbypassrls))
		OR pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c
								   WHERE c.oid = '@extschema@.score_rules'::pg_catalog.regclass), 'MEMBER');
COMMENT ON FUNCTION @extschema@.may_manage_rules(pg_catalog.text) IS
	'whether the current user may add or drop score rules of the department';

CREATE FUNCTION @extschema@.add_score_rule(name pg_catalog.text, model @extschema@.markov,
										   threshold double precision, department pg_catalog.text,
										   channel_filter pg_catalog.text[] DEFAULT NULL)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF name IS NULL OR name = '' THEN
		RAISE EXCEPTION 'score rule name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF model IS NULL OR threshold IS NULL OR department IS NULL THEN
		RAISE EXCEPTION 'model, threshold and department of a score rule must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT (threshold >= 0 AND threshold <= 1) THEN
		RAISE EXCEPTION 'threshold must be between 0 and 1'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('Got %s.', threshold);
	END IF;
	IF pg_catalog.array_position(channel_filter, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'channel_filter must not contain NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- no scoring trigger on Citus (distribute.sql)
	IF @extschema@.model_is_distributed() THEN
		RAISE EXCEPTION 'score rules are not supported on a distributed customer model'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'On Citus the scoring trigger would run on the workers, and its NOTIFY journey_score would reach only sessions connected to a worker.',
				  HINT = 'Score from the application with journey.conversion_probability().';
	END IF;
	IF NOT EXISTS (SELECT FROM @extschema@.departments d WHERE d.name = add_score_rule.department) THEN
		RAISE EXCEPTION 'department "%" does not exist', department
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF NOT @extschema@.may_manage_rules(department) THEN
		RAISE EXCEPTION 'permission denied to add a score rule for department "%"', department
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Score rules are added by the department''s writers (journey.grant_writer) or admins.';
	END IF;
	INSERT INTO @extschema@.score_rules (name, model, threshold, department, channel_filter)
	VALUES (name, model, threshold, department, channel_filter);
END
$$;
COMMENT ON FUNCTION @extschema@.add_score_rule(pg_catalog.text, @extschema@.markov, double precision, pg_catalog.text, pg_catalog.text[]) IS
	'score every customer with the model after each touchpoint (on the channels of channel_filter, all if NULL) and NOTIFY journey_score when the score crosses threshold';

CREATE FUNCTION @extschema@.drop_score_rule(name pg_catalog.text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	dept pg_catalog.text;
BEGIN
	SELECT r.department INTO dept FROM @extschema@.score_rules r WHERE r.name = drop_score_rule.name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'score rule "%" does not exist', name
			USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT @extschema@.may_manage_rules(dept) THEN
		RAISE EXCEPTION 'permission denied to drop score rule "%" of department "%"', name, dept
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	DELETE FROM @extschema@.score_rules r WHERE r.name = drop_score_rule.name;
END
$$;
COMMENT ON FUNCTION @extschema@.drop_score_rule(pg_catalog.text) IS
	'drop a score rule';

-- After every INSERT into touchpoints (record_touchpoint or direct): each
-- touched customer is scored under every rule whose channels the new rows
-- touch, before and after the statement's touches, from the customer's last
-- model_order touches on the rule's channels (the last model_order + new
-- touches are read once: without the new ones they give the score before).
-- Nothing is written: a crossing of the threshold, either way, is sent with
-- NOTIFY journey_score, delivered when the transaction commits.  In C
-- (score.c): one index scan and two lookups per customer and rule.
CREATE FUNCTION @extschema@.score_touchpoints() RETURNS trigger
	AS 'MODULE_PATHNAME', 'journey_score_touchpoints' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION @extschema@.score_touchpoints() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.score_touchpoints() IS
	'trigger: score the touched customers under every score rule and NOTIFY journey_score when a score crosses a threshold';

-- The trigger above keeps the rules in a per-backend cache; every change of
-- score_rules makes all backends reread them.
CREATE FUNCTION @extschema@.score_rules_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'journey_score_rules_changed' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION @extschema@.score_rules_changed() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.score_rules_changed() IS
	'trigger: make every session reread the score rules after a change';
CREATE TRIGGER score_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.score_rules
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.score_rules_changed();

CREATE TRIGGER score_touchpoints AFTER INSERT ON @extschema@.touchpoints
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.score_touchpoints();
