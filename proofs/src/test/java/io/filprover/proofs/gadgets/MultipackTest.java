package io.filprover.proofs.gadgets;

import static io.filprover.proofs.gadgets.BooleanTest.newCs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** bellman multipack.rs, ported; values checked against BigInteger arithmetic. */
class MultipackTest {
    private static List<Boolean> alloc(TestConstraintSystem<Fr> cs, boolean[] bits) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < bits.length; i++) {
            int at = i;
            out.add(Boolean.is(cs.namespace(() -> "bit " + at, ns -> AllocatedBit.alloc(ns, bits[at]))));
        }
        return out;
    }

    /** The field element of bits[from..from+n), least significant first, by BigInteger. */
    private static Fr plain(boolean[] bits, int from, int n) {
        BigInteger v = BigInteger.ZERO;
        for (int j = Math.min(n, bits.length - from) - 1; j >= 0; j--) {
            v = v.shiftLeft(1).add(bits[from + j] ? BigInteger.ONE : BigInteger.ZERO);
        }
        return Fr.fromBigInteger(v);
    }

    // bellman multipack.rs test_multipacking (bellman runs every length below 1500; a sample here)
    @Test
    void multipacking() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int[] lengths = {0, 1, 253, 254, 255, 508, 509, rnd.nextInt(1500), rnd.nextInt(1500)};
        for (int numBits : lengths) {
            String what = "seed " + seed + " bits " + numBits;
            boolean[] bits = new boolean[numBits];
            for (int i = 0; i < numBits; i++) {
                bits[i] = rnd.nextBoolean();
            }
            TestConstraintSystem<Fr> cs = newCs();
            List<Boolean> circuitBits = alloc(cs, bits);
            List<Fr> expected = Multipack.computeMultipacking(bits);
            cs.inNamespace("pack", ns -> Multipack.packIntoInputs(ns, circuitBits));
            assertTrue(cs.isSatisfied(), what);
            assertEquals(expected, cs.publicInputs(), what);
            int chunks = (numBits + 253) / 254;
            assertEquals(chunks, expected.size(), what);
            assertEquals(numBits + chunks, cs.numConstraints(), what);
            for (int k = 0; k < chunks; k++) {
                assertEquals(plain(bits, 254 * k, 254), expected.get(k), what);
            }
            if (chunks > 0) {
                cs.set("pack/input 0", expected.get(0).add(Fr.ONE));
                assertEquals("pack/packing constraint 0", cs.whichIsUnsatisfied().orElseThrow(), what);
            }
        }
    }

    // bellman multipack.rs pack_bits (used by the SHA-256 hasher's circuit): only the first CAPACITY bits count
    @Test
    void packBits() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        boolean[] bits = new boolean[256];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = rnd.nextBoolean();
        }
        TestConstraintSystem<Fr> cs = newCs();
        List<Boolean> circuitBits = alloc(cs, bits);
        AllocatedNum<Fr> packed = cs.namespace("pack", ns -> Multipack.packBits(ns, circuitBits));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(plain(bits, 0, 254), packed.value(), "seed " + seed);
        assertEquals(256 + 1, cs.numConstraints());
        cs.set("pack/input/num", packed.value().add(Fr.ONE));
        assertFalse(cs.isSatisfied(), "seed " + seed);
    }

    @Test
    void bytesToBits() {
        byte[] bytes = {(byte) 0x80, 0x01, (byte) 0xA5};
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false, true,
                true, false, true, false, false, true, false, true}, Multipack.bytesToBits(bytes));
        assertArrayEquals(new boolean[] {false, false, false, false, false, false, false, true,
                true, false, false, false, false, false, false, false,
                true, false, true, false, false, true, false, true}, Multipack.bytesToBitsLe(bytes));
    }
}
