package io.filprover.proofs.sdr;

import io.filprover.proofs.hash.Blake2b;

/**
 * The expander parents of degree 8 (docs/spec/filecoin-porep-post.md §6.3): a 3-round Feistel permutation of
 * {@code [0, 8N)} keyed by the porep_id, applied to {@code 8v + i} with cycle walking, then divided
 * by 8. Immutable; use one {@link Sampler} per thread.
 */
public final class FeistelExpander {
    public static final int DEGREE = 8;

    private final long nodes;
    private final long domain;
    private final long k0;
    private final long k1;
    private final long k2;
    private final boolean legacyTruncation;
    private final int halfBits;
    private final long rightMask;
    private final long leftMask;

    /**
     * @param keys             the Feistel keys (at least 3; only 0..2 are used)
     * @param legacyTruncation true for ApiVersion 1.0.0: truncate the permuted value to u32 before dividing
     */
    public FeistelExpander(long nodes, long[] keys, boolean legacyTruncation) {
        if (nodes < 1 || nodes > (1L << 31)) {
            throw new IllegalArgumentException("node count out of range: " + nodes);
        }
        this.nodes = nodes;
        this.domain = nodes * DEGREE;
        this.k0 = keys[0];
        this.k1 = keys[1];
        this.k2 = keys[2];
        this.legacyTruncation = legacyTruncation;
        int log4 = 1;
        while ((1L << (2 * log4)) < domain) {
            log4++;
        }
        this.halfBits = log4;
        this.rightMask = (1L << log4) - 1;
        this.leftMask = rightMask << log4;
    }

    public int halfBits() {
        return halfBits;
    }

    public long rightMask() {
        return rightMask;
    }

    public long leftMask() {
        return leftMask;
    }

    public Sampler sampler() {
        return new Sampler();
    }

    /** Per-thread BLAKE2b scratch. */
    public final class Sampler {
        private final Blake2b.FeistelScratch scratch = new Blake2b.FeistelScratch();

        /** One Feistel pass over a {@code 2*halfBits}-bit value. */
        public long encode(long x) {
            long left = (x & leftMask) >>> halfBits;
            long right = x & rightMask;
            long t = right;
            right = left ^ (Blake2b.feistelRound(right, k0, scratch) & rightMask);
            left = t;
            t = right;
            right = left ^ (Blake2b.feistelRound(right, k1, scratch) & rightMask);
            left = t;
            t = right;
            right = left ^ (Blake2b.feistelRound(right, k2, scratch) & rightMask);
            left = t;
            return left << halfBits | right;
        }

        /** The permutation of {@code [0, 8N)}: re-encode until the value falls in the domain. */
        public long permute(long x) {
            long u = encode(x);
            while (u >= domain) {
                u = encode(u);
            }
            return u;
        }

        /** Writes the 8 expander parents of node {@code v} to {@code out[off..off+8)}. */
        public void parents(long v, int[] out, int off) {
            if (v < 0 || v >= nodes) {
                throw new IllegalArgumentException("node " + v + " out of range [0, " + nodes + ")");
            }
            for (int i = 0; i < DEGREE; i++) {
                long t = permute(v * DEGREE + i);
                if (legacyTruncation) {
                    t &= 0xffffffffL;
                }
                out[off + i] = (int) (t / DEGREE);
            }
        }
    }
}
