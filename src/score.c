/*-------------------------------------------------------------------------
 *
 * score.c
 *	  score_touchpoints(): the statement trigger behind the score rules of
 *	  the customer model (score.sql, doc/scoring.md).
 *
 * After an INSERT into journey.touchpoints, each customer of the new rows is
 * scored under each rule whose channels the new rows touch, before and after
 * the statement's touches; a crossing of the rule's threshold, either way,
 * is sent with NOTIFY journey_score.  The work per customer and rule is one
 * index scan for the customer's last model_order + (new rows) touches on the
 * rule's channels and two lookups in the fitted chain; written in C because
 * the same in PL/pgSQL spent nearly all its time starting up a large plan
 * for every touchpoint.  Nothing is written.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "markov_fit.h"

PG_FUNCTION_INFO_V1(journey_score_touchpoints);

/* One new row of the statement. */
typedef struct NewTouch
{
	char	   *customer;
	int64		id;
	TimestampTz ts;
	char	   *channel;
} NewTouch;

/* One score rule. */
typedef struct ScoreRule
{
	Datum		name;			/* text */
	double		threshold;
	int32		order;
	Datum		filter;			/* text[], or 0 for all channels */
	char	  **filter_str;
	int			nfilter;
	const MarkovView *view;
	MarkovArgCache cache;
} ScoreRule;

/* Plans prepared once per backend and schema. */
static SPIPlanPtr rules_plan = NULL;
static SPIPlanPtr touches_plan = NULL;
static SPIPlanPtr notify_plan = NULL;
static Oid	plans_nsp = InvalidOid;

static int
new_touch_cmp(const void *a, const void *b)
{
	const NewTouch *x = (const NewTouch *) a;
	const NewTouch *y = (const NewTouch *) b;
	int			c = strcmp(x->customer, y->customer);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

static SPIPlanPtr
prepare(const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	return plan;
}

static void
prepare_plans(Oid nsp)
{
	const char *schema = quote_identifier(get_namespace_name(nsp));
	Oid			touches_args[3] = {TEXTOID, INT4OID, TEXTARRAYOID};
	Oid			notify_args[5] = {TEXTOID, TEXTOID, FLOAT8OID, FLOAT8OID, TIMESTAMPTZOID};

	if (rules_plan && plans_nsp == nsp)
		return;
	if (rules_plan)
	{
		SPI_freeplan(rules_plan);
		SPI_freeplan(touches_plan);
		SPI_freeplan(notify_plan);
		rules_plan = touches_plan = notify_plan = NULL;
	}
	rules_plan = prepare(psprintf("SELECT r.name, r.model, r.threshold, r.channel_filter, r.model_order "
								  "FROM %s.score_rules r ORDER BY r.name", schema), 0, NULL);
	touches_plan = prepare(psprintf("SELECT t.id, t.channel FROM %s.touchpoints t "
									"WHERE t.customer = $1 "
									"AND ($3 IS NULL OR t.channel OPERATOR(pg_catalog.=) ANY ($3)) "
									"ORDER BY t.ts DESC, t.channel COLLATE \"C\" DESC LIMIT $2",
									schema), 3, touches_args);
	notify_plan = prepare("SELECT pg_catalog.pg_notify('journey_score', pg_catalog.json_build_object("
						  "'customer', $1, 'rule', $2, 'old', $3, 'new', $4, 'at', $5)::pg_catalog.text)",
						  5, notify_args);
	plans_nsp = nsp;
}

static bool
in_filter(const ScoreRule *r, const char *channel)
{
	int			i;

	if (r->filter == (Datum) 0)
		return true;
	for (i = 0; i < r->nfilter; i++)
		if (strcmp(r->filter_str[i], channel) == 0)
			return true;
	return false;
}

/*
 * Score the customer of new[0 .. n-1] (sorted by id) under rule r; NOTIFY
 * on a crossing.
 */
static void
score_customer(ScoreRule *r, const NewTouch *new, int n)
{
	Datum		args[3];
	char		nulls[3] = {' ', ' ', ' '};
	TimestampTz at = new[0].ts;
	const char **after;
	const char **before;
	int32	   *after_len;
	int32	   *before_len;
	int			nafter = 0;
	int			nbefore = 0;
	int			ret;
	int64		i;
	int			j;
	bool		touched = false;
	double		old_p;
	double		new_p;

	for (j = 0; j < n; j++)
	{
		touched |= in_filter(r, new[j].channel);
		if (new[j].ts > at)
			at = new[j].ts;
	}
	if (!touched)
		return;

	args[0] = CStringGetTextDatum(new[0].customer);
	args[1] = Int32GetDatum(r->order + n);
	if (r->filter != (Datum) 0)
		args[2] = r->filter;
	else
	{
		args[2] = (Datum) 0;
		nulls[2] = 'n';
	}
	/* not read-only: a fresh snapshot, which sees the statement's rows */
	ret = SPI_execute_plan(touches_plan, args, nulls, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));

	/* newest first: fill the arrays from the end */
	after = palloc(Max(SPI_processed, 1) * sizeof(char *));
	before = palloc(Max(SPI_processed, 1) * sizeof(char *));
	after_len = palloc(Max(SPI_processed, 1) * sizeof(int32));
	before_len = palloc(Max(SPI_processed, 1) * sizeof(int32));
	for (i = SPI_processed - 1; i >= 0; i--)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		isnull;
		int64		id = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		text	   *ch = DatumGetTextPP(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));
		bool		is_new = false;

		for (j = 0; j < n && !is_new; j++)
			is_new = (new[j].id == id);
		after[nafter] = VARDATA_ANY(ch);
		after_len[nafter++] = VARSIZE_ANY_EXHDR(ch);
		if (!is_new)
		{
			before[nbefore] = VARDATA_ANY(ch);
			before_len[nbefore++] = VARSIZE_ANY_EXHDR(ch);
		}
	}
	old_p = markov_labels_probability(r->view, before, before_len, nbefore);
	new_p = markov_labels_probability(r->view, after, after_len, nafter);
	if ((old_p >= r->threshold) != (new_p >= r->threshold))
	{
		Datum		nargs[5];

		nargs[0] = args[0];
		nargs[1] = r->name;
		nargs[2] = Float8GetDatum(old_p);
		nargs[3] = Float8GetDatum(new_p);
		nargs[4] = TimestampTzGetDatum(at);
		ret = SPI_execute_plan(notify_plan, nargs, NULL, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
	}
}

