package io.filprover.api.kernels;

/**
 * MSM bases a backend holds for several calls: made once by {@link Kernels#prepareMsmBasesG1} or
 * {@link Kernels#prepareMsmBasesG2}, used by {@link Kernels#msmG1(MsmBases, int, long[], int, int, long[], long[], int)}
 * and its G2 twin, then closed. A device backend keeps them in device memory, so a call sends only its
 * scalars' work (Groth16's parameter bases are fixed for every proof of a circuit shape). A handle belongs
 * to the backend instance that made it; several threads may use it at once.
 */
public interface MsmBases extends AutoCloseable {

    /** The group of the bases, with the longs of one affine point in the SPI's layout. */
    enum Group {
        G1(12), G2(24);

        /** longs of an affine point: 12 Montgomery Fq limbs for G1, 24 for G2. */
        public final int pointLimbs;

        Group(int pointLimbs) {
            this.pointLimbs = pointLimbs;
        }
    }

    Group group();

    /** How many bases the handle holds: calls use bases [baseStart, baseStart + needed) of them. */
    int count();

    /** Whether {@link #close()} was called (or the backend instance that made the handle was closed). */
    boolean isClosed();

    /**
     * Releases what the backend holds for these bases (a device buffer). Idempotent; a call already
     * running on the handle finishes first, later calls are refused with {@link IllegalStateException}.
     */
    @Override
    void close();

    /** The bases an MSM of {@code count} scalars pairs with: {@code count}, or the set bits among the first {@code count} of {@code density}. */
    static long basesNeeded(int count, long[] density) {
        if (density == null) {
            return count;
        }
        long n = 0;
        for (int w = 0; w < count >>> 6; w++) {
            n += Long.bitCount(density[w]);
        }
        if ((count & 63) != 0) {
            n += Long.bitCount(density[count >>> 6] & ((1L << (count & 63)) - 1));
        }
        return n;
    }

    /**
     * The checks every backend makes on a call with a handle before any work, in this order: the group
     * ({@link IllegalArgumentException}), the handle still open ({@link IllegalStateException}), the
     * scalars, the density bitmap and the result inside their arrays, and bases [baseStart, baseStart +
     * needed) inside the handle ({@link IndexOutOfBoundsException}). Whether the handle is the backend's
     * own is the backend's check, made before these. Scalars not below r are refused later, as by the
     * array MSM.
     */
    static void checkCall(MsmBases bases, Group group, int baseStart, long[] scalars, int scalarsOff, int count,
                          long[] density, long[] out, int outOff) {
        if (bases.group() != group) {
            throw new IllegalArgumentException("msm" + group + ": the handle holds " + bases.group() + " bases");
        }
        if (bases.isClosed()) {
            throw new IllegalStateException("msm" + group + ": the bases' handle is closed");
        }
        if (count < 0 || scalarsOff < 0 || (long) scalarsOff + 4L * count > scalars.length) {
            throw new IndexOutOfBoundsException("msm: " + count + " scalars do not fit at offset " + scalarsOff);
        }
        if (density != null && density.length < (count + 63) / 64) {
            throw new IndexOutOfBoundsException("msm: the density bitmap covers fewer than " + count + " scalars");
        }
        if (outOff < 0 || outOff + group.pointLimbs > out.length) {
            throw new IndexOutOfBoundsException("msm: no room for the result at offset " + outOff);
        }
        long needed = basesNeeded(count, density);
        if (baseStart < 0 || baseStart + needed > bases.count()) {
            throw new IndexOutOfBoundsException("msm: bases " + baseStart + " .. " + (baseStart + needed)
                    + " are outside the handle's " + bases.count());
        }
    }
}
