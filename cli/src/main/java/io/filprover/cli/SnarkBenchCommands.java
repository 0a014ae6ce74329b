package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.bench.snark.C2Bench;
import io.filprover.bench.snark.PoStBench;
import io.filprover.bench.snark.SynthesisBench;
import io.filprover.proofs.api.OutputPaths;
import io.filprover.proofs.groth16.params.MappedParameters;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.groth16.params.ParametersFormatException;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Phase1OutputJson;
import io.filprover.proofs.sdr.ParentCache;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code filprover bench synthesis|count|c2|post}: the SNARK measurements of bench-core's
 * {@code io.filprover.bench.snark} over the proving API's entries. These classes only parse,
 * validate and print.
 */
final class SnarkBenchCommands {
    static final String MEMORY_HELP = "Memory: peak_heap_mib is the sum of the JVM heap pools' peak usage over the timed runs "
            + "(an upper bound; max_heap_mib is -Xmx).";

    private SnarkBenchCommands() {
    }

    /** A C1 output as 'prove c2' reads it; a malformed one is named as --c1's, with the JSON path in the message. */
    static Commit1.Output readC1(Path file) throws IOException {
        try {
            return SnarkCommands.readC1(file);
        } catch (InvalidInputException e) {
            throw e.field().equals("c1") ? e : new InvalidInputException("c1", e.oneLine(), e);
        }
    }

    /** A request's problem (a line that names the option) as the caller's mistake: exit 2. */
    private static void reject(String problem) {
        if (problem != null) {
            throw new InvalidInputException("", problem);
        }
    }

    @Command(name = "synthesis", mixinStandardHelpOptions = true,
            header = "Synthesis of one C1 partition into the prover's constraint system: rate and bytes per constraint.",
            description = {"Times the synthesis of one partition of a C1 output (any format verify-c1 reads): its StackedCircuit with the "
                + "witness, synthesized into ProvingAssignment, the constraint system the Groth16 prover proves with, on one thread "
                + "(as the prover synthesizes each partition). Only the synthesis is timed; the median of --reps runs after --warmups.",
                "Prints constraints (as 'circuit info' counts them: without the prover's one constraint per input), inputs "
                + "(with ONE), auxiliaries, seconds, cpu_seconds, constraints_per_s, and memory: retained_bytes = heap used after "
                + "a full GC (System.gc() through MemoryMXBean, twice) with the filled assignment reachable, minus the same after "
                + "it is dropped (median over the runs; needs explicit GC enabled, the JVM default; includes the growable vectors' "
                + "spare capacity, which the prover holds too), bytes_per_constraint = retained_bytes / constraints.", MEMORY_HELP})
    static final class Synthesis implements Callable<Integer> {
        @Option(names = "--c1", required = true, paramLabel = "FILE", description = "The C1 output (the JSON 'filprover seal' writes).")
        Path c1;

        @Option(names = "--partition", paramLabel = "K", description = "The partition to synthesize, from 0 (default 0).")
        int partition;

        @Option(names = "--reps", paramLabel = "R", description = "Timed runs (default 3).")
        int reps = 3;

