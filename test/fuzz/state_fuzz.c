/*-------------------------------------------------------------------------
 *
 * state_fuzz.c
 *	  Fuzz client for the serialized states of journey's aggregates
 *	  (doc/fuzzing.md, "Aggregate states").
 *
 * Takes the valid states test/fuzz/state_fuzz.sql captured from real
 * aggregates (journey_fuzz.seeds), mutates them (bit flips, truncations,
 * extensions, random bytes, 32- and 64-bit fields set to extremes, lengths
 * set to the remaining size or one off it, float fields set to NaN and
 * infinities, OIDs swapped for other enum types and labels, splices of two
 * states, states of one aggregate family given to another) and sends each
 * to journey_fuzz.check_state(aggregate, state, argtypes), which
 * deserializes, combines, serializes and finalizes it as a parallel
 * aggregate's leader would.  Inputs travel pipelined, a sync after each.
 *
 * Properties:
 *	 alive			the server never crashes (a lost connection: the input is
 *					sent again alone to confirm; the server log is searched)
 *	 sqlstate		every rejection is 22P03 (invalid_binary_representation),
 *					or 22P02 (invalid_text_representation) for a target whose
 *					state goes through its type's text input (its final
 *					function may still find a valid state of another
 *					aggregate: 22P03), or an error the same rows would give
 *					(same_as_rows)
 *	 seeds			every captured state is accepted
 *	 reserialized	a state the serialize function wrote after combining an
 *					accepted state is accepted again
 *	 timely			no input runs into statement_timeout (10 s)
 *
 * Environment: FUZZ_STATES (default 20000), FUZZ_SEED, FUZZ_BATCH (256),
 * FUZZ_DB (journey_fuzz), JOURNEY_PGLOG; libpq's PGHOST, PGPORT, PGUSER.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "libpq-fe.h"

#include "fuzz_pipeline.h"

#define MAX_STATE (1 << 20)

typedef struct Buf
{
	unsigned char *d;
	size_t		len;
} Buf;

typedef struct Target
{
	char	   *agg;			/* regprocedure as an OID, text */
	char	   *argtypes;		/* NULL or a regtype[] literal */
	int			family;
	bool		via_text;		/* the state goes through the text input */
} Target;

enum origin
{
	O_SEED, O_MUT, O_RANDOM, O_CROSS, O_RESER, O_NORIGINS
};
static const char *origin_name[O_NORIGINS] = {
	"seed", "mutated", "random bytes", "other family", "reserialized"
};

enum prop
{
	P_ALIVE, P_SQLSTATE, P_SEEDS, P_RESER, P_TIMELY, P_NPROPS
};
static const char *prop_name[P_NPROPS] = {
	"alive", "sqlstate", "seeds", "reserialized", "timely"
};

typedef struct Item
{
	long		id;
	int			origin;
	int			target;
	Buf			in;
	bool		done;
} Item;

static PGconn *conn;
static Target *targets;
static int	ntargets;
static char **families;
static int	nfamilies;
static Buf *seeds;
static int *seed_family;
static int *seed_target;		/* -1: any aggregate of the family */
static int	nseeds;
static uint32_t *oids;			/* interesting OIDs (enum types and labels) */
static int	noids;

static long n_in[O_NORIGINS],
			n_ok[O_NORIGINS];
static long prop_fail[P_NPROPS];
static long n_crashes;
static char states[64][6];
static long state_count[64];
static int	nstates;
static long next_id;
static long printed_failures;

/* reserialized states waiting to be sent */
static Item *pending;
static int	npending,
			maxpending;

/* ------------------------------------------------------------------------
 * PRNG (xorshift64*)
 * ------------------------------------------------------------------------
 */
static uint64_t rng_state;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static uint64_t
rnd_below(uint64_t n)
{
	return n == 0 ? 0 : rnd() % n;
}

static bool
chance(int percent)
{
	return (int) rnd_below(100) < percent;
}

/* ------------------------------------------------------------------------
 * Buffers and mutations
 * ------------------------------------------------------------------------
 */
