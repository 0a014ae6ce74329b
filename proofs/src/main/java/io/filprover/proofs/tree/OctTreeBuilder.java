package io.filprover.proofs.tree;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.job.ProgressSink;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds one 8-ary Poseidon base tree (docs/spec/filecoin-porep-post.md §8.3) over a {@link LeafSource} and writes
 * its stored
 * rows into a memory-mapped file laid out as {@link OctTreeLayout} says. The leaves are cut into
 * chunks of 8^6 that are hashed up to their chunk root independently (in parallel, one chunk in
 * heap per worker: 8 MiB of limbs + 8 MiB of bytes); the rows above the chunk roots are hashed last.
 * Each chunk's subtree and the rows above the chunk roots are one {@link Kernels#poseidonTree} call
 * each, so a device backend keeps a chunk's rows on the device.
 */
public final class OctTreeBuilder {
    static final int CHUNK_ROWS = 6;

    private final Kernels kernels;
    private final WorkerPool pool;
    private final int maxChunkRows;

    public OctTreeBuilder(Kernels kernels, WorkerPool pool) {
        this(kernels, pool, CHUNK_ROWS);
    }

    /** With chunks of 8^maxChunkRows leaves (tests use small chunks to exercise the rows above them). */
    OctTreeBuilder(Kernels kernels, WorkerPool pool, int maxChunkRows) {
        this.kernels = kernels;
        this.pool = pool;
        this.maxChunkRows = maxChunkRows;
    }

    /**
     * Builds the tree over leaves {@code firstLeaf .. firstLeaf + layout.leaves()} of {@code source},
     * writing the stored rows into {@code out} (sized {@code layout.fileBytes()}); returns the root.
     */
    public byte[] build(LeafSource source, long firstLeaf, OctTreeLayout layout, MappedFile out) throws IOException {
        return build(source, firstLeaf, layout, out, ProgressSink.NONE, "tree");
    }

    /** As above, reporting finished leaves to {@code listener} under {@code task} after every chunk. */
    public byte[] build(LeafSource source, long firstLeaf, OctTreeLayout layout, MappedFile out,
                        ProgressSink listener, String task) throws IOException {
        if (out.length() != layout.fileBytes()) {
            throw new IllegalArgumentException("tree file has " + out.length() + " bytes, layout needs " + layout.fileBytes());
        }
        int chunkRows = Math.min(maxChunkRows, layout.rows() - 1);
        int chunkLeaves = 1 << (3 * chunkRows);
        long chunks = layout.leaves() / chunkLeaves;
        long[] chunkRoots = new long[Math.toIntExact(4 * chunks)];
        AtomicLong finished = new AtomicLong();
        int chunkNodes = (int) KernelTrees.nodesAbove(OctTreeLayout.ARITY, chunkLeaves, chunkRows);
        pool.forEach(chunks, c -> {
            long[] limbs = new long[4 * chunkLeaves];
            long[] levels = new long[4 * chunkNodes];
            byte[] bytes = new byte[32 * chunkLeaves];
            long[] scratch = new long[4];
            source.leaves(firstLeaf + c * chunkLeaves, chunkLeaves, limbs, 0);
            // the whole chunk subtree in one call: rows 1 .. chunkRows one after another in levels
            kernels.poseidonTree(OctTreeLayout.ARITY, limbs, 0, chunkLeaves, chunkRows, levels, 0);
            int width = chunkLeaves;
            int at = 0;
            for (int r = 0; r <= chunkRows; r++) {
                if (r >= layout.firstStoredRow()) {
                    FrLimbs.toBytes(r == 0 ? limbs : levels, at, bytes, 0, width, scratch);
                    out.put(layout.rowOffset(r) + c * width * 32L, bytes, 0, 32 * width);
                }
                if (r > 0) {
                    at += 4 * width;
                }
                width /= OctTreeLayout.ARITY;
            }
            System.arraycopy(levels, 4 * (chunkNodes - 1), chunkRoots, (int) (4 * c), 4);
            listener.progress(task, finished.addAndGet(chunkLeaves), layout.leaves());
        });
        int topRows = layout.rows() - 1 - chunkRows;
        if (topRows == 0) {
            return FrLimbs.toBytes(chunkRoots, 0);
        }
        int width = (int) chunks;
        long[] top = new long[4 * (int) KernelTrees.nodesAbove(OctTreeLayout.ARITY, width, topRows)];
        kernels.poseidonTree(OctTreeLayout.ARITY, chunkRoots, 0, width, topRows, top, 0);
        long[] scratch = new long[4];
        int at = 0;
        for (int r = chunkRows + 1; r < layout.rows(); r++) {
            width /= OctTreeLayout.ARITY;
            if (r >= layout.firstStoredRow()) {
                byte[] bytes = new byte[32 * width];
                FrLimbs.toBytes(top, at, bytes, 0, width, scratch);
                out.put(layout.rowOffset(r), bytes, 0, bytes.length);
            }
            at += 4 * width;
        }
        return FrLimbs.toBytes(top, top.length - 4);
    }
}
