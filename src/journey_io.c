/*-------------------------------------------------------------------------
 *
 * journey_io.c
 *	  Text and binary input/output of the journey type.
 *
 * Text form: events in time order separated by " > ", each
 *
 *		label@YYYY-MM-DD HH:MM:SS[.ffffff]+00[=value]
 *
 * e.g. 'web@2026-01-03 10:00:00+00 > store@2026-01-05 16:30:00+00=129.9'.
 * Output always writes UTC with "+00", so it never depends on the TimeZone
 * or DateStyle settings; input requires an explicit zone (Z, +HH, +HHMM or
 * +HH:MM) and accepts "T" between date and time.  A label is written bare
 * unless it is empty or contains white space or one of " \ @ > =; then it is
 * double-quoted with " and \ escaped by a backslash.  Values print in the
 * shortest form that reads back exactly.  The empty string is the journey
 * with no events.
 *
 * Binary form: the stored bytes after the varlena header (see journey.h),
 * validated completely on receive.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "journey.h"

PG_FUNCTION_INFO_V1(journey_in);
PG_FUNCTION_INFO_V1(journey_out);
PG_FUNCTION_INFO_V1(journey_recv);
PG_FUNCTION_INFO_V1(journey_send);

#define USECS_PER_DAY_I64	INT64CONST(86400000000)

/*
 * Upper bound of the text of one event: separator, label quoted with every
 * byte escaped, "@", timestamp, "=" and value.
 */
#define OUT_EVENT_MAX		(3 + 2 * JOURNEY_MAX_LABEL_LEN + 2 + 1 + 40 + 1 + DOUBLE_SHORTEST_DECIMAL_LEN)

/* Syntax errors quote at most this many bytes of the input. */
#define SYNTAX_QUOTE_MAX	200

/* Parser state for text input. */
typedef struct JourneyParser
{
	const char *input;			/* whole input, for messages */
	const char *p;				/* current position */
} JourneyParser;

/*
 * Report a syntax error at the parser's position (1-based, in characters).
 */
pg_noreturn
static void
syntax_error(JourneyParser *ps, const char *detail)
{
	int			pos = pg_mbstrlen_with_len(ps->input, ps->p - ps->input) + 1;
	int			len = strlen(ps->input);

	/* Quote at most SYNTAX_QUOTE_MAX bytes of a long input (at a character). */
	if (len > SYNTAX_QUOTE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type journey at position %d: \"%.*s...\"",
						pos, pg_mbcliplen(ps->input, len, SYNTAX_QUOTE_MAX),
						ps->input),
				 errdetail("%s", detail)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type journey at position %d: \"%s\"",
					pos, ps->input),
			 errdetail("%s", detail)));
}

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Characters that end a bare label (besides white space and the end). */
static inline bool
is_label_special(char c)
{
	return c == '"' || c == '\\' || c == '@' || c == '>' || c == '=';
}

static inline void
skip_space(JourneyParser *ps)
{
	while (is_space(*ps->p))
		ps->p++;
}

pg_noreturn
static void
label_too_long(int64 len)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("journey label is too long (%lld bytes)", (long long) len),
			 errdetail("A label can have at most %d bytes.",
					   JOURNEY_MAX_LABEL_LEN),
			 errhint("Use a short code as the label and keep longer text in a table.")));
}

/*
 * Parse a label, bare or quoted, into buf (reset first).  A label longer
 * than the maximum is an error; its bytes beyond the maximum are never
 * copied, so a huge input costs no memory of its own.
 */
static void
parse_label(JourneyParser *ps, StringInfo buf)
{
	resetStringInfo(buf);
	if (*ps->p == '"')
	{
		int64		total = 0;	/* bytes of the label, copied or not */

		ps->p++;
		for (;;)
		{
			if (*ps->p == '\0')
				syntax_error(ps, "Unterminated quoted label.");
			if (*ps->p == '"')
			{
				ps->p++;
				if (total > JOURNEY_MAX_LABEL_LEN)
					label_too_long(total);
				break;
			}
			if (*ps->p == '\\')
			{
				ps->p++;
				if (*ps->p == '\0')
					syntax_error(ps, "Unterminated quoted label.");
			}
			{
				int			l = pg_mblen(ps->p);

				total += l;
				if (total <= JOURNEY_MAX_LABEL_LEN)
					appendBinaryStringInfo(buf, ps->p, l);
				ps->p += l;
			}
		}
	}
	else
	{
		const char *start = ps->p;

		while (*ps->p != '\0' && !is_space(*ps->p) && !is_label_special(*ps->p))
			ps->p++;
		if (ps->p == start)
		{
			if (*ps->p == '\0')
				syntax_error(ps, "Expected a label, found the end of the input.");
			syntax_error(ps, "Expected a label; quote labels that are empty or contain white space or any of \" \\ @ > =.");
		}
		if (ps->p - start > JOURNEY_MAX_LABEL_LEN)
			label_too_long(ps->p - start);
		appendBinaryStringInfo(buf, start, ps->p - start);
	}
}

