package io.filprover.cpu.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * The worker pool of the cpu NTT and MSM kernels: one daemon fork-join pool sized to the machine
 * (the common pool has one thread fewer than the cores, and other code shares it). A kernel splits
 * its work into independent parts and waits for all of them; the calling thread runs one part.
 */
public final class KernelThreads {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ForkJoinPool POOL = new ForkJoinPool(CORES, pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("filprover-kernel-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
    }, null, false);

    private KernelThreads() {
    }

    /** The number of threads a kernel uses when the caller does not say. */
    public static int available() {
        return CORES;
    }

    /** A part of a split job: the half-open index range [lo, hi) of part {@code part}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int part, int lo, int hi);
    }

    /**
     * Runs body over [0, n) split into {@code parts} contiguous ranges of near-equal size, in
     * parallel, and returns when all are done. parts ≤ 1 runs inline in the caller.
     */
    public static void forRanges(int parts, int n, RangeBody body) {
        parts = Math.max(1, Math.min(parts, n));
        if (parts == 1) {
            if (n > 0) {
                body.run(0, 0, n);
            }
            return;
        }
        List<RecursiveAction> tasks = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            final int part = p;
            final int lo = (int) ((long) n * p / parts);
            final int hi = (int) ((long) n * (p + 1) / parts);
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(part, lo, hi);
                }
            });
        }
        invokeAll(tasks);
    }

    /** Per-thread state of a {@link #forChunks} job, created once by each participating thread. */
    @FunctionalInterface
    public interface ChunkWorker {
        /** Processes chunk {@code chunk}. */
        void run(int chunk);
    }

    /**
     * Runs {@code chunks} independent chunks on {@code threads} threads that take the next chunk as
     * they finish one (dynamic scheduling: on a loaded or uneven machine no thread waits for a slow
     * one's fixed share). {@code workerFactory} runs once per thread and returns that thread's
     * worker, so per-thread scratch space is allocated once per thread, not per chunk.
     */
    public static void forChunks(int threads, int chunks, java.util.function.Supplier<ChunkWorker> workerFactory) {
        int parts = Math.max(1, Math.min(threads, chunks));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        forRanges(parts, parts, (part, lo, hi) -> {
            ChunkWorker w = null;
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                if (w == null) {
                    w = workerFactory.get();
                }
                w.run(c);
            }
        });
    }

    private static void invokeAll(List<RecursiveAction> tasks) {
        if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == POOL) {
            ForkJoinTask.invokeAll(tasks);
        } else {
            POOL.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    ForkJoinTask.invokeAll(tasks);
                }
            });
        }
    }
}
