/*-------------------------------------------------------------------------
 *
 * correlation.c
 *	  Funnel correlation: among the customers who reached step k of a
 *	  funnel, which labels (or values of a customer attribute) are over- or
 *	  under-represented among those who went on to step k + 1 versus those
 *	  who dropped off.
 *
 * journey.funnel_correlation_agg(j, window, steps, step [, attribute])
 * is an aggregate over stored journeys.  For each journey it evaluates the
 * funnel exactly as journey.funnel_times does (it calls it), and when the
 * customer reached step k it records, once per customer, the labels of the
 * touches of the customer's observation period (see below) or the
 * customer's attribute value, under "converted" or "dropped".  The state is
 * a label -> (converted, dropped) table plus the two totals; it combines by
 * adding, so the aggregate is parallel safe.  The final function returns
 * the state serialized as bytea, and journey.funnel_correlation(bytea)
 * turns it into one row per label with the 2x2 table statistics.
 *
 * The state is the SQL type journey.correlation_state, through the
 * machinery of agg_state.h: flat, a varlena whose data is the serialized
 * form below (text form: its base64), so that Citus computes partial
 * states on its workers across customers and ships them as text; inside an
 * aggregate, an expanded object updated in place.  Its size is that of the
 * distinct labels, whatever the number of customers.
 *
 * Observation period (doc/funnels.md, "Why do people drop off"), with
 * t1 .. tL the step times of the chain journey.funnel_times reports:
 *	  converted (L >= k + 1): touches with time < t(k+1);
 *	  dropped (L = k):		 touches with time <= t1 + window (the last
 *							 moment step k + 1 could still have counted).
 * Touches whose label is one of the funnel's step labels are not counted.
 *
 * Serialized form (the aggregate's result too; integers in network order,
 * everything validated on the way in):
 *	  uint8  version (CORR_VERSION)
 *	  uint8  flags (CORR_FLAG_*; other bits zero)
 *	  int64  window (microseconds), int32 step
 *	  int32  nsteps, then nsteps x (int32 len, bytes)	the step labels
 *	  int64  converted total, int64 dropped total
 *	  int32  nlabels, then nlabels x (int32 len, bytes, int64 converted,
 *			 int64 dropped)
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "agg_state.h"
#include "journey.h"
#include "step_state.h"

PG_FUNCTION_INFO_V1(funnel_correlation_trans);
PG_FUNCTION_INFO_V1(funnel_correlation_attr_trans);
PG_FUNCTION_INFO_V1(funnel_correlation_final);
PG_FUNCTION_INFO_V1(funnel_correlation);
PG_FUNCTION_INFO_V1(journey_correlation_state_combine);
PG_FUNCTION_INFO_V1(journey_correlation_state_in);
PG_FUNCTION_INFO_V1(journey_correlation_state_out);
PG_FUNCTION_INFO_V1(journey_correlation_state_recv);
PG_FUNCTION_INFO_V1(journey_correlation_state_send);

/* journey.funnel_times (funnel.c): the funnel over a stored journey. */
extern Datum journey_funnel_times(PG_FUNCTION_ARGS);

#define CORR_VERSION		1
#define CORR_FLAG_ATTRIBUTE	0x01	/* values of an attribute, not labels */
#define CORR_FLAG_PARAMS	0x02	/* window, step and steps are set */
#define CORR_FLAGS_VALID	(CORR_FLAG_ATTRIBUTE | CORR_FLAG_PARAMS)

#define CORR_INITIAL_SLOTS	64

/*
 * Counts of customers stay at or below 2^53, where float8 (in which the
 * statistics are computed) still holds every integer: a state above it is
 * invalid, a sum above it is a program limit.  Two valid states never
 * overflow int64 when combined.
 */
#define CORR_MAX_COUNT		(INT64CONST(1) << 53)

/* 97.5% quantile of the standard normal distribution (95% intervals). */
#define CORR_Z_975			1.959963984540054

/* Fisher's exact test below this smallest expected cell count. */
#define CORR_FISHER_BELOW	5.0

