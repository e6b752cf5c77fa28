/*-------------------------------------------------------------------------
 *
 * retention.c
 *	  Retention: ClickHouse-style retention(cond1, cond2, ...) and N-day
 *	  activity buckets for cohort charts, over event rows and over stored
 *	  journeys.
 *
 * retention's state is a plain bigint[2] = {number of conditions, mask of
 * the conditions that held on some row} (0 conditions = no row yet), so it
 * needs no serialization, travels as text between Citus nodes, and combines
 * by OR.  The transition function updates it in place when called as an
 * aggregate, as float8_accum does.
 *
 * activity_buckets keeps a thinned list of the group's times, a
 * journey.time_state (time_state.h), and numbers the buckets from the
 * smallest in the final function.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "journey.h"
#include "step_state.h"
#include "time_state.h"

PG_FUNCTION_INFO_V1(retention_trans);
PG_FUNCTION_INFO_V1(retention_combine);
PG_FUNCTION_INFO_V1(retention_final);
PG_FUNCTION_INFO_V1(journey_retention);
PG_FUNCTION_INFO_V1(activity_buckets_trans);
PG_FUNCTION_INFO_V1(activity_buckets_trans_int8);
PG_FUNCTION_INFO_V1(activity_buckets_trans_date);
PG_FUNCTION_INFO_V1(activity_buckets_final);
PG_FUNCTION_INFO_V1(activity_buckets_combine);
PG_FUNCTION_INFO_V1(activity_buckets_serial);
PG_FUNCTION_INFO_V1(activity_buckets_deserial);
PG_FUNCTION_INFO_V1(journey_activity_buckets);

#define DEFAULT_MAX_BUCKETS 31

/* ------------------------------------------------------------------------
 * retention
 * ------------------------------------------------------------------------
 */

/*
 * Check a retention state (it is user-visible: anyone can call the support
 * functions) and return its two elements.
 */
static void
retention_state_get(ArrayType *st, int64 *nconds, uint64 *mask)
{
	int64	   *v;
	uint64		allowed;

	if (ARR_ELEMTYPE(st) != INT8OID || ARR_NDIM(st) != 1 ||
		ARR_DIMS(st)[0] != 2 || ARR_HASNULL(st))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid retention state"),
				 errdetail("A retention state is a bigint array of two elements.")));
	v = (int64 *) ARR_DATA_PTR(st);
	allowed = v[0] >= STEP_MAX_STEPS ? ~UINT64CONST(0) :
		v[0] <= 0 ? 0 : (UINT64CONST(1) << v[0]) - 1;
	if (v[0] < 0 || v[0] > STEP_MAX_STEPS || ((uint64) v[1] & ~allowed) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid retention state"),
				 errdetail("The state has %lld conditions and mask %lld.",
						   (long long) v[0], (long long) v[1])));
	*nconds = v[0];
	*mask = (uint64) v[1];
}

static ArrayType *
retention_state_make(int64 nconds, uint64 mask)
{
	Datum		d[2];

	d[0] = Int64GetDatum(nconds);
	d[1] = Int64GetDatum((int64) mask);
	return construct_array(d, 2, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

static int64
merge_nconds(int64 a, int64 b)
{
	if (a != 0 && b != 0 && a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of retention conditions changed from %lld to %lld within a group",
						(long long) a, (long long) b)));
	return a != 0 ? a : b;
}

/*
 * retention_trans(state bigint[], conds boolean[]): strict, so rows where the
 * whole array is NULL (VARIADIC NULL) are skipped; NULL elements are false.
 */
Datum
retention_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *st = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *conds = PG_GETARG_ARRAYTYPE_P(1);
	int64		nconds;
	uint64		mask;
	int32		n;
	uint64		rowmask;

	retention_state_get(st, &nconds, &mask);
	rowmask = step_mask_from_array(conds, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("retention needs at least one condition")));
	nconds = merge_nconds(nconds, n);
	mask |= rowmask;

	if (AggCheckCallContext(fcinfo, NULL))
	{
		/* Our own copy of the state in the aggregate context: update it. */
		int64	   *v = (int64 *) ARR_DATA_PTR(st);

		v[0] = nconds;
		v[1] = (int64) mask;
		PG_RETURN_ARRAYTYPE_P(st);
	}
	PG_RETURN_ARRAYTYPE_P(retention_state_make(nconds, mask));
}

/* retention_combine(a, b): OR of the masks; empty states are neutral. */
Datum
retention_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *b = PG_GETARG_ARRAYTYPE_P(1);
	int64		na,
				nb;
	uint64		ma,
				mb;

	retention_state_get(a, &na, &ma);
	retention_state_get(b, &nb, &mb);
	PG_RETURN_ARRAYTYPE_P(retention_state_make(merge_nconds(na, nb), ma | mb));
}

/*
 * The result array: element 1 is whether condition 1 held, element i > 1
 * whether conditions 1 and i both held (on any rows).
 */
