package io.filprover.proofs.r1cs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A constraint system for circuit tests: keeps every constraint with its full name path, counts
 * variables and constraints, and finds the first unsatisfied constraint. Rejects duplicate names.
 * Counts exclude bellperson's appended per-input constraints (they always hold).
 */
public final class TestConstraintSystem<E> implements ConstraintSystem<E> {
    private record Constraint<E>(String path, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
    }

    private final ScalarField<E> field;
    private final List<E> inputs = new ArrayList<>();
    private final List<E> aux = new ArrayList<>();
    private final List<String> inputNames = new ArrayList<>();
    private final List<String> auxNames = new ArrayList<>();
    private final List<Constraint<E>> constraints = new ArrayList<>();
    private final Deque<String> namespace = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();

    public TestConstraintSystem(ScalarField<E> field) {
        this.field = field;
        inputs.add(field.one());
        inputNames.add("ONE");
        names.add("ONE");
    }

    @Override
    public ScalarField<E> field() {
        return field;
    }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<E> value) {
        auxNames.add(register(name.get()));
        aux.add(value.get());
        return Variable.aux(aux.size() - 1);
    }

    @Override
    public Variable allocInput(Supplier<String> name, Supplier<E> value) {
        inputNames.add(register(name.get()));
        inputs.add(value.get());
        return Variable.input(inputs.size() - 1);
    }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
        constraints.add(new Constraint<>(register(name.get()), a.copy(), b.copy(), c.copy()));
    }

    @Override
    public void pushNamespace(Supplier<String> name) {
        namespace.addLast(name.get());
    }

    @Override
    public void popNamespace() {
        if (namespace.isEmpty()) {
            throw new IllegalStateException("popNamespace without pushNamespace");
        }
        namespace.removeLast();
    }

    private String register(String name) {
        if (name.contains("/")) {
            throw new IllegalArgumentException("'/' is not allowed in names: " + name);
        }
        String path = namespace.isEmpty() ? name : String.join("/", namespace) + "/" + name;
        if (!names.add(path)) {
            throw new IllegalArgumentException("duplicate name: " + path);
        }
        return path;
    }

    // ---- inspection ----

    /** The circuit's own constraints. */
    public int numConstraints() {
        return constraints.size();
    }

    /** Inputs including ONE. */
    public int numInputs() {
        return inputs.size();
    }

    public int numAux() {
        return aux.size();
    }

    /** The full name path of the first constraint that does not hold, if any. */
    public Optional<String> whichIsUnsatisfied() {
        for (Constraint<E> k : constraints) {
            E a = eval(k.a(), k.path());
            E b = eval(k.b(), k.path());
            E c = eval(k.c(), k.path());
            if (!field.mul(a, b).equals(c)) {
                return Optional.of(k.path());
            }
        }
        return Optional.empty();
    }

    public boolean isSatisfied() {
        return whichIsUnsatisfied().isEmpty();
    }

    /** The value of the variable allocated under the given full path. */
    public E get(String path) {
        int i = inputNames.indexOf(path);
        if (i >= 0) {
            return inputs.get(i);
        }
        i = auxNames.indexOf(path);
        if (i >= 0) {
            return aux.get(i);
        }
        throw new IllegalArgumentException("no variable named " + path);
    }

    /** Overwrites the value of the variable allocated under the given full path (to tamper a witness in tests). */
    public void set(String path, E value) {
        int i = inputNames.indexOf(path);
        if (i >= 0) {
            inputs.set(i, value);
            return;
        }
        i = auxNames.indexOf(path);
        if (i >= 0) {
            aux.set(i, value);
            return;
        }
        throw new IllegalArgumentException("no variable named " + path);
    }

    /** x_1 … x_ℓ, as the verifier takes them. */
    public List<E> publicInputs() {
        return List.copyOf(inputs.subList(1, inputs.size()));
    }

    private E eval(LinearCombination<E> lc, String path) {
        E acc = field.zero();
        for (int i = 0; i < lc.size(); i++) {
            Variable v = lc.variable(i);
            E value = v.isInput() ? inputs.get(v.index()) : aux.get(v.index());
            if (value == null) {
                throw new SynthesisException("constraint " + path + " uses " + v + " which has no value");
            }
            acc = field.add(acc, field.mul(lc.coefficient(i), value));
        }
        return acc;
    }
}
