/*-------------------------------------------------------------------------
 *
 * sort.h
 *	  An in-place sort that query cancellation can interrupt.
 *
 * qsort() and qsort_arg() never check for interrupts, and sorting a million
 * events takes longer than the 100 ms within which every journey loop must
 * notice statement_timeout or pg_cancel_backend().  journey_sort_arg()
 * splits large arrays by quicksort partitions, calling
 * CHECK_FOR_INTERRUPTS() before each, and hands every part of at most
 * JOURNEY_SORT_CHUNK elements to qsort_arg().  Same contract as qsort_arg():
 * not stable, no extra memory beyond one element.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_SORT_H
#define JOURNEY_SORT_H

#include "pg_compat.h"

/* Largest part sorted without a check for interrupts (~1 ms of work). */
#define JOURNEY_SORT_CHUNK	8192

/* Largest element size supported. */
#define JOURNEY_SORT_MAX_ELEM	64

extern void journey_sort_arg(void *base, size_t n, size_t size,
							 qsort_arg_comparator cmp, void *arg);
extern void journey_sort(void *base, size_t n, size_t size,
						 int (*cmp) (const void *, const void *));

#endif							/* JOURNEY_SORT_H */
