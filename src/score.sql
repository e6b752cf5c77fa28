-------------------------------------------------------------------------------
-- Real-time scores in the shared customer model (doc/scoring.md): rules that
-- score every customer with a fitted journey.markov after each touchpoint and
-- NOTIFY journey_score when the score crosses the rule's threshold.
-------------------------------------------------------------------------------

CREATE TABLE @extschema@.score_rules (
	name pg_catalog.text PRIMARY KEY CHECK (name <> ''),
	model @extschema@.markov NOT NULL,
	threshold double precision NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
	department pg_catalog.text NOT NULL REFERENCES @extschema@.departments ON UPDATE CASCADE ON DELETE CASCADE,
	channel_filter pg_catalog.text[],
	created timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.score_rules IS
	'scoring rules: a fitted Markov model, a threshold on the conversion probability, the owning department and the channels it looks at (NULL: all)';

-- Derived data: not dumped (a restore recomputes scores as touchpoints load
-- or arrive).
CREATE TABLE @extschema@.customer_scores (
	customer pg_catalog.text NOT NULL REFERENCES @extschema@.customers ON DELETE CASCADE,
	rule pg_catalog.text NOT NULL REFERENCES @extschema@.score_rules ON UPDATE CASCADE ON DELETE CASCADE,
	score double precision NOT NULL,
	previous double precision NOT NULL,
	at timestamptz NOT NULL,
	PRIMARY KEY (customer, rule)
);
CREATE INDEX customer_scores_rule ON @extschema@.customer_scores (rule, score);
COMMENT ON TABLE @extschema@.customer_scores IS
	'each customer''s current conversion probability under each score rule, the one before it, and the time of the touch that set it';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.score_rules', '');

-- A rule belongs to a department: only its writers (and admins) add or drop it.
ALTER TABLE @extschema@.score_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON @extschema@.score_rules FOR SELECT USING (true);
CREATE POLICY write_own ON @extschema@.score_rules FOR INSERT WITH CHECK (@extschema@.may_write(department));
CREATE POLICY delete_own ON @extschema@.score_rules FOR DELETE USING (@extschema@.may_write(department));

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
	'drop a score rule and its scores';

-- After every INSERT into touchpoints (record_touchpoint or direct): each
-- touched customer is scored under every rule whose channels the new rows
-- touch, from the customer's last markov_order(model) touches on the rule's
-- channels; the previous score is replaced under the row lock of
-- customer_scores, so concurrent touches of one customer notify a consistent
-- sequence old -> new.  A customer new to a rule starts from the score of the
-- empty journey (the model's start state).
CREATE FUNCTION @extschema@.score_touchpoints() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	IF NOT EXISTS (SELECT FROM @extschema@.score_rules) THEN
		RETURN NULL;
	END IF;
	WITH touched AS (
		SELECT t.customer, max(t.ts) AS at, pg_catalog.array_agg(DISTINCT t.channel) AS channels
		FROM new_rows t GROUP BY t.customer
	), scored AS (
		SELECT t.customer, r.name AS rule, t.at,
			@extschema@.conversion_probability(r.model, p.path) AS score,
			@extschema@.conversion_probability(r.model, '{}'::pg_catalog.text[]) AS prior
		FROM touched t
		JOIN @extschema@.score_rules r ON r.channel_filter IS NULL OR t.channels OPERATOR(pg_catalog.&&) r.channel_filter
		CROSS JOIN LATERAL (
			SELECT pg_catalog.array_agg(x.channel ORDER BY x.ts, x.channel COLLATE "C") AS path
			FROM (SELECT tp.channel, tp.ts FROM @extschema@.touchpoints tp
				  WHERE tp.customer = t.customer
					AND (r.channel_filter IS NULL OR tp.channel = ANY (r.channel_filter))
				  ORDER BY tp.ts DESC, tp.channel COLLATE "C" DESC
				  LIMIT @extschema@.markov_order(r.model)) x
		) p
		ORDER BY t.customer, r.name
	), saved AS (
		INSERT INTO @extschema@.customer_scores AS cs (customer, rule, score, previous, at)
		SELECT s.customer, s.rule, COALESCE(s.score, s.prior), s.prior, s.at FROM scored s
		ON CONFLICT ON CONSTRAINT customer_scores_pkey DO UPDATE
			SET previous = cs.score, score = excluded.score, at = excluded.at
		RETURNING cs.customer, cs.rule, cs.previous, cs.score, cs.at
	)
	SELECT pg_catalog.count(pg_catalog.pg_notify('journey_score', pg_catalog.json_build_object(
			'customer', v.customer, 'rule', v.rule, 'old', v.previous, 'new', v.score, 'at', v.at)::pg_catalog.text))
	INTO n
	FROM saved v JOIN @extschema@.score_rules r ON r.name = v.rule
	WHERE (v.previous >= r.threshold) <> (v.score >= r.threshold);
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.score_touchpoints() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.score_touchpoints() IS
	'trigger: rescore the touched customers under every score rule and NOTIFY journey_score on threshold crossings';

CREATE TRIGGER score_touchpoints AFTER INSERT ON @extschema@.touchpoints
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.score_touchpoints();
