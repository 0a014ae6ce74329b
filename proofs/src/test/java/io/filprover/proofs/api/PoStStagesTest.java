package io.filprover.proofs.api;

import io.filprover.api.CancelledException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PreconditionException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.api.job.WorkerPool;
import io.filprover.cpu.CpuKernels;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.porep.SealFixtures;
import io.filprover.proofs.post.FallbackPoStSectorProof;
import io.filprover.proofs.post.PoStProver;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.post.VanillaPoStVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PoSt entry of the proving API on three freshly sealed 2 KiB sectors (random data): its output
 * against the prover called directly in the order and positions upstream defines, each slice
 * checked by the verifier, and its refusals before any work.
 */
class PoStStagesTest {
    @TempDir
    static Path dir;

    private static final long SEED = new Random().nextLong();
    private static final List<PoStRequest.Sector> SECTORS = new ArrayList<>();
    private static final byte[] PROVER = new byte[32];
    private static final byte[] RANDOMNESS = new byte[32];

    @BeforeAll
    static void seal() throws IOException {
        Random rnd = new Random(SEED);
        rnd.nextBytes(PROVER);
        PROVER[31] &= 0x3f;
        rnd.nextBytes(RANDOMNESS);
        long base = 1 + rnd.nextInt(1000);
        for (int i = 0; i < 3; i++) {
            byte[] raw = new byte[(int) SectorSize.SIZE_2KIB.unpaddedBytes()];
            rnd.nextBytes(raw);
            byte[] ticket = new byte[32];
            rnd.nextBytes(ticket);
            SealFixtures.Sealed s = SealFixtures.seal(SectorSize.SIZE_2KIB, raw,
                    SealFixtures.identity(PROVER, base + i, ticket, 5), 2, dir.resolve("s" + i));
            SECTORS.add(new PoStRequest.Sector(base + i, s.pc2().commR(), s.cache(), s.replica(), null));
        }
    }

    private static JobContext context(CancellationToken token) {
        WorkerPool pool = WorkerPool.of(1);
        return JobContext.of(pool, new CpuKernels(pool), ProgressSink.NONE, token, dir);
    }

    @Test
    void windowPartitionEqualsTheDirectProverInIdOrderAndEverySliceVerifies() throws IOException {
        RegisteredPoStProof type = RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1; // position-dependent challenges
        // given out of order: the stage sorts by sector id, as Lotus does
        List<PoStRequest.Sector> shuffled = List.of(SECTORS.get(2), SECTORS.get(0), SECTORS.get(1));
        Path out = dir.resolve("window.bin");
        PoStResult r;
        try (JobContext ctx = context(CancellationToken.create())) {
            r = PoStStages.vanilla(new PoStRequest(type, RANDOMNESS, PROVER, shuffled, 0, out), ctx);
        }
        List<FallbackPoStSectorProof> direct = new PoStProver(SealFixtures.CPU).proveWindowPartition(type, masked(),
                inputs(), 0);
        byte[] file = Files.readAllBytes(out);
        assertEquals(file.length, r.bytes());
        assertEquals(2, r.sectors().size(), "seed " + SEED);
        VanillaPoStVerifier verifier = new VanillaPoStVerifier();
        for (int i = 0; i < 2; i++) {
            PoStResult.SectorProof p = r.sectors().get(i);
            assertEquals(SECTORS.get(i).sectorId(), p.sectorId());
            byte[] slice = Arrays.copyOfRange(file, (int) p.offset(), (int) p.offset() + p.length());
            assertArrayEquals(VanillaPoStCodec.encode(direct.get(i)), slice, "seed " + SEED);
            assertTrue(verifier.verify(type, masked(), p.sectorId(), SECTORS.get(i).commR(), i,
                    VanillaPoStCodec.decode(slice)).valid(), "seed " + SEED);
        }
    }

    @Test
    void windowAndWinningRecordTheirVanillaProofsAndTheirVerificationApart() throws IOException {
        for (RegisteredPoStProof type : List.of(RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1,
                RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1)) {
            JobContext ctx = TestJobs.context(TestJobs.CPU, 1, null); // a fresh context: its own recorder
            long t0 = System.nanoTime();
            PoStStages.vanilla(new PoStRequest(type, RANDOMNESS, PROVER, SECTORS, 0, dir.resolve("timed.bin")), ctx);
            long wall = System.nanoTime() - t0;
            List<StageTimes.Stage> stages = ctx.stageTimes().stages();
            assertEquals(List.of("vanilla_proofs", "verification"), stages.stream().map(StageTimes.Stage::name).toList(),
                    type.upstreamName());
            assertTrue(stages.stream().mapToLong(StageTimes.Stage::nanos).sum() <= wall, stages.toString());
        }
    }

    @Test
    void winningEqualsTheDirectProver() throws IOException {
        RegisteredPoStProof type = RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1;
        Path out = dir.resolve("winning.bin");
        try (JobContext ctx = context(CancellationToken.create())) {
            PoStStages.vanilla(new PoStRequest(type, RANDOMNESS, PROVER, SECTORS, 0, out), ctx);
        }
        FallbackPoStSectorProof direct = new PoStProver(SealFixtures.CPU).proveWinning(type, masked(), PROVER, inputs());
        assertArrayEquals(VanillaPoStCodec.encode(direct), Files.readAllBytes(out), "seed " + SEED);
    }

    @Test
    void refusalsComeBeforeAnyWorkAndWriteNothing() throws IOException {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        RegisteredPoStProof window = RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_2;
        try (JobContext ctx = context(CancellationToken.create())) {
            PreconditionException under = assertThrows(PreconditionException.class, () -> PoStStages.vanilla(
                    new PoStRequest(window, RANDOMNESS, PROVER, SECTORS, 0, aFile.resolve("p.bin")), ctx));
            assertEquals("out", under.field());
            InvalidInputException partition = assertThrows(InvalidInputException.class, () -> PoStStages.vanilla(
                    new PoStRequest(window, RANDOMNESS, PROVER, SECTORS, 2, dir.resolve("p2.bin")), ctx));
            assertEquals("partition", partition.field());
            assertFalse(Files.exists(dir.resolve("p2.bin")));
            InvalidInputException size = assertThrows(InvalidInputException.class, () -> PoStStages.vanilla(
                    new PoStRequest(RegisteredPoStProof.STACKED_DRG_WINDOW_8MIB_V1_2, RANDOMNESS, PROVER, SECTORS, 0,
                            dir.resolve("p3.bin")), ctx));
            assertEquals("post-proof", size.field());
            assertTrue(size.getMessage().contains("2KiB"), size.getMessage());
        }
        CancellationToken token = CancellationToken.create();
        token.cancel("deadline passed");
        try (JobContext ctx = context(token)) {
            assertThrows(CancelledException.class, () -> PoStStages.vanilla(
                    new PoStRequest(window, RANDOMNESS, PROVER, SECTORS, 0, dir.resolve("p4.bin")), ctx));
        }
        assertFalse(Files.exists(dir.resolve("p4.bin")));
        assertFalse(Files.exists(dir.resolve("p4.bin.tmp")));
    }

    private static byte[] masked() {
        byte[] r = RANDOMNESS.clone();
        r[31] &= 0x3f;
        return r;
    }

    private static List<PoStProver.SectorInput> inputs() {
        List<PoStProver.SectorInput> in = new ArrayList<>();
        for (PoStRequest.Sector s : SECTORS) {
            in.add(new PoStProver.SectorInput(s.sectorId(), s.commR(), s.cacheDir(), s.replica()));
        }
        return in;
    }
}
