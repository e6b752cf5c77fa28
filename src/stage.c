/*-------------------------------------------------------------------------
 *
 * stage.c
 *	  Journey-stage analytics over any stage model (any enum type):
 *	  stage_at, time_in_stage, stage_sequence, stage_transitions,
 *	  regressions and regressed, and the per-stage metadata lookups
 *	  stage_department, stage_is_terminal and stage_expected_days.
 *
 * A stage model is an enum type (see create_stage_model in stage.sql), so
 * the aggregates are polymorphic over anyenum.  They all collect the same
 * state: the (entered, stage) pairs of the group, 16 bytes each, plus the
 * constant arguments of the call (stage_at's time, time_in_stage's stage and
 * time), which final functions cannot see otherwise.  Rows whose time or
 * stage is NULL are skipped.
 *
 * Order of entries: by time, then by the stage's position in the model (the
 * enum's sort order), so entries at the same instant are read as moves
 * forward through the model, and the result never depends on the order in
 * which rows arrive.
 *
 * The final functions are declared with FINALFUNC_EXTRA so that
 * get_fn_expr_argtype tells them the enum type; they sort the state in
 * place, which does not change the multiset of entries it holds, so they
 * are READ_ONLY and work as window aggregates.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "sort.h"
#include "step_state.h"

#define STAGE_STATE_VERSION		1

/* flag bits of the serialized state */
#define STAGE_HAS_PARAMS		0x01	/* constant arguments were seen */
#define STAGE_TS_PARAM_NULL		0x02	/* the time argument was NULL */
#define STAGE_STAGE_PARAM_NULL	0x04	/* the stage argument was NULL */
#define STAGE_VALID_FLAGS		0x07

typedef struct StageEntry
{
	TimestampTz ts;
	Oid			stage;			/* pg_enum OID of the stage */
} StageEntry;

typedef struct StageState
{
	MemoryContext mcxt;
	Oid			enumtype;		/* the stage model; InvalidOid until known */
	int32		nentries;
	int32		maxentries;
	bool		sorted;
	StageEntry *entries;
	/* constant arguments, from the first row; every row must agree */
	bool		has_params;
	bool		ts_param_null;
	bool		stage_param_null;
	TimestampTz ts_param;		/* stage_at's "at", time_in_stage's "until" */
	Oid			stage_param;	/* time_in_stage's "which" */
} StageState;

PG_FUNCTION_INFO_V1(stage_trans);
PG_FUNCTION_INFO_V1(stage_at_trans);
PG_FUNCTION_INFO_V1(time_in_stage_trans);
PG_FUNCTION_INFO_V1(stage_combine);
PG_FUNCTION_INFO_V1(stage_serial);
PG_FUNCTION_INFO_V1(stage_deserial);
PG_FUNCTION_INFO_V1(stage_at_final);
PG_FUNCTION_INFO_V1(time_in_stage_final);
PG_FUNCTION_INFO_V1(stage_sequence_final);
PG_FUNCTION_INFO_V1(stage_transitions_final);
PG_FUNCTION_INFO_V1(regressions_final);
PG_FUNCTION_INFO_V1(regressed_final);

PG_FUNCTION_INFO_V1(stage_department);
PG_FUNCTION_INFO_V1(stage_is_terminal);
PG_FUNCTION_INFO_V1(stage_expected_days);

/* ------------------------------------------------------------------------
 * The state
 * ------------------------------------------------------------------------
 */

static StageState *
stage_state_new(MemoryContext mcxt)
{
	StageState *st = MemoryContextAllocZero(mcxt, sizeof(StageState));

	st->mcxt = mcxt;
	st->sorted = true;
	return st;
}

/* The enum type of argument argno of the call, domains resolved. */
static Oid
stage_arg_enumtype(FunctionCallInfo fcinfo, int argno)
{
	Oid			t = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(t))
		elog(ERROR, "could not determine the stage model of a stage aggregate");
	t = getBaseType(t);
	if (!type_is_enum(t))
		elog(ERROR, "stage argument is not of an enum type");
	return t;
}

static void
stage_state_set_enumtype(StageState *st, Oid enumtype)
{
	if (!OidIsValid(st->enumtype))
		st->enumtype = enumtype;
	else if (st->enumtype != enumtype)
		elog(ERROR, "stage aggregate state of type %u used for type %u",
			 st->enumtype, enumtype);
}

