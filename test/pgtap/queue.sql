-- The refresh queue's trigger, journey.queue_touchpoints (src/queue.c): every
-- new touchpoint queued once, however many a statement inserts; a writer
-- needs no privilege on the queue; what a DBA adds to the queue (indexes,
-- CHECK constraints, columns with defaults, triggers) is honoured as INSERT
-- would honour it; nothing is left after a rollback.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(33);

-- The error an SQL text raises, as 'SQLSTATE message' (NULL if none).
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	msg text;
BEGIN
	EXECUTE sql;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
	RETURN SQLSTATE || ' ' || msg;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.error_of(text) TO PUBLIC;

-- The plan of a query, one line.
CREATE FUNCTION pg_temp.plan_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
	plan text := '';
BEGIN
	FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || sql LOOP
		plan := plan || r || ' ';
	END LOOP;
	RETURN plan;
END
$$;

-- The touchpoints whose id the queue does not hold exactly once.
CREATE VIEW pg_temp.queue_diff AS
SELECT coalesce(t.id, p.touchpoint) AS id, t.n AS touchpoints, p.n AS queued
FROM (SELECT id, count(*) AS n FROM journey.touchpoints GROUP BY id) t
FULL JOIN (SELECT touchpoint, count(*) AS n FROM journey.pending_touchpoints GROUP BY touchpoint) p
	ON p.touchpoint = t.id
WHERE t.n IS DISTINCT FROM p.n;

SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
TRUNCATE journey.touchpoints, journey.pending_touchpoints;

-- ---------------------------------------------------------------------------
-- The function
-- ---------------------------------------------------------------------------
SELECT is((SELECT l.lanname::text || ' ' || p.prosecdef || ' ' || coalesce(p.proconfig::text, '-')
		   FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
		   WHERE p.oid = 'journey.queue_touchpoints()'::regprocedure),
	'c false -', 'queue_touchpoints is a C function, not SECURITY DEFINER, with no settings');
SELECT is((SELECT count(*)::int FROM pg_proc p, aclexplode(p.proacl) a
		   WHERE p.oid = 'journey.queue_touchpoints()'::regprocedure AND a.grantee = 0), 0,
	'PUBLIC may not execute it');

-- ---------------------------------------------------------------------------
-- Every new touchpoint queued once
-- ---------------------------------------------------------------------------
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('q1', '2026-01-01 10:00+00', 'web', 'marketing', 'visit');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 1, 'one row: one queued id');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'one row: its id');

-- 2,500 rows: three batches, with a bulk-insert state
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'q' || (g % 100), timestamptz '2026-01-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 2500) g;
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 2501, '2,500 rows: 2,500 more queued ids');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'every id once');

INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'q1', '2026-01-01 10:00+00', 'web', 'marketing', 'visit' WHERE false;
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 2501, 'no row: nothing queued');

-- the queue's own index holds them: each id found through it
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT ok(pg_temp.plan_of('SELECT FROM journey.pending_touchpoints p WHERE p.touchpoint = 42') LIKE '%pending_touchpoints_touchpoint%',
	'lookups by id use the index on touchpoint');
SELECT is((SELECT count(*)::int FROM journey.touchpoints t
		   WHERE (SELECT count(*) FROM journey.pending_touchpoints p WHERE p.touchpoint = t.id) <> 1), 0,
	'the index holds every queued id');
RESET enable_seqscan;
RESET enable_bitmapscan;

-- a rolled back statement leaves nothing queued
SAVEPOINT s;
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'rb', timestamptz '2026-02-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 1500) g;
ROLLBACK TO SAVEPOINT s;
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 2501, 'rolled back: nothing queued');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'rolled back: the queue matches the touchpoints');

-- ---------------------------------------------------------------------------
-- A writer needs no privilege on the queue
-- ---------------------------------------------------------------------------
CREATE ROLE journey_q_writer;
SELECT journey.grant_writer('journey_q_writer', 'marketing');
SELECT is(has_table_privilege('journey_q_writer', 'journey.pending_touchpoints', 'INSERT'), false,
	'a writer has no INSERT on the queue');
SET ROLE journey_q_writer;
SELECT journey.record_touchpoint('qw', 'web', 'visit', '2026-03-01 10:00+00');
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'qw', timestamptz '2026-03-02 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 1200) g;
SELECT is(pg_temp.error_of('INSERT INTO journey.pending_touchpoints VALUES (1)'),
	'42501 permission denied for table pending_touchpoints', 'the writer cannot write the queue itself');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 3702, 'the writer''s 1,201 touchpoints are queued');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'the writer''s: every id once');

-- ---------------------------------------------------------------------------
-- What a DBA adds to the queue
-- ---------------------------------------------------------------------------
CREATE INDEX queue_odd ON journey.pending_touchpoints (touchpoint) WHERE touchpoint % 2 = 1;
CREATE INDEX queue_mod ON journey.pending_touchpoints ((touchpoint % 10));
CREATE UNIQUE INDEX queue_unique ON journey.pending_touchpoints (touchpoint);
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'ix', timestamptz '2026-04-01 00:00+00' + g * interval '1 minute', 'store', 'sales', 'visit'
FROM generate_series(1, 1500) g;
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('ix', '2026-04-03 00:00+00', 'store', 'sales', 'visit');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with three more indexes: every id once');
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM journey.pending_touchpoints WHERE touchpoint % 2 = 1') LIKE '%queue_odd%',
	'the partial index answers its predicate');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints WHERE touchpoint % 2 = 1),
		  (SELECT count(*)::int FROM journey.touchpoints WHERE id % 2 = 1), 'the partial index holds every odd id');
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM journey.pending_touchpoints WHERE touchpoint % 10 = 3') LIKE '%queue_mod%',
	'the expression index answers its expression');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints WHERE touchpoint % 10 = 3),
		  (SELECT count(*)::int FROM journey.touchpoints WHERE id % 10 = 3), 'the expression index holds every id');
