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
#include "lib/stringinfo.h"
#include "port/pg_bswap.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "agg_state.h"
#include "sort.h"
#include "step_state.h"
#include "varint.h"

PG_FUNCTION_INFO_V1(journey_step_state_in);
PG_FUNCTION_INFO_V1(journey_step_state_out);
PG_FUNCTION_INFO_V1(journey_step_state_recv);
PG_FUNCTION_INFO_V1(journey_step_state_send);
PG_FUNCTION_INFO_V1(journey_step_state_combine);

/* The allocated size of a state with this much room. */
static Size
step_state_alloc_size(int32 text_len, int32 maxevents)
{
	return STEP_STATE_HDRSZ + MAXALIGN(Max(text_len, 0)) +
		(Size) maxevents * sizeof(StepEvent);
}

/*
 * A new state without parameters, with room for maxevents events, in cxt.
 */
StepState *
step_state_new(MemoryContext cxt, uint8 kind, bool keep_empty, int32 maxevents)
{
	Size		size = step_state_alloc_size(-1, maxevents);
	StepState  *st = MemoryContextAllocZero(cxt, size);

	SET_VARSIZE(st, size);
	st->version = STEP_STATE_VERSION;
	st->kind = kind;
	st->keep_empty = keep_empty;
	st->sorted = true;
	st->maxevents = maxevents;
	st->param_text_len = -1;
	return st;
}

/* The same with its parameters (text may be NULL: none). */
StepState *
step_state_new_params(MemoryContext cxt, uint8 kind, bool keep_empty,
					  int32 maxevents, int64 param_int, uint32 param_flags,
					  const char *text, int32 text_len)
{
	Size		size = step_state_alloc_size(text ? text_len : -1, maxevents);
	StepState  *st = MemoryContextAllocZero(cxt, size);

	SET_VARSIZE(st, size);
	st->version = STEP_STATE_VERSION;
	st->kind = kind;
	st->keep_empty = keep_empty;
	st->sorted = true;
	st->maxevents = maxevents;
	st->has_params = true;
	st->param_int = param_int;
	st->param_flags = param_flags;
	st->param_text_len = text ? text_len : -1;
	if (text)
		memcpy(step_state_text(st), text, text_len);
	return st;
}

/*
 * A copy of st with room for text_len bytes of text and maxevents events
 * (at least its events), allocated and the old one freed as g says.
 */
static StepState *
step_state_realloc(StepState *st, int32 text_len, int32 maxevents,
				   const StepGrow *g)
{
	Size		size = step_state_alloc_size(text_len, maxevents);
	StepState  *n = MemoryContextAlloc(g->cxt, size);
	int32		old_len = Max(st->param_text_len, 0);

	Assert(maxevents >= st->nevents);
	memcpy(n, st, STEP_STATE_HDRSZ);
	SET_VARSIZE(n, size);
	n->maxevents = maxevents;
	n->param_text_len = text_len;
	memset(step_state_text(n), 0, MAXALIGN(Max(text_len, 0)));
	memcpy(step_state_text(n), step_state_text(st), Min(old_len, Max(text_len, 0)));
	memcpy(step_state_events(n), step_state_events(st),
		   (Size) st->nevents * sizeof(StepEvent));
	/* the spare room is zero, so the bytes of a stored state are defined */
	memset(step_state_events(n) + st->nevents, 0,
		   (Size) (maxevents - st->nevents) * sizeof(StepEvent));
	if (g->free_old)
		pfree(st);
	return n;
}

/*
 * Room for events in a state of the given text length allocated with size
 * bytes.
 */
static inline int64
step_state_room(int32 text_len, Size size)
{
	return ((int64) size - (int64) STEP_STATE_HDRSZ - (int64) MAXALIGN(Max(text_len, 0))) /
		(int64) sizeof(StepEvent);
}

