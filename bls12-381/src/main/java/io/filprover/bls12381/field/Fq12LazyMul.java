package io.filprover.bls12381.field;

/**
 * The Miller loop's sparse Fq12 product with one Montgomery reduction per output coefficient
 * ({@link FqWide}): f·(d0 + d1·v + d4·v·w) from 13 Fq2 products (39 wide Fq products) and 12
 * reductions, where three lazily reduced Fq6 products ({@link Fq6LazyMul}) need 18 and the Fq6
 * additions between them. With f = a0 + a1·w: aa = a0·(d0 + d1·v), bb = a1·(d4·v),
 * cc = (a0 + a1)·(d0 + (d1 + d4)·v); f' = (aa + v·bb) + (cc − aa − bb)·w.
 *
 * <p>Bounds (U ≈ 0.1016q, operands reduced): each output's negative part is at most 22U and its
 * positive part at most 20U; the offsets below (in sixteenths of q, just above the negative parts,
 * computed from the same formulas) keep 0 ≤ T and T·2^-392 < 4.3q, inside
 * {@link FqWide#reduce2}'s 8q. Not thread-safe (scratch per instance).
 */
final class Fq12LazyMul {
    private static final int D = FqWide.DIGITS;
    /** Offsets per output coefficient (c0.re, c0.im, …, c5.im of the six Fq2 slots), in q/16. */
    private static final int[] MUL_BY_014_OFFSETS = {18, 17, 12, 20, 7, 17, 27, 36, 12, 36, 12, 36};

    private final long[] p = new long[13 * 3 * D];
    private final long[] o = new long[12 * D];
    /** e = a0 + a1 (Fq6) at 0; f1 = d1 + d4 at 36; Karatsuba sums at 48..144; product scratch at 144. */
    private final long[] s = new long[156];

    /** r = a·(d0 + d1·v + d4·v·w) for the Fq2 values at d[d0o], d[d1o], d[d4o]; d must not alias r. */
    void mulBy014(long[] r, int ro, long[] a, int ao, long[] d, int d0o, int d1o, int d4o) {
        final long[] s = this.s;
        final int a00 = ao, a01 = ao + 12, a02 = ao + 24, a10 = ao + 36, a11 = ao + 48, a12 = ao + 60;
        final int e0 = 0, e1 = 12, e2 = 24, f1 = 36;
        for (int j = 0; j < 36; j += 6) FqOps.add(s, j, a, ao + j, a, ao + 36 + j);
        Fq2Ops.add(s, f1, d, d1o, d, d4o);
        Fq2Ops.add(s, 48, a, a01, a, a02);
        Fq2Ops.add(s, 60, a, a00, a, a01);
        Fq2Ops.add(s, 72, d, d0o, d, d1o);
        Fq2Ops.add(s, 84, a, a00, a, a02);
        Fq2Ops.add(s, 96, s, e1, s, e2);
        Fq2Ops.add(s, 108, s, e0, s, e1);
        Fq2Ops.add(s, 120, d, d0o, s, f1);
        Fq2Ops.add(s, 132, s, e0, s, e2);
        products(0, a, a00, d, d0o);      // v0
        products(1, a, a01, d, d1o);      // v1
        products(2, s, 48, d, d1o);       // X
        products(3, s, 60, s, 72);        // Y
        products(4, s, 84, d, d0o);       // Z
        products(5, a, a10, d, d4o);      // u0
        products(6, a, a11, d, d4o);      // u1
        products(7, a, a12, d, d4o);      // u2
        products(8, s, e0, d, d0o);       // w0
        products(9, s, e1, s, f1);        // w1
        products(10, s, 96, s, f1);       // X'
        products(11, s, 108, s, 120);     // Y'
        products(12, s, 132, d, d0o);     // Z'
        combine014();
        for (int c = 0; c < 12; c++) FqWide.addModulus16(o, c * D, MUL_BY_014_OFFSETS[c]);
        for (int slot = 0; slot < 6; slot++) FqWide.reduce2(r, ro + 12 * slot, o, 2 * slot * D, (2 * slot + 1) * D);
    }

