/*
 * filprover device kernels: one source for OpenCL C 1.2 and CUDA (docs/gpu.md).
 *
 * This file uses only the portable subset of C both languages share. Everything that differs
 * (qualifiers, thread indices, integer types, intrinsics) comes from a prelude prepended to it:
 * prelude_opencl.h (the JOCL backend, built at run time) or prelude_cuda.h (kernels/build-cuda.sh).
 *
 * Kernels:
 *   sha256_trunc254_pairs  Filecoin's sha2-256-trunc254-padded node function over 64-byte pairs
 *   poseidon_hash_a{2,4,8,11}  neptune's Poseidon (MerkleTree hash type) over BLS12-381 Fr
 *
 * Fr elements are 8 little-endian 32-bit limbs in Montgomery form (R = 2^256): on a little-endian
 * device this is byte for byte the host's 4 x 64-bit limb layout, so no conversion is needed.
 */

/* ------------------------------------------------------------------------------------------ */
/* Fr: the BLS12-381 scalar field, r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001 */

typedef struct {
  u32 l[8];
} fr_t;

#define FR_P0 0x00000001u
#define FR_P1 0xffffffffu
#define FR_P2 0xfffe5bfeu
#define FR_P3 0x53bda402u
#define FR_P4 0x09a1d805u
#define FR_P5 0x3339d808u
#define FR_P6 0x299d7d48u
#define FR_P7 0x73eda753u
/* -r^-1 mod 2^32 (r = 1 mod 2^32) */
#define FR_INV 0xffffffffu

/* a*b + c + *carry; the high word goes to *carry (never overflows 64 bits) */
DEVICE u32 mac32(u32 a, u32 b, u32 c, u32 *carry) {
  u64 t = (u64)a * (u64)b + (u64)c + (u64)*carry;
  *carry = (u32)(t >> 32);
  return (u32)t;
}

/* a + b + *carry with the carry out in *carry */
DEVICE u32 adc32(u32 a, u32 b, u32 *carry) {
  u64 t = (u64)a + (u64)b + (u64)*carry;
  *carry = (u32)(t >> 32);
  return (u32)t;
}

/* a - b - *borrow with the borrow out (0 or 1) in *borrow */
DEVICE u32 sbb32(u32 a, u32 b, u32 *borrow) {
  u64 t = (u64)a - (u64)b - (u64)*borrow;
  *borrow = (u32)(t >> 63);
  return (u32)t;
}

/* a if a < r, else a - r; needs a < 2r */
DEVICE fr_t fr_reduce_once(fr_t a) {
  const u32 p[8] = {FR_P0, FR_P1, FR_P2, FR_P3, FR_P4, FR_P5, FR_P6, FR_P7};
  fr_t d;
  u32 borrow = 0;
  for (int i = 0; i < 8; i++) {
    d.l[i] = sbb32(a.l[i], p[i], &borrow);
  }
  /* borrow set: a < r, keep a */
  u32 keep = 0u - borrow;
  for (int i = 0; i < 8; i++) {
    d.l[i] = (a.l[i] & keep) | (d.l[i] & ~keep);
  }
  return d;
}

/* a + b mod r (inputs reduced; a + b < 2r < 2^256, so no carry leaves the top limb) */
DEVICE fr_t fr_add(fr_t a, fr_t b) {
  fr_t s;
  u32 carry = 0;
  for (int i = 0; i < 8; i++) {
    s.l[i] = adc32(a.l[i], b.l[i], &carry);
  }
  return fr_reduce_once(s);
}

/* a - b mod r */
DEVICE fr_t fr_sub(fr_t a, fr_t b) {
  const u32 p[8] = {FR_P0, FR_P1, FR_P2, FR_P3, FR_P4, FR_P5, FR_P6, FR_P7};
  fr_t d;
  u32 borrow = 0;
  for (int i = 0; i < 8; i++) {
    d.l[i] = sbb32(a.l[i], b.l[i], &borrow);
  }
  /* on borrow add r back */
  u32 mask = 0u - borrow;
  u32 carry = 0;
  for (int i = 0; i < 8; i++) {
    d.l[i] = adc32(d.l[i], p[i] & mask, &carry);
  }
  return d;
}

/* Montgomery product a*b/2^256 mod r: CIOS over 32-bit limbs. With a, b < r the running value
 * stays below 2r < 2^256, so one conditional subtraction finishes it. */
DEVICE fr_t fr_mul(fr_t a, fr_t b) {
  const u32 p[8] = {FR_P0, FR_P1, FR_P2, FR_P3, FR_P4, FR_P5, FR_P6, FR_P7};
  u32 t[10];
  for (int i = 0; i < 10; i++) {
    t[i] = 0;
  }
  for (int i = 0; i < 8; i++) {
    u32 c = 0;
    for (int j = 0; j < 8; j++) {
      t[j] = mac32(a.l[j], b.l[i], t[j], &c);
    }
    u64 s = (u64)t[8] + (u64)c;
    t[8] = (u32)s;
    t[9] = (u32)(s >> 32);
    u32 m = t[0] * FR_INV;
    c = 0;
    (void)mac32(m, p[0], t[0], &c); /* the low word is zero by the choice of m */
    for (int j = 1; j < 8; j++) {
      t[j - 1] = mac32(m, p[j], t[j], &c);
    }
    s = (u64)t[8] + (u64)c;
    t[7] = (u32)s;
    t[8] = t[9] + (u32)(s >> 32);
  }
  fr_t r;
  for (int i = 0; i < 8; i++) {
    r.l[i] = t[i];
  }
  return fr_reduce_once(r);
}

