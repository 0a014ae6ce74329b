package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import io.filprover.kernels.MsmInputs;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two lanes (queues) of one instance on POCL, chunk limits made tiny: trees of many runs and MSMs of
 * many chunks equal the cpu backend's, use both lanes and had two calls in flight at once (the host's view:
 * both issued before either returned); a failure injected midway redoes the operation on the cpu, counted once.
 */
class OpenClLanesTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    private static OpenClKernels open(WorkerPool pool, long chunkBytes) throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        if ("1".equals(System.getenv("FILPROVER_TEST_OPENCL_REQUIRED"))) {
            assertTrue(a.available(), () -> "FILPROVER_TEST_OPENCL_REQUIRED=1 but OpenCL is unavailable: " + a.detail());
        }
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        return new OpenClKernels(OpenClRuntime.get(), pool, chunkBytes);
    }

    private long[] leaves(int n) {
        long[] in = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr v = switch (rnd.nextInt(8)) {
                case 0 -> Fr.ZERO;
                case 1 -> Fr.ONE;
                case 2 -> Fr.ZERO.sub(Fr.ONE);
                default -> Fr.random(rnd);
            };
            v.toMontgomeryLimbs(in, 4 * i);
        }
        return in;
    }

    private long[] bases(boolean g2, int n) {
        return MsmInputs.bases(rnd, g2, n);
    }

    private long[] scalars(int count) {
        return MsmInputs.scalars(rnd, count, 6);
    }

    private long[] density(int count) {
        long[] d = new long[(count + 63) / 64];
        for (int i = 0; i < count; i++) {
            if (rnd.nextInt(4) != 0) {
                d[i >>> 6] |= 1L << (i & 63);
            }
        }
        return d;
    }

    private static long[] msm(Kernels k, boolean g2, long[] bases, long[] s, int count, long[] density) {
        long[] out = new long[g2 ? PointLimbs.G2 : PointLimbs.G1];
        if (g2) {
            k.msmG2(bases, 0, s, 0, count, density, out, 0);
        } else {
            k.msmG1(bases, 0, s, 0, count, density, out, 0);
        }
        return out;
    }

    private static long[] msm(Kernels k, MsmBases h, long[] s, int count, long[] density) {
        long[] out = new long[h.group().pointLimbs];
        if (h.group() == MsmBases.Group.G2) {
            k.msmG2(h, 0, s, 0, count, density, out, 0);
        } else {
            k.msmG1(h, 0, s, 0, count, density, out, 0);
        }
        return out;
    }

    private static void bothLanesAndTwoInFlight(OpenClKernels gpu, String what) {
        assertTrue(gpu.laneCalls(0) > 0 && gpu.laneCalls(1) > 0,
                what + ": lane calls " + gpu.laneCalls(0) + ", " + gpu.laneCalls(1));
        // many calls on each lane from two threads: two in flight at once is all but certain (see the report)
        assertEquals(2, gpu.mostInFlight(), what + ": most calls in flight");
    }

    @Test
    void treesOfManyRunsUseBothLanesAndEqualTheCpuBackend() throws Exception {
        try (WorkerPool pool = WorkerPool.of(1, "lanes-test"); CpuKernels cpu = new CpuKernels(pool);
             OpenClKernels gpu = open(pool, 32 * 24)) {
            int leaves = 8 * 8 * 8 * 6; // runs of 16 leaves, one level each
            long[] in = leaves(leaves);
            int nodes = (int) KernelTrees.nodesAbove(8, leaves, 3);
            long[] want = new long[4 * nodes];
            cpu.poseidonTree(8, in, 0, leaves, 3, want, 0);
            long[] got = new long[4 * nodes];
            gpu.poseidonTree(8, in, 0, leaves, 3, got, 0);
            assertArrayEquals(want, got, "poseidonTree arity 8, seed " + seed);

            byte[] sin = new byte[32 * 512];
            rnd.nextBytes(sin);
            int sNodes = (int) KernelTrees.nodesAbove(2, 512, 9);
            byte[] sWant = new byte[32 * sNodes];
            cpu.sha256Tree(sin, 0, 512, 9, sWant, 0);
            byte[] sGot = new byte[32 * sNodes];
            gpu.sha256Tree(sin, 0, 512, 9, sGot, 0);
            assertArrayEquals(sWant, sGot, "sha256Tree, seed " + seed);
            assertEquals(0, gpu.fallbacks());
            bothLanesAndTwoInFlight(gpu, "trees");
        }
    }

    @Test
    void msmsOfManyChunksUseBothLanesAndEqualTheCpuBackend() throws Exception {
        try (WorkerPool pool = WorkerPool.of(1, "lanes-test"); CpuKernels cpu = new CpuKernels(pool);
             OpenClKernels gpu = open(pool, OpenClKernels.CHUNK_BYTES)) {
            for (boolean g2 : new boolean[] {false, true}) {
                int n = g2 ? 240 : 600;
                String what = (g2 ? "G2" : "G1") + ", seed " + seed;
                long[] b = bases(g2, n);
                gpu.msmChunkBytes = g2 ? 300_000 : 150_000; // a few dozen terms a chunk
                long chunksBefore = gpu.deviceMsmChunks.get();
                long[] s = scalars(n);
                assertArrayEquals(msm(cpu, g2, b, s, n, null), msm(gpu, g2, b, s, n, null), what);
                long[] d = density(n);
                int selected = Arrays.stream(d).mapToInt(Long::bitCount).sum();
                long[] ds = scalars(n);
                assertArrayEquals(msm(cpu, g2, b, ds, n, d), msm(gpu, g2, b, ds, n, d), what + ", density");
                try (MsmBases h = g2 ? gpu.prepareMsmBasesG2(b, 0, n) : gpu.prepareMsmBasesG1(b, 0, n)) {
                    long residentBefore = gpu.residentMsmChunks.get();
                    long[] hs = scalars(selected);
                    assertArrayEquals(msm(cpu, g2, b, hs, selected, null), msm(gpu, h, hs, selected, null), what + ", kept");
                    assertArrayEquals(msm(cpu, g2, b, ds, n, d), msm(gpu, h, ds, n, d), what + ", kept, density");
                    assertTrue(gpu.residentMsmChunks.get() - residentBefore >= 4, what + ": chunks on kept bases");
                }
                assertTrue(gpu.deviceMsmChunks.get() - chunksBefore >= 8, what + ": many chunks");
            }
            assertEquals(0, gpu.fallbacks());
            bothLanesAndTwoInFlight(gpu, "MSMs");
        }
    }

    @Test
    void aFailureInTheMiddleOfATreeOrAnMsmIsRedoneOnTheCpuOnce() throws Exception {
        try (WorkerPool pool = WorkerPool.of(1, "lanes-test"); CpuKernels cpu = new CpuKernels(pool)) {
            try (OpenClKernels gpu = open(pool, 32 * 24)) {
                int leaves = 8 * 8 * 6;
                long[] in = leaves(leaves);
                int nodes = (int) KernelTrees.nodesAbove(8, leaves, 2);
                long[] want = new long[4 * nodes];
                cpu.poseidonTree(8, in, 0, leaves, 2, want, 0);
                long[] got = new long[4 * nodes];
                gpu.injectDeviceFailure(new CLException("CL_OUT_OF_RESOURCES (injected)"), 6); // the tree, then 5 runs
                gpu.poseidonTree(8, in, 0, leaves, 2, got, 0);
                assertArrayEquals(want, got, "poseidonTree, seed " + seed);
                assertEquals(1, gpu.fallbacks());
                long runs = gpu.laneCalls(0) + gpu.laneCalls(1);
                assertTrue(runs == 5 || runs == 6, runs + " runs: five before the failing call, the other lane at most one more");
                assertTrue(gpu.unhealthyReason().contains("poseidonTree"), gpu.unhealthyReason());
            }
            try (OpenClKernels gpu = open(pool, OpenClKernels.CHUNK_BYTES)) {
                int n = 400;
                long[] b = bases(false, n);
                long[] s = scalars(n);
                gpu.msmChunkBytes = 150_000;
                gpu.injectDeviceFailure(new CLException("CL_OUT_OF_RESOURCES (injected)"), 4);
                assertArrayEquals(msm(cpu, false, b, s, n, null), msm(gpu, false, b, s, n, null), "msmG1, seed " + seed);
                assertEquals(1, gpu.fallbacks());
                long chunks = gpu.laneCalls(0) + gpu.laneCalls(1);
                assertTrue(chunks == 3 || chunks == 4, chunks + " chunks: three before the failing call, the other lane at most one more");
            }
        }
    }
}
