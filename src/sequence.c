/*-------------------------------------------------------------------------
 *
 * sequence.c
 *	  sequence_match and sequence_count: ClickHouse-style event patterns
 *	  over the (time, condition mask) events of a group of rows or of a
 *	  stored journey.
 *
 * A pattern is a string of elements:
 *
 *	(?N)		an event where condition N holds (N from 1)
 *	.			any one event
 *	.*			any number of events, including none
 *	(?tOPS)		a time constraint, OP one of <= < >= > ==, S a non-negative
 *				integer: the event matched by the next event element comes
 *				OP S time units after the event matched by the previous one;
 *				any events may come between them
 *
 * The events are only the rows where at least one condition holds (as in
 * ClickHouse), in step_state order.  Two event elements written next to
 * each other must match consecutive events; ".*" or a time constraint
 * between them lets any events come in between.
 *
 * Compilation turns the pattern into a list of event elements, each with a
 * description of the gap before it: adjacent, any, or any with a time
 * difference in [dlo, dhi].  Matching simulates the resulting NFA, whose
 * states are "the first k elements have matched", over the events once,
 * without backtracking.  A state whose outgoing gap carries a time
 * constraint must remember when it was entered (its anchor); of all the
 * anchors only those that can still matter are kept:
 *
 *	- no lower bound (dlo = 0): the latest anchor dominates, keep one;
 *	- no upper bound: the earliest anchor dominates, keep one;
 *	- both: anchors older than dhi are dead for good (times only grow), and
 *	  of the anchors already at least dlo old only the latest matters; so
 *	  the anchors kept are one plus those entered within the last dlo.
 *
 * Anchors are kept in an ascending array and pruned from the front, so the
 * whole run costs O(events x elements) amortized time.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "journey.h"
#include "step_state.h"

PG_FUNCTION_INFO_V1(sequence_trans);
PG_FUNCTION_INFO_V1(sequence_match_final);
PG_FUNCTION_INFO_V1(sequence_count_final);
PG_FUNCTION_INFO_V1(sequence_combine);
PG_FUNCTION_INFO_V1(sequence_serial);
PG_FUNCTION_INFO_V1(sequence_deserial);
PG_FUNCTION_INFO_V1(sequence_state_trans);
PG_FUNCTION_INFO_V1(sequence_state_trans_int);
PG_FUNCTION_INFO_V1(sequence_match_state_final);
PG_FUNCTION_INFO_V1(sequence_count_state_final);
PG_FUNCTION_INFO_V1(sequence_match);
PG_FUNCTION_INFO_V1(sequence_count);

/* Units of a time constraint: seconds for timestamptz, 1 for bigint. */
#define SEQ_UNIT_TIMESTAMPTZ	USECS_PER_SEC
#define SEQ_UNIT_BIGINT			1

#define SEQ_ANY_COND			(-1)

/* One event element of a compiled pattern and the gap before it. */
typedef struct SeqElem
{
	int32		cond;			/* condition index from 0, or SEQ_ANY_COND */
	bool		gap_any;		/* other events may come before this one */
	bool		timed;			/* the gap has a time constraint */
	uint64		dlo;			/* time since the previous element's event */
	uint64		dhi;			/* must be in [dlo, dhi] */
} SeqElem;

/* A compiled pattern, with the key it was compiled for. */
typedef struct SeqPattern
{
	int32		nconds;
	int64		unit;
	int32		textlen;
	char	   *text;
	int32		nelems;
	SeqElem    *elems;
	uint64		required;		/* the conditions its elements name */
} SeqPattern;

/* Matcher memory for one NFA state ("the first k elements matched"). */
typedef struct SeqNfaState
{
	bool		reached;		/* entered at some earlier event */
	bool		just;			/* entered at the previous event */
	bool		just_next;		/* entered at the current event */
	int32		head;			/* anchors[head..n-1], ascending, distinct */
	int32		n;
	int32		cap;
	int64	   *anchors;
} SeqNfaState;

/* ----------------------------------------------------------------
 * Pattern compilation
 * ----------------------------------------------------------------
 */