DEVICE fr_t fr_sqr(fr_t a) {
  return fr_mul(a, a);
}

/* x^5 */
DEVICE fr_t fr_pow5(fr_t x) {
  fr_t x2 = fr_sqr(x);
  fr_t x4 = fr_sqr(x2);
  return fr_mul(x4, x);
}

DEVICE fr_t fr_load(GLOBAL const u32 *p) {
  fr_t r;
  for (int i = 0; i < 8; i++) {
    r.l[i] = p[i];
  }
  return r;
}

DEVICE void fr_store(GLOBAL u32 *p, fr_t a) {
  for (int i = 0; i < 8; i++) {
    p[i] = a.l[i];
  }
}

/* ------------------------------------------------------------------------------------------ */
/* SHA-256 (FIPS 180-4) of one 64-byte message: two compressions, the second over the fixed padding */

CONSTANT u32 SHA256_K[64] = {
  0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
  0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
  0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
  0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
  0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
  0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
  0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
  0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u
};

/* h <- compress(h, w); w (16 words, big-endian message words) is used as the rolling schedule */
DEVICE void sha256_compress(u32 *h, u32 *w) {
  u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    u32 wi;
    if (i < 16) {
      wi = w[i];
    } else {
      u32 w15 = w[(i + 1) & 15];
      u32 w2 = w[(i + 14) & 15];
      u32 s0 = ROTR32(w15, 7) ^ ROTR32(w15, 18) ^ (w15 >> 3);
      u32 s1 = ROTR32(w2, 17) ^ ROTR32(w2, 19) ^ (w2 >> 10);
      wi = w[i & 15] + s0 + w[(i + 9) & 15] + s1;
      w[i & 15] = wi;
    }
    u32 S1 = ROTR32(e, 6) ^ ROTR32(e, 11) ^ ROTR32(e, 25);
    u32 ch = (e & f) ^ (~e & g);
    u32 t1 = k + S1 + ch + SHA256_K[i] + wi;
    u32 S0 = ROTR32(a, 2) ^ ROTR32(a, 13) ^ ROTR32(a, 22);
    u32 maj = (a & b) ^ (a & c) ^ (b & c);
    u32 t2 = S0 + maj;
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += k;
}

