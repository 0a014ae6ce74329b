package io.filprover.proofs.api;

import io.filprover.api.ApiVersion;
import io.filprover.api.Commitment;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A sealed sector: its commitments, where the C1 output was written, and the stages' times.
 *
 * @param replicaId  the replica id (32 bytes, an Fr element in memory order)
 * @param challenges how many challenges the C1 output proves
 * @param c1Format   the C1 output's format (docs/c1-output.md): {@code SealCommitPhase1Output} or, for sectors
 *                   no registered seal proof names, the legacy {@code filprover-c1/1}
 */
public record SealResult(Commitment commD, Commitment commR, Commitment commC, Commitment commRLast, byte[] replicaId,
                         byte[] porepId, ApiVersion apiVersion, int challenges, Path c1Output, String c1Format,
                         Duration pc1,
                         Duration pc2, Duration c1) {
    public SealResult {
        replicaId = replicaId.clone();
        porepId = porepId.clone();
    }

    @Override
    public byte[] replicaId() {
        return replicaId.clone();
    }

    @Override
    public byte[] porepId() {
        return porepId.clone();
    }
}
