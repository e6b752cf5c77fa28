/*-------------------------------------------------------------------------
 *
 * markov_fit.c
 *	  The journey.markov type: a fitted Markov chain of paths as a value
 *	  (markov_fit), and scoring a customer's journey with it
 *	  (conversion_probability, expected_value, next_touch).
 *
 * markov_fit builds the chain of markov_model (markov_chain_fit, markov.c)
 * and solves it once; the value keeps, per state, the probability of
 * converting from it, the expected value, the probability of converting at
 * the next step, and the transitions with their probabilities.  Scoring a
 * path is then a lookup: find the state the path ends in (binary searches
 * over the sorted labels and states), read its numbers.
 *
 * Stored format (version 1), directly indexable (the type is double
 * aligned); canonical: labels sorted by their bytes, states sorted by their
 * keys (label ranks, MARKOV_KEY_NONE padding, the start state's
 * MARKOV_KEY_START first), transitions by (state, label), -0.0 stored as 0.
 *
 *	int32	vl_len_, uint8 version, uint8 flags (none defined, must be 0),
 *	int16	order, int32 nlabels, nstates, nedges, label_bytes,
 *	uint64	hash				of the other bytes (see markov_hash): lets a
 *								backend reuse a decoded model after reading
 *								only the header of a TOASTed value
 *	float8	prob[nstates]		probability of converting from the state
 *	float8	value[nstates]		expected conversion value from the state
 *	float8	next_conv[nstates]	probability that the next step converts
 *	float8	next_value[nstates]	that times the mean value of such conversions
 *	float8	eprob[nedges]		transition probabilities
 *	int32	row[nstates + 1]	transitions of state s: row[s] .. row[s+1]-1
 *	int32	elabel[nedges]		label of the next touch
 *	int32	etarget[nedges]		state it leads to
 *	int32	keys[nstates * order]
 *	int32	label_off[nlabels + 1], then the label bytes
 *
 * Text form (round-trips exactly; floats in their shortest exact form):
 *
 *	order=1; [] p=0.5 v=25 c=0 w=0 -> a:0.5, b:0.5; [a] p=1 v=30 c=1 w=30; ...
 *
 * one "; "-separated item per state: its key in brackets (labels separated
 * by " > ", [] for the start state), p = conversion probability, v =
 * expected value, c = probability of converting next, w = c times the mean
 * value of the conversions that follow the state, then the transitions
 * as next label:probability.  Labels are quoted like journey labels when
 * empty or containing white space or one of " \ [ ] > : ; , =.
 *
 * Binary form (untrusted on receive, validated like text input):
 *	uint8 version, uint8 flags, int16 order, int32 nlabels, nlabels x
 *	(int32 len, bytes), int32 nstates, nstates x (order x int32 key, float8
 *	p, v, c, w), int32 nedges, nedges x (int32 state, int32 label, float8 prob)
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/detoast.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "journey.h"
#include "markov.h"
#include "markov_fit.h"
#include "path_table.h"
#include "sort.h"

PG_FUNCTION_INFO_V1(journey_markov_in);
PG_FUNCTION_INFO_V1(journey_markov_out);
PG_FUNCTION_INFO_V1(journey_markov_recv);
PG_FUNCTION_INFO_V1(journey_markov_send);
PG_FUNCTION_INFO_V1(journey_markov_fit_final);
PG_FUNCTION_INFO_V1(journey_markov_conversion_probability);
PG_FUNCTION_INFO_V1(journey_markov_expected_value);
PG_FUNCTION_INFO_V1(journey_markov_next_touch);
PG_FUNCTION_INFO_V1(journey_markov_order);
PG_FUNCTION_INFO_V1(journey_markov_removal_effects);

#define MARKOV_FORMAT_VERSION	1
#define MARKOV_FLAGS_VALID		0
/* slack allowed on the sum of a state's outgoing probabilities */
#define MARKOV_PROB_SLACK		1e-9

typedef struct Markov
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;
	uint8		flags;
	int16		order;
	int32		nlabels;
	int32		nstates;
	int32		nedges;
	int32		label_bytes;
	uint64		hash;			/* of everything else: identifies the value */
	double		data[FLEXIBLE_ARRAY_MEMBER];
} Markov;

#define MARKOV_HDRSZ			offsetof(Markov, data)

/*
 * A model being assembled (from the chain, text or binary input), in any
 * order and with any label numbering; markov_construct validates and
 * canonicalises it.
 */
typedef struct MarkovBuild
{
	int32		order;
	int32		nlabels;
	char	  **label_str;
	int32	   *label_len;
	int32		nstates;
	int32	   *keys;			/* nstates x order */
	double	   *prob;
	double	   *value;
	double	   *next_conv;
	double	   *next_value;
	int32		nedges;
	int32	   *efrom;
	int32	   *elabel;
	double	   *eprob;
} MarkovBuild;

/* ------------------------------------------------------------------------
 * Layout
 * ------------------------------------------------------------------------
 */

static Size
markov_size(int32 order, int32 nlabels, int32 nstates, int32 nedges,
			int32 label_bytes)
{
	Size		sz = MARKOV_HDRSZ;

	sz = add_size(sz, mul_size(sizeof(double), mul_size(4, nstates)));
	sz = add_size(sz, mul_size(sizeof(double), nedges));
	sz = add_size(sz, mul_size(sizeof(int32), (Size) nstates + 1));
	sz = add_size(sz, mul_size(sizeof(int32), mul_size(2, nedges)));
	sz = add_size(sz, mul_size(sizeof(int32), mul_size(nstates, order)));
	sz = add_size(sz, mul_size(sizeof(int32), (Size) nlabels + 1));
	sz = add_size(sz, label_bytes);
	return sz;
}

