/*-------------------------------------------------------------------------
 *
 * journey_type.c
 *	  Building, encoding, decoding and comparing journey values.
 *
 * See journey.h for the format.  Everything that produces a journey goes
 * through the builder (any order of events) or journey_encode (events in
 * canonical order), so every stored value is canonical.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "mb/pg_wchar.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "journey.h"
#include "sort.h"
#include "varint.h"

/* 10^0 .. 10^JOURNEY_MAX_UNIT */
static const int64 unit_scale[JOURNEY_MAX_UNIT + 1] = {
	INT64CONST(1), INT64CONST(10), INT64CONST(100), INT64CONST(1000),
	INT64CONST(10000), INT64CONST(100000), INT64CONST(1000000),
	INT64CONST(10000000), INT64CONST(100000000), INT64CONST(1000000000)
};

/* Below this many labels the builder interns by linear search. */
#define LINEAR_LABELS 8

/*
 * Label copies are carved from blocks (larger labels: own allocation).  A
 * builder is the state of journey_agg for every group of a GROUP BY, and
 * most journeys have a few short labels, so the first block is small and
 * the next ones double up to LABEL_ARENA_BLOCK: a 64 kB first block made
 * every group cost 64 kB, and hash aggregation spill to disk after a few
 * dozen groups.
 */
#define LABEL_ARENA_FIRST 128
#define LABEL_ARENA_BLOCK 65536

static void builder_rehash(JourneyBuilder *b, int32 nslots);

/*
 * Raise the standard error for a timestamp a journey cannot hold.
 */
void
journey_check_ts(TimestampTz ts)
{
	if (ts < JOURNEY_MIN_TS || ts >= JOURNEY_END_TS)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range for type journey"),
				 errdetail("Journey timestamps must lie between 0001-01-01 and 9999-12-31 (UTC) and be finite.")));
}

static void
check_label_len(int32 len)
{
	if (len > JOURNEY_MAX_LABEL_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey label is too long (%d bytes)", len),
				 errdetail("A label can have at most %d bytes.",
						   JOURNEY_MAX_LABEL_LEN),
				 errhint("Use a short code as the label and keep longer text in a table.")));
}

static void
too_many_events(int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("journey would have %lld events, more than the maximum of %d",
					(long long) n, JOURNEY_MAX_EVENTS),
			 errhint("Split the journey by time with journey.slice() or aggregate fewer rows per group.")));
}

/*
 * Total order on labels: bytewise, shorter first on a common prefix.
 * Independent of collation, so results never depend on locale.
 */
static inline int
label_cmp(const JourneyLabel *a, const JourneyLabel *b)
{
	int			r = memcmp(a->str, b->str, Min(a->len, b->len));

	if (r != 0)
		return r;
	return (a->len > b->len) - (a->len < b->len);
}

/* float8 order as in btfloat8cmp: NaN equals NaN and sorts above all. */
static inline int
value_cmp(const JourneyEvent *a, const JourneyEvent *b)
{
	if (!a->has_value || !b->has_value)
		return (int) b->has_value - (int) a->has_value;	/* NULL last */
	return float8_cmp_internal(a->value, b->value);
}

/*
 * Canonical order of events: timestamp, label bytes, value (NULL last).
 */
int
journey_event_cmp(const JourneyEvent *a, const JourneyEvent *b,
				  const JourneyLabel *la, const JourneyLabel *lb)
{
	int			r;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	r = label_cmp(&la[a->label], &lb[b->label]);
	if (r != 0)
		return r;
	return value_cmp(a, b);
}

/* ------------------------------------------------------------------------
 * Builder
 * ------------------------------------------------------------------------
 */

void
journey_builder_init(JourneyBuilder *b, MemoryContext mcxt)
{
	memset(b, 0, sizeof(*b));
	b->mcxt = mcxt;
}

