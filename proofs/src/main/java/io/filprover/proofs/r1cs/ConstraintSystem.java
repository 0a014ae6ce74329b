package io.filprover.proofs.r1cs;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A rank-1 constraint system in the style of bellman: variables are allocated with value suppliers
 * (invoked only when the system needs the witness; a supplier returning null means "missing"), and
 * constraints ⟨a, z⟩·⟨b, z⟩ = ⟨c, z⟩ are enforced over linear combinations.
 *
 * <p>Names are suppliers, as bellman's annotation closures: only systems that keep names (the
 * {@link TestConstraintSystem}) call them, so synthesising a production circuit of 10^8 constraints
 * for proving or counting builds no strings. They form a path of namespaces ("outer/inner/name").
 * The {@code String} overloads are for constant names.
 */
public interface ConstraintSystem<E> {
    ScalarField<E> field();

    /** The constant-one input. */
    default Variable one() {
        return Variable.ONE;
    }

    /**
     * A fresh empty linear combination over this system's field; a {@linkplain
     * LinearCombination#discarding discarding} one where {@link #keepsConstraints()} is false.
     */
    default LinearCombination<E> lc() {
        return new LinearCombination<>(field());
    }

    /** Allocates a private (aux) variable. */
    Variable alloc(Supplier<String> name, Supplier<E> value);

    /** Allocates a public input variable. */
    Variable allocInput(Supplier<String> name, Supplier<E> value);

    /** Enforces a·b = c. */
    void enforce(Supplier<String> name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c);

    void pushNamespace(Supplier<String> name);

    void popNamespace();

    /**
     * Whether value suppliers are called: false for systems that only record the shape (parameter
     * generation, counting), so gadgets may skip computing witnesses they would throw away.
     */
    default boolean needsWitness() {
        return true;
    }

    /**
     * Whether the linear combinations given to {@link #enforce} are read: false only for systems
     * that count (not for parameter generation, which evaluates them), so gadgets may skip building
     * terms — never the alloc/enforce calls themselves, which fix the circuit's shape.
     */
    default boolean keepsConstraints() {
        return true;
    }

    default Variable alloc(String name, Supplier<E> value) {
        return alloc(() -> name, value);
    }

    default Variable allocInput(String name, Supplier<E> value) {
        return allocInput(() -> name, value);
    }

    default void enforce(String name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
        enforce(() -> name, a, b, c);
    }

    default void pushNamespace(String name) {
        pushNamespace(() -> name);
    }

    /** Runs {@code body} inside namespace {@code name}. */
    default <T> T namespace(Supplier<String> name, Function<ConstraintSystem<E>, T> body) {
        pushNamespace(name);
        try {
            return body.apply(this);
        } finally {
            popNamespace();
        }
    }

    default <T> T namespace(String name, Function<ConstraintSystem<E>, T> body) {
        return namespace(() -> name, body);
    }

    /** Runs {@code body} inside namespace {@code name}. */
    default void inNamespace(Supplier<String> name, Consumer<ConstraintSystem<E>> body) {
        pushNamespace(name);
        try {
            body.accept(this);
        } finally {
            popNamespace();
        }
    }

    default void inNamespace(String name, Consumer<ConstraintSystem<E>> body) {
        inNamespace(() -> name, body);
    }
}
