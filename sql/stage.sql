--
-- stage: journey-stage models and the stage aggregates.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- The shipped models and their metadata.
SELECT name, type, description, builtin FROM journey.stage_models ORDER BY name;
SELECT model, position, stage, department, terminal, expected_days, builtin
FROM journey.stages ORDER BY model, position;
SELECT enum_range(NULL::journey.lifecycle);
SELECT enum_range(NULL::journey.commercial_cycle);
-- pg_dump keeps the user's models only.
SELECT c.relname, x.cond
FROM pg_extension e,
     unnest(e.extconfig, e.extcondition) AS x(oid, cond)
     JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'journey' AND c.relname IN ('stage_models', 'stages')
ORDER BY 1;
-- Stage values are checked by the enum type.
SELECT 'unknown'::journey.lifecycle;

-- Metadata lookups, for every stage of both models.
SELECT s, journey.stage_department(s), journey.stage_is_terminal(s), journey.stage_expected_days(s)
FROM unnest(enum_range(NULL::journey.lifecycle)) s;
SELECT s, journey.stage_department(s), journey.stage_is_terminal(s), journey.stage_expected_days(s)
FROM unnest(enum_range(NULL::journey.commercial_cycle)) s;
SELECT journey.stage_department(NULL::journey.lifecycle) IS NULL AS null_in_null_out;

--
-- Hand-checked histories.
--
CREATE TABLE h (customer int, entered timestamptz, stage journey.lifecycle);
INSERT INTO h VALUES
  -- 1: straight through
  (1, '2026-01-01 00:00', 'discovery'),
  (1, '2026-01-03 00:00', 'evaluation'),
  (1, '2026-01-04 12:00', 'purchase'),
  (1, '2026-01-10 00:00', 'loyalty'),
  -- 2: back and forth (rows out of order on purpose)
  (2, '2026-01-10 00:00', 'purchase'),
  (2, '2026-01-01 00:00', 'discovery'),
  (2, '2026-01-04 00:00', 'discovery'),
  (2, '2026-01-02 00:00', 'evaluation'),
  (2, '2026-01-05 00:00', 'evaluation'),
  (2, '2026-01-08 00:00', 'purchase'),
  (2, '2026-01-09 00:00', 'evaluation'),
  -- 3: two entries at the same instant: read in model order
  (3, '2026-01-01 10:00', 'purchase'),
  (3, '2026-01-01 10:00', 'discovery'),
  (3, '2026-01-02 00:00', 'evaluation'),
  -- 4: a single entry
  (4, '2026-01-05 00:00', 'loyalty'),
  -- 5: the same stage entered again: a continuation
  (5, '2026-01-01 00:00', 'evaluation'),
  (5, '2026-01-03 00:00', 'evaluation'),
  (5, '2026-01-04 00:00', 'purchase'),
  -- 6: entries after the time asked about
  (6, '2026-01-01 00:00', 'discovery'),
  (6, '2026-01-20 00:00', 'evaluation'),
  -- 7: no usable row (NULL time or stage): NULL everywhere
  (7, NULL, 'discovery'),
  (7, '2026-01-01 00:00', NULL);

-- Expected (by hand):
--  customer 1: at 01-04 12:00 purchase (entered exactly then); at 01-11 loyalty;
--    evaluation 01-03 .. 01-04 12:00 = 1 day 12:00; no regressions.
--  customer 2: sorted: discovery 01, evaluation 02, discovery 04, evaluation 05,
--    purchase 08, evaluation 09, purchase 10; at 01-04 12:00 discovery;
--    evaluation 2 + 3 + 1 = 6 days; 6 changes, 2 of them back
--    (evaluation > discovery, purchase > evaluation).
--  customer 3: discovery and purchase both at 01-01 10:00: discovery first,
--    so purchase is in force from 10:00; evaluation 01-02 is a move back;
--    evaluation 01-02 .. 01-11 = 9 days.
--  customer 4: nothing before 01-05, loyalty from then; no evaluation.
--  customer 5: evaluation 01-01 .. 01-04 = 3 days, one stay; one change.
--  customer 6: at 01-11 still discovery; the 01-20 entry is after "until".
SELECT customer,
       journey.stage_at(entered, stage, '2026-01-04 12:00') AS at_0104_12h,
       journey.stage_at(entered, stage, '2026-01-11') AS at_0111,
       journey.time_in_stage(entered, stage, 'evaluation', '2026-01-11') AS in_evaluation,
       journey.stage_sequence(entered, stage) AS sequence,
       journey.stage_transitions(entered, stage) AS transitions,
       journey.regressions(entered, stage) AS regressions,
       journey.regressed(entered, stage) AS regressed
FROM h GROUP BY customer ORDER BY customer;

