package io.filprover.scheduler.store;

/** The job store's database failed (connection lost, migration failed, …); the operation did not take effect. */
public final class JobStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
