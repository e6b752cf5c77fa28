/*-------------------------------------------------------------------------
 *
 * journey_ops.c
 *	  Functions and operators on journeys: accessors (length, labels, path,
 *	  first/last touch and time, duration, nth), unnest to rows, slicing by
 *	  time, merging (|| and merge_agg), subsequence containment (@> and <@),
 *	  collapsing repeats, filtering by label, and make_journey from arrays.
 *
 * Every function reads journeys with journey_decode and writes them with
 * journey_encode or a JourneyBuilder, so every result is canonical.  None of
 * them depends on TimeZone, DateStyle or locale: labels compare by bytes and
 * timestamps as instants.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "agg_state.h"
#include "journey.h"
#include "varint.h"

/* accessors */
PG_FUNCTION_INFO_V1(journey_length);
PG_FUNCTION_INFO_V1(journey_labels);
PG_FUNCTION_INFO_V1(journey_path);
PG_FUNCTION_INFO_V1(journey_first_touch);
PG_FUNCTION_INFO_V1(journey_last_touch);
PG_FUNCTION_INFO_V1(journey_first_time);
PG_FUNCTION_INFO_V1(journey_last_time);
PG_FUNCTION_INFO_V1(journey_duration);
PG_FUNCTION_INFO_V1(journey_nth);
PG_FUNCTION_INFO_V1(journey_unnest);

/* journeys from journeys */
PG_FUNCTION_INFO_V1(journey_slice);
PG_FUNCTION_INFO_V1(journey_merge);
PG_FUNCTION_INFO_V1(journey_collapse);
PG_FUNCTION_INFO_V1(journey_filter);
PG_FUNCTION_INFO_V1(journey_make);

/* containment */
PG_FUNCTION_INFO_V1(journey_contains);
PG_FUNCTION_INFO_V1(journey_contained);

/* merge_agg */
PG_FUNCTION_INFO_V1(journey_merge_agg_trans);
PG_FUNCTION_INFO_V1(journey_merge_agg_combine);
PG_FUNCTION_INFO_V1(journey_merge_agg_final);
PG_FUNCTION_INFO_V1(journey_merge_agg_state_trans);
PG_FUNCTION_INFO_V1(journey_merge_agg_state_final);

/* Free the decoded arrays (the labels point into the journey). */
static void
free_decoded(JourneyData *jd)
{
	pfree(jd->events);
	pfree(jd->labels);
}

/*
 * Build the journey.event tuple (ts, label, value) of event i.
 */
