package io.filprover.bls12381.field;

/** A byte or integer encoding that is not a canonical field element (wrong length, or value ≥ the modulus). */
public class FieldEncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FieldEncodingException(String message) {
        super(message);
    }
}