static void
markov_view(const Markov *m, MarkovView *v)
{
	const char *p = (const char *) m->data;

	if (m->version != MARKOV_FORMAT_VERSION || m->flags != 0 ||
		VARSIZE(m) != markov_size(m->order, m->nlabels, m->nstates,
								  m->nedges, m->label_bytes))
		elog(ERROR, "corrupt journey.markov value");
	v->base = (const struct varlena *) m;
	v->order = m->order;
	v->nlabels = m->nlabels;
	v->nstates = m->nstates;
	v->nedges = m->nedges;
	v->prob = (const double *) p;
	p += sizeof(double) * m->nstates;
	v->value = (const double *) p;
	p += sizeof(double) * m->nstates;
	v->next_conv = (const double *) p;
	p += sizeof(double) * m->nstates;
	v->next_value = (const double *) p;
	p += sizeof(double) * m->nstates;
	v->eprob = (const double *) p;
	p += sizeof(double) * m->nedges;
	v->row = (const int32 *) p;
	p += sizeof(int32) * (m->nstates + 1);
	v->elabel = (const int32 *) p;
	p += sizeof(int32) * m->nedges;
	v->etarget = (const int32 *) p;
	p += sizeof(int32) * m->nedges;
	v->keys = (const int32 *) p;
	p += sizeof(int32) * (Size) m->nstates * m->order;
	v->label_off = (const int32 *) p;
	p += sizeof(int32) * (m->nlabels + 1);
	v->labels = p;
}

/* The hash of a stored value: its header fields and its payload. */
static uint64
markov_hash(const Markov *m)
{
	uint64		seed = hash_bytes_extended((const unsigned char *) &m->version,
										   offsetof(Markov, hash) - offsetof(Markov, version), 0);

	return hash_bytes_extended((const unsigned char *) m->data,
							   VARSIZE(m) - MARKOV_HDRSZ, seed);
}

/* ------------------------------------------------------------------------
 * Construction: validation and canonical form
 * ------------------------------------------------------------------------
 */

pg_noreturn
static void
invalid_model(int code, const char *detail)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid value for type markov"),
			 errdetail("%s", detail)));
}

static int
label_bytes_cmp(const char *a, int32 alen, const char *b, int32 blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	if (c != 0)
		return c;
	return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

typedef struct SortArg
{
	const MarkovBuild *b;
	const int32 *keys;			/* remapped keys, for states */
	int32		order;
} SortArg;

static int
label_rank_cmp(const void *x, const void *y, void *arg)
{
	const MarkovBuild *b = ((const SortArg *) arg)->b;
	int32		i = *(const int32 *) x;
	int32		j = *(const int32 *) y;

	return label_bytes_cmp(b->label_str[i], b->label_len[i],
						   b->label_str[j], b->label_len[j]);
}

static int
key_cmp(const int32 *a, const int32 *b, int32 order)
{
	int32		q;

	for (q = 0; q < order; q++)
		if (a[q] != b[q])
			return a[q] < b[q] ? -1 : 1;
	return 0;
}

static int
state_rank_cmp(const void *x, const void *y, void *arg)
{
	const SortArg *sa = (const SortArg *) arg;

	return key_cmp(sa->keys + (Size) *(const int32 *) x * sa->order,
				   sa->keys + (Size) *(const int32 *) y * sa->order, sa->order);
}

typedef struct EdgeSort
{
	int32		from;
	int32		label;
	int32		target;
	double		prob;
} EdgeSort;

static int
edge_sort_cmp(const void *x, const void *y)
{
	const EdgeSort *a = (const EdgeSort *) x;
	const EdgeSort *b = (const EdgeSort *) y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->label != b->label)
		return a->label < b->label ? -1 : 1;
	return 0;
}

/* Number of labels in a key (0 for the start state). */
static inline int32
key_len(const int32 *key, int32 order)
{
	int32		j = 0;

	while (j < order && key[j] >= 0)
		j++;
	return j;
}

/* The key of the state reached from key by a touch of label. */
static inline void
key_next(const int32 *key, int32 order, int32 label, int32 *out)
{
	int32		j = key_len(key, order);
	int32		q;

	if (j < order)
	{
		for (q = 0; q < j; q++)
			out[q] = key[q];
		out[j] = label;
		for (q = j + 1; q < order; q++)
			out[q] = MARKOV_KEY_NONE;
	}
	else
	{
		for (q = 0; q + 1 < order; q++)
			out[q] = key[q + 1];
		out[order - 1] = label;
	}
}