/* o[0 .. 32) = SHA256(m[0 .. 64)) with the two top bits of byte 31 cleared */
DEVICE void sha256_trunc254(GLOBAL const u8 *m, GLOBAL u8 *o) {
  u32 w[16];
  for (int j = 0; j < 16; j++) {
    w[j] = ((u32)m[4 * j] << 24) | ((u32)m[4 * j + 1] << 16) | ((u32)m[4 * j + 2] << 8) | (u32)m[4 * j + 3];
  }
  u32 h[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
  sha256_compress(h, w);
  /* the padding block of a 512-bit message */
  w[0] = 0x80000000u;
  for (int j = 1; j < 15; j++) {
    w[j] = 0;
  }
  w[15] = 512;
  sha256_compress(h, w);
  for (int j = 0; j < 8; j++) {
    o[4 * j] = (u8)(h[j] >> 24);
    o[4 * j + 1] = (u8)(h[j] >> 16);
    o[4 * j + 2] = (u8)(h[j] >> 8);
    o[4 * j + 3] = (u8)h[j];
  }
  o[31] = (u8)(o[31] & 0x3f);
}

/* out[32i .. 32i+32) = SHA256(in[64i .. 64i+64)) with the two top bits of byte 31 cleared */
KERNEL void sha256_trunc254_pairs(GLOBAL const u8 *in, GLOBAL u8 *out, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  sha256_trunc254(in + 64 * gid, out + 32 * gid);
}

/* ------------------------------------------------------------------------------------------ */
/* Poseidon (neptune's optimised static schedule, the layout of PoseidonParameters.gpuConstants):
 *   consts = tag | compressed round constants (t*R_F + R_P) | M row-major (t*t)
 *          | P row-major (t*t) | per partial round: w_hat (t) then v_rest (t - 1)
 * one work item hashes one preimage of t - 1 elements: state [tag, x_1 .. x_arity], output s[1]. */

#define POSEIDON_MAX_WIDTH 12
#define POSEIDON_HALF_FULL_ROUNDS 4

/* s <- s * A for A row-major (s'[j] = sum_i A[i][j] s[i]) */
DEVICE void poseidon_mix(fr_t *s, GLOBAL const u32 *a, int t) {
  fr_t n[POSEIDON_MAX_WIDTH];
  for (int j = 0; j < t; j++) {
    fr_t acc = fr_mul(s[0], fr_load(a + 8 * j));
    for (int i = 1; i < t; i++) {
      acc = fr_add(acc, fr_mul(s[i], fr_load(a + 8 * (i * t + j))));
    }
    n[j] = acc;
  }
  for (int j = 0; j < t; j++) {
    s[j] = n[j];
  }
}

DEVICE void poseidon_hash(GLOBAL const u32 *consts, GLOBAL const u32 *in, GLOBAL u32 *out, u32 count,
                          u32 partial_rounds, int t) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  int rp = (int)partial_rounds;
  GLOBAL const u32 *c = consts + 8;
  GLOBAL const u32 *mds = c + 8 * (t * 2 * POSEIDON_HALF_FULL_ROUNDS + rp);
  GLOBAL const u32 *pre = mds + 8 * t * t;
  GLOBAL const u32 *sparse = pre + 8 * t * t;

  fr_t s[POSEIDON_MAX_WIDTH];
  s[0] = fr_load(consts);
  GLOBAL const u32 *x = in + (u64)8 * (u64)(t - 1) * gid;
  for (int i = 1; i < t; i++) {
    s[i] = fr_load(x + 8 * (i - 1));
  }

  int k = 0;
  for (int i = 0; i < t; i++) {
    s[i] = fr_add(s[i], fr_load(c + 8 * i));
  }
  k += t;
  for (int f = 0; f < POSEIDON_HALF_FULL_ROUNDS; f++) {
    for (int i = 0; i < t; i++) {
      s[i] = fr_add(fr_pow5(s[i]), fr_load(c + 8 * (k + i)));
    }
    k += t;
    poseidon_mix(s, f == POSEIDON_HALF_FULL_ROUNDS - 1 ? pre : mds, t);
  }
  for (int r = 0; r < rp; r++) {
    s[0] = fr_add(fr_pow5(s[0]), fr_load(c + 8 * k));
    k++;
    GLOBAL const u32 *w_hat = sparse + 8 * r * (2 * t - 1);
    GLOBAL const u32 *v_rest = w_hat + 8 * t;
    fr_t s0 = fr_mul(s[0], fr_load(w_hat));
    for (int j = 1; j < t; j++) {
      s0 = fr_add(s0, fr_mul(s[j], fr_load(w_hat + 8 * j)));
    }
    for (int j = 1; j < t; j++) {
      s[j] = fr_add(s[j], fr_mul(s[0], fr_load(v_rest + 8 * (j - 1))));
    }
    s[0] = s0;
  }
  for (int f = 0; f < POSEIDON_HALF_FULL_ROUNDS; f++) {
    int last = f == POSEIDON_HALF_FULL_ROUNDS - 1;
    for (int i = 0; i < t; i++) {
      s[i] = fr_pow5(s[i]);
      if (!last) {
        s[i] = fr_add(s[i], fr_load(c + 8 * (k + i)));
      }
    }
    if (!last) {
      k += t;
    }
    poseidon_mix(s, mds, t);
  }
  fr_store(out + (u64)8 * gid, s[1]);
}

KERNEL void poseidon_hash_a2(GLOBAL const u32 *consts, GLOBAL const u32 *in, GLOBAL u32 *out, u32 count, u32 partial_rounds) {
  poseidon_hash(consts, in, out, count, partial_rounds, 3);
}

KERNEL void poseidon_hash_a4(GLOBAL const u32 *consts, GLOBAL const u32 *in, GLOBAL u32 *out, u32 count, u32 partial_rounds) {
  poseidon_hash(consts, in, out, count, partial_rounds, 5);
}

KERNEL void poseidon_hash_a8(GLOBAL const u32 *consts, GLOBAL const u32 *in, GLOBAL u32 *out, u32 count, u32 partial_rounds) {
  poseidon_hash(consts, in, out, count, partial_rounds, 9);
}

KERNEL void poseidon_hash_a11(GLOBAL const u32 *consts, GLOBAL const u32 *in, GLOBAL u32 *out, u32 count, u32 partial_rounds) {
  poseidon_hash(consts, in, out, count, partial_rounds, 12);
}

/* ------------------------------------------------------------------------------------------ */
/* The field operations one by one, for the tests: out[4i .. 4i+4) = a+b, a-b, a*b, a^2 of pair i */

KERNEL void fr_ops(GLOBAL const u32 *a, GLOBAL const u32 *b, GLOBAL u32 *out, u32 count) {
  u64 gid = GLOBAL_ID();
  if (gid >= (u64)count) {
    return;
  }
  fr_t x = fr_load(a + 8 * gid);
  fr_t y = fr_load(b + 8 * gid);
  GLOBAL u32 *o = out + 32 * gid;
  fr_store(o, fr_add(x, y));
  fr_store(o + 8, fr_sub(x, y));
  fr_store(o + 16, fr_mul(x, y));
  fr_store(o + 24, fr_sqr(x));
}
