-- Included by pgTAP files that check plan shapes (\ir lib/plan.sql).
--
-- pg_temp.plan(q text): EXPLAIN (COSTS OFF) of q as one text, a line each,
-- for matches() against the plan's nodes.
CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	l text;
	r text := '';
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		r := r || l || E'\n';
	END LOOP;
	RETURN r;
END
$f$;
