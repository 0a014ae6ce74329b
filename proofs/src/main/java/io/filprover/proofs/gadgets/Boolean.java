package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * A boolean in a circuit, as bellman's {@code boolean::Boolean}: a constant (no variable), an
 * allocated bit, or the negation of one (negation is free). Operations follow bellman's case
 * analysis exactly, constants folding away without constraints, and pass their operands to the
 * bit gadgets in bellman's order: the constraint rows are upstream's, not merely equivalent ones.
 */
public final class Boolean {
    /** Which of bellman's three variants this is. */
    public enum Kind { CONSTANT, IS, NOT }

    public static final Boolean TRUE = new Boolean(Kind.CONSTANT, null, true);
    public static final Boolean FALSE = new Boolean(Kind.CONSTANT, null, false);

    private final Kind kind;
    private final AllocatedBit bit;
    private final boolean constant;

    private Boolean(Kind kind, AllocatedBit bit, boolean constant) {
        this.kind = kind;
        this.bit = bit;
        this.constant = constant;
    }

    public static Boolean constant(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static Boolean is(AllocatedBit bit) {
        return new Boolean(Kind.IS, bit, false);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isConstant() {
        return kind == Kind.CONSTANT;
    }

    /** The allocated bit behind an IS or NOT; null for a constant. */
    public AllocatedBit bit() {
        return bit;
    }

    /** The value, or null when it is an allocated bit without a witness. */
    public java.lang.Boolean value() {
        return switch (kind) {
            case CONSTANT -> constant;
            case IS -> bit.value();
            case NOT -> bit.value() == null ? null : !bit.value();
        };
    }

    public Boolean not() {
        return switch (kind) {
            case CONSTANT -> constant(!constant);
            case IS -> new Boolean(Kind.NOT, bit, false);
            case NOT -> new Boolean(Kind.IS, bit, false);
        };
    }

    /** coeff·this as a fresh linear combination (a NOT is coeff·one − coeff·bit). */
    public LinearCombination<Fr> lc(Variable one, Fr coeff) {
        return lc(new LinearCombination<>(FrScalarField.INSTANCE), one, coeff);
    }

    /** coeff·this as a combination from {@code cs.lc()} (discarding when {@code cs} only counts). */
    public LinearCombination<Fr> lc(ConstraintSystem<Fr> cs, Fr coeff) {
        return lc(cs.lc(), cs.one(), coeff);
    }

    private LinearCombination<Fr> lc(LinearCombination<Fr> lc, Variable one, Fr coeff) {
        return switch (kind) {
            case CONSTANT -> constant ? lc.add(coeff, one) : lc;
            case IS -> lc.add(coeff, bit.variable());
            case NOT -> lc.add(coeff, one).sub(coeff, bit.variable());
        };
    }

    private boolean isConst(boolean b) {
        return kind == Kind.CONSTANT && constant == b;
    }

    /** a ⊕ b; at most 1 constraint. */
    public static Boolean xor(ConstraintSystem<Fr> cs, Boolean a, Boolean b) {
        if (a.isConst(false)) {
            return b;
        }
        if (b.isConst(false)) {
            return a;
        }
        if (a.isConst(true)) {
            return b.not();
        }
        if (b.isConst(true)) {
            return a.not();
        }
        // a ⊕ ¬b = ¬(a ⊕ b), with the IS operand first as bellman passes it
        if (a.kind == Kind.IS && b.kind == Kind.NOT) {
            return xor(cs, a, b.not()).not();
        }
        if (a.kind == Kind.NOT && b.kind == Kind.IS) {
            return xor(cs, b, a.not()).not();
        }
        // IS/IS, or NOT/NOT since ¬a ⊕ ¬b = a ⊕ b
        return is(AllocatedBit.xor(cs, a.bit, b.bit));
    }

    /** a ∧ b; at most 1 constraint. */
    public static Boolean and(ConstraintSystem<Fr> cs, Boolean a, Boolean b) {
        if (a.isConst(false) || b.isConst(false)) {
            return FALSE;
        }
        if (a.isConst(true)) {
            return b;
        }
        if (b.isConst(true)) {
            return a;
        }
        if (a.kind == Kind.IS && b.kind == Kind.NOT) {
            return is(AllocatedBit.andNot(cs, a.bit, b.bit));
        }
        if (a.kind == Kind.NOT && b.kind == Kind.IS) {
            return is(AllocatedBit.andNot(cs, b.bit, a.bit));
        }
        if (a.kind == Kind.NOT) {
            return is(AllocatedBit.nor(cs, a.bit, b.bit));
        }
        return is(AllocatedBit.and(cs, a.bit, b.bit));
    }

    /** Enforces a = b: 1 constraint unless both are constants (then it fails if they differ). */
    public static void enforceEqual(ConstraintSystem<Fr> cs, Boolean a, Boolean b) {
        Variable one = cs.one();
        if (a.isConstant() && b.isConstant()) {
            if (a.constant != b.constant) {
                throw new SynthesisException("unsatisfiable: constant " + a.constant + " = " + b.constant);
            }
            return;
        }
        if (a.isConst(true) || b.isConst(true)) {
            Boolean x = a.isConst(true) ? b : a;
            cs.enforce("enforce equal to one", cs.lc(), cs.lc(), cs.lc().add(one).sub(x.lc(cs, Fr.ONE)));
        } else if (a.isConst(false) || b.isConst(false)) {
            Boolean x = a.isConst(false) ? b : a;
            cs.enforce("enforce equal to zero", cs.lc(), cs.lc(), x.lc(cs, Fr.ONE));
        } else {
            cs.enforce("enforce equal", cs.lc(), cs.lc(), a.lc(cs, Fr.ONE).sub(b.lc(cs, Fr.ONE)));
        }
    }

    /** SHA-256's ch: (a ∧ b) ⊕ (¬a ∧ c); 1 constraint when no operand is constant. */
    public static Boolean sha256Ch(ConstraintSystem<Fr> cs, Boolean a, Boolean b, Boolean c) {
        java.lang.Boolean av = a.value();
        java.lang.Boolean bv = b.value();
        java.lang.Boolean cv = c.value();
        java.lang.Boolean ch = av == null || bv == null || cv == null ? null : (av & bv) ^ (!av & cv);
        if (a.isConstant() && b.isConstant() && c.isConstant()) {
            return constant(ch);
        }
        if (a.isConst(false)) {
            return c;
        }
        if (b.isConst(false)) {
            return and(cs, a.not(), c);
        }
        if (c.isConst(false)) {
            return and(cs, a, b);
        }
        if (c.isConst(true)) {
            return and(cs, a, b.not()).not();
        }
        if (b.isConst(true)) {
            return and(cs, a.not(), c.not()).not();
        }
        // a constant true, or none constant: a·(b − c) = ch − c
        Variable v = cs.alloc("ch", () -> AllocatedBit.field(ch, "ch"));
        cs.enforce("ch computation", b.lc(cs, Fr.ONE).sub(c.lc(cs, Fr.ONE)), a.lc(cs, Fr.ONE),
                cs.lc().add(v).sub(c.lc(cs, Fr.ONE)));
        return is(AllocatedBit.ofConstrained(v, ch));
    }

    /** SHA-256's maj: (a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c); 2 constraints when no operand is constant. */
    public static Boolean sha256Maj(ConstraintSystem<Fr> cs, Boolean a, Boolean b, Boolean c) {
        java.lang.Boolean av = a.value();
        java.lang.Boolean bv = b.value();
        java.lang.Boolean cv = c.value();
        java.lang.Boolean maj = av == null || bv == null || cv == null ? null : (av & bv) ^ (av & cv) ^ (bv & cv);
        if (a.isConstant() && b.isConstant() && c.isConstant()) {
            return constant(maj);
        }
        if (a.isConst(false)) {
            return and(cs, b, c);
        }
        if (b.isConst(false)) {
            return and(cs, a, c);
        }
        if (c.isConst(false)) {
            return and(cs, a, b);
        }
        if (c.isConst(true)) {
            return and(cs, a.not(), b.not()).not();
        }
        if (b.isConst(true)) {
            return and(cs, a.not(), c.not()).not();
        }
        if (a.isConst(true)) {
            return and(cs, b.not(), c.not()).not();
        }
        // maj = a·(b + c − 2bc) + bc, so (2bc − b − c)·a = bc − maj; maj is allocated before bc
        Variable v = cs.alloc("maj", () -> AllocatedBit.field(maj, "maj"));
        Boolean bc = cs.namespace("b and c", ns -> and(ns, b, c));
        cs.enforce("maj computation",
                bc.lc(cs, Fr.ONE).add(bc.lc(cs, Fr.ONE)).sub(b.lc(cs, Fr.ONE)).sub(c.lc(cs, Fr.ONE)),
                a.lc(cs, Fr.ONE), bc.lc(cs, Fr.ONE).sub(v));
        return is(AllocatedBit.ofConstrained(v, maj));
    }

    /** 64 allocated bits of a u64, least significant first, each in namespace "bit i"; null value for no witness. */
    public static List<Boolean> u64IntoBooleanVecLe(ConstraintSystem<Fr> cs, Long value) {
        List<Boolean> bits = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            int at = i;
            java.lang.Boolean b = value == null ? null : ((value >>> i) & 1) != 0;
            bits.add(is(cs.namespace(() -> "bit " + at, ns -> AllocatedBit.alloc(ns, b))));
        }
        return bits;
    }

    /**
     * The {@link FrBits#NUM_BITS} bits of a field element, least significant first, each in
     * namespace "bit i"; they are not tied to any number (see {@code AllocatedNum.toBitsLe}).
     */
    public static List<AllocatedBit> fieldIntoAllocatedBitsLe(ConstraintSystem<Fr> cs, Fr value) {
        boolean[] bits = value == null ? null : FrBits.bitsLe(value);
        List<AllocatedBit> out = new ArrayList<>(FrBits.NUM_BITS);
        for (int i = 0; i < FrBits.NUM_BITS; i++) {
            int at = i;
            java.lang.Boolean b = bits == null ? null : bits[i];
            out.add(cs.namespace(() -> "bit " + at, ns -> AllocatedBit.alloc(ns, b)));
        }
        return out;
    }

    public static List<Boolean> fieldIntoBooleanVecLe(ConstraintSystem<Fr> cs, Fr value) {
        List<Boolean> out = new ArrayList<>(FrBits.NUM_BITS);
        for (AllocatedBit b : fieldIntoAllocatedBitsLe(cs, value)) {
            out.add(is(b));
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "Constant(" + constant + ")";
            case IS -> "Is(" + bit + ")";
            case NOT -> "Not(" + bit + ")";
        };
    }
}
