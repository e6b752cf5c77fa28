/*-------------------------------------------------------------------------
 *
 * time_state.c
 *	  journey.time_state, the flat state of session_count and
 *	  activity_buckets (see time_state.h for why thinning is exact): adding
 *	  times in place, thinning, merging, the binary and text forms.
 *
 * Updating in place.  Inside an aggregate (AggCheckCallContext), the state
 * argument of a transition or combine function is the transition value,
 * which nodeAgg (and nodeWindowAgg, and Citus's worker_partial_agg /
 * coord_combine_agg, which copy its logic) keeps in the aggregate context:
 * the function may change it and return the same pointer, and then nothing
 * is copied.  When the state is full, the function allocates a bigger copy
 * (twice the bytes) in the current, per-call memory context and returns it:
 * since the pointer differs from the transition value, the executor copies
 * it into the aggregate context and frees the old value
 * (ExecAggCopyTransValue in PostgreSQL 16 to 18, ExecAggTransReparent in
 * 15: the same steps).  Our copy dies with the per-call context.  A state
 * argument that had to be detoasted (a stored value given to a user's
 * aggregate) is already a copy of ours.  Outside an aggregate the functions
 * work on a copy.
 *
 * The 0.2.0 definitions of the aggregates, still in use until ALTER
 * EXTENSION journey UPDATE, declare the state internal: the executor then
 * neither copies nor frees it, so the same transition functions keep it in
 * the aggregate context themselves (they tell from their argument type).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "port/pg_bswap.h"
#include "utils/memutils.h"

#include "agg_state.h"
#include "journey.h"
#include "sort.h"
#include "time_state.h"

PG_FUNCTION_INFO_V1(journey_time_state_in);
PG_FUNCTION_INFO_V1(journey_time_state_out);
PG_FUNCTION_INFO_V1(journey_time_state_recv);
PG_FUNCTION_INFO_V1(journey_time_state_send);
PG_FUNCTION_INFO_V1(journey_time_state_combine);

/* Lists shorter than this are never thinned before the final function. */
#define TIME_STATE_MIN_THIN		1024

/* Bytes of a new state: a 32-byte header and 12 times, one 128-byte chunk. */
#define TIME_STATE_FIRST_SIZE	128


/* ------------------------------------------------------------------------
 * The working form
 * ------------------------------------------------------------------------
 */

/* A new empty state of size bytes (at least the header) in mcxt. */
static TimeState *
time_state_new(MemoryContext mcxt, Size size)
{
	TimeState  *st = MemoryContextAllocZero(mcxt, size);

	SET_VARSIZE(st, size);
	st->version = TIME_STATE_VERSION;
	st->flags = TIME_STATE_SORTED;
	st->next_thin = TIME_STATE_MIN_THIN;
	return st;
}

/*
 * A copy of st with room for at least need times, in mcxt: twice the bytes
 * as often as needed, up to JOURNEY_MAX_GROUP_ROWS times.  Spare room is
 * zeroed, so that the state's bytes are always defined.
 */
static TimeState *
time_state_grow(const TimeState *st, int32 need, MemoryContext mcxt)
{
	Size		size = Max(VARSIZE(st), TIME_STATE_FIRST_SIZE);
	Size		used = TIME_STATE_HDRSZ + (Size) st->n * sizeof(int64);
	TimeState  *grown;

	Assert(need <= JOURNEY_MAX_GROUP_ROWS);
	while (size < TIME_STATE_HDRSZ + (Size) need * sizeof(int64))
		size *= 2;
	size = Min(size, TIME_STATE_HDRSZ + (Size) JOURNEY_MAX_GROUP_ROWS * sizeof(int64));
	grown = MemoryContextAllocHuge(mcxt, size);
	memcpy(grown, st, used);
	memset((char *) grown + used, 0, size - used);
	SET_VARSIZE(grown, size);
	return grown;
}

/*
 * A state read from a datum must be one of ours: the binary and text
 * inputs validate everything, this only guards against corrupted storage.
 */
