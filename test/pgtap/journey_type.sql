-- pgTAP: behaviour and errors of the journey type and journey_agg.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
SET LOCAL search_path = public, journey;
SELECT plan(30);

SELECT has_type('journey', 'journey', 'type journey.journey exists');
SELECT has_function('journey', 'journey_agg', ARRAY['timestamp with time zone', 'text'], 'journey_agg(ts, label)');
SELECT has_function('journey', 'journey_agg', ARRAY['timestamp with time zone', 'text', 'double precision'], 'journey_agg(ts, label, value)');
SELECT has_opclass('journey', 'journey_ops', 'btree operator class');
SELECT has_opclass('journey', 'journey_hash_ops', 'hash operator class');

-- Round trips.
SELECT is(('a@2026-01-01 00:00:00+00 > "b c"@2026-01-02 00:00:00.25+00=1.5')::journey.journey::text,
          'a@2026-01-01 00:00:00+00 > "b c"@2026-01-02 00:00:00.25+00=1.5', 'text round trip');
SELECT is(''::journey.journey::text, '', 'empty journey prints as empty string');
SELECT ok('b@2026-01-01 00:00:00+00 > a@2026-01-01 00:00:00+00'::journey.journey
          = 'a@2026-01-01 00:00:00+00 > b@2026-01-01 00:00:00+00'::journey.journey,
          'equal timestamps: order of input does not matter');
SELECT is('x@2026-06-01 12:00:00+02'::journey.journey::text, 'x@2026-06-01 10:00:00+00', 'zones converted to UTC');

-- Random journeys round trip through text and stay equal.
SELECT is((SELECT count(*) FROM (
             SELECT c, journey.journey_agg('2026-01-01'::timestamptz + (h % 1000000) * interval '1 second' + (h % 7) * interval '1 microsecond',
                                          (ARRAY['web','e mail','store','"q"','x>y','', 'café'])[1 + (h % 7)],
                                          CASE WHEN h % 3 = 0 THEN (h % 1000) / 7.0 END) AS j
             FROM (SELECT g % 200 AS c, abs(hashint4(g)) AS h FROM generate_series(1, 5000) g) s
             GROUP BY c) t
           WHERE j <> (j::text)::journey.journey), 0::bigint,
          '200 random journeys survive a text round trip');

-- NULL handling.
SELECT is(journey.journey_agg(ts, l), NULL, 'journey_agg over only NULL rows is NULL')
FROM (VALUES (NULL::timestamptz, 'a'), ('2026-01-01', NULL)) v(ts, l);
SELECT is(journey.journey_agg(ts, l), NULL, 'journey_agg over no rows is NULL')
FROM (VALUES (now(), 'a')) v(ts, l) WHERE false;
SELECT is(journey.journey_agg(ts, l, v)::text, 'a@2026-01-01 00:00:00+00', 'a NULL value means no value')
FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, 'a', NULL::float8)) v(ts, l, v);
SELECT is(NULL::journey.journey::text, NULL, 'NULL journey prints NULL');

-- Errors with SQLSTATEs.
SELECT throws_ok($$SELECT 'web'::journey.journey$$, '22P02', NULL, 'missing @: 22P02');
SELECT throws_like($$SELECT 'web@2026-01-01 10:00:00+00 x'::journey.journey$$,
                   '%at position 28%', 'syntax errors name the position');
SELECT throws_ok($$SELECT 'web@2026-01-01 10:00:00'::journey.journey$$, '22P02', NULL, 'missing zone: 22P02');
SELECT throws_ok($$SELECT 'web@2026-02-29 10:00:00Z'::journey.journey$$, '22P02', NULL, 'no Feb 29 in 2026: 22P02');
SELECT throws_ok($$SELECT '"unterminated@2026-01-01 10:00:00Z'::journey.journey$$, '22P02', NULL, 'unterminated quote: 22P02');
SELECT throws_ok($$SELECT 'a@2026-01-01 10:00:00Z=1x'::journey.journey$$, '22P02', NULL, 'bad value: 22P02');
SELECT throws_ok($$SELECT 'a@2026-01-01 10:00:00Z=1e999'::journey.journey$$, '22003', NULL, 'value overflow: 22003');
SELECT throws_ok($$SELECT 'a@0001-01-01 00:00:00+00:01'::journey.journey$$, '22008', NULL, 'before year 1 UTC: 22008');
SELECT throws_ok($$SELECT journey.journey_agg('infinity'::timestamptz, 'a')$$, '22008', NULL, 'infinite timestamp: 22008');
SELECT throws_ok($$SELECT journey.journey_agg(now(), repeat('x', 1001))$$, '54000', NULL, 'label over 1000 bytes: 54000');
SELECT throws_ok($$SELECT ('"' || repeat('y', 1001) || '"@2026-01-01 00:00:00Z')::journey.journey$$, '54000', NULL, 'quoted label over 1000 bytes: 54000');
SELECT throws_ok($$SELECT journey.journey_agg('2026-01-01'::timestamptz, 'x') FROM generate_series(1, 1000001)$$,
                 '54000', 'journey would have 1000001 events, more than the maximum of 1000000', 'over 1,000,000 events: 54000');
SELECT lives_ok($$SELECT journey.journey_agg('2026-01-01'::timestamptz + g * interval '1 ms', 'x') FROM generate_series(1, 1000000) g$$,
                'exactly 1,000,000 events is fine');

-- Ordering is total and consistent with equality.
SELECT ok('a@2026-01-01 00:00:00Z'::journey.journey < 'a@2026-01-01 00:00:00Z > b@2026-01-01 00:00:00Z'::journey.journey, 'a prefix sorts first');
SELECT is(journey.journey_cmp(j, j), 0, 'cmp of a value with itself is 0')
FROM (VALUES ('a@2026-01-01 00:00:00Z=1 > b@2026-01-02 00:00:00Z'::journey.journey)) v(j);

-- Privileges: an ordinary role can use the type and the aggregate.
CREATE ROLE journey_tap_user NOLOGIN;
SET LOCAL ROLE journey_tap_user;
SELECT is((SELECT journey.journey_agg(ts, l)::text FROM (VALUES ('2026-01-01 00:00+00'::timestamptz, 'web')) v(ts, l)),
          'web@2026-01-01 00:00:00+00', 'an unprivileged role can build journeys');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
