/*-------------------------------------------------------------------------
 *
 * time_state.h
 *	  journey.time_state: the aggregate state of session_count and
 *	  activity_buckets, a thinned list of event times.
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
 * same on every row.  limit is 0 for session_count (no limit) and positive
 * for activity_buckets, whose width is then positive too.
 *
 * The state is a flat varlena whose memory layout is its working form, so
 * that per-customer aggregation (millions of small groups) costs one chunk
 * per group: a header, then room for `capacity` times (the varlena size
 * says how many), of which the first n are used.  Transition and combine
 * functions update it in place inside an aggregate and return a bigger copy
 * when it is full (nodeAgg moves the copy into the aggregate context and
 * frees the old one; see time_state.c).  Its binary and text forms
 * (doc/retention.md) carry no spare room:
 *
 *	uint8	version		TIME_STATE_VERSION
 *	uint8	flags		TIME_STATE_HAS_PARAMS | TIME_STATE_SORTED; other bits 0
 *	int64	width
 *	int32	limit
 *	int32	n
 *	n x int64 times, in network byte order
 *
 * The text form is the base64 of the binary form.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_TIME_STATE_H
#define JOURNEY_TIME_STATE_H

#include "fmgr.h"

#include "pg_compat.h"

#define TIME_STATE_VERSION		1
#define TIME_STATE_HAS_PARAMS	0x01	/* width and limit are set */
#define TIME_STATE_SORTED		0x02	/* ts[0..n-1] is in ascending order */
#define TIME_STATE_FLAGS_VALID	(TIME_STATE_HAS_PARAMS | TIME_STATE_SORTED)

/* Size of the binary form's fixed part. */
#define TIME_STATE_WIRE_HDRSZ	(1 + 1 + 8 + 4 + 4)

typedef struct TimeState
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;
	uint8		flags;
	uint16		reserved;		/* zero */
	int32		n;				/* times in use */
	int32		next_thin;		/* thin when n reaches this */
	int32		limit;			/* number of buckets kept; 0 = no limit */
	int32		reserved2;		/* zero */
	int64		width;			/* session gap or bucket width, >= 0 */
	int64		ts[FLEXIBLE_ARRAY_MEMBER];
} TimeState;

#define TIME_STATE_HDRSZ		offsetof(TimeState, ts)
#define TIME_STATE_CAPACITY(st) \
	((int32) ((VARSIZE(st) - TIME_STATE_HDRSZ) / sizeof(int64)))

/* The transition functions of both aggregates (time_state.c). */
extern Datum time_state_transition(FunctionCallInfo fcinfo, int64 ts, int64 width,
								   int32 limit);
extern Datum time_state_skip_row(FunctionCallInfo fcinfo, const char *fname);
extern const TimeState *time_state_getarg(FunctionCallInfo fcinfo, int argno);
extern void time_state_check_kind(const TimeState *st, bool buckets);
extern const int64 *time_state_sorted_times(const int64 *ts, int32 n, bool sorted);

/* The support functions of the internal state of 0.2.0. */
extern Datum time_state_internal_combine(FunctionCallInfo fcinfo, const char *fname);
extern Datum time_state_internal_serial(FunctionCallInfo fcinfo, const char *fname);
extern Datum time_state_internal_deserial(FunctionCallInfo fcinfo, const char *fname,
										  bool buckets);

/* b - a > width, for a <= b, without overflow */
static inline bool
time_gap_exceeds(int64 a, int64 b, int64 width)
{
	return (uint64) b - (uint64) a > (uint64) width;
}

#endif							/* JOURNEY_TIME_STATE_H */
