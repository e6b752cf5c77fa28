/*-------------------------------------------------------------------------
 *
 * journey_agg.c
 *	  journey_agg(ts, label [, value]): build a journey from event rows.
 *
 * The transition state is a JourneyBuilder living in the aggregate memory
 * context: events are appended as they come and sorted once, in the final
 * function.  Partial states travel between processes as the builder's
 * labels and events, unsorted (see journey_agg_serial).
 *
 * The same builder is the state of merge_agg (journey_ops.c), there as the
 * SQL type journey_state (defined at the end of this file): journey_agg
 * keeps its internal state, the per-customer path where nothing crosses a
 * node, while merge_agg also merges across customers, which Citus splits
 * into worker partials only for a state type with text I/O.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "agg_state.h"
#include "journey.h"

PG_FUNCTION_INFO_V1(journey_agg_trans);
PG_FUNCTION_INFO_V1(journey_agg_final);
PG_FUNCTION_INFO_V1(journey_agg_combine);
PG_FUNCTION_INFO_V1(journey_agg_serial);
PG_FUNCTION_INFO_V1(journey_agg_deserial);
PG_FUNCTION_INFO_V1(journey_state_combine);
PG_FUNCTION_INFO_V1(journey_state_in);
PG_FUNCTION_INFO_V1(journey_state_out);
PG_FUNCTION_INFO_V1(journey_state_recv);
PG_FUNCTION_INFO_V1(journey_state_send);

/*
 * journey_agg_trans(state, ts, label [, value]).  Not strict: the first
 * call has no state, and rows whose timestamp or label is NULL are skipped
 * (a NULL value only means the event carries no value).
 */
Datum
journey_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_agg_trans");
	JourneyBuilder *b = PG_ARGISNULL(0) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(0);
	text	   *label;
	int32		li;
	bool		has_value;
	float8		value = 0.0;

	if (b == NULL)
		b = journey_builder_new(aggcontext);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(b);

	label = PG_GETARG_TEXT_PP(2);
	has_value = PG_NARGS() > 3 && !PG_ARGISNULL(3);
	if (has_value)
		value = PG_GETARG_FLOAT8(3);
	li = journey_builder_label(b, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));
	journey_builder_add(b, PG_GETARG_TIMESTAMPTZ(1), li, has_value, value);
	PG_RETURN_POINTER(b);
}

/*
 * journey_agg_final: the journey, or NULL when no row had a timestamp and a
 * label.  Sorting reorders the state's events in place without changing the
 * multiset they form, so later transitions and calls stay correct: the
 * function is declared READ_ONLY and works as a window aggregate.
 */
Datum
journey_agg_final(PG_FUNCTION_ARGS)
{
	JourneyBuilder *b;

	journey_agg_context(fcinfo, "journey_agg_final");
	b = PG_ARGISNULL(0) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(0);
	if (b == NULL || b->nevents == 0)
		PG_RETURN_NULL();
	PG_RETURN_JOURNEY_P(journey_builder_finish(b));
}

/*
 * journey_agg_combine: merge the second state into the first.
 */
Datum
journey_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_agg_combine");
	JourneyBuilder *a = PG_ARGISNULL(0) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(0);
	JourneyBuilder *b = PG_ARGISNULL(1) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(1);

	if (b == NULL || b->nevents == 0)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = journey_builder_new(aggcontext);
	journey_builder_add_builder(a, b);
	PG_RETURN_POINTER(a);
}

/*
 * Serialized state (journey_agg_serial, and the binary form of the type
 * journey_state, merge_agg's state), integers in network order:
 *
 *	uint8	JOURNEY_AGG_STATE_VERSION
 *	uint8	flags			bit 0: the events carry their value fields
 *	int32	nlabels, then per label: int32 length, bytes
 *	int32	nevents, then per event: int64 ts, int32 label index, and with
 *			bit 0: uint8 has_value (0 or 1) and, when 1, float8 value
 *
 * The builder as it stands: its events in arrival order and its labels in
 * interning order.  Partial states of a parallel GROUP BY cross from the
 * workers to the leader once per group and worker, and are read once by
 * the combine function; the one sort and encoding of a group is in the
 * final function.  (Until 0.3.0 the state travelled as an encoded journey:
 * sorted and encoded in every worker, then validated like binary input,
 * canonical order included, and decoded in the leader, which made a
 * parallel journey_agg slower than a serial one.)
 */
#define JOURNEY_AGG_STATE_VERSION	1
#define JOURNEY_AGG_STATE_VALUES	0x01

/* Whether some event of the builder has a value (bit 0 of the flags). */
static bool
builder_has_values(const JourneyBuilder *b)
{
	int32		i;

	for (i = 0; i < b->nevents; i++)
		if (b->events[i].has_value)
			return true;
	return false;
}