typedef struct CorrState
{
	MemoryContext mcxt;
	uint8		flags;
	/* parameters, from the first row */
	int64		window;
	int32		step;
	int32		nsteps;
	char	   *steps;			/* nsteps x (int32 len, bytes), as serialized */
	int32		steps_len;
	/* totals: customers who reached step k and converted / dropped */
	int64		nconverted;
	int64		ndropped;
	/* labels, interned */
	int32		nlabels;
	int32		maxlabels;
	char	  **label_str;
	int32	   *label_len;
	uint32	   *label_hash;
	int64	   *converted;
	int64	   *dropped;
	int32	   *slots;			/* open addressing, -1 = empty */
	int32		nslots;
} CorrState;

static const AggStateClass correlation_state_class;

/* The step labels of a row, canonicalized once per call site (fn_extra). */
typedef struct CorrSteps
{
	ArrayType  *array;			/* copy of the array they came from */
	char	   *canon;			/* nsteps x (int32 len, bytes) */
	int32		canon_len;
	int32		n;
	const char **str;
	int32	   *len;
} CorrSteps;

static CorrState *
corr_new(MemoryContext mcxt, uint8 flags)
{
	CorrState  *cs = MemoryContextAllocZero(mcxt, sizeof(CorrState));
	int			i;

	cs->mcxt = mcxt;
	cs->flags = flags;
	cs->maxlabels = 16;
	cs->label_str = MemoryContextAlloc(mcxt, cs->maxlabels * sizeof(char *));
	cs->label_len = MemoryContextAlloc(mcxt, cs->maxlabels * sizeof(int32));
	cs->label_hash = MemoryContextAlloc(mcxt, cs->maxlabels * sizeof(uint32));
	cs->converted = MemoryContextAlloc(mcxt, cs->maxlabels * sizeof(int64));
	cs->dropped = MemoryContextAlloc(mcxt, cs->maxlabels * sizeof(int64));
	cs->nslots = CORR_INITIAL_SLOTS;
	cs->slots = MemoryContextAlloc(mcxt, cs->nslots * sizeof(int32));
	for (i = 0; i < cs->nslots; i++)
		cs->slots[i] = -1;
	return cs;
}

static void
corr_rehash(CorrState *cs)
{
	int32		nslots = cs->nslots * 2;
	int32	   *slots = MemoryContextAlloc(cs->mcxt, nslots * sizeof(int32));
	int32		i;

	for (i = 0; i < nslots; i++)
		slots[i] = -1;
	for (i = 0; i < cs->nlabels; i++)
	{
		uint32		s = cs->label_hash[i] & (nslots - 1);

		while (slots[s] >= 0)
			s = (s + 1) & (nslots - 1);
		slots[s] = i;
	}
	pfree(cs->slots);
	cs->slots = slots;
	cs->nslots = nslots;
}

/*
 * The id of a label, added with zero counts if new; *is_new tells which
 * (deserialization rejects duplicates with it).
 */
