package io.filprover.proofs.post;

import java.util.List;

/**
 * The vanilla PoSt proof of one sector as filecoin-ffi exchanges it (docs/spec/filecoin-porep-post.md §10.5): sector
 * id, comm_r
 * and the proof's sector proofs (one for Window PoSt; 66 single-challenge ones for Winning PoSt).
 */
public record FallbackPoStSectorProof(long sectorId, byte[] commR, List<SectorProof> sectors) {
    public FallbackPoStSectorProof {
        commR = commR.clone();
        sectors = List.copyOf(sectors);
    }
}