pg_noreturn
static void
pattern_error(const char *text, int32 len, int32 pos, const char *reason)
{
	/*
	 * Everything before an error is pattern syntax, which is ASCII, so the
	 * byte offset is also the character offset.
	 */
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid sequence pattern at character %d: %s",
					pos + 1, reason),
			 errdetail("The pattern is \"%s\".", pnstrdup(text, len)),
			 errhint("A pattern is a string of (?N), \".\", \".*\" and time constraints such as (?t<=3600), without spaces.")));
}

/*
 * Read a non-negative decimal integer at *pos; false if there is no digit.
 * Values above PG_INT64_MAX set *overflow.
 */
static bool
read_number(const char *p, int32 len, int32 *pos, uint64 *value, bool *overflow)
{
	int32		i = *pos;
	uint64		v = 0;

	*overflow = false;
	if (i >= len || p[i] < '0' || p[i] > '9')
		return false;
	while (i < len && p[i] >= '0' && p[i] <= '9')
	{
		int			d = p[i] - '0';

		if (v > (PG_INT64_MAX - d) / 10)
			*overflow = true;
		else
			v = v * 10 + d;
		i++;
	}
	*pos = i;
	*value = v;
	return true;
}

static void
expect_close(const char *p, int32 len, int32 *pos)
{
	if (*pos >= len || p[*pos] != ')')
		pattern_error(p, len, *pos, "expected \")\"");
	(*pos)++;
}

typedef enum SeqTimeOp
{
	SEQ_OP_LE,
	SEQ_OP_LT,
	SEQ_OP_GE,
	SEQ_OP_GT,
	SEQ_OP_EQ
} SeqTimeOp;

/* Read the operator of a time constraint at *pos. */
static SeqTimeOp
read_time_op(const char *p, int32 len, int32 *pos)
{
	static const struct
	{
		const char *str;
		SeqTimeOp	op;
	}			ops[] = {
		/* two-character operators first */
		{"<=", SEQ_OP_LE}, {">=", SEQ_OP_GE}, {"==", SEQ_OP_EQ},
		{"<", SEQ_OP_LT}, {">", SEQ_OP_GT}
	};
	int			i;

	for (i = 0; i < lengthof(ops); i++)
	{
		int32		n = strlen(ops[i].str);

		if (len - *pos >= n && memcmp(p + *pos, ops[i].str, n) == 0)
		{
			*pos += n;
			return ops[i].op;
		}
	}
	pattern_error(p, len, *pos, "expected one of <=, <, >=, >, == after \"(?t\"");
}

/*
 * Compile a pattern for nconds conditions; time constraints count in
 * units of unit.  The result is allocated in the current memory context.
 */