static Size
journey_state_size(const void *obj)
{
	const JourneyBuilder *b = obj;
	Size		size = 2 + 4 + 4 + (Size) b->label_bytes + 4 * (Size) b->nlabels +
		(Size) b->nevents * 12;
	int32		i;

	if (builder_has_values(b))
	{
		size += b->nevents;
		for (i = 0; i < b->nevents; i++)
			if (b->events[i].has_value)
				size += 8;
	}
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey state is too large to be sent"),
				 errdetail("It holds %d events with %d distinct labels.",
						   b->nevents, b->nlabels)));
	return size;
}

static void
journey_state_write(const void *obj, char *dst, Size size)
{
	const JourneyBuilder *b = obj;
	bool		values = builder_has_values(b);
	char	   *p = dst;
	int32		i;

	*p++ = JOURNEY_AGG_STATE_VERSION;
	*p++ = values ? JOURNEY_AGG_STATE_VALUES : 0;
	p = put_int32(p, b->nlabels);
	for (i = 0; i < b->nlabels; i++)
	{
		p = put_int32(p, b->labels[i].len);
		memcpy(p, b->labels[i].str, b->labels[i].len);
		p += b->labels[i].len;
	}
	p = put_int32(p, b->nevents);
	for (i = 0; i < b->nevents; i++)
	{
		const JourneyEvent *e = &b->events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		p = put_int64(p, e->ts);
		p = put_int32(p, e->label);
		if (values)
		{
			*p++ = e->has_value ? 1 : 0;
			if (e->has_value)
				p = put_float8(p, e->value);
		}
	}
	if (p - dst != size)
		elog(ERROR, "journey state of %zu bytes written as %zu",
			 (size_t) size, (size_t) (p - dst));
}

/*
 * journey_agg_serial: the state's bytes (see above), as the type
 * journey_state writes them.
 */
Datum
journey_agg_serial(PG_FUNCTION_ARGS)
{
	JourneyBuilder *b = (JourneyBuilder *) PG_GETARG_POINTER(0);

	journey_agg_context(fcinfo, "journey_agg_serial");
	PG_RETURN_BYTEA_P(agg_state_serialize(&journey_state_class, b));
}

/* Reading the serialized form: the bytes, and how to report errors. */
typedef struct StateReader
{
	StringInfoData r;
	int			code;			/* SQLSTATE: 22P03 binary, 22P02 text */
	const char *what;			/* "journey_agg state", "journey state" */
} StateReader;

pg_noreturn
static void
bad_state(StateReader *rd, const char *what)
{
	ereport(ERROR,
			(errcode(rd->code),
			 errmsg("invalid serialized %s: %s", rd->what, what)));
}

/* pq_getmsg* reads, each first checked against the length */
static void
rd_need(StateReader *rd, int64 n)
{
	if (n < 0 || n > rd->r.len - rd->r.cursor)
		bad_state(rd, "truncated");
}

static int32
rd_i32(StateReader *rd)
{
	rd_need(rd, 4);
	return (int32) pq_getmsgint(&rd->r, 4);
}

/*
 * Read the serialized form into the empty builder b.  The bytes are
 * untrusted (journey_agg_deserial takes any bytea; journey_state's text and
 * binary input, a parallel worker's tuple, a Citus worker's text), so
 * everything is checked as binary input checks it: version, flags, counts
 * against the bytes left and the limits, label lengths and encoding, label
 * indexes, timestamps, the value flags.
 *
 * canonical = false (journey_agg_deserial): b is a builder in name only,
 * as cheap as can be: its labels point into the bytes, not interned (a
 * label given twice in crafted bytes is merged by the interning of the
 * combine function that reads it).  canonical = true (journey_state): b is
 * a real builder, its labels interned and copied into its memory context,
 * and only the form journey_state_write writes is accepted (distinct
 * labels, the values flag only when some event has a value), so that a
 * value that reads back writes the same bytes.
 */
