package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.cpu.CpuKernels;
import io.filprover.kernels.DeviceMsmBases;
import io.filprover.kernels.MsmInputs;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MSM bases kept on a real OpenCL device (POCL in CI) and MSMs cut to a small memory budget: handles'
 * chunks run on the kept buffer, multi-chunk G1 and G2 MSMs (array and handle) equal the cpu backend's,
 * bases over the budget for kept bases stay on the host, another instance's handle is refused, a failing
 * device falls back from the handle's host range, and closing the backend frees the handles' buffers.
 */
class OpenClMsmBasesTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    private static OpenClKernels open(WorkerPool pool) throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        if ("1".equals(System.getenv("FILPROVER_TEST_OPENCL_REQUIRED"))) {
            assertTrue(a.available(), () -> "FILPROVER_TEST_OPENCL_REQUIRED=1 but OpenCL is unavailable: " + a.detail());
        }
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        return new OpenClKernels(OpenClRuntime.get(), pool);
    }

    private long[] bases(boolean g2, int n) {
        return MsmInputs.bases(rnd, g2, n);
    }

    private long[] scalars(int count) {
        return MsmInputs.scalars(rnd, count, 8);
    }

    private static long[] msm(io.filprover.api.kernels.Kernels k, boolean g2, long[] bases, int off, long[] s, int count) {
        long[] out = new long[g2 ? PointLimbs.G2 : PointLimbs.G1];
        if (g2) {
            k.msmG2(bases, off, s, 0, count, null, out, 0);
        } else {
            k.msmG1(bases, off, s, 0, count, null, out, 0);
        }
        return out;
    }

    private static long[] msm(io.filprover.api.kernels.Kernels k, MsmBases h, int baseStart, long[] s, int count) {
        long[] out = new long[h.group().pointLimbs];
        if (h.group() == MsmBases.Group.G2) {
            k.msmG2(h, baseStart, s, 0, count, null, out, 0);
        } else {
            k.msmG1(h, baseStart, s, 0, count, null, out, 0);
        }
        return out;
    }

    @Test
    void keptBasesAndSmallBudgetsGiveTheCpuBackendsAnswers() throws Exception {
        try (WorkerPool pool = WorkerPool.of(1, "msm-bases-opencl"); CpuKernels cpu = new CpuKernels(pool);
             OpenClKernels gpu = open(pool)) {
            for (boolean g2 : new boolean[] {false, true}) {
                int pl = g2 ? PointLimbs.G2 : PointLimbs.G1;
                int n = g2 ? 300 : 800;
                long[] b = bases(g2, n);
                gpu.msmChunkBytes = g2 ? 300_000 : 150_000; // a few dozen terms a chunk
                String what = (g2 ? "G2" : "G1") + ", seed " + seed;

                long[] s = scalars(n);
                long chunks = gpu.deviceMsmChunks.get();
                assertArrayEquals(msm(cpu, g2, b, 0, s, n), msm(gpu, g2, b, 0, s, n), what + ": the array MSM in chunks");
                assertTrue(gpu.deviceMsmChunks.get() - chunks >= 3, what + ": " + (gpu.deviceMsmChunks.get() - chunks) + " chunks");

                try (MsmBases h = g2 ? gpu.prepareMsmBasesG2(b, 0, n) : gpu.prepareMsmBasesG1(b, 0, n)) {
                    assertTrue(((DeviceMsmBases) h).onDevice(), h.toString());
                    assertEquals(8L * pl * n, gpu.keptBasesBytes());
                    for (int call = 0; call < 3; call++) {
                        int count = n / 3 + rnd.nextInt(n / 2);
                        int baseStart = rnd.nextInt(n - count + 1);
                        long[] sc = scalars(count);
                        long resident = gpu.residentMsmChunks.get();
                        assertArrayEquals(msm(cpu, g2, b, pl * baseStart, sc, count), msm(gpu, h, baseStart, sc, count),
                                what + ": handle call " + call + " from base " + baseStart);
                        assertTrue(gpu.residentMsmChunks.get() - resident >= 2, what + ": chunks on the kept bases");
                    }
                }
                assertEquals(0, gpu.keptBasesBytes(), "closing the handle frees its buffer");

                gpu.keptBasesBudget = 8L * pl * (n - 1); // one base short
                try (MsmBases h = g2 ? gpu.prepareMsmBasesG2(b, 0, n) : gpu.prepareMsmBasesG1(b, 0, n)) {
                    assertFalse(((DeviceMsmBases) h).onDevice(), h.toString());
                    assertTrue(h.toString().contains("kept on the host"), h.toString());
                    long resident = gpu.residentMsmChunks.get();
                    long[] sc = scalars(n - 7);
                    assertArrayEquals(msm(cpu, g2, b, pl * 7, sc, n - 7), msm(gpu, h, 7, sc, n - 7), what + ": host-kept handle");
                    assertEquals(resident, gpu.residentMsmChunks.get(), "the chunks carried their bases");
                }
                gpu.keptBasesBudget = Long.MAX_VALUE;
            }
            assertEquals(0, gpu.fallbacks());
        }
    }

    @Test
    void handlesBelongToTheirInstanceFallBackFromTheHostRangeAndCloseWithTheBackend() throws Exception {
        try (WorkerPool pool = WorkerPool.of(1, "msm-bases-opencl"); CpuKernels cpu = new CpuKernels(pool)) {
            long[] b = bases(false, 200);
            long[] s = scalars(150);
            OpenClKernels first = open(pool);
            MsmBases kept;
            try (OpenClKernels second = open(pool)) {
                kept = first.prepareMsmBasesG1(b, 0, 200);
                MsmBases other = kept;
                assertThrows(IllegalArgumentException.class, () -> msm(second, other, 0, s, 150));
                assertEquals(0, second.fallbacks());

                first.injectDeviceFailure(new CLException("CL_OUT_OF_RESOURCES (injected)"), 0);
                assertArrayEquals(msm(cpu, false, b, PointLimbs.G1 * 30, s, 150), msm(first, kept, 30, s, 150),
                        "seed " + seed + ": the failed call redone on the cpu");
                assertEquals(1, first.fallbacks());
            } finally {
                first.close();
            }
            assertTrue(kept.isClosed(), "closing the backend closes its handles");
            assertEquals(0, first.keptBasesBytes());
            assertThrows(IllegalStateException.class, () -> msm(first, kept, 0, s, 150));
        }
    }
}