static int32
corr_label(CorrState *cs, const char *str, int32 len, bool *is_new)
{
	uint32		h = hash_bytes((const unsigned char *) str, len);
	uint32		s = h & (cs->nslots - 1);
	int32		id;

	while ((id = cs->slots[s]) >= 0)
	{
		if (cs->label_hash[id] == h && cs->label_len[id] == len &&
			memcmp(cs->label_str[id], str, len) == 0)
		{
			if (is_new)
				*is_new = false;
			return id;
		}
		s = (s + 1) & (cs->nslots - 1);
	}
	if (cs->nlabels == cs->maxlabels)
	{
		if (cs->maxlabels >= PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many distinct labels")));
		cs->maxlabels *= 2;
		cs->label_str = repalloc_huge(cs->label_str, cs->maxlabels * sizeof(char *));
		cs->label_len = repalloc_huge(cs->label_len, cs->maxlabels * sizeof(int32));
		cs->label_hash = repalloc_huge(cs->label_hash, cs->maxlabels * sizeof(uint32));
		cs->converted = repalloc_huge(cs->converted, cs->maxlabels * sizeof(int64));
		cs->dropped = repalloc_huge(cs->dropped, cs->maxlabels * sizeof(int64));
	}
	id = cs->nlabels++;
	cs->label_str[id] = MemoryContextAlloc(cs->mcxt, Max(len, 1));
	memcpy(cs->label_str[id], str, len);
	cs->label_len[id] = len;
	cs->label_hash[id] = h;
	cs->converted[id] = 0;
	cs->dropped[id] = 0;
	cs->slots[s] = id;
	if ((int64) cs->nlabels * 2 > cs->nslots)
	{
		if (cs->nslots >= PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many distinct labels")));
		corr_rehash(cs);
	}
	if (is_new)
		*is_new = true;
	return id;
}

static inline int64
add_count(int64 a, int64 b)
{
	int64		r;

	if (pg_add_s64_overflow(a, b, &r) || r > CORR_MAX_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("funnel_correlation counts more than 2^53 customers"),
				 errhint("Split the question into groups (GROUP BY) of fewer customers.")));
	return r;
}

/*
 * Record the parameters and the form (form: CORR_FLAG_ATTRIBUTE or 0), or
 * check that they are those already recorded.  A state without parameters
 * (empty: an aggregate's new state) takes those of the first row or state.
 */
static void
corr_set_params(CorrState *cs, uint8 form, int64 window, int32 step, int32 nsteps,
				const char *steps, int32 steps_len)
{
	if (!(cs->flags & CORR_FLAG_PARAMS))
	{
		cs->flags = CORR_FLAG_PARAMS | form;
		cs->window = window;
		cs->step = step;
		cs->nsteps = nsteps;
		cs->steps = MemoryContextAlloc(cs->mcxt, Max(steps_len, 1));
		memcpy(cs->steps, steps, steps_len);
		cs->steps_len = steps_len;
		return;
	}
	if ((cs->flags & CORR_FLAG_ATTRIBUTE) != form)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine a label funnel_correlation_agg state with an attribute one")));
	if (cs->window != window || cs->step != step || cs->nsteps != nsteps ||
		cs->steps_len != steps_len || memcmp(cs->steps, steps, steps_len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_correlation_agg window, steps and step must be the same for all rows of a group")));
}

pg_noreturn
static void
null_argument(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("funnel_correlation_agg %s must not be NULL", what)));
}

/*
 * The step labels of this row: checked and canonicalized when the array
 * differs from the previous row's (kept in fn_extra).
 */
static CorrSteps *
corr_steps(FunctionCallInfo fcinfo, ArrayType *arr)
{
	CorrSteps  *cst = (CorrSteps *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	StringInfoData buf;
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	if (cst != NULL && VARSIZE(cst->array) == VARSIZE(arr) &&
		memcmp(cst->array, arr, VARSIZE(arr)) == 0)
		return cst;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("funnel_correlation_agg steps must be a one-dimensional array")));
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (cst == NULL)
		cst = palloc0(sizeof(CorrSteps));
	cst->array = palloc(VARSIZE(arr));
	memcpy(cst->array, arr, VARSIZE(arr));
	deconstruct_array(cst->array, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	if (n > STEP_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many funnel steps: %d", n),
				 errdetail("At most %d steps are supported.", STEP_MAX_STEPS)));
	cst->n = n;
	cst->str = palloc(Max(n, 1) * sizeof(char *));
	cst->len = palloc(Max(n, 1) * sizeof(int32));
	initStringInfo(&buf);
	for (i = 0; i < n; i++)
	{
		text	   *t;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("funnel_correlation_agg steps must not contain NULL")));
		t = DatumGetTextPP(elems[i]);
		cst->str[i] = VARDATA_ANY(t);
		cst->len[i] = VARSIZE_ANY_EXHDR(t);
		pq_sendint32(&buf, cst->len[i]);
		pq_sendbytes(&buf, cst->str[i], cst->len[i]);
	}
	cst->canon = buf.data;
	cst->canon_len = buf.len;
	fcinfo->flinfo->fn_extra = cst;
	MemoryContextSwitchTo(old);
	return cst;
}

/*
 * Transition: (state, j, window, steps, step [, attribute]).  Not strict:
 * the first call has no state, a NULL journey is a customer we know
 * nothing of (skipped), a NULL attribute a customer counted in the totals
 * but under no value.  The parameters are checked on every row.
 */
