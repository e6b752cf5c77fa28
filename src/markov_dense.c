/*-------------------------------------------------------------------------
 *
 * markov_dense.c
 *	  Removal effects of every label of an absorbing Markov chain from one
 *	  dense inverse of A = I - Q, instead of one iterative solve per label
 *	  (markov_removal_effects, markov.c, chooses between the two).
 *
 * Let N = A^-1 (the fundamental matrix: N[s,t] is the expected number of
 * visits to t from s), h = N r_conv the probability of converting from each
 * state and v = N r_value the expected value; P = h[start], V = v[start].
 * Removing label c sends every transition into a state holding c to
 * (null).  Let S_c be the states holding c and E_c those of S_c with a
 * predecessor outside S_c: a walk from start that ever enters S_c enters it
 * first at some e of E_c, with probability F[e], and converts afterwards
 * with probability h[e].  So P(-c) = P - F h[E_c].  Counting visits to
 * t in E_c by where the walk first entered S_c gives N[start, t] =
 * sum_e F[e] N[e, t], that is F = N[start, E_c] N[E_c, E_c]^-1, hence
 *
 *		P - P(-c) = N[start, E_c] N[E_c, E_c]^-1 h[E_c]
 *
 * and the same with v for the value.  The removal effect 1 - P(-c)/P is
 * that difference over P, with no cancellation.  N[E_c, E_c] is a principal
 * submatrix of the inverse of a nonsingular M-matrix, so it is invertible.
 * For order 1, E_c is the state [c] and the effect is N[start,c] h[c] /
 * (N[c,c] P): the probability of ever reaching c times the conversion
 * probability from there.  For order k, a transition from a state without
 * c can only add c as the newest label, so E_c holds states whose newest
 * label is c; we take the states with such a predecessor from the
 * transitions themselves, which also holds for models read from text.
 *
 * N is computed in place by Gauss-Jordan exchange over blocks of
 * DENSE_NB states, without pivoting: every principal submatrix of the
 * M-matrix A is nonsingular, and so is every Schur complement met on the
 * way (also an M-matrix).  We keep the arithmetic free of cancellation, as
 * in the GTH algorithm of Grassmann, Taksar and Heyman: the off-diagonal
 * entries of the Schur complements are <= 0, those of the partial inverse
 * have a fixed sign, so every update adds terms of one sign; the only
 * subtraction, on the diagonal, is avoided by recomputing each pivot as
 * the row sum of the Schur complement (the probability of leaving the
 * remaining states, carried along like a right-hand side from the
 * absorption probabilities 1 - sum Q[s,:]) plus the magnitudes of its
 * off-diagonal entries.  Every entry of N then has a small relative error,
 * however slowly the chain absorbs.
 *
 * Cost: n^3 multiply-adds for the inverse (n states, nearly all in one
 * matrix product per block, see dense_gemm), then sum |E_c|^3 / 3 for the
 * small solves (n for order 1).  Memory: 8 n^2 bytes for N plus
 * 4 x 8 x DENSE_NB x n of work space (doc/limits.md).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/memutils.h"

#include "journey.h"
#include "markov.h"

/* Gauss-Jordan block: states exchanged per matrix product */
#define DENSE_NB		128

/*
 * Matrix product kernel: register block of MR x NR doubles of C, A packed
 * in row blocks of MC.  GCC and clang vector types give two-double SIMD
 * operations on every x86-64 (SSE2) and let the compiler lower them on
 * other targets; no -march flag is needed.
 */
#define MR				4
#define NR				4
#define MC				64

#if defined(__GNUC__) || defined(__clang__)
#define DENSE_VECTOR 1
typedef double v2d __attribute__((vector_size(16)));
#endif

/* Work space of dense_gemm: packed operands, 16-byte aligned. */
typedef struct GemmWork
{
	double	   *packa;			/* MC x k, each value twice */
	double	   *packb;			/* k x n rounded up to NR */
} GemmWork;

/* Carve n doubles, 16-byte aligned, out of *pos. */
static double *
carve(char **pos, Size n)
{
	double	   *p = (double *) TYPEALIGN(16, *pos);

	*pos = (char *) (p + n);
	return p;
}

/*
 * c[0..mr) x [0..nr) (leading dimension ldc) = (keep ? c : 0) + alpha *
 * (a b), a: k steps of MR values each stored twice, b: k steps of NR values.
 */
