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

#include "journey.h"
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
			e->conversions += conversions;
			e->value += value;
			e->nulls += nulls;
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
	Size		size = 1 + 4 + 4 + Max(pt->param_text_len, 0) + 4 + 4;
	int32		i;

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

static inline char *
put_int32(char *p, int32 v)
{
	uint32		n = pg_hton32((uint32) v);

	memcpy(p, &n, 4);
	return p + 4;
}

static inline char *
put_float8(char *p, float8 v)
{
	union
	{
		float8		f;
		uint64		i;
	}			u;
	uint64		n;

	u.f = v;
	n = pg_hton64(u.i);
	memcpy(p, &n, 8);
	return p + 8;
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

	*p++ = PATH_TABLE_VERSION;
	p = put_int32(p, pt->param_int);
	p = put_int32(p, pt->param_text_len);
	if (pt->param_text_len > 0)
	{
		memcpy(p, pt->param_text, pt->param_text_len);
		p += pt->param_text_len;
	}
	p = put_int32(p, pt->nlabels);
	for (i = 0; i < pt->nlabels; i++)
	{
		p = put_int32(p, pt->label_len[i]);
		memcpy(p, pt->label_str[i], pt->label_len[i]);
		p += pt->label_len[i];
	}
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
	MemoryContext old;

	if (len > MaxAllocSize)
		corrupt_state(code, "The state is too long.");
	buf.data = (char *) data;
	buf.len = (int) len;
	buf.maxlen = buf.len;
	buf.cursor = 0;

	need_bytes(&buf, 9, code);
	if (pq_getmsgbyte(&buf) != PATH_TABLE_VERSION)
		corrupt_state(code, "Unknown format version.");
	old = MemoryContextSwitchTo(mcxt);
	pt = path_table_new(mcxt);
	param_int = (int32) pq_getmsgint(&buf, 4);
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
 * Expanded form
 * ------------------------------------------------------------------------
 */

static Size
eps_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedPathTable *e = (ExpandedPathTable *) eohptr;

	/* tuple formation asks twice; the transition functions reset it */
	if (e->flat_size == 0)
		e->flat_size = VARHDRSZ + path_table_serialized_size(e->pt);
	return e->flat_size;
}

static void
eps_flatten_into(ExpandedObjectHeader *eohptr, void *result,
				 Size allocated_size)
{
	ExpandedPathTable *e = (ExpandedPathTable *) eohptr;

	if (allocated_size != eps_get_flat_size(eohptr))
		elog(ERROR, "attribution state flattened into %zu bytes, needs %zu",
			 (size_t) allocated_size, (size_t) e->flat_size);
	SET_VARSIZE(result, allocated_size);
	path_table_write(e->pt, VARDATA(result), allocated_size - VARHDRSZ);
}

static const ExpandedObjectMethods eps_methods = {
	eps_get_flat_size,
	eps_flatten_into
};

/*
 * A new expanded state in its own memory context, a child of parent: empty
 * (data NULL), or read from the serialized form (data, len).
 */
static ExpandedPathTable *
eps_new(MemoryContext parent, const char *data, Size len, int code)
{
	MemoryContext objcxt = AllocSetContextCreate(parent, "attribution state",
												 ALLOCSET_START_SMALL_SIZES);
	ExpandedPathTable *e = MemoryContextAllocZero(objcxt, sizeof(ExpandedPathTable));

	EOH_init_header(&e->hdr, &eps_methods, objcxt);
	e->pt = data ? path_table_read(data, len, objcxt, code) : path_table_new(objcxt);
	return e;
}

/* The expanded state a datum points to (read-write or read-only), or NULL. */
static ExpandedPathTable *
eps_of(Datum d)
{
	ExpandedObjectHeader *eoh;

	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		return NULL;
	eoh = DatumGetEOHP(d);
	if (eoh->eoh_methods != &eps_methods)
		elog(ERROR, "expanded object is not an attribution state");
	return (ExpandedPathTable *) eoh;
}

/*
 * The state argument argno of a transition or combine function, to be
 * updated in place: the read-write expanded state nodeAgg (or Citus's
 * worker_partial_agg) keeps for us in the aggregate context, as the
 * previous call returned it; else (first call, or a flat or read-only
 * state: an INITCOND, a user's own aggregate) a new expanded state there,
 * a copy of the argument's.
 */
static ExpandedPathTable *
eps_for_update(FunctionCallInfo fcinfo, int argno, MemoryContext aggcontext)
{
	Datum		d;
	ExpandedPathTable *e;
	ExpandedPathTable *copy;
	bytea	   *flat;

	if (PG_ARGISNULL(argno))
		return eps_new(aggcontext, NULL, 0, 0);
	d = PG_GETARG_DATUM(argno);
	e = eps_of(d);
	if (e != NULL && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) &&
		MemoryContextGetParent(e->hdr.eoh_context) == aggcontext)
		return e;
	if (e != NULL)
	{
		copy = eps_new(aggcontext, NULL, 0, 0);
		path_table_combine(copy->pt, e->pt);
		return copy;
	}
	flat = (bytea *) PG_DETOAST_DATUM_PACKED(d);
	return eps_new(aggcontext, VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
				   ERRCODE_INVALID_BINARY_REPRESENTATION);
}

