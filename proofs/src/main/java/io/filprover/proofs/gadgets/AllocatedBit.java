package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;

/**
 * A variable constrained to 0 or 1, as bellman's {@code boolean::AllocatedBit}. Every operation
 * allocates exactly one variable and enforces exactly one constraint, with bellman's names and in
 * bellman's order, so circuits built from it have upstream's R1CS.
 *
 * <p>The value is null when the system runs without a witness (the shape is the same either way).
 */
public final class AllocatedBit {
    private final Variable variable;
    private final java.lang.Boolean value;

    private AllocatedBit(Variable variable, java.lang.Boolean value) {
        this.variable = variable;
        this.value = value;
    }

    public Variable variable() {
        return variable;
    }

    /** The bit, or null without a witness. */
    public java.lang.Boolean value() {
        return value;
    }

    /** A bit variable named "boolean": (1 − a)·a = 0. */
    public static AllocatedBit alloc(ConstraintSystem<Fr> cs, java.lang.Boolean value) {
        Variable v = cs.alloc("boolean", () -> field(value, "boolean"));
        cs.enforce("boolean constraint", cs.lc().add(cs.one()).sub(v), cs.lc().add(v), cs.lc());
        return new AllocatedBit(v, value);
    }

    /**
     * A bit that must be 0 when {@code mustBeFalse} is 1: (1 − mustBeFalse − a)·a = 0, which is the
     * plain boolean constraint when mustBeFalse is 0 and forces a = 0 when it is 1.
     */
    public static AllocatedBit allocConditionally(ConstraintSystem<Fr> cs, java.lang.Boolean value,
                                                  AllocatedBit mustBeFalse) {
        Variable v = cs.alloc("boolean", () -> field(value, "boolean"));
        cs.enforce("boolean constraint", cs.lc().add(cs.one()).sub(mustBeFalse.variable).sub(v), cs.lc().add(v),
                cs.lc());
        return new AllocatedBit(v, value);
    }

    /** a ⊕ b: (a + a)·b = a + b − c, which for boolean a, b leaves c = a + b − 2ab. */
    public static AllocatedBit xor(ConstraintSystem<Fr> cs, AllocatedBit a, AllocatedBit b) {
        java.lang.Boolean r = a.value == null || b.value == null ? null : a.value ^ b.value;
        Variable c = cs.alloc("xor result", () -> field(r, "xor result"));
        cs.enforce("xor constraint", cs.lc().add(a.variable).add(a.variable), cs.lc().add(b.variable),
                cs.lc().add(a.variable).add(b.variable).sub(c));
        return new AllocatedBit(c, r);
    }

    /** a ∧ b: a·b = c. */
    public static AllocatedBit and(ConstraintSystem<Fr> cs, AllocatedBit a, AllocatedBit b) {
        java.lang.Boolean r = a.value == null || b.value == null ? null : a.value & b.value;
        Variable c = cs.alloc("and result", () -> field(r, "and result"));
        cs.enforce("and constraint", cs.lc().add(a.variable), cs.lc().add(b.variable), cs.lc().add(c));
        return new AllocatedBit(c, r);
    }

    /** a ∧ ¬b: a·(1 − b) = c. */
    public static AllocatedBit andNot(ConstraintSystem<Fr> cs, AllocatedBit a, AllocatedBit b) {
        java.lang.Boolean r = a.value == null || b.value == null ? null : a.value & !b.value;
        Variable c = cs.alloc("and not result", () -> field(r, "and not result"));
        cs.enforce("and not constraint", cs.lc().add(a.variable), cs.lc().add(cs.one()).sub(b.variable),
                cs.lc().add(c));
        return new AllocatedBit(c, r);
    }

    /** ¬a ∧ ¬b: (1 − a)·(1 − b) = c. */
    public static AllocatedBit nor(ConstraintSystem<Fr> cs, AllocatedBit a, AllocatedBit b) {
        java.lang.Boolean r = a.value == null || b.value == null ? null : !a.value & !b.value;
        Variable c = cs.alloc("nor result", () -> field(r, "nor result"));
        cs.enforce("nor constraint", cs.lc().add(cs.one()).sub(a.variable), cs.lc().add(cs.one()).sub(b.variable),
                cs.lc().add(c));
        return new AllocatedBit(c, r);
    }

    /** Wraps a variable some other gadget already constrained to be boolean (sha256's ch and maj). */
    static AllocatedBit ofConstrained(Variable variable, java.lang.Boolean value) {
        return new AllocatedBit(variable, value);
    }

    /** The field element of a bit for a value supplier; bellman's AssignmentMissing when unknown. */
    static Fr field(java.lang.Boolean value, String name) {
        if (value == null) {
            throw SynthesisException.assignmentMissing(name);
        }
        return value ? Fr.ONE : Fr.ZERO;
    }

    @Override
    public String toString() {
        return "AllocatedBit(" + variable + " = " + value + ")";
    }
}
