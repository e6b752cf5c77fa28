/*-------------------------------------------------------------------------
 *
 * markov_solvers.c
 *	  Test-only entry point comparing the two ways of computing removal
 *	  effects (markov_removal_effects: one Gauss-Seidel solve per label, or
 *	  the dense inverse of markov_dense.c) on the same chain.
 *
 * Compiled into the module only when the Makefile gets JOURNEY_TEST=1
 * (test/run.sh does that); a normal build and the packages never contain
 * it, and it is not part of the extension script: the tests that use it
 * (test/pgtap/markov_dense.sql, test/bench/40_attribution.sh) declare it
 * themselves, as a superuser, inside their own transaction or schema:
 *
 *	CREATE FUNCTION ...(model journey.markov, solver text)
 *		RETURNS TABLE (label text, removal_effect float8,
 *					   value_removal_effect float8)
 *		AS '$libdir/journey', 'journey_test_markov_solver' LANGUAGE C STRICT;
 *
 * returns what journey.removal_effects(model) returns, computed by the
 * solver named: 'auto' (what removal_effects does), 'iterative' or
 * 'dense' (an error when the chain is too large or singular for it).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "journey.h"
#include "markov.h"
#include "markov_fit.h"

PG_FUNCTION_INFO_V1(journey_test_markov_solver);

Datum
journey_test_markov_solver(PG_FUNCTION_ARGS)
{
	MarkovArgCache ac;
	const MarkovView *v;
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MarkovSolver solver;
	double	   *re_conv;
	double	   *re_value;
	int32		i;

	if (strcmp(name, "auto") == 0)
		solver = MARKOV_SOLVER_AUTO;
	else if (strcmp(name, "iterative") == 0)
		solver = MARKOV_SOLVER_ITERATIVE;
	else if (strcmp(name, "dense") == 0)
		solver = MARKOV_SOLVER_DENSE;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown solver \"%s\"", name),
				 errhint("Use auto, iterative or dense.")));

	memset(&ac, 0, sizeof(ac));
	ac.slot = -1;
	v = markov_datum_view(PG_GETARG_DATUM(0), &ac, CurrentMemoryContext);
	InitMaterializedSRF(fcinfo, 0);
	re_conv = palloc0(Max(v->nlabels, 1) * sizeof(double));
	re_value = palloc0(Max(v->nlabels, 1) * sizeof(double));
	if (solver == MARKOV_SOLVER_DENSE)
	{
		Chain		ch;

		/* the dense solver needs no sweep order */
		ch.nstates = v->nstates;
		ch.row = (int32 *) v->row;
		ch.col = (int32 *) v->etarget;
		ch.prob = (double *) v->eprob;
		ch.r_conv = (double *) v->next_conv;
		ch.r_value = (double *) v->next_value;
		ch.order = NULL;
		if (!markov_removal_effects_dense(&ch, v->keys, v->order, v->nlabels,
										  re_conv, re_value))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the dense solver cannot solve this chain")));
	}
	else
		markov_view_removal_effects(v, solver, re_conv, re_value);
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
