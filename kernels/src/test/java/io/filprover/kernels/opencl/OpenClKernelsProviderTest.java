package io.filprover.kernels.opencl;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.DeviceInfo;
import io.filprover.kernels.MultiDeviceOpener;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenCL probe reports every reason it cannot run, lists every device with its selection, refuses a
 * selection it cannot honour, and Backends honours it. Device lists here are stand-ins (no driver handles:
 * the probe and the selection never touch them); the real discovery is the last test's.
 */
class OpenClKernelsProviderTest {
    private static final OpenClRuntime.Device GPU = device(0, "Radeon", false, null);
    private static final OpenClRuntime.Device POCL = device(1, "pthread-cpu", true, OpenClRuntime.CPU_NOT_ADMITTED);
    private static final OpenClRuntime.Device GPU2 = device(2, "Arc", false, null);

    private static OpenClRuntime.Device device(int index, String name, boolean cpu, String unusable) {
        return new OpenClRuntime.Device(index, null, null, name, "Test Platform", (index + 1L) << 32, 1L << 30, cpu, unusable);
    }

    /** An environment whose devices are {@code devicesOrFailure} (or which throws it) under this selection. */
    static OpenClKernelsProvider.Environment env(Object devicesOrFailure, String selection) {
        return new OpenClKernelsProvider.Environment() {
            @Override
            @SuppressWarnings("unchecked")
            public List<OpenClRuntime.Device> devices() throws Exception {
                if (devicesOrFailure instanceof Exception e) {
                    throw e;
                }
                if (devicesOrFailure instanceof Error e) {
                    throw e;
                }
                return (List<OpenClRuntime.Device>) devicesOrFailure;
            }

            @Override
            public String selection() {
                return selection;
            }
        };
    }

    @Test
    void aMissingNativeLibraryIsReportedAsUnavailableWithItsReason() {
        // what JOCL throws without libOpenCL.so.1 (first use, then every later use), per the dependency spike
        Availability a = OpenClKernelsProvider.probe(env(
                new UnsatisfiedLinkError("libOpenCL.so.1: cannot open shared object file: No such file or directory"), null));
        assertFalse(a.available());
        assertTrue(a.detail().contains("could not be loaded") && a.detail().contains("libOpenCL.so.1: cannot open"), a.detail());
        assertEquals(List.of(), a.devices());

        Availability b = OpenClKernelsProvider.probe(env(new NoClassDefFoundError("Could not initialize class org.jocl.CL"), null));
        assertFalse(b.available());
        assertTrue(b.detail().contains("Could not initialize class org.jocl.CL"), b.detail());
    }

