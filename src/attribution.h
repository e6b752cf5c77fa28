/*-------------------------------------------------------------------------
 *
 * attribution.h
 *	  Shared by the attribution models: the journey.credit result rows.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_ATTRIBUTION_H
#define JOURNEY_ATTRIBUTION_H

#include "fmgr.h"

#include "pg_compat.h"

/* One element of a journey.credit[] result. */
typedef struct CreditRow
{
	const char *label;
	int32		label_len;
	double		conversions;
	double		value;
	double		weight;
} CreditRow;

/*
 * A journey.credit[] (the function's declared return type) of the rows,
 * sorted by label bytes.  Sorts rows in place.
 */
extern Datum credit_array(FunctionCallInfo fcinfo, CreditRow *rows, int32 n);

#endif							/* JOURNEY_ATTRIBUTION_H */
