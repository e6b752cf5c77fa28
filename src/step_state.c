/*-------------------------------------------------------------------------
 *
 * step_state.c
 *	  The (time, step mask) state shared by funnels and sequence matching.
 *
 * See step_state.h.  Order of events: by time, then by the lowest step the
 * event satisfies (events satisfying none, kept only with keep_empty, come
 * first), then by the whole mask.  So events at the same instant
 * are seen in step order (a tie can advance a funnel), and the order is the
 * same however the rows arrived — the row-level aggregates and the journey
 * overloads sort identically and hence agree.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "sort.h"
#include "step_state.h"
#include "varint.h"

StepState *
step_state_new(MemoryContext mcxt)
{
	StepState  *st = MemoryContextAllocZero(mcxt, sizeof(StepState));

	st->mcxt = mcxt;
	st->sorted = true;
	return st;
}

/* The lowest set bit of a mask, -1 for an empty mask (sorts first). */
static inline int
step_lowest(uint64 mask)
{
	return mask == 0 ? -1 : pg_rightmost_one_pos64(mask);
}

void
step_too_many(int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("too many steps: %lld", (long long) n),
			 errdetail("At most %d step conditions are supported.", STEP_MAX_STEPS),
			 errhint("Split the conditions over several calls of at most %d each.", STEP_MAX_STEPS)));
}

/*
 * The mask of the true elements of a one-dimensional boolean array (NULL
 * counts as false); *nsteps receives the array's length.
 */
uint64
step_mask_from_array(ArrayType *conds, int32 *nsteps)
{
	int			n;
	uint64		mask = 0;
	bits8	   *bitmap = ARR_NULLBITMAP(conds);	/* NULL when no NULLs */
	bool	   *data = (bool *) ARR_DATA_PTR(conds);
	int			i,
				k = 0;			/* index among the non-NULL elements */

	if (ARR_ELEMTYPE(conds) != BOOLOID)
		elog(ERROR, "step conditions must be boolean");
	if (ARR_NDIM(conds) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("step conditions must be a one-dimensional array")));
	n = ARR_NDIM(conds) == 0 ? 0 : ARR_DIMS(conds)[0];
	if (n > STEP_MAX_STEPS)
		step_too_many(n);
	for (i = 0; i < n; i++)
	{
		if (bitmap && !(bitmap[i / 8] & (1 << (i % 8))))
			continue;			/* NULL: false, and it has no data slot */
		if (data[k++])
			mask |= UINT64CONST(1) << i;
	}
	*nsteps = n;
	return mask;
}

/* Fix the number of steps; every row of a group must have the same. */
void
step_state_set_nsteps(StepState *st, int32 nsteps)
{
	if (st->nsteps == 0)
		st->nsteps = nsteps;
	else if (st->nsteps != nsteps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of step conditions changed from %d to %d within a group",
						st->nsteps, nsteps)));
}

void
step_state_add(StepState *st, int64 ts, uint64 mask)
{
	StepEvent  *e;

	if (mask == 0 && !st->keep_empty)
		return;
	if (st->nevents >= st->maxevents)
	{
		int32		newmax;

		if (st->nevents >= JOURNEY_MAX_GROUP_ROWS)
			journey_too_many_rows("too many matching events");
		newmax = st->maxevents == 0 ? 8 :
			Min(st->maxevents * 2, JOURNEY_MAX_GROUP_ROWS);
		if (st->events == NULL)
			st->events = MemoryContextAllocHuge(st->mcxt, newmax * sizeof(StepEvent));
		else
			st->events = repalloc_huge(st->events, newmax * sizeof(StepEvent));
		st->maxevents = newmax;
	}
	e = &st->events[st->nevents++];
	e->ts = ts;
	e->mask = mask;
	if (st->nevents > 1 && st->sorted)
	{
		StepEvent  *prev = e - 1;

		if (prev->ts > ts ||
			(prev->ts == ts && (step_lowest(prev->mask) > step_lowest(mask) ||
								(step_lowest(prev->mask) == step_lowest(mask) &&
								 prev->mask > mask))))
			st->sorted = false;
	}
}

/*
 * Remember the constant parameters of the call (first time only).
 */
void
step_state_set_params(StepState *st, int64 param_int, uint32 param_flags,
					  const char *text, int32 text_len)
{
	if (st->has_params)
		return;
	st->param_int = param_int;
	st->param_flags = param_flags;
	if (text != NULL)
	{
		st->param_text = MemoryContextAlloc(st->mcxt, text_len + 1);
		memcpy(st->param_text, text, text_len);
		st->param_text[text_len] = '\0';
		st->param_text_len = text_len;
	}
	st->has_params = true;
}

