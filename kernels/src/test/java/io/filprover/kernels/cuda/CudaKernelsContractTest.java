package io.filprover.kernels.cuda;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Kernels;
import io.filprover.kernels.KernelsContractTest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract on the CUDA backend: runs where the provider finds a device and the jar's fatbin loads
 * on it; skipped with the probe's reason otherwise, or failed when {@code FILPROVER_TEST_CUDA_REQUIRED=1}
 * (as {@code kernels/gpu-check.sh} sets on a GPU machine).
 */
class CudaKernelsContractTest extends KernelsContractTest {
    @Override
    protected Kernels open(WorkerPool pool) {
        CudaKernelsProvider provider = new CudaKernelsProvider();
        Availability a = provider.probe();
        if ("1".equals(System.getenv("FILPROVER_TEST_CUDA_REQUIRED"))) {
            assertTrue(a.available(), () -> "FILPROVER_TEST_CUDA_REQUIRED=1 but CUDA is unavailable: " + a.detail());
        }
        assumeTrue(a.available(), () -> "CUDA unavailable: " + a.detail());
        return provider.open(pool);
    }

    @Override
    protected String expectedName() {
        return "cuda";
    }
}
