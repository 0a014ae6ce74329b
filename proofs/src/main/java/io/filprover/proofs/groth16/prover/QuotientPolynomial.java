package io.filprover.proofs.groth16.prover;

import io.filprover.api.job.WorkerPool;
import io.filprover.proofs.groth16.prover.ParallelChunks;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.r1cs.ScalarField;

/**
 * The coefficients of h(X) = (A(X)·B(X) − C(X)) / Z(X) from the constraint evaluations, as
 * bellperson computes them (docs/spec/poseidon-groth16-gpu.md §3.5): iFFT of a, b, c; coset FFT; pointwise
 * (a·b − c)·(g^m − 1)⁻¹ (Z is the constant g^m − 1 on the coset); inverse coset FFT.
 */
public final class QuotientPolynomial {
    private QuotientPolynomial() {
    }

    /** The smallest k with 2^k ≥ n; rejects domains of 2^32 or more, as bellperson does. */
    public static int domainLog(int n) {
        int k = 0;
        while ((1L << k) < n) {
            k++;
        }
        if (k >= 32) {
            throw new IllegalArgumentException("polynomial degree too large: 2^" + k + " points");
        }
        return k;
    }

    /**
     * All m coefficients of h in the field's flat internal form (the last is zero for a satisfied
     * circuit; the prover uses the first m − 1). The phases are reported to {@code timer}.
     */
    public static <E> long[] compute(ProvingAssignment<E> pa, PolynomialTransforms fft, WorkerPool pool, PhaseTimer timer) {
        ScalarField<E> f = pa.field();
        int logM = domainLog(pa.numConstraints());
        int m = 1 << logM;
        long[] a = pa.aValues(m);
        long[] b = pa.bValues(m);
        long[] c = pa.cValues(m);
        return compute(f, fft, a, b, c, logM, pool, timer);
    }

    /** As above on explicit vectors of 2^logM elements each; a, b and c are overwritten. */
    public static <E> long[] compute(ScalarField<E> f, PolynomialTransforms fft, long[] a, long[] b, long[] c,
                                     int logM, WorkerPool pool, PhaseTimer timer) {
        int m = 1 << logM;
        int l = f.limbs();
        timer.start(ProverPhase.FFT);
        fft.intt(a, logM);
        fft.intt(b, logM);
        fft.intt(c, logM);
        fft.cosetNtt(a, logM);
        fft.cosetNtt(b, logM);
        fft.cosetNtt(c, logM);
        E gm = f.cosetGenerator();
        for (int i = 0; i < logM; i++) {
            gm = f.mul(gm, gm); // g^(2^logM) = g^m
        }
        long[] zInv = new long[l];
        f.store(zInv, 0, f.inverse(f.sub(gm, f.one())));
        ParallelChunks.forEach(pool, m, (from, to) -> {
            for (int k = from; k < to; k++) {
                int o = k * l;
                f.mul(a, o, a, o, b, o);
                f.sub(a, o, a, o, c, o);
                f.mul(a, o, a, o, zInv, 0);
            }
        });
        fft.icosetNtt(a, logM);
        timer.stop(ProverPhase.FFT);
        return a;
    }
}
