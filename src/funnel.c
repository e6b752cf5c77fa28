/*-------------------------------------------------------------------------
 *
 * funnel.c
 *	  window_funnel / window_funnel_times aggregates over event rows and
 *	  journey.funnel / journey.funnel_times over stored journeys.
 *
 * All of them collect (time, step mask) pairs in a StepState (see
 * step_state.h) and evaluate the funnel once, in the final function, with
 * funnel_eval().  The semantics are written down in doc/funnels.md; in
 * short, the events are scanned in time order one group of equal
 * timestamps at a time, and for every level j the scan keeps the latest
 * first-step time of a chain that reached step j and may still be extended
 * ("max first": a later start leaves the most room in the window, so this
 * is exact, not a heuristic).  That is O(events x steps) after the sort.
 *
 * Within a group of equal timestamps the steps are considered in increasing
 * step order, whatever the order of the rows; this is what makes the result
 * independent of the order of rows with equal timestamps, and is the
 * ClickHouse order of (time, condition) pairs.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "nodes/primnodes.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "journey.h"
#include "step_state.h"

PG_FUNCTION_INFO_V1(window_funnel_trans);
PG_FUNCTION_INFO_V1(window_funnel_trans_int);
PG_FUNCTION_INFO_V1(window_funnel_mode_trans);
PG_FUNCTION_INFO_V1(window_funnel_mode_trans_int);
PG_FUNCTION_INFO_V1(window_funnel_excl_trans);
PG_FUNCTION_INFO_V1(window_funnel_excl_trans_int);
PG_FUNCTION_INFO_V1(window_funnel_label_trans);
PG_FUNCTION_INFO_V1(window_funnel_label_trans_int);
PG_FUNCTION_INFO_V1(window_funnel_final);
PG_FUNCTION_INFO_V1(window_funnel_times_final);
PG_FUNCTION_INFO_V1(window_funnel_times_final_int);
PG_FUNCTION_INFO_V1(window_funnel_combine);
PG_FUNCTION_INFO_V1(window_funnel_serial);
PG_FUNCTION_INFO_V1(window_funnel_deserial);
PG_FUNCTION_INFO_V1(funnel_state_trans);
PG_FUNCTION_INFO_V1(funnel_state_trans_int);
PG_FUNCTION_INFO_V1(funnel_state_mode_trans);
PG_FUNCTION_INFO_V1(funnel_state_mode_trans_int);
PG_FUNCTION_INFO_V1(funnel_state_excl_trans);
PG_FUNCTION_INFO_V1(funnel_state_excl_trans_int);
PG_FUNCTION_INFO_V1(funnel_state_label_trans);
PG_FUNCTION_INFO_V1(funnel_state_label_trans_int);
PG_FUNCTION_INFO_V1(funnel_state_final);
PG_FUNCTION_INFO_V1(funnel_state_times_final);
PG_FUNCTION_INFO_V1(funnel_state_times_final_int);
PG_FUNCTION_INFO_V1(journey_funnel);
PG_FUNCTION_INFO_V1(journey_funnel_mode);
PG_FUNCTION_INFO_V1(journey_funnel_times);

/* Mode bits (kept in the low byte of StepState.param_flags). */
#define FUNNEL_STRICT_DEDUPLICATION	0x01
#define FUNNEL_STRICT_ORDER			0x02
#define FUNNEL_STRICT_INCREASE		0x04
#define FUNNEL_STRICT_ONCE			0x08
#define FUNNEL_ALLOW_REENTRY		0x10
#define FUNNEL_ANY_ORDER			0x20
#define FUNNEL_MODE_MASK			0x3F

/* Rest of param_flags: number of funnel steps, whether exclusions follow. */
#define FUNNEL_NSTEPS_SHIFT			8
#define FUNNEL_HAS_EXCLUSIONS		0x10000

#define FUNNEL_VALID_MODES \
	"strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry, any_order"

static const struct
{
	const char *name;
	uint32		bit;
}			funnel_modes[] =
{
	{"strict_deduplication", FUNNEL_STRICT_DEDUPLICATION},
	{"strict_order", FUNNEL_STRICT_ORDER},
	{"strict_increase", FUNNEL_STRICT_INCREASE},
	{"strict_once", FUNNEL_STRICT_ONCE},
	{"allow_reentry", FUNNEL_ALLOW_REENTRY},
	{"any_order", FUNNEL_ANY_ORDER},
};

/* Everything funnel_eval needs besides the events. */
typedef struct FunnelParams
{
	int64		window;
	uint32		mode;
	int			nsteps;			/* funnel steps (bits 0 .. nsteps-1) */
	bool		has_excl;		/* exclusion of gap k is bit nsteps + k - 1 */
	int			reachable;		/* no level above can be reached (steps that
								 * never hold): the scan stops there */
} FunnelParams;

/* A node of the persistent lists that record chains for the _times variants. */
typedef struct ChainNode
{
	int64		ts;
	int32		parent;			/* -1 at the first step */
} ChainNode;

/*
 * Parse a comma-separated mode list; white space around items is ignored,
 * and so are empty items (so '' is the default mode).
 */