    @Test
    void noDeviceAndDriverFailuresAreReportedAsUnavailable() {
        Availability none = OpenClKernelsProvider.probe(env(
                new OpenClRuntime.NoDeviceException("no OpenCL platform; install a driver, e.g. pocl-opencl-icd"), null));
        assertFalse(none.available());
        assertEquals("no OpenCL platform; install a driver, e.g. pocl-opencl-icd", none.detail());

        Availability failed = OpenClKernelsProvider.probe(env(new CLException("CL_OUT_OF_HOST_MEMORY"), null));
        assertFalse(failed.available());
        assertTrue(failed.detail().contains("CL_OUT_OF_HOST_MEMORY"), failed.detail());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> new OpenClKernelsProvider(env(new CLException("CL_OUT_OF_HOST_MEMORY"), null), new MultiDeviceOpener()).open(null));
        assertEquals("backend", e.field());
    }

    @Test
    void everyDeviceIsListedAndWithoutASelectionEveryUsableGpuIsUsed() {
        Availability a = OpenClKernelsProvider.probe(env(List.of(GPU, POCL, GPU2), null));
        assertTrue(a.available(), a.detail());
        assertTrue(a.detail().startsWith("3 OpenCL device(s): [0] Radeon (Test Platform), 4096 MiB, max allocation 1024 MiB; ")
                && a.detail().endsWith("; using 0,2"), a.detail());
        assertEquals(List.of(new DeviceInfo(0, "Radeon", "Test Platform", 1L << 32, true, null),
                new DeviceInfo(1, "pthread-cpu", "Test Platform", 2L << 32, false, OpenClRuntime.CPU_NOT_ADMITTED),
                new DeviceInfo(2, "Arc", "Test Platform", 3L << 32, true, null)), a.devices());
        assertEquals("[1] pthread-cpu (Test Platform), 8192 MiB, unusable: " + OpenClRuntime.CPU_NOT_ADMITTED, a.devices().get(1).describe());

        // an admitted CPU device is left out while there is a GPU, and used alone where there is none
        OpenClRuntime.Device admitted = device(1, "pthread-cpu", true, null);
        assertEquals("; using 0", OpenClKernelsProvider.probe(env(List.of(GPU, admitted), null)).detail()
                .replaceAll(".*(; using .*)", "$1"));
        Availability cpuOnly = OpenClKernelsProvider.probe(env(List.of(admitted.withIndex(0), admitted), null));
        assertTrue(cpuOnly.available() && cpuOnly.detail().endsWith("; using 0"), cpuOnly.detail());
        // ...or named
        Availability named = OpenClKernelsProvider.probe(env(List.of(GPU, admitted), "1,0"));
        assertTrue(named.available() && named.detail().endsWith("; using 1,0"), named.detail());
    }

    @Test
    void onlyCpuDevicesNotAdmittedMakeItUnavailableAndAreListedWithTheReason() {
        Availability a = OpenClKernelsProvider.probe(env(List.of(POCL.withIndex(0)), null));
        assertFalse(a.available());
        assertTrue(a.detail().startsWith("only CPU OpenCL devices (pthread-cpu)") && a.detail().contains(OpenClRuntime.CPU_ENV), a.detail());
        assertEquals(1, a.devices().size());
        assertFalse(a.devices().get(0).selected());
        assertEquals(OpenClRuntime.CPU_NOT_ADMITTED, a.devices().get(0).unusable());
    }

    @Test
    void aSelectionNamingAMissingOrUnusableDeviceIsRefusedNamingDevices() {
        List<OpenClRuntime.Device> two = List.of(GPU, POCL);
        OpenClKernelsProvider missing = new OpenClKernelsProvider(env(two, "0,3"), new MultiDeviceOpener());
        Availability a = missing.probe();
        assertFalse(a.available());
        assertEquals("device selection '0,3' names device 3, but only 2 OpenCL device(s) are found (numbered from 0)", a.detail());
        assertTrue(a.devices().stream().noneMatch(DeviceInfo::selected), "nothing is used: " + a.devices());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> missing.open(null));
        assertEquals("devices", e.field());
        assertTrue(e.getMessage().contains("names device 3, but only 2 OpenCL device(s)"), e.getMessage());

        BackendUnavailableException cpu = assertThrows(BackendUnavailableException.class,
                () -> new OpenClKernelsProvider(env(two, "1"), new MultiDeviceOpener()).open(null));
        assertEquals("devices", cpu.field());
        assertTrue(cpu.getMessage().endsWith("names OpenCL device 1, which cannot be used: " + OpenClRuntime.CPU_NOT_ADMITTED),
                cpu.getMessage());

        Availability garbage = OpenClKernelsProvider.probe(env(two, "0-1"));
        assertFalse(garbage.available());
        assertTrue(garbage.detail().contains("not a comma-separated list"), garbage.detail());
    }

    @Test
    void theRealProbeNeverThrowsListsItsDevicesAndBackendsListsIt() {
        Availability a = new OpenClKernelsProvider().probe();
        assertNotNull(a.detail());
        Backends backends = Backends.discover();
        Backends.Status opencl = backends.statuses().stream().filter(s -> s.name().equals("opencl")).findFirst().orElseThrow();
        assertEquals(a, opencl.availability());
        assertTrue(opencl.priority() > backends.statuses().stream().filter(s -> s.name().equals("cpu")).findFirst().orElseThrow().priority());
        for (int i = 0; i < a.devices().size(); i++) {
            DeviceInfo d = a.devices().get(i);
            assertEquals(i, d.index());
            assertFalse(d.name().isBlank() || d.platform().isBlank(), d.describe());
            assertTrue(d.memoryBytes() > 0, d.describe());
            assertFalse(d.selected() && !d.usable(), d.describe());
        }
        if (a.available()) {
            assertTrue(a.devices().stream().anyMatch(DeviceInfo::selected), a.devices().toString());
        } else {
            assertTrue(a.devices().stream().noneMatch(DeviceInfo::selected), a.devices().toString());
        }
        if (OpenClRuntime.allowCpuDevices()) {
            assertTrue(a.devices().stream().allMatch(d -> d.unusable() == null || !d.unusable().equals(OpenClRuntime.CPU_NOT_ADMITTED)),
                    "CPU devices are admitted here: " + a.devices());
        }
    }
}
