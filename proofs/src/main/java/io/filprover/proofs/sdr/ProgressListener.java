package io.filprover.proofs.sdr;

/**
 * Progress hook for long-running graph work (parent cache generation, labeling). Library code never
 * prints; callers (CLI, service) decide how to report. Called from worker threads, so implementations
 * must be thread-safe and cheap.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (task, done, total) -> { };

    /**
     * @param task  a short description, e.g. {@code "parent cache"} or {@code "layer 3"}
     * @param done  units (nodes) finished so far in this task
     * @param total units in this task
     */
    void progress(String task, long done, long total);
}
