-- pgTAP: stage models — catalog, privileges, errors with SQLSTATEs, aggregates.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SET LOCAL timezone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(77);

-- Catalog.
SELECT has_table('journey', 'stage_models', 'table journey.stage_models');
SELECT has_table('journey', 'stages', 'table journey.stages');
SELECT col_is_pk('journey', 'stage_models', 'name', 'stage_models keyed by name');
SELECT col_is_pk('journey', 'stages', ARRAY['model', 'stage'], 'stages keyed by (model, stage)');
SELECT col_type_is('journey', 'stage_models', 'type', 'regtype', 'stage_models.type is a regtype');
SELECT hasnt_fk('journey', 'stages', 'stages name their model without a foreign key, so a restore may load them first');
SELECT has_enum('journey', 'lifecycle', 'enum journey.lifecycle');
SELECT enum_has_labels('journey', 'lifecycle', ARRAY['discovery', 'evaluation', 'purchase', 'loyalty', 'advocacy'],
                       'lifecycle stages in order');
SELECT enum_has_labels('journey', 'commercial_cycle', ARRAY['acquisition', 'activation', 'loyalty', 'retention'],
                       'commercial_cycle stages in order');
SELECT is((SELECT array_agg(name ORDER BY name) FROM journey.stage_models WHERE builtin),
          ARRAY['commercial_cycle', 'lifecycle'], 'two shipped models, marked builtin');
SELECT is((SELECT count(*) FROM journey.stages WHERE NOT builtin AND model IN ('lifecycle', 'commercial_cycle')),
          0::bigint, 'every stage of the shipped models is builtin');
SELECT is((SELECT array_agg(x.cond) FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(oid, cond)
           WHERE e.extname = 'journey' AND x.oid IN ('journey.stage_models'::regclass, 'journey.stages'::regclass)),
          ARRAY['WHERE NOT builtin', 'WHERE NOT builtin'],
                  'both tables are configuration tables dumped WHERE NOT builtin');
SELECT ok(EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = 'journey.lifecycle'::regtype
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
                    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'journey')),
          'the shipped enum belongs to the extension');

-- Aggregates and functions exist with the right signatures.
SELECT has_function('journey', 'stage_at', ARRAY['timestamp with time zone', 'anyenum', 'timestamp with time zone'], 'stage_at');
SELECT has_function('journey', 'time_in_stage', ARRAY['timestamp with time zone', 'anyenum', 'anyenum', 'timestamp with time zone'], 'time_in_stage');
SELECT has_function('journey', 'stage_sequence', ARRAY['timestamp with time zone', 'anyenum'], 'stage_sequence');
SELECT has_function('journey', 'stage_transitions', ARRAY['timestamp with time zone', 'anyenum'], 'stage_transitions');
SELECT has_function('journey', 'regressions', ARRAY['timestamp with time zone', 'anyenum'], 'regressions');
SELECT has_function('journey', 'regressed', ARRAY['timestamp with time zone', 'anyenum'], 'regressed');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           WHERE p.pronamespace = 'journey'::regnamespace
             AND p.proname IN ('stage_at', 'time_in_stage', 'stage_sequence', 'stage_transitions', 'regressions', 'regressed')
             AND p.proparallel = 's' AND a.aggcombinefn <> 0 AND a.aggserialfn <> 0 AND a.aggdeserialfn <> 0
             AND a.aggfinalextra AND a.aggfinalmodify = 'r'),
          6::bigint, 'six stage aggregates: parallel safe, combine/serial/deserial, FINALFUNC_EXTRA, READ_ONLY');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'journey'::regnamespace
           AND p.proname IN ('stage_department', 'stage_is_terminal', 'stage_expected_days')
           AND p.provolatile = 's' AND p.proisstrict AND p.proparallel = 's'),
          3::bigint, 'metadata lookups are STABLE STRICT PARALLEL SAFE');

-- Behaviour.
SELECT is(journey.stage_at(e, s, '2026-01-03'), 'evaluation'::journey.lifecycle, 'stage_at: latest entry at or before')
FROM (VALUES ('2026-01-01'::timestamptz, 'discovery'::journey.lifecycle), ('2026-01-03', 'evaluation'), ('2026-01-05', 'purchase')) v(e, s);
SELECT is(journey.stage_at(e, s, '2025-12-31'), NULL, 'stage_at before the first entry is NULL')
FROM (VALUES ('2026-01-01'::timestamptz, 'discovery'::journey.lifecycle)) v(e, s);
SELECT is(journey.stage_at(e, s, '2026-01-01'), 'purchase'::journey.lifecycle, 'ties at one instant: the later stage of the model is in force')
FROM (VALUES ('2026-01-01'::timestamptz, 'purchase'::journey.lifecycle), ('2026-01-01', 'discovery')) v(e, s);
SELECT is(journey.time_in_stage(e, s, 'evaluation', '2026-01-10'), interval '4 days', 'time_in_stage sums stays, re-entry is a continuation')
FROM (VALUES ('2026-01-01'::timestamptz, 'evaluation'::journey.lifecycle), ('2026-01-02', 'evaluation'),
             ('2026-01-03', 'purchase'), ('2026-01-07', 'evaluation'), ('2026-01-09', 'loyalty')) v(e, s);
