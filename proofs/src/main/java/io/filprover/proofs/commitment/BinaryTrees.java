package io.filprover.proofs.commitment;

import io.filprover.api.kernels.Kernels;

/** In-memory binary SHA-256 tree reductions (docs/spec/filecoin-porep-post.md §2.1) over the Kernels SPI. */
public final class BinaryTrees {
    private BinaryTrees() {
    }

    /**
     * Puts the root of the tree over {@code buf[off, off + 32·leaves)} in {@code buf[off, off + 32)}.
     * {@code leaves} is a power of two.
     */
    public static void reduceInPlace(Kernels kernels, byte[] buf, int off, int leaves) {
        reduceInPlace(kernels, buf, off, leaves, new byte[Math.max(0, 32 * (leaves - 1))]);
    }

    /**
     * As above, the levels hashed in one {@link Kernels#sha256Tree} call into {@code levels} (at least
     * 32·(leaves − 1) bytes, reused by the caller), so a device backend keeps them on the device.
     */
    public static void reduceInPlace(Kernels kernels, byte[] buf, int off, int leaves, byte[] levels) {
        if (leaves < 1 || Integer.bitCount(leaves) != 1) {
            throw new IllegalArgumentException("leaf count must be a power of two: " + leaves);
        }
        if (leaves > 1) {
            kernels.sha256Tree(buf, off, leaves, Integer.numberOfTrailingZeros(leaves), levels, 0);
            System.arraycopy(levels, 32 * (leaves - 2), buf, off, 32);
        }
    }

    /** Root of a list of equal-height subtree roots (count a power of two); {@code roots} is consumed. */
    public static byte[] rootOf(Kernels kernels, byte[][] roots) {
        int n = roots.length;
        byte[] flat = new byte[32 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(roots[i], 0, flat, 32 * i, 32);
        }
        reduceInPlace(kernels, flat, 0, n);
        byte[] root = new byte[32];
        System.arraycopy(flat, 0, root, 0, 32);
        return root;
    }
}
