package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.ntt.ReferenceNtt;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a real OpenCL device: a launch that fails midway through a chunked in-place batch (JOCL's
 * exception injected before the third launch) leaves the right answer, counted as a fallback, and the
 * instance then keeps its NTTs off the device.
 */
class OpenClFallbackTest {
    @Test
    void aFailedLaunchFallsBackToTheCpuVisiblyAndCorrectly() throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(1, "fallback-test");
             OpenClKernels gpu = new OpenClKernels(OpenClRuntime.get(), pool, 64 * 16);
             CpuKernels cpu = new CpuKernels(pool)) {
            long[] x = new long[4 << 9];
            for (int i = 0; i < 1 << 9; i++) {
                Fr.random(rnd).toMontgomeryLimbs(x, 4 * i);
            }
            long[] want = x.clone();
            ReferenceNtt.ntt(want, 0, 9);
            gpu.nttFr(x, 0, 9);
            assertArrayEquals(want, x, "seed " + seed);
            assertEquals(1, gpu.deviceNtts.get());
            assertNull(gpu.unhealthyReason());

            int count = 100; // 7 launches of 16 pairs
            byte[] in = new byte[64 * count];
            rnd.nextBytes(in);
            byte[] sw = new byte[32 * count];
            cpu.sha256Trunc254Pairs(in, 0, sw, 0, count);
            gpu.injectDeviceFailure(new CLException("CL_OUT_OF_RESOURCES (injected)"), 2);
            gpu.sha256Trunc254Pairs(in, 0, in, 0, count);
            assertArrayEquals(sw, Arrays.copyOf(in, 32 * count), "seed " + seed);
            assertEquals(1, gpu.fallbacks());
            assertTrue(gpu.unhealthyReason().contains("CL_OUT_OF_RESOURCES"), gpu.unhealthyReason());

            ReferenceNtt.intt(want, 0, 9);
            gpu.inttFr(x, 0, 9);
            assertArrayEquals(want, x, "seed " + seed);
            assertEquals(1, gpu.deviceNtts.get(), "the unhealthy instance ran the NTT on the cpu");
            assertEquals(2, gpu.fallbacks());
        }
    }
}
