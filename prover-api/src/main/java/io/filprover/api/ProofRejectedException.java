package io.filprover.api;

/** A proof was checked and does not verify; the message gives the verifier's reason. */
public class ProofRejectedException extends ProverException {
    private static final long serialVersionUID = 1L;

    public ProofRejectedException(String field, String message) {
        super(field, message, null);
    }

    public ProofRejectedException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PROOF_REJECTED;
    }
}
