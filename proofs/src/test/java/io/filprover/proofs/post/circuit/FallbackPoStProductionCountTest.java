package io.filprover.proofs.post.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Production PoSt circuits counted blank with {@link CountingConstraintSystem}. Expected numbers,
 * derived: filecoin-proofs constants.rs gives 125,279,217 = 2349 × 53,333 (32 GiB) and 129,887,900 =
 * 2300 × 56,473 (64 GiB), so one slot of 10 challenges costs 53,333 / 56,473. TV-CIRCUIT's
 * single_partition_base_8 row (16,869 = 3 × 5,623) with the Poseidon-8 private-root PoR row (1,062 per
 * challenge) gives the comm_r part of a slot, 5,623 − 5 × 1,062 = 313; hence PoR costs 5,302 at 32 GiB
 * ((53,333 − 313) / 10) and a Winning circuit, 66 slots of one challenge, costs 66 × (313 + 5,302) =
 * 370,590 at 32 GiB, 66 × (313 + 5,616) = 391,314 at 64 GiB (PoR (56,473 − 313) / 10) and
 * 66 × (313 + 1,062) = 90,750 at 2 KiB; a 2 KiB Window circuit 2 × (313 + 10 × 1,062) = 21,866.
 */
class FallbackPoStProductionCountTest {
    /** Heap of the JVM that counts a whole Window circuit: passing shows the count is bounded. */
    static final String HEAP = "-Xmx256m";

    @ParameterizedTest(name = "{0}, {1} slot(s): {2} inputs, {3} constraints")
    @CsvSource({
        "STACKED_DRG_WINDOW_32GIB_V1, 1, 12, 53333",
        "STACKED_DRG_WINDOW_64GIB_V1_2, 1, 12, 56473",
        "STACKED_DRG_WINNING_32GIB_V1, 66, 133, 370590",
        "STACKED_DRG_WINNING_64GIB_V1, 66, 133, 391314",
        "STACKED_DRG_WINNING_2KIB_V1, 66, 133, 90750",
        "STACKED_DRG_WINDOW_2KIB_V1, 2, 23, 21866",
    })
    void counts(RegisteredPoStProof type, int slots, long inputs, long constraints) {
        FallbackPoStCompound.PublicParams full = FallbackPoStCompound.PublicParams.of(type);
        FallbackPoStCompound.PublicParams pp = new FallbackPoStCompound.PublicParams(full.shape(), full.leaves(),
                full.challengeCount(), slots, full.version());
        CountingConstraintSystem<Fr> cs = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                FallbackPoStCompound.blankCircuit(pp));
        assertEquals(constraints, cs.numConstraints(), type.upstreamName());
        assertEquals(inputs, cs.numInputs(), type.upstreamName());
    }

    /**
     * The whole Window circuits (10^8 constraints; TV-CIRCUIT last row), each counted in a JVM of its
     * own limited to {@value #HEAP} of heap; prints the time and peak heap. Fast since counting
     * discards linear combinations (bench/RESULTS.md): ~9–12 s each at -Xmx2g on the loaded 2-core
     * machine, against 1,957 s / 1,473 s before.
     */
    @ParameterizedTest(name = "whole {0}: {1} inputs, {2} constraints")
    @CsvSource({
        "STACKED_DRG_WINDOW_32GIB_V1, 25840, 125279217",
        "STACKED_DRG_WINDOW_64GIB_V1, 25301, 129887900",
    })
    void wholeWindowCircuitsInBoundedMemory(RegisteredPoStProof type, long inputs, long constraints)
            throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), HEAP, "-cp", cp, Counter.class.getName(), type.name())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), out);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        List<String> f = List.of(out.trim().split("\\s+"));
        assertEquals(constraints, Long.parseLong(f.get(1)), out);
        assertEquals(inputs, Long.parseLong(f.get(3)), out);
    }

    /** Counts one registered proof's circuit; prints "type constraints N inputs N ms N peak-heap-MiB N". */
    public static final class Counter {
        public static void main(String[] args) {
            RegisteredPoStProof type = RegisteredPoStProof.valueOf(args[0]);
            long t0 = System.nanoTime();
            CountingConstraintSystem<Fr> cs = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                    FallbackPoStCompound.blankCircuit(FallbackPoStCompound.PublicParams.of(type)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println(type.upstreamName() + " " + cs.numConstraints() + " inputs " + cs.numInputs() + " ms "
                    + ms + " peak-heap-MiB " + (peak >> 20));
        }
    }
}