static SeqPattern *
sequence_compile(const char *p, int32 len, int32 nconds, int64 unit)
{
	SeqPattern *pat = palloc0(sizeof(SeqPattern));
	int32		maxelems = 8;
	int32		pos = 0;
	bool		pending_any = true; /* the first element may come anywhere */
	bool		pending_timed = false;
	int32		pending_pos = 0;
	uint64		pending_dlo = 0;
	uint64		pending_dhi = PG_UINT64_MAX;

	pat->nconds = nconds;
	pat->unit = unit;
	pat->textlen = len;
	pat->text = pnstrdup(p, len);
	pat->elems = palloc(maxelems * sizeof(SeqElem));

	while (pos < len)
	{
		int32		start = pos;
		int32		cond;

		if (p[pos] == '(')
		{
			uint64		value;
			bool		overflow;

			pos++;
			if (pos >= len || p[pos] != '?')
				pattern_error(p, len, pos, "expected \"?\" after \"(\"");
			pos++;
			if (pos < len && p[pos] == 't')
			{
				/* time constraint (?tOPS) */
				SeqTimeOp	op;
				uint64		s;

				pos++;
				op = read_time_op(p, len, &pos);
				if (!read_number(p, len, &pos, &value, &overflow))
					pattern_error(p, len, pos,
								  "expected a non-negative integer number of time units");
				if (overflow || value > (uint64) (PG_INT64_MAX / unit))
					pattern_error(p, len, start, "time constraint is out of range");
				expect_close(p, len, &pos);
				if (pat->nelems == 0)
					pattern_error(p, len, start,
								  "a time constraint must come after an event condition");

				s = value * (uint64) unit;
				switch (op)
				{
					case SEQ_OP_LE:
						pending_dhi = Min(pending_dhi, s);
						break;
					case SEQ_OP_LT:
						if (s == 0)
						{
							/* never satisfiable: an empty interval */
							pending_dlo = PG_UINT64_MAX;
							pending_dhi = 0;
						}
						else
							pending_dhi = Min(pending_dhi, s - 1);
						break;
					case SEQ_OP_GE:
						pending_dlo = Max(pending_dlo, s);
						break;
					case SEQ_OP_GT:
						pending_dlo = Max(pending_dlo, s + 1);
						break;
					case SEQ_OP_EQ:
						pending_dlo = Max(pending_dlo, s);
						pending_dhi = Min(pending_dhi, s);
						break;
				}
				if (!pending_timed)
					pending_pos = start;
				pending_timed = true;
				pending_any = true;
				continue;
			}

			/* condition (?N) */
			if (!read_number(p, len, &pos, &value, &overflow))
				pattern_error(p, len, pos,
							  "expected a condition number or \"t\" after \"(?\"");
			expect_close(p, len, &pos);
			if (overflow || value < 1 || value > (uint64) nconds)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid sequence pattern at character %d: condition %s does not exist",
								start + 1, pnstrdup(p + start + 2, pos - start - 3)),
						 errdetail("The pattern is \"%s\".", pnstrdup(p, len)),
						 nconds == 0 ?
						 errhint("No conditions were given.") :
						 errhint("Conditions are numbered from 1 to %d.", nconds)));
			cond = (int32) value - 1;
		}
		else if (p[pos] == '.')
		{
			pos++;
			if (pos < len && p[pos] == '*')
			{
				pos++;
				pending_any = true;
				continue;
			}
			cond = SEQ_ANY_COND;
		}
		else
			pattern_error(p, len, pos,
						  "expected \"(?\", \".\" or \".*\"");

		/* an event element */
		if (pat->nelems >= maxelems)
		{
			maxelems *= 2;
			pat->elems = repalloc(pat->elems, maxelems * sizeof(SeqElem));
		}
		if (cond != SEQ_ANY_COND)
			pat->required |= UINT64CONST(1) << cond;
		pat->elems[pat->nelems].cond = cond;
		pat->elems[pat->nelems].gap_any = pending_any;
		pat->elems[pat->nelems].timed = pending_timed;
		pat->elems[pat->nelems].dlo = pending_dlo;
		pat->elems[pat->nelems].dhi = pending_dhi;
		pat->nelems++;
		pending_any = false;
		pending_timed = false;
		pending_dlo = 0;
		pending_dhi = PG_UINT64_MAX;
	}

	if (pending_timed)
		pattern_error(p, len, pending_pos,
					  "a time constraint must be followed by an event condition");

	/*
	 * A pattern without an event element ('' or '.*') is valid, as in
	 * ClickHouse: it matches the empty sequence (see sequence_run).
	 */
	return pat;
}

/*
 * The compiled pattern for (text, nconds, unit), cached in *slot (in
 * flinfo->fn_mcxt) so that it is compiled once per call site and not once
 * per row or group.
 */
static SeqPattern *
sequence_pattern_cached_in(FmgrInfo *flinfo, void **slot, const char *p,
						   int32 len, int32 nconds, int64 unit)
{
	SeqPattern *pat = (SeqPattern *) *slot;
	MemoryContext old;

	if (pat != NULL && pat->nconds == nconds && pat->unit == unit &&
		pat->textlen == len && memcmp(pat->text, p, len) == 0)
		return pat;

	old = MemoryContextSwitchTo(flinfo->fn_mcxt);
	pat = sequence_compile(p, len, nconds, unit);
	MemoryContextSwitchTo(old);
	if (*slot != NULL)
	{
		SeqPattern *prev = (SeqPattern *) *slot;

		pfree(prev->text);
		pfree(prev->elems);
		pfree(prev);
	}
	*slot = pat;
	return pat;
}

