package io.filprover.proofs.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An inclusion proof in a (possibly compound) Merkle tree as rust-fil-proofs' merkletree crate
 * serialises it (docs/spec/filecoin-porep-post.md §8.5, §10.5): a base path, then optionally one sub-tree and one
 * top-tree
 * element, the claimed root and the leaf.
 */
public record MerkleProof(Kind kind, List<PathElement> base, List<PathElement> sub, List<PathElement> top,
                          byte[] root, byte[] leaf) {

    /** bincode variant tags of ProofData: 0 Single, 1 Sub, 2 Top. */
    public enum Kind { SINGLE, SUB, TOP }

    public MerkleProof {
        base = List.copyOf(base);
        sub = List.copyOf(sub);
        top = List.copyOf(top);
        root = root.clone();
        leaf = leaf.clone();
    }

    /** All path elements bottom-up: base, then sub, then top. */
    public List<PathElement> path() {
        List<PathElement> all = new ArrayList<>(base);
        all.addAll(sub);
        all.addAll(top);
        return all;
    }

    /**
     * The leaf index the path proves: Σ index_k · arity_below(k), i.e. base indices in base-arity
     * digits, then the sub index times the base tree's leaf count, then the top index
     * (docs/spec/filecoin-porep-post.md §8.5).
     */
    public long leafIndex() {
        long index = 0;
        long weight = 1;
        for (PathElement e : path()) {
            index += e.index() * weight;
            weight *= e.arity();
        }
        return index;
    }

    /** Recomputes the root from the leaf and the path; true if it equals the claimed root. */
    public boolean verify(MerkleHasher hasher) {
        return Arrays.equals(computeRoot(hasher), root);
    }

    /** The root the path leads to from the leaf. */
    public byte[] computeRoot(MerkleHasher hasher) {
        byte[] h = leaf;
        for (PathElement e : path()) {
            if (e.index() < 0 || e.index() > e.siblings().size()) {
                return null;
            }
            byte[][] children = new byte[e.arity()][];
            int s = 0;
            for (int i = 0; i < children.length; i++) {
                children[i] = i == e.index() ? h : e.siblings().get(s++);
            }
            h = hasher.hash(children);
        }
        return h;
    }

    /** Whether the path has the shape of a tree with the given arities (0 = level absent) and base height. */
    public boolean hasShape(int baseArity, int baseLevels, int subArity, int topArity) {
        if (base.size() != baseLevels || sub.size() != (subArity > 0 ? 1 : 0) || top.size() != (topArity > 0 ? 1 : 0)) {
            return false;
        }
        for (PathElement e : base) {
            if (e.arity() != baseArity) {
                return false;
            }
        }
        return sub.stream().allMatch(e -> e.arity() == subArity) && top.stream().allMatch(e -> e.arity() == topArity);
    }
}
