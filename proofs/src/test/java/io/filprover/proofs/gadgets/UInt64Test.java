package io.filprover.proofs.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** UInt64 (storage-proofs-core gadgets/uint64.rs): bits, packing into one input, blank shape. */
class UInt64Test {
    @Test
    void allocatesBitsAndPacksTheValue() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (long v : new long[] {0, 1, -1L, Long.MIN_VALUE, rnd.nextLong(), rnd.nextLong() >>> 1}) {
            String msg = "seed " + seed + " value " + Long.toUnsignedString(v);
            TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            UInt64 u = cs.namespace("challenge", ns -> UInt64.alloc(ns, v));
            cs.inNamespace("challenge input", u::packIntoInput);
            assertTrue(cs.isSatisfied(), msg);
            assertEquals(65, cs.numConstraints(), msg); // 64 booleanity + 1 packing
            assertEquals(2, cs.numInputs(), msg);
            // unsigned u64 as a field element
            Fr expected = Fr.fromLong(v >>> 1).add(Fr.fromLong(v >>> 1)).add(Fr.fromLong(v & 1));
            assertEquals(List.of(expected), cs.publicInputs(), msg);
            List<Boolean> be = u.toBitsBe();
            for (int i = 0; i < 64; i++) {
                assertEquals(((v >>> (63 - i)) & 1) == 1, be.get(i).value(), msg + " bit " + i);
                assertEquals(((v >>> i) & 1) == 1, UInt64.constant(v).toBitsLe().get(i).value(), msg);
            }
            cs.set("challenge/allocated bit 3/boolean", Fr.fromLong(2));
            assertFalse(cs.isSatisfied(), msg);
        }
        CountingConstraintSystem<Fr> blank = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        UInt64 u = UInt64.alloc(blank, null);
        u.packIntoInput(blank);
        assertNull(u.value());
        assertEquals(65, blank.numConstraints());
        assertEquals(2, blank.numInputs());
    }
}