static Datum
event_datum(TupleDesc tupdesc, const JourneyData *jd, int32 i)
{
	const JourneyEvent *e = &jd->events[i];
	const JourneyLabel *l = &jd->labels[e->label];
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	values[0] = TimestampTzGetDatum(e->ts);
	values[1] = PointerGetDatum(cstring_to_text_with_len(l->str, l->len));
	if (e->has_value)
		values[2] = Float8GetDatum(e->value);
	else
	{
		values[2] = (Datum) 0;
		nulls[2] = true;
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* The blessed result tuple descriptor of a function returning journey.event. */
static TupleDesc
event_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning a record called in a context that cannot accept a record")));
	if (tupdesc->natts != 3 ||
		TupleDescAttr(tupdesc, 0)->atttypid != TIMESTAMPTZOID ||
		TupleDescAttr(tupdesc, 1)->atttypid != TEXTOID ||
		TupleDescAttr(tupdesc, 2)->atttypid != FLOAT8OID)
		elog(ERROR, "return type must be (timestamptz, text, double precision)");
	return BlessTupleDesc(tupdesc);
}

/* ------------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------------
 */

/*
 * length(journey) -> integer: the number of events.  Only the first bytes
 * are needed, so a toasted value is fetched (and decompressed) in part.
 */
Datum
journey_length(PG_FUNCTION_ARGS)
{
	Journey    *j;

	/* version, flags and a varint event count of at most 3 bytes */
	j = (Journey *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0,
										   2 + VARINT_MAX_BYTES);
	if (VARSIZE(j) < JOURNEY_HDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt journey value: %s", "truncated header")));
	if (j->version != JOURNEY_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported journey format version %d", j->version),
				 errhint("The value was written by a newer version of the journey extension.")));
	PG_RETURN_INT32(journey_count(j));
}

/*
 * labels(journey) -> text[]: the distinct labels in order of first
 * appearance, which is the order of the stored dictionary.
 */
Datum
journey_labels(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	JourneyData jd;
	Datum	   *elems;
	ArrayType  *result;
	int32		i;

	journey_decode(j, &jd);
	if (jd.nlabels == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	elems = palloc(jd.nlabels * sizeof(Datum));
	for (i = 0; i < jd.nlabels; i++)
		elems[i] = PointerGetDatum(cstring_to_text_with_len(jd.labels[i].str,
															jd.labels[i].len));
	result = construct_array(elems, jd.nlabels, TEXTOID, -1, false, TYPALIGN_INT);
	PG_RETURN_ARRAYTYPE_P(result);
}

/* Whether the label contains the separator (never, for an empty one). */
static bool
label_contains(const JourneyLabel *l, const char *sep, int32 seplen)
{
	int32		i;

	if (seplen == 0)
		return false;
	for (i = 0; i + seplen <= l->len; i++)
		if (memcmp(l->str + i, sep, seplen) == 0)
			return true;
	return false;
}

/*
 * path(journey, sep text) -> text: the labels in event order joined by sep.
 * A label is quoted as in the journey's text form ("..." with " and \
 * escaped by a backslash) when the text form would quote it — empty, white
 * space, one of " \ @ > = — or when it contains sep, so that the string
 * splits back into the labels unambiguously.
 */
Datum
journey_path(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	text	   *sep = PG_GETARG_TEXT_PP(1);
	const char *sepstr = VARDATA_ANY(sep);
	int32		seplen = VARSIZE_ANY_EXHDR(sep);
	JourneyData jd;
	StringInfoData out;
	bool	   *quote;
	int32		i;

	journey_decode(j, &jd);
	/* decide once per distinct label */
	quote = palloc(Max(jd.nlabels, 1) * sizeof(bool));
	for (i = 0; i < jd.nlabels; i++)
		quote[i] = label_contains(&jd.labels[i], sepstr, seplen);
	initStringInfo(&out);
	for (i = 0; i < jd.nevents; i++)
	{
		int32		lab = jd.events[i].label;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (i > 0)
			appendBinaryStringInfo(&out, sepstr, seplen);
		journey_append_label(&out, &jd.labels[lab], quote[lab]);
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/*
 * Decode argument 0 into jd; returns false (and the caller returns NULL)
 * when the journey has no events.
 */
static bool
decode_nonempty(FunctionCallInfo fcinfo, JourneyData *jd)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);

	journey_decode(j, jd);
	return jd->nevents > 0;
}

/* first_touch(journey) -> text: label of the first event, NULL if none. */
Datum
journey_first_touch(PG_FUNCTION_ARGS)
{
	JourneyData jd;
	const JourneyLabel *l;

	if (!decode_nonempty(fcinfo, &jd))
		PG_RETURN_NULL();
	l = &jd.labels[jd.events[0].label];
	PG_RETURN_TEXT_P(cstring_to_text_with_len(l->str, l->len));
}

/* last_touch(journey) -> text: label of the last event, NULL if none. */
Datum
journey_last_touch(PG_FUNCTION_ARGS)
{
	JourneyData jd;
	const JourneyLabel *l;

	if (!decode_nonempty(fcinfo, &jd))
		PG_RETURN_NULL();
	l = &jd.labels[jd.events[jd.nevents - 1].label];
	PG_RETURN_TEXT_P(cstring_to_text_with_len(l->str, l->len));
}

/* first_time(journey) -> timestamptz: time of the first event. */
Datum
journey_first_time(PG_FUNCTION_ARGS)
{
	JourneyData jd;

	if (!decode_nonempty(fcinfo, &jd))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(jd.events[0].ts);
}

/* last_time(journey) -> timestamptz: time of the last event. */
Datum
journey_last_time(PG_FUNCTION_ARGS)
{
	JourneyData jd;

	if (!decode_nonempty(fcinfo, &jd))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(jd.events[jd.nevents - 1].ts);
}

/*
 * duration(journey) -> interval: last_time - first_time, computed by the
 * timestamptz subtraction operator itself so the two always agree (no
 * months; whole 24-hour periods are shown as days, as that operator does).
 */
Datum
journey_duration(PG_FUNCTION_ARGS)
{
	JourneyData jd;

	if (!decode_nonempty(fcinfo, &jd))
		PG_RETURN_NULL();
	return DirectFunctionCall2(timestamp_mi,
							   TimestampTzGetDatum(jd.events[jd.nevents - 1].ts),
							   TimestampTzGetDatum(jd.events[0].ts));
}

/*
 * nth(journey, n) -> journey.event: event n counting from 1, or from the
 * end when n is negative (-1 is the last); NULL for 0 or out of range.
 */
Datum
journey_nth(PG_FUNCTION_ARGS)
{
	int64		n = PG_GETARG_INT32(1);
	JourneyData jd;
	int64		idx;

	if (!decode_nonempty(fcinfo, &jd))
		PG_RETURN_NULL();
	if (n > 0)
		idx = n - 1;
	else if (n < 0)
		idx = jd.nevents + n;
	else
		PG_RETURN_NULL();
	if (idx < 0 || idx >= jd.nevents)
		PG_RETURN_NULL();
	return event_datum(event_tupdesc(fcinfo), &jd, (int32) idx);
}

/* State of unnest across calls, in multi_call_memory_ctx. */
typedef struct UnnestState
{
	Journey    *j;				/* detoasted value the labels point into */
	JourneyData jd;
} UnnestState;

/*
 * unnest(journey) -> SETOF journey.event: one row per event, in order.
 * Value-per-call, so a long journey is never materialised twice.
 */
Datum
journey_unnest(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	UnnestState *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = palloc(sizeof(UnnestState));
		st->j = PG_GETARG_JOURNEY_P(0);
		journey_decode(st->j, &st->jd);
		funcctx->user_fctx = st;
		funcctx->max_calls = st->jd.nevents;
		funcctx->tuple_desc = event_tupdesc(fcinfo);
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	st = (UnnestState *) funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		/* before SRF_RETURN_NEXT, which advances call_cntr first */
		Datum		result = event_datum(funcctx->tuple_desc, &st->jd,
										 (int32) funcctx->call_cntr);

		SRF_RETURN_NEXT(funcctx, result);
	}
	SRF_RETURN_DONE(funcctx);
}

/* ------------------------------------------------------------------------
 * Journeys from journeys
 * ------------------------------------------------------------------------
 */

/*
 * slice(j, from, to) -> journey: the events with from <= ts < to.  Not
 * strict: a NULL bound is no bound; a NULL journey gives NULL.
 */
Datum
journey_slice(PG_FUNCTION_ARGS)
{
	Journey    *j;
	JourneyData jd;
	bool		has_from = !PG_ARGISNULL(1);
	bool		has_to = !PG_ARGISNULL(2);
	TimestampTz from = has_from ? PG_GETARG_TIMESTAMPTZ(1) : 0;
	TimestampTz to = has_to ? PG_GETARG_TIMESTAMPTZ(2) : 0;
	int32		lo,
				hi;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (has_from && has_to && from >= to)
		PG_RETURN_JOURNEY_P(journey_empty());

	j = PG_GETARG_JOURNEY_P(0);
	journey_decode(j, &jd);
	/* Events are in time order: the slice is one contiguous run. */
	lo = 0;
	if (has_from)
		while (lo < jd.nevents && jd.events[lo].ts < from)
			lo++;
	hi = jd.nevents;
	if (has_to)
		while (hi > lo && jd.events[hi - 1].ts >= to)
			hi--;
	if (lo == 0 && hi == jd.nevents)
		PG_RETURN_JOURNEY_P(j);
	jd.events += lo;
	jd.nevents = hi - lo;
	PG_RETURN_JOURNEY_P(journey_encode(&jd, true));
}

/*
 * Merge two decoded journeys into a new one.  The builder checks the event
 * limit on the total before adding anything; events from two canonical
 * journeys are sorted by the builder (skipped when b follows a).
 */
static Journey *
merge_decoded(const JourneyData *a, const JourneyData *b)
{
	JourneyBuilder bld;

	journey_builder_init(&bld, CurrentMemoryContext);
	journey_builder_add_journey(&bld, a);
	journey_builder_add_journey(&bld, b);
	return journey_builder_finish(&bld);
}

/*
 * merge(a, b) -> journey, also a || b: every event of both, in canonical
 * order (identity stitching).  Commutative and associative.
 */
Datum
journey_merge(PG_FUNCTION_ARGS)
{
	Journey    *a = PG_GETARG_JOURNEY_P(0);
	Journey    *b = PG_GETARG_JOURNEY_P(1);
	JourneyData da,
				db;

	/* Journeys are canonical: merging with an empty one is the identity. */
	if (journey_count(b) == 0)
		PG_RETURN_JOURNEY_P(a);
	if (journey_count(a) == 0)
		PG_RETURN_JOURNEY_P(b);
	journey_decode(a, &da);
	journey_decode(b, &db);
	PG_RETURN_JOURNEY_P(merge_decoded(&da, &db));
}

/*
 * collapse(journey) -> journey: each run of consecutive events with the
 * same label becomes one event at the time of the run's first event, whose
 * value is the sum of the run's values (no value when none has one).  The
 * sum overflows like float8 addition (22003).
 */
Datum
journey_collapse(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	JourneyData jd;
	int32		i,
				n = 0;

	journey_decode(j, &jd);
	for (i = 0; i < jd.nevents; i++)
	{
		const JourneyEvent *e = &jd.events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		if (n > 0 && jd.events[n - 1].label == e->label)
		{
			JourneyEvent *run = &jd.events[n - 1];

			if (e->has_value)
			{
				run->value = run->has_value ? float8_pl(run->value, e->value) : e->value;
				run->has_value = true;
			}
		}
		else
			jd.events[n++] = *e;
	}
	if (n == jd.nevents)
		PG_RETURN_JOURNEY_P(j);
	jd.nevents = n;

	/*
	 * The kept events keep their times and differ in label from their
	 * neighbours, so the order stays canonical; journey_encode verifies that
	 * cheaply before it would sort.
	 */
	PG_RETURN_JOURNEY_P(journey_encode(&jd, false));
}

/*
 * filter(j, labels text[]) -> journey: only the events whose label is an
 * element of the array (NULL elements are ignored; any dimensions).
 */
Datum
journey_filter(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	JourneyData jd;
	JourneyBuilder set;
	bool	   *keep;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	int32		i,
				n = 0;

	journey_decode(j, &jd);
	if (jd.nevents == 0)
		PG_RETURN_JOURNEY_P(j);

	/*
	 * Intern the journey's labels in a builder (used only as a label set),
	 * then mark those the array names.  A label index below jd.nlabels means
	 * the element is one of the journey's labels.
	 */
	journey_builder_init(&set, CurrentMemoryContext);
	for (i = 0; i < jd.nlabels; i++)
		journey_builder_label(&set, jd.labels[i].str, jd.labels[i].len);
	keep = palloc0(jd.nlabels * sizeof(bool));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &nelems);
	for (i = 0; i < nelems; i++)
	{
		text	   *t;
		int32		len;
		int32		li;

		if (nulls[i])
			continue;
		t = DatumGetTextPP(elems[i]);
		len = VARSIZE_ANY_EXHDR(t);
		if (len > JOURNEY_MAX_LABEL_LEN)
			continue;			/* longer than any label can be */
		li = journey_builder_label(&set, VARDATA_ANY(t), len);
		if (li < jd.nlabels)
			keep[li] = true;
	}

	for (i = 0; i < jd.nevents; i++)
		if (keep[jd.events[i].label])
			jd.events[n++] = jd.events[i];
	if (n == jd.nevents)
		PG_RETURN_JOURNEY_P(j);
	jd.nevents = n;
	PG_RETURN_JOURNEY_P(journey_encode(&jd, true));
}

