-- The refresh queue's trigger, journey.queue_touchpoints (src/queue.c): every
-- new touchpoint queued once, however many a statement inserts, as a row of
-- pending_touchpoints below 64 rows a statement and as arrays of up to
-- 10,000 ids in pending_batches from 64 on; a writer needs no privilege on
-- either; what a DBA adds to them (indexes, CHECK constraints, columns with
-- defaults, triggers, row security) is honoured as INSERT would honour it;
-- nothing is left after a rollback.  Then the readers: refresh_journeys
-- (every path) equal to journey_agg from scratch with rows and arrays queued,
-- duplicates included; forget_customer, purge_before and deleting a
-- customer take their ids out of the arrays.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;
SET TimeZone = 'UTC';

SELECT plan(74);

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

-- Every queued id, as a row or in an array.
CREATE VIEW pg_temp.queued AS
SELECT touchpoint FROM journey.pending_touchpoints
UNION ALL
SELECT x FROM journey.pending_batches b, unnest(b.touchpoints) x;

-- The touchpoints whose id the queue does not hold exactly once.
CREATE VIEW pg_temp.queue_diff AS
SELECT coalesce(t.id, p.touchpoint) AS id, t.n AS touchpoints, p.n AS queued
FROM (SELECT id, count(*) AS n FROM journey.touchpoints GROUP BY id) t
FULL JOIN (SELECT touchpoint, count(*) AS n FROM pg_temp.queued GROUP BY touchpoint) p
	ON p.touchpoint = t.id
WHERE t.n IS DISTINCT FROM p.n;

-- The sizes of the queued arrays, smallest first.
CREATE VIEW pg_temp.batch_sizes AS
SELECT coalesce(array_agg(cardinality(b.touchpoints) ORDER BY cardinality(b.touchpoints)), '{}') AS sizes
FROM journey.pending_batches b;

\ir lib/journey_diff.sql

-- n touchpoints of a customer in one statement, a minute apart from a time.
CREATE FUNCTION pg_temp.touch(who text, n int, start timestamptz, channel text DEFAULT 'web',
							  department text DEFAULT 'marketing') RETURNS void LANGUAGE sql AS $$
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT who, start + g * interval '1 minute', channel, department, 'visit'
FROM generate_series(1, n) g;
$$;
GRANT EXECUTE ON FUNCTION pg_temp.touch(text, int, timestamptz, text, text) TO PUBLIC;

SELECT journey.add_channel('web', 'marketing', true);
SELECT journey.add_channel('store', 'sales', false);
TRUNCATE journey.touchpoints, journey.pending_touchpoints, journey.pending_batches;

-- ---------------------------------------------------------------------------
-- The function and the tables
-- ---------------------------------------------------------------------------
SELECT is((SELECT l.lanname::text || ' ' || p.prosecdef || ' ' || coalesce(p.proconfig::text, '-')
		   FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
		   WHERE p.oid = 'journey.queue_touchpoints()'::regprocedure),
	'c false -', 'queue_touchpoints is a C function, not SECURITY DEFINER, with no settings');
SELECT is((SELECT count(*)::int FROM pg_proc p, aclexplode(p.proacl) a
		   WHERE p.oid = 'journey.queue_touchpoints()'::regprocedure AND a.grantee = 0), 0,
	'PUBLIC may not execute it');
SELECT is((SELECT attstorage::text FROM pg_attribute
		   WHERE attrelid = 'journey.pending_batches'::regclass AND attname = 'touchpoints'), 'e',
	'the arrays are stored out of line, uncompressed');
SELECT is((SELECT count(*)::int FROM pg_extension e, unnest(e.extconfig) c
		   WHERE e.extname = 'journey' AND c = 'journey.pending_batches'::regclass), 1,
	'pg_dump keeps the queued arrays');

-- ---------------------------------------------------------------------------
-- Every new touchpoint queued once: rows below 64, arrays from 64 on
-- ---------------------------------------------------------------------------
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('q1', '2026-01-01 10:00+00', 'web', 'marketing', 'visit');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 1, 'one row: one queued id');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'one row: its id');

SELECT pg_temp.touch('q2', 63, '2026-01-02 00:00+00');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 64, '63 rows: 63 more queued rows');
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{}'::int[], '63 rows: no array');

SELECT pg_temp.touch('q3', 64, '2026-01-03 00:00+00');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints), 64, '64 rows: no queued row');
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{64}'::int[], '64 rows: one array of 64 ids');

