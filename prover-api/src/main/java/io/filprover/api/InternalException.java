package io.filprover.api;

/** A defect or an environment failure, not the caller's fault (the cause is kept for logs). */
public class InternalException extends ProverException {
    private static final long serialVersionUID = 1L;

    public InternalException(String field, String message) {
        super(field, message, null);
    }

    public InternalException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INTERNAL;
    }
}
