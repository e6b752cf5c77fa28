/*-------------------------------------------------------------------------
 *
 * markov.h
 *	  The absorbing Markov chain of a set of paths, shared by markov_model
 *	  (removal effects, markov.c) and markov_fit (the journey.markov type,
 *	  markov_fit.c).  The chain's conventions are described in markov.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_MARKOV_H
#define JOURNEY_MARKOV_H

#include "fmgr.h"

#include "pg_compat.h"
#include "path_table.h"

#define MARKOV_MAX_ORDER		10

/* Key slot values besides label ids. */
#define MARKOV_KEY_NONE			(-1)	/* unused tail of a short state */
#define MARKOV_KEY_START		(-2)	/* every slot of the start state */

/* A set of int32 sequences (states) or int64 keys (transitions). */
typedef struct StateSet
{
	int32		n;
	int32		max;
	int32		k;				/* fixed slot width: order */
	int32	   *keys;			/* n x k, unused tail = -1 */
	uint32	   *hashes;
	int32	   *slots;
	int32		nslots;
} StateSet;

typedef struct Chain
{
	int32		nstates;		/* including start = 0 */
	/* CSR of transient transitions, by from */
	int32	   *row;			/* nstates + 1 */
	int32	   *col;
	double	   *prob;
	double	   *r_conv;			/* probability of converting next */
	double	   *r_value;		/* that times the mean value per conversion */
	int32	   *order;			/* sweep order of the states */
} Chain;

/*
 * The chain of a PathTable of order k, solved: x_conv[s] is the probability
 * of reaching (conversion) from state s, x_value[s] the expected value.
 * States are numbered in order of first appearance, 0 being start; their
 * keys use the label ids of the PathTable.
 */
typedef struct MarkovChainFit
{
	int32		k;
	StateSet	states;
	Chain		ch;
	double	   *x_conv;
	double	   *x_value;
	double		total_conv;
	double		total_value;
} MarkovChainFit;

/*
 * How markov_removal_effects computes: by cost (the default), one
 * Gauss-Seidel solve per label, or from the dense inverse (markov_dense.c);
 * the last two only for the test build's comparison (src/testing/).
 */
typedef enum MarkovSolver
{
	MARKOV_SOLVER_AUTO,
	MARKOV_SOLVER_ITERATIVE,
	MARKOV_SOLVER_DENSE
} MarkovSolver;

/* The most states of a chain solved densely: 128 MB of doubles. */
#define MARKOV_DENSE_MAX_STATES	4096

extern void markov_chain_fit(const PathTable *pt, MarkovChainFit *fit);

/*
 * The chain form of an attribution state (path_table.h): conversion of a
 * markov state's paths, merge, serialized form.
 */
struct StringInfoData;
extern bool markov_state_wants_chain(const PathTable *pt);
extern void markov_state_to_chain(PathTable *pt);
extern bool markov_state_is_empty(const PathTable *pt);
extern void markov_state_add_path(PathTable *pt, const int32 *ids, int32 len,
								  double conversions, double value,
								  double nulls);
extern void markov_state_merge(PathTable *into, const PathTable *from,
							   const int32 *map);
extern Size markov_state_size(const PathTable *pt);
extern char *markov_state_write(const PathTable *pt, char *p);
extern void markov_state_read(PathTable *pt, struct StringInfoData *buf,
							  int code);
extern void markov_removal_effects(const Chain *ch, const int32 *keys, int32 k,
								   int32 nlabels, const double *x_conv,
								   const double *x_value, double *re_conv,
								   double *re_value, MarkovSolver solver);

/* markov_dense.c */
extern double markov_dense_cost(const Chain *ch, const int32 *keys, int32 k,
								int32 nlabels);
extern bool markov_removal_effects_dense(const Chain *ch, const int32 *keys,
										 int32 k, int32 nlabels,
										 double *re_conv, double *re_value);

#endif							/* JOURNEY_MARKOV_H */
