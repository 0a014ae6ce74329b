package io.filprover.proofs.tree;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;

import java.io.IOException;
import java.util.Arrays;

/**
 * Builds tree_d (docs/spec/filecoin-porep-post.md §2.6): the binary SHA-256 tree ({@code trim254(SHA256(left ||
 * right))}) over
 * N leaves, stored as merkletree's DiskStore does it: all 2N − 1 nodes, rows bottom-up, the leaves
 * (the padded sector data) first. The caller writes the leaves into row 0; this class fills the
 * rows above, in parallel chunks of 2^18 leaves, each chunk's subtree and the rows above the chunk
 * roots one {@link Kernels#sha256Tree} call each (a device backend keeps the rows on the device).
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
            // the chunk's leaves, then the rows above them as one sha256Tree call writes them
            byte[] buf = new byte[32 * (2 * chunkLeaves - 1)];
            file.get(c * chunkLeaves * 32L, buf, 0, 32 * chunkLeaves);
            kernels.sha256Tree(buf, 0, chunkLeaves, chunkLog, buf, 32 * chunkLeaves);
            int width = chunkLeaves;
            int at = 32 * chunkLeaves;
            for (int r = 1; r <= chunkLog; r++) {
                width /= 2;
                file.put(rowOffset(leaves, r) + c * width * 32L, buf, at, 32 * width);
                at += 32 * width;
            }
            System.arraycopy(buf, buf.length - 32, roots, (int) (32 * c), 32);
        });
        if (chunkLog == log) {
            return roots;
        }
        int width = (int) chunks;
        byte[] top = new byte[32 * (width - 1)];
        kernels.sha256Tree(roots, 0, width, log - chunkLog, top, 0);
        int at = 0;
        for (int r = chunkLog + 1; r <= log; r++) {
            width /= 2;
            file.put(rowOffset(leaves, r), top, at, 32 * width);
            at += 32 * width;
        }
        return Arrays.copyOfRange(top, top.length - 32, top.length);
    }
}
