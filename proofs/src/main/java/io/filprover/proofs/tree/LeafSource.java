package io.filprover.proofs.tree;

import java.io.IOException;

/** Produces tree leaves as Montgomery limbs (4 longs each); called from several threads at once. */
@FunctionalInterface
public interface LeafSource {
    /** Writes leaves {@code first .. first+count} (global node indices) to {@code out[off..off+4·count)}. */
    void leaves(long first, int count, long[] out, int off) throws IOException;
}
