package io.filprover.proofs.porep;

import java.util.List;

/**
 * The 37 parent values (docs/spec/filecoin-porep-post.md §7 order) that label {@code node} in {@code layer}. The
 * encoding proof
 * has the same form with the last layer: its label is the encoding key.
 */
public record LabelingProof(int layer, long node, List<byte[]> parents) {
    public LabelingProof {
        parents = List.copyOf(parents);
    }
}
