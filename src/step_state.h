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
#include "port/pg_bitutils.h"
#include "utils/array.h"

#include "journey.h"
#include "varint.h"

/*
 * Version byte of the serialized form (binary and text forms of
 * journey.step_state, and the bytes of the 0.2.0 serialize functions);
 * 0.2.0 wrote version 1.
 */
#define STEP_STATE_VERSION	2
#define STEP_MAX_STEPS		64

/* Which aggregates a state belongs to (states of one never reach another). */
#define STEP_KIND_FUNNEL	1	/* window_funnel, window_funnel_times */
#define STEP_KIND_SEQUENCE	2	/* sequence_match, sequence_count */

typedef struct StepEvent
{
	int64		ts;
	uint64		mask;
} StepEvent;

/*
 * The state: a flat varlena (SQL type journey.step_state) whose layout in
 * memory is the working form, modified in place by the aggregates: this
 * header, the parameter text (room rounded up to MAXALIGN), then room for
 * maxevents events, nevents of them used.  VARSIZE is the allocated size,
 * spare room (zeroed) included; the text and binary forms
 * (step_state_write) leave the spare room out.  No memory context and no pointer inside, so
 * nodeAgg keeps one palloc'd chunk per group.
 */
typedef struct StepState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* STEP_STATE_VERSION */
	uint8		kind;			/* STEP_KIND_* */
	bool		has_params;		/* parameters set (from the first row) */
	bool		keep_empty;		/* keep rows where no condition holds (mask
								 * 0), e.g. for strict_order funnels */
	bool		sorted;			/* the events are in step_state order (exact:
								 * false only when two are out of order) */
	uint8		pad[3];
	int32		nsteps;			/* number of conditions; 0 = not known yet */
	int32		nevents;
	int32		maxevents;		/* room for events */
	int32		param_text_len; /* -1: no text (nor room for one) */
	uint32		param_flags;	/* e.g. mode bits */
	int64		param_int;		/* e.g. the window */
} StepState;

#define STEP_STATE_HDRSZ	MAXALIGN(sizeof(StepState))

static inline char *
step_state_text(const StepState *st)
{
	return (char *) st + STEP_STATE_HDRSZ;
}

static inline StepEvent *
step_state_events(const StepState *st)
{
	return (StepEvent *) ((char *) st + STEP_STATE_HDRSZ +
						  MAXALIGN(Max(st->param_text_len, 0)));
}

/*
 * Where a state that must grow is reallocated.  In an aggregate with the
 * state type journey.step_state: in the per-call memory context, the old
 * state left alone (nodeAgg copies a new pointer into the aggregate context
 * and frees the old state).  With STYPE = internal (the 0.2.0 definitions):
 * in the aggregate context, the old state freed (nodeAgg keeps the pointer
 * as it is).
 */
typedef struct StepGrow
{
	MemoryContext cxt;
	bool		free_old;
} StepGrow;

extern StepState *step_state_new(MemoryContext cxt, uint8 kind, bool keep_empty,
								  int32 maxevents);
extern StepState *step_state_new_params(MemoryContext cxt, uint8 kind, bool keep_empty,
										int32 maxevents, int64 param_int,
										uint32 param_flags, const char *text,
										int32 text_len);
extern int32 step_state_initial_room(int32 text_len);
extern StepState *step_state_grow(StepState *st, int32 more, const StepGrow *g);
extern uint64 step_mask_from_array(ArrayType *conds, int32 *nsteps);
extern void step_state_set_nsteps(StepState *st, int32 nsteps);
extern StepState *step_state_set_params(StepState *st, int64 param_int, uint32 param_flags,
										const char *text, int32 text_len,
										const StepGrow *g);
extern void step_state_sort(StepState *st);
extern StepState *step_state_combine(StepState *a, const StepState *b, const StepGrow *g);
extern Size step_state_flat_size(const StepState *st);
extern void step_state_write(const StepState *st, char *dst);
extern bytea *step_state_serialize(const StepState *st);
extern StepState *step_state_read(const char *data, Size len, int code,
								  MemoryContext cxt);
