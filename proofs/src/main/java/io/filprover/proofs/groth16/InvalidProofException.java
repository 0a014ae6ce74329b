package io.filprover.proofs.groth16;

/** A proof encoding is malformed (wrong length, invalid or identity point). */
public final class InvalidProofException extends IllegalArgumentException {
    public InvalidProofException(String message) {
        super(message);
    }

    public InvalidProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
