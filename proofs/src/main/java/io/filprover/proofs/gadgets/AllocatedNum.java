package io.filprover.proofs.gadgets;

import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.util.function.Supplier;

/**
 * A field element allocated as one variable, with its value when the witness is known (null
 * otherwise), as bellman's {@code num::AllocatedNum}. The constraint counts of the operations are
 * bellman's: each costs exactly the constraints named in its comment, so circuits built from them
 * match upstream constraint for constraint.
 */
public final class AllocatedNum<E> {
    private final Variable variable;
    private final E value;

    public AllocatedNum(Variable variable, E value) {
        this.variable = variable;
        this.value = value;
    }

    /** An aux variable; 0 constraints. */
    public static <E> AllocatedNum<E> alloc(ConstraintSystem<E> cs, Supplier<String> name, Supplier<E> value) {
        E[] held = newHolder();
        Variable v = cs.alloc(name, () -> {
            held[0] = value.get();
            return held[0];
        });
        return new AllocatedNum<>(v, held[0]);
    }

    public static <E> AllocatedNum<E> alloc(ConstraintSystem<E> cs, String name, Supplier<E> value) {
        return alloc(cs, () -> name, value);
    }

    /** A public input equal to this number; 1 constraint (bellman's {@code inputize}). */
    public void inputize(ConstraintSystem<E> cs, Supplier<String> name) {
        cs.pushNamespace(name);
        try {
            Variable input = cs.allocInput("input variable", this::requireValue);
            cs.enforce("enforce input is correct", cs.lc().add(input), cs.lc().add(cs.one()), cs.lc().add(variable));
        } finally {
            cs.popNamespace();
        }
    }

    /** this · other; 1 constraint. */
    public AllocatedNum<E> mul(ConstraintSystem<E> cs, Supplier<String> name, AllocatedNum<E> other) {
        cs.pushNamespace(name);
        try {
            AllocatedNum<E> product = alloc(cs, "product num",
                    () -> cs.field().mul(requireValue(), other.requireValue()));
            cs.enforce("multiplication constraint", cs.lc().add(variable), cs.lc().add(other.variable),
                    cs.lc().add(product.variable));
            return product;
        } finally {
            cs.popNamespace();
        }
    }

    /** this²; 1 constraint. */
    public AllocatedNum<E> square(ConstraintSystem<E> cs, Supplier<String> name) {
        cs.pushNamespace(name);
        try {
            AllocatedNum<E> sq = alloc(cs, "squared num", () -> cs.field().mul(requireValue(), requireValue()));
            cs.enforce("squaring constraint", cs.lc().add(variable), cs.lc().add(variable), cs.lc().add(sq.variable));
            return sq;
        } finally {
            cs.popNamespace();
        }
    }

    /** Enforces this = other; 1 constraint. */
    public void enforceEqual(ConstraintSystem<E> cs, Supplier<String> name, AllocatedNum<E> other) {
        cs.enforce(name, cs.lc().add(variable), cs.lc().add(cs.one()), cs.lc().add(other.variable));
    }

    public Variable variable() {
        return variable;
    }

    /** The value, or null when the system runs without a witness. */
    public E value() {
        return value;
    }

    /** 1·this as a fresh linear combination. */
    public LinearCombination<E> lc(ConstraintSystem<E> cs) {
        return cs.lc().add(variable);
    }

    /** The value, for value suppliers (which run only when the witness is known). */
    public E requireValue() {
        if (value == null) {
            throw new SynthesisException("assignment missing for " + variable);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <E> E[] newHolder() {
        return (E[]) new Object[1];
    }
}
