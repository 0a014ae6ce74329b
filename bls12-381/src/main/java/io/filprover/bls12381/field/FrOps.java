package io.filprover.bls12381.field;

/**
 * Allocation-free arithmetic in the BLS12-381 scalar field Fr on Montgomery-form elements stored as
 * four little-endian 64-bit limbs ({@code a·2^256 mod r}) at an offset in a {@code long[]}, the same
 * layout blstrs and the GPU kernels use. The output comes first, {@code (out, a, b)}, as in
 * {@link FqOps}. Every method reads all its inputs before writing, so the output may alias an
 * input. Inputs must be reduced (&lt; r); outputs always are.
 *
 * <p>The modulus r = 0x73eda753…ffffffff00000001 has a top limb below 2^63 − 1, which allows the
 * "no-carry" CIOS multiplication: the running product never needs a fifth limb.
 */
public final class FrOps {
    /** r, least significant limb first. */
    public static final long Q0 = 0xffffffff00000001L;
    public static final long Q1 = 0x53bda402fffe5bfeL;
    public static final long Q2 = 0x3339d80809a1d805L;
    public static final long Q3 = 0x73eda753299d7d48L;
    /** −r⁻¹ mod 2^64. */
    public static final long INV = 0xfffffffeffffffffL;
    /** Number of limbs per element. */
    public static final int LIMBS = 4;

    private static final long M52 = (1L << 52) - 1;
    /** −r⁻¹ mod 2^52 and r's 52-bit digits shifted left by 1: the reduction factors of {@link #mul}. */
    private static final long INV52;
    private static final long E0, E1, E2, E3, E4;

    static {
        java.math.BigInteger r = java.math.BigInteger.ZERO;
        long[] q = {Q3, Q2, Q1, Q0};
        for (long limb : q) {
            r = r.shiftLeft(64).or(new java.math.BigInteger(Long.toUnsignedString(limb)));
        }
        java.math.BigInteger b52 = java.math.BigInteger.ONE.shiftLeft(52);
        INV52 = b52.subtract(r.modInverse(b52)).longValueExact();
        long[] e = new long[5];
        for (int k = 0; k < 5; k++) {
            e[k] = r.shiftRight(52 * k).and(java.math.BigInteger.valueOf(M52)).longValueExact() << 1;
        }
        E0 = e[0];
        E1 = e[1];
        E2 = e[2];
        E3 = e[3];
        E4 = e[4];
    }

    private static final long[] MODULUS = {Q0, Q1, Q2, Q3};
    /** R = 2^256 mod r: the Montgomery form of 1. */
    private static final long[] R = {0x00000001fffffffeL, 0x5884b7fa00034802L, 0x998c4fefecbc4ff5L, 0x1824b159acc5056fL};
    /** R² mod r: multiplying a canonical value by it (Montgomery product) converts it to Montgomery form. */
    private static final long[] R2 = {0xc999e990f3f29c6dL, 0x2b6cedcb87925c23L, 0x05d314967254398fL, 0x0748d9d99f59ff11L};
    private static final long[] ONE_CANONICAL = {1, 0, 0, 0};

    private FrOps() {
    }

    /** The modulus limbs, least significant first (a copy). */
    public static long[] modulus() {
        return MODULUS.clone();
    }