/* Binary search for a key among the sorted keys; -1 if absent. */
static int32
find_state(const int32 *keys, int32 nstates, int32 order, const int32 *key)
{
	int32		lo = 0;
	int32		hi = nstates - 1;

	while (lo <= hi)
	{
		int32		mid = lo + (hi - lo) / 2;
		int			c = key_cmp(keys + (Size) mid * order, key, order);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static inline bool
is_probability(double p)
{
	return !isnan(p) && p >= 0 && p <= 1;
}

/*
 * Validate b completely and return the canonical stored value.  Errors
 * carry code (22P02 for text input, 22P03 for binary input).
 */
static Markov *
markov_construct(const MarkovBuild *b, int code)
{
	int32		order = b->order;
	int32		nstates = b->nstates;
	bool	   *used;
	int32	   *perm;
	int32	   *rank;
	int32		nlabels = 0;
	int32		label_bytes = 0;
	int32	   *keys;
	int32	   *sperm;
	int32	   *srank;
	int32	   *skeys;
	EdgeSort   *edges;
	int32	   *tkey;
	double	   *outsum;
	SortArg		sa;
	Size		size;
	Markov	   *m;
	MarkovView	v;
	int32		i;
	int32		q;
	int32		e;
	char	   *lp;

	if (order < 1 || order > MARKOV_MAX_ORDER)
		invalid_model(code, psprintf("The order must be between 1 and %d.", MARKOV_MAX_ORDER));
	if (nstates < 1)
		invalid_model(code, "A model has at least the start state.");
	if ((Size) nstates * order > MaxAllocSize / sizeof(double))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many Markov chain states")));

	/* Labels: the ones used by some state, ranked by their bytes. */
	used = palloc0(Max(b->nlabels, 1) * sizeof(bool));
	for (i = 0; i < nstates; i++)
	{
		const int32 *key = b->keys + (Size) i * order;
		int32		j = key_len(key, order);

		if (j == 0)
		{
			for (q = 0; q < order; q++)
				if (key[q] != MARKOV_KEY_START)
					invalid_model(code, "A state key must not be empty.");
			continue;
		}
		for (q = 0; q < order; q++)
		{
			if (q < j && key[q] >= b->nlabels)
				invalid_model(code, "A state key refers to an unknown label.");
			if (q >= j && key[q] != MARKOV_KEY_NONE)
				invalid_model(code, "A state key is malformed.");
			if (q < j)
				used[key[q]] = true;
		}
	}
	perm = palloc(Max(b->nlabels, 1) * sizeof(int32));
	for (i = 0; i < b->nlabels; i++)
		if (used[i])
			perm[nlabels++] = i;
	sa.b = b;
	sa.order = order;
	journey_sort_arg(perm, nlabels, sizeof(int32), label_rank_cmp, &sa);
	rank = palloc(Max(b->nlabels, 1) * sizeof(int32));
	for (i = 0; i < b->nlabels; i++)
		rank[i] = -1;
	for (i = 0; i < nlabels; i++)
	{
		if (i > 0 && label_rank_cmp(&perm[i - 1], &perm[i], &sa) == 0)
			invalid_model(code, "A label occurs twice.");
		rank[perm[i]] = i;
		if (b->label_len[perm[i]] > JOURNEY_MAX_BYTES - label_bytes)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("Markov model labels too long")));
		label_bytes += b->label_len[perm[i]];
	}

	/* States: remapped keys, sorted; no duplicates; start first. */
	keys = palloc(mul_size(mul_size(nstates, order), sizeof(int32)));
	for (i = 0; i < nstates; i++)
		for (q = 0; q < order; q++)
		{
			int32		l = b->keys[(Size) i * order + q];

			keys[(Size) i * order + q] = l >= 0 ? rank[l] : l;
		}
	sperm = palloc(nstates * sizeof(int32));
	for (i = 0; i < nstates; i++)
		sperm[i] = i;
	sa.keys = keys;
	journey_sort_arg(sperm, nstates, sizeof(int32), state_rank_cmp, &sa);
	srank = palloc(nstates * sizeof(int32));
	skeys = palloc(mul_size(mul_size(nstates, order), sizeof(int32)));
	for (i = 0; i < nstates; i++)
	{
		if (i > 0 && state_rank_cmp(&sperm[i - 1], &sperm[i], &sa) == 0)
			invalid_model(code, "A state occurs twice.");
		srank[sperm[i]] = i;
		memcpy(skeys + (Size) i * order, keys + (Size) sperm[i] * order,
			   order * sizeof(int32));
	}
	if (skeys[0] != MARKOV_KEY_START)
		invalid_model(code, "The start state [] is missing.");
	for (i = 0; i < nstates; i++)
	{
		if (!is_probability(b->prob[i]) || !is_probability(b->next_conv[i]))
			invalid_model(code, "Probabilities must be between 0 and 1.");
		if (isnan(b->value[i]) || isinf(b->value[i]) ||
			isnan(b->next_value[i]) || isinf(b->next_value[i]))
			invalid_model(code, "Expected values must be finite.");
	}

	/* Transitions: to an existing other state, sorted, no duplicates. */
	edges = palloc(Max(b->nedges, 1) * sizeof(EdgeSort));
	tkey = palloc(order * sizeof(int32));
	for (e = 0; e < b->nedges; e++)
	{
		int32		from = b->efrom[e];
		int32		label = b->elabel[e];
		int32		t;

		if (from < 0 || from >= nstates || label < 0 || label >= b->nlabels)
			invalid_model(code, "A transition refers to an unknown state or label.");
		if (rank[label] < 0)
			invalid_model(code, "A transition leads to an unknown state.");
		if (!is_probability(b->eprob[e]) || b->eprob[e] == 0)
			invalid_model(code, "Transition probabilities must be greater than 0 and at most 1.");
		key_next(skeys + (Size) srank[from] * order, order, rank[label], tkey);
		t = find_state(skeys, nstates, order, tkey);
		if (t < 0)
			invalid_model(code, "A transition leads to an unknown state.");
		if (t == srank[from])
			invalid_model(code, "A state cannot lead to itself.");
		edges[e].from = srank[from];
		edges[e].label = rank[label];
		edges[e].target = t;
		edges[e].prob = b->eprob[e];
	}
	if (b->nedges > 1)
		journey_sort(edges, b->nedges, sizeof(EdgeSort), edge_sort_cmp);
	outsum = palloc0(nstates * sizeof(double));
	for (e = 0; e < b->nedges; e++)
	{
		if (e > 0 && edge_sort_cmp(&edges[e - 1], &edges[e]) == 0)
			invalid_model(code, "A transition occurs twice.");
		outsum[edges[e].from] += edges[e].prob;
	}
	for (i = 0; i < nstates; i++)
		if (outsum[i] + b->next_conv[sperm[i]] > 1 + MARKOV_PROB_SLACK)
			invalid_model(code, "The probabilities of leaving a state add up to more than 1.");

	/* Write it. */
	size = markov_size(order, nlabels, nstates, b->nedges, label_bytes);
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("Markov model too large")));
	m = palloc0(size);
	SET_VARSIZE(m, size);
	m->version = MARKOV_FORMAT_VERSION;
	m->flags = 0;
	m->order = order;
	m->nlabels = nlabels;
	m->nstates = nstates;
	m->nedges = b->nedges;
	m->label_bytes = label_bytes;
	markov_view(m, &v);
	for (i = 0; i < nstates; i++)
	{
		int32		s = sperm[i];

		/* + 0.0 turns -0.0 into 0.0 */
		((double *) v.prob)[i] = b->prob[s] + 0.0;
		((double *) v.value)[i] = b->value[s] + 0.0;
		((double *) v.next_conv)[i] = b->next_conv[s] + 0.0;
		((double *) v.next_value)[i] = b->next_value[s] + 0.0;
	}
	memcpy((int32 *) v.keys, skeys, mul_size(mul_size(nstates, order), sizeof(int32)));
	for (e = 0; e < b->nedges; e++)
	{
		((double *) v.eprob)[e] = edges[e].prob;
		((int32 *) v.elabel)[e] = edges[e].label;
		((int32 *) v.etarget)[e] = edges[e].target;
		((int32 *) v.row)[edges[e].from + 1]++;
	}
	for (i = 0; i < nstates; i++)
		((int32 *) v.row)[i + 1] += v.row[i];
	lp = (char *) v.labels;
	for (i = 0; i < nlabels; i++)
	{
		((int32 *) v.label_off)[i] = lp - v.labels;
		memcpy(lp, b->label_str[perm[i]], b->label_len[perm[i]]);
		lp += b->label_len[perm[i]];
	}
	((int32 *) v.label_off)[nlabels] = lp - v.labels;
	m->hash = markov_hash(m);
	return m;
}