static uint32
funnel_parse_mode(const char *str, int len)
{
	uint32		mode = 0;
	int			pos = 0;

	while (pos <= len)
	{
		int			start,
					end,
					i;
		bool		found = false;

		start = pos;
		while (pos < len && str[pos] != ',')
			pos++;
		end = pos;
		pos++;					/* skip the comma (or step past the end) */
		while (start < end && (str[start] == ' ' || str[start] == '\t' || str[start] == '\n'))
			start++;
		while (end > start && (str[end - 1] == ' ' || str[end - 1] == '\t' || str[end - 1] == '\n'))
			end--;
		if (start == end)
			continue;
		for (i = 0; i < lengthof(funnel_modes); i++)
		{
			if (strlen(funnel_modes[i].name) == (size_t) (end - start) &&
				memcmp(funnel_modes[i].name, str + start, end - start) == 0)
			{
				mode |= funnel_modes[i].bit;
				found = true;
				break;
			}
		}
		if (!found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown window_funnel mode: \"%.*s\"", end - start, str + start),
					 errhint("Valid modes are: %s.", FUNNEL_VALID_MODES)));
	}
	if ((mode & FUNNEL_ALLOW_REENTRY) && !(mode & FUNNEL_STRICT_ORDER))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel mode allow_reentry requires strict_order")));
	if ((mode & FUNNEL_ANY_ORDER) && (mode & ~FUNNEL_ANY_ORDER))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel mode any_order cannot be combined with other modes")));
	return mode;
}

static void
check_window(int64 window)
{
	if (window < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel window must not be negative")));
}

pg_noreturn
static void
null_argument(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("window_funnel %s must not be NULL", what)));
}

static inline FunnelParams
funnel_params_of(const StepState *st)
{
	FunnelParams p;

	p.window = st->param_int;
	p.mode = st->param_flags & FUNNEL_MODE_MASK;
	p.nsteps = (st->param_flags >> FUNNEL_NSTEPS_SHIFT) & 0xFF;
	p.has_excl = (st->param_flags & FUNNEL_HAS_EXCLUSIONS) != 0;
	p.reachable = p.nsteps;
	return p;
}

/*
 * What a call site of the transition function keeps in fn_extra: the step
 * labels of the label form, in a reader of step labels (step_state.h; taken
 * apart once, rebuilt only if a row brings other labels), and whether a row
 * on which no step holds may be skipped without looking at the group's
 * state (funnel_skip_decide).
 */
typedef struct FunnelTransCache
{
	/* label form: the step labels */
	JourneySteps *steps;
	/* FUNNEL_SKIP_UNKNOWN until the first row with a state decides */
	int8		skip;
	int32		skip_nsteps;	/* the step count of every row, when skip */
} FunnelTransCache;

#define FUNNEL_SKIP_UNKNOWN	(-1)
#define FUNNEL_SKIP_NO		0
#define FUNNEL_SKIP_YES		1

static FunnelTransCache *
funnel_trans_cache(FunctionCallInfo fcinfo)
{
	FunnelTransCache *c = (FunnelTransCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FunnelTransCache));
		c->skip = FUNNEL_SKIP_UNKNOWN;
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

static Node *funnel_agg_arg(FunctionCallInfo fcinfo, int argno);

/*
 * The step mask of one row of the label form: bit i set when the row's
 * label (argument argno - 1) equals step label i + 1 (argument argno, not
 * NULL: the callers check), compared as bytes by journey_steps_match; a
 * NULL label matches nothing.  When the aggregate's step labels are a
 * constant, the array is taken apart at the first row and not looked at
 * again; otherwise a row with the same labels as the previous costs a
 * memcmp of the array (journey_steps_get).
 */
static uint64
label_step_mask(FunctionCallInfo fcinfo, int argno, int32 *nsteps)
{
	FunnelTransCache *ls = funnel_trans_cache(fcinfo);
	JourneySteps *r = journey_steps_stable(ls->steps);

	if (r == NULL)
	{
		ArrayType  *labels = PG_GETARG_ARRAYTYPE_P(argno);

		/*
		 * The transition function's own arguments are not the query's
		 * (get_fn_expr_arg_stable cannot tell): the aggregate's are.
		 */
		Node	   *a = funnel_agg_arg(fcinfo, argno);

		(void) step_labels_count(labels);
		r = journey_steps_get(fcinfo->flinfo, (void **) &ls->steps, labels,
							  a != NULL && IsA(a, Const) && !((Const *) a)->constisnull);
	}
	*nsteps = r->nsteps;
	if (PG_ARGISNULL(argno - 1))
		return 0;
	return journey_steps_match(r, PG_GETARG_TEXT_PP(argno - 1));
}

/*
 * The aggregate's argument argno - 1 (the transition function's argno), as
 * the query wrote it, or NULL.
 */
static Node *
funnel_agg_arg(FunctionCallInfo fcinfo, int argno)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	TargetEntry *te;

	if (aggref == NULL || argno < 1 || argno > list_length(aggref->args))
		return NULL;
	te = (TargetEntry *) list_nth(aggref->args, argno - 1);
	return (Node *) te->expr;
}

/*
 * May a row on which no step holds be skipped, the group's state not even
 * read?  Yes when every row of the call site brings the same parameters, so
 * no check of a row against its group can fail, and the mode keeps no such
 * event (strict_order does: another event between two steps breaks the
 * chain): the window, the mode and the step labels are constants, and the
 * boolean form's conditions an ARRAY[...] of a fixed length (VARIADIC
 * writes one).  Rows are then skipped before the state is touched: over
 * rows in no order of customer, reading each group's state is a cache miss
 * per row, which costs more than everything else the row asks of us.
 * Decided once per call site, when a row with a state arrives.
 */
