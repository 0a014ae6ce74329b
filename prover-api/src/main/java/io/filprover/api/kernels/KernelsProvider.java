package io.filprover.api.kernels;

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

    /** Opens the backend; only called when {@link #probe()} said it is available. */
    Kernels open();
}
