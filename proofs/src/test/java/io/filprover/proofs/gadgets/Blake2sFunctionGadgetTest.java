package io.filprover.proofs.gadgets;

import static io.filprover.proofs.gadgets.BooleanTest.newCs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.tree.Blake2sMerkleHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * filecoin-hashers blake2s.rs' gadget functions against the vanilla node hash
 * ({@link Blake2sMerkleHasher}) on random field elements, and their shape without a witness.
 */
class Blake2sFunctionGadgetTest {
    /**
     * Two numbers: 2·256 to bits (255 booleanity + 1 unpacking each) in place of test_blake2s_constraints'
     * 512 allocated bits, its one block, and 1 packing constraint. (Arities 4 and 8 take 2 and 4 blocks;
     * their counts are checked through the PoR rows of por_circuit.rs.)
     */
    private static final int TWO_NUMBERS = Blake2sGadgetTest.FULL_BLOCK_WITH_BITS + 1;

    @Test
    void multiLeafMatchesVanilla() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int arity : new int[] {2, 4, 8}) {
            String msg = "seed " + seed + " arity " + arity;
            byte[][] children = new byte[arity][];
            TestConstraintSystem<Fr> cs = newCs();
            List<AllocatedNum<Fr>> nums = new ArrayList<>();
            for (int i = 0; i < arity; i++) {
                Fr v = Fr.random(rnd);
                children[i] = v.toBytesLE();
                nums.add(AllocatedNum.alloc(cs, "leaf " + i, () -> v));
            }
            AllocatedNum<Fr> out = Blake2sMerkleGadget.INSTANCE.hashNode(cs, nums, 0);
            assertTrue(cs.isSatisfied(), msg);
            assertEquals(Fr.fromBytesLE(Blake2sMerkleHasher.INSTANCE.hash(children)), out.value(), msg);
            if (arity == 2) {
                assertEquals(TWO_NUMBERS, cs.numConstraints(), msg);
            }

            CountingConstraintSystem<Fr> blank = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
            List<AllocatedNum<Fr>> blankNums = new ArrayList<>();
            for (int i = 0; i < arity; i++) {
                blankNums.add(AllocatedNum.alloc(blank, "leaf " + i, () -> null));
            }
            Blake2sMerkleGadget.INSTANCE.hashNode(blank, blankNums, 0);
            assertEquals(cs.numConstraints(), blank.numConstraints(), msg);
            assertEquals(cs.numAux(), blank.numAux(), msg);
        }
        assertSame(Blake2sMerkleHasher.INSTANCE, Blake2sMerkleGadget.INSTANCE.vanilla());
    }

    @Test
    void hash2MatchesVanilla() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Fr a = Fr.random(rnd);
        Fr b = Fr.random(rnd);
        TestConstraintSystem<Fr> cs = newCs();
        AllocatedNum<Fr> x = AllocatedNum.alloc(cs, "a", () -> a);
        AllocatedNum<Fr> y = AllocatedNum.alloc(cs, "b", () -> b);
        AllocatedNum<Fr> out = Blake2sFunctionGadget.hash2Circuit(cs, x, y);
        assertTrue(cs.isSatisfied(), "seed " + seed);
        byte[] expected = Blake2sMerkleHasher.INSTANCE.hash(new byte[][] {a.toBytesLE(), b.toBytesLE()});
        assertEquals(Fr.fromBytesLE(expected), out.value(), "seed " + seed);
        assertEquals(TWO_NUMBERS, cs.numConstraints());
    }
}
