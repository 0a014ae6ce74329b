package io.filprover.proofs.groth16.prover;

/**
 * The transforms of the quotient computation on flat field vectors of 2^logN elements, with the
 * semantics of the Kernels SPI (natural order; coset shift = the field's coset generator).
 */
public interface PolynomialTransforms {
    /**
     * Groth16's quotient, bellperson's sequence (docs/spec/poseidon-groth16-gpu.md §3.5): the inverse NTTs of a, b, c, their
     * coset NTTs, a ← (a·b − c)·(g^n − 1)⁻¹ pointwise, the inverse coset NTT of a. h's coefficients
     * end in {@code a}; {@code b} and {@code c} may be overwritten.
     */
    void quotient(long[] a, long[] b, long[] c, int logN);
}
