package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.util.Arrays;

/**
 * Affine points as flat Montgomery limbs, the layout of the Kernels SPI and of GPU buffers:
 * G1 = x, y (6 limbs each); G2 = x.c0, x.c1, y.c0, y.c1. All zeros stand for infinity ((0, 0)
 * is on neither curve).
 */
public final class PointLimbs {
    public static final int G1 = 12;
    public static final int G2 = 24;

    private PointLimbs() {
    }

    public static AffinePoint<Fq> g1(long[] a, int off) {
        if (allZero(a, off, G1)) {
            return io.filprover.bls12381.curve.G1.CURVE.infinity();
        }
        return AffinePoint.of(io.filprover.bls12381.curve.G1.CURVE, fq(a, off), fq(a, off + 6));
    }

    public static void g1(AffinePoint<Fq> p, long[] out, int off) {
        if (p.isInfinity()) {
            Arrays.fill(out, off, off + G1, 0L);
            return;
        }
        System.arraycopy(p.x.montgomeryLimbs(), 0, out, off, 6);
        System.arraycopy(p.y.montgomeryLimbs(), 0, out, off + 6, 6);
    }

    public static AffinePoint<Fq2> g2(long[] a, int off) {
        if (allZero(a, off, G2)) {
            return io.filprover.bls12381.curve.G2.CURVE.infinity();
        }
        return AffinePoint.of(io.filprover.bls12381.curve.G2.CURVE, new Fq2(fq(a, off), fq(a, off + 6)),
                new Fq2(fq(a, off + 12), fq(a, off + 18)));
    }

    public static void g2(AffinePoint<Fq2> p, long[] out, int off) {
        if (p.isInfinity()) {
            Arrays.fill(out, off, off + G2, 0L);
            return;
        }
        System.arraycopy(p.x.c0.montgomeryLimbs(), 0, out, off, 6);
        System.arraycopy(p.x.c1.montgomeryLimbs(), 0, out, off + 6, 6);
        System.arraycopy(p.y.c0.montgomeryLimbs(), 0, out, off + 12, 6);
        System.arraycopy(p.y.c1.montgomeryLimbs(), 0, out, off + 18, 6);
    }

    private static Fq fq(long[] a, int off) {
        return Fq.fromMontgomeryLimbs(Arrays.copyOfRange(a, off, off + 6));
    }

    private static boolean allZero(long[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (a[off + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