static void
build_alloc(MarkovBuild *b, int32 order, int32 nstates, int32 nedges)
{
	b->order = order;
	b->nstates = nstates;
	b->keys = palloc(mul_size(mul_size(Max(nstates, 1), order), sizeof(int32)));
	b->prob = palloc(Max(nstates, 1) * sizeof(double));
	b->value = palloc(Max(nstates, 1) * sizeof(double));
	b->next_conv = palloc(Max(nstates, 1) * sizeof(double));
	b->next_value = palloc(Max(nstates, 1) * sizeof(double));
	b->nedges = nedges;
	b->efrom = palloc(Max(nedges, 1) * sizeof(int32));
	b->elabel = palloc(Max(nedges, 1) * sizeof(int32));
	b->eprob = palloc(Max(nedges, 1) * sizeof(double));
}

/* ------------------------------------------------------------------------
 * The aggregate's final function
 * ------------------------------------------------------------------------
 */

static inline double
clamp01(double x)
{
	return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/*
 * journey_markov_fit_final(attribution_state) -> markov: the chain of
 * markov_model, solved once.
 */
Datum
journey_markov_fit_final(PG_FUNCTION_ARGS)
{
	PathTable  *pt;
	MarkovChainFit fit;
	MarkovBuild b;
	int32		k;
	int32		i;
	int32		e;

	journey_agg_context(fcinfo, "journey_markov_fit_final");
	pt = path_table_getarg(fcinfo, 0);
	if (pt == NULL || markov_state_is_empty(pt))
		PG_RETURN_NULL();

	markov_chain_fit(pt, &fit);
	k = fit.k;
	build_alloc(&b, k, fit.ch.nstates, fit.ch.row[fit.ch.nstates]);
	b.nlabels = pt->nlabels;
	b.label_str = pt->label_str;
	b.label_len = pt->label_len;
	memcpy(b.keys, fit.states.keys, mul_size(mul_size(b.nstates, k), sizeof(int32)));
	for (i = 0; i < b.nstates; i++)
	{
		/* the sweeps may overshoot 1 in the last bit */
		b.prob[i] = clamp01(fit.x_conv[i]);
		b.value[i] = fit.x_value[i];
		b.next_conv[i] = clamp01(fit.ch.r_conv[i]);
		b.next_value[i] = fit.ch.r_value[i];
		for (e = fit.ch.row[i]; e < fit.ch.row[i + 1]; e++)
		{
			const int32 *tk = fit.states.keys + (Size) fit.ch.col[e] * k;

			b.efrom[e] = i;
			b.elabel[e] = tk[key_len(tk, k) - 1];
			b.eprob[e] = fit.ch.prob[e];
		}
	}
	PG_RETURN_POINTER(markov_construct(&b, ERRCODE_DATA_EXCEPTION));
}

/* ------------------------------------------------------------------------
 * Text input and output
 * ------------------------------------------------------------------------
 */

typedef struct MarkovParser
{
	const char *input;
	const char *p;
} MarkovParser;

pg_noreturn
static void
parse_error(MarkovParser *ps, const char *detail)
{
	int			pos = pg_mbstrlen_with_len(ps->input, ps->p - ps->input) + 1;

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type markov at position %d: \"%s\"",
					pos, ps->input),
			 errdetail("%s", detail)));
}

static inline bool
m_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline bool
m_is_special(char c)
{
	return c == '"' || c == '\\' || c == '[' || c == ']' || c == '>' ||
		c == ':' || c == ';' || c == ',' || c == '=';
}

static inline void
m_skip(MarkovParser *ps)
{
	while (m_is_space(*ps->p))
		ps->p++;
}

static void
m_expect(MarkovParser *ps, const char *tok)
{
	size_t		n = strlen(tok);

	m_skip(ps);
	if (strncmp(ps->p, tok, n) != 0)
		parse_error(ps, psprintf("Expected \"%s\".", tok));
	ps->p += n;
}

static void
m_label(MarkovParser *ps, StringInfo buf)
{
	resetStringInfo(buf);
	m_skip(ps);
	if (*ps->p == '"')
	{
		ps->p++;
		for (;;)
		{
			int			l;

			if (*ps->p == '\0')
				parse_error(ps, "Unterminated quoted label.");
			if (*ps->p == '"')
			{
				ps->p++;
				return;
			}
			if (*ps->p == '\\')
			{
				ps->p++;
				if (*ps->p == '\0')
					parse_error(ps, "Unterminated quoted label.");
			}
			l = pg_mblen(ps->p);
			appendBinaryStringInfo(buf, ps->p, l);
			ps->p += l;
		}
	}
	while (*ps->p != '\0' && !m_is_space(*ps->p) && !m_is_special(*ps->p))
	{
		int			l = pg_mblen(ps->p);

		appendBinaryStringInfo(buf, ps->p, l);
		ps->p += l;
	}
	if (buf->len == 0)
		parse_error(ps, "Expected a label.");
}

static double
m_float(MarkovParser *ps)
{
	char	   *end;
	double		v;

	m_skip(ps);
	errno = 0;
	v = strtod(ps->p, &end);
	if (end == ps->p)
		parse_error(ps, "Expected a number.");
	ps->p = end;
	return v;
}