/*
 * journey_score_touchpoints(): AFTER INSERT ... REFERENCING NEW TABLE ...
 * FOR EACH STATEMENT trigger on journey.touchpoints.
 */
Datum
journey_score_touchpoints(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	ScoreRule  *rules;
	uint64		nrules;
	NewTouch   *new;
	int			nnew = 0;
	int			maxnew = 16;
	TupleTableSlot *slot;
	int			readptr;
	int			att_id;
	int			att_customer;
	int			att_ts;
	int			att_channel;
	int			ret;
	uint64		i;
	int			start;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(td->tg_event) || td->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("score_touchpoints must be an AFTER INSERT statement trigger with a NEW TABLE")));
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	prepare_plans(RelationGetNamespace(rel));

	/* the rules; none: nothing to do */
	ret = SPI_execute_plan(rules_plan, NULL, NULL, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
	nrules = SPI_processed;
	if (nrules == 0)
	{
		SPI_finish();
		return PointerGetDatum(NULL);
	}
	{
		SPITupleTable *tt = SPI_tuptable;

		rules = palloc0(nrules * sizeof(ScoreRule));
		for (i = 0; i < nrules; i++)
		{
			HeapTuple	tup = tt->vals[i];
			ScoreRule  *r = &rules[i];
			bool		isnull;
			Datum		model;

			r->name = SPI_getbinval(tup, tt->tupdesc, 1, &isnull);
			model = SPI_getbinval(tup, tt->tupdesc, 2, &isnull);
			r->threshold = DatumGetFloat8(SPI_getbinval(tup, tt->tupdesc, 3, &isnull));
			r->filter = SPI_getbinval(tup, tt->tupdesc, 4, &isnull);
			if (isnull)
				r->filter = (Datum) 0;
			else
			{
				Datum	   *elems;
				bool	   *enulls;
				int			k;

				r->filter = PointerGetDatum(PG_DETOAST_DATUM(r->filter));
				deconstruct_array(DatumGetArrayTypeP(r->filter), TEXTOID, -1, false,
								  TYPALIGN_INT, &elems, &enulls, &r->nfilter);
				r->filter_str = palloc(Max(r->nfilter, 1) * sizeof(char *));
				for (k = 0; k < r->nfilter; k++)
					r->filter_str[k] = enulls[k] ? "" : TextDatumGetCString(elems[k]);
			}
			r->order = DatumGetInt32(SPI_getbinval(tup, tt->tupdesc, 5, &isnull));
			r->cache.slot = -1;
			r->view = markov_datum_view(model, &r->cache, CurrentMemoryContext);
		}
	}

	/* the new rows, by customer */
	att_id = SPI_fnumber(desc, "id");
	att_customer = SPI_fnumber(desc, "customer");
	att_ts = SPI_fnumber(desc, "ts");
	att_channel = SPI_fnumber(desc, "channel");
	if (att_id <= 0 || att_customer <= 0 || att_ts <= 0 || att_channel <= 0)
		elog(ERROR, "score_touchpoints: unexpected columns of %s", RelationGetRelationName(rel));
	new = palloc(maxnew * sizeof(NewTouch));
	slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	readptr = tuplestore_alloc_read_pointer(td->tg_newtable, EXEC_FLAG_REWIND);
	tuplestore_select_read_pointer(td->tg_newtable, readptr);
	tuplestore_rescan(td->tg_newtable);
	while (tuplestore_gettupleslot(td->tg_newtable, true, false, slot))
	{
		bool		isnull;

		if (nnew == maxnew)
		{
			maxnew *= 2;
			new = repalloc_huge(new, maxnew * sizeof(NewTouch));
		}
		new[nnew].id = DatumGetInt64(slot_getattr(slot, att_id, &isnull));
		new[nnew].customer = TextDatumGetCString(slot_getattr(slot, att_customer, &isnull));
		new[nnew].ts = DatumGetTimestampTz(slot_getattr(slot, att_ts, &isnull));
		new[nnew].channel = TextDatumGetCString(slot_getattr(slot, att_channel, &isnull));
		nnew++;
	}
	ExecDropSingleTupleTableSlot(slot);
	if (nnew > 1)
		qsort(new, nnew, sizeof(NewTouch), new_touch_cmp);

	for (start = 0; start < nnew;)
	{
		int			end = start + 1;

		while (end < nnew && strcmp(new[end].customer, new[start].customer) == 0)
			end++;
		for (i = 0; i < nrules; i++)
			score_customer(&rules[i], new + start, end - start);
		start = end;
		CHECK_FOR_INTERRUPTS();
	}

	SPI_finish();
	return PointerGetDatum(NULL);
}