/*
 * The room of a new state: as many events as fill 128 bytes (5 without
 * text), or one when the text alone is longer.  Sizes are powers of two
 * because the memory allocator rounds chunks up to them anyway.
 */
int32
step_state_initial_room(int32 text_len)
{
	Size		size = 128;

	while (step_state_room(text_len, size) < 1)
		size *= 2;
	return (int32) step_state_room(text_len, size);
}

/*
 * Room for more events: the allocated size at least doubles (to a power
 * of two), so a group of n rows is copied O(log n) times, O(n) bytes in
 * all.
 */
StepState *
step_state_grow(StepState *st, int32 more, const StepGrow *g)
{
	int64		need = (int64) st->nevents + more;
	Size		size = 128;
	int64		newmax;

	if (need <= st->maxevents)
		return st;
	if (need > JOURNEY_MAX_GROUP_ROWS)
		journey_too_many_rows("too many matching events");
	while (size < 2 * (Size) VARSIZE(st) || step_state_room(st->param_text_len, size) < need)
		size *= 2;
	newmax = Min(step_state_room(st->param_text_len, size), JOURNEY_MAX_GROUP_ROWS);
	return step_state_realloc(st, st->param_text_len, (int32) newmax, g);
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

/*
 * Remember the constant parameters of the call (first time only); the
 * state moves when its text needs more room.
 */
StepState *
step_state_set_params(StepState *st, int64 param_int, uint32 param_flags,
					  const char *text, int32 text_len, const StepGrow *g)
{
	if (st->has_params)
		return st;
	Assert(st->param_text_len < 0);
	if (text != NULL && text_len > 0)
		st = step_state_realloc(st, text_len, st->maxevents, g);
	else if (text != NULL)
		st->param_text_len = 0;
	if (text != NULL)
		memcpy(step_state_text(st), text, text_len);
	st->param_int = param_int;
	st->param_flags = param_flags;
	st->has_params = true;
	return st;
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
		journey_sort(step_state_events(st), st->nevents, sizeof(StepEvent),
					 step_event_cmp);
		st->sorted = true;
	}
}

/*
 * Merge b into a (a non-NULL, of b's kind; the callers check the
 * parameters agree): a, moved as g says when it needs room.  Two sorted
 * states whose events do not interleave stay sorted.
 */
StepState *
step_state_combine(StepState *a, const StepState *b, const StepGrow *g)
{
	const StepEvent *bev;
	StepEvent  *aev;

	Assert(a->kind == b->kind);
	a->keep_empty = a->keep_empty || b->keep_empty;
	if (b->nsteps != 0)
		step_state_set_nsteps(a, b->nsteps);
	if (b->has_params && !a->has_params)
		a = step_state_set_params(a, b->param_int, b->param_flags,
								  b->param_text_len >= 0 ? step_state_text(b) : NULL,
								  b->param_text_len, g);
	if (b->nevents == 0)
		return a;
	a = step_state_grow(a, b->nevents, g);
	aev = step_state_events(a);
	bev = step_state_events(b);
	if (a->sorted &&
		(!b->sorted ||
		 (a->nevents > 0 && step_event_after(&aev[a->nevents - 1], bev[0].ts, bev[0].mask))))
		a->sorted = false;
	/* b keeps rows without a step only if a now does too */
	memcpy(aev + a->nevents, bev, (Size) b->nevents * sizeof(StepEvent));
	a->nevents += b->nevents;
	return a;
}

/*
 * The serialized form (binary form of journey.step_state; its text form is
 * the base64 of it): version byte, kind byte, a flags byte (bit 0:
 * has_params, bit 1: keep_empty, bit 2: sorted; other bits zero), nsteps,
 * param_int, param_flags, text length (-1 for none) and bytes, nevents,
 * then (ts, mask) pairs; integers in network order.  Without parameters,
 * param_int and param_flags are 0 and there is no text.
 */
