/*
 * msm_g2.cl: BLS12-381 G2 multi-scalar multiplication (Pippenger's bucket method) on the device.
 * Appended after msm.cl (it uses fq_t and its operations, and instantiates msm.cl's XYZZ_POINT_OPS
 * and MSM_KERNELS over Fq2); see docs/gpu.md.
 *
 * Fq2 = Fq[u]/(u^2 + 1), an element c0 + c1*u as two fq_t (24 little-endian 32-bit limbs, c0 first):
 * byte for byte the host's 12 x 64-bit Montgomery limbs. G2 points are on the twist
 * y^2 = x^3 + 4(u + 1); the XYZZ formulas are G1's over Fq2 (a = 0, and b never enters an addition or
 * a doubling). Affine inputs are x.c0, x.c1, y.c0, y.c1 (48 words); XYZZ points x, y, zz, zzz (96 words).
 *
 * Kernels:
 *   msm_g2_bucket_sums  one work item per (window, bucket): the XYZZ sum of its signed point list
 *   msm_g2_window_sums  one work item per window: sum over b of b * bucket_b (running sums)
 *   fq2_ops, g2_ops     the Fq2 operations and the G2 additions one by one, for the tests
 */

typedef struct {
  fq_t c0, c1;
} fq2_t;

DEVICE fq2_t fq2_zero(void) {
  fq2_t z;
  z.c0 = fq_zero();
  z.c1 = fq_zero();
  return z;
}

DEVICE fq2_t fq2_one(void) {
  fq2_t o;
  o.c0 = fq_one();
  o.c1 = fq_zero();
  return o;
}

DEVICE int fq2_is_zero(fq2_t a) {
  return fq_is_zero(a.c0) && fq_is_zero(a.c1);
}

DEVICE fq2_t fq2_add(fq2_t a, fq2_t b) {
  fq2_t r;
  r.c0 = fq_add(a.c0, b.c0);
  r.c1 = fq_add(a.c1, b.c1);
  return r;
}

DEVICE fq2_t fq2_sub(fq2_t a, fq2_t b) {
  fq2_t r;
  r.c0 = fq_sub(a.c0, b.c0);
  r.c1 = fq_sub(a.c1, b.c1);
  return r;
}

DEVICE fq2_t fq2_neg(fq2_t a) {
  return fq2_sub(fq2_zero(), a);
}

/* Karatsuba: (a0 + a1 u)(b0 + b1 u) = a0 b0 - a1 b1 + ((a0 + a1)(b0 + b1) - a0 b0 - a1 b1) u,
 * three fq_mul; every intermediate is reduced, so the result is the canonical element. */
DEVICE fq2_t fq2_mul(fq2_t a, fq2_t b) {
  fq_t v0 = fq_mul(a.c0, b.c0);
  fq_t v1 = fq_mul(a.c1, b.c1);
  fq2_t r;
  r.c0 = fq_sub(v0, v1);
  r.c1 = fq_sub(fq_sub(fq_mul(fq_add(a.c0, a.c1), fq_add(b.c0, b.c1)), v0), v1);
  return r;
}

/* (a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u: two fq_mul */
DEVICE fq2_t fq2_sqr(fq2_t a) {
  fq_t m = fq_mul(a.c0, a.c1);
  fq2_t r;
  r.c0 = fq_mul(fq_add(a.c0, a.c1), fq_sub(a.c0, a.c1));
  r.c1 = fq_add(m, m);
  return r;
}

DEVICE fq2_t fq2_load(GLOBAL const u32 *s) {
  fq2_t a;
  a.c0 = fq_load(s);
  a.c1 = fq_load(s + 12);
  return a;
}

DEVICE void fq2_store(GLOBAL u32 *d, fq2_t a) {
  fq_store(d, a.c0);
  fq_store(d + 12, a.c1);
}

/* ------------------------------------------------------------------------------------------ */
/* G2 in XYZZ coordinates and its MSM kernels msm_g2_bucket_sums, msm_g2_window_sums: msm.cl's
 * XYZZ_POINT_OPS and MSM_KERNELS over Fq2 (the host's recoding and bucket lists are G1's) */

XYZZ_POINT_OPS(g2, fq2, 24)
MSM_KERNELS(g2, fq2, 24)

/* ------------------------------------------------------------------------------------------ */
/* For the tests */

/* out = a + b, a - b, a * b, a^2 (24 limbs each) */
KERNEL void fq2_ops(GLOBAL const u32 *a, GLOBAL const u32 *b, GLOBAL u32 *out, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  fq2_t x = fq2_load(a + 24 * gid);
  fq2_t y = fq2_load(b + 24 * gid);
  GLOBAL u32 *o = out + 96 * gid;
  fq2_store(o, fq2_add(x, y));
  fq2_store(o + 24, fq2_sub(x, y));
  fq2_store(o + 48, fq2_mul(x, y));
  fq2_store(o + 72, fq2_sqr(x));
}

/* p, q XYZZ (96 words each), a affine (48 words, finite): out = p + q, 2p, p + a (96 words each) */
KERNEL void g2_ops(GLOBAL const u32 *p, GLOBAL const u32 *q, GLOBAL const u32 *a, GLOBAL u32 *out, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  g2_xyzz_t x = g2_load(p + 96 * gid);
  g2_xyzz_t y = g2_load(q + 96 * gid);
  GLOBAL const u32 *aa = a + 48 * gid;
  GLOBAL u32 *o = out + 288 * gid;
  g2_store(o, g2_add(x, y));
  g2_store(o + 96, g2_dbl(x));
  g2_store(o + 192, g2_add_affine(x, fq2_load(aa), fq2_load(aa + 24)));
}
