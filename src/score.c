/*-------------------------------------------------------------------------
 *
 * score.c
 *	  score_touchpoints(): the statement trigger behind the score rules of
 *	  the customer model (score.sql, doc/scoring.md).
 *
 * After an INSERT into journey.touchpoints, each customer of the new rows is
 * scored under each rule whose channels the new rows touch, before and after
 * the statement's touches; a crossing of the rule's threshold, either way,
 * is sent with NOTIFY journey_score.  Nothing is written.
 *
 * The work per customer is one short backward scan of the index on
 * touchpoints (customer, ts) under the statement's snapshot, which does not
 * see the statement's own rows: it reads the customer's newest touches until
 * every rule has its model_order newest touches on its channels (plus the
 * touches tied with the last one), which give the score before; the new rows,
 * taken from the transition table, are merged in for the score after.  Then
 * two lookups per rule in the fitted chain.  No executor, no plan: written
 * in C against the index because the same through SPI queries cost a fifth
 * of record_touchpoint, and in PL/pgSQL far more.  SPI is used only to read
 * the rules after they change and to send a notification.  Without such an
 * index (dropped by hand) the customer's touches are found by a scan of the
 * table: right, but slow.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "journey.h"
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
	struct varlena *model;		/* a copy, in rules_cxt */
	MarkovView	view;
} ScoreRule;

static MemoryContext rules_cxt = NULL;
static ScoreRule *rules = NULL;
static int	nrules = 0;
static bool rules_valid = false;
static uint64 rules_invals = 0;	/* invalidations seen */
static bool rules_callback = false;
static Oid	rules_relid = InvalidOid;

/* Plans prepared once per backend and schema. */
static SPIPlanPtr rules_plan = NULL;
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
	Oid			notify_args[5] = {TEXTOID, TEXTOID, FLOAT8OID, FLOAT8OID, TIMESTAMPTZOID};

	if (rules_plan && plans_nsp == nsp)
		return;
	if (rules_plan)
	{
		SPI_freeplan(rules_plan);
		SPI_freeplan(notify_plan);
		rules_plan = notify_plan = NULL;
	}
	rules_plan = prepare(psprintf("SELECT r.name, r.model, r.threshold, r.channel_filter, r.model_order "
								  "FROM %s.score_rules r ORDER BY r.name", schema), 0, NULL);
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

			deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false,
							  TYPALIGN_INT, &elems, &enulls, &r->nfilter);
			r->filter_str = palloc(Max(r->nfilter, 1) * sizeof(char *));
			for (k = 0; k < r->nfilter; k++)
				r->filter_str[k] = enulls[k] ? "" : TextDatumGetCString(elems[k]);
		}
		r->order = DatumGetInt32(SPI_getbinval(tup, tt->tupdesc, 5, &isnull));
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

/* A touch of the customer being scored. */
typedef struct Touch
{
	TimestampTz ts;
	const char *ch;
	int32		len;
	bool		is_new;
} Touch;

/* Newest first: ts DESC, channel COLLATE "C" DESC, as customer_scores. */
static int
touch_cmp(const void *a, const void *b)
{
	const Touch *x = (const Touch *) a;
	const Touch *y = (const Touch *) b;
	int			c;

	if (x->ts != y->ts)
		return x->ts > y->ts ? -1 : 1;
	c = memcmp(x->ch, y->ch, Min(x->len, y->len));
	if (c != 0)
		return c > 0 ? -1 : 1;
	return x->len > y->len ? -1 : (x->len < y->len ? 1 : 0);
}

/*
 * A valid btree index whose first two key columns are (customer, ts) with a
 * deterministic collation, opened; NULL when the table has none (someone
 * dropped touchpoints_customer_ts).
 */
