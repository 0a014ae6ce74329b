package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.cpu.CpuKernels;

/** The contract on the cpu backend: always runs. */
class CpuKernelsContractTest extends KernelsContractTest {
    @Override
    protected Kernels open(WorkerPool pool) {
        return new CpuKernels(pool);
    }

    @Override
    protected String expectedName() {
        return "cpu";
    }
}
