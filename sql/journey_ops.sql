--
-- journey_ops: functions and operators on journeys.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
SET search_path = public, journey;   -- for the operators on journeys

-- Hand-checkable journeys.  j1 has two events at the same time (canonical
-- order: label bytes, so email before web) and values on some events.
CREATE TABLE oj (id int PRIMARY KEY, j journey.journey);
INSERT INTO oj VALUES
  (1, 'web@2026-01-01 10:00Z > email@2026-01-02 10:00Z=2 > web@2026-01-02 10:00Z=3 > store@2026-01-03 12:30Z=100'),
  (2, 'b@2026-01-01 00:00Z > a@2026-01-01 00:00Z > b@2026-01-01 00:00:00.5Z'),   -- no values
  (3, ''),                                                                       -- empty
  (4, 'solo@2026-06-30 23:59:59.999999Z=-1.5'),                                  -- one event
  (5, NULL);
SELECT id, j FROM oj ORDER BY id;

-- Accessors.  Empty journey: length 0, labels {}, path '', the rest NULL;
-- NULL journey: everything NULL.
SELECT id, journey.length(j), journey.labels(j), journey.path(j),
       journey.path(j, ',') AS path_comma, journey.path(j, '') AS path_nosep
FROM oj ORDER BY id;
SELECT id, journey.first_touch(j), journey.last_touch(j), journey.first_time(j),
       journey.last_time(j), journey.duration(j)
FROM oj ORDER BY id;
-- labels of an empty journey is the empty array, not NULL.
SELECT journey.labels('') = '{}'::text[] AS empty_labels, journey.path('') = '' AS empty_path;
-- duration is exactly timestamptz subtraction.
SELECT id, journey.duration(j) = journey.last_time(j) - journey.first_time(j) AS same
FROM oj WHERE journey.length(j) > 0 ORDER BY id;
SELECT journey.duration('a@2026-01-01 00:00Z > b@2026-03-01 00:00:00.000001Z') AS two_months_is_days;
-- Labels that the text form quotes are quoted the same way in a path, and so
-- is a label that holds the separator: a path string is unambiguous.
SELECT journey.path('"two words"@2026-01-01 00:00Z > "a>b"@2026-01-02 00:00Z') AS quoted,
       journey.labels('"two words"@2026-01-01 00:00Z > "a>b"@2026-01-02 00:00Z > "two words"@2026-01-03 00:00Z') AS labels;
SELECT journey.path(journey.make_journey(ARRAY['2026-01-01', '2026-01-02', '2026-01-03']::timestamptz[],
                                         ARRAY['a > b', '', 'say "hi" \ bye'])) AS odd_labels,
       journey.path(journey.make_journey(ARRAY['2026-01-01', '2026-01-02', '2026-01-03']::timestamptz[],
                                         ARRAY['a', 'b', 'c'])) AS plain;
-- with another separator, a label holding it is quoted; the empty
-- separator quotes only what the text form quotes
SELECT journey.path(j, ',') AS comma, journey.path(j, '') AS nosep, journey.path(j, 'we') AS we
FROM journey.make_journey(ARRAY['2026-01-01', '2026-01-02', '2026-01-03']::timestamptz[],
                          ARRAY['web', 'a,b', 'x y']) j;
-- path with a NULL separator is NULL (strict).
SELECT journey.path(j, NULL) IS NULL AS null_sep FROM oj WHERE id = 1;

-- length reads only the header: also on compressed and on uncompressed
-- out-of-line values.
CREATE TABLE big (storage text, j journey.journey);
ALTER TABLE big ALTER COLUMN j SET STORAGE external;
INSERT INTO big SELECT 'external', journey.journey_agg('2026-01-01'::timestamptz + g * interval '1 second', 'l' || g % 1000)
FROM generate_series(1, 100000) g;
ALTER TABLE big ALTER COLUMN j SET STORAGE extended;
INSERT INTO big SELECT 'extended', journey.journey_agg('2026-01-01'::timestamptz + g * interval '1 second', 'web')
FROM generate_series(1, 100000) g;
SELECT storage, journey.length(j), pg_column_size(j) < 100000 AS compressed FROM big ORDER BY storage;