SELECT is(journey.time_in_stage(e, s, 'discovery', '2026-01-05'), interval '4 days', 'entries after "until" are ignored')
FROM (VALUES ('2026-01-01'::timestamptz, 'discovery'::journey.lifecycle), ('2026-01-06', 'evaluation')) v(e, s);
SELECT is(journey.stage_sequence(e, s), ARRAY['discovery', 'evaluation', 'discovery']::journey.lifecycle[], 'stage_sequence collapses repeats')
FROM (VALUES ('2026-01-03'::timestamptz, 'discovery'::journey.lifecycle), ('2026-01-01', 'discovery'),
             ('2026-01-02', 'evaluation'), ('2026-01-04', 'discovery')) v(e, s);
SELECT is(journey.stage_transitions(e, s), 2, 'stage_transitions counts changes only')
FROM (VALUES ('2026-01-03'::timestamptz, 'discovery'::journey.lifecycle), ('2026-01-01', 'discovery'),
             ('2026-01-02', 'evaluation'), ('2026-01-04', 'discovery')) v(e, s);
SELECT is(journey.regressions(e, s), 2, 'regressions: moves back, each counted')
FROM (VALUES ('2026-01-01'::timestamptz, 'purchase'::journey.lifecycle), ('2026-01-02', 'discovery'),
             ('2026-01-03', 'evaluation'), ('2026-01-04', 'discovery')) v(e, s);
SELECT is(journey.regressed(e, s), false, 'regressed: never moved back')
FROM (VALUES ('2026-01-01'::timestamptz, 'discovery'::journey.lifecycle), ('2026-01-02', 'loyalty')) v(e, s);
SELECT is(journey.regressed(e, s), NULL, 'regressed over no usable row is NULL')
FROM (VALUES (NULL::timestamptz, 'discovery'::journey.lifecycle)) v(e, s);
SELECT is(journey.stage_department('purchase'::journey.lifecycle), 'billing', 'department of lifecycle purchase');
SELECT is(journey.stage_is_terminal('retention'::journey.commercial_cycle), true, 'retention is terminal');
SELECT is(journey.stage_expected_days('activation'::journey.commercial_cycle), 14::numeric, 'expected days of activation');

-- Errors of the stage values and aggregates.
SELECT throws_ok($$SELECT 'unknown'::journey.lifecycle$$, '22P02', NULL, 'unknown stage: 22P02');
SELECT throws_ok($$SELECT journey.stage_at(e, 'discovery'::journey.lifecycle, e) FROM generate_series('2026-01-01'::timestamptz, '2026-01-02', '1 day') e$$,
                 '22023', NULL, 'varying "at" within a group: 22023');
SELECT throws_ok($$SELECT journey.time_in_stage(now(), s, s, now()) FROM unnest(enum_range(NULL::journey.lifecycle)) s$$,
                 '22023', NULL, 'varying "which" within a group: 22023');
SELECT throws_ok($$SELECT journey.time_in_stage(e, 'discovery'::journey.lifecycle, 'discovery', 'infinity') FROM (VALUES (now())) v(e)$$,
                 '22008', NULL, 'infinite time in stage: 22008');

-- Errors of create_stage_model.
SELECT throws_ok($$SELECT journey.create_stage_model(NULL, ARRAY['a'])$$, '22004', NULL, 'NULL name: 22004');
SELECT throws_ok($$SELECT journey.create_stage_model('Deals', ARRAY['a'])$$, '22023', NULL, 'uppercase name: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('1deals', ARRAY['a'])$$, '22023', NULL, 'name starting with a digit: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('', ARRAY['a'])$$, '22023', NULL, 'empty name: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('de-als', ARRAY['a'])$$, '22023', NULL, 'name with a dash: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model(repeat('d', 64), ARRAY['a'])$$, '22023', NULL, '64-character name: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', NULL)$$, '22004', NULL, 'NULL stages: 22004');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY[]::text[])$$, '22023', NULL, 'no stages: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', NULL])$$, '22004', NULL, 'NULL stage: 22004');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', ''])$$, '22023', NULL, 'empty stage: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', 'b', 'a'])$$, '22023', NULL, 'duplicate stage: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY[['a'], ['b']])$$, '22023', NULL, 'two-dimensional stages: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', 'b'], departments => ARRAY['sales'])$$, '22023', NULL, 'departments too short: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', 'b'], terminal => ARRAY[true, false, true])$$, '22023', NULL, 'terminal too long: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', 'b'], expected_days => ARRAY[1])$$, '22023', NULL, 'expected_days too short: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a', 'b'], expected_days => ARRAY[1, -0.5])$$, '22023', NULL, 'negative expected days: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY['a'], expected_days => ARRAY['NaN'::numeric])$$, '22023', NULL, 'NaN expected days: 22023');
SELECT throws_ok($$SELECT journey.create_stage_model('lifecycle', ARRAY['a'])$$, '42710', NULL, 'existing model: 42710');
SELECT throws_ok($$SELECT journey.create_stage_model('journey', ARRAY['a'])$$, '42710', NULL, 'existing type journey.journey: 42710');
SELECT throws_ok($$SELECT journey.create_stage_model('deals', ARRAY[repeat('x', 64)])$$, '42602', NULL, 'stage over 63 bytes: 42602 (from CREATE TYPE)');