static void
stage_state_add(StageState *st, TimestampTz ts, Oid stage)
{
	StageEntry *e;

	if (st->nentries >= st->maxentries)
	{
		int32		newmax;

		if (st->nentries >= JOURNEY_MAX_GROUP_ROWS)
			journey_too_many_rows("too many stage entries");
		newmax = st->maxentries == 0 ? 8 :
			Min(st->maxentries * 2, JOURNEY_MAX_GROUP_ROWS);
		if (st->entries == NULL)
			st->entries = MemoryContextAllocHuge(st->mcxt, newmax * sizeof(StageEntry));
		else
			st->entries = repalloc_huge(st->entries, newmax * sizeof(StageEntry));
		st->maxentries = newmax;
	}
	e = &st->entries[st->nentries++];
	e->ts = ts;
	e->stage = stage;
	/* Still sorted only if clearly so; ties of different stages need the enum order. */
	if (st->nentries > 1 && st->sorted)
	{
		StageEntry *prev = e - 1;

		if (prev->ts > ts || (prev->ts == ts && prev->stage != stage))
			st->sorted = false;
	}
}

pg_noreturn
static void
param_changed(const char *aggname, const char *argname)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("argument \"%s\" of %s must be the same for every row of a group",
					argname, aggname)));
}

/*
 * Remember the constant arguments from the first row, and insist that
 * every later row (or partial state) has the same: with a varying argument
 * the answer would depend on which row came first.
 */
static void
stage_state_set_params(StageState *st, const char *aggname, const char *tsname,
					   bool ts_null, TimestampTz ts,
					   bool stage_null, Oid stage)
{
	if (!st->has_params)
	{
		st->has_params = true;
		st->ts_param_null = ts_null;
		st->ts_param = ts_null ? 0 : ts;
		st->stage_param_null = stage_null;
		st->stage_param = stage_null ? InvalidOid : stage;
		return;
	}
	if (st->ts_param_null != ts_null || (!ts_null && st->ts_param != ts))
		param_changed(aggname, tsname);
	if (st->stage_param_null != stage_null || (!stage_null && st->stage_param != stage))
		param_changed(aggname, "which");
}

/* The state argument of a transition function, created when missing. */
static StageState *
stage_trans_state(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, fname);
	StageState *st;

	if (PG_ARGISNULL(0))
	{
		st = stage_state_new(aggcontext);
		st->enumtype = stage_arg_enumtype(fcinfo, 2);
	}
	else
		st = (StageState *) PG_GETARG_POINTER(0);
	return st;
}

static void
stage_trans_add_row(FunctionCallInfo fcinfo, StageState *st)
{
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
		stage_state_add(st, PG_GETARG_TIMESTAMPTZ(1), PG_GETARG_OID(2));
}

/* ------------------------------------------------------------------------
 * Transition, combine, serialization
 * ------------------------------------------------------------------------
 */

/*
 * stage_trans(state, entered, stage): not strict, since the first call has
 * no state and rows with a NULL time or stage are skipped.
 */
Datum
stage_trans(PG_FUNCTION_ARGS)
{
	StageState *st = stage_trans_state(fcinfo, "stage_trans");

	stage_trans_add_row(fcinfo, st);
	PG_RETURN_POINTER(st);
}

/* stage_at_trans(state, entered, stage, at) */
Datum
stage_at_trans(PG_FUNCTION_ARGS)
{
	StageState *st = stage_trans_state(fcinfo, "stage_at_trans");

	stage_state_set_params(st, "stage_at", "at",
						   PG_ARGISNULL(3), PG_ARGISNULL(3) ? 0 : PG_GETARG_TIMESTAMPTZ(3),
						   true, InvalidOid);
	stage_trans_add_row(fcinfo, st);
	PG_RETURN_POINTER(st);
}

/* time_in_stage_trans(state, entered, stage, which, until) */
Datum
time_in_stage_trans(PG_FUNCTION_ARGS)
{
	StageState *st = stage_trans_state(fcinfo, "time_in_stage_trans");

	stage_state_set_params(st, "time_in_stage", "until",
						   PG_ARGISNULL(4), PG_ARGISNULL(4) ? 0 : PG_GETARG_TIMESTAMPTZ(4),
						   PG_ARGISNULL(3), PG_ARGISNULL(3) ? InvalidOid : PG_GETARG_OID(3));
	stage_trans_add_row(fcinfo, st);
	PG_RETURN_POINTER(st);
}