static void
read_state(StateReader *rd, JourneyBuilder *b, bool canonical)
{
	StringInfo	r = &rd->r;
	int32		nlabels,
				nevents,
				i;
	int			flags;
	bool		any_value = false;

	rd_need(rd, 2);
	if (pq_getmsgbyte(r) != JOURNEY_AGG_STATE_VERSION)
		bad_state(rd, "unsupported version");
	flags = pq_getmsgbyte(r);
	if (flags & ~JOURNEY_AGG_STATE_VALUES)
		bad_state(rd, "invalid flags");

	nlabels = rd_i32(rd);
	/* every label takes at least 4 bytes */
	if (nlabels < 0 || nlabels > (r->len - r->cursor) / 4)
		bad_state(rd, "invalid number of labels");
	if (!canonical)
	{
		b->labels = MemoryContextAlloc(b->mcxt, Max(nlabels, 1) * sizeof(JourneyLabel));
		b->nlabels = b->maxlabels = nlabels;
	}
	for (i = 0; i < nlabels; i++)
	{
		int32		len = rd_i32(rd);
		const char *str;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (len < 0 || len > JOURNEY_MAX_LABEL_LEN)
			bad_state(rd, "invalid label length");
		rd_need(rd, len);
		str = pq_getmsgbytes(r, len);
		if (!pg_verifymbstr(str, len, true))
			bad_state(rd, "label is not valid in the database encoding");
		if (canonical)
		{
			if (b->label_bytes + len > JOURNEY_MAX_BYTES)
				bad_state(rd, "labels too long");
			if (journey_builder_label(b, str, len) != i)
				bad_state(rd, "label appears twice");
		}
		else
		{
			b->labels[i].str = str;
			b->labels[i].len = len;
			b->label_bytes += len;	/* what journey_state_size counts */
		}
	}
	nevents = rd_i32(rd);
	/* every event takes at least 12 bytes */
	if (nevents < 0 || nevents > JOURNEY_MAX_EVENTS ||
		nevents > (r->len - r->cursor) / 12)
		bad_state(rd, "invalid number of events");
	b->events = MemoryContextAlloc(b->mcxt, Max(nevents, 1) * sizeof(JourneyEvent));
	b->maxevents = Max(nevents, 1);
	for (i = 0; i < nevents; i++)
	{
		JourneyEvent *e = &b->events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		rd_need(rd, 12);
		e->ts = pq_getmsgint64(r);
		e->label = (int32) pq_getmsgint(r, 4);
		e->has_value = false;
		e->value = 0.0;
		if (e->ts < JOURNEY_MIN_TS || e->ts >= JOURNEY_END_TS)
			bad_state(rd, "timestamp out of range");
		if (e->label < 0 || e->label >= nlabels)
			bad_state(rd, "label index out of range");
		if (flags & JOURNEY_AGG_STATE_VALUES)
		{
			int			hv;

			rd_need(rd, 1);
			hv = pq_getmsgbyte(r);
			if (hv != 0 && hv != 1)
				bad_state(rd, "invalid value flag");
			if (hv)
			{
				rd_need(rd, 8);
				e->has_value = true;
				e->value = pq_getmsgfloat8(r);
				any_value = true;
			}
		}
	}
	b->nevents = nevents;
	if (r->cursor != r->len)
		bad_state(rd, "trailing bytes");
	if (canonical && (flags & JOURNEY_AGG_STATE_VALUES) && !any_value)
		bad_state(rd, "values flag without values");
}

/*
 * journey_agg_deserial: rebuild a state from journey_agg_serial's bytes
 * (read_state, not canonical).
 *
 * The state is only read by the combine function that follows (PostgreSQL
 * never hands a deserialized state to anything else), which adds its
 * events to the group's state in the aggregate context, interning its
 * labels there.  So it lives in the current (per input tuple) memory
 * context, as the results of PostgreSQL's own deserialization functions
 * do, so that the aggregate context does not keep a dead copy of every
 * partial state.
 */
Datum
journey_agg_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StateReader rd;
	JourneyBuilder *b;

	(void) journey_agg_context(fcinfo, "journey_agg_deserial");
	rd.r.data = VARDATA_ANY(bytes);
	rd.r.len = VARSIZE_ANY_EXHDR(bytes);
	rd.r.maxlen = rd.r.len;
	rd.r.cursor = 0;
	rd.code = ERRCODE_INVALID_BINARY_REPRESENTATION;
	rd.what = "journey_agg state";
	b = journey_builder_new(CurrentMemoryContext);
	read_state(&rd, b, false);
	PG_RETURN_POINTER(b);
}

/* ------------------------------------------------------------------------
 * Type journey_state: merge_agg's state (journey_ops.c), a JourneyBuilder
 * in the expanded form of agg_state.c; its binary form is the serialized
 * state above, its text form the base64 of that.
 * ------------------------------------------------------------------------
 */

static void *
journey_state_create(MemoryContext mcxt)
{
	return journey_builder_new(mcxt);
}

static void *
journey_state_read(const char *data, Size len, MemoryContext mcxt, int code)
{
	StateReader rd;
	JourneyBuilder *b;

	rd.code = code;
	rd.what = "journey state";
	if (len > MaxAllocSize)
		bad_state(&rd, "too long");
	rd.r.data = (char *) data;
	rd.r.len = (int) len;
	rd.r.maxlen = rd.r.len;
	rd.r.cursor = 0;
	b = journey_builder_new(mcxt);
	read_state(&rd, b, true);
	return b;
}

static void
journey_state_merge(void *into, const void *from)
{
	journey_builder_add_builder(into, from);
}

const AggStateClass journey_state_class = {
	"journey_state", "a journey state",
	journey_state_create, journey_state_read, journey_state_size,
	journey_state_write, journey_state_merge
};

Datum
journey_state_combine(PG_FUNCTION_ARGS)
{
	return agg_state_combine(&journey_state_class, fcinfo, "journey_state_combine");
}

Datum
journey_state_in(PG_FUNCTION_ARGS)
{
	return agg_state_in(&journey_state_class, fcinfo);
}

Datum
journey_state_out(PG_FUNCTION_ARGS)
{
	return agg_state_out(&journey_state_class, fcinfo);
}

Datum
journey_state_recv(PG_FUNCTION_ARGS)
{
	return agg_state_recv(&journey_state_class, fcinfo);
}

Datum
journey_state_send(PG_FUNCTION_ARGS)
{
	return agg_state_send(&journey_state_class, fcinfo);
}
