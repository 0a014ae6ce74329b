package io.filprover.proofs.porep;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.proofs.sdr.SdrGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seal random data with random ids, C1 for each feature, verify; tampering with the replica or a proof is caught. */
class Commit1RoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"2048,5", "4096,6", "16384,10", "32768,15", "2048,0"})
    void sealC1VerifyAndTamper(int bytes, int porepId) throws IOException {
        long seedValue = new Random().nextLong();
        Random rnd = new Random(seedValue);
        String ctx = "random seed " + seedValue;
        SectorSize size = SectorSize.ofBytes(bytes);
        byte[] raw = new byte[(int) size.unpaddedBytes() - rnd.nextInt(300)];
        rnd.nextBytes(raw);
        byte[] prover = new byte[32];
        rnd.nextBytes(prover);
        prover[31] &= 0x3f;
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        byte[] seed = new byte[32];
        rnd.nextBytes(seed);
        PreCommit1.SectorIdentity id = SealFixtures.identity(prover, rnd.nextLong(), ticket, porepId);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, id, 2, dir);
        List<Commit1.Output> outputs = new ArrayList<>();
        for (PoRepFeature f : PoRepFeature.values()) {
            SealedSector sector = SealedSector.open(size, 2, s.cache(), s.replica(), SealFixtures.CPU);
            Commit1.Output out = Commit1.run(sector, id, f, seed);
            PoRepVerifier.Result r = PoRepVerifier.verify(out);
            assertTrue(r.valid(), ctx + " " + f + ": " + r.reason());
            outputs.add(out);
            // the C1 JSON file reads back to the same proofs, which still verify
            Path json = dir.resolve("c1-" + f + ".json");
            Commit1Json.write(out, json);
            Commit1.Output back = Commit1Json.read(json);
            assertEquals(Commit1Json.encode(out), Commit1Json.encode(back), ctx);
            assertTrue(PoRepVerifier.verify(back).valid(), ctx);
        }
        Commit1.Output out = outputs.get(0);
        // a proof with another seed's challenges is rejected
        byte[] otherSeed = seed.clone();
        otherSeed[0] ^= 1;
        Commit1.Output wrongSeed = new Commit1.Output(out.sectorSize(), out.layers(), out.porepId(), out.apiVersion(),
                out.feature(), out.proverId(), out.sectorId(), out.ticket(), otherSeed, out.replicaId(), out.commD(),
                out.commC(), out.commRLast(), out.commR(), out.partitions());
        assertFalse(PoRepVerifier.verify(wrongSeed).valid(), ctx);

        // flip one byte of the replica at a challenged node: the regenerated opening no longer hashes to comm_r_last
        long c = out.partitions().get(0).get(0).challenge();
        try (FileChannel ch = FileChannel.open(s.replica(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, c * 32 + 3);
            b.flip();
            byte flipped = (byte) (b.get(0) ^ 0x10);
            ch.write(ByteBuffer.wrap(new byte[] {flipped}), c * 32 + 3);
        }
        SealedSector tampered = SealedSector.open(size, 2, s.cache(), s.replica(), SealFixtures.CPU);
        SdrGraph graph = new SdrGraph(size.nodes(), id.porepId(), id.apiVersion());
        ChallengeProof bad = Commit1.prove(tampered, graph, c);
        List<List<ChallengeProof>> parts = new ArrayList<>();
        List<ChallengeProof> first = new ArrayList<>(out.partitions().get(0));
        first.set(0, bad);
        parts.add(first);
        parts.addAll(out.partitions().subList(1, out.partitions().size()));
        Commit1.Output withBad = new Commit1.Output(out.sectorSize(), out.layers(), out.porepId(), out.apiVersion(),
                out.feature(), out.proverId(), out.sectorId(), out.ticket(), out.seed(), out.replicaId(), out.commD(),
                out.commC(), out.commRLast(), out.commR(), parts);
        PoRepVerifier.Result r = PoRepVerifier.verify(withBad);
        assertFalse(r.valid(), ctx + ": flipped replica byte at node " + c + " accepted");
        assertTrue(r.reason().contains("tree_r_last"), ctx + ": " + r.reason());
    }
}
