package io.filprover.api;

/** Something the request names (a file, a job, a parameter file) does not exist; the field names it. */
public class NotFoundException extends ProverException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String field, String message) {
        super(field, message, null);
    }

    public NotFoundException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_FOUND;
    }
}
