package io.filprover.proofs.groth16;

import io.filprover.proofs.TestJobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.groth16.circuits.XorDemo;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.r1cs.Variable;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProverListener;
import io.filprover.proofs.groth16.prover.ProverPhase;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The constraint-system API, the test system's diagnostics, and the synthetic chain circuit. */
class ConstraintSystemTest {
    private static final FrScalarField F = FrScalarField.INSTANCE;
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @Test
    void linearCombinationsMergeTermsOnTheSameVariable() {
        Variable a = Variable.aux(0);
        Variable x = Variable.input(1);
        LinearCombination<Fr> lc = new LinearCombination<>(F).add(a).add(a).sub(x).add(Fr.fromLong(5), x);
        assertEquals(2, lc.size());
        assertEquals(Fr.fromLong(2), lc.coefficient(0));
        assertEquals(Fr.fromLong(4), lc.coefficient(1));
        // beyond the hash-index threshold merging still works
        LinearCombination<Fr> big = new LinearCombination<>(F);
        for (int i = 0; i < 40; i++) {
            big.add(Variable.aux(i));
        }
        for (int i = 0; i < 40; i += 2) {
            big.add(Fr.fromLong(i), Variable.aux(i));
        }
        assertEquals(40, big.size());
        assertEquals(Fr.fromLong(11), big.coefficient(10));
        assertEquals(Fr.ONE, big.coefficient(11));
    }

    @Test
    void xorDemoIsSatisfiedForEveryWitnessAndCountsMatch() {
        for (boolean a : new boolean[] {false, true}) {
            for (boolean b : new boolean[] {false, true}) {
                TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(F);
                new XorDemo<Fr>(a, b).synthesize(cs);
                assertTrue(cs.isSatisfied());
                assertEquals(3, cs.numConstraints());
                assertEquals(2, cs.numInputs());
                assertEquals(2, cs.numAux());
                assertEquals(List.of(a ^ b ? Fr.ONE : Fr.ZERO), cs.publicInputs());
                assertEquals(a ? Fr.ONE : Fr.ZERO, cs.get("a"));
            }
        }
    }

    @Test
    void firstUnsatisfiedConstraintIsNamedWithItsNamespace() {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(F);
        cs.inNamespace("outer", o -> o.inNamespace("xor", x -> {
            // a = 1, b = 1 but c claims 1: only c_xor_constraint fails
            Variable a = x.alloc("a", () -> Fr.ONE);
            x.enforce("a_boolean", x.lc().add(x.one()).sub(a), x.lc().add(a), x.lc());
            Variable b = x.alloc("b", () -> Fr.ONE);
            Variable c = x.allocInput("c", () -> Fr.ONE);
            x.enforce("c_xor_constraint", x.lc().add(a).add(a), x.lc().add(b), x.lc().add(a).add(b).sub(c));
        }));
        assertFalse(cs.isSatisfied());
        assertEquals("outer/xor/c_xor_constraint", cs.whichIsUnsatisfied().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> cs.alloc("a/b", () -> Fr.ONE), "'/' separates namespaces");
    }

    @Test
    void duplicateNamesAreRejected() {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(F);
        cs.alloc("x", () -> Fr.ONE);
        assertThrows(IllegalArgumentException.class, () -> cs.alloc("x", () -> Fr.ONE));
        cs.pushNamespace("ns");
        cs.alloc("x", () -> Fr.ONE); // a different path
        cs.popNamespace();
        assertThrows(IllegalStateException.class, cs::popNamespace);
    }

    @Test
    void missingWitnessIsASynthesisError() {
        assertThrows(SynthesisException.class, () -> ProvingAssignment.synthesize(F, XorDemo.shape()));
    }

    @Test
    void provingAssignmentAppendsInputConstraintsAndTracksDensity() {
        ProvingAssignment<Fr> pa = ProvingAssignment.synthesize(F, cs -> {
            Variable a = cs.alloc("a", () -> Fr.fromLong(3));
            Variable b = cs.alloc("b", () -> Fr.fromLong(4));
            Variable x = cs.allocInput("x", () -> Fr.fromLong(12));
            Variable unused = cs.alloc("only in C", () -> Fr.fromLong(12));
            // A uses input x (no A bit) and a; B uses input ONE and b; C uses x and `unused`
            cs.enforce("k", cs.lc().add(a).add(Fr.ZERO, x), cs.lc().add(b).add(Fr.ZERO, cs.one()), cs.lc().add(x));
            cs.enforce("k2", cs.lc().add(a), cs.lc().add(cs.one()).add(b), cs.lc().add(unused).add(Fr.fromLong(3), cs.one()).sub(x).add(unused).sub(unused));
        });
        assertEquals(2 + 2, pa.numConstraints()); // 2 own + one per input (ONE and x)
        assertTrue(pa.aAuxDensity().get(0));
        assertFalse(pa.aAuxDensity().get(1));
        assertFalse(pa.aAuxDensity().get(2));
        assertTrue(pa.bInputDensity().get(0), "ONE occurs in B of k2");
        assertFalse(pa.bInputDensity().get(1), "a zero coefficient marks nothing");
        assertTrue(pa.bAuxDensity().get(1));
        assertFalse(pa.bAuxDensity().get(2), "C marks nothing");
    }

    @Test
    void squareChainCircuitProvesAndExposesItsInputs() {
        Fr start = Fr.random(rnd);
        Fr c = Fr.random(rnd);
        String m = "seed=" + seed;
        SquareChainCircuit<Fr> circuit = new SquareChainCircuit<>(9, 4, start, c);
        TestConstraintSystem<Fr> tcs = new TestConstraintSystem<>(F);
        circuit.synthesize(tcs);
        assertTrue(tcs.isSatisfied(), m);
        assertEquals(9, tcs.numConstraints(), m);
        assertEquals(5, tcs.numInputs(), m); // ONE + c + 3 chain values
        List<Fr> chain = SquareChainCircuit.chain(F, start, c, 9);
        assertEquals(List.of(c, chain.get(2), chain.get(5), chain.get(8)), circuit.publicInputs(F), m);
        assertEquals(circuit.publicInputs(F), tcs.publicInputs(), m);

        Groth16Parameters params = Groth16Setup.generate(new SquareChainCircuit<>(9, 4, null, null), ToxicWaste.random(rnd));
        Map<ProverPhase, Long> times = new EnumMap<>(ProverPhase.class);
        ProverListener listener = (phase, nanos) -> times.merge(phase, nanos, Long::sum);
        Proof proof = new Groth16Prover(TestJobs.CPU, listener).prove(circuit, params, Fr.random(rnd), Fr.random(rnd));
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.prepare(params.verifyingKey()), proof, circuit.publicInputs(F)), m);
        assertEquals(ProverPhase.values().length, times.size(), "every phase is reported: " + times);
    }
}
