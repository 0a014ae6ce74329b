package io.filprover.proofs.porep.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test helper: checks each constraint against the witness as it is enforced and keeps only the
 * values and the first unsatisfied constraint's name (names are built only for that one), so the
 * satisfiability of several multi-million-constraint partition circuits can be checked in little
 * memory. {@code TestConstraintSystem} stays the reference; the stacked tests run both on the
 * 2 KiB sector.
 */
final class CheckingConstraintSystem implements ConstraintSystem<Fr> {
    private final List<Fr> inputs = new ArrayList<>(List.of(Fr.ONE));
    private final List<Fr> aux = new ArrayList<>();
    private final Deque<Supplier<String>> namespace = new ArrayDeque<>();
    private long constraints;
    private String firstUnsatisfied;

    @Override
    public ScalarField<Fr> field() {
        return FrScalarField.INSTANCE;
    }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<Fr> value) {
        aux.add(value.get());
        return Variable.aux(aux.size() - 1);
    }

    @Override
    public Variable allocInput(Supplier<String> name, Supplier<Fr> value) {
        inputs.add(value.get());
        return Variable.input(inputs.size() - 1);
    }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<Fr> a, LinearCombination<Fr> b,
                        LinearCombination<Fr> c) {
        constraints++;
        if (firstUnsatisfied == null && !eval(a).mul(eval(b)).equals(eval(c))) {
            StringBuilder path = new StringBuilder();
            namespace.descendingIterator().forEachRemaining(n -> path.append(n.get()).append('/'));
            firstUnsatisfied = path.append(name.get()).toString();
        }
    }

    @Override
    public void pushNamespace(Supplier<String> name) {
        namespace.push(name);
    }

    @Override
    public void popNamespace() {
        namespace.pop();
    }

    private Fr eval(LinearCombination<Fr> lc) {
        Fr acc = Fr.ZERO;
        for (int i = 0; i < lc.size(); i++) {
            Variable v = lc.variable(i);
            acc = acc.add(lc.coefficient(i).mul(v.isInput() ? inputs.get(v.index()) : aux.get(v.index())));
        }
        return acc;
    }

    boolean isSatisfied() {
        return firstUnsatisfied == null;
    }

    /** The full name of the first constraint that did not hold, or null. */
    String whichIsUnsatisfied() {
        return firstUnsatisfied;
    }

    long numConstraints() {
        return constraints;
    }

    /** Inputs including ONE. */
    int numInputs() {
        return inputs.size();
    }

    int numAux() {
        return aux.size();
    }

    List<Fr> publicInputs() {
        return List.copyOf(inputs.subList(1, inputs.size()));
    }
}