static bool
funnel_skip_decide(FunctionCallInfo fcinfo, bool has_mode, bool by_label, int tsarg)
{
	FunnelTransCache *c = funnel_trans_cache(fcinfo);
	Node	   *arg;

	if (c->skip != FUNNEL_SKIP_UNKNOWN)
		return c->skip == FUNNEL_SKIP_YES;
	c->skip = FUNNEL_SKIP_NO;
	arg = funnel_agg_arg(fcinfo, 1);
	if (arg == NULL || !IsA(arg, Const) || ((Const *) arg)->constisnull)
		return false;
	if (has_mode)
	{
		Const	   *m = (Const *) funnel_agg_arg(fcinfo, 2);
		text	   *t;

		if (m == NULL || !IsA(m, Const) || m->constisnull)
			return false;
		t = DatumGetTextPP(m->constvalue);
		if (funnel_parse_mode(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)) & FUNNEL_STRICT_ORDER)
			return false;
	}
	if (by_label)
	{
		Const	   *a = (Const *) funnel_agg_arg(fcinfo, tsarg + 2);
		ArrayType  *labels;

		if (a == NULL || !IsA(a, Const) || a->constisnull)
			return false;
		labels = DatumGetArrayTypeP(a->constvalue);
		if (ARR_NDIM(labels) > 1)
			return false;
		c->skip_nsteps = ARR_NDIM(labels) == 0 ? 0 : ARR_DIMS(labels)[0];
	}
	else
	{
		ArrayExpr  *a = (ArrayExpr *) funnel_agg_arg(fcinfo, tsarg + 1);

		if (a == NULL || !IsA(a, ArrayExpr) || a->multidims)
			return false;
		c->skip_nsteps = list_length(a->elements);
	}
	if (c->skip_nsteps == 0)
		return false;
	c->skip = FUNNEL_SKIP_YES;
	return true;
}

/*
 * Shared transition function.  Arguments: state, window, [mode,] ts,
 * steps [, exclusions].  Not strict: the first call has no state, rows with
 * a NULL ts are skipped, and NULL conditions count as false.  The window and
 * mode are read (and the mode parsed) on the first row only; later rows are
 * only compared with it, cheaply.
 */
static inline Datum
funnel_trans_common(FunctionCallInfo fcinfo, bool is_interval, bool has_mode,
					bool has_excl, bool by_label, bool internal)
{
	StepGrow	g;
	StepState  *st;
	int			tsarg = has_mode ? 3 : 2;
	int64		window;
	text	   *modetext = NULL;
	ArrayType  *steps;
	uint64		mask = 0;
	int32		n = 0;
	bool		mask_known = false;

	/*
	 * A row on which no step holds, when the call site allows skipping it
	 * (funnel_skip_decide): the state comes back untouched.  A group's first
	 * row, and every row that brings a step, takes the general path below.
	 */
	if (!internal && !has_excl && !PG_ARGISNULL(0) && !PG_ARGISNULL(tsarg) &&
		!PG_ARGISNULL(by_label ? tsarg + 2 : tsarg + 1) &&
		(by_label ? !PG_ARGISNULL(tsarg + 1) : true) &&
		funnel_skip_decide(fcinfo, has_mode, by_label, tsarg))
	{
		if (by_label)
			mask = label_step_mask(fcinfo, tsarg + 2, &n);
		else
			mask = step_mask_from_array(PG_GETARG_ARRAYTYPE_P(tsarg + 1), &n);
		if (mask == 0 && n == funnel_trans_cache(fcinfo)->skip_nsteps)
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		mask_known = true;
	}

	if (PG_ARGISNULL(1))
		null_argument("window");
	if (is_interval)
		window = interval_to_usec(PG_GETARG_INTERVAL_P(1), "window_funnel window");
	else
	{
		window = PG_GETARG_INT64(1);
		check_window(window);
	}
	if (has_mode)
	{
		if (PG_ARGISNULL(2))
			null_argument("mode");
		modetext = PG_GETARG_TEXT_PP(2);
	}

	if (internal)
	{
		/* the 0.2.0 definitions (STYPE = internal) */
		g.cxt = journey_agg_context(fcinfo, "window_funnel");
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

	if (st == NULL)
	{
		uint32		mode = 0;

		if (modetext)
			mode = funnel_parse_mode(VARDATA_ANY(modetext), VARSIZE_ANY_EXHDR(modetext));
		if (has_excl && (mode & FUNNEL_ANY_ORDER))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel exclusions cannot be combined with mode any_order")));
		/* the step count is added to the flags when the first row shows it */
		st = step_state_new_params(g.cxt, STEP_KIND_FUNNEL,
								   (mode & FUNNEL_STRICT_ORDER) != 0,
								   step_state_initial_room(modetext ? VARSIZE_ANY_EXHDR(modetext) : -1),
								   window, mode | (has_excl ? FUNNEL_HAS_EXCLUSIONS : 0),
								   modetext ? VARDATA_ANY(modetext) : NULL,
								   modetext ? VARSIZE_ANY_EXHDR(modetext) : 0);
	}
	else
	{
		if (window != st->param_int)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel window must be the same for all rows of a group")));
		if (modetext &&
			((int32) VARSIZE_ANY_EXHDR(modetext) != st->param_text_len ||
			 memcmp(VARDATA_ANY(modetext), step_state_text(st), st->param_text_len) != 0) &&
			funnel_parse_mode(VARDATA_ANY(modetext), VARSIZE_ANY_EXHDR(modetext)) !=
			(st->param_flags & FUNNEL_MODE_MASK))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel mode must be the same for all rows of a group")));
	}

	if (PG_ARGISNULL(tsarg))
		PG_RETURN_POINTER(st);
	if (!mask_known)
	{
		/* (unless the skip test above computed it) */
		if (by_label)
		{
			/* (..., ts, label, VARIADIC step_labels) */
			if (PG_ARGISNULL(tsarg + 2))
				null_argument("step labels array");
			/* a NULL label matches no step */
			mask = label_step_mask(fcinfo, tsarg + 2, &n);
		}
		else
		{
			if (PG_ARGISNULL(tsarg + 1))
				null_argument("steps array");
			steps = PG_GETARG_ARRAYTYPE_P(tsarg + 1);
			mask = step_mask_from_array(steps, &n);
		}
	}
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel needs at least one step")));
	if (has_excl)
	{
		ArrayType  *excl;
		int32		nx;
		uint64		xmask;

		if (PG_ARGISNULL(tsarg + 2))
			null_argument("exclusions array");
		excl = PG_GETARG_ARRAYTYPE_P(tsarg + 2);
		xmask = step_mask_from_array(excl, &nx);
		if (nx != n - 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel has %d steps but %d exclusions", n, nx),
					 errdetail("There must be one exclusion (possibly NULL) per gap between steps, that is %d.", n - 1)));
		if (n + nx > STEP_MAX_STEPS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many conditions: %d steps and %d exclusions", n, nx),
					 errdetail("At most %d step and exclusion conditions together are supported.", STEP_MAX_STEPS)));
		mask |= xmask << n;
		n += nx;
	}
	if (st->nsteps == 0)
	{
		int			nfunnel = has_excl ? (n + 1) / 2 : n;

		st->param_flags |= (uint32) nfunnel << FUNNEL_NSTEPS_SHIFT;
	}
	step_state_set_nsteps(st, n);
	st = step_state_add(st, is_interval ? (int64) PG_GETARG_TIMESTAMPTZ(tsarg) : PG_GETARG_INT64(tsarg),
						mask, &g);
	PG_RETURN_POINTER(st);
}

