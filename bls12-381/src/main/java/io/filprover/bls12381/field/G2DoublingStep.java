package io.filprover.bls12381.field;

/**
 * The Miller loop's doubling step on the M-type twist (homogeneous projective T = (X, Y, Z), b' = 4ξ)
 * with lazily reduced Fq2 arithmetic ({@link FqWide}): with A = X², B = Y², C = 3b'Z² = 12ξZ², it
 * writes the line coefficients (B − C, 3A, 2YZ) and replaces T by 2T: X' = 2XY(B − 3C),
 * Y' = (B + 3C)² − 12C², Z' = 8B·YZ. The constant factors (3, 12ξ, 2, 4, and 12 in front of C²) are
 * applied to wide products before their single reduction: 16 reductions and 10 modular additions per
 * step, where reduced Fq2 arithmetic needs 18 and about 40.
 *
 * <p>Bounds (U ≈ 0.1016q; Fq2 squares from (c0 + c1)(c0 − c1 + q) < 4U and c0·c1 < U, Fq2 products
 * from P00, P11 < U and PS < 4U): the largest sum is C's imaginary part 12·(Zr + 2Zi) < 72U ≈ 7.3q;
 * the offsets below (sixteenths of q) sit just above each output's negative part, inside
 * {@link FqWide#reduce2}'s 8q. Not thread-safe (scratch per instance).
 */
public final class G2DoublingStep {
    private static final int D = FqWide.DIGITS;
    private final long[] p = new long[6 * D];
    private final long[] o = new long[2 * D];
    /** B, C, 2XY, B − 3C, B + 3C, 3C, then product scratch. */
    private final long[] v = new long[6 * 12 + 12];
    private static final int B = 0, C = 12, T = 24, U = 36, S = 48, C3 = 60, SCRATCH = 72;

    /**
     * Doubles T = (X, Y, Z) held at s[xo], s[yo], s[zo] (Fq2, reduced) in place and writes the line
     * coefficients c0, c1, c4 at out[o], out[o + 12], out[o + 24].
     */
    public void apply(long[] s, int xo, int yo, int zo, long[] out, int o) {
        final long[] w = this.o, v = this.v;
        // c1 = 3A
        square(s, xo);
        for (int i = 0; i < D; i++) {
            w[i] = 3 * p[i];
            w[D + i] = 6 * p[D + i];
        }
        FqWide.reduce2(out, o + 12, w, 0, D);
        // B = Y²
        square(s, yo);
        for (int i = 0; i < D; i++) {
            w[i] = p[i];
            w[D + i] = 2 * p[D + i];
        }
        FqWide.reduce2(v, B, w, 0, D);
        // C = 12ξZ², ξ(re, im) = (re − im, re + im)
        square(s, zo);
        for (int i = 0; i < D; i++) {
            w[i] = 12 * (p[i] - 2 * p[D + i]);
            w[D + i] = 12 * (p[i] + 2 * p[D + i]);
        }
        FqWide.addModulus16(w, 0, 40);
        FqWide.reduce2(v, C, w, 0, D);
        // c4 = 2YZ and 2XY, both before T changes
        product(s, yo, s, zo, 2);
        FqWide.addModulus16(w, 0, 4);
        FqWide.addModulus16(w, D, 7);
        FqWide.reduce2(out, o + 24, w, 0, D);
        product(s, xo, s, yo, 2);
        FqWide.addModulus16(w, 0, 4);
        FqWide.addModulus16(w, D, 7);
        FqWide.reduce2(v, T, w, 0, D);
        // c0 = B − C; B ∓ 3C
        Fq2Ops.sub(out, o, v, B, v, C);
        Fq2Ops.add(v, C3, v, C, v, C);
        Fq2Ops.add(v, C3, v, C3, v, C);
        Fq2Ops.sub(v, U, v, B, v, C3);
        Fq2Ops.add(v, S, v, B, v, C3);
        // X' = 2XY·(B − 3C)
        product(v, T, v, U, 1);
        FqWide.addModulus16(w, 0, 2);
        FqWide.addModulus16(w, D, 4);
        FqWide.reduce2(s, xo, w, 0, D);
        // Z' = 4B·(2YZ): 2YZ is the line coefficient c4 written above
        product(v, B, out, o + 24, 4);
        FqWide.addModulus16(w, 0, 7);
        FqWide.addModulus16(w, D, 14);
        FqWide.reduce2(s, zo, w, 0, D);
        // Y' = (B + 3C)² − 12C²
        square(v, S);
        System.arraycopy(p, 0, p, 2 * D, 2 * D);
        square(v, C);
        for (int i = 0; i < D; i++) {
            w[i] = p[2 * D + i] - 12 * p[i];
            w[D + i] = 2 * p[3 * D + i] - 24 * p[D + i];
        }
        FqWide.addModulus16(w, 0, 79);
        FqWide.addModulus16(w, D, 40);
        FqWide.reduce2(s, yo, w, 0, D);
    }

    /** p[0..2D) = the wide parts of the Fq2 square of x[xo] ({@link FqWide#fq2SquareParts}). */
    private void square(long[] x, int xo) {
        FqWide.fq2SquareParts(p, 0, x, xo, v, SCRATCH);
    }

    /** o[0..2D) = k·(x·y) wide: re = k(P00 − P11), im = k(PS − P00 − P11). */
    private void product(long[] x, int xo, long[] y, int yo, int k) {
        FqWide.fq2Products(p, 0, x, xo, y, yo, v, SCRATCH);
        for (int i = 0; i < D; i++) {
            long p00 = p[i], p11 = p[D + i], ps = p[2 * D + i];
            o[i] = k * (p00 - p11);
            o[D + i] = k * (ps - p00 - p11);
        }
    }
}
