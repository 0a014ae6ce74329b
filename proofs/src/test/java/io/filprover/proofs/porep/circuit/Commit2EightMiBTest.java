package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2 end to end on an 8 MiB sector (StackedDrg8MiBV1_1, porep id 6: random data and ids, 2 layers as
 * in production, 1 partition of 2 challenges): seal, C1, a local setup of the partition circuit
 * (3,844,929 constraints, domain 2^22; cached in target/groth16-params-cache under its own key), C2;
 * the proof verifies with our verifier and with blst, and not for a wrong comm_r, another seed, a
 * flipped bit. Timings and peak heap go to target/commit2-timings.txt ({@link C2Fixture}).
 * Measured on a shared 2-core machine at load 3–5 with -Xmx4g: seal + C1 26 s, setup 226 s wall
 * (230 s of CPU, peak heap ≤ 2,058 MiB), C2 57 s wall (109 s of CPU, peak heap ≤ 3,589 MiB); the
 * class 323 s. The parameters are 1.4 GB (h 4,194,303, l 3,842,449, a 3,815,036, b 1,011,290 points).
 */
@Tag("slow")
class Commit2EightMiBTest {
    @TempDir
    static Path dir;

    @Test
    void sealCommit1Commit2Verify() throws IOException {
        long seed = new Random().nextLong();
        SectorSize size = SectorSize.SIZE_8MIB;
        // the regression count of StackedProductionCountTest: the circuit the parameters are for
        long constraints = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                StackedCompound.blankCircuit(StackedConfig.of(size, 2, PoRepFeature.NONE))).numConstraints();
        assertEquals(3_844_929L, constraints, "seed " + seed);

        long s0 = System.nanoTime();
        SealedC1 sector = SealedC1.seal(size, 6, seed, dir);
        Commit1.Output c1 = sector.commit1(PoRepFeature.NONE);
        C2Fixture.report(String.format("8 MiB seal + C1 (2 layers): %.1f s (seed %d)", (System.nanoTime() - s0) / 1e9,
                seed));
        assertEquals(1, c1.partitions().size(), "seed " + seed);

        Groth16Parameters params = C2Fixture.params(size, seed);
        byte[] proofs = C2Fixture.commit2(c1, params, "8 MiB");
        C2Fixture.assertVerifiesAndTamperingFails("8 MiB", c1, params.verifyingKey(), proofs, seed);
    }
}