/* stage_combine(a, b): b merged into a; either may be NULL. */
Datum
stage_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "stage_combine");
	StageState *a = PG_ARGISNULL(0) ? NULL : (StageState *) PG_GETARG_POINTER(0);
	StageState *b = PG_ARGISNULL(1) ? NULL : (StageState *) PG_GETARG_POINTER(1);
	int32		i;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = stage_state_new(aggcontext);
	if (OidIsValid(b->enumtype))
		stage_state_set_enumtype(a, b->enumtype);
	if (b->has_params)
		stage_state_set_params(a, "a stage aggregate", "at/until",
							   b->ts_param_null, b->ts_param,
							   b->stage_param_null, b->stage_param);
	for (i = 0; i < b->nentries; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		stage_state_add(a, b->entries[i].ts, b->entries[i].stage);
	}
	PG_RETURN_POINTER(a);
}

/*
 * Serialized form: version byte, flags byte, enum type OID, time
 * parameter, stage parameter, number of entries, then (time, stage OID)
 * pairs; integers in network order.
 */
Datum
stage_serial(PG_FUNCTION_ARGS)
{
	StageState *st;
	StringInfoData buf;
	uint8		flags = 0;
	int32		i;

	journey_agg_context(fcinfo, "stage_serial");
	st = (StageState *) PG_GETARG_POINTER(0);
	if (st->has_params)
		flags |= STAGE_HAS_PARAMS;
	if (st->ts_param_null)
		flags |= STAGE_TS_PARAM_NULL;
	if (st->stage_param_null)
		flags |= STAGE_STAGE_PARAM_NULL;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, STAGE_STATE_VERSION);
	pq_sendbyte(&buf, flags);
	pq_sendint32(&buf, st->enumtype);
	pq_sendint64(&buf, st->ts_param);
	pq_sendint32(&buf, st->stage_param);
	pq_sendint32(&buf, st->nentries);
	for (i = 0; i < st->nentries; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		pq_sendint64(&buf, st->entries[i].ts);
		pq_sendint32(&buf, st->entries[i].stage);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

pg_noreturn
static void
bad_state(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized stage state: %s", what)));
}

/* Is stage a label of the enum type enumtype? */
static bool
stage_is_label_of(Oid stage, Oid enumtype)
{
	HeapTuple	tup;
	bool		ok;

	tup = SearchSysCache1(ENUMOID, ObjectIdGetDatum(stage));
	if (!HeapTupleIsValid(tup))
		return false;
	ok = ((Form_pg_enum) GETSTRUCT(tup))->enumtypid == enumtype;
	ReleaseSysCache(tup);
	return ok;
}

/* Is ts a value of timestamptz: finite and in range, or +-infinity? */
static bool
stage_ts_valid(TimestampTz ts)
{
	return TIMESTAMP_NOT_FINITE(ts) || IS_VALID_TIMESTAMP(ts);
}

/*
 * stage_deserial(bytes, internal): rebuild a state, checking every byte,
 * and that every stage is a label of the state's enum type.
 */
Datum
stage_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "stage_deserial");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	StageState *st;
	uint8		flags;
	Oid			enumtype;
	TimestampTz ts_param;
	Oid			stage_param;
	int32		n,
				i;
	Oid			checked = InvalidOid;	/* last stage found valid, if any */

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (buf.len < 1 + 1 + 4 + 8 + 4 + 4)
		bad_state("truncated");
	if (pq_getmsgbyte(&buf) != STAGE_STATE_VERSION)
		bad_state("unsupported version");
	flags = pq_getmsgbyte(&buf);
	if ((flags & ~STAGE_VALID_FLAGS) != 0 ||
		(!(flags & STAGE_HAS_PARAMS) && flags != 0))
		bad_state("invalid flags");
	enumtype = pq_getmsgint(&buf, 4);
	ts_param = pq_getmsgint64(&buf);
	stage_param = pq_getmsgint(&buf, 4);
	n = pq_getmsgint(&buf, 4);
	if (n < 0 || (int64) n * 12 != buf.len - buf.cursor)
		bad_state("invalid number of entries");
	if (!OidIsValid(enumtype))
	{
		if (n > 0)
			bad_state("entries without a stage model");
	}
	else if (!type_is_enum(enumtype))
		bad_state("not an enum type");

	st = stage_state_new(aggcontext);
	st->enumtype = enumtype;
	if (flags & STAGE_HAS_PARAMS)
	{
		bool		stage_null = (flags & STAGE_STAGE_PARAM_NULL) != 0;

		if (!stage_null && !stage_is_label_of(stage_param, enumtype))
			bad_state("parameter stage is not a label of the stage model");
		st->has_params = true;
		st->ts_param_null = (flags & STAGE_TS_PARAM_NULL) != 0;
		if (!st->ts_param_null && !stage_ts_valid(ts_param))
			bad_state("time parameter out of range");
		st->ts_param = st->ts_param_null ? 0 : ts_param;
		st->stage_param_null = stage_null;
		st->stage_param = stage_null ? InvalidOid : stage_param;
	}
	else if (ts_param != 0 || stage_param != InvalidOid)
		bad_state("parameters without the flag");

	for (i = 0; i < n; i++)
	{
		TimestampTz ts = pq_getmsgint64(&buf);
		Oid			stage = pq_getmsgint(&buf, 4);

		if (!stage_ts_valid(ts))
			bad_state("time out of range");
		if (stage != checked || !OidIsValid(stage))
		{
			if (!stage_is_label_of(stage, enumtype))
				bad_state("stage is not a label of the stage model");
			checked = stage;
		}
		stage_state_add(st, ts, stage);
	}
	PG_RETURN_POINTER(st);
}

