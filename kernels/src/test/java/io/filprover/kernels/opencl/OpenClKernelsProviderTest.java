package io.filprover.kernels.opencl;

import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Backends;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenClKernelsProviderTest {
    @Test
    void aMissingNativeLibraryIsReportedAsUnavailableWithItsReason() {
        // what JOCL throws without libOpenCL.so.1 (first use, then every later use), per the dependency spike
        Availability a = OpenClKernelsProvider.probe(() -> {
            throw new UnsatisfiedLinkError("libOpenCL.so.1: cannot open shared object file: No such file or directory");
        });
        assertFalse(a.available());
        assertTrue(a.detail().contains("could not be loaded") && a.detail().contains("libOpenCL.so.1: cannot open"), a.detail());

        Availability b = OpenClKernelsProvider.probe(() -> {
            throw new NoClassDefFoundError("Could not initialize class org.jocl.CL");
        });
        assertFalse(b.available());
        assertTrue(b.detail().contains("Could not initialize class org.jocl.CL"), b.detail());
    }

    @Test
    void noDeviceAndDriverFailuresAreReportedAsUnavailable() {
        Availability none = OpenClKernelsProvider.probe(() -> {
            throw new OpenClRuntime.NoDeviceException("no OpenCL platform; install a driver, e.g. pocl-opencl-icd");
        });
        assertFalse(none.available());
        assertEquals("no OpenCL platform; install a driver, e.g. pocl-opencl-icd", none.detail());

        Availability failed = OpenClKernelsProvider.probe(() -> {
            throw new CLException("CL_OUT_OF_HOST_MEMORY");
        });
        assertFalse(failed.available());
        assertTrue(failed.detail().contains("CL_OUT_OF_HOST_MEMORY"), failed.detail());
    }

    @Test
    void theRealProbeNeverThrowsAndBackendsListsIt() {
        Availability a = new OpenClKernelsProvider().probe();
        assertNotNull(a.detail());
        Backends backends = Backends.discover();
        Backends.Status opencl = backends.statuses().stream().filter(s -> s.name().equals("opencl")).findFirst().orElseThrow();
        assertEquals(a, opencl.availability());
        assertTrue(opencl.priority() > backends.statuses().stream().filter(s -> s.name().equals("cpu")).findFirst().orElseThrow().priority());
    }
}
