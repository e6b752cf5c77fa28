/*-------------------------------------------------------------------------
 *
 * markov.c
 *	  markov_model(path, conversions, value, nulls [, order]): attribution by
 *	  the removal effect of each label in an order-k Markov chain of the
 *	  paths, computed exactly by solving the absorbing chain.
 *
 * The chain (ChannelAttribution's conventions):
 *	- a state of order k is the window of the last k labels of a path (fewer
 *	  at its start); consecutive identical states of a path are merged, so
 *	  there are no self-loops;
 *	- each path adds start -> s1 -> ... -> sn with weight conversions + nulls
 *	  on every transition, then sn -> (conversion) with weight conversions and
 *	  sn -> (null) with weight nulls; probabilities are weights divided by the
 *	  state's total outgoing weight;
 *	- P = probability of reaching (conversion) from start; removing a label
 *	  sends every transition into a state containing it to (null), giving
 *	  P(-c); removal effect RE(c) = 1 - P(-c) / P;
 *	- conversions are split in proportion to the removal effects; value is
 *	  split likewise by value removal effects, computed on the same chain
 *	  where reaching (conversion) from state s is worth the mean value per
 *	  conversion of the paths ending in s.
 *
 * Absorption probabilities solve x = Q x + r (Q: transient-to-transient
 * probabilities, r: probability of converting next).  We solve by
 * Gauss-Seidel sweeps over the sparse transitions, visiting states from the
 * deepest (latest in paths) to the start, which settles an acyclic chain in
 * one sweep and converges geometrically otherwise; we stop when a sweep
 * changes no unknown by more than MARKOV_TOLERANCE (relative to the largest
 * unknown).  The removal effects either solve the chain once more per label
 * the same way, each starting from the full solution, or come all at once
 * from the dense inverse of I - Q (markov_dense.c), whichever is estimated
 * cheaper (markov_removal_effects).
 *
 * Exactness: totals and sums of removal effects are added with Neumaier's
 * compensated summation, a label's share is computed as total * RE / sum
 * (one rounding for an exact numerator, instead of rounding RE / sum first),
 * and a result within 16 ulps of a decimal of 12 significant digits is
 * returned as that decimal (the nearest double to it): rounding noise in the
 * last bits of results that are exact in theory (1.2, not
 * 1.2000000000000002) is below the solver's tolerance anyway.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

#include "agg_state.h"
#include "attribution.h"
#include "journey.h"
#include "markov.h"
#include "path_table.h"
#include "sort.h"

PG_FUNCTION_INFO_V1(journey_markov_trans);
PG_FUNCTION_INFO_V1(journey_markov_trans_array);
PG_FUNCTION_INFO_V1(journey_markov_final);

#define MARKOV_TOLERANCE		1e-13
#define MARKOV_MAX_SWEEPS		1000000

/*
 * For markov_removal_effects' choice, measured on random chains of 12 and
 * 2,000 labels (test/bench/42_markov.sh): a removal's solve takes about 40
 * sweeps (we count 30), and a transition in a sweep about 8 times as long
 * as a multiply-add of the dense inverse (1.5 ns against 0.19 ns).
 */
#define MARKOV_EST_SWEEPS		30
#define MARKOV_EST_EDGE_MADDS	8

/*
 * Size limits (doc/limits.md).  The removal effects cost one solve of the
 * chain per label, so labels are limited in the transition function, before
 * the state grows; chain states and distinct transitions bound the memory
 * of the final function (about 200 bytes a state, 28 a transition).
 */
#define MARKOV_MAX_LABELS		10000
#define MARKOV_MAX_STATES		2000000
#define MARKOV_MAX_EDGES		20000000
#define MARKOV_LIMIT_HINT \
	"Group rare labels together (e.g. CASE WHEN ... THEN 'other'), or use a lower order."

/*
 * journey_markov_trans(state, path, conversions, value, nulls [, order]):
 * the path is a journey; journey_markov_trans_array: a text[].
 */
static Datum
markov_trans(FunctionCallInfo fcinfo, PathTableInput input)
{
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		int32		order = PG_GETARG_INT32(5);

		if (order < 1 || order > MARKOV_MAX_ORDER)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("Markov chain order must be between 1 and %d",
							MARKOV_MAX_ORDER),
					 errdetail("Got %d.", order)));
	}
	return path_table_trans(fcinfo, "journey_markov_trans", input, PATH_PARAM_INT, 1,
							MARKOV_MAX_LABELS, MARKOV_LIMIT_HINT);
}

Datum
journey_markov_trans(PG_FUNCTION_ARGS)
{
	return markov_trans(fcinfo, PATH_INPUT_JOURNEY);
}

Datum
journey_markov_trans_array(PG_FUNCTION_ARGS)
{
	return markov_trans(fcinfo, PATH_INPUT_ARRAY);
}

/* ------------------------------------------------------------------------
 * The chain
 * ------------------------------------------------------------------------
 */

static void
stateset_init(StateSet *ss, int32 k)
{
	int32		i;

	ss->n = 0;
	ss->max = 64;
	ss->k = k;
	ss->keys = palloc(ss->max * k * sizeof(int32));
	ss->hashes = palloc(ss->max * sizeof(uint32));
	ss->nslots = 128;
	ss->slots = palloc(ss->nslots * sizeof(int32));
	for (i = 0; i < ss->nslots; i++)
		ss->slots[i] = -1;
}

