/*-------------------------------------------------------------------------
 *
 * queue.c
 *	  queue_touchpoints(): the statement trigger that queues every new
 *	  touchpoint for refresh_journeys() (model.sql, doc/model.md).
 *
 * After an INSERT into journey.touchpoints (record_touchpoint,
 * load_touchpoints, a plain INSERT or COPY, a restore), the ids of the
 * statement's new rows and their customers, read from its transition table,
 * go into journey.pending_touchpoints, one row per touchpoint.  A statement
 * that inserted QUEUE_BATCH_MIN rows or more (load_touchpoints, COPY, an
 * INSERT ... SELECT, a restore) queues its ids in journey.pending_batches
 * instead, QUEUE_BATCH_IDS ids per bigint[] row: a million ids are then 100
 * rows (and their TOAST chunks) to write, and to delete at the next refresh,
 * instead of a million rows, a million index entries and a million WAL
 * records each way.  Writers may insert touchpoints but must not write the
 * queue, so the rows are written as the queue's owner would write them; the
 * caller needs no privilege on the queue.
 *
 * Written in C because the same as a PL/pgSQL SECURITY DEFINER function
 * (INSERT ... SELECT id, customer FROM new_rows) cost, per statement, a switch of user
 * and of search_path through the function manager, a PL/pgSQL call and an
 * executor start for the INSERT: a fifth of a plain INSERT of one row.  Here
 * the rows go straight into the table through the table access method, all
 * in one table_multi_insert (fewer than QUEUE_BATCH_MIN), and into every
 * index of the queue, those a
 * DBA added included (ExecInsertIndexTuples: expression, partial and unique
 * indexes), with the queue's CHECK and NOT NULL constraints checked
 * (ExecConstraints).  Everything is WAL-logged like any insert.
 *
 * The batch table is written the same way: one array row per chunk of ids,
 * through the table access method (which stores it out of line) with a
 * bulk-insert state for more than one chunk, its indexes and constraints.
 *
 * What that direct path cannot do as INSERT would — fire triggers a DBA put
 * on the queue, apply row security, fill columns a DBA added (defaults,
 * generated or identity columns), route into partitions, convert another
 * type of id — sends the statement through SPI instead: a plan prepared
 * once per backend, run as the queue's owner with search_path pinned to
 * pg_catalog, pg_temp, as the PL/pgSQL function ran.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "journey.h"

PG_FUNCTION_INFO_V1(journey_queue_touchpoints);

/*
 * A statement that inserted this many touchpoints or more queues their ids
 * in pending_batches; fewer go into pending_touchpoints, row by row (a
 * record_touchpoint() inserts one).  Measured (doc/benchmarks.md, "A compact
 * refresh queue for multi-row statements"): one array row costs as much to
 * write as one queue row, and less than the rows and index entries it
 * replaces from a few ids on (8: 6 us against 15; 64: 14 us against 136).
 * 64 leaves statements of a few rows, which an application may issue often,
 * on the row queue, whose index finds a customer's ids without reading
 * every queued array (forget_customer, purge_before).
 */
#define QUEUE_BATCH_MIN 64

/* Ids per row of pending_batches (80 kB of int8, stored out of line). */
#define QUEUE_BATCH_IDS 10000

/*
 * The SPI path's plans (rows, batches), each prepared once per backend,
 * schema and transition table name.
 */
typedef struct QueuePlan
{
	SPIPlanPtr	plan;
	Oid			nsp;
	char		newtable[NAMEDATALEN];
} QueuePlan;

static QueuePlan queue_plans[2];

/*
 * Which column of the transition table fills which column of the queue:
 * touchpoint <- id, customer <- customer.
 */
typedef struct QueueMap
{
	int			n;
	AttrNumber	queue_att[2];
	AttrNumber	row_att[2];
	bool		byref;			/* a column is passed by reference */
} QueueMap;

/*
 * Fill *map when the direct path can write the queue as INSERT would:
 * the queue is a plain table without triggers or row security whose
 * columns (dropped ones aside) are ordinary columns "touchpoint" and
 * "customer" of the types of the touchpoints' "id" and "customer".
 * Returns false otherwise.
 */