-- 25,000 rows: three arrays, with a bulk-insert state; with work_mem at
-- 64 kB the statement's new rows are read back from a temporary file
SET work_mem = '64kB';
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'q' || (g % 100), timestamptz '2026-01-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
FROM generate_series(1, 25000) g;
RESET work_mem;
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{64,5000,10000,10000}'::int[], '25,000 rows: arrays of 10,000, 10,000 and 5,000 ids');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'every id once');

INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
SELECT 'q1', '2026-01-01 10:00+00', 'web', 'marketing', 'visit' WHERE false;
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 25128, 'no row: nothing queued');

-- the queue's own index holds the rows: each id found through it
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT ok(pg_temp.plan_of('SELECT FROM journey.pending_touchpoints p WHERE p.touchpoint = 42') LIKE '%pending_touchpoints_touchpoint%',
	'lookups by id use the index on touchpoint');
SELECT is((SELECT count(*)::int FROM journey.touchpoints t
		   WHERE (SELECT count(*) FROM journey.pending_touchpoints p WHERE p.touchpoint = t.id) = 1), 64,
	'the index holds every id queued as a row');
RESET enable_seqscan;
RESET enable_bitmapscan;

-- a rolled back statement leaves nothing queued
SAVEPOINT s;
SELECT pg_temp.touch('rb', 1500, '2026-02-01 00:00+00');
SELECT pg_temp.touch('rb', 15, '2026-02-03 00:00+00');
ROLLBACK TO SAVEPOINT s;
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 25128, 'rolled back: nothing queued');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'rolled back: the queue matches the touchpoints');

-- ---------------------------------------------------------------------------
-- A writer needs no privilege on the queue
-- ---------------------------------------------------------------------------
CREATE ROLE journey_q_writer;
SELECT journey.grant_writer('journey_q_writer', 'marketing');
SELECT is(has_table_privilege('journey_q_writer', 'journey.pending_touchpoints', 'INSERT'), false,
	'a writer has no INSERT on the queue');
SELECT is(has_table_privilege('journey_q_writer', 'journey.pending_batches', 'SELECT')
		  OR has_table_privilege('journey_q_writer', 'journey.pending_batches', 'INSERT'), false,
	'nor any privilege on the queued arrays');
SELECT is((SELECT count(*)::int FROM pg_class c, aclexplode(c.relacl) a
		   WHERE c.oid = 'journey.pending_batches'::regclass AND a.grantee = 0), 0,
	'PUBLIC has no privilege on the queued arrays');
SET ROLE journey_q_writer;
SELECT journey.record_touchpoint('qw', 'web', 'visit', '2026-03-01 10:00+00');
SELECT pg_temp.touch('qw', 1200, '2026-03-02 00:00+00');
SELECT pg_temp.touch('qw', 20, '2026-03-04 00:00+00');
SELECT is(pg_temp.error_of('INSERT INTO journey.pending_touchpoints VALUES (1)'),
	'42501 permission denied for table pending_touchpoints', 'the writer cannot write the queue itself');
SELECT is(pg_temp.error_of($$INSERT INTO journey.pending_batches VALUES ('{1}')$$),
	'42501 permission denied for table pending_batches', 'nor the queued arrays');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 26349, 'the writer''s 1,221 touchpoints are queued');
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{64,1200,5000,10000,10000}'::int[], 'the writer''s 1,200 in an array');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'the writer''s: every id once');

-- ---------------------------------------------------------------------------
-- What a DBA adds to the queue's rows
-- ---------------------------------------------------------------------------
CREATE INDEX queue_odd ON journey.pending_touchpoints (touchpoint) WHERE touchpoint % 2 = 1;
CREATE INDEX queue_mod ON journey.pending_touchpoints ((touchpoint % 10));
CREATE UNIQUE INDEX queue_unique ON journey.pending_touchpoints (touchpoint);
SELECT pg_temp.touch('ix', 50, '2026-04-01 00:00+00', 'store', 'sales');
INSERT INTO journey.touchpoints (customer, ts, channel, department, event)
VALUES ('ix', '2026-04-03 00:00+00', 'store', 'sales', 'visit');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with three more indexes: every id once');
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM journey.pending_touchpoints WHERE touchpoint % 2 = 1') LIKE '%queue_odd%',
	'the partial index answers its predicate');