/* A new, empty builder allocated in (and allocating from) mcxt. */
JourneyBuilder *
journey_builder_new(MemoryContext mcxt)
{
	JourneyBuilder *b = MemoryContextAlloc(mcxt, sizeof(JourneyBuilder));

	journey_builder_init(b, mcxt);
	return b;
}

/*
 * Intern a label; returns its index in the builder.  The bytes are copied.
 */
int32
journey_builder_label(JourneyBuilder *b, const char *str, int32 len)
{
	uint32		h;
	int32		i;
	char	   *copy;

	check_label_len(len);

	if (b->hash_slots == NULL)
	{
		/* Few labels: linear search, cheapest for typical journeys. */
		for (i = b->nlabels - 1; i >= 0; i--)
		{
			if (b->labels[i].len == len && memcmp(b->labels[i].str, str, len) == 0)
				return i;
		}
		h = 0;
	}
	else
	{
		int32		slot;

		h = hash_bytes((const unsigned char *) str, len);
		slot = h & (b->nslots - 1);
		while ((i = b->hash_slots[slot]) >= 0)
		{
			if (b->label_hashes[i] == h && b->labels[i].len == len &&
				memcmp(b->labels[i].str, str, len) == 0)
				return i;
			slot = (slot + 1) & (b->nslots - 1);
		}
	}

	/* A new label. */
	if (b->nlabels >= b->maxlabels)
	{
		int32		newmax = b->maxlabels == 0 ? 8 : b->maxlabels * 2;

		if (b->labels == NULL)
		{
			b->labels = MemoryContextAlloc(b->mcxt, newmax * sizeof(JourneyLabel));
			b->label_hashes = MemoryContextAlloc(b->mcxt, newmax * sizeof(uint32));
		}
		else
		{
			b->labels = repalloc_huge(b->labels, newmax * sizeof(JourneyLabel));
			b->label_hashes = repalloc_huge(b->label_hashes, newmax * sizeof(uint32));
		}
		b->maxlabels = newmax;
	}
	/*
	 * Every distinct label is stored once in the encoded journey, so labels
	 * longer than a journey can be in all are an error before they use the
	 * memory (journey_agg over millions of distinct labels).
	 */
	b->label_bytes += len;
	if (b->label_bytes > JOURNEY_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey would be larger than the maximum of %d bytes",
						JOURNEY_MAX_BYTES),
				 errdetail("Its distinct labels alone take more than that."),
				 errhint("Split the journey by time with journey.slice() or use shorter labels.")));
	if (len + 1 > b->arena_left)
	{
		if (len + 1 > LABEL_ARENA_BLOCK / 4)
			copy = MemoryContextAlloc(b->mcxt, len + 1);
		else
		{
			int32		size = b->arena_size == 0 ? LABEL_ARENA_FIRST :
				Min(b->arena_size * 2, LABEL_ARENA_BLOCK);

			while (size < len + 1)
				size *= 2;		/* stays <= LABEL_ARENA_BLOCK */
			b->arena = MemoryContextAlloc(b->mcxt, size);
			b->arena_left = size;
			b->arena_size = size;
			copy = NULL;
		}
	}
	else
		copy = NULL;
	if (copy == NULL)
	{
		copy = b->arena;
		b->arena += len + 1;
		b->arena_left -= len + 1;
	}
	memcpy(copy, str, len);
	copy[len] = '\0';
	i = b->nlabels++;
	b->labels[i].str = copy;
	b->labels[i].len = len;

	if (b->hash_slots == NULL)
	{
		b->label_hashes[i] = 0;
		if (b->nlabels > LINEAR_LABELS)
			builder_rehash(b, 64);
	}
	else
	{
		int32		slot;

		b->label_hashes[i] = h;
		if (b->nlabels * 2 > b->nslots)
			builder_rehash(b, b->nslots * 2);
		else
		{
			slot = h & (b->nslots - 1);
			while (b->hash_slots[slot] >= 0)
				slot = (slot + 1) & (b->nslots - 1);
			b->hash_slots[slot] = i;
		}
	}
	return i;
}

