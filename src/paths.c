/*-------------------------------------------------------------------------
 *
 * paths.c
 *	  Path analytics for flow and Sankey charts: the transitions of a
 *	  journey, and the labels after or before an anchor event, both over
 *	  stored journeys and (as aggregates) over raw event rows.
 *
 * Order of events.  Stored journeys are in canonical order: timestamp, then
 * label bytes (memcmp, shorter first on a common prefix).  The row-level
 * aggregates sort their rows the same way, so that
 *
 *		journey.path_after(ts, label, label = 'x', n)
 *	  = journey.path_after(journey.journey_agg(ts, label), 'x', n)
 *
 * for every group.  Rows that tie on both timestamp and label are put with
 * the anchor rows first; which of two identical labels comes first cannot
 * change a path, only which row counts as the anchor when the anchor
 * condition looks at more than the label.
 *
 * Aggregate state.  The (time, label, anchor) triples of the group, labels
 * interned through a JourneyBuilder (so a label is stored once per group),
 * 16 bytes an event.  Every row is kept: rows arrive in any order and an
 * earlier anchor may still come, so no row can be dropped before the final
 * function.  The steps argument (and the occurrence) must be the same in
 * every row of a group; they travel in the state.
 *
 * The SQL type journey.path_state carries the state between processes and
 * nodes (parallel workers, Citus workers), through the machinery of
 * agg_state.h: flat, a varlena whose data is the serialized form below
 * (text form: its base64); inside an aggregate, an expanded object updated
 * in place.  The state keeps every row, so a partial state is as large as
 * the rows it read: Citus ships states instead of raw columns, not fewer
 * bytes (doc/distributed.md).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "agg_state.h"
#include "journey.h"
#include "sort.h"

#define PATH_STATE_VERSION	1

/* Which anchor: the first or the last event where the anchor holds. */
#define PATH_OCC_UNSET	0
#define PATH_OCC_FIRST	1
#define PATH_OCC_LAST	2

PG_FUNCTION_INFO_V1(journey_transitions);
PG_FUNCTION_INFO_V1(journey_path_after);
PG_FUNCTION_INFO_V1(journey_path_before);
PG_FUNCTION_INFO_V1(path_agg_trans);
PG_FUNCTION_INFO_V1(path_after_final);
PG_FUNCTION_INFO_V1(path_before_final);
PG_FUNCTION_INFO_V1(path_agg_combine);
PG_FUNCTION_INFO_V1(path_agg_serial);
PG_FUNCTION_INFO_V1(path_agg_deserial);
PG_FUNCTION_INFO_V1(journey_path_state_in);
PG_FUNCTION_INFO_V1(journey_path_state_out);
PG_FUNCTION_INFO_V1(journey_path_state_recv);
PG_FUNCTION_INFO_V1(journey_path_state_send);
PG_FUNCTION_INFO_V1(journey_path_state_combine);

typedef struct PathEvent
{
	int64		ts;				/* timestamptz microseconds or bigint epoch */
	int32		label;			/* index into the state's labels */
	bool		anchor;
} PathEvent;

typedef struct PathState
{
	MemoryContext mcxt;
	int32		steps;			/* 0 = not known yet */
	int32		occurrence;		/* PATH_OCC_* */
	int32		nevents;
	int32		maxevents;
	int32		nanchors;
	PathEvent  *events;
	JourneyBuilder labels;		/* used for its label dictionary only */
} PathState;

static const AggStateClass path_state_class;

/* ------------------------------------------------------------------------
 * Argument checks shared by the journey functions and the aggregates
 * ------------------------------------------------------------------------
 */

static void
check_steps(int32 steps)
{
	if (steps < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of steps must be at least 1, not %d", steps)));
}

static int32
parse_occurrence(text *t)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);

	if (len == 5 && memcmp(s, "first", 5) == 0)
		return PATH_OCC_FIRST;
	if (len == 4 && memcmp(s, "last", 4) == 0)
		return PATH_OCC_LAST;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid occurrence \"%s\"", text_to_cstring(t)),
			 errhint("Valid occurrences are \"first\" and \"last\".")));
	return PATH_OCC_UNSET;		/* keep compiler quiet */
}

/*
 * The labels of events [from, to) as a text[]; lidx[i] indexes labels.
 * An empty range gives an empty array.
 */
