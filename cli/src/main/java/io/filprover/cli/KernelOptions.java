package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Backends;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by every command that computes: backend choice and thread count. */
final class KernelOptions {
    private static Backends backends;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "Kernels backend: auto, cpu, cuda, opencl (default: ${DEFAULT-VALUE}; auto picks the best available).")
    String backend;

    @Option(names = "--devices", paramLabel = "I,J",
            description = "Devices the cuda or opencl backend may use, as indices into its own device list (filprover backends shows them; "
                    + "CUDA's after CUDA_VISIBLE_DEVICES) (default: $FILPROVER_DEVICES, else all).")
    String devices;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that run the work, this command's own included (default: all processors; at most 1024).")
    Integer threads;

    /** The backends on the class path, discovered once per process. */
    static synchronized Backends backends() {
        if (backends == null) {
            backends = Backends.discover();
        }
        return backends;
    }

    /** The job context this command runs in: the chosen backend on {@link #threads()} threads. */
    JobContext open(ProgressSink progress, Path workDir) {
        if (devices != null) {
            if (!devices.trim().matches("all|\\d+( *, *\\d+)*")) {
                throw new InvalidInputException("devices", "must be comma-separated device indices (e.g. 0,2) or all, not '" + devices + "'");
            }
            // read by the cuda and opencl backends' probes and open; set before the backends are discovered
            System.setProperty("filprover.devices", devices.trim());
        }
        return JobContext.open(backends(), backend, threads(), progress, CancellationToken.create(), workDir);
    }

    int threads() {
        return IdArguments.threads(threads);
    }
}