static int32
stateset_get(StateSet *ss, const int32 *key, bool *added)
{
	uint32		h = hash_bytes((const unsigned char *) key, ss->k * sizeof(int32));
	uint32		s = h & (ss->nslots - 1);
	int32		id;

	*added = false;
	while ((id = ss->slots[s]) >= 0)
	{
		if (ss->hashes[id] == h &&
			memcmp(ss->keys + (int64) id * ss->k, key, ss->k * sizeof(int32)) == 0)
			return id;
		s = (s + 1) & (ss->nslots - 1);
	}
	if (ss->n >= MARKOV_MAX_STATES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("Markov chain would have more than %d states",
						MARKOV_MAX_STATES),
				 errhint(MARKOV_LIMIT_HINT)));
	if (ss->n == ss->max)
	{
		ss->max = Min(ss->max * 2, MARKOV_MAX_STATES);
		ss->keys = repalloc_huge(ss->keys, (Size) ss->max * ss->k * sizeof(int32));
		ss->hashes = repalloc_huge(ss->hashes, (Size) ss->max * sizeof(uint32));
	}
	id = ss->n++;
	memcpy(ss->keys + (int64) id * ss->k, key, ss->k * sizeof(int32));
	ss->hashes[id] = h;
	ss->slots[s] = id;
	*added = true;
	if ((int64) ss->n * 2 > ss->nslots)
	{
		int32		nslots = ss->nslots * 2;
		int32		i;

		pfree(ss->slots);
		ss->slots = palloc_extended((Size) nslots * sizeof(int32), MCXT_ALLOC_HUGE);
		for (i = 0; i < nslots; i++)
			ss->slots[i] = -1;
		for (i = 0; i < ss->n; i++)
		{
			uint32		t = ss->hashes[i] & (nslots - 1);

			JOURNEY_CHECK_INTERRUPTS(i);
			while (ss->slots[t] >= 0)
				t = (t + 1) & (nslots - 1);
			ss->slots[t] = i;
		}
		ss->nslots = nslots;
	}
	return id;
}

/*
 * Transitions between transient states: from -> to with a weight.  States
 * are numbered 0 (start) .. nstates - 1.
 */
typedef struct Edge
{
	int32		from;
	int32		to;
	double		w;
} Edge;

static int
edge_cmp(const void *a, const void *b)
{
	const Edge *x = (const Edge *) a;
	const Edge *y = (const Edge *) b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return 0;
}

/*
 * Sort edges by (from, to) and add up the weights of duplicates; returns the
 * number of distinct edges, which are left at the start of the array.
 */
static int64
merge_edges(Edge *edges, int64 nedges)
{
	int64		m = 0;
	int64		e;

	if (nedges > 1)
		journey_sort(edges, nedges, sizeof(Edge), edge_cmp);
	for (e = 0; e < nedges; e++)
	{
		JOURNEY_CHECK_INTERRUPTS(e);
		if (m > 0 && edges[m - 1].from == edges[e].from &&
			edges[m - 1].to == edges[e].to)
			amount_add(&edges[m - 1].w, edges[e].w);
		else
			edges[m++] = edges[e];
	}
	return m;
}

typedef struct DepthSort
{
	const double *depth;
} DepthSort;

static int
depth_cmp(const void *a, const void *b, void *arg)
{
	const double *depth = ((const DepthSort *) arg)->depth;
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	if (depth[x] != depth[y])
		return depth[x] > depth[y] ? -1 : 1;
	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Neumaier's compensated sum: add x to (*sum, *comp). */
static inline void
kahan_add(double *sum, double *comp, double x)
{
	double		t = *sum + x;

	if (fabs(*sum) >= fabs(x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
	*sum = t;
}

/*
 * kahan_add for a state's totals of conversions and value: a total beyond
 * float8's range is an error, as amount_add's sums are (path_table.h).
 */
static inline void
total_add(double *sum, double *comp, double x)
{
	kahan_add(sum, comp, x);
	if (unlikely(!isfinite(*sum) || !isfinite(*comp)))
		attribution_amount_overflow();
}

/*
 * x, or the decimal of 12 significant digits nearest to it when that is
 * within 16 ulps of x: removes the rounding noise of results that are exact
 * in theory (see the file header) and leaves every other value alone.
 */
static double
snap_decimal(double x)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};
	double		cand;
	int			d;

	if (x == 0 || !isfinite(x))
		return x;
	d = 11 - (int) floor(log10(fabs(x)));
	/* powers of ten up to 1e22 are exact doubles */
	if (d > 22 || d < -22)
		return x;
	if (d >= 0)
		cand = rint(x * pow10[d]) / pow10[d];
	else
		cand = rint(x / pow10[-d]) * pow10[-d];
	if (fabs(cand - x) <= 16 * DBL_EPSILON * fabs(x))
		return cand;
	return x;
}

/*
 * Gauss-Seidel: x = Q x + r for the unknowns not removed (removed ones are
 * 0), for two right-hand sides at once (conversions and value share the
 * sweeps over the transitions).  x1 and x2 hold the starting points and
 * receive the solutions.  A side whose solution is not wanted has r = NULL.
 */
static void
solve(const Chain *ch, const bool *removed,
	  const double *r1, double *x1, const double *r2, double *x2)
{
	int64		sweep;

	for (sweep = 0; sweep < MARKOV_MAX_SWEEPS; sweep++)
	{
		double		delta1 = 0;
		double		scale1 = 0;
		double		delta2 = 0;
		double		scale2 = 0;
		int32		oi;

		for (oi = 0; oi < ch->nstates; oi++)
		{
			int32		s = ch->order[oi];
			double		v1 = 0;
			double		v2 = 0;
			int32		e;

			JOURNEY_CHECK_INTERRUPTS(oi);
			if (removed && removed[s])
				continue;
			if (r1)
				v1 = r1[s];
			if (r2)
				v2 = r2[s];
			for (e = ch->row[s]; e < ch->row[s + 1]; e++)
			{
				double		p = ch->prob[e];
				int32		t = ch->col[e];

				if (r1)
					v1 += p * x1[t];
				if (r2)
					v2 += p * x2[t];
			}
			if (r1)
			{
				delta1 = Max(delta1, fabs(v1 - x1[s]));
				scale1 = Max(scale1, fabs(v1));
				x1[s] = v1;
			}
			if (r2)
			{
				delta2 = Max(delta2, fabs(v2 - x2[s]));
				scale2 = Max(scale2, fabs(v2));
				x2[s] = v2;
			}
		}
		if (delta1 <= MARKOV_TOLERANCE * Max(scale1, 1e-300) &&
			delta2 <= MARKOV_TOLERANCE * Max(scale2, 1e-300))
			return;
		CHECK_FOR_INTERRUPTS();
	}
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("Markov chain solution did not converge in %d sweeps",
					MARKOV_MAX_SWEEPS),
			 errhint("Use a lower order or fewer distinct labels.")));
}