static ArrayType *
build_path(const JourneyLabel *labels, const int32 *lidx, int32 from, int32 to)
{
	Datum	   *elems;
	int32		i;
	ArrayType  *result;

	if (to <= from)
		return construct_empty_array(TEXTOID);
	elems = palloc((to - from) * sizeof(Datum));
	for (i = from; i < to; i++)
	{
		const JourneyLabel *l = &labels[lidx[i]];

		elems[i - from] = PointerGetDatum(cstring_to_text_with_len(l->str, l->len));
	}
	result = construct_array(elems, to - from, TEXTOID, -1, false, TYPALIGN_INT);
	for (i = 0; i < to - from; i++)
		pfree(DatumGetPointer(elems[i]));
	pfree(elems);
	return result;
}

/*
 * The range of events a path covers, given the anchor's position a among n
 * events: up to steps events after it, or up to steps events before it.
 */
static void
path_range(int32 n, int32 a, int32 steps, bool after, int32 *from, int32 *to)
{
	if (after)
	{
		*from = a + 1;
		*to = (int32) Min((int64) n, (int64) a + 1 + steps);
	}
	else
	{
		*from = (int32) Max((int64) 0, (int64) a - steps);
		*to = a;
	}
}

/* ------------------------------------------------------------------------
 * Over stored journeys
 * ------------------------------------------------------------------------
 */

typedef struct TransitionsCtx
{
	JourneyData jd;
	bool		with_ends;
	int32		next;			/* index of the next row to return */
	int32		nrows;
} TransitionsCtx;

/*
 * transitions(j journey, with_ends boolean DEFAULT false)
 *	 -> TABLE(step integer, from_label text, to_label text, seconds float8)
 *
 * Row k (k = 1 .. n-1) is event k -> event k+1 with the seconds between
 * them.  With with_ends, row 0 is NULL -> event 1 and row n is event n ->
 * NULL, both with NULL seconds.  An empty journey has no rows.
 */
Datum
journey_transitions(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	TransitionsCtx *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		TupleDesc	tupdesc;
		Journey    *j;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);

		/* Detoast here: the decoded labels point into the journey. */
		j = PG_GETARG_JOURNEY_P(0);
		ctx = palloc(sizeof(TransitionsCtx));
		journey_decode(j, &ctx->jd);
		ctx->with_ends = PG_GETARG_BOOL(1);
		if (ctx->jd.nevents == 0)
			ctx->nrows = 0;
		else if (ctx->with_ends)
			ctx->nrows = ctx->jd.nevents + 1;
		else
			ctx->nrows = ctx->jd.nevents - 1;
		ctx->next = 0;
		funcctx->user_fctx = ctx;
		MemoryContextSwitchTo(oldcontext);
	}

	funcctx = SRF_PERCALL_SETUP();
	ctx = (TransitionsCtx *) funcctx->user_fctx;

	if (ctx->next < ctx->nrows)
	{
		const JourneyData *jd = &ctx->jd;
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		int32		step;
		int32		from;		/* event index (0-based) of the source */
		HeapTuple	tuple;

		/* step numbers: 1 = first pair; 0 and n are the ends */
		step = ctx->with_ends ? ctx->next : ctx->next + 1;
		from = step - 1;
		ctx->next++;

		values[0] = Int32GetDatum(step);
		if (from < 0)
			nulls[1] = true;
		else
			values[1] = PointerGetDatum(cstring_to_text_with_len(jd->labels[jd->events[from].label].str,
																 jd->labels[jd->events[from].label].len));
		if (from + 1 >= jd->nevents)
			nulls[2] = true;
		else
			values[2] = PointerGetDatum(cstring_to_text_with_len(jd->labels[jd->events[from + 1].label].str,
																 jd->labels[jd->events[from + 1].label].len));
		if (nulls[1] || nulls[2])
			nulls[3] = true;
		else
			values[3] = Float8GetDatum((float8) (jd->events[from + 1].ts - jd->events[from].ts) / 1000000.0);

		tuple = heap_form_tuple(funcctx->tuple_desc, values, nulls);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * path_after / path_before over a journey: the anchor is the first or last
 * event whose label equals the given label.
 */
static Datum
journey_path(FunctionCallInfo fcinfo, bool after)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	text	   *label = PG_GETARG_TEXT_PP(1);
	int32		steps = PG_GETARG_INT32(2);
	int32		occurrence = parse_occurrence(PG_GETARG_TEXT_PP(3));
	const char *lstr = VARDATA_ANY(label);
	int32		llen = VARSIZE_ANY_EXHDR(label);
	JourneyData jd;
	int32		li = -1;
	int32		anchor = -1;
	int32	   *lidx;
	int32		from,
				to,
				i;
	ArrayType  *result;

	check_steps(steps);
	journey_decode(j, &jd);
	for (i = 0; i < jd.nlabels; i++)
	{
		if (jd.labels[i].len == llen && memcmp(jd.labels[i].str, lstr, llen) == 0)
		{
			li = i;
			break;
		}
	}
	if (li >= 0)
	{
		if (occurrence == PATH_OCC_FIRST)
		{
			for (i = 0; i < jd.nevents && anchor < 0; i++)
				if (jd.events[i].label == li)
					anchor = i;
		}
		else
		{
			for (i = jd.nevents - 1; i >= 0 && anchor < 0; i--)
				if (jd.events[i].label == li)
					anchor = i;
		}
	}
	if (anchor < 0)
		PG_RETURN_NULL();		/* the label does not occur */

	path_range(jd.nevents, anchor, steps, after, &from, &to);
	lidx = palloc(Max(jd.nevents, 1) * sizeof(int32));
	for (i = from; i < to; i++)
		lidx[i] = jd.events[i].label;
	result = build_path(jd.labels, lidx, from, to);
	pfree(lidx);
	pfree(jd.events);
	pfree(jd.labels);
	PG_RETURN_ARRAYTYPE_P(result);
}