-- unnest: one row per event, in order; value NULL when absent.
SELECT * FROM journey.unnest('web@2026-01-01 10:00Z > email@2026-01-02 10:00Z=2 > web@2026-01-02 10:00Z=3 > store@2026-01-03 12:30Z=100');
SELECT id, e.* FROM oj, LATERAL journey.unnest(j) WITH ORDINALITY e ORDER BY id, ordinality;
SELECT count(*) AS empty_rows FROM journey.unnest('');
-- unnest then journey_agg gives back the same journey.
SELECT id, (SELECT journey.journey_agg(e.ts, e.label, e.value) FROM journey.unnest(j) e) = j AS round_trip
FROM oj WHERE journey.length(j) > 0 ORDER BY id;
SELECT sum(value) AS revenue FROM oj, journey.unnest(j) WHERE id = 1;

-- nth: 1-based; negative counts from the end; 0 and out of range are NULL.
SELECT n, journey.nth(j, n) FROM oj, unnest(ARRAY[1, 2, 3, 4, -1, -2, -4, 0, 5, -5, 2147483647, -2147483648]) WITH ORDINALITY u(n, o)
WHERE id = 1 ORDER BY o;
SELECT n, (journey.nth(j, n)).* FROM oj, unnest(ARRAY[1, -1, 3]) n WHERE id = 2;
SELECT journey.nth('', 1) IS NULL AS empty_1, journey.nth('', -1) IS NULL AS empty_minus_1,
       journey.nth(NULL, 1) IS NULL AS null_journey, journey.nth(j, NULL) IS NULL AS null_n
FROM oj WHERE id = 1;

-- slice: from <= ts < to.  j1's events are at 01-01 10:00, 01-02 10:00 (two)
-- and 01-03 12:30.
SELECT label, journey.slice(j, f, t)
FROM oj, (VALUES
  ('both bounds hit events: from kept, to dropped', '2026-01-02 10:00Z'::timestamptz, '2026-01-03 12:30Z'::timestamptz),
  ('exactly the first event',          '2026-01-01 10:00Z', '2026-01-02 10:00Z'),
  ('one microsecond after the ties',   '2026-01-02 10:00:00.000001Z', NULL),
  ('no lower bound',                   NULL, '2026-01-02 10:00Z'),
  ('no bounds',                        NULL, NULL),
  ('infinite bounds',                  '-infinity', 'infinity'),
  ('same instant in another zone',     '2026-01-02 11:00+01', '2026-01-03 13:30+01'),
  ('from = to: empty',                 '2026-01-02 10:00Z', '2026-01-02 10:00Z'),
  ('from > to: empty',                 '2026-01-03 00:00Z', '2026-01-02 00:00Z'),
  ('before everything',                NULL, '2026-01-01 10:00Z'),
  ('after everything',                 '2026-01-03 12:30:00.000001Z', NULL)
) v(label, f, t)
WHERE id = 1;
SELECT journey.slice(NULL, NULL, NULL) IS NULL AS null_journey,
       journey.slice('', NULL, NULL) = '' AS empty_stays_empty,
       journey.slice(j, NULL, NULL) = j AS unbounded_is_identity
FROM oj WHERE id = 1;
-- The bounds default to NULL: name the one you give.
SELECT journey.slice(j, to_ts => '2026-01-02 10:00Z') AS before, journey.slice(j, from_ts => '2026-01-03') AS after,
       journey.slice(j) = j AS no_bounds
FROM oj WHERE id = 1;
-- Slices at every event time partition the journey.
SELECT journey.slice(j, NULL, '2026-01-02 10:00Z') || journey.slice(j, '2026-01-02 10:00Z', NULL) = j AS partition
FROM oj WHERE id = 1;

-- merge and ||: all events of both, canonical order, duplicates kept.
SELECT journey.merge('web@2026-01-01 10:00Z > email@2026-01-02 10:00Z=2',
                     'email@2026-01-02 10:00Z=2 > chat@2026-01-01 12:00Z > email@2026-01-02 10:00Z');
SELECT 'b@2026-01-01 00:00Z'::journey.journey || 'a@2026-01-01 00:00Z > c@2025-12-31 00:00Z';
SELECT j || '' = j AS right_identity, '' || j = j AS left_identity, j || j AS doubled
FROM oj WHERE id = 4;
SELECT (a || b) = (b || a) AS commutative, ((a || b) || c) = (a || (b || c)) AS associative
FROM (SELECT o1.j a, o2.j b, o4.j c FROM oj o1, oj o2, oj o4 WHERE o1.id = 1 AND o2.id = 2 AND o4.id = 4) s;
SELECT ('a@2026-01-01 00:00Z'::journey.journey || NULL) IS NULL AS null_merge;
-- Without journey on search_path, spell the operator out.
RESET search_path;
SELECT 'a@2026-01-01 00:00Z'::journey.journey OPERATOR(journey.||) 'b@2026-01-01 00:00Z'::journey.journey;
SET search_path = public, journey;