static int
step_event_cmp(const void *pa, const void *pb)
{
	const StepEvent *a = pa;
	const StepEvent *b = pb;
	int			la,
				lb;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	la = step_lowest(a->mask);
	lb = step_lowest(b->mask);
	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->mask != b->mask)
		return a->mask < b->mask ? -1 : 1;
	return 0;
}

/* Sort the events (see the file header for the order); idempotent. */
void
step_state_sort(StepState *st)
{
	if (!st->sorted)
	{
		journey_sort(st->events, st->nevents, sizeof(StepEvent), step_event_cmp);
		st->sorted = true;
	}
}

/*
 * Merge b into a (either may be NULL); the result lives in mcxt.
 */
StepState *
step_state_combine(StepState *a, StepState *b, MemoryContext mcxt)
{
	int32		i;

	if (b == NULL)
		return a;
	if (a == NULL)
		a = step_state_new(mcxt);
	a->keep_empty = a->keep_empty || b->keep_empty;
	if (b->nsteps != 0)
		step_state_set_nsteps(a, b->nsteps);
	if (b->has_params)
		step_state_set_params(a, b->param_int, b->param_flags,
							  b->param_text, b->param_text_len);
	for (i = 0; i < b->nevents; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		step_state_add(a, b->events[i].ts, b->events[i].mask);
	}
	return a;
}

/*
 * Serialized form: version byte, nsteps, a flags byte (bit 0: has_params,
 * bit 1: keep_empty; other bits zero), param_int,
 * param_flags, text length (-1 for none) and bytes, nevents, then
 * (ts, mask) pairs; integers in network order.
 */
bytea *
step_state_serialize(StepState *st)
{
	StringInfoData buf;
	int32		i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, STEP_STATE_VERSION);
	pq_sendint32(&buf, st->nsteps);
	pq_sendbyte(&buf, (st->has_params ? 1 : 0) | (st->keep_empty ? 2 : 0));
	pq_sendint64(&buf, st->param_int);
	pq_sendint32(&buf, st->param_flags);
	pq_sendint32(&buf, st->param_text ? st->param_text_len : -1);
	if (st->param_text)
		pq_sendbytes(&buf, st->param_text, st->param_text_len);
	pq_sendint32(&buf, st->nevents);
	for (i = 0; i < st->nevents; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		pq_sendint64(&buf, st->events[i].ts);
		pq_sendint64(&buf, (int64) st->events[i].mask);
	}
	return pq_endtypsend(&buf);
}

pg_noreturn
static void
bad_state(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized step state: %s", what)));
}

/*
 * Rebuild a state from step_state_serialize's bytes, checking everything.
 */
StepState *
step_state_deserialize(bytea *bytes, MemoryContext mcxt)
{
	StringInfoData buf;
	StepState  *st = step_state_new(mcxt);
	int32		nsteps,
				len,
				n,
				i;
	int64		param_int;
	uint32		param_flags;
	bool		has_params;
	int			flags;
	uint64		allowed;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (buf.len < 1 + 4 + 1 + 8 + 4 + 4 + 4)
		bad_state("truncated");
	if (pq_getmsgbyte(&buf) != STEP_STATE_VERSION)
		bad_state("unsupported version");
	nsteps = pq_getmsgint(&buf, 4);
	if (nsteps < 0 || nsteps > STEP_MAX_STEPS)
		bad_state("invalid number of steps");
	st->nsteps = nsteps;
	flags = pq_getmsgbyte(&buf);
	if ((flags & ~3) != 0)
		bad_state("invalid flags");
	has_params = (flags & 1) != 0;
	st->keep_empty = (flags & 2) != 0;
	param_int = pq_getmsgint64(&buf);
	param_flags = pq_getmsgint(&buf, 4);
	len = pq_getmsgint(&buf, 4);
	if (len < -1 || len > buf.len - buf.cursor)
		bad_state("invalid parameter length");
	if (has_params)
	{
		const char *text = len >= 0 ? pq_getmsgbytes(&buf, len) : NULL;

		step_state_set_params(st, param_int, param_flags, text, Max(len, 0));
	}
	else if (len > 0)
		bad_state("parameter text without parameters");
	if (buf.len - buf.cursor < 4)
		bad_state("truncated");
	n = pq_getmsgint(&buf, 4);
	if (n < 0 || (int64) n * 16 != buf.len - buf.cursor)
		bad_state("invalid number of events");
	allowed = nsteps == 64 ? ~UINT64CONST(0) : (UINT64CONST(1) << nsteps) - 1;
	for (i = 0; i < n; i++)
	{
		int64		ts = pq_getmsgint64(&buf);
		uint64		mask = (uint64) pq_getmsgint64(&buf);

		if ((mask == 0 && !st->keep_empty) || (mask & ~allowed) != 0)
			bad_state("invalid step mask");
		step_state_add(st, ts, mask);
	}
	return st;
}

