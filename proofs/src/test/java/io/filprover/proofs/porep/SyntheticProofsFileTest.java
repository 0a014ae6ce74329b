package io.filprover.proofs.porep;

import io.filprover.proofs.TestJobs;
import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.tree.CacheFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** syn-porep-vanilla-proofs.dat: size formula (docs/spec/filecoin-porep-post.md §11.3), and C1 from the file equals C1 from the trees. */
class SyntheticProofsFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2048, 32768})
    void c1FromFileEqualsC1FromTrees(int bytes) throws IOException {
        long seedValue = new Random().nextLong();
        Random rnd = new Random(seedValue);
        SectorSize size = SectorSize.ofBytes(bytes);
        byte[] raw = new byte[(int) size.unpaddedBytes()];
        rnd.nextBytes(raw);
        byte[] prover = new byte[32];
        rnd.nextBytes(prover);
        prover[31] &= 0x3f;
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        byte[] seed = new byte[32];
        rnd.nextBytes(seed);
        PreCommit1.SectorIdentity id = SealFixtures.identity(prover, rnd.nextLong(), ticket, 10);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, id, 2, dir);
        SealedSector sector = SealedSector.open(size, 2, s.cache(), s.replica(), SealFixtures.CPU);
        SdrGraph graph = new SdrGraph(size.nodes(), id.porepId(), id.apiVersion());
        Path file = s.cache().resolve(CacheFiles.SYNTHETIC_PROOFS);
        SyntheticProofsFile format = new SyntheticProofsFile(size, 2);
        format.write(sector, graph, s.pc1().replicaId(), s.pc2().commR(), file, TestJobs.pool(2));
        // docs/spec/filecoin-porep-post.md §11.3: R = 1 + 7·base_levels + (sub−1) + (top−1); 2 KiB: R = 15, 32 KiB
        // (8-8-2): R = 1 + 14 + 7 + 1 = 23
        int r = bytes == 2048 ? 15 : 23;
        int log2n = size.log2Nodes();
        assertEquals(15 * 8 + 32 * ((1 + log2n) + 15 * (2 + r) + r), format.recordBytes());
        assertEquals(96 + size.syntheticChallenges() * format.recordBytes(), Files.size(file));

        Commit1.Output fromFile = Commit1.runFromSyntheticProofs(file, size, 2, id, seed);
        Commit1.Output fromTrees = Commit1.run(sector, id, PoRepFeature.SYNTHETIC, seed);
        assertEquals(Commit1Json.encode(fromTrees), Commit1Json.encode(fromFile), "seed " + seedValue);
        assertTrue(PoRepVerifier.verify(fromFile).valid(), "seed " + seedValue);
    }
}