/* (Re)build the open-addressing table with nslots slots (a power of 2). */
static void
builder_rehash(JourneyBuilder *b, int32 nslots)
{
	int32		i;

	if (b->hash_slots)
		pfree(b->hash_slots);
	b->hash_slots = MemoryContextAllocHuge(b->mcxt, nslots * sizeof(int32));
	memset(b->hash_slots, 0xFF, nslots * sizeof(int32));
	b->nslots = nslots;
	for (i = 0; i < b->nlabels; i++)
	{
		int32		slot;

		if (b->label_hashes[i] == 0)
			b->label_hashes[i] = hash_bytes((const unsigned char *) b->labels[i].str,
											b->labels[i].len);
		slot = b->label_hashes[i] & (nslots - 1);
		while (b->hash_slots[slot] >= 0)
			slot = (slot + 1) & (nslots - 1);
		b->hash_slots[slot] = i;
	}
}

/*
 * Append one event; label is an index returned by journey_builder_label.
 */
void
journey_builder_add(JourneyBuilder *b, TimestampTz ts, int32 label,
					bool has_value, float8 value)
{
	JourneyEvent *e;

	journey_check_ts(ts);
	if (b->nevents >= b->maxevents)
	{
		int32		newmax;

		if (b->nevents >= JOURNEY_MAX_EVENTS)
			too_many_events((int64) b->nevents + 1);
		newmax = b->maxevents == 0 ? 16 : Min(b->maxevents * 2, JOURNEY_MAX_EVENTS);
		if (b->events == NULL)
			b->events = MemoryContextAllocHuge(b->mcxt, newmax * sizeof(JourneyEvent));
		else
			b->events = repalloc_huge(b->events, newmax * sizeof(JourneyEvent));
		b->maxevents = newmax;
	}
	e = &b->events[b->nevents++];
	e->ts = ts;
	e->label = label;
	e->has_value = has_value;
	e->value = has_value ? value : 0.0;
}

/*
 * Append every event of a decoded journey.
 */
void
journey_builder_add_journey(JourneyBuilder *b, const JourneyData *jd)
{
	int32	   *map;
	int32		i;

	if (jd->nevents == 0)
		return;
	if ((int64) b->nevents + jd->nevents > JOURNEY_MAX_EVENTS)
		too_many_events((int64) b->nevents + jd->nevents);
	map = palloc(jd->nlabels * sizeof(int32));
	for (i = 0; i < jd->nlabels; i++)
		map[i] = journey_builder_label(b, jd->labels[i].str, jd->labels[i].len);
	/* room for all of them at once (the events of a combine's input) */
	if (b->nevents + jd->nevents > b->maxevents)
	{
		int32		newmax = Max(b->nevents + jd->nevents, 16);

		if (b->events == NULL)
			b->events = MemoryContextAllocHuge(b->mcxt, newmax * sizeof(JourneyEvent));
		else
			b->events = repalloc_huge(b->events, newmax * sizeof(JourneyEvent));
		b->maxevents = newmax;
	}
	for (i = 0; i < jd->nevents; i++)
	{
		const JourneyEvent *e = &jd->events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		journey_builder_add(b, e->ts, map[e->label], e->has_value, e->value);
	}
	pfree(map);
}

/* Add every event of another builder (e.g. a partial aggregate state). */
void
journey_builder_add_builder(JourneyBuilder *b, const JourneyBuilder *from)
{
	JourneyData jd;

	jd.nevents = from->nevents;
	jd.nlabels = from->nlabels;
	jd.events = from->events;
	jd.labels = from->labels;
	journey_builder_add_journey(b, &jd);
}

/* Sort support: events compared through precomputed label ranks. */
typedef struct RankedSortArg
{
	const int32 *rank;
} RankedSortArg;

