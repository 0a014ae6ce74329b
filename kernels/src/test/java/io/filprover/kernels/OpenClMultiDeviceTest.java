package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.DeviceInfo;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.cpu.CpuKernels;
import io.filprover.kernels.opencl.OpenClKernels;
import io.filprover.kernels.opencl.OpenClKernelsProvider;
import io.filprover.kernels.opencl.OpenClTestProviders;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link MultiDeviceKernels} over two instances of the OpenCL backend (POCL in CI: one device opened
 * twice, each instance with its own queue) and the cpu backend: split G1 and G2 MSMs equal the cpu
 * backend's whole ones, and an instance whose device fails is counted and left out; the provider, shown
 * that device twice, gives a job the composite. Skipped without OpenCL, failed instead with
 * {@code FILPROVER_TEST_OPENCL_REQUIRED=1}.
 */
class OpenClMultiDeviceTest {
    private final long seed = System.nanoTime();

    private static OpenClKernelsProvider provider() {
        OpenClKernelsProvider p = new OpenClKernelsProvider();
        Availability a = p.probe();
        if ("1".equals(System.getenv("FILPROVER_TEST_OPENCL_REQUIRED"))) {
            assertTrue(a.available(), () -> "FILPROVER_TEST_OPENCL_REQUIRED=1 but OpenCL is unavailable: " + a.detail());
        }
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        return p;
    }

    private static MultiDeviceKernels composite(Kernels first, Kernels second, WorkerPool pool) {
        return new MultiDeviceKernels(List.of(new MultiDeviceKernels.Device("opencl#1", first),
                new MultiDeviceKernels.Device("opencl#2", second)), new CpuKernels(pool), MultiDeviceKernelsTest.SPLIT_MIN);
    }

