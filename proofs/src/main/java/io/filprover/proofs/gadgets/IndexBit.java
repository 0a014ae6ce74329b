package io.filprover.proofs.gadgets;

import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.util.function.Supplier;

/**
 * An allocated boolean, exactly bellman's {@code AllocatedBit} for the operations the Merkle
 * gadgets need: {@link #alloc} (1 booleanity constraint (1 − b)·b = 0), {@link #and} and
 * {@link #nor} (1 constraint each), with bellman's variable names.
 *
 * <p>Stop-gap: the shared {@code Boolean}/{@code AllocatedBit} gadgets are being written on
 * another branch; at merge this class should be replaced by them (same variables, constraints and
 * names, so the R1CS does not change). {@code java.lang.Boolean} is spelled out so a
 * {@code gadgets.Boolean} class arriving in this package does not change what it means.
 *
 * @param value null when the system runs without a witness
 */
public record IndexBit(Variable variable, java.lang.Boolean value) {

    /** bellman {@code AllocatedBit::alloc}: variable "boolean", constraint "boolean constraint". */
    public static <E> IndexBit alloc(ConstraintSystem<E> cs, Supplier<String> name, java.lang.Boolean value) {
        cs.pushNamespace(name);
        try {
            Variable v = cs.alloc("boolean", () -> bitValue(cs, value));
            cs.enforce("boolean constraint", cs.lc().add(cs.one()).sub(v), cs.lc().add(v), cs.lc());
            return new IndexBit(v, value);
        } finally {
            cs.popNamespace();
        }
    }

    /** a ∧ b: (a)·(b) = c ("and result", "and constraint"). */
    public static <E> IndexBit and(ConstraintSystem<E> cs, Supplier<String> name, IndexBit a, IndexBit b) {
        java.lang.Boolean value = a.value == null || b.value == null ? null : a.value && b.value;
        cs.pushNamespace(name);
        try {
            Variable c = cs.alloc("and result", () -> bitValue(cs, value));
            cs.enforce("and constraint", cs.lc().add(a.variable), cs.lc().add(b.variable), cs.lc().add(c));
            return new IndexBit(c, value);
        } finally {
            cs.popNamespace();
        }
    }

    /** ¬a ∧ ¬b: (1 − a)·(1 − b) = c ("nor result", "nor constraint"). */
    public static <E> IndexBit nor(ConstraintSystem<E> cs, Supplier<String> name, IndexBit a, IndexBit b) {
        java.lang.Boolean value = a.value == null || b.value == null ? null : !a.value && !b.value;
        cs.pushNamespace(name);
        try {
            Variable c = cs.alloc("nor result", () -> bitValue(cs, value));
            cs.enforce("nor constraint", cs.lc().add(cs.one()).sub(a.variable), cs.lc().add(cs.one()).sub(b.variable),
                    cs.lc().add(c));
            return new IndexBit(c, value);
        } finally {
            cs.popNamespace();
        }
    }

    /** coeff·b, as bellman's {@code Boolean::Is(b).lc(one, coeff)}. */
    public <E> LinearCombination<E> lc(ConstraintSystem<E> cs, E coeff) {
        return cs.lc().add(coeff, variable);
    }

    /** The value, for value suppliers (which run only when the witness is known). */
    public boolean requireValue() {
        if (value == null) {
            throw SynthesisException.assignmentMissing(variable.toString());
        }
        return value;
    }

    private static <E> E bitValue(ConstraintSystem<E> cs, java.lang.Boolean value) {
        if (value == null) {
            throw SynthesisException.assignmentMissing("boolean");
        }
        return value ? cs.field().one() : cs.field().zero();
    }
}
