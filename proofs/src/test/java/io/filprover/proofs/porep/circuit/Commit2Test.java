package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.InvalidInputException;
import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.groth16.BlstGroth16Check;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit2;
import io.filprover.api.job.WorkerPool;
import io.filprover.proofs.groth16.params.TestParameterCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2 on a sealed 2 KiB sector (random data and ids, 2 layers, 1 partition of 2 challenges) with
 * Groth16 parameters from a local setup of the blank circuit (random toxic waste, once per class):
 * the proof verifies with our verifier and with blst, and not for a wrong comm_r, another seed or
 * a flipped bit. Setup and prove times are printed and appended to target/commit2-timings.txt.
 *
 * <p>The circuit has 2,687,921 constraints (domain 2^22): the setup makes 10.2 M G1 and 0.7 M G2
 * points, about 3 minutes of one core, and C2 about 1.7 more (bench/RESULTS.md §8). The parameters
 * are kept in target/groth16-params-cache (1.1 GB, keyed by a digest of the constraint system), so
 * a rerun skips the setup. With a fresh setup the class took 4.7–5.2 min at load 3–5 and 7.8 min at
 * load 4–8 on a shared 2-core machine (about 5 minutes of CPU).
 */
@Tag("slow")
class Commit2Test {
    @TempDir
    static Path dir;

    private static SealedC1 sector;
    private static Commit1.Output c1;
    private static Groth16Parameters params;
    private static long seed;

    @BeforeAll
    static void setUp() throws IOException {
        seed = new Random().nextLong();
        long s0 = System.nanoTime();
        sector = SealedC1.seal(SectorSize.SIZE_2KIB, 5, seed, dir);
        c1 = sector.commit1(PoRepFeature.NONE);
        report(String.format("2 KiB seal + C1: %.1f s (seed %d)", (System.nanoTime() - s0) / 1e9, seed));
        StackedConfig cfg = StackedConfig.of(SectorSize.SIZE_2KIB, 2, PoRepFeature.NONE);
        StackedCircuit blank = StackedCompound.blankCircuit(cfg);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        params = TestParameterCache.get(TestParameterCache.defaultDir(), "stacked-2KiB-2layers", blank, () -> {
            StringBuilder phases = new StringBuilder();
            long g0 = System.nanoTime();
            long c0 = processCpuNanos();
            Groth16Parameters p;
            try (WorkerPool pool = WorkerPool.of(2, "setup")) {
                p = Groth16Setup.generate(blank, ToxicWaste.random(new Random(seed)), pool,
                        (phase, nanos) -> phases.append(String.format(" %s=%.1fs", phase, nanos / 1e9)));
            }
            report(String.format("2 KiB local setup (2-thread pool): %.1f s wall, %.1f s cpu (%s ); peak heap %d MiB, load %.1f",
                    (System.nanoTime() - g0) / 1e9, (processCpuNanos() - c0) / 1e9, phases, peakHeapMiB(), load()));
            return p;
        });
        report(String.format("2 KiB parameters (cached or generated, cache key included): %.1f s wall, %.1f s cpu; "
                        + "h %d, l %d, a %d, b_g1 %d, b_g2 %d points", (System.nanoTime() - t0) / 1e9,
                (processCpuNanos() - cpu0) / 1e9, params.hCount(), params.lCount(), params.aCount(), params.bG1Count(),
                params.bG2Count()));
    }

    /** The parameters are 1.1 GB: let the rest of the suite's fork have the heap back. */
    @AfterAll
    static void release() {
        params = null;
        c1 = null;
        sector = null;
    }

    /** Prints a timing line and appends it to target/commit2-timings.txt (kept when the console is lost). */
    private static void report(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "commit2-timings.txt"), java.time.Instant.now() + " " + line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot record timings: " + e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    @Test
    void provesAndVerifies() {
        String msg = "seed " + seed;
        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, ProgressSink.NONE);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        byte[] proofs = SealStages.commit2(c1, params, ctx);
        report(String.format("2 KiB C2 (2-thread job): %.1f s wall, %.1f s cpu; stages %s; peak heap %d MiB, load %.1f",
                (System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9,
                ctx.stageTimes().stages().stream().map(s -> s.name() + "=" + s.millis() + "ms").toList(),
                peakHeapMiB(), load()));
        long v0 = System.nanoTime();
        assertEquals(Proof.BYTES, proofs.length, msg);
        Set<String> stages = ctx.stageTimes().stages().stream().map(StageTimes.Stage::name).collect(Collectors.toSet());
        assertTrue(stages.containsAll(Set.of("synthesis", "fft", "msm_h", "msm_b_g2", "self_check", "verification")),
                msg + " " + stages);

        StackedCompound.Statement st = StackedCompound.Statement.of(c1);
        assertTrue(Commit2.verify(params.verifyingKey(), st, proofs), msg);

        Random rnd = new Random(seed);
        byte[] wrongCommR = Fr.random(rnd).toBytesLE();
        StackedCompound.Statement badR = new StackedCompound.Statement(st.size(), st.feature(), st.porepId(),
                st.apiVersion(), st.replicaId(), st.commD(), wrongCommR, st.seed());
        assertFalse(Commit2.verify(params.verifyingKey(), badR, proofs), msg);

        byte[] otherSeed = st.seed().clone();
        otherSeed[5] ^= 0x10;
        StackedCompound.Statement badSeed = new StackedCompound.Statement(st.size(), st.feature(), st.porepId(),
                st.apiVersion(), st.replicaId(), st.commD(), st.commR(), otherSeed);
        assertFalse(Commit2.verify(params.verifyingKey(), badSeed, proofs), msg);

        for (int bit : new int[] {0, 8 * 47 + 3, 8 * 100, 8 * 191 + 7, rnd.nextInt(8 * Proof.BYTES)}) {
            byte[] flipped = proofs.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Commit2.verify(params.verifyingKey(), st, flipped), msg + " bit " + bit);
        }
        assertFalse(Commit2.verify(params.verifyingKey(), st, java.util.Arrays.copyOf(proofs, 191)), msg);
        report(String.format("2 KiB C2 checks (ours: wrong comm_r, seed, flipped bits): %.1f s",
                (System.nanoTime() - v0) / 1e9));

        // the same proof and the wrong comm_r through native blst (skipped where it is not installed)
        List<Fr> inputs = StackedCompound.publicInputs(st, 0);
        BlstGroth16Check.assumeNativeBlst();
        assertTrue(BlstGroth16Check.verify(params.verifyingKey(), proofs, inputs), msg);
        assertFalse(BlstGroth16Check.verify(params.verifyingKey(), proofs, StackedCompound.publicInputs(badR, 0)), msg);
    }

    @Test
    void rejectsAC1OutputThatDoesNotVerify() {
        byte[] commR = Fr.random(new Random(seed + 7)).toBytesLE();
        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, ProgressSink.NONE);
        assertThrows(InvalidInputException.class,
                () -> SealStages.commit2(StackedCircuitSealedTest.withCommR(c1, commR), params, ctx), "seed " + seed);
    }
}