#define STEP_FLAG_HAS_PARAMS	0x01
#define STEP_FLAG_KEEP_EMPTY	0x02
#define STEP_FLAG_SORTED		0x04
#define STEP_SER_HEADER			(1 + 1 + 1 + 4 + 8 + 4 + 4)

Size
step_state_flat_size(const StepState *st)
{
	return STEP_SER_HEADER + Max(st->param_text_len, 0) + 4 +
		(Size) st->nevents * 16;
}

void
step_state_write(const StepState *st, char *dst)
{
	const StepEvent *ev = step_state_events(st);
	char	   *p = dst;
	int32		i;

	*p++ = STEP_STATE_VERSION;
	*p++ = st->kind;
	*p++ = (st->has_params ? STEP_FLAG_HAS_PARAMS : 0) |
		(st->keep_empty ? STEP_FLAG_KEEP_EMPTY : 0) |
		(st->sorted ? STEP_FLAG_SORTED : 0);
	p = put_int32(p, st->nsteps);
	p = put_int64(p, st->has_params ? st->param_int : 0);
	p = put_int32(p, st->has_params ? (int32) st->param_flags : 0);
	p = put_int32(p, st->has_params ? st->param_text_len : -1);
	if (st->has_params && st->param_text_len > 0)
	{
		memcpy(p, step_state_text(st), st->param_text_len);
		p += st->param_text_len;
	}
	p = put_int32(p, st->nevents);
	for (i = 0; i < st->nevents; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		p = put_int64(p, ev[i].ts);
		p = put_int64(p, (int64) ev[i].mask);
	}
	Assert(p - dst == step_state_flat_size(st));
}

/* The serialized form as a bytea (0.2.0 serialize functions, send). */
bytea *
step_state_serialize(const StepState *st)
{
	Size		size = step_state_flat_size(st);
	bytea	   *result = palloc(VARHDRSZ + size);

	SET_VARSIZE(result, VARHDRSZ + size);
	step_state_write(st, VARDATA(result));
	return result;
}

void
step_state_bad(int code, const char *what)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid serialized step state: %s", what)));
}

static inline int32
read_int32(const char **p)
{
	uint32		v;

	memcpy(&v, *p, 4);
	*p += 4;
	return (int32) pg_ntoh32(v);
}

static inline int64
read_int64(const char **p)
{
	uint64		v;

	memcpy(&v, *p, 8);
	*p += 8;
	return (int64) pg_ntoh64(v);
}

/*
 * A state (in cxt, with no spare room) from its serialized form, which is
 * untrusted: everything is checked, errors are raised with code (22P03
 * for binary, 22P02 for text input).  Every state has one serialized form:
 * fields a state without parameters does not use are zero, and the sorted
 * flag says exactly whether the events are in order.
 */
