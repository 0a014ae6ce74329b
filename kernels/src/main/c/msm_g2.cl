/*
 * msm_g2.cl: BLS12-381 G2 multi-scalar multiplication (Pippenger's bucket method) on the device.
 * Appended after msm.cl (it uses fq_t and its operations); see docs/gpu.md.
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
/* G2 in XYZZ coordinates: msm.cl's G1 formulas (madd-2008-s, add-2008-s, dbl-2008-s-1) over Fq2 */

typedef struct {
  fq2_t x, y, zz, zzz;
} g2_xyzz_t;

DEVICE g2_xyzz_t g2_identity(void) {
  g2_xyzz_t r;
  r.x = fq2_zero();
  r.y = fq2_zero();
  r.zz = fq2_zero();
  r.zzz = fq2_zero();
  return r;
}

DEVICE int g2_is_identity(g2_xyzz_t a) {
  return fq2_is_zero(a.zz);
}

DEVICE g2_xyzz_t g2_dbl(g2_xyzz_t a) {
  if (g2_is_identity(a)) {
    return a;
  }
  fq2_t u = fq2_add(a.y, a.y);
  fq2_t v = fq2_sqr(u);
  fq2_t w = fq2_mul(u, v);
  fq2_t s = fq2_mul(a.x, v);
  fq2_t x2 = fq2_sqr(a.x);
  fq2_t m = fq2_add(fq2_add(x2, x2), x2);
  g2_xyzz_t r;
  r.zz = fq2_mul(a.zz, v);
  r.zzz = fq2_mul(a.zzz, w);
  r.x = fq2_sub(fq2_sub(fq2_sqr(m), s), s);
  r.y = fq2_sub(fq2_mul(m, fq2_sub(s, r.x)), fq2_mul(w, a.y));
  return r;
}

/* a + (x2, y2), the affine point finite */
DEVICE g2_xyzz_t g2_add_affine(g2_xyzz_t a, fq2_t x2, fq2_t y2) {
  if (g2_is_identity(a)) {
    g2_xyzz_t r;
    r.x = x2;
    r.y = y2;
    r.zz = fq2_one();
    r.zzz = r.zz;
    return r;
  }
  fq2_t pp = fq2_sub(fq2_mul(x2, a.zz), a.x);
  fq2_t rr = fq2_sub(fq2_mul(y2, a.zzz), a.y);
  if (fq2_is_zero(pp)) {
    return fq2_is_zero(rr) ? g2_dbl(a) : g2_identity();
  }
  fq2_t p2 = fq2_sqr(pp);
  fq2_t p3 = fq2_mul(p2, pp);
  fq2_t q = fq2_mul(a.x, p2);
  g2_xyzz_t r;
  r.zz = fq2_mul(a.zz, p2);
  r.zzz = fq2_mul(a.zzz, p3);
  r.x = fq2_sub(fq2_sub(fq2_sub(fq2_sqr(rr), p3), q), q);
  r.y = fq2_sub(fq2_mul(rr, fq2_sub(q, r.x)), fq2_mul(a.y, p3));
  return r;
}

/* a + b */
DEVICE g2_xyzz_t g2_add(g2_xyzz_t a, g2_xyzz_t b) {
  if (g2_is_identity(b)) {
    return a;
  }
  if (g2_is_identity(a)) {
    return b;
  }
  fq2_t u1 = fq2_mul(a.x, b.zz);
  fq2_t s1 = fq2_mul(a.y, b.zzz);
  fq2_t pp = fq2_sub(fq2_mul(b.x, a.zz), u1);
  fq2_t rr = fq2_sub(fq2_mul(b.y, a.zzz), s1);
  if (fq2_is_zero(pp)) {
    return fq2_is_zero(rr) ? g2_dbl(a) : g2_identity();
  }
  fq2_t p2 = fq2_sqr(pp);
  fq2_t p3 = fq2_mul(p2, pp);
  fq2_t q = fq2_mul(u1, p2);
  g2_xyzz_t r;
  r.zz = fq2_mul(fq2_mul(a.zz, b.zz), p2);
  r.zzz = fq2_mul(fq2_mul(a.zzz, b.zzz), p3);
  r.x = fq2_sub(fq2_sub(fq2_sub(fq2_sqr(rr), p3), q), q);
  r.y = fq2_sub(fq2_mul(rr, fq2_sub(q, r.x)), fq2_mul(s1, p3));
  return r;
}

DEVICE g2_xyzz_t g2_load(GLOBAL const u32 *s) {
  g2_xyzz_t a;
  a.x = fq2_load(s);
  a.y = fq2_load(s + 24);
  a.zz = fq2_load(s + 48);
  a.zzz = fq2_load(s + 72);
  return a;
}

DEVICE void g2_store(GLOBAL u32 *d, g2_xyzz_t a) {
  fq2_store(d, a.x);
  fq2_store(d + 24, a.y);
  fq2_store(d + 48, a.zz);
  fq2_store(d + 72, a.zzz);
}

/* ------------------------------------------------------------------------------------------ */
/* Pippenger over G2: the host's recoding and bucket lists are msm_g1's (see msm.cl). */

KERNEL void msm_g2_bucket_sums(GLOBAL const u32 *bases, GLOBAL const u32 *entries, GLOBAL const u32 *starts,
                               GLOBAL u32 *sums, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  g2_xyzz_t acc = g2_identity();
  u32 end = starts[gid + 1];
  for (u32 e = starts[gid]; e < end; e++) {
    u32 v = entries[e];
    GLOBAL const u32 *b = bases + 48 * (u64)(v >> 1);
    fq2_t x = fq2_load(b);
    fq2_t y = fq2_load(b + 24);
    if (v & 1u) {
      y = fq2_neg(y);
    }
    acc = g2_add_affine(acc, x, y);
  }
  g2_store(sums + 96 * gid, acc);
}

KERNEL void msm_g2_window_sums(GLOBAL const u32 *bucketSums, GLOBAL u32 *out, u32 windows, u32 buckets) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)windows) {
    return;
  }
  GLOBAL const u32 *w = bucketSums + 96 * (u64)buckets * gid;
  g2_xyzz_t running = g2_identity();
  g2_xyzz_t sum = g2_identity();
  for (u32 b = buckets; b > 0; b--) {
    running = g2_add(running, g2_load(w + 96 * (u64)(b - 1)));
    sum = g2_add(sum, running);
  }
  g2_store(out + 96 * gid, sum);
}

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