/* Raise the error for an array argument of make_journey that is not 1-D. */
static void
check_one_dim(ArrayType *arr, const char *argname)
{
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("array \"%s\" of make_journey must be one-dimensional", argname),
				 errdetail("The array has %d dimensions.", ARR_NDIM(arr))));
}

static void
check_same_length(const char *name1, int n1, const char *name2, int n2)
{
	if (n1 != n2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("arrays \"%s\" and \"%s\" of make_journey must have the same length",
						name1, name2),
				 errdetail("Array \"%s\" has length %d and array \"%s\" has length %d.",
						   name1, n1, name2, n2)));
}

/*
 * make_journey(ts timestamptz[], labels text[], vals float8[] DEFAULT NULL)
 * -> journey.  Element i of the arrays (by position, whatever the lower
 * bounds) is one event.  Like journey_agg, elements whose timestamp or label
 * is NULL are skipped and a NULL value means no value.  Not strict only so
 * that a NULL vals means "no values": NULL ts or labels give NULL.
 */
Datum
journey_make(PG_FUNCTION_ARGS)
{
	ArrayType  *ts_arr,
			   *label_arr,
			   *val_arr = NULL;
	Datum	   *ts_elems,
			   *label_elems,
			   *val_elems = NULL;
	bool	   *ts_nulls,
			   *label_nulls,
			   *val_nulls = NULL;
	int			nts,
				nlabels,
				nvals = 0;
	JourneyBuilder b;
	int			i;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	ts_arr = PG_GETARG_ARRAYTYPE_P(0);
	label_arr = PG_GETARG_ARRAYTYPE_P(1);
	check_one_dim(ts_arr, "ts");
	check_one_dim(label_arr, "labels");
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		val_arr = PG_GETARG_ARRAYTYPE_P(2);
		check_one_dim(val_arr, "vals");
	}

	deconstruct_array(ts_arr, TIMESTAMPTZOID, sizeof(TimestampTz), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &ts_elems, &ts_nulls, &nts);
	deconstruct_array(label_arr, TEXTOID, -1, false, TYPALIGN_INT,
					  &label_elems, &label_nulls, &nlabels);
	check_same_length("ts", nts, "labels", nlabels);
	if (val_arr != NULL)
	{
		deconstruct_array(val_arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						  TYPALIGN_DOUBLE, &val_elems, &val_nulls, &nvals);
		check_same_length("ts", nts, "vals", nvals);
	}

	journey_builder_init(&b, CurrentMemoryContext);
	for (i = 0; i < nts; i++)
	{
		text	   *t;
		int32		li;
		bool		has_value;

		if (ts_nulls[i] || label_nulls[i])
			continue;
		t = DatumGetTextPP(label_elems[i]);
		li = journey_builder_label(&b, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		has_value = val_arr != NULL && !val_nulls[i];
		journey_builder_add(&b, DatumGetTimestampTz(ts_elems[i]), li, has_value,
							has_value ? DatumGetFloat8(val_elems[i]) : 0.0);
	}
	PG_RETURN_JOURNEY_P(journey_builder_finish(&b));
}

