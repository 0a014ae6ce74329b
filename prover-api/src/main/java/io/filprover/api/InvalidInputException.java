package io.filprover.api;

/**
 * Bad input from a user or a client, detected before any work starts. {@link #field()} names
 * what was wrong (a CLI option, a gRPC request field, a file) so callers can report it as
 * exit code 2 or {@code INVALID_ARGUMENT}.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The name of the offending field or argument; may be empty when no single field applies. */
    public String field() {
        return field;
    }

    /** One line: "field: message", or just the message when no field is known. */
    public String oneLine() {
        return field == null || field.isEmpty() ? getMessage() : field + ": " + getMessage();
    }
}
