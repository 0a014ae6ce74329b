package io.filprover.proofs.groth16.prover;

/** Receives the wall-clock time of each phase of a proving call (summed over the batch). */
@FunctionalInterface
public interface ProverListener {
    ProverListener NONE = (phase, nanos) -> { };

    void phaseCompleted(ProverPhase phase, long nanos);
}