static void
buf_resize(Buf *b, size_t len)
{
	b->d = realloc(b->d, len > 0 ? len : 1);
	if (b->d == NULL)
	{
		perror("state_fuzz");
		exit(2);
	}
	b->len = len;
}

static Buf
buf_of(const unsigned char *d, size_t len)
{
	Buf			b = {NULL, 0};

	buf_resize(&b, len);
	if (len > 0)
		memcpy(b.d, d, len);
	return b;
}

static void
put_be(Buf *b, size_t off, uint64_t v, int nbytes)
{
	int			i;

	for (i = nbytes - 1; i >= 0 && off + i < b->len; i--)
	{
		if (off + i < b->len)
			b->d[off + i] = (unsigned char) v;
		v >>= 8;
	}
}

static void
insert_bytes(Buf *b, size_t off, const unsigned char *d, size_t n)
{
	size_t		old = b->len;

	if (old + n > MAX_STATE)
		return;
	buf_resize(b, old + n);
	memmove(b->d + off + n, b->d + off, old - off);
	memcpy(b->d + off, d, n);
}

static void
delete_bytes(Buf *b, size_t off, size_t n)
{
	if (off + n > b->len)
		n = b->len - off;
	memmove(b->d + off, b->d + off + n, b->len - off - n);
	b->len -= n;
}

static const uint64_t extremes32[] = {
	0, 1, 2, 3, 7, 8, 16, 63, 64, 65, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000,
	0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 1000000, 1000001,
};
static const uint64_t extremes64[] = {
	0, 1, UINT64_C(0xffffffffffffffff), UINT64_C(0x7fffffffffffffff),
	UINT64_C(0x8000000000000000), UINT64_C(0x8000000000000001),
	UINT64_C(0x7ff0000000000000),	/* +Infinity */
	UINT64_C(0xfff0000000000000),	/* -Infinity */
	UINT64_C(0x7ff8000000000000),	/* NaN */
	UINT64_C(0x7ff0000000000001),	/* signalling NaN */
	UINT64_C(0x8000000000000000),	/* -0.0 */
	UINT64_C(0x0000000000000001),	/* denormal */
	UINT64_C(0x7fefffffffffffff),	/* DBL_MAX */
	UINT64_C(0xff1fe6e2e1ae4000),	/* 0001-01-01 in PostgreSQL microseconds */
	UINT64_C(0x0380e8c7ad640000),	/* 10000-01-01 */
	UINT64_C(0x3ff0000000000000),	/* 1.0 */
};

static size_t
pick_off(const Buf *b, int width)
{
	if (b->len <= (size_t) width)
		return 0;
	return (size_t) rnd_below(b->len - width + 1);
}

