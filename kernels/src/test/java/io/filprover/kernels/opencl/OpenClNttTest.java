package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.ntt.ReferenceNtt;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The NTTs really run on the device (2^0 alone goes to the cpu), the twiddle table grows and is strided, and
 * any split between local-memory and global-memory passes gives the same answer.
 */
class OpenClNttTest {
    @Test
    void nttsRunOnTheDeviceAcrossGrowingAndShrinkingDomains() throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(1, "ntt-test");
             OpenClKernels gpu = new OpenClKernels(OpenClRuntime.get(), pool)) {
            int expectedDeviceCalls = 0;
            // 2^11 builds the table, 2^1 and 2^8 stride through it, 2^12 grows it, 2^3 strides the new one
            for (int logN : new int[] {11, 1, 8, 12, 3, 0}) {
                long[] x = new long[4 << logN];
                for (int i = 0; i < 1 << logN; i++) {
                    Fr.random(rnd).toMontgomeryLimbs(x, 4 * i);
                }
                long[] want = x.clone();
                ReferenceNtt.icosetNtt(want, 0, logN);
                gpu.icosetNttFr(x, 0, logN);
                assertArrayEquals(want, x, "icoset 2^" + logN + ", seed " + seed);
                if (logN > 0) {
                    expectedDeviceCalls++;
                }
                assertEquals(expectedDeviceCalls, gpu.deviceNtts.get(), "2^" + logN + " ran on the device");
            }
            // fewer passes in local memory (as on a device with small work-groups), more in global memory
            for (int localLog : new int[] {1, 2, 5}) {
                gpu.localLogLimit = localLog;
                for (int logN : new int[] {1, 4, 10}) {
                    long[] x = new long[4 << logN];
                    for (int i = 0; i < 1 << logN; i++) {
                        Fr.random(rnd).toMontgomeryLimbs(x, 4 * i);
                    }
                    long[] want = x.clone();
                    ReferenceNtt.ntt(want, 0, logN);
                    gpu.nttFr(x, 0, logN);
                    assertArrayEquals(want, x, "ntt 2^" + logN + " with " + localLog + " local passes, seed " + seed);
                }
            }
        }
    }
}