/*
 * The transition functions of journey.step_state: (state, window, [mode,]
 * ts, steps [, exclusions]) or, label form, (state, window, ts, label,
 * VARIADIC step_labels).
 */
Datum
funnel_state_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, false, false, false, false);
}

Datum
funnel_state_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, false, false, false, false);
}

Datum
funnel_state_mode_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, true, false, false, false);
}

Datum
funnel_state_mode_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, true, false, false, false);
}

Datum
funnel_state_excl_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, true, true, false, false);
}

Datum
funnel_state_excl_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, true, true, false, false);
}

Datum
funnel_state_label_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, false, false, true, false);
}

Datum
funnel_state_label_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, false, false, true, false);
}

/*
 * The transition functions of 0.2.0 (STYPE = internal), kept so that the
 * aggregates of an installation not yet updated keep working with this
 * library: the same state, grown in the aggregate context.
 */
Datum
window_funnel_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, false, false, false, true);
}

Datum
window_funnel_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, false, false, false, true);
}

Datum
window_funnel_mode_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, true, false, false, true);
}

Datum
window_funnel_mode_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, true, false, false, true);
}

Datum
window_funnel_excl_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, true, true, false, true);
}

Datum
window_funnel_excl_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, true, true, false, true);
}

Datum
window_funnel_label_trans(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, true, false, false, true, true);
}

Datum
window_funnel_label_trans_int(PG_FUNCTION_ARGS)
{
	return funnel_trans_common(fcinfo, false, false, false, true, true);
}

/* t - first <= window, without overflow (t >= first in a sorted scan). */
static inline bool
in_window(int64 t, int64 first, int64 window)
{
	int64		d;

	if (pg_sub_s64_overflow(t, first, &d))
		return false;
	return d <= window;
}

/*
 * Scratch memory of one evaluation: per-level chain states, and the chain
 * nodes when times are wanted.
 */
typedef struct FunnelScan
{
	const FunnelParams *p;
	bool		want_times;
	int64		first[STEP_MAX_STEPS + 1];	/* F[j]: latest start at level j */
	int32		node[STEP_MAX_STEPS + 1];
	int64		old_first[STEP_MAX_STEPS + 1];	/* F before the current group */
	int32		old_node[STEP_MAX_STEPS + 1];
	int64		grp_first[STEP_MAX_STEPS + 1];	/* updates within the group */
	int32		grp_node[STEP_MAX_STEPS + 1];
	uint64		have;			/* bit j-1: level j has an extendable chain */
	uint64		old_have;
	uint64		grp_have;
	uint64		reached;		/* bit j-1: level j was ever reached */
	int			level;			/* max level reached */
	int32		level_node;		/* chain that first reached it */
	ChainNode  *nodes;
	int32		nnodes;
	int32		maxnodes;
	/* strict_once matching scratch */
	uint64	   *rows;			/* step masks of the group's rows */
	int32		maxrows;
} FunnelScan;

static int32
new_node(FunnelScan *s, int64 ts, int32 parent)
{
	if (!s->want_times)
		return -1;
	if (s->nnodes >= s->maxnodes)
	{
		if (s->maxnodes >= PG_INT32_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("window_funnel_times: too many chain steps")));
		s->maxnodes = s->maxnodes == 0 ? 64 : s->maxnodes * 2;
		s->nodes = s->nodes == NULL
			? palloc_extended(s->maxnodes * sizeof(ChainNode), MCXT_ALLOC_HUGE)
			: repalloc_huge(s->nodes, s->maxnodes * sizeof(ChainNode));
	}
	s->nodes[s->nnodes].ts = ts;
	s->nodes[s->nnodes].parent = parent;
	return s->nnodes++;
}

/*
 * Level j (1-based) gets a chain starting at 'first' whose last step is at
 * t; 'node' is that chain (or -1).  Keep it when it starts no earlier than
 * the chain the level holds (on a tie the newer wins: its step j is later,
 * which can only help with exclusions).
 */
static inline void
level_update(FunnelScan *s, int j, int64 first, int32 node)
{
	uint64		bit = UINT64CONST(1) << (j - 1);

	if (!(s->have & bit) || first >= s->first[j])
	{
		s->first[j] = first;
		s->node[j] = node;
		s->have |= bit;
	}
	if (!(s->grp_have & bit) || first >= s->grp_first[j])
	{
		s->grp_first[j] = first;
		s->grp_node[j] = node;
		s->grp_have |= bit;
	}
	s->reached |= bit;
	if (j > s->level)
	{
		s->level = j;
		s->level_node = node;
	}
}