    /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+). */
    static long mulHiU(long x, long y) {
        return Math.multiplyHigh(x, y) + (x >> 63 & y) + (y >> 63 & x);
    }

    private static long mulHiByQ0(long m) {
        // Q0 has its top bit set, so the signed product needs the "+ m" correction as well
        return Math.multiplyHigh(m, Q0) + (m >> 63 & Q0) + m;
    }

    /** 1 if x &lt; y as unsigned, else 0. */
    private static long ltu(long x, long y) {
        return (x ^ Long.MIN_VALUE) < (y ^ Long.MIN_VALUE) ? 1L : 0L;
    }

    /** Stores t − r if t ≥ r else t; t must be &lt; 2r. Branch-free: the outcome is data dependent. */
    private static void reduceOnceAndStore(long[] c, int co, long t0, long t1, long t2, long t3) {
        long d0 = t0 - Q0;
        long b = (~t0 & Q0 | ~(t0 ^ Q0) & d0) >>> 63;
        long d1 = t1 - Q1 - b;
        b = (~t1 & Q1 | ~(t1 ^ Q1) & d1) >>> 63;
        long d2 = t2 - Q2 - b;
        b = (~t2 & Q2 | ~(t2 ^ Q2) & d2) >>> 63;
        long d3 = t3 - Q3 - b;
        b = (~t3 & Q3 | ~(t3 ^ Q3) & d3) >>> 63;
        long keep = -b; // all ones when t < r
        c[co] = d0 ^ (d0 ^ t0) & keep;
        c[co + 1] = d1 ^ (d1 ^ t1) & keep;
        c[co + 2] = d2 ^ (d2 ^ t2) & keep;
        c[co + 3] = d3 ^ (d3 ^ t3) & keep;
    }

    /** Stores (t mod r) + c[co..] reduced, for t &lt; 2r: the tail of {@link #mulAdd}. */
    private static void addReducedAndStore(long t0, long t1, long t2, long t3, long[] c, int co) {
        long d0 = t0 - Q0;
        long b = (~t0 & Q0 | ~(t0 ^ Q0) & d0) >>> 63;
        long d1 = t1 - Q1 - b;
        b = (~t1 & Q1 | ~(t1 ^ Q1) & d1) >>> 63;
        long d2 = t2 - Q2 - b;
        b = (~t2 & Q2 | ~(t2 ^ Q2) & d2) >>> 63;
        long d3 = t3 - Q3 - b;
        b = (~t3 & Q3 | ~(t3 ^ Q3) & d3) >>> 63;
        long keep = -b;
        long a0 = d0 ^ (d0 ^ t0) & keep;
        long a1 = d1 ^ (d1 ^ t1) & keep;
        long a2 = d2 ^ (d2 ^ t2) & keep;
        long a3 = d3 ^ (d3 ^ t3) & keep;
        long b0 = c[co], b1 = c[co + 1], b2 = c[co + 2], b3 = c[co + 3];
        long s0 = a0 + b0;
        long k = (a0 & b0 | (a0 | b0) & ~s0) >>> 63;
        long s1 = a1 + b1 + k;
        k = (a1 & b1 | (a1 | b1) & ~s1) >>> 63;
        long s2 = a2 + b2 + k;
        k = (a2 & b2 | (a2 | b2) & ~s2) >>> 63;
        long s3 = a3 + b3 + k;
        reduceOnceAndStore(c, co, s0, s1, s2, s3);
    }

    /**
     * c = a·b·R⁻¹ (the Montgomery product: Montgomery forms multiply to the Montgomery form of the
     * product). Computed over five 52-bit digits by product scanning, without carry detection per
     * partial product (see bls12-381/tools/gen_fr_mul.py, which generates this body); measured
     * ≈ 10 % faster than the 64-bit CIOS it replaced (still used by {@link #mulAdd}) on JDK 17 and 25;
     * the result before the final conditional subtraction is below 1.5r.
     */
    // BEGIN GENERATED: python3 bls12-381/tools/gen_fr_mul.py (GeneratedKernelsTest compares)
    public static void mul(long[] c, int co, long[] a, int ao, long[] b, int bo) {
        final long a0 = a[ao + 0];
        final long a1 = a[ao + 1];
        final long a2 = a[ao + 2];
        final long a3 = a[ao + 3];
        final long b0 = b[bo + 0];
        final long b1 = b[bo + 1];
        final long b2 = b[bo + 2];
        final long b3 = b[bo + 3];
        final long x0 = ((a0 << 4) & M52) << 11;
        final long y0 = (b0 & M52) << 1;
        final long x1 = (((a0 >>> 48) | (a1 << 16)) & M52) << 11;
        final long y1 = (((b0 >>> 52) | (b1 << 12)) & M52) << 1;
        final long x2 = (((a1 >>> 36) | (a2 << 28)) & M52) << 11;
        final long y2 = (((b1 >>> 40) | (b2 << 24)) & M52) << 1;
        final long x3 = (((a2 >>> 24) | (a3 << 40)) & M52) << 11;
        final long y3 = (((b2 >>> 28) | (b3 << 36)) & M52) << 1;
        final long x4 = (a3 >>> 12) << 11;
        final long y4 = (b3 >>> 16) << 1;
        long s, carry = 0, nprev = 0;
        final long sl0 = ((x0 * y0) >>> 12);
        final long sh0 = Math.multiplyHigh(x0, y0);
        final long sl1 = (((x0 * y1) >>> 12) + ((x1 * y0) >>> 12));
        final long sh1 = (Math.multiplyHigh(x0, y1) + Math.multiplyHigh(x1, y0));
        final long sl2 = ((((x0 * y2) >>> 12) + ((x1 * y1) >>> 12)) + ((x2 * y0) >>> 12));
        final long sh2 = ((Math.multiplyHigh(x0, y2) + Math.multiplyHigh(x1, y1)) + Math.multiplyHigh(x2, y0));
        final long sl3 = ((((x0 * y3) >>> 12) + ((x1 * y2) >>> 12)) + (((x2 * y1) >>> 12) + ((x3 * y0) >>> 12)));
        final long sh3 = ((Math.multiplyHigh(x0, y3) + Math.multiplyHigh(x1, y2)) + (Math.multiplyHigh(x2, y1) + Math.multiplyHigh(x3, y0)));
        final long sl4 = (((((x0 * y4) >>> 12) + ((x1 * y3) >>> 12)) + (((x2 * y2) >>> 12) + ((x3 * y1) >>> 12))) + ((x4 * y0) >>> 12));
        final long sh4 = (((Math.multiplyHigh(x0, y4) + Math.multiplyHigh(x1, y3)) + (Math.multiplyHigh(x2, y2) + Math.multiplyHigh(x3, y1))) + Math.multiplyHigh(x4, y0));
        final long sl5 = ((((x1 * y4) >>> 12) + ((x2 * y3) >>> 12)) + (((x3 * y2) >>> 12) + ((x4 * y1) >>> 12)));
        final long sh5 = ((Math.multiplyHigh(x1, y4) + Math.multiplyHigh(x2, y3)) + (Math.multiplyHigh(x3, y2) + Math.multiplyHigh(x4, y1)));
        final long sl6 = ((((x2 * y4) >>> 12) + ((x3 * y3) >>> 12)) + ((x4 * y2) >>> 12));
        final long sh6 = ((Math.multiplyHigh(x2, y4) + Math.multiplyHigh(x3, y3)) + Math.multiplyHigh(x4, y2));
        final long sl7 = (((x3 * y4) >>> 12) + ((x4 * y3) >>> 12));
        final long sh7 = (Math.multiplyHigh(x3, y4) + Math.multiplyHigh(x4, y3));
        final long sl8 = ((x4 * y4) >>> 12);
        final long sh8 = Math.multiplyHigh(x4, y4);
        // column 0
        s = ((sl0 + carry) + nprev);
        long n0 = sh0;
        final long m0 = ((s * INV52) & M52) << 11;
        s += (m0 * E0) >>> 12;
        n0 += Math.multiplyHigh(m0, E0);
        carry = s >>> 52;
        nprev = n0;
        // column 1
        s = ((sl1 + carry) + (nprev + ((m0 * E1) >>> 12)));
        long n1 = (sh1 + Math.multiplyHigh(m0, E1));
        final long m1 = ((s * INV52) & M52) << 11;
        s += (m1 * E0) >>> 12;
        n1 += Math.multiplyHigh(m1, E0);
        carry = s >>> 52;
        nprev = n1;
        // column 2
        s = (((sl2 + carry) + (nprev + ((m0 * E2) >>> 12))) + ((m1 * E1) >>> 12));
        long n2 = ((sh2 + Math.multiplyHigh(m0, E2)) + Math.multiplyHigh(m1, E1));
        final long m2 = ((s * INV52) & M52) << 11;
        s += (m2 * E0) >>> 12;
        n2 += Math.multiplyHigh(m2, E0);
        carry = s >>> 52;
        nprev = n2;
        // column 3
        s = (((sl3 + carry) + (nprev + ((m0 * E3) >>> 12))) + (((m1 * E2) >>> 12) + ((m2 * E1) >>> 12)));
        long n3 = ((sh3 + Math.multiplyHigh(m0, E3)) + (Math.multiplyHigh(m1, E2) + Math.multiplyHigh(m2, E1)));
        final long m3 = ((s * INV52) & M52) << 11;
        s += (m3 * E0) >>> 12;
        n3 += Math.multiplyHigh(m3, E0);
        carry = s >>> 52;
        nprev = n3;
        // column 4
        s = (((sl4 + carry) + (nprev + ((m0 * E4) >>> 12))) + ((((m1 * E3) >>> 12) + ((m2 * E2) >>> 12)) + ((m3 * E1) >>> 12)));
        long n4 = (((sh4 + Math.multiplyHigh(m0, E4)) + (Math.multiplyHigh(m1, E3) + Math.multiplyHigh(m2, E2))) + Math.multiplyHigh(m3, E1));
        final long m4 = ((s * INV52) & M52) << 11;
        s += (m4 * E0) >>> 12;
        n4 += Math.multiplyHigh(m4, E0);
        carry = s >>> 52;
        nprev = n4;
        // column 5
        s = (((sl5 + carry) + (nprev + ((m1 * E4) >>> 12))) + ((((m2 * E3) >>> 12) + ((m3 * E2) >>> 12)) + ((m4 * E1) >>> 12)));
        long n5 = (((sh5 + Math.multiplyHigh(m1, E4)) + (Math.multiplyHigh(m2, E3) + Math.multiplyHigh(m3, E2))) + Math.multiplyHigh(m4, E1));
        final long d0 = s & M52;
        carry = s >>> 52;
        nprev = n5;
        // column 6
        s = (((sl6 + carry) + (nprev + ((m2 * E4) >>> 12))) + (((m3 * E3) >>> 12) + ((m4 * E2) >>> 12)));
        long n6 = ((sh6 + Math.multiplyHigh(m2, E4)) + (Math.multiplyHigh(m3, E3) + Math.multiplyHigh(m4, E2)));
        final long d1 = s & M52;
        carry = s >>> 52;
        nprev = n6;
        // column 7
        s = (((sl7 + carry) + (nprev + ((m3 * E4) >>> 12))) + ((m4 * E3) >>> 12));
        long n7 = ((sh7 + Math.multiplyHigh(m3, E4)) + Math.multiplyHigh(m4, E3));
        final long d2 = s & M52;
        carry = s >>> 52;
        nprev = n7;
        // column 8
        s = ((sl8 + carry) + (nprev + ((m4 * E4) >>> 12)));
        long n8 = (sh8 + Math.multiplyHigh(m4, E4));
        final long d3 = s & M52;
        carry = s >>> 52;
        nprev = n8;
        final long d4 = carry + nprev;
        reduceOnceAndStore(c, co, d0 | (d1 << 52), (d1 >>> 12) | (d2 << 40), (d2 >>> 24) | (d3 << 28),
                (d3 >>> 36) | (d4 << 16));
    }
    // END GENERATED

    /** c = c + a·b·R⁻¹ (multiply-accumulate in Montgomery form; the inputs are read before c, so c may alias them). */
    public static void mulAdd(long[] c, int co, long[] a, int ao, long[] b, int bo) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        long t0, t1, t2, t3, A, C, m, lo, hi;
        // word 0 of b
        t0 = x0 * y0; A = mulHiU(x0, y0);
        m = t0 * INV;
        C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
        lo = x1 * y0; hi = mulHiU(x1, y0); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
        lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
        lo = x2 * y0; hi = mulHiU(x2, y0); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
        lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
        lo = x3 * y0; hi = mulHiU(x3, y0); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
        lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
        t3 = C + A;
        // word 1 of b
        lo = x0 * y1; hi = mulHiU(x0, y1); lo += t0; hi += ltu(lo, t0); t0 = lo; A = hi;
        m = t0 * INV;
        C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
        lo = x1 * y1; hi = mulHiU(x1, y1); lo += t1; hi += ltu(lo, t1); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
        lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
        lo = x2 * y1; hi = mulHiU(x2, y1); lo += t2; hi += ltu(lo, t2); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
        lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
        lo = x3 * y1; hi = mulHiU(x3, y1); lo += t3; hi += ltu(lo, t3); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
        lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
        t3 = C + A;
        // word 2 of b
        lo = x0 * y2; hi = mulHiU(x0, y2); lo += t0; hi += ltu(lo, t0); t0 = lo; A = hi;
        m = t0 * INV;
        C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
        lo = x1 * y2; hi = mulHiU(x1, y2); lo += t1; hi += ltu(lo, t1); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
        lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
        lo = x2 * y2; hi = mulHiU(x2, y2); lo += t2; hi += ltu(lo, t2); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
        lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
        lo = x3 * y2; hi = mulHiU(x3, y2); lo += t3; hi += ltu(lo, t3); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
        lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
        t3 = C + A;
        // word 3 of b
        lo = x0 * y3; hi = mulHiU(x0, y3); lo += t0; hi += ltu(lo, t0); t0 = lo; A = hi;
        m = t0 * INV;
        C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
        lo = x1 * y3; hi = mulHiU(x1, y3); lo += t1; hi += ltu(lo, t1); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
        lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
        lo = x2 * y3; hi = mulHiU(x2, y3); lo += t2; hi += ltu(lo, t2); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
        lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
        lo = x3 * y3; hi = mulHiU(x3, y3); lo += t3; hi += ltu(lo, t3); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
        lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
        t3 = C + A;
        addReducedAndStore(t0, t1, t2, t3, c, co);

    }

    /** Largest n for {@link #dot}: keeps the accumulator's fifth limb below 2^6. */
    public static final int MAX_DOT_LENGTH = 65;
    /** D = ⌈(Q3 + 1) / 2^7⌉: (A >> 199) / D under-estimates A / r by less than one. */
    private static final long DOT_DIVISOR = ((Q3 + 1) >>> 7) + 1;
    /** ⌊2^118 / D⌋ (&lt; 2^63): the division by D becomes a multiply-high and a shift by 54. */
    private static final long DOT_RECIPROCAL = java.math.BigInteger.ONE.shiftLeft(118)
            .divide(java.math.BigInteger.valueOf(DOT_DIVISOR)).longValueExact();

    /**
     * c = Σ_{i<n} a_i·b_i·R⁻¹ for elements a_i at {@code a[ao + 4i]} and b_i at {@code b[bo + 4i]}
     * (a Montgomery-form dot product) with one reduction at the end: the unreduced Montgomery
     * products (each &lt; 2r) are summed in five limbs, then the sum A (&lt; 2nr) is reduced by
     * subtracting k·r with k ≈ (A >> 199) / ⌈(Q3+1)/2^7⌉, k ∈ {⌊A/r⌋ − 1, ⌊A/r⌋}, and one
     * conditional subtraction. 1 ≤ n ≤ {@link #MAX_DOT_LENGTH}; c may alias the inputs.
     */
    public static void dot(long[] c, int co, long[] a, int ao, long[] b, int bo, int n) {
        if (n < 1 || n > MAX_DOT_LENGTH) {
            throw new IllegalArgumentException("dot length " + n + " not in 1.." + MAX_DOT_LENGTH);
        }
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < n; i++) {
            int ai = ao + 4 * i;
            int bi = bo + 4 * i;
            long x0 = a[ai], x1 = a[ai + 1], x2 = a[ai + 2], x3 = a[ai + 3];
            long y0 = b[bi], y1 = b[bi + 1], y2 = b[bi + 2], y3 = b[bi + 3];
            long t0, t1, t2, t3, A, C, m, lo, hi;
            t0 = x0 * y0; A = mulHiU(x0, y0);
            m = t0 * INV;
            C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
            lo = x1 * y0; hi = mulHiU(x1, y0); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
            lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
            lo = x2 * y0; hi = mulHiU(x2, y0); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
            lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
            lo = x3 * y0; hi = mulHiU(x3, y0); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
            lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
            t3 = C + A;
            lo = x0 * y1; hi = mulHiU(x0, y1); lo += t0; hi += ltu(lo, t0); t0 = lo; A = hi;
            m = t0 * INV;
            C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
            lo = x1 * y1; hi = mulHiU(x1, y1); lo += t1; hi += ltu(lo, t1); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
            lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
            lo = x2 * y1; hi = mulHiU(x2, y1); lo += t2; hi += ltu(lo, t2); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
            lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
            lo = x3 * y1; hi = mulHiU(x3, y1); lo += t3; hi += ltu(lo, t3); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
            lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
            t3 = C + A;
            lo = x0 * y2; hi = mulHiU(x0, y2); lo += t0; hi += ltu(lo, t0); t0 = lo; A = hi;
            m = t0 * INV;
            C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
            lo = x1 * y2; hi = mulHiU(x1, y2); lo += t1; hi += ltu(lo, t1); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
            lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
            lo = x2 * y2; hi = mulHiU(x2, y2); lo += t2; hi += ltu(lo, t2); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
            lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
            lo = x3 * y2; hi = mulHiU(x3, y2); lo += t3; hi += ltu(lo, t3); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
            lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
            t3 = C + A;
            lo = x0 * y3; hi = mulHiU(x0, y3); lo += t0; hi += ltu(lo, t0); t0 = lo; A = hi;
            m = t0 * INV;
            C = mulHiByQ0(m) + (t0 != 0 ? 1L : 0L);
            lo = x1 * y3; hi = mulHiU(x1, y3); lo += t1; hi += ltu(lo, t1); lo += A; hi += ltu(lo, A); t1 = lo; A = hi;
            lo = m * Q1; hi = Math.multiplyHigh(m, Q1) + (m >> 63 & Q1); lo += t1; hi += ltu(lo, t1); lo += C; hi += ltu(lo, C); t0 = lo; C = hi;
            lo = x2 * y3; hi = mulHiU(x2, y3); lo += t2; hi += ltu(lo, t2); lo += A; hi += ltu(lo, A); t2 = lo; A = hi;
            lo = m * Q2; hi = Math.multiplyHigh(m, Q2) + (m >> 63 & Q2); lo += t2; hi += ltu(lo, t2); lo += C; hi += ltu(lo, C); t1 = lo; C = hi;
            lo = x3 * y3; hi = mulHiU(x3, y3); lo += t3; hi += ltu(lo, t3); lo += A; hi += ltu(lo, A); t3 = lo; A = hi;
            lo = m * Q3; hi = Math.multiplyHigh(m, Q3) + (m >> 63 & Q3); lo += t3; hi += ltu(lo, t3); lo += C; hi += ltu(lo, C); t2 = lo; C = hi;
            t3 = C + A;

            // accumulate the unreduced product (< 2r) into five limbs
            long n0 = s0 + t0;
            long k = (s0 & t0 | (s0 | t0) & ~n0) >>> 63;
            long n1 = s1 + t1 + k;
            k = (s1 & t1 | (s1 | t1) & ~n1) >>> 63;
            long n2 = s2 + t2 + k;
            k = (s2 & t2 | (s2 | t2) & ~n2) >>> 63;
            long n3 = s3 + t3 + k;
            k = (s3 & t3 | (s3 | t3) & ~n3) >>> 63;
            s0 = n0;
            s1 = n1;
            s2 = n2;
            s3 = n3;
            s4 += k;
        }
        // k·r with k < 2^7 (exact: k times each limb of r, carries folded in)
        // q = ⌊(A >> 199)·⌊2^118/D⌋ / 2^118⌋: at most ⌊A/r⌋ and, the errors being far below one, at least ⌊A/r⌋ − 1
        long q = Math.multiplyHigh(s4 << 57 | s3 >>> 7, DOT_RECIPROCAL) >>> 54;
        long u0 = q * Q0;
        long h0 = mulHiU(q, Q0);
        long u1 = q * Q1;
        long h1 = Math.multiplyHigh(q, Q1);
        long u2 = q * Q2;
        long h2 = Math.multiplyHigh(q, Q2);
        long u3 = q * Q3;
        long v1 = u1 + h0;
        long k = ltu(v1, h0);
        long v2 = u2 + h1 + k;
        k = (u2 & h1 | (u2 | h1) & ~v2) >>> 63;
        long v3 = u3 + h2 + k;
        // A − k·r < 2r < 2^256: the fifth limb of the difference is zero, so it is not computed
        long d0 = s0 - u0;
        long w = (~s0 & u0 | ~(s0 ^ u0) & d0) >>> 63;
        long d1 = s1 - v1 - w;
        w = (~s1 & v1 | ~(s1 ^ v1) & d1) >>> 63;
        long d2 = s2 - v2 - w;
        w = (~s2 & v2 | ~(s2 ^ v2) & d2) >>> 63;
        long d3 = s3 - v3 - w;
        reduceOnceAndStore(c, co, d0, d1, d2, d3);
    }

    /** c = a². */
    public static void square(long[] c, int co, long[] a, int ao) {
        mul(c, co, a, ao, a, ao);
    }

    /** c = a + b. */
    public static void add(long[] c, int co, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
        // a, b < r < 2^255, so the sum fits in four limbs
        long s0 = a0 + b0;
        long k = (a0 & b0 | (a0 | b0) & ~s0) >>> 63;
        long s1 = a1 + b1 + k;
        k = (a1 & b1 | (a1 | b1) & ~s1) >>> 63;
        long s2 = a2 + b2 + k;
        k = (a2 & b2 | (a2 | b2) & ~s2) >>> 63;
        long s3 = a3 + b3 + k;
        reduceOnceAndStore(c, co, s0, s1, s2, s3);
    }

    /** c = 2a. */
    public static void dbl(long[] c, int co, long[] a, int ao) {
        add(c, co, a, ao, a, ao);
    }

    /** c = a − b. */
    public static void sub(long[] c, int co, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
        long d0 = a0 - b0;
        long w = (~a0 & b0 | ~(a0 ^ b0) & d0) >>> 63;
        long d1 = a1 - b1 - w;
        w = (~a1 & b1 | ~(a1 ^ b1) & d1) >>> 63;
        long d2 = a2 - b2 - w;
        w = (~a2 & b2 | ~(a2 ^ b2) & d2) >>> 63;
        long d3 = a3 - b3 - w;
        w = (~a3 & b3 | ~(a3 ^ b3) & d3) >>> 63;
        // on borrow add r back (mask is all ones or zero); the final carry out is dropped on purpose
        long mask = -w;
        long r0 = Q0 & mask, r1 = Q1 & mask, r2 = Q2 & mask, r3 = Q3 & mask;
        long s0 = d0 + r0;
        long k = (d0 & r0 | (d0 | r0) & ~s0) >>> 63;
        long s1 = d1 + r1 + k;
        k = (d1 & r1 | (d1 | r1) & ~s1) >>> 63;
        long s2 = d2 + r2 + k;
        k = (d2 & r2 | (d2 | r2) & ~s2) >>> 63;
        c[co] = s0;
        c[co + 1] = s1;
        c[co + 2] = s2;
        c[co + 3] = d3 + r3 + k;
    }

    /** c = −a. */
    public static void neg(long[] c, int co, long[] a, int ao) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        if ((a0 | a1 | a2 | a3) == 0) {
            c[co] = 0;
            c[co + 1] = 0;
            c[co + 2] = 0;
            c[co + 3] = 0;
            return;
        }
        long d0 = Q0 - a0;
        long w = (~Q0 & a0 | ~(Q0 ^ a0) & d0) >>> 63;
        long d1 = Q1 - a1 - w;
        w = (~Q1 & a1 | ~(Q1 ^ a1) & d1) >>> 63;
        long d2 = Q2 - a2 - w;
        w = (~Q2 & a2 | ~(Q2 ^ a2) & d2) >>> 63;
        c[co] = d0;
        c[co + 1] = d1;
        c[co + 2] = d2;
        c[co + 3] = Q3 - a3 - w;
    }

    /** Converts a canonical (reduced) value to Montgomery form. */
    public static void fromCanonical(long[] c, int co, long[] a, int ao) {
        mul(c, co, a, ao, R2, 0);
    }

    /** Converts a Montgomery-form value to its canonical value. */
    public static void toCanonical(long[] c, int co, long[] a, int ao) {
        mul(c, co, a, ao, ONE_CANONICAL, 0);
    }

    /** Whether the four limbs at ao are a canonical value, i.e. below r. */
    public static boolean isReduced(long[] a, int ao) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long d0 = a0 - Q0;
        long w = (~a0 & Q0 | ~(a0 ^ Q0) & d0) >>> 63;
        long d1 = a1 - Q1 - w;
        w = (~a1 & Q1 | ~(a1 ^ Q1) & d1) >>> 63;
        long d2 = a2 - Q2 - w;
        w = (~a2 & Q2 | ~(a2 ^ Q2) & d2) >>> 63;
        long d3 = a3 - Q3 - w;
        w = (~a3 & Q3 | ~(a3 ^ Q3) & d3) >>> 63;
        return w == 1; // a − r borrowed
    }

    public static boolean equal(long[] a, int ao, long[] b, int bo) {
        return a[ao] == b[bo] && a[ao + 1] == b[bo + 1] && a[ao + 2] == b[bo + 2] && a[ao + 3] == b[bo + 3];
    }

    public static boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
    }

    public static void copy(long[] c, int co, long[] a, int ao) {
        c[co] = a[ao];
        c[co + 1] = a[ao + 1];
        c[co + 2] = a[ao + 2];
        c[co + 3] = a[ao + 3];
    }

    public static void setZero(long[] c, int co) {
        c[co] = 0;
        c[co + 1] = 0;
        c[co + 2] = 0;
        c[co + 3] = 0;
    }

    /** Writes the Montgomery form of 1. */
    public static void setOne(long[] c, int co) {
        copy(c, co, R, 0);
    }
}