static void
time_state_check(const TimeState *st)
{
	if (VARSIZE(st) < TIME_STATE_HDRSZ || st->version != TIME_STATE_VERSION ||
		(st->flags & ~TIME_STATE_FLAGS_VALID) != 0 ||
		st->n < 0 || st->n > TIME_STATE_CAPACITY(st) ||
		st->width < 0 || st->limit < 0 || (st->limit > 0 && st->width == 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupted time state")));
}

/*
 * Record the call constants, or check that they did not change: they are
 * properties of the whole group.
 */
static void
time_state_set_params(TimeState *st, int64 width, int32 limit)
{
	if (!(st->flags & TIME_STATE_HAS_PARAMS))
	{
		st->width = width;
		st->limit = limit;
		st->flags |= TIME_STATE_HAS_PARAMS;
	}
	else if (st->width != width || st->limit != limit)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same on every row of a group",
						(st->limit > 0 || limit > 0) ? "bucket width and max_buckets" :
						"session gap")));
}

static int
int64_cmp(const void *pa, const void *pb)
{
	int64		a = *(const int64 *) pa;
	int64		b = *(const int64 *) pb;

	return a < b ? -1 : (a > b ? 1 : 0);
}

/*
 * Sort the times and drop those that cannot change the answer: exact
 * duplicates, times beyond the bucket limit, and every time whose kept
 * neighbours are at most a width apart.  Afterwards the list is sorted and
 * any two times two places apart are more than a width apart.  In place:
 * the state's size does not change.
 */
static void
time_state_thin(TimeState *st)
{
	int64	   *ts = st->ts;
	int32		n = st->n;
	int32		i,
				k = 0;

	if (!(st->flags & TIME_STATE_SORTED))
	{
		journey_sort(ts, n, sizeof(int64), int64_cmp);
		st->flags |= TIME_STATE_SORTED;
	}
	if (n > 0 && (st->flags & TIME_STATE_HAS_PARAMS))
	{
		int64		first = ts[0];

		for (i = 0; i < n; i++)
		{
			int64		t = ts[i];

			JOURNEY_CHECK_INTERRUPTS(i);
			/* bucket of t >= limit for every origin <= first */
			if (st->limit > 0 &&
				((uint64) t - (uint64) first) / (uint64) st->width >= (uint64) st->limit)
				break;			/* and so are all later times */
			if (k > 0 && ts[k - 1] == t)
				continue;
			/* ts[k - 1] is redundant between ts[k - 2] and t */
			if (k >= 2 && !time_gap_exceeds(ts[k - 2], t, st->width))
				k--;
			ts[k++] = t;
		}
		/* keep the spare room zeroed */
		if (k < n)
			memset(ts + k, 0, (n - k) * sizeof(int64));
		st->n = k;
	}
	st->next_thin = Max(TIME_STATE_MIN_THIN, st->n * 2);
}

/*
 * The n times ts in ascending order: ts itself when sorted, else a sorted
 * copy (palloc'd), for final functions that must not change their state.
 */
const int64 *
time_state_sorted_times(const int64 *ts, int32 n, bool sorted)
{
	int64	   *copy;

	if (sorted)
		return ts;
	copy = palloc(Max(n, 1) * sizeof(int64));
	memcpy(copy, ts, n * sizeof(int64));
	journey_sort(copy, n, sizeof(int64), int64_cmp);
	return copy;
}

/*
 * Append a time.  Returns st, or a bigger copy of it in grow_cxt when it was
 * full.
 */
static TimeState *
time_state_add(TimeState *st, int64 t, MemoryContext grow_cxt)
{
	if (st->n >= TIME_STATE_CAPACITY(st))
	{
		/*
		 * Thinning keeps the list short unless the times are spread over
		 * more than JOURNEY_MAX_GROUP_ROWS / 2 widths.
		 */
		if (st->n >= JOURNEY_MAX_GROUP_ROWS)
		{
			time_state_thin(st);
			if (st->n > JOURNEY_MAX_GROUP_ROWS / 2)
				journey_too_many_rows("too many distinct event times");
		}
		if (st->n >= TIME_STATE_CAPACITY(st))
			st = time_state_grow(st, st->n + 1, grow_cxt);
	}
	if (st->n > 0 && st->ts[st->n - 1] > t)
		st->flags &= ~TIME_STATE_SORTED;
	st->ts[st->n++] = t;
	if (st->n >= st->next_thin)
		time_state_thin(st);
	return st;
}

/*
 * Merge the times of b into a.  Returns a, or a bigger copy of it in
 * grow_cxt.
 */