/* ------------------------------------------------------------------------
 * Stored journeys as step events (step_state.h, JourneySteps)
 * ------------------------------------------------------------------------
 */

/*
 * The number of step labels of a text[], checking that there are at most
 * STEP_MAX_STEPS in one dimension (as journey_steps_get wants them).
 */
int32
step_labels_count(ArrayType *labels)
{
	int32		n;

	if (ARR_NDIM(labels) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("step labels must be a one-dimensional array")));
	n = ARR_NDIM(labels) == 0 ? 0 : ARR_DIMS(labels)[0];
	if (n > STEP_MAX_STEPS)
		step_too_many(n);
	return n;
}

/*
 * The reader of a call site, kept in *slot (fn_extra, or a field of the
 * caller's cache there) and allocated in flinfo->fn_mcxt, set to the step
 * labels of this call.  Called without flinfo (DirectFunctionCall, as
 * funnel_correlation_agg calls journey.funnel_times), a new reader in
 * CurrentMemoryContext serves this call only, and slot is not used.
 * labels must be a one-dimensional text[] of at most STEP_MAX_STEPS
 * elements: the callers check that, with their own messages.  A row with
 * the same labels as the previous one (the usual case: the labels are
 * constants) costs one memcmp of the array.
 */
JourneySteps *
journey_steps_get(FmgrInfo *flinfo, void **slot, ArrayType *labels)
{
	JourneySteps *r = flinfo ? (JourneySteps *) *slot : NULL;
	MemoryContext mcxt = flinfo ? flinfo->fn_mcxt : CurrentMemoryContext;
	MemoryContext old;
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	if (r != NULL && r->array_len == (int32) VARSIZE(labels) &&
		memcmp(r->array, labels, r->array_len) == 0)
		return r;

	old = MemoryContextSwitchTo(mcxt);
	if (r == NULL)
	{
		r = palloc0(sizeof(JourneySteps));
		r->mcxt = mcxt;
		if (flinfo)
			*slot = r;
	}
	else
	{
		/* never matched again if an error interrupts the rebuild */
		r->array_len = -1;
		pfree(r->array);
		pfree(r->step_str);
		pfree(r->step_len);
	}
	r->array = palloc(VARSIZE(labels));
	memcpy(r->array, labels, VARSIZE(labels));
	deconstruct_array((ArrayType *) r->array, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	Assert(n <= STEP_MAX_STEPS);
	r->step_str = palloc(Max(n, 1) * sizeof(char *));
	r->step_len = palloc(Max(n, 1) * sizeof(int32));
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
		{
			/* a length no label has: matches nothing */
			r->step_str[i] = NULL;
			r->step_len[i] = -1;
		}
		else
		{
			/* elements of a flat array are never toasted: no copy */
			text	   *t = DatumGetTextPP(elems[i]);

			r->step_str[i] = VARDATA_ANY(t);
			r->step_len[i] = VARSIZE_ANY_EXHDR(t);
		}
	}
	r->nsteps = n;
	memset(r->len_steps, 0, sizeof(r->len_steps));
	for (i = 0; i < n; i++)
		if (r->step_len[i] >= 0)
			r->len_steps[Min(r->step_len[i], JOURNEY_STEPS_LENGTHS - 1)] |=
				UINT64CONST(1) << i;
	pfree(elems);
	pfree(nulls);
	r->array_len = VARSIZE(labels);
	MemoryContextSwitchTo(old);
	return r;
}

/*
 * Open a stored journey: read its header and dictionary, and give every
 * label the mask of the steps it matches.  Returns the steps some event
 * satisfies.  The value is read in place when it is not compressed or out
 * of line (PG_DETOAST_DATUM_PACKED: a short header is fine, as the format
 * needs no alignment), and must stay valid until journey_steps_read: it
 * lives in the caller's memory context like its argument.
 */
