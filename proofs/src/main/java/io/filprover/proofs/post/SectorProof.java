package io.filprover.proofs.post;

import io.filprover.proofs.merkle.MerkleProof;

import java.util.List;

/** One sector's part of a PoSt vanilla proof: tree_r_last inclusion proofs in challenge order, comm_c, comm_r_last. */
public record SectorProof(List<MerkleProof> inclusionProofs, byte[] commC, byte[] commRLast) {
    public SectorProof {
        inclusionProofs = List.copyOf(inclusionProofs);
        commC = commC.clone();
        commRLast = commRLast.clone();
    }
}
