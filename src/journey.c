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
