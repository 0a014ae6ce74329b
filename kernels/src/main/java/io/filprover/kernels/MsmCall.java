package io.filprover.kernels;

import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.util.Arrays;
import java.util.List;

/**
 * One G1 or G2 MSM call's arguments as {@link MultiDeviceKernels} splits them: the bases as a host range
 * (always: the cpu's share and a failed device's range use it) and, for a call on a composite handle, the
 * handle and the index of the call's first base in it. {@link #range} cuts out the scalars [from, to).
 */
record MsmCall(MsmBases.Group g, long[] bases, int basesOff, MultiDeviceMsmBases handle, int baseStart, long[] scalars,
               int scalarsOff, int count, long[] density) {

    /** A call of the array MSM. */
    static MsmCall of(MsmBases.Group g, long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density) {
        return new MsmCall(g, bases, basesOff, null, 0, scalars, scalarsOff, count, density);
    }

    int limbs() {
        return g.pointLimbs;
    }

    /** The call over scalars [from, to), from a multiple of 64: its first base is the count of selected scalars before {@code from}. */
    MsmCall range(int from, int to) {
        long before = from;
        long[] d = null;
        if (density != null) {
            before = 0;
            for (int w = 0; w < from >>> 6; w++) {
                before += Long.bitCount(density[w]);
            }
            d = Arrays.copyOfRange(density, from >>> 6, (to + 63) >>> 6);
        }
        return new MsmCall(g, bases, offset(basesOff + (long) g.pointLimbs * before), handle, offset(baseStart + before),
                scalars, scalarsOff + 4 * from, to - from, d);
    }

    /** A base offset past the array stays past it: the sub-call refuses a base there as the whole call would. */
    private static int offset(long o) {
        return (int) Math.min(Integer.MAX_VALUE, o);
    }

    /** The partial sum on participant {@code k}: on its handle when {@code bases} is one (a device's), else on the host range. */
    long[] runOn(Kernels k, MsmBases bases) {
        long[] part = new long[limbs()];
        if (bases != null && g == MsmBases.Group.G1) {
            k.msmG1(bases, baseStart, scalars, scalarsOff, count, density, part, 0);
        } else if (bases != null) {
            k.msmG2(bases, baseStart, scalars, scalarsOff, count, density, part, 0);
        } else if (g == MsmBases.Group.G1) {
            k.msmG1(this.bases, basesOff, scalars, scalarsOff, count, density, part, 0);
        } else {
            k.msmG2(this.bases, basesOff, scalars, scalarsOff, count, density, part, 0);
        }
        return part;
    }

    /** The sum of affine partial results, written affine to out[outOff]. */
    void sum(List<long[]> parts, long[] out, int outOff) {
        if (g == MsmBases.Group.G1) {
            JacobianPoint<Fq> acc = io.filprover.bls12381.curve.G1.CURVE.identity();
            for (long[] p : parts) {
                acc = acc.add(PointLimbs.g1(p, 0));
            }
            PointLimbs.g1(acc.toAffine(), out, outOff);
        } else {
            JacobianPoint<Fq2> acc = io.filprover.bls12381.curve.G2.CURVE.identity();
            for (long[] p : parts) {
                acc = acc.add(PointLimbs.g2(p, 0));
            }
            PointLimbs.g2(acc.toAffine(), out, outOff);
        }
    }
}