/*
 * The state argument argno of a final function, read-only (finals are
 * FINALFUNC_MODIFY = READ_ONLY): the expanded state's table, or a table
 * read from a flat state; NULL for a null state.
 */
PathTable *
path_table_getarg(FunctionCallInfo fcinfo, int argno)
{
	Datum		d;
	ExpandedPathTable *e;
	bytea	   *flat;

	if (PG_ARGISNULL(argno))
		return NULL;
	d = PG_GETARG_DATUM(argno);
	e = eps_of(d);
	if (e != NULL)
		return e->pt;
	flat = (bytea *) PG_DETOAST_DATUM_PACKED(d);
	return path_table_read(VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
						   CurrentMemoryContext,
						   ERRCODE_INVALID_BINARY_REPRESENTATION);
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
	ExpandedPathTable *state = eps_for_update(fcinfo, 0, aggcontext);
	PathTable  *pt = state->pt;
	float8		conv;
	float8		value;
	float8		nulls;
	int32	   *ids;
	int32		n = 0;
	Oid			pathtype = get_fn_expr_argtype(fcinfo->flinfo, 1);

	if (OidIsValid(pathtype))
		input = pathtype == TEXTARRAYOID ? PATH_INPUT_ARRAY : PATH_INPUT_JOURNEY;
	state->flat_size = 0;
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
		return EOHPGetRWDatum(&state->hdr);

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
	if (n > 0)
		path_table_add(pt, ids, n, conv, value, nulls);
	pfree(ids);
	return EOHPGetRWDatum(&state->hdr);
}

/* ------------------------------------------------------------------------
 * Combine function (SQL-callable, shared by the aggregates)
 * ------------------------------------------------------------------------
 */

/*
 * attribution_state_combine(state, state): merges the second state into
 * the first.  The second is flat when it comes from a parallel worker's
 * tuple or from Citus (text input), or a read-only expanded state when a
 * partial aggregate runs in the same process (partitionwise aggregation).
 */
Datum
journey_attribution_state_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "attribution_state_combine");
	ExpandedPathTable *state;
	ExpandedPathTable *from;
	Datum		b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_DATUM(1);
	from = eps_of(b);
	if (PG_ARGISNULL(0) && from == NULL)
	{
		/* the first partial state: read it straight into our own */
		bytea	   *flat = (bytea *) PG_DETOAST_DATUM_PACKED(b);

		state = eps_new(aggcontext, VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
						ERRCODE_INVALID_BINARY_REPRESENTATION);
		PG_RETURN_DATUM(EOHPGetRWDatum(&state->hdr));
	}
	state = eps_for_update(fcinfo, 0, aggcontext);
	state->flat_size = 0;
	if (from != NULL)
		path_table_combine(state->pt, from->pt);
	else
	{
		bytea	   *flat = (bytea *) PG_DETOAST_DATUM_PACKED(b);
		MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
												  "attribution state input",
												  ALLOCSET_DEFAULT_SIZES);

		path_table_combine(state->pt,
						   path_table_read(VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
										   tmp, ERRCODE_INVALID_BINARY_REPRESENTATION));
		MemoryContextDelete(tmp);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&state->hdr));
}

/* ------------------------------------------------------------------------
 * The support functions of 0.2.0 (STYPE = internal), kept so that the
 * aggregates of an installation not yet updated (ALTER EXTENSION journey
 * UPDATE) keep working with this library, and so that the frozen 0.2.0
 * script can still be installed.  Their internal state is the read-write
 * expanded state, as a pointer: nodeAgg neither copies nor frees internal
 * values, and the transition and final functions take it as they take an
 * attribution_state.
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
	ExpandedPathTable *e;

	journey_agg_context(fcinfo, "journey_path_table_serial");
	e = eps_of(PG_GETARG_DATUM(0));
	if (e == NULL)
		elog(ERROR, "journey_path_table_serial: not an expanded attribution state");
	PG_RETURN_BYTEA_P(path_table_serialize(e->pt));
}

Datum
journey_path_table_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, "journey_path_table_deserial");
	bytea	   *flat = PG_GETARG_BYTEA_PP(0);
	ExpandedPathTable *e = eps_new(aggcontext, VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
								   ERRCODE_INVALID_BINARY_REPRESENTATION);

	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* ------------------------------------------------------------------------
 * Type attribution_state: text form (base64 of the serialized form) and
 * binary form (the serialized form)
 * ------------------------------------------------------------------------
 */

static const char b64_chars[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The value of a base64 digit, or -1. */
static inline int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

pg_noreturn
static void
b64_error(const char *detail, size_t pos)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type attribution_state"),
			 errdetail("%s (at character %zu).", detail, pos + 1),
			 errhint("The text form of an attribution state is the base64 of its binary form, without line breaks.")));
}

