package io.filprover.bls12381.field;

import java.math.BigInteger;

/**
 * Allocation-free kernels for the BLS12-381 base field Fq on 6 little-endian 64-bit limbs in
 * Montgomery form (value * 2^384 mod q). Every operand is addressed as (array, offset); outputs may
 * alias inputs. All inputs must be fully reduced (in [0, q)); all outputs are fully reduced.
 *
 * <p>The multiplication kernels are straight-line code (generated once by a script and kept as
 * source). They regroup the operands into 56-bit digits internally, which keeps every operand of
 * {@link Math#multiplyHigh} positive (no unsigned correction needed; {@code unsignedMultiplyHigh} is
 * Java 18+) and removes all carry detection from the inner products — about half the instructions
 * of a 64-bit CIOS in Java.
 */
public final class FqOps {
    private FqOps() {}

    public static final int LIMBS = 6;
    public static final BigInteger MODULUS = new BigInteger(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);

    static final long Q0 = 0xb9feffffffffaaabL;
    static final long Q1 = 0x1eabfffeb153ffffL;
    static final long Q2 = 0x6730d2a0f6b0f624L;
    static final long Q3 = 0x64774b84f38512bfL;
    static final long Q4 = 0x4b1ba7b6434bacd7L;
    static final long Q5 = 0x1a0111ea397fe69aL;


    static final long[] Q_LIMBS = {Q0, Q1, Q2, Q3, Q4, Q5};

    /** -q^-1 mod 2^64, derived from the modulus. */
    static final long INV = MODULUS.modInverse(BigInteger.ONE.shiftLeft(64)).negate()
            .mod(BigInteger.ONE.shiftLeft(64)).longValue();

    /** Carry out of s = x + y (+ carry-in), branch-free. */
    private static long carry(long x, long y, long s) {
        return ((x & y) | ((x | y) & ~s)) >>> 63;
    }

    /** Borrow out of d = x - y (- borrow-in), branch-free. */
    private static long borrow(long x, long y, long d) {
        return ((~x & y) | (~(x ^ y) & d)) >>> 63;
    }

    /** Writes t - q if t >= q, else t (t < 2q). */
    static void reduceOnce(long[] r, int ro, long t0, long t1, long t2, long t3, long t4, long t5) {
        long b, d0, d1, d2, d3, d4, d5;
        d0 = t0 - Q0; b = borrow(t0, Q0, d0);
        d1 = t1 - Q1 - b; b = borrow(t1, Q1, d1);
        d2 = t2 - Q2 - b; b = borrow(t2, Q2, d2);
        d3 = t3 - Q3 - b; b = borrow(t3, Q3, d3);
        d4 = t4 - Q4 - b; b = borrow(t4, Q4, d4);
        d5 = t5 - Q5 - b; b = borrow(t5, Q5, d5);
        long keep = -b; // all ones when t < q
        r[ro] = (t0 & keep) | (d0 & ~keep);
        r[ro + 1] = (t1 & keep) | (d1 & ~keep);
        r[ro + 2] = (t2 & keep) | (d2 & ~keep);
        r[ro + 3] = (t3 & keep) | (d3 & ~keep);
        r[ro + 4] = (t4 & keep) | (d4 & ~keep);
        r[ro + 5] = (t5 & keep) | (d5 & ~keep);
    }

    /**
     * {@link #reduceOnce} for Montgomery-product outputs: those lie far more often below q·2^-64·2^384
     * (top limb below q's) than not, so a predictable branch skips the subtraction in most calls.
     * Not constant-time (neither is the rest of this package's pairing code).
     */
    static void reduceProduct(long[] r, int ro, long t0, long t1, long t2, long t3, long t4, long t5) {
        if (t5 < Q5) { // t5 < 2^62, Q5 < 2^61: a signed comparison is exact
            r[ro] = t0;
            r[ro + 1] = t1;
            r[ro + 2] = t2;
            r[ro + 3] = t3;
            r[ro + 4] = t4;
            r[ro + 5] = t5;
        } else {
            reduceOnce(r, ro, t0, t1, t2, t3, t4, t5);
        }
    }

