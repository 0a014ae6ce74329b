package io.filprover.proofs.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.groth16.BlstGroth16Check;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.porep.SealFixtures;
import io.filprover.proofs.post.PoStProver;
import io.filprover.proofs.post.circuit.FallbackPoStCompound;
import io.filprover.proofs.post.circuit.FallbackPoStCompound.PublicSector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Window and Winning PoSt SNARKs end to end on freshly sealed 2 KiB sectors, with Groth16 parameters
 * from a local setup (random toxic waste, once per circuit for the class): the proof verifies with our
 * verifier and with native blst's pairing, and is rejected for a wrong comm_r, other randomness and a
 * flipped bit. Seed (data, toxic waste) in every message.
 */
class PoStSnarkTest {
    @TempDir
    static Path dir;

    private static final long SEED = new Random().nextLong();
    private static final byte[] PROVER = new byte[32];
    private static final byte[] RANDOMNESS = new byte[32];
    private static final List<PoStRequest.Sector> SECTORS = new ArrayList<>();
    private static final List<PublicSector> PUBLIC = new ArrayList<>();
    private static final Map<RegisteredPoStProof, Groth16Parameters> PARAMS = new EnumMap<>(RegisteredPoStProof.class);
    private static final RegisteredPoStProof WINDOW = RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_2;
    private static final RegisteredPoStProof WINNING = RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1;