/*
 * Kuhn's augmenting path: can step 'step' (0-based) be given a row of the
 * group, rearranging the rows given to the steps already matched?
 * match[k] is the row holding step k or -1; seen marks rows visited.
 */
static bool
augment(const uint64 *rows, int nrows, int step, int32 *match, int32 *row_step,
		bool *seen)
{
	int			r;

	for (r = 0; r < nrows; r++)
	{
		JOURNEY_CHECK_INTERRUPTS(r);
		if (!(rows[r] & (UINT64CONST(1) << step)) || seen[r])
			continue;
		seen[r] = true;
		if (row_step[r] < 0 ||
			augment(rows, nrows, row_step[r], match, row_step, seen))
		{
			row_step[r] = step;
			match[step] = r;
			return true;
		}
	}
	return false;
}

/*
 * strict_once, group with a row satisfying several steps: for each a in
 * 0..nsteps-1, reach[a] = the largest b such that steps a+1..b can be given
 * to distinct rows of the group (a if none).
 */
static void
group_matching(FunnelScan *s, int nrows, int *reach)
{
	int			n = s->p->nsteps;
	int32		match[STEP_MAX_STEPS];
	int32	   *row_step = palloc(nrows * sizeof(int32));
	bool	   *seen = palloc(nrows * sizeof(bool));
	int			a,
				b,
				r;

	for (a = 0; a < n; a++)
	{
		for (r = 0; r < nrows; r++)
			row_step[r] = -1;
		for (b = a; b < n; b++)
		{
			memset(seen, 0, nrows * sizeof(bool));
			if (!augment(s->rows, nrows, b, match, row_step, seen))
				break;
		}
		reach[a] = b;
	}
	pfree(row_step);
	pfree(seen);
}

/*
 * The ordered funnel in the default mode, without exclusions and times:
 * funnel_eval_ordered reduced to what that mode uses.  There, the rows of a
 * group of equal times only matter through the steps they hold together,
 * taken in increasing order (so the order of the rows within the group does
 * not matter), and a level's chain is only ever replaced by one starting
 * later.  first[j] is the latest start of a chain at level j, bit j-1 of
 * *have says it is set; returns the new level.
 */
static inline int
funnel_default_group(int64 *first, uint64 *have, int level, int64 t,
					 uint64 steps, int64 window)
{
	while (steps)
	{
		int			b = pg_rightmost_one_pos64(steps);	/* 0-based step */
		uint64		bit = UINT64CONST(1) << b;

		steps &= steps - 1;
		if (b == 0)
			first[1] = t;		/* a first step always (re)starts a chain */
		else if ((*have & (bit >> 1)) && in_window(t, first[b], window))
		{
			if (!(*have & bit) || first[b] >= first[b + 1])
				first[b + 1] = first[b];
		}
		else
			continue;
		*have |= bit;
		level = Max(level, b + 1);
	}
	return level;
}

/* The default-mode funnel over the events of a state. */
static int
funnel_eval_default(const StepEvent *ev, int nev, const FunnelParams *p)
{
	int64		first[STEP_MAX_STEPS + 1];
	uint64		have = 0;
	int			limit = Min(p->nsteps, p->reachable);
	uint64		stepmask = p->nsteps == 64 ? ~UINT64CONST(0) :
		(UINT64CONST(1) << p->nsteps) - 1;
	int			level = 0;
	int			i = 0;

	while (i < nev && level < limit)
	{
		int64		t = ev[i].ts;
		uint64		steps = 0;

		JOURNEY_CHECK_INTERRUPTS(i);
		do
			steps |= ev[i++].mask;
		while (i < nev && ev[i].ts == t);
		level = funnel_default_group(first, &have, level, t, steps & stepmask,
									 p->window);
	}
	return Min(level, limit);
}

/*
 * The same over the journey opened last by r, streamed from its bytes in
 * one pass: nothing is stored, nor sorted (the order within a group does
 * not matter), and decoding stops once the highest reachable level is
 * reached.
 */
static int
funnel_journey_default(const JourneySteps *r, const FunnelParams *p)
{
	int64		first[STEP_MAX_STEPS + 1];
	uint64		have = 0;
	int			limit = Min(p->nsteps, p->reachable);
	const uint8 *pos = r->pos;
	int64		t = 0,
				ts = 0;
	uint64		steps = 0,
				mask;
	int			level = 0;
	int32		i;

	for (i = 0; i < r->nevents; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		journey_steps_next(r, &pos, i, &ts, &mask);
		if (ts != t && steps != 0)
		{
			level = funnel_default_group(first, &have, level, t, steps, p->window);
			if (level >= limit)
				return limit;
			steps = 0;
		}
		t = ts;
		steps |= mask;
	}
	if (steps != 0)
		level = funnel_default_group(first, &have, level, t, steps, p->window);
	return Min(level, limit);
}

/*
 * The ordered funnel: the level reached, and with times != NULL the chain's
 * step times (times must have room for nsteps values).
 */
