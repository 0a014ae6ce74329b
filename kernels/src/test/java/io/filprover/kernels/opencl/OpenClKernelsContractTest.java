package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Kernels;
import io.filprover.kernels.KernelsContractTest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract on the OpenCL backend: runs wherever the provider finds a device (POCL in CI, admitted
 * by the module's {@code filprover.opencl.cpu=true}); skipped with the probe's reason otherwise, or
 * failed when {@code FILPROVER_TEST_OPENCL_REQUIRED=1} (as {@code .ci/run} sets).
 */
class OpenClKernelsContractTest extends KernelsContractTest {
    @Override
    protected Kernels open(WorkerPool pool) {
        OpenClKernelsProvider provider = new OpenClKernelsProvider();
        Availability a = provider.probe();
        if ("1".equals(System.getenv("FILPROVER_TEST_OPENCL_REQUIRED"))) {
            assertTrue(a.available(), () -> "FILPROVER_TEST_OPENCL_REQUIRED=1 but OpenCL is unavailable: " + a.detail());
        }
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        return provider.open(pool);
    }

    @Override
    protected String expectedName() {
        return "opencl";
    }
}
