package io.filprover.api.job;

import io.filprover.api.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageTimesTest {
    @Test
    void stagesAreListedInOrderOfFirstStartAndRepeatedNamesAreSummed() throws Exception {
        StageTimes t = new StageTimes();
        try (var outer = t.start("parent_cache")) {
            Thread.sleep(5);
        }
        for (int layer = 0; layer < 3; layer++) {
            try (var s = t.start("labeling")) {
                Thread.sleep(2);
            }
        }
        String r = t.time("tree_d", () -> "root");
        assertEquals("root", r);
        List<StageTimes.Stage> stages = t.stages();
        assertEquals(List.of("parent_cache", "labeling", "tree_d"), stages.stream().map(StageTimes.Stage::name).toList());
        assertTrue(stages.get(0).millis() >= 5, stages.toString());
        assertEquals(1, stages.get(0).count());
        assertEquals(3, stages.get(1).count());
        assertTrue(stages.get(1).millis() >= 6, stages.toString());
        assertTrue(stages.get(2).nanos() >= 0);
        assertEquals(stages.get(1), t.stage("labeling"));
        assertNull(t.stage("tree_c"));
        assertTrue(t.toString().startsWith("parent_cache "), t.toString());
    }

    @Test
    void theOrderIsThatOfTheStartEvenWhenAnInnerSpanEndsFirst() {
        StageTimes t = new StageTimes();
        try (var a = t.start("a")) {
            try (var b = t.start("b")) {
                assertTrue(t.stages().isEmpty(), "a stage still running is not listed");
            }
        }
        assertEquals(List.of("a", "b"), t.stages().stream().map(StageTimes.Stage::name).toList());
    }

    @Test
    void aStageEndedByAnExceptionIsRecordedAndTheExceptionPassesThrough() {
        StageTimes t = new StageTimes();
        IOException e = assertThrows(IOException.class, () -> t.time("verification", () -> {
            throw new IOException("bad");
        }));
        assertEquals("bad", e.getMessage());
        assertEquals(1, t.stage("verification").count());
    }

    @Test
    void aSecondCloseAddsNothingAndAddRefusesNegativeTimes() {
        StageTimes t = new StageTimes();
        StageTimes.Span s = t.start("x");
        s.close();
        s.close();
        assertEquals(1, t.stage("x").count());
        t.add("x", 2_000_000);
        assertEquals(2, t.stage("x").count());
        assertTrue(t.stage("x").millis() >= 2);
        assertThrows(IllegalArgumentException.class, () -> t.add("x", -1));
        assertThrows(NullPointerException.class, () -> t.start(null));
    }

    @Test
    void spansFromManyThreadsAllCount() throws Exception {
        StageTimes t = new StageTimes();
        int threads = 8;
        int each = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int j = 0; j < each; j++) {
                        try (var s = t.start(j % 2 == 0 ? "even" : "odd")) {
                            t.add("added", k);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each / 2, t.stage("even").count());
        assertEquals(threads * each / 2, t.stage("odd").count());
        assertEquals(threads * each, t.stage("added").count());
        assertEquals((long) each * (threads * (threads - 1) / 2), t.stage("added").nanos());
    }

    @Test
    void everyContextHasItsOwnRecorder() {
        try (WorkerPool pool = WorkerPool.of(1)) {
            JobContext a = JobContext.of(pool, noKernels(), null, null, null);
            JobContext b = JobContext.of(pool, noKernels(), null, null, null);
            assertSame(a.stageTimes(), a.stageTimes());
            assertNotSame(a.stageTimes(), b.stageTimes());
            assertTrue(a.stageTimes().stages().isEmpty());
        }
    }

    /** A backend that is never called: only its name and close. */
    private static Kernels noKernels() {
        return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                (proxy, m, args) -> m.getName().equals("backendName") ? "none" : null);
    }
}