Datum
journey_markov_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	MarkovParser ps;
	MarkovBuild b;
	PathTable  *dict = path_table_new(CurrentMemoryContext);
	StringInfoData lab;
	int32		maxstates = 16;
	int32		maxedges = 16;
	long		order;
	char	   *end;

	ps.input = str;
	ps.p = str;
	initStringInfo(&lab);

	m_expect(&ps, "order");
	m_expect(&ps, "=");
	m_skip(&ps);
	errno = 0;
	order = strtol(ps.p, &end, 10);
	if (end == ps.p || errno != 0)
		parse_error(&ps, "Expected the order, an integer.");
	if (order < 1 || order > MARKOV_MAX_ORDER)
		parse_error(&ps, psprintf("The order must be between 1 and %d.", MARKOV_MAX_ORDER));
	ps.p = end;

	build_alloc(&b, (int32) order, maxstates, maxedges);
	b.nstates = 0;
	b.nedges = 0;
	for (;;)
	{
		int32	   *key;
		int32		j = 0;
		int32		s;

		m_skip(&ps);
		if (*ps.p == '\0')
			break;
		m_expect(&ps, ";");
		if (b.nstates == maxstates)
		{
			if (maxstates >= PG_INT32_MAX / 4 / b.order)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("too many Markov chain states")));
			maxstates *= 2;
			b.keys = repalloc_huge(b.keys, (Size) maxstates * b.order * sizeof(int32));
			b.prob = repalloc_huge(b.prob, maxstates * sizeof(double));
			b.value = repalloc_huge(b.value, maxstates * sizeof(double));
			b.next_conv = repalloc_huge(b.next_conv, maxstates * sizeof(double));
			b.next_value = repalloc_huge(b.next_value, maxstates * sizeof(double));
		}
		s = b.nstates++;
		key = b.keys + (Size) s * b.order;
		m_expect(&ps, "[");
		m_skip(&ps);
		if (*ps.p != ']')
		{
			for (;;)
			{
				m_label(&ps, &lab);
				if (j == b.order)
					parse_error(&ps, "A state has more labels than the order.");
				key[j++] = path_table_label(dict, lab.data, lab.len);
				m_skip(&ps);
				if (*ps.p == ']')
					break;
				m_expect(&ps, ">");
			}
		}
		ps.p++;
		for (; j < b.order; j++)
			key[j] = (key[0] == MARKOV_KEY_START || j == 0) ? MARKOV_KEY_START : MARKOV_KEY_NONE;
		m_expect(&ps, "p");
		m_expect(&ps, "=");
		b.prob[s] = m_float(&ps);
		m_expect(&ps, "v");
		m_expect(&ps, "=");
		b.value[s] = m_float(&ps);
		m_expect(&ps, "c");
		m_expect(&ps, "=");
		b.next_conv[s] = m_float(&ps);
		m_expect(&ps, "w");
		m_expect(&ps, "=");
		b.next_value[s] = m_float(&ps);
		m_skip(&ps);
		if (ps.p[0] == '-' && ps.p[1] == '>')
		{
			ps.p += 2;
			for (;;)
			{
				if (b.nedges == maxedges)
				{
					if (maxedges >= PG_INT32_MAX / 4)
						ereport(ERROR,
								(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
								 errmsg("too many Markov chain transitions")));
					maxedges *= 2;
					b.efrom = repalloc_huge(b.efrom, maxedges * sizeof(int32));
					b.elabel = repalloc_huge(b.elabel, maxedges * sizeof(int32));
					b.eprob = repalloc_huge(b.eprob, maxedges * sizeof(double));
				}
				m_label(&ps, &lab);
				b.efrom[b.nedges] = s;
				b.elabel[b.nedges] = path_table_label(dict, lab.data, lab.len);
				m_expect(&ps, ":");
				b.eprob[b.nedges] = m_float(&ps);
				b.nedges++;
				m_skip(&ps);
				if (*ps.p != ',')
					break;
				ps.p++;
			}
		}
	}
	b.nlabels = dict->nlabels;
	b.label_str = dict->label_str;
	b.label_len = dict->label_len;
	PG_RETURN_POINTER(markov_construct(&b, ERRCODE_INVALID_TEXT_REPRESENTATION));
}

static void
append_label(StringInfo out, const char *s, int32 len)
{
	bool		quote = (len == 0);
	int32		i;

	for (i = 0; i < len && !quote; i++)
		quote = m_is_space(s[i]) || m_is_special(s[i]);
	if (!quote)
	{
		appendBinaryStringInfo(out, s, len);
		return;
	}
	appendStringInfoChar(out, '"');
	for (i = 0; i < len; i++)
	{
		if (s[i] == '"' || s[i] == '\\')
			appendStringInfoChar(out, '\\');
		appendStringInfoChar(out, s[i]);
	}
	appendStringInfoChar(out, '"');
}

static void
append_float(StringInfo out, double v)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, buf);
	appendStringInfoString(out, buf);
}

static inline void
append_view_label(StringInfo out, const MarkovView *v, int32 l)
{
	append_label(out, v->labels + v->label_off[l], v->label_off[l + 1] - v->label_off[l]);
}

#define DatumGetMarkovP(X)		((Markov *) PG_DETOAST_DATUM(X))
#define PG_GETARG_MARKOV_P(n)	DatumGetMarkovP(PG_GETARG_DATUM(n))

Datum
journey_markov_out(PG_FUNCTION_ARGS)
{
	Markov	   *m = PG_GETARG_MARKOV_P(0);
	MarkovView	v;
	StringInfoData out;
	int32		s;
	int32		q;
	int32		e;

	markov_view(m, &v);
	initStringInfo(&out);
	appendStringInfo(&out, "order=%d", v.order);
	for (s = 0; s < v.nstates; s++)
	{
		const int32 *key = v.keys + (Size) s * v.order;

		appendStringInfoString(&out, "; [");
		for (q = 0; q < v.order && key[q] >= 0; q++)
		{
			if (q > 0)
				appendStringInfoString(&out, " > ");
			append_view_label(&out, &v, key[q]);
		}
		appendStringInfoString(&out, "] p=");
		append_float(&out, v.prob[s]);
		appendStringInfoString(&out, " v=");
		append_float(&out, v.value[s]);
		appendStringInfoString(&out, " c=");
		append_float(&out, v.next_conv[s]);
		appendStringInfoString(&out, " w=");
		append_float(&out, v.next_value[s]);
		for (e = v.row[s]; e < v.row[s + 1]; e++)
		{
			appendStringInfoString(&out, e == v.row[s] ? " -> " : ", ");
			append_view_label(&out, &v, v.elabel[e]);
			appendStringInfoChar(&out, ':');
			append_float(&out, v.eprob[e]);
		}
	}
	PG_FREE_IF_COPY(m, 0);
	PG_RETURN_CSTRING(out.data);
}

/* ------------------------------------------------------------------------
 * Binary input and output
 * ------------------------------------------------------------------------
 */

pg_noreturn
static void
recv_error(const char *detail)
{
	invalid_model(ERRCODE_INVALID_BINARY_REPRESENTATION, detail);
}

static inline void
recv_need(StringInfo buf, int64 n)
{
	if (n < 0 || n > buf->len - buf->cursor)
		recv_error("The binary value is truncated.");
}