/* ------------------------------------------------------------------------
 * Final functions
 * ------------------------------------------------------------------------
 */

static int
stage_entry_cmp(const void *pa, const void *pb, void *arg)
{
	const StageEntry *a = pa;
	const StageEntry *b = pb;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->stage == b->stage)
		return 0;
	return compare_values_of_enum((TypeCacheEntry *) arg, a->stage, b->stage);
}

/*
 * The state of a final function, sorted, with *tcache set to the enum's
 * type cache entry; NULL when the group had no usable row.
 */
static StageState *
stage_final_state(FunctionCallInfo fcinfo, const char *fname, TypeCacheEntry **tcache)
{
	StageState *st;
	Oid			enumtype;

	journey_agg_context(fcinfo, fname);
	enumtype = stage_arg_enumtype(fcinfo, 2);
	*tcache = lookup_type_cache(enumtype, 0);
	st = PG_ARGISNULL(0) ? NULL : (StageState *) PG_GETARG_POINTER(0);
	if (st == NULL || st->nentries == 0)
		return NULL;
	/* only a corrupted partial state can be of another stage model */
	if (st->enumtype != enumtype)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized stage state: %s", "state of another stage model"),
				 errdetail("The state is of type %u, the aggregate of type %u.",
						   st->enumtype, enumtype)));
	if (!st->sorted)
	{
		journey_sort_arg(st->entries, st->nentries, sizeof(StageEntry),
				  stage_entry_cmp, *tcache);
		st->sorted = true;
	}
	return st;
}

/*
 * stage_at: the stage of the last entry (in the order above) at or before
 * "at"; NULL if there is none or "at" is NULL.
 */
Datum
stage_at_final(PG_FUNCTION_ARGS)
{
	TypeCacheEntry *tcache;
	StageState *st = stage_final_state(fcinfo, "stage_at_final", &tcache);
	int32		lo,
				hi;

	if (st == NULL || st->ts_param_null)
		PG_RETURN_NULL();
	/* binary search for the first entry after "at" */
	lo = 0;
	hi = st->nentries;
	while (lo < hi)
	{
		int32		mid = lo + (hi - lo) / 2;

		if (st->entries[mid].ts <= st->ts_param)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		PG_RETURN_NULL();
	PG_RETURN_OID(st->entries[lo - 1].stage);
}

/*
 * time_in_stage: the total time spent in "which" up to "until".  Entry i
 * lasts until entry i + 1 (or "until" for the last entry at or before it);
 * entries after "until" are ignored.  Consecutive entries of the same stage
 * are one continued stay, which this sum counts exactly once.  The result
 * is in days of 24 hours plus time, like subtracting two timestamptz.  NULL
 * when the group had no usable row or "which" or "until" is NULL.
 */
Datum
time_in_stage_final(PG_FUNCTION_ARGS)
{
	TypeCacheEntry *tcache;
	StageState *st = stage_final_state(fcinfo, "time_in_stage_final", &tcache);
	TimestampTz until;
	int64		total = 0;
	int32		i;
	Interval   *result;

	if (st == NULL || st->ts_param_null || st->stage_param_null)
		PG_RETURN_NULL();
	until = st->ts_param;
	for (i = 0; i < st->nentries && st->entries[i].ts <= until; i++)
	{
		TimestampTz start = st->entries[i].ts;
		TimestampTz end;
		int64		d;

		if (st->entries[i].stage != st->stage_param)
			continue;
		end = (i + 1 < st->nentries && st->entries[i + 1].ts <= until)
			? st->entries[i + 1].ts : until;
		if (end == start)
			continue;
		if (TIMESTAMP_NOT_FINITE(start) || TIMESTAMP_NOT_FINITE(end) ||
			pg_sub_s64_overflow(end, start, &d) ||
			pg_add_s64_overflow(total, d, &total))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("time in stage is out of range"),
					 errdetail("A stay in the stage starts or ends at an infinite time.")));
	}
	result = (Interval *) palloc(sizeof(Interval));
	result->month = 0;
	result->day = (int32) (total / USECS_PER_DAY);
	result->time = total % USECS_PER_DAY;
	PG_RETURN_INTERVAL_P(result);
}