-- Time in every stage up to 01-11 (customer 3: discovery 0 at the tie,
-- purchase 14 hours; customer 6: discovery 10 days, evaluation 0).
SELECT customer, s AS stage, journey.time_in_stage(entered, stage, s, '2026-01-11') AS time_in
FROM h CROSS JOIN unnest(enum_range(NULL::journey.lifecycle)) s
WHERE customer IN (2, 3, 6)
GROUP BY customer, s ORDER BY customer, s;
-- "until" before the first entry: zero; "until" at an entry: that stay is zero.
SELECT journey.time_in_stage(entered, stage, 'discovery', '2025-12-31') AS before_first,
       journey.time_in_stage(entered, stage, 'purchase', '2026-01-08') AS purchase_at_entry,
       journey.time_in_stage(entered, stage, 'discovery', '2026-01-04 06:00') AS discovery
FROM h WHERE customer = 2;
-- NULL arguments: NULL.
SELECT journey.stage_at(entered, stage, NULL) AS at_null,
       journey.time_in_stage(entered, stage, NULL, '2026-01-11') AS which_null,
       journey.time_in_stage(entered, stage, 'evaluation', NULL) AS until_null
FROM h WHERE customer = 1;
-- No rows: NULL.
SELECT journey.stage_at(entered, stage, now()) AS stage_at,
       journey.time_in_stage(entered, stage, 'loyalty', now()) AS time_in_stage,
       journey.stage_sequence(entered, stage) AS stage_sequence,
       journey.stage_transitions(entered, stage) AS transitions,
       journey.regressions(entered, stage) AS regressions,
       journey.regressed(entered, stage) AS regressed
FROM h WHERE false;
-- Durations count 24-hour days, like subtracting timestamptz: across the
-- change to summer time in Paris, two calendar days are 47 hours.
SET timezone = 'Europe/Paris';
SELECT journey.time_in_stage(entered, stage, 'discovery', '2026-03-30 00:00') AS across_dst,
       '2026-03-30 00:00'::timestamptz - '2026-03-28 00:00'::timestamptz AS subtraction
FROM (VALUES ('2026-03-28 00:00'::timestamptz, 'discovery'::journey.lifecycle)) v(entered, stage);
SET timezone = 'UTC';
-- Infinite times are fine where no infinite duration results.
SELECT journey.stage_at(entered, stage, 'infinity') AS at_infinity,
       journey.time_in_stage(entered, stage, 'evaluation', '2026-01-02') AS evaluation
FROM (VALUES ('-infinity'::timestamptz, 'discovery'::journey.lifecycle),
             ('2026-01-01', 'evaluation')) v(entered, stage);
SELECT journey.time_in_stage(entered, stage, 'discovery', '2026-01-02')
FROM (VALUES ('-infinity'::timestamptz, 'discovery'::journey.lifecycle),
             ('2026-01-01', 'evaluation')) v(entered, stage);
-- The constant arguments must not vary within a group.
SELECT journey.stage_at(entered, stage, entered) FROM h WHERE customer = 1;
SELECT journey.time_in_stage(entered, stage, stage, '2026-01-11') FROM h WHERE customer = 1;

-- As window aggregates: the stage sequence so far.
SELECT entered, stage,
       journey.stage_sequence(entered, stage) OVER w AS so_far,
       journey.regressions(entered, stage) OVER w AS regressions_so_far
FROM h WHERE customer = 2
WINDOW w AS (ORDER BY entered)
ORDER BY entered;

--
-- A model of one's own; stages may contain any characters.
--
SELECT journey.create_stage_model('deal_pipeline',
    ARRAY['new lead', 'it''s "qualified"', 'proposal, sent', 'back\slash', 'won; closed'],
    departments => ARRAY['marketing', 'sales', 'sales', NULL, 'billing'],
    terminal => ARRAY[false, false, false, false, true],
    expected_days => ARRAY[2, 7.5, 14, NULL, NULL],
    description => 'B2B deals');
SELECT enum_range(NULL::journey.deal_pipeline);
SELECT name, type, description, builtin FROM journey.stage_models WHERE name = 'deal_pipeline';
SELECT position, stage, department, terminal, expected_days, builtin
FROM journey.stages WHERE model = 'deal_pipeline' ORDER BY position;
SELECT obj_description('journey.deal_pipeline'::regtype, 'pg_type');
SELECT s, journey.stage_department(s), journey.stage_is_terminal(s), journey.stage_expected_days(s)
FROM unnest(enum_range(NULL::journey.deal_pipeline)) s;
SELECT journey.stage_sequence(entered, stage),
       journey.stage_at(entered, stage, '2026-02-02'),
       journey.time_in_stage(entered, stage, 'it''s "qualified"', '2026-02-10'),
       journey.regressions(entered, stage)
FROM (VALUES ('2026-02-01'::timestamptz, 'new lead'::journey.deal_pipeline),
             ('2026-02-02', 'it''s "qualified"'),
             ('2026-02-03', 'back\slash'),
             ('2026-02-04', 'it''s "qualified"'),
             ('2026-02-06', 'won; closed')) v(entered, stage);
-- A stage added later by hand has no metadata: NULL.
ALTER TYPE journey.deal_pipeline ADD VALUE 'lost' AFTER 'won; closed';
SELECT journey.stage_department('lost'::journey.deal_pipeline),
       journey.stage_is_terminal('lost'::journey.deal_pipeline),
       journey.stage_expected_days('lost'::journey.deal_pipeline);