static int
funnel_eval_ordered(StepEvent *ev, int nev, const FunnelParams *p, int64 *times)
{
	FunnelScan	scan;
	FunnelScan *s = &scan;
	int			n = p->nsteps;
	int			limit = Min(n, p->reachable);
	uint64		stepmask = n == 64 ? ~UINT64CONST(0) : (UINT64CONST(1) << n) - 1;
	bool		dedup = (p->mode & FUNNEL_STRICT_DEDUPLICATION) != 0;
	bool		strict_order = (p->mode & FUNNEL_STRICT_ORDER) != 0;
	bool		strict_increase = (p->mode & FUNNEL_STRICT_INCREASE) != 0;
	bool		strict_once = (p->mode & FUNNEL_STRICT_ONCE) != 0;
	bool		reentry = (p->mode & FUNNEL_ALLOW_REENTRY) != 0;
	bool		started = false;
	bool		stop = false;
	int			i = 0;
	int			result;

	/*
	 * On the stack and not zeroed as a whole (a call over a stored journey
	 * of a few events must not clear 2 kB): the per-level arrays are read
	 * only where the have bits say they were written, or copied.
	 */
	s->p = p;
	s->want_times = times != NULL;
	s->have = s->old_have = s->grp_have = s->reached = 0;
	s->level = 0;
	s->level_node = -1;
	s->nodes = NULL;
	s->nnodes = s->maxnodes = 0;
	s->rows = NULL;
	s->maxrows = 0;

	while (i < nev && !stop && s->level < limit)
	{
		int64		t = ev[i].ts;
		uint64		gsteps = 0,
					gexcl = 0,
					dup = 0;
		bool		has_empty = false,
					multi = false;
		int			end = i,
					nrows = 0;
		int			reach[STEP_MAX_STEPS];
		uint64		todo;

		CHECK_FOR_INTERRUPTS();

		/* the group of rows at time t */
		for (end = i; end < nev && ev[end].ts == t; end++)
		{
			uint64		m = ev[end].mask & stepmask;

			if (m == 0)
				has_empty = true;	/* an "other" event (kept for strict_order) */
			dup |= gsteps & m;
			gsteps |= m;
			gexcl |= ev[end].mask & ~stepmask;
			if (m & (m - 1))
				multi = true;
		}

		/* strict_order: any other event after the first step ends the scan */
		if (strict_order && has_empty && started)
			break;

		memcpy(s->old_first, s->first, sizeof(int64) * (n + 1));
		memcpy(s->old_node, s->node, sizeof(int32) * (n + 1));
		s->old_have = s->have;
		s->grp_have = 0;

		if (strict_once && !strict_increase && multi)
		{
			nrows = 0;
			if (s->maxrows < end - i)
			{
				s->maxrows = end - i;
				s->rows = s->rows ? repalloc_huge(s->rows, s->maxrows * sizeof(uint64))
					: palloc_extended(s->maxrows * sizeof(uint64), MCXT_ALLOC_HUGE);
			}
			for (nrows = 0; nrows < end - i; nrows++)
				s->rows[nrows] = ev[i + nrows].mask & stepmask;
			group_matching(s, nrows, reach);
		}
		else
			multi = false;		/* no matching needed */

		todo = gsteps;
		while (todo)
		{
			int			b = pg_rightmost_one_pos64(todo);	/* 0-based step */
			int			j = b + 1;
			uint64		bit = UINT64CONST(1) << b;

			todo &= todo - 1;
			if (j == 1)
			{
				/* a first step always (re)starts a chain */
				level_update(s, 1, t, new_node(s, t, -1));
				started = true;
				continue;
			}
			if (dedup && (s->reached & bit))
			{
				stop = true;
				break;
			}
			if (strict_order && started && !(s->reached & (bit >> 1)))
			{
				if (reentry)
					continue;
				stop = true;
				break;
			}
			if (multi)
			{
				/* strict_once: best start among a in 0..j-1 with a row per step */
				int			a;
				bool		found = false;
				int64		best = 0;
				int			besta = 0;

				for (a = 0; a < j; a++)
				{
					int64		f;

					if (reach[a] < j)
						continue;
					if (a == 0)
						f = t;
					else if (s->old_have & (UINT64CONST(1) << (a - 1)) &&
							 in_window(t, s->old_first[a], p->window))
						f = s->old_first[a];
					else
						continue;
					if (!found || f > best)
					{
						found = true;
						best = f;
						besta = a;
					}
				}
				if (found)
				{
					int32		nd = besta == 0 ? -1 : s->old_node[besta];
					int			k;

					if (s->want_times)
						for (k = besta + 1; k <= j; k++)
							nd = new_node(s, t, nd);
					level_update(s, j, best, nd);
				}
			}
			else
			{
				int64		f;
				int32		nd;
				bool		ok;

				if (strict_increase)
				{
					ok = (s->old_have & (bit >> 1)) != 0;
					f = s->old_first[j - 1];
					nd = s->old_node[j - 1];
				}
				else
				{
					ok = (s->have & (bit >> 1)) != 0;
					f = s->first[j - 1];
					nd = s->node[j - 1];
				}
				if (ok && in_window(t, f, p->window))
					level_update(s, j, f, new_node(s, t, nd));
			}
			/* strict_deduplication: a second row of step j repeats it */
			if (dedup && (dup & bit) && (s->reached & bit))
			{
				stop = true;
				break;
			}
			if (s->level >= limit)
				break;
		}

		/*
		 * Exclusions at time t cut every chain whose step k is earlier than t
		 * off from step k + 1; chains whose step k is at t itself survive.
		 */
		if (gexcl && !stop)
		{
			uint64		x = gexcl >> n;

			while (x)
			{
				int			k = pg_rightmost_one_pos64(x) + 1;	/* gap k: k -> k+1 */
				uint64		bit = UINT64CONST(1) << (k - 1);

				x &= x - 1;
				if (s->grp_have & bit)
				{
					s->first[k] = s->grp_first[k];
					s->node[k] = s->grp_node[k];
				}
				else
					s->have &= ~bit;
			}
		}
		i = end;
	}

	result = s->level;
	if (times && result > 0)
	{
		int32		nd = s->level_node;
		int			k;

		for (k = result - 1; k >= 0; k--)
		{
			Assert(nd >= 0);
			times[k] = s->nodes[nd].ts;
			nd = s->nodes[nd].parent;
		}
	}
	if (s->nodes)
		pfree(s->nodes);
	if (s->rows)
		pfree(s->rows);
	return result;
}

