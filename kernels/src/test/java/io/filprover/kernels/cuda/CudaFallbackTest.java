package io.filprover.kernels.cuda;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.ntt.ReferenceNtt;
import jcuda.CudaException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a real CUDA device (skipped elsewhere): a launch failure injected midway through an in-place
 * batch leaves the right answer, counted as a fallback, and the instance then keeps off the device;
 * a fresh instance on the same device is healthy again.
 */
class CudaFallbackTest {
    @Test
    void aFailedLaunchFallsBackToTheCpuVisiblyAndCorrectly() {
        CudaKernelsProvider provider = new CudaKernelsProvider();
        Availability a = provider.probe();
        assumeTrue(a.available(), () -> "CUDA unavailable: " + a.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(2, "cuda-fallback-test");
             CudaKernels gpu = new CudaKernels(CudaRuntime.devices().get(0), CudaRuntime.fatbin(), pool, 64 * 1000);
             CpuKernels cpu = new CpuKernels(pool)) {
            int count = 3017; // four launches of at most 1000 pairs
            byte[] in = new byte[64 * count];
            rnd.nextBytes(in);
            byte[] want = new byte[32 * count];
            cpu.sha256Trunc254Pairs(in, 0, want, 0, count);
            gpu.injectDeviceFailure(new CudaException("CUDA_ERROR_LAUNCH_FAILED (injected)"), 2);
            gpu.sha256Trunc254Pairs(in, 0, in, 0, count);
            assertTrue(Arrays.equals(want, 0, want.length, in, 0, want.length), "seed " + seed);
            assertEquals(1, gpu.fallbacks());
            assertTrue(gpu.unhealthyReason().contains("LAUNCH_FAILED"), gpu.unhealthyReason());

            long[] x = new long[4 << 12];
            for (int i = 0; i < 1 << 12; i++) {
                Fr.random(rnd).toMontgomeryLimbs(x, 4 * i);
            }
            long[] xw = x.clone();
            ReferenceNtt.cosetNtt(xw, 0, 12);
            gpu.cosetNttFr(x, 0, 12);
            assertArrayEquals(xw, x, "seed " + seed);
            assertEquals(2, gpu.fallbacks());
        }
        try (WorkerPool pool = WorkerPool.of(1, "cuda-fallback-test");
             CudaKernels fresh = (CudaKernels) provider.open(pool)) {
            byte[] in = new byte[64 * 1000];
            rnd.nextBytes(in);
            byte[] out = new byte[32 * 1000];
            fresh.sha256Trunc254Pairs(in, 0, out, 0, 1000);
            assertNull(fresh.unhealthyReason());
            assertEquals(0, fresh.fallbacks());
        }
    }
}
