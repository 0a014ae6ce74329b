package io.filprover.proofs.groth16.params;

/**
 * The proving parameters as the prover consumes them: the verifying key and the five base vectors
 * in the flat limb layout of the Kernels SPI ({@link io.filprover.bls12381.curve.PointLimbs}: 12 longs
 * per G1 point, 24 per G2 point). Implementations may decode a vector only when it is asked for
 * (a memory-mapped file) or hold them in memory; each call may return a fresh array.
 */
public interface ParameterSource {
    VerifyingKey verifyingKey();

    /** [τ^i·Z(τ)/δ]₁, i = 0 … m−2. */
    long[] h();

    /** [(β·u_k + α·v_k + w_k)/δ]₁ per aux variable. */
    long[] l();

    /** [u_k(τ)]₁, inputs then aux, identities removed. */
    long[] a();

    /** [v_k(τ)]₁, inputs then aux, identities removed. */
    long[] bG1();

    /** [v_k(τ)]₂, same filtering as {@link #bG1()}. */
    long[] bG2();

    int hCount();

    int lCount();

    int aCount();

    int bG1Count();

    int bG2Count();
}
