-------------------------------------------------------------------------------
-- Bulk loading into the shared customer model (doc/model.md, "Bulk
-- loading"): the rules of record_touchpoint applied to a whole table or view
-- in a few set-based statements.
-------------------------------------------------------------------------------

-- The column of the source that feeds a column of the touchpoint, checked by
-- name and type; NULL when the source has no such column.  A type is
-- accepted when it is the expected one or converts to it as INSERT would
-- (an implicit or assignment cast: varchar for text, integer or double
-- precision for numeric, timestamp or date for timestamptz, json for jsonb).
CREATE FUNCTION @extschema@.load_column(source pg_catalog.regclass, name pg_catalog.text,
										expected pg_catalog.regtype)
	RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	typ pg_catalog.oid;
	base pg_catalog.oid;
BEGIN
	SELECT a.atttypid, coalesce(nullif(t.typbasetype, 0), a.atttypid) INTO typ, base
	FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
	WHERE a.attrelid = source AND a.attname = name AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	IF base <> expected
	   AND NOT EXISTS (SELECT FROM pg_catalog.pg_cast c
					   WHERE c.castsource = base AND c.casttarget = expected
						 AND c.castcontext IN ('i', 'a')) THEN
		RAISE EXCEPTION 'column "%" of % has type %, not %', name, source, typ::pg_catalog.regtype, expected
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'Cast it in a view over the source, e.g. ' ||
						 pg_catalog.format('%I::%s AS %I.', name, expected, name);
	END IF;
	RETURN pg_catalog.format('s.%I::%s', name, expected);
END
$$;
COMMENT ON FUNCTION @extschema@.load_column(pg_catalog.regclass, pg_catalog.text, pg_catalog.regtype) IS
	'load_touchpoints: the expression that reads a column of the source as the expected type (NULL when it has none; 42804 for a type that does not convert)';

CREATE FUNCTION @extschema@.load_touchpoints(source pg_catalog.regclass, refresh boolean DEFAULT true,
											 OUT loaded bigint, OUT customers_created bigint,
											 OUT journeys_refreshed bigint)
	RETURNS record
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	c_customer pg_catalog.text;
	c_channel pg_catalog.text;
	c_event pg_catalog.text;
	c_at pg_catalog.text;
	c_ts pg_catalog.text;
	c_value pg_catalog.text;
	c_campaign pg_catalog.text;
	c_attributes pg_catalog.text;
	c_department pg_catalog.text;
	src pg_catalog.text;
	rls boolean;
	bad record;
	what pg_catalog.text;
BEGIN
	IF source IS NULL OR refresh IS NULL THEN
		RAISE EXCEPTION 'source and refresh must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- refreshing needs what an admin has: say so before loading anything
	IF refresh AND NOT (pg_catalog.has_table_privilege('@extschema@.pending_touchpoints', 'DELETE')
						AND pg_catalog.has_table_privilege('@extschema@.pending_batches', 'DELETE')
						AND pg_catalog.has_table_privilege('@extschema@.pending_batches', 'UPDATE')
						AND pg_catalog.has_table_privilege('@extschema@.customer_journey_data', 'INSERT, UPDATE')) THEN
		RAISE EXCEPTION 'permission denied to refresh the journeys'
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Load with refresh => false: the touchpoints stay queued until a journey admin calls journey.refresh_journeys().';
	END IF;

	-- the source's columns, by name and type
	c_customer := @extschema@.load_column(source, 'customer', 'pg_catalog.text');
	c_channel := @extschema@.load_column(source, 'channel', 'pg_catalog.text');
	c_event := @extschema@.load_column(source, 'event', 'pg_catalog.text');
	c_at := @extschema@.load_column(source, 'at', 'pg_catalog.timestamptz');
	c_ts := @extschema@.load_column(source, 'ts', 'pg_catalog.timestamptz');
	c_value := coalesce(@extschema@.load_column(source, 'value', 'pg_catalog.numeric'), 'NULL::pg_catalog.numeric');
	c_campaign := coalesce(@extschema@.load_column(source, 'campaign', 'pg_catalog.text'), 'NULL::pg_catalog.text');
	c_attributes := coalesce(@extschema@.load_column(source, 'attributes', 'pg_catalog.jsonb'), 'NULL::pg_catalog.jsonb');
	c_department := coalesce(@extschema@.load_column(source, 'department', 'pg_catalog.text'), 'NULL::pg_catalog.text');
	IF c_at IS NOT NULL AND c_ts IS NOT NULL THEN
		RAISE EXCEPTION 'source % has both a column "at" and a column "ts"', source
			USING ERRCODE = 'ambiguous_column',
				  HINT = 'The time of a touchpoint is read from "at" or "ts": give the source one of them.';
	END IF;
	c_at := coalesce(c_at, c_ts);
	IF c_customer IS NULL OR c_channel IS NULL OR c_event IS NULL OR c_at IS NULL THEN
		RAISE EXCEPTION 'source % has no column "%"', source,
			CASE WHEN c_customer IS NULL THEN 'customer' WHEN c_channel IS NULL THEN 'channel'
				 WHEN c_event IS NULL THEN 'event' ELSE 'at' END
			USING ERRCODE = 'undefined_column',
				  HINT = 'A source of touchpoints has the columns customer, channel, event and at (or ts), and may have value, campaign, attributes and department.';
	END IF;
	src := pg_catalog.format('%s AS customer, %s AS channel, %s AS event, %s AS at, %s AS value, '
							 '%s AS campaign, %s AS attributes, %s AS department FROM %s s',
							 c_customer, c_channel, c_event, c_at, c_value, c_campaign, c_attributes,
							 c_department, source);

	-- Every rule of record_touchpoint, checked in one pass before anything
	-- is written; the first row that breaks one (rows numbered in the order
	-- the source is read) is reported with record_touchpoint's SQLSTATE and
	-- message (NULL values 22004, as record_touchpoint says).  The
	-- department permission is asked once per department, not per row.
	rls := pg_catalog.row_security_active('@extschema@.touchpoints'::pg_catalog.regclass);
	EXECUTE pg_catalog.format($q$
		SELECT s.n, s.customer, s.channel, s.event, s.at, s.department,
			coalesce(s.department, c.department) AS dept,
			CASE WHEN s.event IS NULL OR s.at IS NULL THEN 'null'
				 WHEN s.channel IS NULL THEN 'null channel'
				 WHEN c.name IS NULL THEN 'channel'
				 WHEN s.department IS NOT NULL AND d.name IS NULL THEN 'department'
				 WHEN $1 AND NOT coalesce(w.may, false) THEN 'permission'
				 WHEN s.customer IS NULL OR s.customer OPERATOR(pg_catalog.=) '' THEN 'customer'
			END AS problem
		FROM (SELECT pg_catalog.row_number() OVER () AS n, %s) s
		LEFT JOIN @extschema@.channels c ON c.name OPERATOR(pg_catalog.=) s.channel
		LEFT JOIN @extschema@.departments d ON d.name OPERATOR(pg_catalog.=) s.department
		LEFT JOIN (SELECT x.name, @extschema@.may_write(x.name) AS may
				   FROM @extschema@.departments x) w
			ON w.name OPERATOR(pg_catalog.=) coalesce(s.department, c.department)
		WHERE s.event IS NULL OR s.at IS NULL OR s.channel IS NULL OR c.name IS NULL
		   OR (s.department IS NOT NULL AND d.name IS NULL)
		   OR ($1 AND NOT coalesce(w.may, false))
		   OR s.customer IS NULL OR s.customer OPERATOR(pg_catalog.=) ''
		ORDER BY s.n
		LIMIT 1$q$, src) INTO bad USING rls;
	IF bad.problem IS NOT NULL THEN
		what := pg_catalog.format('Row %s of %s: customer %s, channel %s, event %s, at %s, department %s.',
								  bad.n, source, pg_catalog.quote_nullable(bad.customer),
								  pg_catalog.quote_nullable(bad.channel), pg_catalog.quote_nullable(bad.event),
								  pg_catalog.quote_nullable(bad.at), pg_catalog.quote_nullable(bad.department));
		IF bad.problem = 'null' THEN
			RAISE EXCEPTION 'event and time of a touchpoint must not be NULL'
				USING ERRCODE = 'null_value_not_allowed', DETAIL = what;
		ELSIF bad.problem = 'null channel' THEN
			RAISE EXCEPTION 'channel of a touchpoint must not be NULL'
				USING ERRCODE = 'null_value_not_allowed', DETAIL = what;
		ELSIF bad.problem = 'channel' THEN
			RAISE EXCEPTION 'channel "%" does not exist', bad.channel
				USING ERRCODE = 'foreign_key_violation', DETAIL = what,
					  HINT = 'Add it with journey.add_channel(name, department, online).';
		ELSIF bad.problem = 'department' THEN
			RAISE EXCEPTION 'department "%" does not exist', bad.department
				USING ERRCODE = 'foreign_key_violation', DETAIL = what;
		ELSIF bad.problem = 'permission' THEN
			RAISE EXCEPTION 'permission denied to record touchpoints for department "%"', bad.dept
				USING ERRCODE = 'insufficient_privilege',
					  DETAIL = pg_catalog.format('Channel "%s" belongs to department "%s"; role "%s" is not a writer for it. %s',
												 bad.channel, bad.dept, CURRENT_USER, what),
					  HINT = pg_catalog.format('A writer of department "%s" (granted by journey.grant_writer(role, %L)%s) or a journey admin may record it.',
											   bad.dept, bad.dept,
											   coalesce(': ' || (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(w.role_name), ', ' ORDER BY w.role_name)
																   FROM @extschema@.writers w WHERE w.department = bad.dept), ''));
		ELSE
			RAISE EXCEPTION 'customer must not be empty'
				USING ERRCODE = 'null_value_not_allowed', DETAIL = what;
		END IF;
	END IF;

	-- New customers: ids that are neither a customer nor an alias yet (as
	-- resolve_customer creates them), in key order.
	EXECUTE pg_catalog.format($q$
		INSERT INTO @extschema@.customers (id)
		SELECT DISTINCT s.customer FROM (SELECT %s) s
		WHERE NOT EXISTS (SELECT FROM @extschema@.identities i WHERE i.alias OPERATOR(pg_catalog.=) s.customer)
		ORDER BY 1
		ON CONFLICT DO NOTHING$q$, src);
	GET DIAGNOSTICS customers_created = ROW_COUNT;

	-- The touchpoints, aliases resolved, the department the channel's
	-- unless given.  A row that a concurrent change of the source added
	-- after the check above and that breaks a rule is not skipped: its
	-- department is NULL and the NOT NULL constraint fails the load.
	EXECUTE pg_catalog.format($q$
		INSERT INTO @extschema@.touchpoints (customer, ts, channel, department, event, value, campaign, attributes)
		SELECT coalesce(i.customer, s.customer), s.at, s.channel,
			CASE WHEN s.department IS NULL THEN c.department
				 WHEN s.department IN (SELECT d.name FROM @extschema@.departments d) THEN s.department
			END,
			s.event, s.value, s.campaign, s.attributes
		FROM (SELECT %s) s
		LEFT JOIN @extschema@.channels c ON c.name OPERATOR(pg_catalog.=) s.channel
		LEFT JOIN @extschema@.identities i ON i.alias OPERATOR(pg_catalog.=) s.customer$q$, src);
	GET DIAGNOSTICS loaded = ROW_COUNT;

	IF refresh THEN
		journeys_refreshed := @extschema@.refresh_journeys();
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.load_touchpoints(pg_catalog.regclass, boolean) IS
	'bulk-load touchpoints from a table or view (customer, channel, event, at or ts, and optionally value, campaign, attributes, department) with the rules of record_touchpoint; returns the rows loaded, the customers created and the journeys refreshed';
