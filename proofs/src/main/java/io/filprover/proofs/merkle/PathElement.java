package io.filprover.proofs.merkle;

import java.util.List;

/**
 * One level of a Merkle inclusion path: the siblings of the node on the path (the group without
 * the node itself, in index order) and the node's index within its group.
 */
public record PathElement(List<byte[]> siblings, long index) {
    public PathElement {
        siblings = List.copyOf(siblings);
    }

    /** The arity of this level: siblings + the node itself. */
    public int arity() {
        return siblings.size() + 1;
    }
}
