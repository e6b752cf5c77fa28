-- pgTAP: behaviour and errors of sequence_match and sequence_count.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SELECT plan(44);

-- The objects.
SELECT has_function('journey', 'sequence_match', ARRAY['text', 'timestamp with time zone', 'boolean[]'], 'sequence_match(pattern, timestamptz, VARIADIC conds)');
SELECT has_function('journey', 'sequence_match', ARRAY['text', 'bigint', 'boolean[]'], 'sequence_match(pattern, bigint, VARIADIC conds)');
SELECT has_function('journey', 'sequence_count', ARRAY['text', 'timestamp with time zone', 'boolean[]'], 'sequence_count(pattern, timestamptz, VARIADIC conds)');
SELECT has_function('journey', 'sequence_count', ARRAY['text', 'bigint', 'boolean[]'], 'sequence_count(pattern, bigint, VARIADIC conds)');
SELECT has_function('journey', 'sequence_match', ARRAY['journey.journey', 'text', 'text[]'], 'sequence_match(journey, pattern, VARIADIC labels)');
SELECT has_function('journey', 'sequence_count', ARRAY['journey.journey', 'text', 'text[]'], 'sequence_count(journey, pattern, VARIADIC labels)');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey' AND p.proname LIKE 'sequence\_%'
             AND (p.proparallel <> 's' OR p.provolatile <> 'i')), 0::bigint,
          'every sequence function and aggregate is IMMUTABLE and PARALLEL SAFE');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'journey' AND p.proname LIKE 'sequence\_%'
             AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint,
          'every sequence function and aggregate has a comment');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           WHERE p.proname IN ('sequence_match', 'sequence_count')
             AND a.aggcombinefn = 'journey.step_state_combine'::regproc
             AND a.aggtranstype = 'journey.step_state'::regtype AND a.aggserialfn = 0 AND a.aggdeserialfn = 0
             AND a.aggfinalmodify = 'r'), 4::bigint,
          'the four aggregates have state step_state, its combine function and READ_ONLY finals');

-- Behaviour.
SELECT ok((SELECT sequence_match('(?1).*(?2)', g::bigint, g = 1, g = 5) FROM generate_series(1, 9) g), '(?1).*(?2) matches 1 ... 5');
SELECT ok(NOT (SELECT sequence_match('(?1)(?2)', g::bigint, g = 1, g = 5, g = 3) FROM generate_series(1, 9) g), '(?1)(?2) needs consecutive events');
SELECT ok((SELECT sequence_match('(?1)(?2)', g::bigint, g = 1, g = 5, g = 7) FROM generate_series(1, 9) g), 'rows where no condition holds are not events');
SELECT is((SELECT sequence_count('(?1)(?2)', g::bigint, g % 2 = 1, g % 2 = 0) FROM generate_series(1, 10) g), 5::bigint, 'non-overlapping count');
SELECT is((SELECT sequence_count('(?1)(?t<=1)(?1)', g::bigint, true) FROM generate_series(1, 10) g), 5::bigint, 'count restarts after the last event of a match');
SELECT is((SELECT sequence_match('(?1)', g::bigint, true) FROM generate_series(1, 0) g), false, 'empty group: false');
SELECT is((SELECT sequence_count('(?1)', g::bigint, true) FROM generate_series(1, 0) g), 0::bigint, 'empty group: 0');
SELECT is(sequence_match('a@2026-01-01 00:00:00Z > b@2026-01-01 01:00:00Z'::journey, '(?1)(?t<=3600)(?2)', 'a', 'b'), true, 'journey overload: constraint in seconds');
SELECT is(sequence_match('a@2026-01-01 00:00:00Z > b@2026-01-01 01:00:01Z'::journey, '(?1)(?t<=3600)(?2)', 'a', 'b'), false, 'journey overload: 3601 s is too late');
SELECT is(sequence_count(NULL::journey, '(?1)', 'a'), NULL, 'journey overload is strict');

