/*
 * msm.cl: BLS12-381 G1 multi-scalar multiplication (Pippenger's bucket method) on the device.
 * Appended after filprover.cl (it uses mac32, adc32 and sbb32 from there); see docs/gpu.md.
 *
 * Fq elements are 12 little-endian 32-bit limbs in Montgomery form (R = 2^384): on a little-endian
 * device byte for byte the host's 6 x 64-bit Montgomery limbs. Points are XYZZ (x = X/ZZ,
 * y = Y/ZZZ, ZZ = 0 the identity) on the device and affine (x, y) in the inputs.
 *
 * Kernels:
 *   msm_g1_bucket_sums  one work item per (window, bucket): the XYZZ sum of its signed point list
 *   msm_g1_window_sums  one work item per window: sum over b of b * bucket_b (running sums)
 *   fq_ops              the Fq operations one by one, for the tests
 */

/* ------------------------------------------------------------------------------------------ */
/* Fq: p = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab */

typedef struct {
  u32 l[12];
} fq_t;

#define FQ_P                                                                                   \
  {0xffffaaabu, 0xb9feffffu, 0xb153ffffu, 0x1eabfffeu, 0xf6b0f624u, 0x6730d2a0u, 0xf38512bfu, \
   0x64774b84u, 0x434bacd7u, 0x4b1ba7b6u, 0x397fe69au, 0x1a0111eau}
/* -p^-1 mod 2^32 */
#define FQ_INV 0xfffcfffdu

DEVICE fq_t fq_zero(void) {
  fq_t z;
  for (int i = 0; i < 12; i++) {
    z.l[i] = 0;
  }
  return z;
}

/* R mod p: one in Montgomery form */
DEVICE fq_t fq_one(void) {
  const u32 r[12] = {0x0002fffdu, 0x76090000u, 0xc40c0002u, 0xebf4000bu, 0x53c758bau, 0x5f489857u,
                     0x70525745u, 0x77ce5853u, 0xa256ec6du, 0x5c071a97u, 0xfa80e493u, 0x15f65ec3u};
  fq_t o;
  for (int i = 0; i < 12; i++) {
    o.l[i] = r[i];
  }
  return o;
}

DEVICE int fq_is_zero(fq_t a) {
  u32 acc = 0;
  for (int i = 0; i < 12; i++) {
    acc |= a.l[i];
  }
  return acc == 0;
}

/* a if a < p, else a - p; needs a < 2p */
DEVICE fq_t fq_reduce_once(fq_t a) {
  const u32 p[12] = FQ_P;
  fq_t d;
  u32 borrow = 0;
  for (int i = 0; i < 12; i++) {
    d.l[i] = sbb32(a.l[i], p[i], &borrow);
  }
  u32 keep = 0u - borrow;
  for (int i = 0; i < 12; i++) {
    d.l[i] = (a.l[i] & keep) | (d.l[i] & ~keep);
  }
  return d;
}

/* a + b mod p (a + b < 2p < 2^384: no carry leaves the top limb) */
DEVICE fq_t fq_add(fq_t a, fq_t b) {
  fq_t s;
  u32 carry = 0;
  for (int i = 0; i < 12; i++) {
    s.l[i] = adc32(a.l[i], b.l[i], &carry);
  }
  return fq_reduce_once(s);
}

/* a - b mod p */
DEVICE fq_t fq_sub(fq_t a, fq_t b) {
  const u32 p[12] = FQ_P;
  fq_t d;
  u32 borrow = 0;
  for (int i = 0; i < 12; i++) {
    d.l[i] = sbb32(a.l[i], b.l[i], &borrow);
  }
  u32 mask = 0u - borrow;
  u32 carry = 0;
  for (int i = 0; i < 12; i++) {
    d.l[i] = adc32(d.l[i], p[i] & mask, &carry);
  }
  return d;
}

/* Montgomery product a*b/2^384 mod p: CIOS over 32-bit limbs; with a, b < p the running value
 * stays below 2p, so one conditional subtraction finishes it. */
