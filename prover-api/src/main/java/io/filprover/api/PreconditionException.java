package io.filprover.api;

/** The request is well formed but cannot run as things are, e.g. an output path that cannot be written. */
public class PreconditionException extends ProverException {
    private static final long serialVersionUID = 1L;

    public PreconditionException(String field, String message) {
        super(field, message, null);
    }

    public PreconditionException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PRECONDITION;
    }
}