static void
mutate_once(Buf *b, int family)
{
	size_t		off,
				n;
	int			k;
	unsigned char tmp[64];

	switch (rnd_below(15))
	{
		case 0:					/* bit flips */
			if (b->len == 0)
				break;
			for (k = 1 + (int) rnd_below(8); k > 0; k--)
				b->d[rnd_below(b->len)] ^= (unsigned char) (1u << rnd_below(8));
			break;
		case 1:					/* a byte set to a random or boundary value */
			if (b->len == 0)
				break;
			{
				static const unsigned char v[] = {0, 1, 2, 0x7f, 0x80, 0xfe, 0xff};

				b->d[rnd_below(b->len)] = chance(50) ? (unsigned char) rnd() : v[rnd_below(sizeof(v))];
			}
			break;
		case 2:					/* truncation */
			b->len = (size_t) rnd_below(b->len + 1);
			break;
		case 3:					/* extension with random bytes or zeros */
			n = 1 + (size_t) rnd_below(chance(80) ? 16 : 64);
			for (k = 0; k < (int) n; k++)
				tmp[k] = chance(50) ? 0 : (unsigned char) rnd();
			insert_bytes(b, chance(60) ? b->len : (size_t) rnd_below(b->len + 1), tmp, n);
			break;
		case 4:					/* a 32-bit field set to an extreme */
		case 5:
			off = pick_off(b, 4);
			put_be(b, off, extremes32[rnd_below(sizeof(extremes32) / sizeof(extremes32[0]))], 4);
			break;
		case 6:					/* a 32-bit field set to the remaining length, or off by one or
								 * a multiple */
			off = pick_off(b, 4);
			{
				int64_t		rest = (int64_t) b->len - (int64_t) off - 4;
				static const int	mult[] = {1, 4, 8, 12, 16};

				rest /= mult[rnd_below(5)];
				rest += (int64_t) rnd_below(3) - 1;
				put_be(b, off, (uint64_t) rest, 4);
			}
			break;
		case 7:					/* a 64-bit field set to an extreme */
			off = pick_off(b, 8);
			put_be(b, off, extremes64[rnd_below(sizeof(extremes64) / sizeof(extremes64[0]))], 8);
			break;
		case 8:					/* a small field moved by +-1 */
			if (b->len == 0)
				break;
			off = pick_off(b, 4);
			{
				uint32_t	v = 0;

				for (k = 0; k < 4 && off + k < b->len; k++)
					v = (v << 8) | b->d[off + k];
				v += chance(50) ? 1 : (uint32_t) -1;
				put_be(b, off, v, 4);
			}
			break;
		case 9:					/* delete a span */
			if (b->len == 0)
				break;
			off = (size_t) rnd_below(b->len);
			delete_bytes(b, off, 1 + (size_t) rnd_below(chance(70) ? 8 : 64));
			break;
		case 10:				/* duplicate a span */
			if (b->len == 0)
				break;
			off = (size_t) rnd_below(b->len);
			n = 1 + (size_t) rnd_below(b->len - off < 64 ? b->len - off : 64);
			memcpy(tmp, b->d + off, n);
			insert_bytes(b, off + n, tmp, n);
			break;
		case 11:				/* an OID: another enum type or label */
			if (noids == 0)
				break;
			off = pick_off(b, 4);
			put_be(b, off, oids[rnd_below(noids)], 4);
			break;
		case 12:				/* splice with another state of the family */
			{
				const Buf  *o = NULL;
				size_t		cut,
							ocut;
				Buf			r;

				for (k = 0; k < 20 && o == NULL; k++)
				{
					int			s = (int) rnd_below(nseeds);

					if (seed_family[s] == family)
						o = &seeds[s];
				}
				if (o == NULL)
					break;
				cut = (size_t) rnd_below(b->len + 1);
				ocut = (size_t) rnd_below(o->len + 1);
				if (cut + (o->len - ocut) > MAX_STATE)
					break;
				r = buf_of(b->d, cut);
				buf_resize(&r, cut + o->len - ocut);
				memcpy(r.d + cut, o->d + ocut, o->len - ocut);
				free(b->d);
				*b = r;
			}
			break;
		case 13:				/* swap two 4- or 8-byte fields */
			{
				int			w = chance(50) ? 4 : 8;
				size_t		a = pick_off(b, w),
							c = pick_off(b, w);

				if (b->len < (size_t) w)
					break;
				memcpy(tmp, b->d + a, w);
				memmove(b->d + a, b->d + c, w);
				memcpy(b->d + c, tmp, w);
			}
			break;
		default:				/* a byte run set to a random value */
			if (b->len == 0)
				break;
			off = (size_t) rnd_below(b->len);
			n = 1 + (size_t) rnd_below(8);
			for (k = 0; k < (int) n && off + k < b->len; k++)
				b->d[off + k] = (unsigned char) rnd();
			break;
	}
}

/* ------------------------------------------------------------------------
 * Server side
 * ------------------------------------------------------------------------
 */
static PGresult *
exec_ok(const char *sql, int fmt)
{
	PGresult   *r = PQexecParams(conn, sql, 0, NULL, NULL, NULL, NULL, fmt);

	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
	{
		fprintf(stderr, "state_fuzz: %s: %s", sql, PQerrorMessage(conn));
		exit(2);
	}
	return r;
}

