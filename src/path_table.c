/*-------------------------------------------------------------------------
 *
 * path_table.c
 *	  Shared aggregate state of markov_model, shapley_model and markov_fit:
 *	  distinct label paths with their conversions, value and nulls; and
 *	  the SQL type journey.attribution_state that carries it (text and
 *	  binary I/O, expanded form, combine function).  See path_table.h.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "port/pg_bswap.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "agg_state.h"
#include "journey.h"
#include "markov.h"
#include "path_table.h"

/* type attribution_state */
PG_FUNCTION_INFO_V1(journey_attribution_state_in);
PG_FUNCTION_INFO_V1(journey_attribution_state_out);
PG_FUNCTION_INFO_V1(journey_attribution_state_recv);
PG_FUNCTION_INFO_V1(journey_attribution_state_send);
/* aggregate support */
PG_FUNCTION_INFO_V1(journey_attribution_state_combine);
/* the support functions of the internal-state aggregates of 0.2.0 */
PG_FUNCTION_INFO_V1(journey_path_table_combine);
PG_FUNCTION_INFO_V1(journey_path_table_serial);
PG_FUNCTION_INFO_V1(journey_path_table_deserial);

#define INITIAL_SLOTS 64

/* Count n more bytes against the state's limit. */
static void
path_table_charge(PathTable *pt, Size n)
{
	pt->bytes += n;
	if (pt->bytes > PATH_TABLE_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("attribution model state would exceed %d MB",
						(int) (PATH_TABLE_MAX_BYTES / (1024 * 1024))),
				 errdetail("It holds %d distinct labels and %d distinct paths with %lld touches.",
						   pt->nlabels, pt->npaths, (long long) pt->nids),
				 errhint("Group rare labels together, cut long paths (journey.slice), or run the model on a sample.")));
}

PathTable *
path_table_new(MemoryContext mcxt)
{
	PathTable  *pt = MemoryContextAllocZero(mcxt, sizeof(PathTable));
	int			i;

	pt->mcxt = mcxt;
	pt->maxlabels = 16;
	pt->label_str = MemoryContextAlloc(mcxt, pt->maxlabels * sizeof(char *));
	pt->label_len = MemoryContextAlloc(mcxt, pt->maxlabels * sizeof(int32));
	pt->label_hash = MemoryContextAlloc(mcxt, pt->maxlabels * sizeof(uint32));
	pt->nlabel_slots = INITIAL_SLOTS;
	pt->label_slots = MemoryContextAlloc(mcxt, INITIAL_SLOTS * sizeof(int32));
	for (i = 0; i < INITIAL_SLOTS; i++)
		pt->label_slots[i] = -1;

	pt->maxids = 256;
	pt->ids = MemoryContextAlloc(mcxt, pt->maxids * sizeof(int32));
	pt->maxpaths = 64;
	pt->paths = MemoryContextAlloc(mcxt, pt->maxpaths * sizeof(PathEntry));
	pt->npath_slots = INITIAL_SLOTS * 2;
	pt->path_slots = MemoryContextAlloc(mcxt, pt->npath_slots * sizeof(int32));
	for (i = 0; i < pt->npath_slots; i++)
		pt->path_slots[i] = -1;
	pt->param_text_len = -1;
	return pt;
}

static void
label_rehash(PathTable *pt)
{
	int32		nslots = pt->nlabel_slots * 2;
	int32	   *slots = MemoryContextAlloc(pt->mcxt, nslots * sizeof(int32));
	int32		i;

	path_table_charge(pt, nslots * sizeof(int32) / 2);
	for (i = 0; i < nslots; i++)
		slots[i] = -1;
	for (i = 0; i < pt->nlabels; i++)
	{
		uint32		s = pt->label_hash[i] & (nslots - 1);

		while (slots[s] >= 0)
			s = (s + 1) & (nslots - 1);
		slots[s] = i;
	}
	pfree(pt->label_slots);
	pt->label_slots = slots;
	pt->nlabel_slots = nslots;
}

