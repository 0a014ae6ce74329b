package io.filprover.proofs.merkle;

/** Hashes the children of one tree node, in index order, into the parent (32-byte domain values). */
@FunctionalInterface
public interface MerkleHasher {
    byte[] hash(byte[][] children);
}
