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
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

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
			edges[m - 1].w += edges[e].w;
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
 * The chain of the paths of pt, of the order recorded in pt (1 by default),
 * with its full solution.  Shared by markov_model and markov_fit.
 */
void
markov_chain_fit(const PathTable *pt, MarkovChainFit *fit)
{
	int32		k;
	StateSet	states;
	int32	   *key;
	Edge	   *edges;
	int64		nedges = 0;
	int64		maxedges;
	double	   *out_w;			/* total outgoing weight per state */
	double	   *conv_w;			/* weight into (conversion) per state */
	double	   *null_w;
	double	   *value_w;		/* value of the paths ending in the state */
	double	   *depth;
	double		total_conv = 0;
	double		total_value = 0;
	Chain		ch;
	double	   *x_conv;
	double	   *x_value;
	double		comp_conv = 0;	/* compensations of the totals */
	double		comp_value = 0;
	int32		i;
	int64		e;
	bool		added;

	/* a state combined from parallel workers is checked here */
	if (pt->nlabels > MARKOV_MAX_LABELS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("more than %d distinct labels", MARKOV_MAX_LABELS),
				 errhint(MARKOV_LIMIT_HINT)));
	k = pt->has_params ? pt->param_int : 1;
	/* 0 is the parameter of a shapley_model state: not one of ours */
	if (k < 1 || k > MARKOV_MAX_ORDER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid attribution aggregate state")));

	/* States; state 0 is start (key all -2). */
	stateset_init(&states, k);
	key = palloc(k * sizeof(int32));
	for (i = 0; i < k; i++)
		key[i] = -2;
	stateset_get(&states, key, &added);

	maxedges = 1024;
	edges = palloc(maxedges * sizeof(Edge));
	out_w = NULL;

	/* Pass 1: states and transient edges; per-state absorbing weights. */
	{
		int32		maxs = 64;

		conv_w = palloc0(maxs * sizeof(double));
		null_w = palloc0(maxs * sizeof(double));
		value_w = palloc0(maxs * sizeof(double));
		depth = palloc0(maxs * sizeof(double));

		for (i = 0; i < pt->npaths; i++)
		{
			const PathEntry *pe = &pt->paths[i];
			const int32 *ids = pt->ids + pe->off;
			double		w = pe->conversions + pe->nulls;
			int32		prev = 0;
			int32		p;

			kahan_add(&total_conv, &comp_conv, pe->conversions);
			kahan_add(&total_value, &comp_value, pe->value);
			for (p = 0; p < pe->len; p++)
			{
				int32		lo = Max(0, p - k + 1);
				int32		q;
				int32		s;

				JOURNEY_CHECK_INTERRUPTS(p);
				for (q = 0; q < k; q++)
					key[q] = (lo + q <= p) ? ids[lo + q] : -1;
				s = stateset_get(&states, key, &added);
				if (states.n > maxs)
				{
					int32		newmax = maxs * 2;

					conv_w = repalloc_huge(conv_w, newmax * sizeof(double));
					null_w = repalloc_huge(null_w, newmax * sizeof(double));
					value_w = repalloc_huge(value_w, newmax * sizeof(double));
					depth = repalloc_huge(depth, newmax * sizeof(double));
					memset(conv_w + maxs, 0, (newmax - maxs) * sizeof(double));
					memset(null_w + maxs, 0, (newmax - maxs) * sizeof(double));
					memset(value_w + maxs, 0, (newmax - maxs) * sizeof(double));
					memset(depth + maxs, 0, (newmax - maxs) * sizeof(double));
					maxs = newmax;
				}
				depth[s] = Max(depth[s], p + 1);
				if (s == prev)
					continue;	/* merged: no self-loops */
				if (w > 0)
				{
					if (nedges == maxedges)
					{
						/*
						 * Full: merge duplicates first, and grow only if
						 * that does not free half of the array.
						 */
						nedges = merge_edges(edges, nedges);
						if (nedges > maxedges / 2)
						{
							if (maxedges >= MARKOV_MAX_EDGES)
								ereport(ERROR,
										(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
										 errmsg("Markov chain would have more than %d distinct transitions",
												MARKOV_MAX_EDGES),
										 errhint(MARKOV_LIMIT_HINT)));
							maxedges = Min(maxedges * 2, MARKOV_MAX_EDGES);
							edges = repalloc_huge(edges, maxedges * sizeof(Edge));
						}
					}
					edges[nedges].from = prev;
					edges[nedges].to = s;
					edges[nedges].w = w;
					nedges++;
				}
				prev = s;
			}
			conv_w[prev] += pe->conversions;
			null_w[prev] += pe->nulls;
			value_w[prev] += pe->value;
			CHECK_FOR_INTERRUPTS();
		}
	}

	/* Merge duplicate edges, build CSR with probabilities. */
	ch.nstates = states.n;
	nedges = merge_edges(edges, nedges);
	out_w = palloc0(ch.nstates * sizeof(double));
	for (e = 0; e < nedges; e++)
	{
		JOURNEY_CHECK_INTERRUPTS(e);
		out_w[edges[e].from] += edges[e].w;
	}
	for (i = 0; i < ch.nstates; i++)
		out_w[i] += conv_w[i] + null_w[i];

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
			ch.r_conv[i] = conv_w[i] / out_w[i];
			if (conv_w[i] > 0)
				ch.r_value[i] = ch.r_conv[i] * (value_w[i] / conv_w[i]);
		}
	}
	ch.order = palloc(ch.nstates * sizeof(int32));
	for (i = 0; i < ch.nstates; i++)
		ch.order[i] = i;
	{
		DepthSort	ds;

		ds.depth = depth;
		journey_sort_arg(ch.order, ch.nstates, sizeof(int32), depth_cmp, &ds);
	}

	/* The full chain. */
	x_conv = palloc0(ch.nstates * sizeof(double));
	x_value = palloc0(ch.nstates * sizeof(double));
	solve(&ch, NULL, ch.r_conv, x_conv, ch.r_value, x_value);

	fit->k = k;
	fit->states = states;
	fit->ch = ch;
	fit->x_conv = x_conv;
	fit->x_value = x_value;
	fit->total_conv = total_conv + comp_conv;
	fit->total_value = total_value + comp_value;
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
	if (pt == NULL || pt->npaths == 0)
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
