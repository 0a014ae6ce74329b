package io.filprover.proofs.groth16.prover;

/**
 * The three transforms of the quotient computation on flat field vectors of 2^logN elements, with
 * the semantics of the Kernels SPI (natural order; coset shift = the field's coset generator).
 */
public interface PolynomialTransforms {
    /** Inverse NTT: evaluations on the 2^logN-th roots of unity → coefficients. */
    void intt(long[] a, int logN);

    /** Coefficients → evaluations on g·ω^k. */
    void cosetNtt(long[] a, int logN);

    /** Evaluations on g·ω^k → coefficients. */
    void icosetNtt(long[] a, int logN);
}