static int
ranked_event_cmp(const void *pa, const void *pb, void *arg)
{
	const JourneyEvent *a = pa;
	const JourneyEvent *b = pb;
	const int32 *rank = ((RankedSortArg *) arg)->rank;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->label != b->label)
		return rank[a->label] < rank[b->label] ? -1 : 1;
	return value_cmp(a, b);
}

static int
label_ptr_cmp(const void *pa, const void *pb)
{
	return label_cmp(*(const JourneyLabel *const *) pa,
					 *(const JourneyLabel *const *) pb);
}

/*
 * Sort events into canonical order, in place.  Labels must be distinct.
 */
static void
sort_canonical(JourneyEvent *events, int32 nevents,
			   const JourneyLabel *labels, int32 nlabels)
{
	RankedSortArg arg;
	int32	   *rank;
	int32		i;
	bool		sorted = true;

	if (nevents < 2)
		return;

	/* Rank labels in byte order, so ties on time sort by label bytes. */
	rank = palloc(Max(nlabels, 1) * sizeof(int32));
	if (nlabels > 0)
	{
		const JourneyLabel **ptrs = palloc(nlabels * sizeof(JourneyLabel *));

		for (i = 0; i < nlabels; i++)
			ptrs[i] = &labels[i];
		journey_sort(ptrs, nlabels, sizeof(JourneyLabel *), label_ptr_cmp);
		for (i = 0; i < nlabels; i++)
			rank[ptrs[i] - labels] = i;
		pfree(ptrs);
	}
	arg.rank = rank;

	/* Events usually arrive in time order: check before sorting. */
	for (i = 1; i < nevents && sorted; i++)
		if (ranked_event_cmp(&events[i - 1], &events[i], &arg) > 0)
			sorted = false;
	if (!sorted)
		journey_sort_arg(events, nevents, sizeof(JourneyEvent), ranked_event_cmp, &arg);
	pfree(rank);
}

/*
 * Sort the builder's events into canonical order and encode them.  The
 * result is palloc'd in CurrentMemoryContext; the builder is left sorted.
 */
Journey *
journey_builder_finish(JourneyBuilder *b)
{
	JourneyData jd;

	sort_canonical(b->events, b->nevents, b->labels, b->nlabels);
	jd.nevents = b->nevents;
	jd.nlabels = b->nlabels;
	jd.events = b->events;
	jd.labels = b->labels;
	return journey_encode(&jd, true);
}

/* ------------------------------------------------------------------------
 * Encoding
 * ------------------------------------------------------------------------
 */

/* Canonical bits of a value: -0.0 becomes 0.0, every NaN the same NaN. */
static inline uint64
value_bits(float8 v)
{
	uint64		u;

	if (isnan(v))
		v = get_float8_nan();
	else if (v == 0.0)
		v = 0.0;
	memcpy(&u, &v, sizeof(u));
	return u;
}

/*
 * Encode events that are already in canonical order (sorted = true).  Labels
 * not used by any event are dropped; the rest are renumbered by first
 * appearance.  If sorted is false the events are sorted first (in place).
 */
