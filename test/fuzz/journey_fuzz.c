/*-------------------------------------------------------------------------
 *
 * journey_fuzz.c
 *	  Fuzz the untrusted inputs of journey.journey (text input and binary
 *	  receive) through libpq.  Built and started by test/fuzz/run.sh.
 *
 * The client generates random valid journeys as text, keeps the text and
 * binary forms the server returns as a corpus, mutates them (bytes, spans,
 * splices, digit and zone boundaries, truncation; for binary also varint
 * fields, counts, lengths, reordering, every prefix) and sends every input
 * on one connection, pipelined.  Per input it checks:
 *
 *	- the server stays up (a crash is recorded with the input, the client
 *	  reconnects and goes on);
 *	- a rejection carries an expected SQLSTATE;
 *	- an accepted text x: out(in(x)) re-entered gives the same text and the
 *	  same bytes;
 *	- an accepted binary b: send(recv(b)) = b byte for byte, and its text
 *	  form re-parses to the same bytes;
 *	- a generated valid journey is accepted and its output holds exactly the
 *	  generated events in canonical order (client-side model);
 *	- bytes the server sent are accepted again by recv.
 *
 * Environment: FUZZ_COUNT (inputs, default 20000), FUZZ_SEED (default
 * fixed), FUZZ_BATCH (inputs per pipeline, default 256), FUZZ_DB (database,
 * default journey_fuzz), JOURNEY_PGLOG (server log to scan for crashes),
 * and the usual PGHOST, PGPORT, PGUSER.
 *
 * The last line of output is "N passed, N failed", counting the properties
 * above (each passes when it held for every input).
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libpq-fe.h"

#include "fuzz_pipeline.h"

#define TEXTOID		25

/* Journey limits (src/journey.h). */
#define J_MIN_TS	INT64_C(-63082281600000000)	/* 0001-01-01 00:00:00+00 */
#define J_END_TS	INT64_C(252455616000000000)	/* 10000-01-01 00:00:00+00 */
#define USECS_PER_DAY INT64_C(86400000000)
#define UNIX_TO_PG_DAYS 10957	/* 2000-01-01 - 1970-01-01 */
#define MAX_LABEL_LEN 1000

#define CORPUS_SIZE 1024
#define MAX_PRINTED 20			/* failures printed in full per kind */

/* ------------------------------------------------------------------------
 * PRNG: xoshiro256**, seeded through splitmix64
 * ------------------------------------------------------------------------
 */
static uint64_t rs[4];

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t	z = (*x += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static void
rnd_seed(uint64_t seed)
{
	int			i;

	for (i = 0; i < 4; i++)
		rs[i] = splitmix64(&seed);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rnd(void)
{
	uint64_t	result = rotl(rs[1] * 5, 7) * 9;
	uint64_t	t = rs[1] << 17;

	rs[2] ^= rs[0];
	rs[3] ^= rs[1];
	rs[1] ^= rs[2];
	rs[0] ^= rs[3];
	rs[2] ^= t;
	rs[3] = rotl(rs[3], 45);
	return result;
}

/* Uniform in [0, n); 0 when n is 0. */
static uint64_t
rnd_below(uint64_t n)
{
	return n == 0 ? 0 : rnd() % n;
}

/* True with probability pct percent. */
static bool
chance(int pct)
{
	return rnd_below(100) < (uint64_t) pct;
}

#define PICK(arr) ((arr)[rnd_below(sizeof(arr) / sizeof((arr)[0]))])

/* ------------------------------------------------------------------------
 * Growable byte buffers (always NUL-terminated, so text can use them)
 * ------------------------------------------------------------------------
 */
typedef struct Buf
{
	unsigned char *d;
	size_t		len;
	size_t		cap;
} Buf;

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "journey_fuzz: out of memory\n");
		exit(2);
	}
	return p;
}

static void
buf_reserve(Buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
	{
		size_t		cap = b->cap ? b->cap : 64;
		unsigned char *d;

		while (cap < b->len + extra + 1)
			cap *= 2;
		d = realloc(b->d, cap);
		if (d == NULL)
		{
			fprintf(stderr, "journey_fuzz: out of memory\n");
			exit(2);
		}
		b->d = d;
		b->cap = cap;
		b->d[b->len] = '\0';
	}
}

static void
buf_put(Buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->d + b->len, p, n);
	b->len += n;
	b->d[b->len] = '\0';
}

static void
buf_putc(Buf *b, int c)
{
	unsigned char ch = (unsigned char) c;

	buf_put(b, &ch, 1);
}

static void
buf_puts(Buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static void
buf_printf(Buf *b, const char *fmt,...)
{
	char		tmp[512];
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_put(b, tmp, (size_t) n < sizeof(tmp) ? (size_t) n : sizeof(tmp) - 1);
}

static void
buf_reset(Buf *b)
{
	b->len = 0;
	if (b->d)
		b->d[0] = '\0';
}

static void
buf_free(Buf *b)
{
	free(b->d);
	b->d = NULL;
	b->len = b->cap = 0;
}

static Buf
buf_of(const void *p, size_t n)
{
	Buf			b = {NULL, 0, 0};

	buf_reserve(&b, n);
	buf_put(&b, p, n);
	return b;
}

/* Replace [off, off+len) by n bytes at p. */
static void
buf_splice(Buf *b, size_t off, size_t len, const void *p, size_t n)
{
	Buf			r = {NULL, 0, 0};

	if (off > b->len)
		off = b->len;
	if (len > b->len - off)
		len = b->len - off;
	buf_reserve(&r, b->len - len + n);
	buf_put(&r, b->d, off);
	buf_put(&r, p, n);
	buf_put(&r, b->d + off + len, b->len - off - len);
	buf_free(b);
	*b = r;
}

static bool
bytes_eq(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* ------------------------------------------------------------------------
 * UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF),
 * as the server checks text parameters.
 * ------------------------------------------------------------------------
 */
static bool
utf8_valid(const unsigned char *s, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		unsigned char c = s[i];
		size_t		k;
		unsigned char lo = 0x80,
					hi = 0xBF;

		if (c == 0)
			return false;
		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1;
		else if (c >= 0xE0 && c <= 0xEF)
		{
			k = 2;
			if (c == 0xE0)
				lo = 0xA0;
			if (c == 0xED)
				hi = 0x9F;
		}
		else if (c >= 0xF0 && c <= 0xF4)
		{
			k = 3;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F;
		}
		else
			return false;
		if (i + k >= n)
			return false;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t j = 2; j <= k; j++)
			if (s[i + j] < 0x80 || s[i + j] > 0xBF)
				return false;
		i += k + 1;
	}
	return true;
}

static void
put_utf8(Buf *b, uint32_t cp)
{
	if (cp < 0x80)
		buf_putc(b, (int) cp);
	else if (cp < 0x800)
	{
		buf_putc(b, 0xC0 | (cp >> 6));
		buf_putc(b, 0x80 | (cp & 0x3F));
	}
	else if (cp < 0x10000)
	{
		buf_putc(b, 0xE0 | (cp >> 12));
		buf_putc(b, 0x80 | ((cp >> 6) & 0x3F));
		buf_putc(b, 0x80 | (cp & 0x3F));
	}
	else
	{
		buf_putc(b, 0xF0 | (cp >> 18));
		buf_putc(b, 0x80 | ((cp >> 12) & 0x3F));
		buf_putc(b, 0x80 | ((cp >> 6) & 0x3F));
		buf_putc(b, 0x80 | (cp & 0x3F));
	}
}

/* ------------------------------------------------------------------------
 * Calendar (proleptic Gregorian, as PostgreSQL's date2j/j2date)
 * ------------------------------------------------------------------------
 */

/* Days since 1970-01-01. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	int64_t		yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era,
				doe,
				yoe,
				doy,
				mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yoe + era * 400 + (*m <= 2));
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* ------------------------------------------------------------------------
 * The client-side model of a journey: its events
 * ------------------------------------------------------------------------
 */
typedef struct Ev
{
	int64_t		ts;				/* microseconds since 2000-01-01 UTC */
	unsigned char *label;
	size_t		llen;
	bool		hv;
	double		v;
} Ev;

typedef struct Model
{
	Ev		   *ev;
	int			n;
	int			cap;
} Model;

static void
model_add(Model *m, int64_t ts, const unsigned char *label, size_t llen,
		  bool hv, double v)
{
	Ev		   *e;

	if (m->n == m->cap)
	{
		m->cap = m->cap ? m->cap * 2 : 16;
		m->ev = realloc(m->ev, m->cap * sizeof(Ev));
		if (m->ev == NULL)
			exit(2);
	}
	e = &m->ev[m->n++];
	e->ts = ts;
	e->label = xmalloc(llen + 1);
	if (llen)
		memcpy(e->label, label, llen);
	e->label[llen] = '\0';
	e->llen = llen;
	e->hv = hv;
	e->v = v;
}

static void
model_free(Model *m)
{
	int			i;

	for (i = 0; i < m->n; i++)
		free(m->ev[i].label);
	free(m->ev);
	m->ev = NULL;
	m->n = m->cap = 0;
}

/* Canonical order: time, label bytes (shorter first), value (NULL last, NaN top). */
static int
ev_cmp(const void *pa, const void *pb)
{
	const Ev   *a = pa;
	const Ev   *b = pb;
	size_t		n = a->llen < b->llen ? a->llen : b->llen;
	int			r;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	r = n ? memcmp(a->label, b->label, n) : 0;
	if (r != 0)
		return r;
	if (a->llen != b->llen)
		return a->llen < b->llen ? -1 : 1;
	if (a->hv != b->hv)
		return a->hv ? -1 : 1;
	if (!a->hv)
		return 0;
	if (isnan(a->v))
		return isnan(b->v) ? 0 : 1;
	if (isnan(b->v))
		return -1;
	return (a->v > b->v) - (a->v < b->v);
}