StepState *
step_state_read(const char *data, Size len, int code, MemoryContext cxt)
{
	const char *p = data;
	const char *end = data + len;
	uint8		kind;
	int			flags;
	int32		nsteps,
				text_len,
				n,
				i;
	int64		param_int;
	uint32		param_flags;
	const char *text = NULL;
	uint64		allowed;
	StepState  *st;
	StepEvent  *ev;
	bool		sorted = true;

	if (len < STEP_SER_HEADER + 4)
		step_state_bad(code, "truncated");
	if ((uint8) *p++ != STEP_STATE_VERSION)
		step_state_bad(code, "unsupported version");
	kind = (uint8) *p++;
	if (kind != STEP_KIND_FUNNEL && kind != STEP_KIND_SEQUENCE)
		step_state_bad(code, "unknown kind");
	flags = (uint8) *p++;
	if ((flags & ~(STEP_FLAG_HAS_PARAMS | STEP_FLAG_KEEP_EMPTY | STEP_FLAG_SORTED)) != 0)
		step_state_bad(code, "invalid flags");
	nsteps = read_int32(&p);
	if (nsteps < 0 || nsteps > STEP_MAX_STEPS)
		step_state_bad(code, "invalid number of steps");
	param_int = read_int64(&p);
	param_flags = (uint32) read_int32(&p);
	text_len = read_int32(&p);
	if (text_len < -1 || text_len > end - p - 4)
		step_state_bad(code, "invalid parameter length");
	if (!(flags & STEP_FLAG_HAS_PARAMS) &&
		(param_int != 0 || param_flags != 0 || text_len != -1))
		step_state_bad(code, "parameters without has_params");
	if (text_len >= 0)
	{
		text = p;
		p += text_len;
	}
	n = read_int32(&p);
	if (n < 0 || n > JOURNEY_MAX_GROUP_ROWS || (int64) n * 16 != end - p)
		step_state_bad(code, "invalid number of events");
	if (n > 0 && (nsteps == 0 || !(flags & STEP_FLAG_HAS_PARAMS)))
		step_state_bad(code, "events without steps or parameters");

	if (flags & STEP_FLAG_HAS_PARAMS)
		st = step_state_new_params(cxt, kind, (flags & STEP_FLAG_KEEP_EMPTY) != 0, n,
								   param_int, param_flags, text, Max(text_len, 0));
	else
		st = step_state_new(cxt, kind, (flags & STEP_FLAG_KEEP_EMPTY) != 0, n);
	st->nsteps = nsteps;
	allowed = nsteps == 64 ? ~UINT64CONST(0) : (UINT64CONST(1) << nsteps) - 1;
	ev = step_state_events(st);
	for (i = 0; i < n; i++)
	{
		int64		ts = read_int64(&p);
		uint64		mask = (uint64) read_int64(&p);

		JOURNEY_CHECK_INTERRUPTS(i);
		if ((mask == 0 && !st->keep_empty) || (mask & ~allowed) != 0)
			step_state_bad(code, "invalid step mask");
		if (i > 0 && sorted && step_event_after(&ev[i - 1], ts, mask))
			sorted = false;
		ev[i].ts = ts;
		ev[i].mask = mask;
	}
	st->nevents = n;
	st->sorted = sorted;
	if (sorted != ((flags & STEP_FLAG_SORTED) != 0))
		step_state_bad(code, "wrong sorted flag");
	if (kind == STEP_KIND_FUNNEL ? !funnel_state_valid(st) : !sequence_state_valid(st))
		step_state_bad(code, kind == STEP_KIND_FUNNEL ? "invalid funnel parameters" :
					   "invalid sequence parameters");
	return st;
}

/*
 * The 0.2.0 deserialize functions (STYPE = internal): a state of the
 * given kind from the bytes, in cxt.
 */
StepState *
step_state_deserialize(bytea *bytes, uint8 kind, MemoryContext cxt)
{
	StepState  *st = step_state_read(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes),
									 ERRCODE_INVALID_BINARY_REPRESENTATION, cxt);

	if (st->kind != kind)
		step_state_bad(ERRCODE_INVALID_BINARY_REPRESENTATION,
					   "state of another aggregate");
	return st;
}

/*
 * Argument argno of a support function of journey.step_state as a state
 * to read or, with for_update, to modify and return: inside an aggregate
 * the aggregate's own state, updated in place; called as a plain function,
 * a copy.  *g is set to where the state grows.
 */
StepState *
step_state_getarg(FunctionCallInfo fcinfo, int argno, bool for_update, StepGrow *g)
{
	struct varlena *raw = (struct varlena *) PG_GETARG_POINTER(argno);
	StepState  *st = (StepState *) PG_DETOAST_DATUM(PointerGetDatum(raw));

	if (g)
	{
		g->cxt = CurrentMemoryContext;
		g->free_old = false;
	}
	if (for_update && (struct varlena *) st == raw && !AggCheckCallContext(fcinfo, NULL))
	{
		StepState  *copy = palloc(VARSIZE(st));

		memcpy(copy, st, VARSIZE(st));
		st = copy;
	}
	return st;
}