int32
path_table_label(PathTable *pt, const char *str, int32 len)
{
	uint32		h = hash_bytes((const unsigned char *) str, len);
	uint32		s = h & (pt->nlabel_slots - 1);
	int32		id;

	while ((id = pt->label_slots[s]) >= 0)
	{
		if (pt->label_hash[id] == h && pt->label_len[id] == len &&
			memcmp(pt->label_str[id], str, len) == 0)
			return id;
		s = (s + 1) & (pt->nlabel_slots - 1);
	}

	if (pt->max_labels > 0 && pt->nlabels >= pt->max_labels)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("more than %d distinct labels", pt->max_labels),
				 errhint("%s", pt->max_labels_hint)));
	path_table_charge(pt, len + 16);
	if (pt->nlabels == pt->maxlabels)
	{
		path_table_charge(pt, pt->maxlabels * (sizeof(char *) + sizeof(int32) + sizeof(uint32)));
		pt->maxlabels *= 2;
		pt->label_str = repalloc(pt->label_str, pt->maxlabels * sizeof(char *));
		pt->label_len = repalloc(pt->label_len, pt->maxlabels * sizeof(int32));
		pt->label_hash = repalloc(pt->label_hash, pt->maxlabels * sizeof(uint32));
	}
	id = pt->nlabels++;
	pt->label_str[id] = MemoryContextAlloc(pt->mcxt, Max(len, 1));
	memcpy(pt->label_str[id], str, len);
	pt->label_len[id] = len;
	pt->label_hash[id] = h;
	pt->label_slots[s] = id;
	if (pt->nlabels * 2 > pt->nlabel_slots)
		label_rehash(pt);
	return id;
}

static void
path_rehash(PathTable *pt)
{
	int32		nslots = pt->npath_slots * 2;
	int32	   *slots;
	int32		i;

	path_table_charge(pt, nslots * sizeof(int32) / 2);
	slots = MemoryContextAlloc(pt->mcxt, nslots * sizeof(int32));
	for (i = 0; i < nslots; i++)
		slots[i] = -1;
	for (i = 0; i < pt->npaths; i++)
	{
		uint32		s = pt->paths[i].hash & (nslots - 1);

		JOURNEY_CHECK_INTERRUPTS(i);
		while (slots[s] >= 0)
			s = (s + 1) & (nslots - 1);
		slots[s] = i;
	}
	pfree(pt->path_slots);
	pt->path_slots = slots;
	pt->npath_slots = nslots;
}

/* A sum of amounts beyond float8's range (path_table.h, amount_add). */
void
attribution_amount_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: overflow"),
			 errdetail("A sum of the conversions, values or nulls of the paths is beyond the range of double precision.")));
}

/*
 * Add a path's amounts: to its entry if the path is known (returns false),
 * else to a new entry (returns true).
 */
bool
path_table_add(PathTable *pt, const int32 *ids, int32 len,
			   float8 conversions, float8 value, float8 nulls)
{
	uint32		h = hash_bytes((const unsigned char *) ids, len * sizeof(int32));
	uint32		s = h & (pt->npath_slots - 1);
	int32		pi;
	PathEntry  *e;

	while ((pi = pt->path_slots[s]) >= 0)
	{
		e = &pt->paths[pi];
		if (e->hash == h && e->len == len &&
			memcmp(pt->ids + e->off, ids, len * sizeof(int32)) == 0)
		{
			amount_add(&e->conversions, conversions);
			amount_add(&e->value, value);
			amount_add(&e->nulls, nulls);
			return false;
		}
		s = (s + 1) & (pt->npath_slots - 1);
	}

	if (pt->nids + len > pt->maxids)
	{
		int64		newmax = Max(pt->maxids * 2, pt->nids + len);

		path_table_charge(pt, (newmax - pt->maxids) * sizeof(int32));
		pt->ids = repalloc_huge(pt->ids, newmax * sizeof(int32));
		pt->maxids = newmax;
	}
	if (pt->npaths == pt->maxpaths)
	{
		path_table_charge(pt, pt->maxpaths * sizeof(PathEntry));
		pt->maxpaths *= 2;
		pt->paths = repalloc_huge(pt->paths, pt->maxpaths * sizeof(PathEntry));
	}
	memcpy(pt->ids + pt->nids, ids, len * sizeof(int32));
	pi = pt->npaths++;
	e = &pt->paths[pi];
	e->hash = h;
	e->len = len;
	e->off = pt->nids;
	e->conversions = conversions;
	e->value = value;
	e->nulls = nulls;
	pt->nids += len;
	pt->path_slots[s] = pi;
	if ((int64) pt->npaths * 2 > pt->npath_slots)
		path_rehash(pt);
	return true;
}

