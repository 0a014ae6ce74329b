package io.filprover.proofs.groth16;

import io.filprover.proofs.groth16.cs.ConstraintSystem;
import io.filprover.proofs.groth16.cs.LinearCombination;
import io.filprover.proofs.groth16.cs.ScalarField;
import io.filprover.proofs.groth16.cs.Variable;

import java.util.function.Supplier;

/** Wraps a constraint system and adds one to the value of every aux variable named "z…" (breaks the witness). */
final class OffByOneLastAux<E> implements ConstraintSystem<E> {
    private final ConstraintSystem<E> inner;

    OffByOneLastAux(ConstraintSystem<E> inner) {
        this.inner = inner;
    }

    @Override public ScalarField<E> field() { return inner.field(); }

    @Override
    public Variable alloc(String name, Supplier<E> value) {
        if (name.startsWith("z")) {
            return inner.alloc(name, () -> field().add(value.get(), field().one()));
        }
        return inner.alloc(name, value);
    }

    @Override public Variable allocInput(String name, Supplier<E> value) { return inner.allocInput(name, value); }

    @Override
    public void enforce(String name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
        inner.enforce(name, a, b, c);
    }

    @Override public void pushNamespace(String name) { inner.pushNamespace(name); }
    @Override public void popNamespace() { inner.popNamespace(); }
}