/*
 * The state argument of a final function of journey.step_state, of the
 * given kind (NULL for a NULL state), sorted: in place inside an aggregate
 * (the events keep the multiset they form, so the final functions stay
 * READ_ONLY and work with OVER (...)), else in a copy.
 */
StepState *
step_state_final_arg(FunctionCallInfo fcinfo, uint8 kind, const char *fname)
{
	StepState  *st;

	if (PG_ARGISNULL(0))
		return NULL;
	st = step_state_getarg(fcinfo, 0, false, NULL);
	if (st->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized step state: state of another aggregate"),
				 errdetail("%s cannot read a state of %s.", fname,
						   st->kind == STEP_KIND_FUNNEL ? "window_funnel" : "sequence_match or sequence_count")));
	if (!st->sorted)
	{
		if ((Pointer) st == PG_GETARG_POINTER(0) && !AggCheckCallContext(fcinfo, NULL))
		{
			StepState  *copy = palloc(VARSIZE(st));

			memcpy(copy, st, VARSIZE(st));
			st = copy;
		}
		step_state_sort(st);
	}
	return st;
}

/* ------------------------------------------------------------------------
 * The SQL type journey.step_state: I/O and the combine function
 * ------------------------------------------------------------------------
 */

Datum
journey_step_state_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	size_t		n = strlen(s);
	char	   *buf = palloc(n / 4 * 3 + 1);
	Size		len = agg_state_b64_decode("step_state", "a step state", s, n, buf);

	PG_RETURN_POINTER(step_state_read(buf, len, ERRCODE_INVALID_TEXT_REPRESENTATION,
									  CurrentMemoryContext));
}

Datum
journey_step_state_out(PG_FUNCTION_ARGS)
{
	StepState  *st = step_state_getarg(fcinfo, 0, false, NULL);
	Size		size = step_state_flat_size(st);
	char	   *buf = palloc(size);

	step_state_write(st, buf);
	PG_RETURN_CSTRING(agg_state_b64_encode(buf, size));
}

Datum
journey_step_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	StepState  *st = step_state_read(buf->data + buf->cursor, buf->len - buf->cursor,
									 ERRCODE_INVALID_BINARY_REPRESENTATION,
									 CurrentMemoryContext);

	buf->cursor = buf->len;
	PG_RETURN_POINTER(st);
}

Datum
journey_step_state_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(step_state_serialize(step_state_getarg(fcinfo, 0, false, NULL)));
}

/*
 * step_state_combine(a, b): b merged into a, for every aggregate of the
 * type.  Not strict (either may be NULL).  The states must be of one kind
 * (a state of another aggregate can only be a forged one: 22P03) and have
 * the same parameters (22023, as for rows of one group).
 */
