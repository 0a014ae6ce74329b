package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.FrOps;

/**
 * The terms of a multi-scalar multiplication as the Kernels SPI's {@code msmG1}/{@code msmG2} define
 * them, after the SPI's checks: with a density bitmap, the k-th selected scalar pairs with base k;
 * zero scalars and bases at infinity (all-zero limbs) contribute nothing and are dropped. Every
 * backend selects its terms here, so they check the same things in the same order.
 *
 * @param scalarOffsets the offset in {@code scalars} of term i's scalar (4 canonical limbs)
 * @param baseIndexes   the index of term i's base (its limbs start at basesOff + pointLimbs · index)
 * @param count         how many terms there are (the arrays may be longer)
 */
public record MsmTerms(int[] scalarOffsets, int[] baseIndexes, int count) {

    /**
     * Checks the SPI's arguments and selects the terms.
     *
     * @throws IndexOutOfBoundsException if the scalars, the density bitmap, a selected base or the
     *                                   result do not fit their arrays
     * @throws IllegalArgumentException  if a selected scalar is not below r
     */
    public static MsmTerms select(int pointLimbs, long[] bases, int basesOff, long[] scalars, int scalarsOff,
                                  int count, long[] density, long[] out, int outOff) {
        if (count < 0 || scalarsOff < 0 || (long) scalarsOff + 4L * count > scalars.length) {
            throw new IndexOutOfBoundsException("msm: " + count + " scalars do not fit at offset " + scalarsOff);
        }
        if (density != null && density.length < (count + 63) / 64) {
            throw new IndexOutOfBoundsException("msm: the density bitmap covers fewer than " + count + " scalars");
        }
        if (outOff < 0 || outOff + pointLimbs > out.length) {
            throw new IndexOutOfBoundsException("msm: no room for the result at offset " + outOff);
        }
        int[] scalarAt = new int[count];
        int[] baseIdx = new int[count];
        int m = 0;
        int base = 0;
        for (int i = 0; i < count; i++) {
            if (density != null && (density[i >>> 6] >>> (i & 63) & 1) == 0) {
                continue;
            }
            int b = base++;
            int so = scalarsOff + 4 * i;
            if (!FrOps.isReduced(scalars, so)) {
                throw new IllegalArgumentException("msm: scalar " + i + " is not below r");
            }
            if (FrOps.isZero(scalars, so)) {
                continue;
            }
            long bo = basesOff + (long) pointLimbs * b;
            if (bo < 0 || bo + pointLimbs > bases.length) {
                throw new IndexOutOfBoundsException("msm: base " + b + " is outside the bases array");
            }
            if (isZero(bases, (int) bo, pointLimbs)) {
                continue;
            }
            scalarAt[m] = so;
            baseIdx[m] = b;
            m++;
        }
        return new MsmTerms(scalarAt, baseIdx, m);
    }

    private static boolean isZero(long[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (a[off + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