    @Test
    void splitG1AndG2MsmsOnTwoOpenClInstancesEqualTheCpuBackend() {
        OpenClKernelsProvider p = provider();
        Random r = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(2, "split-opencl"); CpuKernels cpu = new CpuKernels(pool)) {
            TestDevice a = TestDevice.plain(p.open(pool));
            TestDevice b = TestDevice.plain(p.open(pool));
            try (MultiDeviceKernels k = composite(a, b, pool)) {
                for (int logN = 4; logN <= 12; logN += 2) {
                    int count = (1 << logN) - r.nextInt(1 << (logN - 2));
                    MsmCase.random(r, false, count, logN % 4 == 0, false).check(k, cpu, r, "G1, seed " + seed);
                }
                for (int logN : new int[] {4, 7, 10, 12}) {
                    int count = (1 << logN) - r.nextInt(1 << (logN - 2));
                    MsmCase.random(r, true, count, logN % 2 == 1, false).check(k, cpu, r, "G2, seed " + seed);
                }
                MsmCase.random(r, false, 500, true, true).check(k, cpu, r, "G1 of 0, 1, r - 1, seed " + seed);
                MsmCase.random(r, true, 500, false, true).check(k, cpu, r, "G2 of 0, 1, r - 1, seed " + seed);
                assertTrue(b.msms.size() >= 6, "the second instance took part: " + b.msms);
                assertEquals(0, k.fallbacks(), k.toString());
            }
        }
    }

    @Test
    void splitMsmsOnACompositeHandleRunOnEachInstancesKeptBases() {
        OpenClKernelsProvider p = provider();
        Random r = new Random(seed + 2);
        try (WorkerPool pool = WorkerPool.of(2, "split-opencl-handle"); CpuKernels cpu = new CpuKernels(pool)) {
            DeviceKernels first = (DeviceKernels) p.open(pool);
            DeviceKernels second = (DeviceKernels) p.open(pool);
            try (MultiDeviceKernels k = composite(first, second, pool)) {
                for (boolean g2 : new boolean[] {false, true}) {
                    int n = g2 ? 1000 : 2500;
                    int pl = g2 ? PointLimbs.G2 : PointLimbs.G1;
                    MsmCase c = MsmCase.random(r, g2, n, false, false);
                    try (MsmBases h = g2 ? k.prepareMsmBasesG2(c.bases(), c.basesOff(), n)
                            : k.prepareMsmBasesG1(c.bases(), c.basesOff(), n)) {
                        assertEquals(8L * pl * n, first.keptBasesBytes(), h.toString());
                        assertEquals(8L * pl * n, second.keptBasesBytes(), h.toString());
                        for (int call = 0; call < 3; call++) {
                            int count = n / 2 + r.nextInt(n / 2);
                            int baseStart = r.nextInt(n - count + 1);
                            long[] s = KernelsContractTest.randomScalars(r, count);
                            long[] want = new long[pl];
                            long[] got = new long[pl];
                            if (g2) {
                                cpu.msmG2(c.bases(), c.basesOff() + pl * baseStart, s, 0, count, null, want, 0);
                                k.msmG2(h, baseStart, s, 0, count, null, got, 0);
                            } else {
                                cpu.msmG1(c.bases(), c.basesOff() + pl * baseStart, s, 0, count, null, want, 0);
                                k.msmG1(h, baseStart, s, 0, count, null, got, 0);
                            }
                            assertArrayEquals(want, got, (g2 ? "G2" : "G1") + " call " + call + " from base " + baseStart
                                    + ", seed " + seed);
                        }
                    }
                    assertEquals(0, first.keptBasesBytes() + second.keptBasesBytes(), "the handles' buffers freed");
                }
                assertEquals(0, k.fallbacks(), k.toString());
            }
        }
    }

    @Test
    void anInstanceWhoseDeviceFailsIsCountedAndLeftOut() {
        OpenClKernelsProvider p = provider();
        Random r = new Random(seed + 1);
        try (WorkerPool pool = WorkerPool.of(2, "split-opencl-fail"); CpuKernels cpu = new CpuKernels(pool)) {
            DeviceKernels failing = (DeviceKernels) p.open(pool);
            try (MultiDeviceKernels k = composite(p.open(pool), failing, pool)) {
                MsmCase.random(r, false, 1 << 10, false, false).check(k, cpu, r, "before, seed " + seed);
                failing.injectDeviceFailure(new CLException("CL_OUT_OF_RESOURCES (injected)"), 0);
                MsmCase.random(r, true, 1 << 10, true, false).check(k, cpu, r, "the failing call, seed " + seed);
                assertEquals(1, failing.fallbacks());
                assertEquals(1, k.fallbacks());
                assertNotNull(k.shares().get(1).unhealthy(), k.toString());
                MsmCase.random(r, false, 1 << 10, true, false).check(k, cpu, r, "after, seed " + seed);
                assertEquals(1, failing.fallbacks(), "the failed instance was not asked again");
            }
        }
    }

    @Test
    void theProviderShownOneDeviceTwiceGivesAJobTheCompositeWhoseSplitMsmEqualsTheCpuBackend() throws Exception {
        provider();
        Random r = new Random(seed + 2);
        MultiDeviceOpener opener = new MultiDeviceOpener(MultiDeviceKernelsTest.SPLIT_MIN);
        KernelsProvider twice = OpenClTestProviders.firstDeviceTwice("0,1", opener);
        Availability a = twice.probe();
        assertTrue(a.available(), a.detail());
        assertEquals(List.of(0, 1), a.devices().stream().filter(DeviceInfo::selected).map(DeviceInfo::index).toList(), a.devices().toString());
        try (WorkerPool pool = WorkerPool.of(2, "provider-twice"); CpuKernels cpu = new CpuKernels(pool)) {
            try (Kernels k = twice.open(pool)) {
                MultiDeviceKernels m = assertInstanceOf(MultiDeviceKernels.class, k);
                assertEquals(List.of("opencl[0]", "opencl[1]", "cpu"), m.shares().stream().map(MultiDeviceKernels.Share::label).toList());
                for (int logN : new int[] {8, 11}) {
                    int count = (1 << logN) - r.nextInt(1 << (logN - 2));
                    MsmCase.random(r, false, count, logN == 11, false).check(k, cpu, r, "G1 through the provider, seed " + seed);
                }
                MsmCase.random(r, false, 700, false, true).check(k, cpu, r, "G1 of 0, 1, r - 1 through the provider, seed " + seed);
                assertTrue(m.shares().stream().noneMatch(s -> Double.isNaN(s.scalarsPerSecond())), "every participant took part: " + m);
                assertEquals(0, k.fallbacks(), m.toString());
            }
            try (Kernels next = twice.open(pool)) {
                MultiDeviceKernels m = (MultiDeviceKernels) next;
                assertEquals("opencl[1]", m.shares().get(0).label(), "the first device rotates: " + m);
                assertTrue(m.shares().stream().noneMatch(s -> Double.isNaN(s.scalarsPerSecond())), "the next job starts measured: " + m);
            }
            try (Kernels one = OpenClTestProviders.firstDeviceTwice("1", opener).open(pool)) {
                assertInstanceOf(OpenClKernels.class, one, "one selected device is the plain backend");
                MsmCase.random(r, false, 300, true, false).check(one, cpu, r, "G1 on device 1 alone, seed " + seed);
            }
        }
    }
}
