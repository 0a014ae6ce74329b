package io.filprover.proofs.tree;

import io.filprover.api.TreeShape;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;

import java.util.Arrays;

/** The root of a compound tree from its base-tree roots (docs/spec/filecoin-porep-post.md §8.3). */
public final class CompoundRoots {
    private CompoundRoots() {
    }

    /** Sub-tree roots: Poseidon_sub over each group of {@code sub} base roots (8-8-2 only has two). */
    public static byte[][] subRoots(TreeShape shape, byte[][] baseRoots) {
        int sub = shape.subArity();
        byte[][] out = new byte[baseRoots.length / sub][];
        for (int s = 0; s < out.length; s++) {
            out[s] = PoseidonMerkleHasher.INSTANCE.hash(Arrays.copyOfRange(baseRoots, s * sub, (s + 1) * sub));
        }
        return out;
    }

    public static byte[] root(TreeShape shape, byte[][] baseRoots) {
        if (baseRoots.length != shape.baseTreeCount()) {
            throw new IllegalArgumentException(baseRoots.length + " base roots for shape " + shape);
        }
        if (shape.subArity() == 0) {
            return baseRoots[0].clone();
        }
        byte[][] subs = subRoots(shape, baseRoots);
        return shape.topArity() == 0 ? subs[0] : PoseidonMerkleHasher.INSTANCE.hash(subs);
    }
}