static bool
queue_direct_map(Relation queue, TupleDesc rowdesc, AttrNumber att_id,
				 AttrNumber att_customer, QueueMap *map)
{
	TupleDesc	desc = RelationGetDescr(queue);
	bool		has_touchpoint = false;
	int			i;

	map->n = 0;
	map->byref = false;
	if (queue->rd_rel->relkind != RELKIND_RELATION ||
		queue->rd_rel->relispartition ||
		queue->rd_rel->relrowsecurity ||
		queue->trigdesc != NULL)
		return false;
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		AttrNumber	from;

		if (att->attisdropped)
			continue;
		if (att->attgenerated != '\0' || att->attidentity != '\0' || map->n == 2)
			return false;
		if (strcmp(NameStr(att->attname), "touchpoint") == 0 && !has_touchpoint)
		{
			from = att_id;
			has_touchpoint = true;
		}
		else if (strcmp(NameStr(att->attname), "customer") == 0 && att_customer > 0)
			from = att_customer;
		else
			return false;
		if (att->atttypid != TupleDescAttr(rowdesc, from - 1)->atttypid)
			return false;
		map->queue_att[map->n] = i + 1;
		map->row_att[map->n] = from;
		map->n++;
		if (!att->attbyval)
			map->byref = true;
	}
	return has_touchpoint;
}

/*
 * Store the n filled slots in the queue and its indexes, then empty them.
 */
static void
queue_flush(ResultRelInfo *rri, EState *estate, TupleTableSlot **slots, int n,
			CommandId cid)
{
	Relation	queue = rri->ri_RelationDesc;
	int			i;

	if (n == 1)
		table_tuple_insert(queue, slots[0], cid, 0, NULL);
	else
		table_multi_insert(queue, slots, n, cid, 0, NULL);
	for (i = 0; i < n; i++)
	{
		if (rri->ri_NumIndices > 0)
		{
			List	   *recheck;

			recheck = ExecInsertIndexTuples(rri, slots[i], estate, false, false,
											NULL, NIL, false);
			/* only deferrable constraints ask, and they come with triggers */
			if (recheck != NIL)
				elog(ERROR, "queue_touchpoints: unexpected deferred index check");
			ResetPerTupleExprContext(estate);
		}
		ExecClearTuple(slots[i]);
	}
}

/*
 * The direct path: the ids (and customers) of the transition table's rows
 * into the queue, as map says.
 */
static void
queue_direct(Relation queue, const QueueMap *map, Tuplestorestate *rows,
			 TupleDesc rowdesc)
{
	EState	   *estate = CreateExecutorState();
	MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
	ResultRelInfo *rri = makeNode(ResultRelInfo);
	TupleDesc	desc = RelationGetDescr(queue);
	int64		nrows = tuplestore_tuple_count(rows);
	int			nslots = (int) Min(nrows, QUEUE_BATCH_MIN);
	TupleTableSlot **slots = palloc(nslots * sizeof(TupleTableSlot *));
	TupleTableSlot *in = MakeSingleTupleTableSlot(rowdesc, &TTSOpsMinimalTuple);
	CommandId	cid = GetCurrentCommandId(true);
	int			readptr;
	int			n = 0;
	int			i;

	InitResultRelInfo(rri, queue, 0, NULL, 0);
	ExecOpenIndices(rri, false);
	for (i = 0; i < nslots; i++)
	{
		slots[i] = MakeSingleTupleTableSlot(desc, table_slot_callbacks(queue));
		/* dropped columns stay null */
		memset(slots[i]->tts_isnull, true, desc->natts * sizeof(bool));
	}

	/* a read pointer of our own: the score trigger reads the same rows */
	readptr = tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND);
	tuplestore_select_read_pointer(rows, readptr);
	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, in))
	{
		TupleTableSlot *s = slots[n];
		int			c;

		for (c = 0; c < map->n; c++)
			s->tts_values[map->queue_att[c] - 1] =
				slot_getattr(in, map->row_att[c], &s->tts_isnull[map->queue_att[c] - 1]);
		ExecStoreVirtualTuple(s);
		/* the values point into the transition table's current row: copy */
		if (map->byref)
			ExecMaterializeSlot(s);
		if (desc->constr)
			ExecConstraints(rri, s, estate);
		if (++n == nslots)
		{
			queue_flush(rri, estate, slots, n, cid);
			n = 0;
			CHECK_FOR_INTERRUPTS();
		}
	}
	if (n > 0)
		queue_flush(rri, estate, slots, n, cid);

	for (i = 0; i < nslots; i++)
		ExecDropSingleTupleTableSlot(slots[i]);
	ExecDropSingleTupleTableSlot(in);
	ExecCloseIndices(rri);
	MemoryContextSwitchTo(old);
	FreeExecutorState(estate);
}

/*
 * Whether the direct path can write the batch table as INSERT would: a plain
 * table without triggers or row security whose only column (dropped ones
 * aside) is an ordinary column "touchpoints" of the array type of the
 * touchpoints' "id".
 */