/* stage_sequence: the stages in order, consecutive repeats collapsed. */
Datum
stage_sequence_final(PG_FUNCTION_ARGS)
{
	TypeCacheEntry *tcache;
	StageState *st = stage_final_state(fcinfo, "stage_sequence_final", &tcache);
	Datum	   *elems;
	int32		i,
				n = 0;

	if (st == NULL)
		PG_RETURN_NULL();
	elems = palloc(st->nentries * sizeof(Datum));
	for (i = 0; i < st->nentries; i++)
		if (n == 0 || DatumGetObjectId(elems[n - 1]) != st->entries[i].stage)
			elems[n++] = ObjectIdGetDatum(st->entries[i].stage);
	/* enum values are 4-byte, pass-by-value, int-aligned OIDs */
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, tcache->type_id,
										  sizeof(Oid), true, TYPALIGN_INT));
}

/*
 * Count the changes of stage, and among them the moves back to a stage
 * earlier in the model.
 */
static void
stage_count_moves(StageState *st, TypeCacheEntry *tcache,
				  int32 *transitions, int32 *regressions)
{
	int32		i;

	*transitions = 0;
	*regressions = 0;
	for (i = 1; i < st->nentries; i++)
	{
		Oid			prev = st->entries[i - 1].stage;
		Oid			cur = st->entries[i].stage;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (prev == cur)
			continue;
		(*transitions)++;
		if (compare_values_of_enum(tcache, prev, cur) > 0)
			(*regressions)++;
	}
}

Datum
stage_transitions_final(PG_FUNCTION_ARGS)
{
	TypeCacheEntry *tcache;
	StageState *st = stage_final_state(fcinfo, "stage_transitions_final", &tcache);
	int32		transitions,
				regressions;

	if (st == NULL)
		PG_RETURN_NULL();
	stage_count_moves(st, tcache, &transitions, &regressions);
	PG_RETURN_INT32(transitions);
}

Datum
regressions_final(PG_FUNCTION_ARGS)
{
	TypeCacheEntry *tcache;
	StageState *st = stage_final_state(fcinfo, "regressions_final", &tcache);
	int32		transitions,
				regressions;

	if (st == NULL)
		PG_RETURN_NULL();
	stage_count_moves(st, tcache, &transitions, &regressions);
	PG_RETURN_INT32(regressions);
}

Datum
regressed_final(PG_FUNCTION_ARGS)
{
	TypeCacheEntry *tcache;
	StageState *st = stage_final_state(fcinfo, "regressed_final", &tcache);
	int32		transitions,
				regressions;

	if (st == NULL)
		PG_RETURN_NULL();
	stage_count_moves(st, tcache, &transitions, &regressions);
	PG_RETURN_BOOL(regressions > 0);
}

/* ------------------------------------------------------------------------
 * Stage metadata: stage_department, stage_is_terminal, stage_expected_days
 *
 * The metadata of the stage model of the argument's enum type is read once
 * per query (per command of a transaction) into a cache kept in fn_extra,
 * sorted by the stages' OIDs; every call is then a binary search.
 * ------------------------------------------------------------------------
 */

typedef struct StageMeta
{
	Oid			stage;
	bool		terminal;
	text	   *department;		/* NULL if none */
	Numeric		expected_days;	/* NULL if unknown */
} StageMeta;

typedef struct StageMetaCache
{
	MemoryContext mcxt;			/* holds items and their values */
	Oid			enumtype;
	LocalTransactionId lxid;
	CommandId	cid;
	int32		n;
	StageMeta  *items;
} StageMetaCache;

static int
stage_meta_cmp(const void *pa, const void *pb)
{
	Oid			a = ((const StageMeta *) pa)->stage;
	Oid			b = ((const StageMeta *) pb)->stage;

	return a < b ? -1 : (a > b ? 1 : 0);
}

