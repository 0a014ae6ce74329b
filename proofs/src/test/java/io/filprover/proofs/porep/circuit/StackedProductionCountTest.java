package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Partition circuits of the production sizes, counted blank. Inputs: docs/spec/filecoin-porep-post.md §11.4 / TV-CIRCUIT's
 * derived row, 3 + 18 · challenges per partition plus ONE (2 KiB … 512 MiB: 2 challenges → 40;
 * 32/64 GiB: 18 → 328). Constraints and aux: no upstream assertion exists; the values are this
 * implementation's counts (each equals fixed part + challenges × per-challenge part, checked against
 * the 1-challenge count) kept as regression values. Time and peak heap are printed. Measured
 * (blank count, -Xmx2g, loaded 2-core machine): 2 KiB 5.3 s / 286 MiB, 8 MiB 7.3 s / 325 MiB,
 * 512 MiB 6.9 s / 324 MiB, 32 GiB 234 s / 314 MiB, 64 GiB 304 s / 460 MiB peak heap (hence slow).
 */
class StackedProductionCountTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SIZE_2KIB, 40, 2687921", "SIZE_8MIB, 40, 3844929", "SIZE_512MIB, 40, 4423433"})
    void smallProductionSizes(SectorSize size, long inputs, long constraints) {
        count(size, inputs, constraints);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SIZE_32GIB, 328, 130278541", "SIZE_64GIB, 328, 131185849"})
    void largeProductionSizes(SectorSize size, long inputs, long constraints) {
        count(size, inputs, constraints);
    }

    /** {@code constraints} < 0: not yet recorded, only printed. */
    private static void count(SectorSize size, long inputs, long constraints) {
        StackedConfig cfg = StackedConfig.of(size, PoRepFeature.NONE);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        CountingConstraintSystem<Fr> cs = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                StackedCompound.blankCircuit(cfg));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s (%s, %d layers, %d challenges): %,d inputs, %,d constraints, %,d aux; %.1f s, "
                        + "peak heap %d MiB%n", size, size.shape(), cfg.layers(), cfg.challenges(), cs.numInputs(),
                cs.numConstraints(), cs.numAux(), seconds, peak >> 20);
        assertEquals(inputs, cs.numInputs(), size.toString());
        if (constraints >= 0) {
            assertEquals(constraints, cs.numConstraints(), size.toString());
        }

        // additivity: the partition is a fixed part plus identical challenge circuits
        StackedConfig one = new StackedConfig(cfg.shape(), cfg.nodes(), cfg.layers(), 1);
        CountingConstraintSystem<Fr> single = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                StackedCompound.blankCircuit(one));
        long fixed = 3 + 256 + 311 + 1; // 3 inputize, replica_id bits, Poseidon_2 (hash.rs: 311), comm_r equality
        assertEquals(fixed + cfg.challenges() * (single.numConstraints() - fixed), cs.numConstraints(), size.toString());
    }
}