uint64
journey_steps_open(JourneySteps *r, Datum journey)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(journey);
	JourneyHeader h;
	const uint8 *p;
	uint64		present = 0;
	int32		i,
				k;

	journey_read_header((const uint8 *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &h);
	if (h.nlabels > r->maxlabels)
	{
		int32		newmax = Max(h.nlabels, 16);

		if (r->label_mask)
			pfree(r->label_mask);
		r->label_mask = MemoryContextAllocHuge(r->mcxt, newmax * sizeof(uint64));
		r->maxlabels = newmax;
	}
	p = h.labels;
	for (i = 0; i < h.nlabels; i++)
	{
		uint64		len;
		uint64		mask = 0;
		uint64		cand;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (!varint_get(&p, h.end, &len) || len > (uint64) (h.end - p))
			journey_corrupt("truncated label");
		/* only the steps of the label's length are compared */
		cand = r->len_steps[Min(len, JOURNEY_STEPS_LENGTHS - 1)];
		while (cand)
		{
			k = pg_rightmost_one_pos64(cand);
			cand &= cand - 1;
			if (r->step_len[k] == (int32) len &&
				(len == 0 || (r->step_str[k][0] == (char) p[0] &&
							  memcmp(r->step_str[k], p, len) == 0)))
				mask |= UINT64CONST(1) << k;
		}
		r->label_mask[i] = mask;
		present |= mask;
		p += len;
	}
	r->pos = p;
	r->end = h.end;
	r->nevents = h.nevents;
	r->nlabels = h.nlabels;
	r->scale = h.scale;
	return present;
}

/*
 * The step events of the journey opened last, into r->events, in
 * step_state order (see the file header): exactly the events a StepState
 * would keep for the journey's rows.  Events matching no step are kept only
 * with keep_empty.  Returns their number.
 */
int32
journey_steps_read(JourneySteps *r, bool keep_empty)
{
	const uint8 *p = r->pos;
	const uint8 *end = r->end;
	const uint64 *label_mask;
	StepEvent  *ev;
	int64		scale = r->scale;
	int64		ts;
	int32		nevents = r->nevents;
	uint64		nlabels = (uint64) r->nlabels;
	int32		n = 0,
				i;
	bool		sorted = true;
	uint64		v;

	if (nevents == 0)
		return 0;
	if (nevents > r->maxevents)
	{
		int32		newmax = Max(nevents, 64);

		if (r->events)
			pfree(r->events);
		r->events = MemoryContextAllocHuge(r->mcxt, (Size) newmax * sizeof(StepEvent));
		r->maxevents = newmax;
	}
	ev = r->events;
	label_mask = r->label_mask;

	/* the first time is absolute, the others are deltas */
	if (!varint_get(&p, end, &v))
		journey_corrupt("truncated event");
	ts = zigzag_decode(v) * scale;
	for (i = 0;;)
	{
		uint64		mask;

		if (!varint_get(&p, end, &v) || v >= nlabels)
			journey_corrupt("invalid label index");
		mask = label_mask[v];

		/*
		 * Written in any case and kept by advancing n (n <= i, so there is
		 * room): whether an event matches a step is data, and a branch on it
		 * is mispredicted half of the time.
		 */
		ev[n].ts = ts;
		ev[n].mask = mask;
		/* the journey is in time order; equal times may need sorting */
		if (unlikely(n > 0 && ev[n - 1].ts == ts) && (mask != 0 || keep_empty) &&
			step_event_cmp(&ev[n - 1], &ev[n]) > 0)
			sorted = false;
		n += (mask != 0) | keep_empty;
		if (++i >= nevents)
			break;
		JOURNEY_CHECK_INTERRUPTS(i);
		if (!varint_get(&p, end, &v))
			journey_corrupt("truncated event");
		ts += (int64) v * scale;
	}
	if (!sorted)
		journey_sort(ev, n, sizeof(StepEvent), step_event_cmp);
	return n;
}

/*
 * An interval as an absolute number of microseconds: a day counts 24 hours
 * and a month 30 days (as in EXTRACT(EPOCH FROM interval)), so windows are
 * durations that do not stretch or shrink across daylight-saving changes.
 * Negative intervals are rejected.
 */
int64
interval_to_usec(Interval *iv, const char *what)
{
	int64		days = (int64) iv->month * DAYS_PER_MONTH + iv->day;
	int64		result;

	if (pg_mul_s64_overflow(days, USECS_PER_DAY, &result) ||
		pg_add_s64_overflow(result, iv->time, &result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range", what)));
	if (result < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", what)));
	return result;
}