DEVICE fq_t fq_mul(fq_t a, fq_t b) {
  const u32 p[12] = FQ_P;
  u32 t[14];
  for (int i = 0; i < 14; i++) {
    t[i] = 0;
  }
  for (int i = 0; i < 12; i++) {
    u32 c = 0;
    for (int j = 0; j < 12; j++) {
      t[j] = mac32(a.l[j], b.l[i], t[j], &c);
    }
    u64 s = (u64)t[12] + (u64)c;
    t[12] = (u32)s;
    t[13] = (u32)(s >> 32);
    u32 m = t[0] * FQ_INV;
    c = 0;
    (void)mac32(m, p[0], t[0], &c); /* the low word is zero by the choice of m */
    for (int j = 1; j < 12; j++) {
      t[j - 1] = mac32(m, p[j], t[j], &c);
    }
    s = (u64)t[12] + (u64)c;
    t[11] = (u32)s;
    t[12] = t[13] + (u32)(s >> 32);
  }
  fq_t r;
  for (int i = 0; i < 12; i++) {
    r.l[i] = t[i];
  }
  return fq_reduce_once(r);
}

DEVICE fq_t fq_sqr(fq_t a) {
  return fq_mul(a, a);
}

DEVICE fq_t fq_load(GLOBAL const u32 *s) {
  fq_t a;
  for (int i = 0; i < 12; i++) {
    a.l[i] = s[i];
  }
  return a;
}

DEVICE void fq_store(GLOBAL u32 *d, fq_t a) {
  for (int i = 0; i < 12; i++) {
    d[i] = a.l[i];
  }
}

/* ------------------------------------------------------------------------------------------ */
/* G1 (y^2 = x^3 + 4) in XYZZ coordinates: madd-2008-s, add-2008-s, dbl-2008-s-1 (EFD), with the
 * identity and the equal / opposite cases handled. */

typedef struct {
  fq_t x, y, zz, zzz;
} g1_xyzz_t;

DEVICE g1_xyzz_t g1_identity(void) {
  g1_xyzz_t r;
  r.x = fq_zero();
  r.y = fq_zero();
  r.zz = fq_zero();
  r.zzz = fq_zero();
  return r;
}

DEVICE int g1_is_identity(g1_xyzz_t a) {
  return fq_is_zero(a.zz);
}

DEVICE g1_xyzz_t g1_dbl(g1_xyzz_t a) {
  if (g1_is_identity(a)) {
    return a;
  }
  fq_t u = fq_add(a.y, a.y);
  fq_t v = fq_sqr(u);
  fq_t w = fq_mul(u, v);
  fq_t s = fq_mul(a.x, v);
  fq_t x2 = fq_sqr(a.x);
  fq_t m = fq_add(fq_add(x2, x2), x2);
  g1_xyzz_t r;
  r.zz = fq_mul(a.zz, v);
  r.zzz = fq_mul(a.zzz, w);
  r.x = fq_sub(fq_sub(fq_sqr(m), s), s);
  r.y = fq_sub(fq_mul(m, fq_sub(s, r.x)), fq_mul(w, a.y));
  return r;
}

/* a + (x2, y2), the affine point finite */
DEVICE g1_xyzz_t g1_add_affine(g1_xyzz_t a, fq_t x2, fq_t y2) {
  if (g1_is_identity(a)) {
    g1_xyzz_t r;
    r.x = x2;
    r.y = y2;
    r.zz = fq_one();
    r.zzz = r.zz;
    return r;
  }
  fq_t pp = fq_sub(fq_mul(x2, a.zz), a.x);
  fq_t rr = fq_sub(fq_mul(y2, a.zzz), a.y);
  if (fq_is_zero(pp)) {
    return fq_is_zero(rr) ? g1_dbl(a) : g1_identity();
  }
  fq_t p2 = fq_sqr(pp);
  fq_t p3 = fq_mul(p2, pp);
  fq_t q = fq_mul(a.x, p2);
  g1_xyzz_t r;
  r.zz = fq_mul(a.zz, p2);
  r.zzz = fq_mul(a.zzz, p3);
  r.x = fq_sub(fq_sub(fq_sub(fq_sqr(rr), p3), q), q);
  r.y = fq_sub(fq_mul(rr, fq_sub(q, r.x)), fq_mul(a.y, p3));
  return r;
}

