/*-------------------------------------------------------------------------
 *
 * step_state.h
 *	  Shared aggregate state for the event-sequence analytics (funnels,
 *	  sequence matching): the (time, step mask) pairs of the rows where at
 *	  least one step condition held.
 *
 * Every aggregate over "ts, VARIADIC conds boolean[]" collects the same
 * thing: for each row, which conditions were true, as a bit mask (bit i set
 * when condition i + 1 holds; NULL counts as false).  Rows where no
 * condition holds are not kept (as in ClickHouse), so memory is 16 bytes per
 * matching row; an aggregate that needs them (a strict_order funnel: any
 * other event breaks the chain) sets keep_empty and gets them as mask 0.  The same pairs can be derived from a stored journey by
 * matching labels, which is how the journey overloads give exactly the
 * answers of the row-level aggregates.
 *
 * Times are int64: microseconds for timestamptz, the caller's unit for
 * bigint epochs.
 *
 * Constant per-call parameters (a window, mode flags, a pattern) are kept in
 * the state, because final functions cannot see argument values, and travel
 * with it through serialization.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_STEP_STATE_H
#define JOURNEY_STEP_STATE_H

#include "fmgr.h"
#include "utils/array.h"

#include "journey.h"

#define STEP_STATE_VERSION	1
#define STEP_MAX_STEPS		64

typedef struct StepEvent
{
	int64		ts;
	uint64		mask;
} StepEvent;

typedef struct StepState
{
	MemoryContext mcxt;
	int32		nsteps;			/* number of conditions; 0 = not known yet */
	int32		nevents;
	int32		maxevents;
	bool		sorted;
	bool		keep_empty;		/* keep rows where no condition holds (mask
								 * 0), e.g. for strict_order funnels */
	StepEvent  *events;
	/* parameters, set from the first row that has them */
	bool		has_params;
	int64		param_int;		/* e.g. the window */
	uint32		param_flags;	/* e.g. mode bits */
	int32		param_text_len;
	char	   *param_text;		/* e.g. a pattern; NULL if none */
} StepState;

extern StepState *step_state_new(MemoryContext mcxt);
extern uint64 step_mask_from_array(ArrayType *conds, int32 *nsteps);
extern void step_state_set_nsteps(StepState *st, int32 nsteps);
extern void step_state_add(StepState *st, int64 ts, uint64 mask);
extern void step_state_set_params(StepState *st, int64 param_int, uint32 param_flags,
								  const char *text, int32 text_len);
extern void step_state_sort(StepState *st);
extern StepState *step_state_combine(StepState *a, StepState *b, MemoryContext mcxt);
extern bytea *step_state_serialize(StepState *st);
extern StepState *step_state_deserialize(bytea *bytes, MemoryContext mcxt);
extern uint64 *step_label_masks(const JourneyData *jd, const Datum *elems,
								 const bool *nulls, int nelems);
extern StepState *step_state_from_journey(Journey *j, ArrayType *labels,
										  MemoryContext mcxt);
extern StepState *step_state_from_journey_ext(Journey *j, ArrayType *labels,
											  bool keep_empty, MemoryContext mcxt);
extern int64 interval_to_usec(Interval *iv, const char *what);


#endif							/* JOURNEY_STEP_STATE_H */
