--
-- journey type: text and binary input/output, canonical form, comparison,
-- limits and bad input.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'America/New_York';   -- output must not depend on it
SET extra_float_digits = 3;          -- nor on this
SET datestyle = 'SQL, DMY';          -- nor on this

-- Round trips of the readable form (always UTC, "+00").
SELECT 'web@2026-01-03 10:00:00+00 > email@2026-01-04 08:30:00+00 > store@2026-01-05 16:00:00+00=129.9'::journey.journey;
SELECT ''::journey.journey AS empty, '   '::journey.journey AS blank;
-- Zones are converted to UTC; "T" and "Z" accepted; minutes optional.
SELECT 'a@2026-03-29T01:30Z > b@2026-03-29 03:30:00+02 > c@2026-03-29 01:30:00-0530 > d@2026-03-29 01:30+05:45'::journey.journey;
-- Microseconds kept exactly, trailing zeros dropped.
SELECT 'a@2026-01-01 00:00:00.000001+00 > a@2026-01-01 00:00:00.5+00 > a@2026-01-01 00:00:00.123456+00'::journey.journey;
-- Limits of the time range.
SELECT 'first@0001-01-01 00:00:00+00 > last@9999-12-31 23:59:59.999999+00'::journey.journey;
-- Values: shortest exact form; -0 is stored as 0; special values.
SELECT 'a@2026-01-01 00:00:00+00=0.1 > a@2026-01-01 00:00:01+00=-0 > a@2026-01-01 00:00:02+00=1e300 > a@2026-01-01 00:00:03+00=NaN > a@2026-01-01 00:00:04+00=-Infinity > a@2026-01-01 00:00:05+00=5e-324'::journey.journey;
-- White space around separators is free; quoted labels.
SELECT '  a @ 2026-01-01 00:00:00+00 = 2   >   "two words"@2026-01-01 00:00:01+00 >"q\"b\\s"@2026-01-01 00:00:02+00>""@2026-01-01 00:00:03+00  '::journey.journey;
-- Labels with special characters are quoted on output and read back.
SELECT j, j OPERATOR(journey.=) (j::text)::journey.journey AS round_trip
FROM (SELECT journey.journey_agg(ts, l) AS j
      FROM (VALUES ('2026-01-01 00:00:00+00'::timestamptz, 'a b'), ('2026-01-01 00:00:01+00', 'x@y'),
                   ('2026-01-01 00:00:02+00', 'p>q'), ('2026-01-01 00:00:03+00', 'k=v'),
                   ('2026-01-01 00:00:04+00', ''), ('2026-01-01 00:00:05+00', 'tab	in'),
                   ('2026-01-01 00:00:06+00', 'café'), ('2026-01-01 00:00:07+00', 'q"\')) v(ts, l)) s;

-- Canonical order: by time, then label bytes, then value (NULL last),
-- whatever the input order; so equal inputs give equal values.
SELECT 'b@2026-01-01 00:00:00+00 > a@2026-01-01 00:00:00+00=2 > a@2026-01-01 00:00:00+00 > a@2026-01-01 00:00:00+00=1 > B@2026-01-01 00:00:00+00'::journey.journey;
SELECT 'a@2026-01-02 00:00:00+00 > b@2026-01-01 00:00:00+00'::journey.journey
     OPERATOR(journey.=) 'b@2026-01-01 00:00:00+00 > a@2026-01-02 00:00:00+00'::journey.journey AS same;

-- Stored size: the time unit adapts (whole days here), labels stored once.
SELECT pg_column_size('web@2026-01-01 00:00:00+00 > web@2026-01-02 00:00:00+00 > email@2026-01-03 00:00:00+00 > web@2026-01-04 00:00:00+00'::journey.journey) AS bytes_4_events;
SELECT journey.journey_send('a@2026-01-01 00:00:00+00 > b@2026-01-01 00:00:01+00=2'::journey.journey);

-- Comparison and the btree/hash operator classes.  Like every operator that
-- lives outside pg_catalog, ours are found through search_path (or written
-- OPERATOR(journey.=)); the operator classes work for ORDER BY, GROUP BY and
-- DISTINCT either way.
SELECT 'a@2026-01-01 00:00:00+00'::journey.journey OPERATOR(journey.=) 'a@2026-01-01 00:00:00Z' AS qualified;
SET search_path = public, journey;
CREATE TABLE jt (id int, j journey.journey);
INSERT INTO jt VALUES
  (1, 'a@2026-01-01 00:00:00+00 > b@2026-01-02 00:00:00+00'),
  (2, 'a@2026-01-01 00:00:00+00'),
  (3, ''),
  (4, 'a@2026-01-01 00:00:00+00 > b@2026-01-02 00:00:00+00=1'),
  (5, 'a@2026-01-01 00:00:00+00 > b@2026-01-02 00:00:00+00'),
  (6, 'b@2025-12-31 00:00:00+00'),
  (7, 'a@2026-01-01 00:00:00+00 > c@2026-01-02 00:00:00+00');
SELECT id, j FROM jt ORDER BY j, id;
SELECT j, count(*) FROM jt GROUP BY j ORDER BY j;
SELECT count(DISTINCT j) FROM jt;
SET enable_hashagg = off;
SELECT count(*) FROM (SELECT DISTINCT j FROM jt) s;
RESET enable_hashagg;
CREATE INDEX jt_j ON jt (j);
SET enable_seqscan = off;
SELECT id FROM jt WHERE j = 'a@2026-01-01 00:00:00+00 > b@2026-01-02 00:00:00+00' ORDER BY id;
RESET enable_seqscan;
CREATE INDEX jt_jh ON jt USING hash (j);
SELECT a.id, b.id FROM jt a JOIN jt b ON a.j = b.j AND a.id < b.id;
SELECT journey.journey_hash(j) = journey.journey_hash((j::text)::journey.journey) AS hash_stable FROM jt WHERE id = 1;
SELECT 'a@2026-01-01 00:00:00+00'::journey.journey < 'a@2026-01-01 00:00:00+00 > a@2026-01-01 00:00:01+00'::journey.journey AS prefix_first,
       'a@2026-01-01 00:00:00+00=1'::journey.journey < 'a@2026-01-01 00:00:00+00'::journey.journey AS null_value_last,
       'b@2026-01-01 00:00:00+00'::journey.journey > 'a@2026-01-02 00:00:00+00'::journey.journey AS time_first;

-- Binary COPY round trip (binary input is validated and must be canonical).
SELECT '/tmp/journey_regress_' || pg_backend_pid() || '.bin' AS copyfile \gset
COPY jt TO :'copyfile' WITH (FORMAT binary);
CREATE TABLE jt2 (LIKE jt);
COPY jt2 FROM :'copyfile' WITH (FORMAT binary);
SELECT count(*) AS same_rows FROM jt JOIN jt2 USING (id) WHERE jt.j = jt2.j AND jt.j::text = jt2.j::text;

-- Garbage binary input, fed to journey_recv through a binary COPY file whose
-- one field is a bytea (same framing): every case is an error, not a crash.
CREATE TABLE jrecv (j journey.journey);
CREATE FUNCTION try_recv(b bytea, f text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('COPY (SELECT %L::bytea) TO %L WITH (FORMAT binary)', b, f);
  EXECUTE format('COPY jrecv FROM %L WITH (FORMAT binary)', f);
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- A valid value: version 1, flags 1 (values), 2 events, unit 10^6 us,
-- 2 labels "a" "b", zigzag time then (delta, label) pairs, bitmap, 2.0 LE.
\set valid '\\x 01 01 02 06 02 0161 0162 80d6c38e06 00 01 01 02 0000000000000040'
SELECT name, try_recv(b, :'copyfile')
FROM (VALUES
  ('valid',             :'valid'::bytea),
  ('empty bytes',       '\x'),
  ('version only',      '\x01'),
  ('empty journey',     '\x 01 00 00 00 00'),
  ('bad version',       '\x 02 00 00 00 00'),
  ('reserved flag',     '\x 01 80 00 00 00'),
  ('truncated',         substr(:'valid'::bytea, 1, 25)),
  ('truncated varint',  substr(:'valid'::bytea, 1, 11)),
  ('trailing byte',     :'valid'::bytea || '\x00'),
  ('huge count',        '\x 01 00 ffffffff0f 06 00'),
  ('counts past data',  '\x 01 00 c0843d 09 c0843d 0161 00 00'),
  ('bad unit',          '\x 01 00 01 0a 01 0161 00 00'),
  ('unit not maximal',  '\x 01 00 01 05 01 0161 00 00'),
  ('label index',       '\x 01 00 01 09 01 0161 00 02'),
  ('label count',       '\x 01 00 01 09 02 0161 0162 00 00'),
  ('unused label',      '\x 01 00 02 09 02 0161 0162 00 00 00 00'),
  ('duplicate label',   '\x 01 00 02 09 02 0161 0161 00 00 00 01'),
  ('label order',       '\x 01 00 02 09 02 0162 0161 00 00 00 01'),
  ('long label',        '\x 01 00 01 09 01 e907 61 00 00'),
  ('non-minimal count', '\x 01 00 8100 09 01 0161 00 00'),
  ('bad utf8',          '\x 01 00 01 09 01 0180 00 00'),
  ('flag w/o values',   '\x 01 01 01 09 01 0161 00 00 00'),
  ('stray bitmap bits', '\x 01 01 01 09 01 0161 00 00 03 000000000000f03f'),
  ('negative zero',     '\x 01 01 01 09 01 0161 00 00 01 0000000000000080'),
  ('out of range time', '\x 01 00 01 00 01 0161 ffffffffffffffffff01 00')
) v(name, b);

-- Malformed text: 22P02 with the position of the problem; one shown whole,
-- the rest as SQLSTATE, message and detail.
SELECT 'web@2026-01-01 10:00:00'::journey.journey;
CREATE FUNCTION try_in(t text) RETURNS TABLE (code text, message text, detail text)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM t::journey.journey;
  RETURN QUERY SELECT 'accepted', NULL::text, NULL::text;
EXCEPTION WHEN OTHERS THEN
  code := SQLSTATE; message := SQLERRM;
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN NEXT;
END $$;
\x on
SELECT left(t.input, 60) AS input, r.* FROM (VALUES
  ('web'),
  ('web@'),
  ('web@2026-01-01'),
  ('web@2026-01-01 10:00:00+00 email@2026-01-01 10:00:00+00'),
  ('web@2026-01-01 10:00:00+00 >'),
  ('web@2026-01-01 10:00:00+00 > > a@2026-01-01 10:00:00+00'),
  ('"web@2026-01-01 10:00:00+00'),
  ('we"b@2026-01-01 10:00:00+00'),
  ('web@2026-13-01 10:00:00+00'),
  ('web@2026-02-30 10:00:00+00'),
  ('web@2026-01-01 24:00:00+00'),
  ('web@2026-01-01 10:00:60+00'),
  ('web@2026-01-01 10:00:00.1234567+00'),
  ('web@2026-01-01 10:00:00+16'),
  ('web@2026-01-01 10:00:00+00=abc'),
  ('web@2026-01-01 10:00:00+00='),
  ('wéb@2026-01-01 10:00:00+00 > x@2026-01-01 10:0'),
  ('web@0000-12-31 10:00:00+00'),
  -- out of range: 22008 and 22003
  ('web@0001-01-01 00:00:00+01'),
  ('web@2026-01-01 10:00:00+00=1e400'),
  ('web@2026-01-01 10:00:00+00=1e-400'),
  -- over the label size limit: 54000
  ('"' || repeat('x', 1001) || '"@2026-01-01 00:00:00+00')
) t(input), LATERAL try_in(t.input) r;
\x off

-- Over the event limit: 54000 with a hint.
SELECT length(journey.journey_agg(t, 'x')::text) > 0
FROM generate_series(1, 1000001) g, LATERAL (SELECT '2026-01-01'::timestamptz + g * interval '1 second' AS t) s;

RESET search_path;
DROP TABLE jt, jt2, jrecv;
DROP FUNCTION try_recv(bytea, text);
DROP FUNCTION try_in(text);
-- remove the server-side COPY file (client and server share a machine in
-- installcheck; elsewhere this is a harmless no-op)
\setenv JOURNEY_COPYFILE :copyfile
\! rm -f "$JOURNEY_COPYFILE"