static void
gemm_kernel(int k, const double *a, const double *b, double *c, int ldc,
			int mr, int nr, double alpha, bool keep)
{
	double		acc[MR][NR];
	int			i;
	int			j;
#ifdef DENSE_VECTOR
	v2d			c00 = {0, 0},
				c01 = {0, 0},
				c10 = {0, 0},
				c11 = {0, 0},
				c20 = {0, 0},
				c21 = {0, 0},
				c30 = {0, 0},
				c31 = {0, 0};
	int			p;

	for (p = 0; p < k; p++)
	{
		const v2d  *av = (const v2d *) a;
		const v2d  *bv = (const v2d *) b;
		v2d			b0 = bv[0];
		v2d			b1 = bv[1];
		v2d			a0 = av[0];
		v2d			a1 = av[1];
		v2d			a2 = av[2];
		v2d			a3 = av[3];

		c00 += a0 * b0;
		c01 += a0 * b1;
		c10 += a1 * b0;
		c11 += a1 * b1;
		c20 += a2 * b0;
		c21 += a2 * b1;
		c30 += a3 * b0;
		c31 += a3 * b1;
		a += 2 * MR;
		b += NR;
	}
	memcpy(&acc[0][0], &c00, sizeof(v2d));
	memcpy(&acc[0][2], &c01, sizeof(v2d));
	memcpy(&acc[1][0], &c10, sizeof(v2d));
	memcpy(&acc[1][2], &c11, sizeof(v2d));
	memcpy(&acc[2][0], &c20, sizeof(v2d));
	memcpy(&acc[2][2], &c21, sizeof(v2d));
	memcpy(&acc[3][0], &c30, sizeof(v2d));
	memcpy(&acc[3][2], &c31, sizeof(v2d));
#else
	int			p;

	memset(acc, 0, sizeof(acc));
	for (p = 0; p < k; p++)
	{
		for (i = 0; i < MR; i++)
			for (j = 0; j < NR; j++)
				acc[i][j] += a[2 * i] * b[j];
		a += 2 * MR;
		b += NR;
	}
#endif
	for (i = 0; i < mr; i++)
	{
		double	   *ci = c + (Size) i * ldc;

		for (j = 0; j < nr; j++)
			ci[j] = (keep ? ci[j] : 0) + alpha * acc[i][j];
	}
}

/*
 * C (m x n) = (keep ? C : 0) + alpha * A (m x k) B (k x n), row-major with
 * leading dimensions; k <= DENSE_NB.  B is packed once in column panels of
 * NR (a panel stays in L1 while the row panels of A pass), A in row blocks
 * of MC (a block stays in L2).  Checks for interrupts once per row block.
 */
static void
dense_gemm(int m, int n, int k, double alpha, const double *A, int lda,
		   const double *B, int ldb, bool keep, double *C, int ldc,
		   GemmWork *w)
{
	int			npanels = (n + NR - 1) / NR;
	int			jp;
	int			ic;

	if (m <= 0 || n <= 0)
		return;
	Assert(k > 0 && k <= DENSE_NB);
	for (jp = 0; jp < npanels; jp++)
	{
		double	   *dst = w->packb + (Size) jp * k * NR;
		int			j0 = jp * NR;
		int			nr = Min(NR, n - j0);
		int			p;

		for (p = 0; p < k; p++)
		{
			const double *src = B + (Size) p * ldb + j0;
			int			j;

			for (j = 0; j < nr; j++)
				dst[j] = src[j];
			for (; j < NR; j++)
				dst[j] = 0;
			dst += NR;
		}
	}
	for (ic = 0; ic < m; ic += MC)
	{
		int			mc = Min(MC, m - ic);
		int			ipanels = (mc + MR - 1) / MR;
		int			ip;

		CHECK_FOR_INTERRUPTS();
		for (ip = 0; ip < ipanels; ip++)
		{
			double	   *dst = w->packa + (Size) ip * k * 2 * MR;
			int			i0 = ic + ip * MR;
			int			mr = Min(MR, m - i0);
			int			p;
			int			i;

			for (p = 0; p < k; p++)
			{
				for (i = 0; i < MR; i++)
				{
					double		x = i < mr ? A[(Size) (i0 + i) * lda + p] : 0;

					dst[2 * i] = x;
					dst[2 * i + 1] = x;
				}
				dst += 2 * MR;
			}
		}
		for (jp = 0; jp < npanels; jp++)
		{
			int			j0 = jp * NR;
			int			nr = Min(NR, n - j0);

			for (ip = 0; ip < ipanels; ip++)
			{
				int			i0 = ic + ip * MR;

				gemm_kernel(k, w->packa + (Size) ip * k * 2 * MR,
							w->packb + (Size) jp * k * NR,
							C + (Size) i0 * ldc + j0, ldc,
							Min(MR, m - i0), nr, alpha, keep);
			}
		}
	}
}

