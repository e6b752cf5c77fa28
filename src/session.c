/*-------------------------------------------------------------------------
 *
 * session.c
 *	  Sessions by inactivity gap: the session_number window function, the
 *	  session_count aggregate, and the same over stored journeys
 *	  (session_count, sessions, split_sessions).
 *
 * A new session starts at an event more than `gap` after the latest earlier
 * event; an event exactly `gap` after it stays in the session.  All these
 * functions agree on the same events: for each partition ordered by time,
 * max(session_number) = session_count = the number of rows of sessions().
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "journey.h"
#include "step_state.h"
#include "time_state.h"

PG_FUNCTION_INFO_V1(session_number);
PG_FUNCTION_INFO_V1(session_number_int8);
PG_FUNCTION_INFO_V1(session_count_trans);
PG_FUNCTION_INFO_V1(session_count_trans_int8);
PG_FUNCTION_INFO_V1(session_count_final);
PG_FUNCTION_INFO_V1(session_count_combine);
PG_FUNCTION_INFO_V1(session_count_serial);
PG_FUNCTION_INFO_V1(session_count_deserial);
PG_FUNCTION_INFO_V1(journey_session_count);
PG_FUNCTION_INFO_V1(journey_sessions);
PG_FUNCTION_INFO_V1(journey_split_sessions);

static int64
gap_usec(Interval *iv)
{
	return interval_to_usec(iv, "session gap");
}

static int64
gap_int8(int64 gap)
{
	if (gap < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("session gap must not be negative")));
	return gap;
}

/* ------------------------------------------------------------------------
 * session_number window function
 * ------------------------------------------------------------------------
 */

/*
 * Partition-local state (zeroed by the executor at each new partition).
 * Rows are numbered in one pass: each call looks at the current row only.
 */
typedef struct SessionWinState
{
	bool		started;		/* some row has been evaluated */
	bool		has_prev;		/* a row with non-NULL ts and gap was seen */
	int64		next_pos;		/* next position to evaluate */
	int64		prev_ts;		/* latest time seen so far */
	int64		gap;			/* the partition's gap */
	int64		session;		/* current session number */
	bool		last_null;		/* result of position next_pos - 1 */
	int64		last_result;
} SessionWinState;

/*
 * Advance the state over one row; *isnull / result give its number.
 */
static void
session_step(SessionWinState *s, bool ts_null, int64 ts, bool gap_null, int64 gap)
{
	s->next_pos++;
	if (ts_null || gap_null)
	{
		s->last_null = true;
		return;
	}
	if (!s->has_prev)
	{
		s->has_prev = true;
		s->gap = gap;
		s->prev_ts = ts;
		s->session = 1;
	}
	else
	{
		if (gap != s->gap)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("session gap must be the same on every row of a partition")));
		if (ts > s->prev_ts)
		{
			if (time_gap_exceeds(s->prev_ts, ts, gap))
				s->session++;
			s->prev_ts = ts;
		}
		/* an earlier time (partition not ordered by ts) starts nothing */
	}
	s->last_null = false;
	s->last_result = s->session;
}

/*
 * Shared body of both overloads.  The executor evaluates rows in order,
 * once each; if asked again for the row just evaluated we answer from the
 * state, and if rows were skipped we catch up by reading them (the mark
 * only moves to rows already numbered, so they are still available).  We
 * never look back, so the mark follows the current row and the executor
 * can discard older rows: memory is O(1) per partition.
 */
