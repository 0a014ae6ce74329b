package io.filprover.proofs.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.bls12381.poseidon.PoseidonStrength;
import io.filprover.bls12381.poseidon.PoseidonHashType;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoseidonGadgetTest {

    private static List<AllocatedNum<Fr>> allocAll(TestConstraintSystem<Fr> cs, Fr[] values) {
        List<AllocatedNum<Fr>> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Fr v = values[i];
            int at = i;
            out.add(AllocatedNum.alloc(cs, () -> "data " + at, () -> v));
        }
        return out;
    }

    /**
     * Counts from neptune src/circuit.rs {@code test_poseidon_hash} (the legacy circuit that
     * rust-fil-proofs calls), Standard and Strengthened, MerkleTree hash type. Arity 11 is not in
     * that table (neptune has no U11 there; rust-fil-proofs uses it for tree_c columns); its count
     * 598 is neptune's formula in the same test, 3·(t·R_F + R_P − 1) + (t·R_F + R_P − arity) with
     * t = 12, R_P = 57.
     */
    @ParameterizedTest(name = "arity {0} {1}: {2} constraints")
    @CsvSource({
        "2, STANDARD, 311", "4, STANDARD, 377", "8, STANDARD, 505", "16, STANDARD, 761",
        "24, STANDARD, 1009", "36, STANDARD, 1385", "11, STANDARD, 598",
        "2, STRENGTHENED, 367", "4, STRENGTHENED, 433", "8, STRENGTHENED, 565",
        "16, STRENGTHENED, 821", "24, STRENGTHENED, 1069", "36, STRENGTHENED, 1445",
    })
    void matchesVanillaAndNeptuneCount(int arity, PoseidonStrength strength, int expected) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PoseidonParameters p = PoseidonParameters.of(arity, strength, PoseidonHashType.MERKLE_TREE);
        Fr[] in = new Fr[arity];
        for (int i = 0; i < arity; i++) {
            in[i] = Fr.random(rnd);
        }
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        AllocatedNum<Fr> out = cs.namespace("poseidon", c -> PoseidonGadget.hash(c, allocAll(cs, in), p));

        assertTrue(cs.isSatisfied(), () -> "seed " + seed + ": " + cs.whichIsUnsatisfied());
        assertEquals(PoseidonHasher.hashPlain(p, in), out.value(), "seed " + seed);
        assertEquals(PoseidonHasher.hash(p, in), out.value(), "seed " + seed);
        assertEquals(expected, cs.numConstraints(), "neptune circuit.rs test_poseidon_hash");
        assertEquals(expected, PoseidonGadget.constraintCount(p));
        assertEquals(1, cs.numInputs());

        // same shape without a witness
        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        List<AllocatedNum<Fr>> blank = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            blank.add(AllocatedNum.alloc(counting, "data", () -> {
                throw new AssertionError("no witness asked");
            }));
        }
        AllocatedNum<Fr> blankOut = PoseidonGadget.hash(counting, blank, p);
        assertEquals(null, blankOut.value());
        assertEquals(cs.numConstraints(), counting.numConstraints());
        assertEquals(cs.numAux(), counting.numAux());
    }

    /** Fixed inputs (0, 1, …) beside the random ones, for every Filecoin tree arity. */
    @ParameterizedTest
    @CsvSource({"2", "4", "8", "11"})
    void fixedInputs(int arity) {
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        Fr[] in = new Fr[arity];
        for (int i = 0; i < arity; i++) {
            in[i] = Fr.fromLong(i);
        }
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        AllocatedNum<Fr> out = PoseidonGadget.hash(cs, allocAll(cs, in), p);
        assertTrue(cs.isSatisfied());
        assertEquals(PoseidonHasher.hashPlain(p, in), out.value());
    }

    /**
     * Changing any one value the gadget allocates (an S-box input, x², x⁴, x⁵, the result) leaves
     * the system unsatisfied: every aux variable is pinned down. Checked for every aux variable.
     */
    @Test
    void everyTamperedAuxIsUnsatisfied() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PoseidonParameters p = PoseidonParameters.filecoin(2);
        Fr[] in = {Fr.random(rnd), Fr.random(rnd)};
        TestConstraintSystem<Fr> clean = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        PoseidonGadget.hash(clean, allocAll(clean, in), p);
        int gadgetAux = clean.numAux() - in.length;
        for (int k = 0; k < gadgetAux; k++) {
            TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            List<AllocatedNum<Fr>> nums = allocAll(cs, in);
            PoseidonGadget.hash(new TamperingConstraintSystem<>(cs, k), nums, p);
            assertFalse(cs.isSatisfied(), "seed " + seed + ": aux " + k + " of the gadget is free");
        }
    }

    @Test
    void rejectsWrongPreimageLength() {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        Fr[] in = {Fr.ONE};
        assertThrows(IllegalArgumentException.class,
                () -> PoseidonGadget.hash(cs, allocAll(cs, in), PoseidonParameters.filecoin(2)));
    }
}
