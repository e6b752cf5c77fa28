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
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "markov_fit.h"

PG_FUNCTION_INFO_V1(journey_score_touchpoints);
PG_FUNCTION_INFO_V1(journey_score_rules_changed);

/* One new row of the statement. */
typedef struct NewTouch
{
	char	   *customer;
	int64		id;
	TimestampTz ts;
	char	   *channel;
} NewTouch;

/*
 * The score rules, cached per backend: read at the first touchpoint after
 * score_rules changed.  Every change of score_rules fires the statement
 * trigger score_rules_changed, which invalidates the table's relcache entry
 * (in this backend at once, in the others when the change commits); the
 * relcache callback below then marks the cache stale.
 */
typedef struct ScoreRule
{
	char	   *name;
	double		threshold;
	int32		order;
	int			nfilter;		/* -1: all channels */
	char	  **filter_str;
	Datum		filter;			/* the text[] itself, for the fallback query */
	struct varlena *model;		/* a copy, in rules_cxt */
	MarkovView	view;
} ScoreRule;

static MemoryContext rules_cxt = NULL;
static ScoreRule *rules = NULL;
static int	nrules = 0;
static int32 rules_max_order = 0;
static bool rules_any_filter = false;
static bool rules_valid = false;
static uint64 rules_invals = 0;	/* invalidations seen */
static bool rules_callback = false;
static Oid	rules_relid = InvalidOid;

/* Plans prepared once per backend and schema. */
static SPIPlanPtr rules_plan = NULL;
static SPIPlanPtr window_plan = NULL;
static SPIPlanPtr touches_plan = NULL;
static SPIPlanPtr notify_plan = NULL;
static Oid	plans_nsp = InvalidOid;

static void
rules_inval_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == rules_relid)
	{
		rules_valid = false;
		rules_invals++;
	}
}

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
	Oid			window_args[2] = {TEXTOID, INT4OID};
	Oid			touches_args[3] = {TEXTOID, INT4OID, TEXTARRAYOID};
	Oid			notify_args[5] = {TEXTOID, TEXTOID, FLOAT8OID, FLOAT8OID, TIMESTAMPTZOID};

	if (rules_plan && plans_nsp == nsp)
		return;
	if (rules_plan)
	{
		SPI_freeplan(rules_plan);
		SPI_freeplan(window_plan);
		SPI_freeplan(touches_plan);
		SPI_freeplan(notify_plan);
		rules_plan = window_plan = touches_plan = notify_plan = NULL;
	}
	rules_plan = prepare(psprintf("SELECT r.name, r.model, r.threshold, r.channel_filter, r.model_order "
								  "FROM %s.score_rules r ORDER BY r.name", schema), 0, NULL);
	window_plan = prepare(psprintf("SELECT t.id, t.channel FROM %s.touchpoints t "
								   "WHERE t.customer = $1 "
								   "ORDER BY t.ts DESC, t.channel COLLATE pg_catalog.\"C\" DESC LIMIT $2",
								   schema), 2, window_args);
	touches_plan = prepare(psprintf("SELECT t.id, t.channel FROM %s.touchpoints t "
									"WHERE t.customer = $1 "
									"AND t.channel OPERATOR(pg_catalog.=) ANY ($3) "
									"ORDER BY t.ts DESC, t.channel COLLATE pg_catalog.\"C\" DESC LIMIT $2",
									schema), 3, touches_args);
	notify_plan = prepare("SELECT pg_catalog.pg_notify('journey_score', pg_catalog.json_build_object("
						  "'customer', $1, 'rule', $2, 'old', $3, 'new', $4, 'at', $5)::pg_catalog.text)",
						  5, notify_args);
	plans_nsp = nsp;
}