-- Malformed patterns: 22023.
SELECT is(sequence_match('', 1::bigint, true), true, 'empty pattern matches (ClickHouse: 1)');
SELECT throws_ok($$SELECT sequence_match('(?1', 1::bigint, true)$$, '22023', NULL, 'unclosed (?1');
SELECT throws_ok($$SELECT sequence_match('(?1))', 1::bigint, true)$$, '22023', NULL, 'unbalanced )');
SELECT throws_ok($$SELECT sequence_match('((?1)', 1::bigint, true)$$, '22023', NULL, 'unbalanced (');
SELECT throws_ok($$SELECT sequence_match('(?0)', 1::bigint, true)$$, '22023', NULL, '(?0): conditions start at 1');
SELECT throws_ok($$SELECT sequence_match('(?2)', 1::bigint, true)$$, '22023', NULL, '(?2) with one condition');
SELECT throws_ok($$SELECT sequence_match('(?99999999999999999999999)', 1::bigint, true)$$, '22023', NULL, 'huge condition number');
SELECT throws_ok($$SELECT sequence_match('(?1)(?t<x)(?1)', 1::bigint, true)$$, '22023', NULL, '(?t<x): no number');
SELECT throws_ok($$SELECT sequence_match('(?1)(?t!=5)(?1)', 1::bigint, true)$$, '22023', NULL, '(?t!=5): unknown operator');
SELECT throws_ok($$SELECT sequence_match('(?1)(?t<-5)(?1)', 1::bigint, true)$$, '22023', NULL, 'negative time');
SELECT throws_ok($$SELECT sequence_match('(?1)x', 1::bigint, true)$$, '22023', NULL, 'trailing garbage');
SELECT throws_ok($$SELECT sequence_match('(?1) (?1)', 1::bigint, true)$$, '22023', NULL, 'spaces are not allowed');
SELECT throws_ok($$SELECT sequence_match('(?t<5)(?1)', 1::bigint, true)$$, '22023', NULL, 'time constraint first');
SELECT throws_ok($$SELECT sequence_match('(?1)(?t<5)', 1::bigint, true)$$, '22023', NULL, 'time constraint last');
SELECT is(sequence_count('.*', t, true), 2::bigint, 'no event element: one match per event (ClickHouse sequenceCount)') FROM (VALUES (1::bigint), (2)) v(t);
SELECT throws_ok($$SELECT sequence_match('(?1)(?t<=9223372036854775807)(?1)', now(), true)$$, '22023', NULL, 'time constraint overflows microseconds');
SELECT throws_like($$SELECT sequence_match('(?1)(?2)(?x)', 1::bigint, true, true)$$,
                   'invalid sequence pattern at character 11:%', 'the message names the character position');
SELECT throws_ok($$SELECT sequence_match('a@2026-01-01 00:00:00Z'::journey, '(?2)', 'a')$$, '22023', NULL, 'journey overload checks condition numbers');

-- Other errors.
SELECT throws_ok($$SELECT sequence_match(NULL, 1::bigint, true)$$, '22004', NULL, 'NULL pattern: 22004');
SELECT throws_ok($$SELECT sequence_match(p, 1::bigint, true) FROM (VALUES ('(?1)'), ('.')) v(p)$$, '22023',
                 'sequence pattern must be the same for all rows of a group', 'pattern changing within a group');
SELECT throws_ok($$SELECT sequence_match('(?1)', 1::bigint, VARIADIC c) FROM (VALUES (ARRAY[true]), (ARRAY[true, false])) v(c)$$, '22023',
                 NULL, 'number of conditions changing within a group');
SELECT throws_ok($$SELECT sequence_match('(?1)', 1::bigint, VARIADIC array_fill(true, ARRAY[65]))$$, '54000', NULL, 'more than 64 conditions');
SELECT lives_ok($$SELECT sequence_match('(?64)', 1::bigint, VARIADIC array_fill(true, ARRAY[64]))$$, '64 conditions are fine');
SELECT is((SELECT sequence_count('.', CASE WHEN g > 2 THEN g END, true) FROM generate_series(1, 5) g), 3::bigint, 'rows with a NULL time are skipped');

-- Privileges: an ordinary role can use them.
CREATE ROLE journey_tap_seq NOLOGIN;
SET LOCAL ROLE journey_tap_seq;
SELECT is((SELECT sequence_count('(?1)', g::bigint, true) FROM generate_series(1, 3) g), 3::bigint, 'an unprivileged role can match patterns');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