/*
 * any_order: the largest number of distinct steps among the rows of a
 * window [t, t + window] where t is the time of a row satisfying some step;
 * the earliest such window wins.  Times: the first time each of its steps
 * occurs in it, in time order.
 */
static int
funnel_eval_any_order(StepEvent *ev, int nev, const FunnelParams *p, int64 *times)
{
	int			n = p->nsteps;
	int32		count[STEP_MAX_STEPS];
	int			distinct = 0,
				best = 0,
				beststart = -1;
	int			i = 0,
				end = 0;

	memset(count, 0, sizeof(count));
	while (i < nev)
	{
		int64		t = ev[i].ts;
		int			next;

		CHECK_FOR_INTERRUPTS();

		/* grow the window to every row within [t, t + window] */
		while (end < nev && in_window(ev[end].ts, t, p->window))
		{
			uint64		m = ev[end].mask;

			while (m)
			{
				int			b = pg_rightmost_one_pos64(m);

				m &= m - 1;
				if (count[b]++ == 0)
					distinct++;
			}
			end++;
		}
		if (distinct > best)
		{
			best = distinct;
			beststart = i;
		}
		if (best >= Min(n, p->reachable))
			break;
		/* drop the rows at time t */
		for (next = i; next < nev && ev[next].ts == t; next++)
		{
			uint64		m = ev[next].mask;

			while (m)
			{
				int			b = pg_rightmost_one_pos64(m);

				m &= m - 1;
				if (--count[b] == 0)
					distinct--;
			}
		}
		i = next;
	}
	if (times && best > 0)
	{
		uint64		seen = 0;
		int			k = 0;

		for (i = beststart; k < best; i++)
		{
			uint64		m = ev[i].mask & ~seen;

			Assert(i < nev);
			seen |= m;
			for (; m; m &= m - 1)
				times[k++] = ev[i].ts;
		}
	}
	return best;
}

/* Evaluate the funnel over a state; times as for funnel_eval_ordered. */
static int
funnel_eval(StepState *st, const FunnelParams *p, int64 *times)
{
	if (st->nevents == 0 || p->nsteps == 0)
		return 0;
	step_state_sort(st);
	if (p->mode & FUNNEL_ANY_ORDER)
		return funnel_eval_any_order(step_state_events(st), st->nevents, p, times);
	if (p->mode == 0 && !p->has_excl && times == NULL)
		return funnel_eval_default(step_state_events(st), st->nevents, p);
	return funnel_eval_ordered(step_state_events(st), st->nevents, p, times);
}

/*
 * window_funnel final: the level (0 for no rows).  Sorting the state's
 * events in place keeps the multiset they form, so later transitions stay
 * correct: READ_ONLY holds and the aggregate works with OVER (...).
 */
Datum
funnel_state_final(PG_FUNCTION_ARGS)
{
	StepState  *st = step_state_final_arg(fcinfo, STEP_KIND_FUNNEL, "window_funnel");
	FunnelParams p;

	if (st == NULL)
		PG_RETURN_INT32(0);
	p = funnel_params_of(st);
	PG_RETURN_INT32(funnel_eval(st, &p, NULL));
}

/* The same for the 0.2.0 definitions (STYPE = internal). */
Datum
window_funnel_final(PG_FUNCTION_ARGS)
{
	StepState  *st;
	FunnelParams p;

	journey_agg_context(fcinfo, "window_funnel_final");
	st = PG_ARGISNULL(0) ? NULL : (StepState *) PG_GETARG_POINTER(0);
	if (st == NULL)
		PG_RETURN_INT32(0);
	p = funnel_params_of(st);
	PG_RETURN_INT32(funnel_eval(st, &p, NULL));
}

