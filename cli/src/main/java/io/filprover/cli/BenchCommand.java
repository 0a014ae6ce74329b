package io.filprover.cli;

import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.JobContext;
import io.filprover.api.InvalidInputException;
import io.filprover.api.SectorSize;
import io.filprover.bench.kernels.KernelBench;
import io.filprover.bench.sealing.LabelBench;
import io.filprover.proofs.api.OutputPaths;
import io.filprover.proofs.sdr.ParentCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code filprover bench msm|ntt --log-size N [--backend B] [--threads T] [--peer blst|ffjs] [--json]}:
 * times one kernel of a backend through the Kernels SPI, optionally beside a peer;
 * {@code filprover bench label --sector-size S} times PC1 labeling beside MessageDigest. The
 * measuring lives in bench-core (with the Node script of the ffjs peer); the native blst peer lives
 * in bench-peers, outside filprover.jar, and is looked up only when {@code --peer blst} asks for it.
 * The SNARK measurements ({@code bench synthesis|count|c2|post}) take options of their own and are
 * subcommands ({@link SnarkBenchCommands}). This class only parses, validates and prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {SnarkBenchCommands.Synthesis.class, SnarkBenchCommands.Count.class, SnarkBenchCommands.C2.class,
            SnarkBenchCommands.Post.class},
        commandListHeading = "%nSNARK measurements (each has its own --help):%n",
        description = {"Times a kernel of the --backend through the Kernels SPI (msm, ntt), PC1 labeling (label) or the SNARK stages (synthesis, count, c2, post), optionally beside a peer implementation.",
            "synthesis, count, c2 and post are commands with options of their own (listed below; 'filprover bench c2 --help'): circuit synthesis into the prover's constraint system, a circuit count, C2 and a PoSt SNARK, with their stage times and memory.",
            "msm and ntt: the G1/G2 multi-scalar multiplication or the Fr NTT over 2^N random inputs, as the median of --reps runs after warm-up;",
            "label: PC1 labeling of a --sector-size sector as 'filprover seal' labels (a parent-producer thread when --threads >= 2), after a warm-up on at most 8MiB, beside the JDK's SHA-256 over one label's 1,248-byte message on one thread: ns_per_label, peer_ns_per_message, ratio and percent_of_digest_rate.",
            "--peer blst runs blst's Pippenger (via c-kzg-4844, single-threaded) on the same 4096-point G1 input (needs --log-size 12, and the bench-peers jar, which ./filprover in a checkout builds and adds); --peer ffjs runs ffjavascript's G1 MSM under Node (npm installs it into a cache directory on first use). With a peer the output adds peer, peer_median_ms and ratio = ours/peer."})
public final class BenchCommand implements Callable<Integer> {
    // optional for picocli so that 'bench synthesis ...' reaches the subcommand; required in call()
    @Parameters(index = "0", arity = "0..1", paramLabel = "KERNEL", description = "msm, ntt or label")
    String kernel;

    @Option(names = "--log-size", paramLabel = "N", description = "msm, ntt: log2 of the number of terms (msm) or the domain size (ntt).")
    Integer logSize;

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Option(names = "--group", paramLabel = "g1|g2", description = "The MSM group (default g1).")
    String group = "g1";

    @Option(names = "--peer", paramLabel = "blst|ffjs", description = "Also time a peer implementation on the same machine (G1 MSM only).")
    String peer;

    @Option(names = "--reps", paramLabel = "R", description = "Timed repetitions (default 5; label: 3).")
    Integer reps;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--sector-size", paramLabel = "SIZE", description = "label: the sector to label, 2KiB, 8MiB or 512MiB.")
    String sectorSize;

    @Option(names = "--layers", paramLabel = "L", description = "label: layers to label (default 2; the second and later have expander parents).")
    int layers = 2;

    @Option(names = "--parent-cache", paramLabel = "DIR",
            description = "label: parent cache directory (default: $FIL_PROOFS_PARENT_CACHE, else /var/tmp/filecoin-parents); a missing cache is generated once.")
    Path parentCache;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "label: where the layer files go while measured (default: a temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (kernel == null) {
            throw new InvalidInputException("", "give KERNEL (msm, ntt or label) or a command (synthesis, count, c2, post); see 'filprover bench --help'");
        }
        if (kernel.equals("label")) {
            return label();
        }
        if (!kernel.equals("msm") && !kernel.equals("ntt")) {
            throw new InvalidInputException("", "KERNEL must be msm, ntt or label (or a command: synthesis, count, c2, post), not '" + kernel + "'");
        }
        if (logSize == null) {
            throw new InvalidInputException("log-size", "required for bench " + kernel + " (log2 of the size)");
        }
        KernelBench.Request request = new KernelBench.Request(kernel, group, logSize,
                kernelOptions.threads(), peer, reps == null ? 5 : reps);
        String problem = KernelBench.problem(request);
        if (problem != null) {
            throw new InvalidInputException("", problem);
        }
        Map<String, Object> result;
        try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
            problem = KernelBench.problem(request, ctx.kernels());
            if (problem != null) {
                throw new InvalidInputException("", problem);
            }
            result = KernelBench.measure(request, ctx.kernels());
        }
        output.print(spec.commandLine().getOut(), result);
        return 0;
    }

    private int label() throws Exception {
        if (sectorSize == null) {
            throw new InvalidInputException("sector-size", "required for bench label: 2KiB, 8MiB or 512MiB");
        }
        if (logSize != null || peer != null || !group.equals("g1")) {
            throw new InvalidInputException("", "--log-size, --group and --peer apply to msm and ntt, not to label");
        }
        if (parentCache != null) {
            OutputPaths.checkDirectory("parent-cache", parentCache);
        }
        if (workDir != null) {
            OutputPaths.checkDirectory("work-dir", workDir);
        }
        Path parents = parentCache != null ? parentCache : ParentCache.defaultDirectory();
        LabelBench.Request request = new LabelBench.Request(SectorSize.parse(sectorSize), layers,
                kernelOptions.threads(), reps == null ? 3 : reps, parents, workDir);
        String problem = LabelBench.problem(request);
        if (problem != null) {
            throw new InvalidInputException("", problem);
        }
        try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
            output.print(spec.commandLine().getOut(), LabelBench.measure(request, ctx, new StderrProgress(System.err, true)));
        }
        return 0;
    }
}