static void
connect_db(void)
{
	const char *db = getenv("FUZZ_DB") ? getenv("FUZZ_DB") : "journey_fuzz";
	const char *keys[] = {"dbname", NULL};
	const char *vals[] = {db, NULL};
	int			tries;

	for (tries = 0; tries < 60; tries++)
	{
		conn = PQconnectdbParams(keys, vals, 1);
		if (PQstatus(conn) == CONNECTION_OK)
			break;
		PQfinish(conn);
		conn = NULL;
		sleep(1);
	}
	if (conn == NULL)
	{
		fprintf(stderr, "state_fuzz: cannot connect to %s\n", db);
		exit(2);
	}
	PQclear(exec_ok("SET statement_timeout = '10s'", 0));
	/* keep the expected errors out of the server log (superusers only) */
	PQclear(PQexec(conn, "SET log_min_messages = fatal"));
	{
		PGresult   *r = PQprepare(conn, "q",
								  "SELECT r.result, r.reserialized FROM journey_fuzz.check_state("
								  "$1::pg_catalog.oid::pg_catalog.regprocedure, $2::pg_catalog.bytea, "
								  "$3::pg_catalog.regtype[], $4::pg_catalog.bool) r", 4, NULL);

		if (PQresultStatus(r) != PGRES_COMMAND_OK)
		{
			fprintf(stderr, "state_fuzz: prepare: %s", PQerrorMessage(conn));
			exit(2);
		}
		PQclear(r);
	}
	if (!PQenterPipelineMode(conn))
	{
		fprintf(stderr, "state_fuzz: cannot enter pipeline mode\n");
		exit(2);
	}
}

static int
family_index(const char *name)
{
	int			i;

	for (i = 0; i < nfamilies; i++)
		if (strcmp(families[i], name) == 0)
			return i;
	families = realloc(families, (nfamilies + 1) * sizeof(char *));
	families[nfamilies] = strdup(name);
	return nfamilies++;
}

static void
load(void)
{
	PGresult   *r;
	int			i;

	r = exec_ok("SELECT agg::oid::text, family, argtypes::text, via_text FROM journey_fuzz.targets ORDER BY agg::oid, via_text", 0);
	ntargets = PQntuples(r);
	targets = calloc(ntargets, sizeof(Target));
	for (i = 0; i < ntargets; i++)
	{
		targets[i].agg = strdup(PQgetvalue(r, i, 0));
		targets[i].family = family_index(PQgetvalue(r, i, 1));
		targets[i].argtypes = PQgetisnull(r, i, 2) ? NULL : strdup(PQgetvalue(r, i, 2));
		targets[i].via_text = strcmp(PQgetvalue(r, i, 3), "t") == 0;
	}
	PQclear(r);
	r = exec_ok("SELECT family, state, s.agg::oid::text FROM journey_fuzz.seeds s "
				"ORDER BY family, state", 0);
	nseeds = PQntuples(r);
	seeds = calloc(nseeds, sizeof(Buf));
	seed_family = calloc(nseeds, sizeof(int));
	seed_target = calloc(nseeds, sizeof(int));
	for (i = 0; i < nseeds; i++)
	{
		char	   *f = PQgetvalue(r, i, 0);
		size_t		len;
		unsigned char *d = PQunescapeBytea((unsigned char *) PQgetvalue(r, i, 1), &len);
		int			t;

		seed_family[i] = family_index(f);
		seeds[i] = buf_of(d, len);
		PQfreemem(d);
		seed_target[i] = -1;
		if (!PQgetisnull(r, i, 2))
			for (t = 0; t < ntargets; t++)
				if (strcmp(targets[t].agg, PQgetvalue(r, i, 2)) == 0)
					seed_target[i] = t;
	}
	PQclear(r);
	r = exec_ok("SELECT oid FROM pg_catalog.pg_enum UNION ALL "
				"SELECT oid FROM pg_catalog.pg_type WHERE typtype = 'e' OR oid IN (23, 25, 17) "
				"ORDER BY 1", 0);
	noids = PQntuples(r);
	oids = calloc(noids + 1, sizeof(uint32_t));
	for (i = 0; i < noids; i++)
		oids[i] = (uint32_t) strtoul(PQgetvalue(r, i, 0), NULL, 10);
	PQclear(r);
	if (ntargets == 0 || nseeds == 0)
	{
		fprintf(stderr, "state_fuzz: no targets or seeds (run test/fuzz/state_fuzz.sql)\n");
		exit(2);
	}
}

