package io.filprover.proofs.porep;

import io.filprover.proofs.merkle.MerkleProof;

import java.util.List;

/**
 * A column opening (docs/spec/filecoin-porep-post.md §11.1): the labels of node {@code index} in layers 1..L and the
 * tree_c
 * inclusion proof of its column hash.
 */
public record ColumnProof(long index, List<byte[]> rows, MerkleProof treeCProof) {
    public ColumnProof {
        rows = List.copyOf(rows);
    }
}