/*
 * Decode the strict base64 s (length n) into dst: padded to a multiple of
 * 4 characters, no whitespace, unused bits zero, so that every state has
 * exactly one text form.  Returns the number of bytes written.
 */
static Size
b64_decode(const char *s, size_t n, char *dst)
{
	Size		out = 0;
	size_t		i;

	if (n % 4 != 0)
		b64_error("The length is not a multiple of 4", n);
	for (i = 0; i < n; i += 4)
	{
		int			v[4];
		int			k;
		int			pad = 0;

		for (k = 0; k < 4; k++)
		{
			unsigned char c = (unsigned char) s[i + k];

			if (c == '=' && i + 4 == n && k >= 2 &&
				(k == 3 || s[i + 3] == '='))
			{
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad > 0 || (v[k] = b64_value(c)) < 0)
				b64_error("Unexpected character", i + k);
		}
		if ((pad == 2 && (v[1] & 0x0f) != 0) || (pad == 1 && (v[2] & 0x03) != 0))
			b64_error("The padding bits are not zero", i + 3 - pad);
		dst[out++] = (char) ((v[0] << 2) | (v[1] >> 4));
		if (pad < 2)
			dst[out++] = (char) (((v[1] & 0x0f) << 4) | (v[2] >> 2));
		if (pad < 1)
			dst[out++] = (char) (((v[2] & 0x03) << 6) | v[3]);
	}
	return out;
}

/* The base64 text of (src, n), NUL-terminated and palloc'd. */
static char *
b64_encode(const unsigned char *src, Size n)
{
	char	   *out = palloc((n + 2) / 3 * 4 + 1);
	char	   *p = out;
	Size		i;

	for (i = 0; i + 2 < n; i += 3)
	{
		*p++ = b64_chars[src[i] >> 2];
		*p++ = b64_chars[((src[i] & 0x03) << 4) | (src[i + 1] >> 4)];
		*p++ = b64_chars[((src[i + 1] & 0x0f) << 2) | (src[i + 2] >> 6)];
		*p++ = b64_chars[src[i + 2] & 0x3f];
	}
	if (i < n)
	{
		*p++ = b64_chars[src[i] >> 2];
		if (i + 1 < n)
		{
			*p++ = b64_chars[((src[i] & 0x03) << 4) | (src[i + 1] >> 4)];
			*p++ = b64_chars[(src[i + 1] & 0x0f) << 2];
		}
		else
		{
			*p++ = b64_chars[(src[i] & 0x03) << 4];
			*p++ = '=';
		}
		*p++ = '=';
	}
	*p = '\0';
	return out;
}

/* A flat attribution_state holding a copy of the validated form (data, len). */
static bytea *
state_from_bytes(const char *data, Size len, int code)
{
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
											  "attribution state input",
											  ALLOCSET_DEFAULT_SIZES);
	bytea	   *result;

	path_table_read(data, len, tmp, code);
	MemoryContextDelete(tmp);
	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	return result;
}

/*
 * The serialized form of a state datum (flat or expanded): *data and *len;
 * a palloc'd copy only for an expanded state.
 */
static void
state_bytes(Datum d, const char **data, Size *len)
{
	ExpandedPathTable *e = eps_of(d);

	if (e != NULL)
	{
		Size		size = path_table_serialized_size(e->pt);
		char	   *buf = palloc(size);

		path_table_write(e->pt, buf, size);
		*data = buf;
		*len = size;
	}
	else
	{
		bytea	   *flat = (bytea *) PG_DETOAST_DATUM_PACKED(d);

		*data = VARDATA_ANY(flat);
		*len = VARSIZE_ANY_EXHDR(flat);
	}
}

Datum
journey_attribution_state_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	size_t		n = strlen(s);
	char	   *buf = palloc(n / 4 * 3 + 1);
	Size		len = b64_decode(s, n, buf);
	bytea	   *result = state_from_bytes(buf, len, ERRCODE_INVALID_TEXT_REPRESENTATION);

	pfree(buf);
	PG_RETURN_BYTEA_P(result);
}

Datum
journey_attribution_state_out(PG_FUNCTION_ARGS)
{
	const char *data;
	Size		len;

	state_bytes(PG_GETARG_DATUM(0), &data, &len);
	PG_RETURN_CSTRING(b64_encode((const unsigned char *) data, len));
}

Datum
journey_attribution_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	bytea	   *result = state_from_bytes(buf->data + buf->cursor,
										  buf->len - buf->cursor,
										  ERRCODE_INVALID_BINARY_REPRESENTATION);

	buf->cursor = buf->len;
	PG_RETURN_BYTEA_P(result);
}

Datum
journey_attribution_state_send(PG_FUNCTION_ARGS)
{
	const char *data;
	Size		len;
	bytea	   *result;

	state_bytes(PG_GETARG_DATUM(0), &data, &len);
	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	PG_RETURN_BYTEA_P(result);
}