Journey *
journey_encode(JourneyData *jd, bool sorted)
{
	int32		n = jd->nevents;
	int32	   *map;
	int32	   *order;
	int32		nused = 0;
	int32		npresent = 0;
	int			unit = JOURNEY_MAX_UNIT;
	int64		scale;
	Size		size;
	Journey    *result;
	uint8	   *p;
	int32		i;

	if (!sorted)
		sort_canonical(jd->events, n, jd->labels, jd->nlabels);

	if (n > JOURNEY_MAX_EVENTS)
		too_many_events(n);

	map = palloc(Max(jd->nlabels, 1) * sizeof(int32));
	order = palloc(Max(jd->nlabels, 1) * sizeof(int32));
	for (i = 0; i < jd->nlabels; i++)
		map[i] = -1;

	/* Pass 1: label numbering, time unit, values. */
	for (i = 0; i < n; i++)
	{
		const JourneyEvent *e = &jd->events[i];

		if (map[e->label] < 0)
		{
			order[nused] = e->label;
			map[e->label] = nused++;
		}
		while (unit > 0 && e->ts % unit_scale[unit] != 0)
			unit--;
		if (e->has_value)
			npresent++;
	}
	if (n == 0)
		unit = 0;
	scale = unit_scale[unit];

	/* Pass 2: exact size. */
	size = JOURNEY_HDRSZ + varint_size(n) + 1 + varint_size(nused);
	for (i = 0; i < nused; i++)
	{
		int32		len = jd->labels[order[i]].len;

		size += varint_size(len) + len;
	}
	for (i = 0; i < n; i++)
	{
		const JourneyEvent *e = &jd->events[i];
		uint64		t;

		if (i == 0)
			t = zigzag_encode(e->ts / scale);
		else
			t = (uint64) (e->ts - jd->events[i - 1].ts) / scale;
		size += varint_size(t) + varint_size(map[e->label]);
		if (size > JOURNEY_MAX_BYTES)
			break;
	}
	if (npresent > 0)
		size += (n + 7) / 8 + (Size) npresent * 8;
	if (size > JOURNEY_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey would be larger than the maximum of %d bytes",
						JOURNEY_MAX_BYTES),
				 errhint("Split the journey by time with journey.slice() or use shorter labels.")));

	/* Pass 3: write. */
	result = palloc0(size);
	SET_VARSIZE(result, size);
	result->version = JOURNEY_FORMAT_VERSION;
	result->flags = npresent > 0 ? JOURNEY_FLAG_VALUES : 0;
	p = result->data;
	p = varint_put(p, n);
	*p++ = (uint8) unit;
	p = varint_put(p, nused);
	for (i = 0; i < nused; i++)
	{
		const JourneyLabel *l = &jd->labels[order[i]];

		p = varint_put(p, l->len);
		memcpy(p, l->str, l->len);
		p += l->len;
	}
	for (i = 0; i < n; i++)
	{
		const JourneyEvent *e = &jd->events[i];

		if (i == 0)
			p = varint_put(p, zigzag_encode(e->ts / scale));
		else
			p = varint_put(p, (uint64) (e->ts - jd->events[i - 1].ts) / scale);
		p = varint_put(p, map[e->label]);
	}
	if (npresent > 0)
	{
		uint8	   *bitmap = p;

		p += (n + 7) / 8;		/* already zeroed */
		for (i = 0; i < n; i++)
		{
			const JourneyEvent *e = &jd->events[i];
			uint64		u;
			int			k;

			if (!e->has_value)
				continue;
			bitmap[i / 8] |= (uint8) (1 << (i % 8));
			u = value_bits(e->value);
			for (k = 0; k < 8; k++)
				*p++ = (uint8) (u >> (8 * k));
		}
	}
	Assert((Size) (p - (uint8 *) result) == size);

	pfree(map);
	pfree(order);
	return result;
}

/* The journey with no events. */
Journey *
journey_empty(void)
{
	JourneyData jd = {0, 0, NULL, NULL};

	return journey_encode(&jd, true);
}

/* ------------------------------------------------------------------------
 * Decoding
 * ------------------------------------------------------------------------
 */

void
journey_corrupt(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt journey value: %s", what)));
}

static inline float8
get_value(const uint8 *p)
{
	uint64		u = 0;
	float8		v;
	int			k;

	for (k = 0; k < 8; k++)
		u |= ((uint64) p[k]) << (8 * k);
	memcpy(&v, &u, sizeof(v));
	return v;
}

/*
 * Read the header fields common to both decoders.  Returns the position of
 * the label dictionary.
 */
