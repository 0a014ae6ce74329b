package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.PointLimbs;

/**
 * Proving parameters held in memory (flat limb vectors, see {@link ParameterSource}). Produced by
 * {@link Groth16Setup} or {@link ParametersFormat#readParameters}; written with
 * {@link ParametersFormat#writeParameters}. The arrays are shared, not copied: treat them as
 * read-only.
 */
public final class Groth16Parameters implements ParameterSource {
    private final VerifyingKey vk;
    private final long[] h;
    private final long[] l;
    private final long[] a;
    private final long[] bG1;
    private final long[] bG2;

    public Groth16Parameters(VerifyingKey vk, long[] h, long[] l, long[] a, long[] bG1, long[] bG2) {
        checkLength("h", h, PointLimbs.G1);
        checkLength("l", l, PointLimbs.G1);
        checkLength("a", a, PointLimbs.G1);
        checkLength("b_g1", bG1, PointLimbs.G1);
        checkLength("b_g2", bG2, PointLimbs.G2);
        if (bG1.length / PointLimbs.G1 != bG2.length / PointLimbs.G2) {
            throw new IllegalArgumentException("b_g1 and b_g2 must have the same number of points");
        }
        this.vk = vk;
        this.h = h;
        this.l = l;
        this.a = a;
        this.bG1 = bG1;
        this.bG2 = bG2;
    }

    private static void checkLength(String name, long[] v, int limbs) {
        if (v.length % limbs != 0) {
            throw new IllegalArgumentException(name + ": " + v.length + " limbs is not a whole number of points");
        }
    }

    @Override public VerifyingKey verifyingKey() { return vk; }
    @Override public long[] h() { return h; }
    @Override public long[] l() { return l; }
    @Override public long[] a() { return a; }
    @Override public long[] bG1() { return bG1; }
    @Override public long[] bG2() { return bG2; }
    @Override public int hCount() { return h.length / PointLimbs.G1; }
    @Override public int lCount() { return l.length / PointLimbs.G1; }
    @Override public int aCount() { return a.length / PointLimbs.G1; }
    @Override public int bG1Count() { return bG1.length / PointLimbs.G1; }
    @Override public int bG2Count() { return bG2.length / PointLimbs.G2; }
}
