package io.filprover.proofs.groth16.cs;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A rank-1 constraint system in the style of bellman: variables are allocated with value suppliers
 * (invoked only when the system needs the witness; a supplier returning null means "missing"), and
 * constraints ⟨a, z⟩·⟨b, z⟩ = ⟨c, z⟩ are enforced over linear combinations. Names form a path of
 * namespaces ("outer/inner/name") used by {@link TestConstraintSystem} to report failures.
 */
public interface ConstraintSystem<E> {
    ScalarField<E> field();

    /** The constant-one input. */
    default Variable one() {
        return Variable.ONE;
    }

    /** A fresh empty linear combination over this system's field. */
    default LinearCombination<E> lc() {
        return new LinearCombination<>(field());
    }

    /** Allocates a private (aux) variable. */
    Variable alloc(String name, Supplier<E> value);

    /** Allocates a public input variable. */
    Variable allocInput(String name, Supplier<E> value);

    /** Enforces a·b = c. */
    void enforce(String name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c);

    void pushNamespace(String name);

    void popNamespace();

    /** Runs {@code body} inside namespace {@code name}. */
    default <T> T namespace(String name, Function<ConstraintSystem<E>, T> body) {
        pushNamespace(name);
        try {
            return body.apply(this);
        } finally {
            popNamespace();
        }
    }

    /** Runs {@code body} inside namespace {@code name}. */
    default void inNamespace(String name, java.util.function.Consumer<ConstraintSystem<E>> body) {
        pushNamespace(name);
        try {
            body.accept(this);
        } finally {
            popNamespace();
        }
    }
}
