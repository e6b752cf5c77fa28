/*-------------------------------------------------------------------------
 *
 * shapley.c
 *	  shapley_model(path, conversions, value [, nulls [, game]]): Shapley
 *	  value attribution over the labels of many paths.
 *
 * The players are the labels; a path "belongs" to a coalition when the set
 * of its labels is a subset of the coalition.  Two games:
 *
 *	conversions		worth(S) = conversions (and value) of the paths that
 *					belong to S.  This game is a sum of unanimity games, one
 *					per path (worth c when the path's label set T is within
 *					S), and the Shapley value of a unanimity game on T gives
 *					c / |T| to each member of T.  So each path's conversions
 *					and value are shared equally by its distinct labels:
 *					exact, for any number of labels, in one pass.
 *
 *	conversion_rate	worth(S) = conversions / (conversions + nulls) of the
 *					paths that belong to S (0 when there are none).  Not
 *					additive over paths: computed exactly from the 2^n
 *					coalitions (subset sums, then the Shapley formula), so
 *					limited to SHAPLEY_MAX_LABELS distinct labels.  The
 *					values are scaled so that conversions sum to the total
 *					conversions and value to the total value.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"

#include "attribution.h"
#include "journey.h"
#include "path_table.h"

PG_FUNCTION_INFO_V1(journey_shapley_trans);
PG_FUNCTION_INFO_V1(journey_shapley_trans_array);
PG_FUNCTION_INFO_V1(journey_shapley_final);

#define SHAPLEY_MAX_LABELS	20

typedef enum ShapleyGame
{
	GAME_CONVERSIONS,
	GAME_CONVERSION_RATE
} ShapleyGame;

static ShapleyGame
parse_game(const char *s, int len)
{
	if (len == 11 && memcmp(s, "conversions", 11) == 0)
		return GAME_CONVERSIONS;
	if (len == 15 && memcmp(s, "conversion_rate", 15) == 0)
		return GAME_CONVERSION_RATE;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown Shapley game \"%.*s\"", len, s),
			 errhint("Valid games are conversions and conversion_rate.")));
	return GAME_CONVERSIONS;	/* keep compiler quiet */
}

/*
 * journey_shapley_trans(state, path, conversions, value [, nulls [, game]]):
 * the path is a journey; journey_shapley_trans_array: a text[].
 */
static Datum
shapley_trans(FunctionCallInfo fcinfo, PathTableInput input)
{
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		text	   *g = PG_GETARG_TEXT_PP(5);

		parse_game(VARDATA_ANY(g), VARSIZE_ANY_EXHDR(g));
	}
	return path_table_trans(fcinfo, "journey_shapley_trans", input, PATH_PARAM_TEXT,
							0, 0, NULL);
}

Datum
journey_shapley_trans(PG_FUNCTION_ARGS)
{
	return shapley_trans(fcinfo, PATH_INPUT_JOURNEY);
}

Datum
journey_shapley_trans_array(PG_FUNCTION_ARGS)
{
	return shapley_trans(fcinfo, PATH_INPUT_ARRAY);
}

/* Distinct labels of a path, written to out; returns how many. */
static int32
distinct_labels(const int32 *ids, int32 len, int32 *out, int32 *seen_mark,
				int32 mark)
{
	int32		n = 0;
	int32		i;

	for (i = 0; i < len; i++)
	{
		if (seen_mark[ids[i]] != mark)
		{
			seen_mark[ids[i]] = mark;
			out[n++] = ids[i];
		}
	}
	return n;
}

