package io.filprover.api.job;

import io.filprover.api.CancelledException;

/**
 * Asks a running job to stop. Stages call {@link #check()} at every kernel and layer boundary; the
 * first check after {@link #cancel} throws {@link CancelledException}, and the stage removes what it
 * had not finished before the exception leaves it.
 */
public final class CancellationToken {
    private volatile String reason;

    /** A token that nobody has cancelled yet. */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    /** Requests cancellation; the first reason given is kept. */
    public void cancel(String why) {
        if (reason == null) {
            synchronized (this) {
                if (reason == null) {
                    reason = why == null || why.isBlank() ? "cancelled" : why;
                }
            }
        }
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** The reason given to {@link #cancel}, or null. */
    public String reason() {
        return reason;
    }

    /** Throws {@link CancelledException} if cancellation was requested. */
    public void check() {
        String r = reason;
        if (r != null) {
            throw new CancelledException(r);
        }
    }
}
