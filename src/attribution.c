/*-------------------------------------------------------------------------
 *
 * attribution.c
 *	  Heuristic (rule-based) attribution of one converted path:
 *	  journey.attribute(path, model, ...) -> TABLE(label, credit).
 *
 * A path is the list of touches that led to a conversion.  From a journey,
 * the touches are its events up to the conversion (given by a label or a
 * time; by default the last event), optionally only those within a lookback
 * window before it.  From a text[] path, the touches are its elements (up to
 * the first occurrence of the conversion label, if one is given).
 *
 * Every model gives each touch a share of the conversion; the shares of one
 * path sum to 1 (unless it has no touches: then no rows).  A label that occurs
 * several times is credited for every occurrence, and the function returns
 * one row per distinct label, in order of first appearance, with the sum of
 * its shares.
 *
 * Position models (position_based, w_shaped) assign weights to positions
 * (first, middle, last, milestone, rest).  When a path is too short for some
 * of those positions to exist, the weights of the missing positions are
 * redistributed over the existing ones in proportion to their weights; this
 * single rule gives the usual special cases (one touch: 100%; two touches
 * under 40/20/40: 50/50).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "attribution.h"
#include "journey.h"
#include "sort.h"
#include "step_state.h"

PG_FUNCTION_INFO_V1(journey_attribute);
PG_FUNCTION_INFO_V1(journey_attribute_path);

typedef enum AttrModel
{
	ATTR_FIRST_TOUCH,
	ATTR_LAST_TOUCH,
	ATTR_LAST_NON_DIRECT,
	ATTR_LINEAR,
	ATTR_POSITION_BASED,
	ATTR_W_SHAPED,
	ATTR_TIME_DECAY,
	ATTR_CUSTOM
} AttrModel;

static const char *const model_names[] = {
	"first_touch", "last_touch", "last_non_direct", "linear",
	"position_based", "w_shaped", "time_decay", "custom"
};

#define WEIGHT_SUM_TOLERANCE 1e-9

/* The touches of one path, after conversion and lookback cut-offs. */
typedef struct Touches
{
	int			n;
	int		   *label;			/* label id of each touch */
	TimestampTz *ts;			/* NULL for text[] paths */
	int			nlabels;		/* label ids are 0..nlabels-1 */
	const char **label_str;		/* by id */
	int		   *label_len;
	TimestampTz conversion;		/* for time_decay */
} Touches;

static AttrModel
parse_model(text *t)
{
	char	   *s = text_to_cstring(t);
	int			i;

	for (i = 0; i < lengthof(model_names); i++)
		if (strcmp(s, model_names[i]) == 0)
			return (AttrModel) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown attribution model \"%s\"", s),
			 errhint("Valid models are first_touch, last_touch, last_non_direct, linear, position_based, w_shaped, time_decay and custom.")));
	return ATTR_LINEAR;			/* keep compiler quiet */
}

/*
 * The weights array: one dimension, no NULLs, finite and non-negative.
 * Returns the number of weights; *out is palloc'd.
 */
static int
get_weights(ArrayType *arr, double **out)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	*out = palloc(Max(n, 1) * sizeof(double));
	for (i = 0; i < n; i++)
	{
		double		w;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weights must not contain NULL")));
		w = DatumGetFloat8(elems[i]);
		if (isnan(w) || isinf(w) || w < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weights must be finite and non-negative"),
					 errdetail("Weight %d is %g.", i + 1, w)));
		(*out)[i] = w;
	}
	return n;
}

static void
check_weight_count(const char *model, int n, int expected, const char *meaning)
{
	if (n != expected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model %s takes %d weights, not %d", model, expected, n),
				 errhint("The weights are %s.", meaning)));
}

static void
check_weight_sum(const char *model, const double *w, int n)
{
	double		sum = 0;
	int			i;

	for (i = 0; i < n; i++)
		sum += w[i];
	if (fabs(sum - 1.0) > WEIGHT_SUM_TOLERANCE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights of model %s must sum to 1", model),
				 errdetail("They sum to %.17g.", sum)));
}