static bool
batch_direct_ok(Relation batches, Oid idtype)
{
	TupleDesc	desc = RelationGetDescr(batches);
	int			ncols = 0;
	int			i;

	if (batches->rd_rel->relkind != RELKIND_RELATION ||
		batches->rd_rel->relispartition ||
		batches->rd_rel->relrowsecurity ||
		batches->trigdesc != NULL)
		return false;
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped)
			continue;
		if (att->attgenerated != '\0' || att->attidentity != '\0' ||
			strcmp(NameStr(att->attname), "touchpoints") != 0 ||
			att->atttypid != get_array_type(idtype) || ++ncols > 1)
			return false;
	}
	return ncols == 1;
}

/*
 * The direct path of the batch table: the ids of the transition table's
 * rows, QUEUE_BATCH_IDS per array row.
 */
static void
batch_direct(Relation batches, Tuplestorestate *rows, TupleDesc rowdesc,
			 AttrNumber att_id)
{
	EState	   *estate = CreateExecutorState();
	MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);
	MemoryContext chunkcxt = AllocSetContextCreate(CurrentMemoryContext,
												   "queue_touchpoints batch",
												   ALLOCSET_DEFAULT_SIZES);
	ResultRelInfo *rri = makeNode(ResultRelInfo);
	TupleDesc	desc = RelationGetDescr(batches);
	Form_pg_attribute idatt = TupleDescAttr(rowdesc, att_id - 1);
	int64		nrows = tuplestore_tuple_count(rows);
	int			nids = (int) Min(nrows, QUEUE_BATCH_IDS);
	Datum	   *ids = palloc(nids * sizeof(Datum));
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, table_slot_callbacks(batches));
	TupleTableSlot *in = MakeSingleTupleTableSlot(rowdesc, &TTSOpsMinimalTuple);
	BulkInsertState bistate = nrows > QUEUE_BATCH_IDS ? GetBulkInsertState() : NULL;
	CommandId	cid = GetCurrentCommandId(true);
	int			col = 0;
	int			readptr;
	bool		more = true;
	int			i;

	for (i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			col = i;
	InitResultRelInfo(rri, batches, 0, NULL, 0);
	ExecOpenIndices(rri, false);

	/* a read pointer of our own: the score trigger reads the same rows */
	readptr = tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND);
	tuplestore_select_read_pointer(rows, readptr);
	tuplestore_rescan(rows);
	while (more)
	{
		int			n = 0;

		/*
		 * (Read in the executor's context: a tuplestore gone to disk hands
		 * out tuples allocated in the current context, which the slot frees
		 * at the next read.)
		 */
		while (n < nids && (more = tuplestore_gettupleslot(rows, true, false, in)))
		{
			bool		isnull;
			Datum		id = slot_getattr(in, att_id, &isnull);

			/* (touchpoints.id is the primary key; a DBA may have changed that) */
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NOT_NULL_VIOLATION),
						 errmsg("queue_touchpoints: a new touchpoint has a NULL id")));
			if (idatt->attbyval)
				ids[n++] = id;
			else
			{
				MemoryContext outer = MemoryContextSwitchTo(chunkcxt);

				ids[n++] = datumCopy(id, false, idatt->attlen);
				MemoryContextSwitchTo(outer);
			}
		}
		if (n > 0)
		{
			MemoryContext outer = MemoryContextSwitchTo(chunkcxt);

			ExecClearTuple(slot);
			memset(slot->tts_isnull, true, desc->natts * sizeof(bool));
			slot->tts_values[col] =
				PointerGetDatum(construct_array(ids, n, idatt->atttypid,
												idatt->attlen, idatt->attbyval,
												idatt->attalign));
			slot->tts_isnull[col] = false;
			ExecStoreVirtualTuple(slot);
			if (desc->constr)
				ExecConstraints(rri, slot, estate);
			table_tuple_insert(batches, slot, cid, 0, bistate);
			if (rri->ri_NumIndices > 0)
			{
				List	   *recheck;

				recheck = ExecInsertIndexTuples(rri, slot, estate, false, false,
												NULL, NIL, false);
				/* only deferrable constraints ask, and they come with triggers */
				if (recheck != NIL)
					elog(ERROR, "queue_touchpoints: unexpected deferred index check");
				ResetPerTupleExprContext(estate);
			}
			ExecClearTuple(slot);
			MemoryContextSwitchTo(outer);
		}
		MemoryContextReset(chunkcxt);
		CHECK_FOR_INTERRUPTS();
	}

	if (bistate)
	{
		FreeBulkInsertState(bistate);
		table_finish_bulk_insert(batches, 0);
	}
	ExecDropSingleTupleTableSlot(slot);
	ExecDropSingleTupleTableSlot(in);
	ExecCloseIndices(rri);
	MemoryContextSwitchTo(old);
	FreeExecutorState(estate);
}