/* ------------------------------------------------------------------------
 * Parsing the server's text output (strict: the output format only)
 * ------------------------------------------------------------------------
 */
static bool
read_num(const unsigned char **pp, const unsigned char *end, int ndig, int *out)
{
	int			v = 0;
	int			i;

	if (end - *pp < ndig)
		return false;
	for (i = 0; i < ndig; i++)
	{
		unsigned char c = (*pp)[i];

		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*pp += ndig;
	*out = v;
	return true;
}

static bool
expect(const unsigned char **pp, const unsigned char *end, const char *s)
{
	size_t		n = strlen(s);

	if ((size_t) (end - *pp) < n || memcmp(*pp, s, n) != 0)
		return false;
	*pp += n;
	return true;
}

static bool
is_space_char(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool
is_special_char(unsigned char c)
{
	return c == '"' || c == '\\' || c == '@' || c == '>' || c == '=';
}

static bool
label_needs_quotes(const unsigned char *s, size_t n)
{
	size_t		i;

	if (n == 0)
		return true;
	for (i = 0; i < n; i++)
		if (is_space_char(s[i]) || is_special_char(s[i]))
			return true;
	return false;
}

/*
 * Parse output text into m; on failure return false with *why set.  Also
 * checks that the output is in its one canonical spelling (quotes only when
 * needed, UTC "+00", no trailing zeros in fractions, no -0).
 */
static bool
parse_output(const unsigned char *s, size_t n, Model *m, const char **why)
{
	const unsigned char *p = s;
	const unsigned char *end = s + n;
	Buf			label = {NULL, 0, 0};
	bool		ok = false;

	buf_reserve(&label, 16);
	while (p < end)
	{
		int			y,
					mo,
					d,
					h,
					mi,
					se;
		int64_t		frac = 0;
		int64_t		ts;
		bool		hv = false;
		double		v = 0;

		if (m->n > 0 && !expect(&p, end, " > "))
		{
			*why = "expected \" > \" between events";
			goto done;
		}
		buf_reset(&label);
		if (p < end && *p == '"')
		{
			p++;
			for (;;)
			{
				if (p >= end)
				{
					*why = "unterminated quoted label";
					goto done;
				}
				if (*p == '"')
				{
					p++;
					break;
				}
				if (*p == '\\')
				{
					p++;
					if (p >= end || (*p != '"' && *p != '\\'))
					{
						*why = "needless backslash in label";
						goto done;
					}
				}
				buf_putc(&label, *p++);
			}
			if (!label_needs_quotes(label.d, label.len))
			{
				*why = "label quoted without need";
				goto done;
			}
		}
		else
		{
			while (p < end && *p != '@')
				buf_putc(&label, *p++);
			if (label_needs_quotes(label.d, label.len))
			{
				*why = "label needs quotes";
				goto done;
			}
		}
		if (!expect(&p, end, "@") ||
			!read_num(&p, end, 4, &y) || !expect(&p, end, "-") ||
			!read_num(&p, end, 2, &mo) || !expect(&p, end, "-") ||
			!read_num(&p, end, 2, &d) || !expect(&p, end, " ") ||
			!read_num(&p, end, 2, &h) || !expect(&p, end, ":") ||
			!read_num(&p, end, 2, &mi) || !expect(&p, end, ":") ||
			!read_num(&p, end, 2, &se))
		{
			*why = "malformed timestamp";
			goto done;
		}
		if (p < end && *p == '.')
		{
			int			nd = 0;

			p++;
			while (p < end && *p >= '0' && *p <= '9' && nd < 6)
			{
				frac = frac * 10 + (*p - '0');
				p++;
				nd++;
			}
			if (nd == 0 || p[-1] == '0')
			{
				*why = "empty fraction or trailing zero in it";
				goto done;
			}
			while (nd++ < 6)
				frac *= 10;
		}
		if (!expect(&p, end, "+00"))
		{
			*why = "zone is not +00";
			goto done;
		}
		if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59)
		{
			*why = "field out of range";
			goto done;
		}
		{
			int			y2,
						m2,
						d2;
			int64_t		days = days_from_civil(y, mo, d);

			civil_from_days(days, &y2, &m2, &d2);
			if (y2 != y || m2 != mo || d2 != d)
			{
				*why = "invalid date";
				goto done;
			}
			ts = (days - UNIX_TO_PG_DAYS) * USECS_PER_DAY +
				((int64_t) h * 3600 + mi * 60 + se) * 1000000 + frac;
		}
		if (p < end && *p == '=')
		{
			const unsigned char *st = ++p;
			char		tok[64];
			char	   *e;

			while (p < end && *p != ' ')
				p++;
			if (p == st || (size_t) (p - st) >= sizeof(tok))
			{
				*why = "bad value";
				goto done;
			}
			memcpy(tok, st, p - st);
			tok[p - st] = '\0';
			errno = 0;
			v = strtod(tok, &e);
			if (*e != '\0')
			{
				*why = "bad value";
				goto done;
			}
			if (v == 0 && signbit(v))
			{
				*why = "negative zero in output";
				goto done;
			}
			hv = true;
		}
		model_add(m, ts, label.d, label.len, hv, v);
	}
	ok = true;
done:
	buf_free(&label);
	return ok;
}

/* ------------------------------------------------------------------------
 * Generating valid journeys as text
 * ------------------------------------------------------------------------
 */
static void
gen_ws(Buf *b)
{
	static const char *const ws[] = {" ", "  ", "\t", "\n", " \r\n ", "\f", "\v"};

	if (chance(25))
		buf_puts(b, PICK(ws));
}

static void
gen_label_bytes(Buf *l)
{
	static const char *const pool[] = {
		"web", "email", "store", "sms", "app", "chat", "phone", "social",
		"catalog", "a", "b", "A", "B", "ab", "web2"
	};
	static const char *const uni[] = {
		"caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x98\x80",
		"\xce\xa9", "\xc3\x9f", "e\xcc\x81", "\xc2\xa0", "\xef\xbb\xbf",
		"\xf4\x8f\xbf\xbf", "\xe2\x80\x8b", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"
	};
	static const char *const syntaxy[] = {
		"2026-01-01", "NaN", "-", "+00", "1e5", "Z", "T", "00:00", "\xe2\x80\xba",
		"null", "NULL", "0", "-1"
	};
	static const char specials[] = "\"\\@>= \t\n\r\v\fab.";
	int			i,
				n;

	buf_reset(l);
	switch (rnd_below(14))
	{
		case 0:
		case 1:
		case 2:
		case 3:
			buf_puts(l, PICK(pool));
			break;
		case 4:
			n = 1 + (int) rnd_below(12);
			for (i = 0; i < n; i++)
			{
				static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/";

				buf_putc(l, alnum[rnd_below(sizeof(alnum) - 1)]);
			}
			break;
		case 5:
			n = 1 + (int) rnd_below(3);
			for (i = 0; i < n; i++)
				buf_puts(l, PICK(uni));
			break;
		case 6:
		case 7:
			n = (int) rnd_below(9);
			for (i = 0; i < n; i++)
				buf_putc(l, specials[rnd_below(sizeof(specials) - 1)]);
			break;
		case 8:
			break;				/* empty */
		case 9:
			{
				/* long: up to exactly the limit, never splitting a character */
				size_t		target = chance(50) ? MAX_LABEL_LEN : 100 + rnd_below(MAX_LABEL_LEN - 99);
				const char *piece = chance(50) ? "x" : PICK(uni);

				while (l->len + strlen(piece) <= target)
					buf_puts(l, piece);
				while (l->len < target)
					buf_putc(l, 'y');
				break;
			}
		case 10:
			buf_puts(l, PICK(syntaxy));
			break;
		case 11:
			n = 1 + (int) rnd_below(10);
			for (i = 0; i < n; i++)
				buf_putc(l, 0x21 + (int) rnd_below(0x7F - 0x21));
			break;
		case 12:
			n = 1 + (int) rnd_below(5);
			for (i = 0; i < n; i++)
			{
				uint32_t	cp;

				do
				{
					switch (rnd_below(4))
					{
						case 0:
							cp = 1 + (uint32_t) rnd_below(0x7F);
							break;
						case 1:
							cp = 0x80 + (uint32_t) rnd_below(0x800 - 0x80);
							break;
						case 2:
							cp = 0x800 + (uint32_t) rnd_below(0x10000 - 0x800);
							break;
						default:
							cp = 0x10000 + (uint32_t) rnd_below(0x110000 - 0x10000);
							break;
					}
				} while (cp >= 0xD800 && cp <= 0xDFFF);
				put_utf8(l, cp);
			}
			break;
		default:
			/* control characters are allowed bare (except white space) */
			n = 1 + (int) rnd_below(4);
			for (i = 0; i < n; i++)
				buf_putc(l, 1 + (int) rnd_below(31));
			break;
	}
}

/* Write a label as input text: bare when allowed (mostly), else quoted. */
static void
render_label(Buf *b, const unsigned char *s, size_t n)
{
	size_t		i;

	if (!label_needs_quotes(s, n) && chance(85))
	{
		buf_put(b, s, n);
		return;
	}
	buf_putc(b, '"');
	for (i = 0; i < n; i++)
	{
		if (s[i] == '"' || s[i] == '\\' || (s[i] < 0x80 && chance(3)))
			buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '"');
}

/* Write the instant ts (UTC us) in some spelling; ts must be in range. */
static void
render_ts(Buf *b, int64_t ts)
{
	int			off = 0;		/* zone offset in minutes */
	int64_t		local,
				days,
				rem;
	int			y,
				m,
				d,
				h,
				mi,
				s;
	int64_t		frac;

	if (chance(30))
		off = (int) rnd_below(2 * 959 + 1) - 959;
	else if (chance(20))
		off = (int) PICK(((const int[]) {60, -60, 120, 330, -210, 345, 840, -720, 900, -900}));
	for (;;)
	{
		local = ts + (int64_t) off * 60 * 1000000;
		days = floor_div(local, USECS_PER_DAY);
		rem = local - days * USECS_PER_DAY;
		civil_from_days(days + UNIX_TO_PG_DAYS, &y, &m, &d);
		if (y >= 1 && y <= 9999)
			break;
		off = 0;
	}
	frac = rem % 1000000;
	rem /= 1000000;
	s = (int) (rem % 60);
	mi = (int) (rem / 60 % 60);
	h = (int) (rem / 3600);
	buf_printf(b, "%04d-%02d-%02d%c%02d:%02d", y, m, d, chance(20) ? 'T' : ' ', h, mi);
	if (s != 0 || frac != 0 || chance(80))
	{
		buf_printf(b, ":%02d", s);
		if (frac != 0 || chance(5))
		{
			int			minimal = 6;
			int			nd;
			int64_t		f = frac;

			while (minimal > 1 && f % 10 == 0)
			{
				f /= 10;
				minimal--;
			}
			nd = minimal + (int) rnd_below(7 - minimal);
			f = frac;
			for (int k = nd; k < 6; k++)
				f /= 10;
			buf_printf(b, ".%0*lld", nd, (long long) f);
		}
	}
	if (off == 0)
	{
		static const char *const z[] = {"Z", "+00", "+00", "+00", "-00", "+0000", "+00:00", "-00:00"};

		buf_puts(b, PICK(z));
	}
	else
	{
		int			a = off < 0 ? -off : off;
		char		sign = off < 0 ? '-' : '+';

		if (a % 60 == 0 && chance(50))
			buf_printf(b, "%c%02d", sign, a / 60);
		else if (chance(50))
			buf_printf(b, "%c%02d%02d", sign, a / 60, a % 60);
		else
			buf_printf(b, "%c%02d:%02d", sign, a / 60, a % 60);
	}
}

static int64_t
gen_instant(const Model *m)
{
	static const int64_t grains[] = {
		1, 1000, 1000000, 1000000, 60000000, INT64_C(3600000000), USECS_PER_DAY,
		INT64_C(1000000000), 10, 100000
	};
	int64_t		ts,
				g;

	if (m->n > 0 && chance(30))
		return m->ev[rnd_below(m->n)].ts;	/* a tie */
	switch (rnd_below(6))
	{
		case 0:
		case 1:
			/* whole range */
			ts = J_MIN_TS + (int64_t) rnd_below((uint64_t) (J_END_TS - J_MIN_TS));
			break;
		case 2:
			ts = J_MIN_TS + (int64_t) rnd_below(USECS_PER_DAY * 3);
			break;
		case 3:
			ts = J_END_TS - 1 - (int64_t) rnd_below(USECS_PER_DAY * 3);
			break;
		default:
			/* around 2026, after the previous event */
			ts = (m->n > 0 ? m->ev[m->n - 1].ts : INT64_C(820454400000000)) +
				(int64_t) rnd_below(INT64_C(86400000000) * 7);
			break;
	}
	g = PICK(grains);
	if (chance(70))
		ts = floor_div(ts, g) * g;
	if (ts < J_MIN_TS)
		ts += g;
	if (ts >= J_END_TS)
		ts = J_END_TS - 1;
	if (ts < J_MIN_TS)
		ts = J_MIN_TS;
	return ts;
}

/* A value spelling that the server reads as a finite or special double. */
static void
gen_value(Buf *b, double *v)
{
	static const char *const fixed[] = {
		"NaN", "nan", "NAN", "-nan", "Infinity", "-Infinity", "inf", "-inf",
		"+Infinity", "infinity", "-0", "0", "0.0", "-0.0e10", "+0",
		"4.9406564584124654e-324", "5e-324", "2.4703282292062328e-324",
		"2.2250738585072009e-308", "2.2250738585072014e-308",
		"1.7976931348623157e308", "-1.7976931348623157e+308", "1e22", "1e23",
		"0.1", "129.9", "-3", "1E5", "1e-320", "0x1p-1074", "0x1.fffffffffffffp1023",
		"123456789012345678901234567890", "9007199254740993", ".5", "5.",
		"00012", "1e-5", "3.141592653589793"
	};
	char		tmp[64];
	char	   *e;

	for (;;)
	{
		switch (rnd_below(5))
		{
			case 0:
			case 1:
				snprintf(tmp, sizeof(tmp), "%s", PICK(fixed));
				break;
			case 2:
				{
					uint64_t	u = rnd();
					double		x;

					memcpy(&x, &u, sizeof(x));
					if (isnan(x) || isinf(x))
						x = 1.5;
					snprintf(tmp, sizeof(tmp), chance(20) ? "%a" : "%.17g", x);
					break;
				}
			case 3:
				snprintf(tmp, sizeof(tmp), "%lld", (long long) rnd_below(100000) - 50000);
				break;
			default:
				snprintf(tmp, sizeof(tmp), "%.*g", 1 + (int) rnd_below(17),
						 ((double) rnd_below(1000000) - 500000) / (double) (1 + rnd_below(1000)));
				break;
		}
		errno = 0;
		*v = strtod(tmp, &e);
		if (*e == '\0' && !(errno == ERANGE && (*v == 0 || isinf(*v))))
			break;
	}
	buf_puts(b, tmp);
}

/* A random valid journey: its text in b, its events in m. */
static void
gen_journey(Buf *b, Model *m)
{
	int			n;
	int			i;
	Buf			label = {NULL, 0, 0};

	n = chance(5) ? 0 : (int) rnd_below(chance(50) ? 6 : 51);
	if (chance(10))
		gen_ws(b);
	for (i = 0; i < n; i++)
	{
		int64_t		ts = gen_instant(m);
		bool		hv = chance(35);
		double		v = 0;

		if (m->n > 0 && chance(20))
		{
			/* reuse a label, for dictionary hits and ties */
			Ev		   *o = &m->ev[rnd_below(m->n)];

			buf_reset(&label);
			buf_put(&label, o->label, o->llen);
		}
		else
			gen_label_bytes(&label);
		if (i > 0)
		{
			gen_ws(b);
			buf_putc(b, '>');
			gen_ws(b);
		}
		render_label(b, label.d, label.len);
		gen_ws(b);
		buf_putc(b, '@');
		gen_ws(b);
		render_ts(b, ts);
		if (hv)
		{
			gen_ws(b);
			buf_putc(b, '=');
			gen_ws(b);
			gen_value(b, &v);
		}
		model_add(m, ts, label.d, label.len, hv, v);
	}
	if (chance(10))
		gen_ws(b);
	buf_free(&label);
}

/* ------------------------------------------------------------------------
 * Corpora of seen-good inputs
 * ------------------------------------------------------------------------
 */
typedef struct Corpus
{
	Buf			item[CORPUS_SIZE];
	int			n;
} Corpus;

static Corpus text_corpus,
			bin_corpus;

static void
corpus_add(Corpus *c, const unsigned char *p, size_t n)
{
	int			slot;

	if (n > 20000)
		return;
	if (c->n < CORPUS_SIZE)
		slot = c->n++;
	else
	{
		slot = (int) rnd_below(CORPUS_SIZE);
		buf_free(&c->item[slot]);
	}
	c->item[slot] = buf_of(p, n);
}

static const Buf *
corpus_pick(const Corpus *c)
{
	return c->n ? &c->item[rnd_below(c->n)] : NULL;
}

/* ------------------------------------------------------------------------
 * Text mutations
 * ------------------------------------------------------------------------
 */
static const char *const text_tokens[] = {
	"\"", "\\", "@", ">", "=", " ", "\t", "Z", "T", "+", "-", ":", ".", "0",
	"9", "\"\"", "\\\"", " > ", "@2026-01-01 00:00:00+00", "a@", "=1", "=NaN",
	"+15:59", "-16", "1234567", "9999", "10000", ":60", "\xc3\xa9", "\xff",
	"\xc3", "\xed\xa0\x80", "\xc0\x80", "\xf4\x90\x80\x80", "\xe2\x80\x8b",
	"00000000000000000000000001", "e400", "\n", ".0000001", "24:00", "02-29"
};

static const char *const digit_repl[] = {
	"0", "00", "000", "0000", "1", "01", "9", "09", "10", "11", "12", "13",
	"15", "16", "23", "24", "28", "29", "30", "31", "32", "59", "60", "61",
	"99", "100", "999", "1000", "9999", "10000", "0001", "00000", "1e400",
	"99999999999999999999", "000001", "999999", "1000000", "9999999"
};

static const char *const zone_repl[] = {
	"Z", "z", "+00", "-00", "+15", "-15", "+16", "+1559", "-15:59", "+15:60",
	"+24", "+1", "+123", "+12:3", "+12:", "+99:99", "-0000", "+00:00:00",
	"UTC", " +00", "", "+14:30", "-09:30", "+05:45", "+0530", "+", "-",
	"+00:", "+0:00", "Z+00", "+1500", "-1500"
};

static const char *const value_repl[] = {
	"1e308", "1.7976931348623157e308", "1.7976931348623159e308", "1e309",
	"-1e309", "1e-400", "-1e-400", "4.9406564584124654e-324",
	"2.4703282292062327e-324", "2.4703282292062328e-324", "0x1p-1074",
	"0x1p-1075", "0x1.fffffffffffffp1023", "0x1p1024", "NaN", "nan(123)",
	"-nan", "Infinity", "-Infinity", "inf", "infinity", "infinit", "1e", "1e+",
	"-", "+", "", "0.", "00.5", ".5", "1_000", "1,5", "\xd9\xa1", "+-1", "0e0",
	"1e-320", "-0", "-0.0", "123456789012345678901234567890", "1@", "1=2",
	"\"1\"", "0x", "1e99999999999999999999", "nan()", "in", "Inf inity"
};

/* Positions where the text has a run of digits. */
static bool
find_digit_run(const Buf *b, size_t *start, size_t *len)
{
	size_t		runs[64][2];
	int			n = 0;
	size_t		i = 0;

	while (i < b->len && n < 64)
	{
		if (b->d[i] >= '0' && b->d[i] <= '9')
		{
			size_t		s = i;

			while (i < b->len && b->d[i] >= '0' && b->d[i] <= '9')
				i++;
			runs[n][0] = s;
			runs[n][1] = i - s;
			n++;
		}
		else
			i++;
	}
	if (n == 0)
		return false;
	n = (int) rnd_below(n);
	*start = runs[n][0];
	*len = runs[n][1];
	return true;
}

/* Position of a random occurrence of needle, or false. */
static bool
find_random(const Buf *b, const char *needle, size_t *pos)
{
	size_t		hits[64];
	int			n = 0;
	size_t		nl = strlen(needle);
	size_t		i;

	for (i = 0; i + nl <= b->len && n < 64; i++)
		if (memcmp(b->d + i, needle, nl) == 0)
			hits[n++] = i;
	if (n == 0)
		return false;
	*pos = hits[rnd_below(n)];
	return true;
}

/* Position of a random "dddd-dd-dd" in the text. */
static bool
find_date(const Buf *b, size_t *pos)
{
	size_t		hits[64];
	int			n = 0;
	size_t		i,
				k;

	for (i = 0; i + 10 <= b->len && n < 64; i++)
	{
		for (k = 0; k < 10; k++)
		{
			unsigned char c = b->d[i + k];

			if ((k == 4 || k == 7) ? c != '-' : (c < '0' || c > '9'))
				break;
		}
		if (k == 10)
			hits[n++] = i;
	}
	if (n == 0)
		return false;
	*pos = hits[rnd_below(n)];
	return true;
}

static void
mutate_text_once(Buf *b)
{
	size_t		pos = rnd_below(b->len + 1);
	size_t		len;
	size_t		s;
	char		tmp[64];

	switch (rnd_below(18))
	{
		case 16:
		case 17:				/* a date at the edges of the range, another zone */
			if (find_date(b, &s))
			{
				const char *d = PICK(((const char *const[]) {"0001-01-01", "9999-12-31", "0000-12-31", "10000-01-01", "0001-01-02", "9999-12-30", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29"}));
				const char *z = PICK(zone_repl);
				size_t		k;

				/* mostly a zone that pushes the edge date out of range */
				if (chance(60))
					z = d[0] == '0' ? PICK(((const char *const[]) {"+01", "+15:59", "+00:01", "+0030"})) :
						PICK(((const char *const[]) {"-01", "-15:59", "-00:01", "-0030"}));

				buf_splice(b, s, 10, d, strlen(d));
				/* the zone: first Z, + or - after the time */
				for (k = s + strlen(d) + 1; k < b->len && k < s + 40; k++)
					if (b->d[k] == 'Z' || b->d[k] == '+' || b->d[k] == '-')
						break;
				if (k < b->len && k < s + 40)
				{
					size_t		e = k + 1;

					while (e < b->len && ((b->d[e] >= '0' && b->d[e] <= '9') || b->d[e] == ':'))
						e++;
					buf_splice(b, k, e - k, z, strlen(z));
				}
				if (chance(50) && s + strlen(d) + 9 <= b->len)
				{
					const char *t = chance(50) ? "00:00:00" : "23:59:59";

					memcpy(b->d + s + strlen(d) + 1, t, 8);
				}
			}
			break;
		case 0:					/* byte set */
			if (b->len)
				b->d[rnd_below(b->len)] = (unsigned char) (1 + rnd_below(255));
			break;
		case 1:					/* bit flip */
			if (b->len)
				b->d[rnd_below(b->len)] ^= (unsigned char) (1 << rnd_below(8));
			break;
		case 2:					/* insert a token */
			{
				const char *t = PICK(text_tokens);

				buf_splice(b, pos, 0, t, strlen(t));
				break;
			}
		case 3:					/* delete a span */
			len = 1 + rnd_below(chance(50) ? 4 : 40);
			buf_splice(b, pos, len, "", 0);
			break;
		case 4:					/* duplicate a span */
			if (b->len)
			{
				Buf			span;

				s = rnd_below(b->len);
				len = 1 + rnd_below(b->len - s);
				if (len > 200)
					len = 200;
				span = buf_of(b->d + s, len);
				buf_splice(b, rnd_below(b->len + 1), 0, span.d, span.len);
				buf_free(&span);
			}
			break;
		case 5:					/* splice with another input */
			{
				const Buf  *o = corpus_pick(&text_corpus);

				if (o && o->len)
				{
					size_t		j = rnd_below(o->len + 1);

					b->len = pos;
					b->d[b->len] = '\0';
					buf_put(b, o->d + j, o->len - j);
				}
				break;
			}
		case 6:					/* digit run: boundary or +-1 */
			if (find_digit_run(b, &s, &len))
			{
				if (chance(50))
				{
					const char *t = PICK(digit_repl);

					buf_splice(b, s, len, t, strlen(t));
				}
				else if (chance(50))
				{
					/* increment with carry: 9999 -> 10000, 59 -> 60 */
					size_t		k = s + len;

					while (k > s && b->d[k - 1] == '9')
						b->d[--k] = '0';
					if (k > s)
						b->d[k - 1]++;
					else
						buf_splice(b, s, 0, "1", 1);
				}
				else
				{
					/* decrement with borrow: 0001 -> 0000, 10 -> 09 */
					size_t		k = s + len;

					while (k > s && b->d[k - 1] == '0')
						b->d[--k] = '9';
					if (k > s)
						b->d[k - 1]--;
				}
			}
			break;
		case 7:					/* zone */
			{
				const char *z = PICK(zone_repl);

				if (find_random(b, "+00", &s))
					buf_splice(b, s, 3, z, strlen(z));
				else if (find_random(b, "Z", &s))
					buf_splice(b, s, 1, z, strlen(z));
				break;
			}
		case 8:					/* truncate */
			b->len = rnd_below(b->len + 1);
			b->d[b->len] = '\0';
			break;
		case 9:					/* value */
			if (find_random(b, "=", &s))
			{
				const char *v = PICK(value_repl);

				len = 0;
				while (s + 1 + len < b->len && b->d[s + 1 + len] != ' ' &&
					   b->d[s + 1 + len] != '>')
					len++;
				buf_splice(b, s + 1, len, v, strlen(v));
			}
			else
			{
				snprintf(tmp, sizeof(tmp), "=%s", PICK(value_repl));
				if (find_random(b, " > ", &s))
					buf_splice(b, s, 0, tmp, strlen(tmp));
				else
					buf_puts(b, tmp);
			}
			break;
		case 10:				/* reorder: swap the first event with a later one */
			if (find_random(b, " > ", &s))
			{
				Buf			first = buf_of(b->d, s);
				Buf			rest = buf_of(b->d + s + 3, b->len - s - 3);

				buf_reset(b);
				buf_put(b, rest.d, rest.len);
				buf_puts(b, " > ");
				buf_put(b, first.d, first.len);
				buf_free(&first);
				buf_free(&rest);
			}
			break;
		case 11:				/* date/time separators */
			if (find_random(b, " ", &s))
				b->d[s] = (unsigned char) PICK("T\tt_");
			else if (find_random(b, "T", &s))
				b->d[s] = ' ';
			break;
		case 12:				/* grow a label around the size limit */
			if (find_random(b, "@", &s))
			{
				Buf			x = {NULL, 0, 0};
				size_t		k = 990 + rnd_below(20);

				while (x.len < k)
					buf_putc(&x, chance(90) ? 'x' : 'y');
				buf_splice(b, s, 0, x.d, x.len);
				buf_free(&x);
			}
			break;
		case 13:				/* random bytes */
			len = 1 + rnd_below(8);
			for (size_t k = 0; k < len; k++)
				tmp[k] = (char) (1 + rnd_below(255));
			buf_splice(b, pos, 0, tmp, len);
			break;
		case 14:				/* fractional digits */
			if (find_random(b, ":", &s) && s + 3 <= b->len)
			{
				const char *f = PICK(((const char *const[]) {".", ".0", ".1234567", ".000000", ".9999995", ".x", ".000001"}));

				buf_splice(b, s + 3, 0, f, strlen(f));
			}
			break;
		default:				/* quote character games */
			{
				const char *q = PICK(((const char *const[]) {"\"", "\\", "\\\\", "\"\"", "\\\"", "\"a\\"}));

				buf_splice(b, pos, 0, q, strlen(q));
				break;
			}
	}
}

/* ------------------------------------------------------------------------
 * Binary structure and mutations
 * ------------------------------------------------------------------------
 */
enum FieldKind
{
	F_VERSION, F_FLAGS, F_NEVENTS, F_UNIT, F_NLABELS, F_LABLEN, F_LABEL,
	F_TIME, F_LIDX, F_BITMAP, F_VALUE
};

typedef struct Field
{
	int			kind;
	size_t		off;
	size_t		len;
	uint64_t	val;
} Field;

#define MAX_FIELDS 512

/* Lenient varint read (any length up to 10 bytes). */
static bool
get_varint(const unsigned char *b, size_t n, size_t *pos, uint64_t *v)
{
	uint64_t	r = 0;
	int			shift = 0;

	while (*pos < n && shift < 70)
	{
		unsigned char c = b[(*pos)++];

		if (shift < 64)
			r |= (uint64_t) (c & 0x7F) << shift;
		if (!(c & 0x80))
		{
			*v = r;
			return true;
		}
		shift += 7;
	}
	return false;
}

static int
parse_fields(const unsigned char *b, size_t n, Field *f)
{
	int			nf = 0;
	size_t		pos = 0,
				st;
	uint64_t	nev = 0,
				nlab = 0,
				v,
				i;
	int			flags = 0;

#define ADD(k, o, l, x) do { if (nf < MAX_FIELDS) { f[nf].kind = (k); f[nf].off = (o); f[nf].len = (l); f[nf].val = (x); nf++; } } while (0)
#define VARINT(k, out) do { st = pos; if (!get_varint(b, n, &pos, &v)) return nf; ADD(k, st, pos - st, v); out = v; } while (0)

	if (n < 2)
		return 0;
	ADD(F_VERSION, 0, 1, b[0]);
	ADD(F_FLAGS, 1, 1, b[1]);
	flags = b[1];
	pos = 2;
	VARINT(F_NEVENTS, nev);
	if (pos >= n)
		return nf;
	ADD(F_UNIT, pos, 1, b[pos]);
	pos++;
	VARINT(F_NLABELS, nlab);
	for (i = 0; i < nlab && nf < MAX_FIELDS; i++)
	{
		uint64_t	l;

		VARINT(F_LABLEN, l);
		if (l > n - pos)
			return nf;
		ADD(F_LABEL, pos, l, 0);
		pos += l;
	}
	for (i = 0; i < nev && nf < MAX_FIELDS; i++)
	{
		uint64_t	x;

		VARINT(F_TIME, x);
		VARINT(F_LIDX, x);
		(void) x;
	}
	if ((flags & 1) && nev <= n)
	{
		size_t		nb = (nev + 7) / 8;

		if (nb > n - pos)
			return nf;
		ADD(F_BITMAP, pos, nb, 0);
		pos += nb;
		while (pos + 8 <= n && nf < MAX_FIELDS)
		{
			ADD(F_VALUE, pos, 8, 0);
			pos += 8;
		}
	}
#undef VARINT
#undef ADD
	return nf;
}

static void
put_varint(Buf *b, uint64_t v)
{
	while (v >= 0x80)
	{
		buf_putc(b, (int) ((v & 0x7F) | 0x80));
		v >>= 7;
	}
	buf_putc(b, (int) v);
}

/* v in minimal+extra bytes (non-minimal when extra > 0). */
static void
put_varint_overlong(Buf *b, uint64_t v, int extra)
{
	do
	{
		unsigned char c = v & 0x7F;

		v >>= 7;
		if (v != 0 || extra > 0)
			c |= 0x80;
		buf_putc(b, c);
	} while (v != 0);
	while (extra-- > 0)
		buf_putc(b, extra > 0 ? 0x80 : 0x00);
}

static uint64_t
interesting_u64(uint64_t old)
{
	static const uint64_t vals[] = {
		0, 1, 2, 7, 8, 9, 10, 63, 64, 127, 128, 255, 256, 1000, 1001, 16383,
		16384, 999999, 1000000, 1000001, 2097151, 2097152, INT32_MAX,
		(uint64_t) INT32_MAX + 1, UINT32_MAX, (uint64_t) UINT32_MAX + 1,
		INT64_MAX, (uint64_t) INT64_MAX + 1, UINT64_MAX, UINT64_MAX - 1,
		UINT64_C(126164563200000000), UINT64_C(126164563200000001),
		UINT64_C(504911232000000000), UINT64_C(504911231999999999)
	};

	switch (rnd_below(5))
	{
		case 0:
			return old + 1;
		case 1:
			return old - 1;
		case 2:
			return old ^ ((uint64_t) 1 << rnd_below(64));
		case 3:
			return rnd() >> rnd_below(64);
		default:
			return PICK(vals);
	}
}

static void
replace_varint(Buf *b, const Field *f)
{
	Buf			enc = {NULL, 0, 0};
	uint64_t	v = f->val;

	switch (rnd_below(6))
	{
		case 0:
			/* same value, overlong */
			put_varint_overlong(&enc, v, 1 + (int) rnd_below(3));
			break;
		case 1:
			/* unterminated: continuation bits to the end */
			buf_putc(&enc, 0x80 | (int) (v & 0x7F));
			buf_putc(&enc, 0x80);
			break;
		case 2:
			/* over 64 bits */
			if (chance(50))
			{
				for (int k = 0; k < 10; k++)
					buf_putc(&enc, 0xFF);
				buf_putc(&enc, 0x01);
			}
			else
			{
				for (int k = 0; k < 9; k++)
					buf_putc(&enc, 0x80);
				buf_putc(&enc, 0x02);
			}
			break;
		default:
			put_varint(&enc, interesting_u64(v));
			break;
	}
	if (f->kind == F_LABEL || f->kind == F_BITMAP || f->kind == F_VALUE)
		put_varint(&enc, 0);	/* unreachable in practice */
	buf_splice(b, f->off, f->len, enc.d, enc.len);
	buf_free(&enc);
}

static const Field *
pick_field(const Field *f, int nf, int kind)
{
	int			idx[MAX_FIELDS];
	int			n = 0,
				i;

	for (i = 0; i < nf; i++)
		if (f[i].kind == kind)
			idx[n++] = i;
	return n ? &f[idx[rnd_below(n)]] : NULL;
}

static void
mutate_bin_once(Buf *b)
{
	Field		f[MAX_FIELDS];
	int			nf = parse_fields(b->d, b->len, f);
	const Field *x;
	size_t		pos,
				len;

	switch (rnd_below(17))
	{
		case 0:					/* bit flip */
			if (b->len)
				b->d[rnd_below(b->len)] ^= (unsigned char) (1 << rnd_below(8));
			break;
		case 1:					/* byte set */
			if (b->len)
				b->d[rnd_below(b->len)] = (unsigned char) PICK(((const int[]) {0, 1, 0x7F, 0x80, 0xFF, 0xC0, 0xED, 0x22, 0x5C, 0x40}));
			break;
		case 2:					/* truncate */
			b->len = rnd_below(b->len + 1);
			break;
		case 3:					/* append bytes */
			len = 1 + rnd_below(4);
			while (len--)
				buf_putc(b, (int) rnd_below(256));
			break;
		case 4:
		case 5:
		case 6:					/* a varint field gets another value or spelling */
			if (nf > 0)
			{
				int			tries;

				for (tries = 0; tries < 8; tries++)
				{
					x = &f[rnd_below(nf)];
					if (x->kind == F_NEVENTS || x->kind == F_NLABELS ||
						x->kind == F_LABLEN || x->kind == F_TIME || x->kind == F_LIDX)
					{
						replace_varint(b, x);
						break;
					}
				}
			}
			break;
		case 7:					/* counts and lengths: huge or just past the end */
			{
				int			k = PICK(((const int[]) {F_NEVENTS, F_NLABELS, F_LABLEN}));
				Buf			enc = {NULL, 0, 0};

				if ((x = pick_field(f, nf, k)) != NULL)
				{
					uint64_t	v = chance(50) ? x->val + 1 + rnd_below(3) :
						PICK(((const uint64_t[]) {1000000, 1000001, 1001, UINT64_MAX, (uint64_t) INT32_MAX + 1, b->len, b->len - x->off}));

					put_varint(&enc, v);
					buf_splice(b, x->off, x->len, enc.d, enc.len);
					buf_free(&enc);
				}
				break;
			}
		case 8:					/* reorder: swap two events or two labels */
			{
				int			k = chance(50) ? F_TIME : F_LABEL;
				int			ia = -1,
							ic = -1,
							nk = 0;

				/* two random fields of kind k (events: time + label index) */
				for (int q = 0; q < nf; q++)
				{
					if (f[q].kind != k || (k == F_TIME && (q + 1 >= nf || f[q + 1].kind != F_LIDX)))
						continue;
					nk++;
					if (rnd_below(nk) == 0)
						ia = q;
					else if (rnd_below(nk) == 0)
						ic = q;
				}
				if (ia >= 0 && ic >= 0 && ia != ic)
				{
					const Field *lo = &f[ia < ic ? ia : ic];
					const Field *hi = &f[ia < ic ? ic : ia];
					size_t		lolen = lo->len,
								hilen = hi->len;
					Buf			r = {NULL, 0, 0};

					if (k == F_TIME)
					{
						lolen += (lo + 1)->len;
						hilen += (hi + 1)->len;
					}
					if (lo->off + lolen > hi->off)
						break;
					buf_put(&r, b->d, lo->off);
					buf_put(&r, b->d + hi->off, hilen);
					buf_put(&r, b->d + lo->off + lolen, hi->off - lo->off - lolen);
					buf_put(&r, b->d + lo->off, lolen);
					buf_put(&r, b->d + hi->off + hilen, b->len - hi->off - hilen);
					buf_free(b);
					*b = r;
				}
				break;
			}
		case 9:					/* unit */
			if ((x = pick_field(f, nf, F_UNIT)) != NULL)
				b->d[x->off] = (unsigned char) PICK(((const int[]) {0, 1, 3, 5, 6, 8, 9, 10, 11, 0x7F, 0x80, 0xFF}));
			break;
		case 10:				/* values: other float spellings */
			if ((x = pick_field(f, nf, F_VALUE)) != NULL)
			{
				static const uint64_t vals[] = {
					UINT64_C(0x8000000000000000),	/* -0 */
					UINT64_C(0x7FF8000000000000),	/* NaN */
					UINT64_C(0x7FF8000000000001),
					UINT64_C(0xFFF8000000000000),	/* -NaN */
					UINT64_C(0x7FF0000000000001),	/* signalling NaN */
					UINT64_C(0x7FF0000000000000),	/* inf */
					UINT64_C(0xFFF0000000000000),
					UINT64_C(0x0000000000000001),	/* denormal */
					UINT64_C(0x000FFFFFFFFFFFFF),
					UINT64_C(0x7FEFFFFFFFFFFFFF),
					0
				};
				uint64_t	u = chance(70) ? PICK(vals) : rnd();

				for (int k = 0; k < 8; k++)
					b->d[x->off + k] = (unsigned char) (u >> (8 * k));
			}
			break;
		case 11:				/* flags */
			if (b->len > 1)
				b->d[1] = (unsigned char) PICK(((const int[]) {0, 1, 2, 3, 0x80, 0xFF}));
			break;
		case 12:				/* version */
			if (b->len > 0)
				b->d[0] = (unsigned char) PICK(((const int[]) {0, 1, 2, 0xFF}));
			break;
		case 13:				/* label bytes: bad UTF-8, NUL, copy another label */
			if ((x = pick_field(f, nf, F_LABEL)) != NULL && x->len > 0)
			{
				const Field *o = pick_field(f, nf, F_LABEL);

				if (o && o != x && o->len == x->len && chance(50))
					memmove(b->d + x->off, b->d + o->off, x->len);
				else
				{
					static const char *const bad[] = {"\xff", "\xc0", "\x80", "\0", "\xed", "\xf4", "\xc3", "\""};
					const char *s = PICK(bad);

					b->d[x->off + rnd_below(x->len)] = (unsigned char) s[0];
				}
			}
			break;
		case 14:				/* splice with another binary */
			{
				const Buf  *o = corpus_pick(&bin_corpus);

				if (o)
				{
					size_t		j = rnd_below(o->len + 1);

					b->len = rnd_below(b->len + 1);
					buf_put(b, o->d + j, o->len - j);
				}
				break;
			}
		case 15:				/* delete or duplicate a span */
			if (b->len)
			{
				pos = rnd_below(b->len);
				len = 1 + rnd_below(b->len - pos < 16 ? b->len - pos : 16);
				if (chance(50))
					buf_splice(b, pos, len, "", 0);
				else
				{
					Buf			span = buf_of(b->d + pos, len);

					buf_splice(b, rnd_below(b->len + 1), 0, span.d, span.len);
					buf_free(&span);
				}
			}
			break;
		default:				/* bitmap */
			if ((x = pick_field(f, nf, F_BITMAP)) != NULL && x->len > 0)
				b->d[x->off + rnd_below(x->len)] ^= (unsigned char) (1 << rnd_below(8));
			break;
	}
	if (b->d)
		b->d[b->len] = '\0';
}

/* ------------------------------------------------------------------------
 * Inputs, results and statistics
 * ------------------------------------------------------------------------
 */
enum Kind
{
	K_TEXT, K_BIN
};
enum Origin
{
	O_GEN, O_TMUT, O_TPREFIX, O_DERIVED, O_BMUT, O_BPREFIX, O_BRANDOM, NORIGINS
};
static const char *const origin_name[NORIGINS] = {
	"text generated", "text mutated", "text prefix", "binary from server",
	"binary mutated", "binary prefix", "binary random"
};

typedef struct Item
{
	long		id;				/* input number, from 1 */
	int			kind;
	int			origin;
	Buf			in;
	bool		bad_utf8;
	Model		model;			/* O_GEN only */
	bool		done;
} Item;

enum Prop
{
	P_ALIVE, P_SQLSTATE, P_GENERATED, P_TEXT_RT, P_BIN_RT, P_LOG, NPROPS
};
static const char *const prop_name[NPROPS] = {
	"server never crashed",
	"rejections have an expected SQLSTATE",
	"generated valid journeys accepted, model matches output",
	"accepted text round-trips (fixed point, same bytes)",
	"accepted binary round-trips (send(recv(b)) = b, text re-parses to b)",
	"server log shows no crashed backend"
};
static long prop_fail[NPROPS];
static bool prop_checked[NPROPS];

static long n_inputs,
			n_by_origin[NORIGINS],
			n_acc_by_origin[NORIGINS];
static long n_crashes;

typedef struct StateCount
{
	char		code[6];
	long		n;
} StateCount;
static StateCount states[64];
static int	nstates;

static PGconn *conn;
static long last_sent_id;		/* the last input of the batch being run */
static char journey_oid_str[16];
static unsigned int journey_oid;
static char conninfo[512];

/* pending inputs derived from results (binary from server, prefix sweeps) */
static Item *pending;
static int	npending,
			cappending;

static void
count_state(const char *code)
{
	int			i;

	for (i = 0; i < nstates; i++)
		if (strcmp(states[i].code, code) == 0)
		{
			states[i].n++;
			return;
		}
	if (nstates < 64)
	{
		snprintf(states[nstates].code, sizeof(states[nstates].code), "%s", code);
		states[nstates++].n = 1;
	}
}

/* Print an input so it can be reproduced: E'' literal for text, hex for binary. */
static void
print_input(FILE *out, const Item *it)
{
	size_t		i;
	size_t		lim = it->in.len > 2000 ? 2000 : it->in.len;

	if (it->kind == K_TEXT)
	{
		fputs("    text: E'", out);
		for (i = 0; i < lim; i++)
		{
			unsigned char c = it->in.d[i];

			if (c == '\'' || c == '\\')
				fprintf(out, "\\%c", c);
			else if (c >= 0x20 && c < 0x7F)
				fputc(c, out);
			else
				fprintf(out, "\\x%02x", c);
		}
		fprintf(out, "'%s  (%zu bytes)\n", lim < it->in.len ? "..." : "", it->in.len);
	}
	else
	{
		fputs("    binary: \\x", out);
		for (i = 0; i < lim; i++)
			fprintf(out, "%02x", it->in.d[i]);
		fprintf(out, "%s  (%zu bytes)\n", lim < it->in.len ? "..." : "", it->in.len);
	}
}

static void
print_bytes(FILE *out, const char *what, const char *p, size_t n, bool text)
{
	size_t		i;
	size_t		lim = n > 2000 ? 2000 : n;

	fprintf(out, "    %s: ", what);
	if (text)
	{
		fputc('\'', out);
		for (i = 0; i < lim; i++)
		{
			unsigned char c = (unsigned char) p[i];

			if (c >= 0x20 && c < 0x7F && c != '\\')
				fputc(c, out);
			else
				fprintf(out, "\\x%02x", c);
		}
		fputc('\'', out);
	}
	else
	{
		fputs("\\x", out);
		for (i = 0; i < lim; i++)
			fprintf(out, "%02x", (unsigned char) p[i]);
	}
	fprintf(out, "%s\n", lim < n ? "..." : "");
}

static void
fail(int prop, const Item *it, const char *fmt,...)
{
	va_list		ap;

	prop_fail[prop]++;
	if (prop_fail[prop] > MAX_PRINTED)
		return;
	printf("FAIL [%s] input #%ld (%s): ", prop_name[prop], it->id, origin_name[it->origin]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	print_input(stdout, it);
}

static void
item_free(Item *it)
{
	buf_free(&it->in);
	model_free(&it->model);
}

static void
push_pending(Item *it)
{
	if (npending == cappending)
	{
		cappending = cappending ? cappending * 2 : 256;
		pending = realloc(pending, cappending * sizeof(Item));
		if (pending == NULL)
			exit(2);
	}
	pending[npending++] = *it;
}

static Item
new_item(int kind, int origin)
{
	Item		it;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.origin = origin;
	return it;
}

static bool
expected_state(const Item *it, const char *code)
{
	static const char *const text_ok[] = {"22P02", "22008", "22003", "54000", "22023"};
	size_t		i;

	if (it->kind == K_BIN)
		return strcmp(code, "22P03") == 0;
	if (it->bad_utf8 && strcmp(code, "22021") == 0)
		return true;
	for (i = 0; i < sizeof(text_ok) / sizeof(text_ok[0]); i++)
		if (strcmp(code, text_ok[i]) == 0)
			return true;
	return false;
}

/* Check the model of a generated journey against the server's output. */
static void
check_model(Item *it, const char *out, size_t outlen)
{
	Model		got = {NULL, 0, 0};
	const char *why = NULL;
	int			i;

	if (!parse_output((const unsigned char *) out, outlen, &got, &why))
	{
		fail(P_GENERATED, it, "output not in canonical form: %s", why);
		print_bytes(stdout, "output", out, outlen, true);
		model_free(&got);
		return;
	}
	if (it->model.n > 1)
		qsort(it->model.ev, it->model.n, sizeof(Ev), ev_cmp);
	if (got.n != it->model.n)
	{
		fail(P_GENERATED, it, "%d events generated, %d in the output", it->model.n, got.n);
		print_bytes(stdout, "output", out, outlen, true);
		model_free(&got);
		return;
	}
	for (i = 0; i < got.n; i++)
	{
		Ev		   *a = &it->model.ev[i];
		Ev		   *b = &got.ev[i];
		bool		same = a->ts == b->ts && a->hv == b->hv &&
			bytes_eq(a->label, a->llen, b->label, b->llen);

		if (same && a->hv)
			same = (isnan(a->v) && isnan(b->v)) || a->v == b->v;
		if (!same)
		{
			fail(P_GENERATED, it, "event %d (in canonical order) differs from the model in its %s",
				 i + 1, a->ts != b->ts ? "time" :
				 !bytes_eq(a->label, a->llen, b->label, b->llen) ? "label" : "value");
			print_bytes(stdout, "output", out, outlen, true);
			break;
		}
	}
	model_free(&got);
}

/*
 * Handle the result of one input.  Returns false if the connection is gone
 * (the input is then not done).
 */
static bool
handle_result(Item *it, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQnfields(res) == 4)
	{
		const char *c[4];
		size_t		l[4];
		int			k;
		bool		isnull = false;

		for (k = 0; k < 4; k++)
		{
			c[k] = PQgetvalue(res, 0, k);
			l[k] = (size_t) PQgetlength(res, 0, k);
			isnull |= PQgetisnull(res, 0, k);
		}
		it->done = true;
		n_acc_by_origin[it->origin]++;
		if (isnull)
		{
			fail(it->kind == K_TEXT ? P_TEXT_RT : P_BIN_RT, it, "NULL in the round trip");
			return true;
		}
		if (it->kind == K_TEXT)
		{
			/* c0 = out(in(x)), c1 = send(in(x)), c2 = send(in(c0)), c3 = out(in(c0)) */
			if (!bytes_eq((const unsigned char *) c[3], l[3], (const unsigned char *) c[0], l[0]))
			{
				fail(P_TEXT_RT, it, "text output is not a fixed point");
				print_bytes(stdout, "out(in(x))", c[0], l[0], true);
				print_bytes(stdout, "out(in(out(in(x))))", c[3], l[3], true);
			}
			if (!bytes_eq((const unsigned char *) c[2], l[2], (const unsigned char *) c[1], l[1]))
			{
				fail(P_TEXT_RT, it, "re-parsed output gives other bytes");
				print_bytes(stdout, "send(in(x))", c[1], l[1], false);
				print_bytes(stdout, "send(in(out(in(x))))", c[2], l[2], false);
			}
			if (it->origin == O_GEN)
				check_model(it, c[0], l[0]);
			corpus_add(&text_corpus, (const unsigned char *) c[0], l[0]);
			if (it->origin != O_GEN && chance(30))
				corpus_add(&text_corpus, it->in.d, it->in.len);
			corpus_add(&bin_corpus, (const unsigned char *) c[1], l[1]);
			if (chance(25))
			{
				Item		d = new_item(K_BIN, O_DERIVED);

				d.in = buf_of(c[1], l[1]);
				push_pending(&d);
			}
		}
		else
		{
			/* c0 = send(recv(b)), c1 = out(recv(b)), c2 = send(in(c1)), c3 = out(in(c1)) */
			if (!bytes_eq((const unsigned char *) c[0], l[0], it->in.d, it->in.len))
			{
				fail(P_BIN_RT, it, "send(recv(b)) differs from b");
				print_bytes(stdout, "send(recv(b))", c[0], l[0], false);
			}
			if (!bytes_eq((const unsigned char *) c[2], l[2], it->in.d, it->in.len))
			{
				fail(P_BIN_RT, it, "its text form re-parses to other bytes (recv accepted a non-canonical value?)");
				print_bytes(stdout, "text", c[1], l[1], true);
				print_bytes(stdout, "send(in(text))", c[2], l[2], false);
			}
			if (!bytes_eq((const unsigned char *) c[3], l[3], (const unsigned char *) c[1], l[1]))
			{
				fail(P_BIN_RT, it, "text form is not a fixed point");
				print_bytes(stdout, "out(recv(b))", c[1], l[1], true);
				print_bytes(stdout, "out(in(out(recv(b))))", c[3], l[3], true);
			}
			if (it->origin != O_DERIVED)
				corpus_add(&bin_corpus, it->in.d, it->in.len);
		}
		return true;
	}
	if (st == PGRES_FATAL_ERROR)
	{
		const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		if (PQstatus(conn) != CONNECTION_OK || code == NULL ||
			strncmp(code, "08", 2) == 0 || strncmp(code, "57P", 3) == 0)
			return false;
		it->done = true;
		count_state(code);
		if (!expected_state(it, code))
			fail(P_SQLSTATE, it, "unexpected SQLSTATE %s: %s", code,
				 PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
		if (it->origin == O_GEN)
			fail(P_GENERATED, it, "valid journey rejected: %s %s", code,
				 PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
		if (it->origin == O_DERIVED)
			fail(P_BIN_RT, it, "recv rejects bytes that send produced: %s %s", code,
				 PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
		return true;
	}
	if (PQstatus(conn) != CONNECTION_OK)
		return false;
	it->done = true;
	fail(P_SQLSTATE, it, "unexpected result status %s", PQresStatus(st));
	return true;
}

/* ------------------------------------------------------------------------
 * Connection and pipelined execution
 * ------------------------------------------------------------------------
 */
static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static PGresult *
exec_ok(const char *sql, ExecStatusType want)
{
	PGresult   *r = PQexec(conn, sql);

	if (PQresultStatus(r) != want)
	{
		fprintf(stderr, "journey_fuzz: %s: %s", sql, PQerrorMessage(conn));
		exit(2);
	}
	return r;
}

static void
connect_db(bool retry)
{
	double		deadline = now_sec() + 60;
	PGresult   *r;
	Oid			types[1];

	for (;;)
	{
		conn = PQconnectdb(conninfo);
		if (PQstatus(conn) == CONNECTION_OK)
			break;
		if (!retry || now_sec() > deadline)
		{
			fprintf(stderr, "journey_fuzz: cannot connect: %s", PQerrorMessage(conn));
			exit(2);
		}
		PQfinish(conn);
		usleep(200000);
	}
	PQclear(exec_ok("SET statement_timeout = '20s'", PGRES_COMMAND_OK));
	/* keep tens of thousands of expected errors out of the server log */
	PQclear(PQexec(conn, "SET log_min_messages = fatal"));
	r = exec_ok("SELECT 'journey.journey'::pg_catalog.regtype::pg_catalog.oid", PGRES_TUPLES_OK);
	snprintf(journey_oid_str, sizeof(journey_oid_str), "%s", PQgetvalue(r, 0, 0));
	journey_oid = (unsigned int) strtoul(journey_oid_str, NULL, 10);
	PQclear(r);

	/*
	 * Text: $1 goes through journey_in; then the output is re-entered.
	 * Binary: $1 goes through journey_recv.  OFFSET 0 keeps each conversion
	 * from being inlined (and computed) more than once.
	 */
	types[0] = TEXTOID;
	r = PQprepare(conn, "qt",
				  "SELECT t, journey.journey_send(j), journey.journey_send(t::journey.journey), "
				  "t::journey.journey::pg_catalog.text "
				  "FROM (SELECT j, j::pg_catalog.text AS t "
				  "      FROM (SELECT $1::journey.journey AS j OFFSET 0) a OFFSET 0) b",
				  1, types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
	{
		fprintf(stderr, "journey_fuzz: prepare: %s", PQerrorMessage(conn));
		exit(2);
	}
	PQclear(r);
	types[0] = journey_oid;
	r = PQprepare(conn, "qb",
				  "SELECT journey.journey_send(j), t, journey.journey_send(t::journey.journey), "
				  "t::journey.journey::pg_catalog.text "
				  "FROM (SELECT j, j::pg_catalog.text AS t "
				  "      FROM (SELECT $1 AS j OFFSET 0) a OFFSET 0) b",
				  1, types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
	{
		fprintf(stderr, "journey_fuzz: prepare: %s", PQerrorMessage(conn));
		exit(2);
	}
	PQclear(r);
	if (!PQenterPipelineMode(conn))
	{
		fprintf(stderr, "journey_fuzz: cannot enter pipeline mode: %s", PQerrorMessage(conn));
		exit(2);
	}
}

static void
reconnect(void)
{
	PQfinish(conn);
	connect_db(true);
}

static bool
send_item(Item *it)
{
	const char *vals[1];
	int			lens[1];
	int			fmts[1];

	vals[0] = (const char *) (it->in.d ? it->in.d : (const unsigned char *) "");
	lens[0] = (int) it->in.len;
	fmts[0] = it->kind == K_BIN ? 1 : 0;
	return PQsendQueryPrepared(conn, it->kind == K_BIN ? "qb" : "qt", 1, vals, lens, fmts, 1) &&
		PQpipelineSync(conn);
}

static void
record_crash(Item *it, const char *note)
{
	n_crashes++;
	prop_fail[P_ALIVE]++;
	printf("CRASH: the server connection was lost on input #%ld (%s)%s\n",
		   it->id, origin_name[it->origin], note);
	print_input(stdout, it);
	fflush(stdout);
}

/* The callbacks of fuzz_pipeline.h. */
static bool
pipe_send(void *it)
{
	return send_item((Item *) it);
}

static bool
pipe_handle(void *it, PGresult *r)
{
	return handle_result((Item *) it, r);
}

static bool
pipe_answered(const void *it)
{
	return ((const Item *) it)->done;
}

static void
pipe_crashed(void *item, bool alone_lost)
{
	Item	   *it = (Item *) item;

	if (it == NULL)
	{
		n_crashes++;
		prop_fail[P_ALIVE]++;
		printf("CRASH: the server connection was lost after input #%ld\n", last_sent_id);
		return;
	}
	record_crash(it, alone_lost ? "" : " (in a pipeline; alone it did not crash)");
}

static const FuzzPipeline pipeline = {
	.prog = "journey_fuzz",
	.conn = &conn,
	.item_size = sizeof(Item),
	.send = pipe_send,
	.handle = pipe_handle,
	.answered = pipe_answered,
	.reconnect = reconnect,
	.crashed = pipe_crashed,
};

/* Run items; on a lost connection, find the input, record it, go on. */
static void
run_items(Item *items, int n)
{
	if (n > 0)
		last_sent_id = items[n - 1].id;
	fuzz_run_items(&pipeline, items, n);
}

/* ------------------------------------------------------------------------
 * Input scheduling
 * ------------------------------------------------------------------------
 */
static void
make_text_generated(Item *it)
{
	*it = new_item(K_TEXT, O_GEN);
	buf_reserve(&it->in, 64);
	gen_journey(&it->in, &it->model);
}

static void
make_text_mutated(Item *it)
{
	const Buf  *seed = corpus_pick(&text_corpus);
	int			k,
				n;

	if (seed == NULL)
	{
		make_text_generated(it);
		return;
	}
	*it = new_item(K_TEXT, O_TMUT);
	it->in = buf_of(seed->d, seed->len);
	n = 1 + (int) rnd_below(chance(70) ? 2 : 6);
	for (k = 0; k < n; k++)
		mutate_text_once(&it->in);
	/* libpq sends text parameters NUL-terminated */
	for (size_t i = 0; i < it->in.len; i++)
		if (it->in.d[i] == 0)
			it->in.d[i] = 1;
}

static void
make_bin_mutated(Item *it)
{
	const Buf  *seed = corpus_pick(&bin_corpus);
	int			k,
				n;

	if (seed == NULL)
	{
		make_text_generated(it);
		return;
	}
	*it = new_item(K_BIN, O_BMUT);
	it->in = buf_of(seed->d, seed->len);
	n = 1 + (int) rnd_below(chance(70) ? 2 : 5);
	for (k = 0; k < n; k++)
		mutate_bin_once(&it->in);
}

static void
make_bin_random(Item *it)
{
	size_t		n = rnd_below(48),
				i;

	*it = new_item(K_BIN, O_BRANDOM);
	buf_reserve(&it->in, n + 2);
	if (chance(70))
	{
		buf_putc(&it->in, 1);
		buf_putc(&it->in, (int) rnd_below(2));
	}
	for (i = 0; i < n; i++)
		buf_putc(&it->in, chance(50) ? (int) rnd_below(16) : (int) rnd_below(256));
}

/* Queue every prefix of a short corpus entry (text or binary). */
static void
queue_prefixes(void)
{
	bool		bin = chance(60);
	const Buf  *seed = corpus_pick(bin ? &bin_corpus : &text_corpus);
	size_t		len;

	if (seed == NULL || seed->len > (size_t) (bin ? 300 : 200))
		return;
	for (len = 0; len < seed->len; len++)
	{
		Item		it = new_item(bin ? K_BIN : K_TEXT, bin ? O_BPREFIX : O_TPREFIX);

		/* text prefixes may cut a character: that is what 22021 is for */
		it.in = buf_of(seed->d, len);
		push_pending(&it);
	}
}

static void
make_item(Item *it)
{
	uint64_t	r;

	if (npending > 0)
	{
		/* take the oldest pending input */
		*it = pending[0];
		memmove(pending, pending + 1, (npending - 1) * sizeof(Item));
		npending--;
		return;
	}
	r = rnd_below(1000);
	if (r < 200)
		make_text_generated(it);
	else if (r < 520)
		make_text_mutated(it);
	else if (r < 950)
		make_bin_mutated(it);
	else if (r < 985)
		make_bin_random(it);
	else
	{
		queue_prefixes();
		make_text_generated(it);
	}
}

/* Scan the server log, from where it was at the start, for crashes. */
static void
check_log(const char *path, long start)
{
	FILE	   *f;
	char		line[4096];
	long		hits = 0;

	if (path == NULL || *path == '\0')
		return;
	f = fopen(path, "r");
	if (f == NULL)
	{
		printf("server log %s: not readable, not checked\n", path);
		return;
	}
	prop_checked[P_LOG] = true;
	if (start > 0)
		fseek(f, start, SEEK_SET);
	while (fgets(line, sizeof(line), f))
	{
		/* "server process (PID n) ..." (15), "client backend (PID n) ..." (18) */
		if ((strstr(line, " (PID ") && strstr(line, "was terminated by signal")) ||
			((strstr(line, "server process (PID") || strstr(line, "client backend (PID")) &&
			 strstr(line, "exited with exit code")) ||
			strstr(line, "terminating any other active server processes"))
		{
			hits++;
			if (hits <= MAX_PRINTED)
				printf("server log: %s", line);
		}
	}
	fclose(f);
	prop_fail[P_LOG] = hits;
}

static long
log_size(const char *path)
{
	FILE	   *f;
	long		n;

	if (path == NULL || *path == '\0' || (f = fopen(path, "r")) == NULL)
		return 0;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n < 0 ? 0 : n;
}

int
main(void)
{
	const char *s;
	long		count = 20000;
	uint64_t	seed = UINT64_C(20260101);
	int			batch = 256;
	const char *db = "journey_fuzz";
	const char *logpath = getenv("JOURNEY_PGLOG");
	long		logstart;
	double		t0,
				elapsed;
	Item	   *items;
	int			i,
				passed = 0,
				failed = 0;
	long		acc = 0,
				rej = 0;

	if ((s = getenv("FUZZ_COUNT")) && *s)
		count = strtol(s, NULL, 10);
	if ((s = getenv("FUZZ_SEED")) && *s)
		seed = strtoull(s, NULL, 10);
	if ((s = getenv("FUZZ_BATCH")) && *s)
		batch = (int) strtol(s, NULL, 10);
	if ((s = getenv("FUZZ_DB")) && *s)
		db = s;
	if (batch < 1)
		batch = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(conninfo, sizeof(conninfo),
			 "dbname='%s' client_encoding=UTF8 application_name=journey_fuzz", db);

	printf("journey_fuzz: FUZZ_SEED=%llu FUZZ_COUNT=%ld (batches of %d)\n",
		   (unsigned long long) seed, count, batch);
	rnd_seed(seed);
	logstart = log_size(logpath);
	connect_db(false);
	prop_checked[P_ALIVE] = prop_checked[P_SQLSTATE] = prop_checked[P_GENERATED] =
		prop_checked[P_TEXT_RT] = prop_checked[P_BIN_RT] = true;

	items = xmalloc(sizeof(Item) * batch);
	t0 = now_sec();
	while (n_inputs < count)
	{
		int			n = 0;

		while (n < batch && n_inputs < count)
		{
			make_item(&items[n]);
			items[n].id = ++n_inputs;
			if (items[n].kind == K_TEXT)
				items[n].bad_utf8 = !utf8_valid(items[n].in.d, items[n].in.len);
			n_by_origin[items[n].origin]++;
			n++;
		}
		run_items(items, n);
		for (i = 0; i < n; i++)
			item_free(&items[i]);
	}
	elapsed = now_sec() - t0;
	free(items);
	for (i = 0; i < npending; i++)
		item_free(&pending[i]);
	PQfinish(conn);
	check_log(logpath, logstart);

	printf("\n%ld inputs in %.1f s (%.0f inputs/s)\n", n_inputs, elapsed,
		   elapsed > 0 ? n_inputs / elapsed : 0.0);
	printf("  %-22s %8s %8s %8s\n", "origin", "inputs", "accepted", "rejected");
	for (i = 0; i < NORIGINS; i++)
	{
		printf("  %-22s %8ld %8ld %8ld\n", origin_name[i], n_by_origin[i],
			   n_acc_by_origin[i], n_by_origin[i] - n_acc_by_origin[i]);
		acc += n_acc_by_origin[i];
	}
	rej = n_inputs - acc;
	printf("  %-22s %8ld %8ld %8ld\n", "total", n_inputs, acc, rej);
	printf("rejected by SQLSTATE:");
	for (i = 0; i < nstates; i++)
		printf(" %s %ld%s", states[i].code, states[i].n, i + 1 < nstates ? "," : "");
	printf("%s\n", nstates ? "" : " none");
	printf("crashes: %ld\n", n_crashes);
	printf("property failures:\n");
	for (i = 0; i < NPROPS; i++)
	{
		if (!prop_checked[i])
		{
			printf("  %-70s not checked\n", prop_name[i]);
			continue;
		}
		printf("  %-70s %s (%ld)\n", prop_name[i], prop_fail[i] ? "FAIL" : "ok", prop_fail[i]);
		if (prop_fail[i])
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
