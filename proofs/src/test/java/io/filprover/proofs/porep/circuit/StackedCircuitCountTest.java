package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.circuit.PorCircuit;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TV-CIRCUIT's stacked rows (storage-proofs-porep tests/stacked_circuit.rs
 * test_stacked_porep_circuit_poseidon_base_2, test_stacked_input_circuit_poseidon_base_8, _sub_8_4,
 * _top_8_4_2): DiskTree Poseidon, SHA-256 tree_d, N = 8 · base-tree count nodes, 2 layers,
 * 1 interactive challenge; inputs include ONE. The counts do not depend on the witness, so the
 * blank circuit is counted (upstream checks MetricCS against TestConstraintSystem on the real one;
 * {@link StackedCircuitSealedTest} checks ours agree).
 */
class StackedCircuitCountTest {
    @ParameterizedTest(name = "{0}-{1}-{2}")
    @CsvSource({"2,0,0,22,1206212", "8,0,0,22,1199620", "8,4,0,22,1296576", "8,4,2,22,1346982"})
    void reproducesUpstreamCounts(int base, int sub, int top, long inputs, long constraints) {
        PorCircuit.Shape shape = new PorCircuit.Shape(base, sub, top);
        StackedConfig cfg = new StackedConfig(shape, 8L * shape.baseTreeCount(), 2, 1);
        CountingConstraintSystem<Fr> cs = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                StackedCompound.blankCircuit(cfg));
        assertEquals(inputs, cs.numInputs(), "inputs of " + shape);
        assertEquals(constraints, cs.numConstraints(), "constraints of " + shape);
    }
}