-- (each compared with the same count read another way)
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints WHERE touchpoint % 2 = 1),
		  (SELECT count(*)::int FROM journey.pending_touchpoints p WHERE (p.touchpoint + 0) % 2 = 1),
	'the partial index holds every odd id');
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM journey.pending_touchpoints WHERE touchpoint % 10 = 3') LIKE '%queue_mod%',
	'the expression index answers its expression');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints WHERE touchpoint % 10 = 3),
		  (SELECT count(*)::int FROM journey.pending_touchpoints p WHERE (p.touchpoint + 0) % 10 = 3),
	'the expression index holds every id');
RESET enable_seqscan;
RESET enable_bitmapscan;
-- an id already queued by hand: the unique index refuses the trigger's row
INSERT INTO journey.pending_touchpoints VALUES (900000001);
SELECT is(pg_temp.error_of($$INSERT INTO journey.touchpoints (id, customer, ts, channel, department, event)
							  VALUES (900000001, 'ix', '2026-04-04 00:00+00', 'store', 'sales', 'visit')$$),
	'23505 duplicate key value violates unique constraint "queue_unique"', 'a unique index of the queue is checked');
DELETE FROM journey.pending_touchpoints WHERE touchpoint = 900000001;
DROP INDEX journey.queue_odd, journey.queue_mod, journey.queue_unique;

-- a CHECK constraint, in the middle of a statement: the whole statement fails
ALTER TABLE journey.pending_touchpoints ADD CONSTRAINT queue_positive CHECK (touchpoint > 0);
SELECT is(pg_temp.error_of($$INSERT INTO journey.touchpoints (id, customer, ts, channel, department, event)
							  SELECT CASE g WHEN 30 THEN -7 ELSE 900000000 + g END, 'ck',
									 timestamptz '2026-05-01 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
							  FROM generate_series(1, 60) g$$),
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
SELECT pg_temp.touch('dba', 3, '2026-06-01 00:00+00');
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

-- dropped columns: the direct path again, the dropped ones left null
ALTER TABLE journey.pending_touchpoints DROP COLUMN queued_by;
ALTER TABLE journey.pending_touchpoints DROP COLUMN note;
SELECT pg_temp.touch('dropped', 50, '2026-07-01 00:00+00');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'after dropping the columns: every id once');
SELECT is((SELECT count(*)::int FROM journey.pending_touchpoints p JOIN journey.touchpoints t ON t.id = p.touchpoint
		   WHERE t.customer = 'dropped'), 50, 'the 50 new ones among them');

-- row security on the queue (the owner is exempt unless it is forced)
ALTER TABLE journey.pending_touchpoints ENABLE ROW LEVEL SECURITY;
SET ROLE journey_q_writer;
SELECT journey.record_touchpoint('rls', 'web', 'visit', '2026-08-01 10:00+00');
RESET ROLE;
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with row security on the queue: queued');
ALTER TABLE journey.pending_touchpoints DISABLE ROW LEVEL SECURITY;

-- ---------------------------------------------------------------------------
-- What a DBA adds to the queued arrays
-- ---------------------------------------------------------------------------
CREATE INDEX batches_size ON journey.pending_batches ((cardinality(touchpoints)));
CREATE UNIQUE INDEX batches_first ON journey.pending_batches ((touchpoints[1]));
SELECT pg_temp.touch('bx', 10500, '2026-09-01 00:00+00');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with two indexes on the arrays: every id once');
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT ok(pg_temp.plan_of('SELECT count(*) FROM journey.pending_batches b WHERE cardinality(b.touchpoints) = 500') LIKE '%batches_size%',
	'the expression index on the arrays answers its expression');
SELECT is((SELECT count(*)::int FROM journey.pending_batches b WHERE cardinality(b.touchpoints) = 500), 1,
	'the expression index holds the new array of 500');
RESET enable_seqscan;
RESET enable_bitmapscan;
INSERT INTO journey.pending_batches VALUES ('{900001001}');
SELECT is(pg_temp.error_of($$INSERT INTO journey.touchpoints (id, customer, ts, channel, department, event)
							  SELECT 900001000 + g, 'bx', timestamptz '2026-09-10 00:00+00' + g * interval '1 minute',
									 'web', 'marketing', 'visit'
							  FROM generate_series(1, 100) g$$),
	'23505 duplicate key value violates unique constraint "batches_first"', 'a unique index of the arrays is checked');
DELETE FROM journey.pending_batches WHERE touchpoints = '{900001001}';
DROP INDEX journey.batches_size, journey.batches_first;