void
path_table_set_params(PathTable *pt, int32 param_int, const char *text,
					  int32 text_len)
{
	if (!pt->has_params)
	{
		pt->has_params = true;
		pt->param_int = param_int;
		pt->param_text_len = text ? text_len : -1;
		if (text)
		{
			pt->param_text = MemoryContextAlloc(pt->mcxt, text_len + 1);
			memcpy(pt->param_text, text, text_len);
			pt->param_text[text_len] = '\0';
		}
		return;
	}
	if (pt->param_int != param_int ||
		pt->param_text_len != (text ? text_len : -1) ||
		(text && memcmp(pt->param_text, text, text_len) != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model's parameter must be the same for all rows of a group")));
}

void
path_table_combine(PathTable *into, const PathTable *from)
{
	int32	   *map;
	int32	   *buf;
	int32		maxlen = 1;
	int32		i;
	int32		k;

	if (from->has_params)
		path_table_set_params(into, from->param_int, from->param_text,
							  from->param_text_len);
	if (into->max_labels == 0)
	{
		into->max_labels = from->max_labels;
		into->max_labels_hint = from->max_labels_hint;
	}
	map = palloc(Max(from->nlabels, 1) * sizeof(int32));
	for (i = 0; i < from->nlabels; i++)
		map[i] = path_table_label(into, from->label_str[i], from->label_len[i]);
	if (into->chain != NULL || from->chain != NULL)
	{
		/* a chain absorbs the other state, whatever its form */
		markov_state_merge(into, from, map);
		pfree(map);
		return;
	}
	for (i = 0; i < from->npaths; i++)
		maxlen = Max(maxlen, from->paths[i].len);
	buf = palloc(maxlen * sizeof(int32));
	for (i = 0; i < from->npaths; i++)
	{
		const PathEntry *e = &from->paths[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		for (k = 0; k < e->len; k++)
			buf[k] = map[from->ids[e->off + k]];
		path_table_add(into, buf, e->len, e->conversions, e->value, e->nulls);
	}
	pfree(buf);
	pfree(map);
}

/* ------------------------------------------------------------------------
 * Serialized form (path_table.h)
 * ------------------------------------------------------------------------
 */

/* Bytes of the serialized form of pt. */
Size
path_table_serialized_size(const PathTable *pt)
{
	Size		size;
	int32		i;

	/* a markov state leaves the process in the chain form */
	if (markov_state_wants_chain(pt))
		markov_state_to_chain(unconstify(PathTable *, pt));
	if (pt->chain)
		size = 1 + 4 + 4 + markov_state_size(pt);
	else
		size = 1 + 4 + 4 + Max(pt->param_text_len, 0) + 4 + 4;
	for (i = 0; i < pt->nlabels; i++)
		size += 4 + pt->label_len[i];
	for (i = 0; i < pt->npaths; i++)
		size += 4 + (Size) pt->paths[i].len * 4 + 24;
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("attribution model state is too large to be sent"),
				 errdetail("It holds %d distinct labels and %d distinct paths with %lld touches.",
						   pt->nlabels, pt->npaths, (long long) pt->nids)));
	return size;
}

/*
 * Write the serialized form of pt to dst, which has size bytes:
 * path_table_serialized_size(pt).  The byte order is pq_sendint32's and
 * pq_sendfloat8's, so the form is the one the internal-state versions of
 * the aggregates sent between parallel workers.
 */
void
path_table_write(const PathTable *pt, char *dst, Size size)
{
	char	   *p = dst;
	int32		i;
	int32		k;

	if (pt->chain)
	{
		*p++ = PATH_TABLE_CHAIN_VERSION;
		p = put_int32(p, pt->param_int);
	}
	else
	{
		*p++ = PATH_TABLE_VERSION;
		p = put_int32(p, pt->param_int);
		p = put_int32(p, pt->param_text_len);
		if (pt->param_text_len > 0)
		{
			memcpy(p, pt->param_text, pt->param_text_len);
			p += pt->param_text_len;
		}
	}
	p = put_int32(p, pt->nlabels);
	for (i = 0; i < pt->nlabels; i++)
	{
		p = put_int32(p, pt->label_len[i]);
		memcpy(p, pt->label_str[i], pt->label_len[i]);
		p += pt->label_len[i];
	}
	if (pt->chain)
		p = markov_state_write(pt, p);
	else
		p = put_int32(p, pt->npaths);
	for (i = 0; i < pt->npaths; i++)
	{
		const PathEntry *e = &pt->paths[i];
		const int32 *ids = pt->ids + e->off;

		JOURNEY_CHECK_INTERRUPTS(i);
		p = put_int32(p, e->len);
		for (k = 0; k < e->len; k++)
			p = put_int32(p, ids[k]);
		p = put_float8(p, e->conversions);
		p = put_float8(p, e->value);
		p = put_float8(p, e->nulls);
	}
	if (p - dst != size)
		elog(ERROR, "attribution state of %zu bytes written as %zu",
			 (size_t) size, (size_t) (p - dst));
}

/* The serialized form of pt as a bytea (palloc'd). */
bytea *
path_table_serialize(const PathTable *pt)
{
	Size		size = path_table_serialized_size(pt);
	bytea	   *result = palloc(VARHDRSZ + size);

	SET_VARSIZE(result, VARHDRSZ + size);
	path_table_write(pt, VARDATA(result), size);
	return result;
}

pg_noreturn
static void
corrupt_state(int code, const char *detail)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid attribution aggregate state"),
			 errdetail("%s", detail)));
}

