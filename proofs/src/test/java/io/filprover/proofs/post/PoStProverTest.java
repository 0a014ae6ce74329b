package io.filprover.proofs.post;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.proofs.porep.SealFixtures;
import io.filprover.proofs.tree.SectorFilesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winning and Window PoSt vanilla proofs from freshly sealed 2 KiB sectors (random data and randomness). */
class PoStProverTest {
    @TempDir
    Path dir;

    @Test
    void winningAndWindowProofsVerifyAndDetectAFlippedReplicaByte() throws IOException {
        long seedValue = new Random().nextLong();
        Random rnd = new Random(seedValue);
        String ctx = "random seed " + seedValue;
        SectorSize size = SectorSize.SIZE_2KIB;
        byte[] prover = new byte[32];
        rnd.nextBytes(prover);
        prover[31] &= 0x3f;
        List<PoStProver.SectorInput> sectors = new ArrayList<>();
        long baseId = rnd.nextInt(1000);
        for (int i = 0; i < 3; i++) {
            byte[] raw = new byte[(int) size.unpaddedBytes()];
            rnd.nextBytes(raw);
            byte[] ticket = new byte[32];
            rnd.nextBytes(ticket);
            long sectorId = baseId + i;
            SealFixtures.Sealed s = SealFixtures.seal(size, raw, SealFixtures.identity(prover, sectorId, ticket, 5), 2,
                    dir.resolve("s" + i));
            sectors.add(new PoStProver.SectorInput(sectorId, s.pc2().commR(), s.cache(), s.replica()));
        }
        byte[] randomness = new byte[32];
        rnd.nextBytes(randomness);
        randomness[31] &= 0x3f;
        PoStProver prover2 = new PoStProver(SealFixtures.CPU);
        VanillaPoStVerifier verifier = new VanillaPoStVerifier();

        FallbackPoStSectorProof winning = prover2.proveWinning(RegisteredPoStProof.ofId(0), randomness, prover, sectors);
        assertEquals(66, winning.sectors().size(), ctx);
        long chosen = PoStChallenges.winningSectorIndices(randomness, 3, prover, 1)[0];
        assertEquals(sectors.get((int) chosen).sectorId(), winning.sectorId(), ctx);
        byte[] bytes = VanillaPoStCodec.encode(winning);
        assertArrayEquals(bytes, VanillaPoStCodec.encode(VanillaPoStCodec.decode(bytes)), ctx);

        for (int id : new int[] {5, 10}) { // StackedDrgWindow2KiBV1 (position-dependent), V1_2
            RegisteredPoStProof type = RegisteredPoStProof.ofId(id);
            List<FallbackPoStSectorProof> p0 = prover2.proveWindowPartition(type, randomness, sectors, 0);
            List<FallbackPoStSectorProof> p1 = prover2.proveWindowPartition(type, randomness, sectors, 1);
            assertEquals(2, p0.size());
            assertEquals(1, p1.size());
            FallbackPoStSectorProof last = VanillaPoStCodec.decode(VanillaPoStCodec.encode(p1.get(0)));
            assertTrue(verifier.verify(type, randomness, sectors.get(2).sectorId(), sectors.get(2).commR(), 2, last).valid(),
                    ctx);
            if (id == 5) {
                // before API 1.2 the position enters the challenges: position 0 is rejected
                assertFalse(verifier.verify(type, randomness, sectors.get(2).sectorId(), sectors.get(2).commR(), 0,
                        last).valid(), ctx);
            }
        }

        // flip a byte of the replica at a challenged leaf: the prover refuses to emit a failing proof
        RegisteredPoStProof window = RegisteredPoStProof.ofId(10);
        PoStProver.SectorInput target = sectors.get(1);
        long leaf = PoStChallenges.sectorChallenges(window.apiVersion(), randomness, target.sectorId(), 1, 10,
                size.nodes())[0];
        try (FileChannel ch = FileChannel.open(target.replicaPath(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, leaf * 32 + 7);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 4)}), leaf * 32 + 7);
        }
        SectorFilesException e = assertThrows(SectorFilesException.class,
                () -> prover2.prove(window, randomness, target, 1), ctx);
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }
}