static Datum
corr_trans_common(FunctionCallInfo fcinfo, bool attribute)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "funnel_correlation_agg");
	ExpandedAggState *state;
	CorrState  *cs;
	int64		window;
	int32		step;
	CorrSteps  *cst;
	Journey    *j;
	ArrayType  *times_arr;
	TimestampTz *times;
	int			level;
	bool		converted;
	TimestampTz cutoff;
	bool		inclusive;

	if (PG_ARGISNULL(2))
		null_argument("window");
	if (PG_ARGISNULL(3))
		null_argument("steps");
	if (PG_ARGISNULL(4))
		null_argument("step");
	window = interval_to_usec(PG_GETARG_INTERVAL_P(2), "funnel_correlation_agg window");
	cst = corr_steps(fcinfo, PG_GETARG_ARRAYTYPE_P(3));
	step = PG_GETARG_INT32(4);
	if (cst->n < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_correlation_agg needs at least two steps")));
	if (step < 1 || step >= cst->n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_correlation_agg step %d is out of range", step),
				 errdetail("With %d steps, step must be between 1 and %d: customers who reached it are compared by whether they reached the next one.",
						   cst->n, cst->n - 1)));

	state = agg_state_for_update(&correlation_state_class, fcinfo, 0, aggcontext);
	cs = state->obj;
	corr_set_params(cs, attribute ? CORR_FLAG_ATTRIBUTE : 0, window, step, cst->n,
					cst->canon, cst->canon_len);

	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(agg_state_datum(state));

	/* the funnel, exactly as journey.funnel_times computes it */
	j = PG_GETARG_JOURNEY_P(1);
	times_arr = DatumGetArrayTypeP(DirectFunctionCall4(journey_funnel_times,
													   PointerGetDatum(j),
													   PG_GETARG_DATUM(2),
													   PointerGetDatum(cst->array),
													   CStringGetTextDatum("")));
	level = ArrayGetNItems(ARR_NDIM(times_arr), ARR_DIMS(times_arr));
	if (level < step)
		PG_RETURN_DATUM(agg_state_datum(state));
	Assert(!ARR_HASNULL(times_arr));
	times = (TimestampTz *) ARR_DATA_PTR(times_arr);
	converted = level > step;
	if (converted)
	{
		cutoff = times[step];	/* t(k+1), exclusive */
		inclusive = false;
	}
	else
	{
		/* t1 + window, inclusive; past the end of time means no limit */
		if (pg_add_s64_overflow(times[0], window, &cutoff))
			cutoff = PG_INT64_MAX;
		inclusive = true;
	}

	if (converted)
		cs->nconverted = add_count(cs->nconverted, 1);
	else
		cs->ndropped = add_count(cs->ndropped, 1);

	if (attribute)
	{
		text	   *v;
		int32		id;

		if (PG_ARGISNULL(5))
			PG_RETURN_DATUM(agg_state_datum(state));
		v = PG_GETARG_TEXT_PP(5);
		id = corr_label(cs, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), NULL);
		if (converted)
			cs->converted[id] = add_count(cs->converted[id], 1);
		else
			cs->dropped[id] = add_count(cs->dropped[id], 1);
	}
	else
	{
		JourneyData jd;
		bool	   *seen;
		int32		i,
					k;

		journey_decode(j, &jd);
		seen = palloc0(Max(jd.nlabels, 1) * sizeof(bool));
		/* events are in time order: stop at the end of the period */
		for (i = 0; i < jd.nevents; i++)
		{
			TimestampTz t = jd.events[i].ts;

			if (inclusive ? t > cutoff : t >= cutoff)
				break;
			seen[jd.events[i].label] = true;
		}
		for (i = 0; i < jd.nlabels; i++)
		{
			const JourneyLabel *l = &jd.labels[i];
			int32		id;

			if (!seen[i])
				continue;
			/* the funnel's own step labels are not counted */
			for (k = 0; k < cst->n; k++)
				if (cst->len[k] == l->len && memcmp(cst->str[k], l->str, l->len) == 0)
					break;
			if (k < cst->n)
				continue;
			id = corr_label(cs, l->str, l->len, NULL);
			if (converted)
				cs->converted[id] = add_count(cs->converted[id], 1);
			else
				cs->dropped[id] = add_count(cs->dropped[id], 1);
		}
		pfree(seen);
		pfree(jd.events);
		pfree(jd.labels);
	}
	PG_RETURN_DATUM(agg_state_datum(state));
}