/* ------------------------------------------------------------------------
 * Containment
 * ------------------------------------------------------------------------
 */

/*
 * Whether b's label sequence is a subsequence (not necessarily contiguous)
 * of a's.  Greedy matching is exact for subsequences: taking the earliest
 * occurrence of each of b's labels never loses a match.
 */
static bool
contains_internal(Journey *a, Journey *b)
{
	JourneyData da,
				db;
	JourneyBuilder set;
	int32	   *bmap;
	int32		i,
				k;

	if (journey_count(b) == 0)
		return true;
	if (journey_count(b) > journey_count(a))
		return false;
	journey_decode(a, &da);
	journey_decode(b, &db);

	/*
	 * Number b's labels like a's: intern a's labels first, so index <
	 * da.nlabels is a's label of that index; b's labels missing from a get
	 * higher indexes, which no event of a has.
	 */
	journey_builder_init(&set, CurrentMemoryContext);
	for (i = 0; i < da.nlabels; i++)
		journey_builder_label(&set, da.labels[i].str, da.labels[i].len);
	bmap = palloc(db.nlabels * sizeof(int32));
	for (i = 0; i < db.nlabels; i++)
	{
		bmap[i] = journey_builder_label(&set, db.labels[i].str, db.labels[i].len);
		if (bmap[i] >= da.nlabels)
			return false;
	}

	k = 0;
	for (i = 0; i < da.nevents && k < db.nevents; i++)
		if (da.events[i].label == bmap[db.events[k].label])
			k++;
	return k == db.nevents;
}

