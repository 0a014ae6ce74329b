package io.filprover.proofs.tree;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;

import java.io.IOException;

/**
 * Builds tree_d (docs/spec/filecoin-porep-post.md §2.6): the binary SHA-256 tree ({@code trim254(SHA256(left ||
 * right))}) over
 * N leaves, stored as merkletree's DiskStore does it: all 2N − 1 nodes, rows bottom-up, the leaves
 * (the padded sector data) first. The caller writes the leaves into row 0; this class fills the
 * rows above, in parallel chunks of 2^18 leaves, through {@link Kernels#sha256Trunc254Pairs}.
 */
public final class BinaryTreeBuilder {
    static final int CHUNK_LOG2 = 18;

    private final Kernels kernels;
    private final WorkerPool pool;
    private final int maxChunkLog2;

    public BinaryTreeBuilder(Kernels kernels, WorkerPool pool) {
        this(kernels, pool, CHUNK_LOG2);
    }

    /** With chunks of 2^maxChunkLog2 leaves (tests use small chunks to exercise the rows above them). */
    BinaryTreeBuilder(Kernels kernels, WorkerPool pool, int maxChunkLog2) {
        this.kernels = kernels;
        this.pool = pool;
        this.maxChunkLog2 = maxChunkLog2;
    }

    /** File size of a binary tree over {@code leaves} leaves. */
    public static long fileBytes(long leaves) {
        return (2 * leaves - 1) * 32;
    }

    /** Byte offset of row {@code r} (row 0 = leaves). */
    public static long rowOffset(long leaves, int r) {
        long nodes = 0;
        for (int i = 0; i < r; i++) {
            nodes += leaves >>> i;
        }
        return nodes * 32;
    }

    /** Hashes the rows above the leaves already in {@code file}; returns the root. */
    public byte[] build(MappedFile file, long leaves) throws IOException {
        if (leaves < 2 || Long.bitCount(leaves) != 1 || file.length() != fileBytes(leaves)) {
            throw new IllegalArgumentException("tree_d file of " + file.length() + " bytes does not fit " + leaves + " leaves");
        }
        int log = Long.numberOfTrailingZeros(leaves);
        int chunkLog = Math.min(maxChunkLog2, log);
        int chunkLeaves = 1 << chunkLog;
        long chunks = leaves >>> chunkLog;
        byte[] roots = new byte[Math.toIntExact(32 * chunks)];
        pool.forEach(chunks, c -> {
            byte[] buf = new byte[32 * chunkLeaves];
            file.get(c * chunkLeaves * 32L, buf, 0, buf.length);
            int width = chunkLeaves;
            for (int r = 1; r <= chunkLog; r++) {
                kernels.sha256Trunc254Pairs(buf, 0, buf, 0, width / 2);
                width /= 2;
                file.put(rowOffset(leaves, r) + c * width * 32L, buf, 0, 32 * width);
            }
            System.arraycopy(buf, 0, roots, (int) (32 * c), 32);
        });
        int width = (int) chunks;
        for (int r = chunkLog + 1; r <= log; r++) {
            kernels.sha256Trunc254Pairs(roots, 0, roots, 0, width / 2);
            width /= 2;
            file.put(rowOffset(leaves, r), roots, 0, 32 * width);
        }
        byte[] root = new byte[32];
        System.arraycopy(roots, 0, root, 0, 32);
        return root;
    }
}