static void
need_bytes(StringInfo buf, int64 n, int code)
{
	if (n < 0 || n > buf->len - buf->cursor)
		corrupt_state(code, "The state is truncated.");
}

static int32
get_count(StringInfo buf, int64 min_bytes_each, int code)
{
	int32		n;

	need_bytes(buf, 4, code);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0)
		corrupt_state(code, "A count or length is negative.");
	need_bytes(buf, (int64) n * min_bytes_each, code);
	return n;
}

/*
 * Whether the constant argument is one path_table_trans can have recorded:
 * a markov_model order (1..MARKOV_MAX_ORDER), 0 (shapley_model, or no row
 * yet), or 0 with a shapley_model game (the names shapley.c accepts).
 */
static bool
path_table_params_valid(int32 param_int, const char *text, int32 text_len)
{
	if (text_len < 0)
		return param_int >= 0 && param_int <= MARKOV_MAX_ORDER;
	return param_int == 0 &&
		((text_len == 11 && memcmp(text, "conversions", 11) == 0) ||
		 (text_len == 15 && memcmp(text, "conversion_rate", 15) == 0));
}

/*
 * Read the serialized form (data, len) into a new PathTable in mcxt.  The
 * bytes are untrusted (binary or text input, a parallel worker's tuple, a
 * Citus worker's text): everything is checked, and any inconsistency is an
 * error with SQLSTATE code (22P03 for binary, 22P02 for text input).  Only
 * the canonical form is accepted — distinct labels, distinct paths, nothing
 * left over — so a value that reads back writes the same bytes.
 */
