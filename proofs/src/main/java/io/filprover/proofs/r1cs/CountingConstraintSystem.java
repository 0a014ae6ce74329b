package io.filprover.proofs.r1cs;

import java.util.function.Supplier;

/**
 * Counts a circuit's inputs, auxiliaries and constraints without keeping anything else: no names,
 * no witness, no linear combinations. This is how the production circuits (10^8 constraints) are
 * measured in bounded memory, as bellperson's {@code BenchCS} does. Counts are as upstream
 * reports them: inputs include the implicit ONE; constraints exclude the per-input constraints
 * the Groth16 prover appends.
 */
public final class CountingConstraintSystem<E> implements ConstraintSystem<E> {
    private final ScalarField<E> field;
    /** Shared by every constraint: enforce only counts, so no term needs to be kept. */
    private final LinearCombination<E> discarding;
    private long inputs = 1;
    private long aux;
    private long constraints;

    public CountingConstraintSystem(ScalarField<E> field) {
        this.field = field;
        this.discarding = LinearCombination.discarding(field);
    }

    /** Counts one synthesis of {@code circuit}. */
    public static <E> CountingConstraintSystem<E> count(ScalarField<E> field, Circuit<E> circuit) {
        CountingConstraintSystem<E> cs = new CountingConstraintSystem<>(field);
        circuit.synthesize(cs);
        return cs;
    }

    @Override
    public ScalarField<E> field() {
        return field;
    }

    @Override
    public boolean needsWitness() {
        return false;
    }

    /** A discarding combination: gadgets run their usual calls, minus the arithmetic on terms. */
    @Override
    public LinearCombination<E> lc() {
        return discarding;
    }

    @Override
    public boolean keepsConstraints() {
        return false;
    }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<E> value) {
        return Variable.aux(Math.toIntExact(aux++));
    }

    @Override
    public Variable allocInput(Supplier<String> name, Supplier<E> value) {
        return Variable.input(Math.toIntExact(inputs++));
    }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
        constraints++;
    }

    @Override
    public void pushNamespace(Supplier<String> name) {
    }

    @Override
    public void popNamespace() {
    }

    /** Inputs including ONE. */
    public long numInputs() {
        return inputs;
    }

    public long numAux() {
        return aux;
    }

    public long numConstraints() {
        return constraints;
    }
}