    /** r = a + b mod q. */
    public static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long x, y, s, c;
        x = a[ao]; y = b[bo]; s = x + y; c = carry(x, y, s); long t0 = s;
        x = a[ao + 1]; y = b[bo + 1]; s = x + y + c; c = carry(x, y, s); long t1 = s;
        x = a[ao + 2]; y = b[bo + 2]; s = x + y + c; c = carry(x, y, s); long t2 = s;
        x = a[ao + 3]; y = b[bo + 3]; s = x + y + c; c = carry(x, y, s); long t3 = s;
        x = a[ao + 4]; y = b[bo + 4]; s = x + y + c; c = carry(x, y, s); long t4 = s;
        x = a[ao + 5]; y = b[bo + 5]; s = x + y + c; long t5 = s; // 2q < 2^383: no carry out
        reduceOnce(r, ro, t0, t1, t2, t3, t4, t5);
    }

    /**
     * r = a + b without the final reduction: for a, b < q the result is below 2q < 2^382, which
     * {@link #mul} and {@link #square} accept as an operand (their output stays fully reduced:
     * (2^8·4q² + 2^392·q) / 2^392 < 2q before their final conditional subtraction).
     */
    static void addUnreduced(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long x, y, s, c;
        x = a[ao]; y = b[bo]; s = x + y; c = carry(x, y, s); r[ro] = s;
        x = a[ao + 1]; y = b[bo + 1]; s = x + y + c; c = carry(x, y, s); r[ro + 1] = s;
        x = a[ao + 2]; y = b[bo + 2]; s = x + y + c; c = carry(x, y, s); r[ro + 2] = s;
        x = a[ao + 3]; y = b[bo + 3]; s = x + y + c; c = carry(x, y, s); r[ro + 3] = s;
        x = a[ao + 4]; y = b[bo + 4]; s = x + y + c; c = carry(x, y, s); r[ro + 4] = s;
        r[ro + 5] = a[ao + 5] + b[bo + 5] + c;
    }

    /** r = a + q − b without reduction: in (0, 2q] for a, b < q; a {@link #mul} operand as above. */
    static void subUnreduced(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long x, y, d, w, s, c;
        long t0, t1, t2, t3, t4;
        x = a[ao]; s = x + Q0; c = carry(x, Q0, s); t0 = s;
        x = a[ao + 1]; s = x + Q1 + c; c = carry(x, Q1, s); t1 = s;
        x = a[ao + 2]; s = x + Q2 + c; c = carry(x, Q2, s); t2 = s;
        x = a[ao + 3]; s = x + Q3 + c; c = carry(x, Q3, s); t3 = s;
        x = a[ao + 4]; s = x + Q4 + c; c = carry(x, Q4, s); t4 = s;
        long t5 = a[ao + 5] + Q5 + c;
        y = b[bo]; d = t0 - y; w = borrow(t0, y, d); r[ro] = d;
        y = b[bo + 1]; d = t1 - y - w; w = borrow(t1, y, d); r[ro + 1] = d;
        y = b[bo + 2]; d = t2 - y - w; w = borrow(t2, y, d); r[ro + 2] = d;
        y = b[bo + 3]; d = t3 - y - w; w = borrow(t3, y, d); r[ro + 3] = d;
        y = b[bo + 4]; d = t4 - y - w; w = borrow(t4, y, d); r[ro + 4] = d;
        r[ro + 5] = t5 - b[bo + 5] - w;
    }

    /** r = 2a mod q. */
    public static void dbl(long[] r, int ro, long[] a, int ao) {
        add(r, ro, a, ao, a, ao);
    }

    /** r = a - b mod q. */
    public static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long x, y, d, w;
        x = a[ao]; y = b[bo]; d = x - y; w = borrow(x, y, d); long t0 = d;
        x = a[ao + 1]; y = b[bo + 1]; d = x - y - w; w = borrow(x, y, d); long t1 = d;
        x = a[ao + 2]; y = b[bo + 2]; d = x - y - w; w = borrow(x, y, d); long t2 = d;
        x = a[ao + 3]; y = b[bo + 3]; d = x - y - w; w = borrow(x, y, d); long t3 = d;
        x = a[ao + 4]; y = b[bo + 4]; d = x - y - w; w = borrow(x, y, d); long t4 = d;
        x = a[ao + 5]; y = b[bo + 5]; d = x - y - w; w = borrow(x, y, d); long t5 = d;
        long m = -w; // add q back when the subtraction borrowed
        long s, c;
        s = t0 + (Q0 & m); c = carry(t0, Q0 & m, s); r[ro] = s;
        s = t1 + (Q1 & m) + c; c = carry(t1, Q1 & m, s); r[ro + 1] = s;
        s = t2 + (Q2 & m) + c; c = carry(t2, Q2 & m, s); r[ro + 2] = s;
        s = t3 + (Q3 & m) + c; c = carry(t3, Q3 & m, s); r[ro + 3] = s;
        s = t4 + (Q4 & m) + c; c = carry(t4, Q4 & m, s); r[ro + 4] = s;
        r[ro + 5] = t5 + (Q5 & m) + c;
    }

    /** r = -a mod q. */
    public static void neg(long[] r, int ro, long[] a, int ao) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3], a4 = a[ao + 4], a5 = a[ao + 5];
        long nz = ((a0 | a1 | a2 | a3 | a4 | a5) != 0) ? -1L : 0L;
        long d, w;
        d = Q0 - a0; w = borrow(Q0, a0, d); r[ro] = d & nz;
        d = Q1 - a1 - w; w = borrow(Q1, a1, d); r[ro + 1] = d & nz;
        d = Q2 - a2 - w; w = borrow(Q2, a2, d); r[ro + 2] = d & nz;
        d = Q3 - a3 - w; w = borrow(Q3, a3, d); r[ro + 3] = d & nz;
        d = Q4 - a4 - w; w = borrow(Q4, a4, d); r[ro + 4] = d & nz;
        d = Q5 - a5 - w; r[ro + 5] = d & nz;
    }

    public static boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3] | a[ao + 4] | a[ao + 5]) == 0;
    }

    public static void copy(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, LIMBS);
    }

    private static final long M56 = 0xffffffffffffffL;
    /** q in 56-bit digits, and -q^-1 mod 2^56. */
    private static final long D0 = 0xfeffffffffaaabL;
    private static final long D1 = 0xfffeb153ffffb9L;
    private static final long D2 = 0xa0f6b0f6241eabL;
    private static final long D3 = 0xf38512bf6730d2L;
    private static final long D4 = 0x4bacd764774b84L;
    private static final long D5 = 0xe69a4b1ba7b643L;
    private static final long D6 = 0x1a0111ea397fL;
    private static final long INV56 = 0xf3fffcfffcfffdL;

    /** q's digits shifted left by 1 (the second factor of every reduction product). */
    private static final long E0 = D0 << 1, E1 = D1 << 1, E2 = D2 << 1, E3 = D3 << 1, E4 = D4 << 1,
            E5 = D5 << 1, E6 = D6 << 1;

    /**
     * r = a · b · 2^-384 mod q (Montgomery product on the 6 × 64-bit representation). Internally a
     * reduced-radix (7 × 56-bit digits) product-scanning Montgomery multiplication: every partial
     * product splits into two 56-bit digits without carry detection (operands are positive, so the
     * signed {@link Math#multiplyHigh} is exact) and column sums cannot overflow. a is pre-shifted by
     * 8 bits so that seven 56-bit reduction steps (2^392) leave exactly the 2^-384 factor. The
     * digits enter the products as X = x·2^7 and Y = y·2^1 (both still below 2^63): then
     * multiplyHigh(X, Y) = ⌊xy / 2^56⌋ and (X·Y) >>> 8 = xy mod 2^56 directly.
     * The x·y column sums are built as balanced trees apart from the reduction terms, so only the
     * terms of the latest m wait for the previous column (≈ 20 % faster than one accumulator).
     * Generated by bls12-381/tools/gen_fq_mul.py. Operands up to 2q are accepted (see
     * {@link #addUnreduced}).
     */
    // BEGIN GENERATED: python3 bls12-381/tools/gen_fq_mul.py mul (GeneratedKernelsTest compares)
    public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        final long a0 = a[ao + 0];
        final long a1 = a[ao + 1];
        final long a2 = a[ao + 2];
        final long a3 = a[ao + 3];
        final long a4 = a[ao + 4];
        final long a5 = a[ao + 5];
        final long b0 = b[bo + 0];
        final long b1 = b[bo + 1];
        final long b2 = b[bo + 2];
        final long b3 = b[bo + 3];
        final long b4 = b[bo + 4];
        final long b5 = b[bo + 5];
        final long x0 = (((a0 << 8)) & M56) << 7;
        final long y0 = ((b0) & M56) << 1;
        final long x1 = (((a0 >>> 48) | (a1 << 16)) & M56) << 7;
        final long y1 = (((b0 >>> 56) | (b1 << 8)) & M56) << 1;
        final long x2 = (((a1 >>> 40) | (a2 << 24)) & M56) << 7;
        final long y2 = (((b1 >>> 48) | (b2 << 16)) & M56) << 1;
        final long x3 = (((a2 >>> 32) | (a3 << 32)) & M56) << 7;
        final long y3 = (((b2 >>> 40) | (b3 << 24)) & M56) << 1;
        final long x4 = (((a3 >>> 24) | (a4 << 40)) & M56) << 7;
        final long y4 = (((b3 >>> 32) | (b4 << 32)) & M56) << 1;
        final long x5 = (((a4 >>> 16) | (a5 << 48)) & M56) << 7;
        final long y5 = (((b4 >>> 24) | (b5 << 40)) & M56) << 1;
        final long x6 = (((a5 >>> 8)) & M56) << 7;
        final long y6 = (((b5 >>> 16)) & M56) << 1;
        long c, carry = 0, nprev = 0;
        final long sl0 = ((x0 * y0) >>> 8);
        final long sh0 = Math.multiplyHigh(x0, y0);
        final long sl1 = (((x0 * y1) >>> 8) + ((x1 * y0) >>> 8));
        final long sh1 = (Math.multiplyHigh(x0, y1) + Math.multiplyHigh(x1, y0));
        final long sl2 = ((((x0 * y2) >>> 8) + ((x1 * y1) >>> 8)) + ((x2 * y0) >>> 8));
        final long sh2 = ((Math.multiplyHigh(x0, y2) + Math.multiplyHigh(x1, y1)) + Math.multiplyHigh(x2, y0));
        final long sl3 = ((((x0 * y3) >>> 8) + ((x1 * y2) >>> 8)) + (((x2 * y1) >>> 8) + ((x3 * y0) >>> 8)));
        final long sh3 = ((Math.multiplyHigh(x0, y3) + Math.multiplyHigh(x1, y2)) + (Math.multiplyHigh(x2, y1) + Math.multiplyHigh(x3, y0)));
        final long sl4 = (((((x0 * y4) >>> 8) + ((x1 * y3) >>> 8)) + (((x2 * y2) >>> 8) + ((x3 * y1) >>> 8))) + ((x4 * y0) >>> 8));
        final long sh4 = (((Math.multiplyHigh(x0, y4) + Math.multiplyHigh(x1, y3)) + (Math.multiplyHigh(x2, y2) + Math.multiplyHigh(x3, y1))) + Math.multiplyHigh(x4, y0));
        final long sl5 = (((((x0 * y5) >>> 8) + ((x1 * y4) >>> 8)) + (((x2 * y3) >>> 8) + ((x3 * y2) >>> 8))) + (((x4 * y1) >>> 8) + ((x5 * y0) >>> 8)));
        final long sh5 = (((Math.multiplyHigh(x0, y5) + Math.multiplyHigh(x1, y4)) + (Math.multiplyHigh(x2, y3) + Math.multiplyHigh(x3, y2))) + (Math.multiplyHigh(x4, y1) + Math.multiplyHigh(x5, y0)));
        final long sl6 = (((((x0 * y6) >>> 8) + ((x1 * y5) >>> 8)) + (((x2 * y4) >>> 8) + ((x3 * y3) >>> 8))) + ((((x4 * y2) >>> 8) + ((x5 * y1) >>> 8)) + ((x6 * y0) >>> 8)));
        final long sh6 = (((Math.multiplyHigh(x0, y6) + Math.multiplyHigh(x1, y5)) + (Math.multiplyHigh(x2, y4) + Math.multiplyHigh(x3, y3))) + ((Math.multiplyHigh(x4, y2) + Math.multiplyHigh(x5, y1)) + Math.multiplyHigh(x6, y0)));
        final long sl7 = (((((x1 * y6) >>> 8) + ((x2 * y5) >>> 8)) + (((x3 * y4) >>> 8) + ((x4 * y3) >>> 8))) + (((x5 * y2) >>> 8) + ((x6 * y1) >>> 8)));
        final long sh7 = (((Math.multiplyHigh(x1, y6) + Math.multiplyHigh(x2, y5)) + (Math.multiplyHigh(x3, y4) + Math.multiplyHigh(x4, y3))) + (Math.multiplyHigh(x5, y2) + Math.multiplyHigh(x6, y1)));
        final long sl8 = (((((x2 * y6) >>> 8) + ((x3 * y5) >>> 8)) + (((x4 * y4) >>> 8) + ((x5 * y3) >>> 8))) + ((x6 * y2) >>> 8));
        final long sh8 = (((Math.multiplyHigh(x2, y6) + Math.multiplyHigh(x3, y5)) + (Math.multiplyHigh(x4, y4) + Math.multiplyHigh(x5, y3))) + Math.multiplyHigh(x6, y2));
        final long sl9 = ((((x3 * y6) >>> 8) + ((x4 * y5) >>> 8)) + (((x5 * y4) >>> 8) + ((x6 * y3) >>> 8)));
        final long sh9 = ((Math.multiplyHigh(x3, y6) + Math.multiplyHigh(x4, y5)) + (Math.multiplyHigh(x5, y4) + Math.multiplyHigh(x6, y3)));
        final long sl10 = ((((x4 * y6) >>> 8) + ((x5 * y5) >>> 8)) + ((x6 * y4) >>> 8));
        final long sh10 = ((Math.multiplyHigh(x4, y6) + Math.multiplyHigh(x5, y5)) + Math.multiplyHigh(x6, y4));
        final long sl11 = (((x5 * y6) >>> 8) + ((x6 * y5) >>> 8));
        final long sh11 = (Math.multiplyHigh(x5, y6) + Math.multiplyHigh(x6, y5));
        final long sl12 = ((x6 * y6) >>> 8);
        final long sh12 = Math.multiplyHigh(x6, y6);
        // column 0
        c = ((sl0 + carry) + nprev);
        long n0 = sh0;
        final long m0 = ((c * INV56) & M56) << 7;
        c += (m0 * E0) >>> 8;
        n0 += Math.multiplyHigh(m0, E0);
        carry = c >>> 56;
        nprev = n0;
        // column 1
        c = ((sl1 + carry) + (nprev + ((m0 * E1) >>> 8)));
        long n1 = (sh1 + Math.multiplyHigh(m0, E1));
        final long m1 = ((c * INV56) & M56) << 7;
        c += (m1 * E0) >>> 8;
        n1 += Math.multiplyHigh(m1, E0);
        carry = c >>> 56;
        nprev = n1;
        // column 2
        c = (((sl2 + carry) + (nprev + ((m0 * E2) >>> 8))) + ((m1 * E1) >>> 8));
        long n2 = ((sh2 + Math.multiplyHigh(m0, E2)) + Math.multiplyHigh(m1, E1));
        final long m2 = ((c * INV56) & M56) << 7;
        c += (m2 * E0) >>> 8;
        n2 += Math.multiplyHigh(m2, E0);
        carry = c >>> 56;
        nprev = n2;
        // column 3
        c = (((sl3 + carry) + (nprev + ((m0 * E3) >>> 8))) + (((m1 * E2) >>> 8) + ((m2 * E1) >>> 8)));
        long n3 = ((sh3 + Math.multiplyHigh(m0, E3)) + (Math.multiplyHigh(m1, E2) + Math.multiplyHigh(m2, E1)));
        final long m3 = ((c * INV56) & M56) << 7;
        c += (m3 * E0) >>> 8;
        n3 += Math.multiplyHigh(m3, E0);
        carry = c >>> 56;
        nprev = n3;
        // column 4
        c = (((sl4 + carry) + (nprev + ((m0 * E4) >>> 8))) + ((((m1 * E3) >>> 8) + ((m2 * E2) >>> 8)) + ((m3 * E1) >>> 8)));
        long n4 = (((sh4 + Math.multiplyHigh(m0, E4)) + (Math.multiplyHigh(m1, E3) + Math.multiplyHigh(m2, E2))) + Math.multiplyHigh(m3, E1));
        final long m4 = ((c * INV56) & M56) << 7;
        c += (m4 * E0) >>> 8;
        n4 += Math.multiplyHigh(m4, E0);
        carry = c >>> 56;
        nprev = n4;
        // column 5
        c = (((sl5 + carry) + (nprev + ((m0 * E5) >>> 8))) + ((((m1 * E4) >>> 8) + ((m2 * E3) >>> 8)) + (((m3 * E2) >>> 8) + ((m4 * E1) >>> 8))));
        long n5 = (((sh5 + Math.multiplyHigh(m0, E5)) + (Math.multiplyHigh(m1, E4) + Math.multiplyHigh(m2, E3))) + (Math.multiplyHigh(m3, E2) + Math.multiplyHigh(m4, E1)));
        final long m5 = ((c * INV56) & M56) << 7;
        c += (m5 * E0) >>> 8;
        n5 += Math.multiplyHigh(m5, E0);
        carry = c >>> 56;
        nprev = n5;
        // column 6
        c = ((((sl6 + carry) + (nprev + ((m0 * E6) >>> 8))) + ((((m1 * E5) >>> 8) + ((m2 * E4) >>> 8)) + (((m3 * E3) >>> 8) + ((m4 * E2) >>> 8)))) + ((m5 * E1) >>> 8));
        long n6 = (((sh6 + Math.multiplyHigh(m0, E6)) + (Math.multiplyHigh(m1, E5) + Math.multiplyHigh(m2, E4))) + ((Math.multiplyHigh(m3, E3) + Math.multiplyHigh(m4, E2)) + Math.multiplyHigh(m5, E1)));
        final long m6 = ((c * INV56) & M56) << 7;
        c += (m6 * E0) >>> 8;
        n6 += Math.multiplyHigh(m6, E0);
        carry = c >>> 56;
        nprev = n6;
        // column 7
        c = ((((sl7 + carry) + (nprev + ((m1 * E6) >>> 8))) + ((((m2 * E5) >>> 8) + ((m3 * E4) >>> 8)) + (((m4 * E3) >>> 8) + ((m5 * E2) >>> 8)))) + ((m6 * E1) >>> 8));
        long n7 = (((sh7 + Math.multiplyHigh(m1, E6)) + (Math.multiplyHigh(m2, E5) + Math.multiplyHigh(m3, E4))) + ((Math.multiplyHigh(m4, E3) + Math.multiplyHigh(m5, E2)) + Math.multiplyHigh(m6, E1)));
        final long d0 = c & M56;
        carry = c >>> 56;
        nprev = n7;
        // column 8
        c = (((sl8 + carry) + (nprev + ((m2 * E6) >>> 8))) + ((((m3 * E5) >>> 8) + ((m4 * E4) >>> 8)) + (((m5 * E3) >>> 8) + ((m6 * E2) >>> 8))));
        long n8 = (((sh8 + Math.multiplyHigh(m2, E6)) + (Math.multiplyHigh(m3, E5) + Math.multiplyHigh(m4, E4))) + (Math.multiplyHigh(m5, E3) + Math.multiplyHigh(m6, E2)));
        final long d1 = c & M56;
        carry = c >>> 56;
        nprev = n8;
        // column 9
        c = (((sl9 + carry) + (nprev + ((m3 * E6) >>> 8))) + ((((m4 * E5) >>> 8) + ((m5 * E4) >>> 8)) + ((m6 * E3) >>> 8)));
        long n9 = (((sh9 + Math.multiplyHigh(m3, E6)) + (Math.multiplyHigh(m4, E5) + Math.multiplyHigh(m5, E4))) + Math.multiplyHigh(m6, E3));
        final long d2 = c & M56;
        carry = c >>> 56;
        nprev = n9;
        // column 10
        c = (((sl10 + carry) + (nprev + ((m4 * E6) >>> 8))) + (((m5 * E5) >>> 8) + ((m6 * E4) >>> 8)));
        long n10 = ((sh10 + Math.multiplyHigh(m4, E6)) + (Math.multiplyHigh(m5, E5) + Math.multiplyHigh(m6, E4)));
        final long d3 = c & M56;
        carry = c >>> 56;
        nprev = n10;
        // column 11
        c = (((sl11 + carry) + (nprev + ((m5 * E6) >>> 8))) + ((m6 * E5) >>> 8));
        long n11 = ((sh11 + Math.multiplyHigh(m5, E6)) + Math.multiplyHigh(m6, E5));
        final long d4 = c & M56;
        carry = c >>> 56;
        nprev = n11;
        // column 12
        c = ((sl12 + carry) + (nprev + ((m6 * E6) >>> 8)));
        long n12 = (sh12 + Math.multiplyHigh(m6, E6));
        final long d5 = c & M56;
        carry = c >>> 56;
        nprev = n12;
        final long d6 = carry + nprev;
        reduceProduct(r, ro, d0 | (d1 << 56), (d1 >>> 8) | (d2 << 48), (d2 >>> 16) | (d3 << 40),
                (d3 >>> 24) | (d4 << 32), (d4 >>> 32) | (d5 << 24), (d5 >>> 40) | (d6 << 16));
    }
    // END GENERATED

    /** r = a² · 2^-384 mod q; as {@link #mul}, with a pre-shifted by 4 bits on both sides and symmetric products shared. */
    // BEGIN GENERATED: python3 bls12-381/tools/gen_fq_mul.py square (GeneratedKernelsTest compares)
    public static void square(long[] r, int ro, long[] a, int ao) {
        final long a0 = a[ao + 0];
        final long a1 = a[ao + 1];
        final long a2 = a[ao + 2];
        final long a3 = a[ao + 3];
        final long a4 = a[ao + 4];
        final long a5 = a[ao + 5];
        final long s0 = ((a0 << 4)) & M56;
        final long x0 = s0 << 7;
        final long y0 = s0 << 1;
        final long s1 = ((a0 >>> 52) | (a1 << 12)) & M56;
        final long x1 = s1 << 7;
        final long y1 = s1 << 1;
        final long s2 = ((a1 >>> 44) | (a2 << 20)) & M56;
        final long x2 = s2 << 7;
        final long y2 = s2 << 1;
        final long s3 = ((a2 >>> 36) | (a3 << 28)) & M56;
        final long x3 = s3 << 7;
        final long y3 = s3 << 1;
        final long s4 = ((a3 >>> 28) | (a4 << 36)) & M56;
        final long x4 = s4 << 7;
        final long y4 = s4 << 1;
        final long s5 = ((a4 >>> 20) | (a5 << 44)) & M56;
        final long x5 = s5 << 7;
        final long y5 = s5 << 1;
        final long s6 = ((a5 >>> 12)) & M56;
        final long x6 = s6 << 7;
        final long y6 = s6 << 1;
        long c, carry = 0, nprev = 0;
        final long sl0 = ((x0 * y0) >>> 8);
        final long sh0 = Math.multiplyHigh(x0, y0);
        final long sl1 = ((((x0 * y1) >>> 8)) << 1);
        final long sh1 = (Math.multiplyHigh(x0, y1) << 1);
        final long sl2 = (((((x0 * y2) >>> 8)) << 1) + ((x1 * y1) >>> 8));
        final long sh2 = ((Math.multiplyHigh(x0, y2) << 1) + Math.multiplyHigh(x1, y1));
        final long sl3 = (((((x0 * y3) >>> 8)) << 1) + ((((x1 * y2) >>> 8)) << 1));
        final long sh3 = ((Math.multiplyHigh(x0, y3) << 1) + (Math.multiplyHigh(x1, y2) << 1));
        final long sl4 = ((((((x0 * y4) >>> 8)) << 1) + ((((x1 * y3) >>> 8)) << 1)) + ((x2 * y2) >>> 8));
        final long sh4 = (((Math.multiplyHigh(x0, y4) << 1) + (Math.multiplyHigh(x1, y3) << 1)) + Math.multiplyHigh(x2, y2));
        final long sl5 = ((((((x0 * y5) >>> 8)) << 1) + ((((x1 * y4) >>> 8)) << 1)) + ((((x2 * y3) >>> 8)) << 1));
        final long sh5 = (((Math.multiplyHigh(x0, y5) << 1) + (Math.multiplyHigh(x1, y4) << 1)) + (Math.multiplyHigh(x2, y3) << 1));
        final long sl6 = ((((((x0 * y6) >>> 8)) << 1) + ((((x1 * y5) >>> 8)) << 1)) + (((((x2 * y4) >>> 8)) << 1) + ((x3 * y3) >>> 8)));
        final long sh6 = (((Math.multiplyHigh(x0, y6) << 1) + (Math.multiplyHigh(x1, y5) << 1)) + ((Math.multiplyHigh(x2, y4) << 1) + Math.multiplyHigh(x3, y3)));
        final long sl7 = ((((((x1 * y6) >>> 8)) << 1) + ((((x2 * y5) >>> 8)) << 1)) + ((((x3 * y4) >>> 8)) << 1));
        final long sh7 = (((Math.multiplyHigh(x1, y6) << 1) + (Math.multiplyHigh(x2, y5) << 1)) + (Math.multiplyHigh(x3, y4) << 1));
        final long sl8 = ((((((x2 * y6) >>> 8)) << 1) + ((((x3 * y5) >>> 8)) << 1)) + ((x4 * y4) >>> 8));
        final long sh8 = (((Math.multiplyHigh(x2, y6) << 1) + (Math.multiplyHigh(x3, y5) << 1)) + Math.multiplyHigh(x4, y4));
        final long sl9 = (((((x3 * y6) >>> 8)) << 1) + ((((x4 * y5) >>> 8)) << 1));
        final long sh9 = ((Math.multiplyHigh(x3, y6) << 1) + (Math.multiplyHigh(x4, y5) << 1));
        final long sl10 = (((((x4 * y6) >>> 8)) << 1) + ((x5 * y5) >>> 8));
        final long sh10 = ((Math.multiplyHigh(x4, y6) << 1) + Math.multiplyHigh(x5, y5));
        final long sl11 = ((((x5 * y6) >>> 8)) << 1);
        final long sh11 = (Math.multiplyHigh(x5, y6) << 1);
        final long sl12 = ((x6 * y6) >>> 8);
        final long sh12 = Math.multiplyHigh(x6, y6);
        // column 0
        c = ((sl0 + carry) + nprev);
        long n0 = sh0;
        final long m0 = ((c * INV56) & M56) << 7;
        c += (m0 * E0) >>> 8;
        n0 += Math.multiplyHigh(m0, E0);
        carry = c >>> 56;
        nprev = n0;
        // column 1
        c = ((sl1 + carry) + (nprev + ((m0 * E1) >>> 8)));
        long n1 = (sh1 + Math.multiplyHigh(m0, E1));
        final long m1 = ((c * INV56) & M56) << 7;
        c += (m1 * E0) >>> 8;
        n1 += Math.multiplyHigh(m1, E0);
        carry = c >>> 56;
        nprev = n1;
        // column 2
        c = (((sl2 + carry) + (nprev + ((m0 * E2) >>> 8))) + ((m1 * E1) >>> 8));
        long n2 = ((sh2 + Math.multiplyHigh(m0, E2)) + Math.multiplyHigh(m1, E1));
        final long m2 = ((c * INV56) & M56) << 7;
        c += (m2 * E0) >>> 8;
        n2 += Math.multiplyHigh(m2, E0);
        carry = c >>> 56;
        nprev = n2;
        // column 3
        c = (((sl3 + carry) + (nprev + ((m0 * E3) >>> 8))) + (((m1 * E2) >>> 8) + ((m2 * E1) >>> 8)));
        long n3 = ((sh3 + Math.multiplyHigh(m0, E3)) + (Math.multiplyHigh(m1, E2) + Math.multiplyHigh(m2, E1)));
        final long m3 = ((c * INV56) & M56) << 7;
        c += (m3 * E0) >>> 8;
        n3 += Math.multiplyHigh(m3, E0);
        carry = c >>> 56;
        nprev = n3;
        // column 4
        c = (((sl4 + carry) + (nprev + ((m0 * E4) >>> 8))) + ((((m1 * E3) >>> 8) + ((m2 * E2) >>> 8)) + ((m3 * E1) >>> 8)));
        long n4 = (((sh4 + Math.multiplyHigh(m0, E4)) + (Math.multiplyHigh(m1, E3) + Math.multiplyHigh(m2, E2))) + Math.multiplyHigh(m3, E1));
        final long m4 = ((c * INV56) & M56) << 7;
        c += (m4 * E0) >>> 8;
        n4 += Math.multiplyHigh(m4, E0);
        carry = c >>> 56;
        nprev = n4;
        // column 5
        c = (((sl5 + carry) + (nprev + ((m0 * E5) >>> 8))) + ((((m1 * E4) >>> 8) + ((m2 * E3) >>> 8)) + (((m3 * E2) >>> 8) + ((m4 * E1) >>> 8))));
        long n5 = (((sh5 + Math.multiplyHigh(m0, E5)) + (Math.multiplyHigh(m1, E4) + Math.multiplyHigh(m2, E3))) + (Math.multiplyHigh(m3, E2) + Math.multiplyHigh(m4, E1)));
        final long m5 = ((c * INV56) & M56) << 7;
        c += (m5 * E0) >>> 8;
        n5 += Math.multiplyHigh(m5, E0);
        carry = c >>> 56;
        nprev = n5;
        // column 6
        c = ((((sl6 + carry) + (nprev + ((m0 * E6) >>> 8))) + ((((m1 * E5) >>> 8) + ((m2 * E4) >>> 8)) + (((m3 * E3) >>> 8) + ((m4 * E2) >>> 8)))) + ((m5 * E1) >>> 8));
        long n6 = (((sh6 + Math.multiplyHigh(m0, E6)) + (Math.multiplyHigh(m1, E5) + Math.multiplyHigh(m2, E4))) + ((Math.multiplyHigh(m3, E3) + Math.multiplyHigh(m4, E2)) + Math.multiplyHigh(m5, E1)));
        final long m6 = ((c * INV56) & M56) << 7;
        c += (m6 * E0) >>> 8;
        n6 += Math.multiplyHigh(m6, E0);
        carry = c >>> 56;
        nprev = n6;
        // column 7
        c = ((((sl7 + carry) + (nprev + ((m1 * E6) >>> 8))) + ((((m2 * E5) >>> 8) + ((m3 * E4) >>> 8)) + (((m4 * E3) >>> 8) + ((m5 * E2) >>> 8)))) + ((m6 * E1) >>> 8));
        long n7 = (((sh7 + Math.multiplyHigh(m1, E6)) + (Math.multiplyHigh(m2, E5) + Math.multiplyHigh(m3, E4))) + ((Math.multiplyHigh(m4, E3) + Math.multiplyHigh(m5, E2)) + Math.multiplyHigh(m6, E1)));
        final long d0 = c & M56;
        carry = c >>> 56;
        nprev = n7;
        // column 8
        c = (((sl8 + carry) + (nprev + ((m2 * E6) >>> 8))) + ((((m3 * E5) >>> 8) + ((m4 * E4) >>> 8)) + (((m5 * E3) >>> 8) + ((m6 * E2) >>> 8))));
        long n8 = (((sh8 + Math.multiplyHigh(m2, E6)) + (Math.multiplyHigh(m3, E5) + Math.multiplyHigh(m4, E4))) + (Math.multiplyHigh(m5, E3) + Math.multiplyHigh(m6, E2)));
        final long d1 = c & M56;
        carry = c >>> 56;
        nprev = n8;
        // column 9
        c = (((sl9 + carry) + (nprev + ((m3 * E6) >>> 8))) + ((((m4 * E5) >>> 8) + ((m5 * E4) >>> 8)) + ((m6 * E3) >>> 8)));
        long n9 = (((sh9 + Math.multiplyHigh(m3, E6)) + (Math.multiplyHigh(m4, E5) + Math.multiplyHigh(m5, E4))) + Math.multiplyHigh(m6, E3));
        final long d2 = c & M56;
        carry = c >>> 56;
        nprev = n9;
        // column 10
        c = (((sl10 + carry) + (nprev + ((m4 * E6) >>> 8))) + (((m5 * E5) >>> 8) + ((m6 * E4) >>> 8)));
        long n10 = ((sh10 + Math.multiplyHigh(m4, E6)) + (Math.multiplyHigh(m5, E5) + Math.multiplyHigh(m6, E4)));
        final long d3 = c & M56;
        carry = c >>> 56;
        nprev = n10;
        // column 11
        c = (((sl11 + carry) + (nprev + ((m5 * E6) >>> 8))) + ((m6 * E5) >>> 8));
        long n11 = ((sh11 + Math.multiplyHigh(m5, E6)) + Math.multiplyHigh(m6, E5));
        final long d4 = c & M56;
        carry = c >>> 56;
        nprev = n11;
        // column 12
        c = ((sl12 + carry) + (nprev + ((m6 * E6) >>> 8)));
        long n12 = (sh12 + Math.multiplyHigh(m6, E6));
        final long d5 = c & M56;
        carry = c >>> 56;
        nprev = n12;
        final long d6 = carry + nprev;
        reduceProduct(r, ro, d0 | (d1 << 56), (d1 >>> 8) | (d2 << 48), (d2 >>> 16) | (d3 << 40),
                (d3 >>> 24) | (d4 << 32), (d4 >>> 32) | (d5 << 24), (d5 >>> 40) | (d6 << 16));
    }
    // END GENERATED
}
