package io.filprover.proofs.commitment;

import io.filprover.api.Commitment;
import io.filprover.api.kernels.Kernels;

/**
 * Commitments of all-zero regions (docs/spec/filecoin-porep-post.md §2.3): Z_0 is a zero leaf, Z_{i+1} = H(Z_i ||
 * Z_i). The
 * commitment of 32·2^i zero bytes is Z_i; it is also the empty comm_d of a sector with 2^i nodes.
 */
public final class ZeroCommitments {
    /** Levels up to 2^40 leaves (32 TiB) — far beyond the largest sector. */
    public static final int MAX_LEVEL = 40;

    private final byte[][] levels = new byte[MAX_LEVEL + 1][];

    public ZeroCommitments(Kernels kernels) {
        levels[0] = new byte[32];
        byte[] pair = new byte[64];
        for (int i = 1; i <= MAX_LEVEL; i++) {
            System.arraycopy(levels[i - 1], 0, pair, 0, 32);
            System.arraycopy(levels[i - 1], 0, pair, 32, 32);
            byte[] out = new byte[32];
            kernels.sha256Trunc254Pairs(pair, 0, out, 0, 1);
            levels[i] = out;
        }
    }

    /** Z_level as a fresh array. */
    public byte[] level(int level) {
        return bytesAt(level).clone();
    }

    byte[] bytesAt(int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("zero commitment level out of range: " + level);
        }
        return levels[level];
    }

    /** The commitment of {@code paddedBytes} zero bytes (a power of two ≥ 32). */
    public Commitment ofPaddedSize(long paddedBytes) {
        if (paddedBytes < 32 || Long.bitCount(paddedBytes) != 1) {
            throw new IllegalArgumentException("not a power-of-two size >= 32: " + paddedBytes);
        }
        return Commitment.of(levels[Long.numberOfTrailingZeros(paddedBytes / 32)]);
    }
}
