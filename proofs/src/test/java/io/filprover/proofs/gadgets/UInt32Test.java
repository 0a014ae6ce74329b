package io.filprover.proofs.gadgets;

import static io.filprover.proofs.gadgets.BooleanTest.newCs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** bellman uint32.rs and multieq.rs tests, ported with fresh random values (seed in every message). */
class UInt32Test {
    private static void assertBits(int expected, UInt32 r, String what) {
        assertEquals(expected, (int) r.value(), what);
        List<Boolean> bits = r.intoBits();
        for (int i = 0; i < 32; i++) {
            assertEquals(((expected >>> i) & 1) != 0, bits.get(i).value(), what + " bit " + i);
        }
    }

    // bellman uint32.rs test_uint32_from_bits_be and test_uint32_from_bits
    @Test
    void fromBits() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 100; it++) {
            int v = rnd.nextInt();
            List<Boolean> le = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                boolean b = ((v >>> i) & 1) != 0;
                // both constants and negated constants read as their values
                le.add(rnd.nextBoolean() ? Boolean.constant(b) : Boolean.constant(!b).not());
            }
            UInt32 fromLe = UInt32.fromBits(le);
            assertBits(v, fromLe, "seed " + seed);
            UInt32 fromBe = UInt32.fromBitsBe(fromLe.intoBitsBe());
            assertBits(v, fromBe, "seed " + seed);
        }
    }

    // bellman uint32.rs test_uint32_xor
    @Test
    void xor() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 50; it++) {
            int a = rnd.nextInt();
            int b = rnd.nextInt();
            int c = rnd.nextInt();
            TestConstraintSystem<Fr> cs = newCs();
            UInt32 ab = cs.namespace("a_bit", ns -> UInt32.alloc(ns, a));
            UInt32 bb = UInt32.constant(b);
            UInt32 cb = cs.namespace("c_bit", ns -> UInt32.alloc(ns, c));
            UInt32 r = cs.namespace("first xor", ns -> ab.xor(ns, bb));
            UInt32 r2 = cs.namespace("second xor", ns -> r.xor(ns, cb));
            assertTrue(cs.isSatisfied(), "seed " + seed);
            assertBits(a ^ b ^ c, r2, "seed " + seed);
            // the constant operand folds: only the second xor allocates (32 + 32 + 32 constraints)
            assertEquals(96, cs.numConstraints(), "seed " + seed);
            String name = "second xor/xor of bit 9/xor result";
            cs.set(name, Fr.ONE.sub(cs.get(name)));
            assertFalse(cs.isSatisfied(), "seed " + seed);
        }
    }

    // bellman uint32.rs test_uint32_addmany_constants
    @Test
    void addmanyConstants() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 200; it++) {
            int a = rnd.nextInt();
            int b = rnd.nextInt();
            int c = rnd.nextInt();
            TestConstraintSystem<Fr> cs = newCs();
            UInt32 r;
            try (MultiEq me = new MultiEq(cs)) {
                r = me.namespace("addition",
                        ns -> UInt32.addmany(me, List.of(UInt32.constant(a), UInt32.constant(b), UInt32.constant(c))));
            }
            assertBits(a + b + c, r, "seed " + seed);
            assertTrue(r.intoBits().stream().allMatch(Boolean::isConstant));
            assertEquals(0, cs.numConstraints());
        }
    }

    // bellman uint32.rs test_uint32_addmany
    @Test
    void addmany() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 100; it++) {
            int a = rnd.nextInt();
            int b = rnd.nextInt();
            int c = rnd.nextInt();
            int d = rnd.nextInt();
            TestConstraintSystem<Fr> cs = newCs();
            UInt32 ab = cs.namespace("a_bit", ns -> UInt32.alloc(ns, a));
            UInt32 db = cs.namespace("d_bit", ns -> UInt32.alloc(ns, d));
            UInt32 x = cs.namespace("xor", ns -> ab.xor(ns, UInt32.constant(b)));
            int before = cs.numConstraints();
            UInt32 r;
            try (MultiEq me = new MultiEq(cs)) {
                r = me.namespace("addition", ns -> UInt32.addmany(me, List.of(x, UInt32.constant(c), db)));
            }
            assertTrue(cs.isSatisfied(), "seed " + seed);
            assertBits((a ^ b) + c + d, r, "seed " + seed);
            // three operands sum below 3·(2^32 − 1) < 2^34: 34 result bits and one batched equality
            assertEquals(34 + 1, cs.numConstraints() - before);
            String name = "addition/result bit 0/boolean";
            cs.set(name, Fr.ONE.sub(cs.get(name)));
            assertFalse(cs.isSatisfied(), "seed " + seed);
        }
    }

    /**
     * multieq.rs: equalities share a constraint until the next would reach CAPACITY (254) bits;
     * 33-bit sums of two operands pack 7 to a constraint (7·33 = 231, 8·33 = 264).
     */
    @Test
    void multiEqBatches() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int n : new int[] {1, 7, 8, 14, 15, 20}) {
            TestConstraintSystem<Fr> cs = newCs();
            int[] x = new int[n];
            List<UInt32> a = new ArrayList<>();
            List<UInt32> b = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int at = i;
                int av = rnd.nextInt();
                int bv = rnd.nextInt();
                x[i] = av + bv;
                a.add(cs.namespace(() -> "a " + at, ns -> UInt32.alloc(ns, av)));
                b.add(cs.namespace(() -> "b " + at, ns -> UInt32.alloc(ns, bv)));
            }
            int before = cs.numConstraints();
            List<UInt32> sums = new ArrayList<>();
            try (MultiEq me = new MultiEq(cs)) {
                for (int i = 0; i < n; i++) {
                    int at = i;
                    sums.add(me.namespace(() -> "sum " + at, ns -> UInt32.addmany(me, List.of(a.get(at), b.get(at)))));
                }
            }
            assertTrue(cs.isSatisfied(), "seed " + seed);
            for (int i = 0; i < n; i++) {
                assertBits(x[i], sums.get(i), "seed " + seed);
            }
            assertEquals(33 * n + (n + 6) / 7, cs.numConstraints() - before, "n " + n);
            // the carry bit of the last sum is in the last batch: flipping it breaks that batch only
            String carry = "sum " + (n - 1) + "/result bit 32/boolean";
            cs.set(carry, Fr.ONE.sub(cs.get(carry)));
            assertEquals("multieq " + ((n - 1) / 7), cs.whichIsUnsatisfied().orElseThrow(), "seed " + seed);
        }
    }

    // bellman uint32.rs test_uint32_rotr and test_uint32_shr
    @Test
    void rotrAndShr() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 50; it++) {
            int v = rnd.nextInt();
            UInt32 c = UInt32.constant(v);
            for (int i = 0; i < 40; i++) {
                assertBits(Integer.rotateRight(v, i), c.rotr(i), "seed " + seed + " rotr " + i);
                assertBits(v >>> (i % 32), c.shr(i), "seed " + seed + " shr " + i);
            }
        }
    }

    // bellman uint32.rs test_uint32_sha256_maj and test_uint32_sha256_ch
    @Test
    void sha256MajAndCh() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 30; it++) {
            int a = rnd.nextInt();
            int b = rnd.nextInt();
            int c = rnd.nextInt();
            TestConstraintSystem<Fr> cs = newCs();
            UInt32 ab = cs.namespace("a_bit", ns -> UInt32.alloc(ns, a));
            UInt32 bb = cs.namespace("b_bit", ns -> UInt32.alloc(ns, b)).rotr(5);
            UInt32 cb = UInt32.constant(c);
            int br = Integer.rotateRight(b, 5);
            UInt32 maj = cs.namespace("maj", ns -> UInt32.sha256Maj(ns, ab, bb, cb));
            UInt32 ch = cs.namespace("ch", ns -> UInt32.sha256Ch(ns, ab, bb, cb));
            assertTrue(cs.isSatisfied(), "seed " + seed);
            assertBits((a & br) ^ (a & c) ^ (br & c), maj, "seed " + seed);
            assertBits((a & br) ^ (~a & c), ch, "seed " + seed);
        }
    }

    @Test
    void sameShapeWithoutWitness() {
        TestConstraintSystem<Fr> cs = newCs();
        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        Random rnd = new Random();
        int[] v = {rnd.nextInt(), rnd.nextInt(), rnd.nextInt()};
        UInt32 r = build(cs, v);
        UInt32 n = build(counting, null);
        assertTrue(cs.isSatisfied());
        assertNull(n.value());
        assertEquals(cs.numConstraints(), counting.numConstraints());
        assertEquals(cs.numAux(), counting.numAux());
        assertBits((v[0] ^ Integer.rotateRight(v[1], 3)) + v[2] + 7, r, "values " + v[0] + " " + v[1] + " " + v[2]);
    }

    private static UInt32 build(ConstraintSystem<Fr> cs, int[] v) {
        UInt32[] x = new UInt32[3];
        for (int i = 0; i < 3; i++) {
            Integer value = v == null ? null : v[i];
            x[i] = cs.namespace("x" + i, ns -> UInt32.alloc(ns, value));
        }
        UInt32 y = cs.namespace("xor", ns -> x[0].xor(ns, x[1].rotr(3)));
        try (MultiEq me = new MultiEq(cs)) {
            return me.namespace("add", ns -> UInt32.addmany(me, List.of(y, x[2], UInt32.constant(7))));
        }
    }
}