Datum
funnel_correlation_trans(PG_FUNCTION_ARGS)
{
	return corr_trans_common(fcinfo, false);
}

Datum
funnel_correlation_attr_trans(PG_FUNCTION_ARGS)
{
	return corr_trans_common(fcinfo, true);
}

/*
 * Add the counts of b into a (same form and parameters; a state without
 * parameters has no counts and takes b's).
 */
static void
corr_merge(CorrState *a, const CorrState *b)
{
	int32		i;

	if (b->flags & CORR_FLAG_PARAMS)
		corr_set_params(a, b->flags & CORR_FLAG_ATTRIBUTE, b->window, b->step,
						b->nsteps, b->steps, b->steps_len);
	a->nconverted = add_count(a->nconverted, b->nconverted);
	a->ndropped = add_count(a->ndropped, b->ndropped);
	for (i = 0; i < b->nlabels; i++)
	{
		int32		id = corr_label(a, b->label_str[i], b->label_len[i], NULL);

		a->converted[id] = add_count(a->converted[id], b->converted[i]);
		a->dropped[id] = add_count(a->dropped[id], b->dropped[i]);
	}
}

/* The serialized form (see the file header): its size, and its bytes. */
static Size
corr_size(const void *obj)
{
	const CorrState *cs = obj;
	Size		size = 1 + 1 + 8 + 4 + 4 + cs->steps_len + 8 + 8 + 4;
	int32		i;

	for (i = 0; i < cs->nlabels; i++)
		size += 4 + (Size) cs->label_len[i] + 8 + 8;
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("funnel_correlation state is too large"),
				 errdetail("It holds %d distinct labels.", cs->nlabels)));
	return size;
}

static void
corr_write(const void *obj, char *dst, Size size)
{
	const CorrState *cs = obj;
	char	   *p = dst;
	int32		i;

	*p++ = CORR_VERSION;
	*p++ = cs->flags;
	p = put_int64(p, cs->window);
	p = put_int32(p, cs->step);
	p = put_int32(p, cs->nsteps);
	if (cs->steps_len > 0)
	{
		memcpy(p, cs->steps, cs->steps_len);
		p += cs->steps_len;
	}
	p = put_int64(p, cs->nconverted);
	p = put_int64(p, cs->ndropped);
	p = put_int32(p, cs->nlabels);
	for (i = 0; i < cs->nlabels; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		p = put_int32(p, cs->label_len[i]);
		memcpy(p, cs->label_str[i], cs->label_len[i]);
		p += cs->label_len[i];
		p = put_int64(p, cs->converted[i]);
		p = put_int64(p, cs->dropped[i]);
	}
	if (p - dst != size)
		elog(ERROR, "funnel_correlation state of %zu bytes written as %zu",
			 (size_t) size, (size_t) (p - dst));
}

/* Reading the serialized form: the bytes, and the SQLSTATE of errors. */
typedef struct CorrReader
{
	StringInfoData r;
	int			code;			/* 22P03 binary, 22P02 text input */
} CorrReader;

pg_noreturn
static void
bad_state(CorrReader *rd, const char *what)
{
	ereport(ERROR,
			(errcode(rd->code),
			 errmsg("invalid funnel_correlation state: %s", what)));
}

/*
 * Reading the serialized form with pq_getmsg*, every read first checked
 * against the length (pq_getmsg* would report a protocol violation).
 */
static void
rd_need(CorrReader *rd, int32 n)
{
	if (n < 0 || n > rd->r.len - rd->r.cursor)
		bad_state(rd, "truncated");
}

static const char *
rd_bytes(CorrReader *rd, int32 n)
{
	rd_need(rd, n);
	return pq_getmsgbytes(&rd->r, n);
}

static uint8
rd_u8(CorrReader *rd)
{
	rd_need(rd, 1);
	return (uint8) pq_getmsgbyte(&rd->r);
}

static int32
rd_i32(CorrReader *rd)
{
	rd_need(rd, 4);
	return (int32) pq_getmsgint(&rd->r, 4);
}

