package io.filprover.proofs.groth16.prover;

/** The phases of a Groth16 proof whose time the prover reports. */
public enum ProverPhase {
    SYNTHESIS,
    /** The 3 iFFTs, 3 coset FFTs, the pointwise step and the icoset FFT of every circuit. */
    FFT,
    MSM_H,
    MSM_L,
    MSM_A,
    MSM_B_G1,
    MSM_B_G2,
    /** Combining the MSM results with r, s and the verifying key. */
    ASSEMBLY,
    /** The self-check of every proof before it is returned. */
    VERIFICATION
}
