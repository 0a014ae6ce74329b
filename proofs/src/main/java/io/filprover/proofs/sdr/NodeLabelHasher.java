package io.filprover.proofs.sdr;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * Computes one SDR label (docs/spec/filecoin-porep-post.md §7): {@code trim254(SHA256(prefix || 37 parent labels))}
 * with the
 * 64-byte prefix {@code replica_id || u32_BE(layer) || u64_BE(node) || 0^20}. The parent labels are
 * written into {@link #parentSlot} by the caller; the cyclic repetition up to 37 values is done
 * here. Holds its buffers, so one instance per thread and no allocation per node.
 */
final class NodeLabelHasher {
    static final int TOTAL_PARENTS = 37;
    static final int PREFIX = 64;
    static final int MESSAGE = PREFIX + TOTAL_PARENTS * 32;

    private final MessageDigest sha = GraphSeeds.newSha256();
    private final byte[] buf = new byte[MESSAGE];

    NodeLabelHasher(byte[] replicaId) {
        if (replicaId.length != 32) {
            throw new IllegalArgumentException("replica_id must be 32 bytes");
        }
        System.arraycopy(replicaId, 0, buf, 0, 32);
    }

    /** The message buffer; parent label {@code i} (0-based, i < 14) goes at {@code parentSlot(i)}. */
    byte[] buffer() {
        return buf;
    }

    static int parentSlot(int i) {
        return PREFIX + 32 * i;
    }

    /**
     * Hashes node {@code node} of {@code layer} into {@code out[off..off+32)}.
     *
     * @param parentCount 0 for node 0 (prefix only), 6 for layer 1, 14 for later layers
     */
    void label(int layer, long node, int parentCount, byte[] out, int off) {
        header(layer, node);
        int len = PREFIX;
        if (parentCount > 0) {
            int filled = parentCount;
            while (filled < TOTAL_PARENTS) {
                int n = Math.min(filled, TOTAL_PARENTS - filled);
                System.arraycopy(buf, PREFIX, buf, PREFIX + 32 * filled, 32 * n);
                filled += n;
            }
            len = MESSAGE;
        }
        hash(len, out, off);
    }

    private void header(int layer, long node) {
        buf[32] = (byte) (layer >>> 24);
        buf[33] = (byte) (layer >>> 16);
        buf[34] = (byte) (layer >>> 8);
        buf[35] = (byte) layer;
        for (int i = 0; i < 8; i++) {
            buf[36 + i] = (byte) (node >>> (56 - 8 * i));
        }
        // bytes 44..63 stay zero
    }

    private void hash(int len, byte[] out, int off) {
        sha.update(buf, 0, len);
        try {
            sha.digest(out, off, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        out[off + 31] &= 0x3f;
    }
}
