/*-------------------------------------------------------------------------
 *
 * journey_cmp.c
 *	  Equality, ordering and hashing of journeys (btree and hash opclasses).
 *
 * Journeys are canonical (see journey.h), so equality is byte equality and
 * hashing hashes the bytes.  The order compares events one by one: time,
 * then label bytes, then value (NULL last); a prefix sorts first.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "journey.h"

PG_FUNCTION_INFO_V1(journey_eq);
PG_FUNCTION_INFO_V1(journey_ne);
PG_FUNCTION_INFO_V1(journey_lt);
PG_FUNCTION_INFO_V1(journey_le);
PG_FUNCTION_INFO_V1(journey_gt);
PG_FUNCTION_INFO_V1(journey_ge);
PG_FUNCTION_INFO_V1(journey_cmp);
PG_FUNCTION_INFO_V1(journey_hash);
PG_FUNCTION_INFO_V1(journey_hash_extended);

/* Byte equality, valid because every journey is canonical. */
static bool
journey_bytes_equal(Journey *a, Journey *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

/* Compare arguments 0 and 1, freeing detoasted copies. */
static int
cmp_args(FunctionCallInfo fcinfo)
{
	Journey    *a = PG_GETARG_JOURNEY_P(0);
	Journey    *b = PG_GETARG_JOURNEY_P(1);
	int			r = journey_cmp_internal(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return r;
}

Datum
journey_eq(PG_FUNCTION_ARGS)
{
	Journey    *a = PG_GETARG_JOURNEY_P(0);
	Journey    *b = PG_GETARG_JOURNEY_P(1);
	bool		r = journey_bytes_equal(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	PG_RETURN_BOOL(r);
}

Datum
journey_ne(PG_FUNCTION_ARGS)
{
	Journey    *a = PG_GETARG_JOURNEY_P(0);
	Journey    *b = PG_GETARG_JOURNEY_P(1);
	bool		r = !journey_bytes_equal(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	PG_RETURN_BOOL(r);
}

Datum
journey_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) < 0);
}

Datum
journey_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) <= 0);
}

Datum
journey_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) > 0);
}

Datum
journey_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) >= 0);
}

Datum
journey_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cmp_args(fcinfo));
}

/* Hash of the canonical bytes after the varlena header. */
Datum
journey_hash(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	Datum		h = hash_any((unsigned char *) j + VARHDRSZ, VARSIZE(j) - VARHDRSZ);

	PG_FREE_IF_COPY(j, 0);
	PG_RETURN_DATUM(h);
}

Datum
journey_hash_extended(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	Datum		h = hash_any_extended((unsigned char *) j + VARHDRSZ,
									  VARSIZE(j) - VARHDRSZ,
									  PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(j, 0);
	PG_RETURN_DATUM(h);
}