/* ------------------------------------------------------------------------
 * Results
 * ------------------------------------------------------------------------
 */
static void
print_item(FILE *f, const Item *it)
{
	size_t		i;

	fprintf(f, "  SELECT * FROM journey_fuzz.check_state(%s::oid::regprocedure, '\\x",
			targets[it->target].agg);
	for (i = 0; i < it->in.len; i++)
		fprintf(f, "%02x", it->in.d[i]);
	fprintf(f, "'::bytea, %s%s%s, via_text => %s);\n", targets[it->target].argtypes ? "'" : "",
			targets[it->target].argtypes ? targets[it->target].argtypes : "NULL",
			targets[it->target].argtypes ? "'" : "",
			targets[it->target].via_text ? "true" : "false");
}

static void
fail(int prop, const Item *it, const char *what)
{
	prop_fail[prop]++;
	if (printed_failures++ < 40)
	{
		printf("FAIL %s: input #%ld (%s): %s\n", prop_name[prop], it->id,
			   origin_name[it->origin], what);
		print_item(stdout, it);
		fflush(stdout);
	}
}

static void
count_state(const char *st)
{
	int			i;

	for (i = 0; i < nstates; i++)
		if (strcmp(states[i], st) == 0)
			break;
	if (i == nstates && nstates < 64)
		snprintf(states[nstates++], sizeof(states[0]), "%s", st);
	if (i < 64)
		state_count[i]++;
}

static void
queue_reserialized(const Item *it, const unsigned char *d, size_t len)
{
	if (npending >= maxpending)
	{
		maxpending = maxpending ? maxpending * 2 : 256;
		pending = realloc(pending, maxpending * sizeof(Item));
	}
	pending[npending].id = next_id++;
	pending[npending].origin = O_RESER;
	pending[npending].target = it->target;
	pending[npending].in = buf_of(d, len);
	pending[npending].done = false;
	npending++;
}

/*
 * Errors that a valid state can give because the same rows would: a limit
 * (54000, e.g. a Markov chain that does not converge), time_in_stage's
 * 22008 for a stay that starts or ends at +-infinity (which timestamptz
 * rows can hold), and 22003 for sums of attribution amounts beyond float8's
 * range (combining two copies of a state doubles its amounts).
 */
static bool
same_as_rows(const char *st, const char *msg)
{
	if (strcmp(st, "54000") == 0)
		return true;
	if (strcmp(st, "22003") == 0)
		return msg != NULL && strcmp(msg, "value out of range: overflow") == 0;
	return strcmp(st, "22008") == 0 && msg != NULL &&
		strcmp(msg, "time in stage is out of range") == 0;
}

/* false when the connection broke */
static bool
handle_result(Item *it, PGresult *r)
{
	ExecStatusType s = PQresultStatus(r);

	if (s == PGRES_TUPLES_OK)
	{
		it->done = true;
		n_ok[it->origin]++;
		if (it->origin != O_RESER && PQntuples(r) == 1 && !PQgetisnull(r, 0, 1))
		{
			/* the bytea comes back in text form: \x hex */
			size_t		len;
			unsigned char *d = PQunescapeBytea((unsigned char *) PQgetvalue(r, 0, 1), &len);

			if (d != NULL && len <= MAX_STATE)
				queue_reserialized(it, d, len);
			PQfreemem(d);
		}
		return true;
	}
	if (s == PGRES_FATAL_ERROR)
	{
		const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		char		msg[600];

		if (st == NULL)
			return false;		/* connection-level: no SQLSTATE */
		it->done = true;
		count_state(st);
		snprintf(msg, sizeof(msg), "%s %s", st, PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
		if (strcmp(st, "57014") == 0)
			fail(P_TIMELY, it, msg);
		else if (strcmp(st, "22P03") != 0 &&
				 !(targets[it->target].via_text && strcmp(st, "22P02") == 0) &&
				 !same_as_rows(st, PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)))
			fail(P_SQLSTATE, it, msg);
		if (it->origin == O_SEED)
			fail(P_SEEDS, it, msg);
		else if (it->origin == O_RESER && !same_as_rows(st, PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)))
			fail(P_RESER, it, msg);	/* a sum over a program limit is no bug */
		return true;
	}
	return PQstatus(conn) == CONNECTION_OK;
}

