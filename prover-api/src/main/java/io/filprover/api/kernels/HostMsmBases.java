package io.filprover.api.kernels;

/**
 * Bases kept on the host: a reference to the caller's array range, the default of
 * {@link Kernels#prepareMsmBasesG1} / {@link Kernels#prepareMsmBasesG2}, so every backend supports handles.
 * A call on it is the array MSM over the same bases. Any backend accepts it (it holds nothing of
 * a backend's); the caller must not change the array's range while the handle is open.
 */
public final class HostMsmBases implements MsmBases {
    private final Group group;
    private final long[] bases;
    private final int offset;
    private final int count;
    private volatile boolean closed;

    /**
     * {@code count} bases of {@code group} from {@code bases[basesOff]}.
     *
     * @throws IndexOutOfBoundsException if they do not fit the array
     */
    public HostMsmBases(Group group, long[] bases, int basesOff, int count) {
        if (count < 0 || basesOff < 0 || basesOff + (long) group.pointLimbs * count > bases.length) {
            throw new IndexOutOfBoundsException("prepareMsmBases" + group + ": " + count + " bases do not fit at offset "
                    + basesOff + " of " + bases.length + " longs");
        }
        this.group = group;
        this.bases = bases;
        this.offset = basesOff;
        this.count = count;
    }

    /**
     * The host handle behind a call's handle, checked as {@link MsmBases#checkCall} says.
     *
     * @throws IllegalArgumentException if {@code bases} is not a host handle (another backend instance's)
     */
    public static HostMsmBases checkCall(MsmBases bases, Group group, int baseStart, long[] scalars, int scalarsOff,
                                         int count, long[] density, long[] out, int outOff) {
        if (!(bases instanceof HostMsmBases h)) {
            throw new IllegalArgumentException("msm" + group + ": bases prepared by another backend instance (" + bases + ")");
        }
        MsmBases.checkCall(h, group, baseStart, scalars, scalarsOff, count, density, out, outOff);
        return h;
    }

    @Override
    public Group group() {
        return group;
    }

    @Override
    public int count() {
        return count;
    }

    /** The caller's array. */
    public long[] array() {
        return bases;
    }

    /** Where base {@code index} starts in {@link #array()}. */
    public int offsetOf(int index) {
        return offset + group.pointLimbs * index;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return count + " " + group + " bases kept on the host" + (closed ? " (closed)" : "");
    }
}