static const uint8 *
decode_header(const uint8 *p, const uint8 *end, uint64 *nevents, int *unit,
			  uint64 *nlabels, void (*fail) (const char *))
{
	if (!varint_get(&p, end, nevents))
		fail("invalid or truncated event count");
	if (*nevents > JOURNEY_MAX_EVENTS)
		fail("too many events");
	if (p >= end)
		fail("truncated time unit");
	*unit = *p++;
	if (*unit > JOURNEY_MAX_UNIT)
		fail("invalid time unit");
	if (!varint_get(&p, end, nlabels))
		fail("invalid or truncated label count");
	if (*nlabels > *nevents || (*nevents > 0 && *nlabels == 0))
		fail("invalid label count");
	return p;
}

/*
 * Decode a stored journey.  Stored values were produced by our encoder, so
 * only cheap bounds checks guard against corruption.  Arrays are palloc'd in
 * CurrentMemoryContext; labels point into j.
 */
void
journey_decode(const Journey *j, JourneyData *jd)
{
	const uint8 *p = j->data;
	const uint8 *end = (const uint8 *) j + VARSIZE_ANY(j);
	uint64		nevents,
				nlabels,
				v;
	int			unit;
	int64		scale;
	int32		i;
	TimestampTz ts = 0;

	if (j->version != JOURNEY_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported journey format version %d", j->version),
				 errhint("The value was written by a newer version of the journey extension.")));
	p = decode_header(p, end, &nevents, &unit, &nlabels, journey_corrupt);
	scale = unit_scale[unit];

	jd->nevents = (int32) nevents;
	jd->nlabels = (int32) nlabels;
	jd->labels = palloc(Max(nlabels, 1) * sizeof(JourneyLabel));
	jd->events = palloc(Max(nevents, 1) * sizeof(JourneyEvent));

	for (i = 0; i < (int32) nlabels; i++)
	{
		if (!varint_get(&p, end, &v) || v > (uint64) (end - p))
			journey_corrupt("truncated label");
		jd->labels[i].str = (const char *) p;
		jd->labels[i].len = (int32) v;
		p += v;
	}
	for (i = 0; i < (int32) nevents; i++)
	{
		JourneyEvent *e = &jd->events[i];

		JOURNEY_CHECK_INTERRUPTS(i);
		if (!varint_get(&p, end, &v))
			journey_corrupt("truncated event");
		if (i == 0)
			ts = zigzag_decode(v) * scale;
		else
			ts += (int64) v * scale;
		e->ts = ts;
		if (!varint_get(&p, end, &v) || v >= nlabels)
			journey_corrupt("invalid label index");
		e->label = (int32) v;
		e->has_value = false;
		e->value = 0.0;
	}
	if (j->flags & JOURNEY_FLAG_VALUES)
	{
		const uint8 *bitmap = p;

		if ((uint64) (end - p) < (nevents + 7) / 8)
			journey_corrupt("truncated value bitmap");
		p += (nevents + 7) / 8;
		for (i = 0; i < (int32) nevents; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			if (bitmap[i / 8] & (1 << (i % 8)))
			{
				if (end - p < 8)
					journey_corrupt("truncated values");
				jd->events[i].has_value = true;
				jd->events[i].value = get_value(p);
				p += 8;
			}
		}
	}
}

/*
 * The header of a stored journey: data points to its version byte (the
 * first byte after the varlena header, as VARDATA_ANY gives it), len counts
 * from there.  Stored values come from our encoder, so only cheap bounds
 * checks guard against corruption, as in journey_decode.
 */
void
journey_read_header(const uint8 *data, int32 len, JourneyHeader *h)
{
	const uint8 *end = data + len;
	uint64		nevents,
				nlabels;
	int			unit;

	if (len < 2)
		journey_corrupt("truncated header");
	if (data[0] != JOURNEY_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported journey format version %d", data[0]),
				 errhint("The value was written by a newer version of the journey extension.")));
	h->flags = data[1];
	h->labels = decode_header(data + 2, end, &nevents, &unit, &nlabels, journey_corrupt);
	h->nevents = (int32) nevents;
	h->nlabels = (int32) nlabels;
	h->scale = unit_scale[unit];
	h->end = end;
}