/*
 * For each label of the path, whether it is one of the direct labels
 * (palloc'd, t->nlabels entries; all false without a direct list).
 */
static bool *
direct_labels(const Touches *t, ArrayType *direct)
{
	bool	   *is_direct = palloc0(Max(t->nlabels, 1) * sizeof(bool));
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			k;
	int			l;

	if (direct == NULL)
		return is_direct;
	deconstruct_array(direct, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	for (k = 0; k < n; k++)
	{
		text	   *d;

		if (nulls[k])
			continue;
		d = DatumGetTextPP(elems[k]);
		for (l = 0; l < t->nlabels; l++)
			if (VARSIZE_ANY_EXHDR(d) == t->label_len[l] &&
				memcmp(VARDATA_ANY(d), t->label_str[l], t->label_len[l]) == 0)
				is_direct[l] = true;
	}
	pfree(elems);
	pfree(nulls);
	return is_direct;
}

/*
 * Share out weights over position groups.  group[i] is the group of touch i
 * (0..ngroups-1, -1 for none); gw[g] the weight of group g, shared equally by
 * its touches.  Groups without touches give their weight to the others in
 * proportion to theirs.  If no weight is left, every touch gets the same.
 */
static void
share_by_groups(int n, const int *group, const double *gw, int ngroups,
				double *credit)
{
	int		   *count = palloc0(ngroups * sizeof(int));
	double		total = 0;
	double		missing = 0;
	int			g;
	int			i;

	for (i = 0; i < n; i++)
		if (group[i] >= 0)
			count[group[i]]++;
	for (g = 0; g < ngroups; g++)
	{
		if (count[g] > 0)
			total += gw[g];
		else
			missing += gw[g];
	}
	for (i = 0; i < n; i++)
	{
		if (total <= 0)
			credit[i] = 1.0 / n;
		else if (group[i] < 0)
			credit[i] = 0;
		else					/* exact when no group is missing */
			credit[i] = (gw[group[i]] + gw[group[i]] * (missing / total)) /
				count[group[i]];
	}
	pfree(count);
}

/*
 * Credits of the touches under a model.  credit[] has t->n entries.
 */
static void
compute_credits(const Touches *t, AttrModel model, const double *w, int nw,
				ArrayType *direct, int milestone, int64 half_life,
				double *credit)
{
	int			n = t->n;
	int			i;
	int		   *group;

	for (i = 0; i < n; i++)
		credit[i] = 0;

	switch (model)
	{
		case ATTR_FIRST_TOUCH:
			credit[0] = 1;
			break;
		case ATTR_LAST_TOUCH:
			credit[n - 1] = 1;
			break;
		case ATTR_LAST_NON_DIRECT:
			{
				bool	   *is_direct = direct_labels(t, direct);

				for (i = n - 1; i >= 0; i--)
					if (!is_direct[t->label[i]])
						break;
				credit[i >= 0 ? i : n - 1] = 1;
				pfree(is_direct);
				break;
			}
		case ATTR_LINEAR:
			for (i = 0; i < n; i++)
				credit[i] = 1.0 / n;
			break;
		case ATTR_POSITION_BASED:
			/* groups: 0 first, 1 middle, 2 last; one touch is first */
			group = palloc(n * sizeof(int));
			for (i = 0; i < n; i++)
				group[i] = (i == 0) ? 0 : (i == n - 1) ? 2 : 1;
			share_by_groups(n, group, w, 3, credit);
			pfree(group);
			break;
		case ATTR_W_SHAPED:
			{
				/* groups: 0 first, 1 milestone, 2 last, 3 the rest */
				bool		have_milestone = false;

				group = palloc(n * sizeof(int));
				for (i = 0; i < n; i++)
				{
					if (i == 0)
						group[i] = 0;
					else if (i == n - 1)
						group[i] = 2;
					else if (!have_milestone && t->label[i] == milestone)
					{
						group[i] = 1;
						have_milestone = true;
					}
					else
						group[i] = 3;
				}
				share_by_groups(n, group, w, 4, credit);
				pfree(group);
				break;
			}
		case ATTR_TIME_DECAY:
			{
				/*
				 * weight 2^(-age / half_life), age = conversion - ts >= 0.
				 * Scaled by the youngest touch's weight so that old paths do
				 * not underflow to zero.
				 */
				double		sum = 0;
				int64		min_age = PG_INT64_MAX;

				for (i = 0; i < n; i++)
					min_age = Min(min_age, t->conversion - t->ts[i]);
				for (i = 0; i < n; i++)
				{
					double		age = (double) (t->conversion - t->ts[i] - min_age);

					credit[i] = half_life > 0 ? exp2(-age / (double) half_life)
						: (age == 0 ? 1.0 : 0.0);
					sum += credit[i];
				}
				for (i = 0; i < n; i++)
					credit[i] /= sum;
				break;
			}
		case ATTR_CUSTOM:
			{
				double		sum = 0;

				for (i = 0; i < n; i++)
				{
					credit[i] = w[Min(i, nw - 1)];
					sum += credit[i];
				}
				if (isinf(sum))
				{
					/*
					 * Finite weights whose sum overflows: only their ratios
					 * matter, so scale them by the largest first.
					 */
					double		top = 0;

					for (i = 0; i < n; i++)
						top = Max(top, credit[i]);
					sum = 0;
					for (i = 0; i < n; i++)
					{
						credit[i] /= top;
						sum += credit[i];
					}
				}
				for (i = 0; i < n; i++)
					credit[i] = sum > 0 ? credit[i] / sum : 1.0 / n;
				break;
			}
	}
}

/*
 * Validate the weights for the model and fill in defaults.  Returns the
 * number of weights in *w.
 */
static int
model_weights(AttrModel model, ArrayType *arr, double **w)
{
	static const double position_default[3] = {0.4, 0.2, 0.4};
	static const double w_default[4] = {0.3, 0.3, 0.3, 0.1};
	const char *name = model_names[model];
	int			n = 0;

	if (arr != NULL)
		n = get_weights(arr, w);

	switch (model)
	{
		case ATTR_POSITION_BASED:
			if (arr == NULL)
			{
				*w = palloc(sizeof(position_default));
				memcpy(*w, position_default, sizeof(position_default));
				return 3;
			}
			check_weight_count(name, n, 3, "the shares of the first touch, of all middle touches together and of the last touch");
			check_weight_sum(name, *w, n);
			return n;
		case ATTR_W_SHAPED:
			if (arr == NULL)
			{
				*w = palloc(sizeof(w_default));
				memcpy(*w, w_default, sizeof(w_default));
				return 4;
			}
			check_weight_count(name, n, 4, "the shares of the first touch, the milestone, the last touch and all other touches together");
			check_weight_sum(name, *w, n);
			return n;
		case ATTR_CUSTOM:
			if (arr == NULL || n == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("model custom needs weights"),
						 errhint("Pass weights => ARRAY[...], the relative weight of the touch at each position; touches beyond the array get its last weight.")));
			return n;
		default:
			if (arr != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("model %s takes no weights", name),
						 errhint("Weights apply to the models position_based, w_shaped and custom.")));
			return 0;
	}
}

