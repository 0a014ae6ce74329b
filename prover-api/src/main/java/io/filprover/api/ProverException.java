package io.filprover.api;

/**
 * The base of filprover's typed errors: each carries its {@link ErrorKind} and, where one applies,
 * the field (CLI option, request field, file) it concerns, so the CLI and the service report it
 * without parsing messages.
 */
public abstract class ProverException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    protected ProverException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field == null ? "" : field;
    }

    /** The error's class. */
    public abstract ErrorKind kind();

    /** The name of the offending field or argument; empty when no single field applies. */
    public String field() {
        return field;
    }

    /** One line: "field: message", or just the message when no field is known. */
    public String oneLine() {
        return field.isEmpty() ? getMessage() : field + ": " + getMessage();
    }
}