Datum
journey_shapley_final(PG_FUNCTION_ARGS)
{
	PathTable  *pt;
	ShapleyGame game = GAME_CONVERSIONS;
	CreditRow  *rows;
	double	   *phi_conv;
	double	   *phi_value;
	int32	   *seen;
	int32	   *set;
	double		total_conv = 0;
	double		total_value = 0;
	double		conv_and_nulls = 0;
	int32		nl;
	int32		i;
	int32		k;

	journey_agg_context(fcinfo, "journey_shapley_final");
	pt = path_table_getarg(fcinfo, 0);
	if (pt != NULL && pt->chain != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid attribution aggregate state"),
				 errdetail("The state is one of markov_model or markov_fit, not of shapley_model.")));
	if (pt == NULL || pt->npaths == 0)
		PG_RETURN_NULL();
	if (pt->param_text_len >= 0)
		game = parse_game(pt->param_text, pt->param_text_len);

	nl = pt->nlabels;
	phi_conv = palloc0(nl * sizeof(double));
	phi_value = palloc0(nl * sizeof(double));
	seen = palloc(nl * sizeof(int32));
	set = palloc(nl * sizeof(int32));
	for (i = 0; i < nl; i++)
		seen[i] = -1;
	for (i = 0; i < pt->npaths; i++)
	{
		JOURNEY_CHECK_INTERRUPTS(i);
		amount_add(&total_conv, pt->paths[i].conversions);
		amount_add(&total_value, pt->paths[i].value);
		amount_add(&conv_and_nulls, pt->paths[i].nulls);
	}
	/* finite too, so every sum of conversions and nulls below is */
	amount_add(&conv_and_nulls, total_conv);

	if (game == GAME_CONVERSIONS)
	{
		for (i = 0; i < pt->npaths; i++)
		{
			const PathEntry *pe = &pt->paths[i];
			int32		n = distinct_labels(pt->ids + pe->off, pe->len, set, seen, i);

			JOURNEY_CHECK_INTERRUPTS(i);
			for (k = 0; k < n; k++)
			{
				phi_conv[set[k]] += pe->conversions / n;
				/* values may have either sign: partial sums may overflow */
				amount_add(&phi_value[set[k]], pe->value / n);
			}
		}
	}
	else
	{
		/* exact over all 2^nl coalitions */
		Size		ncoal;
		double	   *cs;
		double	   *ns;
		double	   *wsize;
		double		vfull;
		uint32		S;
		int32		b;

		if (nl > SHAPLEY_MAX_LABELS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("Shapley game conversion_rate is limited to %d distinct labels, the paths have %d",
							SHAPLEY_MAX_LABELS, nl),
					 errhint("Group rare labels together, or use the game conversions, which is exact for any number of labels.")));
		ncoal = (Size) 1 << nl;
		cs = palloc_extended(ncoal * sizeof(double), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		ns = palloc_extended(ncoal * sizeof(double), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		for (i = 0; i < pt->npaths; i++)
		{
			const PathEntry *pe = &pt->paths[i];
			uint32		mask = 0;

			JOURNEY_CHECK_INTERRUPTS(i);
			for (k = 0; k < pe->len; k++)
				mask |= (uint32) 1 << pt->ids[pe->off + k];
			cs[mask] += pe->conversions;
			ns[mask] += pe->nulls;
		}
		/* subset sums: cs[S] = sum over T within S */
		for (b = 0; b < nl; b++)
		{
			for (S = 0; S < ncoal; S++)
				if (S & ((uint32) 1 << b))
				{
					cs[S] += cs[S ^ ((uint32) 1 << b)];
					ns[S] += ns[S ^ ((uint32) 1 << b)];
				}
			CHECK_FOR_INTERRUPTS();
		}
		/* worth, in place of cs */
		for (S = 0; S < ncoal; S++)
			cs[S] = (cs[S] + ns[S] > 0) ? cs[S] / (cs[S] + ns[S]) : 0;
		/* weight of a coalition of size s not containing i: s!(n-s-1)!/n! */
		wsize = palloc(nl * sizeof(double));
		wsize[0] = 1.0 / nl;
		for (k = 1; k < nl; k++)
			wsize[k] = wsize[k - 1] * k / (nl - k);
		for (S = 0; S < ncoal; S++)
		{
			int			size = pg_popcount32(S);

			for (b = 0; b < nl; b++)
				if (!(S & ((uint32) 1 << b)))
					phi_conv[b] += wsize[size] * (cs[S | ((uint32) 1 << b)] - cs[S]);
			if ((S & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		vfull = cs[ncoal - 1];
		for (b = 0; b < nl; b++)
		{
			double		share = vfull > 0 ? phi_conv[b] / vfull : 0;

			phi_conv[b] = total_conv * share;
			phi_value[b] = total_value * share;
		}
	}

	rows = palloc(Max(nl, 1) * sizeof(CreditRow));
	for (i = 0; i < nl; i++)
	{
		rows[i].label = pt->label_str[i];
		rows[i].label_len = pt->label_len[i];
		rows[i].conversions = phi_conv[i];
		rows[i].value = phi_value[i];
		rows[i].weight = total_conv > 0 ? phi_conv[i] / total_conv : 0;
	}
	PG_RETURN_DATUM(credit_array(fcinfo, rows, nl));
}
