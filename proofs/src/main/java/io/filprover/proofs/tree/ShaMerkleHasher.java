package io.filprover.proofs.tree;

import io.filprover.proofs.merkle.MerkleHasher;

import java.security.MessageDigest;

/** tree_d's node function (docs/spec/filecoin-porep-post.md §2.1): trim254(SHA256(left || right)). */
public final class ShaMerkleHasher implements MerkleHasher {
    public static final ShaMerkleHasher INSTANCE = new ShaMerkleHasher();

    @Override
    public byte[] hash(byte[][] children) {
        if (children.length != 2) {
            throw new IllegalArgumentException("tree_d is binary, got " + children.length + " children");
        }
        MessageDigest md = io.filprover.proofs.hash.Sha256.newDigest();
        md.update(children[0]);
        md.update(children[1]);
        byte[] h = md.digest();
        h[31] &= 0x3f;
        return h;
    }
}
