package io.filprover.proofs.gadgets;

import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;
import java.util.function.Supplier;

/**
 * Test helper: forwards to another system but adds two to the value (so a bit leaves {0, 1}) of the k-th aux variable
 * allocated through it, so a gadget's constraints can be shown to pin that variable down.
 */
final class TamperingConstraintSystem<E> implements ConstraintSystem<E> {
    private final ConstraintSystem<E> inner;
    private final int target;
    private int allocated;

    TamperingConstraintSystem(ConstraintSystem<E> inner, int target) {
        this.inner = inner;
        this.target = target;
    }

    @Override
    public ScalarField<E> field() {
        return inner.field();
    }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<E> value) {
        boolean hit = allocated++ == target;
        return inner.alloc(name, hit ? () -> inner.field().add(value.get(), inner.field().fromLong(2)) : value);
    }

    @Override
    public Variable allocInput(Supplier<String> name, Supplier<E> value) {
        return inner.allocInput(name, value);
    }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
        inner.enforce(name, a, b, c);
    }

    @Override
    public void pushNamespace(Supplier<String> name) {
        inner.pushNamespace(name);
    }

    @Override
    public void popNamespace() {
        inner.popNamespace();
    }
}