/*
 * The chain of a markov state, accumulated: what markov_chain_fit reads of
 * the paths.  States are numbered in order of first appearance (0 = start);
 * per state the absorbing weights and the depth (largest position + 1 of
 * the state in a path, which orders the solve); transitions with summed
 * weights, distinct and sorted by (from, to) outside acc_add_path.
 */
typedef struct MarkovAcc
{
	int32		k;
	StateSet	states;
	int32		maxs;
	double	   *conv_w;			/* weight into (conversion) per state */
	double	   *null_w;
	double	   *value_w;		/* value of the paths ending in the state */
	double	   *depth;
	Edge	   *edges;
	int64		nedges;
	int64		maxedges;
	double		total_conv;		/* Neumaier sums and their compensations */
	double		comp_conv;
	double		total_value;
	double		comp_value;
	bool		unmerged;		/* edges may hold duplicates, unsorted */
} MarkovAcc;

static void
acc_init(MarkovAcc *acc, int32 k)
{
	int32		i;
	int32		key[MARKOV_MAX_ORDER];
	bool		added;

	memset(acc, 0, sizeof(MarkovAcc));
	acc->k = k;
	stateset_init(&acc->states, k);
	acc->maxs = 64;
	acc->conv_w = palloc0(acc->maxs * sizeof(double));
	acc->null_w = palloc0(acc->maxs * sizeof(double));
	acc->value_w = palloc0(acc->maxs * sizeof(double));
	acc->depth = palloc0(acc->maxs * sizeof(double));
	acc->maxedges = 1024;
	acc->edges = palloc(acc->maxedges * sizeof(Edge));
	/* state 0 is start (key all -2) */
	for (i = 0; i < k; i++)
		key[i] = MARKOV_KEY_START;
	stateset_get(&acc->states, key, &added);
}

/* The id of the state of key, added (with zero weights) if new. */
static int32
acc_state(MarkovAcc *acc, const int32 *key, bool *added)
{
	int32		s = stateset_get(&acc->states, key, added);

	if (acc->states.n > acc->maxs)
	{
		int32		maxs = acc->maxs;
		int32		newmax = maxs * 2;

		acc->conv_w = repalloc_huge(acc->conv_w, newmax * sizeof(double));
		acc->null_w = repalloc_huge(acc->null_w, newmax * sizeof(double));
		acc->value_w = repalloc_huge(acc->value_w, newmax * sizeof(double));
		acc->depth = repalloc_huge(acc->depth, newmax * sizeof(double));
		memset(acc->conv_w + maxs, 0, (newmax - maxs) * sizeof(double));
		memset(acc->null_w + maxs, 0, (newmax - maxs) * sizeof(double));
		memset(acc->value_w + maxs, 0, (newmax - maxs) * sizeof(double));
		memset(acc->depth + maxs, 0, (newmax - maxs) * sizeof(double));
		acc->maxs = newmax;
	}
	return s;
}

/* Add a transition; duplicates are merged when the array fills up. */
static void
acc_edge(MarkovAcc *acc, int32 from, int32 to, double w)
{
	if (acc->nedges == acc->maxedges)
	{
		/*
		 * Full: merge duplicates first, and grow only if that does not free
		 * half of the array.
		 */
		acc->nedges = merge_edges(acc->edges, acc->nedges);
		if (acc->nedges > acc->maxedges / 2)
		{
			if (acc->maxedges >= MARKOV_MAX_EDGES)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("Markov chain would have more than %d distinct transitions",
								MARKOV_MAX_EDGES),
						 errhint(MARKOV_LIMIT_HINT)));
			acc->maxedges = Min(acc->maxedges * 2, MARKOV_MAX_EDGES);
			acc->edges = repalloc_huge(acc->edges, acc->maxedges * sizeof(Edge));
		}
	}
	acc->edges[acc->nedges].from = from;
	acc->edges[acc->nedges].to = to;
	acc->edges[acc->nedges].w = w;
	acc->nedges++;
}