    @BeforeAll
    static void sealAndSetUp() throws IOException {
        Random rnd = new Random(SEED);
        rnd.nextBytes(PROVER);
        PROVER[31] &= 0x3f;
        rnd.nextBytes(RANDOMNESS);
        RANDOMNESS[31] &= 0x3f;
        long base = 1 + rnd.nextInt(1000);
        for (int i = 0; i < 3; i++) {
            byte[] raw = new byte[(int) SectorSize.SIZE_2KIB.unpaddedBytes()];
            rnd.nextBytes(raw);
            byte[] ticket = new byte[32];
            rnd.nextBytes(ticket);
            SealFixtures.Sealed s = SealFixtures.seal(SectorSize.SIZE_2KIB, raw,
                    SealFixtures.identity(PROVER, base + i, ticket, 5), 2, dir.resolve("s" + i));
            SECTORS.add(new PoStRequest.Sector(base + i, s.pc2().commR(), s.cache(), s.replica(), null));
            PUBLIC.add(new PublicSector(base + i, s.pc2().commR()));
        }
        for (RegisteredPoStProof type : List.of(WINDOW, WINNING)) {
            long t0 = System.nanoTime();
            PARAMS.put(type, Groth16Setup.generate(FallbackPoStCompound.blankCircuit(
                    FallbackPoStCompound.PublicParams.of(type)), ToxicWaste.random(rnd)));
            System.out.println("setup " + type.upstreamName() + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    private static PoStSnark.Result prove(RegisteredPoStProof type, List<PoStRequest.Sector> sectors, String name,
                                          JobContext ctx) throws IOException {
        long t0 = System.nanoTime();
        PoStSnark.Result r = PoStStages.snark(new PoStRequest(type, RANDOMNESS, PROVER, sectors, 0, dir.resolve(name)),
                PARAMS.get(type), ctx);
        System.out.println(type.upstreamName() + " over " + sectors.size() + " sector(s): "
                + (System.nanoTime() - t0) / 1_000_000 + " ms; " + ctx.stageTimes());
        return r;
    }

    private static byte[] flip(byte[] b, int bit) {
        byte[] out = b.clone();
        out[bit >>> 3] ^= (byte) (1 << (bit & 7));
        return out;
    }

    private static void checkRejections(RegisteredPoStProof type, List<PublicSector> sectors, byte[] proof, String m) {
        Random rnd = new Random(SEED ^ type.id());
        var vk = PARAMS.get(type).verifyingKey();
        assertTrue(PoStSnark.verify(type, vk, RANDOMNESS, sectors, proof), m);
        List<PublicSector> wrongR = new ArrayList<>(sectors);
        int at = rnd.nextInt(sectors.size());
        wrongR.set(at, new PublicSector(sectors.get(at).id(), Fr.random(rnd).toBytesLE()));
        assertFalse(PoStSnark.verify(type, vk, RANDOMNESS, wrongR, proof), m + " wrong comm_r of " + at);
        byte[] otherRandomness = RANDOMNESS.clone();
        otherRandomness[rnd.nextInt(31)] ^= 1;
        assertFalse(PoStSnark.verify(type, vk, otherRandomness, sectors, proof), m + " other randomness");
        int bit = rnd.nextInt(proof.length * 8);
        assertFalse(PoStSnark.verify(type, vk, RANDOMNESS, sectors, flip(proof, bit)), m + " flipped bit " + bit);
        assertFalse(PoStSnark.verify(type, vk, RANDOMNESS, sectors, Arrays.copyOf(proof, proof.length - 1)), m);
    }

    @Test
    void windowPoStOverTwoSectorsVerifiesHereAndWithBlst() throws IOException {
        String m = "seed " + SEED;
        JobContext ctx = TestJobs.context(TestJobs.CPU, 1, null);
        // given out of order: proved in id order, as the verifier orders them
        PoStSnark.Result r = prove(WINDOW, List.of(SECTORS.get(1), SECTORS.get(0)), "window.proof", ctx);
        assertEquals(1, r.partitions(), m);
        assertEquals(Proof.BYTES, r.bytes().length, m);
        assertArrayEquals(r.bytes(), Files.readAllBytes(r.out()), m);
        List<PublicSector> two = List.of(PUBLIC.get(0), PUBLIC.get(1));
        assertEquals(PoStSnark.publicInputs(WINDOW, RANDOMNESS, two), r.publicInputs(), m);
        checkRejections(WINDOW, two, r.bytes(), m);
        for (String stage : List.of("vanilla_proofs", "synthesis", "fft", "msm_h", "msm_l", "msm_a", "msm_b_g1",
                "msm_b_g2", "assembly", "self_check", "verification")) {
            assertNotNull(ctx.stageTimes().stage(stage), stage + " in " + ctx.stageTimes());
        }
        BlstGroth16Check.assumeNativeBlst();
        assertTrue(BlstGroth16Check.verify(PARAMS.get(WINDOW).verifyingKey(), r.bytes(), r.publicInputs().get(0)),
                m + " (blst)");
        List<Fr> wrong = new ArrayList<>(r.publicInputs().get(0));
        wrong.set(0, wrong.get(0).add(Fr.ONE));
        assertFalse(BlstGroth16Check.verify(PARAMS.get(WINDOW).verifyingKey(), r.bytes(), wrong), m + " (blst)");
    }

    /** Three sectors at two per partition: two proofs, the second over sector 3 and its repetition. */
    @Test
    void windowPoStOfTwoPartitionsConcatenatesTheirProofs() throws IOException {
        String m = "seed " + SEED;
        PoStSnark.Result r = prove(WINDOW, SECTORS, "window3.proof", TestJobs.context(TestJobs.CPU, 1, null));
        assertEquals(2, r.partitions(), m);
        assertEquals(2 * Proof.BYTES, r.bytes().length, m);
        checkRejections(WINDOW, PUBLIC, r.bytes(), m);
        // partition proofs swapped: rejected
        byte[] swapped = new byte[2 * Proof.BYTES];
        System.arraycopy(r.bytes(), Proof.BYTES, swapped, 0, Proof.BYTES);
        System.arraycopy(r.bytes(), 0, swapped, Proof.BYTES, Proof.BYTES);
        assertFalse(PoStSnark.verify(WINDOW, PARAMS.get(WINDOW).verifyingKey(), RANDOMNESS, PUBLIC, swapped), m);
    }

    @Test
    void winningPoStVerifiesHereAndWithBlst() throws IOException {
        String m = "seed " + SEED;
        PoStSnark.Result r = prove(WINNING, List.of(SECTORS.get(2)), "winning.proof",
                TestJobs.context(TestJobs.CPU, 1, null));
        assertEquals(Proof.BYTES, r.bytes().length, m);
        List<PublicSector> challenged = List.of(PUBLIC.get(2));
        checkRejections(WINNING, challenged, r.bytes(), m);
        // the sector is the one Winning PoSt selects among the eligible
        assertEquals(PUBLIC.get(2).id(), new PoStProver(SealFixtures.CPU).proveWinning(WINNING, RANDOMNESS, PROVER,
                List.of(new PoStProver.SectorInput(PUBLIC.get(2).id(), PUBLIC.get(2).commR(), SECTORS.get(2).cacheDir(),
                        SECTORS.get(2).replica()))).sectorId(), m);
        BlstGroth16Check.assumeNativeBlst();
        assertTrue(BlstGroth16Check.verify(PARAMS.get(WINNING).verifyingKey(), r.bytes(), r.publicInputs().get(0)),
                m + " (blst)");
    }

    @Test
    void refusesWhatTheCircuitCannotPlace() {
        JobContext ctx = TestJobs.context(TestJobs.CPU, 1, null);
        InvalidInputException partition = assertThrows(InvalidInputException.class, () -> PoStStages.snark(
                new PoStRequest(WINDOW, RANDOMNESS, PROVER, SECTORS, 1, dir.resolve("p.proof")), PARAMS.get(WINDOW), ctx));
        assertEquals("partition", partition.field());
        PoStRequest.Sector positioned = new PoStRequest.Sector(SECTORS.get(0).sectorId(), SECTORS.get(0).commR(),
                SECTORS.get(0).cacheDir(), SECTORS.get(0).replica(), 5L);
        InvalidInputException position = assertThrows(InvalidInputException.class, () -> PoStStages.snark(
                new PoStRequest(WINDOW, RANDOMNESS, PROVER, List.of(positioned), 0, dir.resolve("q.proof")),
                PARAMS.get(WINDOW), ctx));
        assertEquals("sectors", position.field());
        assertFalse(Files.exists(dir.resolve("p.proof")));
    }
}