-- Errors (SQLSTATEs are checked in test/pgtap/stage.sql).
SELECT journey.create_stage_model('Deals', ARRAY['a']);
SELECT journey.create_stage_model('deals', ARRAY[]::text[]);
SELECT journey.create_stage_model('deals', ARRAY['a', NULL]);
SELECT journey.create_stage_model('deals', ARRAY['a', 'b', 'a']);
SELECT journey.create_stage_model('deals', ARRAY['a', 'b'], ARRAY['sales']);
SELECT journey.create_stage_model('deals', ARRAY['a', 'b'], expected_days => ARRAY[1, -1]);
SELECT journey.create_stage_model('lifecycle', ARRAY['a']);
SELECT journey.create_stage_model('journey', ARRAY['a']);
SELECT journey.drop_stage_model('nonesuch');
SELECT journey.drop_stage_model('lifecycle');

-- A column of the type: dropping without cascade fails, with cascade the
-- column goes too.
CREATE TABLE deal (id int, stage journey.deal_pipeline);
SELECT journey.drop_stage_model('deal_pipeline');
SELECT journey.drop_stage_model('deal_pipeline', cascade => true);
SELECT attname FROM pg_attribute WHERE attrelid = 'deal'::regclass AND attnum > 0 AND NOT attisdropped;
-- Nothing is left behind.
SELECT (SELECT count(*) FROM journey.stage_models WHERE name = 'deal_pipeline') AS models,
       (SELECT count(*) FROM journey.stages WHERE model = 'deal_pipeline') AS stages,
       (SELECT count(*) FROM pg_type WHERE typname IN ('deal_pipeline', '_deal_pipeline')) AS types,
       (SELECT count(*) FROM pg_enum e WHERE NOT EXISTS (SELECT FROM pg_type t WHERE t.oid = e.enumtypid)) AS orphan_labels;
DROP TABLE deal;

--
-- Parallel plans: partial states are serialized, combined and give the
-- same answers as a serial plan.
--
CREATE TABLE ph AS
SELECT g % 500 AS customer,
       '2026-01-01'::timestamptz + ((g * 7919) % 100000) * interval '1 minute' AS entered,
       (enum_range(NULL::journey.lifecycle))[1 + (g * 31) % 5] AS stage
FROM generate_series(1, 50000) g;
ALTER TABLE ph SET (parallel_workers = 2);
ANALYZE ph;
CREATE TABLE serial_result AS
SELECT customer,
       journey.stage_at(entered, stage, '2026-02-01') AS a,
       journey.time_in_stage(entered, stage, 'purchase', '2026-02-15') AS t,
       journey.stage_sequence(entered, stage) AS s,
       journey.stage_transitions(entered, stage) AS n,
       journey.regressions(entered, stage) AS r,
       journey.regressed(entered, stage) AS rd
FROM ph GROUP BY customer;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT customer, journey.stage_sequence(entered, stage) FROM ph GROUP BY customer;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE s.a = p.a AND s.t = p.t AND s.s = p.s AND s.n = p.n
                          AND s.r = p.r AND s.rd = p.rd) AS equal
FROM serial_result s
JOIN (SELECT customer,
             journey.stage_at(entered, stage, '2026-02-01') AS a,
             journey.time_in_stage(entered, stage, 'purchase', '2026-02-15') AS t,
             journey.stage_sequence(entered, stage) AS s,
             journey.stage_transitions(entered, stage) AS n,
             journey.regressions(entered, stage) AS r,
             journey.regressed(entered, stage) AS rd
      FROM ph GROUP BY customer) p USING (customer);
-- One group over the whole table: the states of both workers combined.
EXPLAIN (COSTS OFF) SELECT journey.stage_transitions(entered, stage) FROM ph;
SELECT journey.stage_transitions(entered, stage) AS parallel,
       journey.time_in_stage(entered, stage, 'loyalty', '2026-03-01') AS parallel_time,
       (SELECT journey.stage_transitions(entered, stage) FROM (SELECT * FROM ph ORDER BY entered DESC) s) AS serial,
       (SELECT journey.time_in_stage(entered, stage, 'loyalty', '2026-03-01') FROM (SELECT * FROM ph ORDER BY entered DESC) s) AS serial_time
FROM ph;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- The aggregates agree with plain SQL over the same rows (window functions).
WITH o AS (
  SELECT customer, entered, stage,
         lag(stage) OVER (PARTITION BY customer ORDER BY entered, stage) AS prev
  FROM ph)
SELECT count(*) AS customers,
       count(*) FILTER (WHERE s.n = q.n AND s.r = q.r) AS equal
FROM serial_result s
JOIN (SELECT customer,
             count(*) FILTER (WHERE prev IS NOT NULL AND prev <> stage)::int AS n,
             count(*) FILTER (WHERE prev > stage)::int AS r
      FROM o GROUP BY customer) q USING (customer);

DROP TABLE h, ph, serial_result;
