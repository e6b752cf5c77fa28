/*-------------------------------------------------------------------------
 *
 * pg_compat.h
 *	  The differences between the PostgreSQL major versions journey builds
 *	  for (15 to 18), in one place.  Code elsewhere uses the newest
 *	  spelling; this header maps it onto older servers.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_PG_COMPAT_H
#define JOURNEY_PG_COMPAT_H

#include "c.h"

/*
 * PostgreSQL 18 replaced the attribute macro pg_attribute_noreturn(), which
 * followed a declaration, by the C11 specifier pg_noreturn, which leads it.
 * GCC and clang accept the attribute in leading position too.
 */
/*
 * PostgreSQL 16 moved the varlena macros (VARDATA_ANY, VARSIZE_ANY_EXHDR,
 * SET_VARSIZE, ...) out of postgres.h into varatt.h.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * PostgreSQL 17 moved the local transaction id of a backend into
 * PGPROC.vxid.  Callers include storage/proc.h.
 */
#if PG_VERSION_NUM >= 170000
#define JourneyMyLocalXid() (MyProc->vxid.lxid)
#else
#define JourneyMyLocalXid() (MyProc->lxid)
#endif

/*
 * PostgreSQL 16 gave ExecInsertIndexTuples() a last argument,
 * onlySummarizing (false: every index).  The macro does not expand inside
 * itself, so the older declaration, included first, is left alone.
 */
#if PG_VERSION_NUM < 160000
#include "executor/executor.h"
#define ExecInsertIndexTuples(rri, slot, estate, update, noDupErr, specConflict, arbiterIndexes, onlySummarizing) \
	ExecInsertIndexTuples(rri, slot, estate, update, noDupErr, specConflict, arbiterIndexes)
#endif

#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif							/* JOURNEY_PG_COMPAT_H */
