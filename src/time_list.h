/*-------------------------------------------------------------------------
 *
 * time_list.h
 *	  A thinned list of event times: the aggregate state of session_count
 *	  and activity_buckets.
 *
 * Both aggregates only need to know, once the times are sorted, which
 * neighbouring times are more than a width apart (a session gap, a bucket
 * width).  A time t2 with neighbours t1 < t2 < t3 and t3 - t1 <= width can be
 * dropped without changing either answer, whatever other times join the list
 * later:
 *
 *	- sessions: every gap between t1 and t3 is at most t3 - t1 <= gap with or
 *	  without t2, so the session breaks stay the same;
 *	- buckets: any half-open bucket [s, s + width) holding t2 holds t1 (if
 *	  s <= t1) or t3 (if s > t1, because then s + width > t1 + width >= t3),
 *	  so the set of non-empty buckets stays the same for every origin.
 *
 * Exact duplicates go too.  With a bucket limit, times at or beyond
 * limit * width from the smallest time can never land in a reported bucket
 * (the smallest time only decreases) and are dropped as well.  The list is
 * thinned whenever it doubles, so it keeps O(span / width) times (at most
 * about 2 * limit for activity_buckets) whatever the number of rows, and
 * costs O(n log n) in all.
 *
 * Times are int64: microseconds for timestamptz, days for date, the caller's
 * unit for bigint.  The width and limit are call constants, kept in the
 * state (final functions cannot see the arguments) and checked to be the
 * same on every row.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_TIME_LIST_H
#define JOURNEY_TIME_LIST_H

#include "fmgr.h"

#include "pg_compat.h"

#define TIME_LIST_VERSION	1

typedef struct TimeList
{
	MemoryContext mcxt;
	int32		n;
	int32		max;
	int32		next_thin;		/* thin when n reaches this */
	bool		sorted;
	int64	   *ts;
	/* call constants, set from the first row that counts */
	bool		has_params;
	int64		width;			/* session gap or bucket width, >= 0 */
	int32		limit;			/* number of buckets kept; 0 = no limit */
} TimeList;

extern TimeList *time_list_new(MemoryContext mcxt);
extern void time_list_set_params(TimeList *tl, int64 width, int32 limit,
								 const char *what);
extern void time_list_add(TimeList *tl, int64 ts);
extern void time_list_thin(TimeList *tl);
extern TimeList *time_list_combine(TimeList *a, TimeList *b, MemoryContext mcxt,
								   const char *what);
extern bytea *time_list_serialize(TimeList *tl);
extern TimeList *time_list_deserialize(bytea *bytes, MemoryContext mcxt);

/* b - a > width, for a <= b, without overflow */
static inline bool
time_gap_exceeds(int64 a, int64 b, int64 width)
{
	return (uint64) b - (uint64) a > (uint64) width;
}

#endif							/* JOURNEY_TIME_LIST_H */
