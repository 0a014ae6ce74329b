package io.filprover.kernels.opencl;

import io.filprover.api.kernels.KernelsProvider;
import io.filprover.kernels.MultiDeviceOpener;

import java.util.List;

/** OpenCL providers over stand-in device lists, for tests outside this package. */
public final class OpenClTestProviders {
    private OpenClTestProviders() {
    }

    /**
     * The OpenCL backend over this machine's first device in use listed twice (as devices 0 and 1: one
     * device, one runtime, a queue per instance) under {@code selection}, opening jobs with {@code opener}.
     * Call it only where OpenCL is available.
     */
    public static KernelsProvider firstDeviceTwice(String selection, MultiDeviceOpener opener) throws Exception {
        OpenClRuntime.Device d = OpenClRuntime.defaults(OpenClRuntime.devices()).get(0);
        return new OpenClKernelsProvider(OpenClKernelsProviderTest.env(List.of(d.withIndex(0), d.withIndex(1)), selection), opener);
    }
}
