/*-------------------------------------------------------------------------
 *
 * journey.h
 *	  The journey type: a customer's touchpoints in time order.
 *
 * On-disk (and binary send/recv) format, version 1.  All multi-byte integers
 * are unsigned LEB128 varints (7 bits a byte, low group first, minimal
 * length); float8 values are 8 bytes little-endian.
 *
 *	int32	vl_len_			varlena header (do not touch directly)
 *	uint8	version			JOURNEY_FORMAT_VERSION
 *	uint8	flags			JOURNEY_FLAG_*; reserved bits must be zero
 *	payload:
 *	  varint	nevents
 *	  uint8		unit		timestamps are stored in units of 10^unit
 *							microseconds (0..JOURNEY_MAX_UNIT); the encoder
 *							picks the largest unit that keeps them exact
 *	  varint	nlabels
 *	  nlabels x (varint length, bytes)	label dictionary, in order of
 *							first appearance in the events
 *	  nevents x (varint time, varint label index)
 *							time of event 0 is zigzag(ts / 10^unit) (ts in
 *							microseconds since 2000-01-01 UTC); the others
 *							are deltas to the previous event, >= 0
 *	  if JOURNEY_FLAG_VALUES:
 *		ceil(nevents / 8) bytes	presence bitmap (bit i of byte i/8 set when
 *							event i has a value)
 *		npresent x float8	the values, in event order
 *
 * Every value is canonical: events are sorted by (timestamp, label bytes,
 * value with NULL last), the dictionary is in first-appearance order, the
 * unit is the largest possible, the values flag is set only when some event
 * has a value, -0.0 is stored as 0.0 and all NaNs as one NaN.  Hence two
 * journeys are equal exactly when their bytes are equal, and the binary
 * receive function rejects anything that is not canonical.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_H
#define JOURNEY_H

#include "fmgr.h"
#include "datatype/timestamp.h"
#include "miscadmin.h"

#include "pg_compat.h"

#define JOURNEY_FORMAT_VERSION	1
#define JOURNEY_FLAG_VALUES		0x01
#define JOURNEY_FLAGS_VALID		(JOURNEY_FLAG_VALUES)
#define JOURNEY_MAX_UNIT		9

/* Limits; exceeding any of them is ERRCODE_PROGRAM_LIMIT_EXCEEDED. */
#define JOURNEY_MAX_EVENTS		1000000
#define JOURNEY_MAX_LABEL_LEN	1000
#define JOURNEY_MAX_BYTES		(256 * 1024 * 1024)

/*
 * Rows kept per group by the aggregates over event rows that hold every
 * matching row until their final function (window_funnel,
 * window_funnel_times, sequence_match/count, path_after/path_before, the
 * stage aggregates, session_count and activity_buckets): 16 bytes a row, so
 * at most 160 MB per group.  doc/limits.md.
 */
#define JOURNEY_MAX_GROUP_ROWS	10000000

extern pg_noreturn void journey_too_many_rows(const char *what);

/*
 * Every loop whose length depends on the data (events, labels, paths, chain
 * states) calls JOURNEY_CHECK_INTERRUPTS(i) with its counter, so that
 * statement_timeout and pg_cancel_backend() take effect within 100 ms
 * (test/cancel.sh); one check every JOURNEY_CFI_EVERY iterations costs
 * nothing measurable.  Loops doing more work per iteration call
 * CHECK_FOR_INTERRUPTS() more often.
 */
#define JOURNEY_CFI_EVERY		4096
#define JOURNEY_CHECK_INTERRUPTS(i) \
	do { \
		if (((i) & (JOURNEY_CFI_EVERY - 1)) == 0) \
			CHECK_FOR_INTERRUPTS(); \
	} while (0)

/*
 * Journey timestamps are limited to years 1..9999 (UTC) so that the text
 * form is always a plain four-digit ISO date.
 */
#define JOURNEY_MIN_TS	INT64CONST(-63082281600000000)	/* 0001-01-01 00:00:00+00 */
#define JOURNEY_END_TS	INT64CONST(252455616000000000)	/* 10000-01-01 00:00:00+00 */

typedef struct Journey
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;
	uint8		flags;
	uint8		data[FLEXIBLE_ARRAY_MEMBER];
} Journey;

