package io.filprover.api.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The wall time of a job's named stages ({@code labeling}, {@code tree_c}, {@code verification}, ...),
 * recorded by the proving API at phase boundaries and read by whoever reports the job (the service's
 * worker puts them in the job's result). One per {@link JobContext}.
 *
 * <p>A stage is timed with {@link #start} in a try-with-resources block or with {@link #time}.
 * {@link #stages()} lists the stages in the order they were first started. A name timed more than once
 * (a stage per layer or per base tree, a context that runs several jobs) is <b>one entry</b>: its times
 * are summed and {@link Stage#count()} says how many spans it holds. Stages are meant to be flat, one
 * after another on the job's thread: a stage started inside another is counted in both, so the sum
 * of the entries is then more than the wall time. A stage that ends by an exception is still recorded.
 *
 * <p>Thread-safe; the cost of a span is two {@link System#nanoTime()} calls and a lock, so time
 * phases, never the iterations of a hot loop.
 */
public final class StageTimes {
    /** One named stage: its summed wall time and the number of spans summed. */
    public record Stage(String name, long nanos, int count) {
        /** The wall time in whole milliseconds, rounded down. */
        public long millis() {
            return nanos / 1_000_000;
        }
    }

    /** A block timed by {@link #time}. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        T run() throws E;
    }

    /** One running span of a stage; {@link #close()} ends it (a second close does nothing). */
    public final class Span implements AutoCloseable {
        private final String name;
        private final long startNanos;
        private boolean closed;

        private Span(String name, long startNanos) {
            this.name = name;
            this.startNanos = startNanos;
        }

        @Override
        public void close() {
            long now = System.nanoTime();
            synchronized (StageTimes.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            add(name, now - startNanos);
        }
    }

    /** Per name, in order of first start: {summed nanos, spans}. */
    private final Map<String, long[]> stages = new LinkedHashMap<>();

    /** Starts a span of stage {@code name} (snake_case by convention); close it to record it. */
    public Span start(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (this) {
            stages.computeIfAbsent(name, n -> new long[2]);
        }
        return new Span(name, System.nanoTime());
    }

    /** Runs {@code body} as a span of stage {@code name} and returns what it returns. */
    public <T, E extends Exception> T time(String name, Body<T, E> body) throws E {
        try (Span ignored = start(name)) {
            return body.run();
        }
    }

    /** Adds {@code nanos} measured elsewhere to stage {@code name}, as one span. */
    public synchronized void add(String name, long nanos) {
        Objects.requireNonNull(name, "name");
        if (nanos < 0) {
            throw new IllegalArgumentException("negative time for stage " + name + ": " + nanos + " ns");
        }
        long[] s = stages.computeIfAbsent(name, n -> new long[2]);
        s[0] += nanos;
        s[1]++;
    }

    /** The stages with at least one ended span, in order of first start. */
    public synchronized List<Stage> stages() {
        List<Stage> out = new ArrayList<>(stages.size());
        for (Map.Entry<String, long[]> e : stages.entrySet()) {
            if (e.getValue()[1] > 0) {
                out.add(new Stage(e.getKey(), e.getValue()[0], (int) e.getValue()[1]));
            }
        }
        return out;
    }

    /** The stage named {@code name}, or null if none of its spans has ended. */
    public synchronized Stage stage(String name) {
        long[] s = stages.get(name);
        return s == null || s[1] == 0 ? null : new Stage(name, s[0], (int) s[1]);
    }

    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder();
        for (Stage s : stages()) {
            b.append(b.length() == 0 ? "" : ", ").append(s.name()).append(' ').append(s.millis()).append(" ms");
        }
        return b.toString();
    }
}