/*
 * Add one path of len label ids: start -> s1 -> ... -> sn, then the
 * absorbing weights of sn.  Leaves the transitions unmerged.
 */
static void
acc_add_path(MarkovAcc *acc, const int32 *ids, int32 len, double conversions,
			 double value, double nulls)
{
	int32		k = acc->k;
	int32		key[MARKOV_MAX_ORDER];
	double		w = 0;
	int32		prev = 0;
	int32		p;
	bool		added;

	amount_add(&w, conversions);
	amount_add(&w, nulls);
	total_add(&acc->total_conv, &acc->comp_conv, conversions);
	total_add(&acc->total_value, &acc->comp_value, value);
	for (p = 0; p < len; p++)
	{
		int32		lo = Max(0, p - k + 1);
		int32		q;
		int32		s;

		JOURNEY_CHECK_INTERRUPTS(p);
		for (q = 0; q < k; q++)
			key[q] = (lo + q <= p) ? ids[lo + q] : MARKOV_KEY_NONE;
		s = acc_state(acc, key, &added);
		acc->depth[s] = Max(acc->depth[s], p + 1);
		if (s == prev)
			continue;			/* merged: no self-loops */
		if (w > 0)
			acc_edge(acc, prev, s, w);
		prev = s;
	}
	amount_add(&acc->conv_w[prev], conversions);
	amount_add(&acc->null_w[prev], nulls);
	amount_add(&acc->value_w[prev], value);
	acc->unmerged = true;
}

/* Merge duplicate transitions and sort them, if not done yet. */
static const MarkovAcc *
acc_merged(const MarkovAcc *acc)
{
	if (acc->unmerged)
	{
		MarkovAcc  *a = unconstify(MarkovAcc *, acc);

		a->nedges = merge_edges(a->edges, a->nedges);
		a->unmerged = false;
	}
	return acc;
}

/* Add the paths of pt (in its order): the chain of markov_model. */
static void
acc_add_paths(MarkovAcc *acc, const PathTable *pt)
{
	int32		i;

	for (i = 0; i < pt->npaths; i++)
	{
		const PathEntry *pe = &pt->paths[i];

		acc_add_path(acc, pt->ids + pe->off, pe->len, pe->conversions,
					 pe->value, pe->nulls);
		CHECK_FOR_INTERRUPTS();
	}
	acc_merged(acc);
}

/*
 * Add a path to a state in chain form (a transition after the state was
 * flattened once).
 */
void
markov_state_add_path(PathTable *pt, const int32 *ids, int32 len,
					  double conversions, double value, double nulls)
{
	MemoryContext old = MemoryContextSwitchTo(pt->mcxt);

	acc_add_path(pt->chain, ids, len, conversions, value, nulls);
	MemoryContextSwitchTo(old);
}

/* The order of a markov state (1 by default); an error for other states. */
static int32
state_order(const PathTable *pt)
{
	int32		k;

	if (pt->chain)
		return pt->chain->k;
	k = pt->has_params ? pt->param_int : 1;
	/* 0 is the parameter of a shapley_model state: not one of ours */
	if (k < 1 || k > MARKOV_MAX_ORDER || pt->param_text_len >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid attribution aggregate state"),
				 errdetail("The state is not one of markov_model or markov_fit.")));
	return k;
}

/*
 * The chain of the paths of pt, of the order recorded in pt (1 by default),
 * or pt's chain form, with its full solution.  Shared by markov_model and
 * markov_fit.
 */