static Datum
session_number_common(FunctionCallInfo fcinfo, bool is_interval)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	SessionWinState *s;
	int64		curpos = WinGetCurrentPosition(winobj);

	s = (SessionWinState *) WinGetPartitionLocalMemory(winobj, sizeof(SessionWinState));
	if (!s->started)
	{
		s->started = true;
		s->next_pos = 0;
	}
	if (curpos < s->next_pos - 1)
		elog(ERROR, "session_number cannot go back to row " INT64_FORMAT " of its partition",
			 curpos);

	while (s->next_pos <= curpos)
	{
		bool		ts_null,
					gap_null,
					isout;
		Datum		tsd,
					gapd;
		int64		ts = 0,
					gap = 0;

		if (s->next_pos == curpos)
		{
			tsd = WinGetFuncArgCurrent(winobj, 0, &ts_null);
			gapd = WinGetFuncArgCurrent(winobj, 1, &gap_null);
		}
		else
		{
			tsd = WinGetFuncArgInPartition(winobj, 0, (int) s->next_pos,
										   WINDOW_SEEK_HEAD, false, &ts_null, &isout);
			gapd = WinGetFuncArgInPartition(winobj, 1, (int) s->next_pos,
											WINDOW_SEEK_HEAD, false, &gap_null, &isout);
		}
		if (!ts_null)
			ts = DatumGetInt64(tsd);	/* timestamptz is an int64 too */
		if (!gap_null)
			gap = is_interval ? gap_usec(DatumGetIntervalP(gapd)) : gap_int8(DatumGetInt64(gapd));
		session_step(s, ts_null, ts, gap_null, gap);
	}
	WinSetMarkPosition(winobj, curpos);

	if (s->last_null)
		PG_RETURN_NULL();
	PG_RETURN_INT64(s->last_result);
}

/* session_number(ts timestamptz, gap interval) OVER (... ORDER BY ts) */
Datum
session_number(PG_FUNCTION_ARGS)
{
	return session_number_common(fcinfo, true);
}

/* session_number(ts bigint, gap bigint) OVER (... ORDER BY ts) */
Datum
session_number_int8(PG_FUNCTION_ARGS)
{
	return session_number_common(fcinfo, false);
}

/* ------------------------------------------------------------------------
 * session_count aggregate
 * ------------------------------------------------------------------------
 */

/*
 * session_count_trans(state, ts timestamptz, gap interval).  Not strict:
 * the first row creates the state; rows with a NULL ts or gap are skipped.
 * The state is a time_state (or, in the 0.2.0 definitions, internal:
 * time_state.c).
 */
Datum
session_count_trans(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return time_state_skip_row(fcinfo, "session_count_trans");
	return time_state_transition(fcinfo, PG_GETARG_TIMESTAMPTZ(1),
								 gap_usec(PG_GETARG_INTERVAL_P(2)), 0);
}

/* session_count_trans_int8(state, ts bigint, gap bigint) */
Datum
session_count_trans_int8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return time_state_skip_row(fcinfo, "session_count_trans");
	return time_state_transition(fcinfo, PG_GETARG_INT64(1),
								 gap_int8(PG_GETARG_INT64(2)), 0);
}

/* Number of sessions in sorted times. */
static int64
count_sessions(const int64 *ts, int32 n, int64 gap)
{
	int64		count;
	int32		i;

	if (n == 0)
		return 0;
	count = 1;
	for (i = 1; i < n; i++)
		if (time_gap_exceeds(ts[i - 1], ts[i], gap))
			count++;
	return count;
}

static int32
count_to_int32(int64 count)
{
	if (count > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("session count out of range for type integer")));
	return (int32) count;
}

/*
 * session_count_final(state): 0 for a group without usable rows.  Reads
 * the state without changing it (FINALFUNC_MODIFY = READ_ONLY: it works as
 * a window aggregate); unsorted times are sorted in a copy.
 */
Datum
session_count_final(PG_FUNCTION_ARGS)
{
	const TimeState *st = time_state_getarg(fcinfo, 0);

	if (st == NULL || st->n == 0)
		PG_RETURN_INT32(0);
	time_state_check_kind(st, false);
	PG_RETURN_INT32(count_to_int32(count_sessions(time_state_sorted_times(st->ts, st->n,
																		  (st->flags & TIME_STATE_SORTED) != 0),
												  st->n, st->width)));
}

/*
 * The support functions of the internal state of the 0.2.0 definitions
 * (time_state.c).
 */
Datum
session_count_combine(PG_FUNCTION_ARGS)
{
	return time_state_internal_combine(fcinfo, "session_count_combine");
}

Datum
session_count_serial(PG_FUNCTION_ARGS)
{
	return time_state_internal_serial(fcinfo, "session_count_serial");
}

Datum
session_count_deserial(PG_FUNCTION_ARGS)
{
	return time_state_internal_deserial(fcinfo, "session_count_deserial", false);
}

/* ------------------------------------------------------------------------
 * Over stored journeys
 * ------------------------------------------------------------------------
 */

