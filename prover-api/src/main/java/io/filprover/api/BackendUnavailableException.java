package io.filprover.api;

/** The kernels backend asked for cannot run on this machine; the message says why. */
public class BackendUnavailableException extends ProverException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String field, String message) {
        super(field, message, null);
    }

    public BackendUnavailableException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.BACKEND_UNAVAILABLE;
    }
}