ALTER TABLE journey.pending_batches ADD CONSTRAINT batches_positive CHECK (touchpoints[1] > 0);
SELECT is(pg_temp.error_of($$INSERT INTO journey.touchpoints (id, customer, ts, channel, department, event)
							  SELECT CASE g WHEN 1 THEN -7 ELSE 900002000 + g END, 'ck',
									 timestamptz '2026-09-11 00:00+00' + g * interval '1 minute', 'web', 'marketing', 'visit'
							  FROM generate_series(1, 100) g$$),
	'23514 new row for relation "pending_batches" violates check constraint "batches_positive"',
	'a CHECK constraint of the arrays is checked');
ALTER TABLE journey.pending_batches DROP CONSTRAINT batches_positive;

-- a column with a default and a trigger: INSERT ... SELECT array_agg,
-- 10,000 ids an array, as the queue's owner, with search_path pinned
ALTER TABLE journey.pending_batches ADD COLUMN queued_by name DEFAULT current_user;
ALTER TABLE journey.pending_batches ADD COLUMN note text;
-- (the row queue's trigger function above)
CREATE TRIGGER batch_note BEFORE INSERT ON journey.pending_batches
	FOR EACH ROW EXECUTE FUNCTION public.queue_note();
SET ROLE journey_q_writer;
SELECT pg_temp.touch('dbb', 20001, '2026-10-01 00:00+00');
RESET ROLE;
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'arrays with a column and a trigger: every id once');
SELECT is((SELECT string_agg(cardinality(b.touchpoints) || ' ' || b.queued_by || ' | ' || b.note, ', ' ORDER BY cardinality(b.touchpoints))
		   FROM journey.pending_batches b WHERE b.note IS NOT NULL),
		  (SELECT string_agg(n || ' ' || r.rolname || ' | ' || r.rolname || ' pg_catalog, pg_temp', ', ' ORDER BY n)
		   FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner CROSS JOIN unnest(ARRAY[1, 10000, 10000]) n
		   WHERE c.oid = 'journey.pending_batches'::regclass),
	'arrays of 10,000, 10,000 and 1 ids; the default and the trigger ran as the owner, search_path pg_catalog, pg_temp');
DROP TRIGGER batch_note ON journey.pending_batches;
DROP FUNCTION public.queue_note();
ALTER TABLE journey.pending_batches DROP COLUMN queued_by;
ALTER TABLE journey.pending_batches DROP COLUMN note;
SELECT pg_temp.touch('dropped', 70, '2026-11-01 00:00+00');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'arrays after dropping the columns: every id once');

ALTER TABLE journey.pending_batches ENABLE ROW LEVEL SECURITY;
SET ROLE journey_q_writer;
SELECT pg_temp.touch('rls', 80, '2026-11-02 00:00+00');
RESET ROLE;
SELECT is_empty('SELECT * FROM pg_temp.queue_diff', 'with row security on the arrays: queued');
SELECT is((SELECT count(*)::int FROM journey.pending_batches b WHERE cardinality(b.touchpoints) = 80), 1,
	'in one array');
ALTER TABLE journey.pending_batches DISABLE ROW LEVEL SECURITY;

-- ---------------------------------------------------------------------------
-- The readers
-- ---------------------------------------------------------------------------
-- nothing stored: everything built, both tables emptied
SELECT cmp_ok(journey.refresh_journeys(), '>', 0::bigint, 'refresh_journeys folds the queue');
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 0, 'the queue is empty after the refresh');
SELECT is((SELECT count(*)::int FROM journey.pending_batches), 0, 'no array left');
SELECT is_empty('SELECT * FROM pg_temp.journey_diff', 'the journeys equal journey_agg from scratch');
ANALYZE journey.touchpoints;

-- incremental: single rows, arrays, an id queued twice (as a row and in an
-- array), later and earlier than the stored journeys
SELECT pg_temp.touch('q5', 2, '2027-01-01 00:00+00');
SELECT pg_temp.touch('q6', 100, '2027-01-02 00:00+00');
SELECT pg_temp.touch('new1', 70, '2027-01-03 00:00+00', 'store', 'sales');
SELECT pg_temp.touch('q7', 1, '2025-01-01 00:00+00');
INSERT INTO journey.pending_batches
SELECT array_agg(t.id) FROM journey.touchpoints t WHERE t.customer = 'q6' AND t.ts >= '2027-01-01';
INSERT INTO journey.pending_touchpoints
SELECT t.id, t.customer FROM journey.touchpoints t WHERE t.customer = 'new1' AND t.ts >= '2027-01-03 00:30+00';
SELECT is(journey.refresh_journeys(), 4::bigint, 'a small queue of rows and arrays: 4 journeys merged');
SELECT is_empty('SELECT * FROM pg_temp.journey_diff', 'merged: the journeys equal journey_agg from scratch, nothing counted twice');
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 0, 'merged: the queue is empty');