/* Read the metadata of enumtype's stages into cache (in cache->mcxt). */
static void
stage_meta_load(StageMetaCache *cache, Oid enumtype, Oid nsp)
{
	const char *qnsp = quote_identifier(get_namespace_name(nsp));
	char	   *query;
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	uint64		i;
	int			rc;

	query = psprintf("SELECT e.oid, s.terminal, s.department, s.expected_days"
					 " FROM pg_catalog.pg_enum e"
					 " JOIN %s.stages s ON s.stage OPERATOR(pg_catalog.=) e.enumlabel::pg_catalog.text"
					 " JOIN %s.stage_models m ON m.name OPERATOR(pg_catalog.=) s.model"
					 " WHERE e.enumtypid OPERATOR(pg_catalog.=) $1"
					 " AND m.type::pg_catalog.oid OPERATOR(pg_catalog.=) $1",
					 qnsp, qnsp);
	args[0] = ObjectIdGetDatum(enumtype);

	MemoryContextReset(cache->mcxt);
	cache->items = NULL;
	cache->n = 0;
	cache->enumtype = InvalidOid;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args(query, 1, argtypes, args, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
	if (SPI_processed > (uint64) PG_INT32_MAX / sizeof(StageMeta))
		elog(ERROR, "too many stages");

	cache->items = MemoryContextAllocZero(cache->mcxt,
										  Max(SPI_processed, 1) * sizeof(StageMeta));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		StageMeta  *m = &cache->items[i];
		bool		isnull;
		Datum		d;
		MemoryContext old;

		m->stage = DatumGetObjectId(SPI_getbinval(tup, desc, 1, &isnull));
		m->terminal = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
		old = MemoryContextSwitchTo(cache->mcxt);
		d = SPI_getbinval(tup, desc, 3, &isnull);
		if (!isnull)
			m->department = DatumGetTextPCopy(d);
		d = SPI_getbinval(tup, desc, 4, &isnull);
		if (!isnull)
			m->expected_days = DatumGetNumericCopy(d);
		MemoryContextSwitchTo(old);
	}
	cache->n = (int32) SPI_processed;
	SPI_finish();
	qsort(cache->items, cache->n, sizeof(StageMeta), stage_meta_cmp);
	cache->enumtype = enumtype;
}

/* The metadata of the argument stage, or NULL if it has none. */
static StageMeta *
stage_meta_lookup(FunctionCallInfo fcinfo)
{
	StageMetaCache *cache = (StageMetaCache *) fcinfo->flinfo->fn_extra;
	Oid			enumtype = get_fn_expr_argtype(fcinfo->flinfo, 0);
	Oid			stage = PG_GETARG_OID(0);
	LocalTransactionId lxid = JourneyMyLocalXid();
	CommandId	cid = GetCurrentCommandId(false);
	StageMeta	key;

	if (!OidIsValid(enumtype))
		elog(ERROR, "could not determine the stage model of a stage");
	enumtype = getBaseType(enumtype);
	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(StageMetaCache));
		cache->mcxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
											"journey stage metadata",
											ALLOCSET_SMALL_SIZES);
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->enumtype != enumtype || cache->lxid != lxid || cache->cid != cid)
	{
		stage_meta_load(cache, enumtype, get_func_namespace(fcinfo->flinfo->fn_oid));
		cache->lxid = lxid;
		cache->cid = cid;
	}
	key.stage = stage;
	return bsearch(&key, cache->items, cache->n, sizeof(StageMeta), stage_meta_cmp);
}

/* stage_department(stage): the department owning the stage, or NULL. */
Datum
stage_department(PG_FUNCTION_ARGS)
{
	StageMeta  *m = stage_meta_lookup(fcinfo);

	if (m == NULL || m->department == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(DatumGetPointer(datumCopy(PointerGetDatum(m->department), false, -1)));
}

/* stage_is_terminal(stage): whether the stage is terminal, or NULL. */
Datum
stage_is_terminal(PG_FUNCTION_ARGS)
{
	StageMeta  *m = stage_meta_lookup(fcinfo);

	if (m == NULL)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(m->terminal);
}

/* stage_expected_days(stage): the expected days in the stage, or NULL. */
Datum
stage_expected_days(PG_FUNCTION_ARGS)
{
	StageMeta  *m = stage_meta_lookup(fcinfo);

	if (m == NULL || m->expected_days == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(DatumGetNumeric(datumCopy(NumericGetDatum(m->expected_days), false, -1)));
}
