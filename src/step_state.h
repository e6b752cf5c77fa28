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
#include "varint.h"

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
extern int64 interval_to_usec(Interval *iv, const char *what);

/*
 * Reading stored journeys as step events (journey.funnel, journey.retention,
 * journey.sequence_match/count): step k holds on an event whose label
 * equals step label k (a NULL step label matches nothing).  One reader lives
 * per call site, in fn_mcxt, and serves every row of the query: the step
 * labels are taken apart once (again only when a row brings other ones),
 * and the memory the events are decoded into is reused, so a call allocates
 * nothing.  A journey is read in two steps: journey_steps_open reads the
 * header and the label dictionary, matching every label against the steps
 * once, and returns the steps that some event satisfies (every label of a
 * canonical journey is used by an event); journey_steps_read then decodes
 * the events, only when the caller still needs them.
 */
#define JOURNEY_STEPS_LENGTHS	32

typedef struct JourneySteps
{
	MemoryContext mcxt;
	/* the step labels of the last call, and the array they came from */
	char	   *array;
	int32		array_len;
	int32		nsteps;
	const char **step_str;		/* NULL for a NULL step label */
	int32	   *step_len;			/* -1 for a NULL step label */
	/* the steps whose label has length l (the last: l or more) */
	uint64		len_steps[JOURNEY_STEPS_LENGTHS];
	/* reused by every call */
	uint64	   *label_mask;		/* steps each label of the journey matches */
	int32		maxlabels;
	StepEvent  *events;
	int32		maxevents;
	/* the journey opened last */
	const uint8 *pos;			/* its first event */
	const uint8 *end;
	int32		nevents;
	int32		nlabels;
	int64		scale;			/* microseconds per stored time unit */
} JourneySteps;

extern pg_noreturn void step_too_many(int64 n);
extern int32 step_labels_count(ArrayType *labels);
extern JourneySteps *journey_steps_get(FmgrInfo *flinfo, void **slot,
									   ArrayType *labels);
extern uint64 journey_steps_open(JourneySteps *r, Datum journey);
extern int32 journey_steps_read(JourneySteps *r, bool keep_empty);

/*
 * For callers that stream the events of the opened journey instead of
 * reading them all (journey_steps_read): event i (0, 1, ...) at *pos, which
 * starts at r->pos; sets its time (*ts holds the previous one) and the mask
 * of the steps it satisfies, in the journey's order (time, then label
 * bytes, not step_state order), and advances *pos.
 */
static inline void
journey_steps_next(const JourneySteps *r, const uint8 **pos, int32 i,
				   int64 *ts, uint64 *mask)
{
	uint64		v;

	if (!varint_get(pos, r->end, &v))
		journey_corrupt("truncated event");
	if (i == 0)
		*ts = zigzag_decode(v) * r->scale;
	else
		*ts += (int64) v * r->scale;
	if (!varint_get(pos, r->end, &v) || v >= (uint64) r->nlabels)
		journey_corrupt("invalid label index");
	*mask = r->label_mask[v];
}


#endif							/* JOURNEY_STEP_STATE_H */
