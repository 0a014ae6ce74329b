package io.filprover.proofs.api;

import io.filprover.api.RegisteredPoStProof;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Vanilla PoSt proofs to generate from sealed sectors.
 *
 * @param proof      the registered PoSt proof (Winning or Window, and the sector size)
 * @param randomness 32 bytes; masked as Lotus masks it (top two bits of byte 31 cleared) by the stage
 * @param proverId   32 bytes
 * @param sectors    the sectors as given: for Winning PoSt the chain's eligible-sector order; for
 *                   Window PoSt any order (sorted by id, each at its explicit or sorted position)
 * @param partition  the Window PoSt partition index (0 for Winning PoSt)
 * @param out        where the bincode proofs are written, concatenated in sector order
 */
public record PoStRequest(RegisteredPoStProof proof, byte[] randomness, byte[] proverId, List<Sector> sectors,
                          int partition, Path out) {
    /** One sealed sector; {@code position} null means its index in the id-sorted list. */
    public record Sector(long sectorId, byte[] commR, Path cacheDir, Path replica, Long position) {
    }

    public PoStRequest {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(out, "out");
        randomness = randomness.clone();
        proverId = proverId.clone();
        sectors = List.copyOf(sectors);
    }
}
