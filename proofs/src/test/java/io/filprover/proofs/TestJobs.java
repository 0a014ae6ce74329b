package io.filprover.proofs;

import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.cpu.CpuKernels;

import java.util.concurrent.ConcurrentHashMap;

/** Worker pools, the cpu backend and job contexts for this module's tests, one pool per thread count. */
public final class TestJobs {
    private static final ConcurrentHashMap<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();

    /** The cpu backend over all processors. */
    public static final Kernels CPU = new CpuKernels(pool(WorkerPool.availableProcessors()));

    private TestJobs() {
    }

    public static WorkerPool pool(int threads) {
        return POOLS.computeIfAbsent(threads, t -> WorkerPool.of(t, "test-pool-" + t));
    }

    /** A context on {@code kernels} with a shared pool of {@code threads}; closing it is not needed. */
    public static JobContext context(Kernels kernels, int threads, ProgressSink progress) {
        return JobContext.of(pool(threads), kernels, progress, CancellationToken.create(), null);
    }
}
