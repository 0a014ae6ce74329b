package io.filprover.cpu;

import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.api.job.WorkerPool;

/** Registers the pure-Java backend; it is always available and has the lowest priority. */
public final class CpuKernelsProvider implements KernelsProvider {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.yes(Runtime.getRuntime().availableProcessors() + " CPU threads, Java "
                + Runtime.version().feature());
    }

    @Override
    public Kernels open(WorkerPool pool) {
        return new CpuKernels(pool);
    }
}
