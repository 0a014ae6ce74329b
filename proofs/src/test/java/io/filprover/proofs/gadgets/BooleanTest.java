package io.filprover.proofs.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Ports of bellman's boolean.rs tests (named in each comment), plus random and no-witness checks. */
class BooleanTest {
    static TestConstraintSystem<Fr> newCs() {
        return new TestConstraintSystem<>(FrScalarField.INSTANCE);
    }

    private static Fr f(boolean b) {
        return b ? Fr.ONE : Fr.ZERO;
    }

    /** bellman's OperandType: the six ways an operand can be built. */
    enum Operand {
        TRUE, FALSE, ALLOCATED_TRUE, ALLOCATED_FALSE, NEGATED_ALLOCATED_TRUE, NEGATED_ALLOCATED_FALSE;

        boolean isConstant() {
            return this == TRUE || this == FALSE;
        }

        boolean val() {
            return this == TRUE || this == ALLOCATED_TRUE || this == NEGATED_ALLOCATED_FALSE;
        }

        Boolean build(ConstraintSystem<Fr> cs, String name) {
            return switch (this) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case ALLOCATED_TRUE -> Boolean.is(cs.namespace(name, ns -> AllocatedBit.alloc(ns, true)));
                case ALLOCATED_FALSE -> Boolean.is(cs.namespace(name, ns -> AllocatedBit.alloc(ns, false)));
                case NEGATED_ALLOCATED_TRUE -> Boolean.is(cs.namespace(name, ns -> AllocatedBit.alloc(ns, true))).not();
                case NEGATED_ALLOCATED_FALSE ->
                        Boolean.is(cs.namespace(name, ns -> AllocatedBit.alloc(ns, false))).not();
            };
        }

