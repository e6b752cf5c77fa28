/*-------------------------------------------------------------------------
 *
 * journey_agg.c
 *	  journey_agg(ts, label [, value]): build a journey from event rows.
 *
 * The transition state is a JourneyBuilder living in the aggregate memory
 * context: events are appended as they come and sorted once, in the final
 * function.  Partial states travel between processes as journey values
 * (sorted and encoded), which are compact and carry the format version.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
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
 * journey_agg_serial: the state as the bytes of a journey (version byte
 * first); an empty state becomes the empty journey.
 */
Datum
journey_agg_serial(PG_FUNCTION_ARGS)
{
	JourneyBuilder *b = (JourneyBuilder *) PG_GETARG_POINTER(0);
	Journey    *j;

	journey_agg_context(fcinfo, "journey_agg_serial");
	j = journey_builder_finish(b);
	/* A journey is a valid bytea: same varlena layout, opaque bytes. */
	PG_RETURN_BYTEA_P((bytea *) j);
}

/*
 * journey_agg_deserial: rebuild a state from journey_agg_serial's bytes,
 * validating them like binary input.
 */
Datum
journey_agg_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_agg_deserial");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	JourneyData jd;
	JourneyBuilder *b;

	journey_decode_untrusted(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), &jd);
	b = journey_builder_new(aggcontext);
	journey_builder_add_journey(b, &jd);
	pfree(jd.events);
	pfree(jd.labels);
	PG_RETURN_POINTER(b);
}