/* (Re)read the rules into the backend cache. */
static void
load_rules(Oid nsp)
{
	MemoryContext old;
	SPITupleTable *tt;
	int			ret;
	uint64		i;
	uint64		invals;

	if (!rules_callback)
	{
		CacheRegisterRelcacheCallback(rules_inval_callback, (Datum) 0);
		rules_callback = true;
	}
	rules_relid = get_relname_relid("score_rules", nsp);
	if (rules_cxt == NULL)
		rules_cxt = AllocSetContextCreate(TopMemoryContext, "journey score rules",
										  ALLOCSET_SMALL_SIZES);
	MemoryContextReset(rules_cxt);
	rules = NULL;
	nrules = 0;
	rules_max_order = 0;
	rules_any_filter = false;
	rules_valid = false;
	invals = rules_invals;

	ret = SPI_execute_plan(rules_plan, NULL, NULL, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
	tt = SPI_tuptable;
	old = MemoryContextSwitchTo(rules_cxt);
	rules = palloc0(Max(SPI_processed, 1) * sizeof(ScoreRule));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = tt->vals[i];
		ScoreRule  *r = &rules[i];
		bool		isnull;
		Datum		d;
		MarkovArgCache ac;
		const MarkovView *v;

		r->name = TextDatumGetCString(SPI_getbinval(tup, tt->tupdesc, 1, &isnull));
		memset(&ac, 0, sizeof(ac));
		ac.slot = -1;
		v = markov_datum_view(SPI_getbinval(tup, tt->tupdesc, 2, &isnull), &ac,
							  CurrentMemoryContext);
		/* copy the model the view points into */
		r->model = palloc(VARSIZE(v->base));
		memcpy(r->model, v->base, VARSIZE(v->base));
		r->view = *markov_datum_view(PointerGetDatum(r->model), &ac, CurrentMemoryContext);
		r->threshold = DatumGetFloat8(SPI_getbinval(tup, tt->tupdesc, 3, &isnull));
		d = SPI_getbinval(tup, tt->tupdesc, 4, &isnull);
		if (isnull)
			r->nfilter = -1;
		else
		{
			Datum	   *elems;
			bool	   *enulls;
			int			k;

			r->filter = PointerGetDatum(PG_DETOAST_DATUM_COPY(d));
			deconstruct_array(DatumGetArrayTypeP(r->filter), TEXTOID, -1, false,
							  TYPALIGN_INT, &elems, &enulls, &r->nfilter);
			r->filter_str = palloc(Max(r->nfilter, 1) * sizeof(char *));
			for (k = 0; k < r->nfilter; k++)
				r->filter_str[k] = enulls[k] ? "" : TextDatumGetCString(elems[k]);
			rules_any_filter = true;
		}
		r->order = DatumGetInt32(SPI_getbinval(tup, tt->tupdesc, 5, &isnull));
		rules_max_order = Max(rules_max_order, r->order);
	}
	nrules = (int) SPI_processed;
	MemoryContextSwitchTo(old);
	/* valid unless the rules changed while they were read */
	rules_valid = (rules_invals == invals);
}

static bool
in_filter(const ScoreRule *r, const char *channel, int len)
{
	int			i;

	if (r->nfilter < 0)
		return true;
	for (i = 0; i < r->nfilter; i++)
		if (strlen(r->filter_str[i]) == (size_t) len &&
			memcmp(r->filter_str[i], channel, len) == 0)
			return true;
	return false;
}

/* A customer's recent touches, newest first. */
typedef struct Window
{
	int			n;
	int64	   *id;
	const char **ch;
	int32	   *len;
	bool		complete;		/* all of the customer's touches */
} Window;

static void
read_window(Window *w, SPIPlanPtr plan, Datum *args, const char *nulls, int limit)
{
	int			ret = SPI_execute_plan(plan, args, nulls, false, 0);
	uint64		i;

	/* not read-only: a fresh snapshot, which sees the statement's rows */
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
	w->n = (int) SPI_processed;
	w->complete = (w->n < limit);
	w->id = palloc(Max(w->n, 1) * sizeof(int64));
	w->ch = palloc(Max(w->n, 1) * sizeof(char *));
	w->len = palloc(Max(w->n, 1) * sizeof(int32));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		isnull;
		text	   *ch;

		w->id[i] = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		ch = DatumGetTextPP(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));
		w->ch[i] = VARDATA_ANY(ch);
		w->len[i] = VARSIZE_ANY_EXHDR(ch);
	}
}

/*
 * Score the customer of new[0 .. n-1] under rule r from its window of
 * recent touches (newest first); NOTIFY on a crossing.
 */
