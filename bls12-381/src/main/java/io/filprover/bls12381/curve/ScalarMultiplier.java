package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.FqTowerElement;
import java.math.BigInteger;

/** Variable-base scalar multiplication: width-5 NAF with a batch-normalised table of odd multiples. */
final class ScalarMultiplier {
    static final int WINDOW = 5;

    private ScalarMultiplier() {}

    static <F extends FqTowerElement<F>> JacobianPoint<F> mul(JacobianPoint<F> p, BigInteger k) {
        if (k.signum() == 0 || p.isIdentity()) return p.curve.identity();
        if (k.signum() < 0) return mul(p.neg(), k.negate());
        int[] naf = wnaf(k, WINDOW);
        AffinePoint<F>[] table = oddMultiples(p, 1 << (WINDOW - 2));
        JacobianPoint<F> acc = p.curve.identity();
        for (int i = naf.length - 1; i >= 0; i--) {
            acc = acc.dbl();
            int d = naf[i];
            if (d > 0) acc = acc.add(table[d >> 1]);
            else if (d < 0) acc = acc.add(table[(-d) >> 1].neg());
        }
        return acc;
    }

    /**
     * [k1]P + [k2]Q by interleaved width-5 NAFs (one doubling chain); k1, k2 ≥ 0. The table for Q
     * is derived from P's table by {@code mapQ} (e.g. an endomorphism), so only one is built.
     */
    static <F extends FqTowerElement<F>> JacobianPoint<F> mulDouble(
            AffinePoint<F>[] tableP, AffinePoint<F>[] tableQ, BigInteger k1, BigInteger k2, CurveSpec<F> curve) {
        int[] n1 = wnaf(k1, WINDOW), n2 = wnaf(k2, WINDOW);
        JacobianPoint<F> acc = curve.identity();
        for (int i = Math.max(n1.length, n2.length) - 1; i >= 0; i--) {
            acc = acc.dbl();
            int d = i < n1.length ? n1[i] : 0;
            if (d > 0) acc = acc.add(tableP[d >> 1]);
            else if (d < 0) acc = acc.add(tableP[(-d) >> 1].neg());
            d = i < n2.length ? n2[i] : 0;
            if (d > 0) acc = acc.add(tableQ[d >> 1]);
            else if (d < 0) acc = acc.add(tableQ[(-d) >> 1].neg());
        }
        return acc;
    }

    /** P, 3P, 5P, ..., (2n−1)P in affine form. */
    @SuppressWarnings("unchecked")
    static <F extends FqTowerElement<F>> AffinePoint<F>[] oddMultiples(JacobianPoint<F> p, int n) {
        JacobianPoint<F>[] t = new JacobianPoint[n];
        t[0] = p;
        JacobianPoint<F> twoP = p.dbl();
        for (int i = 1; i < n; i++) t[i] = t[i - 1].add(twoP);
        return JacobianPoint.batchToAffine(t);
    }

    /** Width-w non-adjacent form of k > 0, least significant digit first; digits odd in (−2^(w−1), 2^(w−1)). */
    static int[] wnaf(BigInteger k, int w) {
        int[] out = new int[k.bitLength() + 1];
        int len = 0;
        int full = 1 << w, half = 1 << (w - 1);
        BigInteger n = k;
        while (n.signum() > 0) {
            int d = 0;
            if (n.testBit(0)) {
                d = n.intValue() & (full - 1);
                if (d >= half) d -= full;
                n = n.subtract(BigInteger.valueOf(d));
            }
            out[len++] = d;
            n = n.shiftRight(1);
        }
        int[] r = new int[len];
        System.arraycopy(out, 0, r, 0, len);
        return r;
    }
}