        Boolean.Kind kind() {
            return isConstant() ? Boolean.Kind.CONSTANT
                    : this == ALLOCATED_TRUE || this == ALLOCATED_FALSE ? Boolean.Kind.IS : Boolean.Kind.NOT;
        }
    }

    // bellman boolean.rs test_allocated_bit
    @Test
    void allocatedBit() {
        TestConstraintSystem<Fr> cs = newCs();
        AllocatedBit.alloc(cs, true);
        assertEquals(Fr.ONE, cs.get("boolean"));
        assertTrue(cs.isSatisfied());
        cs.set("boolean", Fr.ZERO);
        assertTrue(cs.isSatisfied());
        cs.set("boolean", Fr.fromLong(2));
        assertEquals(Optional.of("boolean constraint"), cs.whichIsUnsatisfied());
        assertEquals(1, cs.numConstraints());
    }

    // bellman boolean.rs test_xor, test_and, test_and_not, test_nor: 1 constraint each, tampered result fails
    @Test
    void bitOperations() {
        record Op(String result, BiFunction<java.lang.Boolean, java.lang.Boolean, java.lang.Boolean> plain) {
        }
        List<Op> ops = List.of(new Op("xor result", (a, b) -> a ^ b), new Op("and result", (a, b) -> a & b),
                new Op("and not result", (a, b) -> a & !b), new Op("nor result", (a, b) -> !a & !b));
        for (Op op : ops) {
            for (boolean av : new boolean[] {false, true}) {
                for (boolean bv : new boolean[] {false, true}) {
                    TestConstraintSystem<Fr> cs = newCs();
                    AllocatedBit a = cs.namespace("a", ns -> AllocatedBit.alloc(ns, av));
                    AllocatedBit b = cs.namespace("b", ns -> AllocatedBit.alloc(ns, bv));
                    AllocatedBit c = switch (op.result) {
                        case "xor result" -> AllocatedBit.xor(cs, a, b);
                        case "and result" -> AllocatedBit.and(cs, a, b);
                        case "and not result" -> AllocatedBit.andNot(cs, a, b);
                        default -> AllocatedBit.nor(cs, a, b);
                    };
                    boolean expected = op.plain.apply(av, bv);
                    String what = op.result + " " + av + " " + bv;
                    assertEquals(expected, c.value(), what);
                    assertTrue(cs.isSatisfied(), what);
                    assertEquals(f(av), cs.get("a/boolean"));
                    assertEquals(f(bv), cs.get("b/boolean"));
                    assertEquals(f(expected), cs.get(op.result), what);
                    assertEquals(3, cs.numConstraints(), what);
                    cs.set(op.result, f(!expected));
                    assertFalse(cs.isSatisfied(), what);
                }
            }
        }
    }

    // bellman boolean.rs test_enforce_equal
    @Test
    void enforceEqual() {
        for (boolean aBool : new boolean[] {false, true}) {
            for (boolean bBool : new boolean[] {false, true}) {
                for (boolean aNeg : new boolean[] {false, true}) {
                    for (boolean bNeg : new boolean[] {false, true}) {
                        boolean equal = (aBool ^ aNeg) == (bBool ^ bNeg);
                        for (int shape = 0; shape < 4; shape++) {
                            TestConstraintSystem<Fr> cs = newCs();
                            Boolean a = (shape & 1) == 0 ? Boolean.is(cs.namespace("a", ns -> AllocatedBit.alloc(ns, aBool)))
                                    : Boolean.constant(aBool);
                            Boolean b = (shape & 2) == 0 ? Boolean.is(cs.namespace("b", ns -> AllocatedBit.alloc(ns, bBool)))
                                    : Boolean.constant(bBool);
                            Boolean x = aNeg ? a.not() : a;
                            Boolean y = bNeg ? b.not() : b;
                            if (shape == 3) {
                                if (equal) {
                                    Boolean.enforceEqual(cs, x, y);
                                    assertTrue(cs.isSatisfied());
                                } else {
                                    assertThrows(SynthesisException.class, () -> Boolean.enforceEqual(cs, x, y));
                                }
                            } else {
                                Boolean.enforceEqual(cs, x, y);
                                assertEquals(equal, cs.isSatisfied(), aBool + " " + bBool + " " + aNeg + " " + bNeg);
                            }
                        }
                    }
                }
            }
        }
    }

    // bellman boolean.rs test_boolean_negation
    @Test
    void negation() {
        TestConstraintSystem<Fr> cs = newCs();
        Boolean b = Boolean.is(AllocatedBit.alloc(cs, true));
        assertEquals(Boolean.Kind.NOT, b.not().kind());
        assertEquals(Boolean.Kind.IS, b.not().not().kind());
        assertEquals(false, Boolean.TRUE.not().value());
        assertEquals(Boolean.Kind.CONSTANT, Boolean.TRUE.not().not().kind());
    }

    /**
     * bellman boolean.rs test_boolean_xor and test_boolean_and: the variant of each result (their
     * tables: a constant operand folds, IS/NOT mixes of xor give NOT) and its allocated result.
     */
    @Test
    void xorAndOverAllOperandTypes() {
        for (Operand p : Operand.values()) {
            for (Operand q : Operand.values()) {
                String what = p + " " + q;
                TestConstraintSystem<Fr> cs = newCs();
                Boolean a = p.build(cs, "a");
                Boolean b = q.build(cs, "b");
                int before = cs.numConstraints();
                Boolean c = Boolean.xor(cs, a, b);
                assertTrue(cs.isSatisfied(), what);
                assertEquals(p.val() ^ q.val(), c.value(), what);
                Boolean.Kind expected = p.isConstant() && q.isConstant() ? Boolean.Kind.CONSTANT
                        : p.isConstant() ? (p.val() ? flip(q.kind()) : q.kind())
                        : q.isConstant() ? (q.val() ? flip(p.kind()) : p.kind())
                        : p.kind() == q.kind() ? Boolean.Kind.IS : Boolean.Kind.NOT;
                assertEquals(expected, c.kind(), what);
                if (!p.isConstant() && !q.isConstant()) {
                    assertEquals(f(c.bit().value()), cs.get("xor result"), what);
                    assertEquals(before + 1, cs.numConstraints(), what);
                } else {
                    assertEquals(before, cs.numConstraints(), what);
                }

                TestConstraintSystem<Fr> cs2 = newCs();
                Boolean a2 = p.build(cs2, "a");
                Boolean b2 = q.build(cs2, "b");
                before = cs2.numConstraints();
                Boolean d = Boolean.and(cs2, a2, b2);
                assertTrue(cs2.isSatisfied(), what);
                assertEquals(p.val() & q.val(), d.value(), what);
                if (!p.isConstant() && !q.isConstant()) {
                    assertEquals(Boolean.Kind.IS, d.kind(), what);
                    String name = p.kind() == q.kind() ? (p.kind() == Boolean.Kind.IS ? "and result" : "nor result")
                            : "and not result";
                    assertEquals(f(p.val() & q.val()), cs2.get(name), what);
                    assertEquals(before + 1, cs2.numConstraints(), what);
                    cs2.set(name, f(!(p.val() & q.val())));
                    assertFalse(cs2.isSatisfied(), what);
                } else {
                    assertEquals(before, cs2.numConstraints(), what);
                }
            }
        }
    }

    private static Boolean.Kind flip(Boolean.Kind k) {
        return k == Boolean.Kind.IS ? Boolean.Kind.NOT : k == Boolean.Kind.NOT ? Boolean.Kind.IS : k;
    }

    /**
     * bellman boolean.rs test_boolean_sha256_ch and test_boolean_sha256_maj over all 216 operand
     * triples: value, 0 constraints when all three are constant (asserted upstream), a tampered
     * "ch"/"maj" fails its computation constraint; when none is constant ch costs 1 constraint and
     * maj 2 (boolean.rs: ch allocates one bit, maj one bit plus "b and c").
     */
    @Test
    void sha256ChAndMaj() {
        for (Operand p : Operand.values()) {
            for (Operand q : Operand.values()) {
                for (Operand r : Operand.values()) {
                    for (boolean isMaj : new boolean[] {false, true}) {
                        String what = (isMaj ? "maj " : "ch ") + p + " " + q + " " + r;
                        boolean expected = isMaj ? (p.val() & q.val()) ^ (p.val() & r.val()) ^ (q.val() & r.val())
                                : (p.val() & q.val()) ^ (!p.val() & r.val());
                        TestConstraintSystem<Fr> cs = newCs();
                        Boolean a = p.build(cs, "a");
                        Boolean b = q.build(cs, "b");
                        Boolean c = r.build(cs, "c");
                        int before = cs.numConstraints();
                        Boolean out = isMaj ? Boolean.sha256Maj(cs, a, b, c) : Boolean.sha256Ch(cs, a, b, c);
                        assertTrue(cs.isSatisfied(), what);
                        assertEquals(expected, out.value(), what);
                        int used = cs.numConstraints() - before;
                        if (p.isConstant() && q.isConstant() && r.isConstant()) {
                            assertEquals(0, used, what);
                        } else if (!p.isConstant() && !q.isConstant() && !r.isConstant()) {
                            assertEquals(isMaj ? 2 : 1, used, what);
                            String name = isMaj ? "maj" : "ch";
                            assertEquals(f(expected), cs.get(name), what);
                            cs.set(name, f(!expected));
                            assertEquals(Optional.of(name + " computation"), cs.whichIsUnsatisfied(), what);
                        } else {
                            assertTrue(used <= (isMaj ? 2 : 1), what);
                        }
                    }
                }
            }
        }
    }

    // bellman boolean.rs test_alloc_conditionally
    @Test
    void allocConditionally() {
        TestConstraintSystem<Fr> cs0 = newCs();
        AllocatedBit b0 = AllocatedBit.alloc(cs0, false);
        assertThrows(SynthesisException.class,
                () -> cs0.namespace("alloc_conditionally", ns -> AllocatedBit.allocConditionally(ns, null, b0)));

        for (boolean value : new boolean[] {false, true}) {
            for (boolean mustBeFalse : new boolean[] {false, true}) {
                TestConstraintSystem<Fr> cs = newCs();
                AllocatedBit b = AllocatedBit.alloc(cs, mustBeFalse);
                AllocatedBit x = cs.namespace("alloc_conditionally", ns -> AllocatedBit.allocConditionally(ns, value, b));
                assertEquals(value, x.value());
                assertEquals(!(value && mustBeFalse), cs.isSatisfied(), value + " " + mustBeFalse);
            }
        }
    }

    // bellman boolean.rs test_u64_into_boolean_vec_le (its fixed value), plus a random one
    @Test
    void u64IntoBooleanVecLe() {
        TestConstraintSystem<Fr> cs = newCs();
        long fixed = new BigInteger("17234652694787248421").longValue();
        List<Boolean> bits = cs.namespace("fixed", ns -> Boolean.u64IntoBooleanVecLe(ns, fixed));
        assertTrue(cs.isSatisfied());
        assertEquals(64, bits.size());
        boolean[] top = {true, true, true, false, true, true};
        for (int i = 0; i < top.length; i++) {
            assertEquals(top[i], bits.get(63 - i).value());
        }
        assertEquals(true, bits.get(63 - 20).value());
        assertEquals(false, bits.get(63 - 21).value());
        assertEquals(false, bits.get(63 - 22).value());

        long seed = new Random().nextLong();
        long v = new Random(seed).nextLong();
        List<Boolean> rbits = cs.namespace("random", ns -> Boolean.u64IntoBooleanVecLe(ns, v));
        for (int i = 0; i < 64; i++) {
            assertEquals(((v >>> i) & 1) == 1, rbits.get(i).value(), "seed " + seed);
        }
        assertEquals(128, cs.numConstraints());
        cs.set("random/bit 5/boolean", Fr.fromLong(3));
        assertEquals(Optional.of("random/bit 5/boolean constraint"), cs.whichIsUnsatisfied());
    }

    // bellman boolean.rs test_field_into_allocated_bits_le (its fixed element), plus a random one
    @Test
    void fieldIntoAllocatedBitsLe() {
        TestConstraintSystem<Fr> cs = newCs();
        Fr r = Fr.fromBigInteger(
                new BigInteger("9147677615426976802526883532204139322118074541891858454835346926874644257775"));
        List<AllocatedBit> bits = cs.namespace("fixed", ns -> Boolean.fieldIntoAllocatedBitsLe(ns, r));
        assertTrue(cs.isSatisfied());
        assertEquals(255, bits.size());
        boolean[] top = {false, false, true, false, true, false};
        for (int i = 0; i < top.length; i++) {
            assertEquals(top[i], bits.get(254 - i).value());
        }
        assertEquals(true, bits.get(254 - 20).value());
        assertEquals(true, bits.get(254 - 23).value());

        long seed = new Random().nextLong();
        Fr x = Fr.random(new Random(seed));
        List<AllocatedBit> xb = cs.namespace("random", ns -> Boolean.fieldIntoAllocatedBitsLe(ns, x));
        BigInteger xi = x.toBigInteger();
        for (int i = 0; i < 255; i++) {
            assertEquals(xi.testBit(i), xb.get(i).value(), "seed " + seed + " bit " + i);
        }
    }

    /** Without a witness every gadget keeps its shape: the counts equal the test system's. */
    @Test
    void sameShapeWithoutWitness() {
        for (Operand p : Operand.values()) {
            for (Operand q : Operand.values()) {
                for (Operand r : Operand.values()) {
                    TestConstraintSystem<Fr> cs = newCs();
                    CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
                    Boolean[] t = {p.build(cs, "a"), q.build(cs, "b"), r.build(cs, "c")};
                    Boolean[] n = {blank(counting, p), blank(counting, q), blank(counting, r)};
                    for (Boolean[] x : List.of(t, n)) {
                        ConstraintSystem<Fr> on = x == t ? cs : counting;
                        Boolean maj = on.namespace("maj", ns -> Boolean.sha256Maj(ns, x[0], x[1], x[2]));
                        Boolean ch = on.namespace("ch", ns -> Boolean.sha256Ch(ns, x[0], x[1], x[2]));
                        on.namespace("xor", ns -> Boolean.xor(ns, maj, ch));
                        on.namespace("and", ns -> Boolean.and(ns, x[1], x[2]));
                        if (x == n && !maj.isConstant()) {
                            assertNull(maj.value());
                        }
                    }
                    String what = p + " " + q + " " + r;
                    assertTrue(cs.isSatisfied(), what);
                    assertEquals(cs.numConstraints(), counting.numConstraints(), what);
                    assertEquals(cs.numAux(), counting.numAux(), what);
                }
            }
        }
    }

    private static Boolean blank(ConstraintSystem<Fr> cs, Operand o) {
        if (o.isConstant()) {
            return Boolean.constant(o.val());
        }
        Boolean b = Boolean.is(AllocatedBit.alloc(cs, null));
        return o.kind() == Boolean.Kind.NOT ? b.not() : b;
    }
}
