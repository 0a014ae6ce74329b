package io.filprover.proofs.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ports rust-fil-proofs storage-proofs-core/src/gadgets/insertion.rs {@code test_insert} / {@code test_select}. */
class InsertionTest {
    private static final long SEED = new Random().nextLong();

    private static List<AllocatedNum<Fr>> elements(TestConstraintSystem<Fr> cs, Random rnd, int n) {
        List<AllocatedNum<Fr>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Fr v = Fr.random(rnd);
            int at = i;
            out.add(AllocatedNum.alloc(cs, () -> "element " + at, () -> v));
        }
        return out;
    }

    private static List<IndexBit> bits(io.filprover.proofs.r1cs.ConstraintSystem<Fr> cs, int logSize, Integer index) {
        List<IndexBit> out = new ArrayList<>();
        for (int i = 0; i < logSize; i++) {
            int at = i;
            out.add(IndexBit.alloc(cs, () -> "index bit " + at, index == null ? null : ((index >> i) & 1) == 1));
        }
        return out;
    }

    /** insertion.rs test_insert: size 8 → 22, 4 → 8, otherwise size·(size − 1); 1 constraint per index bit. */
    private static int expectedInsert(int size) {
        return size == 8 ? 22 : size == 4 ? 8 : size * (size - 1);
    }

    @Test
    void insertEveryIndex() {
        for (int logSize = 1; logSize <= 4; logSize++) {
            int size = 1 << logSize;
            for (int index = 0; index < size; index++) {
                Random rnd = new Random(SEED + index);
                TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
                List<AllocatedNum<Fr>> els = elements(cs, rnd, size - 1);
                Fr x = Fr.random(rnd);
                AllocatedNum<Fr> toInsert = AllocatedNum.alloc(cs, "insert", () -> x);
                List<IndexBit> bits = bits(cs, logSize, index);
                assertEquals(logSize, cs.numConstraints(), "one booleanity constraint per bit");
                List<AllocatedNum<Fr>> inserted = new ArrayList<>(Insertion.insert(cs, toInsert, bits, els));
                String msg = "seed " + SEED + " size " + size + " index " + index;
                assertTrue(cs.isSatisfied(), msg);
                assertEquals(x, inserted.remove(index).value(), msg);
                for (int i = 0; i < size - 1; i++) {
                    assertEquals(els.get(i).value(), inserted.get(i).value(), msg);
                }
                assertEquals(expectedInsert(size), cs.numConstraints() - logSize, msg);
            }
        }
    }

    @Test
    void selectEveryIndex() {
        for (int logSize = 1; logSize <= 4; logSize++) {
            int size = 1 << logSize;
            for (int index = 0; index < size; index++) {
                Random rnd = new Random(SEED + index);
                TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
                List<AllocatedNum<Fr>> els = elements(cs, rnd, size);
                List<IndexBit> bits = bits(cs, logSize, index);
                AllocatedNum<Fr> selected = cs.namespace("select", c -> Insertion.select(c, els, bits));
                String msg = "seed " + SEED + " size " + size + " index " + index;
                assertTrue(cs.isSatisfied(), msg);
                assertEquals(els.get(index).value(), selected.value(), msg);
                // insertion.rs test_select: one constraint per non-leaf node of a binary tree
                assertEquals(size - 1, cs.numConstraints() - logSize, msg);
            }
        }
    }

    /** Every value the insert gadget allocates is pinned down: perturbing any one breaks a constraint. */
    @Test
    void tamperedInsertIsUnsatisfied() {
        for (int logSize = 1; logSize <= 4; logSize++) {
            int size = 1 << logSize;
            Random rnd = new Random(SEED);
            int index = rnd.nextInt(size);
            int gadgetAux;
            {
                TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
                List<AllocatedNum<Fr>> els = elements(cs, new Random(SEED), size - 1);
                AllocatedNum<Fr> x = AllocatedNum.alloc(cs, "insert", () -> Fr.ONE);
                List<IndexBit> bits = bits(cs, logSize, index);
                int before = cs.numAux();
                Insertion.insert(cs, x, bits, els);
                gadgetAux = cs.numAux() - before;
            }
            for (int k = 0; k < gadgetAux; k++) {
                TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
                List<AllocatedNum<Fr>> els = elements(cs, new Random(SEED), size - 1);
                AllocatedNum<Fr> x = AllocatedNum.alloc(cs, "insert", () -> Fr.ONE);
                List<IndexBit> bits = bits(cs, logSize, index);
                Insertion.insert(new TamperingConstraintSystem<>(cs, k), x, bits, els);
                assertFalse(cs.isSatisfied(), "seed " + SEED + " size " + size + " aux " + k);
            }
            // a non-boolean index bit is rejected by its booleanity constraint
            TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            bits(new TamperingConstraintSystem<>(cs, 0), logSize, index);
            assertEquals("index bit 0/boolean constraint", cs.whichIsUnsatisfied().orElse(null));
        }
    }

    @Test
    void sameShapeWithoutWitness() {
        for (int logSize = 1; logSize <= 4; logSize++) {
            int size = 1 << logSize;
            CountingConstraintSystem<Fr> cs = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
            List<AllocatedNum<Fr>> els = new ArrayList<>();
            for (int i = 0; i < size - 1; i++) {
                els.add(AllocatedNum.alloc(cs, "e", () -> null));
            }
            AllocatedNum<Fr> x = AllocatedNum.alloc(cs, "x", () -> null);
            List<IndexBit> bits = bits(cs, logSize, null);
            Insertion.insert(cs, x, bits, els);
            assertEquals(logSize + expectedInsert(size), cs.numConstraints());
        }
    }
}
