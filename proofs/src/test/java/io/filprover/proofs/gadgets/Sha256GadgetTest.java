package io.filprover.proofs.gadgets;

import static io.filprover.proofs.gadgets.BooleanTest.newCs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.hash.Sha256;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** bellman sha256.rs's tests, ported, with the JDK's SHA-256 as the reference. */
class Sha256GadgetTest {
    /** bellman sha256.rs test_full_block: constraints of one compression over allocated bits. */
    static final int FULL_BLOCK = 25_840;
    /** bellman sha256.rs test_full_hash: sha256 of 512 allocated bits (a second, constant padding block). */
    static final int FULL_HASH_512 = 44_874;

    /** Allocates the bits of {@code data}, most significant first in each byte; null data for no witness. */
    static List<Boolean> allocBytes(ConstraintSystem<Fr> cs, String name, byte[] data, int length) {
        List<Boolean> bits = new ArrayList<>(8 * length);
        for (int i = 0; i < 8 * length; i++) {
            int at = i;
            java.lang.Boolean b = data == null ? null : ((data[i / 8] >> (7 - i % 8)) & 1) != 0;
            bits.add(Boolean.is(cs.namespace(() -> name + " " + at, ns -> AllocatedBit.alloc(ns, b))));
        }
        return bits;
    }

    static byte[] bytesOf(List<Boolean> bits) {
        byte[] out = new byte[bits.size() / 8];
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i).value()) {
                out[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return out;
    }

    // bellman sha256.rs test_blank_hash: the padded empty message, all constants, costs nothing
    @Test
    void blankHash() {
        TestConstraintSystem<Fr> cs = newCs();
        List<Boolean> block = new ArrayList<>();
        block.add(Boolean.TRUE);
        while (block.size() < 512) {
            block.add(Boolean.FALSE);
        }
        List<Boolean> out = Sha256Gadget.sha256BlockNoPadding(cs, block);
        assertTrue(cs.isSatisfied());
        assertEquals(0, cs.numConstraints());
        assertTrue(out.stream().allMatch(Boolean::isConstant));
        assertArrayEquals(HexFormat.of().parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                bytesOf(out));
    }

    // bellman sha256.rs test_full_block, plus the digest: a message of at most 55 bytes pads to one block
    @Test
    void fullBlock() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int len = rnd.nextInt(56);
        byte[] msg = new byte[len];
        rnd.nextBytes(msg);
        byte[] block = new byte[64];
        System.arraycopy(msg, 0, block, 0, len);
        block[len] = (byte) 0x80;
        block[62] = (byte) ((8 * len) >>> 8);
        block[63] = (byte) (8 * len);

        TestConstraintSystem<Fr> cs = newCs();
        List<Boolean> in = allocBytes(cs, "input bit", block, 64);
        List<Boolean> out = cs.namespace("sha256", ns -> Sha256Gadget.sha256BlockNoPadding(ns, in));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(FULL_BLOCK, cs.numConstraints() - 512);
        assertArrayEquals(Sha256.newDigest().digest(msg), bytesOf(out), "seed " + seed);

        // tamper: one bit of a final addition's result flips, so its batched equality fails
        cs.set("sha256/new h3/result bit 7/boolean", Fr.ONE.sub(cs.get("sha256/new h3/result bit 7/boolean")));
        assertFalse(cs.isSatisfied(), "seed " + seed);
        assertTrue(cs.whichIsUnsatisfied().get().startsWith("sha256/"), "seed " + seed);

        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        List<Boolean> blank = allocBytes(counting, "input bit", null, 64);
        Sha256Gadget.sha256BlockNoPadding(counting, blank);
        assertEquals(cs.numConstraints(), counting.numConstraints());
        assertEquals(cs.numAux(), counting.numAux());
    }

    // bellman sha256.rs test_full_hash
    @Test
    void fullHash() {
        long seed = new Random().nextLong();
        byte[] msg = new byte[64];
        new Random(seed).nextBytes(msg);
        TestConstraintSystem<Fr> cs = newCs();
        List<Boolean> in = allocBytes(cs, "input bit", msg, 64);
        List<Boolean> out = cs.namespace("sha256", ns -> Sha256Gadget.sha256(ns, in));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(FULL_HASH_512, cs.numConstraints() - 512);
        assertArrayEquals(Sha256.newDigest().digest(msg), bytesOf(out), "seed " + seed);

        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        Sha256Gadget.sha256(counting, allocBytes(counting, "input bit", null, 64));
        assertEquals(cs.numConstraints(), counting.numConstraints());
        assertEquals(cs.numAux(), counting.numAux());
    }

    /**
     * bellman sha256.rs test_against_vectors, with fresh random data. bellman hashes every length
     * 0..31 and 32..255 step 8 bytes (22 s here); this takes the padding boundaries (55/56 bytes
     * leave room for the length or not, 64 fills a block) and a random draw from each of bellman's
     * two ranges.
     */
    @Test
    void againstVectors() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int[] lengths = {0, 1, 32, 55, 56, 63, 64, 119, 120, 1 + rnd.nextInt(31), 32 + 8 * rnd.nextInt(28)};
        for (int len : lengths) {
            byte[] data = new byte[len];
            rnd.nextBytes(data);
            TestConstraintSystem<Fr> cs = newCs();
            List<Boolean> in = allocBytes(cs, "input bit", data, len);
            List<Boolean> out = Sha256Gadget.sha256(cs, in);
            assertTrue(cs.isSatisfied(), "seed " + seed + " length " + len);
            assertArrayEquals(Sha256.newDigest().digest(data), bytesOf(out), "seed " + seed + " length " + len);
            if (len == 0) {
                assertEquals(0, cs.numConstraints());
            }
        }
    }
}
