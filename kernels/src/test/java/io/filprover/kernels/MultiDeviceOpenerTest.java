package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MultiDeviceOpener}, what both device providers open a job's backend with, over stand-in devices
 * ({@link TestDevice}: device 1 is six times slower than device 0): one device alone, several as the
 * composite with the first rotating, a device that does not open left out, and the measured rates kept per
 * set of devices so the next job starts from them. MSMs are compared with the cpu backend's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiDeviceOpenerTest {
    private final long seed = System.nanoTime();
    private WorkerPool pool;
    private CpuKernels cpu;

    @BeforeAll
    void open() {
        pool = WorkerPool.of(2, "opener-test");
        cpu = new CpuKernels(pool);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    /** A fresh stand-in for device d each job: device 1 sleeps five times its MSM's time. */
    private Kernels standIn(int d) {
        return new TestDevice(new CpuKernels(pool), d == 1 ? 5 : 0, -1);
    }

    private static String label(int d) {
        return "dev[" + d + "]";
    }

    @Test
    void oneDeviceAloneSeveralAsTheCompositeAndADeviceThatDoesNotOpenLeftOut() {
        MultiDeviceOpener opener = new MultiDeviceOpener(MultiDeviceKernelsTest.SPLIT_MIN);
        Kernels one = opener.open(List.of(7), d -> TestDevice.plain(new CpuKernels(pool)), d -> "d" + d, pool);
        assertInstanceOf(TestDevice.class, one);
        TestDevice a = TestDevice.plain(new CpuKernels(pool));
        TestDevice b = TestDevice.plain(new CpuKernels(pool));
        Kernels both = opener.open(List.of(a, b), d -> d, d -> d == a ? "a" : "b", pool);
        assertInstanceOf(MultiDeviceKernels.class, both);
        assertEquals("cpu", both.backendName());
        both.close();
        assertTrue(a.closed && b.closed, "the composite closes its devices");
        TestDevice survivor = TestDevice.plain(new CpuKernels(pool));
        Kernels left = opener.open(List.of(0, 1), d -> {
            if (d == 0) {
                throw new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY (injected)");
            }
            return survivor;
        }, d -> "d" + d, pool);
        assertSame(survivor, left, "a device that does not open is left out");
        RuntimeException none = assertThrows(IllegalStateException.class, () -> opener.open(List.of(0, 1), d -> {
            throw new IllegalStateException("no device " + d);
        }, d -> "d" + d, pool));
        assertEquals("no device 0", none.getMessage());
    }

    @Test
    void theNextJobStartsFromTheRatesTheLastOneMeasuredWithItsFirstDeviceRotated() {
        Random r = new Random(seed);
        MultiDeviceOpener opener = new MultiDeviceOpener(MultiDeviceKernelsTest.SPLIT_MIN);
        List<Integer> selected = List.of(0, 1);
        MsmRates book = opener.rates(List.of(label(0), label(1), MultiDeviceOpener.CPU));
        List<String> firstJobOrder = new ArrayList<>();
        try (MultiDeviceKernels job1 = (MultiDeviceKernels) opener.open(selected, this::standIn, MultiDeviceOpenerTest::label, pool)) {
            job1.shares().forEach(s -> firstJobOrder.add(s.label()));
            assertTrue(job1.shares().stream().allMatch(s -> Double.isNaN(s.scalarsPerSecond())), "nothing measured yet: " + job1);
            MsmCase c = MsmCase.random(r, false, 1 << 11, false, false);
            for (int call = 0; call < 6; call++) {
                c.check(job1, cpu, r, "job 1, call " + call + ", seed " + seed);
            }
        }
        assertTrue(book.changesLogged() >= 1, "the slow device's share fell by more than "
                + MsmRates.LOG_CHANGE_PERCENT + " points: logged");
        try (MultiDeviceKernels job2 = (MultiDeviceKernels) opener.open(selected, this::standIn, MultiDeviceOpenerTest::label, pool)) {
            List<MultiDeviceKernels.Share> s = job2.shares();
            assertNotEquals(firstJobOrder.get(0), s.get(0).label(), "the first device rotates: " + firstJobOrder + " then " + job2);
            MultiDeviceKernels.Share fast = s.stream().filter(x -> x.label().equals(label(0))).findFirst().orElseThrow();
            MultiDeviceKernels.Share slow = s.stream().filter(x -> x.label().equals(label(1))).findFirst().orElseThrow();
            assertTrue(s.stream().noneMatch(x -> Double.isNaN(x.scalarsPerSecond())), "job 2 starts measured: " + job2);
            assertTrue(slow.fraction() < 0.6 * fast.fraction(), "job 2 starts from job 1's rates: " + job2);
            assertEquals(MultiDeviceOpener.CPU, s.get(2).label());
            MsmCase.random(r, false, 1 << 10, true, false).check(job2, cpu, r, "job 2, seed " + seed);
            MsmCase.random(r, false, 600, false, true).check(job2, cpu, r, "job 2, only 0, 1, r - 1, seed " + seed);
        }
        assertSame(book, opener.rates(List.of(label(0), label(1), MultiDeviceOpener.CPU)));
        assertNotSame(book, opener.rates(List.of(label(1), label(0), MultiDeviceOpener.CPU)), "another selection, other rates");
    }

    @Test
    void twoJobsAtOnceShareTheRatesAndBothGiveTheCpuBackendsAnswers() throws Exception {
        MultiDeviceOpener opener = new MultiDeviceOpener(MultiDeviceKernelsTest.SPLIT_MIN);
        ExecutorService jobs = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                Random r = new Random(seed + j);
                running.add(jobs.submit(() -> {
                    try (Kernels k = opener.open(List.of(0, 1), d -> TestDevice.plain(new CpuKernels(pool)),
                            MultiDeviceOpenerTest::label, pool)) {
                        for (int call = 0; call < 3; call++) {
                            MsmCase.random(r, call == 1, 1 << 9, call == 2, false).check(k, cpu, r, "concurrent, seed " + seed);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            jobs.shutdown();
        }
        MsmRates book = opener.rates(List.of(label(0), label(1), MultiDeviceOpener.CPU));
        for (int i = 0; i < 3; i++) {
            assertFalse(Double.isNaN(book.rate(i)), "slot " + i + " measured by the jobs");
        }
    }
}