/* contains(a, b) -> boolean, also a @> b. */
Datum
journey_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains_internal(PG_GETARG_JOURNEY_P(0), PG_GETARG_JOURNEY_P(1)));
}

/* journey_contained(a, b) -> boolean: implementation of a <@ b. */
Datum
journey_contained(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains_internal(PG_GETARG_JOURNEY_P(1), PG_GETARG_JOURNEY_P(0)));
}

/* ------------------------------------------------------------------------
 * merge_agg(journey): the merge of a group's journeys
 *
 * The state is a JourneyBuilder, the state journey_agg keeps, here as the
 * SQL type journey_state (journey_agg.c) in the expanded form of
 * agg_state.c: updated in place inside the aggregate, flattened to its
 * binary form (journey_agg_serial's bytes) only to leave the process, and
 * combined by journey_state_combine, so that Citus splits merge_agg across
 * customers into worker partials.  A state exists once a non-NULL journey
 * was seen, even an empty one: a group whose journeys are all empty gives
 * the empty journey, a group with no non-NULL journey gives NULL.
 * ------------------------------------------------------------------------
 */

/*
 * journey_merge_agg_trans(state journey_state, j).  Not strict: it creates
 * the state on the first non-NULL journey and skips NULLs.
 */
Datum
journey_merge_agg_state_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_merge_agg_trans");
	ExpandedAggState *state;
	Journey    *j;
	JourneyData jd;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	state = agg_state_for_update(&journey_state_class, fcinfo, 0, aggcontext);
	j = PG_GETARG_JOURNEY_P(1);
	journey_decode(j, &jd);
	journey_builder_add_journey(state->obj, &jd);
	free_decoded(&jd);
	PG_FREE_IF_COPY(j, 1);
	PG_RETURN_DATUM(agg_state_datum(state));
}

