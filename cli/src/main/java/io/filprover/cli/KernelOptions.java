package io.filprover.cli;

import io.filprover.api.kernels.BackendRegistry;
import io.filprover.api.kernels.Kernels;
import picocli.CommandLine.Option;

/** Options shared by every command that computes: backend choice and thread count. */
final class KernelOptions {
    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "Kernels backend: auto, cpu, cuda, opencl (default: ${DEFAULT-VALUE}; auto picks the best available).")
    String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all processors).")
    Integer threads;

    Kernels kernels() {
        return BackendRegistry.open(backend);
    }

    int threads() {
        return IdArguments.threads(threads);
    }
}
