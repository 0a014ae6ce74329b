package io.filprover.cpu.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelThreadsTest {
    @Test
    void everyChunkRunsOnceWithAtMostOneWorkerPerThread() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (int chunks : new int[] {0, 1, 5, 97}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
                AtomicInteger workers = new AtomicInteger();
                KernelThreads.forChunks(threads, chunks, () -> {
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

    @Test
    void rangesCoverTheIndexSpaceExactly() {
        for (int parts : new int[] {1, 2, 3, 7}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(100);
            KernelThreads.forRanges(parts, 100, (part, lo, hi) -> {
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
