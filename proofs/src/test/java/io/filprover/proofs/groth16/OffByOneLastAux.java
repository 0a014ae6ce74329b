package io.filprover.proofs.groth16;

import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;

import java.util.function.Supplier;

/** Wraps a constraint system and adds one to the value of every aux variable named "z…" (breaks the witness). */
final class OffByOneLastAux<E> implements ConstraintSystem<E> {
    private final ConstraintSystem<E> inner;

    OffByOneLastAux(ConstraintSystem<E> inner) {
        this.inner = inner;
    }

    @Override public ScalarField<E> field() { return inner.field(); }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<E> value) {
        if (name.get().startsWith("z")) {
            return inner.alloc(name, () -> field().add(value.get(), field().one()));
        }
        return inner.alloc(name, value);
    }

    @Override public Variable allocInput(Supplier<String> name, Supplier<E> value) { return inner.allocInput(name, value); }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
        inner.enforce(name, a, b, c);
    }

    @Override public void pushNamespace(Supplier<String> name) { inner.pushNamespace(name); }
    @Override public void popNamespace() { inner.popNamespace(); }
}