/* The same, in flinfo->fn_extra (the aggregates). */
static SeqPattern *
sequence_pattern_cached(FmgrInfo *flinfo, const char *p, int32 len,
						int32 nconds, int64 unit)
{
	return sequence_pattern_cached_in(flinfo, &flinfo->fn_extra, p, len,
									  nconds, unit);
}

/* ----------------------------------------------------------------
 * Matching
 * ----------------------------------------------------------------
 */

/* The time from anchor a to t >= a, exact over the whole int64 range. */
static inline uint64
time_since(int64 a, int64 t)
{
	return (uint64) t - (uint64) a;
}

/*
 * Drop the anchors of a timed state that cannot matter any more at time t:
 * those more than dhi old and those superseded by a later anchor that is
 * already at least dlo old.
 */
static inline void
anchors_prune(SeqNfaState *s, const SeqElem *e, int64 t)
{
	while (s->head < s->n)
	{
		if (time_since(s->anchors[s->head], t) > e->dhi)
			s->head++;
		else if (s->head + 1 < s->n &&
				 time_since(s->anchors[s->head + 1], t) >= e->dlo)
			s->head++;
		else
			break;
	}
}

/* Can the state's next element match an event at time t? */
static inline bool
anchors_ready(SeqNfaState *s, const SeqElem *e, int64 t)
{
	uint64		d;

	anchors_prune(s, e, t);
	if (s->head >= s->n)
		return false;
	d = time_since(s->anchors[s->head], t);
	return d >= e->dlo && d <= e->dhi;
}

/* Record that the state was entered at time t. */
static void
anchors_add(SeqNfaState *s, const SeqElem *e, int64 t)
{
	if (s->head < s->n)
	{
		if (s->anchors[s->n - 1] == t)
			return;				/* same time: nothing new */
		if (e->dhi == PG_UINT64_MAX)
			return;				/* no upper bound: the earliest dominates */
		if (e->dlo == 0)
			s->head = s->n = 0; /* no lower bound: the latest dominates */
		else
			anchors_prune(s, e, t);
	}
	if (s->head == s->n)
		s->head = s->n = 0;
	if (s->n >= s->cap)
	{
		if (s->head > 0)
		{
			memmove(s->anchors, s->anchors + s->head,
					(s->n - s->head) * sizeof(int64));
			s->n -= s->head;
			s->head = 0;
		}
		if (s->n >= s->cap)
		{
			s->cap = s->cap == 0 ? 4 : s->cap * 2;
			if (s->anchors == NULL)
				s->anchors = palloc_extended(s->cap * sizeof(int64), MCXT_ALLOC_HUGE);
			else
				s->anchors = repalloc_huge(s->anchors, s->cap * sizeof(int64));
		}
	}
	s->anchors[s->n++] = t;
}

static void
nfa_reset(SeqNfaState *states, int32 nstates)
{
	int32		k;

	for (k = 0; k < nstates; k++)
	{
		states[k].reached = false;
		states[k].just = false;
		states[k].just_next = false;
		states[k].head = states[k].n = 0;
	}
}

/*
 * Run the pattern over the sorted events.  With count_all false, stop at
 * the first match and return 1 (or 0); otherwise return the number of
 * non-overlapping matches: each time a match ends, at the earliest event
 * where any match can end, count it and start afresh after that event.
 *
 * A pattern without an event element ('' or '.*') matches the empty
 * sequence, so it always matches; counted, it gives one match per event,
 * as ClickHouse's sequenceCount does (its matcher consumes one event per
 * empty match), and 0 over no events.
 */
