package io.filprover.api.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A job's thread budget: the one pool policy every stage and every cpu kernel uses. A pool of
 * {@code threads} runs work on the calling thread plus at most {@code threads − 1} helper threads
 * of its own, so {@code threads = 1} runs everything on the caller and no other thread.
 *
 * <p>Parallel loops hand out indices from a shared counter: the caller always works, helpers join
 * as they are free, and the caller waits only for helpers that took part. A helper that starts after
 * the loop ended does nothing, so nested loops (a kernel called from a parallel stage) never wait
 * on queued work and cannot deadlock.
 */
public final class WorkerPool implements AutoCloseable {
    private static final int MAX_THREADS = 1024;
    private final int threads;
    private final String name;
    private final ThreadPoolExecutor helpers;

    private WorkerPool(int threads, String name) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", got " + threads);
        }
        this.threads = threads;
        this.name = name;
        if (threads == 1) {
            helpers = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            helpers = new ThreadPoolExecutor(threads - 1, threads - 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            helpers.allowCoreThreadTimeOut(true);
        }
    }

    /** A pool of {@code threads} (the caller included), its helper threads named after {@code name}. */
    public static WorkerPool of(int threads, String name) {
        return new WorkerPool(threads, name);
    }

    /** A pool of {@code threads} with helper threads named {@code filprover-worker-N}. */
    public static WorkerPool of(int threads) {
        return new WorkerPool(threads, "filprover-worker");
    }

    /** The processors this JVM may use: the default budget. */
    public static int availableProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The most threads a budget may ask for. */
    public static int maxThreads() {
        return MAX_THREADS;
    }

    /** The budget: how many threads at most run this pool's work at once, the caller included. */
    public int threads() {
        return threads;
    }

    /** One indexed task; may throw IOException. */
    @FunctionalInterface
    public interface Task {
        void run(long index) throws IOException;
    }

    /** A part of a split job: the half-open index range [lo, hi) of part {@code part}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int part, int lo, int hi);
    }

    /** Per-thread state of a {@link #forChunks} job, created once by each participating thread. */
    @FunctionalInterface
    public interface ChunkWorker {
        void run(int chunk);
    }

    /**
     * Runs {@code task} for every index in [0, count) on up to {@link #threads()} threads and returns
     * when all are done. The first failure stops the hand-out of further indices and is rethrown.
     */
    public void forEach(long count, Task task) throws IOException {
        if (count <= 0) {
            return;
        }
        AtomicLong next = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            try {
                for (long i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                    task.run(i);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        run(loop, (int) Math.min(threads - 1L, count - 1));
        rethrow(failure.get());
    }

    /**
     * Runs body over [0, n) split into {@code parts} contiguous ranges of near-equal size (at most
     * {@link #threads()} run at once) and returns when all are done. parts ≤ 1 runs in the caller.
     */
    public void forRanges(int parts, int n, RangeBody body) {
        int p = Math.max(1, Math.min(parts, n));
        try {
            forEach(n <= 0 ? 0 : p, i -> {
                int part = (int) i;
                body.run(part, (int) ((long) n * part / p), (int) ((long) n * (part + 1) / p));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code chunks} independent chunks on up to {@code maxThreads} (and at most
     * {@link #threads()}) threads that each take the next chunk as they finish one (on a loaded or
     * uneven machine no thread waits for a slow one's fixed share); {@code workerFactory} runs once
     * per participating thread, so per-thread scratch space is allocated once per thread.
     */
    public void forChunks(int maxThreads, int chunks, Supplier<ChunkWorker> workerFactory) {
        if (chunks <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            try {
                ChunkWorker w = null;
                for (int c; failure.get() == null && (c = next.getAndIncrement()) < chunks; ) {
                    if (w == null) {
                        w = workerFactory.get();
                    }
                    w.run(c);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        run(loop, Math.min(Math.min(threads, maxThreads) - 1, chunks - 1));
        try {
            rethrow(failure.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code companion} on one of this pool's helper threads, to run beside the caller (a
     * producer feeding the caller's loop). Needs a budget of at least two threads.
     */
    public Future<?> startCompanion(Runnable companion) {
        if (helpers == null) {
            throw new IllegalStateException("a companion thread needs a budget of at least 2 threads");
        }
        return helpers.submit(companion);
    }

    /** Runs {@code loop} on the caller and on up to {@code extra} helpers; waits for the helpers that joined. */
    private void run(Runnable loop, int extra) {
        if (extra <= 0 || helpers == null) {
            loop.run();
            return;
        }
        Join join = new Join();
        for (int h = 0; h < extra; h++) {
            helpers.execute(() -> {
                if (join.enter()) {
                    try {
                        loop.run();
                    } finally {
                        join.leave();
                    }
                }
            });
        }
        try {
            loop.run();
        } finally {
            join.closeAndAwait();
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof UncheckedIOException) {
            throw ((UncheckedIOException) t).getCause();
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }

    /** Helpers that joined a loop; once closed, late helpers do not enter. */
    private static final class Join {
        private int active;
        private boolean closed;

        synchronized boolean enter() {
            if (closed) {
                return false;
            }
            active++;
            return true;
        }

        synchronized void leave() {
            active--;
            notifyAll();
        }

        synchronized void closeAndAwait() {
            closed = true;
            boolean interrupted = false;
            while (active > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the helper threads; work in progress finishes first. */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    @Override
    public String toString() {
        return name + "[" + threads + " threads]";
    }
}
