package io.filprover.proofs.groth16.prover;

/**
 * The coefficients of h(X) = (A(X)·B(X) − C(X)) / Z(X) from the constraint evaluations, as
 * bellperson computes them (docs/spec/poseidon-groth16-gpu.md §3.5): iFFT of a, b, c; coset FFT; pointwise
 * (a·b − c)·(g^m − 1)⁻¹ (Z is the constant g^m − 1 on the coset); inverse coset FFT. The whole
 * sequence is one {@link PolynomialTransforms#quotient} call: one Kernels call on the Fr path, so a
 * device backend keeps the vectors on the device between the steps.
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
     * circuit; the prover uses the first m − 1). The time is reported to {@code timer} as the FFT phase.
     */
    public static <E> long[] compute(ProvingAssignment<E> pa, PolynomialTransforms fft, PhaseTimer timer) {
        int logM = domainLog(pa.numConstraints());
        int m = 1 << logM;
        return compute(fft, pa.aValues(m), pa.bValues(m), pa.cValues(m), logM, timer);
    }

    /** As above on explicit vectors of 2^logM elements each: h is returned in {@code a}; b and c may be overwritten. */
    public static long[] compute(PolynomialTransforms fft, long[] a, long[] b, long[] c, int logM, PhaseTimer timer) {
        timer.start(ProverPhase.FFT);
        fft.quotient(a, b, c, logM);
        timer.stop(ProverPhase.FFT);
        return a;
    }
}
