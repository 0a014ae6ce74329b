package io.filprover.proofs.groth16.params;

import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import io.filprover.proofs.groth16.prover.QuotientPolynomial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The QAP polynomials of a circuit evaluated at τ (docs/spec/poseidon-groth16-gpu.md §3.1): u_k(τ), v_k(τ),
 * w_k(τ) for every variable (inputs first, then aux), with constraint j at ω^j and bellperson's
 * per-input constraints (x_i)·0 = 0 appended. Two passes over the circuit: one to count (so the
 * domain is known), one to accumulate coeff·L_j(τ). Value suppliers are never called.
 */
public final class QapEvaluation<E> {
    private final ScalarField<E> field;
    private final int numInputs;
    private final int numAux;
    private final int numConstraints;
    private final int logM;
    private final E zTau;
    private final List<E> u;
    private final List<E> v;
    private final List<E> w;

    private QapEvaluation(ScalarField<E> field, int numInputs, int numAux, int numConstraints, int logM, E zTau,
                          List<E> u, List<E> v, List<E> w) {
        this.field = field;
        this.numInputs = numInputs;
        this.numAux = numAux;
        this.numConstraints = numConstraints;
        this.logM = logM;
        this.zTau = zTau;
        this.u = u;
        this.v = v;
        this.w = w;
    }

    public static <E> QapEvaluation<E> evaluate(ScalarField<E> f, Circuit<E> circuit, E tau) {
        CountingConstraintSystem<E> counter = CountingConstraintSystem.count(f, circuit);
        int inputs = Math.toIntExact(counter.numInputs());
        int aux = Math.toIntExact(counter.numAux());
        int constraints = Math.toIntExact(counter.numConstraints());
        int n = constraints + inputs;
        int logM = QuotientPolynomial.domainLog(n);
        long m = 1L << logM;
        E omega = f.omega(logM);
        E tauM = tau;
        for (int i = 0; i < logM; i++) {
            tauM = f.mul(tauM, tauM);
        }
        E zTau = f.sub(tauM, f.one());
        if (f.isZero(zTau)) {
            throw new IllegalArgumentException("tau lies in the evaluation domain");
        }
        // L_j(τ) = Z(τ)·ω^j / (m·(τ − ω^j)) for the n rows that carry constraints
        List<E> denominators = new ArrayList<>(n);
        List<E> lagrange = new ArrayList<>(n);
        E mInv = f.inverse(f.fromLong(m));
        E omegaJ = f.one();
        for (int j = 0; j < n; j++) {
            lagrange.add(f.mul(f.mul(zTau, omegaJ), mInv));
            denominators.add(f.sub(tau, omegaJ));
            omegaJ = f.mul(omegaJ, omega);
        }
        List<E> inv = batchInverse(f, denominators);
        for (int j = 0; j < n; j++) {
            lagrange.set(j, f.mul(lagrange.get(j), inv.get(j)));
        }
        Accumulator<E> acc = new Accumulator<>(f, inputs, aux, lagrange);
        acc.allocInput("one", f::one);
        circuit.synthesize(acc);
        if (acc.row != constraints || acc.inputs != inputs || acc.aux != aux) {
            throw new SynthesisException("the circuit's shape changed between two syntheses");
        }
        for (int i = 0; i < inputs; i++) {
            acc.enforce("input constraint", acc.lc().add(Variable.input(i)), acc.lc(), acc.lc());
        }
        return new QapEvaluation<>(f, inputs, aux, n, logM, zTau,
                Collections.unmodifiableList(acc.u), Collections.unmodifiableList(acc.v),
                Collections.unmodifiableList(acc.w));
    }

    /** Montgomery's trick: one inversion for all (none of them zero). */
    static <E> List<E> batchInverse(ScalarField<E> f, List<E> xs) {
        List<E> prefix = new ArrayList<>(xs.size());
        E acc = f.one();
        for (E x : xs) {
            prefix.add(acc);
            acc = f.mul(acc, x);
        }
        E inv = f.inverse(acc);
        List<E> out = new ArrayList<>(Collections.nCopies(xs.size(), f.zero()));
        for (int i = xs.size() - 1; i >= 0; i--) {
            out.set(i, f.mul(inv, prefix.get(i)));
            inv = f.mul(inv, xs.get(i));
        }
        return out;
    }

    public ScalarField<E> field() { return field; }
    /** ℓ + 1 (inputs including ONE). */
    public int numInputs() { return numInputs; }
    public int numAux() { return numAux; }
    /** n, including the per-input constraints. */
    public int numConstraints() { return numConstraints; }
    public int logM() { return logM; }
    /** Z(τ) = τ^m − 1. */
    public E zTau() { return zTau; }
    /** u_k(τ), inputs then aux. */
    public List<E> u() { return u; }
    public List<E> v() { return v; }
    public List<E> w() { return w; }

    /** Adds coeff·L_j(τ) into u, v, w for the j-th constraint. */
    private static final class Accumulator<E> implements ConstraintSystem<E> {
        private final ScalarField<E> field;
        private final int numInputs;
        private final List<E> lagrange;
        final List<E> u;
        final List<E> v;
        final List<E> w;
        int inputs;
        int aux;
        int row;

        Accumulator(ScalarField<E> field, int numInputs, int numAux, List<E> lagrange) {
            this.field = field;
            this.numInputs = numInputs;
            this.lagrange = lagrange;
            int vars = numInputs + numAux;
            u = new ArrayList<>(Collections.nCopies(vars, field.zero()));
            v = new ArrayList<>(Collections.nCopies(vars, field.zero()));
            w = new ArrayList<>(Collections.nCopies(vars, field.zero()));
        }

        @Override public ScalarField<E> field() { return field; }
        @Override public boolean needsWitness() { return false; }

        @Override
        public Variable alloc(Supplier<String> name, Supplier<E> value) {
            return Variable.aux(aux++);
        }

        @Override
        public Variable allocInput(Supplier<String> name, Supplier<E> value) {
            return Variable.input(inputs++);
        }

        @Override
        public void enforce(Supplier<String> name, LinearCombination<E> a, LinearCombination<E> b, LinearCombination<E> c) {
            if (row >= lagrange.size()) {
                throw new SynthesisException("the circuit's shape changed between two syntheses");
            }
            E lj = lagrange.get(row++);
            add(u, a, lj);
            add(v, b, lj);
            add(w, c, lj);
        }

        private void add(List<E> target, LinearCombination<E> lc, E lj) {
            for (int i = 0; i < lc.size(); i++) {
                Variable var = lc.variable(i);
                int k = var.isInput() ? var.index() : numInputs + var.index();
                if (k >= target.size()) {
                    throw new SynthesisException("the circuit's shape changed between two syntheses");
                }
                target.set(k, field.add(target.get(k), field.mul(lc.coefficient(i), lj)));
            }
        }

        @Override public void pushNamespace(Supplier<String> name) { }
        @Override public void popNamespace() { }
    }
}
