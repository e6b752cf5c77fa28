/*-------------------------------------------------------------------------
 *
 * time_list.c
 *	  The thinned list of event times behind session_count and
 *	  activity_buckets (see time_list.h for why thinning is exact).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "journey.h"
#include "sort.h"
#include "time_list.h"

/* Lists shorter than this are never thinned before the final function. */
#define TIME_LIST_MIN_THIN	1024

TimeList *
time_list_new(MemoryContext mcxt)
{
	TimeList   *tl = MemoryContextAllocZero(mcxt, sizeof(TimeList));

	tl->mcxt = mcxt;
	tl->sorted = true;
	tl->next_thin = TIME_LIST_MIN_THIN;
	return tl;
}

/*
 * Record the call constants, or check that they did not change: they are
 * properties of the whole group.  "what" names them in the error.
 */
void
time_list_set_params(TimeList *tl, int64 width, int32 limit, const char *what)
{
	if (!tl->has_params)
	{
		tl->width = width;
		tl->limit = limit;
		tl->has_params = true;
	}
	else if (tl->width != width || tl->limit != limit)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same on every row of a group", what)));
}

void
time_list_add(TimeList *tl, int64 ts)
{
	if (tl->n >= tl->max)
	{
		int32		newmax;

		/*
		 * Thinning keeps the list short unless the times are spread over
		 * more than JOURNEY_MAX_GROUP_ROWS / 2 widths.
		 */
		if (tl->n >= JOURNEY_MAX_GROUP_ROWS)
		{
			time_list_thin(tl);
			if (tl->n > JOURNEY_MAX_GROUP_ROWS / 2)
				journey_too_many_rows("too many distinct event times");
		}
		newmax = tl->max == 0 ? 16 : Min(tl->max * 2, JOURNEY_MAX_GROUP_ROWS);
		if (tl->ts == NULL)
			tl->ts = MemoryContextAllocHuge(tl->mcxt, newmax * sizeof(int64));
		else
			tl->ts = repalloc_huge(tl->ts, newmax * sizeof(int64));
		tl->max = newmax;
	}
	if (tl->n > 0 && tl->ts[tl->n - 1] > ts)
		tl->sorted = false;
	tl->ts[tl->n++] = ts;
	if (tl->n >= tl->next_thin)
		time_list_thin(tl);
}

static int
int64_cmp(const void *pa, const void *pb)
{
	int64		a = *(const int64 *) pa;
	int64		b = *(const int64 *) pb;

	return a < b ? -1 : (a > b ? 1 : 0);
}

/*
 * Sort the list and drop the times that cannot change the answer: exact
 * duplicates, times beyond the bucket limit, and every time whose kept
 * neighbours are at most a width apart.  Afterwards the list is sorted and
 * any two times two places apart are more than a width apart.
 */
void
time_list_thin(TimeList *tl)
{
	int64	   *ts = tl->ts;
	int32		n = tl->n;
	int32		i,
				k = 0;

	if (!tl->sorted)
	{
		journey_sort(ts, n, sizeof(int64), int64_cmp);
		tl->sorted = true;
	}
	if (n > 0 && tl->has_params)
	{
		int64		first = ts[0];

		for (i = 0; i < n; i++)
		{
			int64		t = ts[i];

			/* bucket of t >= limit for every origin <= first */
			if (tl->limit > 0 && tl->width > 0 &&
				((uint64) t - (uint64) first) / (uint64) tl->width >= (uint64) tl->limit)
				break;			/* and so are all later times */
			if (k > 0 && ts[k - 1] == t)
				continue;
			/* ts[k - 1] is redundant between ts[k - 2] and t */
			if (k >= 2 && !time_gap_exceeds(ts[k - 2], t, tl->width))
				k--;
			ts[k++] = t;
		}
		tl->n = k;
	}
	tl->next_thin = Max(TIME_LIST_MIN_THIN, tl->n * 2);
}

/*
 * Merge b into a (either may be NULL); the result lives in mcxt.
 */
TimeList *
time_list_combine(TimeList *a, TimeList *b, MemoryContext mcxt, const char *what)
{
	int32		i;

	if (b == NULL)
		return a;
	if (a == NULL)
		a = time_list_new(mcxt);
	if (b->has_params)
		time_list_set_params(a, b->width, b->limit, what);
	for (i = 0; i < b->n; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		time_list_add(a, b->ts[i]);
	}
	return a;
}

/*
 * Serialized form: version byte, has_params byte, width (int64), limit
 * (int32), number of times (int32), the times (int64 each, sorted), in
 * network byte order.  The list is thinned first.
 */
bytea *
time_list_serialize(TimeList *tl)
{
	StringInfoData buf;
	int32		i;

	time_list_thin(tl);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TIME_LIST_VERSION);
	pq_sendbyte(&buf, tl->has_params ? 1 : 0);
	pq_sendint64(&buf, tl->width);
	pq_sendint32(&buf, tl->limit);
	pq_sendint32(&buf, tl->n);
	for (i = 0; i < tl->n; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		pq_sendint64(&buf, tl->ts[i]);
	}
	return pq_endtypsend(&buf);
}

pg_noreturn
static void
bad_state(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized time list: %s", what)));
}

/*
 * Rebuild a list from time_list_serialize's bytes, checking everything.
 */
TimeList *
time_list_deserialize(bytea *bytes, MemoryContext mcxt)
{
	StringInfoData buf;
	TimeList   *tl;
	int32		n,
				i,
				limit;
	int64		width;
	uint8		has_params;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (buf.len < 1 + 1 + 8 + 4 + 4)
		bad_state("truncated");
	if (pq_getmsgbyte(&buf) != TIME_LIST_VERSION)
		bad_state("unsupported version");
	has_params = pq_getmsgbyte(&buf);
	width = pq_getmsgint64(&buf);
	limit = (int32) pq_getmsgint(&buf, 4);
	n = (int32) pq_getmsgint(&buf, 4);
	if (has_params > 1)
		bad_state("invalid flag");
	if (width < 0 || limit < 0)
		bad_state("invalid parameters");
	if (n < 0 || (int64) n * 8 != buf.len - buf.cursor)
		bad_state("invalid number of times");
	if (n > 0 && !has_params)
		bad_state("times without parameters");

	tl = time_list_new(mcxt);
	if (has_params)
		time_list_set_params(tl, width, limit, "parameters");
	for (i = 0; i < n; i++)
		time_list_add(tl, pq_getmsgint64(&buf));
	return tl;
}
