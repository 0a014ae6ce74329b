package io.filprover.cpu.msm;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

/**
 * Multi-scalar multiplication as the plain sum of scalar multiplications, with the SPI's density
 * semantics. Slow; the oracle the optimised kernels are tested against.
 */
public final class ReferenceMsm {
    private ReferenceMsm() {
    }

    public static void g1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff) {
        JacobianPoint<Fq> acc = G1.identity();
        int base = 0;
        for (int i = 0; i < count; i++) {
            if (!selected(density, i)) {
                continue;
            }
            AffinePoint<Fq> p = PointLimbs.g1(bases, basesOff + PointLimbs.G1 * base++);
            acc = acc.add(G1.mul(p.toJacobian(), scalar(scalars, scalarsOff + 4 * i)));
        }
        PointLimbs.g1(acc.toAffine(), out, outOff);
    }

    public static void g2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff) {
        JacobianPoint<Fq2> acc = G2.identity();
        int base = 0;
        for (int i = 0; i < count; i++) {
            if (!selected(density, i)) {
                continue;
            }
            AffinePoint<Fq2> p = PointLimbs.g2(bases, basesOff + PointLimbs.G2 * base++);
            acc = acc.add(G2.mul(p.toJacobian(), scalar(scalars, scalarsOff + 4 * i)));
        }
        PointLimbs.g2(acc.toAffine(), out, outOff);
    }

    static boolean selected(long[] density, int i) {
        return density == null || (density[i >>> 6] >>> (i & 63) & 1) != 0;
    }

    private static long[] scalar(long[] scalars, int off) {
        return new long[] {scalars[off], scalars[off + 1], scalars[off + 2], scalars[off + 3]};
    }
}