Datum
journey_step_state_combine(PG_FUNCTION_ARGS)
{
	StepGrow	g;
	StepState  *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = step_state_getarg(fcinfo, 1, false, NULL);
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(b);	/* nodeAgg copies it into its context */
	a = step_state_getarg(fcinfo, 0, true, &g);
	if (a->kind != b->kind)
		step_state_bad(ERRCODE_INVALID_BINARY_REPRESENTATION,
					   "states of two different aggregates");
	if (a->kind == STEP_KIND_FUNNEL)
		funnel_state_before_combine(a, b);
	else
		sequence_state_before_combine(a, b);
	PG_RETURN_POINTER(step_state_combine(a, b, &g));
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
 * The bytes of a word below n (0 to 8) in memory order: the mask that keeps
 * the first n bytes of a word loaded from memory.
 */
static inline uint64
label_byte_mask(uint64 n)
{
	if (n >= sizeof(uint64))
		return ~UINT64CONST(0);
#ifdef WORDS_BIGENDIAN
	return n == 0 ? 0 : ~UINT64CONST(0) << (64 - 8 * n);
#else
	return (UINT64CONST(1) << (8 * n)) - 1;
#endif
}

/*
 * The first min(len, 16) bytes of a label at p, zero-padded, as two words
 * (bytes 1-8 in *w1, bytes 9-16 in *w2).  A label holds no zero byte (text
 * never does, and binary input checks the encoding of every label), so two
 * labels up to 16 bytes long are equal if and only if their words are, the
 * length included; longer ones only if their words are.  avail is how many
 * bytes may be read at p (at least len): whole words are loaded when 16
 * bytes may be read, and masked to the label's bytes; otherwise (a label at
 * the end of a value, or a row's label) only the label's bytes are read, by
 * overlapping loads on little-endian machines.
 */
static pg_attribute_always_inline void
label_words(const char *p, uint64 len, Size avail, uint64 *w1, uint64 *w2)
{
	uint64		a = 0,
				b = 0;

	if (likely(avail >= 2 * sizeof(uint64)))
	{
		memcpy(&a, p, sizeof(uint64));
		memcpy(&b, p + sizeof(uint64), sizeof(uint64));
		*w1 = a & label_byte_mask(len);
		*w2 = b & label_byte_mask(len > sizeof(uint64) ? len - sizeof(uint64) : 0);
		return;
	}
	/* len <= avail < 16 */
#ifndef WORDS_BIGENDIAN
	if (len >= sizeof(uint64))
	{
		memcpy(&a, p, sizeof(uint64));
		if (len > sizeof(uint64))
		{
			/* bytes len - 8 .. len - 1, shifted down to start at byte 8 */
			memcpy(&b, p + len - sizeof(uint64), sizeof(uint64));
			b >>= 8 * (2 * sizeof(uint64) - len);
		}
	}
	else if (len >= sizeof(uint32))
	{
		uint32		lo,
					hi;

		/* bytes 0 .. 3 and len - 4 .. len - 1, which may overlap */
		memcpy(&lo, p, sizeof(uint32));
		memcpy(&hi, p + len - sizeof(uint32), sizeof(uint32));
		a = lo | ((uint64) hi << (8 * (len - sizeof(uint32))));
	}
	else if (len > 0)
	{
		const uint8 *u = (const uint8 *) p;

		/* bytes 0, len / 2 and len - 1, which may be the same */
		a = u[0] | ((uint64) u[len >> 1] << (8 * (len >> 1))) |
			((uint64) u[len - 1] << (8 * (len - 1)));
	}
#else
	{
		char		buf[2 * sizeof(uint64)] = {0};

		memcpy(buf, p, len);
		memcpy(&a, buf, sizeof(uint64));
		memcpy(&b, buf + sizeof(uint64), sizeof(uint64));
	}
#endif
	*w1 = a;
	*w2 = b;
}

/*
 * Up to this many steps a label is compared with each, without branches:
 * the step arrays have room for this many (the steps after the last have
 * the length -1, which no label has).
 */
#define JOURNEY_STEPS_LINEAR	8

/*
 * The reader of a call site, kept in *slot (fn_extra, or a field of the
 * caller's cache there) and allocated in flinfo->fn_mcxt, set to the step
 * labels of this call.  Called without flinfo (DirectFunctionCall, as
 * funnel_correlation_agg calls journey.funnel_times), a new reader in
 * CurrentMemoryContext serves this call only, and slot is not used.  labels
 * must be a one-dimensional text[] of at most STEP_MAX_STEPS elements: the
 * callers check that (step_labels_count).  When the caller says the labels
 * are the same on every row (stable: a constant or a parameter) they are
 * taken apart at the first row and never looked at again; otherwise a row
 * with the same labels as the previous one costs one memcmp of the array.
 */
JourneySteps *
journey_steps_get(FmgrInfo *flinfo, void **slot, ArrayType *labels, bool stable)
{
	JourneySteps *r = flinfo ? (JourneySteps *) *slot : NULL;
	MemoryContext mcxt = flinfo ? flinfo->fn_mcxt : CurrentMemoryContext;
	MemoryContext old;
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				npad,
				i;

	if (r != NULL && r->array_len >= 0 &&
		(r->stable ||
		 (r->array_len == (int32) VARSIZE(labels) &&
		  memcmp(r->array, labels, r->array_len) == 0)))
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
		pfree(r->step_word);
		pfree(r->step_word2);
	}
	r->array = palloc(VARSIZE(labels));
	memcpy(r->array, labels, VARSIZE(labels));
	deconstruct_array((ArrayType *) r->array, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	Assert(n <= STEP_MAX_STEPS);
	/* room for JOURNEY_STEPS_LINEAR steps at least: see journey_steps_open */
	npad = Max(n, JOURNEY_STEPS_LINEAR);
	r->step_str = palloc(npad * sizeof(char *));
	r->step_len = palloc(npad * sizeof(int32));
	r->step_word = palloc(npad * sizeof(uint64));
	r->step_word2 = palloc(npad * sizeof(uint64));
	for (i = 0; i < npad; i++)
	{
		if (i >= n || nulls[i])
		{
			/*
			 * A length and words no label has (label_words: only the empty
			 * label has a first word of zero, and its second is zero too):
			 * matches nothing.
			 */
			r->step_str[i] = NULL;
			r->step_len[i] = -1;
			r->step_word[i] = 0;
			r->step_word2[i] = ~UINT64CONST(0);
		}
		else
		{
			/* elements of a flat array are never toasted: no copy */
			text	   *t = DatumGetTextPP(elems[i]);

			r->step_str[i] = VARDATA_ANY(t);
			r->step_len[i] = VARSIZE_ANY_EXHDR(t);
			label_words(r->step_str[i], r->step_len[i], r->step_len[i],
						&r->step_word[i], &r->step_word2[i]);
		}
	}
	r->nsteps = n;
	memset(r->len_steps, 0, sizeof(r->len_steps));
	r->findable = 0;
	for (i = 0; i < n; i++)
		if (r->step_len[i] >= 0)
		{
			r->len_steps[Min(r->step_len[i], JOURNEY_STEPS_LENGTHS - 1)] |=
				UINT64CONST(1) << i;
			r->findable |= UINT64CONST(1) << i;
		}
	pfree(elems);
	pfree(nulls);
	r->stable = flinfo != NULL && stable;
	r->array_len = VARSIZE(labels);
	MemoryContextSwitchTo(old);
	return r;
}

/*
 * Whether a label of words w1, w2 (label_words) matches step k of the
 * copies sw1, sw2 of a reader's step_word and step_word2, as bit k: for
 * labels shorter than 16 bytes; one of 16 bytes or more only may, and
 * needs its length and other bytes compared.
 */
#define STEP_MATCH(k) \
	((uint64) ((sw1[k] == w1) & (sw2[k] == w2)) << (k))

/*
 * The steps a label of len bytes at p matches (avail: how many bytes may be
 * read at p, at least len).  sw1 and sw2 are the first JOURNEY_STEPS_LINEAR
 * words of r->step_word and r->step_word2, or copies of them.  The label
 * is taken as two words of its first 16 bytes (label_words); up to
 * JOURNEY_STEPS_LINEAR steps, every step's words are compared in
 * straight-line code, whose outcome steers no branch; with more, only the
 * steps of the label's length.  Only a label of 16 bytes or more whose
 * words match a step's has its length and other bytes compared.
 */
static pg_attribute_always_inline uint64
steps_match_label(const JourneySteps *r, const uint64 *sw1, const uint64 *sw2,
				  const char *p, uint64 len, Size avail)
{
	uint64		w1,
				w2;
	uint64		mask = 0;
	int32		k;

	label_words(p, len, avail, &w1, &w2);
	if (r->nsteps <= JOURNEY_STEPS_LINEAR / 2)
		mask = STEP_MATCH(0) | STEP_MATCH(1) | STEP_MATCH(2) | STEP_MATCH(3);
	else if (r->nsteps <= JOURNEY_STEPS_LINEAR)
		mask = STEP_MATCH(0) | STEP_MATCH(1) | STEP_MATCH(2) | STEP_MATCH(3) |
			STEP_MATCH(4) | STEP_MATCH(5) | STEP_MATCH(6) | STEP_MATCH(7);
	else
	{
		/* only the steps of the label's length */
		uint64		cand = r->len_steps[Min(len, JOURNEY_STEPS_LENGTHS - 1)];

		while (cand)
		{
			k = pg_rightmost_one_pos64(cand);
			cand &= cand - 1;
			if (r->step_len[k] == (int32) len && r->step_word[k] == w1 &&
				r->step_word2[k] == w2)
				mask |= UINT64CONST(1) << k;
		}
	}
	if (len >= 2 * sizeof(uint64) && mask != 0)
	{
		/* the same first 16 bytes: compare the length and the rest */
		uint64		cand = mask;

		while (cand)
		{
			k = pg_rightmost_one_pos64(cand);
			cand &= cand - 1;
			if (r->step_len[k] != (int32) len ||
				memcmp(r->step_str[k] + 2 * sizeof(uint64), p + 2 * sizeof(uint64),
					   len - 2 * sizeof(uint64)) != 0)
				mask &= ~(UINT64CONST(1) << k);
		}
	}
	return mask;
}

/*
 * The steps of r a label (not NULL) matches: for labels of rows, as
 * window_funnel's label form reads them.
 */
uint64
journey_steps_match(const JourneySteps *r, const text *label)
{
	return steps_match_label(r, r->step_word, r->step_word2, VARDATA_ANY(label),
							 VARSIZE_ANY_EXHDR(label), VARSIZE_ANY_EXHDR(label));
}

/*
 * Open a stored journey: read its header and dictionary, and give every
 * label the mask of the steps it matches.  Returns the steps some event
 * satisfies.  The value is read in place when it is not compressed or out
 * of line (PG_DETOAST_DATUM_PACKED: a short header is fine, as the format
 * needs no alignment), and must stay valid until journey_steps_read: it
 * lives in the caller's memory context like its argument.
 *
 * Each label is matched by steps_match_label, against local copies of the
 * first steps' words.
 *
 * Once every step label is found, the labels after it are only stepped
 * over (see below): retention, which reads nothing but the dictionary,
 * mostly pays for the labels up to its last condition's.
 */
uint64
journey_steps_open(JourneySteps *r, Datum journey)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(journey);
	JourneyHeader h;
	const uint8 *p;
	uint64		present = 0;
	uint64		sw1[JOURNEY_STEPS_LINEAR],
				sw2[JOURNEY_STEPS_LINEAR];
	int32		i;

	/*
	 * Local copies of the first steps, which the compiler may keep in
	 * registers: the stores into label_mask below could alias the reader's
	 * arrays.
	 */
	memcpy(sw1, r->step_word, sizeof(sw1));
	memcpy(sw2, r->step_word2, sizeof(sw2));
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
		uint64		mask;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (!varint_get(&p, h.end, &len) || len > (uint64) (h.end - p))
			journey_corrupt("truncated label");
		mask = steps_match_label(r, sw1, sw2, (const char *) p, len, h.end - p);
		r->label_mask[i] = mask;
		present |= mask;
		p += len;
		if ((present & r->findable) == r->findable)
		{
			/*
			 * Every step label found: a journey's dictionary holds each
			 * label once (binary input rejects anything else), so no later
			 * label matches a step; they are only stepped over.
			 */
			for (i++; i < h.nlabels; i++)
			{
				JOURNEY_CHECK_INTERRUPTS(i);
				if (!varint_get(&p, h.end, &len) || len > (uint64) (h.end - p))
					journey_corrupt("truncated label");
				r->label_mask[i] = 0;
				p += len;
			}
			break;
		}
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
