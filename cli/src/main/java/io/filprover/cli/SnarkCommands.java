package io.filprover.cli;

import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.job.JobContext;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.api.OutputPaths;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.Commit2;
import io.filprover.proofs.porep.Phase1OutputJson;
import io.filprover.proofs.porep.circuit.StackedCompound;
import io.filprover.proofs.sdr.ReplicaId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover prove c2} and {@code filprover verify seal}: the PoRep SNARK (C2) over the proving API. */
final class SnarkCommands {
    private SnarkCommands() {
    }

    static Commit1.Output readC1(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(UserPaths.inputFile(file, "c1"));
        try {
            return Commit1Files.decode(bytes).output();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.getMessage() + " (in " + file + ")", e);
        }
    }

    /** {@code --cache DIR}: the parameter cache the SNARK commands read. */
    static final class ParamCacheOption {
        @Option(names = "--cache", paramLabel = "DIR", description = "Parameter cache directory.")
        Path dir;

        ParameterCache open() {
            return ParamsCommand.cache(dir);
        }
    }

    /** {@code --out PROOF}: where a prove command writes its proof bytes. */
    static final class ProofOutOption {
        @Option(names = "--out", required = true, paramLabel = "PROOF", description = "Where to write the proof bytes.")
        Path out;

        /** The path, checked to be writable before any work ({@link OutputPaths#checkFile}). */
        Path checked() {
            OutputPaths.checkFile("out", out);
            return out;
        }
    }

    /** {@code --proof FILE}: the proof bytes a verify command checks. */
    static final class ProofInOption {
        @Option(names = "--proof", required = true, paramLabel = "FILE", description = "The proof bytes (192 per partition).")
        Path file;

        byte[] read() throws IOException {
            return Files.readAllBytes(UserPaths.inputFile(file, "proof"));
        }
    }

    @Command(name = "c2", mixinStandardHelpOptions = true,
            description = {"Commit2: the Groth16 proofs of every partition of a C1 output (any format verify-c1 reads), "
                + "192 bytes each, concatenated as filecoin-ffi returns them; each is verified before it is written.",
                "Parameters come from the cache ($FIL_PROOFS_PARAMETER_CACHE or /var/tmp/filecoin-proof-parameters/, "
                + "or --cache); exit 2 when they are missing."})
    static final class ProveC2 implements Callable<Integer> {
        @Option(names = "--c1", required = true, paramLabel = "FILE", description = "The C1 output.")
        Path c1;

        @Mixin
        ProofOutOption proofOut = new ProofOutOption();

        @Mixin
        ParamCacheOption cache = new ParamCacheOption();

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path out = proofOut.checked();
            Commit1.Output o = readC1(c1);
            RegisteredSealProof proof = Phase1OutputJson.registeredProof(o);
            ParameterCache params = cache.open();
            byte[] bytes;
            Map<String, Object> result = new LinkedHashMap<>();
            try (ParameterCache.Lease lease = params.parameters(RegisteredProof.of(proof));
                 JobContext ctx = kernelOptions.open(new StderrProgress(System.err, true), null)) {
                bytes = SealStages.commit2(o, lease, ctx);
                result.put("registered_proof", proof.upstreamName());
                result.put("partitions", bytes.length / io.filprover.proofs.groth16.Proof.BYTES);
                result.put("proof_bytes", bytes.length);
                BackendReport.put(result, ctx);
                result.put("stages_ms", StageTimings.millis(ctx.stageTimes()));
            }
            Path abs = out.toAbsolutePath();
            OutputPaths.writeAtomically(abs, bytes);
            result.put("out", abs.toString());
            output.print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    /** The sector a seal proof is checked against: a C1 output, or the public record filecoin-ffi's verify_seal takes. */
    static final class SealRecord {
        @Option(names = "--c1", paramLabel = "FILE", description = "Take the sector's public data from this C1 output.")
        Path c1;

        @ArgGroup(exclusive = false)
        Explicit explicit;

        static final class Explicit {
            @Option(names = "--seal-proof", required = true, paramLabel = "ID|NAME", description = "Registered seal proof.")
            String sealProof;
            @Option(names = "--comm-r", required = true, paramLabel = "HEX") String commR;
            @Option(names = "--comm-d", required = true, paramLabel = "HEX") String commD;
            @Option(names = "--prover-id", required = true, paramLabel = "HEX") String proverId;
            @Option(names = "--sector-id", required = true, paramLabel = "N") String sectorId;
            @Option(names = "--ticket", required = true, paramLabel = "HEX") String ticket;
            @Option(names = "--seed", required = true, paramLabel = "HEX") String seed;
        }

        record Resolved(RegisteredSealProof proof, StackedCompound.Statement statement) {
        }

        Resolved resolve() throws IOException {
            if ((c1 == null) == (explicit == null)) {
                throw new InvalidInputException("c1", "give --c1 FILE or the sector's record (--seal-proof, --comm-r, "
                        + "--comm-d, --prover-id, --sector-id, --ticket, --seed)");
            }
            if (c1 != null) {
                Commit1.Output o = readC1(c1);
                return new Resolved(Phase1OutputJson.registeredProof(o), StackedCompound.Statement.of(o));
            }
            Explicit e = explicit;
            RegisteredSealProof p = RegisteredSealProof.ofId(SubmitCommands.sealProof(e.sealProof));
            byte[] commD = Hex.decode(e.commD, 32, "comm-d");
            byte[] replicaId = ReplicaId.compute(Hex.decode(e.proverId, 32, "prover-id"),
                    IdArguments.parseU64(e.sectorId, "sector-id"), Hex.decode(e.ticket, 32, "ticket"), commD, p.porepId());
            return new Resolved(p, new StackedCompound.Statement(p.sectorSize(), p.feature(), p.porepId(), p.apiVersion(),
                    replicaId, commD, Hex.decode(e.commR, 32, "comm-r"), Hex.decode(e.seed, 32, "seed")));
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = {"Verifies a PoRep proof (C2's output) against a sector's public data with the verifying key "
                + "from the parameter cache. With --json it prints the public inputs of every partition (32-byte "
                + "little-endian Fr, hex), so the proof can be re-checked with other pairing code and the same .vk.",
                "Exit 0 valid, 3 rejected, 2 bad input (including a missing verifying key)."})
    static final class VerifySeal implements Callable<Integer> {
        @Mixin
        SealRecord record = new SealRecord();

        @Mixin
        ProofInOption proofIn = new ProofInOption();

        @Mixin
        ParamCacheOption cache = new ParamCacheOption();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SealRecord.Resolved r = record.resolve();
            byte[] proof = proofIn.read();
            VerifyingKey vk = cache.open().verifyingKey(RegisteredProof.of(r.proof()));
            boolean valid = Commit2.verify(vk, r.statement(), proof);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("registered_proof", r.proof().upstreamName());
            m.put("verifying_key", CircuitIdentifiers.of(r.proof()).vkFile());
            m.put("partitions", r.statement().partitions());
            m.put("valid", valid);
            if (output.json) {
                List<List<Fr>> inputs = new ArrayList<>();
                for (int k = 0; k < r.statement().partitions(); k++) {
                    inputs.add(StackedCompound.publicInputs(r.statement(), k));
                }
                m.put("public_inputs", hex(inputs));
            }
            output.print(spec.commandLine().getOut(), m);
            return valid ? 0 : Main.EXIT_REJECTED;
        }
    }

    /** The options of a PoSt SNARK, as {@code filprover post} names them. */
    static final class PoStOptions {
        @Mixin
        PostCommand.Challenge challenge = new PostCommand.Challenge();

        @Option(names = "--sectors", required = true, paramLabel = "JSON",
                description = "The sectors file, as 'filprover post' reads it (verify uses each sector's id and comm_r only).")
        Path sectors;

        io.filprover.api.RegisteredPoStProof type(io.filprover.api.RegisteredPoStProof.Kind kind) {
            io.filprover.api.RegisteredPoStProof t = challenge.type();
            if (t.kind() != kind) {
                throw new InvalidInputException("post-proof", t.upstreamName() + " is not a "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + " PoSt proof");
            }
            return t;
        }
    }

    abstract static class ProvePoSt implements Callable<Integer> {
        @Mixin
        PoStOptions post = new PoStOptions();

        @Mixin
        PostCommand.ProverId prover = new PostCommand.ProverId();

        @Mixin
        ProofOutOption proofOut = new ProofOutOption();

        @Mixin
        ParamCacheOption cache = new ParamCacheOption();

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        abstract io.filprover.api.RegisteredPoStProof.Kind kind();

        @Override
        public Integer call() throws IOException {
            io.filprover.api.RegisteredPoStProof type = post.type(kind());
            Path out = proofOut.checked();
            io.filprover.proofs.api.PoStRequest request = new io.filprover.proofs.api.PoStRequest(type,
                    post.challenge.randomness(), prover.bytes(), PostCommand.readSectors(post.sectors), 0, out);
            Map<String, Object> m = new LinkedHashMap<>();
            try (ParameterCache.Lease lease = cache.open().parameters(RegisteredProof.of(type));
                 JobContext ctx = kernelOptions.open(new StderrProgress(System.err, true), null)) {
                io.filprover.proofs.api.PoStSnark.Result r = io.filprover.proofs.api.PoStSnark.prove(request, lease, ctx);
                m.put("post_proof", type.upstreamName());
                m.put("partitions", r.partitions());
                m.put("proof_bytes", r.bytes().length);
                BackendReport.put(m, ctx);
                m.put("stages_ms", StageTimings.millis(ctx.stageTimes()));
            }
            m.put("out", out.toAbsolutePath().toString());
            output.print(spec.commandLine().getOut(), m);
            return 0;
        }
    }

    @Command(name = "window-post", mixinStandardHelpOptions = true,
            description = "Window PoSt SNARK: vanilla proofs of the sectors, then every partition's Groth16 proof, verified, 192 bytes each.")
    static final class ProveWindow extends ProvePoSt {
        @Override
        io.filprover.api.RegisteredPoStProof.Kind kind() {
            return io.filprover.api.RegisteredPoStProof.Kind.WINDOW;
        }
    }

    @Command(name = "winning-post", mixinStandardHelpOptions = true,
            description = "Winning PoSt SNARK of the challenged sector, verified, 192 bytes.")
    static final class ProveWinning extends ProvePoSt {
        @Override
        io.filprover.api.RegisteredPoStProof.Kind kind() {
            return io.filprover.api.RegisteredPoStProof.Kind.WINNING;
        }
    }

    abstract static class VerifyPoSt implements Callable<Integer> {
        @Mixin
        PoStOptions post = new PoStOptions();

        @Mixin
        ProofInOption proofIn = new ProofInOption();

        @Mixin
        ParamCacheOption cache = new ParamCacheOption();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        abstract io.filprover.api.RegisteredPoStProof.Kind kind();

        @Override
        public Integer call() throws IOException {
            io.filprover.api.RegisteredPoStProof type = post.type(kind());
            byte[] randomness = post.challenge.randomness();
            List<io.filprover.proofs.post.circuit.FallbackPoStCompound.PublicSector> sectors = new ArrayList<>();
            for (io.filprover.proofs.api.PoStRequest.Sector s : PostCommand.readSectors(post.sectors)) {
                sectors.add(new io.filprover.proofs.post.circuit.FallbackPoStCompound.PublicSector(s.sectorId(), s.commR()));
            }
            List<List<Fr>> inputs = io.filprover.proofs.api.PoStSnark.publicInputs(type, randomness, sectors);
            byte[] proof = proofIn.read();
            VerifyingKey vk = cache.open().verifyingKey(RegisteredProof.of(type));
            boolean valid = io.filprover.proofs.api.PoStSnark.verify(type, vk, randomness, sectors, proof);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("post_proof", type.upstreamName());
            m.put("verifying_key", CircuitIdentifiers.of(type).vkFile());
            m.put("partitions", inputs.size());
            m.put("valid", valid);
            if (output.json) {
                m.put("public_inputs", hex(inputs));
            }
            output.print(spec.commandLine().getOut(), m);
            return valid ? 0 : Main.EXIT_REJECTED;
        }
    }

    @Command(name = "window-post", mixinStandardHelpOptions = true,
            description = {"Verifies a Window PoSt SNARK against the sectors' ids and comm_r with the cache's verifying key.",
                "Exit 0 valid, 3 rejected, 2 bad input. --json prints each partition's public inputs (32-byte LE Fr hex)."})
    static final class VerifyWindow extends VerifyPoSt {
        @Override
        io.filprover.api.RegisteredPoStProof.Kind kind() {
            return io.filprover.api.RegisteredPoStProof.Kind.WINDOW;
        }
    }

    @Command(name = "winning-post", mixinStandardHelpOptions = true,
            description = {"Verifies a Winning PoSt SNARK against the challenged sector's id and comm_r.",
                "Exit 0 valid, 3 rejected, 2 bad input. --json prints the public inputs (32-byte LE Fr hex)."})
    static final class VerifyWinning extends VerifyPoSt {
        @Override
        io.filprover.api.RegisteredPoStProof.Kind kind() {
            return io.filprover.api.RegisteredPoStProof.Kind.WINNING;
        }
    }

    static List<List<String>> hex(List<List<Fr>> inputs) {
        List<List<String>> out = new ArrayList<>();
        for (List<Fr> partition : inputs) {
            List<String> hex = new ArrayList<>();
            for (Fr x : partition) {
                hex.add(Hex.encode(x.toBytesLE()));
            }
            out.add(hex);
        }
        return out;
    }

    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = "Makes SNARK proofs: c2 (PoRep), window-post, winning-post.",
            subcommands = {ProveC2.class, ProveWindow.class, ProveWinning.class})
    static final class Prove implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verifies SNARK proofs: seal (PoRep), window-post, winning-post.",
            subcommands = {VerifySeal.class, VerifyWindow.class, VerifyWinning.class})
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
