package io.filprover.proofs.porep;

import io.filprover.proofs.merkle.MerkleProof;

import java.util.List;

/**
 * The vanilla PoRep proof of one challenge (docs/spec/filecoin-porep-post.md §11.1, upstream {@code
 * stacked::vanilla::Proof}):
 * tree_d opening of the data node, the challenged column and its 6 DRG and 8 expander parent
 * columns, the tree_r_last opening of the replica node, one labeling proof per layer and the
 * encoding proof.
 */
public record ChallengeProof(long challenge, MerkleProof commDProof, ColumnProof column, List<ColumnProof> drgParents,
                             List<ColumnProof> expParents, MerkleProof commRLastProof,
                             List<LabelingProof> labelingProofs, LabelingProof encodingProof) {
    public ChallengeProof {
        drgParents = List.copyOf(drgParents);
        expParents = List.copyOf(expParents);
        labelingProofs = List.copyOf(labelingProofs);
    }
}