/* Read exactly n digits; returns -1 if they are not there. */
static int
read_digits(JourneyParser *ps, int n)
{
	int			v = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (ps->p[i] < '0' || ps->p[i] > '9')
			return -1;
		v = v * 10 + (ps->p[i] - '0');
	}
	ps->p += n;
	return v;
}

static void
expect_char(JourneyParser *ps, char c, const char *detail)
{
	if (*ps->p != c)
		syntax_error(ps, detail);
	ps->p++;
}

/*
 * Parse an ISO 8601 timestamp with an explicit zone:
 * YYYY-MM-DD{ |T}HH:MM[:SS[.f{1,6}]]{Z|(+|-)HH[[:]MM]}.
 */
static TimestampTz
parse_timestamp(JourneyParser *ps)
{
	const char *start = ps->p;
	int			year,
				mon,
				mday,
				hour,
				min,
				sec = 0,
				zh = 0,
				zm = 0,
				zsign = 1;
	int64		frac = 0;
	int64		days;
	TimestampTz ts;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if ((year = read_digits(ps, 4)) < 0)
		syntax_error(ps, "Expected a timestamp: a four-digit year.");
	expect_char(ps, '-', "Expected \"-\" after the year.");
	if ((mon = read_digits(ps, 2)) < 0)
		syntax_error(ps, "Expected a two-digit month.");
	expect_char(ps, '-', "Expected \"-\" after the month.");
	if ((mday = read_digits(ps, 2)) < 0)
		syntax_error(ps, "Expected a two-digit day.");
	if (*ps->p != ' ' && *ps->p != 'T')
		syntax_error(ps, "Expected \" \" or \"T\" between date and time.");
	ps->p++;
	if ((hour = read_digits(ps, 2)) < 0)
		syntax_error(ps, "Expected a two-digit hour.");
	expect_char(ps, ':', "Expected \":\" after the hour.");
	if ((min = read_digits(ps, 2)) < 0)
		syntax_error(ps, "Expected two-digit minutes.");
	if (*ps->p == ':')
	{
		ps->p++;
		if ((sec = read_digits(ps, 2)) < 0)
			syntax_error(ps, "Expected two-digit seconds.");
		if (*ps->p == '.')
		{
			int			nd = 0;

			ps->p++;
			while (*ps->p >= '0' && *ps->p <= '9')
			{
				if (nd == 6)
					syntax_error(ps, "Timestamps have at most six fractional digits (microseconds).");
				frac = frac * 10 + (*ps->p - '0');
				nd++;
				ps->p++;
			}
			if (nd == 0)
				syntax_error(ps, "Expected fractional seconds after \".\".");
			while (nd++ < 6)
				frac *= 10;
		}
	}
	if (*ps->p == 'Z')
		ps->p++;
	else if (*ps->p == '+' || *ps->p == '-')
	{
		zsign = *ps->p == '-' ? -1 : 1;
		ps->p++;
		if ((zh = read_digits(ps, 2)) < 0)
			syntax_error(ps, "Expected a two-digit zone hour.");
		if (*ps->p == ':')
		{
			ps->p++;
			if ((zm = read_digits(ps, 2)) < 0)
				syntax_error(ps, "Expected two-digit zone minutes.");
		}
		else if (*ps->p >= '0' && *ps->p <= '9')
		{
			if ((zm = read_digits(ps, 2)) < 0)
				syntax_error(ps, "Expected two-digit zone minutes.");
		}
	}
	else
		syntax_error(ps, "Expected a time zone: \"Z\", \"+HH\", \"+HH:MM\" or \"-HH:MM\".");

	/* Field ranges. */
	if (mon < 1 || mon > 12 || mday < 1 ||
		mday > mdays[mon - 1] + (mon == 2 && isleap(year) ? 1 : 0) ||
		hour > 23 || min > 59 || sec > 59 || zh > 15 || zm > 59 || year < 1)
	{
		ps->p = start;
		syntax_error(ps, "Date, time or zone field out of range.");
	}

	days = date2j(year, mon, mday) - POSTGRES_EPOCH_JDATE;
	ts = days * USECS_PER_DAY_I64 +
		(((int64) hour * 60 + min) * 60 + sec) * USECS_PER_SEC + frac -
		zsign * ((int64) zh * 60 + zm) * 60 * USECS_PER_SEC;
	journey_check_ts(ts);
	return ts;
}

