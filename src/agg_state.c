/*-------------------------------------------------------------------------
 *
 * agg_state.c
 *	  Expanded form, combine function, text (base64) and binary I/O of the
 *	  aggregate state types, given an AggStateClass.  See agg_state.h.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "agg_state.h"
#include "journey.h"

/* ------------------------------------------------------------------------
 * Expanded form
 * ------------------------------------------------------------------------
 */

static Size
eas_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedAggState *e = (ExpandedAggState *) eohptr;

	/* tuple formation asks twice; agg_state_datum resets it */
	if (e->flat_size == 0)
		e->flat_size = VARHDRSZ + e->cls->size(e->obj);
	return e->flat_size;
}

static void
eas_flatten_into(ExpandedObjectHeader *eohptr, void *result,
				 Size allocated_size)
{
	ExpandedAggState *e = (ExpandedAggState *) eohptr;

	if (allocated_size != eas_get_flat_size(eohptr))
		elog(ERROR, "%s flattened into %zu bytes, needs %zu", e->cls->type_name,
			 (size_t) allocated_size, (size_t) e->flat_size);
	SET_VARSIZE(result, allocated_size);
	e->cls->write(e->obj, VARDATA(result), allocated_size - VARHDRSZ);
}

static const ExpandedObjectMethods eas_methods = {
	eas_get_flat_size,
	eas_flatten_into
};

/*
 * A new expanded state in its own memory context, a child of parent: empty
 * (data NULL), or read from the serialized form (data, len).
 */
ExpandedAggState *
agg_state_new(const AggStateClass *cls, MemoryContext parent,
			  const char *data, Size len, int code)
{
	MemoryContext objcxt = AllocSetContextCreate(parent, "aggregate state",
												 ALLOCSET_START_SMALL_SIZES);
	ExpandedAggState *e = MemoryContextAllocZero(objcxt, sizeof(ExpandedAggState));

	EOH_init_header(&e->hdr, &eas_methods, objcxt);
	e->cls = cls;
	e->obj = data ? cls->read(data, len, objcxt, code) : cls->create(objcxt);
	return e;
}

/* The expanded state a datum points to (read-write or read-only), or NULL. */
ExpandedAggState *
agg_state_of(const AggStateClass *cls, Datum d)
{
	ExpandedObjectHeader *eoh;

	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		return NULL;
	eoh = DatumGetEOHP(d);
	if (eoh->eoh_methods != &eas_methods ||
		((ExpandedAggState *) eoh)->cls != cls)
		elog(ERROR, "expanded object is not a %s", cls->type_name);
	return (ExpandedAggState *) eoh;
}

/*
 * The state argument argno of a transition or combine function, to be
 * updated in place: the read-write expanded state nodeAgg (or Citus's
 * worker_partial_agg) keeps for us in the aggregate context, as the
 * previous call returned it; else (first call, or a flat or read-only
 * state: an INITCOND, a user's own aggregate) a new expanded state there,
 * a copy of the argument's.
 */
ExpandedAggState *
agg_state_for_update(const AggStateClass *cls, FunctionCallInfo fcinfo,
					 int argno, MemoryContext aggcontext)
{
	Datum		d;
	ExpandedAggState *e;
	ExpandedAggState *copy;
	bytea	   *flat;

	if (PG_ARGISNULL(argno))
		return agg_state_new(cls, aggcontext, NULL, 0, 0);
	d = PG_GETARG_DATUM(argno);
	e = agg_state_of(cls, d);
	if (e != NULL && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) &&
		MemoryContextGetParent(e->hdr.eoh_context) == aggcontext)
		return e;
	if (e != NULL)
	{
		copy = agg_state_new(cls, aggcontext, NULL, 0, 0);
		cls->merge(copy->obj, e->obj);
		return copy;
	}
	flat = (bytea *) PG_DETOAST_DATUM_PACKED(d);
	return agg_state_new(cls, aggcontext, VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
						 ERRCODE_INVALID_BINARY_REPRESENTATION);
}