static int64
sequence_run(const SeqPattern *pat, const StepEvent *events, int32 nevents,
			 bool count_all)
{
	int32		m = pat->nelems;
	const SeqElem *elems = pat->elems;
	SeqNfaState local_states[8];
	SeqNfaState *states;
	int64		count = 0;
	int32		i,
				k;

	if (m == 0)
		return count_all ? nevents : 1;
	if (nevents == 0)
		return 0;
	/* patterns are short: no allocation per call for up to 8 elements */
	if (m <= lengthof(local_states))
	{
		states = local_states;
		memset(states, 0, m * sizeof(SeqNfaState));
	}
	else
		states = palloc0(m * sizeof(SeqNfaState));

	for (i = 0; i < nevents; i++)
	{
		int64		t = events[i].ts;
		uint64		mask = events[i].mask;
		bool		matched = false;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();

		/*
		 * Highest state first, so that a state entered at this event is not
		 * also left at this event: an event matches one element only.
		 */
		for (k = m - 1; k >= 0; k--)
		{
			const SeqElem *e = &elems[k];
			SeqNfaState *s = &states[k];
			bool		ok;

			if (e->cond != SEQ_ANY_COND &&
				(mask & (UINT64CONST(1) << e->cond)) == 0)
				continue;
			if (k == 0)
				ok = true;		/* a match may start at any event */
			else if (!e->gap_any)
				ok = s->just;
			else if (!e->timed)
				ok = s->reached;
			else
				ok = anchors_ready(s, e, t);
			if (!ok)
				continue;

			if (k + 1 == m)
			{
				matched = true;
				break;
			}
			else
			{
				const SeqElem *ne = &elems[k + 1];
				SeqNfaState *ns = &states[k + 1];

				if (!ne->gap_any)
					ns->just_next = true;
				else if (!ne->timed)
					ns->reached = true;
				else
					anchors_add(ns, ne, t);
			}
		}

		if (matched)
		{
			count++;
			if (!count_all)
				break;
			nfa_reset(states, m);
			continue;
		}
		for (k = 1; k < m; k++)
		{
			states[k].just = states[k].just_next;
			states[k].just_next = false;
		}
	}

	for (k = 0; k < m; k++)
		if (states[k].anchors != NULL)
			pfree(states[k].anchors);
	if (states != local_states)
		pfree(states);
	return count;
}

/* ----------------------------------------------------------------
 * Row-level aggregates
 * ----------------------------------------------------------------
 */

/*
 * The transition of both aggregates (state, pattern, ts, conds), times in
 * the given unit (SEQ_UNIT_TIMESTAMPTZ: time constraints count seconds;
 * SEQ_UNIT_BIGINT: the caller's unit).  Not strict: the first call has no
 * state, a row with a NULL time is skipped (but its pattern and number of
 * conditions are still checked), and a NULL condition counts as false.
 * With internal, the state of the 0.2.0 definitions (STYPE = internal).
 */
