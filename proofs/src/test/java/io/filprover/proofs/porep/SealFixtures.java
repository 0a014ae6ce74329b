package io.filprover.proofs.porep;

import io.filprover.proofs.TestJobs;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.job.ProgressSink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Seals small sectors for the tests (PC1 + PC2 with the cpu kernels). */
public final class SealFixtures {
    public static final Kernels CPU = TestJobs.CPU;

    private SealFixtures() {
    }

    public record Sealed(SectorSize size, Path cache, Path replica, PreCommit1.SectorIdentity id,
                  PreCommit1.Output pc1, PreCommit2.Output pc2) {
    }

    /** TV-SEAL's "pattern" raw bytes: r[i] = (7i + 3) mod 256. */
    static byte[] pattern(SectorSize size) {
        byte[] raw = new byte[(int) size.unpaddedBytes()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (7 * i + 3);
        }
        return raw;
    }

    public static PreCommit1.SectorIdentity identity(byte[] proverId, long sectorId, byte[] ticket, int porepId) {
        RegisteredSealProof p = RegisteredSealProof.ofId(porepId);
        return new PreCommit1.SectorIdentity(proverId, sectorId, ticket, p.porepId(), p.apiVersion());
    }

    public static Sealed seal(SectorSize size, byte[] raw, PreCommit1.SectorIdentity id, int layers, Path dir)
            throws IOException {
        Path cache = dir.resolve("cache");
        Path replica = dir.resolve("sealed");
        PreCommit1.Output pc1 = new PreCommit1(TestJobs.context(CPU, 2, ProgressSink.NONE))
                .run(size, new ByteArrayInputStream(raw), id, layers, cache, dir.resolve("parents"));
        PreCommit2.Output pc2 = new PreCommit2(TestJobs.context(CPU, 2, ProgressSink.NONE))
                .run(size, layers, cache, replica, size.rowsToDiscard());
        return new Sealed(size, cache, replica, id, pc1, pc2);
    }
}
