package io.filprover.cpu.field;

/**
 * (p + q·z)² over Fq4 = Fq2[z]/(z² − ξ) — the core of the compressed cyclotomic squaring — with one
 * Montgomery reduction per output coefficient ({@link FqWide}): x = p² + ξq², y = (p + q)² − p² − q²
 * from six Fq products (for each of p, q, s = p + q: (c0 + c1)(c0 − c1) and c0·c1), four reductions
 * instead of the six of three Fq2 squarings, and no modular additions between them.
 *
 * <p>Bounds (U ≈ 0.1016q): the (c0 + c1)(c0 − c1 + q) products are below 4U, the c0·c1 ones below U;
 * the negative parts are 2U, 0, 8U and 4U, the positive ones at most 8U, so each T·2^-392 stays below
 * 1.7q with the offsets below. Not thread-safe (scratch per instance).
 */
final class Fq4LazySquare {
    private static final int D = FqWide.DIGITS;
    private final long[] p = new long[6 * D];
    private final long[] o = new long[4 * D];
    private final long[] s = new long[12 + 12];

    /** x at r[xo] (Fq2), y at r[yo], from the Fq2 values p at a[po], q at a[qo] (reduced). */
    void square(long[] r, int xo, int yo, long[] a, int po, int qo) {
        Fq2Ops.add(s, 0, a, po, a, qo);
        squareParts(0, a, po);
        squareParts(2, a, qo);
        squareParts(4, s, 0);
        final long[] p = this.p, o = this.o;
        for (int i = 0; i < D; i++) {
            long ar = p[i], ai = p[D + i], br = p[2 * D + i], bi = p[3 * D + i], sr = p[4 * D + i], si = p[5 * D + i];
            // p² = (ar, 2ai), q² = (br, 2bi), ξq² = (br − 2bi, br + 2bi), s² = (sr, 2si)
            o[i] = ar + br - 2 * bi;
            o[D + i] = 2 * ai + br + 2 * bi;
            o[2 * D + i] = sr - ar - br;
            o[3 * D + i] = 2 * (si - ai - bi);
        }
        FqWide.addModulus16(o, 0, 4);
        FqWide.addModulus16(o, 2 * D, 14);
        FqWide.addModulus16(o, 3 * D, 7);
        FqWide.reduce2(r, xo, o, 0, D);
        FqWide.reduce2(r, yo, o, 2 * D, 3 * D);
    }

    /** Wide (c0 + c1)(c0 − c1 + q) ≡ c0² − c1² and c0·c1 of the Fq2 value at x[xo], at slots k, k + 1. */
    private void squareParts(int k, long[] x, int xo) {
        FqOps.addUnreduced(s, 12, x, xo, x, xo + 6);
        FqOps.subUnreduced(s, 18, x, xo, x, xo + 6);
        FqWide.product(p, k * D, s, 12, s, 18);
        FqWide.product(p, (k + 1) * D, x, xo, x, xo + 6);
    }
}
