package io.filprover.proofs.tree;

import io.filprover.proofs.hash.Blake2s;
import io.filprover.proofs.merkle.MerkleHasher;

/**
 * The node hash of rust-fil-proofs' Blake2sHasher trees (filecoin-hashers blake2s.rs,
 * {@code Blake2sFunction::node}/{@code multi_node}): BLAKE2s-256, no key, personalization zero,
 * over the children's 32-byte encodings in index order, with the top two bits of byte 31 cleared
 * ({@code trim_to_fr32}). Any number of children (arity 2, 4, 8 trees).
 */
public final class Blake2sMerkleHasher implements MerkleHasher {
    public static final Blake2sMerkleHasher INSTANCE = new Blake2sMerkleHasher();

    private Blake2sMerkleHasher() {
    }

    @Override
    public byte[] hash(byte[][] children) {
        if (children.length < 2) {
            throw new IllegalArgumentException("a node has at least two children, got " + children.length);
        }
        Blake2s state = new Blake2s(32);
        for (byte[] child : children) {
            state.update(child);
        }
        byte[] h = state.digest();
        h[31] &= 0x3f;
        return h;
    }
}