static int32
recv_count(StringInfo buf, int64 min_bytes_each)
{
	int32		n;

	recv_need(buf, 4);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0)
		recv_error("A count is negative.");
	recv_need(buf, (int64) n * min_bytes_each);
	return n;
}

Datum
journey_markov_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MarkovBuild b;
	int32		order;
	int32		nlabels;
	int32		nstates;
	int32		nedges;
	int32		i;
	int32		q;

	recv_need(buf, 4);
	if (pq_getmsgbyte(buf) != MARKOV_FORMAT_VERSION)
		recv_error("Unknown format version.");
	if ((pq_getmsgbyte(buf) & ~MARKOV_FLAGS_VALID) != 0)
		recv_error("Reserved flag bits are set.");
	order = (int16) pq_getmsgint(buf, 2);
	if (order < 1 || order > MARKOV_MAX_ORDER)
		recv_error(psprintf("The order must be between 1 and %d.", MARKOV_MAX_ORDER));

	nlabels = recv_count(buf, 4);
	b.nlabels = nlabels;
	b.label_str = palloc(Max(nlabels, 1) * sizeof(char *));
	b.label_len = palloc(Max(nlabels, 1) * sizeof(int32));
	for (i = 0; i < nlabels; i++)
	{
		int32		len = recv_count(buf, 0);

		recv_need(buf, len);
		if (!pg_verify_mbstr(GetDatabaseEncoding(), buf->data + buf->cursor, len, true))
			recv_error("A label is not valid in the database encoding.");
		b.label_str[i] = palloc(Max(len, 1));
		memcpy(b.label_str[i], buf->data + buf->cursor, len);
		b.label_len[i] = len;
		buf->cursor += len;
	}

	nstates = recv_count(buf, (int64) order * 4 + 32);
	if (nstates > PG_INT32_MAX / 4 / order)
		recv_error("Too many states.");
	build_alloc(&b, order, nstates, 0);
	for (i = 0; i < nstates; i++)
	{
		for (q = 0; q < order; q++)
		{
			int32		l = (int32) pq_getmsgint(buf, 4);

			if (l < MARKOV_KEY_START || l >= nlabels)
				recv_error("A state key refers to an unknown label.");
			b.keys[(Size) i * order + q] = l;
		}
		b.prob[i] = pq_getmsgfloat8(buf);
		b.value[i] = pq_getmsgfloat8(buf);
		b.next_conv[i] = pq_getmsgfloat8(buf);
		b.next_value[i] = pq_getmsgfloat8(buf);
	}
	nedges = recv_count(buf, 16);
	b.nedges = nedges;
	b.efrom = palloc(Max(nedges, 1) * sizeof(int32));
	b.elabel = palloc(Max(nedges, 1) * sizeof(int32));
	b.eprob = palloc(Max(nedges, 1) * sizeof(double));
	for (i = 0; i < nedges; i++)
	{
		b.efrom[i] = (int32) pq_getmsgint(buf, 4);
		b.elabel[i] = (int32) pq_getmsgint(buf, 4);
		b.eprob[i] = pq_getmsgfloat8(buf);
	}
	if (buf->cursor != buf->len)
		recv_error("The binary value has trailing bytes.");
	PG_RETURN_POINTER(markov_construct(&b, ERRCODE_INVALID_BINARY_REPRESENTATION));
}

Datum
journey_markov_send(PG_FUNCTION_ARGS)
{
	Markov	   *m = PG_GETARG_MARKOV_P(0);
	MarkovView	v;
	StringInfoData buf;
	int32		i;
	int32		q;
	int32		e;

	markov_view(m, &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, m->version);
	pq_sendbyte(&buf, m->flags);
	pq_sendint16(&buf, (uint16) v.order);
	pq_sendint32(&buf, v.nlabels);
	for (i = 0; i < v.nlabels; i++)
	{
		pq_sendint32(&buf, v.label_off[i + 1] - v.label_off[i]);
		pq_sendbytes(&buf, v.labels + v.label_off[i], v.label_off[i + 1] - v.label_off[i]);
	}
	pq_sendint32(&buf, v.nstates);
	for (i = 0; i < v.nstates; i++)
	{
		for (q = 0; q < v.order; q++)
			pq_sendint32(&buf, v.keys[(Size) i * v.order + q]);
		pq_sendfloat8(&buf, v.prob[i]);
		pq_sendfloat8(&buf, v.value[i]);
		pq_sendfloat8(&buf, v.next_conv[i]);
		pq_sendfloat8(&buf, v.next_value[i]);
	}
	pq_sendint32(&buf, v.nedges);
	for (i = 0; i < v.nstates; i++)
		for (e = v.row[i]; e < v.row[i + 1]; e++)
		{
			pq_sendint32(&buf, i);
			pq_sendint32(&buf, v.elabel[e]);
			pq_sendfloat8(&buf, v.eprob[e]);
		}
	PG_FREE_IF_COPY(m, 0);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------
 * Scoring
 * ------------------------------------------------------------------------
 */

/*
 * The model argument, detoasted at most once per distinct value.
 *
 * A model passed to every row of a query, or read from score_rules by every
 * touchpoint's trigger, arrives compressed or as a TOAST pointer each time.
 * Decoded (detoasted) models are kept in a small backend-wide cache keyed by
 * their stored hash and size; a TOASTed argument is identified by reading
 * only its header (a slice: the first chunk), so a trigger statement pays
 * for that, not for fetching and decompressing the whole model.  Within one
 * query, fn_extra remembers the raw bytes of the last argument and its cache
 * slot, so repeated calls with the same argument do not even read a slice.
 */
#define MARKOV_CACHE_SLOTS		8
#define MARKOV_CACHE_MAX_BYTES	(64 * 1024 * 1024)

typedef struct MarkovCacheEntry
{
	uint64		hash;
	Size		size;
	Markov	   *model;			/* in TopMemoryContext; NULL: empty */
	MarkovView	view;
} MarkovCacheEntry;

static MarkovCacheEntry markov_cache[MARKOV_CACHE_SLOTS];
static int	markov_cache_next = 0;

static inline bool
slot_holds(int slot, uint64 hash, Size size)
{
	return markov_cache[slot].model != NULL && markov_cache[slot].hash == hash &&
		markov_cache[slot].size == size;
}

const MarkovView *
markov_datum_view(Datum datum, MarkovArgCache *ac, MemoryContext mcxt)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(datum);
	Markov	   *hdr;
	Size		rawsize;
	Size		size;
	uint64		hash;
	int			slot;
	Markov	   *m;

	if (!VARATT_IS_EXTENDED(raw))
	{
		markov_view((Markov *) raw, &ac->view);
		return &ac->view;
	}
	if (!VARATT_IS_EXTERNAL_ONDISK(raw) && !VARATT_IS_COMPRESSED(raw))
	{
		/* short header, expanded or indirect: small or in memory already */
		markov_view(DatumGetMarkovP(PointerGetDatum(raw)), &ac->view);
		return &ac->view;
	}

	/* the same raw bytes as last time in this query? */
	rawsize = VARSIZE_ANY(raw);
	if (ac->slot >= 0 && ac->rawsize == rawsize && memcmp(ac->raw, raw, rawsize) == 0 &&
		markov_cache[ac->slot].model != NULL && markov_cache[ac->slot].hash == ac->hash)
		return &markov_cache[ac->slot].view;

	/* its header: hash and size */
	hdr = (Markov *) detoast_attr_slice(raw, 0, MARKOV_HDRSZ - VARHDRSZ);
	if (VARSIZE(hdr) < MARKOV_HDRSZ)
		elog(ERROR, "corrupt journey.markov value");
	size = markov_size(hdr->order, hdr->nlabels, hdr->nstates, hdr->nedges,
					   hdr->label_bytes);
	hash = hdr->hash;
	pfree(hdr);
	for (slot = 0; slot < MARKOV_CACHE_SLOTS; slot++)
		if (slot_holds(slot, hash, size))
			break;
	if (slot == MARKOV_CACHE_SLOTS)
	{
		/* not cached: detoast it all, and cache it if not too large */
		m = DatumGetMarkovP(PointerGetDatum(raw));
		if (VARSIZE(m) != size || m->hash != hash)
			elog(ERROR, "corrupt journey.markov value");
		if (size > MARKOV_CACHE_MAX_BYTES)
		{
			markov_view(m, &ac->view);
			return &ac->view;
		}
		slot = markov_cache_next;
		markov_cache_next = (markov_cache_next + 1) % MARKOV_CACHE_SLOTS;
		if (markov_cache[slot].model)
			pfree(markov_cache[slot].model);
		markov_cache[slot].model = NULL;
		markov_cache[slot].model = MemoryContextAlloc(TopMemoryContext, size);
		memcpy(markov_cache[slot].model, m, size);
		markov_cache[slot].hash = hash;
		markov_cache[slot].size = size;
		markov_view(markov_cache[slot].model, &markov_cache[slot].view);
	}

	/* remember the raw bytes for the next call */
	if (ac->raw == NULL || ac->rawsize < rawsize)
	{
		if (ac->raw)
			pfree(ac->raw);
		ac->raw = MemoryContextAlloc(mcxt, rawsize);
	}
	memcpy(ac->raw, raw, rawsize);
	ac->rawsize = rawsize;
	ac->slot = slot;
	ac->hash = hash;
	return &markov_cache[slot].view;
}