void
markov_chain_fit(const PathTable *pt, MarkovChainFit *fit)
{
	MarkovAcc	local;
	const MarkovAcc *acc;
	int32		k;
	Edge	   *edges;
	int64		nedges;
	double	   *out_w;			/* total outgoing weight per state */
	Chain		ch;
	double	   *x_conv;
	double	   *x_value;
	int32		i;
	int64		e;

	/* a state combined from parallel workers is checked here */
	if (pt->nlabels > MARKOV_MAX_LABELS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("more than %d distinct labels", MARKOV_MAX_LABELS),
				 errhint(MARKOV_LIMIT_HINT)));
	k = state_order(pt);
	if (pt->chain)
		acc = acc_merged(pt->chain);
	else
	{
		acc_init(&local, k);
		acc_add_paths(&local, pt);
		acc = &local;
	}
	edges = acc->edges;
	nedges = acc->nedges;

	/* CSR with probabilities. */
	ch.nstates = acc->states.n;
	out_w = palloc0(ch.nstates * sizeof(double));
	for (e = 0; e < nedges; e++)
	{
		JOURNEY_CHECK_INTERRUPTS(e);
		amount_add(&out_w[edges[e].from], edges[e].w);
	}
	for (i = 0; i < ch.nstates; i++)
	{
		/* (each a finite sum; together they may not be: 22003) */
		amount_add(&out_w[i], acc->conv_w[i]);
		amount_add(&out_w[i], acc->null_w[i]);
	}

	ch.row = palloc0((ch.nstates + 1) * sizeof(int32));
	ch.col = palloc(Max(nedges, 1) * sizeof(int32));
	ch.prob = palloc(Max(nedges, 1) * sizeof(double));
	for (e = 0; e < nedges; e++)
	{
		JOURNEY_CHECK_INTERRUPTS(e);
		ch.row[edges[e].from + 1]++;
		ch.col[e] = edges[e].to;
		ch.prob[e] = edges[e].w / out_w[edges[e].from];
	}
	for (i = 0; i < ch.nstates; i++)
		ch.row[i + 1] += ch.row[i];
	ch.r_conv = palloc0(ch.nstates * sizeof(double));
	ch.r_value = palloc0(ch.nstates * sizeof(double));
	for (i = 0; i < ch.nstates; i++)
	{
		if (out_w[i] > 0)
		{
			ch.r_conv[i] = acc->conv_w[i] / out_w[i];
			if (acc->conv_w[i] > 0)
				ch.r_value[i] = ch.r_conv[i] * (acc->value_w[i] / acc->conv_w[i]);
		}
	}
	ch.order = palloc(ch.nstates * sizeof(int32));
	for (i = 0; i < ch.nstates; i++)
		ch.order[i] = i;
	{
		DepthSort	ds;

		ds.depth = acc->depth;
		journey_sort_arg(ch.order, ch.nstates, sizeof(int32), depth_cmp, &ds);
	}

	/* The full chain. */
	x_conv = palloc0(ch.nstates * sizeof(double));
	x_value = palloc0(ch.nstates * sizeof(double));
	solve(&ch, NULL, ch.r_conv, x_conv, ch.r_value, x_value);

	fit->k = k;
	fit->states = acc->states;
	fit->ch = ch;
	fit->x_conv = x_conv;
	fit->x_value = x_value;
	fit->total_conv = acc->total_conv + acc->comp_conv;
	fit->total_value = acc->total_value + acc->comp_value;
}

/* ------------------------------------------------------------------------
 * The chain form of the attribution state (path_table.h)
 * ------------------------------------------------------------------------
 */

/* Whether pt is a markov state still in the paths form. */
bool
markov_state_wants_chain(const PathTable *pt)
{
	return pt->chain == NULL && pt->has_params && pt->param_text_len < 0 &&
		pt->param_int >= 1 && pt->param_int <= MARKOV_MAX_ORDER;
}

/* Convert a markov state to the chain form, in place; frees its paths. */
void
markov_state_to_chain(PathTable *pt)
{
	MemoryContext old = MemoryContextSwitchTo(pt->mcxt);
	MarkovAcc  *acc = palloc(sizeof(MarkovAcc));

	acc_init(acc, state_order(pt));
	acc_add_paths(acc, pt);
	pt->chain = acc;
	pfree(pt->ids);
	pfree(pt->paths);
	pt->nids = pt->maxids = 0;
	pt->npaths = pt->maxpaths = 0;
	pt->ids = palloc(sizeof(int32));
	pt->paths = palloc(sizeof(PathEntry));
	MemoryContextSwitchTo(old);
}

/* Whether a chain-form state has no path (only the start state). */
bool
markov_state_is_empty(const PathTable *pt)
{
	return pt->chain == NULL ? pt->npaths == 0 : pt->chain->states.n <= 1;
}

/*
 * Merge from (either form) into into, converted to the chain form first if
 * needed; map gives into's label id of each of from's labels.
 */
