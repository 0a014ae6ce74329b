package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;
import io.filprover.proofs.groth16.prover.QuotientPolynomial;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;

import java.util.function.Supplier;

/**
 * {@link QapEvaluation} over Fr on flat Montgomery limbs (4 per element): u_k(τ), v_k(τ), w_k(τ)
 * for every variable (inputs first, then aux) with the same rows and the same per-input
 * constraints. For millions of variables the object form costs gigabytes and an allocation per
 * term; this form is three long arrays and the Lagrange column.
 */
final class FlatQap {
    static final int L = FrOps.LIMBS;

    final int numInputs;
    final int numAux;
    final int logM;
    /** Z(τ) = τ^m − 1. */
    final Fr zTau;
    final long[] u;
    final long[] v;
    final long[] w;

    private FlatQap(int numInputs, int numAux, int logM, Fr zTau, long[] u, long[] v, long[] w) {
        this.numInputs = numInputs;
        this.numAux = numAux;
        this.logM = logM;
        this.zTau = zTau;
        this.u = u;
        this.v = v;
        this.w = w;
    }

    static FlatQap evaluate(Circuit<Fr> circuit, Fr tau) {
        CountingConstraintSystem<Fr> counter = CountingConstraintSystem.count(FrScalarField.INSTANCE, circuit);
        int inputs = Math.toIntExact(counter.numInputs());
        int aux = Math.toIntExact(counter.numAux());
        int constraints = Math.toIntExact(counter.numConstraints());
        int n = constraints + inputs;
        int logM = QuotientPolynomial.domainLog(n);
        Fr tauM = tau;
        for (int i = 0; i < logM; i++) {
            tauM = tauM.square();
        }
        Fr zTau = tauM.sub(Fr.ONE);
        if (zTau.isZero()) {
            throw new IllegalArgumentException("tau lies in the evaluation domain");
        }
        long[] lagrange = lagrange(n, logM, tau, zTau);
        Accumulator acc = new Accumulator(inputs, aux, lagrange, n);
        acc.allocInput(() -> "one", () -> Fr.ONE);
        circuit.synthesize(acc);
        if (acc.row != constraints || acc.inputs != inputs || acc.aux != aux) {
            throw new SynthesisException("the circuit's shape changed between two syntheses");
        }
        for (int i = 0; i < inputs; i++) {
            acc.enforce(() -> "input constraint", acc.lc().add(Variable.input(i)), acc.lc(), acc.lc());
        }
        return new FlatQap(inputs, aux, logM, zTau, acc.u, acc.v, acc.w);
    }

    /** L_j(τ) = Z(τ)·ω^j / (m·(τ − ω^j)) for the n rows that carry constraints, one inversion. */
    private static long[] lagrange(int n, int logM, Fr tau, Fr zTau) {
        long[] omega = FrDomain.omega(logM).montgomeryLimbs();
        long[] tauL = tau.montgomeryLimbs();
        long[] scale = zTau.mul(Fr.fromLong(1L << logM).inverse()).montgomeryLimbs();
        long[] den = new long[n * L];
        long[] prod = new long[n * L];
        long[] omegaJ = Fr.ONE.montgomeryLimbs();
        long[] acc = Fr.ONE.montgomeryLimbs();
        for (int j = 0; j < n; j++) {
            FrOps.sub(den, j * L, tauL, 0, omegaJ, 0);
            FrOps.copy(prod, j * L, acc, 0);       // prefix product before row j
            FrOps.mul(acc, 0, acc, 0, den, j * L);
            FrOps.mul(omegaJ, 0, omegaJ, 0, omega, 0);
        }
        long[] inv = Fr.fromMontgomeryLimbs(acc, 0).inverse().montgomeryLimbs();
        // back to front: 1/den_j = inv·prod_j, then inv ← inv·den_j; the result overwrites prod
        long[] t = new long[L];
        for (int j = n - 1; j >= 0; j--) {
            FrOps.mul(t, 0, inv, 0, prod, j * L);
            FrOps.mul(inv, 0, inv, 0, den, j * L);
            FrOps.copy(prod, j * L, t, 0);
        }
        // ω^j again, times scale
        FrOps.copy(omegaJ, 0, Fr.ONE.montgomeryLimbs(), 0);
        for (int j = 0; j < n; j++) {
            FrOps.mul(prod, j * L, prod, j * L, omegaJ, 0);
            FrOps.mul(prod, j * L, prod, j * L, scale, 0);
            FrOps.mul(omegaJ, 0, omegaJ, 0, omega, 0);
        }
        return prod;
    }

    /** Adds coeff·L_j(τ) into u, v, w for the j-th constraint. */
    private static final class Accumulator implements ConstraintSystem<Fr> {
        private static final long[] ONE = Fr.ONE.montgomeryLimbs();
        private final int numInputs;
        private final long[] lagrange;
        private final int rows;
        private final long[] coeff = new long[L];
        private final long[] term = new long[L];
        final long[] u;
        final long[] v;
        final long[] w;
        int inputs;
        int aux;
        int row;

        Accumulator(int numInputs, int numAux, long[] lagrange, int rows) {
            this.numInputs = numInputs;
            this.lagrange = lagrange;
            this.rows = rows;
            long size = (long) (numInputs + numAux) * L;
            u = new long[Math.toIntExact(size)];
            v = new long[u.length];
            w = new long[u.length];
        }

        @Override public ScalarField<Fr> field() { return FrScalarField.INSTANCE; }
        @Override public boolean needsWitness() { return false; }

        @Override
        public Variable alloc(Supplier<String> name, Supplier<Fr> value) {
            return Variable.aux(aux++);
        }

        @Override
        public Variable allocInput(Supplier<String> name, Supplier<Fr> value) {
            return Variable.input(inputs++);
        }

        @Override
        public void enforce(Supplier<String> name, LinearCombination<Fr> a, LinearCombination<Fr> b,
                            LinearCombination<Fr> c) {
            if (row >= rows) {
                throw new SynthesisException("the circuit's shape changed between two syntheses");
            }
            int lj = (row++) * L;
            add(u, a, lj);
            add(v, b, lj);
            add(w, c, lj);
        }

        private void add(long[] target, LinearCombination<Fr> lc, int lj) {
            for (int i = 0; i < lc.size(); i++) {
                Variable var = lc.variable(i);
                int k = var.isInput() ? var.index() : numInputs + var.index();
                if ((long) k * L >= target.length) {
                    throw new SynthesisException("the circuit's shape changed between two syntheses");
                }
                lc.coefficient(i).toMontgomeryLimbs(coeff, 0);
                if (FrOps.equal(coeff, 0, ONE, 0)) {
                    FrOps.add(target, k * L, target, k * L, lagrange, lj);   // most coefficients are 1
                } else {
                    FrOps.mul(term, 0, coeff, 0, lagrange, lj);
                    FrOps.add(target, k * L, target, k * L, term, 0);
                }
            }
        }

        @Override public void pushNamespace(Supplier<String> name) { }
        @Override public void popNamespace() { }
    }
}
