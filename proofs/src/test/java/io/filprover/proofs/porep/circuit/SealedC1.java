package io.filprover.proofs.porep.circuit;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.porep.SealFixtures;
import io.filprover.proofs.porep.SealedSector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Test fixture: a sector of random data and ids sealed with 2 layers, and its C1 outputs. */
final class SealedC1 {
    final long seed;
    final SectorSize size;
    final PreCommit1.SectorIdentity id;
    final SealFixtures.Sealed sealed;
    final byte[] commitSeed;

    private SealedC1(long seed, SectorSize size, PreCommit1.SectorIdentity id, SealFixtures.Sealed sealed,
                     byte[] commitSeed) {
        this.seed = seed;
        this.size = size;
        this.id = id;
        this.sealed = sealed;
        this.commitSeed = commitSeed;
    }

    /** Seals random data of {@code size} under registered proof {@code porepId} in a fresh directory under {@code dir}. */
    static SealedC1 seal(SectorSize size, int porepId, long seed, Path dir) throws IOException {
        Random rnd = new Random(seed);
        byte[] raw = new byte[(int) size.unpaddedBytes()];
        rnd.nextBytes(raw);
        byte[] prover = new byte[32];
        rnd.nextBytes(prover);
        prover[31] &= 0x3f;
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        byte[] commitSeed = new byte[32];
        rnd.nextBytes(commitSeed);
        PreCommit1.SectorIdentity id = SealFixtures.identity(prover, rnd.nextLong() >>> 1, ticket, porepId);
        Path sub = Files.createTempDirectory(dir, size + "-");
        return new SealedC1(seed, size, id, SealFixtures.seal(size, raw, id, 2, sub), commitSeed);
    }

    Commit1.Output commit1(PoRepFeature feature) throws IOException {
        return commit1(feature, commitSeed);
    }

    Commit1.Output commit1(PoRepFeature feature, byte[] seedBytes) throws IOException {
        SealedSector sector = SealedSector.open(size, 2, sealed.cache(), sealed.replica(), SealFixtures.CPU);
        return Commit1.run(sector, id, feature, seedBytes);
    }
}
