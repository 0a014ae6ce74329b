package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.groth16.BlstGroth16Check;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.TestParameterCache;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit2;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shared by the C2 end-to-end tests: Groth16 parameters of a size's partition circuit from a local
 * setup (random toxic waste) kept in {@link TestParameterCache}, C2 with its timings, and the
 * tampered statements the proofs must fail. Timing lines are printed and appended to
 * target/commit2-timings.txt (kept when the console is lost).
 */
final class C2Fixture {
    private C2Fixture() {
    }

    /**
     * The parameters of {@code size}'s partition circuit (2 layers, interactive shape: Synthetic and
     * NI-PoRep partitions of the small sizes have the same circuit, {@code Commit2VariantsTest}).
     */
    static Groth16Parameters params(SectorSize size, long seed) throws IOException {
        StackedCircuit blank = StackedCompound.blankCircuit(StackedConfig.of(size, 2, PoRepFeature.NONE));
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Groth16Parameters params = TestParameterCache.get(TestParameterCache.defaultDir(),
                "stacked-" + size.label() + "-2layers", blank, () -> {
                    StringBuilder phases = new StringBuilder();
                    resetPeakHeap();
                    long g0 = System.nanoTime();
                    long c0 = processCpuNanos();
                    Groth16Parameters p;
                    try (WorkerPool pool = WorkerPool.of(2, "setup")) {
                        p = Groth16Setup.generate(blank, ToxicWaste.random(new Random(seed)), pool,
                                (phase, nanos) -> phases.append(String.format(" %s=%.1fs", phase, nanos / 1e9)));
                    }
                    report(String.format("%s local setup (2-thread pool): %.1f s wall, %.1f s cpu (%s ); peak heap "
                                    + "%d MiB of %d, load %.1f", size, (System.nanoTime() - g0) / 1e9,
                            (processCpuNanos() - c0) / 1e9, phases, peakHeapMiB(), maxHeapMiB(), load()));
                    return p;
                });
        report(String.format("%s parameters (cached or generated, cache key included): %.1f s wall, %.1f s cpu; "
                        + "h %d, l %d, a %d, b_g1 %d, b_g2 %d points", size, (System.nanoTime() - t0) / 1e9,
                (processCpuNanos() - cpu0) / 1e9, params.hCount(), params.lCount(), params.aCount(), params.bG1Count(),
                params.bG2Count()));
        return params;
    }

