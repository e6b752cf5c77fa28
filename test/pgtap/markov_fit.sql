-- journey.markov: errors (SQLSTATEs) of markov_fit and the scoring functions,
-- and untrusted binary input (22P03, never a crash).
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(29);

-- ---------------------------------------------------------------------------
-- markov_fit: the conventions of markov_model
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT journey.markov_fit(ARRAY['a'], 1, 0, 0, 0)$$, '22023',
	'Markov chain order must be between 1 and 10', 'order 0');
SELECT throws_ok($$SELECT journey.markov_fit(ARRAY['a'], 1, 0, 0, 11)$$, '22023',
	'Markov chain order must be between 1 and 10', 'order 11');
SELECT throws_ok($$SELECT journey.markov_fit(ARRAY['a'], -1, 0, 0)$$, '22023', NULL, 'negative conversions');
SELECT throws_ok($$SELECT journey.markov_fit(ARRAY['a'], 'NaN', 0, 0)$$, '22023', NULL, 'NaN conversions');
SELECT throws_ok($$SELECT journey.markov_fit(ARRAY[['a'],['b']], 1, 0, 0)$$, '22023', NULL, 'two-dimensional path');
SELECT throws_ok($$SELECT journey.markov_fit(p, 1, 0, 0, k) FROM (VALUES ('{a}'::text[], 1), ('{b}', 2)) v(p, k)$$,
	'22023', 'the model''s parameter must be the same for all rows of a group', 'order varying in a group');
SELECT throws_ok($$SELECT journey.markov_fit(ARRAY['a'], 1, 0, 0, NULL)$$, '22004', NULL, 'NULL order');

-- ---------------------------------------------------------------------------
-- Scoring
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE m AS SELECT journey.markov_fit(p, c, 0, n) AS m
FROM (VALUES ('{a}'::text[], 1, 0), ('{b}', 0, 1)) v(p, c, n);
SELECT throws_ok($$SELECT journey.conversion_probability(m, ARRAY[['a'],['b']]) FROM m$$, '22023',
	'path must be a one-dimensional array', 'two-dimensional path scored');
SELECT throws_ok($$SELECT * FROM m, journey.next_touch(m, '{a}'::text[], -1)$$, '22023',
	'k must not be negative', 'negative k');
SELECT is((SELECT count(*)::int FROM m, journey.next_touch(m, '{a}'::text[], NULL)), 0, 'NULL k: no rows');
SELECT is((SELECT journey.conversion_probability(m, NULL::text[]) FROM m), NULL, 'NULL path: NULL');
SELECT is((SELECT journey.conversion_probability(m, '{a}'::text[]) FROM m), 1::float8, 'a converts for sure');
SELECT is((SELECT journey.conversion_probability(m, '{b}'::text[]) FROM m), 0::float8, 'b never converts');

-- ---------------------------------------------------------------------------
-- Binary input: COPY BINARY of a bytea reads the same bytes as markov_recv
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE recv_t (s journey.markov);
\ir lib/recv.sql
-- order=1; [] p=0.5 v=1 c=0 w=0 -> a:0.5; [a] p=1 v=2 c=1 w=2
CREATE TEMP TABLE good AS SELECT journey.markov_send('order=1; [] p=0.5 v=1 c=0 w=0 -> a:0.5; [a] p=1 v=2 c=1 w=2') AS b;
SELECT is(pg_temp.recv((SELECT b FROM good)), 'order=1; [] p=0.5 v=1 c=0 w=0 -> a:0.5; [a] p=1 v=2 c=1 w=2', 'binary round trip');
SELECT throws_ok($$SELECT pg_temp.recv('\x')$$, '22P03', 'invalid value for type markov', 'empty');
SELECT throws_ok($$SELECT pg_temp.recv(set_byte((SELECT b FROM good), 0, 2))$$, '22P03', NULL, 'unknown version');
SELECT throws_ok($$SELECT pg_temp.recv(set_byte((SELECT b FROM good), 1, 1))$$, '22P03', NULL, 'reserved flag set');
SELECT throws_ok($$SELECT pg_temp.recv(set_byte((SELECT b FROM good), 3, 0))$$, '22P03', NULL, 'order 0');
SELECT throws_ok($$SELECT pg_temp.recv(overlay((SELECT b FROM good) placing '\x7fffffff' from 5))$$, '22P03', NULL, 'huge label count');
SELECT throws_ok($$SELECT pg_temp.recv(overlay((SELECT b FROM good) placing '\x00' from 13))$$, '22P03', NULL, 'NUL byte in a label');
SELECT throws_ok($$SELECT pg_temp.recv(overlay((SELECT b FROM good) placing '\x00000005' from 18))$$, '22P03', NULL, 'key of an unknown label');
SELECT throws_ok($$SELECT pg_temp.recv(overlay((SELECT b FROM good) placing '\x7ff8000000000000' from 18 + 4 + 4 * 8 + 4 + 16))$$,
	'22P03', NULL, 'NaN probability');