/*
 * The SPI path: INSERT INTO <schema>.pending_touchpoints (touchpoint,
 * customer) SELECT id, customer FROM <new table>, or, for a batch, INSERT
 * INTO <schema>.pending_batches (touchpoints) SELECT array_agg(id) FROM
 * <new table> by chunks of QUEUE_BATCH_IDS rows, with search_path pinned as
 * the PL/pgSQL function pinned it.
 */
static void
queue_spi(TriggerData *td, Oid nsp, bool batch)
{
	const char *newtable = td->tg_trigger->tgnewtable;
	QueuePlan  *qp = &queue_plans[batch ? 1 : 0];
	int			nestlevel;
	int			ret;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
		elog(ERROR, "SPI_register_trigger_data failed");
	if (qp->plan == NULL || qp->nsp != nsp || strcmp(qp->newtable, newtable) != 0)
	{
		char	   *sql;
		SPIPlanPtr	plan;

		if (qp->plan)
		{
			SPI_freeplan(qp->plan);
			qp->plan = NULL;
		}
		if (batch)
			sql = psprintf("INSERT INTO %s.pending_batches (touchpoints) "
						   "SELECT pg_catalog.array_agg(n.id) FROM "
						   "(SELECT r.id, (pg_catalog.row_number() OVER () - 1) / %d AS chunk FROM %s r) n "
						   "GROUP BY n.chunk",
						   quote_identifier(get_namespace_name(nsp)),
						   QUEUE_BATCH_IDS, quote_identifier(newtable));
		else
			sql = psprintf("INSERT INTO %s.pending_touchpoints (touchpoint, customer) SELECT id, customer FROM %s",
						   quote_identifier(get_namespace_name(nsp)),
						   quote_identifier(newtable));
		plan = SPI_prepare(sql, 0, NULL);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_keepplan failed");
		qp->plan = plan;
		qp->nsp = nsp;
		strlcpy(qp->newtable, newtable, NAMEDATALEN);
	}
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	ret = SPI_execute_plan(qp->plan, NULL, NULL, false, 0);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
	AtEOXact_GUC(true, nestlevel);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
}

/*
 * journey_queue_touchpoints(): AFTER INSERT ... REFERENCING NEW TABLE ...
 * FOR EACH STATEMENT trigger on journey.touchpoints; queues the new rows'
 * ids and customers in pending_touchpoints of the function's own schema, or
 * their ids in its pending_batches when there are QUEUE_BATCH_MIN or more.
 */
Datum
journey_queue_touchpoints(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	TupleDesc	rowdesc;
	AttrNumber	att_id;
	AttrNumber	att_customer;
	QueueMap	map;
	Oid			nsp;
	Oid			relid;
	Relation	queue;
	Oid			save_userid;
	int			save_sec;
	bool		batch;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(td->tg_event) || td->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("queue_touchpoints must be an AFTER INSERT statement trigger with a NEW TABLE")));
	if (tuplestore_tuple_count(td->tg_newtable) == 0)
		return PointerGetDatum(NULL);

	rowdesc = RelationGetDescr(td->tg_relation);
	att_id = SPI_fnumber(rowdesc, "id");
	if (att_id <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("queue_touchpoints: relation \"%s\" has no column \"id\"",
						RelationGetRelationName(td->tg_relation))));
	att_customer = SPI_fnumber(rowdesc, "customer");
	if (att_customer <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("queue_touchpoints: relation \"%s\" has no column \"customer\"",
						RelationGetRelationName(td->tg_relation))));

	/* the queue of the extension's schema, whichever table fires */
	nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	batch = tuplestore_tuple_count(td->tg_newtable) >= QUEUE_BATCH_MIN;
	relid = get_relname_relid(batch ? "pending_batches" : "pending_touchpoints", nsp);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist",
						get_namespace_name(nsp),
						batch ? "pending_batches" : "pending_touchpoints")));
	queue = table_open(relid, RowExclusiveLock);

	/*
	 * As the queue's owner.  An error needs no restoring: the abort of the
	 * (sub)transaction resets the user, as for SECURITY DEFINER.
	 */
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(queue->rd_rel->relowner,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE);

	if (batch)
	{
		if (batch_direct_ok(queue, TupleDescAttr(rowdesc, att_id - 1)->atttypid))
			batch_direct(queue, td->tg_newtable, rowdesc, att_id);
		else
			queue_spi(td, nsp, true);
	}
	else if (queue_direct_map(queue, rowdesc, att_id, att_customer, &map))
		queue_direct(queue, &map, td->tg_newtable, rowdesc);
	else
		queue_spi(td, nsp, false);

	SetUserIdAndSecContext(save_userid, save_sec);
	table_close(queue, NoLock);

	/* the queued rows are visible to what runs next, as after SPI */
	CommandCounterIncrement();
	return PointerGetDatum(NULL);
}
