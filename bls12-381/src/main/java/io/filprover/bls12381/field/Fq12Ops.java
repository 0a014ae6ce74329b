package io.filprover.bls12381.field;

import java.math.BigInteger;

/**
 * Allocation-free Fq2 / Fq6 / Fq12 kernels on flat Montgomery limbs, for the pairing's hot loops.
 * Layout: Fq2 = c0, c1 (6 limbs each, {@link #FQ2} in all); Fq6 = c0, c1, c2 (Fq2 each, {@link #FQ6});
 * Fq12 = c0, c1 (Fq6 each, {@link #FQ12}) — the field order of the {@link Fq12} object, so
 * {@link #store} / {@link #load} are plain copies. Outputs may alias inputs.
 *
 * <p>The Fq6 product, the sparse line product and the cyclotomic squarings reduce each output
 * coefficient once ({@link Fq6LazyMul}, {@link Fq12LazyMul}, {@link Fq4LazySquare} over
 * {@link FqWide}); their inputs must be reduced.
 *
 * <p>An instance owns the scratch buffers the kernels need, one region per tower level so that a
 * level may call the one below it; it is therefore not thread-safe: use one instance per thread.
 */
public final class Fq12Ops {
    public static final int FQ2 = 12;
    public static final int FQ6 = 36;
    public static final int FQ12 = 72;

    /** Frobenius factors per slot of the 6-slot view, derived from the {@link Fq6} / {@link Fq12} ones. */
    private static final long[][] FROB = new long[6][];

    static {
        BigInteger q = Fq.MODULUS;
        for (int k = 0; k < 6; k++) {
            BigInteger qk1 = q.pow(k).subtract(BigInteger.ONE);
            // slot order a0, a1, a2, b0, b1, b2 where a_j carries v^j and b_j carries v^j·w
            Fq2 g1 = Fq2.NON_RESIDUE.pow(qk1.divide(BigInteger.valueOf(3)));   // v^(q^k−1)
            Fq2 gw = Fq2.NON_RESIDUE.pow(qk1.divide(BigInteger.valueOf(6)));   // w^(q^k−1)
            Fq2 g2 = g1.square();
            Fq2[] f = {Fq2.ONE, g1, g2, gw, g1.mul(gw), g2.mul(gw)};
            long[] t = new long[6 * FQ2];
            for (int s = 0; s < 6; s++) storeFq2(t, s * FQ2, f[s]);
            FROB[k] = t;
        }
    }

    // scratch, one region per level
    private final long[] s2 = new long[4 * 6];
    private final long[] s6 = new long[3 * FQ2];
    private final long[] s12 = new long[4 * FQ6];
    private final long[] sc = new long[FQ12];
    private final Fq6LazyMul lazy6 = new Fq6LazyMul();
    private final Fq4LazySquare lazy4 = new Fq4LazySquare();
    private final Fq12LazyMul lazy12 = new Fq12LazyMul();

    // ---- conversions ----

    public static void storeFq2(long[] r, int ro, Fq2 a) {
        System.arraycopy(a.c0.l, 0, r, ro, 6);
        System.arraycopy(a.c1.l, 0, r, ro + 6, 6);
    }

    public static Fq2 loadFq2(long[] a, int ao) {
        long[] x = new long[6], y = new long[6];
        System.arraycopy(a, ao, x, 0, 6);
        System.arraycopy(a, ao + 6, y, 0, 6);
        return new Fq2(new Fq(x), new Fq(y));
    }

    public static void store(long[] r, int ro, Fq12 a) {
        Fq6[] h = {a.c0, a.c1};
        for (int i = 0; i < 2; i++) {
            storeFq2(r, ro + i * FQ6, h[i].c0);
            storeFq2(r, ro + i * FQ6 + FQ2, h[i].c1);
            storeFq2(r, ro + i * FQ6 + 2 * FQ2, h[i].c2);
        }
    }

