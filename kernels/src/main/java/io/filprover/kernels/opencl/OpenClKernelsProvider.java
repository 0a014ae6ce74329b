package io.filprover.kernels.opencl;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the OpenCL backend ({@code --backend opencl}), above the cpu backend. The probe looks for
 * a device once per process and never throws: without JOCL's native library or {@code libOpenCL.so.1},
 * without a platform or without a usable device it reports the reason (and logs the cause once).
 */
public final class OpenClKernelsProvider implements KernelsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClKernelsProvider.class);
    private static Availability probed;

    /** How the probe finds a device: the device's description, or an exception saying why not. */
    @FunctionalInterface
    interface Detector {
        String detect() throws Exception;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability probe() {
        synchronized (OpenClKernelsProvider.class) {
            if (probed == null) {
                probed = probe(() -> OpenClRuntime.get().describe());
            }
            return probed;
        }
    }

    /** The probe's logic over any detector: never throws, and logs an unavailable backend's cause once per call. */
    static Availability probe(Detector detector) {
        try {
            return Availability.yes(detector.detect());
        } catch (OpenClRuntime.NoDeviceException e) {
            LOG.debug("opencl unavailable: {}", e.getMessage());
            return Availability.no(e.getMessage());
        } catch (LinkageError e) {
            LOG.debug("opencl unavailable: JOCL could not load", e);
            return Availability.no("JOCL's native library or libOpenCL.so.1 could not be loaded (" + e + ")");
        } catch (Exception e) {
            LOG.debug("opencl unavailable: the OpenCL driver failed", e);
            return Availability.no("the OpenCL driver failed: " + e);
        }
    }

    @Override
    public Kernels open(WorkerPool pool) {
        Availability a = probe();
        if (!a.available()) {
            throw new BackendUnavailableException("backend", "backend opencl is unavailable: " + a.detail());
        }
        try {
            return new OpenClKernels(OpenClRuntime.get(), pool);
        } catch (OpenClRuntime.NoDeviceException e) {
            throw new BackendUnavailableException("backend", "backend opencl is unavailable: " + e.getMessage());
        }
    }
}
