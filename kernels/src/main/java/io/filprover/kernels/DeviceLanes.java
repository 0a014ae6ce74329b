package io.filprover.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lanes of a device backend instance: each lane has its own OpenCL command queue / CUDA stream, so
 * the device calls of two lanes (a tree run's upload, levels and download; an MSM chunk's) may overlap.
 * Lane 0 runs on the calling thread, the others on threads of a small shared daemon pool (not the job's
 * WorkerPool: its threads may be the callers waiting here).
 *
 * <p>Only work whose device calls are independent uses lanes: the runs of a tree (inputs read-only,
 * outputs to disjoint ranges) and the chunks of an MSM (partial sums added on the host). SHA-256 and
 * Poseidon batch chunks stay on one lane, one after another: a batch may reduce in place, and a chunk
 * must not read inputs a concurrent chunk already overwrote. An NTT or a quotient is one buffer.
 */
final class DeviceLanes {
    /** Lanes per device instance. */
    static final int LANES = 2;

    private static final ExecutorService THREADS = DaemonThreads.cachedPool("device-lane");

    private DeviceLanes() {
    }

    /** One lane's share of the work; it should stop before its next device call once {@code stop} is set (another lane failed). */
    @FunctionalInterface
    interface Body {
        void run(int lane, AtomicBoolean stop);
    }

    /**
     * Runs {@code body} on lanes 0 .. lanes − 1 at once and returns when every lane has ended (so no device
     * call of this work outlives it: a fallback may then write the caller's arrays). A lane that throws
     * sets {@code stop} for the others; the first failure seen (lane 0's before the others') is rethrown.
     */
    static void run(int lanes, Body body) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> others = new ArrayList<>();
        Throwable failure = null;
        try {
            for (int lane = 1; lane < lanes; lane++) {
                int l = lane;
                others.add(THREADS.submit(() -> {
                    try {
                        body.run(l, stop);
                    } catch (RuntimeException | Error e) {
                        stop.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            body.run(0, stop);
        } catch (RuntimeException | Error e) {
            stop.set(true);
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the lane still uses the device: wait for it all the same
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
