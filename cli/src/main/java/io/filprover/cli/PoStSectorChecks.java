package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.proofs.post.PoStProver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code post}'s checks of the sectors against the PoSt proof, before any cache file is opened: a
 * sealed replica is exactly one sector long, so a 32 GiB proof on a 2 KiB sector is named as the
 * size mismatch it is, not as the cache file the larger tree would need.
 */
final class PoStSectorChecks {
    private PoStSectorChecks() {
    }

    static void sizes(RegisteredPoStProof type, List<PoStProver.SectorInput> sectors) throws IOException {
        long expected = type.sectorSize().bytes();
        for (PoStProver.SectorInput s : sectors) {
            String sector = "sector " + Long.toUnsignedString(s.sectorId());
            Path replica = s.replicaPath();
            if (Files.isDirectory(replica)) {
                throw new InvalidInputException("sectors", sector + ": replica_path " + replica + " is a directory");
            }
            if (!Files.isRegularFile(replica)) {
                throw new InvalidInputException("sectors", sector + ": replica_path " + replica + " does not exist");
            }
            long size = Files.size(replica);
            if (size != expected) {
                String label = sizeLabel(size);
                throw new InvalidInputException("post-proof", type.upstreamName() + " is for " + type.sectorSize().label()
                        + " sectors, but " + sector + "'s replica is " + size + " bytes" + (label == null ? "" : " (" + label + ")"));
            }
        }
    }

    private static String sizeLabel(long bytes) {
        try {
            return SectorSize.ofBytes(bytes).label();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
