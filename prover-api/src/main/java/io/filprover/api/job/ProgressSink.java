package io.filprover.api.job;

/**
 * Where a job reports progress. Library code never prints; callers (CLI, service) decide how to
 * report. Called from worker threads, so implementations must be thread-safe and cheap.
 */
@FunctionalInterface
public interface ProgressSink {
    /** A sink that ignores everything. */
    ProgressSink NONE = (task, done, total) -> { };

    /**
     * @param task  a short description, e.g. {@code "parent cache"} or {@code "layer 3"}
     * @param done  units (nodes, bytes) finished so far in this task
     * @param total units in this task
     */
    void progress(String task, long done, long total);

    /** A new stage of the job begins (e.g. {@code PC1}, {@code PC2}). */
    default void stage(String name) {
    }
}