static int64
rd_i64(CorrReader *rd)
{
	rd_need(rd, 8);
	return pq_getmsgint64(&rd->r);
}

/*
 * Rebuild a state in mcxt from the serialized form (data, len).  The bytes
 * are untrusted (text or binary input of correlation_state, a parallel
 * worker's tuple, a Citus worker's text, and journey.funnel_correlation
 * takes any bytea), so everything is checked, errors with SQLSTATE code:
 * version, flags, parameters, lengths, counts within the totals, no
 * duplicate label, nothing left over.  Only the form corr_write writes is
 * accepted, so a value that reads back writes the same bytes.
 */
static void *
corr_read(const char *data, Size len, MemoryContext mcxt, int code)
{
	CorrReader	rd;
	StringInfo	r = &rd.r;
	CorrState  *cs;
	uint8		flags;
	int64		window;
	int32		step,
				nsteps,
				nlabels,
				i;
	int32		steps_start;

	rd.code = code;
	if (len > MaxAllocSize)
		bad_state(&rd, "too long");
	r->data = (char *) data;
	r->len = (int) len;
	r->maxlen = r->len;
	r->cursor = 0;

	if (rd_u8(&rd) != CORR_VERSION)
		bad_state(&rd, "unsupported version");
	flags = rd_u8(&rd);
	if ((flags & ~CORR_FLAGS_VALID) != 0)
		bad_state(&rd, "invalid flags");
	cs = corr_new(mcxt, flags & CORR_FLAG_ATTRIBUTE);
	window = rd_i64(&rd);
	step = rd_i32(&rd);
	nsteps = rd_i32(&rd);
	steps_start = r->cursor;
	if (flags & CORR_FLAG_PARAMS)
	{
		if (window < 0)
			bad_state(&rd, "negative window");
		if (nsteps < 2 || nsteps > STEP_MAX_STEPS || step < 1 || step >= nsteps)
			bad_state(&rd, "invalid steps");
		for (i = 0; i < nsteps; i++)
		{
			int32		len = rd_i32(&rd);
			const char *str = rd_bytes(&rd, len);

			if (!pg_verifymbstr(str, len, true))
				bad_state(&rd, "invalid step label");
		}
		corr_set_params(cs, flags & CORR_FLAG_ATTRIBUTE, window, step, nsteps,
						r->data + steps_start, r->cursor - steps_start);
	}
	else if (window != 0 || step != 0 || nsteps != 0)
		bad_state(&rd, "parameters without the parameters flag");
	cs->nconverted = rd_i64(&rd);
	cs->ndropped = rd_i64(&rd);
	if (cs->nconverted < 0 || cs->ndropped < 0 ||
		cs->nconverted > CORR_MAX_COUNT || cs->ndropped > CORR_MAX_COUNT ||
		(!(flags & CORR_FLAG_PARAMS) && (cs->nconverted != 0 || cs->ndropped != 0)))
		bad_state(&rd, "invalid totals");
	nlabels = rd_i32(&rd);
	if (nlabels < 0 || nlabels > (r->len - r->cursor) / 20)
		bad_state(&rd, "invalid number of labels");
	for (i = 0; i < nlabels; i++)
	{
		int32		len = rd_i32(&rd);
		const char *str = rd_bytes(&rd, len);
		int64		conv = rd_i64(&rd);
		int64		drop = rd_i64(&rd);
		bool		is_new;
		int32		id;

		/* labels become text: valid in the database encoding, no NUL */
		if (!pg_verifymbstr(str, len, true))
			bad_state(&rd, "invalid label");
		if (conv < 0 || drop < 0 || conv > cs->nconverted || drop > cs->ndropped ||
			(conv == 0 && drop == 0))
			bad_state(&rd, "invalid label counts");
		id = corr_label(cs, str, len, &is_new);
		if (!is_new)
			bad_state(&rd, "duplicate label");
		cs->converted[id] = conv;
		cs->dropped[id] = drop;
	}
	if (r->cursor != r->len)
		bad_state(&rd, "trailing bytes");
	return cs;
}

static void *
corr_create(MemoryContext mcxt)
{
	return corr_new(mcxt, 0);
}