void
markov_state_merge(PathTable *into, const PathTable *from, const int32 *map)
{
	MemoryContext old;
	MarkovAcc	tmp;
	const MarkovAcc *src;
	MarkovAcc  *dst;
	int32	   *smap;
	int32		key[MARKOV_MAX_ORDER];
	int32		k;
	int32		i;
	int32		q;
	int64		e;
	bool		added;

	if (into->chain == NULL)
		markov_state_to_chain(into);
	dst = into->chain;
	k = dst->k;
	if (state_order(from) != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model's parameter must be the same for all rows of a group")));
	if (from->chain)
		src = acc_merged(from->chain);
	else
	{
		acc_init(&tmp, k);
		acc_add_paths(&tmp, from);
		src = &tmp;
	}

	old = MemoryContextSwitchTo(into->mcxt);
	smap = palloc(src->states.n * sizeof(int32));
	for (i = 0; i < src->states.n; i++)
	{
		const int32 *sk = src->states.keys + (int64) i * k;
		int32		s;

		JOURNEY_CHECK_INTERRUPTS(i);
		for (q = 0; q < k; q++)
			key[q] = sk[q] >= 0 ? map[sk[q]] : sk[q];
		s = acc_state(dst, key, &added);
		smap[i] = s;
		amount_add(&dst->conv_w[s], src->conv_w[i]);
		amount_add(&dst->null_w[s], src->null_w[i]);
		amount_add(&dst->value_w[s], src->value_w[i]);
		dst->depth[s] = Max(dst->depth[s], src->depth[i]);
	}
	for (e = 0; e < src->nedges; e++)
	{
		JOURNEY_CHECK_INTERRUPTS(e);
		acc_edge(dst, smap[src->edges[e].from], smap[src->edges[e].to],
				 src->edges[e].w);
	}
	dst->nedges = merge_edges(dst->edges, dst->nedges);
	total_add(&dst->total_conv, &dst->comp_conv, src->total_conv);
	total_add(&dst->total_conv, &dst->comp_conv, src->comp_conv);
	total_add(&dst->total_value, &dst->comp_value, src->total_value);
	total_add(&dst->total_value, &dst->comp_value, src->comp_value);
	pfree(smap);
	MemoryContextSwitchTo(old);
}

/* Bytes of the chain-specific part of the serialized form (after labels). */
Size
markov_state_size(const PathTable *pt)
{
	const MarkovAcc *acc = acc_merged(pt->chain);

	return 32 + 4 + (Size) acc->states.n * (4 * acc->k + 4 + 24) +
		4 + (Size) acc->nedges * 16;
}

char *
markov_state_write(const PathTable *pt, char *p)
{
	const MarkovAcc *acc = acc_merged(pt->chain);
	int32		k = acc->k;
	int32		i;
	int32		q;
	int64		e;

	p = put_float8(p, acc->total_conv);
	p = put_float8(p, acc->comp_conv);
	p = put_float8(p, acc->total_value);
	p = put_float8(p, acc->comp_value);
	p = put_int32(p, acc->states.n);
	for (i = 0; i < acc->states.n; i++)
	{
		const int32 *sk = acc->states.keys + (int64) i * k;

		JOURNEY_CHECK_INTERRUPTS(i);
		for (q = 0; q < k; q++)
			p = put_int32(p, sk[q]);
		p = put_int32(p, (int32) acc->depth[i]);
		p = put_float8(p, acc->conv_w[i]);
		p = put_float8(p, acc->value_w[i]);
		p = put_float8(p, acc->null_w[i]);
	}
	p = put_int32(p, (int32) acc->nedges);
	for (e = 0; e < acc->nedges; e++)
	{
		JOURNEY_CHECK_INTERRUPTS(e);
		p = put_int32(p, acc->edges[e].from);
		p = put_int32(p, acc->edges[e].to);
		p = put_float8(p, acc->edges[e].w);
	}
	return p;
}

pg_noreturn
static void
corrupt_chain(int code, const char *detail)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid attribution aggregate state"),
			 errdetail("%s", detail)));
}

static int32
chain_count(StringInfo buf, int64 bytes_each, int32 max, int code)
{
	int32		n;

	if (buf->len - buf->cursor < 4)
		corrupt_chain(code, "The state is truncated.");
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0)
		corrupt_chain(code, "A count or length is negative.");
	if (n > max)
		corrupt_chain(code, "The chain has too many states or transitions.");
	if ((int64) n * bytes_each > buf->len - buf->cursor)
		corrupt_chain(code, "The state is truncated.");
	return n;
}

/*
 * Whether two sums of the same non-negative weights, added in other orders,
 * agree to rounding (relative 1e-9).
 */
static inline bool
sums_agree(double a, double b)
{
	return a == b || fabs(a - b) <= 1e-9 * Max(a, b);
}

/*
 * Read the chain part of a serialized state (after the labels) into pt,
 * whose order (parameter) and labels are read already; buf is untrusted:
 * everything is checked (path_table.h), errors with SQLSTATE code.
 */