        @Option(names = "--warmups", paramLabel = "W", description = "Unmeasured runs first (default 1).")
        int warmups = 1;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SynthesisBench.Request request = new SynthesisBench.Request(readC1(c1), partition, warmups, reps);
            reject(SynthesisBench.problem(request));
            output.print(spec.commandLine().getOut(), SynthesisBench.synthesis(request));
            return 0;
        }
    }

    @Command(name = "count", mixinStandardHelpOptions = true,
            header = "Counting a registered proof's circuit: rate and peak heap (production sizes too).",
            description = {"Times the count of a registered proof's circuit (one partition, no witness) by CountingConstraintSystem, "
                + "as 'circuit info' counts it, in memory that does not grow with the circuit (production sizes too, e.g. "
                + "StackedDrgWindow32GiBV1_2): constraints, inputs, auxiliaries, seconds (median of --reps runs after --warmups), "
                + "cpu_seconds, constraints_per_s.", MEMORY_HELP})
    static final class Count implements Callable<Integer> {
        @Option(names = "--proof", required = true, paramLabel = "P",
                description = "Registered proof name, e.g. StackedDrg512MiBV1_1, StackedDrgWindow32GiBV1_2.")
        String proof;

        @Option(names = "--reps", paramLabel = "R", description = "Timed runs (default 3).")
        int reps = 3;

        @Option(names = "--warmups", paramLabel = "W", description = "Unmeasured runs first (default 1).")
        int warmups = 1;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SynthesisBench.CountRequest request = new SynthesisBench.CountRequest(RegisteredProof.parse(proof, "proof"),
                    warmups, reps);
            reject(SynthesisBench.problem(request));
            output.print(spec.commandLine().getOut(), SynthesisBench.count(request));
            return 0;
        }
    }

    /** Where a proof's Groth16 parameters come from: one .params file or a parameter cache. */
    static final class ParamsChoice {
        @Option(names = "--params", paramLabel = "FILE", description = "A .params file (opened unchecked, as rust-fil-proofs opens them).")
        Path file;

        @Option(names = {"--cache", "--param-cache"}, paramLabel = "DIR",
                description = "Parameter cache directory ($FIL_PROOFS_PARAMETER_CACHE or /var/tmp/filecoin-proof-parameters/ when neither option is given).")
        Path cache;
    }

    /** The parameters of {@code proof}: the file, or a lease of the cache's (close it). */
    static ParameterSource open(ParamsChoice choice, RegisteredProof proof) throws IOException {
        if (choice != null && choice.file != null) {
            try {
                return MappedParameters.open(UserPaths.inputFile(choice.file, "params"), false);
            } catch (ParametersFormatException e) {
                throw new InvalidInputException("params", e.getMessage(), e);
            }
        }
        return ParamsCommand.cache(choice == null ? null : choice.cache).parameters(proof);
    }

    static void close(ParameterSource params) {
        if (params instanceof ParameterCache.Lease lease) {
            lease.close();
        }
    }

    @Command(name = "c2", mixinStandardHelpOptions = true,
            header = "C2 of a C1 output with its stage breakdown, CPU time and peak heap.",
            description = {"Times C2 of a C1 output through the entry 'prove c2' runs (SealStages.commit2: vanilla verification, "
                + "synthesis of every partition, FFTs, MSMs, self-check, verification), --reps times without warm-up, each in a "
                + "fresh job context on the --backend and --threads, writing nothing.",
                "Prints stages_ms (each stage's median: vanilla_verification, synthesis, fft, msm_h, msm_l, msm_a, msm_b_g1, "
                + "msm_b_g2, assembly, self_check, verification), wall_ms, cpu_ms (process CPU time, all threads), peak_heap_mib.",
                MEMORY_HELP})
    static final class C2 implements Callable<Integer> {
        @Option(names = "--c1", required = true, paramLabel = "FILE", description = "The C1 output.")
        Path c1;

        @ArgGroup(exclusive = true)
        ParamsChoice params = new ParamsChoice();

        @Option(names = "--reps", paramLabel = "R", description = "Timed runs (default 1).")
        int reps = 1;

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            reject(C2Bench.problem(reps));
            Commit1.Output o = readC1(c1);
            RegisteredProof proof;
            try {
                proof = RegisteredProof.of(Phase1OutputJson.registeredProof(o));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("c1", e.oneLine(), e);
            }
            ParameterSource source = open(params, proof);
            Map<String, Object> result;
            try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
                result = C2Bench.measure(o, source, ctx, reps, new StderrProgress(System.err, true));
            } finally {
                close(source);
            }
            output.print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true,
            header = "A Window or Winning PoSt SNARK of freshly sealed sectors with its stage breakdown.",
            description = {"Times a Window or Winning PoSt SNARK end to end: seals --sectors sectors of random data (as 'seal'), "
                + "makes a local Groth16 setup of the PoSt circuit (as 'params generate'; not for mainnet) unless --params or "
                + "--cache is given, then proves --reps times through the entry 'prove window-post|winning-post' runs, each in a "
                + "fresh job context with fresh randomness, and verifies every result as 'verify' does. Everything is written "
                + "to a temporary directory (under --work-dir) and deleted.",
                "Prints seal_ms, setup_ms, stages_ms (medians: vanilla_proofs, synthesis, fft, msm_h, msm_l, msm_a, msm_b_g1, "
                + "msm_b_g2, assembly, self_check, verification), wall_ms, cpu_ms (process CPU time), verify_ms, peak_heap_mib.",
                MEMORY_HELP})
    static final class Post implements Callable<Integer> {
        @Option(names = "--kind", required = true, paramLabel = "window|winning",
                description = "window (StackedDrgWindow<size>V1_2) or winning (StackedDrgWinning<size>V1).")
        String kind;

        @Option(names = "--sector-size", required = true, paramLabel = "SIZE", description = "2KiB, 8MiB or 512MiB.")
        String sectorSize;

        @Option(names = "--sectors", paramLabel = "N", description = "Sectors to seal and prove (default: one partition's worth for window, 1 for winning).")
        Integer sectors;

        @ArgGroup(exclusive = true)
        ParamsChoice params;

        @Option(names = "--reps", paramLabel = "R", description = "Timed runs (default 1).")
        int reps = 1;

        @Option(names = "--parent-cache", paramLabel = "DIR",
                description = "Parent cache directory (default: $FIL_PROOFS_PARENT_CACHE, else /var/tmp/filecoin-parents); a missing cache is generated once.")
        Path parentCache;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the temporary directory goes (default: the system's).")
        Path workDir;

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RegisteredPoStProof.Kind k = switch (kind.toLowerCase(Locale.ROOT)) {
                case "window" -> RegisteredPoStProof.Kind.WINDOW;
                case "winning" -> RegisteredPoStProof.Kind.WINNING;
                default -> throw new InvalidInputException("kind", "must be window or winning, not '" + kind + "'");
            };
            SectorSize size = SectorSize.parse(sectorSize);
            RegisteredPoStProof proof = PoStBench.proofOf(k, size);
            if (proof == null) {
                throw new InvalidInputException("sector-size", "no registered " + kind + " PoSt proof for " + size.label());
            }
            int n = sectors != null ? sectors : proof.kind() == RegisteredPoStProof.Kind.WINDOW ? proof.sectorCount() : 1;
            OutputPaths.checkDirectory("parent-cache", parentCache);
            OutputPaths.checkDirectory("work-dir", workDir);
            PoStBench.Request request = new PoStBench.Request(proof, n, reps,
                    parentCache != null ? parentCache : ParentCache.defaultDirectory(), workDir);
            reject(PoStBench.problem(request));
            ParameterSource source = params == null ? null : open(params, RegisteredProof.of(proof));
            Map<String, Object> result;
            try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
                result = PoStBench.measure(request, source, ctx, new StderrProgress(System.err, true));
            } finally {
                close(source);
            }
            output.print(spec.commandLine().getOut(), result);
            return 0;
        }
    }
}