static TimeState *
time_state_merge(TimeState *a, const TimeState *b, MemoryContext grow_cxt)
{
	int32		i;

	if (b->flags & TIME_STATE_HAS_PARAMS)
		time_state_set_params(a, b->width, b->limit);
	if (b->n == 0)
		return a;
	if ((int64) a->n + b->n > JOURNEY_MAX_GROUP_ROWS)
	{
		/* one at a time into the largest state, thinning when it is full */
		if (TIME_STATE_CAPACITY(a) < JOURNEY_MAX_GROUP_ROWS)
			a = time_state_grow(a, JOURNEY_MAX_GROUP_ROWS, grow_cxt);
		for (i = 0; i < b->n; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			a = time_state_add(a, b->ts[i], grow_cxt);
		}
		return a;
	}
	if (a->n + b->n > TIME_STATE_CAPACITY(a))
		a = time_state_grow(a, a->n + b->n, grow_cxt);
	if (!(b->flags & TIME_STATE_SORTED) ||
		(a->n > 0 && a->ts[a->n - 1] > b->ts[0]))
		a->flags &= ~TIME_STATE_SORTED;
	memcpy(a->ts + a->n, b->ts, b->n * sizeof(int64));
	a->n += b->n;
	if (a->n >= a->next_thin)
		time_state_thin(a);
	return a;
}

/* ------------------------------------------------------------------------
 * Transition, combine and final functions' access to the state
 * ------------------------------------------------------------------------
 */

/* fn_extra markers: the function's state argument is internal (0.2.0) or not */
static const char state_is_internal = 'i';
static const char state_is_typed = 't';

/* Is the state argument of this (transition or combine) function internal? */
static bool
state_arg_internal(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;

	if (flinfo == NULL)
		return false;
	if (flinfo->fn_extra == NULL)
		flinfo->fn_extra = (void *) (get_fn_expr_argtype(flinfo, 0) == INTERNALOID ?
									 &state_is_internal : &state_is_typed);
	return flinfo->fn_extra == &state_is_internal;
}

/*
 * How a transition or combine function may change its state argument
 * (time_state_call fills it in).
 */
typedef struct TimeStateCall
{
	bool		in_place;		/* the argument may be changed in place */
	bool		internal;		/* ... and a grown copy replaces it: free it */
	MemoryContext grow_cxt;		/* where a grown state goes */
} TimeStateCall;

static void
time_state_call(FunctionCallInfo fcinfo, const char *fname, TimeStateCall *call)
{
	MemoryContext aggcontext;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcontext);

	call->internal = state_arg_internal(fcinfo);
	if (call->internal)
	{
		if (!in_agg)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("%s called in non-aggregate context", fname)));
		call->in_place = true;
		call->grow_cxt = aggcontext;
	}
	else
	{
		call->in_place = in_agg;
		call->grow_cxt = CurrentMemoryContext;
	}
}

/*
 * The result of a transition or combine function that changed old (its
 * state argument, or NULL) into st.
 */
static Datum
time_state_result(const TimeStateCall *call, TimeState *old, TimeState *st)
{
	/* nodeAgg frees a replaced typed state, not an internal one */
	if (call->internal && old != NULL && st != old)
		pfree(old);
	PG_RETURN_POINTER(st);
}

/*
 * The state argument argno, for a function that may change it (see
 * time_state_call): in place, or a copy.
 */
static TimeState *
time_state_writable(FunctionCallInfo fcinfo, int argno, bool in_place)
{
	TimeState  *st;

	if (in_place)
		st = (TimeState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	else
		st = (TimeState *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno));
	time_state_check(st);
	return st;
}

/*
 * The state argument argno, read-only (final functions): NULL for a null
 * state.  Works for an internal state too (a pointer to the same varlena).
 */
const TimeState *
time_state_getarg(FunctionCallInfo fcinfo, int argno)
{
	const TimeState *st;

	if (PG_ARGISNULL(argno))
		return NULL;
	st = (const TimeState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	time_state_check(st);
	return st;
}

/*
 * A final function's check that a state that has parameters is one of its
 * aggregate (a state of the other aggregate is valid input of the type):
 * activity_buckets has a limit, session_count none.
 */
void
time_state_check_kind(const TimeState *st, bool buckets)
{
	if ((st->flags & TIME_STATE_HAS_PARAMS) && (st->limit > 0) != buckets)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid time state: not a state of %s",
						buckets ? "activity_buckets" : "session_count"),
				 errdetail(buckets ? "A state of activity_buckets has a positive max_buckets." :
						   "A state of session_count has no bucket limit.")));
}

