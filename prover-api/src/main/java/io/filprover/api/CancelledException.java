package io.filprover.api;

/** The job was cancelled; it stopped at a kernel or layer boundary and left no output that looks complete. */
public class CancelledException extends ProverException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super("", message, null);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CANCELLED;
    }
}
