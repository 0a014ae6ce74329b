package io.filprover.proofs.merkle;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;

/**
 * Filecoin's Poseidon node hash for tree_c / tree_r_last (MerkleTree hash type, Standard strength):
 * children are 32-byte little-endian Fr encodings, rejected with FieldEncodingException when ≥ r.
 */
public final class PoseidonMerkleHasher implements MerkleHasher {
    public static final PoseidonMerkleHasher INSTANCE = new PoseidonMerkleHasher();

    @Override
    public byte[] hash(byte[][] children) {
        Fr[] in = new Fr[children.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = Fr.fromBytesLE(children[i]);
        }
        return PoseidonHasher.hash(PoseidonParameters.filecoin(children.length), in).toBytesLE();
    }

    /** comm_r = Poseidon_2(comm_c, comm_r_last). */
    public static byte[] commR(byte[] commC, byte[] commRLast) {
        return INSTANCE.hash(new byte[][] {commC, commRLast});
    }
}