/*
 * The transition functions of both aggregates, after they read the row's
 * time and the call constants (checked): add ts to the state argument
 * (created on the first row).
 */
Datum
time_state_transition(FunctionCallInfo fcinfo, int64 ts, int64 width, int32 limit)
{
	TimeStateCall call;
	TimeState  *st;

	time_state_call(fcinfo, limit > 0 ? "activity_buckets" : "session_count", &call);
	if (PG_ARGISNULL(0))
	{
		st = time_state_new(call.grow_cxt, TIME_STATE_FIRST_SIZE);
		time_state_set_params(st, width, limit);
		return time_state_result(&call, NULL, time_state_add(st, ts, call.grow_cxt));
	}
	st = time_state_writable(fcinfo, 0, call.in_place);
	time_state_set_params(st, width, limit);
	return time_state_result(&call, st, time_state_add(st, ts, call.grow_cxt));
}

/* A row a transition function skips (a NULL argument): the state as it is. */
Datum
time_state_skip_row(FunctionCallInfo fcinfo, const char *fname)
{
	TimeStateCall call;

	time_state_call(fcinfo, fname, &call);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/*
 * combine(a, b): merges b into a (in place inside an aggregate) and
 * returns a; either may be NULL.  b is read-only: a state of a parallel
 * worker, of another partition, of a Citus worker (read by the text
 * input), or a stored one.
 */
static Datum
time_state_combine_common(FunctionCallInfo fcinfo, const char *fname)
{
	TimeStateCall call;
	TimeState  *a;
	const TimeState *b;

	time_state_call(fcinfo, fname, &call);
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = time_state_getarg(fcinfo, 1);
	if (PG_ARGISNULL(0))
	{
		/*
		 * The first state: the executor copies it into the aggregate
		 * context (an internal one is there already: its deserialize
		 * function put it there).
		 */
		PG_RETURN_POINTER(b);
	}
	a = time_state_writable(fcinfo, 0, call.in_place);
	return time_state_result(&call, a, time_state_merge(a, b, call.grow_cxt));
}

Datum
journey_time_state_combine(PG_FUNCTION_ARGS)
{
	return time_state_combine_common(fcinfo, "time_state_combine");
}

/* ------------------------------------------------------------------------
 * Binary and text forms
 * ------------------------------------------------------------------------
 */

/* The binary form of st, as a bytea (palloc'd). */
static bytea *
time_state_to_binary(const TimeState *st)
{
	Size		size = TIME_STATE_WIRE_HDRSZ + (Size) st->n * sizeof(int64);
	bytea	   *result = palloc(VARHDRSZ + size);
	char	   *p = VARDATA(result);
	int32		i;

	SET_VARSIZE(result, VARHDRSZ + size);
	*p++ = (char) TIME_STATE_VERSION;
	*p++ = (char) (st->flags & TIME_STATE_FLAGS_VALID);
	p = put_int64(p, st->width);
	p = put_int32(p, st->limit);
	p = put_int32(p, st->n);
	for (i = 0; i < st->n; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		p = put_int64(p, st->ts[i]);
	}
	Assert(p == VARDATA(result) + size);
	return result;
}

pg_noreturn
static void
bad_time_state(int code, const char *what)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid serialized time state: %s", what)));
}

static int64
get_int64(const char *p)
{
	uint64		v;

	memcpy(&v, p, 8);
	return (int64) pg_ntoh64(v);
}

static int32
get_int32(const char *p)
{
	uint32		v;

	memcpy(&v, p, 4);
	return (int32) pg_ntoh32(v);
}

/*
 * A state (in mcxt, no spare room) read from the binary form (data, len),
 * which is untrusted: every inconsistency is an error with SQLSTATE code.
 */