/*
 * Emit one row per distinct label (first appearance order) with the sum of
 * its touches' credits.
 */
static void
emit_rows(FunctionCallInfo fcinfo, const Touches *t, const double *credit)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double	   *sum;
	int		   *order;
	int			norder = 0;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (t->n == 0)
		return;

	sum = palloc(t->nlabels * sizeof(double));
	order = palloc(t->nlabels * sizeof(int));
	for (i = 0; i < t->nlabels; i++)
		sum[i] = -1;
	for (i = 0; i < t->n; i++)
	{
		int			l = t->label[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		if (sum[l] < 0)
		{
			sum[l] = 0;
			order[norder++] = l;
		}
		sum[l] += credit[i];
	}
	for (i = 0; i < norder; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		int			l = order[i];

		values[0] = PointerGetDatum(cstring_to_text_with_len(t->label_str[l],
															 t->label_len[l]));
		values[1] = Float8GetDatum(sum[l]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

static int
find_label(const Touches *t, text *label)
{
	int			len = VARSIZE_ANY_EXHDR(label);
	int			i;

	for (i = 0; i < t->nlabels; i++)
		if (t->label_len[i] == len &&
			memcmp(t->label_str[i], VARDATA_ANY(label), len) == 0)
			return i;
	return -1;
}

static text *
opt_text(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : PG_GETARG_TEXT_PP(n);
}

static ArrayType *
opt_array(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : PG_GETARG_ARRAYTYPE_P(n);
}

static AttrModel
get_model(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("attribution model must not be NULL")));
	return parse_model(PG_GETARG_TEXT_PP(1));
}

static void
check_milestone(AttrModel model, text *milestone)
{
	if (model == ATTR_W_SHAPED && milestone == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model w_shaped needs a milestone label"),
				 errhint("Pass milestone => 'label', the touch that marks the middle of the journey (e.g. the lead creation).")));
	if (model != ATTR_W_SHAPED && milestone != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model %s takes no milestone", model_names[model]),
				 errhint("A milestone applies to the model w_shaped.")));
}

