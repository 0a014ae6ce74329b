package io.filprover.scheduler;

import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.StageTiming;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measured speeds: per worker, kind and size, an exponentially weighted moving average of the
 * {@code total} timing of its completed runs (weight {@link #ALPHA} for the newest). Kept in memory
 * by the coordinator: after a restart every speed is unknown until a run completes again.
 */
final class SpeedBook {
    static final double ALPHA = 0.3;

    private record Key(String worker, JobKind kind, long size) {
    }

    private final Map<Key, Double> millis = new ConcurrentHashMap<>();

    /** Records a completed run's {@code total} timing, if it has one. */
    void record(String worker, JobKind kind, long size, JobResult result) {
        for (StageTiming t : result.getTimingsList()) {
            if (t.getStage().equals("total")) {
                record(worker, kind, size, t.getMillis());
            }
        }
    }

    void record(String worker, JobKind kind, long size, long ms) {
        millis.merge(new Key(worker, kind, size), (double) Math.max(0, ms), (old, now) -> old + ALPHA * (now - old));
    }

    /** The estimate for a run of this kind and size on this worker; empty when none completed there. */
    OptionalLong estimate(String worker, JobKind kind, long size) {
        Double ms = millis.get(new Key(worker, kind, size));
        return ms == null ? OptionalLong.empty() : OptionalLong.of(Math.round(ms));
    }

    /** Forgets a worker (it registered again under a new id). */
    void forget(String worker) {
        millis.keySet().removeIf(k -> k.worker.equals(worker));
    }
}
