package io.filprover.kernels.cuda;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.DeviceInfo;
import jcuda.CudaException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The CUDA probe reports every reason it cannot run, lists the devices it can, and Backends honours it. */
class CudaKernelsProviderTest {
    private static final CudaRuntime.Device H200 = new CudaRuntime.Device(0, "NVIDIA H200", 143_771L << 20, 9, 0);
    private static final CudaRuntime.Device L4 = new CudaRuntime.Device(1, "NVIDIA L4", 22_491L << 20, 8, 9);

    /** An environment with the given devices (or the throwable the driver throws), fatbin and selection. */
    private static CudaKernelsProvider.Environment env(Object devicesOrFailure, byte[] fatbin, String selection,
                                                       RuntimeException loadFailure) {
        return new CudaKernelsProvider.Environment() {
            @Override
            @SuppressWarnings("unchecked")
            public List<CudaRuntime.Device> devices() {
                if (devicesOrFailure instanceof RuntimeException e) {
                    throw e;
                }
                if (devicesOrFailure instanceof Error e) {
                    throw e;
                }
                return (List<CudaRuntime.Device>) devicesOrFailure;
            }

            @Override
            public byte[] fatbin() {
                return fatbin;
            }

            @Override
            public String selection() {
                return selection;
            }

            @Override
            public void tryLoad(CudaRuntime.Device d, byte[] f) {
                if (loadFailure != null) {
                    throw loadFailure;
                }
            }
        };
    }

