/*-------------------------------------------------------------------------
 *
 * markov_fit.h
 *	  Reading a stored journey.markov (markov_fit.c) from other C code: the
 *	  score rules' trigger (score.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_MARKOV_FIT_H
#define JOURNEY_MARKOV_FIT_H

#include "fmgr.h"

#include "markov.h"
#include "pg_compat.h"

/* Pointers into a stored model (layout in markov_fit.c). */
typedef struct MarkovView
{
	const struct varlena *base; /* the stored value */
	int32		order;
	int32		nlabels;
	int32		nstates;
	int32		nedges;
	const double *prob;
	const double *value;
	const double *next_conv;
	const double *next_value;
	const double *eprob;
	const int32 *row;
	const int32 *elabel;
	const int32 *etarget;
	const int32 *keys;
	const int32 *label_off;
	const char *labels;
} MarkovView;

/*
 * What a caller keeps between calls with possibly the same model datum;
 * zero it (slot = -1) before the first call.
 */
typedef struct MarkovArgCache
{
	Size		rawsize;
	char	   *raw;			/* the last argument's raw bytes */
	int			slot;			/* in the backend's cache of decoded models */
	uint64		hash;
	MarkovView	view;			/* for arguments that are not TOASTed */
} MarkovArgCache;

/*
 * The model of a journey.markov datum (TOASTed or not), decoded at most once
 * per distinct value in the backend.  The view stays valid while the datum
 * does, and until the next call with the same cache.
 */
extern const MarkovView *markov_datum_view(Datum datum, MarkovArgCache *ac,
										   MemoryContext mcxt);

/*
 * The removal effects of the model's labels (nlabels each), as
 * removal_effects(journey.markov) returns them.
 */
extern void markov_view_removal_effects(const MarkovView *v,
										MarkovSolver solver,
										double *re_conv, double *re_value);

/* The conversion probability of a path of n labels, in time order. */
extern double markov_labels_probability(const MarkovView *v,
										const char *const *labels,
										const int32 *lens, int32 n);

#endif							/* JOURNEY_MARKOV_FIT_H */