extern StepState *step_state_deserialize(bytea *bytes, uint8 kind,
										 MemoryContext cxt);
extern pg_noreturn void step_state_bad(int code, const char *what);
extern StepState *step_state_getarg(FunctionCallInfo fcinfo, int argno, bool for_update,
									StepGrow *g);
extern StepState *step_state_final_arg(FunctionCallInfo fcinfo, uint8 kind,
									   const char *fname);
extern int64 interval_to_usec(Interval *iv, const char *what);

/*
 * The kinds' own rules, defined in funnel.c and sequence.c: whether the
 * parameters of a state read from untrusted bytes are ones the transition
 * functions can have set, and the checks (and adjustments) before b is
 * merged into a (both non-NULL, of the kind).
 */
extern bool funnel_state_valid(const StepState *st);
extern void funnel_state_before_combine(StepState *a, const StepState *b);
extern bool sequence_state_valid(const StepState *st);
extern void sequence_state_before_combine(StepState *a, const StepState *b);

/* The step_state order: time, lowest step (none first), whole mask. */
static inline int
step_lowest(uint64 mask)
{
	return mask == 0 ? -1 : pg_rightmost_one_pos64(mask);
}

static inline bool
step_event_after(const StepEvent *prev, int64 ts, uint64 mask)
{
	return prev->ts > ts ||
		(prev->ts == ts && (step_lowest(prev->mask) > step_lowest(mask) ||
							(step_lowest(prev->mask) == step_lowest(mask) &&
							 prev->mask > mask)));
}

/*
 * Add one row's event (rows where no condition holds only with
 * keep_empty); returns the state, reallocated as g says when full.
 */
static inline StepState *
step_state_add(StepState *st, int64 ts, uint64 mask, const StepGrow *g)
{
	StepEvent  *ev;

	if (mask == 0 && !st->keep_empty)
		return st;
	if (unlikely(st->nevents >= st->maxevents))
		st = step_state_grow(st, 1, g);
	ev = step_state_events(st) + st->nevents;
	if (st->nevents > 0 && st->sorted && step_event_after(ev - 1, ts, mask))
		st->sorted = false;
	ev->ts = ts;
	ev->mask = mask;
	st->nevents++;
	return st;
}

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
	uint64	   *step_word;		/* its bytes 1-8 and 9-16, label_words() */
	uint64	   *step_word2;
	uint64		findable;		/* the steps with a label (not NULL) */
	bool		stable;			/* the labels argument is a constant */
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
									   ArrayType *labels, bool stable);
extern uint64 journey_steps_open(JourneySteps *r, Datum journey);
extern uint64 journey_steps_match(const JourneySteps *r, const text *label);

/*
 * The reader kept in a call site's slot when its step labels are a constant
 * taken apart (and checked) at an earlier row, else NULL: the caller need
 * not look at the labels argument again.
 */
static inline JourneySteps *
journey_steps_stable(void *slot)
{
	JourneySteps *r = (JourneySteps *) slot;

	return r != NULL && r->stable && r->array_len >= 0 ? r : NULL;
}

/*
 * The reader of the step labels of argument argno (a text[]) of a function
 * over stored journeys, kept in *slot (slot NULL without an flinfo):
 * constant labels (or a parameter: get_fn_expr_arg_stable), taken apart at
 * an earlier row, are not fetched again; others are checked
 * (step_labels_count) and compared with the previous row's
 * (journey_steps_get).
 */
static inline JourneySteps *
journey_steps_arg(FunctionCallInfo fcinfo, void **slot, int argno)
{
	JourneySteps *r = slot ? journey_steps_stable(*slot) : NULL;

	if (r == NULL)
	{
		ArrayType  *labels = PG_GETARG_ARRAYTYPE_P(argno);

		(void) step_labels_count(labels);
		r = journey_steps_get(fcinfo->flinfo, slot, labels,
							  fcinfo->flinfo != NULL &&
							  get_fn_expr_arg_stable(fcinfo->flinfo, argno));
	}
	return r;
}

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
