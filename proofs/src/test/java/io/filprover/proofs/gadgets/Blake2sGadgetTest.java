package io.filprover.proofs.gadgets;

import static io.filprover.proofs.gadgets.BooleanTest.newCs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.Hex;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.hash.Blake2s;
import io.filprover.proofs.hash.XorShiftRng;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** bellman blake2s.rs's tests, ported (their constraint counts and digests), with {@link Blake2s} as the reference. */
class Blake2sGadgetTest {
    /** bellman blake2s.rs test_blake2s_constraints: one block of 512 allocated bits, their booleanity included. */
    static final int FULL_BLOCK_WITH_BITS = 21_518;

    private static final byte[] PERSONAL = "12345678".getBytes(StandardCharsets.US_ASCII);

    /** Allocates the bits of {@code data}, least significant first in each byte (null data: no witness). */
    static List<Boolean> allocBytesLe(ConstraintSystem<Fr> cs, byte[] data, int length) {
        List<Boolean> bits = new ArrayList<>(8 * length);
        for (int i = 0; i < 8 * length; i++) {
            int at = i;
            java.lang.Boolean b = data == null ? null : ((data[i / 8] >> (i % 8)) & 1) != 0;
            bits.add(Boolean.is(cs.namespace(() -> "input bit " + at / 8 + " " + at % 8, ns -> AllocatedBit.alloc(ns, b))));
        }
        return bits;
    }

    static byte[] bytesOfLe(List<Boolean> bits) {
        byte[] out = new byte[bits.size() / 8];
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i).value()) {
                out[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return out;
    }

    private static byte[] xorShiftBytes(XorShiftRng rng, int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) rng.nextU32();
        }
        return data;
    }

    // bellman blake2s.rs test_blank_hash
    @Test
    void blankHash() {
        TestConstraintSystem<Fr> cs = newCs();
        List<Boolean> out = Blake2sGadget.blake2s(cs, List.of(), PERSONAL);
        assertTrue(cs.isSatisfied());
        assertEquals(0, cs.numConstraints());
        assertEquals("c59f682376d137f3f255e671e207d1f2374ebe504e9314208a52d9f88d69e8c8", Hex.encode(bytesOfLe(out)));
    }

    // bellman blake2s.rs test_blake2s_constraints
    @Test
    void fullBlockConstraints() {
        TestConstraintSystem<Fr> cs = newCs();
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        List<Boolean> out = Blake2sGadget.blake2s(cs, allocBytesLe(cs, ones, 64), PERSONAL);
        assertTrue(cs.isSatisfied(), () -> cs.whichIsUnsatisfied().orElse(""));
        assertEquals(FULL_BLOCK_WITH_BITS, cs.numConstraints());
        assertArrayEquals(new Blake2s(32, PERSONAL).update(ones).digest(), bytesOfLe(out));

        // the same shape without a witness
        CountingConstraintSystem<Fr> blank = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        Blake2sGadget.blake2s(blank, allocBytesLe(blank, null, 64), PERSONAL);
        assertEquals(FULL_BLOCK_WITH_BITS, blank.numConstraints());
        assertEquals(cs.numAux(), blank.numAux());
    }

    // bellman blake2s.rs test_blake2s_precomp_constraints: 512 constant leading bits cost nothing more
    @Test
    void precompConstraints() {
        TestConstraintSystem<Fr> cs = newCs();
        XorShiftRng rng = XorShiftRng.bellmanGadgetSeed();
        List<Boolean> input = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            input.add(Boolean.constant((rng.nextU32() & 1) != 0));
        }
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        input.addAll(allocBytesLe(cs, ones, 64));
        Blake2sGadget.blake2s(cs, input, PERSONAL);
        assertTrue(cs.isSatisfied());
        assertEquals(FULL_BLOCK_WITH_BITS, cs.numConstraints());
    }

    // bellman blake2s.rs test_blake2s_constant_constraints
    @Test
    void constantConstraints() {
        TestConstraintSystem<Fr> cs = newCs();
        XorShiftRng rng = XorShiftRng.bellmanGadgetSeed();
        List<Boolean> input = new ArrayList<>();
        byte[] data = new byte[64];
        for (int i = 0; i < 512; i++) {
            boolean b = (rng.nextU32() & 1) != 0;
            input.add(Boolean.constant(b));
            data[i / 8] |= (byte) ((b ? 1 : 0) << (i % 8));
        }
        List<Boolean> out = Blake2sGadget.blake2s(cs, input, PERSONAL);
        assertEquals(0, cs.numConstraints());
        assertArrayEquals(new Blake2s(32, PERSONAL).update(data).digest(), bytesOfLe(out));
    }

    // bellman blake2s.rs test_blake2s: lengths 0..31 and 32..255 step 8, XorShiftRng data, against the vanilla hash
    @Test
    void variousLengths() {
        XorShiftRng rng = XorShiftRng.bellmanGadgetSeed();
        List<Integer> lengths = new ArrayList<>();
        for (int n = 0; n < 32; n++) {
            lengths.add(n);
        }
        for (int n = 32; n < 256; n += 8) {
            lengths.add(n);
        }
        for (int n : lengths) {
            byte[] data = xorShiftBytes(rng, n);
            TestConstraintSystem<Fr> cs = newCs();
            List<Boolean> out = Blake2sGadget.blake2s(cs, allocBytesLe(cs, data, n), PERSONAL);
            assertTrue(cs.isSatisfied(), "length " + n);
            assertArrayEquals(new Blake2s(32, PERSONAL).update(data).digest(), bytesOfLe(out), "length " + n);
        }
    }

    // bellman blake2s.rs test_blake2s_256_vars and test_blake2s_test_vectors (1024 bytes, two blocks past 512 bytes)
    @Test
    void bellmanDigests() {
        byte[] data256 = Hex.decode(io.filprover.proofs.hash.Blake2sTestData.DATA_256, "data");
        assertEquals("0af5695115ced92c8a0341e43869209636e9aa6472e4576f0f2b996cf812b30e", Hex.encode(circuitDigest(data256)));
        XorShiftRng rng = XorShiftRng.bellmanGadgetSeed();
        for (String e : new String[] {
            "a1309e334376c8f36a736a4ab0e691ef931ee3ebdb9ea96187127136fea622a1",
            "82fefff60f265cea255252f7c194a7f93965dffee0609ef74eb67f0d76cd41c6"}) {
            assertEquals(e, Hex.encode(circuitDigest(xorShiftBytes(rng, 1024))));
        }
    }

    private static byte[] circuitDigest(byte[] data) {
        TestConstraintSystem<Fr> cs = newCs();
        List<Boolean> out = Blake2sGadget.blake2s(cs, allocBytesLe(cs, data, data.length), PERSONAL);
        assertTrue(cs.isSatisfied(), () -> cs.whichIsUnsatisfied().orElse(""));
        return bytesOfLe(out);
    }

    /** A flipped intermediate bit of a mixing step is caught. */
    @Test
    void tamperedSumIsUnsatisfied() {
        long seed = new Random().nextLong();
        byte[] data = new byte[64];
        new Random(seed).nextBytes(data);
        TestConstraintSystem<Fr> cs = newCs();
        Blake2sGadget.blake2s(cs, allocBytesLe(cs, data, 64), PERSONAL);
        assertTrue(cs.isSatisfied(), "seed " + seed);
        String path = "final block/round 3/mixing invocation 5/mixing step 5/result bit 7/boolean";
        Fr v = cs.get(path);
        cs.set(path, v.isZero() ? Fr.ONE : Fr.ZERO);
        assertFalse(cs.isSatisfied(), "seed " + seed);
    }
}