/*
 * attribute(path journey, model text, conversion_label text,
 *			 conversion_time timestamptz, lookback interval,
 *			 half_life interval, weights float8[], milestone text,
 *			 direct text[]) RETURNS TABLE(label text, credit float8)
 */
Datum
journey_attribute(PG_FUNCTION_ARGS)
{
	AttrModel	model = get_model(fcinfo);
	text	   *conv_label = opt_text(fcinfo, 2);
	bool		has_conv_time = !PG_ARGISNULL(3);
	int64		lookback = -1;
	int64		half_life = 0;
	ArrayType  *weights = opt_array(fcinfo, 6);
	text	   *milestone = opt_text(fcinfo, 7);
	ArrayType  *direct = opt_array(fcinfo, 8);
	double	   *w = NULL;
	int			nw;
	Journey    *j;
	JourneyData jd;
	Touches		t;
	int			end;
	int			start;
	int			i;
	double	   *credit;

	nw = model_weights(model, weights, &w);
	check_milestone(model, milestone);
	if (conv_label != NULL && has_conv_time)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("conversion_label and conversion_time cannot both be given")));
	if (!PG_ARGISNULL(4))
		lookback = interval_to_usec(PG_GETARG_INTERVAL_P(4), "lookback");
	if (model == ATTR_TIME_DECAY)
	{
		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("model time_decay needs a half-life")));
		half_life = interval_to_usec(PG_GETARG_INTERVAL_P(5), "half_life");
		if (half_life == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("half_life must be greater than zero")));
	}

	if (PG_ARGISNULL(0))
	{
		InitMaterializedSRF(fcinfo, 0);
		PG_RETURN_NULL();
	}
	j = PG_GETARG_JOURNEY_P(0);
	journey_decode(j, &jd);

	t.nlabels = jd.nlabels;
	t.label_str = palloc(Max(jd.nlabels, 1) * sizeof(char *));
	t.label_len = palloc(Max(jd.nlabels, 1) * sizeof(int));
	for (i = 0; i < jd.nlabels; i++)
	{
		t.label_str[i] = jd.labels[i].str;
		t.label_len[i] = jd.labels[i].len;
	}

	/* The conversion: touches are events [start, end). */
	end = jd.nevents;
	if (conv_label != NULL)
	{
		int			cl = find_label(&t, conv_label);

		end = -1;
		if (cl >= 0)
			for (i = 0; i < jd.nevents && end < 0; i++)
				if (jd.events[i].label == cl)
					end = i;
		if (end < 0)
			end = 0;			/* not converted: no touches */
		t.conversion = end < jd.nevents ? jd.events[end].ts : 0;
	}
	else if (has_conv_time)
	{
		t.conversion = PG_GETARG_TIMESTAMPTZ(3);
		while (end > 0 && jd.events[end - 1].ts > t.conversion)
			end--;
	}
	else
		t.conversion = jd.nevents > 0 ? jd.events[jd.nevents - 1].ts : 0;

	start = 0;
	if (lookback >= 0 && end > 0)
	{
		/* keep touches with ts >= conversion - lookback */
		while (start < end &&
			   t.conversion - jd.events[start].ts > lookback)
			start++;
	}

	t.n = end - start;
	t.label = palloc(Max(t.n, 1) * sizeof(int));
	t.ts = palloc(Max(t.n, 1) * sizeof(TimestampTz));
	for (i = 0; i < t.n; i++)
	{
		t.label[i] = jd.events[start + i].label;
		t.ts[i] = jd.events[start + i].ts;
	}

	credit = palloc(Max(t.n, 1) * sizeof(double));
	if (t.n > 0)
		compute_credits(&t, model, w, nw, direct,
						milestone ? find_label(&t, milestone) : -1,
						half_life, credit);
	emit_rows(fcinfo, &t, credit);
	PG_RETURN_NULL();
}