static const MarkovView *
markov_arg_view(FunctionCallInfo fcinfo, int argno)
{
	MarkovArgCache *ac = (MarkovArgCache *) fcinfo->flinfo->fn_extra;

	if (ac == NULL)
	{
		ac = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MarkovArgCache));
		ac->slot = -1;
		fcinfo->flinfo->fn_extra = ac;
	}
	return markov_datum_view(PG_GETARG_DATUM(argno), ac, fcinfo->flinfo->fn_mcxt);
}

/* The rank of a label in the model, or -1. */
static int32
find_label(const MarkovView *v, const char *str, int32 len)
{
	int32		lo = 0;
	int32		hi = v->nlabels - 1;

	while (lo <= hi)
	{
		int32		mid = lo + (hi - lo) / 2;
		int			c = label_bytes_cmp(v->labels + v->label_off[mid],
										v->label_off[mid + 1] - v->label_off[mid],
										str, len);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * The state a path (the labels of its last n touches, as model label ranks,
 * -1 for a label the model does not know) ends in: the state of its last
 * min(n, order) labels; when the model does not know it, the longest
 * shorter suffix it knows; else the start state (0).
 */
static int32
state_of_tail(const MarkovView *v, const int32 *tail, int32 n)
{
	int32		key[MARKOV_MAX_ORDER];
	int32		j;
	int32		q;

	for (j = Min(n, v->order); j > 0; j--)
	{
		const int32 *suffix = tail + n - j;
		int32		s;

		for (q = 0; q < j; q++)
		{
			if (suffix[q] < 0)
				break;
			key[q] = suffix[q];
		}
		if (q < j)
			continue;			/* an unknown label in the suffix */
		for (; q < v->order; q++)
			key[q] = MARKOV_KEY_NONE;
		s = find_state(v->keys, v->nstates, v->order, key);
		if (s >= 0)
			return s;
	}
	return 0;
}

/*
 * The conversion probability of a path given as its labels in time order
 * (only the last order of them matter).
 */
double
markov_labels_probability(const MarkovView *v, const char *const *labels,
						  const int32 *lens, int32 n)
{
	int32		tail[MARKOV_MAX_ORDER];
	int32		m = Min(n, v->order);
	int32		i;

	for (i = 0; i < m; i++)
		tail[i] = find_label(v, labels[n - m + i], lens[n - m + i]);
	return v->prob[state_of_tail(v, tail, m)];
}

/*
 * The state the path argument (journey or text[]) ends in.
 */
static int32
path_arg_state(FunctionCallInfo fcinfo, const MarkovView *v, int argno)
{
	int32		tail[MARKOV_MAX_ORDER];
	int32		n = 0;

	if (get_fn_expr_argtype(fcinfo->flinfo, argno) == TEXTARRAYOID)
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(argno);
		Datum	   *elems;
		bool	   *isnull;
		int			nelems;
		int			i;

		if (ARR_NDIM(arr) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("path must be a one-dimensional array")));
		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT,
						  &elems, &isnull, &nelems);
		/* the last order non-null elements, in order */
		for (i = nelems - 1; i >= 0 && n < v->order; i--)
		{
			if (!isnull[i])
				n++;
		}
		{
			int32		p = 0;

			for (i = i + 1; i < nelems; i++)
			{
				text	   *t;

				if (isnull[i])
					continue;
				t = DatumGetTextPP(elems[i]);
				tail[p++] = find_label(v, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			}
		}
	}
	else
	{
		Journey    *j = PG_GETARG_JOURNEY_P(argno);
		JourneyData jd;
		int32		i;

		journey_decode(j, &jd);
		n = Min(jd.nevents, v->order);
		for (i = 0; i < n; i++)
		{
			const JourneyLabel *l = &jd.labels[jd.events[jd.nevents - n + i].label];

			tail[i] = find_label(v, l->str, l->len);
		}
		pfree(jd.events);
		pfree(jd.labels);
	}
	return state_of_tail(v, tail, n);
}