/*
 * The state argument argno of a final function, read-only (finals are
 * FINALFUNC_MODIFY = READ_ONLY): the expanded state's object, or an object
 * read from a flat state; NULL for a null state.
 */
void *
agg_state_getarg(const AggStateClass *cls, FunctionCallInfo fcinfo, int argno)
{
	Datum		d;
	ExpandedAggState *e;
	bytea	   *flat;

	if (PG_ARGISNULL(argno))
		return NULL;
	d = PG_GETARG_DATUM(argno);
	e = agg_state_of(cls, d);
	if (e != NULL)
		return e->obj;
	flat = (bytea *) PG_DETOAST_DATUM_PACKED(d);
	return cls->read(VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
					 CurrentMemoryContext, ERRCODE_INVALID_BINARY_REPRESENTATION);
}

/* ------------------------------------------------------------------------
 * Combine function
 * ------------------------------------------------------------------------
 */

/*
 * combine(state, state): merges the second state into the first.  The
 * second is flat when it comes from a parallel worker's tuple or from
 * Citus (text input), or a read-only expanded state when a partial
 * aggregate runs in the same process (partitionwise aggregation).
 */
Datum
agg_state_combine(const AggStateClass *cls, FunctionCallInfo fcinfo,
				  const char *fname)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, fname);
	ExpandedAggState *state;
	ExpandedAggState *from;
	Datum		b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_DATUM(1);
	from = agg_state_of(cls, b);
	if (PG_ARGISNULL(0) && from == NULL)
	{
		/* the first partial state: read it straight into our own */
		bytea	   *flat = (bytea *) PG_DETOAST_DATUM_PACKED(b);

		state = agg_state_new(cls, aggcontext, VARDATA_ANY(flat),
							  VARSIZE_ANY_EXHDR(flat),
							  ERRCODE_INVALID_BINARY_REPRESENTATION);
		PG_RETURN_DATUM(agg_state_datum(state));
	}
	state = agg_state_for_update(cls, fcinfo, 0, aggcontext);
	if (from != NULL)
		cls->merge(state->obj, from->obj);
	else
	{
		bytea	   *flat = (bytea *) PG_DETOAST_DATUM_PACKED(b);
		MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
												  "aggregate state input",
												  ALLOCSET_DEFAULT_SIZES);

		cls->merge(state->obj,
				   cls->read(VARDATA_ANY(flat), VARSIZE_ANY_EXHDR(flat),
							 tmp, ERRCODE_INVALID_BINARY_REPRESENTATION));
		MemoryContextDelete(tmp);
	}
	PG_RETURN_DATUM(agg_state_datum(state));
}

/* The serialized form of obj as a bytea (palloc'd). */
bytea *
agg_state_serialize(const AggStateClass *cls, const void *obj)
{
	Size		size = cls->size(obj);
	bytea	   *result = palloc(VARHDRSZ + size);

	SET_VARSIZE(result, VARHDRSZ + size);
	cls->write(obj, VARDATA(result), size);
	return result;
}

/*
 * Serialize and deserialize functions of the internal-state aggregates of
 * 0.2.0, kept so that an installation not yet updated keeps working with
 * this library.  Their internal state is the read-write expanded state, as
 * a pointer: nodeAgg neither copies nor frees internal values.
 */
Datum
agg_state_internal_serial(const AggStateClass *cls, FunctionCallInfo fcinfo,
						  const char *fname)
{
	ExpandedAggState *e;

	journey_agg_context(fcinfo, fname);
	e = agg_state_of(cls, PG_GETARG_DATUM(0));
	if (e == NULL)
		elog(ERROR, "%s: not an expanded %s", fname, cls->type_name);
	PG_RETURN_BYTEA_P(agg_state_serialize(cls, e->obj));
}