/* qsort comparator of touch indexes by label bytes, then position */
typedef struct PathSortArg
{
	const char **str;
	const int  *len;
} PathSortArg;

static int
path_index_cmp(const void *a, const void *b, void *arg)
{
	const PathSortArg *p = (const PathSortArg *) arg;
	int			ia = *(const int *) a;
	int			ib = *(const int *) b;
	int			c;

	c = memcmp(p->str[ia], p->str[ib], Min(p->len[ia], p->len[ib]));
	if (c == 0 && p->len[ia] != p->len[ib])
		c = p->len[ia] < p->len[ib] ? -1 : 1;
	if (c == 0)
		c = ia < ib ? -1 : (ia > ib ? 1 : 0);
	return c;
}

/*
 * attribute(path text[], model text, conversion_label text,
 *			 weights float8[], milestone text, direct text[])
 *			 RETURNS TABLE(label text, credit float8)
 *
 * NULL elements of the path are skipped.
 */
Datum
journey_attribute_path(PG_FUNCTION_ARGS)
{
	AttrModel	model = get_model(fcinfo);
	text	   *conv_label = opt_text(fcinfo, 2);
	ArrayType  *weights = opt_array(fcinfo, 3);
	text	   *milestone = opt_text(fcinfo, 4);
	ArrayType  *direct = opt_array(fcinfo, 5);
	ArrayType  *path;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	double	   *w = NULL;
	int			nw;
	Touches		t;
	const char **str;
	int		   *len;
	int		   *idx;
	int			n = 0;
	int			i;
	double	   *credit;
	PathSortArg sarg;
	int			milestone_id = -1;

	nw = model_weights(model, weights, &w);
	check_milestone(model, milestone);
	if (model == ATTR_TIME_DECAY)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model time_decay needs the touches' times"),
				 errhint("Use the journey form of journey.attribute().")));

	if (PG_ARGISNULL(0))
	{
		InitMaterializedSRF(fcinfo, 0);
		PG_RETURN_NULL();
	}
	path = PG_GETARG_ARRAYTYPE_P(0);
	if (ARR_NDIM(path) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("path must be a one-dimensional array")));
	deconstruct_array(path, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &nelems);

	/* touches: non-NULL elements before the first conversion label */
	str = palloc(Max(nelems, 1) * sizeof(char *));
	len = palloc(Max(nelems, 1) * sizeof(int));
	for (i = 0; i < nelems; i++)
	{
		text	   *e;

		if (nulls[i])
			continue;
		e = DatumGetTextPP(elems[i]);
		if (conv_label != NULL &&
			VARSIZE_ANY_EXHDR(e) == VARSIZE_ANY_EXHDR(conv_label) &&
			memcmp(VARDATA_ANY(e), VARDATA_ANY(conv_label),
				   VARSIZE_ANY_EXHDR(e)) == 0)
			break;
		str[n] = VARDATA_ANY(e);
		len[n] = VARSIZE_ANY_EXHDR(e);
		n++;
	}
	if (conv_label != NULL && i == nelems)
		n = 0;					/* never converted */

	/* Label ids: sort positions by label, number distinct runs. */
	t.n = n;
	t.ts = NULL;
	t.conversion = 0;
	t.label = palloc(Max(n, 1) * sizeof(int));
	t.label_str = palloc(Max(n, 1) * sizeof(char *));
	t.label_len = palloc(Max(n, 1) * sizeof(int));
	t.nlabels = 0;
	idx = palloc(Max(n, 1) * sizeof(int));
	for (i = 0; i < n; i++)
		idx[i] = i;
	sarg.str = str;
	sarg.len = len;
	journey_sort_arg(idx, n, sizeof(int), path_index_cmp, &sarg);
	for (i = 0; i < n; i++)
	{
		int			k = idx[i];

		if (i == 0 || len[k] != len[idx[i - 1]] ||
			memcmp(str[k], str[idx[i - 1]], len[k]) != 0)
		{
			t.label_str[t.nlabels] = str[k];
			t.label_len[t.nlabels] = len[k];
			t.nlabels++;
		}
		t.label[k] = t.nlabels - 1;
	}
	if (milestone != NULL)
		milestone_id = find_label(&t, milestone);

	credit = palloc(Max(n, 1) * sizeof(double));
	if (n > 0)
		compute_credits(&t, model, w, nw, direct, milestone_id, 0, credit);
	emit_rows(fcinfo, &t, credit);
	PG_RETURN_NULL();
}

