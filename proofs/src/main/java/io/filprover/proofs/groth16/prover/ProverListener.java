package io.filprover.proofs.groth16.prover;

/**
 * Receives the wall-clock time of each phase of a proving call. The MSM, synthesis, assembly and
 * verification phases are reported once per batch; FFT once per circuit: sum per phase.
 */
@FunctionalInterface
public interface ProverListener {
    ProverListener NONE = (phase, nanos) -> { };

    void phaseCompleted(ProverPhase phase, long nanos);
}