    public static Fq12 load(long[] a, int ao) {
        Fq6 c0 = new Fq6(loadFq2(a, ao), loadFq2(a, ao + FQ2), loadFq2(a, ao + 2 * FQ2));
        Fq6 c1 = new Fq6(loadFq2(a, ao + FQ6), loadFq2(a, ao + FQ6 + FQ2), loadFq2(a, ao + FQ6 + 2 * FQ2));
        return new Fq12(c0, c1);
    }

    public static void setOne(long[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + FQ12, 0L);
        System.arraycopy(Fq.ONE.l, 0, r, ro, 6);
    }

    // ---- Fq2 ----

    public static void fq2Add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.add(r, ro, a, ao, b, bo);
        FqOps.add(r, ro + 6, a, ao + 6, b, bo + 6);
    }

    public static void fq2Sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.sub(r, ro, a, ao, b, bo);
        FqOps.sub(r, ro + 6, a, ao + 6, b, bo + 6);
    }

    public static void fq2Dbl(long[] r, int ro, long[] a, int ao) {
        FqOps.add(r, ro, a, ao, a, ao);
        FqOps.add(r, ro + 6, a, ao + 6, a, ao + 6);
    }

    public static void fq2Neg(long[] r, int ro, long[] a, int ao) {
        FqOps.neg(r, ro, a, ao);
        FqOps.neg(r, ro + 6, a, ao + 6);
    }

    public static void fq2Conjugate(long[] r, int ro, long[] a, int ao) {
        if (r != a || ro != ao) System.arraycopy(a, ao, r, ro, 6);
        FqOps.neg(r, ro + 6, a, ao + 6);
    }

    /** Multiplies both coordinates by the Fq element at f[fo]. */
    public static void fq2MulFq(long[] r, int ro, long[] a, int ao, long[] f, int fo) {
        FqOps.mul(r, ro, a, ao, f, fo);
        FqOps.mul(r, ro + 6, a, ao + 6, f, fo);
    }

    /** r = a·ξ = (a0 − a1) + (a0 + a1)u. */
    public void fq2MulByNonResidue(long[] r, int ro, long[] a, int ao) {
        long[] t = s2;
        FqOps.sub(t, 0, a, ao, a, ao + 6);
        FqOps.add(r, ro + 6, a, ao, a, ao + 6);
        System.arraycopy(t, 0, r, ro, 6);
    }

    /** The fused Karatsuba product {@link Fq2Ops#mul}. */
    public void fq2Mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fq2Mul.mul(r, ro, a, ao, b, bo);
    }

    /** {@link Fq2Ops#square}. */
    public void fq2Square(long[] r, int ro, long[] a, int ao) {
        Fq2Ops.squareWith(r, ro, a, ao, s2);
    }

    // ---- Fq6 (scratch s6: 3 Fq2 slots) ----

    private static final int R0 = 0, R1 = FQ2;

    /** Karatsuba-style product, one reduction per output coefficient ({@link Fq6LazyMul}); a, b reduced. */
    public void fq6Mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        lazy6.mul(r, ro, a, ao, b, bo);
    }

    /** r = a·v: (c0, c1, c2) ↦ (ξ c2, c0, c1). */
    public void fq6MulByV(long[] r, int ro, long[] a, int ao) {
        long[] t = s6;
        fq2MulByNonResidue(t, R0, a, ao + 2 * FQ2);
        System.arraycopy(a, ao, t, R1, 2 * FQ2);
        System.arraycopy(t, R0, r, ro, FQ6);
    }

    public static void fq6Add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        for (int i = 0; i < 6; i++) FqOps.add(r, ro + 6 * i, a, ao + 6 * i, b, bo + 6 * i);
    }

    public static void fq6Sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        for (int i = 0; i < 6; i++) FqOps.sub(r, ro + 6 * i, a, ao + 6 * i, b, bo + 6 * i);
    }

    public static void fq6Neg(long[] r, int ro, long[] a, int ao) {
        for (int i = 0; i < 6; i++) FqOps.neg(r, ro + 6 * i, a, ao + 6 * i);
    }

    // ---- Fq12 (scratch s12: 4 Fq6 slots) ----

    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long[] t = s12;
        fq6Mul(t, 0, a, ao, b, bo);                    // t0 = a0·b0
        fq6Mul(t, FQ6, a, ao + FQ6, b, bo + FQ6);      // t1 = a1·b1
        fq6Add(t, 2 * FQ6, a, ao, a, ao + FQ6);
        fq6Add(t, 3 * FQ6, b, bo, b, bo + FQ6);
        fq6Mul(t, 2 * FQ6, t, 2 * FQ6, t, 3 * FQ6);
        fq6Sub(t, 2 * FQ6, t, 2 * FQ6, t, 0);
        fq6Sub(r, ro + FQ6, t, 2 * FQ6, t, FQ6);       // r1 = (a0 + a1)(b0 + b1) − t0 − t1
        fq6MulByV(t, FQ6, t, FQ6);
        fq6Add(r, ro, t, FQ6, t, 0);                   // r0 = t1·v + t0
    }

    /** Complex squaring: 2 Fq6 multiplications. */
    public void square(long[] r, int ro, long[] a, int ao) {
        long[] t = s12;
        fq6Mul(t, 0, a, ao, a, ao + FQ6);              // ab
        fq6MulByV(t, FQ6, a, ao + FQ6);
        fq6Add(t, FQ6, t, FQ6, a, ao);                 // c0 + v·c1
        fq6Add(t, 2 * FQ6, a, ao, a, ao + FQ6);        // c0 + c1
        fq6Mul(t, 2 * FQ6, t, 2 * FQ6, t, FQ6);
        fq6Sub(t, 2 * FQ6, t, 2 * FQ6, t, 0);
        fq6MulByV(t, FQ6, t, 0);
        fq6Sub(r, ro, t, 2 * FQ6, t, FQ6);
        fq6Add(r, ro + FQ6, t, 0, t, 0);
    }

    /**
     * Product with the sparse element d0 + d1·w² + d4·w³ (c0 = (d0, d1, 0), c1 = (0, d4, 0)); the
     * three Fq2 values are read at d[d0o], d[d1o], d[d4o] (d must not alias r).
     */
    public void mulBy014(long[] r, int ro, long[] a, int ao, long[] d, int d0o, int d1o, int d4o) {
        lazy12.mulBy014(r, ro, a, ao, d, d0o, d1o, d4o);
    }

    /** r = a⁻¹ = (c0 − c1·w) / (c0² − v·c1²) for a ≠ 0, the Fq6 inverse by its adjugate; r may alias a. */
    public void inverse(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[2 * FQ6 + 5 * FQ2];
        final int n = 0, m = FQ6, x = 2 * FQ6, y = x + FQ2, z = y + FQ2, f = z + FQ2, g = f + FQ2;
        fq6Mul(t, n, a, ao, a, ao);
        fq6Mul(t, m, a, ao + FQ6, a, ao + FQ6);
        fq6MulByV(t, m, t, m);
        fq6Sub(t, n, t, n, t, m);                       // n = c0² − v·c1² in Fq6: (n0, n1, n2)
        final int n0 = n, n1 = n + FQ2, n2 = n + 2 * FQ2;
        fq2Square(t, x, t, n0);
        fq2Mul(t, g, t, n1, t, n2);
        fq2MulByNonResidue(t, g, t, g);
        fq2Sub(t, x, t, x, t, g);                       // x = n0² − ξ·n1·n2
        fq2Square(t, y, t, n2);
        fq2MulByNonResidue(t, y, t, y);
        fq2Mul(t, g, t, n0, t, n1);
        fq2Sub(t, y, t, y, t, g);                       // y = ξ·n2² − n0·n1
        fq2Square(t, z, t, n1);
        fq2Mul(t, g, t, n0, t, n2);
        fq2Sub(t, z, t, z, t, g);                       // z = n1² − n0·n2
        fq2Mul(t, f, t, n2, t, y);
        fq2Mul(t, g, t, n1, t, z);
        fq2Add(t, f, t, f, t, g);
        fq2MulByNonResidue(t, f, t, f);
        fq2Mul(t, g, t, n0, t, x);
        fq2Add(t, f, t, f, t, g);                       // the norm of n down to Fq2
        fq2Inverse(t, f, t, f);
        fq2Mul(t, n0, t, x, t, f);
        fq2Mul(t, n1, t, y, t, f);
        fq2Mul(t, n2, t, z, t, f);                      // n⁻¹
        fq6Mul(t, m, a, ao + FQ6, t, n);
        fq6Mul(r, ro, a, ao, t, n);
        fq6Neg(r, ro + FQ6, t, m);
    }

    /** x ↦ x^(q^6): the inverse in the cyclotomic subgroup. */
    public static void conjugate(long[] r, int ro, long[] a, int ao) {
        if (r != a || ro != ao) System.arraycopy(a, ao, r, ro, FQ6);
        fq6Neg(r, ro + FQ6, a, ao + FQ6);
    }

    /** x ↦ x^(q^power). */
    public void frobenius(long[] r, int ro, long[] a, int ao, int power) {
        int k = Math.floorMod(power, 12);
        boolean conj = k >= 6;
        if (conj) k -= 6;
        long[] f = FROB[k];
        if (r != a || ro != ao) System.arraycopy(a, ao, r, ro, FQ12);
        if (k != 0) {
            for (int s = 0; s < 6; s++) {
                int o = ro + s * FQ2;
                if ((k & 1) != 0) FqOps.neg(r, o + 6, r, o + 6);
                if (s != 0) fq2Mul(r, o, r, o, f, s * FQ2);
            }
        }
        if (conj) fq6Neg(r, ro + FQ6, r, ro + FQ6);
    }

    private static final int A0 = 0, A1 = FQ2, A2 = 2 * FQ2, B0 = 3 * FQ2, B1 = 4 * FQ2, B2 = 5 * FQ2;

    /**
     * Granger–Scott squaring, valid only in the cyclotomic subgroup; the formulas of
     * {@link Fq12#cyclotomicSquare}: with A = (a0, b1), B = (b0, a2), C = (a1, b2) over Fq4,
     * A' = 3A² − 2Ā, B' = 3zC² + 2B̄, C' = 3B² − 2C̄.
     */
    public void cyclotomicSquare(long[] r, int ro, long[] a, int ao) {
        long[] t = sc;
        lazy4.square(t, A0, B1, a, ao + A0, ao + B1, ao + A0, ao + B1, false);   // A' = 3A² − 2Ā
        lazy4.square(t, A1, B2, a, ao + B0, ao + A2, ao + A1, ao + B2, false);   // C' = 3B² − 2C̄
        lazy4.square(t, A2, B0, a, ao + A1, ao + B2, ao + A2, ao + B0, true);    // B' = 3zC² + 2B̄
        System.arraycopy(t, 0, r, ro, FQ12);
    }

    /**
     * Karabina's compressed squaring: the B, C half of {@link #cyclotomicSquare} (B' = 3zC² + 2B̄,
     * C' = 3B² − 2C̄) depends only on B = (g2, g3) = (b0, a2) and C = (g4, g5) = (a1, b2), so the
     * chain of squarings can drop A = (a0, b1); 6 Fq2 squarings instead of 9. Only slots b0, a2,
     * a1, b2 of r are written (a0, b1 of r are left as they were); recover them with
     * {@link #cyclotomicDecompress}.
     */
    public void cyclotomicSquareCompressed(long[] r, int ro, long[] a, int ao) {
        long[] t = sc;
        lazy4.square(t, A1, B2, a, ao + B0, ao + A2, ao + A1, ao + B2, false);   // C' = 3B² − 2C̄
        lazy4.square(t, A2, B0, a, ao + A1, ao + B2, ao + A2, ao + B0, true);    // B' = 3zC² + 2B̄
        System.arraycopy(t, A1, r, ro + A1, 2 * FQ2);                            // a1, a2
        System.arraycopy(t, B0, r, ro + B0, FQ2);
        System.arraycopy(t, B2, r, ro + B2, FQ2);
    }

    /**
     * Recovers A = (g0, g1) = (a0, b1) of n compressed cyclotomic elements stored at w[offs[i]], from
     * the norm condition (Karabina): g1 = (ξg5² + 3g4² − 2g3) / (4g2), g0 = ξ(2g1² + g2g5 − 3g3g4) + 1,
     * with one shared inversion. Returns false (and changes nothing) when some g2 is zero — a
     * probability-2^-762 event for which callers fall back to uncompressed squaring.
     */
    public boolean cyclotomicDecompress(long[] w, int[] offs, int n) {
        long[] t = new long[(2 * n + 4) * FQ2];
        final int tmp = 2 * n * FQ2, u = tmp + FQ2, v = u + FQ2;
        for (int i = 0; i < n; i++) {
            int o = offs[i];
            if (FqOps.isZero(w, o + B0) && FqOps.isZero(w, o + B0 + 6)) return false;
            int num = i * FQ2, den = (n + i) * FQ2;
            fq2Square(t, u, w, o + B2);
            fq2MulByNonResidue(t, u, t, u);                 // ξg5²
            fq2Square(t, v, w, o + A1);
            fq2Sub(t, v, t, v, w, o + A2);                  // g4² − g3
            fq2Dbl(t, num, t, v);
            fq2Add(t, num, t, num, t, v);                   // 3g4² − 3g3
            fq2Add(t, num, t, num, w, o + A2);              // 3g4² − 2g3
            fq2Add(t, num, t, num, t, u);
            fq2Dbl(t, den, w, o + B0);
            fq2Dbl(t, den, t, den);                         // 4g2
        }
        // batch inversion of the denominators (Montgomery's trick over Fq2), prefix products in pre
        long[] pre = new long[n * FQ2];
        System.arraycopy(Fq.ONE.l, 0, pre, 0, 6);
        java.util.Arrays.fill(pre, 6, 12, 0L);
        for (int i = 1; i < n; i++) fq2Mul(pre, i * FQ2, pre, (i - 1) * FQ2, t, (n + i - 1) * FQ2);
        fq2Mul(t, tmp, pre, (n - 1) * FQ2, t, (2 * n - 1) * FQ2);   // product of all denominators
        fq2Inverse(t, tmp, t, tmp);
        for (int i = n - 1; i >= 0; i--) {
            int den = (n + i) * FQ2;
            fq2Mul(t, u, t, tmp, pre, i * FQ2);                     // 1 / den_i
            fq2Mul(t, tmp, t, tmp, t, den);                         // 1 / (den_0 … den_{i−1})
            System.arraycopy(t, u, t, den, FQ2);
        }
        for (int i = 0; i < n; i++) {
            int o = offs[i];
            fq2Mul(w, o + B1, t, i * FQ2, t, (n + i) * FQ2); // g1
            fq2Square(t, u, w, o + B1);
            fq2Dbl(t, u, t, u);                              // 2g1²
            fq2Mul(t, v, w, o + B0, w, o + B2);
            fq2Add(t, u, t, u, t, v);                        // + g2g5
            fq2Mul(t, v, w, o + A2, w, o + A1);
            fq2Sub(t, u, t, u, t, v);
            fq2Dbl(t, v, t, v);
            fq2Sub(t, u, t, u, t, v);                        // − 3g3g4
            fq2MulByNonResidue(w, o + A0, t, u);
            FqOps.add(w, o + A0, w, o + A0, Fq.ONE.l, 0);    // + 1
        }
        return true;
    }

    /** r = a⁻¹ = conj(a) / (a0² + a1²) for a ≠ 0. */
    public void fq2Inverse(long[] r, int ro, long[] a, int ao) {
        long[] t = s2;
        FqOps.square(t, 0, a, ao);
        FqOps.square(t, 6, a, ao + 6);
        FqOps.add(t, 0, t, 0, t, 6);
        FqInversion.inverse(t, 0, t, 0);
        FqOps.mul(r, ro, a, ao, t, 0);
        FqOps.mul(t, 6, a, ao + 6, t, 0);
        FqOps.neg(r, ro + 6, t, 6);
    }
}
