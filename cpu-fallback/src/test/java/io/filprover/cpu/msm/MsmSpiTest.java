package io.filprover.cpu.msm;

import io.filprover.cpu.CpuTestKernels;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointLimbs;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Kernels MSM contract. Independent check: with bases k_i·G, Σ s_i·(k_i·G) = (Σ s_i·k_i mod r)·G,
 * computed with one scalar multiplication.
 */
class MsmSpiTest {
    private static final Kernels K = CpuTestKernels.CPU;

    @Test
    void g1AndG2WithAndWithoutDensity() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int t = 0; t < 4; t++) {
            int count = 1 + rnd.nextInt(24);
            long[] density = t % 2 == 0 ? null : new long[(count + 63) / 64];
            int selected = 0;
            for (int i = 0; i < count && density != null; i++) {
                if (rnd.nextBoolean()) {
                    density[i >>> 6] |= 1L << (i & 63);
                    selected++;
                }
            }
            int bases = density == null ? count : selected;
            long[] scalars = new long[4 * count];
            BigInteger expected = BigInteger.ZERO;
            long[] g1 = new long[PointLimbs.G1 * bases];
            long[] g2 = new long[PointLimbs.G2 * bases];
            int b = 0;
            for (int i = 0; i < count; i++) {
                BigInteger s = new BigInteger(255, rnd).mod(G1.ORDER);
                if (i == 0) {
                    s = BigInteger.ZERO; // zero scalars are allowed
                }
                long[] limbs = limbs(s);
                System.arraycopy(limbs, 0, scalars, 4 * i, 4);
                if (density == null || (density[i >>> 6] >>> (i & 63) & 1) != 0) {
                    BigInteger k = new BigInteger(255, rnd).mod(G1.ORDER);
                    PointLimbs.g1(G1.mul(G1.generator(), k).toAffine(), g1, PointLimbs.G1 * b);
                    PointLimbs.g2(G2.mul(G2.generator(), k).toAffine(), g2, PointLimbs.G2 * b);
                    b++;
                    expected = expected.add(s.multiply(k)).mod(G1.ORDER);
                }
            }
            long[] out1 = new long[PointLimbs.G1];
            K.msmG1(g1, 0, scalars, 0, count, density, out1, 0);
            assertEquals(G1.mul(G1.generator(), expected).toAffine(), PointLimbs.g1(out1, 0), "seed " + seed);
            long[] out2 = new long[PointLimbs.G2];
            K.msmG2(g2, 0, scalars, 0, count, density, out2, 0);
            assertEquals(G2.mul(G2.generator(), expected).toAffine(), PointLimbs.g2(out2, 0), "seed " + seed);
        }
    }

    @Test
    void emptySumIsInfinity() {
        long[] out = new long[PointLimbs.G1];
        out[0] = 5;
        K.msmG1(new long[0], 0, new long[0], 0, 0, null, out, 0);
        assertEquals(true, PointLimbs.g1(out, 0).isInfinity());
    }

    static long[] limbs(BigInteger s) {
        long[] l = new long[4];
        for (int i = 0; i < 4; i++) {
            l[i] = s.shiftRight(64 * i).longValue();
        }
        return l;
    }
}
