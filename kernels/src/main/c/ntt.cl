/*
 * ntt.cl: the radix-2 NTT over Fr (Kernels.nttFr, inttFr, cosetNttFr, icosetNttFr), on the Fr
 * arithmetic of filprover.cl. Natural order in and out, in place on one device buffer of
 * n = 2^log_n elements (8 little-endian 32-bit limbs each, Montgomery form):
 *
 *   ntt_scale   a_j <- a_j * c * g^j          (coset shift before; n^-1 and g^-j after the inverse)
 *   ntt_bitrev  the bit-reversal permutation  (one work item per index, swaps where i < rev(i))
 *   ntt_local   the first `stages` decimation-in-time passes, one block of 2^stages elements per
 *               work-group in local memory
 *   ntt_pass    one later pass in global memory, one work item per butterfly
 *
 * and for Kernels.quotientFr, between the transforms of three such buffers:
 *
 *   fr_quotient_pointwise  a_j <- (a_j * b_j - c_j) * z_inv   (z_inv = (g^n - 1)^-1, 1/Z on the coset)
 *
 * Twiddles: tw holds w^i, i < 2^tw_log, for w the root of unity of the 2^(tw_log + 1) domain (the
 * largest asked for so far; a smaller domain strides through it). The inverse transform uses
 * w^-j = -w^(2^tw_log - j) of the same table.
 */

#define NTT_LOCAL_LOG 8
#define NTT_SCALE_CHUNK 64

/* the low `bits` bits of x reversed (1 <= bits <= 32) */
DEVICE u32 ntt_reverse(u32 x, u32 bits) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
  x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
  x = (x >> 16) | (x << 16);
  return x >> (32u - bits);
}

/* the twiddle of butterfly j (j < half = 2^log_half) of a pass: w_m^j (forward) or w_m^-j
 * (inverse) for m = 2 half; *negate says the table entry must be negated */
DEVICE fr_t ntt_twiddle(GLOBAL const u32 *tw, u32 tw_log, u32 log_half, u32 j, u32 inverse, int *negate) {
  u32 shift = tw_log - log_half;
  u32 idx = j;
  *negate = 0;
  if (inverse && j != 0u) {
    idx = (1u << log_half) - j;
    *negate = 1;
  }
  return fr_load(tw + (u64)8 * ((u64)idx << shift));
}

/* (x, y) <- (x + w y, x - w y), or (x - w y, x + w y) when negate (the twiddle is -w) */
DEVICE void ntt_butterfly(fr_t *x, fr_t *y, fr_t w, int negate) {
  fr_t t = fr_mul(*y, w);
  fr_t a = fr_add(*x, t);
  fr_t b = fr_sub(*x, t);
  if (negate) {
    *x = b;
    *y = a;
  } else {
    *x = a;
    *y = b;
  }
}

/* a_j <- a_j * c * g^j for p = [c, g^(2^0), g^(2^1), ..., g^(2^31)]; NTT_SCALE_CHUNK elements per item */
KERNEL void ntt_scale(GLOBAL u32 *a, GLOBAL const u32 *p, u32 n) {
  u64 lo = GLOBAL_ID() * (u64)NTT_SCALE_CHUNK;
  if (lo >= (u64)n) {
    return;
  }
  fr_t f = fr_load(p);
  for (int k = 0; k < 32; k++) {
    if ((lo >> k) & 1u) {
      f = fr_mul(f, fr_load(p + 8 * (k + 1)));
    }
  }
  fr_t g = fr_load(p + 8);
  u64 hi = lo + (u64)NTT_SCALE_CHUNK;
  if (hi > (u64)n) {
    hi = (u64)n;
  }
  for (u64 j = lo; j < hi; j++) {
    fr_store(a + 8 * j, fr_mul(fr_load(a + 8 * j), f));
    f = fr_mul(f, g);
  }
}

KERNEL void ntt_bitrev(GLOBAL u32 *a, u32 n, u32 log_n) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)n) {
    return;
  }
  u32 i = (u32)gid;
  u32 r = ntt_reverse(i, log_n);
  if (i < r) {
    GLOBAL u32 *x = a + (u64)8 * i;
    GLOBAL u32 *y = a + (u64)8 * r;
    for (int k = 0; k < 8; k++) {
      u32 t = x[k];
      x[k] = y[k];
      y[k] = t;
    }
  }
}

/* passes 1 .. stages (stages <= NTT_LOCAL_LOG) over blocks of 2^stages elements; launched with
 * n / 2 work items in work-groups of 2^(stages - 1) */
KERNEL void ntt_local(GLOBAL u32 *a, GLOBAL const u32 *tw, u32 tw_log, u32 stages, u32 inverse) {
  LOCAL fr_t s[1 << NTT_LOCAL_LOG];
  u32 lid = (u32)LOCAL_ID();
  u32 half_block = 1u << (stages - 1u);
  GLOBAL u32 *blk = a + (u64)8 * ((u64)GROUP_ID() << stages);
  s[lid] = fr_load(blk + 8 * lid);
  s[lid + half_block] = fr_load(blk + 8 * (lid + half_block));
  BARRIER_LOCAL();
  for (u32 lh = 0; lh < stages; lh++) {
    u32 span = 1u << lh;
    u32 j = lid & (span - 1u);
    u32 u = ((lid >> lh) << (lh + 1u)) + j;
    int negate;
    fr_t w = ntt_twiddle(tw, tw_log, lh, j, inverse, &negate);
    fr_t x = s[u];
    fr_t y = s[u + span];
    ntt_butterfly(&x, &y, w, negate);
    s[u] = x;
    s[u + span] = y;
    BARRIER_LOCAL();
  }
  fr_store(blk + 8 * lid, s[lid]);
  fr_store(blk + 8 * (lid + half_block), s[lid + half_block]);
}

/* one pass with half = 2^log_half over n elements: n / 2 work items, one butterfly each */
KERNEL void ntt_pass(GLOBAL u32 *a, GLOBAL const u32 *tw, u32 n, u32 tw_log, u32 log_half, u32 inverse) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)(n >> 1)) {
    return;
  }
  u32 t = (u32)gid;
  u32 j = t & ((1u << log_half) - 1u);
  u64 u = ((u64)(t >> log_half) << (log_half + 1u)) + j;
  u64 v = u + ((u64)1 << log_half);
  int negate;
  fr_t w = ntt_twiddle(tw, tw_log, log_half, j, inverse, &negate);
  fr_t x = fr_load(a + 8 * u);
  fr_t y = fr_load(a + 8 * v);
  ntt_butterfly(&x, &y, w, negate);
  fr_store(a + 8 * u, x);
  fr_store(a + 8 * v, y);
}

/* Groth16's quotient on the coset: a_j <- (a_j * b_j - c_j) * z_inv, one work item per element;
 * z_inv is one element (8 words) */
KERNEL void fr_quotient_pointwise(GLOBAL u32 *a, GLOBAL const u32 *b, GLOBAL const u32 *c, GLOBAL const u32 *z_inv, u32 n) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)n) {
    return;
  }
  fr_t ab = fr_mul(fr_load(a + 8 * gid), fr_load(b + 8 * gid));
  fr_store(a + 8 * gid, fr_mul(fr_sub(ab, fr_load(c + 8 * gid)), fr_load(z_inv)));
}