/*
 * Inverts the kb x kb block p (leading dimension kb) in place by scalar
 * Gauss-Jordan exchange with GTH pivots; bt holds the row sums of p (the
 * probabilities of leaving the block's states) and is destroyed.  Returns
 * false if a pivot is not positive (a closed set of states: singular).
 */
static bool
invert_block(double *p, int kb, double *bt, double *rowt)
{
	int			t;

	for (t = 0; t < kb; t++)
	{
		double	   *pt = p + (Size) t * kb;
		double		piv = bt[t];
		double		inv;
		int			i;
		int			j;

		for (j = t + 1; j < kb; j++)
			piv += fabs(pt[j]);
		if (!(piv > 0) || !isfinite(piv))
			return false;
		inv = 1.0 / piv;
		/* R' = -R / piv */
		for (j = 0; j < kb; j++)
			rowt[j] = -pt[j] * inv;
		rowt[t] = 0;
		for (i = 0; i < kb; i++)
		{
			double	   *pi = p + (Size) i * kb;
			double		ci = pi[t];

			if (i == t)
				continue;
			/* remaining rows: the probability of leaving grows */
			if (i > t)
				bt[i] += fabs(ci) * inv * bt[t];
			/* S' = S + C R', C' = C / piv */
			for (j = 0; j < kb; j++)
				pi[j] += ci * rowt[j];
			pi[t] = ci * inv;
		}
		for (j = 0; j < kb; j++)
			pt[j] = rowt[j];
		pt[t] = inv;
	}
	return true;
}

/*
 * a (n x n, row-major) = its inverse, by blocks of DENSE_NB exchanges; b
 * holds the row sums of a (>= 0, the absorption probabilities) and is
 * destroyed.  Returns false when a pivot is not positive (singular chain)
 * or work space could not be allocated.
 */
