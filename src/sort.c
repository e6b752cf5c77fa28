/*-------------------------------------------------------------------------
 *
 * sort.c
 *	  An in-place sort that query cancellation can interrupt; see sort.h.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"

#include "sort.h"

/* Exchange two elements of size es. */
static inline void
swap_elems(char *a, char *b, size_t es)
{
	char		tmp[JOURNEY_SORT_MAX_ELEM];

	if (a == b)
		return;
	memcpy(tmp, a, es);
	memcpy(a, b, es);
	memcpy(b, tmp, es);
}

/* Index (0, 1 or 2) of the median of a, b, c. */
static inline int
median3(const char *a, const char *b, const char *c,
		qsort_arg_comparator cmp, void *arg)
{
	if (cmp(a, b, arg) < 0)
	{
		if (cmp(b, c, arg) < 0)
			return 1;
		return cmp(a, c, arg) < 0 ? 2 : 0;
	}
	if (cmp(b, c, arg) > 0)
		return 1;
	return cmp(a, c, arg) > 0 ? 2 : 0;
}

static const char *
pick(const char *a, const char *b, const char *c,
	 qsort_arg_comparator cmp, void *arg)
{
	switch (median3(a, b, c, cmp, arg))
	{
		case 0:
			return a;
		case 1:
			return b;
		default:
			return c;
	}
}

/*
 * Quicksort partitions (Hoare's scheme, pivot the ninther of the part moved
 * to its middle) down to JOURNEY_SORT_CHUNK elements, then qsort_arg().
 * Recursion goes into the smaller side, so the depth is O(log n); after
 * 2 log2(n) levels of bad pivots the rest goes to qsort_arg() whole, which
 * cannot degrade either.
 */
static void
sort_part(char *a, size_t n, size_t es, qsort_arg_comparator cmp, void *arg,
		  int depth)
{
	char		pivot[JOURNEY_SORT_MAX_ELEM];

	while (n > JOURNEY_SORT_CHUNK)
	{
		size_t		mid = (n - 1) / 2;
		size_t		s = n / 8;
		const char *m;
		size_t		i;
		size_t		j;

		CHECK_FOR_INTERRUPTS();
		if (depth-- <= 0)
			break;

		m = pick(pick(a, a + s * es, a + 2 * s * es, cmp, arg),
				 pick(a + (mid - s) * es, a + mid * es, a + (mid + s) * es, cmp, arg),
				 pick(a + (n - 1 - 2 * s) * es, a + (n - 1 - s) * es, a + (n - 1) * es,
					  cmp, arg),
				 cmp, arg);
		swap_elems(a + mid * es, (char *) m, es);
		memcpy(pivot, a + mid * es, es);

		/*
		 * Hoare partition around the pivot value, which sits at mid < n - 1:
		 * both scans stop in bounds, and the split point j lies in
		 * [0, n - 2], so both sides are non-empty.
		 */
		i = 0;
		j = n - 1;
		for (;;)
		{
			while (cmp(a + i * es, pivot, arg) < 0)
				i++;
			while (cmp(a + j * es, pivot, arg) > 0)
				j--;
			if (i >= j)
				break;
			swap_elems(a + i * es, a + j * es, es);
			i++;
			j--;
		}
		/* a[0..j] <= pivot <= a[j+1..n-1] */
		if (j + 1 < n - j - 1)
		{
			sort_part(a, j + 1, es, cmp, arg, depth);
			a += (j + 1) * es;
			n -= j + 1;
		}
		else
		{
			sort_part(a + (j + 1) * es, n - j - 1, es, cmp, arg, depth);
			n = j + 1;
		}
	}
	CHECK_FOR_INTERRUPTS();
	if (n > 1)
		qsort_arg(a, n, es, cmp, arg);
}

void
journey_sort_arg(void *base, size_t n, size_t size, qsort_arg_comparator cmp,
				 void *arg)
{
	int			depth = 0;
	size_t		k;

	Assert(size > 0 && size <= JOURNEY_SORT_MAX_ELEM);
	if (n <= JOURNEY_SORT_CHUNK)
	{
		if (n > 1)
			qsort_arg(base, n, size, cmp, arg);
		return;
	}
	for (k = n; k > 1; k >>= 1)
		depth += 2;
	sort_part(base, n, size, cmp, arg, depth);
}

/* journey_sort: journey_sort_arg for a comparator without argument. */
typedef struct PlainCmp
{
	int			(*cmp) (const void *, const void *);
} PlainCmp;

static int
plain_cmp(const void *a, const void *b, void *arg)
{
	return ((PlainCmp *) arg)->cmp(a, b);
}

void
journey_sort(void *base, size_t n, size_t size,
			 int (*cmp) (const void *, const void *))
{
	PlainCmp	pc;

	pc.cmp = cmp;
	journey_sort_arg(base, n, size, plain_cmp, &pc);
}
