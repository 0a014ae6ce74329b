package io.filprover.proofs.api;

import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.proofs.porep.PreCommit1;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One sector to seal: PC1 → PC2 → C1.
 *
 * @param sectorSize     the sector's size
 * @param proof          the registered seal proof (its porep id is {@code id.porepId()})
 * @param data           the unpadded piece bytes (at most the sector's unpadded size; zero-filled)
 * @param id             prover id, sector number, ticket, porep id, API version
 * @param seed           the 32-byte interactive randomness for C1
 * @param layers         SDR layers
 * @param cacheDir       layers, trees and p_aux go here
 * @param replica        the sealed replica file
 * @param parentCacheDir where the parent cache is found or generated
 * @param c1Output       where the C1 output JSON is written
 */
public record SealRequest(SectorSize sectorSize, RegisteredSealProof proof, Path data, PreCommit1.SectorIdentity id,
                          byte[] seed, int layers, Path cacheDir, Path replica, Path parentCacheDir, Path c1Output) {
    public SealRequest {
        Objects.requireNonNull(sectorSize, "sectorSize");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(parentCacheDir, "parentCacheDir");
        Objects.requireNonNull(c1Output, "c1Output");
        seed = seed.clone();
    }
}