SELECT throws_ok($$SELECT pg_temp.recv((SELECT b FROM good) || '\x00'::bytea)$$, '22P03', NULL, 'trailing byte');
SELECT throws_ok($$SELECT pg_temp.recv(substr((SELECT b FROM good), 1, length((SELECT b FROM good)) - 1))$$, '22P03', NULL, 'truncated');
SELECT throws_ok($$SELECT pg_temp.recv(overlay((SELECT b FROM good) placing '\xffffffff' from length((SELECT b FROM good)) - 15))$$,
	'22P03', NULL, 'negative transition count');
-- Random corruption of every kind: each value either reads back as a valid
-- model or fails with 22P03.
CREATE FUNCTION pg_temp.fuzz(runs int) RETURNS int LANGUAGE plpgsql AS $f$
DECLARE
	src bytea := (SELECT journey.markov_send(journey.markov_fit(p, c, 1, n)) FROM
		(VALUES ('{a,b,c}'::text[], 1, 0), ('{b,a}', 0, 1), ('{c}', 1, 1)) v(p, c, n));
	b bytea;
	bad int := 0;
	i int;
	k int;
BEGIN
	PERFORM pg_catalog.setseed(0.5);
	FOR i IN 1 .. runs LOOP
		b := src;
		FOR k IN 1 .. 1 + (random() * 3)::int LOOP
			b := set_byte(b, (random() * (length(b) - 1))::int, (random() * 255)::int);
		END LOOP;
		IF random() < 0.2 THEN
			b := substr(b, 1, (random() * length(b))::int);
		END IF;
		BEGIN
			PERFORM pg_temp.recv(b);
		EXCEPTION WHEN invalid_binary_representation THEN
			NULL;
		WHEN OTHERS THEN
			bad := bad + 1;
		END;
	END LOOP;
	RETURN bad;
END
$f$;
SELECT is(pg_temp.fuzz(500), 0, '500 corrupted values: valid or 22P03');
-- The same for text: random characters replaced, inserted or cut.
CREATE FUNCTION pg_temp.fuzz_text(runs int) RETURNS int LANGUAGE plpgsql AS $f$
DECLARE
	src text := (SELECT journey.markov_fit(p, c, 1, n, 2)::text FROM
		(VALUES ('{a,"b c",a}'::text[], 1, 0), ('{"b c",a}', 0, 1), ('{x}', 1, 1)) v(p, c, n));
	chars text := '[]>:;,="\ -.0123456789eaxp';
	t text;
	bad int := 0;
	i int;
	k int;
	pos int;
BEGIN
	PERFORM pg_catalog.setseed(0.25);
	FOR i IN 1 .. runs LOOP
		t := src;
		FOR k IN 1 .. 1 + (random() * 2)::int LOOP
			pos := 1 + (random() * (length(t) - 1))::int;
			t := overlay(t placing substr(chars, 1 + (random() * (length(chars) - 1))::int, 1)
						 from pos for (random() * 2)::int);
		END LOOP;
		IF random() < 0.1 THEN
			t := substr(t, 1, (random() * length(t))::int);
		END IF;
		BEGIN
			PERFORM t::journey.markov;
		EXCEPTION WHEN invalid_text_representation THEN
			NULL;
		WHEN OTHERS THEN
			bad := bad + 1;
			RAISE NOTICE 'text % gave % %', t, SQLSTATE, SQLERRM;
		END;
	END LOOP;
	RETURN bad;
END
$f$;
SELECT is(pg_temp.fuzz_text(1000), 0, '1000 corrupted texts: valid or 22P02');
-- text input of every fitted model is valid binary input after send
SELECT is(pg_temp.recv(journey.markov_send(m)), m::text, 'fitted model through send/recv') FROM m;
SELECT throws_ok($$SELECT 'order=1; [] p=2 v=0 c=0 w=0'::journey.markov$$, '22P02', 'invalid value for type markov', 'text: 22P02');

SELECT * FROM finish();
ROLLBACK;