Datum
journey_path_after(PG_FUNCTION_ARGS)
{
	return journey_path(fcinfo, true);
}

Datum
journey_path_before(PG_FUNCTION_ARGS)
{
	return journey_path(fcinfo, false);
}

/* ------------------------------------------------------------------------
 * Aggregates over event rows
 * ------------------------------------------------------------------------
 */

static PathState *
path_state_new(MemoryContext mcxt)
{
	PathState  *st = MemoryContextAllocZero(mcxt, sizeof(PathState));

	st->mcxt = mcxt;
	journey_builder_init(&st->labels, mcxt);
	return st;
}

/* Fix steps and occurrence; every row of a group must agree. */
static void
path_state_set_params(PathState *st, int32 steps, int32 occurrence)
{
	if (st->steps == 0)
		st->steps = steps;
	else if (st->steps != steps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of steps changed from %d to %d within a group",
						st->steps, steps),
				 errhint("Pass the same number of steps in every row, usually a constant.")));
	if (st->occurrence == PATH_OCC_UNSET)
		st->occurrence = occurrence;
	else if (st->occurrence != occurrence)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("occurrence changed within a group"),
				 errhint("Pass the same occurrence in every row, usually a constant.")));
}

static void
path_state_add(PathState *st, int64 ts, int32 label, bool anchor)
{
	PathEvent  *e;

	if (st->nevents >= st->maxevents)
	{
		int32		newmax;

		if (st->nevents >= JOURNEY_MAX_GROUP_ROWS)
			journey_too_many_rows("too many events");
		newmax = st->maxevents == 0 ? 16 :
			Min(st->maxevents * 2, JOURNEY_MAX_GROUP_ROWS);
		if (st->events == NULL)
			st->events = MemoryContextAllocHuge(st->mcxt, newmax * sizeof(PathEvent));
		else
			st->events = repalloc_huge(st->events, newmax * sizeof(PathEvent));
		st->maxevents = newmax;
	}
	e = &st->events[st->nevents++];
	e->ts = ts;
	e->label = label;
	e->anchor = anchor;
	if (anchor)
		st->nanchors++;
}

/*
 * path_agg_trans(state, ts, label, anchor, steps [, occurrence]).  ts is a
 * timestamptz or a bigint: both are int64 datums.  Not strict: the first
 * call has no state, rows with a NULL timestamp or label are skipped and a
 * NULL anchor counts as false.  steps and occurrence are checked on every
 * row, skipped or not.  Returns the read-write expanded state, updated in
 * place (also as the internal state of the 0.2.0 definitions).
 */