/* ------------------------------------------------------------------------
 * journey.credit[] results of the aggregate models
 * ------------------------------------------------------------------------
 */

static int
credit_row_cmp(const void *a, const void *b)
{
	const CreditRow *x = (const CreditRow *) a;
	const CreditRow *y = (const CreditRow *) b;
	int			c = memcmp(x->label, y->label, Min(x->label_len, y->label_len));

	if (c != 0)
		return c;
	return x->label_len < y->label_len ? -1 : (x->label_len > y->label_len ? 1 : 0);
}

Datum
credit_array(FunctionCallInfo fcinfo, CreditRow *rows, int32 n)
{
	Oid			arraytype = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			elemtype = InvalidOid;

	TupleDesc	tupdesc;
	Datum	   *elems;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int32		i;

	/*
	 * Without an expression tree (Citus's coord_combine_agg calls final
	 * functions without one): the declared result type of the function.
	 */
	if (!OidIsValid(arraytype) && OidIsValid(fcinfo->flinfo->fn_oid))
		arraytype = get_func_rettype(fcinfo->flinfo->fn_oid);
	if (OidIsValid(arraytype))
		elemtype = get_element_type(arraytype);
	if (!OidIsValid(elemtype))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("could not determine the result type")));
	tupdesc = lookup_rowtype_tupdesc_copy(elemtype, -1);
	if (tupdesc->natts != 4)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("journey.credit must have 4 attributes")));
	tupdesc = BlessTupleDesc(tupdesc);

	if (n > 1)
		journey_sort(rows, n, sizeof(CreditRow), credit_row_cmp);
	elems = palloc(Max(n, 1) * sizeof(Datum));
	for (i = 0; i < n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(rows[i].label,
															 rows[i].label_len));
		values[1] = Float8GetDatum(rows[i].conversions);
		values[2] = Float8GetDatum(rows[i].value);
		values[3] = Float8GetDatum(rows[i].weight);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
	}
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_array(elems, n, elemtype, typlen,
										   typbyval, typalign));
}
