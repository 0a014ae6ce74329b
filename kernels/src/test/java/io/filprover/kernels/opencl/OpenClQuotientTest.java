package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.kernels.QuotientContract;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * quotientFr really runs on the device as one call (its NTTs are not separate device NTTs), with the
 * twiddle table growing and strided and with few local-memory passes; an injected device failure is
 * redone on the cpu, counted once, and the instance keeps its later quotients off the device.
 */
class OpenClQuotientTest {
    @Test
    void quotientsRunOnTheDeviceAsOneCallEach() throws Exception {
        Availability av = new OpenClKernelsProvider().probe();
        assumeTrue(av.available(), () -> "OpenCL unavailable: " + av.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(1, "quotient-test");
             OpenClKernels gpu = new OpenClKernels(OpenClRuntime.get(), pool)) {
            int expected = 0;
            // 2^11 builds the table, 2^1 and 2^8 stride through it, 2^12 grows it; 2^0 goes to the cpu
            for (int logN : new int[] {11, 1, 8, 12, 0}) {
                checkOne(gpu, rnd, logN, "seed " + seed);
                expected += logN > 0 ? 1 : 0;
                assertEquals(expected, gpu.deviceQuotients.get(), "2^" + logN + " ran on the device");
                assertEquals(0, gpu.deviceNtts.get(), "no separate device NTT calls");
            }
            gpu.localLogLimit = 2; // more passes in global memory, as on a device with small work-groups
            checkOne(gpu, rnd, 9, "2 local passes, seed " + seed);
            assertEquals(expected + 1, gpu.deviceQuotients.get());
            assertEquals(0, gpu.fallbacks());
            assertNull(gpu.unhealthyReason());
        }
    }

    @Test
    void aFailedQuotientFallsBackToTheCpuVisiblyAndCorrectly() throws Exception {
        Availability av = new OpenClKernelsProvider().probe();
        assumeTrue(av.available(), () -> "OpenCL unavailable: " + av.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(1, "quotient-fallback-test");
             OpenClKernels gpu = new OpenClKernels(OpenClRuntime.get(), pool)) {
            gpu.injectDeviceFailure(new CLException("CL_OUT_OF_RESOURCES (injected)"), 0);
            checkOne(gpu, rnd, 7, "seed " + seed);
            assertEquals(0, gpu.deviceQuotients.get());
            assertEquals(1, gpu.fallbacks());
            assertTrue(gpu.unhealthyReason().contains("quotientFr") && gpu.unhealthyReason().contains("CL_OUT_OF_RESOURCES"),
                    gpu.unhealthyReason());
            checkOne(gpu, rnd, 6, "after the failure, seed " + seed);
            assertEquals(0, gpu.deviceQuotients.get(), "the unhealthy instance ran the quotient on the cpu");
            assertEquals(2, gpu.fallbacks());
        }
    }

    private static void checkOne(OpenClKernels gpu, Random rnd, int logN, String why) {
        long[] a = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] b = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] c = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] want = QuotientContract.expectedQuotient(a, b, c, logN);
        gpu.quotientFr(a, b, c, logN);
        assertArrayEquals(want, a, "quotient of 2^" + logN + ", " + why);
    }
}
