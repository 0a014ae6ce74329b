package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.ParameterGenerator;
import io.filprover.proofs.params.ParameterVerifier;
import io.filprover.proofs.params.RegisteredProof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code filprover params generate|verify}: the Groth16 parameter cache (docs/parameters.md). */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = {"Groth16 parameter files in the cache directory ($FIL_PROOFS_PARAMETER_CACHE, else /var/tmp/filecoin-proof-parameters/), "
            + "under rust-fil-proofs' names (v28-<circuit>.params/.vk/.meta). See docs/parameters.md."},
        subcommands = {ParamsCommand.Generate.class, ParamsCommand.Verify.class},
        commandListHeading = "%nCommands:%n")
public final class ParamsCommand implements Runnable {
    /** Where the cache directory's environment variable is read; tests swap it. */
    static Supplier<Map<String, String>> environment = System::getenv;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The cache of {@code --cache DIR}, else of the environment. */
    static ParameterCache cache(Path option) {
        Path dir = option != null ? option : ParameterCache.directory(environment.get());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("cache", dir + " is not a directory");
        }
        return new ParameterCache(dir);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Runs a local Groth16 setup for a registered proof's circuit and writes its .params, .vk and .meta "
                + "(temporary files, renamed when complete).",
                "NOT FOR MAINNET: local parameters cannot verify proofs made with the official ones (nor the reverse), "
                + "and whoever knows a setup's toxic waste can forge proofs. Official files (digest in parameters.json) "
                + "are not overwritten without --force. Exit 2 when no circuit is registered for the proof."})
    static final class Generate implements Callable<Integer> {
        @Option(names = "--proof", required = true, paramLabel = "P",
                description = "Registered proof name, e.g. StackedDrg2KiBV1_1, StackedDrgWinning2KiBV1, StackedDrgWindow2KiBV1_2.")
        String proof;

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: $FIL_PROOFS_PARAMETER_CACHE or /var/tmp/filecoin-proof-parameters/).")
        Path cacheDir;

        @Option(names = "--force", description = "Overwrite official parameter files.")
        boolean force;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RegisteredProof p = RegisteredProof.parse(proof, "proof");
            ParameterCache cache = cache(cacheDir);
            ParameterGenerator.circuitOf(p); // fail on an unregistered circuit before anything else
            ParameterGenerator.Result r = ParameterGenerator.generate(cache, p, force);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("proof", p.upstreamName());
            out.put("params", r.params().toString());
            out.put("vk", r.vk().toString());
            out.put("meta", r.meta().toString());
            out.put("public_inputs", r.inputs() - 1);
            out.put("params_bytes", r.paramsBytes());
            out.put("setup", "local, NOT FOR MAINNET");
            out.put("warning", Groth16Setup.WARNING);
            output.print(spec.commandLine().getOut(), out);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks the cache's parameter files (or one proof's): size and layout, every point (curve, not the identity, "
                + "subgroup) and the digest against rust-fil-proofs' parameters.json.",
                "Each file is official (digest matches), local (sound; not listed or digest differs) or corrupt (with the reason). "
                + "Exit 0 when all are sound, 3 when some are corrupt, 2 when --proof's files are missing."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--proof", paramLabel = "P", description = "Only this registered proof's .params and .vk.")
        String proof;

        @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: $FIL_PROOFS_PARAMETER_CACHE or /var/tmp/filecoin-proof-parameters/).")
        Path cacheDir;

        @Option(names = "--full", description = "Decode every point of official .params files too (their digest already pins them; slow).")
        boolean full;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RegisteredProof p = proof == null ? null : RegisteredProof.parse(proof, "proof");
            ParameterCache cache = cache(cacheDir);
            List<ParameterVerifier.Report> reports = p == null ? ParameterVerifier.verifyAll(cache, full)
                    : ParameterVerifier.verify(cache, p, full);
            PrintWriter w = spec.commandLine().getOut();
            if (reports.isEmpty()) {
                w.println("no v" + io.filprover.proofs.params.CircuitIdentifier.VERSION + "-*.params or .vk files in " + cache.directory());
                w.flush();
                return 0;
            }
            int corrupt = 0;
            int missing = 0;
            for (ParameterVerifier.Report r : reports) {
                if (output.json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("file", r.file());
                    o.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
                    o.put("bytes", r.bytes());
                    o.put("detail", r.detail());
                    w.println(Json.line(o));
                } else {
                    w.println(r.status().name().toLowerCase(java.util.Locale.ROOT) + "  " + r.file() + "  " + r.detail());
                }
                corrupt += r.status() == ParameterVerifier.Status.CORRUPT ? 1 : 0;
                missing += r.status() == ParameterVerifier.Status.MISSING ? 1 : 0;
            }
            w.flush();
            if (corrupt > 0) {
                return Main.EXIT_REJECTED;
            }
            if (missing > 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(spec.commandLine().getCommandName() + ": --proof: " + missing + " of " + reports.size()
                        + " files of " + p.upstreamName() + " (" + CircuitIdentifiers.of(p).stem() + ") missing in "
                        + cache.directory() + " (run: filprover params generate --proof " + p.upstreamName()
                        + ", or fetch the official ones)");
                err.flush();
                return Main.EXIT_BAD_INPUT;
            }
            return 0;
        }
    }
}