-- Identity stitching: per-alias journeys merged per customer equal the
-- journey of all the customer's rows.
CREATE TABLE ev (customer int, alias text, ts timestamptz, label text, value float8);
INSERT INTO ev VALUES
  (1, 'cookie:1', '2026-01-01 09:00Z', 'web', NULL),
  (1, 'cookie:1', '2026-01-02 09:00Z', 'web', NULL),
  (1, 'email:1',  '2026-01-02 09:00Z', 'email', NULL),
  (1, 'email:1',  '2026-01-02 09:00Z', 'web', NULL),      -- same event as on the cookie
  (1, 'card:1',   '2026-01-05 16:00Z', 'store', 59.9),
  (2, 'cookie:2', '2026-02-01 00:00Z', 'ads', NULL),
  (2, 'app:2',    NULL,                'app', NULL),       -- skipped by journey_agg
  (3, 'cookie:3', NULL,                'web', NULL);       -- customer 3 has no journey
CREATE TABLE alias_journeys AS
SELECT customer, alias, journey.journey_agg(ts, label, value) AS j FROM ev GROUP BY customer, alias;
SELECT customer, journey.merge_agg(j ORDER BY alias) AS stitched
FROM alias_journeys GROUP BY customer ORDER BY customer;
SELECT a.customer, a.stitched = b.j AS same_as_journey_agg
FROM (SELECT customer, journey.merge_agg(j) AS stitched FROM alias_journeys GROUP BY customer) a
JOIN (SELECT customer, journey.journey_agg(ts, label, value) AS j FROM ev GROUP BY customer) b USING (customer)
ORDER BY customer;
-- merge_agg: NULLs skipped; no non-NULL input gives NULL; only empty
-- journeys give the empty journey.
SELECT journey.merge_agg(j) IS NULL AS no_rows FROM oj WHERE false;
SELECT journey.merge_agg(j) IS NULL AS only_nulls FROM oj WHERE id = 5;
SELECT journey.merge_agg(j) = '' AS only_empty FROM oj WHERE id IN (3, 5);
SELECT journey.merge_agg(j) FROM oj WHERE id IN (2, 3, 4, 5);
-- As a window aggregate: the journey stitched so far.
SELECT id, journey.merge_agg(j) OVER (ORDER BY id) FROM oj WHERE id IN (2, 3, 4) ORDER BY id;

-- Property over pseudo-random data: journey_agg over the union of two row
-- sets equals the merge of the journeys of each (duplicates included).
CREATE TABLE rnd AS
SELECT g % 300 AS customer,
       abs(hashint4(g)) % 2 = 0 AS side,
       '2026-01-01'::timestamptz + (abs(hashint4(g + 1)) % 500) * interval '1 hour' AS ts,
       (ARRAY['web','email','store','chat','sms'])[1 + abs(hashint4(g + 2)) % 5] AS label,
       CASE WHEN abs(hashint4(g + 3)) % 3 = 0 THEN (abs(hashint4(g + 4)) % 1000) / 10.0 END AS value
FROM generate_series(1, 6000) g;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE u.j = coalesce(a.j, '') || coalesce(b.j, '')) AS equal
FROM (SELECT customer, journey.journey_agg(ts, label, value) AS j FROM rnd GROUP BY customer) u
LEFT JOIN (SELECT customer, journey.journey_agg(ts, label, value) AS j FROM rnd WHERE side GROUP BY customer) a USING (customer)
LEFT JOIN (SELECT customer, journey.journey_agg(ts, label, value) AS j FROM rnd WHERE NOT side GROUP BY customer) b USING (customer);

