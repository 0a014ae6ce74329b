/*
 * msm.cl: BLS12-381 G1 multi-scalar multiplication (Pippenger's bucket method) on the device.
 * Appended after filprover.cl (it uses mac32, adc32 and sbb32 from there); see docs/gpu.md.
 *
 * Fq elements are 12 little-endian 32-bit limbs in Montgomery form (R = 2^384): on a little-endian
 * device byte for byte the host's 6 x 64-bit Montgomery limbs. Points are XYZZ (x = X/ZZ,
 * y = Y/ZZZ, ZZ = 0 the identity) on the device and affine (x, y) in the inputs.
 *
 * The XYZZ arithmetic and the Pippenger kernels are written once, as macros over the field
 * (XYZZ_POINT_OPS, MSM_KERNELS), and instantiated here for G1 and in msm_g2.cl for G2.
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

/* -a mod p */
DEVICE fq_t fq_neg(fq_t a) {
  return fq_sub(fq_zero(), a);
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
/* The XYZZ point arithmetic and the Pippenger kernels, written once for G1 (over Fq, here) and G2 (over
 * Fq2, msm_g2.cl) as macros over the field: XYZZ_POINT_OPS(G, F, W) defines G##_xyzz_t and its
 * operations from F##_t's (F##_zero, _one, _is_zero, _add, _sub, _mul, _sqr, _load, _store), W the
 * 32-bit words of an F element; MSM_KERNELS(G, F, W) the kernels msm_##G##_bucket_sums and
 * msm_##G##_window_sums (F##_neg besides). Only block comments inside the macros: a line comment would
 * swallow the rest of the spliced definition. */

/* G (y^2 = x^3 + b, a = 0: b never enters an addition or a doubling) in XYZZ coordinates (x = X/ZZ,
 * y = Y/ZZZ, ZZ = 0 the identity): madd-2008-s, add-2008-s, dbl-2008-s-1 (EFD), with the identity and
 * the equal / opposite cases handled. A point is x, y, zz, zzz in memory (4W words). */
#define XYZZ_POINT_OPS(G, F, W)                                                                \
  typedef struct {                                                                             \
    F##_t x, y, zz, zzz;                                                                       \
  } G##_xyzz_t;                                                                                \
                                                                                               \
  DEVICE G##_xyzz_t G##_identity(void) {                                                       \
    G##_xyzz_t r;                                                                              \
    r.x = F##_zero();                                                                          \
    r.y = F##_zero();                                                                          \
    r.zz = F##_zero();                                                                         \
    r.zzz = F##_zero();                                                                        \
    return r;                                                                                  \
  }                                                                                            \
                                                                                               \
  DEVICE int G##_is_identity(G##_xyzz_t a) {                                                   \
    return F##_is_zero(a.zz);                                                                  \
  }                                                                                            \
                                                                                               \
  DEVICE G##_xyzz_t G##_dbl(G##_xyzz_t a) {                                                    \
    if (G##_is_identity(a)) {                                                                  \
      return a;                                                                                \
    }                                                                                          \
    F##_t u = F##_add(a.y, a.y);                                                               \
    F##_t v = F##_sqr(u);                                                                      \
    F##_t w = F##_mul(u, v);                                                                   \
    F##_t s = F##_mul(a.x, v);                                                                 \
    F##_t x2 = F##_sqr(a.x);                                                                   \
    F##_t m = F##_add(F##_add(x2, x2), x2);                                                    \
    G##_xyzz_t r;                                                                              \
    r.zz = F##_mul(a.zz, v);                                                                   \
    r.zzz = F##_mul(a.zzz, w);                                                                 \
    r.x = F##_sub(F##_sub(F##_sqr(m), s), s);                                                  \
    r.y = F##_sub(F##_mul(m, F##_sub(s, r.x)), F##_mul(w, a.y));                               \
    return r;                                                                                  \
  }                                                                                            \
                                                                                               \
  /* a + (x2, y2), the affine point finite */                                                  \
  DEVICE G##_xyzz_t G##_add_affine(G##_xyzz_t a, F##_t x2, F##_t y2) {                         \
    if (G##_is_identity(a)) {                                                                  \
      G##_xyzz_t r;                                                                            \
      r.x = x2;                                                                                \
      r.y = y2;                                                                                \
      r.zz = F##_one();                                                                        \
      r.zzz = r.zz;                                                                            \
      return r;                                                                                \
    }                                                                                          \
    F##_t pp = F##_sub(F##_mul(x2, a.zz), a.x);                                                \
    F##_t rr = F##_sub(F##_mul(y2, a.zzz), a.y);                                               \
    if (F##_is_zero(pp)) {                                                                     \
      return F##_is_zero(rr) ? G##_dbl(a) : G##_identity();                                    \
    }                                                                                          \
    F##_t p2 = F##_sqr(pp);                                                                    \
    F##_t p3 = F##_mul(p2, pp);                                                                \
    F##_t q = F##_mul(a.x, p2);                                                                \
    G##_xyzz_t r;                                                                              \
    r.zz = F##_mul(a.zz, p2);                                                                  \
    r.zzz = F##_mul(a.zzz, p3);                                                                \
    r.x = F##_sub(F##_sub(F##_sub(F##_sqr(rr), p3), q), q);                                    \
    r.y = F##_sub(F##_mul(rr, F##_sub(q, r.x)), F##_mul(a.y, p3));                             \
    return r;                                                                                  \
  }                                                                                            \
                                                                                               \
  /* a + b */                                                                                  \
  DEVICE G##_xyzz_t G##_add(G##_xyzz_t a, G##_xyzz_t b) {                                      \
    if (G##_is_identity(b)) {                                                                  \
      return a;                                                                                \
    }                                                                                          \
    if (G##_is_identity(a)) {                                                                  \
      return b;                                                                                \
    }                                                                                          \
    F##_t u1 = F##_mul(a.x, b.zz);                                                             \
    F##_t s1 = F##_mul(a.y, b.zzz);                                                            \
    F##_t pp = F##_sub(F##_mul(b.x, a.zz), u1);                                                \
    F##_t rr = F##_sub(F##_mul(b.y, a.zzz), s1);                                               \
    if (F##_is_zero(pp)) {                                                                     \
      return F##_is_zero(rr) ? G##_dbl(a) : G##_identity();                                    \
    }                                                                                          \
    F##_t p2 = F##_sqr(pp);                                                                    \
    F##_t p3 = F##_mul(p2, pp);                                                                \
    F##_t q = F##_mul(u1, p2);                                                                 \
    G##_xyzz_t r;                                                                              \
    r.zz = F##_mul(F##_mul(a.zz, b.zz), p2);                                                   \
    r.zzz = F##_mul(F##_mul(a.zzz, b.zzz), p3);                                                \
    r.x = F##_sub(F##_sub(F##_sub(F##_sqr(rr), p3), q), q);                                    \
    r.y = F##_sub(F##_mul(rr, F##_sub(q, r.x)), F##_mul(s1, p3));                              \
    return r;                                                                                  \
  }                                                                                            \
                                                                                               \
  DEVICE G##_xyzz_t G##_load(GLOBAL const u32 *s) {                                            \
    G##_xyzz_t a;                                                                              \
    a.x = F##_load(s);                                                                         \
    a.y = F##_load(s + (W));                                                                   \
    a.zz = F##_load(s + 2 * (W));                                                              \
    a.zzz = F##_load(s + 3 * (W));                                                             \
    return a;                                                                                  \
  }                                                                                            \
                                                                                               \
  DEVICE void G##_store(GLOBAL u32 *d, G##_xyzz_t a) {                                         \
    F##_store(d, a.x);                                                                         \
    F##_store(d + (W), a.y);                                                                   \
    F##_store(d + 2 * (W), a.zz);                                                              \
    F##_store(d + 3 * (W), a.zzz);                                                             \
  }