Datum
path_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "path_agg_trans");
	ExpandedAggState *state;
	PathState  *st;
	int32		steps;
	int32		occurrence = PATH_OCC_FIRST;
	text	   *label;
	int32		li;

	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("number of steps must not be NULL")));
	steps = PG_GETARG_INT32(4);
	check_steps(steps);
	if (PG_NARGS() > 5)
	{
		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("occurrence must not be NULL")));
		occurrence = parse_occurrence(PG_GETARG_TEXT_PP(5));
	}

	state = agg_state_for_update(&path_state_class, fcinfo, 0, aggcontext);
	st = state->obj;
	path_state_set_params(st, steps, occurrence);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_DATUM(agg_state_datum(state));
	label = PG_GETARG_TEXT_PP(2);
	li = journey_builder_label(&st->labels, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));
	path_state_add(st, PG_GETARG_INT64(1), li,
				   !PG_ARGISNULL(3) && PG_GETARG_BOOL(3));
	PG_RETURN_DATUM(agg_state_datum(state));
}

/* Label order of the journey type: bytes, shorter first on a common prefix. */
static int
path_label_ptr_cmp(const void *pa, const void *pb)
{
	const JourneyLabel *a = *(const JourneyLabel *const *) pa;
	const JourneyLabel *b = *(const JourneyLabel *const *) pb;
	int			r = memcmp(a->str, b->str, Min(a->len, b->len));

	if (r != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

static int
path_event_cmp(const void *pa, const void *pb, void *arg)
{
	const PathEvent *a = pa;
	const PathEvent *b = pb;
	const int32 *rank = arg;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->label != b->label)
		return rank[a->label] < rank[b->label] ? -1 : 1;
	return (int) b->anchor - (int) a->anchor;	/* anchors first */
}

/*
 * Sort the state's events: time, label bytes, anchors first.  Reorders in
 * place without changing the multiset of events, so the final functions
 * can be READ_ONLY (window use, shared states).
 */
static void
path_state_sort(PathState *st)
{
	int32		nlabels = st->labels.nlabels;
	int32	   *rank;
	int32		i;
	bool		sorted = true;

	if (st->nevents < 2)
		return;
	rank = palloc(Max(nlabels, 1) * sizeof(int32));
	if (nlabels > 0)
	{
		JourneyLabel **ptrs = palloc(nlabels * sizeof(JourneyLabel *));

		for (i = 0; i < nlabels; i++)
			ptrs[i] = &st->labels.labels[i];
		journey_sort(ptrs, nlabels, sizeof(JourneyLabel *), path_label_ptr_cmp);
		for (i = 0; i < nlabels; i++)
			rank[ptrs[i] - st->labels.labels] = i;
		pfree(ptrs);
	}
	for (i = 1; i < st->nevents && sorted; i++)
		if (path_event_cmp(&st->events[i - 1], &st->events[i], rank) > 0)
			sorted = false;
	if (!sorted)
		journey_sort_arg(st->events, st->nevents, sizeof(PathEvent), path_event_cmp, rank);
	pfree(rank);
}

static Datum
path_final(FunctionCallInfo fcinfo, bool after)
{
	PathState  *st;
	int32		anchor = -1;
	int32		from,
				to,
				i;
	int32	   *lidx;
	ArrayType  *result;

	journey_agg_context(fcinfo, after ? "path_after_final" : "path_before_final");
	st = agg_state_getarg(&path_state_class, fcinfo, 0);
	if (st == NULL || st->nanchors == 0)
		PG_RETURN_NULL();		/* no row where the anchor holds */

	path_state_sort(st);
	if (st->occurrence == PATH_OCC_LAST)
	{
		for (i = st->nevents - 1; i >= 0 && anchor < 0; i--)
			if (st->events[i].anchor)
				anchor = i;
	}
	else
	{
		for (i = 0; i < st->nevents && anchor < 0; i++)
			if (st->events[i].anchor)
				anchor = i;
	}
	Assert(anchor >= 0);

	path_range(st->nevents, anchor, st->steps, after, &from, &to);
	lidx = palloc(Max(st->nevents, 1) * sizeof(int32));
	for (i = from; i < to; i++)
		lidx[i] = st->events[i].label;
	result = build_path(st->labels.labels, lidx, from, to);
	pfree(lidx);
	PG_RETURN_ARRAYTYPE_P(result);
}

Datum
path_after_final(PG_FUNCTION_ARGS)
{
	return path_final(fcinfo, true);
}

Datum
path_before_final(PG_FUNCTION_ARGS)
{
	return path_final(fcinfo, false);
}

/* Append every event of b to a, re-interning b's labels. */
static void
path_state_merge(PathState *a, const PathState *b)
{
	int32	   *map;
	int32		i;

	if (b->steps != 0)
		path_state_set_params(a, b->steps, b->occurrence);
	if (b->nevents == 0)
		return;
	map = palloc(Max(b->labels.nlabels, 1) * sizeof(int32));
	for (i = 0; i < b->labels.nlabels; i++)
		map[i] = journey_builder_label(&a->labels, b->labels.labels[i].str,
									   b->labels.labels[i].len);
	for (i = 0; i < b->nevents; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		path_state_add(a, b->events[i].ts, map[b->events[i].label],
					   b->events[i].anchor);
	}
	pfree(map);
}

/* ------------------------------------------------------------------------
 * Serialized form, integers in network order: version byte, steps (int32),
 * occurrence (byte), nlabels (int32), then per label its length (int32) and
 * bytes, each label distinct and valid in the database encoding, nevents
 * (int32), then per event ts (int64), label index (int32) and anchor (byte
 * 0 or 1).  Steps 0 with occurrence 0 is a state that has seen no row.
 * ------------------------------------------------------------------------
 */
#define PATH_EVENT_BYTES	(8 + 4 + 1)

static Size
path_state_size(const void *obj)
{
	const PathState *st = obj;
	Size		size = 1 + 4 + 1 + 4 + 4 + (Size) st->nevents * PATH_EVENT_BYTES;
	int32		i;

	for (i = 0; i < st->labels.nlabels; i++)
		size += 4 + st->labels.labels[i].len;
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("path state is too large to be sent"),
				 errdetail("It holds %d events with %d distinct labels.",
						   st->nevents, st->labels.nlabels)));
	return size;
}