static Datum
sequence_trans_common(FunctionCallInfo fcinfo, int64 unit, bool internal)
{
	StepGrow	g;
	StepState  *st;
	text	   *pattern;
	const char *ptext;
	int32		plen;
	ArrayType  *conds;
	uint64		mask;
	int32		nconds;

	if (internal)
	{
		g.cxt = journey_agg_context(fcinfo, "sequence_trans");
		g.free_old = true;
		st = PG_ARGISNULL(0) ? NULL : (StepState *) PG_GETARG_POINTER(0);
	}
	else if (PG_ARGISNULL(0))
	{
		g.cxt = CurrentMemoryContext;
		g.free_old = false;
		st = NULL;
	}
	else
		st = step_state_getarg(fcinfo, 0, true, &g);

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sequence pattern must not be null")));
	pattern = PG_GETARG_TEXT_PP(1);
	ptext = VARDATA_ANY(pattern);
	plen = VARSIZE_ANY_EXHDR(pattern);

	if (PG_ARGISNULL(3))
	{
		/* no condition holds */
		if (st == NULL)
			st = step_state_new(g.cxt, STEP_KIND_SEQUENCE, false, 0);
		PG_RETURN_POINTER(st);
	}

	conds = PG_GETARG_ARRAYTYPE_P(3);
	mask = step_mask_from_array(conds, &nconds);
	/* validates the pattern against the number of conditions */
	(void) sequence_pattern_cached(fcinfo->flinfo, ptext, plen, nconds, unit);
	if (st == NULL)
		st = step_state_new_params(g.cxt, STEP_KIND_SEQUENCE, false,
								   step_state_initial_room(plen), unit, 0, ptext, plen);
	step_state_set_nsteps(st, nconds);
	if (!st->has_params)
		st = step_state_set_params(st, unit, 0, ptext, plen, &g);
	else if (st->param_text_len != plen || memcmp(step_state_text(st), ptext, plen) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sequence pattern must be the same for all rows of a group")));

	if (!PG_ARGISNULL(2))
		st = step_state_add(st, PG_GETARG_INT64(2), mask, &g);
	PG_RETURN_POINTER(st);
}

/* The transition functions of journey.step_state, timestamptz and bigint. */
Datum
sequence_state_trans(PG_FUNCTION_ARGS)
{
	return sequence_trans_common(fcinfo, SEQ_UNIT_TIMESTAMPTZ, false);
}

Datum
sequence_state_trans_int(PG_FUNCTION_ARGS)
{
	return sequence_trans_common(fcinfo, SEQ_UNIT_BIGINT, false);
}

/*
 * The transition function of 0.2.0 (STYPE = internal) for both time
 * types, kept so that the aggregates of an installation not yet updated
 * keep working with this library: the argument type decides the unit.
 */
Datum
sequence_trans(PG_FUNCTION_ARGS)
{
	Oid			tstype = get_fn_expr_argtype(fcinfo->flinfo, 2);

	if (tstype == TIMESTAMPTZOID)
		return sequence_trans_common(fcinfo, SEQ_UNIT_TIMESTAMPTZ, true);
	if (tstype == INT8OID)
		return sequence_trans_common(fcinfo, SEQ_UNIT_BIGINT, true);
	elog(ERROR, "sequence_trans: unexpected time type %u", tstype);
}

/* Run the state's pattern over its (sorted) events, for the final functions. */
static int64
sequence_final_run(FunctionCallInfo fcinfo, StepState *st, bool count_all)
{
	SeqPattern *pat;

	/*
	 * No state or no parameters: no row came with its pattern, so the
	 * pattern is unknown and nothing can match.
	 */
	if (st == NULL || !st->has_params)
		return 0;

	/*
	 * Sorting reorders the events in place without changing the multiset
	 * they form, so the final functions may be declared READ_ONLY.
	 */
	step_state_sort(st);
	pat = sequence_pattern_cached(fcinfo->flinfo, step_state_text(st),
								  st->param_text_len, st->nsteps,
								  st->param_int);
	return sequence_run(pat, step_state_events(st), st->nevents, count_all);
}

Datum
sequence_match_state_final(PG_FUNCTION_ARGS)
{
	StepState  *st = step_state_final_arg(fcinfo, STEP_KIND_SEQUENCE, "sequence_match");

	PG_RETURN_BOOL(sequence_final_run(fcinfo, st, false) > 0);
}

Datum
sequence_count_state_final(PG_FUNCTION_ARGS)
{
	StepState  *st = step_state_final_arg(fcinfo, STEP_KIND_SEQUENCE, "sequence_count");

	PG_RETURN_INT64(sequence_final_run(fcinfo, st, true));
}

/* The final functions of 0.2.0 (STYPE = internal). */
Datum
sequence_match_final(PG_FUNCTION_ARGS)
{
	journey_agg_context(fcinfo, "sequence_match_final");
	PG_RETURN_BOOL(sequence_final_run(fcinfo, PG_ARGISNULL(0) ? NULL :
									  (StepState *) PG_GETARG_POINTER(0), false) > 0);
}

Datum
sequence_count_final(PG_FUNCTION_ARGS)
{
	journey_agg_context(fcinfo, "sequence_count_final");
	PG_RETURN_INT64(sequence_final_run(fcinfo, PG_ARGISNULL(0) ? NULL :
									   (StepState *) PG_GETARG_POINTER(0), true));
}

/* Before b is merged into a: the patterns must agree. */
void
sequence_state_before_combine(StepState *a, const StepState *b)
{
	if (a->has_params && b->has_params &&
		(a->param_int != b->param_int ||
		 a->param_text_len != b->param_text_len ||
		 memcmp(step_state_text(a), step_state_text(b), a->param_text_len) != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sequence pattern must be the same for all rows of a group")));
}

/* The 0.2.0 combine function (STYPE = internal). */
Datum
sequence_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "sequence_combine");
	StepState  *a = PG_ARGISNULL(0) ? NULL : (StepState *) PG_GETARG_POINTER(0);
	StepState  *b = PG_ARGISNULL(1) ? NULL : (StepState *) PG_GETARG_POINTER(1);
	StepGrow	g = {aggcontext, true};

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
	{
		a = MemoryContextAlloc(aggcontext, VARSIZE(b));
		memcpy(a, b, VARSIZE(b));
		PG_RETURN_POINTER(a);
	}
	sequence_state_before_combine(a, b);
	PG_RETURN_POINTER(step_state_combine(a, b, &g));
}

Datum
sequence_serial(PG_FUNCTION_ARGS)
{
	StepState  *st = (StepState *) PG_GETARG_POINTER(0);

	journey_agg_context(fcinfo, "sequence_serial");
	PG_RETURN_BYTEA_P(step_state_serialize(st));
}

/*
 * Whether the parameters of a sequence state read from untrusted bytes are
 * ones sequence_trans_common can have set, the pattern included: it must
 * compile for the state's number of conditions, as the transition made
 * sure, or the final function would report a pattern the user never wrote
 * as invalid (22023).
 */
bool
sequence_state_valid(const StepState *st)
{
	MemoryContext cxt = CurrentMemoryContext;
	volatile bool bad_pattern = false;

	if (st->keep_empty)
		return false;
	if (!st->has_params)
		return true;
	if ((st->param_int != SEQ_UNIT_TIMESTAMPTZ && st->param_int != SEQ_UNIT_BIGINT) ||
		st->param_flags != 0 || st->param_text_len < 0)
		return false;

	/*
	 * Compiling only parses and allocates memory (no locks, buffers, catalog
	 * or SPI), so its invalid-pattern error (22023) can be caught without a
	 * subtransaction; any other error is thrown on.
	 */
	PG_TRY();
	{
		SeqPattern *pat = sequence_compile(step_state_text(st), st->param_text_len,
										   st->nsteps, st->param_int);

		pfree(pat->text);
		pfree(pat->elems);
		pfree(pat);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		if (edata->sqlerrcode != ERRCODE_INVALID_PARAMETER_VALUE)
			PG_RE_THROW();
		FlushErrorState();
		FreeErrorData(edata);
		bad_pattern = true;
	}
	PG_END_TRY();
	return !bad_pattern;
}

/* The 0.2.0 deserialize function (STYPE = internal). */
Datum
sequence_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "sequence_deserial");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_POINTER(step_state_deserialize(bytes, STEP_KIND_SEQUENCE, aggcontext));
}

