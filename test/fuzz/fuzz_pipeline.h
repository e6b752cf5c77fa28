/*
 * test/fuzz/fuzz_pipeline.h — the part the two fuzzers (journey_fuzz.c,
 * state_fuzz.c) share: send a batch of inputs through a libpq pipeline, one
 * sync after each (so an error does not abort the rest), then "SELECT 1";
 * and, when the connection is lost, find the input that killed the server:
 * the first one left unanswered, sent again alone.
 *
 * A fuzzer describes its inputs with a FuzzPipeline (an array of items of
 * item_size bytes, and what to do with one) and calls fuzz_run_items().
 * Header-only (static functions): each fuzzer is one compilation unit.
 */
#ifndef JOURNEY_FUZZ_PIPELINE_H
#define JOURNEY_FUZZ_PIPELINE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpq-fe.h"

typedef struct FuzzPipeline
{
	const char *prog;			/* for messages */
	PGconn	  **conn;			/* the fuzzer's connection; reconnect()
								 * replaces it */
	size_t		item_size;
	/* queue the item's query (PQsendQueryPrepared + PQpipelineSync) */
	bool		(*send) (void *item);
	/* check the item's result; false when the connection was lost */
	bool		(*handle) (void *item, PGresult *r);
	/* has the item had its answer? */
	bool		(*answered) (const void *item);
	void		(*reconnect) (void);

	/*
	 * The connection was lost.  item: the input that was unanswered first,
	 * alone_lost telling whether, sent again alone, it lost the connection
	 * again; NULL when every input of the batch was answered first.
	 */
	void		(*crashed) (void *item, bool alone_lost);
} FuzzPipeline;

#define FUZZ_ITEM(p, items, i) ((void *) ((char *) (items) + (size_t) (i) * (p)->item_size))

/*
 * Send n items and read their results.  Returns how many items were handled
 * before the connection broke; *lost tells whether it did (or whether the
 * closing "SELECT 1" did not come back).
 */
static int
fuzz_pipeline_run(const FuzzPipeline *p, void *items, int n, bool *lost)
{
	PGconn	   *conn = *p->conn;
	int			sent = 0,
				cur = 0,
				nulls = 0,
				expected;
	bool		ping_ok = false;

	*lost = false;
	while (sent < n && p->send(FUZZ_ITEM(p, items, sent)))
		sent++;
	expected = sent;
	if (sent == n &&
		PQsendQueryParams(conn, "SELECT 1", 0, NULL, NULL, NULL, NULL, 0) &&
		PQpipelineSync(conn))
		expected++;

	while (cur < expected)
	{
		PGresult   *r = PQgetResult(conn);

		if (r == NULL)
		{
			if (PQstatus(conn) != CONNECTION_OK)
			{
				*lost = true;
				break;
			}
			if (++nulls > 4)
			{
				fprintf(stderr, "%s: lost track of the pipeline: %s", p->prog, PQerrorMessage(conn));
				exit(2);
			}
			continue;
		}
		nulls = 0;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC)
			cur++;
		else if (cur < sent)
		{
			void	   *it = FUZZ_ITEM(p, items, cur);

			if (!p->answered(it) && !p->handle(it, r))
			{
				PQclear(r);
				*lost = true;
				break;
			}
		}
		else if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
				 strcmp(PQgetvalue(r, 0, 0), "1") == 0)
			ping_ok = true;
		else if (PQstatus(conn) != CONNECTION_OK)
		{
			PQclear(r);
			*lost = true;
			break;
		}
		PQclear(r);
	}
	if (!*lost && (sent < n || !ping_ok || PQstatus(conn) != CONNECTION_OK))
		*lost = true;
	return cur < sent ? cur : sent;
}

/* Run items; on a lost connection, find the input, report it, go on. */
static void
fuzz_run_items(const FuzzPipeline *p, void *items, int n)
{
	while (n > 0)
	{
		bool		lost;
		int			done = fuzz_pipeline_run(p, items, n, &lost);

		if (!lost)
			return;
		p->reconnect();
		while (done < n && p->answered(FUZZ_ITEM(p, items, done)))
			done++;
		if (done >= n)
		{
			/* everything answered, then the connection died */
			p->crashed(NULL, false);
			return;
		}
		/* the first unanswered input is the suspect: alone, then SELECT 1 */
		{
			bool		lost1;

			fuzz_pipeline_run(p, FUZZ_ITEM(p, items, done), 1, &lost1);
			if (lost1)
				p->reconnect();
			p->crashed(FUZZ_ITEM(p, items, done), lost1);
		}
		items = FUZZ_ITEM(p, items, done + 1);
		n -= done + 1;
	}
}

#endif							/* JOURNEY_FUZZ_PIPELINE_H */