/*
 * Parse a float8 value: the characters up to white space, ">" or the end.
 */
static float8
parse_value(JourneyParser *ps)
{
	const char *start = ps->p;
	char	   *tok;
	char	   *end;
	float8		v;

	while (*ps->p != '\0' && !is_space(*ps->p) && *ps->p != '>')
		ps->p++;
	if (ps->p == start)
		syntax_error(ps, "Expected a number after \"=\".");
	tok = pnstrdup(start, ps->p - start);
	errno = 0;
	v = strtod(tok, &end);
	if (end == tok || *end != '\0')
	{
		ps->p = start;
		syntax_error(ps, "Invalid number after \"=\".");
	}
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("\"%s\" is out of range for type double precision", tok)));
	pfree(tok);
	return v;
}

/*
 * journey_in: parse the text form.
 */
Datum
journey_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	JourneyParser ps;
	JourneyBuilder b;
	StringInfoData label;

	ps.input = str;
	ps.p = str;
	journey_builder_init(&b, CurrentMemoryContext);
	initStringInfo(&label);

	skip_space(&ps);
	while (*ps.p != '\0')
	{
		TimestampTz ts;
		int32		li;
		bool		has_value = false;
		float8		value = 0.0;

		JOURNEY_CHECK_INTERRUPTS(b.nevents);
		if (b.nevents > 0)
		{
			expect_char(&ps, '>', "Expected \">\" between events.");
			skip_space(&ps);
		}
		parse_label(&ps, &label);
		skip_space(&ps);
		expect_char(&ps, '@', "Expected \"@\" and a timestamp after the label.");
		skip_space(&ps);
		ts = parse_timestamp(&ps);
		skip_space(&ps);
		if (*ps.p == '=')
		{
			ps.p++;
			skip_space(&ps);
			value = parse_value(&ps);
			has_value = true;
			skip_space(&ps);
		}
		li = journey_builder_label(&b, label.data, label.len);
		journey_builder_add(&b, ts, li, has_value, value);
	}

	PG_RETURN_JOURNEY_P(journey_builder_finish(&b));
}

/*
 * Format a timestamp as "YYYY-MM-DD HH:MM:SS[.ffffff]+00" into buf (at least
 * 40 bytes); returns buf.  Trailing zeros of the fraction are dropped.
 */
char *
journey_format_ts(char *buf, TimestampTz ts)
{
	int64		days = ts / USECS_PER_DAY_I64;
	int64		rem = ts % USECS_PER_DAY_I64;
	int			year,
				mon,
				mday;
	int			hour,
				min,
				sec;
	int64		usec;
	char	   *p;

	if (rem < 0)
	{
		rem += USECS_PER_DAY_I64;
		days--;
	}
	j2date((int) (days + POSTGRES_EPOCH_JDATE), &year, &mon, &mday);
	usec = rem % USECS_PER_SEC;
	rem /= USECS_PER_SEC;
	sec = rem % 60;
	rem /= 60;
	min = rem % 60;
	hour = rem / 60;
	p = buf + sprintf(buf, "%04d-%02d-%02d %02d:%02d:%02d",
					  year, mon, mday, hour, min, sec);
	if (usec != 0)
	{
		int			digits = 6;

		while (usec % 10 == 0)
		{
			usec /= 10;
			digits--;
		}
		p += sprintf(p, ".%0*d", digits, (int) usec);
	}
	strcpy(p, "+00");
	return buf;
}

/*
 * Whether a label must be quoted in the text form (and in path()): it is
 * empty or holds white space or one of " \ @ > =.
 */
bool
journey_label_needs_quotes(const JourneyLabel *l)
{
	int32		i;

	if (l->len == 0)
		return true;
	for (i = 0; i < l->len; i++)
		if (is_space(l->str[i]) || is_label_special(l->str[i]))
			return true;
	return false;
}

