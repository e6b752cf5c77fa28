/*-------------------------------------------------------------------------
 *
 * path_table.h
 *	  Aggregate state of the data-driven attribution models (Markov,
 *	  Shapley): every distinct path of labels seen, with the sums of its
 *	  conversions, value and nulls (non-conversions).
 *
 * Labels are interned (ids in order of first appearance in this state);
 * paths are sequences of label ids kept in one arena and found through an
 * open-addressing hash table.  Two states combine by re-interning the
 * labels of one into the other, so the aggregates are parallel safe and
 * usable on partitions or Citus shards.
 *
 * The SQL type journey.attribution_state carries the state between
 * processes and nodes (parallel workers, Citus workers): its flat form is
 * a varlena whose data is the serialized form below; its text form is that
 * data in base64.  Inside an aggregate the state is an expanded object
 * (utils/expandeddatum.h) holding a PathTable, updated in place by the
 * transition and combine functions and flattened only when it leaves the
 * process.
 *
 * Serialized form (integers in network byte order, as pq_sendint32 writes
 * them; validated on the way in):
 *	  uint8  version (PATH_TABLE_VERSION)
 *	  int32  param_int, int32 param_text_len (-1: none), param text bytes
 *	  int32  nlabels, then nlabels x (int32 len, bytes), each label distinct
 *			 and valid in the database encoding
 *	  int32  npaths, then npaths x (int32 len > 0, len x int32 label id,
 *			 float8 conversions, float8 value, float8 nulls), each path
 *			 distinct
 *
 * That is the "paths" form (version byte 1), the state of shapley_model.
 * A markov_model or markov_fit state (order >= 1) leaves the process in the
 * "chain" form instead (version byte 2): what markov_chain_fit reads of the
 * paths, the chain's states and transitions, whose size depends on the
 * labels and the order, not on the number of distinct paths.  The state
 * converts itself when it is first serialized or combined with a chain;
 * within one process the transition function keeps adding paths.  Chain
 * form (markov.c, markov_state_read validates it):
 *	  uint8  version (PATH_TABLE_CHAIN_VERSION)
 *	  int32  order k (1..MARKOV_MAX_ORDER)
 *	  int32  nlabels, then nlabels x (int32 len, bytes), as above
 *	  float8 total conversions, its compensation, total value, its
 *			 compensation (Neumaier sums)
 *	  int32  nstates >= 1, then nstates x (k x int32 key, int32 depth,
 *			 float8 conversions, float8 value, float8 nulls): state 0 is
 *			 start (key all -2, depth 0); the others hold 1..k label ids
 *			 then -1 padding, are distinct, and have depth = their number of
 *			 labels if below k, else at least k; amounts are those of the
 *			 paths ending in the state
 *	  int32  nedges, then nedges x (int32 from, int32 to, float8 weight > 0),
 *			 sorted by (from, to) without duplicates, each a step of the
 *			 chain (to's key is from's key followed by one label), and
 *			 every state but start as much weight in as out (transitions
 *			 out, conversions and nulls)
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_PATH_TABLE_H
#define JOURNEY_PATH_TABLE_H

#include <math.h>

#include "fmgr.h"
#include "utils/expandeddatum.h"

#include "pg_compat.h"

#define PATH_TABLE_VERSION	1
#define PATH_TABLE_CHAIN_VERSION	2

/*
 * Memory limit of one state: labels, label ids of the distinct paths, path
 * entries and hash slots, counted as allocated.  doc/limits.md.
 */
#define PATH_TABLE_MAX_BYTES	((Size) 256 * 1024 * 1024)
/* markov_model orders are 1..MARKOV_MAX_ORDER */
#define MARKOV_MAX_ORDER	10

typedef struct PathEntry
{
	uint32		hash;
	int32		len;			/* number of labels */
	int64		off;			/* first label id in PathTable.ids */
	float8		conversions;
	float8		value;
	float8		nulls;
} PathEntry;

struct MarkovAcc;

typedef struct PathTable
{
	MemoryContext mcxt;

	/*
	 * The chain form (markov.c), or NULL: a state in chain form has no paths
	 * left, only its labels and parameter (the order).
	 */
	struct MarkovAcc *chain;

	/* labels */
	int32		nlabels;
	int32		maxlabels;
	char	  **label_str;
	int32	   *label_len;
	uint32	   *label_hash;
	int32	   *label_slots;	/* -1 = empty */
	int32		nlabel_slots;

	/* paths */
	int64		nids;
	int64		maxids;
	int32	   *ids;
	int32		npaths;
	int32		maxpaths;
	PathEntry  *paths;
	int32	   *path_slots;		/* -1 = empty */
	int32		npath_slots;

	/* memory counted against PATH_TABLE_MAX_BYTES */
	Size		bytes;
	/* most distinct labels the aggregate accepts (0: no limit of its own) */
	int32		max_labels;
	const char *max_labels_hint;

	/* a constant argument of the aggregate (order, game), from the first row */
	bool		has_params;
	int32		param_int;
	int32		param_text_len;
	char	   *param_text;
} PathTable;

/*
 * The amounts of attribution states (conversions, values, nulls and the
 * chain's weights) are sums of finite inputs.  A sum beyond float8's range
 * is an error, as in PostgreSQL's own float8 addition, rather than an
 * infinity that no state reader accepts and no result means.
 */
extern pg_noreturn void attribution_amount_overflow(void);

static inline void
amount_add(float8 *sum, float8 x)
{
	float8		r = *sum + x;

	if (unlikely(isinf(r)))
		attribution_amount_overflow();
	*sum = r;
}

extern PathTable *path_table_new(MemoryContext mcxt);
extern int32 path_table_label(PathTable *pt, const char *str, int32 len);
extern bool path_table_add(PathTable *pt, const int32 *ids, int32 len,
						   float8 conversions, float8 value, float8 nulls);
extern void path_table_set_params(PathTable *pt, int32 param_int,
								  const char *text, int32 text_len);
extern void path_table_combine(PathTable *into, const PathTable *from);
extern Size path_table_serialized_size(const PathTable *pt);
extern void path_table_write(const PathTable *pt, char *dst, Size size);
extern bytea *path_table_serialize(const PathTable *pt);
extern PathTable *path_table_read(const char *data, Size len,
								  MemoryContext mcxt, int errcode);

/* The shared transition function's work for one row (path_table_trans). */
typedef enum PathTableInput
{
	PATH_INPUT_JOURNEY,			/* path is a journey */
	PATH_INPUT_ARRAY			/* path is a text[] */
} PathTableInput;

typedef enum PathTableParam
{
	PATH_PARAM_INT,				/* the optional 6th argument is an integer */
	PATH_PARAM_TEXT				/* ... a text */
} PathTableParam;

extern Datum path_table_trans(FunctionCallInfo fcinfo, const char *fname,
							  PathTableInput input, PathTableParam param,
							  int32 default_param_int, int32 max_labels,
							  const char *max_labels_hint);

/* The state argument argno of a final function, read-only; NULL if null. */
extern PathTable *path_table_getarg(FunctionCallInfo fcinfo, int argno);

#endif							/* JOURNEY_PATH_TABLE_H */
