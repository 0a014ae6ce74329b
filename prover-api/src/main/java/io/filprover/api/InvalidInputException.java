package io.filprover.api;

/**
 * Bad input from a user or a client, detected before any work starts. {@link #field()} names
 * what was wrong (a CLI option, a gRPC request field, a file) so callers can report it as
 * exit code 2 or {@code INVALID_ARGUMENT}.
 */
public class InvalidInputException extends ProverException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String field, String message) {
        super(field, message, null);
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_INPUT;
    }
}