/* Length of the text form of a label (append_label). */
static int32
label_text_len(const JourneyLabel *l)
{
	int32		n = l->len;
	int32		i;

	if (!journey_label_needs_quotes(l))
		return n;
	for (i = 0; i < l->len; i++)
		if (l->str[i] == '"' || l->str[i] == '\\')
			n++;
	return n + 2;
}

/*
 * Append the text form of a label, quoting it when needed or when
 * force_quotes (path() quotes a label that holds its separator).
 */
void
journey_append_label(StringInfo out, const JourneyLabel *l, bool force_quotes)
{
	int32		i;

	if (!force_quotes && !journey_label_needs_quotes(l))
	{
		appendBinaryStringInfo(out, l->str, l->len);
		return;
	}
	appendStringInfoChar(out, '"');
	for (i = 0; i < l->len; i++)
	{
		if (l->str[i] == '"' || l->str[i] == '\\')
			appendStringInfoChar(out, '\\');
		appendStringInfoChar(out, l->str[i]);
	}
	appendStringInfoChar(out, '"');
}

pg_noreturn
static void
text_too_long(const JourneyData *jd)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("text form of journey would exceed the maximum of %d bytes of a value",
					(int) MaxAllocSize - 1),
			 errdetail("The journey has %d events; its text repeats the label of each.",
					   jd->nevents),
			 errhint("Use binary output (COPY ... BINARY), journey.unnest() or journey.slice() for journeys this large.")));
}

/*
 * journey_out: the text form; see the file header.
 */
Datum
journey_out(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	JourneyData jd;
	StringInfoData out;
	int32		i;
	char		tsbuf[64];
	char		numbuf[DOUBLE_SHORTEST_DECIMAL_LEN];

	journey_decode(j, &jd);

	/*
	 * The text repeats the label of every event, so it can outgrow the 1 GB
	 * a value may have although the journey is small.  Fail before building
	 * it when the least it can take (labels as written, separators,
	 * 22-character timestamps) is too much, and while building it in the
	 * remaining cases (long fractions of seconds and values).
	 */
	{
		Size		least = 0;
		int32	   *llen = palloc(Max(jd.nlabels, 1) * sizeof(int32));

		for (i = 0; i < jd.nlabels; i++)
			llen[i] = label_text_len(&jd.labels[i]);
		for (i = 0; i < jd.nevents; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			least += llen[jd.events[i].label] + 3 + 1 + 22;
		}
		pfree(llen);
		if (least > MaxAllocSize - 1)
			text_too_long(&jd);
	}

	initStringInfo(&out);
	for (i = 0; i < jd.nevents; i++)
	{
		const JourneyEvent *e = &jd.events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		/* one event's text is less than OUT_EVENT_MAX bytes */
		if (out.len > (int) MaxAllocSize - 1 - OUT_EVENT_MAX)
			text_too_long(&jd);
		if (i > 0)
			appendBinaryStringInfo(&out, " > ", 3);
		journey_append_label(&out, &jd.labels[e->label], false);
		appendStringInfoChar(&out, '@');
		appendStringInfoString(&out, journey_format_ts(tsbuf, e->ts));
		if (e->has_value)
		{
			double_to_shortest_decimal_buf(e->value, numbuf);
			appendStringInfoChar(&out, '=');
			appendStringInfoString(&out, numbuf);
		}
	}
	PG_FREE_IF_COPY(j, 0);
	PG_RETURN_CSTRING(out.data);
}

/*
 * journey_recv: binary input.  The bytes are untrusted; they are decoded
 * with every check and must be exactly what the encoder would produce.
 */
Datum
journey_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		len = buf->len - buf->cursor;
	const char *bytes = buf->data + buf->cursor;
	JourneyData jd;
	Journey    *result;

	journey_decode_untrusted(bytes, len, &jd);
	pfree(jd.events);
	pfree(jd.labels);

	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy((char *) result + VARHDRSZ, bytes, len);
	buf->cursor = buf->len;
	PG_RETURN_JOURNEY_P(result);
}

/*
 * journey_send: binary output, the stored bytes after the varlena header.
 */
Datum
journey_send(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) j + VARHDRSZ, VARSIZE(j) - VARHDRSZ);
	PG_FREE_IF_COPY(j, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
