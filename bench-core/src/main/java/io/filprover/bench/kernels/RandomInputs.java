package io.filprover.bench.kernels;

import io.filprover.bench.BenchPools;
import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Benchmark inputs in the Kernels SPI layout: distinct random curve points (a random start plus a
 * random step, k_i = k0 + i·step, built by point additions: far cheaper than n scalar
 * multiplications), uniformly random canonical scalars below r, random Fr vectors.
 */
public final class RandomInputs {
    private static final BigInteger R = G1.ORDER;

    private RandomInputs() {
    }

    public static long[] g1Bases(int n, long seed) {
        return bases(false, n, seed);
    }

    public static long[] g2Bases(int n, long seed) {
        return bases(true, n, seed);
    }

    private static long[] bases(boolean g2, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BigInteger k0 = scalar(rnd);
        BigInteger step = scalar(rnd);
        int pl = g2 ? PointLimbs.G2 : PointLimbs.G1;
        long[] out = new long[pl * n];
        int chunk = 4096;
        int chunks = (n + chunk - 1) / chunk;
        BenchPools.of(0).forRanges(WorkerPool.availableProcessors(), chunks, (part, lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                int from = c * chunk;
                int to = Math.min(n, from + chunk);
                BigInteger start = k0.add(step.multiply(BigInteger.valueOf(from))).mod(R);
                if (g2) {
                    JacobianPoint<Fq2> p = G2.mul(G2.generator(), start);
                    JacobianPoint<Fq2> s = G2.mul(G2.generator(), step);
                    @SuppressWarnings("unchecked") JacobianPoint<Fq2>[] pts = new JacobianPoint[to - from];
                    for (int i = 0; i < pts.length; i++) {
                        pts[i] = p;
                        p = p.add(s);
                    }
                    AffinePoint<Fq2>[] aff = JacobianPoint.batchToAffine(pts);
                    for (int i = 0; i < aff.length; i++) {
                        PointLimbs.g2(aff[i], out, pl * (from + i));
                    }
                } else {
                    JacobianPoint<Fq> p = G1.mul(G1.generator(), start);
                    JacobianPoint<Fq> s = G1.mul(G1.generator(), step);
                    @SuppressWarnings("unchecked") JacobianPoint<Fq>[] pts = new JacobianPoint[to - from];
                    for (int i = 0; i < pts.length; i++) {
                        pts[i] = p;
                        p = p.add(s);
                    }
                    AffinePoint<Fq>[] aff = JacobianPoint.batchToAffine(pts);
                    for (int i = 0; i < aff.length; i++) {
                        PointLimbs.g1(aff[i], out, pl * (from + i));
                    }
                }
            }
        });
        return out;
    }

    /** n canonical scalars (4 little-endian limbs each), uniform below r. */
    public static long[] scalars(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] out = new long[4 * n];
        for (int i = 0; i < n; i++) {
            BigInteger s = scalar(rnd);
            for (int k = 0; k < 4; k++) {
                out[4 * i + k] = s.shiftRight(64 * k).longValue();
            }
        }
        return out;
    }

    /** n random Fr elements in Montgomery form. */
    public static long[] frVector(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] out = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.fromBigInteger(scalar(rnd)).toMontgomeryLimbs(out, 4 * i);
        }
        return out;
    }

    /** A uniform scalar below r. */
    public static BigInteger scalar(SplittableRandom rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return new BigInteger(1, b).mod(R);
    }
}