static Relation
customer_ts_index(Relation rel, int att_customer, int att_ts)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	Relation	found = NULL;

	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index fi = idx->rd_index;

		if (idx->rd_rel->relam == BTREE_AM_OID && fi->indisvalid &&
			fi->indnkeyatts >= 2 &&
			fi->indkey.values[0] == att_customer &&
			fi->indkey.values[1] == att_ts &&
			heap_attisnull(idx->rd_indextuple, Anum_pg_index_indpred, NULL) &&
			OidIsValid(idx->rd_indcollation[0]) &&
			get_collation_isdeterministic(idx->rd_indcollation[0]))
		{
			found = idx;
			break;
		}
		index_close(idx, AccessShareLock);
	}
	list_free(indexes);
	return found;
}

/*
 * The customer's touches that the statement's snapshot sees (so not the
 * statement's new rows), newest first, enough of them for every rule in
 * `want` (want[i] > 0: the rule needs its want[i] newest touches on its
 * channels): read backwards through idx, up to and including every touch
 * at the time of the last one needed (ties are then ordered by channel as
 * customer_scores orders them).  Without an index: all of them.  Returns
 * the number read into *out (palloc'd, room for `extra` more).
 */
static int
read_touches(Relation rel, Relation idx, int att_customer, int att_ts,
			 int att_channel, Datum customer, const int *want, int extra,
			 Touch **out)
{
	TupleDesc	desc = RelationGetDescr(rel);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	int		   *matched = palloc0(Max(nrules, 1) * sizeof(int));
	int			max = 16;
	int			n = 0;
	bool		enough = false;
	TimestampTz boundary = 0;
	Touch	   *t = palloc((max + extra) * sizeof(Touch));

	ScanKeyEntryInitialize(&key, 0, att_customer, BTEqualStrategyNumber,
						   InvalidOid,
						   idx ? idx->rd_indcollation[0] : TupleDescAttr(desc, att_customer - 1)->attcollation,
						   F_TEXTEQ, customer);
	if (idx)
		scan = systable_beginscan_ordered(rel, idx, GetActiveSnapshot(), 1, &key);
	else
		scan = systable_beginscan(rel, InvalidOid, false, GetActiveSnapshot(), 1, &key);
	for (;;)
	{
		bool		isnull;
		TimestampTz ts;
		text	   *ch;
		int			i;

		tup = idx ? systable_getnext_ordered(scan, BackwardScanDirection) :
			systable_getnext(scan);
		if (tup == NULL)
			break;
		ts = DatumGetTimestampTz(heap_getattr(tup, att_ts, desc, &isnull));
		if (enough && ts < boundary)
			break;
		if (n == max)
		{
			max *= 2;
			t = repalloc_huge(t, (max + extra) * sizeof(Touch));
		}
		ch = DatumGetTextPCopy(heap_getattr(tup, att_channel, desc, &isnull));
		t[n].ts = ts;
		t[n].ch = VARDATA_ANY(ch);
		t[n].len = VARSIZE_ANY_EXHDR(ch);
		t[n].is_new = false;
		if (idx && !enough)
		{
			enough = true;
			for (i = 0; i < nrules; i++)
			{
				if (want[i] > 0 && matched[i] < want[i] &&
					in_filter(&rules[i], t[n].ch, t[n].len))
					matched[i]++;
				enough &= (want[i] == 0 || matched[i] >= want[i]);
			}
			boundary = ts;
		}
		n++;
		JOURNEY_CHECK_INTERRUPTS(n);
	}
	if (idx)
		systable_endscan_ordered(scan);
	else
		systable_endscan(scan);
	pfree(matched);
	*out = t;
	return n;
}

/*
 * The conversion probability under rule r of the newest r->order touches on
 * its channels of t[0 .. n-1] (sorted newest first), skipping the new ones
 * unless with_new.
 */
