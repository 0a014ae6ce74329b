package io.filprover.proofs.groth16.prover;

import io.filprover.api.job.WorkerPool;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Synthesis of one circuit for proving (docs/spec/poseidon-groth16-gpu.md §3.4): records the witness and
 * the evaluations a_j, b_j, c_j of every constraint, and the density bitmaps the MSMs use.
 * <ul>
 * <li>input 0 is the constant ONE, allocated first;</li>
 * <li>{@code alloc} appends a 0-bit to the A-aux and B-aux bitmaps, {@code allocInput} to the
 *     B-input bitmap;</li>
 * <li>evaluating a term with a non-zero coefficient sets its variable's bit: A marks aux only
 *     (inputs are always dense in A), B marks inputs and aux, C marks nothing;</li>
 * <li>{@link #synthesize} finally appends (x_i)·0 = 0 for every input.</li>
 * </ul>
 * Names are ignored (they cost nothing here).
 */
public final class ProvingAssignment<E> implements ConstraintSystem<E> {
    private final ScalarField<E> field;
    // flat storage: 32 bytes per Fr instead of an object each (PoRep circuits have ~10^8 witnesses)
    private final FlatVector<E> inputs;
    private final FlatVector<E> aux;
    private FlatVector<E> a;
    private FlatVector<E> b;
    private FlatVector<E> c;
    private int numConstraints;
    private final DensityBitmap aAuxDensity = new DensityBitmap();
    private final DensityBitmap bInputDensity = new DensityBitmap();
    private final DensityBitmap bAuxDensity = new DensityBitmap();
    private boolean finished;

    private ProvingAssignment(ScalarField<E> field) {
        this.field = field;
        this.inputs = new FlatVector<>(field, 16);
        this.aux = new FlatVector<>(field, 1024);
        this.a = new FlatVector<>(field, 1024);
        this.b = new FlatVector<>(field, 1024);
        this.c = new FlatVector<>(field, 1024);
    }

    /** Allocates ONE, runs the circuit, then appends the input constraints. */
    public static <E> ProvingAssignment<E> synthesize(ScalarField<E> field, Circuit<E> circuit) {
        ProvingAssignment<E> pa = new ProvingAssignment<>(field);
        pa.allocInput("one", field::one);
        circuit.synthesize(pa);
        for (int i = 0; i < pa.inputs.size(); i++) {
            // bellperson: (x_i)·0 = 0, so every input has a non-zero A polynomial
            pa.enforce(() -> "input constraint", pa.lc().add(Variable.input(i)), pa.lc(), pa.lc());
        }
        pa.finished = true;
        pa.numConstraints = pa.a.size();
        return pa;
    }

    @Override
    public ScalarField<E> field() {
        return field;
    }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<E> value) {
        checkOpen();
        aux.add(require(name, value));
        aAuxDensity.addElement();
        bAuxDensity.addElement();
        return Variable.aux(aux.size() - 1);
    }

    @Override
    public Variable allocInput(Supplier<String> name, Supplier<E> value) {
        checkOpen();
        inputs.add(require(name, value));
        bInputDensity.addElement();
        return Variable.input(inputs.size() - 1);
    }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<E> la, LinearCombination<E> lb, LinearCombination<E> lc) {
        if (finished) {
            throw new IllegalStateException("synthesis has finished");
        }
        a.add(eval(la, null, aAuxDensity));
        b.add(eval(lb, bInputDensity, bAuxDensity));
        c.add(eval(lc, null, null));
    }

    private E eval(LinearCombination<E> lc, DensityBitmap inputDensity, DensityBitmap auxDensity) {
        E acc = field.zero();
        for (int i = 0; i < lc.size(); i++) {
            E coeff = lc.coefficient(i);
            if (field.isZero(coeff)) {
                continue;
            }
            Variable v = lc.variable(i);
            E value;
            if (v.isInput()) {
                value = inputs.get(v.index());
                if (inputDensity != null) {
                    inputDensity.inc(v.index());
                }
            } else {
                value = aux.get(v.index());
                if (auxDensity != null) {
                    auxDensity.inc(v.index());
                }
            }
            acc = field.add(acc, field.isOne(coeff) ? value : field.mul(coeff, value));
        }
        return acc;
    }

    private E require(Supplier<String> name, Supplier<E> value) {
        E v = value.get();
        if (v == null) {
            throw SynthesisException.assignmentMissing(name.get());
        }
        return v;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("synthesis has finished");
        }
    }

    @Override
    public void pushNamespace(Supplier<String> name) {
    }

    @Override
    public void popNamespace() {
    }

    // ---- results ----

    /** n: the circuit's constraints plus one per input. */
    public int numConstraints() {
        return finished ? numConstraints : a.size();
    }

    /** Frees a_j, b_j, c_j once the quotient polynomial has been computed (large circuits). */
    public void releaseEvaluations() {
        a = null;
        b = null;
        c = null;
    }

    /** ℓ + 1: the inputs including ONE. */
    public int numInputs() {
        return inputs.size();
    }

    public int numAux() {
        return aux.size();
    }

    public E input(int i) {
        return inputs.get(i);
    }

    public E aux(int i) {
        return aux.get(i);
    }

    /** The public inputs x_1 … x_ℓ (without ONE), as the verifier takes them. */
    public List<E> publicInputs() {
        List<E> out = new ArrayList<>(inputs.size() - 1);
        for (int i = 1; i < inputs.size(); i++) {
            out.add(inputs.get(i));
        }
        return out;
    }

    /** a_j (internal flat form) padded with zeros to {@code m} elements. */
    public long[] aValues(int m) {
        return evaluations(a).toArray(m);
    }

    public long[] bValues(int m) {
        return evaluations(b).toArray(m);
    }

    public long[] cValues(int m) {
        return evaluations(c).toArray(m);
    }

    private FlatVector<E> evaluations(FlatVector<E> v) {
        if (v == null) {
            throw new IllegalStateException("the constraint evaluations have been released");
        }
        return v;
    }

    /** The inputs in canonical form (MSM exponents), limbs per element as the field says. */
    public long[] inputsCanonical(WorkerPool pool) {
        return canonical(inputs, pool);
    }

    public long[] auxCanonical(WorkerPool pool) {
        return canonical(aux, pool);
    }

    private long[] canonical(FlatVector<E> values, WorkerPool pool) {
        long[] out = values.toArray(values.size());
        ParallelChunks.forEach(pool, values.size(), (from, to) ->
                field.toCanonical(out, from * field.limbs(), out, from * field.limbs(), to - from));
        return out;
    }

    public DensityBitmap aAuxDensity() {
        return aAuxDensity;
    }

    public DensityBitmap bInputDensity() {
        return bInputDensity;
    }

    public DensityBitmap bAuxDensity() {
        return bAuxDensity;
    }
}