static bool
send_item(Item *it)
{
	const char *vals[4];
	int			lens[4] = {0, 0, 0, 0};
	int			fmts[4] = {0, 1, 0, 0};

	vals[0] = targets[it->target].agg;
	vals[1] = it->in.len > 0 ? (const char *) it->in.d : "";
	lens[1] = (int) it->in.len;
	vals[2] = targets[it->target].argtypes;
	vals[3] = targets[it->target].via_text ? "t" : "f";
	return PQsendQueryPrepared(conn, "q", 4, vals, lens, fmts, 0) && PQpipelineSync(conn);
}

static void
reconnect(void)
{
	PQfinish(conn);
	connect_db();
}

/* The callbacks of fuzz_pipeline.h. */
static bool
pipe_send(void *it)
{
	return send_item((Item *) it);
}

static bool
pipe_handle(void *it, PGresult *r)
{
	return handle_result((Item *) it, r);
}

static bool
pipe_answered(const void *it)
{
	return ((const Item *) it)->done;
}

static long last_sent_id;		/* the last input of the batch being run */

static void
pipe_crashed(void *item, bool alone_lost)
{
	Item	   *it = (Item *) item;

	n_crashes++;
	if (it == NULL)
	{
		prop_fail[P_ALIVE]++;
		printf("CRASH: the server connection was lost after input #%ld\n", last_sent_id);
		return;
	}
	fail(P_ALIVE, it, alone_lost ? "the server connection was lost" :
		 "the connection was lost in a pipeline; alone the input did not crash it");
	it->done = true;
}

static const FuzzPipeline pipeline = {
	.prog = "state_fuzz",
	.conn = &conn,
	.item_size = sizeof(Item),
	.send = pipe_send,
	.handle = pipe_handle,
	.answered = pipe_answered,
	.reconnect = reconnect,
	.crashed = pipe_crashed,
};

static void
run_items(Item *items, int n)
{
	if (n > 0)
		last_sent_id = items[n - 1].id;
	fuzz_run_items(&pipeline, items, n);
}

/* ------------------------------------------------------------------------
 * Input generation
 * ------------------------------------------------------------------------
 */
static int
target_of_family(int family)
{
	int			k;

	for (k = 0; k < 1000; k++)
	{
		int			t = (int) rnd_below(ntargets);

		if (targets[t].family == family)
			return t;
	}
	return 0;
}

static void
make_item(Item *it, long i)
{
	int			s = (int) rnd_below(nseeds);
	int			k,
				n;

	it->id = next_id++;
	it->done = false;
	it->in.d = NULL;
	it->in.len = 0;
	if (i < nseeds)
	{
		/* every seed once, unchanged */
		it->origin = O_SEED;
		it->target = seed_target[i] >= 0 ? seed_target[i] : target_of_family(seed_family[i]);
		it->in = buf_of(seeds[i].d, seeds[i].len);
		return;
	}
	if (chance(3))
	{
		it->origin = O_RANDOM;
		it->target = (int) rnd_below(ntargets);
		buf_resize(&it->in, (size_t) rnd_below(chance(50) ? 40 : 400));
		for (k = 0; k < (int) it->in.len; k++)
			it->in.d[k] = (unsigned char) rnd();
		return;
	}
	it->in = buf_of(seeds[s].d, seeds[s].len);
	if (chance(4))
	{
		it->origin = O_CROSS;
		it->target = (int) rnd_below(ntargets);
		if (chance(50))
			return;
	}
	else
	{
		it->origin = O_MUT;
		it->target = seed_target[s] >= 0 && chance(80) ? seed_target[s] :
			target_of_family(seed_family[s]);
	}
	n = 1 + (int) rnd_below(chance(70) ? 2 : 5);
	for (k = 0; k < n; k++)
		mutate_once(&it->in, seed_family[s]);
}

