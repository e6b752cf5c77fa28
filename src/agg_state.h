/*-------------------------------------------------------------------------
 *
 * agg_state.h
 *	  The machinery shared by the aggregate state types (attribution_state,
 *	  path_state): a varlena whose data is a validated serialized form, its
 *	  text form (base64 of that data) and binary form, and its expanded form
 *	  (utils/expandeddatum.h), updated in place inside an aggregate and
 *	  flattened only when it leaves the process.
 *
 * A state type describes its in-memory object with an AggStateClass: how
 * to create an empty one, read one from untrusted bytes (validating
 * everything, errors with the given SQLSTATE: 22P03 for binary, 22P02 for
 * text input), size and write its serialized form, and merge one object
 * into another.  agg_state.c does the rest.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_AGG_STATE_H
#define JOURNEY_AGG_STATE_H

#include "fmgr.h"
#include "port/pg_bswap.h"
#include "utils/expandeddatum.h"

typedef struct AggStateClass
{
	const char *type_name;		/* the SQL type, for messages */
	const char *noun;			/* "an attribution state", for hints */
	void	   *(*create) (MemoryContext mcxt);
	void	   *(*read) (const char *data, Size len, MemoryContext mcxt, int code);
	Size		(*size) (const void *obj);
	void		(*write) (const void *obj, char *dst, Size size);
	void		(*merge) (void *into, const void *from);
} AggStateClass;

/*
 * A state in its expanded form: the object lives in the expanded object's
 * own memory context (hdr.eoh_context), a child of the aggregate context
 * while an aggregate updates it.
 */
typedef struct ExpandedAggState
{
	ExpandedObjectHeader hdr;
	const AggStateClass *cls;
	void	   *obj;
	Size		flat_size;		/* of the flat form; 0: not computed */
} ExpandedAggState;

/*
 * Writers of the serialized forms: integers and floats in network byte
 * order, as pq_sendint32 / pq_sendint64 / pq_sendfloat8 write them.
 */
static inline char *
put_int32(char *p, int32 v)
{
	uint32		n = pg_hton32((uint32) v);

	memcpy(p, &n, 4);
	return p + 4;
}

static inline char *
put_int64(char *p, int64 v)
{
	uint64		n = pg_hton64((uint64) v);

	memcpy(p, &n, 8);
	return p + 8;
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

extern ExpandedAggState *agg_state_new(const AggStateClass *cls, MemoryContext parent,
									   const char *data, Size len, int code);
extern ExpandedAggState *agg_state_of(const AggStateClass *cls, Datum d);
extern ExpandedAggState *agg_state_for_update(const AggStateClass *cls,
											  FunctionCallInfo fcinfo, int argno,
											  MemoryContext aggcontext);
extern void *agg_state_getarg(const AggStateClass *cls, FunctionCallInfo fcinfo,
							  int argno);

/* The read-write datum of an expanded state (a transition's result). */
static inline Datum
agg_state_datum(ExpandedAggState *e)
{
	e->flat_size = 0;
	return EOHPGetRWDatum(&e->hdr);
}

extern Datum agg_state_combine(const AggStateClass *cls, FunctionCallInfo fcinfo,
							   const char *fname);
extern bytea *agg_state_serialize(const AggStateClass *cls, const void *obj);
extern Datum agg_state_internal_serial(const AggStateClass *cls,
									   FunctionCallInfo fcinfo, const char *fname);
extern Datum agg_state_internal_deserial(const AggStateClass *cls,
										 FunctionCallInfo fcinfo, const char *fname);
extern Datum agg_state_in(const AggStateClass *cls, FunctionCallInfo fcinfo);
extern Datum agg_state_out(const AggStateClass *cls, FunctionCallInfo fcinfo);
extern Datum agg_state_recv(const AggStateClass *cls, FunctionCallInfo fcinfo);
extern Datum agg_state_send(const AggStateClass *cls, FunctionCallInfo fcinfo);

/* base64 text form for a state type without an AggStateClass (step_state) */
extern char *agg_state_b64_encode(const char *src, Size n);
extern Size agg_state_b64_decode(const char *type_name, const char *noun,
								 const char *s, size_t n, char *dst);

#endif							/* JOURNEY_AGG_STATE_H */