static bool
dense_invert(double *a, int n, double *b)
{
	GemmWork	w;
	double	   *pblk;			/* pivot block */
	double	   *rz;				/* its rows, its columns zeroed */
	double	   *cz;				/* its columns, its rows zeroed */
	double	   *t;				/* P^-1 rz, and cz P^-1 */
	double	   *bt;
	double	   *y;
	double	   *rowt;
	bool		ok = true;
	int			k0;
	Size		npack = (Size) ((n + NR - 1) / NR) * NR;
	char	   *space;
	char	   *pos;

	/* all work space at once, each part 16-byte aligned */
	space = palloc_extended(((Size) MC * DENSE_NB * 2 + npack * DENSE_NB +
							 (Size) DENSE_NB * DENSE_NB + 3 * (Size) DENSE_NB * n +
							 3 * DENSE_NB) * sizeof(double) + 9 * 16,
							MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	if (space == NULL)
		return false;
	pos = space;
	w.packa = carve(&pos, (Size) MC * DENSE_NB * 2);
	w.packb = carve(&pos, npack * DENSE_NB);
	pblk = carve(&pos, (Size) DENSE_NB * DENSE_NB);
	rz = carve(&pos, (Size) DENSE_NB * n);
	cz = carve(&pos, (Size) n * DENSE_NB);
	t = carve(&pos, (Size) n * DENSE_NB);
	bt = carve(&pos, DENSE_NB);
	y = carve(&pos, DENSE_NB);
	rowt = carve(&pos, DENSE_NB);

	for (k0 = 0; k0 < n; k0 += DENSE_NB)
	{
		int			kb = Min(DENSE_NB, n - k0);
		int			k1 = k0 + kb;
		int			i;
		int			j;

		/* the pivot block, and its own row sums (GTH) */
		for (i = 0; i < kb; i++)
		{
			const double *ai = a + (Size) (k0 + i) * n;
			double		s = b[k0 + i];

			for (j = k1; j < n; j++)
				s += fabs(ai[j]);
			bt[i] = s;
			memcpy(pblk + (Size) i * kb, ai + k0, kb * sizeof(double));
		}
		if (!invert_block(pblk, kb, bt, rowt))
		{
			ok = false;
			break;
		}

		/* rz = rows k0..k1 with their block zeroed; cz likewise columns */
		for (i = 0; i < kb; i++)
		{
			memcpy(rz + (Size) i * n, a + (Size) (k0 + i) * n, n * sizeof(double));
			memset(rz + (Size) i * n + k0, 0, kb * sizeof(double));
		}
		for (i = 0; i < n; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			if (i >= k0 && i < k1)
				memset(cz + (Size) i * kb, 0, kb * sizeof(double));
			else
				memcpy(cz + (Size) i * kb, a + (Size) i * n + k0, kb * sizeof(double));
		}

		/*
		 * Row sums of the remaining states: b -= C P^-1 b[block], which only
		 * adds (C <= 0, P^-1 >= 0, b >= 0).
		 */
		for (i = 0; i < kb; i++)
		{
			const double *pi = pblk + (Size) i * kb;
			double		s = 0;

			for (j = 0; j < kb; j++)
				s += pi[j] * b[k0 + j];
			y[i] = s;
		}
		for (i = k1; i < n; i++)
		{
			const double *ci = cz + (Size) i * kb;
			double		s = 0;

			for (j = 0; j < kb; j++)
				s += ci[j] * y[j];
			b[i] -= s;
		}

		/* t = P^-1 R; a -= C t; rows of the block = -t */
		dense_gemm(kb, n, kb, 1.0, pblk, kb, rz, n, false, t, n, &w);
		dense_gemm(n, n, kb, -1.0, cz, kb, t, n, true, a, n, &w);
		for (i = 0; i < kb; i++)
		{
			double	   *ai = a + (Size) (k0 + i) * n;
			const double *ti = t + (Size) i * n;

			for (j = 0; j < n; j++)
				ai[j] = -ti[j];
			memcpy(ai + k0, pblk + (Size) i * kb, kb * sizeof(double));
		}
		/* columns of the block = C P^-1 (rows of the block: zero, skipped) */
		dense_gemm(n, kb, kb, 1.0, cz, kb, pblk, kb, false, t, kb, &w);
		for (i = 0; i < n; i++)
		{
			JOURNEY_CHECK_INTERRUPTS(i);
			if (i >= k0 && i < k1)
				continue;
			memcpy(a + (Size) i * n + k0, t + (Size) i * kb, kb * sizeof(double));
		}
	}
	pfree(space);
	return ok;
}

/*
 * rhs (sz x 2: two right-hand sides) = m^-1 rhs, by LU with partial
 * pivoting of m (sz x sz, destroyed).
 */
static void
small_solve(double *m, int sz, double *rhs)
{
	int			col;
	int			i;
	int			j;

	for (col = 0; col < sz; col++)
	{
		int			best = col;
		double	   *mc;

		CHECK_FOR_INTERRUPTS();
		for (i = col + 1; i < sz; i++)
			if (fabs(m[(Size) i * sz + col]) > fabs(m[(Size) best * sz + col]))
				best = i;
		if (best != col)
		{
			for (j = 0; j < sz; j++)
			{
				double		tmp = m[(Size) col * sz + j];

				m[(Size) col * sz + j] = m[(Size) best * sz + j];
				m[(Size) best * sz + j] = tmp;
			}
			for (j = 0; j < 2; j++)
			{
				double		tmp = rhs[col * 2 + j];

				rhs[col * 2 + j] = rhs[best * 2 + j];
				rhs[best * 2 + j] = tmp;
			}
		}
		mc = m + (Size) col * sz;
		for (i = col + 1; i < sz; i++)
		{
			double	   *mi = m + (Size) i * sz;
			double		f = mi[col] / mc[col];

			if (f == 0)
				continue;
			for (j = col + 1; j < sz; j++)
				mi[j] -= f * mc[j];
			rhs[i * 2] -= f * rhs[col * 2];
			rhs[i * 2 + 1] -= f * rhs[col * 2 + 1];
		}
	}
	for (col = sz - 1; col >= 0; col--)
	{
		const double *mc = m + (Size) col * sz;
		double		s0 = rhs[col * 2];
		double		s1 = rhs[col * 2 + 1];

		for (j = col + 1; j < sz; j++)
		{
			s0 -= mc[j] * rhs[j * 2];
			s1 -= mc[j] * rhs[j * 2 + 1];
		}
		rhs[col * 2] = s0 / mc[col];
		rhs[col * 2 + 1] = s1 / mc[col];
	}
}

/*
 * The entry sets E_c of all labels: for label c, the states holding c that
 * have a predecessor without c, as lists entries[first[c] .. first[c+1]).
 * *start_holds gets, per label, whether the start state holds it (only in
 * a model read from text: then everything is removed).  Returns the sum of
 * |E_c|^3.
 */
static double
entry_sets(const Chain *ch, const int32 *keys, int32 k, int32 nlabels,
		   int32 **first_out, int32 **entries_out, bool **start_holds)
{
	uint16	   *entered = palloc0(ch->nstates * sizeof(uint16));
	int32	   *first = palloc0((nlabels + 1) * sizeof(int32));
	int32	   *fill;
	int32	   *entries;
	bool	   *sh = palloc0(Max(nlabels, 1) * sizeof(bool));
	double		cubes = 0;
	int32		s;
	int32		c;
	int32		q;

	Assert(k <= 16);
	for (q = 0; q < k; q++)
		if (keys[q] >= 0 && keys[q] < nlabels)
			sh[keys[q]] = true;
	for (s = 0; s < ch->nstates; s++)
	{
		const int32 *ks = keys + (Size) s * k;
		int32		e;

		JOURNEY_CHECK_INTERRUPTS(s);
		for (e = ch->row[s]; e < ch->row[s + 1]; e++)
		{
			int32		t = ch->col[e];
			const int32 *kt = keys + (Size) t * k;

			for (q = 0; q < k; q++)
			{
				int32		lab = kt[q];
				int32		r;
				bool		dup = false;
				bool		held = false;

				if (lab < 0 || lab >= nlabels || (entered[t] & (1 << q)))
					continue;
				for (r = 0; r < q && !dup; r++)
					dup = (kt[r] == lab);
				for (r = 0; r < k && !held; r++)
					held = (ks[r] == lab);
				if (!dup && !held)
					entered[t] |= (uint16) (1 << q);
			}
		}
	}
	for (s = 0; s < ch->nstates; s++)
		for (q = 0; q < k; q++)
			if (entered[s] & (1 << q))
				first[keys[(Size) s * k + q] + 1]++;
	for (c = 0; c < nlabels; c++)
	{
		double		sz = first[c + 1];

		cubes += sz * sz * sz;
		first[c + 1] += first[c];
	}
	entries = palloc(Max(first[nlabels], 1) * sizeof(int32));
	fill = palloc(Max(nlabels, 1) * sizeof(int32));
	memcpy(fill, first, nlabels * sizeof(int32));
	for (s = 0; s < ch->nstates; s++)
		for (q = 0; q < k; q++)
			if (entered[s] & (1 << q))
				entries[fill[keys[(Size) s * k + q]]++] = s;
	pfree(fill);
	pfree(entered);
	*first_out = first;
	*entries_out = entries;
	*start_holds = sh;
	return cubes;
}

/*
 * Estimated cost of markov_removal_effects_dense in multiply-adds, or -1
 * when the chain has too many states for it.
 */
double
markov_dense_cost(const Chain *ch, const int32 *keys, int32 k, int32 nlabels)
{
	int32	   *first;
	int32	   *entries;
	bool	   *sh;
	double		n = ch->nstates;
	double		cubes;

	if (ch->nstates > MARKOV_DENSE_MAX_STATES)
		return -1;
	cubes = entry_sets(ch, keys, k, nlabels, &first, &entries, &sh);
	pfree(first);
	pfree(entries);
	pfree(sh);
	return n * n * n + cubes / 3;
}

/*
 * Removal effects of labels 0 .. nlabels - 1 (as markov_removal_effects
 * defines them) from the dense inverse.  Returns false, computing nothing,
 * when the chain has too many states, the memory cannot be allocated or the
 * chain is singular (a closed set of states that never absorbs, possible
 * only in a model read from text): the caller then solves iteratively.
 */
bool
markov_removal_effects_dense(const Chain *ch, const int32 *keys, int32 k,
							 int32 nlabels, double *re_conv, double *re_value)
{
	int			n = ch->nstates;
	double	   *a;
	double	   *b;
	double	   *h;
	double	   *v;
	double	   *sub;
	double	   *rhs;
	int32	   *first;
	int32	   *entries;
	bool	   *start_holds;
	int32		maxe = 0;
	double		P;
	double		V;
	int32		c;
	int32		i;
	int32		j;

	if (n > MARKOV_DENSE_MAX_STATES || n < 1)
		return false;
	a = palloc_extended((Size) n * n * sizeof(double),
						MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM | MCXT_ALLOC_ZERO);
	if (a == NULL)
		return false;

	/* A = I - Q; b = its row sums 1 - sum Q[s,:] (compensated) */
	b = palloc(n * sizeof(double));
	for (i = 0; i < n; i++)
	{
		double	   *ai = a + (Size) i * n;
		double		sum = 0;
		double		comp = 0;
		int32		e;

		JOURNEY_CHECK_INTERRUPTS(i);
		ai[i] = 1;
		for (e = ch->row[i]; e < ch->row[i + 1]; e++)
		{
			double		p = ch->prob[e];
			double		t = sum + p;

			ai[ch->col[e]] -= p;
			if (fabs(sum) >= fabs(p))
				comp += (sum - t) + p;
			else
				comp += (p - t) + sum;
			sum = t;
		}
		b[i] = Max(0.0, (1.0 - sum) - comp);
	}
	if (!dense_invert(a, n, b))
	{
		pfree(a);
		pfree(b);
		return false;
	}

	/* h = N r_conv, v = N r_value */
	h = palloc(n * sizeof(double));
	v = palloc(n * sizeof(double));
	for (i = 0; i < n; i++)
	{
		const double *ni = a + (Size) i * n;
		double		sh = 0;
		double		sv = 0;

		JOURNEY_CHECK_INTERRUPTS(i);
		for (j = 0; j < n; j++)
		{
			sh += ni[j] * ch->r_conv[j];
			sv += ni[j] * ch->r_value[j];
		}
		h[i] = sh;
		v[i] = sv;
	}
	P = h[0];
	V = v[0];

	entry_sets(ch, keys, k, nlabels, &first, &entries, &start_holds);
	for (c = 0; c < nlabels; c++)
		maxe = Max(maxe, first[c + 1] - first[c]);
	sub = palloc_extended((Size) Max(maxe, 1) * Max(maxe, 1) * sizeof(double),
						  MCXT_ALLOC_HUGE);
	rhs = palloc(Max(maxe, 1) * 2 * sizeof(double));

	for (c = 0; c < nlabels; c++)
	{
		const int32 *ec = entries + first[c];
		int32		ne = first[c + 1] - first[c];
		double		dconv = 0;	/* P - P(-c) */
		double		dvalue = 0;

		CHECK_FOR_INTERRUPTS();
		re_conv[c] = 0;
		re_value[c] = 0;
		if (start_holds[c])
		{
			dconv = P;
			dvalue = V;
		}
		else if (ne == 1)
		{
			int32		e = ec[0];
			double		f = a[e] / a[(Size) e * n + e];

			dconv = f * h[e];
			dvalue = f * v[e];
		}
		else if (ne > 1)
		{
			for (i = 0; i < ne; i++)
			{
				const double *ni = a + (Size) ec[i] * n;

				for (j = 0; j < ne; j++)
					sub[(Size) i * ne + j] = ni[ec[j]];
				rhs[i * 2] = h[ec[i]];
				rhs[i * 2 + 1] = v[ec[i]];
			}
			small_solve(sub, ne, rhs);
			for (i = 0; i < ne; i++)
			{
				dconv += a[ec[i]] * rhs[i * 2];
				dvalue += a[ec[i]] * rhs[i * 2 + 1];
			}
		}
		if (P > 0)
			re_conv[c] = Max(0.0, dconv / P);
		if (V != 0)
			re_value[c] = dvalue / V;
	}
	pfree(sub);
	pfree(rhs);
	pfree(first);
	pfree(entries);
	pfree(start_holds);
	pfree(h);
	pfree(v);
	pfree(b);
	pfree(a);
	return true;
}
