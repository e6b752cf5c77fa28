-- Included by the pgTAP files of journey's types (\ir lib/recv.sql) after
-- they create the temporary table recv_t with one column s of the type
-- under test.
--
-- pg_temp.recv(b bytea): the text form of the value the type's recv
-- function reads from the bytes b.  COPY BINARY of a bytea writes exactly
-- those bytes as the field, and COPY BINARY into recv_t reads the field
-- with the recv function of s's type.
CREATE FUNCTION pg_temp.recv(b bytea) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	f text := '/tmp/journey_pgtap_recv_' || pg_catalog.pg_backend_pid() || '.bin';
	r text;
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, f);
	TRUNCATE recv_t;
	-- read the file and remove it: the server leaves nothing in /tmp
	EXECUTE format('COPY recv_t FROM PROGRAM %L (FORMAT binary)', 'cat ' || f || ' && rm -f ' || f);
	SELECT s::text INTO r FROM recv_t;
	RETURN r;
END
$f$;
