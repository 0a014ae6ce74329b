package io.filprover.api.job;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolTest {
    @Test
    void everyChunkRunsOnceWithAtMostOneWorkerPerThread() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (WorkerPool pool = WorkerPool.of(threads)) {
                for (int chunks : new int[] {0, 1, 5, 97}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
                    AtomicInteger workers = new AtomicInteger();
                    pool.forChunks(threads, chunks, () -> {
                        workers.incrementAndGet();
                        return c -> runs.incrementAndGet(c);
                    });
                    for (int c = 0; c < chunks; c++) {
                        assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks + ", threads " + threads);
                    }
                    assertTrue(workers.get() <= Math.min(threads, Math.max(1, chunks)), "workers " + workers.get());
                }
            }
        }
    }

    @Test
    void rangesCoverTheIndexSpaceExactly() {
        try (WorkerPool pool = WorkerPool.of(4)) {
            for (int parts : new int[] {1, 2, 3, 7}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(100);
                pool.forRanges(parts, 100, (part, lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 100; i++) {
                    assertEquals(1, hits.get(i), "index " + i + ", parts " + parts);
                }
            }
        }
    }

    @Test
    void oneThreadMeansTheCallerOnly() throws IOException {
        try (WorkerPool pool = WorkerPool.of(1)) {
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            pool.forEach(1000, i -> ran.add(Thread.currentThread()));
            pool.forRanges(8, 1 << 16, (p, lo, hi) -> ran.add(Thread.currentThread()));
            pool.forChunks(8, 64, () -> c -> ran.add(Thread.currentThread()));
            assertEquals(Set.of(Thread.currentThread()), ran);
            assertThrows(IllegalStateException.class, () -> pool.startCompanion(() -> { }));
        }
    }

    @Test
    void neverMoreThreadsThanTheBudgetEvenWhenNested() throws IOException {
        try (WorkerPool pool = WorkerPool.of(3)) {
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            AtomicInteger leaves = new AtomicInteger();
            pool.forEach(16, i -> pool.forRanges(4, 400, (p, lo, hi) -> {
                int now = running.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                ran.add(Thread.currentThread());
                busy();
                leaves.addAndGet(hi - lo);
                running.decrementAndGet();
            }));
            assertEquals(16 * 400, leaves.get());
            assertTrue(peak.get() <= 3, "peak " + peak.get());
            assertTrue(ran.size() <= 3, "threads " + ran.size());
        }
    }

    @Test
    void theFirstFailureIsRethrownAndStopsTheHandOut() {
        try (WorkerPool pool = WorkerPool.of(2)) {
            AtomicInteger started = new AtomicInteger();
            // every other task takes a millisecond, so the failing one is seen long before the end
            IOException e = assertThrows(IOException.class, () -> pool.forEach(1_000, i -> {
                started.incrementAndGet();
                if (i == 3) {
                    throw new IOException("disk full at " + i);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertEquals("disk full at 3", e.getMessage());
            assertTrue(started.get() < 1_000, "started " + started.get());
            IllegalStateException r = new IllegalStateException("boom");
            assertSame(r, assertThrows(IllegalStateException.class, () -> pool.forRanges(4, 100, (p, lo, hi) -> {
                throw r;
            })));
        }
    }

    @Test
    void aCompanionRunsBesideTheCaller() throws Exception {
        try (WorkerPool pool = WorkerPool.of(2)) {
            CountDownLatch fromCompanion = new CountDownLatch(1);
            CountDownLatch fromCaller = new CountDownLatch(1);
            var f = pool.startCompanion(() -> {
                fromCompanion.countDown();
                try {
                    fromCaller.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(fromCompanion.await(10, TimeUnit.SECONDS));
            fromCaller.countDown();
            f.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void budgetsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.of(0));
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.of(WorkerPool.maxThreads() + 1));
    }

    private static void busy() {
        long x = 0;
        for (int i = 0; i < 20_000; i++) {
            x += Long.numberOfTrailingZeros(x + i);
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