static void
corr_merge_obj(void *into, const void *from)
{
	corr_merge(into, from);
}

static const AggStateClass correlation_state_class = {
	"correlation_state", "a funnel_correlation state",
	corr_create, corr_read, corr_size, corr_write, corr_merge_obj
};

/*
 * Final: the state's serialized form as bytea, for
 * journey.funnel_correlation.  NULL over zero rows.  Reads the state only
 * (FINALFUNC_MODIFY = READ_ONLY).
 */
Datum
funnel_correlation_final(PG_FUNCTION_ARGS)
{
	CorrState  *cs;

	journey_agg_context(fcinfo, "funnel_correlation_final");
	cs = agg_state_getarg(&correlation_state_class, fcinfo, 0);
	if (cs == NULL)
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(agg_state_serialize(&correlation_state_class, cs));
}

/* ------------------------------------------------------------------------
 * Type correlation_state and the combine function (agg_state.c)
 * ------------------------------------------------------------------------
 */

Datum
journey_correlation_state_combine(PG_FUNCTION_ARGS)
{
	return agg_state_combine(&correlation_state_class, fcinfo, "correlation_state_combine");
}

Datum
journey_correlation_state_in(PG_FUNCTION_ARGS)
{
	return agg_state_in(&correlation_state_class, fcinfo);
}

Datum
journey_correlation_state_out(PG_FUNCTION_ARGS)
{
	return agg_state_out(&correlation_state_class, fcinfo);
}

Datum
journey_correlation_state_recv(PG_FUNCTION_ARGS)
{
	return agg_state_recv(&correlation_state_class, fcinfo);
}

Datum
journey_correlation_state_send(PG_FUNCTION_ARGS)
{
	return agg_state_send(&correlation_state_class, fcinfo);
}

/* ------------------------------------------------------------------------
 * Statistics of one 2x2 table
 *
 *					has the label	does not
 *	  converted			a				c			a + c = converted total
 *	  dropped			b				d			b + d = dropped total
 * ------------------------------------------------------------------------
 */

/*
 * Fisher's exact test, two-sided: the probability, under the
 * hypergeometric distribution of a given the margins, of the tables no
 * more probable than the observed one (with R's relative tolerance of
 * 1e-7 so that ties in symmetric tables are not lost to rounding).  The
 * densities come from the ratio of consecutive terms, accurate for any
 * margins (lgamma of large counts loses digits).
 */
static double
fisher_two_sided(int64 a, int64 b, int64 c, int64 d)
{
	double		r1 = (double) (a + b);	/* has the label */
	double		r2 = (double) (c + d);
	double		c1 = (double) (a + c);	/* converted */
	int64		lo = Max(0, (a + c) - (c + d));
	int64		hi = Min(a + b, a + c);
	double		ld,
				maxld,
				obsld = 0,
				total = 0,
				tail = 0;
	int64		x;

	/* pass 1: log densities relative to x = lo; their maximum */
	ld = 0;
	maxld = 0;
	for (x = lo; x <= hi; x++)
	{
		if (x > lo)
			ld += log((r1 - (x - 1)) * (c1 - (x - 1)) /
					  ((double) x * (r2 - c1 + (double) x)));
		if (ld > maxld)
			maxld = ld;
		if (x == a)
			obsld = ld;
	}
	/* pass 2: the same densities, scaled by the largest */
	ld = 0;
	for (x = lo; x <= hi; x++)
	{
		double		p;

		if (x > lo)
			ld += log((r1 - (x - 1)) * (c1 - (x - 1)) /
					  ((double) x * (r2 - c1 + (double) x)));
		p = exp(ld - maxld);
		total += p;
		if (ld <= obsld + log1p(1e-7))
			tail += p;
	}
	return Min(1.0, tail / total);
}

/*
 * Sort keys, rounded (9 decimals of the logarithms) so that values that
 * differ in the last bits only, like the p of two mirror-image tables,
 * count as ties and the order does not depend on floating-point noise.
 */
static inline double
sort_key(double x)
{
	return x <= 0 ? -HUGE_VAL : rint(log(x) * 1e9);
}

