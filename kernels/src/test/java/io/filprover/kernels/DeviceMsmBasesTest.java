package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeviceKernels}' MSM bases and chunking on an emulated device ({@link EmulatedMsmDevice}: the
 * kernels' bucket and window sums computed on the cpu from each chunk's entries), so the host side runs
 * on any machine: kept bases are uploaded once and the chunks carry only entries indexing into them;
 * bases over the budget stay on the host and the chunks carry them; the chunks fit the memory budget;
 * the next chunk is prepared while the device sums the current one; a device failure falls back to the
 * host range; closing frees the buffers, after the calls still running. Each answer against the cpu backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceMsmBasesTest {
    private static final int G1 = PointLimbs.G1;
    private final long seed = System.nanoTime();
    private WorkerPool pool;
    private CpuKernels cpu;

    @BeforeAll
    void open() {
        pool = WorkerPool.of(1, "msm-bases-test");
        cpu = new CpuKernels(pool);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    private Random rnd(String test) {
        return new Random(seed ^ test.hashCode());
    }

    private long[] want(boolean g2, long[] bases, int basesOff, long[] scalars, int count, long[] density) {
        long[] w = new long[g2 ? PointLimbs.G2 : G1];
        if (g2) {
            cpu.msmG2(bases, basesOff, scalars, 0, count, density, w, 0);
        } else {
            cpu.msmG1(bases, basesOff, scalars, 0, count, density, w, 0);
        }
        return w;
    }

    private static long[] onHandle(DeviceKernels k, MsmBases h, int baseStart, long[] scalars, int count, long[] density) {
        long[] out = new long[h.group().pointLimbs];
        if (h.group() == MsmBases.Group.G1) {
            k.msmG1(h, baseStart, scalars, 0, count, density, out, 0);
        } else {
            k.msmG2(h, baseStart, scalars, 0, count, density, out, 0);
        }
        return out;
    }

    /** Device bytes of a chunk's buffers as the kernels take them. */
    private static long chunkBytes(MsmHost.Buckets b) {
        long xyzz = 4L * b.group().xyzzWords();
        return 4L * b.entries().length + 4L * b.starts().length + xyzz * b.groups() + xyzz * b.windows()
                + (b.bases() == null ? 0 : 8L * b.bases().length);
    }

    @Test
    void keptBasesAreUploadedOnceAndTheChunksCarryOnlyEntriesIntoThem() {
        Random r = rnd("kept");
        for (boolean g2 : new boolean[] {false, true}) {
            int n = g2 ? 300 : 700;
            int pl = g2 ? PointLimbs.G2 : G1;
            MsmCase c = MsmCase.random(r, g2, n, false, false);
            try (DeviceKernelsFallbackTest.EmulatedDevice k = new DeviceKernelsFallbackTest.EmulatedDevice(pool)) {
                k.msmChunkBytes = g2 ? 300_000 : 150_000; // a few dozen terms a chunk (the bucket sums take most)
                MsmBases h = g2 ? k.prepareMsmBasesG2(c.bases(), c.basesOff(), n) : k.prepareMsmBasesG1(c.bases(), c.basesOff(), n);
                assertTrue(((DeviceMsmBases) h).onDevice(), h.toString());
                assertTrue(h.toString().contains("kept on the emulated device"), h.toString());
                assertEquals(8L * pl * n, k.keptBasesBytes());
                for (int call = 0; call < 3; call++) {
                    int count = g2 ? 150 + r.nextInt(100) : 200 + r.nextInt(150);
                    long[] density = null;
                    if (call == 1) { // about 3/4 selected
                        density = new long[(count + 63) / 64];
                        for (int w = 0; w < density.length; w++) {
                            density[w] = r.nextLong() | r.nextLong();
                        }
                    }
                    int needed = (int) MsmBases.basesNeeded(count, density);
                    int baseStart = r.nextInt(n - needed + 1);
                    long[] scalars = KernelsContractTest.randomScalars(r, count);
                    int before = k.msm.chunks.size();
                    String why = (g2 ? "G2" : "G1") + " call " + call + " from base " + baseStart + ", seed " + seed;
                    assertArrayEquals(want(g2, c.bases(), c.basesOff() + pl * baseStart, scalars, count, density),
                            onHandle(k, h, baseStart, scalars, count, density), why);
                    assertTrue(k.msm.chunks.size() - before >= 2, why + ": several chunks");
                    for (MsmHost.Buckets b : k.msm.chunks.subList(before, k.msm.chunks.size())) {
                        assertNull(b.bases(), why + ": no bases packed");
                        assertNotNull(b.resident(), why);
                        assertTrue(chunkBytes(b) <= k.msmChunkBytes, why + ": a chunk of " + chunkBytes(b) + " bytes");
                        for (int e = 0; e < b.starts()[b.groups()]; e++) {
                            int index = b.entries()[e] >>> 1;
                            assertTrue(index >= baseStart && index < baseStart + needed, why + ": entry index " + index);
                        }
                    }
                }
                assertEquals(1, k.msm.uploads.get(), "uploaded once");
                EmulatedMsmDevice.Kept kept = (EmulatedMsmDevice.Kept) k.msm.chunks.get(0).resident();
                h.close();
                assertTrue(kept.freed);
                assertEquals(0, k.keptBasesBytes());
                assertEquals(0, k.fallbacks());
            }
        }
    }

    @Test
    void basesOverTheBudgetStayOnTheHostAndEachChunkCarriesItsOwn() {
        Random r = rnd("host");
        MsmCase c = MsmCase.random(r, false, 600, false, false);
        try (DeviceKernelsFallbackTest.EmulatedDevice k = new DeviceKernelsFallbackTest.EmulatedDevice(pool)) {
            k.keptBudget = 8L * G1 * 100; // 100 bases
            k.msmChunkBytes = 300_000;
            MsmBases h = k.prepareMsmBasesG1(c.bases(), c.basesOff(), 450);
            assertFalse(((DeviceMsmBases) h).onDevice());
            assertTrue(h.toString().contains("kept on the host") && h.toString().contains("budget"), h.toString());
            long[] scalars = KernelsContractTest.randomScalars(r, 400);
            assertArrayEquals(want(false, c.bases(), c.basesOff() + G1 * 30, scalars, 400, null),
                    onHandle(k, h, 30, scalars, 400, null), "seed " + seed);
            assertTrue(k.msm.chunks.size() >= 2);
            for (MsmHost.Buckets b : k.msm.chunks) {
                assertNotNull(b.bases());
                assertNull(b.resident());
                assertTrue(chunkBytes(b) <= k.msmChunkBytes, "a chunk of " + chunkBytes(b) + " bytes");
            }
            assertEquals(0, k.msm.uploads.get());
            // a set that fits still goes to the device beside it
            try (MsmBases small = k.prepareMsmBasesG1(c.bases(), c.basesOff(), 100)) {
                assertTrue(((DeviceMsmBases) small).onDevice(), small.toString());
            }
            h.close();
        }
    }

    @Test
    void chunksOfTheArrayMsmFitTheBudgetAndAreOfOneSize() {
        Random r = rnd("budget");
        for (long budget : new long[] {150_000, 600_000, 5_000_000}) {
            MsmCase c = MsmCase.random(r, false, 3000, false, false);
            try (DeviceKernelsFallbackTest.EmulatedDevice k = new DeviceKernelsFallbackTest.EmulatedDevice(pool)) {
                k.msmChunkBytes = budget;
                c.check(k, cpu, r, "budget " + budget + ", seed " + seed);
                int smallest = Integer.MAX_VALUE;
                int largest = 0;
                for (MsmHost.Buckets b : k.msm.chunks) {
                    assertTrue(chunkBytes(b) <= budget, "budget " + budget + ": a chunk of " + chunkBytes(b) + " bytes");
                    smallest = Math.min(smallest, b.bases().length / G1);
                    largest = Math.max(largest, b.bases().length / G1);
                }
                assertTrue(largest - smallest <= 1, "chunks of " + smallest + " to " + largest + " terms");
                assertTrue(budget > 1_000_000 || k.msm.chunks.size() >= 3, k.msm.chunks.size() + " chunks");
            }
        }
        for (int terms : new int[] {0, 1, 1000, 1 << 20, 1 << 26}) {
            int chunk = MsmHost.chunkTerms(MsmHost.Group.G2, terms, false, new MsmHost.ChunkBudget(Long.MAX_VALUE, Long.MAX_VALUE));
            assertEquals(Math.max(1, Math.min(terms, MsmHost.MAX_CHUNK)), chunk, terms + " terms, no limit but MAX_CHUNK");
        }
    }

    /**
     * Chunk k + 1's buckets are made on the preparing thread while the device works on chunk k: each device
     * call but the last waits for them (it would wait in vain if the chunks were prepared one after another).
     */
    @Test
    void theNextChunkIsPreparedWhileTheDeviceSumsTheCurrentOne() {
        Random r = rnd("overlap");
        MsmCase c = MsmCase.random(r, false, 900, false, false);
        MsmHost.ChunkBudget budget = new MsmHost.ChunkBudget(300_000, 300_000);
        int terms = io.filprover.bls12381.curve.MsmTerms.select(G1, c.bases(), c.basesOff(), c.scalars(), c.scalarsOff(),
                c.count(), null, new long[G1], 0).count();
        int most = MsmHost.chunkTerms(MsmHost.Group.G1, terms, false, budget);
        int chunks = (terms + most - 1) / most;
        assertTrue(chunks >= 3, chunks + " chunks");
        AtomicInteger prepared = new AtomicInteger();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        Executor counting = task -> threads.execute(() -> {
            task.run();
            prepared.incrementAndGet();
        });
        EmulatedMsmDevice device = new EmulatedMsmDevice();
        AtomicInteger calls = new AtomicInteger();
        try {
            long[] got = new long[G1];
            MsmHost.run(MsmHost.Group.G1, c.bases(), c.basesOff(), null, 0, c.scalars(), c.scalarsOff(), c.count(), null,
                    got, 0, budget, (lane, b) -> {
                        int k = calls.getAndIncrement();
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (k + 1 < chunks && prepared.get() < k + 1 && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        assertTrue(k + 1 == chunks || prepared.get() >= k + 1,
                                "chunk " + (k + 1) + " was not prepared while chunk " + k + " was on the device");
                        return device.windowSums(b);
                    }, 1, counting);
            assertArrayEquals(c.run(cpu), got, "seed " + seed);
            assertEquals(chunks, calls.get());
            assertEquals(chunks - 1, prepared.get(), "every chunk after the first prepared on the other thread");
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aDeviceFailureOnAHandleIsRedoneFromTheHostRangeAndCounted() {
        Random r = rnd("fallback");
        MsmCase c = MsmCase.random(r, true, 200, false, false);
        try (DeviceKernelsFallbackTest.EmulatedDevice k = new DeviceKernelsFallbackTest.EmulatedDevice(pool)) {
            MsmBases h = k.prepareMsmBasesG2(c.bases(), c.basesOff(), 200);
            long[] scalars = KernelsContractTest.randomScalars(r, 150);
            k.injectDeviceFailure(new RuntimeException("CUDA_ERROR_LAUNCH_FAILED (injected)"), 0);
            assertArrayEquals(want(true, c.bases(), c.basesOff() + PointLimbs.G2 * 20, scalars, 150, null),
                    onHandle(k, h, 20, scalars, 150, null), "seed " + seed);
            assertEquals(1, k.fallbacks());
            assertTrue(k.msm.chunks.isEmpty(), "the failure came before any chunk");
            long[] again = KernelsContractTest.randomScalars(r, 180);
            assertArrayEquals(want(true, c.bases(), c.basesOff(), again, 180, null), onHandle(k, h, 0, again, 180, null));
            assertEquals(2, k.fallbacks(), "an unhealthy instance runs handle calls on the cpu");
            try (MsmBases late = k.prepareMsmBasesG2(c.bases(), c.basesOff(), 10)) {
                assertTrue(late.toString().contains("failed before"), late.toString());
            }
            h.close();
        }
    }

    @Test
    void closingFreesKeptBasesAfterTheCallsStillRunningOnThem() throws Exception {
        Random r = rnd("close");
        MsmCase c = MsmCase.random(r, false, 400, false, false);
        CountDownLatch inDevice = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        DeviceKernelsFallbackTest.EmulatedDevice k = new DeviceKernelsFallbackTest.EmulatedDevice(pool) {
            @Override
            protected long[] msmWindowSums(int lane, MsmHost.Buckets b) {
                long[] sums = super.msmWindowSums(lane, b);
                inDevice.countDown();
                try {
                    assertTrue(mayFinish.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return sums;
            }
        };
        try {
            MsmBases h = k.prepareMsmBasesG1(c.bases(), c.basesOff(), 400);
            long[] scalars = KernelsContractTest.randomScalars(r, 300);
            Future<long[]> running = ex.submit(() -> onHandle(k, h, 50, scalars, 300, null));
            assertTrue(inDevice.await(20, TimeUnit.SECONDS));
            h.close();
            assertTrue(h.isClosed());
            EmulatedMsmDevice.Kept kept = (EmulatedMsmDevice.Kept) k.msm.chunks.get(0).resident();
            assertFalse(kept.freed, "not freed under a running call");
            mayFinish.countDown();
            assertArrayEquals(want(false, c.bases(), c.basesOff() + G1 * 50, scalars, 300, null), running.get(), "seed " + seed);
            assertTrue(kept.freed, "freed when the call ended");
            assertEquals(0, k.keptBasesBytes());

            MsmBases left = k.prepareMsmBasesG1(c.bases(), c.basesOff(), 400);
            k.close();
            assertTrue(left.isClosed(), "closing the backend closes its handles");
            assertEquals(0, k.keptBasesBytes());
            assertEquals(2, k.msm.uploads.get());
        } finally {
            ex.shutdown();
            k.close();
        }
    }

    @Test
    void anotherInstancesHandleIsRefused() {
        Random r = rnd("foreign");
        MsmCase c = MsmCase.random(r, false, 50, false, false);
        try (DeviceKernelsFallbackTest.EmulatedDevice a = new DeviceKernelsFallbackTest.EmulatedDevice(pool);
             DeviceKernelsFallbackTest.EmulatedDevice b = new DeviceKernelsFallbackTest.EmulatedDevice(pool);
             MsmBases h = a.prepareMsmBasesG1(c.bases(), c.basesOff(), 50)) {
            long[] s = KernelsContractTest.randomScalars(r, 10);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> onHandle(b, h, 0, s, 10, null));
            assertTrue(e.getMessage().contains("another backend instance"), e.getMessage());
            assertEquals(0, b.fallbacks());
            // a host handle (the cpu backend's) is any backend's
            try (MsmBases host = cpu.prepareMsmBasesG1(c.bases(), c.basesOff(), 50)) {
                assertArrayEquals(want(false, c.bases(), c.basesOff() + G1 * 3, s, 10, null), onHandle(b, host, 3, s, 10, null));
            }
        }
    }
}
