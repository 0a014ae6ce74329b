package io.filprover.bls12381.field;

/**
 * One Fq4 step of the cyclotomic squaring with one Montgomery reduction per output coefficient
 * ({@link FqWide}): for (p + q·z)² = x + y·z over Fq4 = Fq2[z]/(z² − ξ), x = p² + ξq² and
 * y = (p + q)² − p² − q² come from six Fq products (for each of p, q, s = p + q: (c0 + c1)(c0 − c1)
 * and c0·c1), and the Granger–Scott outputs 3x − 2c and 3y + 2c' (or 3ξy + 2c') are formed before
 * the reduction: four reductions, where three Fq2 squarings and the additions after them need six
 * reductions and twelve modular additions.
 *
 * <p>Bounds (U ≈ 0.1016q): (c0 + c1)(c0 − c1 + q) is below 4U and c0·c1 below U; with c, c' < q the
 * outputs' negative parts are at most 3.66q and their positive ones at most 4.44q, and the offsets
 * below (sixteenths of q, just above the negative parts) keep 0 ≤ T and T·2^-392 < 7.6q, inside
 * {@link FqWide#reduce2}'s 8q. Not thread-safe (scratch per instance).
 */
final class Fq4LazySquare {
    private static final int D = FqWide.DIGITS;
    private final long[] p = new long[6 * D];
    private final long[] o = new long[4 * D];
    private final long[] s = new long[12 + 12];

    /**
     * From p at a[po] and q at a[qo] (Fq2, reduced): r[xo] = 3x − 2·a[cx] and r[yo] = 3y' + 2·a[cy],
     * with y' = ξy when xiY, else y. r must not alias a.
     */
    void square(long[] r, int xo, int yo, long[] a, int po, int qo, int cx, int cy, boolean xiY) {
        Fq2Ops.add(s, 0, a, po, a, qo);
        FqWide.fq2SquareParts(p, 0, a, po, s, 12);
        FqWide.fq2SquareParts(p, 2 * D, a, qo, s, 12);
        FqWide.fq2SquareParts(p, 4 * D, s, 0, s, 12);
        final long[] p = this.p, o = this.o;
        for (int i = 0; i < D; i++) {
            long ar = p[i], ai = p[D + i], br = p[2 * D + i], bi = p[3 * D + i], sr = p[4 * D + i], si = p[5 * D + i];
            // p² = (ar, 2ai), q² = (br, 2bi), ξq² = (br − 2bi, br + 2bi), s² = (sr, 2si)
            long yre = sr - ar - br, yim = 2 * (si - ai - bi);
            o[i] = 3 * (ar + br - 2 * bi);
            o[D + i] = 3 * (2 * ai + br + 2 * bi);
            o[2 * D + i] = 3 * (xiY ? yre - yim : yre);
            o[3 * D + i] = 3 * (xiY ? yre + yim : yim);
        }
        FqWide.addShifted(o, 0, a, cx, -2);
        FqWide.addShifted(o, D, a, cx + 6, -2);
        FqWide.addShifted(o, 2 * D, a, cy, 2);
        FqWide.addShifted(o, 3 * D, a, cy + 6, 2);
        FqWide.addModulus16(o, 0, 42);
        FqWide.addModulus16(o, D, 32);
        FqWide.addModulus16(o, 2 * D, xiY ? 49 : 40);
        FqWide.addModulus16(o, 3 * D, xiY ? 59 : 20);
        FqWide.reduce2(r, xo, o, 0, D);
        FqWide.reduce2(r, yo, o, 2 * D, 3 * D);
    }
}