PathTable *
path_table_read(const char *data, Size len, MemoryContext mcxt, int code)
{
	StringInfoData buf;
	PathTable  *pt;
	int32		nlabels;
	int32		npaths;
	int32		i;
	int32		k;
	int32		param_int;
	int32		text_len;
	int32	   *ids = NULL;
	int32		maxlen = 0;
	int			version;
	MemoryContext old;

	if (len > MaxAllocSize)
		corrupt_state(code, "The state is too long.");
	buf.data = (char *) data;
	buf.len = (int) len;
	buf.maxlen = buf.len;
	buf.cursor = 0;

	need_bytes(&buf, 9, code);
	version = pq_getmsgbyte(&buf);
	if (version != PATH_TABLE_VERSION && version != PATH_TABLE_CHAIN_VERSION)
		corrupt_state(code, "Unknown format version.");
	old = MemoryContextSwitchTo(mcxt);
	pt = path_table_new(mcxt);
	param_int = (int32) pq_getmsgint(&buf, 4);
	if (version == PATH_TABLE_CHAIN_VERSION)
	{
		if (param_int < 1 || param_int > MARKOV_MAX_ORDER)
			corrupt_state(code, "The order of a chain is out of range.");
		text_len = -1;
	}
	else
		text_len = (int32) pq_getmsgint(&buf, 4);
	if (text_len < -1)
		corrupt_state(code, "A count or length is negative.");
	need_bytes(&buf, Max(text_len, 0), code);
	if (!path_table_params_valid(param_int, buf.data + buf.cursor, text_len))
		corrupt_state(code, "The model's parameter is not one of a markov_model or shapley_model state.");
	if (text_len >= 0)
		path_table_set_params(pt, param_int, buf.data + buf.cursor, text_len);
	else
		path_table_set_params(pt, param_int, NULL, 0);
	if (text_len > 0)
		buf.cursor += text_len;

	nlabels = get_count(&buf, 4, code);
	for (i = 0; i < nlabels; i++)
	{
		int32		llen = get_count(&buf, 1, code);
		const char *str = buf.data + buf.cursor;

		if (!pg_verifymbstr(str, llen, true))
			corrupt_state(code, "A label is not valid in the database encoding.");
		if (path_table_label(pt, str, llen) != i)
			corrupt_state(code, "A label appears twice.");
		buf.cursor += llen;
	}

	if (version == PATH_TABLE_CHAIN_VERSION)
	{
		markov_state_read(pt, &buf, code);
		npaths = 0;
	}
	else
		npaths = get_count(&buf, 32, code);
	for (i = 0; i < npaths; i++)
	{
		int32		plen = get_count(&buf, 4, code);
		float8		c;
		float8		v;
		float8		nl;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (plen == 0)
			corrupt_state(code, "A path is empty.");
		need_bytes(&buf, (int64) plen * 4 + 24, code);
		if (plen > maxlen)
		{
			if (ids)
				pfree(ids);
			ids = palloc(plen * sizeof(int32));
			maxlen = plen;
		}
		for (k = 0; k < plen; k++)
		{
			ids[k] = (int32) pq_getmsgint(&buf, 4);
			if (ids[k] < 0 || ids[k] >= nlabels)
				corrupt_state(code, "A label id is out of range.");
		}
		c = pq_getmsgfloat8(&buf);
		v = pq_getmsgfloat8(&buf);
		nl = pq_getmsgfloat8(&buf);
		if (isnan(c) || isnan(v) || isnan(nl) || c < 0 || nl < 0)
			corrupt_state(code, "An amount is negative or not a number.");
		if (!path_table_add(pt, ids, plen, c, v, nl))
			corrupt_state(code, "A path appears twice.");
	}
	if (buf.cursor != buf.len)
		corrupt_state(code, "The state has trailing bytes.");
	if (ids)
		pfree(ids);
	MemoryContextSwitchTo(old);
	return pt;
}

