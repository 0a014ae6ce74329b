package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.bench.kernels.KernelBench;
import io.filprover.cpu.concurrent.KernelThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code filprover bench msm|ntt --log-size N [--threads T] [--peer blst|ffjs] [--json]}: times one
 * cpu kernel, optionally beside a peer. The measuring (and the peers' dependencies: c-kzg-4844,
 * the Node scripts) live in the bench module; this class only parses, validates and prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times a cpu kernel: the G1/G2 multi-scalar multiplication (msm) or the Fr NTT (ntt) over 2^N random inputs, as the median of --reps runs after warm-up.",
            "--peer blst runs blst's Pippenger (via c-kzg-4844, single-threaded) on the same 4096-point G1 input (needs --log-size 12); --peer ffjs runs ffjavascript's G1 MSM under Node (npm installs it into a cache directory on first use). With a peer the output adds peer, peer_median_ms and ratio = ours/peer."})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KERNEL", description = "msm or ntt")
    String kernel;

    @Option(names = "--log-size", required = true, paramLabel = "N", description = "log2 of the number of terms (msm) or the domain size (ntt).")
    int logSize;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--group", paramLabel = "g1|g2", description = "The MSM group (default g1).")
    String group = "g1";

    @Option(names = "--peer", paramLabel = "blst|ffjs", description = "Also time a peer implementation on the same machine (G1 MSM only).")
    String peer;

    @Option(names = "--reps", paramLabel = "R", description = "Timed repetitions (default 5).")
    int reps = 5;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KernelBench.Request request = new KernelBench.Request(kernel, group, logSize,
                threads == null ? KernelThreads.available() : threads, peer, reps);
        String problem = KernelBench.problem(request);
        if (problem != null) {
            throw new InvalidInputException("bench", problem);
        }
        Map<String, Object> result = KernelBench.measure(request);
        output.print(spec.commandLine().getOut(), result);
        return 0;
    }
}