/*
 * conversion_probability(model, path): probability that a customer whose
 * journey so far is path converts.
 */
Datum
journey_markov_conversion_probability(PG_FUNCTION_ARGS)
{
	const MarkovView *v = markov_arg_view(fcinfo, 0);

	PG_RETURN_FLOAT8(v->prob[path_arg_state(fcinfo, v, 1)]);
}

/*
 * expected_value(model, path): the expected conversion value of such a
 * customer.
 */
Datum
journey_markov_expected_value(PG_FUNCTION_ARGS)
{
	const MarkovView *v = markov_arg_view(fcinfo, 0);

	PG_RETURN_FLOAT8(v->value[path_arg_state(fcinfo, v, 1)]);
}

/* markov_order(model): the order of the chain. */
Datum
journey_markov_order(PG_FUNCTION_ARGS)
{
	const MarkovView *v = markov_arg_view(fcinfo, 0);

	PG_RETURN_INT32(v->order);
}

static int
next_cmp(const void *x, const void *y, void *arg)
{
	const MarkovView *v = (const MarkovView *) arg;
	int32		a = *(const int32 *) x;
	int32		b = *(const int32 *) y;

	if (v->eprob[a] != v->eprob[b])
		return v->eprob[a] > v->eprob[b] ? -1 : 1;
	return v->elabel[a] < v->elabel[b] ? -1 : (v->elabel[a] > v->elabel[b] ? 1 : 0);
}

/*
 * next_touch(model, path, k) -> TABLE(label, probability): the k most
 * likely next touches, most likely first (ties by label bytes).
 */
Datum
journey_markov_next_touch(PG_FUNCTION_ARGS)
{
	const MarkovView *v = markov_arg_view(fcinfo, 0);
	int32		k = PG_GETARG_INT32(2);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		s;
	int32		n;
	int32	   *idx;
	int32		i;

	if (k < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must not be negative"),
				 errdetail("Got %d.", k)));
	InitMaterializedSRF(fcinfo, 0);
	s = path_arg_state(fcinfo, v, 1);
	n = v->row[s + 1] - v->row[s];
	idx = palloc(Max(n, 1) * sizeof(int32));
	for (i = 0; i < n; i++)
		idx[i] = v->row[s] + i;
	qsort_arg(idx, n, sizeof(int32), next_cmp, (void *) v);
	for (i = 0; i < Min(n, k); i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		int32		l = v->elabel[idx[i]];

		values[0] = PointerGetDatum(cstring_to_text_with_len(v->labels + v->label_off[l],
															 v->label_off[l + 1] - v->label_off[l]));
		values[1] = Float8GetDatum(v->eprob[idx[i]]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * The removal effects of a model's labels (re_conv, re_value: nlabels
 * each), computed by the code of markov_model (markov_removal_effects) on
 * the model's chain.  For Gauss-Seidel, the states are swept from the
 * farthest from start (breadth-first distance) to start.
 */
void
markov_view_removal_effects(const MarkovView *v, MarkovSolver solver,
							double *re_conv, double *re_value)
{
	Chain		ch;
	int32	   *dist;
	int32	   *queue;
	int32		head = 0;
	int32		tail = 0;
	int32		i;
	int32		e;

	ch.nstates = v->nstates;
	ch.row = (int32 *) v->row;
	ch.col = (int32 *) v->etarget;
	ch.prob = (double *) v->eprob;
	ch.r_conv = (double *) v->next_conv;
	ch.r_value = (double *) v->next_value;

	/* sweep order: by breadth-first distance from start, farthest first */
	dist = palloc(v->nstates * sizeof(int32));
	queue = palloc(v->nstates * sizeof(int32));
	for (i = 0; i < v->nstates; i++)
		dist[i] = -1;
	dist[0] = 0;
	queue[tail++] = 0;
	while (head < tail)
	{
		int32		s = queue[head++];

		for (e = v->row[s]; e < v->row[s + 1]; e++)
			if (dist[v->etarget[e]] < 0)
			{
				dist[v->etarget[e]] = dist[s] + 1;
				queue[tail++] = v->etarget[e];
			}
	}
	/* unreachable states last (they do not matter to start) */
	for (i = 0; i < v->nstates; i++)
		if (dist[i] < 0)
			queue[tail++] = i;
	ch.order = palloc(v->nstates * sizeof(int32));
	for (i = 0; i < v->nstates; i++)
		ch.order[i] = queue[v->nstates - 1 - i];

	markov_removal_effects(&ch, v->keys, v->order, v->nlabels, v->prob,
						   v->value, re_conv, re_value, solver);
	pfree(dist);
	pfree(queue);
	pfree(ch.order);
}

/*
 * removal_effects(model) -> TABLE(label, removal_effect,
 * value_removal_effect): the removal effect of every label in the model's
 * chain (markov_view_removal_effects), so that markov_model's credits are
 * these effects normalised.
 */
Datum
journey_markov_removal_effects(PG_FUNCTION_ARGS)
{
	const MarkovView *v = markov_arg_view(fcinfo, 0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double	   *re_conv;
	double	   *re_value;
	int32		i;

	InitMaterializedSRF(fcinfo, 0);
	re_conv = palloc0(Max(v->nlabels, 1) * sizeof(double));
	re_value = palloc0(Max(v->nlabels, 1) * sizeof(double));
	markov_view_removal_effects(v, MARKOV_SOLVER_AUTO, re_conv, re_value);
	for (i = 0; i < v->nlabels; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(v->labels + v->label_off[i],
															 v->label_off[i + 1] - v->label_off[i]));
		values[1] = Float8GetDatum(re_conv[i]);
		values[2] = Float8GetDatum(re_value[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