static void
path_state_write(const void *obj, char *dst, Size size)
{
	const PathState *st = obj;
	char	   *p = dst;
	int32		i;

	*p++ = PATH_STATE_VERSION;
	p = put_int32(p, st->steps);
	*p++ = (char) st->occurrence;
	p = put_int32(p, st->labels.nlabels);
	for (i = 0; i < st->labels.nlabels; i++)
	{
		p = put_int32(p, st->labels.labels[i].len);
		memcpy(p, st->labels.labels[i].str, st->labels.labels[i].len);
		p += st->labels.labels[i].len;
	}
	p = put_int32(p, st->nevents);
	for (i = 0; i < st->nevents; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		p = put_int64(p, st->events[i].ts);
		p = put_int32(p, st->events[i].label);
		*p++ = st->events[i].anchor ? 1 : 0;
	}
	if (p - dst != size)
		elog(ERROR, "path state of %zu bytes written as %zu",
			 (size_t) size, (size_t) (p - dst));
}

pg_noreturn
static void
bad_path_state(int code, const char *what)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid serialized path state: %s", what)));
}

/* Read an int32 after checking that 4 bytes remain. */
static int32
get_int32(StringInfo buf, int code)
{
	if (buf->len - buf->cursor < 4)
		bad_path_state(code, "truncated");
	return (int32) pq_getmsgint(buf, 4);
}

/*
 * Read the serialized form (data, len) into a new state in mcxt.  The
 * bytes are untrusted (binary or text input, a parallel worker's tuple, a
 * Citus worker's text): every length, index and flag is checked, errors
 * have SQLSTATE code (22P03 binary, 22P02 text input).  Only the canonical
 * form is accepted (distinct labels, nothing left over), so a value that
 * reads back writes the same bytes.
 */
