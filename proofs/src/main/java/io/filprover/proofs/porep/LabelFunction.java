package io.filprover.proofs.porep;

import java.util.List;

/** One SDR label from its 37 parent values (docs/spec/filecoin-porep-post.md §7), for labeling/encoding proof checks. */
public final class LabelFunction {
    public static final int TOTAL_PARENTS = 37;

    private LabelFunction() {
    }

    /** trim254(SHA256(replica_id || u32_BE(layer) || u64_BE(node) || 0^20 || parents...)). */
    public static byte[] label(byte[] replicaId, int layer, long node, List<byte[]> parents) {
        var md = PoRepChallenges.sha256();
        byte[] prefix = new byte[64];
        System.arraycopy(replicaId, 0, prefix, 0, 32);
        for (int i = 0; i < 4; i++) {
            prefix[32 + i] = (byte) (layer >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            prefix[36 + i] = (byte) (node >>> (56 - 8 * i));
        }
        md.update(prefix);
        for (byte[] p : parents) {
            md.update(p);
        }
        byte[] h = md.digest();
        h[31] &= 0x3f;
        return h;
    }

    /** Repeats the 6 (layer 1) or 14 parent values cyclically up to 37 values. */
    public static List<byte[]> repeatToTotal(List<byte[]> values) {
        byte[][] out = new byte[TOTAL_PARENTS][];
        for (int i = 0; i < TOTAL_PARENTS; i++) {
            out[i] = values.get(i % values.size());
        }
        return List.of(out);
    }
}
