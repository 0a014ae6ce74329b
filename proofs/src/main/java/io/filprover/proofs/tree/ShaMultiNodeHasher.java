package io.filprover.proofs.tree;

import io.filprover.proofs.merkle.MerkleHasher;
import java.security.MessageDigest;

/**
 * The node hash of rust-fil-proofs' Sha256Hasher trees of any arity (filecoin-hashers sha256.rs,
 * {@code Sha256Function::multi_node}): SHA-256 over the children's 32-byte encodings in index
 * order, the top two bits of byte 31 cleared. On two children it is {@link ShaMerkleHasher}
 * (tree_d's binary hash, which rejects other arities).
 */
public final class ShaMultiNodeHasher implements MerkleHasher {
    public static final ShaMultiNodeHasher INSTANCE = new ShaMultiNodeHasher();

    private ShaMultiNodeHasher() {
    }

    @Override
    public byte[] hash(byte[][] children) {
        if (children.length < 2) {
            throw new IllegalArgumentException("a node has at least two children, got " + children.length);
        }
        MessageDigest md = io.filprover.proofs.hash.Sha256.newDigest();
        for (byte[] child : children) {
            md.update(child);
        }
        byte[] h = md.digest();
        h[31] &= 0x3f;
        return h;
    }
}