/*
 * journey_merge_agg_final(state journey_state): the merged journey, or NULL
 * when the group had no non-NULL journey.  Sorting the state in place keeps
 * its multiset of events (and its serialized size), so the function is
 * READ_ONLY (usable as a window aggregate).
 */
Datum
journey_merge_agg_state_final(PG_FUNCTION_ARGS)
{
	JourneyBuilder *b;

	journey_agg_context(fcinfo, "journey_merge_agg_final");
	b = agg_state_getarg(&journey_state_class, fcinfo, 0);
	if (b == NULL)
		PG_RETURN_NULL();
	PG_RETURN_JOURNEY_P(journey_builder_finish(b));
}

/*
 * The support functions of 0.2.0 (STYPE = internal, a JourneyBuilder in the
 * aggregate context, serialized by journey_agg_serial), kept so that
 * merge_agg of an installation not yet updated keeps working with this
 * library.
 */
Datum
journey_merge_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_merge_agg_trans");
	JourneyBuilder *b = PG_ARGISNULL(0) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(0);
	Journey    *j;
	JourneyData jd;

	if (PG_ARGISNULL(1))
	{
		if (b == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(b);
	}
	if (b == NULL)
		b = journey_builder_new(aggcontext);
	j = PG_GETARG_JOURNEY_P(1);
	journey_decode(j, &jd);
	journey_builder_add_journey(b, &jd);
	free_decoded(&jd);
	PG_FREE_IF_COPY(j, 1);
	PG_RETURN_POINTER(b);
}

Datum
journey_merge_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_merge_agg_combine");
	JourneyBuilder *a = PG_ARGISNULL(0) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(0);
	JourneyBuilder *b = PG_ARGISNULL(1) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(1);

	if (b == NULL)
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

Datum
journey_merge_agg_final(PG_FUNCTION_ARGS)
{
	JourneyBuilder *b;

	journey_agg_context(fcinfo, "journey_merge_agg_final");
	b = PG_ARGISNULL(0) ? NULL : (JourneyBuilder *) PG_GETARG_POINTER(0);
	if (b == NULL)
		PG_RETURN_NULL();
	PG_RETURN_JOURNEY_P(journey_builder_finish(b));
}
