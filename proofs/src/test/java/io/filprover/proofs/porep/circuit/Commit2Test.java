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
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2 on a sealed 2 KiB sector (random data and ids, 2 layers, 1 partition of 2 challenges) with
 * Groth16 parameters from a local setup of the blank circuit (random toxic waste, once per class):
 * the proof verifies with our verifier and with blst, and not for a wrong comm_r, another seed or
 * a flipped bit. Setup and prove times are printed.
 *
 * <p>Tagged slow: the circuit has 2,687,921 constraints (domain 2^22) and the local setup alone ran
 * for more than 30 minutes on a loaded 2-core machine (pure-Java fixed-base multiplications).
 */
@Tag("huge")
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
        sector = SealedC1.seal(SectorSize.SIZE_2KIB, 5, seed, dir);
        c1 = sector.commit1(PoRepFeature.NONE);
        StackedConfig cfg = StackedConfig.of(SectorSize.SIZE_2KIB, 2, PoRepFeature.NONE);
        StackedCircuit blank = StackedCompound.blankCircuit(cfg);
        CountingConstraintSystem<Fr> count = CountingConstraintSystem.count(FrScalarField.INSTANCE, blank);
        long t0 = System.nanoTime();
        params = Groth16Setup.generate(blank, ToxicWaste.random(new Random(seed)));
        System.out.printf("2 KiB stacked circuit: %,d constraints, %,d aux, %d inputs; local setup %.1f s%n",
                count.numConstraints(), count.numAux(), count.numInputs(), (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void provesAndVerifies() {
        String msg = "seed " + seed;
        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, ProgressSink.NONE);
        long t0 = System.nanoTime();
        byte[] proofs = SealStages.commit2(c1, params, ctx);
        System.out.printf("2 KiB C2: %.1f s; stages %s%n", (System.nanoTime() - t0) / 1e9,
                ctx.stageTimes().stages().stream().map(s -> s.name() + "=" + s.millis() + "ms").toList());
        assertEquals(Proof.BYTES, proofs.length, msg);
        Set<String> stages = ctx.stageTimes().stages().stream().map(StageTimes.Stage::name).collect(Collectors.toSet());
        assertTrue(stages.containsAll(Set.of("synthesis", "fft", "msm_h", "msm_b_g2", "self_check", "verification")),
                msg + " " + stages);

        StackedCompound.Statement st = StackedCompound.Statement.of(c1);
        assertTrue(Commit2.verify(params.verifyingKey(), st, proofs), msg);
        List<Fr> inputs = StackedCompound.publicInputs(st, 0);
        BlstGroth16Check.assumeNativeBlst();
        assertTrue(BlstGroth16Check.verify(params.verifyingKey(), proofs, inputs), msg);

        Random rnd = new Random(seed);
        byte[] wrongCommR = Fr.random(rnd).toBytesLE();
        StackedCompound.Statement badR = new StackedCompound.Statement(st.size(), st.feature(), st.porepId(),
                st.apiVersion(), st.replicaId(), st.commD(), wrongCommR, st.seed());
        assertFalse(Commit2.verify(params.verifyingKey(), badR, proofs), msg);
        assertFalse(BlstGroth16Check.verify(params.verifyingKey(), proofs, StackedCompound.publicInputs(badR, 0)), msg);

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
    }

    @Test
    void rejectsAC1OutputThatDoesNotVerify() {
        byte[] commR = Fr.random(new Random(seed + 7)).toBytesLE();
        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, ProgressSink.NONE);
        assertThrows(InvalidInputException.class,
                () -> SealStages.commit2(StackedCircuitSealedTest.withCommR(c1, commR), params, ctx), "seed " + seed);
    }
}
