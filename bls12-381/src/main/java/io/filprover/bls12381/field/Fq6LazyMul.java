package io.filprover.bls12381.field;

/**
 * Fq6 product with one Montgomery reduction per output coefficient: the 18 Fq products of the
 * Karatsuba-over-Karatsuba formula stay wide ({@link FqWide}), each of the six output coefficients
 * is their signed combination, reduced once — 6 reductions instead of the 12 of six {@link Fq2Mul}
 * calls, and none of the modular additions between them. Same result as {@link Fq12Ops#fq6Mul}'s
 * textbook form: c0 = v0 + ξ(X − v1 − v2), c1 = Y − v0 − v1 + ξv2, c2 = Z − v0 − v2 + v1 with
 * vi = ai·bi, X = (a1 + a2)(b1 + b2), Y = (a0 + a1)(b0 + b1), Z = (a0 + a2)(b0 + b2).
 *
 * <p>Bounds (FqWide's terms, U ≈ 0.1016q after reduction): inputs are reduced and the sums of
 * X, Y, Z left unreduced (below 2q), so an Fq2 product z = x·y gives P00 = x0y0, P11 = x1y1 below U
 * (4U for X, Y, Z) and PS = (x0 + x1)(y0 + y1) below 4U (16U), with re = P00 − P11,
 * im = PS − P00 − P11. Each output's negative part is at most 21U and its positive part 24U; adding
 * a multiple of q·2^388 just above the negative part keeps T ≥ 0 and T·2^-392 below 4.4q, inside
 * {@link FqWide#reduce2}'s 8q. Not thread-safe (scratch per instance).
 */
final class Fq6LazyMul {
    private static final int D = FqWide.DIGITS;
    /** Per Fq2 product k (v0, v1, v2, X, Y, Z): P00, P11, PS at k·3D + 0, D, 2D. */
    private final long[] p = new long[18 * D];
    private final long[] o = new long[6 * D];
    /** The Fq2 sums of the Fq6 operands (X, Y, Z factors), then two Fq scratch sums. */
    private final long[] s = new long[6 * 12 + 12];

    /** r = a·b in Fq6 (36 limbs each); a, b reduced; r may alias a or b. */
    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        final int a1 = ao + 12, a2 = ao + 24, b1 = bo + 12, b2 = bo + 24;
        Fq2Ops.addUnreduced(s, 0, a, a1, a, a2);
        Fq2Ops.addUnreduced(s, 12, b, b1, b, b2);
        Fq2Ops.addUnreduced(s, 24, a, ao, a, a1);
        Fq2Ops.addUnreduced(s, 36, b, bo, b, b1);
        Fq2Ops.addUnreduced(s, 48, a, ao, a, a2);
        Fq2Ops.addUnreduced(s, 60, b, bo, b, b2);
        fq2Products(0, a, ao, b, bo);
        fq2Products(1, a, a1, b, b1);
        fq2Products(2, a, a2, b, b2);
        fq2Products(3, s, 0, s, 12);
        fq2Products(4, s, 24, s, 36);
        fq2Products(5, s, 48, s, 60);
        combine();
        FqWide.reduce2(r, ro, o, 0, D);
        FqWide.reduce2(r, ro + 12, o, 2 * D, 3 * D);
        FqWide.reduce2(r, ro + 24, o, 4 * D, 5 * D);
    }

    private void fq2Products(int k, long[] x, int xo, long[] y, int yo) {
        FqWide.fq2Products(p, 3 * D * k, x, xo, y, yo, s, 72);
    }

    private void combine() {
        final long[] p = this.p, o = this.o;
        for (int i = 0; i < D; i++) {
            long p00v0 = p[i], p11v0 = p[D + i], psv0 = p[2 * D + i];
            long p00v1 = p[3 * D + i], p11v1 = p[4 * D + i], psv1 = p[5 * D + i];
            long p00v2 = p[6 * D + i], p11v2 = p[7 * D + i], psv2 = p[8 * D + i];
            long p00x = p[9 * D + i], p11x = p[10 * D + i], psx = p[11 * D + i];
            long p00y = p[12 * D + i], p11y = p[13 * D + i], psy = p[14 * D + i];
            long p00z = p[15 * D + i], p11z = p[16 * D + i], psz = p[17 * D + i];
            long v0re = p00v0 - p11v0, v0im = psv0 - p00v0 - p11v0;
            long v1re = p00v1 - p11v1, v1im = psv1 - p00v1 - p11v1;
            long v2re = p00v2 - p11v2, v2im = psv2 - p00v2 - p11v2;
            // c0 = v0 + ξ(X − v1 − v2), ξ(re, im) = (re − im, re + im)
            long xre = p00x - p11x - v1re - v2re, xim = psx - p00x - p11x - v1im - v2im;
            o[i] = v0re + xre - xim;
            o[D + i] = v0im + xre + xim;
            // c1 = Y − v0 − v1 + ξv2
            o[2 * D + i] = (p00y - p11y) - v0re - v1re + (v2re - v2im);
            o[3 * D + i] = (psy - p00y - p11y) - v0im - v1im + (v2re + v2im);
            // c2 = Z − v0 − v2 + v1
            o[4 * D + i] = (p00z - p11z) - v0re - v2re + v1re;
            o[5 * D + i] = (psz - p00z - p11z) - v0im - v2im + v1im;
        }
        // the negative parts, in U (see the class comment): 21, 18, 10, 18, 7, 18 → sixteenths of q
        FqWide.addModulus16(o, 0, 35);
        FqWide.addModulus16(o, D, 30);
        FqWide.addModulus16(o, 2 * D, 17);
        FqWide.addModulus16(o, 3 * D, 30);
        FqWide.addModulus16(o, 4 * D, 12);
        FqWide.addModulus16(o, 5 * D, 30);
    }
}