static void
score_customer(const ScoreRule *r, const NewTouch *new, int n, Datum customer,
			   TimestampTz at, const Window *all)
{
	Window		own;
	const Window *w = all;
	const char **after;
	const char **before;
	int32	   *after_len;
	int32	   *before_len;
	int			want = r->order + n;
	int			nafter = 0;
	int			nbefore = 0;
	int			matched = 0;
	int			i;
	int			j;
	double		old_p;
	double		new_p;

	/* the window holds enough of the rule's channels, or all there are? */
	if (r->nfilter >= 0)
	{
		for (i = 0; i < all->n && matched < want; i++)
			matched += in_filter(r, all->ch[i], all->len[i]);
		if (matched < want && !all->complete)
		{
			Datum		args[3];

			args[0] = customer;
			args[1] = Int32GetDatum(want);
			args[2] = r->filter;
			read_window(&own, touches_plan, args, NULL, want);
			w = &own;
		}
	}

	after = palloc(Max(want, 1) * sizeof(char *));
	before = palloc(Max(want, 1) * sizeof(char *));
	after_len = palloc(Max(want, 1) * sizeof(int32));
	before_len = palloc(Max(want, 1) * sizeof(int32));
	/* the newest `want` touches on the rule's channels, oldest first */
	{
		int		   *pick = palloc(Max(want, 1) * sizeof(int));
		int			npick = 0;

		for (i = 0; i < w->n && npick < want; i++)
			if (w == all ? in_filter(r, w->ch[i], w->len[i]) : true)
				pick[npick++] = i;
		for (j = npick - 1; j >= 0; j--)
		{
			bool		is_new = false;
			int			k;

			i = pick[j];
			for (k = 0; k < n && !is_new; k++)
				is_new = (new[k].id == w->id[i]);
			after[nafter] = w->ch[i];
			after_len[nafter++] = w->len[i];
			if (!is_new)
			{
				before[nbefore] = w->ch[i];
				before_len[nbefore++] = w->len[i];
			}
		}
	}
	old_p = markov_labels_probability(&r->view, before, before_len, nbefore);
	new_p = markov_labels_probability(&r->view, after, after_len, nafter);
	if ((old_p >= r->threshold) != (new_p >= r->threshold))
	{
		Datum		nargs[5];
		int			ret;

		nargs[0] = customer;
		nargs[1] = CStringGetTextDatum(r->name);
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
	NewTouch   *new;
	int			nnew = 0;
	int			maxnew = 16;
	TupleTableSlot *slot;
	int			readptr;
	int			att_id;
	int			att_customer;
	int			att_ts;
	int			att_channel;
	int			start;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(td->tg_event) || td->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("score_touchpoints must be an AFTER INSERT statement trigger with a NEW TABLE")));
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);

	if (rules_valid && nrules == 0 && plans_nsp == RelationGetNamespace(rel))
		return PointerGetDatum(NULL);	/* no rules: nothing to do */

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	prepare_plans(RelationGetNamespace(rel));
	if (!rules_valid)
		load_rules(RelationGetNamespace(rel));
	if (nrules == 0)
	{
		SPI_finish();
		return PointerGetDatum(NULL);
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
		int			n;
		int			i;
		int			k;
		bool		any = false;
		TimestampTz at;
		Datum		customer;
		Window		all;
		Datum		args[2];
		int			limit;

		while (end < nnew && strcmp(new[end].customer, new[start].customer) == 0)
			end++;
		n = end - start;
		at = new[start].ts;
		for (k = start; k < end; k++)
			at = Max(at, new[k].ts);

		/* the rules whose channels the new rows touch */
		for (i = 0; i < nrules && !any; i++)
			for (k = start; k < end && !any; k++)
				any = in_filter(&rules[i], new[k].channel, strlen(new[k].channel));
		if (any)
		{
			/* the customer's last touches, once for every rule */
			customer = CStringGetTextDatum(new[start].customer);
			limit = (rules_max_order + n) * (rules_any_filter ? 4 : 1);
			args[0] = customer;
			args[1] = Int32GetDatum(limit);
			read_window(&all, window_plan, args, NULL, limit);
			for (i = 0; i < nrules; i++)
			{
				bool		touched = false;

				for (k = start; k < end && !touched; k++)
					touched = in_filter(&rules[i], new[k].channel, strlen(new[k].channel));
				if (touched)
					score_customer(&rules[i], new + start, n, customer, at, &all);
			}
		}
		start = end;
		CHECK_FOR_INTERRUPTS();
	}

	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * journey_score_rules_changed(): statement trigger on score_rules; makes
 * every backend reread the rules (see ScoreRule).
 */
Datum
journey_score_rules_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("score_rules_changed must be called as a trigger")));
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
