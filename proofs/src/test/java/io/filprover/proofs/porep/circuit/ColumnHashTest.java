package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * hash_single_column against the vanilla tree_c leaf. Counts: stacked/circuit/hash.rs
 * test_hash_single_column_circuit (11 rows: 598) and test_hash2_circuit (Poseidon arity 2: 311).
 */
class ColumnHashTest {
    @ParameterizedTest(name = "{0} layers: {1} constraints")
    @CsvSource({"2, 311", "11, 598"})
    void matchesTheVanillaColumnHash(int layers, int constraints) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        byte[][] rows = new byte[layers][];
        List<AllocatedNum<Fr>> nums = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            Fr v = Fr.random(rnd);
            rows[i] = v.toBytesLE();
            nums.add(AllocatedNum.alloc(cs, "num_" + i, () -> v));
        }
        AllocatedNum<Fr> h = cs.namespace("hash_single_column", ns -> ColumnHash.hashSingleColumn(ns, nums));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(constraints, cs.numConstraints());
        assertArrayEquals(PoseidonMerkleHasher.INSTANCE.hash(rows), h.value().toBytesLE(), "seed " + seed);
        assertThrows(IllegalArgumentException.class, () -> ColumnHash.hashSingleColumn(cs, nums.subList(0, 1)));
    }
}