void
markov_state_read(PathTable *pt, StringInfo buf, int code)
{
	MemoryContext old = MemoryContextSwitchTo(pt->mcxt);
	MarkovAcc  *acc = palloc(sizeof(MarkovAcc));
	int32		k = pt->param_int;
	int32		nstates;
	int32		nedges;
	int32		key[MARKOV_MAX_ORDER];
	double	   *in_w;
	double	   *out_w;
	double		sum_conv = 0;
	int32		i;
	int32		q;
	bool		added;

	acc_init(acc, k);
	if (pt->nlabels > MARKOV_MAX_LABELS)
		corrupt_chain(code, "The chain has too many labels.");
	if (buf->len - buf->cursor < 32)
		corrupt_chain(code, "The state is truncated.");
	acc->total_conv = pq_getmsgfloat8(buf);
	acc->comp_conv = pq_getmsgfloat8(buf);
	acc->total_value = pq_getmsgfloat8(buf);
	acc->comp_value = pq_getmsgfloat8(buf);
	if (!isfinite(acc->total_conv) || !isfinite(acc->comp_conv) ||
		!isfinite(acc->total_value) || !isfinite(acc->comp_value))
		corrupt_chain(code, "A total is not finite.");

	nstates = chain_count(buf, 4 * k + 28, MARKOV_MAX_STATES, code);
	if (nstates < 1)
		corrupt_chain(code, "The chain has no start state.");
	for (i = 0; i < nstates; i++)
	{
		int32		j = 0;
		int32		depth;
		int32		s;
		double		c;
		double		v;
		double		nl;

		JOURNEY_CHECK_INTERRUPTS(i);
		for (q = 0; q < k; q++)
			key[q] = (int32) pq_getmsgint(buf, 4);
		depth = (int32) pq_getmsgint(buf, 4);
		c = pq_getmsgfloat8(buf);
		v = pq_getmsgfloat8(buf);
		nl = pq_getmsgfloat8(buf);
		if (i == 0)
		{
			for (q = 0; q < k; q++)
				if (key[q] != MARKOV_KEY_START)
					corrupt_chain(code, "The first state is not the start state.");
			if (depth != 0 || c != 0 || v != 0 || nl != 0)
				corrupt_chain(code, "The start state has a depth or amounts.");
			continue;
		}
		while (j < k && key[j] >= 0)
		{
			if (key[j] >= pt->nlabels)
				corrupt_chain(code, "A label id is out of range.");
			j++;
		}
		if (j == 0)
			corrupt_chain(code, "A state other than start holds no label.");
		for (q = j; q < k; q++)
			if (key[q] != MARKOV_KEY_NONE)
				corrupt_chain(code, "A state's key is not labels followed by padding.");
		if (j < k ? depth != j : depth < k)
			corrupt_chain(code, "A state's depth does not match its key.");
		if (!isfinite(c) || !isfinite(v) || !isfinite(nl) || c < 0 || nl < 0)
			corrupt_chain(code, "An amount is negative or not finite.");
		s = acc_state(acc, key, &added);
		if (!added)
			corrupt_chain(code, "A state appears twice.");
		acc->depth[s] = depth;
		acc->conv_w[s] = c;
		acc->value_w[s] = v;
		acc->null_w[s] = nl;
		sum_conv += c;
	}

	nedges = chain_count(buf, 16, MARKOV_MAX_EDGES, code);
	in_w = palloc0(nstates * sizeof(double));
	out_w = palloc0(nstates * sizeof(double));
	if (nedges > acc->maxedges)
	{
		acc->maxedges = nedges;
		acc->edges = repalloc_huge(acc->edges, (Size) nedges * sizeof(Edge));
	}
	for (i = 0; i < nedges; i++)
	{
		Edge	   *ed = &acc->edges[i];
		const int32 *fk;
		const int32 *tk;
		int32		j;

		JOURNEY_CHECK_INTERRUPTS(i);
		ed->from = (int32) pq_getmsgint(buf, 4);
		ed->to = (int32) pq_getmsgint(buf, 4);
		ed->w = pq_getmsgfloat8(buf);
		if (ed->from < 0 || ed->from >= nstates ||
			ed->to <= 0 || ed->to >= nstates || ed->from == ed->to)
			corrupt_chain(code, "A transition's state is out of range.");
		if (!isfinite(ed->w) || !(ed->w > 0))
			corrupt_chain(code, "A transition's weight is not positive and finite.");
		if (i > 0 && edge_cmp(&acc->edges[i - 1], ed) >= 0)
			corrupt_chain(code, "The transitions are not sorted and distinct.");
		/* to's key: from's labels followed by one more, the last k kept */
		fk = acc->states.keys + (int64) ed->from * k;
		tk = acc->states.keys + (int64) ed->to * k;
		j = 0;
		while (j < k && fk[j] >= 0)
			j++;
		if (j < k)
		{
			for (q = 0; q < j; q++)
				if (tk[q] != fk[q])
					break;
			if (q < j || tk[j] < 0 || (j + 1 < k && tk[j + 1] >= 0))
				corrupt_chain(code, "A transition is not a step of the chain.");
		}
		else
		{
			for (q = 0; q + 1 < k; q++)
				if (tk[q] != fk[q + 1])
					corrupt_chain(code, "A transition is not a step of the chain.");
			if (tk[k - 1] < 0)
				corrupt_chain(code, "A transition is not a step of the chain.");
		}
		out_w[ed->from] += ed->w;
		in_w[ed->to] += ed->w;
	}
	acc->nedges = nedges;

	/* every state but start: weight in = weight out */
	for (i = 1; i < nstates; i++)
	{
		double		out = out_w[i] + acc->conv_w[i] + acc->null_w[i];

		if (!sums_agree(in_w[i], out))
			corrupt_chain(code, "A state's weights in and out do not add up.");
	}

	/*
	 * Not the value: values may be negative, and their sums cancel in ways
	 * that depend on the order of the additions.
	 */
	if (!sums_agree(sum_conv, acc->total_conv + acc->comp_conv))
		corrupt_chain(code, "The total conversions do not add up to the states' conversions.");
	pfree(in_w);
	pfree(out_w);
	pt->chain = acc;
	MemoryContextSwitchTo(old);
}

/*
 * Removal effects by one Gauss-Seidel solve per label, each starting from
 * the full solution (x_conv, x_value).
 */
static void
removal_effects_iterative(const Chain *ch, const int32 *keys, int32 k,
						  int32 nlabels, const double *x_conv,
						  const double *x_value, double *re_conv,
						  double *re_value)
{
	double		P = x_conv[0];
	double		V = x_value[0];
	double	   *y_conv = palloc(ch->nstates * sizeof(double));
	double	   *y_value = palloc(ch->nstates * sizeof(double));
	bool	   *removed = palloc(ch->nstates * sizeof(bool));
	int32		c;
	int32		i;

	for (c = 0; c < nlabels; c++)
	{
		bool		any = false;

		re_conv[c] = 0;
		re_value[c] = 0;
		for (i = 0; i < ch->nstates; i++)
		{
			const int32 *sk = keys + (int64) i * k;
			int32		q;

			JOURNEY_CHECK_INTERRUPTS(i);
			removed[i] = false;
			for (q = 0; q < k && !removed[i]; q++)
				removed[i] = (sk[q] == c);
			any |= removed[i];
			y_conv[i] = removed[i] ? 0 : x_conv[i];
			y_value[i] = removed[i] ? 0 : x_value[i];
		}
		if (!any)
			continue;
		solve(ch, removed, P > 0 ? ch->r_conv : NULL, y_conv,
			  V != 0 ? ch->r_value : NULL, y_value);
		if (P > 0)
			re_conv[c] = Max(0.0, 1.0 - y_conv[0] / P);
		if (V != 0)
			re_value[c] = 1.0 - y_value[0] / V;
	}
	pfree(y_conv);
	pfree(y_value);
	pfree(removed);
}

