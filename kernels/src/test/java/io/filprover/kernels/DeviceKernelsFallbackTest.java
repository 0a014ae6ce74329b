package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.ntt.ReferenceNtt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fallback of {@link DeviceKernels}, on an emulated device (its "device calls" compute with the cpu
 * backend and are counted): a failing call marks the instance unhealthy, the operation is redone on
 * the cpu backend from the failed chunk (in-place batches stay right), later operations skip the
 * device, each is counted, and the SPI's argument errors are not mistaken for device failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceKernelsFallbackTest {
    private WorkerPool pool;
    private CpuKernels cpu;
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    /** A "device" that computes with the cpu backend, 5 SHA pairs per call, counting its calls; its MSMs run {@link EmulatedMsmDevice}. */
    static class EmulatedDevice extends DeviceKernels {
        final CpuKernels device;
        final AtomicInteger calls = new AtomicInteger();
        /** The device call of a tree that fails (mid-tree, unlike injectDeviceFailure, which fails whole operations). */
        int failTreeAtCall = -1;
        /** Vectors of a domain the device holds at once: 3 lets quotientFr run whole on it, fewer makes it seven NTT calls. */
        int maxBuffers = 3;
        final AtomicInteger quotients = new AtomicInteger();
        boolean failQuotientBeforeRead;
        /** The MSM kernels on the cpu, with the chunk budget and the budget for kept bases. */
        final EmulatedMsmDevice msm = new EmulatedMsmDevice();
        volatile long msmChunkBytes = 1L << 30;
        volatile long keptBudget = 1L << 30;

        EmulatedDevice(WorkerPool pool) {
            super(pool);
            device = new CpuKernels(pool);
        }

        @Override
        public String backendName() {
            return "emulated";
        }

        @Override
        protected long chunkLimitBytes() {
            return 5 * 64;
        }

        @Override
        protected void deviceSha(byte[] in, long inOff, byte[] out, long outOff, int n) {
            calls.incrementAndGet();
            byte[] staged = new byte[32 * n]; // as a device does: read everything, then write the results
            device.sha256Trunc254Pairs(in, (int) inOff, staged, 0, n);
            System.arraycopy(staged, 0, out, (int) outOff, staged.length);
        }

        @Override
        protected void devicePoseidon(PoseidonParameters p, long[] in, long inOff, long[] out, long outOff, int n) {
            calls.incrementAndGet();
            long[] staged = new long[4 * n];
            device.poseidonHashBatch(p.arity(), in, (int) inOff, staged, 0, n);
            System.arraycopy(staged, 0, out, (int) outOff, staged.length);
        }

        /** As a device does: the run's leaves in, every level computed apart, then all levels out at once. */
        @Override
        protected void deviceTree(int lane, TreeHost.Job job) {
            if (calls.incrementAndGet() == failTreeAtCall) {
                throw new RuntimeException("CL_OUT_OF_RESOURCES (injected in call " + failTreeAtCall + ")");
            }
            int nodes = (int) KernelTrees.nodesAbove(job.arity(), job.n(), job.levels());
            if (job.p() == null) {
                byte[] staged = new byte[32 * nodes];
                KernelTrees.sha256ByLevels(device, (byte[]) job.leaves(), (int) job.leavesByte(), job.n(), job.levels(), staged, 0);
                System.arraycopy(staged, 0, job.out(), (int) job.outByte(), staged.length);
            } else {
                long[] staged = new long[4 * nodes];
                KernelTrees.poseidonByLevels(device, job.arity(), (long[]) job.leaves(), (int) (job.leavesByte() / 8), job.n(),
                        job.levels(), staged, 0);
                System.arraycopy(staged, 0, job.out(), (int) (job.outByte() / 8), staged.length);
            }
        }

        @Override
        protected boolean nttFits(int logN, int buffers) {
            return buffers <= maxBuffers;
        }

        @Override
        protected void deviceNtt(NttHost.Kind kind, long[] a, int off, int logN) {
            calls.incrementAndGet();
            NttHost.run(device, kind, a, off, logN);
        }

        /** As a device does: a, b, c copied in, the work done apart, a copied out last; may fail before that copy. */
        @Override
        protected void deviceQuotient(long[] a, long[] b, long[] c, int logN) {
            calls.incrementAndGet();
            quotients.incrementAndGet();
            long[] da = a.clone();
            device.quotientFr(da, b.clone(), c.clone(), logN);
            if (failQuotientBeforeRead) {
                throw new RuntimeException("CUDA_ERROR_LAUNCH_FAILED (injected before the read)");
            }
            System.arraycopy(da, 0, a, 0, 4 << logN);
        }

        @Override
        protected long[] msmWindowSums(int lane, MsmHost.Buckets b) {
            return msm.windowSums(b);
        }

        @Override
        protected MsmHost.ChunkBudget msmChunkBudget() {
            return new MsmHost.ChunkBudget(msmChunkBytes, msmChunkBytes);
        }

        @Override
        protected boolean basesFit(long bytes, long kept) {
            return kept + bytes <= keptBudget;
        }

        @Override
        protected MsmHost.DeviceBases uploadBases(long[] bases, int off, int longs) {
            return msm.upload(bases, off, longs);
        }

        @Override
        protected void releaseDevice() {
        }
    }

    @BeforeAll
    void open() {
        pool = WorkerPool.of(1, "fallback-test");
        cpu = new CpuKernels(pool);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    @Test
    void aFailureMidwayRedoesTheRestOnTheCpuAndLaterOperationsSkipTheDevice() {
        long before = DeviceKernels.totalFallbacks();
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            int count = 40; // 8 device calls of 5 pairs
            byte[] in = new byte[64 * count];
            rnd.nextBytes(in);
            byte[] want = new byte[32 * count];
            cpu.sha256Trunc254Pairs(in, 0, want, 0, count);
            k.injectDeviceFailure(new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED (injected)"), 3);
            k.sha256Trunc254Pairs(in, 0, in, 0, count); // in place: the first 3 chunks' outputs overwrote inputs
            assertArrayEquals(want, Arrays.copyOf(in, 32 * count), "seed " + seed);
            assertEquals(3, k.calls.get());
            assertEquals(1, k.fallbacks());
            assertTrue(k.unhealthyReason().contains("sha256Trunc254Pairs") && k.unhealthyReason().contains("LAUNCH_FAILED"),
                    k.unhealthyReason());

            long[] pre = randomFr(8 * 3);
            long[] hw = new long[12];
            cpu.poseidonHashBatch(8, pre, 0, hw, 0, 3);
            k.poseidonHashBatch(8, pre, 0, pre, 0, 3);
            assertArrayEquals(hw, Arrays.copyOf(pre, 12), "seed " + seed);
            long[] x = randomFr(1 << 6);
            long[] xw = x.clone();
            ReferenceNtt.cosetNtt(xw, 0, 6);
            k.cosetNttFr(x, 0, 6);
            assertArrayEquals(xw, x, "seed " + seed);
            assertEquals(3, k.calls.get(), "an unhealthy instance does not call the device");
            assertEquals(3, k.fallbacks());
            assertTrue(DeviceKernels.totalFallbacks() - before >= 3);
        }
    }

    @Test
    void nttAndMsmFailuresFallBackWithTheCallersDataIntact() {
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            long[] x = randomFr(1 << 7);
            long[] xw = x.clone();
            ReferenceNtt.icosetNtt(xw, 0, 7);
            k.injectDeviceFailure(new RuntimeException("CL_OUT_OF_RESOURCES (injected)"), 0);
            k.icosetNttFr(x, 0, 7);
            assertArrayEquals(xw, x, "seed " + seed);
            assertEquals(0, k.calls.get());
            assertEquals(1, k.fallbacks());
        }
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            int terms = 9;
            long[] bases = new long[PointLimbs.G1 * terms];
            JacobianPoint<Fq> p = G1.generator();
            for (int i = 0; i < terms; i++) {
                p = p.add(G1.mul(G1.generator(), BigInteger.valueOf(1 + rnd.nextInt(1 << 20))));
                PointLimbs.g1(p.toAffine(), bases, PointLimbs.G1 * i);
            }
            long[] scalars = new long[4 * terms];
            for (int i = 0; i < terms; i++) {
                scalars[4 * i] = rnd.nextLong();
            }
            long[] want = new long[PointLimbs.G1];
            cpu.msmG1(bases, 0, scalars, 0, terms, null, want, 0);
            long[] got = new long[PointLimbs.G1];
            k.injectDeviceFailure(new RuntimeException("CUDA_ERROR_OUT_OF_MEMORY (injected)"), 0);
            k.msmG1(bases, 0, scalars, 0, terms, null, got, 0);
            assertArrayEquals(want, got, "seed " + seed);
            assertEquals(1, k.fallbacks());
        }
    }

    /** With 10 nodes a call, trees take many calls (TreeHost's runs, scatter and levels above); a failure redoes the tree on the cpu. */
    @Test
    void treesInManyDeviceCallsMatchOneBatchPerLevelAndFallBackWhole() {
        for (int[] shape : new int[][] {{2, 128, 7}, {2, 96, 5}, {8, 1024, 3}, {4, 64, 3}, {11, 242, 2}}) {
            int arity = shape[0];
            int leaves = shape[1];
            int levels = shape[2];
            long[] in = randomFr(leaves + 1);
            int nodes = (int) KernelTrees.nodesAbove(arity, leaves, levels);
            long[] want = new long[4 * nodes];
            cpu.poseidonTree(arity, in, 4, leaves, levels, want, 0);
            for (int failAfter : new int[] {-2, 2}) { // no failure; the third device call fails
                try (EmulatedDevice k = new EmulatedDevice(pool)) {
                    k.failTreeAtCall = failAfter + 1;
                    long[] got = new long[4 * nodes + 8];
                    k.poseidonTree(arity, in, 4, leaves, levels, got, 8);
                    String why = "arity " + arity + ", " + leaves + " leaves, " + levels + " levels, seed " + seed;
                    assertArrayEquals(want, Arrays.copyOfRange(got, 8, got.length), why);
                    assertTrue(k.calls.get() >= 3, why + ": " + k.calls.get() + " device calls");
                    assertEquals(failAfter >= 0 ? 1 : 0, k.fallbacks(), why);
                }
            }
        }
        byte[] in = new byte[32 * 96];
        rnd.nextBytes(in);
        byte[] want = new byte[32 * 93];
        cpu.sha256Tree(in, 0, 96, 5, want, 0);
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            byte[] got = new byte[want.length];
            k.sha256Tree(in, 0, 96, 5, got, 0);
            assertArrayEquals(want, got, "sha256Tree, seed " + seed);
            assertTrue(k.calls.get() > 3);
        }
    }

    /** The quotient: one device call when a, b, c fit at once, seven NTT calls when one does, the cpu when none does. */
    @Test
    void theQuotientRunsWholeOnTheDeviceOrAsSevenNttCallsWhenItDoesNotFit() {
        int logN = 6;
        long[] a = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] b = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] c = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] want = QuotientContract.expectedQuotient(a, b, c, logN);
        // {vectors the device holds, device calls, of them whole quotients}
        for (int[] t : new int[][] {{3, 1, 1}, {2, 7, 0}, {1, 7, 0}, {0, 0, 0}}) {
            try (EmulatedDevice k = new EmulatedDevice(pool)) {
                k.maxBuffers = t[0];
                long[] got = a.clone();
                k.quotientFr(got, b.clone(), c.clone(), logN);
                String why = t[0] + " buffers fit, seed " + seed;
                assertArrayEquals(want, got, why);
                assertEquals(t[1], k.calls.get(), why);
                assertEquals(t[2], k.quotients.get(), why);
                assertEquals(0, k.fallbacks(), why);
            }
        }
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            long[] got = {0, 0, 0, 0};
            k.quotientFr(got, new long[4], new long[4], 0); // 2^0: never a device call
            assertEquals(0, k.calls.get());
        }
    }

    @Test
    void aQuotientThatFailsOnTheDeviceIsRedoneOnTheCpuOnceCounted() {
        int logN = 5;
        long[] a = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] b = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] c = QuotientContract.vectorWithEdges(rnd, 1 << logN, 0);
        long[] want = QuotientContract.expectedQuotient(a, b, c, logN);
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            k.failQuotientBeforeRead = true; // the device did the work, then failed: the caller's a, b, c are as given
            k.quotientFr(a, b, c, logN);
            assertArrayEquals(want, a, "seed " + seed);
            assertEquals(1, k.quotients.get());
            assertEquals(1, k.fallbacks());
            assertTrue(k.unhealthyReason().contains("quotientFr") && k.unhealthyReason().contains("LAUNCH_FAILED"),
                    k.unhealthyReason());
        }
    }

    @Test
    void theCallersArgumentErrorsAreNotDeviceFailures() {
        try (EmulatedDevice k = new EmulatedDevice(pool)) {
            assertThrows(IndexOutOfBoundsException.class, () -> k.sha256Trunc254Pairs(new byte[64], 0, new byte[31], 0, 1));
            long[] unreduced = new long[8];
            Arrays.fill(unreduced, -1L);
            assertThrows(IllegalArgumentException.class, () -> k.poseidonHashBatch(2, unreduced, 0, new long[4], 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> k.nttFr(new long[4 * 8], 4, 3));
            long[] v = new long[4 * 8];
            assertThrows(IllegalArgumentException.class, () -> k.quotientFr(v, v, new long[4 * 8], 3));
            assertThrows(IndexOutOfBoundsException.class, () -> k.quotientFr(v, new long[4 * 8], new long[4 * 7], 3));
            // the MSM's checks run inside the device path: they must pass through, not count as a failure
            assertThrows(IndexOutOfBoundsException.class,
                    () -> k.msmG1(new long[PointLimbs.G1], 0, new long[4], 0, 2, null, new long[PointLimbs.G1], 0));
            assertNull(k.unhealthyReason());
            assertEquals(0, k.fallbacks());
        }
        EmulatedDevice closed = new EmulatedDevice(pool);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.nttFr(new long[4 * 8], 0, 3));
        assertEquals(0, closed.fallbacks());
    }

    private long[] randomFr(int n) {
        long[] x = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rnd).toMontgomeryLimbs(x, 4 * i);
        }
        return x;
    }
}
