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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole production Window PoSt circuits counted blank, each in a JVM of its own limited to
 * {@value #HEAP} of heap, so passing shows the count runs in bounded memory; it prints the time
 * and the peak heap. Expected: filecoin-proofs/src/constants.rs comments (TV-CIRCUIT last row). Slow:
 * the Poseidon gadget builds its linear combinations even when only counted. Measured (2026-12,
 * {@link Counter} alone, shared 2-core machine at load ~8): 32 GiB 1,957 s wall (~13 min CPU),
 * 64 GiB 1,473 s; peak heap 154 MiB for both.
 */
@Tag("slow")
class FallbackPoStProductionCountSlowTest {
    static final String HEAP = "-Xmx256m";

    @ParameterizedTest(name = "{0}: {1} inputs, {2} constraints")
    @CsvSource({
        "STACKED_DRG_WINDOW_32GIB_V1, 25840, 125279217",
        "STACKED_DRG_WINDOW_64GIB_V1, 25301, 129887900",
    })
    void countsInBoundedMemory(RegisteredPoStProof type, long inputs, long constraints)
            throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), HEAP, "-cp", cp, Counter.class.getName(), type.name())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.HOURS), out);
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