Datum
agg_state_internal_deserial(const AggStateClass *cls, FunctionCallInfo fcinfo,
							const char *fname)
{
	MemoryContext aggcontext = journey_agg_context(fcinfo, fname);
	bytea	   *flat = PG_GETARG_BYTEA_PP(0);
	ExpandedAggState *e = agg_state_new(cls, aggcontext, VARDATA_ANY(flat),
										VARSIZE_ANY_EXHDR(flat),
										ERRCODE_INVALID_BINARY_REPRESENTATION);

	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* ------------------------------------------------------------------------
 * Text form (base64 of the serialized form) and binary form (the
 * serialized form)
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
b64_error(const AggStateClass *cls, const char *detail, size_t pos)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s", cls->type_name),
			 errdetail("%s (at character %zu).", detail, pos + 1),
			 errhint("The text form of %s is the base64 of its binary form, without line breaks.",
					 cls->noun)));
}

/*
 * Decode the strict base64 s (length n) into dst: padded to a multiple of
 * 4 characters, no whitespace, unused bits zero, so that every state has
 * exactly one text form.  Returns the number of bytes written.
 */
static Size
b64_decode(const AggStateClass *cls, const char *s, size_t n, char *dst)
{
	Size		out = 0;
	size_t		i;

	if (n % 4 != 0)
		b64_error(cls, "The length is not a multiple of 4", n);
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
				b64_error(cls, "Unexpected character", i + k);
		}
		if ((pad == 2 && (v[1] & 0x0f) != 0) || (pad == 1 && (v[2] & 0x03) != 0))
			b64_error(cls, "The padding bits are not zero", i + 3 - pad);
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

/* A flat state holding a copy of the validated form (data, len). */
static bytea *
state_from_bytes(const AggStateClass *cls, const char *data, Size len, int code)
{
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
											  "aggregate state input",
											  ALLOCSET_DEFAULT_SIZES);
	bytea	   *result;

	cls->read(data, len, tmp, code);
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
state_bytes(const AggStateClass *cls, Datum d, const char **data, Size *len)
{
	ExpandedAggState *e = agg_state_of(cls, d);

	if (e != NULL)
	{
		Size		size = cls->size(e->obj);
		char	   *buf = palloc(size);

		cls->write(e->obj, buf, size);
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
agg_state_in(const AggStateClass *cls, FunctionCallInfo fcinfo)
{
	char	   *s = PG_GETARG_CSTRING(0);
	size_t		n = strlen(s);
	char	   *buf = palloc(n / 4 * 3 + 1);
	Size		len = b64_decode(cls, s, n, buf);
	bytea	   *result = state_from_bytes(cls, buf, len, ERRCODE_INVALID_TEXT_REPRESENTATION);

	pfree(buf);
	PG_RETURN_BYTEA_P(result);
}

Datum
agg_state_out(const AggStateClass *cls, FunctionCallInfo fcinfo)
{
	const char *data;
	Size		len;

	state_bytes(cls, PG_GETARG_DATUM(0), &data, &len);
	PG_RETURN_CSTRING(b64_encode((const unsigned char *) data, len));
}

Datum
agg_state_recv(const AggStateClass *cls, FunctionCallInfo fcinfo)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	bytea	   *result = state_from_bytes(cls, buf->data + buf->cursor,
										  buf->len - buf->cursor,
										  ERRCODE_INVALID_BINARY_REPRESENTATION);

	buf->cursor = buf->len;
	PG_RETURN_BYTEA_P(result);
}

Datum
agg_state_send(const AggStateClass *cls, FunctionCallInfo fcinfo)
{
	const char *data;
	Size		len;
	bytea	   *result;

	state_bytes(cls, PG_GETARG_DATUM(0), &data, &len);
	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	PG_RETURN_BYTEA_P(result);
}

/*
 * The base64 text form for state types that keep their own layout
 * instead of an AggStateClass object (step_state): the same strict
 * decoding and its errors (22P02), type_name and noun as in a class.
 */
char *
agg_state_b64_encode(const char *src, Size n)
{
	return b64_encode((const unsigned char *) src, n);
}

Size
agg_state_b64_decode(const char *type_name, const char *noun, const char *s,
					 size_t n, char *dst)
{
	AggStateClass cls;

	memset(&cls, 0, sizeof(cls));
	cls.type_name = type_name;
	cls.noun = noun;
	return b64_decode(&cls, s, n, dst);
}