-- merge_agg in parallel plans equals the serial result.
CREATE TABLE pj AS
SELECT customer, side, journey.journey_agg(ts, label, value) AS j
FROM (SELECT *, abs(hashint4(customer * 7 + ts::date - '2026-01-01'::date)) % 10 AS part FROM rnd) s
GROUP BY customer, side, part;
ALTER TABLE pj SET (parallel_workers = 2);
ANALYZE pj;
SELECT count(*) > 2000 AS few_thousand_rows FROM pj;
CREATE TABLE pj_serial AS SELECT customer, journey.merge_agg(j) AS j FROM pj GROUP BY customer;
CREATE TABLE pj_whole AS SELECT journey.merge_agg(j) AS j FROM pj;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT customer, journey.merge_agg(j) FROM pj GROUP BY customer;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.j = p.j) AS equal
FROM pj_serial s
JOIN (SELECT customer, journey.merge_agg(j) AS j FROM pj GROUP BY customer) p USING (customer);
EXPLAIN (COSTS OFF) SELECT journey.merge_agg(j) FROM pj;
SELECT journey.merge_agg(j) = (SELECT j FROM pj_whole) AS equal_whole,
       journey.length(journey.merge_agg(j)) AS events
FROM pj;
-- Workers that see only empty journeys pass on a non-NULL (empty) state.
SELECT journey.merge_agg(CASE WHEN j IS NOT NULL THEN ''::journey.journey END) = '' AS empty_not_null FROM pj;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- @> and <@: subsequence of labels, not necessarily contiguous; timestamps
-- and values ignored.  Journeys below are written as paths at one-day steps.
CREATE FUNCTION p(variadic labels text[]) RETURNS journey.journey LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(journey.make_journey(array_agg('2026-01-01'::timestamptz + (n - 1) * interval '1 day' ORDER BY n),
                                        array_agg(l ORDER BY n)), '')
   FROM unnest(labels) WITH ORDINALITY u(l, n) $$;
SELECT a, b, p(VARIADIC a) @> p(VARIADIC b) AS contains, p(VARIADIC b) <@ p(VARIADIC a) AS contained,
       journey.contains(p(VARIADIC a), p(VARIADIC b)) AS fn
FROM (VALUES
  ('{a,b,c}'::text[], '{a,c}'::text[]),     -- gap allowed: t
  ('{a,b,c}', '{a,b,c}'),                   -- itself: t
  ('{a,b,c}', '{c,a}'),                     -- order matters: f
  ('{a,b,c}', '{d}'),                       -- label not in a: f
  ('{a,b,a}', '{a,a}'),                     -- repeated label matched twice: t
  ('{a,b}',   '{a,a}'),                     -- needs two a: f
  ('{a,a,b}', '{a,b}'),                     -- t
  ('{a,b,a,b}', '{b,a,b}'),                 -- t
  ('{a,b,b,a}', '{a,b,a,b}'),               -- f
  ('{a,b,c}', '{a,b,c,c}'),                 -- longer than a: f
  ('{a,b,c}', '{}')                         -- empty is contained in everything: t
) v(a, b);
SELECT ''::journey.journey @> '' AS empty_in_empty, ''::journey.journey @> 'a@2026-01-01 00:00Z' AS a_in_empty;
-- Timestamps and values play no part, only the order of the labels.
SELECT 'web@2026-01-01 00:00Z=5 > store@2026-01-09 00:00Z'::journey.journey
       @> 'web@2030-01-01 00:00Z > store@2020-01-01 00:00Z=1' AS store_before_web_in_b;
SELECT 'web@2026-01-01 00:00Z=5 > store@2026-01-09 00:00Z'::journey.journey
       @> 'web@2020-01-01 00:00Z > store@2030-01-01 00:00Z=1' AS times_ignored;
-- Equal timestamps: the canonical order (label bytes) is the sequence.
SELECT 'b@2026-01-01 00:00Z > a@2026-01-01 00:00Z'::journey.journey @> p('a', 'b') AS ab,
       'b@2026-01-01 00:00Z > a@2026-01-01 00:00Z'::journey.journey @> p('b', 'a') AS ba;
SELECT id FROM oj WHERE j @> p('web', 'store') ORDER BY id;
SELECT id FROM oj WHERE p('b') <@ j ORDER BY id;
RESET search_path;
SELECT 'a@2026-01-01 00:00Z > b@2026-01-02 00:00Z'::journey.journey OPERATOR(journey.@>) 'b@2026-01-01 00:00Z'::journey.journey AS qualified;
SET search_path = public, journey;