static Datum
times_array(int64 *times, int level, bool is_tz)
{
	Datum	   *d = palloc(Max(level, 1) * sizeof(Datum));
	int			k;
	ArrayType  *a;

	for (k = 0; k < level; k++)
	{
		/*
		 * The rows of a timestamptz funnel hold valid timestamps; a time out
		 * of range can only come from a corrupted partial state, and must
		 * not end up in a timestamptz[] that cannot be printed.
		 */
		if (is_tz && !IS_VALID_TIMESTAMP(times[k]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid serialized window_funnel state"),
					 errdetail("A time is out of the range of timestamp with time zone.")));
		d[k] = is_tz ? TimestampTzGetDatum(times[k]) : Int64GetDatum(times[k]);
	}
	if (is_tz)
		a = construct_array(d, level, TIMESTAMPTZOID, sizeof(TimestampTz), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	else
		a = construct_array(d, level, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	pfree(d);
	PG_RETURN_ARRAYTYPE_P(a);
}

static Datum
funnel_times_final_common(FunctionCallInfo fcinfo, bool is_tz, bool internal)
{
	StepState  *st;
	FunnelParams p;
	int64		times[STEP_MAX_STEPS];
	int			level = 0;

	if (internal)
	{
		journey_agg_context(fcinfo, "window_funnel_times_final");
		st = PG_ARGISNULL(0) ? NULL : (StepState *) PG_GETARG_POINTER(0);
	}
	else
		st = step_state_final_arg(fcinfo, STEP_KIND_FUNNEL, "window_funnel_times");
	if (st != NULL)
	{
		p = funnel_params_of(st);
		level = funnel_eval(st, &p, times);
	}
	return times_array(times, level, is_tz);
}

Datum
funnel_state_times_final(PG_FUNCTION_ARGS)
{
	return funnel_times_final_common(fcinfo, true, false);
}

Datum
funnel_state_times_final_int(PG_FUNCTION_ARGS)
{
	return funnel_times_final_common(fcinfo, false, false);
}

Datum
window_funnel_times_final(PG_FUNCTION_ARGS)
{
	return funnel_times_final_common(fcinfo, true, true);
}

Datum
window_funnel_times_final_int(PG_FUNCTION_ARGS)
{
	return funnel_times_final_common(fcinfo, false, true);
}

/*
 * Before b is merged into a (journey.step_state_combine and the 0.2.0
 * combine function): both must come from the same window and mode.
 */
void
funnel_state_before_combine(StepState *a, const StepState *b)
{
	if (a->has_params && b->has_params &&
		(a->param_int != b->param_int ||
		 (a->param_flags & (FUNNEL_MODE_MASK | FUNNEL_HAS_EXCLUSIONS)) !=
		 (b->param_flags & (FUNNEL_MODE_MASK | FUNNEL_HAS_EXCLUSIONS))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel window and mode must be the same for all rows of a group")));
	if (a->nsteps == 0 && b->nsteps != 0)
		a->param_flags |= b->param_flags & (0xFF << FUNNEL_NSTEPS_SHIFT);
}

/*
 * The 0.2.0 combine function (STYPE = internal): merge the second state
 * into the first, in the aggregate context.
 */
Datum
window_funnel_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "window_funnel_combine");
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
	funnel_state_before_combine(a, b);
	PG_RETURN_POINTER(step_state_combine(a, b, &g));
}

Datum
window_funnel_serial(PG_FUNCTION_ARGS)
{
	StepState  *st = (StepState *) PG_GETARG_POINTER(0);

	journey_agg_context(fcinfo, "window_funnel_serial");
	PG_RETURN_BYTEA_P(step_state_serialize(st));
}

/*
 * Whether the parameters of a funnel state read from untrusted bytes are
 * ones funnel_trans_common can have set.
 */
bool
funnel_state_valid(const StepState *st)
{
	FunnelParams p = funnel_params_of(st);
	uint32		known = FUNNEL_MODE_MASK | FUNNEL_HAS_EXCLUSIONS | (0xFF << FUNNEL_NSTEPS_SHIFT);

	if (!st->has_params)
		return false;			/* set by the first row */
	if ((st->param_flags & ~known) != 0 || p.window < 0 ||
	/* the mode combinations parse_mode rejects */
		((p.mode & FUNNEL_ALLOW_REENTRY) && !(p.mode & FUNNEL_STRICT_ORDER)) ||
		((p.mode & FUNNEL_ANY_ORDER) && (p.mode & ~FUNNEL_ANY_ORDER)) ||
		(p.has_excl && (p.mode & FUNNEL_ANY_ORDER)) ||
		p.nsteps > STEP_MAX_STEPS ||
		(st->nsteps == 0 && p.nsteps != 0) ||
		(st->nsteps != 0 &&
		 st->nsteps != (p.has_excl ? 2 * p.nsteps - 1 : p.nsteps)) ||
		st->keep_empty != ((p.mode & FUNNEL_STRICT_ORDER) != 0))
		return false;
	return true;
}

/* The 0.2.0 deserialize function (STYPE = internal). */
Datum
window_funnel_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "window_funnel_deserial");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_POINTER(step_state_deserialize(bytes, STEP_KIND_FUNNEL, aggcontext));
}

/*
 * journey.funnel(j, window, labels, mode) and journey.funnel_times: the
 * same evaluation over the events of a stored journey, a step holding on an
 * event whose label equals the step's label.  The journey is read by the
 * call site's JourneySteps (no allocation per call); its dictionary tells
 * which steps occur at all, so a journey without the first step is level 0
 * without decoding its events, and the scan stops at the highest level the
 * steps that occur allow.
 */
static int
journey_funnel_common(FunctionCallInfo fcinfo, text *modetext, int64 *times)
{
	int64		window = interval_to_usec(PG_GETARG_INTERVAL_P(1), "funnel window");
	JourneySteps *r;
	FunnelParams p;
	uint64		present;
	int32		nev;

	p.window = window;
	p.mode = modetext ? funnel_parse_mode(VARDATA_ANY(modetext), VARSIZE_ANY_EXHDR(modetext)) : 0;
	p.has_excl = false;
	r = journey_steps_arg(fcinfo, fcinfo->flinfo ? &fcinfo->flinfo->fn_extra : NULL, 2);
	if (r->nsteps == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel needs at least one step label")));
	p.nsteps = r->nsteps;
	present = journey_steps_open(r, PG_GETARG_DATUM(0));
	if (p.mode & FUNNEL_ANY_ORDER)
		p.reachable = pg_popcount64(present);
	else
	{
		/* levels 1..k need steps 1..k: k is the number of trailing ones */
		p.reachable = present == ~UINT64CONST(0) ? 64 : pg_rightmost_one_pos64(~present);
	}
	if (p.reachable == 0)
		return 0;
	if (p.mode == 0 && times == NULL)
		return funnel_journey_default(r, &p);
	nev = journey_steps_read(r, (p.mode & FUNNEL_STRICT_ORDER) != 0);
	if (nev == 0)
		return 0;
	if (p.mode & FUNNEL_ANY_ORDER)
		return funnel_eval_any_order(r->events, nev, &p, times);
	return funnel_eval_ordered(r->events, nev, &p, times);
}

Datum
journey_funnel(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(journey_funnel_common(fcinfo, NULL, NULL));
}

Datum
journey_funnel_mode(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(journey_funnel_common(fcinfo, PG_GETARG_TEXT_PP(3), NULL));
}

Datum
journey_funnel_times(PG_FUNCTION_ARGS)
{
	int64		times[STEP_MAX_STEPS];
	int			level = journey_funnel_common(fcinfo, PG_GETARG_TEXT_PP(3), times);

	return times_array(times, level, true);
}