/* a + b */
DEVICE g1_xyzz_t g1_add(g1_xyzz_t a, g1_xyzz_t b) {
  if (g1_is_identity(b)) {
    return a;
  }
  if (g1_is_identity(a)) {
    return b;
  }
  fq_t u1 = fq_mul(a.x, b.zz);
  fq_t s1 = fq_mul(a.y, b.zzz);
  fq_t pp = fq_sub(fq_mul(b.x, a.zz), u1);
  fq_t rr = fq_sub(fq_mul(b.y, a.zzz), s1);
  if (fq_is_zero(pp)) {
    return fq_is_zero(rr) ? g1_dbl(a) : g1_identity();
  }
  fq_t p2 = fq_sqr(pp);
  fq_t p3 = fq_mul(p2, pp);
  fq_t q = fq_mul(u1, p2);
  g1_xyzz_t r;
  r.zz = fq_mul(fq_mul(a.zz, b.zz), p2);
  r.zzz = fq_mul(fq_mul(a.zzz, b.zzz), p3);
  r.x = fq_sub(fq_sub(fq_sub(fq_sqr(rr), p3), q), q);
  r.y = fq_sub(fq_mul(rr, fq_sub(q, r.x)), fq_mul(s1, p3));
  return r;
}

DEVICE g1_xyzz_t g1_load(GLOBAL const u32 *s) {
  g1_xyzz_t a;
  a.x = fq_load(s);
  a.y = fq_load(s + 12);
  a.zz = fq_load(s + 24);
  a.zzz = fq_load(s + 36);
  return a;
}

DEVICE void g1_store(GLOBAL u32 *d, g1_xyzz_t a) {
  fq_store(d, a.x);
  fq_store(d + 12, a.y);
  fq_store(d + 24, a.zz);
  fq_store(d + 36, a.zzz);
}

/* ------------------------------------------------------------------------------------------ */
/* Pippenger. The host recodes the scalars into signed c-bit digits and lists, for every
 * (window, bucket) pair g = window * buckets + (bucket - 1), the terms whose digit in that window
 * is +-bucket: entries[starts[g] .. starts[g + 1]) holds (base index << 1) | (1 if negative). */

KERNEL void msm_g1_bucket_sums(GLOBAL const u32 *bases, GLOBAL const u32 *entries, GLOBAL const u32 *starts,
                               GLOBAL u32 *sums, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  g1_xyzz_t acc = g1_identity();
  u32 end = starts[gid + 1];
  for (u32 e = starts[gid]; e < end; e++) {
    u32 v = entries[e];
    GLOBAL const u32 *b = bases + 24 * (u64)(v >> 1);
    fq_t x = fq_load(b);
    fq_t y = fq_load(b + 12);
    if (v & 1u) {
      y = fq_sub(fq_zero(), y);
    }
    acc = g1_add_affine(acc, x, y);
  }
  g1_store(sums + 48 * gid, acc);
}

/* window w's sum over its buckets b = 1 .. buckets of b * B_b, from the bucket sums above */
KERNEL void msm_g1_window_sums(GLOBAL const u32 *bucketSums, GLOBAL u32 *out, u32 windows, u32 buckets) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)windows) {
    return;
  }
  GLOBAL const u32 *w = bucketSums + 48 * (u64)buckets * gid;
  g1_xyzz_t running = g1_identity();
  g1_xyzz_t sum = g1_identity();
  for (u32 b = buckets; b > 0; b--) {
    running = g1_add(running, g1_load(w + 48 * (u64)(b - 1)));
    sum = g1_add(sum, running);
  }
  g1_store(out + 48 * gid, sum);
}

/* the Fq operations one by one: out = a + b, a - b, a * b, a^2 (12 limbs each) */
KERNEL void fq_ops(GLOBAL const u32 *a, GLOBAL const u32 *b, GLOBAL u32 *out, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  fq_t x = fq_load(a + 12 * gid);
  fq_t y = fq_load(b + 12 * gid);
  GLOBAL u32 *o = out + 48 * gid;
  fq_store(o, fq_add(x, y));
  fq_store(o + 12, fq_sub(x, y));
  fq_store(o + 24, fq_mul(x, y));
  fq_store(o + 36, fq_sqr(x));
}
