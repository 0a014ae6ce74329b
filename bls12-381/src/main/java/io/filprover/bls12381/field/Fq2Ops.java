package io.filprover.bls12381.field;

import java.math.BigInteger;

/**
 * Allocation-free Fq2 = Fq[u]/(u² + 1) kernels on flat Montgomery limbs: an element is 12 limbs,
 * c0 then c1 (6 each, {@link FqOps} layout), addressed as (array, offset); outputs may alias inputs.
 *
 * <p>{@link #mul} is one fused kernel (generated, {@link Fq2Mul}): Karatsuba over the 56-bit digits
 * of {@link FqOps#mul}, the three 768-bit products kept unreduced, then one Montgomery reduction
 * per output coefficient — 5 digit convolutions of 49 products instead of 6, and none of the
 * separate modular additions and subtractions of the textbook Karatsuba.
 */
public final class Fq2Ops {
    private Fq2Ops() {}

    public static final int LIMBS = 12;

    static final long M56 = 0xffffffffffffffL;
    /** q in 56-bit digits. */
    static final long[] D = digits(FqOps.MODULUS, 7);
    /**
     * K = 2^10·q², a multiple of q added to the c0 = a0·b0 − a1·b1 product (scaled by 2^8, as {@link
     * FqOps#mul} pre-shifts one operand) so that it is non-negative for coefficients below 2q (then
     * 2^8·a1·b1 < K). Both products stay below 2^11·q², so each reduced output is below
     * (2^11·q² + 2^392·q)/2^392 = q·(1 + 8q/2^384) < 1.82q before the final conditional subtraction.
     * Hence {@link #mul} accepts unreduced coefficients up to 2q (e.g. Karatsuba sums).
     */
    static final long[] K = digits(FqOps.MODULUS.pow(2).shiftLeft(10), 14);
    /** −q^−1 mod 2^56. */
    static final long INV56 = FqOps.MODULUS.modInverse(BigInteger.ONE.shiftLeft(56)).negate()
            .mod(BigInteger.ONE.shiftLeft(56)).longValue();

    private static long[] digits(BigInteger v, int n) {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) d[i] = v.shiftRight(56 * i).longValue() & M56;
        if (v.shiftRight(56 * n).signum() != 0) throw new IllegalStateException("does not fit");
        return d;
    }

    static void reduceOnce(long[] r, int ro, long t0, long t1, long t2, long t3, long t4, long t5) {
        FqOps.reduceProduct(r, ro, t0, t1, t2, t3, t4, t5);
    }

    /** r = a·b; each input coefficient may be unreduced up to 2q, the output is fully reduced. */
    public static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fq2Mul.mul(r, ro, a, ao, b, bo);
    }

    /** r = a² = (a0 + a1)(a0 − a1) + 2a0a1·u, the factors left unreduced (see {@link FqOps#addUnreduced}). */
    public static void square(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[18];
        squareWith(r, ro, a, ao, t);
    }

    /** As {@link #square}, with caller-provided scratch of 18 limbs (allocation-free). */
    public static void squareWith(long[] r, int ro, long[] a, int ao, long[] t) {
        FqOps.addUnreduced(t, 0, a, ao, a, ao + 6);
        FqOps.subUnreduced(t, 6, a, ao, a, ao + 6);
        FqOps.addUnreduced(t, 12, a, ao, a, ao);
        FqOps.mul(r, ro + 6, t, 12, a, ao + 6);
        FqOps.mul(r, ro, t, 0, t, 6);
    }

    public static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.add(r, ro, a, ao, b, bo);
        FqOps.add(r, ro + 6, a, ao + 6, b, bo + 6);
    }

    /** r = a + b without reduction: each coefficient below 2q for reduced a, b (a product operand). */
    static void addUnreduced(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.addUnreduced(r, ro, a, ao, b, bo);
        FqOps.addUnreduced(r, ro + 6, a, ao + 6, b, bo + 6);
    }

    public static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.sub(r, ro, a, ao, b, bo);
        FqOps.sub(r, ro + 6, a, ao + 6, b, bo + 6);
    }
}
