package io.filprover.proofs.sdr;

import java.security.MessageDigest;

/**
 * {@code replica_id = trim254(SHA256(prover_id || u64_BE(sector_id) || ticket || comm_d || porep_id))}
 * (docs/spec/filecoin-porep-post.md §5, upstream {@code generate_replica_id}).
 */
public final class ReplicaId {
    private ReplicaId() {
    }

    public static byte[] compute(byte[] proverId, long sectorId, byte[] ticket, byte[] commD, byte[] porepId) {
        check("prover_id", proverId);
        check("ticket", ticket);
        check("comm_d", commD);
        check("porep_id", porepId);
        MessageDigest md = GraphSeeds.newSha256();
        md.update(proverId);
        byte[] sid = new byte[8];
        for (int i = 0; i < 8; i++) {
            sid[i] = (byte) (sectorId >>> (56 - 8 * i));
        }
        md.update(sid);
        md.update(ticket);
        md.update(commD);
        md.update(porepId);
        byte[] out = md.digest();
        out[31] &= 0x3f;
        return out;
    }

    private static void check(String name, byte[] b) {
        if (b == null || b.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes");
        }
    }
}