    @Test
    void noDriverIsReportedWithTheLinkageErrorsMessage() {
        // what JCuda throws without libcuda.so.1 (first use, then every later use), per the dependency spike
        Availability a = CudaKernelsProvider.probe(env(
                new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file: No such file or directory"), new byte[1], null, null));
        assertFalse(a.available());
        assertTrue(a.detail().contains("could not be loaded") && a.detail().contains("libcuda.so.1: cannot open"), a.detail());
        assertFalse(a.detail().contains("nvcc"), a.detail());

        // the real loader's page of text becomes the one line that names the missing library
        Availability page = CudaKernelsProvider.probe(env(new UnsatisfiedLinkError(
                "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\nOperating system name: Linux\n"
                        + "Stack trace from the attempt to load the library as a resource:\njava.lang.UnsatisfiedLinkError: "
                        + "/tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory\n"
                        + "---(end of nested stack traces)---\n"), new byte[1], null, null));
        assertEquals("JCuda's native library or libcuda.so.1 could not be loaded ("
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object "
                + "file: No such file or directory)", page.detail());

        Availability b = CudaKernelsProvider.probe(env(
                new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver"), null, null, null));
        assertFalse(b.available());
        assertTrue(b.detail().contains("Could not initialize class jcuda.driver.JCudaDriver")
                && b.detail().endsWith(CudaKernelsProvider.NO_FATBIN), b.detail());
    }

    @Test
    void noDeviceAJarWithoutKernelsAndABadSelectionAreReported() {
        Availability none = CudaKernelsProvider.probe(env(new CudaException("CUDA_ERROR_NO_DEVICE"), new byte[1], null, null));
        assertFalse(none.available());
        assertTrue(none.detail().startsWith("no CUDA device"), none.detail());
        Availability empty = CudaKernelsProvider.probe(env(List.of(), new byte[1], null, null));
        assertFalse(empty.available());
        assertTrue(empty.detail().startsWith("no CUDA device"), empty.detail());

        Availability noKernels = CudaKernelsProvider.probe(env(List.of(H200), null, null, null));
        assertFalse(noKernels.available());
        assertTrue(noKernels.detail().startsWith(CudaKernelsProvider.NO_FATBIN) && noKernels.detail().contains("NVIDIA H200"),
                noKernels.detail());

        Availability badIndex = CudaKernelsProvider.probe(env(List.of(H200), new byte[1], "0,3", null));
        assertFalse(badIndex.available());
        assertTrue(badIndex.detail().contains("names device 3") && badIndex.detail().contains("1 CUDA device"), badIndex.detail());
        Availability garbage = CudaKernelsProvider.probe(env(List.of(H200), new byte[1], "first", null));
        assertFalse(garbage.available());
        assertTrue(garbage.detail().contains("not a comma-separated list"), garbage.detail());

        Availability old = CudaKernelsProvider.probe(env(List.of(H200), new byte[1], null, new CudaException("CUDA_ERROR_NO_BINARY_FOR_GPU")));
        assertFalse(old.available());
        assertTrue(old.detail().contains("CUDA_ERROR_NO_BINARY_FOR_GPU") && old.detail().contains("[0] NVIDIA H200"), old.detail());
    }

    @Test
    void everyDeviceIsListedWithItsMemoryAndTheSelectionIsShown() {
        Availability all = CudaKernelsProvider.probe(env(List.of(H200, L4), new byte[1], null, null));
        assertTrue(all.available(), all.detail());
        assertEquals("2 CUDA device(s): [0] NVIDIA H200, 143771 MiB, sm_90; [1] NVIDIA L4, 22491 MiB, sm_89; using 0,1", all.detail());
        assertEquals(List.of(new DeviceInfo(0, "NVIDIA H200", "CUDA, sm_90", 143_771L << 20, true, null),
                new DeviceInfo(1, "NVIDIA L4", "CUDA, sm_89", 22_491L << 20, true, null)), all.devices());
        Availability one = CudaKernelsProvider.probe(env(List.of(H200, L4), new byte[1], " 1 , 1", null));
        assertTrue(one.available(), one.detail());
        assertTrue(one.detail().endsWith("using 1"), one.detail());
        assertEquals(List.of(false, true), one.devices().stream().map(DeviceInfo::selected).toList());
        assertEquals("[1] NVIDIA L4 (CUDA, sm_89), 22491 MiB, selected", one.devices().get(1).describe());
    }

    @Test
    void anUnavailableBackendListsItsDevicesAsNotSelectedAndSaysWhichDidNotLoad() {
        Availability badIndex = CudaKernelsProvider.probe(env(List.of(H200, L4), new byte[1], "2", null));
        assertFalse(badIndex.available());
        assertEquals(2, badIndex.devices().size());
        assertTrue(badIndex.devices().stream().noneMatch(DeviceInfo::selected), badIndex.devices().toString());
        Availability old = CudaKernelsProvider.probe(env(List.of(H200, L4), new byte[1], "1", new CudaException("CUDA_ERROR_NO_BINARY_FOR_GPU")));
        assertFalse(old.available());
        assertNull(old.devices().get(0).unusable());
        assertTrue(old.devices().get(1).unusable().contains("do not load"), old.devices().toString());
        Availability noKernels = CudaKernelsProvider.probe(env(List.of(H200), null, null, null));
        assertEquals(List.of("NVIDIA H200"), noKernels.devices().stream().map(DeviceInfo::name).toList());
        Availability noDriver = CudaKernelsProvider.probe(env(new CudaException("CUDA_ERROR_NO_DEVICE"), new byte[1], null, null));
        assertEquals(List.of(), noDriver.devices());
    }

    @Test
    void withoutCudaHereAutoPicksAnotherBackendAndAskingForCudaSaysWhy() {
        Availability real = new CudaKernelsProvider().probe(); // never throws, whatever this machine has
        assumeFalse(real.available(), "this machine runs CUDA: the contract suite covers it");
        assertFalse(real.detail().isBlank() || real.detail().contains("\n"), real.detail());
        Backends backends = Backends.discover();
        Backends.Status cuda = backends.statuses().stream().filter(s -> s.name().equals("cuda")).findFirst().orElseThrow();
        assertEquals(real, cuda.availability());
        assertEquals(backends.statuses().get(0).name(), "cuda", "cuda has the highest priority");
        Backends.Status auto = backends.resolve("auto");
        assertNotEquals("cuda", auto.name());
        assertTrue(auto.name().equals("opencl") || auto.name().equals("cpu"), auto.name());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> backends.resolve("cuda"));
        assertTrue(e.getMessage().contains(real.detail()), e.getMessage());
        assertThrows(BackendUnavailableException.class, () -> new CudaKernelsProvider().open(null));
    }
}