    private void products(int k, long[] x, int xo, long[] y, int yo) {
        FqWide.fq2Products(p, 3 * D * k, x, xo, y, yo, s, 144);
    }

    private void combine014() {
        final long[] p = this.p, o = this.o;
        for (int i = 0; i < D; i++) {
            // re = P00 − P11, im = PS − P00 − P11 of product k at p[3kD], p[(3k+1)D], p[(3k+2)D]
            long v0re = p[i] - p[D + i], v0im = p[2 * D + i] - p[i] - p[D + i];
            long v1re = p[3 * D + i] - p[4 * D + i], v1im = p[5 * D + i] - p[3 * D + i] - p[4 * D + i];
            long xre = p[6 * D + i] - p[7 * D + i], xim = p[8 * D + i] - p[6 * D + i] - p[7 * D + i];
            long yre = p[9 * D + i] - p[10 * D + i], yim = p[11 * D + i] - p[9 * D + i] - p[10 * D + i];
            long zre = p[12 * D + i] - p[13 * D + i], zim = p[14 * D + i] - p[12 * D + i] - p[13 * D + i];
            long u0re = p[15 * D + i] - p[16 * D + i], u0im = p[17 * D + i] - p[15 * D + i] - p[16 * D + i];
            long u1re = p[18 * D + i] - p[19 * D + i], u1im = p[20 * D + i] - p[18 * D + i] - p[19 * D + i];
            long u2re = p[21 * D + i] - p[22 * D + i], u2im = p[23 * D + i] - p[21 * D + i] - p[22 * D + i];
            long w0re = p[24 * D + i] - p[25 * D + i], w0im = p[26 * D + i] - p[24 * D + i] - p[25 * D + i];
            long w1re = p[27 * D + i] - p[28 * D + i], w1im = p[29 * D + i] - p[27 * D + i] - p[28 * D + i];
            long x2re = p[30 * D + i] - p[31 * D + i], x2im = p[32 * D + i] - p[30 * D + i] - p[31 * D + i];
            long y2re = p[33 * D + i] - p[34 * D + i], y2im = p[35 * D + i] - p[33 * D + i] - p[34 * D + i];
            long z2re = p[36 * D + i] - p[37 * D + i], z2im = p[38 * D + i] - p[36 * D + i] - p[37 * D + i];
            // aa = (v0 + ξ(X − v1), Y − v0 − v1, Z − v0 + v1), ξ(re, im) = (re − im, re + im)
            long tre = xre - v1re, tim = xim - v1im;
            long aa0re = v0re + tre - tim, aa0im = v0im + tre + tim;
            long aa1re = yre - v0re - v1re, aa1im = yim - v0im - v1im;
            long aa2re = zre - v0re + v1re, aa2im = zim - v0im + v1im;
            // cc likewise from w0, w1, X', Y', Z'
            long sre = x2re - w1re, sim = x2im - w1im;
            long cc0re = w0re + sre - sim, cc0im = w0im + sre + sim;
            long cc1re = y2re - w0re - w1re, cc1im = y2im - w0im - w1im;
            long cc2re = z2re - w0re + w1re, cc2im = z2im - w0im + w1im;
            // c0 = aa + v·bb with bb = (ξu2, u0, u1), v·bb = (ξu1, ξu2, u0)
            o[i] = aa0re + u1re - u1im;
            o[D + i] = aa0im + u1re + u1im;
            o[2 * D + i] = aa1re + u2re - u2im;
            o[3 * D + i] = aa1im + u2re + u2im;
            o[4 * D + i] = aa2re + u0re;
            o[5 * D + i] = aa2im + u0im;
            // c1 = cc − aa − bb
            o[6 * D + i] = cc0re - aa0re - (u2re - u2im);
            o[7 * D + i] = cc0im - aa0im - (u2re + u2im);
            o[8 * D + i] = cc1re - aa1re - u0re;
            o[9 * D + i] = cc1im - aa1im - u0im;
            o[10 * D + i] = cc2re - aa2re - u1re;
            o[11 * D + i] = cc2im - aa2im - u1im;
        }
    }
}
