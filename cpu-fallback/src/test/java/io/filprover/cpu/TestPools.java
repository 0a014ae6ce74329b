package io.filprover.cpu;

import io.filprover.api.job.WorkerPool;

import java.util.concurrent.ConcurrentHashMap;

/** Worker pools for tests and timing harnesses, one per thread count, kept for the JVM's life. */
public final class TestPools {
    private static final ConcurrentHashMap<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();

    private TestPools() {
    }

    public static WorkerPool of(int threads) {
        return POOLS.computeIfAbsent(threads, t -> WorkerPool.of(t, "test-pool-" + t));
    }
}
