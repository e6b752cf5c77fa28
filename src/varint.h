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

/*
 * Read a varint from [*pp, end).  Returns false if the buffer ends inside
 * it, if it overflows 64 bits or if it is not minimal (a last byte of zero
 * after the first); the caller reports the error.
 */
static inline bool
varint_get(const uint8 **pp, const uint8 *end, uint64 *v)
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