    /** SealStages.commit2 in a 2-thread cpu job; checks the proof length and the prover's stages, reports times. */
    static byte[] commit2(Commit1.Output c1, Groth16Parameters params, String what) {
        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, ProgressSink.NONE);
        Runtime rt = Runtime.getRuntime();
        int group = Groth16Prover.groupSize(params, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        resetPeakHeap();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        byte[] proofs = SealStages.commit2(c1, params, ctx);
        int partitions = c1.sectorSize().porepPartitions(c1.feature());
        report(String.format("%s C2 (2-thread job, %d partitions, about %d at once): %.1f s wall, %.1f s cpu; stages %s; "
                        + "peak heap %d MiB of %d, load %.1f", what, partitions, group,
                (System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9,
                ctx.stageTimes().stages().stream().map(s -> s.name() + "=" + s.millis() + "ms").toList(),
                peakHeapMiB(), maxHeapMiB(), load()));
        assertEquals(partitions * Proof.BYTES, proofs.length, what);
        Set<String> stages = ctx.stageTimes().stages().stream().map(StageTimes.Stage::name).collect(Collectors.toSet());
        assertTrue(stages.containsAll(Set.of("vanilla_verification", "synthesis", "fft", "msm_h", "msm_b_g2",
                "self_check", "verification")), what + " " + stages);
        return proofs;
    }

    /**
     * The checks of a seed-dependent (interactive or Synthetic) C2 output: it verifies with ours and
     * with blst (skipped where the native library is missing), and not for a wrong comm_r, another
     * seed that changes the challenges, six flipped bits (A's sign flag, which leaves a valid point; coordinates of A,
     * B and the last of C; one at random) or a short proof.
     */
    static void assertVerifiesAndTamperingFails(String what, Commit1.Output c1, VerifyingKey vk, byte[] proofs,
                                                long seed) {
        String msg = what + ", seed " + seed;
        long v0 = System.nanoTime();
        StackedCompound.Statement st = StackedCompound.Statement.of(c1);
        assertTrue(Commit2.verify(vk, st, proofs), msg);

        Random rnd = new Random(seed);
        StackedCompound.Statement badR = withCommR(st, Fr.random(rnd).toBytesLE());
        assertFalse(Commit2.verify(vk, badR, proofs), msg);
        StackedCompound.Statement badSeed = otherSeedChangingChallenges(st, rnd);
        assertFalse(Commit2.verify(vk, badSeed, proofs), msg);
        int last = 8 * proofs.length - 1;
        for (int bit : new int[] {5, 0, 8 * 47 + 3, 8 * 100, last, rnd.nextInt(last + 1)}) {
            assertFalse(Commit2.verify(vk, st, flipBit(proofs, bit)), msg + " bit " + bit);
        }
        assertFalse(Commit2.verify(vk, st, Arrays.copyOf(proofs, proofs.length - 1)), msg);
        report(String.format("%s C2 checks (ours: wrong comm_r, seed, flipped bits): %.1f s", what,
                (System.nanoTime() - v0) / 1e9));

        BlstGroth16Check.assumeNativeBlst();
        assertTrue(blstVerifiesEveryPartition(vk, st, proofs), msg);
        assertFalse(blstVerifiesEveryPartition(vk, badR, proofs), msg);
        assertFalse(blstVerifiesEveryPartition(vk, badSeed, proofs), msg);
    }

    static StackedCompound.Statement withCommR(StackedCompound.Statement st, byte[] commR) {
        return new StackedCompound.Statement(st.size(), st.feature(), st.porepId(), st.apiVersion(), st.replicaId(),
                st.commD(), commR, st.seed());
    }

    static StackedCompound.Statement withSeed(StackedCompound.Statement st, byte[] seed) {
        return new StackedCompound.Statement(st.size(), st.feature(), st.porepId(), st.apiVersion(), st.replicaId(),
                st.commD(), st.commR(), seed);
    }

    static StackedCompound.Statement withReplicaId(StackedCompound.Statement st, byte[] replicaId) {
        return new StackedCompound.Statement(st.size(), st.feature(), st.porepId(), st.apiVersion(), replicaId,
                st.commD(), st.commR(), st.seed());
    }

    /**
     * The statement under another seed (one random bit flipped) that changes the challenges: a
     * 2 KiB sector has 63 challengeable nodes, so a given other seed keeps both challenges of a
     * partition about once in 4,000 tries, and then the proof rightly still verifies.
     */
    static StackedCompound.Statement otherSeedChangingChallenges(StackedCompound.Statement st, Random rnd) {
        for (int attempt = 0; attempt < 100; attempt++) {
            byte[] seed = st.seed().clone();
            int bit = rnd.nextInt(256);
            seed[bit / 8] ^= (byte) (1 << (bit % 8));
            StackedCompound.Statement other = withSeed(st, seed);
            for (int k = 0; k < st.partitions(); k++) {
                if (!Arrays.equals(st.challenges(k), other.challenges(k))) {
                    return other;
                }
            }
        }
        throw new AssertionError("no seed among 100 changes the challenges: the seed is not used");
    }

    /** Every partition's proof through native blst against the statement's public inputs of that partition. */
    static boolean blstVerifiesEveryPartition(VerifyingKey vk, StackedCompound.Statement st, byte[] proofs) {
        for (int k = 0; k < st.partitions(); k++) {
            if (!blstVerifiesPartition(vk, st, proofs, k)) {
                return false;
            }
        }
        return true;
    }

    /** Partition k's proof (bytes 192·k onwards) through native blst against that partition's public inputs. */
    static boolean blstVerifiesPartition(VerifyingKey vk, StackedCompound.Statement st, byte[] proofs, int k) {
        byte[] proof = Arrays.copyOfRange(proofs, k * Proof.BYTES, (k + 1) * Proof.BYTES);
        return BlstGroth16Check.verify(vk, proof, StackedCompound.publicInputs(st, k));
    }

    static byte[] flipBit(byte[] proofs, int bit) {
        byte[] flipped = proofs.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    static void report(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "commit2-timings.txt"), java.time.Instant.now() + " " + line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot record timings: " + e);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound: pools peak at different times). */
    static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    static void resetPeakHeap() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    static long maxHeapMiB() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }
}