/* Pippenger. The host (MsmHost) recodes the scalars into signed c-bit digits and lists, for every
 * (window, bucket) pair g = window * buckets + (bucket - 1), the terms whose digit in that window
 * is +-bucket: entries[starts[g] .. starts[g + 1]) holds (base index << 1) | (1 if negative).
 * Affine bases are (x, y), 2W words each; XYZZ sums 4W words.
 *   msm_G_bucket_sums  one work item per (window, bucket): the XYZZ sum of its signed point list
 *   msm_G_window_sums  one work item per window: window w's sum over its buckets b = 1 .. buckets of
 *                      b * B_b, from the bucket sums (running sums from the top) */
#define MSM_KERNELS(G, F, W)                                                                   \
  KERNEL void msm_##G##_bucket_sums(GLOBAL const u32 *bases, GLOBAL const u32 *entries,        \
                                    GLOBAL const u32 *starts, GLOBAL u32 *sums, u32 count) {   \
    u64 gid = GLOBAL_ID();                                                                     \
    if (gid >= (u64)count) {                                                                   \
      return;                                                                                  \
    }                                                                                          \
    G##_xyzz_t acc = G##_identity();                                                           \
    u32 end = starts[gid + 1];                                                                 \
    for (u32 e = starts[gid]; e < end; e++) {                                                  \
      u32 v = entries[e];                                                                      \
      GLOBAL const u32 *b = bases + 2 * (W) * (u64)(v >> 1);                                   \
      F##_t x = F##_load(b);                                                                   \
      F##_t y = F##_load(b + (W));                                                             \
      if (v & 1u) {                                                                            \
        y = F##_neg(y);                                                                        \
      }                                                                                        \
      acc = G##_add_affine(acc, x, y);                                                         \
    }                                                                                          \
    G##_store(sums + 4 * (W) * gid, acc);                                                      \
  }                                                                                            \
                                                                                               \
  KERNEL void msm_##G##_window_sums(GLOBAL const u32 *bucketSums, GLOBAL u32 *out, u32 windows, \
                                    u32 buckets) {                                             \
    u64 gid = GLOBAL_ID();                                                                     \
    if (gid >= (u64)windows) {                                                                 \
      return;                                                                                  \
    }                                                                                          \
    GLOBAL const u32 *w = bucketSums + 4 * (W) * (u64)buckets * gid;                           \
    G##_xyzz_t running = G##_identity();                                                       \
    G##_xyzz_t sum = G##_identity();                                                           \
    for (u32 b = buckets; b > 0; b--) {                                                        \
      running = G##_add(running, G##_load(w + 4 * (W) * (u64)(b - 1)));                        \
      sum = G##_add(sum, running);                                                             \
    }                                                                                          \
    G##_store(out + 4 * (W) * gid, sum);                                                       \
  }

/* ------------------------------------------------------------------------------------------ */
/* G1 (y^2 = x^3 + 4) and its MSM kernels msm_g1_bucket_sums, msm_g1_window_sums */

XYZZ_POINT_OPS(g1, fq, 12)
MSM_KERNELS(g1, fq, 12)

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
