package io.filprover.bls12381.pairing;

import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.field.Fq12;
import io.filprover.bls12381.field.Fq12Ops;

/**
 * f ↦ f^(3·(q¹² − 1)/r), the value blst/blstrs return: easy part f^((q⁶ − 1)(q² + 1)), then the hard
 * part via 3·(q⁴ − q² + 1)/r = (x − 1)²·(x + q)·(x² + q² − 1) + 3 (Hayashida–Hayasaka–Teruya,
 * eprint 2020/875). The extra factor 3 (coprime to r) keeps bilinearity and non-degeneracy; the
 * bellperson compatibility vectors confirm blst's pairing is this cube of the textbook value.
 * Runs on flat limbs ({@link Fq12Ops}).
 */
final class FinalExponentiation {
    private static final int N = Fq12Ops.FQ12;

    private FinalExponentiation() {}

    static Fq12 apply(Fq12 f) {
        Fq12Ops ops = new Fq12Ops();
        long[] w = new long[5 * N];
        final int m = 0, a = N, b = 2 * N, c = 3 * N, t = 4 * N;
        // easy part; the result m lies in the cyclotomic subgroup, where inversion is conjugation
        Fq12Ops.store(w, a, f);
        ops.inverse(w, t, w, a);
        Fq12Ops.conjugate(w, a, w, a);
        ops.mul(w, t, w, a, w, t);                 // f^(q⁶ − 1)
        ops.frobenius(w, m, w, t, 2);
        ops.mul(w, m, w, m, w, t);                 // m = t^(q² + 1)
        // hard part: five exponentiations by x
        expByX(ops, w, a, w, m, t);
        Fq12Ops.conjugate(w, t, w, m);
        ops.mul(w, a, w, a, w, t);                 // a = m^(x − 1)
        expByX(ops, w, b, w, a, t);
        Fq12Ops.conjugate(w, t, w, a);
        ops.mul(w, a, w, b, w, t);                 // a = m^((x − 1)²)
        expByX(ops, w, b, w, a, t);
        ops.frobenius(w, t, w, a, 1);
        ops.mul(w, b, w, b, w, t);                 // b = a^(x + q)
        expByX(ops, w, c, w, b, t);
        expByX(ops, w, c, w, c, t);
        ops.frobenius(w, t, w, b, 2);
        ops.mul(w, c, w, c, w, t);
        Fq12Ops.conjugate(w, t, w, b);
        ops.mul(w, c, w, c, w, t);                 // c = b^(x² + q² − 1)
        ops.cyclotomicSquare(w, t, w, m);
        ops.mul(w, c, w, c, w, t);
        ops.mul(w, c, w, c, w, m);                 // · m³
        return Fq12Ops.load(w, c);
    }

    /** The set bits of |x|: g^|x| = ∏ g^(2^k) over these k. */
    private static final int[] X_BITS = setBits(G1.X_ABS);

    private static int[] setBits(long e) {
        int[] b = new int[Long.bitCount(e)];
        for (int i = 0, k = 0; i < 64; i++) if (((e >>> i) & 1) != 0) b[k++] = i;
        return b;
    }

    /**
     * r = g^x for g in the cyclotomic subgroup, x = −|x|; g at w[go], result at r[ro] (may alias g);
     * uses w[to..to+72) as scratch. Squares with Karabina's compressed squaring, keeps g^(2^k) for the
     * set bits k of |x|, decompresses them together (one inversion) and multiplies them.
     */
    private static void expByX(Fq12Ops ops, long[] r, int ro, long[] w, int go, int to) {
        int n = X_BITS.length;
        long[] saved = new long[n * N];
        int[] offs = new int[n];
        System.arraycopy(w, go, w, to, N);
        int k = 0;
        for (int i = 0; i <= X_BITS[n - 1]; i++) {
            if (i > 0) ops.cyclotomicSquareCompressed(w, to, w, to);
            if (i == X_BITS[k]) {
                offs[k] = k * N;
                System.arraycopy(w, to, saved, offs[k], N);
                k++;
            }
        }
        if (X_BITS[0] == 0 || !ops.cyclotomicDecompress(saved, offs, n)) {
            expByXUncompressed(ops, r, ro, w, go, to);
            return;
        }
        System.arraycopy(saved, 0, r, ro, N);
        for (int j = 1; j < n; j++) ops.mul(r, ro, r, ro, saved, offs[j]);
        Fq12Ops.conjugate(r, ro, r, ro);
    }

    /** As {@link #expByX}, with Granger–Scott squarings throughout (the fallback). */
    private static void expByXUncompressed(Fq12Ops ops, long[] r, int ro, long[] w, int go, int to) {
        long e = G1.X_ABS;
        System.arraycopy(w, go, w, to, N);         // keep g: r may alias it
        System.arraycopy(w, go, r, ro, N);
        for (int i = 62 - Long.numberOfLeadingZeros(e); i >= 0; i--) {
            ops.cyclotomicSquare(r, ro, r, ro);
            if (((e >>> i) & 1) != 0) ops.mul(r, ro, r, ro, w, to);
        }
        Fq12Ops.conjugate(r, ro, r, ro);
    }
}