/* ------------------------------------------------------------------------
 * The state type attribution_state (agg_state.h)
 * ------------------------------------------------------------------------
 */

static void *
pt_create(MemoryContext mcxt)
{
	return path_table_new(mcxt);
}

static void *
pt_read(const char *data, Size len, MemoryContext mcxt, int code)
{
	return path_table_read(data, len, mcxt, code);
}

static Size
pt_size(const void *obj)
{
	return path_table_serialized_size(obj);
}

static void
pt_write(const void *obj, char *dst, Size size)
{
	path_table_write(obj, dst, size);
}

static void
pt_merge(void *into, const void *from)
{
	path_table_combine(into, from);
}

static const AggStateClass attribution_state_class = {
	"attribution_state", "an attribution state",
	pt_create, pt_read, pt_size, pt_write, pt_merge
};

/*
 * The state argument argno of a final function, read-only (finals are
 * FINALFUNC_MODIFY = READ_ONLY): the expanded state's table, or a table
 * read from a flat state; NULL for a null state.
 */
PathTable *
path_table_getarg(FunctionCallInfo fcinfo, int argno)
{
	return agg_state_getarg(&attribution_state_class, fcinfo, argno);
}

/* ------------------------------------------------------------------------
 * Transition
 * ------------------------------------------------------------------------
 */

static float8
get_amount(FunctionCallInfo fcinfo, int n, const char *what, bool nonneg)
{
	float8		v;

	if (n >= PG_NARGS() || PG_ARGISNULL(n))
		return 0;
	v = PG_GETARG_FLOAT8(n);
	if (isnan(v) || isinf(v) || (nonneg && v < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be %s", what,
						nonneg ? "finite and non-negative" : "finite"),
				 errdetail("Got %g.", v)));
	return v;
}

/*
 * Transition work shared by markov_model, markov_fit and shapley_model:
 * (state, path journey|text[], conversions, value, nulls [, param]).  A
 * NULL or empty path contributes nothing; NULL amounts count as 0.  The
 * optional parameter is an integer (markov order) or text (shapley game);
 * without it default_param_int / no text is recorded.  A path bringing the
 * state above max_labels distinct labels (if > 0) is an error with
 * max_labels_hint as its hint.
 *
 * The type of the path is the one of the call when the call has an
 * expression tree (nodeAgg), else input: Citus calls transition functions
 * without one (worker_partial_agg), and the SQL definitions of 0.2.0 bind
 * the text[] forms to the journey entry points.  The parameter's type is
 * param.  Returns the read-write expanded state, updated in place.
 */
