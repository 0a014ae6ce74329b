package io.filprover.proofs.sdr;

import io.filprover.proofs.hash.ChaCha8Rng;

/**
 * The DRG ("BucketGraph") base parents of degree 6 (docs/spec/filecoin-porep-post.md §6.2): the predecessor plus 5
 * parents
 * drawn with a ChaCha8 stream seeded by {@code drg_seed || u32_LE(v)}. Immutable; use one
 * {@link Sampler} per thread.
 */
public final class BucketGraph {
    public static final int DEGREE = 6;

    private final long nodes;
    private final byte[] seed28;
    private final boolean legacyOrder;

    /**
     * @param legacyOrder true for ApiVersion 1.0.0, which puts the predecessor last instead of first
     */
    public BucketGraph(long nodes, byte[] seed28, boolean legacyOrder) {
        if (nodes < 2 || nodes > (1L << 31)) {
            throw new IllegalArgumentException("node count out of range: " + nodes);
        }
        if (seed28.length != 28) {
            throw new IllegalArgumentException("DRG seed must be 28 bytes");
        }
        this.nodes = nodes;
        this.seed28 = seed28.clone();
        this.legacyOrder = legacyOrder;
    }

    public long nodes() {
        return nodes;
    }

    public Sampler sampler() {
        return new Sampler();
    }

    /** Per-thread state (the reseedable RNG and its seed buffer), so sampling does not allocate. */
    public final class Sampler {
        private final byte[] seed = new byte[32];
        private final ChaCha8Rng rng;

        Sampler() {
            System.arraycopy(seed28, 0, seed, 0, 28);
            rng = new ChaCha8Rng(seed);
        }

        /** Writes the 6 base parents of node {@code v} to {@code out[off..off+6)}. */
        public void parents(long v, int[] out, int off) {
            if (v < 0 || v >= nodes) {
                throw new IllegalArgumentException("node " + v + " out of range [0, " + nodes + ")");
            }
            if (v < 2) {
                for (int i = 0; i < DEGREE; i++) {
                    out[off + i] = 0;
                }
                return;
            }
            seed[28] = (byte) v;
            seed[29] = (byte) (v >>> 8);
            seed[30] = (byte) (v >>> 16);
            seed[31] = (byte) (v >>> 24);
            rng.reseed(seed);
            long meta = v * (DEGREE - 1);
            // ceil(log2(meta)) in integers (upstream uses f64, equal for meta < 2^54)
            long buckets = 64 - Long.numberOfLeadingZeros(meta - 1);
            int first = legacyOrder ? off : off + 1;
            for (int k = 0; k < DEGREE - 1; k++) {
                long bucket = Long.remainderUnsigned(rng.nextLong(), buckets) + 1;
                long largest = Math.min(meta, 1L << bucket);
                long smallest = Math.max(2, largest >>> 1);
                long dist = smallest + Long.remainderUnsigned(rng.nextLong(), largest - smallest + 1);
                long metaParent = (meta - dist) / (DEGREE - 1);
                out[first + k] = (int) (metaParent == v ? v - 1 : metaParent);
            }
            out[legacyOrder ? off + DEGREE - 1 : off] = (int) (v - 1);
        }
    }
}
