-- Included by the pgTAP files of journey's aggregate-state types
-- (\ir lib/state_text.sql), whose text form is the base64 of the binary
-- form.
--
-- pg_temp.st(b bytea): the text form of the binary form b.
--
-- pg_temp.state_text_checks(typ, good, empty_message): six tests of the
-- type journey.<typ>, given the binary form good of a valid value and the
-- message the type gives for an empty input:
--   * the text form of good reads back unchanged, and send gives good;
--   * malformed base64 is rejected with 22P02 and "invalid input syntax for
--     type <typ>": empty (with empty_message), a length that is not a
--     multiple of 4, padding bits set, white space inside.
-- The malformed inputs are made from good's text form: its first 2
-- characters; its first character and the next base64 character after its
-- second (whose low 4 bits, padding after one byte, are zero) with "==";
-- its first 4 characters, a space and "AAA".
CREATE FUNCTION pg_temp.st(b bytea) RETURNS text LANGUAGE sql
	RETURN translate(encode(b, 'base64'), E'\n', '');

CREATE FUNCTION pg_temp.state_text_checks(typ text, good bytea, empty_message text)
	RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE
	t text := pg_temp.st(good);
	syntax text := 'invalid input syntax for type ' || typ;
	back text;
	sent bytea;
BEGIN
	EXECUTE format('SELECT %L::journey.%I::text, journey.%I(%L::journey.%I)',
				   t, typ, typ || '_send', t, typ) INTO back, sent;
	RETURN NEXT is(back, t, 'text round trip of a valid state');
	RETURN NEXT is(sent, good, 'the binary form is the decoded text form');
	RETURN NEXT throws_ok(format('SELECT %L::journey.%I', '', typ), '22P02', empty_message, 'empty');
	RETURN NEXT throws_ok(format('SELECT %L::journey.%I', substr(t, 1, 2), typ), '22P02',
						  syntax, 'length not a multiple of 4');
	RETURN NEXT throws_ok(format('SELECT %L::journey.%I',
								 substr(t, 1, 1) || translate(substr(t, 2, 1), 'AQgw', 'BRhx') || '==', typ),
						  '22P02', syntax, 'padding bits set');
	RETURN NEXT throws_ok(format('SELECT %L::journey.%I', substr(t, 1, 4) || ' AAA', typ), '22P02',
						  syntax, 'whitespace');
END
$f$;
