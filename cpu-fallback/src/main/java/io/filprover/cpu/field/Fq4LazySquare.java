package io.filprover.cpu.field;

/**
 * (p + q·z)² over Fq4 = Fq2[z]/(z² − ξ) — the core of the compressed cyclotomic squaring — with one
 * Montgomery reduction per output coefficient ({@link FqWide}): x = p² + ξq², y = (p + q)² − p² − q²,
 * every Fq2 square c² = (c0² − c1²) + ((c0 + c1)² − c0² − c1²)·u taken from three Fq squares. Nine
 * squares (28 digit products each) and four reductions, instead of three Fq2 squarings' six
 * products (49 each) and six reductions, and no modular additions between them.
 *
 * <p>Bounds (U ≈ 0.1016q): (c0 + c1)² is below 4U, c0² and c1² below U; the negative parts of the
 * four outputs are 5U, 4U, 3U and 10U, the positive parts at most 8U, so with the offsets below
 * every T·2^-392 stays below 1.9q. Not thread-safe (scratch per instance).
 */
final class Fq4LazySquare {
    private static final int D = FqWide.DIGITS;
    private final long[] p = new long[9 * D];
    private final long[] o = new long[4 * D];
    private final long[] s = new long[12 + 6];

    /** x at r[xo] (Fq2), y at r[yo], from the Fq2 values p at a[po], q at a[qo] (reduced). */
    void square(long[] r, int xo, int yo, long[] a, int po, int qo) {
        Fq2Ops.add(s, 0, a, po, a, qo);
        squares(0, a, po);
        squares(3, a, qo);
        squares(6, s, 0);
        final long[] p = this.p, o = this.o;
        for (int i = 0; i < D; i++) {
            long p0 = p[i], p1 = p[D + i], ps = p[2 * D + i];
            long q0 = p[3 * D + i], q1 = p[4 * D + i], qs = p[5 * D + i];
            long s0 = p[6 * D + i], s1 = p[7 * D + i], ss = p[8 * D + i];
            // c² = (c0² − c1², (c0 + c1)² − c0² − c1²); ξq² = (re − im, re + im) of q²
            long pre = p0 - p1, pim = ps - p0 - p1, qre = q0 - q1, qim = qs - q0 - q1;
            o[i] = pre + qre - qim;
            o[D + i] = pim + qre + qim;
            o[2 * D + i] = (s0 - s1) - pre - qre;
            o[3 * D + i] = (ss - s0 - s1) - pim - qim;
        }
        FqWide.addModulus16(o, 0, 9);
        FqWide.addModulus16(o, D, 7);
        FqWide.addModulus16(o, 2 * D, 5);
        FqWide.addModulus16(o, 3 * D, 17);
        FqWide.reduce2(r, xo, o, 0, D);
        FqWide.reduce2(r, yo, o, 2 * D, 3 * D);
    }

    /** Wide c0², c1², (c0 + c1)² of the Fq2 value at x[xo], at slots k, k + 1, k + 2. */
    private void squares(int k, long[] x, int xo) {
        FqWide.square(p, k * D, x, xo);
        FqWide.square(p, (k + 1) * D, x, xo + 6);
        FqOps.addUnreduced(s, 12, x, xo, x, xo + 6);
        FqWide.square(p, (k + 2) * D, s, 12);
    }
}