static TimeState *
time_state_from_binary(const char *data, Size len, MemoryContext mcxt, int code)
{
	uint8		flags;
	int64		width;
	int32		limit,
				n,
				i;
	bool		sorted = true;
	TimeState  *st;

	if (len < TIME_STATE_WIRE_HDRSZ)
		bad_time_state(code, "truncated");
	if ((uint8) data[0] != TIME_STATE_VERSION)
		bad_time_state(code, "unsupported version");
	flags = (uint8) data[1];
	width = get_int64(data + 2);
	limit = get_int32(data + 10);
	n = get_int32(data + 14);
	if ((flags & ~TIME_STATE_FLAGS_VALID) != 0)
		bad_time_state(code, "invalid flags");
	if (n < 0 || n > JOURNEY_MAX_GROUP_ROWS ||
		len - TIME_STATE_WIRE_HDRSZ != (Size) n * sizeof(int64))
		bad_time_state(code, "invalid number of times");
	if (!(flags & TIME_STATE_HAS_PARAMS))
	{
		if (n > 0)
			bad_time_state(code, "times without parameters");
		if (width != 0 || limit != 0)
			bad_time_state(code, "invalid parameters");
	}
	else if (width < 0 || limit < 0 || (limit > 0 && width == 0))
		bad_time_state(code, "invalid parameters");

	st = time_state_new(mcxt, TIME_STATE_HDRSZ + (Size) n * sizeof(int64));
	st->flags = flags;
	st->width = width;
	st->limit = limit;
	st->n = n;
	st->next_thin = Max(TIME_STATE_MIN_THIN, n * 2);
	for (i = 0; i < n; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		st->ts[i] = get_int64(data + TIME_STATE_WIRE_HDRSZ + (Size) i * 8);
		if (i > 0 && st->ts[i - 1] > st->ts[i])
			sorted = false;
	}
	/* one binary form per state: the flag says what the times are */
	if (sorted != ((flags & TIME_STATE_SORTED) != 0))
		bad_time_state(code, "sorted flag does not match the order of the times");
	return st;
}

Datum
journey_time_state_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	size_t		n = strlen(s);
	char	   *bin = palloc(n / 4 * 3 + 1);
	Size		len = agg_state_b64_decode("time_state", "a time state", s, n, bin);

	PG_RETURN_POINTER(time_state_from_binary(bin, len, CurrentMemoryContext,
											 ERRCODE_INVALID_TEXT_REPRESENTATION));
}

Datum
journey_time_state_out(PG_FUNCTION_ARGS)
{
	const TimeState *st = time_state_getarg(fcinfo, 0);
	bytea	   *bin = time_state_to_binary(st);

	PG_RETURN_CSTRING(agg_state_b64_encode(VARDATA(bin), VARSIZE(bin) - VARHDRSZ));
}

Datum
journey_time_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TimeState  *st = time_state_from_binary(buf->data + buf->cursor,
											buf->len - buf->cursor,
											CurrentMemoryContext,
											ERRCODE_INVALID_BINARY_REPRESENTATION);

	buf->cursor = buf->len;
	PG_RETURN_POINTER(st);
}

Datum
journey_time_state_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(time_state_to_binary(time_state_getarg(fcinfo, 0)));
}

/* ------------------------------------------------------------------------
 * The support functions of the internal state of 0.2.0, kept so that the
 * aggregates of an installation not yet updated keep working with this
 * library.  Their state is the same flat state, kept in the aggregate
 * context by the transition function; the serialized form is the binary
 * form.
 * ------------------------------------------------------------------------
 */

Datum
time_state_internal_combine(FunctionCallInfo fcinfo, const char *fname)
{
	return time_state_combine_common(fcinfo, fname);
}

Datum
time_state_internal_serial(FunctionCallInfo fcinfo, const char *fname)
{
	TimeState  *st;

	journey_agg_context(fcinfo, fname);
	st = (TimeState *) PG_GETARG_POINTER(0);
	time_state_check(st);
	time_state_thin(st);		/* fewer bytes to send; same answer */
	PG_RETURN_BYTEA_P(time_state_to_binary(st));
}

Datum
time_state_internal_deserial(FunctionCallInfo fcinfo, const char *fname, bool buckets)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, fname);
	bytea	   *bin = PG_GETARG_BYTEA_PP(0);
	TimeState  *st = time_state_from_binary(VARDATA_ANY(bin), VARSIZE_ANY_EXHDR(bin),
											aggcontext,
											ERRCODE_INVALID_BINARY_REPRESENTATION);

	time_state_check_kind(st, buckets);
	PG_RETURN_POINTER(st);
}
