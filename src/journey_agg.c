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
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "journey.h"

PG_FUNCTION_INFO_V1(journey_agg_trans);
PG_FUNCTION_INFO_V1(journey_agg_final);
PG_FUNCTION_INFO_V1(journey_agg_combine);
PG_FUNCTION_INFO_V1(journey_agg_serial);
PG_FUNCTION_INFO_V1(journey_agg_deserial);

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
 * Serialized state (journey_agg_serial, for journey_agg and merge_agg),
 * integers in network order:
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

/*
 * journey_agg_serial: the state's bytes (see above).
 */
Datum
journey_agg_serial(PG_FUNCTION_ARGS)
{
	JourneyBuilder *b = (JourneyBuilder *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	bool		values = false;
	int32		i;

	journey_agg_context(fcinfo, "journey_agg_serial");
	for (i = 0; i < b->nevents && !values; i++)
		values = b->events[i].has_value;

	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, 10 + b->label_bytes + 4 * b->nlabels +
					  (int64) b->nevents * (values ? 21 : 12));
	pq_sendbyte(&buf, JOURNEY_AGG_STATE_VERSION);
	pq_sendbyte(&buf, values ? JOURNEY_AGG_STATE_VALUES : 0);
	pq_sendint32(&buf, b->nlabels);
	for (i = 0; i < b->nlabels; i++)
	{
		pq_sendint32(&buf, b->labels[i].len);
		pq_sendbytes(&buf, b->labels[i].str, b->labels[i].len);
	}
	pq_sendint32(&buf, b->nevents);
	for (i = 0; i < b->nevents; i++)
	{
		const JourneyEvent *e = &b->events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		pq_sendint64(&buf, e->ts);
		pq_sendint32(&buf, e->label);
		if (values)
		{
			pq_sendbyte(&buf, e->has_value ? 1 : 0);
			if (e->has_value)
				pq_sendfloat8(&buf, e->value);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

pg_noreturn
static void
bad_state(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized journey_agg state: %s", what)));
}

/* pq_getmsg* reads, each first checked against the length */
static void
rd_need(StringInfo r, int64 n)
{
	if (n < 0 || n > r->len - r->cursor)
		bad_state("truncated");
}

static int32
rd_i32(StringInfo r)
{
	rd_need(r, 4);
	return (int32) pq_getmsgint(r, 4);
}

/*
 * journey_agg_deserial: rebuild a state from journey_agg_serial's bytes.
 * They are untrusted (the SQL function takes any bytea), so everything is
 * checked as binary input checks it: version, flags, counts against the
 * bytes left and the limits, label lengths and encoding, label indexes,
 * timestamps, the value flags.
 *
 * The state is only read by the combine function that follows (PostgreSQL
 * never hands a deserialized state to anything else), which adds its
 * events to the group's state in the aggregate context, interning its
 * labels there.  So it is a builder in name only, as cheap as can be: its
 * labels point into the bytes (a label given twice in crafted bytes is
 * merged by that interning), its events are one array, and it lives in the
 * current (per input tuple) memory context, as the results of PostgreSQL's
 * own deserialization functions do, so that the aggregate context does not
 * keep a dead copy of every partial state.
 */
Datum
journey_agg_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData r;
	JourneyBuilder *b;
	int32		nlabels,
				nevents,
				i;
	int			flags;

	(void) journey_agg_context(fcinfo, "journey_agg_deserial");
	r.data = VARDATA_ANY(bytes);
	r.len = VARSIZE_ANY_EXHDR(bytes);
	r.maxlen = r.len;
	r.cursor = 0;

	rd_need(&r, 2);
	if (pq_getmsgbyte(&r) != JOURNEY_AGG_STATE_VERSION)
		bad_state("unsupported version");
	flags = pq_getmsgbyte(&r);
	if (flags & ~JOURNEY_AGG_STATE_VALUES)
		bad_state("invalid flags");

	b = journey_builder_new(CurrentMemoryContext);
	nlabels = rd_i32(&r);
	/* every label takes at least 4 bytes */
	if (nlabels < 0 || nlabels > (r.len - r.cursor) / 4)
		bad_state("invalid number of labels");
	b->labels = palloc(Max(nlabels, 1) * sizeof(JourneyLabel));
	b->nlabels = b->maxlabels = nlabels;
	for (i = 0; i < nlabels; i++)
	{
		int32		len = rd_i32(&r);
		const char *str;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (len < 0 || len > JOURNEY_MAX_LABEL_LEN)
			bad_state("invalid label length");
		rd_need(&r, len);
		str = pq_getmsgbytes(&r, len);
		if (!pg_verifymbstr(str, len, true))
			bad_state("label is not valid in the database encoding");
		b->labels[i].str = str;
		b->labels[i].len = len;
	}
	nevents = rd_i32(&r);
	/* every event takes at least 12 bytes */
	if (nevents < 0 || nevents > JOURNEY_MAX_EVENTS ||
		nevents > (r.len - r.cursor) / 12)
		bad_state("invalid number of events");
	b->events = palloc(Max(nevents, 1) * sizeof(JourneyEvent));
	b->maxevents = Max(nevents, 1);
	for (i = 0; i < nevents; i++)
	{
		JourneyEvent *e = &b->events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		rd_need(&r, 12);
		e->ts = pq_getmsgint64(&r);
		e->label = (int32) pq_getmsgint(&r, 4);
		e->has_value = false;
		e->value = 0.0;
		if (e->ts < JOURNEY_MIN_TS || e->ts >= JOURNEY_END_TS)
			bad_state("timestamp out of range");
		if (e->label < 0 || e->label >= nlabels)
			bad_state("label index out of range");
		if (flags & JOURNEY_AGG_STATE_VALUES)
		{
			int			hv;

			rd_need(&r, 1);
			hv = pq_getmsgbyte(&r);
			if (hv != 0 && hv != 1)
				bad_state("invalid value flag");
			if (hv)
			{
				rd_need(&r, 8);
				e->has_value = true;
				e->value = pq_getmsgfloat8(&r);
			}
		}
	}
	b->nevents = nevents;
	if (r.cursor != r.len)
		bad_state("trailing bytes");
	PG_RETURN_POINTER(b);
}