/* Index of the first event of each session, plus nevents at the end. */
static int32 *
session_starts(const JourneyData *jd, int64 gap, int32 *nsessions)
{
	int32	   *starts = palloc((jd->nevents + 1) * sizeof(int32));
	int32		n = 0;
	int32		i;

	for (i = 0; i < jd->nevents; i++)
		if (i == 0 || time_gap_exceeds(jd->events[i - 1].ts, jd->events[i].ts, gap))
			starts[n++] = i;
	starts[n] = jd->nevents;
	*nsessions = n;
	return starts;
}

/* journey_session_count(j, gap interval) */
Datum
journey_session_count(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	int64		gap = gap_usec(PG_GETARG_INTERVAL_P(1));
	JourneyData jd;
	int64		count = 0;
	int32		i;

	journey_decode(j, &jd);
	for (i = 0; i < jd.nevents; i++)
		if (i == 0 || time_gap_exceeds(jd.events[i - 1].ts, jd.events[i].ts, gap))
			count++;
	PG_RETURN_INT32(count_to_int32(count));
}

/*
 * Per-call state of the two set-returning functions: the decoded journey
 * (its labels point into the detoasted copy, kept alive in the same
 * multi-call context) and the session boundaries.
 */
typedef struct SessionSrfState
{
	Journey    *j;
	JourneyData jd;
	int32	   *starts;
	int32		nsessions;
} SessionSrfState;

static SessionSrfState *
session_srf_setup(FunctionCallInfo fcinfo)
{
	SessionSrfState *st = palloc(sizeof(SessionSrfState));
	int64		gap = gap_usec(PG_GETARG_INTERVAL_P(1));

	/* A copy we own, so the labels stay valid across calls. */
	st->j = (Journey *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	journey_decode(st->j, &st->jd);
	st->starts = session_starts(&st->jd, gap, &st->nsessions);
	return st;
}

/*
 * journey_sessions(j, gap interval) -> TABLE(session integer, started
 * timestamptz, ended timestamptz, events integer, path text): one row per
 * session; path is the labels joined by " > " (not quoted).
 */
Datum
journey_sessions(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	SessionSrfState *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		st = session_srf_setup(fcinfo);
		funcctx->user_fctx = st;
		funcctx->max_calls = st->nsessions;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = (SessionSrfState *) funcctx->user_fctx;

	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int32		k = (int32) funcctx->call_cntr;
		int32		first = st->starts[k];
		int32		end = st->starts[k + 1];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		StringInfoData path;
		int32		i;
		HeapTuple	tuple;

		initStringInfo(&path);
		for (i = first; i < end; i++)
		{
			const JourneyLabel *l = &st->jd.labels[st->jd.events[i].label];

			if (i > first)
				appendStringInfoString(&path, " > ");
			appendBinaryStringInfo(&path, l->str, l->len);
		}
		values[0] = Int32GetDatum(k + 1);
		values[1] = TimestampTzGetDatum(st->jd.events[first].ts);
		values[2] = TimestampTzGetDatum(st->jd.events[end - 1].ts);
		values[3] = Int32GetDatum(end - first);
		values[4] = PointerGetDatum(cstring_to_text_with_len(path.data, path.len));
		tuple = heap_form_tuple(funcctx->tuple_desc, values, nulls);
		pfree(path.data);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * journey_split_sessions(j, gap interval) -> SETOF journey: each session as
 * a journey of its own (events, values and their order unchanged).
 */
Datum
journey_split_sessions(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	SessionSrfState *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = session_srf_setup(fcinfo);
		funcctx->user_fctx = st;
		funcctx->max_calls = st->nsessions;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = (SessionSrfState *) funcctx->user_fctx;

	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int32		k = (int32) funcctx->call_cntr;
		JourneyData part;

		/* A run of a canonical journey is canonical; unused labels drop. */
		part.nevents = st->starts[k + 1] - st->starts[k];
		part.nlabels = st->jd.nlabels;
		part.events = st->jd.events + st->starts[k];
		part.labels = st->jd.labels;
		SRF_RETURN_NEXT(funcctx, PointerGetDatum(journey_encode(&part, true)));
	}
	SRF_RETURN_DONE(funcctx);
}