#define JOURNEY_HDRSZ			offsetof(Journey, data)

#define DatumGetJourneyP(X)		((Journey *) PG_DETOAST_DATUM(X))
#define PG_GETARG_JOURNEY_P(n)	DatumGetJourneyP(PG_GETARG_DATUM(n))
#define PG_RETURN_JOURNEY_P(x)	PG_RETURN_POINTER(x)

/* One decoded event. */
typedef struct JourneyEvent
{
	TimestampTz ts;
	int32		label;			/* index into the label array */
	bool		has_value;
	float8		value;
} JourneyEvent;

/* One label: points into the journey or into builder memory. */
typedef struct JourneyLabel
{
	const char *str;
	int32		len;
} JourneyLabel;

/*
 * A decoded journey.  Labels point into the source varlena, which must stay
 * alive while the decoded form is used.
 */
typedef struct JourneyData
{
	int32		nevents;
	int32		nlabels;
	JourneyEvent *events;
	JourneyLabel *labels;
} JourneyData;

/*
 * Builds a journey from events in any order.  Labels are interned; the
 * builder owns copies of their bytes, allocated in its memory context.
 */
typedef struct JourneyBuilder
{
	MemoryContext mcxt;
	int32		nevents;
	int32		maxevents;
	JourneyEvent *events;
	int32		nlabels;
	int32		maxlabels;
	JourneyLabel *labels;
	uint32	   *label_hashes;	/* parallel to labels */
	int32	   *hash_slots;		/* open-addressing table, -1 = empty; NULL
								 * while there are few labels */
	int32		nslots;
	int64		label_bytes;	/* total length of the distinct labels */
	char	   *arena;			/* label copies are carved from blocks */
	int32		arena_left;
	int32		arena_size;		/* size of the last block (0: none yet) */
} JourneyBuilder;

/*
 * The header of a stored journey, read without decoding anything else:
 * for readers that walk the dictionary and the events themselves.
 */
typedef struct JourneyHeader
{
	uint8		flags;
	int32		nevents;
	int32		nlabels;
	int64		scale;			/* microseconds per stored time unit */
	const uint8 *labels;		/* the label dictionary */
	const uint8 *end;			/* end of the value */
} JourneyHeader;

/* journey_type.c */
extern void journey_builder_init(JourneyBuilder *b, MemoryContext mcxt);
extern JourneyBuilder *journey_builder_new(MemoryContext mcxt);
extern int32 journey_builder_label(JourneyBuilder *b, const char *str, int32 len);
extern void journey_builder_add(JourneyBuilder *b, TimestampTz ts, int32 label,
								bool has_value, float8 value);
extern void journey_builder_add_journey(JourneyBuilder *b, const JourneyData *jd);
extern void journey_builder_add_builder(JourneyBuilder *b, const JourneyBuilder *from);
extern Journey *journey_builder_finish(JourneyBuilder *b);
extern Journey *journey_encode(JourneyData *jd, bool sorted);
extern void journey_decode(const Journey *j, JourneyData *jd);
extern void journey_decode_untrusted(const char *buf, int32 len, JourneyData *jd);
extern int32 journey_count(const Journey *j);
extern void journey_read_header(const uint8 *data, int32 len, JourneyHeader *h);
extern pg_noreturn void journey_corrupt(const char *what);
extern void journey_check_ts(TimestampTz ts);
extern int	journey_event_cmp(const JourneyEvent *a, const JourneyEvent *b,
							  const JourneyLabel *la, const JourneyLabel *lb);
extern int	journey_cmp_internal(const Journey *a, const Journey *b);
extern Journey *journey_empty(void);

/*
 * journey_agg.c: the class (agg_state.h) of journey_state, merge_agg's
 * state type: a JourneyBuilder.
 */
struct AggStateClass;
extern const struct AggStateClass journey_state_class;

/* journey.c */
extern MemoryContext journey_agg_context(FunctionCallInfo fcinfo, const char *fname);

/* journey_io.c */
extern char *journey_format_ts(char *buf, TimestampTz ts);
extern bool journey_label_needs_quotes(const JourneyLabel *l);
extern void journey_append_label(struct StringInfoData *out, const JourneyLabel *l,
								 bool force_quotes);

#endif							/* JOURNEY_H */
