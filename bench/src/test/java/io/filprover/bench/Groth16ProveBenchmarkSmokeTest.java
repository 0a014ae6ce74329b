package io.filprover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.prover.ProverPhase;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A tiny run of the Groth16 benchmark's setup and body (2^6), without JMH: its proofs must verify. */
class Groth16ProveBenchmarkSmokeTest {
    @Test
    void proveAtTinySizeVerifiesAndReportsEveryPhase() throws IOException {
        Groth16ProveBenchmark b = new Groth16ProveBenchmark();
        b.logConstraints = 6;
        b.backend = "cpu";
        b.setup();
        Proof proof = b.prove();

        // the proof the benchmark measures must be a valid proof of its circuit: the same parameters (setup's
        // fixed trapdoor) and the public inputs of the chain setup() builds (start and constant from Random(20))
        Groth16Parameters params = Groth16ProveBenchmark.parameters(6);
        Random rnd = new Random(20);
        List<Fr> inputs = new SquareChainCircuit<>(Groth16ProveBenchmark.steps(6), Groth16ProveBenchmark.PUBLIC_INPUTS,
                Fr.random(rnd), Fr.random(rnd)).publicInputs(FrScalarField.INSTANCE);
        assertEquals(4, inputs.size());
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(params.verifyingKey());
        assertTrue(Groth16Verifier.verify(pvk, proof, inputs), "the benchmark's proof verifies");
        assertTrue(Groth16Verifier.verify(pvk, b.prove(), inputs), "so does the next one (fresh r, s)");

        // and the verifier is not a rubber stamp: a corrupted proof or a wrong input fails
        byte[] negA = proof.toBytes();
        negA[0] ^= 0x20; // the sign flag of A's compressed encoding: -A, still a valid point
        assertFalse(Groth16Verifier.verify(pvk, Proof.fromBytes(negA), inputs), "proof with -A");
        assertFalse(Groth16Verifier.verify(pvk, new Proof(proof.c(), proof.b(), proof.a()), inputs), "A and C swapped");
        List<Fr> wrong = new ArrayList<>(inputs);
        wrong.set(0, wrong.get(0).add(Fr.ONE));
        assertFalse(Groth16Verifier.verify(pvk, proof, wrong), "wrong public input");

        String report = b.breakdown();
        for (ProverPhase p : ProverPhase.values()) {
            assertTrue(report.contains(p.name().toLowerCase() + "="), p + " missing from " + report);
        }
        b.report();
        assertEquals(4, Groth16ProveBenchmark.publicInputCount());
    }

    @Test
    void benchmarkIsListed() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in);
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("Groth16ProveBenchmark"));
        }
    }
}
