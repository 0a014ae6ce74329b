package io.filprover.api.kernels;

import io.filprover.api.job.WorkerPool;

/**
 * A backend found by {@link java.util.ServiceLoader}. Providers load their native pieces lazily:
 * {@link #probe()} never throws and says why a backend cannot run on this machine.
 */
public interface KernelsProvider {

    /** {@code cpu}, {@code cuda}, {@code opencl}. */
    String name();

    /** Higher wins when the backend is chosen automatically; the cpu backend is lowest. */
    int priority();

    /** Whether this backend can run here, and if not, why. Never throws. */
    Availability probe();

    /**
     * Opens an instance of the backend for one job; only called when {@link #probe()} said it is
     * available. Host-side work (the whole of it on the cpu backend) runs on {@code pool}, the job's
     * thread budget. The caller closes the instance.
     */
    Kernels open(WorkerPool pool);
}