-- Errors of drop_stage_model.
SELECT throws_ok($$SELECT journey.drop_stage_model('nonesuch')$$, '42704', NULL, 'unknown model: 42704');
SELECT throws_ok($$SELECT journey.drop_stage_model(NULL)$$, '22004', NULL, 'NULL model: 22004');
SELECT throws_ok($$SELECT journey.drop_stage_model('lifecycle')$$, '55000', NULL, 'shipped model: 55000');
SELECT throws_ok($$SELECT journey.drop_stage_model('commercial_cycle', true)$$, '55000', NULL, 'shipped model, even with cascade: 55000');

-- create then drop leaves nothing behind, and the dependency rules hold.
CREATE TEMP TABLE created (t regtype);
CREATE TEMP TABLE before_types AS SELECT oid FROM pg_type;
CREATE TEMP TABLE before_enums AS SELECT oid FROM pg_enum;
INSERT INTO created SELECT journey.create_stage_model('tap_model', ARRAY['one', 'two words', 'it''s "3"'], ARRAY['sales', NULL, 'billing']);
SELECT is((SELECT t::oid FROM created),
          (SELECT oid FROM pg_type WHERE typname = 'tap_model' AND typnamespace = 'journey'::regnamespace),
          'create_stage_model returns the new type');
SELECT enum_has_labels('journey', 'tap_model', ARRAY['one', 'two words', 'it''s "3"'], 'labels in the given order');
SELECT is(journey.stage_department('it''s "3"'::journey.tap_model), 'billing', 'metadata of a quoted stage');
CREATE TABLE tap_deal (id int, stage journey.tap_model);
SELECT throws_ok($$SELECT journey.drop_stage_model('tap_model')$$, '2BP01', NULL, 'a column uses the type: 2BP01');
SELECT lives_ok($$SELECT journey.drop_stage_model('tap_model', cascade => true)$$, 'drop with cascade');
SELECT hasnt_column('public', 'tap_deal', 'stage', 'cascade dropped the column');
SELECT is((SELECT count(*) FROM pg_type WHERE oid NOT IN (SELECT oid FROM before_types) AND typnamespace = 'journey'::regnamespace),
          0::bigint, 'no type left behind');
SELECT is((SELECT count(*) FROM pg_enum WHERE oid NOT IN (SELECT oid FROM before_enums)), 0::bigint, 'no enum label left behind');
SELECT is((SELECT count(*) FROM journey.stage_models WHERE name = 'tap_model')
          + (SELECT count(*) FROM journey.stages WHERE model = 'tap_model'), 0::bigint, 'no metadata left behind');
CREATE TABLE journey.tap_table (x int);
SELECT throws_ok($$SELECT journey.create_stage_model('tap_table', ARRAY['a'])$$, '42710', NULL, 'a table''s row type of that name: 42710');

-- Privileges: everybody reads the models and uses the aggregates; nobody
-- without privileges writes them.
CREATE ROLE journey_tap_stage NOLOGIN;
SET LOCAL ROLE journey_tap_stage;
SELECT is((SELECT count(*) FROM journey.stages WHERE model = 'lifecycle'), 5::bigint, 'PUBLIC reads journey.stages');
SELECT is((SELECT journey.stage_sequence(e, s)::text FROM (VALUES (now(), 'loyalty'::journey.lifecycle)) v(e, s)),
          '{loyalty}', 'PUBLIC uses the aggregates');
SELECT throws_ok($$INSERT INTO journey.stage_models VALUES ('x', 'int4', NULL, false)$$, '42501', NULL, 'PUBLIC cannot write stage_models');
SELECT throws_ok($$DELETE FROM journey.stages$$, '42501', NULL, 'PUBLIC cannot write stages');
SELECT throws_ok($$SELECT journey.create_stage_model('tap_evil', ARRAY['a'])$$, '42501', NULL, 'PUBLIC cannot create models');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
