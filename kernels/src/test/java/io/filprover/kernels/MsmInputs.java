package io.filprover.kernels;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/** Random MSM inputs for the device tests, written once: bases with some at infinity, scalars with the edge values mixed in. */
public final class MsmInputs {
    private MsmInputs() {
    }

    /**
     * n affine points of G1 or G2 in the SPI's layout, one in 13 at infinity: each the previous plus a
     * random step or doubled (distinct multiples of the generator, made affine at once).
     */
    @SuppressWarnings("unchecked")
    public static long[] bases(Random rnd, boolean g2, int n) {
        int pl = g2 ? PointLimbs.G2 : PointLimbs.G1;
        long[] out = new long[pl * n];
        BigInteger s1 = new BigInteger(255, rnd).mod(Fr.MODULUS);
        BigInteger s2 = new BigInteger(255, rnd).mod(Fr.MODULUS);
        if (g2) {
            JacobianPoint<Fq2>[] pts = new JacobianPoint[n];
            JacobianPoint<Fq2> step = G2.mul(G2.generator(), s1);
            JacobianPoint<Fq2> p = G2.mul(G2.generator(), s2);
            for (int i = 0; i < n; i++) {
                pts[i] = p = p.add(rnd.nextBoolean() ? step : p);
            }
            AffinePoint<Fq2>[] aff = JacobianPoint.batchToAffine(pts);
            for (int i = 0; i < n; i++) {
                PointLimbs.g2(aff[i], out, pl * i);
            }
        } else {
            JacobianPoint<Fq>[] pts = new JacobianPoint[n];
            JacobianPoint<Fq> step = G1.mul(G1.generator(), s1);
            JacobianPoint<Fq> p = G1.mul(G1.generator(), s2);
            for (int i = 0; i < n; i++) {
                pts[i] = p = p.add(rnd.nextBoolean() ? step : p);
            }
            AffinePoint<Fq>[] aff = JacobianPoint.batchToAffine(pts);
            for (int i = 0; i < n; i++) {
                PointLimbs.g1(aff[i], out, pl * i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(13) == 0) {
                Arrays.fill(out, pl * i, pl * (i + 1), 0L);
            }
        }
        return out;
    }

    /** count canonical scalars (4 limbs each), random, one in {@code edgeOneIn} one of 0, 1 and r − 1. */
    public static long[] scalars(Random rnd, int count, int edgeOneIn) {
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, Fr.MODULUS.subtract(BigInteger.ONE)};
        long[] s = new long[4 * count];
        for (int i = 0; i < count; i++) {
            BigInteger v = rnd.nextInt(edgeOneIn) == 0 ? edges[rnd.nextInt(3)] : new BigInteger(255, rnd).mod(Fr.MODULUS);
            for (int j = 0; j < 4; j++) {
                s[4 * i + j] = v.shiftRight(64 * j).longValue();
            }
        }
        return s;
    }
}
