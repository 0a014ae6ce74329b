package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MultiDeviceKernels} over stand-in devices (cpu backends behind {@link TestDevice}, which can be
 * slow or fail), so the split, the measured shares and the failure path run on any machine; the same
 * over POCL is {@link OpenClMultiDeviceTest}. Every answer is compared with the cpu backend's whole MSM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiDeviceKernelsTest {
    /** Low enough that 2^6 scalars and more are split, 2^4 not. */
    static final int SPLIT_MIN = 64;
    private final long seed = System.nanoTime();
    private WorkerPool pool;
    private CpuKernels cpu;

    @BeforeAll
    void open() {
        pool = WorkerPool.of(2, "split-test");
        cpu = new CpuKernels(pool);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    private Random rnd(String test) {
        return new Random(seed ^ test.hashCode());
    }

    private String why(String test) {
        return test + ", seed " + seed;
    }

    private MultiDeviceKernels composite(Kernels... devices) {
        List<MultiDeviceKernels.Device> list = new java.util.ArrayList<>();
        for (int i = 0; i < devices.length; i++) {
            list.add(new MultiDeviceKernels.Device("dev[" + i + "]", devices[i]));
        }
        return new MultiDeviceKernels(list, new CpuKernels(pool), SPLIT_MIN);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void splitMsmsEqualTheCpuBackendsWholeOnes(boolean g2) {
        Random r = rnd("split" + g2);
        TestDevice a = TestDevice.plain(new CpuKernels(pool));
        TestDevice b = TestDevice.plain(new CpuKernels(pool));
        try (MultiDeviceKernels k = composite(a, b)) {
            for (int logN = 4; logN <= 12; logN += 2) {
                int count = (1 << logN) - r.nextInt(1 << (logN - 2));
                MsmCase.random(r, g2, count, logN % 4 == 2, false).check(k, cpu, r, why("random"));
            }
            MsmCase.random(r, g2, 300, true, true).check(k, cpu, r, why("only 0, 1, r - 1"));
            MsmCase.random(r, g2, 1 << 10, false, true).check(k, cpu, r, why("only 0, 1, r - 1"));
            assertTrue(a.msms.size() >= 5 && b.msms.size() >= 4, "both devices took part: " + a.msms + " " + b.msms);
            assertEquals(0, k.fallbacks());
        }
    }

    /** One call on a handle against the cpu backend's array MSM over exactly the bases it pairs with. */
    private void checkOnHandle(Kernels k, MsmBases h, MsmCase c, int baseStart, int count, long[] density, Random r, String why) {
        int pl = c.limbs();
        long[] s = KernelsContractTest.randomScalars(r, count);
        long[] want = new long[pl];
        long[] got = new long[pl];
        int at = c.basesOff() + pl * baseStart;
        if (c.g2()) {
            cpu.msmG2(c.bases(), at, s, 0, count, density, want, 0);
            k.msmG2(h, baseStart, s, 0, count, density, got, 0);
        } else {
            cpu.msmG1(c.bases(), at, s, 0, count, density, want, 0);
            k.msmG1(h, baseStart, s, 0, count, density, got, 0);
        }
        assertArrayEquals(want, got, why + ": " + count + " scalars from base " + baseStart + (density != null ? " with density" : ""));
    }

    /** Split and whole calls on one composite handle; the emulated device's chunks run on its kept bases. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void msmsOnACompositeHandleEqualTheCpuBackend(boolean g2) {
        Random r = rnd("handle" + g2);
        int n = 1500;
        MsmCase c = MsmCase.random(r, g2, n, false, false);
        TestDevice a = TestDevice.plain(new CpuKernels(pool));
        DeviceKernelsFallbackTest.EmulatedDevice emulated = new DeviceKernelsFallbackTest.EmulatedDevice(pool);
        TestDevice b = TestDevice.plain(emulated);
        MsmBases h;
        MsmBases left;
        try (MultiDeviceKernels k = composite(a, b)) {
            left = k.prepareMsmBasesG1(c.bases(), c.basesOff(), 10);
            h = g2 ? k.prepareMsmBasesG2(c.bases(), c.basesOff(), n) : k.prepareMsmBasesG1(c.bases(), c.basesOff(), n);
            assertEquals(n, h.count());
            assertTrue(h.toString().contains("dev[1]") && h.toString().contains("kept on the emulated device"), h.toString());
            for (int call = 0; call < 5; call++) {
                int count = call == 4 ? SPLIT_MIN - 1 : 200 + r.nextInt(call < 2 ? 600 : 1200);
                long[] density = null;
                if (call % 2 == 1) {
                    density = new long[(count + 63) / 64];
                    for (int w = 0; w < density.length; w++) {
                        density[w] = r.nextLong() | r.nextLong();
                    }
                }
                int needed = (int) MsmBases.basesNeeded(count, density);
                int baseStart = call == 2 ? n - needed : r.nextInt(n - needed + 1);
                checkOnHandle(k, h, c, baseStart, count, density, r, why("call " + call));
            }
            assertTrue(a.msms.size() >= 5 && b.msms.size() >= 4, "both devices took part: " + a.msms + " " + b.msms);
            assertFalse(emulated.msm.chunks.isEmpty());
            assertTrue(emulated.msm.chunks.stream().allMatch(x -> x.bases() == null), "the emulated device's chunks used its kept bases");
            assertEquals(2, emulated.msm.uploads.get(), "each handle's bases uploaded once");
            assertEquals(0, k.fallbacks());
            h.close();
            assertTrue(h.isClosed());
            assertEquals(8L * 12 * 10, emulated.keptBasesBytes(), "closing the composite handle closes the devices' handles, not the other's");
            long[] s = new long[4];
            assertThrows(IllegalStateException.class, () -> {
                if (g2) {
                    k.msmG2(h, 0, s, 0, 1, null, new long[24], 0);
                } else {
                    k.msmG1(h, 0, s, 0, 1, null, new long[12], 0);
                }
            });
        }
        assertTrue(left.isClosed(), "closing the composite closes its handles");
        assertEquals(0, emulated.keptBasesBytes());
    }

    @Test
    void aDeviceFailingOnAHandleIsRedoneFromTheHostRangeAndTheHandlesAreChecked() {
        Random r = rnd("handle fails");
        int n = 1200;
        MsmCase c = MsmCase.random(r, false, n, false, false);
        TestDevice good = TestDevice.plain(new CpuKernels(pool));
        TestDevice bad = new TestDevice(new CpuKernels(pool), 0, 2);
        try (MultiDeviceKernels k = composite(good, bad); MsmBases h = k.prepareMsmBasesG1(c.bases(), c.basesOff(), n)) {
            checkOnHandle(k, h, c, 100, 1000, null, r, why("before the failure"));
            checkOnHandle(k, h, c, 0, 1100, null, r, why("the failing call"));
            assertEquals(1, k.fallbacks());
            assertNotNull(k.shares().get(1).unhealthy());
            checkOnHandle(k, h, c, 37, 900, null, r, why("after"));
            assertEquals(2, bad.msms.size(), "no MSM after the failure");
            // the whole call's checks, before any split
            long[] s = KernelsContractTest.randomScalars(r, 100);
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(h, n - 99, s, 0, 100, null, new long[12], 0));
            assertThrows(IllegalArgumentException.class, () -> k.msmG2(h, 0, s, 0, 100, null, new long[24], 0));
            try (MultiDeviceKernels other = composite(TestDevice.plain(new CpuKernels(pool)), TestDevice.plain(new CpuKernels(pool)))) {
                assertThrows(IllegalArgumentException.class, () -> other.msmG1(h, 0, s, 0, 100, null, new long[12], 0));
                // a host handle (the cpu backend's) is any backend's
                try (MsmBases host = cpu.prepareMsmBasesG1(c.bases(), c.basesOff(), n)) {
                    checkOnHandle(other, host, c, 5, 1000, null, r, why("a host handle"));
                }
            }
            assertEquals(1, k.fallbacks());
        }
    }

    @Test
    void aSlowDeviceEndsUpWithASmallerShare() {
        Random r = rnd("slow");
        TestDevice fast = TestDevice.plain(new CpuKernels(pool));
        TestDevice slow = new TestDevice(new CpuKernels(pool), 5, -1);
        try (MultiDeviceKernels k = composite(fast, slow)) {
            assertEquals(1.0 / 3, k.shares().get(1).fraction(), 1e-9, "equal shares before any measurement");
            MsmCase c = MsmCase.random(r, false, 1 << 11, false, false);
            for (int call = 0; call < 6; call++) {
                c.check(k, cpu, r, why("call " + call));
            }
            List<MultiDeviceKernels.Share> s = k.shares();
            assertTrue(s.get(1).fraction() < 0.6 * s.get(0).fraction(), k.toString());
            assertTrue(slow.msms.get(slow.msms.size() - 1) < slow.msms.get(0), "slow device's ranges: " + slow.msms);
            assertFalse(Double.isNaN(s.get(2).scalarsPerSecond()), "the cpu is measured too: " + k);
            assertTrue(k.toString().contains("dev[1]"), k.toString());
        }
    }

    @Test
    void aDeviceThatThrowsIsRedoneOnTheCpuCountedAndGetsNoFurtherShare() {
        Random r = rnd("throws");
        TestDevice good = TestDevice.plain(new CpuKernels(pool));
        TestDevice bad = new TestDevice(new CpuKernels(pool), 0, 2);
        long total = DeviceKernels.totalFallbacks();
        try (MultiDeviceKernels k = composite(good, bad)) {
            MsmCase.random(r, false, 1 << 10, true, false).check(k, cpu, r, why("before the failure"));
            assertEquals(0, k.fallbacks());
            MsmCase.random(r, false, 1 << 10, false, false).check(k, cpu, r, why("the failing call"));
            assertEquals(1, k.fallbacks());
            assertTrue(DeviceKernels.totalFallbacks() > total);
            MultiDeviceKernels.Share out = k.shares().get(1);
            assertEquals(0, out.fraction());
            assertTrue(out.unhealthy().contains("LAUNCH_FAILED"), out.unhealthy());
            assertNull(k.shares().get(0).unhealthy());
            for (boolean g2 : new boolean[] {false, true}) {
                MsmCase.random(r, g2, 1 << 9, g2, false).check(k, cpu, r, why("after the failure"));
            }
            assertEquals(2, bad.msms.size(), "no MSM after the failure");
            assertEquals(1, k.fallbacks());
        }
    }

    @Test
    void aDeviceThatFellBackOnItsOwnIsCountedAndGetsNoFurtherShare() {
        Random r = rnd("own fallback");
        DeviceKernelsFallbackTest.EmulatedDevice dev = new DeviceKernelsFallbackTest.EmulatedDevice(pool);
        dev.injectDeviceFailure(new RuntimeException("CL_OUT_OF_RESOURCES (injected)"), 0);
        try (MultiDeviceKernels k = composite(TestDevice.plain(new CpuKernels(pool)), dev)) {
            MsmCase.random(r, false, 1 << 9, false, false).check(k, cpu, r, why("the failing call"));
            assertEquals(1, dev.fallbacks());
            assertEquals(1, k.fallbacks(), "the device's own fallback is the composite's");
            assertNotNull(k.shares().get(1).unhealthy());
            MsmCase.random(r, true, 1 << 9, false, false).check(k, cpu, r, why("after"));
            assertEquals(1, dev.fallbacks(), "the device was not asked again");
        }
    }

    @Test
    void smallMsmsRunWholeOnTheFirstHealthyDevice() {
        Random r = rnd("small");
        TestDevice first = new TestDevice(new CpuKernels(pool), 0, 2);
        TestDevice second = TestDevice.plain(new CpuKernels(pool));
        try (MultiDeviceKernels k = composite(first, second)) {
            MsmCase.random(r, false, SPLIT_MIN - 1, false, false).check(k, cpu, r, why("small"));
            assertEquals(List.of(SPLIT_MIN - 1), first.msms);
            assertTrue(second.msms.isEmpty());
            MsmCase.random(r, true, 16, true, false).check(k, cpu, r, why("small, the first device fails"));
            assertEquals(1, k.fallbacks());
            MsmCase.random(r, false, 40, false, false).check(k, cpu, r, why("small, after"));
            assertEquals(List.of(40), second.msms);
        }
    }

    @Test
    void argumentErrorsAreTheSpisAndNotDeviceFailures() {
        try (MultiDeviceKernels k = composite(TestDevice.plain(new CpuKernels(pool)), TestDevice.plain(new CpuKernels(pool)))) {
            long[] s = new long[4 * 128];
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(new long[12 * 128], 0, s, 0, 129, null, new long[12], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(new long[12 * 128], 0, s, 0, 128, new long[1], new long[12], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(new long[24 * 128], 0, s, 0, 128, null, new long[23], 0));
            long[] unreduced = s.clone();
            java.util.Arrays.fill(unreduced, 4 * 100, 4 * 101, -1L);
            MsmCase c = MsmCase.random(rnd("args"), false, 128, false, false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> k.msmG1(c.bases(), c.basesOff(), unreduced, 0, 128, null, new long[12], 0));
            assertEquals("msm: scalar 100 is not below r", e.getMessage(), "the whole call's index, not a range's");
            assertEquals(0, k.fallbacks());
            assertTrue(k.shares().stream().allMatch(x -> x.unhealthy() == null), k.toString());
        }
    }
}