static double
now_s(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return tv.tv_sec + tv.tv_usec / 1e6;
}

static long
log_crashes(const char *path, long from)
{
	FILE	   *f = fopen(path, "r");
	char		line[4096];
	long		n = 0;

	if (f == NULL)
		return 0;
	fseek(f, from, SEEK_SET);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "server process (PID") &&
			(strstr(line, "was terminated") || strstr(line, "exited with exit code")))
		{
			n++;
			printf("server log: %s", line);
		}
	fclose(f);
	return n;
}

int
main(void)
{
	long		count = getenv("FUZZ_STATES") ? atol(getenv("FUZZ_STATES")) : 20000;
	int			batch = getenv("FUZZ_BATCH") ? atoi(getenv("FUZZ_BATCH")) : 256;
	uint64_t	seed = getenv("FUZZ_SEED") ? strtoull(getenv("FUZZ_SEED"), NULL, 10) : 20260101;
	const char *logpath = getenv("JOURNEY_PGLOG");
	long		logpos = 0;
	long		i = 0,
				total = 0;
	double		t0;
	Item	   *items;
	int			p,
				passed = 0,
				failed = 0;

	if (batch < 1)
		batch = 1;
	rng_state = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
	if (logpath && *logpath)
	{
		FILE	   *f = fopen(logpath, "r");

		if (f)
		{
			fseek(f, 0, SEEK_END);
			logpos = ftell(f);
			fclose(f);
		}
	}
	connect_db();
	PQexitPipelineMode(conn);
	load();
	if (!PQenterPipelineMode(conn))
		exit(2);
	printf("aggregate states: %d aggregates, %d deserialize functions, %d seed states; "
		   "%ld inputs, FUZZ_SEED=%" PRIu64 "\n", ntargets, nfamilies, nseeds, count, seed);
	fflush(stdout);

	items = calloc(batch, sizeof(Item));
	t0 = now_s();
	while (i < count || npending > 0)
	{
		int			n = 0,
					k;

		/* reserialized states first, then new inputs */
		while (npending > 0 && n < batch)
			items[n++] = pending[--npending];
		while (n < batch && i < count)
			make_item(&items[n++], i++);
		for (k = 0; k < n; k++)
			n_in[items[k].origin]++;
		run_items(items, n);
		for (k = 0; k < n; k++)
			free(items[k].in.d);
		total += n;
	}
	if (logpath && *logpath)
	{
		long		c = log_crashes(logpath, logpos);

		if (c > 0)
			prop_fail[P_ALIVE] += c;
	}

	printf("%ld inputs in %.1f s (%.0f inputs/s)\n", total, now_s() - t0,
		   total / (now_s() - t0 > 0 ? now_s() - t0 : 1));
	printf("  %-14s %9s %9s %9s\n", "origin", "inputs", "accepted", "rejected");
	for (p = 0; p < O_NORIGINS; p++)
		printf("  %-14s %9ld %9ld %9ld\n", origin_name[p], n_in[p], n_ok[p], n_in[p] - n_ok[p]);
	printf("rejected by SQLSTATE:");
	for (p = 0; p < nstates; p++)
		printf(" %s %ld", states[p], state_count[p]);
	printf("\ncrashes: %ld\n", n_crashes);
	for (p = 0; p < P_NPROPS; p++)
	{
		printf("  %-13s %s", prop_name[p], prop_fail[p] ? "FAILED" : "ok");
		if (prop_fail[p])
			printf(" (%ld)", prop_fail[p]);
		printf("\n");
		if (prop_fail[p])
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	PQfinish(conn);
	return failed ? 1 : 0;
}
