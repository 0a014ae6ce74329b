package io.filprover.proofs.r1cs;

/** A circuit could not be synthesized: a witness value is missing, a division by zero, etc. */
public class SynthesisException extends RuntimeException {
    public SynthesisException(String message) {
        super(message);
    }

    public SynthesisException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A value supplier returned null while the witness was required. */
    public static SynthesisException assignmentMissing(String name) {
        return new SynthesisException("assignment missing for '" + name + "'");
    }
}
