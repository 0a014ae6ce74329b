package io.filprover.proofs.api;

import io.filprover.api.RegisteredPoStProof;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Vanilla PoSt proofs written to {@code out}, each verified; where each sector's proof lies in the file. */
public record PoStResult(RegisteredPoStProof proof, Path out, long bytes, List<SectorProof> sectors, Duration time) {
    /** One sector's proof: its bincode bytes at [offset, offset + length) of the output. */
    public record SectorProof(long sectorId, long offset, int length) {
    }

    public PoStResult {
        sectors = List.copyOf(sectors);
    }
}