typedef struct CorrRow
{
	const char *str;
	int32		len;
	int64		converted;
	int64		dropped;
	double		odds_ratio;
	double		ci_low;
	double		ci_high;
	double		p_value;
	double		p_key;			/* sort_key(p_value) */
	double		effect_key;		/* rint(|ln odds_ratio| * 1e9) */
} CorrRow;

static void
corr_stats(CorrRow *row, int64 nconverted, int64 ndropped)
{
	int64		a = row->converted,
				b = row->dropped,
				c = nconverted - a,
				d = ndropped - b;
	double		fa = a,
				fb = b,
				fc = c,
				fd = d;
	double		n = fa + fb + fc + fd;
	double		min_expected;
	double		log_or,
				se;

	/* Haldane-Anscombe: 0.5 added to every cell when one is empty */
	if (a == 0 || b == 0 || c == 0 || d == 0)
	{
		fa += 0.5;
		fb += 0.5;
		fc += 0.5;
		fd += 0.5;
	}
	log_or = log(fa) + log(fd) - log(fb) - log(fc);
	se = sqrt(1.0 / fa + 1.0 / fb + 1.0 / fc + 1.0 / fd);
	row->odds_ratio = exp(log_or);
	row->ci_low = exp(log_or - CORR_Z_975 * se);
	row->ci_high = exp(log_or + CORR_Z_975 * se);
	row->effect_key = rint(fabs(log_or) * 1e9);

	/* p: Fisher if some expected count is below 5, else Pearson chi-square */
	min_expected = (double) Min(a + b, c + d) * (double) Min(a + c, b + d) / n;
	if (min_expected < CORR_FISHER_BELOW)
		row->p_value = fisher_two_sided(a, b, c, d);
	else
	{
		double		diff = (double) a * (double) d - (double) b * (double) c;
		double		chi2 = n * (diff / ((double) (a + b) * (double) (c + d))) *
			(diff / ((double) (a + c) * (double) (b + d)));

		row->p_value = erfc(sqrt(chi2 / 2.0));
	}
	row->p_key = sort_key(row->p_value);
}

/* Most significant first; then the strongest effect; then label bytes. */
static int
corr_row_cmp(const void *pa, const void *pb)
{
	const CorrRow *a = (const CorrRow *) pa;
	const CorrRow *b = (const CorrRow *) pb;
	int			r;

	if (a->p_key != b->p_key)
		return a->p_key < b->p_key ? -1 : 1;
	if (a->effect_key != b->effect_key)
		return a->effect_key > b->effect_key ? -1 : 1;
	r = memcmp(a->str, b->str, Min(a->len, b->len));
	if (r != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

/*
 * journey.funnel_correlation(state bytea) -> SETOF (label, converted,
 * dropped, odds_ratio, ci_low, ci_high, p_value), sorted by p_value.
 */
Datum
funnel_correlation(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bytea	   *bytes;
	CorrState  *cs;
	CorrRow    *rows;
	int32		i;

	bytes = PG_GETARG_BYTEA_PP(0);
	cs = corr_read(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), CurrentMemoryContext,
				   ERRCODE_INVALID_BINARY_REPRESENTATION);
	InitMaterializedSRF(fcinfo, 0);
	if (cs->nlabels == 0)
		return (Datum) 0;
	rows = palloc(cs->nlabels * sizeof(CorrRow));
	for (i = 0; i < cs->nlabels; i++)
	{
		rows[i].str = cs->label_str[i];
		rows[i].len = cs->label_len[i];
		rows[i].converted = cs->converted[i];
		rows[i].dropped = cs->dropped[i];
		corr_stats(&rows[i], cs->nconverted, cs->ndropped);
	}
	qsort(rows, cs->nlabels, sizeof(CorrRow), corr_row_cmp);
	for (i = 0; i < cs->nlabels; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(rows[i].str, rows[i].len));
		values[1] = Int64GetDatum(rows[i].converted);
		values[2] = Int64GetDatum(rows[i].dropped);
		values[3] = Float8GetDatum(rows[i].odds_ratio);
		values[4] = Float8GetDatum(rows[i].ci_low);
		values[5] = Float8GetDatum(rows[i].ci_high);
		values[6] = Float8GetDatum(rows[i].p_value);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