-- an id already in its journey queued again in an array (a restore): the
-- journey is rebuilt, not merged twice
INSERT INTO journey.pending_batches
SELECT array_agg(t.id) FROM journey.touchpoints t WHERE t.customer IN ('q8', 'q9');
INSERT INTO journey.pending_touchpoints
SELECT t.id, t.customer FROM journey.touchpoints t WHERE t.customer = 'q8' LIMIT 3;
SELECT pg_temp.touch('q9', 1, '2027-02-01 00:00+00');
SELECT pg_temp.touch('q10', 1, '2027-02-01 00:00+00');
SELECT is(journey.refresh_journeys(), 3::bigint, 'ids already stored, queued again: 2 journeys rebuilt, 1 merged');
SELECT is_empty('SELECT * FROM pg_temp.journey_diff', 'rebuilt: the journeys equal journey_agg from scratch');
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 0, 'rebuilt: the queue is empty');

-- a quarter or more queued, journeys stored: built
INSERT INTO journey.pending_batches SELECT array_agg(id) FROM journey.touchpoints;
INSERT INTO journey.pending_batches SELECT array_agg(id) FROM journey.touchpoints WHERE customer = 'q10';
INSERT INTO journey.pending_touchpoints SELECT id, customer FROM journey.touchpoints WHERE customer = 'q11';
SELECT pg_temp.touch('q12', 200, '2027-03-01 00:00+00');
SELECT is(journey.refresh_journeys(), (SELECT count(DISTINCT customer) FROM journey.touchpoints),
	'everything queued, some ids twice: every journey built');
SELECT is_empty('SELECT * FROM pg_temp.journey_diff', 'built: the journeys equal journey_agg from scratch');
SELECT is((SELECT count(*)::int FROM pg_temp.queued), 0, 'built: the queue is empty');

-- forget_customer, purge_before and deleting a customer take their ids out
-- of the arrays; an array left empty goes
SELECT pg_temp.touch('f1', 100, '2027-04-01 00:00+00');
SELECT pg_temp.touch('f2', 100, '2027-04-01 00:00+00');
INSERT INTO journey.pending_batches
SELECT array_agg(id ORDER BY customer, id) FROM journey.touchpoints WHERE customer IN ('f1', 'f2', 'f3') AND ts >= '2027-04-01';
SELECT pg_temp.touch('f3', 100, '2027-04-01 00:00+00');
INSERT INTO journey.customers (id) VALUES ('f2');
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{100,100,100,200}'::int[], 'f1, f2, f3 queued in arrays');
SELECT lives_ok($$SELECT * FROM journey.forget_customer('f1')$$, 'forget_customer');
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{100,100,100}'::int[], 'f1''s ids out of the arrays, its own array gone');
DELETE FROM journey.customers WHERE id = 'f2';
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{100}'::int[], 'a deleted customer''s ids out of the arrays');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff WHERE touchpoints IS NULL', 'no id of an erased touchpoint queued');
SELECT pg_temp.touch('p1', 100, '2020-01-01 00:00+00');
SELECT pg_temp.touch('p1', 70, '2027-05-01 00:00+00');
INSERT INTO journey.pending_batches
SELECT array_agg(id ORDER BY id) FROM journey.touchpoints WHERE customer IN ('p1', 'f3') AND ts >= '2027-04-01';
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{70,100,100,170}'::int[], 'p1 queued, old and new');
SELECT lives_ok($$SELECT * FROM journey.purge_before('2021-01-01')$$, 'purge_before');
SELECT is((SELECT sizes FROM pg_temp.batch_sizes), '{70,100,170}'::int[], 'the purged ids out of the arrays, the array of old ones gone');
SELECT is_empty('SELECT * FROM pg_temp.queue_diff WHERE touchpoints IS NULL', 'no id of a purged touchpoint queued');
SELECT cmp_ok(journey.refresh_journeys(), '>', 0::bigint, 'refresh');
SELECT is_empty('SELECT * FROM pg_temp.journey_diff', 'the journeys equal journey_agg from scratch after erasing and purging');

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
