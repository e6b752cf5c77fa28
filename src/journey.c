/*-------------------------------------------------------------------------
 *
 * journey.c
 *	  Module entry point of the journey extension.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "journey.h"

PG_MODULE_MAGIC;

/*
 * The aggregate memory context of an aggregate support function, or an
 * error when the function is called outside an aggregate (support functions
 * take or return internal, but a caller could still reach them through a
 * badly declared function).
 */
MemoryContext
journey_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
	return aggcontext;
}

/*
 * The error of a row-level aggregate whose group has more than
 * JOURNEY_MAX_GROUP_ROWS rows to keep.
 */
void
journey_too_many_rows(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s: more than %d rows to keep in one group",
					what, JOURNEY_MAX_GROUP_ROWS),
			 errhint("Group by a finer key (e.g. the customer and a month), or build journeys with journey_agg and use the journey forms.")));
}