/* Number of events, read from the header only. */
int32
journey_count(const Journey *j)
{
	const uint8 *p = j->data;
	const uint8 *end = (const uint8 *) j + VARSIZE_ANY(j);
	uint64		n;

	if (!varint_get(&p, end, &n) || n > JOURNEY_MAX_EVENTS)
		journey_corrupt("truncated event count");
	return (int32) n;
}

pg_noreturn
static void
bad_binary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary representation for type journey: %s", what)));
}

/*
 * Decode and fully validate untrusted bytes (binary input): the bytes of a
 * journey without its varlena header.  Anything that our encoder would not
 * have produced byte for byte is rejected, so equality by bytes holds for
 * every value that gets in.  Labels point into buf.
 */
void
journey_decode_untrusted(const char *buf, int32 len, JourneyData *jd)
{
	const uint8 *start = (const uint8 *) buf;
	const uint8 *p = start;
	const uint8 *end = start + len;
	uint64		nevents,
				nlabels,
				v;
	int			unit;
	int			best_unit;
	int64		scale;
	uint8		version,
				flags;
	int32		i;
	int32		next_new = 0;
	int32		npresent = 0;

	if (len < 2)
		bad_binary("truncated header");
	if ((Size) len > JOURNEY_MAX_BYTES)
		bad_binary("value too large");
	version = *p++;
	flags = *p++;
	if (version != JOURNEY_FORMAT_VERSION)
		bad_binary("unsupported format version");
	if (flags & ~JOURNEY_FLAGS_VALID)
		bad_binary("reserved flag bits set");

	p = decode_header(p, end, &nevents, &unit, &nlabels, bad_binary);
	scale = unit_scale[unit];

	/*
	 * Every label takes at least one byte and every event two, so claims
	 * that the remaining bytes cannot hold are rejected before allocating
	 * for them.
	 */
	if (nlabels > (uint64) (end - p) ||
		nevents > (uint64) (end - p - nlabels) / 2)
		bad_binary("counts larger than the data");
	jd->nevents = (int32) nevents;
	jd->nlabels = (int32) nlabels;
	jd->labels = palloc(Max(nlabels, 1) * sizeof(JourneyLabel));
	jd->events = palloc(Max(nevents, 1) * sizeof(JourneyEvent));

	for (i = 0; i < (int32) nlabels; i++)
	{
		if (!varint_get(&p, end, &v))
			bad_binary("invalid or truncated label length");
		if (v > JOURNEY_MAX_LABEL_LEN)
			bad_binary("label too long");
		if (v > (uint64) (end - p))
			bad_binary("truncated label");
		if (!pg_verifymbstr((const char *) p, (int) v, true))
			bad_binary("label is not valid in the database encoding");
		jd->labels[i].str = (const char *) p;
		jd->labels[i].len = (int32) v;
		p += v;
	}

	best_unit = nevents > 0 ? JOURNEY_MAX_UNIT : 0;
	for (i = 0; i < (int32) nevents; i++)
	{
		JourneyEvent *e = &jd->events[i];
		int64		ts;

		JOURNEY_CHECK_INTERRUPTS(i);
		if (!varint_get(&p, end, &v))
			bad_binary("invalid or truncated event time");
		if (i == 0)
		{
			int64		t = zigzag_decode(v);

			if (t < JOURNEY_MIN_TS / scale || t > JOURNEY_END_TS / scale)
				bad_binary("timestamp out of range");
			ts = t * scale;
		}
		else
		{
			if (v > (uint64) (JOURNEY_END_TS - JOURNEY_MIN_TS) / (uint64) scale)
				bad_binary("timestamp out of range");
			ts = jd->events[i - 1].ts + (int64) v * scale;
		}
		if (ts < JOURNEY_MIN_TS || ts >= JOURNEY_END_TS)
			bad_binary("timestamp out of range");
		e->ts = ts;
		while (best_unit > 0 && ts % unit_scale[best_unit] != 0)
			best_unit--;

		if (!varint_get(&p, end, &v))
			bad_binary("invalid or truncated label index");
		if (v > (uint64) next_new || v >= nlabels)
			bad_binary("label index out of order or out of range");
		if (v == (uint64) next_new)
			next_new++;
		e->label = (int32) v;
		e->has_value = false;
		e->value = 0.0;
	}
	if (next_new != (int32) nlabels)
		bad_binary("unused label in dictionary");
	if (unit != best_unit)
		bad_binary("time unit is not canonical");

	if (flags & JOURNEY_FLAG_VALUES)
	{
		const uint8 *bitmap = p;
		uint64		nbytes = (nevents + 7) / 8;

		if ((uint64) (end - p) < nbytes)
			bad_binary("truncated value bitmap");
		if (nevents % 8 != 0 && (bitmap[nbytes - 1] >> (nevents % 8)) != 0)
			bad_binary("stray bits in value bitmap");
		p += nbytes;
		for (i = 0; i < (int32) nevents; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			if (bitmap[i / 8] & (1 << (i % 8)))
			{
				float8		val;

				if (end - p < 8)
					bad_binary("truncated values");
				val = get_value(p);
				if (value_bits(val) != ((uint64) p[0] | (uint64) p[1] << 8 |
										(uint64) p[2] << 16 | (uint64) p[3] << 24 |
										(uint64) p[4] << 32 | (uint64) p[5] << 40 |
										(uint64) p[6] << 48 | (uint64) p[7] << 56))
					bad_binary("value is not canonical");
				jd->events[i].has_value = true;
				jd->events[i].value = val;
				p += 8;
				npresent++;
			}
		}
		if (npresent == 0)
			bad_binary("values flag set without values");
	}
	if (p != end)
		bad_binary("trailing bytes");

	/* Labels must be distinct, events in canonical order. */
	if (nlabels > 1)
	{
		JourneyLabel **ptrs = palloc(nlabels * sizeof(JourneyLabel *));

		for (i = 0; i < (int32) nlabels; i++)
			ptrs[i] = &jd->labels[i];
		journey_sort(ptrs, nlabels, sizeof(JourneyLabel *), label_ptr_cmp);
		for (i = 1; i < (int32) nlabels; i++)
			if (label_cmp(ptrs[i - 1], ptrs[i]) == 0)
				bad_binary("duplicate label in dictionary");
		pfree(ptrs);
	}
	for (i = 1; i < (int32) nevents; i++)
		if (journey_event_cmp(&jd->events[i - 1], &jd->events[i],
							  jd->labels, jd->labels) > 0)
			bad_binary("events are not in canonical order");
}

/* ------------------------------------------------------------------------
 * Comparison
 * ------------------------------------------------------------------------
 */

/*
 * Total order for the btree operator class: event by event in canonical
 * order (time, label bytes, value with NULL last); a journey that is a
 * prefix of another sorts first.  Equal exactly when the bytes are equal.
 */
int
journey_cmp_internal(const Journey *a, const Journey *b)
{
	JourneyData da,
				db;
	int32		i,
				n;
	int			r = 0;

	if (VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0)
		return 0;

	journey_decode(a, &da);
	journey_decode(b, &db);
	n = Min(da.nevents, db.nevents);
	for (i = 0; i < n && r == 0; i++)
		r = journey_event_cmp(&da.events[i], &db.events[i], da.labels, db.labels);
	if (r == 0)
		r = (da.nevents > db.nevents) - (da.nevents < db.nevents);
	pfree(da.events);
	pfree(da.labels);
	pfree(db.events);
	pfree(db.labels);
	return r;
}
