package io.filprover.proofs.groth16.prover;

/**
 * A freshly made proof failed verification: the witness does not satisfy the circuit, the
 * parameters belong to another circuit, or a kernel computed a wrong result. Never hidden: the
 * prover throws this instead of returning an invalid proof.
 */
public final class ProofSelfCheckException extends IllegalStateException {
    public ProofSelfCheckException(String message) {
        super(message);
    }
}