RESET enable_seqscan;
RESET enable_bitmapscan;
-- an id already queued by hand: the unique index refuses the trigger's row
INSERT INTO journey.pending_touchpoints VALUES (900000001);
SELECT is(pg_temp.error_of($$INSERT INTO journey.touchpoints (id, customer, ts, channel, department, event)
							  VALUES (900000001, 'ix', '2026-04-04 00:00+00', 'store', 'sales', 'visit')$$),
	'23505 duplicate key value violates unique constraint "queue_unique"', 'a unique index of the queue is checked');
DELETE FROM journey.pending_touchpoints WHERE touchpoint = 900000001;
DROP INDEX journey.queue_odd, journey.queue_mod, journey.queue_unique;

-- a CHECK constraint, in the middle of a batch: the whole statement fails
ALTER TABLE journey.pending_touchpoints ADD CONSTRAINT queue_positive CHECK (touchpoint > 0);
SELECT is(pg_temp.error_of($$INSERT INTO journey.touchpoints (id, customer, ts, channel, department, event)
							  SELECT CASE g WHEN 700 THEN -7 ELSE 900000000 + g END, 'ck',
									 timestamptz '2026-05-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
							  FROM generate_series(1, 1200) g$$),
	'23514 new row for relation "pending_touchpoints" violates check constraint "queue_positive"',
	'a CHECK constraint of the queue is checked');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'after the failed statement: every id once, none of its own');
ALTER TABLE journey.pending_touchpoints DROP CONSTRAINT queue_positive;

-- a column with a default and a trigger: queued through INSERT, as the
-- queue's owner, with search_path pinned
ALTER TABLE journey.pending_touchpoints ADD COLUMN queued_by name DEFAULT current_user;
ALTER TABLE journey.pending_touchpoints ADD COLUMN note text;
CREATE FUNCTION public.queue_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.note := current_user || ' ' || pg_catalog.current_setting('search_path');
	RETURN NEW;
END
$$;
CREATE TRIGGER queue_note BEFORE INSERT ON journey.pending_touchpoints
	FOR EACH ROW EXECUTE FUNCTION public.queue_note();
SET ROLE journey_q_writer;
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'dba', timestamptz '2026-06-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 3) g;
RESET ROLE;
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with a column and a trigger: every id once');
SELECT is((SELECT string_agg((p.queued_by::text || ' | ' || p.note) COLLATE "C", ', ' ORDER BY p.touchpoint)
		   FROM journey.pending_touchpoints p JOIN journey.touchpoints t ON t.id = p.touchpoint
		   WHERE t.customer = 'dba'),
		  (SELECT string_agg((r.rolname::text || ' | ' || r.rolname::text || ' pg_catalog, pg_temp') COLLATE "C", ', ')
		   FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner CROSS JOIN generate_series(1, 3)
		   WHERE c.oid = 'journey.pending_touchpoints'::regclass),
	'the default and the trigger ran as the queue''s owner, search_path pg_catalog, pg_temp');
DROP TRIGGER queue_note ON journey.pending_touchpoints;
DROP FUNCTION public.queue_note();

-- dropped columns: the direct path again, the dropped ones left null
ALTER TABLE journey.pending_touchpoints DROP COLUMN queued_by;
ALTER TABLE journey.pending_touchpoints DROP COLUMN note;
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'dropped', timestamptz '2026-07-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 1100) g;
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'after dropping the columns: every id once');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints p JOIN journey.touchpoints t ON t.id = p.touchpoint
		   WHERE t.customer = 'dropped'), 1100, 'the 1,100 new ones among them');

-- row security on the queue (the owner is exempt unless it is forced)
ALTER TABLE journey.pending_touchpoints ENABLE ROW LEVEL SECURITY;
SET ROLE journey_q_writer;
SELECT journey.record_touchpoint('rls', 'web', 'visit', '2026-08-01 10:00+00');
RESET ROLE;
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with row security on the queue: queued');
ALTER TABLE journey.pending_touchpoints DISABLE ROW LEVEL SECURITY;

-- the refresh folds everything queued and empties the queue
SELECT cmp_ok(journey.refresh_journeys(), '>', 0::bigint, 'refresh_journeys folds the queue');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 0, 'the queue is empty after the refresh');
SELECT is((SELECT sum(journey.length(channels))::int FROM journey.customer_journey_data),
		  (SELECT count(*)::int FROM journey.touchpoints), 'the journeys hold every touchpoint');

-- ---------------------------------------------------------------------------
-- Misuse
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_row (id bigint);
CREATE TRIGGER q_row AFTER INSERT ON q_row FOR EACH ROW EXECUTE FUNCTION journey.queue_touchpoints();
SELECT is(pg_temp.error_of('INSERT INTO q_row VALUES (1)'),
	'39P01 queue_touchpoints must be an AFTER INSERT statement trigger with a NEW TABLE',
	'a row trigger is refused');
CREATE TEMP TABLE q_noid (x bigint);
CREATE TRIGGER q_noid AFTER INSERT ON q_noid REFERENCING NEW TABLE AS n
	FOR EACH STATEMENT EXECUTE FUNCTION journey.queue_touchpoints();
SELECT is(pg_temp.error_of('INSERT INTO q_noid VALUES (1)'),
	'42703 queue_touchpoints: relation "q_noid" has no column "id"', 'a table without id is refused');

SELECT * FROM finish();
ROLLBACK;