/* ----------------------------------------------------------------
 * Over stored journeys
 * ----------------------------------------------------------------
 */

/* What a call site over stored journeys keeps in fn_extra. */
typedef struct SeqJourneyCache
{
	JourneySteps *steps;
	SeqPattern *pattern;
} SeqJourneyCache;

/*
 * Match a pattern over a journey, condition N being "the label equals
 * labels[N]": exactly the events the row-level aggregates would keep for
 * the same rows, in the same order, so the answers agree.  A journey
 * lacking a condition the pattern names cannot match, and its events are
 * not decoded.
 */
static int64
sequence_journey_common(FunctionCallInfo fcinfo, bool count_all)
{
	text	   *pattern = PG_GETARG_TEXT_PP(1);
	SeqJourneyCache *cache = (SeqJourneyCache *) fcinfo->flinfo->fn_extra;
	JourneySteps *r;
	SeqPattern *pat;
	uint64		present;
	int32		nev;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SeqJourneyCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	r = journey_steps_arg(fcinfo, (void **) &cache->steps, 2);
	pat = sequence_pattern_cached_in(fcinfo->flinfo, (void **) &cache->pattern,
									 VARDATA_ANY(pattern), VARSIZE_ANY_EXHDR(pattern),
									 r->nsteps, SEQ_UNIT_TIMESTAMPTZ);
	present = journey_steps_open(r, PG_GETARG_DATUM(0));
	if ((present & pat->required) != pat->required)
		return 0;
	nev = journey_steps_read(r, false);
	return sequence_run(pat, r->events, nev, count_all);
}

/* sequence_match(j journey, pattern text, VARIADIC labels text[]) */
Datum
sequence_match(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(sequence_journey_common(fcinfo, false) > 0);
}

/* sequence_count(j journey, pattern text, VARIADIC labels text[]) */
Datum
sequence_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(sequence_journey_common(fcinfo, true));
}
