package io.filprover.cpu;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;

/** The cpu backend over all processors, shared by the tests of this module. */
public final class CpuTestKernels {
    public static final Kernels CPU = new CpuKernels(TestPools.of(WorkerPool.availableProcessors()));

    private CpuTestKernels() {
    }
}