static ArrayType *
retention_result(int32 nconds, uint64 mask)
{
	/*
	 * Built in place: construct_array's generality costs more than this.
	 * Every byte is written below (the header has no padding), so palloc.
	 */
	Size		size = ARR_OVERHEAD_NONULLS(1) + nconds * sizeof(int32);
	ArrayType  *a = (ArrayType *) palloc(size);
	int32	   *data;
	bool		first = (mask & 1) != 0;
	int32		i;

	StaticAssertStmt(ARR_OVERHEAD_NONULLS(1) == sizeof(ArrayType) + 2 * sizeof(int),
					 "a one-dimensional array header has padding");
	SET_VARSIZE(a, size);
	a->ndim = 1;
	a->dataoffset = 0;			/* no nulls */
	a->elemtype = INT4OID;
	ARR_DIMS(a)[0] = nconds;
	ARR_LBOUND(a)[0] = 1;
	data = (int32 *) ARR_DATA_PTR(a);
	for (i = 0; i < nconds; i++)
		data[i] = first && (mask & (UINT64CONST(1) << i)) ? 1 : 0;
	return a;
}

/* retention_final(state): NULL for a group without rows. */
Datum
retention_final(PG_FUNCTION_ARGS)
{
	int64		nconds;
	uint64		mask;

	retention_state_get(PG_GETARG_ARRAYTYPE_P(0), &nconds, &mask);
	if (nconds == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(retention_result((int32) nconds, mask));
}

/*
 * journey_retention(j, VARIADIC labels text[]): retention over a stored
 * journey, condition i being "the event's label is labels[i]" (a NULL label
 * matches nothing); the same as the aggregate over the journey's events, so
 * NULL for an empty journey.
 */
Datum
journey_retention(PG_FUNCTION_ARGS)
{
	JourneySteps *r;
	uint64		present;

	r = journey_steps_arg(fcinfo, fcinfo->flinfo ? &fcinfo->flinfo->fn_extra : NULL, 1);
	if (r->nsteps == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("retention needs at least one condition")));

	/*
	 * Every label of a (canonical) journey's dictionary is used by an event,
	 * so the dictionary alone answers: the events are not decoded.
	 */
	present = journey_steps_open(r, PG_GETARG_DATUM(0));
	if (r->nevents == 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(retention_result(r->nsteps, present));
}

/* ------------------------------------------------------------------------
 * activity_buckets
 * ------------------------------------------------------------------------
 */

#define BUCKET_PARAMS "bucket width and max_buckets"

static void
check_bucket_params(int64 width, int32 max_buckets)
{
	if (width <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bucket width must be positive")));
	if (max_buckets <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_buckets must be positive")));
}

static int64
bucket_interval(Interval *iv)
{
	int64		width = interval_to_usec(iv, "bucket width");

	check_bucket_params(width, 1);
	return width;
}

/* Is any argument from the second on NULL? (Those rows are skipped.) */
static bool
any_arg_null(FunctionCallInfo fcinfo)
{
	int			i;

	for (i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/*
 * Common part of the transition functions: ts, width and max_buckets have
 * been read (the caller skips the row if any is NULL).
 */
static Datum
buckets_add(FunctionCallInfo fcinfo, int64 ts, int64 width, int32 max_buckets)
{
	check_bucket_params(width, max_buckets);
	return time_state_transition(fcinfo, ts, width, max_buckets);
}

/*
 * activity_buckets_trans(state, ts timestamptz [, bucket interval
 * [, max_buckets integer]]).  Not strict: the first row creates the state,
 * and rows with a NULL argument are skipped.  The state is a time_state
 * (or, in the 0.2.0 definitions, internal: time_state.c).
 */
Datum
activity_buckets_trans(PG_FUNCTION_ARGS)
{
	int64		width = USECS_PER_DAY;
	int32		max_buckets = DEFAULT_MAX_BUCKETS;

	if (any_arg_null(fcinfo))
		return time_state_skip_row(fcinfo, "activity_buckets_trans");
	if (PG_NARGS() > 2)
		width = bucket_interval(PG_GETARG_INTERVAL_P(2));
	if (PG_NARGS() > 3)
		max_buckets = PG_GETARG_INT32(3);
	return buckets_add(fcinfo, PG_GETARG_TIMESTAMPTZ(1), width, max_buckets);
}

/* activity_buckets_trans_int8(state, ts bigint, bucket bigint [, max_buckets]) */
Datum
activity_buckets_trans_int8(PG_FUNCTION_ARGS)
{
	int32		max_buckets = DEFAULT_MAX_BUCKETS;

	if (any_arg_null(fcinfo))
		return time_state_skip_row(fcinfo, "activity_buckets_trans");
	if (PG_NARGS() > 3)
		max_buckets = PG_GETARG_INT32(3);
	return buckets_add(fcinfo, PG_GETARG_INT64(1), PG_GETARG_INT64(2), max_buckets);
}

/*
 * activity_buckets_trans_date(state, day date [, bucket integer
 * [, max_buckets integer]]): calendar days; bucket counts days.  Infinite
 * dates are rejected (they have no day number to subtract).
 */
Datum
activity_buckets_trans_date(PG_FUNCTION_ARGS)
{
	DateADT		day;
	int64		width = 1;
	int32		max_buckets = DEFAULT_MAX_BUCKETS;

	if (any_arg_null(fcinfo))
		return time_state_skip_row(fcinfo, "activity_buckets_trans");
	day = PG_GETARG_DATEADT(1);
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("activity_buckets does not accept infinite dates")));
	if (PG_NARGS() > 2)
		width = PG_GETARG_INT32(2);
	if (PG_NARGS() > 3)
		max_buckets = PG_GETARG_INT32(3);
	return buckets_add(fcinfo, (int64) day, width, max_buckets);
}

/* Unsorted times with at most this many buckets are numbered by a bitmap. */
#define BUCKET_BITMAP_MAX	4096

/*
 * The sorted distinct bucket numbers below limit of n > 0 times, counted
 * from the smallest: an int4[] of at least one element (bucket 0).  The
 * times are not changed: unsorted ones are numbered through a bitmap of
 * the buckets, or sorted in a copy when there can be many buckets.
 */
static ArrayType *
buckets_result(const int64 *ts, int32 n, bool sorted, int64 width, int32 limit)
{
	int32	   *d = palloc(Min(n, limit) * sizeof(int32));
	int32		nd = 0;
	int32		i;
	Size		size;
	ArrayType  *a;

	Assert(n > 0 && width > 0 && limit > 0);
	if (!sorted && limit <= BUCKET_BITMAP_MAX)
	{
		int64		first = ts[0];
		uint8	   *bits = palloc0((limit + 7) / 8);

		for (i = 1; i < n; i++)
			if (ts[i] < first)
				first = ts[i];
		for (i = 0; i < n; i++)
		{
			uint64		k = ((uint64) ts[i] - (uint64) first) / (uint64) width;

			JOURNEY_CHECK_INTERRUPTS(i);
			if (k < (uint64) limit)
				bits[k / 8] |= (uint8) (1 << (k % 8));
		}
		for (i = 0; i < limit; i++)
			if (bits[i / 8] & (1 << (i % 8)))
				d[nd++] = i;
		pfree(bits);
	}
	else
	{
		int64		last = -1;

		ts = time_state_sorted_times(ts, n, sorted);
		for (i = 0; i < n; i++)
		{
			uint64		k = ((uint64) ts[i] - (uint64) ts[0]) / (uint64) width;

			JOURNEY_CHECK_INTERRUPTS(i);
			if (k >= (uint64) limit)
				break;
			if ((int64) k != last)
			{
				d[nd++] = (int32) k;
				last = (int64) k;
			}
		}
	}

	/* built in place, as retention_result does */
	size = ARR_OVERHEAD_NONULLS(1) + nd * sizeof(int32);
	a = (ArrayType *) palloc0(size);
	SET_VARSIZE(a, size);
	a->ndim = 1;
	a->dataoffset = 0;			/* no nulls */
	a->elemtype = INT4OID;
	ARR_DIMS(a)[0] = nd;
	ARR_LBOUND(a)[0] = 1;
	memcpy(ARR_DATA_PTR(a), d, nd * sizeof(int32));
	pfree(d);
	return a;
}

/*
 * activity_buckets_final(state): NULL for a group without usable rows.
 * Reads the state without changing it (FINALFUNC_MODIFY = READ_ONLY: it
 * works as a window aggregate).
 */
Datum
activity_buckets_final(PG_FUNCTION_ARGS)
{
	const TimeState *st = time_state_getarg(fcinfo, 0);

	if (st == NULL || st->n == 0)
		PG_RETURN_NULL();
	time_state_check_kind(st, true);
	PG_RETURN_ARRAYTYPE_P(buckets_result(st->ts, st->n, (st->flags & TIME_STATE_SORTED) != 0,
										 st->width, st->limit));
}

/*
 * The support functions of the internal state of the 0.2.0 definitions
 * (time_state.c).
 */
Datum
activity_buckets_combine(PG_FUNCTION_ARGS)
{
	return time_state_internal_combine(fcinfo, "activity_buckets_combine");
}

Datum
activity_buckets_serial(PG_FUNCTION_ARGS)
{
	return time_state_internal_serial(fcinfo, "activity_buckets_serial");
}

Datum
activity_buckets_deserial(PG_FUNCTION_ARGS)
{
	return time_state_internal_deserial(fcinfo, "activity_buckets_deserial", true);
}

/*
 * journey_activity_buckets(j, bucket interval, max_buckets integer): the
 * aggregate's answer on the journey's events; NULL for an empty journey.
 */
Datum
journey_activity_buckets(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	int64		width = bucket_interval(PG_GETARG_INTERVAL_P(1));
	int32		max_buckets = PG_GETARG_INT32(2);
	JourneyData jd;
	int64	   *ts;
	int32		i;

	check_bucket_params(width, max_buckets);
	journey_decode(j, &jd);
	if (jd.nevents == 0)
		PG_RETURN_NULL();
	/* a journey's events are in time order */
	ts = palloc(jd.nevents * sizeof(int64));
	for (i = 0; i < jd.nevents; i++)
		ts[i] = jd.events[i].ts;
	PG_RETURN_ARRAYTYPE_P(buckets_result(ts, jd.nevents, true, width, max_buckets));
}