/*
 * Removal effects of labels 0 .. nlabels - 1 in a solved chain whose states
 * have the keys (k slots each): re_conv[c] = 1 - P(-c) / P, re_value[c]
 * likewise for the expected value (0 when P, resp. V, is 0, or when no state
 * holds c).  Shared by markov_model and removal_effects(journey.markov).
 *
 * Two ways, with the same results to rounding: one Gauss-Seidel solve per
 * label, about labels x MARKOV_EST_SWEEPS sweeps over the transitions, or
 * the dense inverse of the chain (markov_dense.c), about states^3
 * multiply-adds whatever the labels, for chains of at most
 * MARKOV_DENSE_MAX_STATES states.  We take the cheaper by these estimates;
 * a dense solve that cannot get its memory falls back to the sweeps.
 */
void
markov_removal_effects(const Chain *ch, const int32 *keys, int32 k,
					   int32 nlabels, const double *x_conv,
					   const double *x_value, double *re_conv,
					   double *re_value, MarkovSolver solver)
{
	if (solver == MARKOV_SOLVER_AUTO)
	{
		double		dense = markov_dense_cost(ch, keys, k, nlabels);

		solver = MARKOV_SOLVER_ITERATIVE;
		if (dense >= 0)
		{
			bool	   *held = palloc0(Max(nlabels, 1) * sizeof(bool));
			int64		nedges = ch->row[ch->nstates];
			double		nheld = 0;
			double		iterative;
			int64		i;

			for (i = 0; i < (int64) ch->nstates * k; i++)
			{
				JOURNEY_CHECK_INTERRUPTS(i);
				if (keys[i] >= 0 && keys[i] < nlabels && !held[keys[i]])
				{
					held[keys[i]] = true;
					nheld++;
				}
			}
			pfree(held);
			iterative = nheld * MARKOV_EST_SWEEPS *
				((double) nedges + ch->nstates) * MARKOV_EST_EDGE_MADDS;
			if (dense < iterative)
				solver = MARKOV_SOLVER_DENSE;
		}
	}
	if (solver == MARKOV_SOLVER_DENSE &&
		markov_removal_effects_dense(ch, keys, k, nlabels, re_conv, re_value))
		return;
	removal_effects_iterative(ch, keys, k, nlabels, x_conv, x_value,
							  re_conv, re_value);
}

Datum
journey_markov_final(PG_FUNCTION_ARGS)
{
	PathTable  *pt;
	MarkovChainFit fit;
	int32		k;
	StateSet	states;
	double		total_conv;
	double		total_value;
	Chain		ch;
	double	   *x_conv;
	double	   *x_value;
	double	   *re_conv;
	double	   *re_value;
	double		sum_re_conv = 0;
	double		sum_re_value = 0;
	double		comp_re_conv = 0;	/* compensations of the sums */
	double		comp_re_value = 0;
	int32		c;
	CreditRow  *rows;

	journey_agg_context(fcinfo, "journey_markov_final");
	pt = path_table_getarg(fcinfo, 0);
	if (pt == NULL || markov_state_is_empty(pt))
		PG_RETURN_NULL();

	/* The full chain. */
	markov_chain_fit(pt, &fit);
	k = fit.k;
	states = fit.states;
	ch = fit.ch;
	x_conv = fit.x_conv;
	x_value = fit.x_value;
	total_conv = fit.total_conv;
	total_value = fit.total_value;

	/* Removal of each label. */
	re_conv = palloc0(Max(pt->nlabels, 1) * sizeof(double));
	re_value = palloc0(Max(pt->nlabels, 1) * sizeof(double));
	markov_removal_effects(&ch, states.keys, k, pt->nlabels, x_conv, x_value,
						   re_conv, re_value, MARKOV_SOLVER_AUTO);
	for (c = 0; c < pt->nlabels; c++)
	{
		kahan_add(&sum_re_conv, &comp_re_conv, re_conv[c]);
		kahan_add(&sum_re_value, &comp_re_value, re_value[c]);
	}
	sum_re_conv += comp_re_conv;
	sum_re_value += comp_re_value;

	rows = palloc(Max(pt->nlabels, 1) * sizeof(CreditRow));
	for (c = 0; c < pt->nlabels; c++)
	{
		double		wc = sum_re_conv > 0 ? re_conv[c] / sum_re_conv : 0;

		rows[c].label = pt->label_str[c];
		rows[c].label_len = pt->label_len[c];
		rows[c].conversions = sum_re_conv > 0 ?
			snap_decimal(total_conv * re_conv[c] / sum_re_conv) : 0;
		rows[c].value = sum_re_value != 0 ?
			snap_decimal(total_value * re_value[c] / sum_re_value) : 0;
		rows[c].weight = snap_decimal(wc);
	}
	PG_RETURN_DATUM(credit_array(fcinfo, rows, pt->nlabels));
}