static void *
path_state_read(const char *data, Size len, MemoryContext mcxt, int code)
{
	StringInfoData buf;
	PathState  *st;
	int32		steps,
				occurrence,
				nlabels,
				nevents,
				i;

	if (len > MaxAllocSize)
		bad_path_state(code, "too long");
	buf.data = (char *) data;
	buf.len = (int) len;
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (buf.len < 1 + 4 + 1)
		bad_path_state(code, "truncated");
	if (pq_getmsgbyte(&buf) != PATH_STATE_VERSION)
		bad_path_state(code, "unsupported version");
	steps = (int32) pq_getmsgint(&buf, 4);
	occurrence = pq_getmsgbyte(&buf);
	if (steps < 0 || (steps == 0) != (occurrence == PATH_OCC_UNSET) ||
		occurrence > PATH_OCC_LAST)
		bad_path_state(code, "invalid parameters");

	st = path_state_new(mcxt);
	if (steps != 0)
		path_state_set_params(st, steps, occurrence);

	nlabels = get_int32(&buf, code);
	if (nlabels < 0 || nlabels > (buf.len - buf.cursor) / 4)
		bad_path_state(code, "invalid number of labels");
	for (i = 0; i < nlabels; i++)
	{
		int32		llen = get_int32(&buf, code);
		const char *str;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (llen < 0 || llen > JOURNEY_MAX_LABEL_LEN || llen > buf.len - buf.cursor)
			bad_path_state(code, "invalid label length");
		str = pq_getmsgbytes(&buf, llen);
		if (!pg_verifymbstr(str, llen, true))
			bad_path_state(code, "label is not valid in the database encoding");
		if (journey_builder_label(&st->labels, str, llen) != i)
			bad_path_state(code, "label appears twice");
	}

	nevents = get_int32(&buf, code);
	if (nevents < 0 || (int64) nevents * PATH_EVENT_BYTES != buf.len - buf.cursor)
		bad_path_state(code, "invalid number of events");
	if (nevents > JOURNEY_MAX_GROUP_ROWS)
		bad_path_state(code, "too many events");
	if (nevents > 0 && steps == 0)
		bad_path_state(code, "events without parameters");
	for (i = 0; i < nevents; i++)
	{
		int64		ts = pq_getmsgint64(&buf);
		int32		label = (int32) pq_getmsgint(&buf, 4);
		int			anchor = pq_getmsgbyte(&buf);

		JOURNEY_CHECK_INTERRUPTS(i);
		if (label < 0 || label >= nlabels)
			bad_path_state(code, "label index out of range");
		if (anchor != 0 && anchor != 1)
			bad_path_state(code, "invalid anchor flag");
		path_state_add(st, ts, label, anchor == 1);
	}
	return st;
}

static void *
path_state_create(MemoryContext mcxt)
{
	return path_state_new(mcxt);
}

static void
path_state_merge_obj(void *into, const void *from)
{
	path_state_merge(into, from);
}

static const AggStateClass path_state_class = {
	"path_state", "a path state",
	path_state_create, path_state_read, path_state_size, path_state_write,
	path_state_merge_obj
};

/* ------------------------------------------------------------------------
 * Type path_state and the combine function (agg_state.c)
 * ------------------------------------------------------------------------
 */

Datum
journey_path_state_combine(PG_FUNCTION_ARGS)
{
	return agg_state_combine(&path_state_class, fcinfo, "path_state_combine");
}

Datum
journey_path_state_in(PG_FUNCTION_ARGS)
{
	return agg_state_in(&path_state_class, fcinfo);
}

Datum
journey_path_state_out(PG_FUNCTION_ARGS)
{
	return agg_state_out(&path_state_class, fcinfo);
}

Datum
journey_path_state_recv(PG_FUNCTION_ARGS)
{
	return agg_state_recv(&path_state_class, fcinfo);
}

Datum
journey_path_state_send(PG_FUNCTION_ARGS)
{
	return agg_state_send(&path_state_class, fcinfo);
}

/*
 * The support functions of 0.2.0 (STYPE = internal), kept so that the
 * aggregates of an installation not yet updated keep working with this
 * library; their internal state is the read-write expanded state.
 */
Datum
path_agg_combine(PG_FUNCTION_ARGS)
{
	return agg_state_combine(&path_state_class, fcinfo, "path_agg_combine");
}

Datum
path_agg_serial(PG_FUNCTION_ARGS)
{
	return agg_state_internal_serial(&path_state_class, fcinfo, "path_agg_serial");
}

Datum
path_agg_deserial(PG_FUNCTION_ARGS)
{
	return agg_state_internal_deserial(&path_state_class, fcinfo, "path_agg_deserial");
}
