/*-------------------------------------------------------------------------
 *
 * varint.h
 *	  Unsigned LEB128 varints and zigzag mapping, shared by every encoder and
 *	  decoder of the extension.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_VARINT_H
#define JOURNEY_VARINT_H

#define VARINT_MAX_BYTES 10

/* Number of bytes the varint encoding of v takes. */
static inline int
varint_size(uint64 v)
{
	int			n = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		n++;
	}
	return n;
}

/* Write v at p; returns the position after it. */
static inline uint8 *
varint_put(uint8 *p, uint64 v)
{
	while (v >= 0x80)
	{
		*p++ = (uint8) (v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8) v;
	return p;
}

/* varint_get beyond its one-byte case. */
static inline bool
varint_get_long(const uint8 **pp, const uint8 *end, uint64 *v)
{
	const uint8 *p = *pp;
	uint64		result = 0;
	int			shift = 0;

	for (;;)
	{
		uint8		b;

		if (p >= end)
			return false;
		b = *p++;
		if (shift == 63 && b > 1)
			return false;
		result |= ((uint64) (b & 0x7F)) << shift;
		if ((b & 0x80) == 0)
		{
			if (b == 0 && shift > 0)
				return false;
			break;
		}
		shift += 7;
		if (shift > 63)
			return false;
	}
	*pp = p;
	*v = result;
	return true;
}

/*
 * Read a varint from [*pp, end).  Returns false if the buffer ends inside
 * it, if it overflows 64 bits or if it is not minimal (a last byte of zero
 * after the first); the caller reports the error.  Varints of up to three
 * bytes (label indexes, time deltas of up to 2^21 units in a stored journey)
 * are read inline at every call, without a loop.
 */
static inline bool
varint_get(const uint8 **pp, const uint8 *end, uint64 *v)
{
	const uint8 *p = *pp;

	if (likely(end - p >= 3))
	{
		uint64		b0 = p[0],
					b1,
					b2;

		if (b0 < 0x80)
		{
			*v = b0;
			*pp = p + 1;
			return true;
		}
		b1 = p[1];
		if (b1 < 0x80)
		{
			if (b1 == 0)
				return false;	/* not minimal */
			*v = (b0 & 0x7F) | (b1 << 7);
			*pp = p + 2;
			return true;
		}
		b2 = p[2];
		if (b2 < 0x80)
		{
			if (b2 == 0)
				return false;
			*v = (b0 & 0x7F) | ((b1 & 0x7F) << 7) | (b2 << 14);
			*pp = p + 3;
			return true;
		}
	}
	return varint_get_long(pp, end, v);
}

static inline uint64
zigzag_encode(int64 v)
{
	return ((uint64) v << 1) ^ (uint64) (v >> 63);
}

static inline int64
zigzag_decode(uint64 v)
{
	return (int64) (v >> 1) ^ -((int64) (v & 1));
}

#endif							/* JOURNEY_VARINT_H */
