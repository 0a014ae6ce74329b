package io.filprover.bench;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.Kernels;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker pools for benchmarks, one per thread count, kept for the JVM's life so that no
 * measurement pays for starting threads; and backend instances opened over them.
 */
public final class BenchPools {
    private static final ConcurrentHashMap<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Kernels> KERNELS = new ConcurrentHashMap<>();
    private static volatile Backends backends;

    private BenchPools() {
    }

    /** The pool of {@code threads} threads (0: all processors). */
    public static WorkerPool of(int threads) {
        int t = threads == 0 ? WorkerPool.availableProcessors() : threads;
        return POOLS.computeIfAbsent(t, n -> WorkerPool.of(n, "bench-pool-" + n));
    }

    /** The named backend ({@code auto}, {@code cpu}, ...) over {@link #of(int) of(threads)}. */
    public static Kernels kernels(String backend, int threads) {
        if (backends == null) {
            backends = Backends.discover();
        }
        WorkerPool pool = of(threads);
        return KERNELS.computeIfAbsent(backend + "/" + pool.threads(), k -> backends.open(backend, pool));
    }
}