-- collapse: runs of one label become one event at the run's first time,
-- valued the sum of the run's values (no value if none has one).
SELECT journey.collapse('a@2026-01-01 00:00Z=1 > a@2026-01-02 00:00Z > a@2026-01-03 00:00Z=2.5 > b@2026-01-04 00:00Z > b@2026-01-05 00:00Z > a@2026-01-06 00:00Z');
SELECT journey.collapse('a@2026-01-01 00:00Z=5 > b@2026-01-01 00:00Z > a@2026-01-01 00:00Z > b@2026-01-02 00:00Z=-1 > b@2026-01-02 00:00Z=1');
SELECT id, journey.collapse(j) FROM oj ORDER BY id;
SELECT journey.collapse('a@2026-01-01 00:00Z=1e308 > a@2026-01-02 00:00Z=1e308');

-- filter: only the listed labels; NULL elements ignored.
SELECT what, journey.filter(j, l)
FROM oj, (VALUES
  ('{web,NULL,store}', '{web,NULL,store}'::text[]),
  ('{store}', '{store}'),
  ('{}', '{}'),
  ('{nothing}', '{nothing}'),
  ('{store,store,web,email}', '{store,store,web,email}'),
  ('{{web},{store}}', '{{web},{store}}'),
  ('{WEB}: bytes, not collation', '{WEB}'),
  ('{<2000 x>,email}', ARRAY[repeat('x', 2000), 'email'])
) v(what, l)
WHERE id = 1;
SELECT journey.filter(j, NULL) IS NULL AS null_labels, journey.filter('', '{a}') = '' AS empty
FROM oj WHERE id = 1;

-- make_journey: parallel arrays; rows with a NULL timestamp or label are
-- skipped (as by journey_agg), a NULL value means no value.
SELECT journey.make_journey('{2026-01-02 00:00Z, 2026-01-01 00:00Z, NULL, 2026-01-03 00:00Z}',
                            '{b, a, c, NULL}');
SELECT journey.make_journey('{2026-01-02 00:00Z, 2026-01-01 00:00Z, 2026-01-01 00:00Z}',
                            '{b, a, a}', '{1.5, NULL, 2}');
SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a}', NULL) AS null_vals_means_no_values;
SELECT journey.make_journey('{}', '{}') = '' AS empty, journey.make_journey(NULL, '{a}') IS NULL AS null_ts,
       journey.make_journey('{2026-01-01 00:00Z}', NULL) IS NULL AS null_labels;
-- Elements are paired by position, whatever the lower bounds.
SELECT journey.make_journey('[0:1]={2026-01-01 00:00Z, 2026-01-02 00:00Z}', '[5:6]={a, b}');
-- Same as journey_agg over the same rows.
SELECT journey.make_journey(array_agg(ts), array_agg(label), array_agg(value)) = journey.journey_agg(ts, label, value) AS same
FROM ev WHERE customer = 1;
-- Errors.
SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a, b}');
SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a}', '{1, 2, 3}');
SELECT journey.make_journey('{{2026-01-01 00:00Z}}', '{a}');
SELECT journey.make_journey('{2026-01-01 00:00Z}', '{a}', '{{1}}');
SELECT journey.make_journey('{infinity}', '{a}');
SELECT journey.make_journey(ARRAY[now()], ARRAY[repeat('x', 1001)]);

-- Every function is IMMUTABLE and PARALLEL SAFE; all but slice and
-- make_journey (and the aggregate support) are STRICT.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'journey'
WHERE p.proname IN ('length', 'labels', 'path', 'unnest', 'first_touch', 'last_touch', 'first_time',
                    'last_time', 'duration', 'nth', 'slice', 'merge', 'merge_agg', 'contains',
                    'journey_contained', 'collapse', 'filter', 'make_journey',
                    'journey_merge_agg_trans', 'journey_state_combine', 'journey_merge_agg_final')
ORDER BY p.proname;
-- Results do not depend on the time zone.
SET timezone = 'America/New_York';
SELECT journey.first_time(j) = '2026-01-01 10:00Z' AS same_instant, journey.duration(j),
       journey.slice(j, '2026-01-02 05:00', '2026-01-02 05:00:01')::text AS slice_text
FROM oj WHERE id = 1;
SET timezone = 'UTC';

RESET search_path;
DROP FUNCTION p(text[]);
DROP TABLE oj, big, ev, alias_journeys, rnd, pj, pj_serial, pj_whole;