static double
rule_probability(const ScoreRule *r, const Touch *t, int n, bool with_new,
				 const char **labels, int32 *lens)
{
	int			picked = 0;
	int			i;

	/* labels are wanted oldest first: fill from the end */
	for (i = 0; i < n && picked < r->order; i++)
		if ((with_new || !t[i].is_new) && in_filter(r, t[i].ch, t[i].len))
			picked++;
	{
		int			k = picked;

		for (i = 0; i < n && k > 0; i++)
			if ((with_new || !t[i].is_new) && in_filter(r, t[i].ch, t[i].len))
			{
				k--;
				labels[k] = t[i].ch;
				lens[k] = t[i].len;
			}
	}
	return markov_labels_probability(&r->view, labels, lens, picked);
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
	Oid			nsp;
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
	int		   *want;
	Relation	idx;
	bool		connected = false;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(td->tg_event) || td->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("score_touchpoints must be an AFTER INSERT statement trigger with a NEW TABLE")));
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);
	nsp = RelationGetNamespace(rel);

	if (rules_valid && plans_nsp == nsp && nrules == 0)
		return PointerGetDatum(NULL);	/* no rules: nothing to do */
	if (!rules_valid || plans_nsp != nsp)
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		connected = true;
		prepare_plans(nsp);
		load_rules(nsp);
	}
	if (nrules == 0)
	{
		if (connected)
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

	want = palloc(nrules * sizeof(int));
	idx = customer_ts_index(rel, att_customer, att_ts);
	for (start = 0; start < nnew;)
	{
		int			end = start + 1;
		int			n;
		int			i;
		int			k;
		bool		any = false;
		TimestampTz at;

		while (end < nnew && strcmp(new[end].customer, new[start].customer) == 0)
			end++;
		n = end - start;
		at = new[start].ts;
		for (k = start; k < end; k++)
			at = Max(at, new[k].ts);

		/* the rules whose channels the new rows touch */
		for (i = 0; i < nrules; i++)
		{
			want[i] = 0;
			for (k = start; k < end && want[i] == 0; k++)
				if (in_filter(&rules[i], new[k].channel, strlen(new[k].channel)))
					want[i] = rules[i].order;
			any |= (want[i] > 0);
		}
		if (any)
		{
			Datum		customer = CStringGetTextDatum(new[start].customer);
			Touch	   *t;
			int			nt;
			int			maxorder = 0;
			const char **labels;
			int32	   *lens;

			/* the touches seen before the statement, then its new ones */
			nt = read_touches(rel, idx, att_customer, att_ts, att_channel,
							  customer, want, n, &t);
			for (k = start; k < end; k++)
			{
				t[nt].ts = new[k].ts;
				t[nt].ch = new[k].channel;
				t[nt].len = strlen(new[k].channel);
				t[nt].is_new = true;
				nt++;
			}
			qsort(t, nt, sizeof(Touch), touch_cmp);
			for (i = 0; i < nrules; i++)
				maxorder = Max(maxorder, want[i]);
			labels = palloc(Max(maxorder, 1) * sizeof(char *));
			lens = palloc(Max(maxorder, 1) * sizeof(int32));
			for (i = 0; i < nrules; i++)
			{
				double		old_p;
				double		new_p;

				if (want[i] == 0)
					continue;
				old_p = rule_probability(&rules[i], t, nt, false, labels, lens);
				new_p = rule_probability(&rules[i], t, nt, true, labels, lens);
				if ((old_p >= rules[i].threshold) != (new_p >= rules[i].threshold))
				{
					Datum		nargs[5];
					int			ret;

					if (!connected)
					{
						if (SPI_connect() != SPI_OK_CONNECT)
							elog(ERROR, "SPI_connect failed");
						connected = true;
					}
					nargs[0] = customer;
					nargs[1] = CStringGetTextDatum(rules[i].name);
					nargs[2] = Float8GetDatum(old_p);
					nargs[3] = Float8GetDatum(new_p);
					nargs[4] = TimestampTzGetDatum(at);
					ret = SPI_execute_plan(notify_plan, nargs, NULL, false, 0);
					if (ret != SPI_OK_SELECT)
						elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
				}
			}
		}
		start = end;
		CHECK_FOR_INTERRUPTS();
	}
	if (idx)
		index_close(idx, AccessShareLock);
	if (connected)
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