Datum
path_table_trans(FunctionCallInfo fcinfo, const char *fname,
				 PathTableInput input, PathTableParam param,
				 int32 default_param_int, int32 max_labels,
				 const char *max_labels_hint)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, fname);
	ExpandedAggState *state = agg_state_for_update(&attribution_state_class,
												   fcinfo, 0, aggcontext);
	PathTable  *pt = state->obj;
	float8		conv;
	float8		value;
	float8		nulls;
	int32	   *ids;
	int32		n = 0;
	Oid			pathtype = get_fn_expr_argtype(fcinfo->flinfo, 1);

	if (OidIsValid(pathtype))
		input = pathtype == TEXTARRAYOID ? PATH_INPUT_ARRAY : PATH_INPUT_JOURNEY;
	if (pt->max_labels == 0)
	{
		pt->max_labels = max_labels;
		pt->max_labels_hint = max_labels_hint;
	}

	/* parameter */
	if (PG_NARGS() > 5)
	{
		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the model's parameter must not be NULL")));
		if (param == PATH_PARAM_INT)
			path_table_set_params(pt, PG_GETARG_INT32(5), NULL, 0);
		else
		{
			text	   *t = PG_GETARG_TEXT_PP(5);

			path_table_set_params(pt, 0, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
	}
	else
		path_table_set_params(pt, default_param_int, NULL, 0);

	conv = get_amount(fcinfo, 2, "conversions", true);
	value = get_amount(fcinfo, 3, "value", false);
	nulls = get_amount(fcinfo, 4, "nulls", true);
	if (PG_ARGISNULL(1))
		return agg_state_datum(state);

	if (input == PATH_INPUT_ARRAY)
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
		Datum	   *elems;
		bool	   *isnull;
		int			nelems;
		int			i;

		if (ARR_NDIM(arr) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("path must be a one-dimensional array")));
		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT,
						  &elems, &isnull, &nelems);
		ids = palloc(Max(nelems, 1) * sizeof(int32));
		for (i = 0; i < nelems; i++)
		{
			text	   *t;

			if (isnull[i])
				continue;
			t = DatumGetTextPP(elems[i]);
			ids[n++] = path_table_label(pt, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
		pfree(elems);
		pfree(isnull);
	}
	else
	{
		Journey    *j = PG_GETARG_JOURNEY_P(1);
		JourneyData jd;
		int32	   *map;
		int			i;

		journey_decode(j, &jd);
		map = palloc(Max(jd.nlabels, 1) * sizeof(int32));
		for (i = 0; i < jd.nlabels; i++)
			map[i] = path_table_label(pt, jd.labels[i].str, jd.labels[i].len);
		ids = palloc(Max(jd.nevents, 1) * sizeof(int32));
		for (i = 0; i < jd.nevents; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			ids[n++] = map[jd.events[i].label];
		}
		pfree(map);
		pfree(jd.events);
		pfree(jd.labels);
	}
	if (n > 0 && pt->chain != NULL)
		markov_state_add_path(pt, ids, n, conv, value, nulls);
	else if (n > 0)
		path_table_add(pt, ids, n, conv, value, nulls);
	pfree(ids);
	return agg_state_datum(state);
}

/* ------------------------------------------------------------------------
 * Combine function (SQL-callable, shared by the aggregates) and the type's
 * I/O functions
 * ------------------------------------------------------------------------
 */

Datum
journey_attribution_state_combine(PG_FUNCTION_ARGS)
{
	return agg_state_combine(&attribution_state_class, fcinfo,
							 "attribution_state_combine");
}

Datum
journey_attribution_state_in(PG_FUNCTION_ARGS)
{
	return agg_state_in(&attribution_state_class, fcinfo);
}

Datum
journey_attribution_state_out(PG_FUNCTION_ARGS)
{
	return agg_state_out(&attribution_state_class, fcinfo);
}

Datum
journey_attribution_state_recv(PG_FUNCTION_ARGS)
{
	return agg_state_recv(&attribution_state_class, fcinfo);
}

Datum
journey_attribution_state_send(PG_FUNCTION_ARGS)
{
	return agg_state_send(&attribution_state_class, fcinfo);
}

/* ------------------------------------------------------------------------
 * The support functions of 0.2.0 (STYPE = internal), kept so that the
 * aggregates of an installation not yet updated (ALTER EXTENSION journey
 * UPDATE) keep working with this library, and so that the frozen 0.2.0
 * script can still be installed.  Their internal state is the read-write
 * expanded state, as a pointer (agg_state_internal_serial).
 * ------------------------------------------------------------------------
 */

Datum
journey_path_table_combine(PG_FUNCTION_ARGS)
{
	return journey_attribution_state_combine(fcinfo);
}

Datum
journey_path_table_serial(PG_FUNCTION_ARGS)
{
	return agg_state_internal_serial(&attribution_state_class, fcinfo,
									 "journey_path_table_serial");
}

Datum
journey_path_table_deserial(PG_FUNCTION_ARGS)
{
	return agg_state_internal_deserial(&attribution_state_class, fcinfo,
									   "journey_path_table_deserial");
}
