package io.filprover.cli;

import com.google.protobuf.ByteString;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.filprover.cli.ServiceCommands.*;

/** {@code filprover submit ...}: queues jobs on a coordinator. */
final class SubmitCommands {
    private SubmitCommands() {
    }

    /** Options every submit takes. */
    static final class SubmitOptions {
        @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key: the same id and request return the same job.")
        String requestId;

        @Option(names = "--backend", paramLabel = "NAME", description = "Backend on the worker: auto, cpu, cuda, opencl (default: the worker's auto).")
        String backend;

        @Option(names = "--threads", paramLabel = "N", description = "Threads on the worker (default: the worker's).")
        Integer threads;

        JobRequest.Builder base() {
            JobRequest.Builder b = JobRequest.newBuilder();
            if (requestId != null) {
                b.setRequestId(requestId);
            }
            if (backend != null) {
                b.setBackend(backend);
            }
            if (threads != null) {
                b.setThreads(IdArguments.threads(threads));
            }
            return b;
        }
    }

    abstract static class SubmitBase implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        SubmitOptions submit = new SubmitOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        abstract JobRequest request() throws IOException;

        @Override
        public Integer call() throws IOException {
            JobRequest r = request();
            SubmitResponse resp = withClient(client, s -> s.submit(SubmitRequest.newBuilder().setRequest(r).build()));
            Map<String, Object> m = fields(resp.getJob());
            m.put("created", resp.getCreated());
            output.print(spec.commandLine().getOut(), m);
            return 0;
        }
    }

    @Command(name = "commp", mixinStandardHelpOptions = true,
            description = "Submits a comm_p job: FILE (sent inline up to 8 MiB, else by its path, which must lie under the worker's storage roots) or --data-hex.")
    static final class SubmitCommp extends SubmitBase {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The raw piece.")
        Path file;

        @Option(names = "--data-hex", paramLabel = "HEX", description = "The raw piece as hex, instead of FILE.")
        String dataHex;

        @Option(names = "--by-path", description = "Send FILE's absolute path, never its bytes.")
        boolean byPath;

        @Override
        JobRequest request() throws IOException {
            CommPRequest.Builder c = CommPRequest.newBuilder();
            if ((file == null) == (dataHex == null)) {
                throw new InvalidInputException("FILE", "give FILE or --data-hex");
            }
            if (dataHex != null) {
                c.setData(ByteString.copyFrom(Hex.decode(dataHex.trim(), "data-hex")));
            } else {
                Path p = UserPaths.inputFile(file, "FILE");
                if (!byPath && Files.isRegularFile(p) && Files.size(p) <= INLINE_PIECE) {
                    if (Files.size(p) == 0) {
                        throw new InvalidInputException("FILE", file + " is empty");
                    }
                    c.setData(ByteString.copyFrom(Files.readAllBytes(p)));
                } else {
                    c.setPath(p.toAbsolutePath().normalize().toString());
                }
            }
            return submit.base().setCommp(c).build();
        }
    }

    abstract static class SubmitPost extends SubmitBase {
        @Option(names = "--post-proof", required = true, paramLabel = "ID", description = "Registered PoSt proof id or name.")
        String postProof;

        @Option(names = "--randomness", required = true, paramLabel = "HEX", description = "32-byte randomness, hex.")
        String randomness;

        @Option(names = "--prover-id", required = true, paramLabel = "HEX", description = "32-byte prover id, hex.")
        String proverId;

        @Option(names = "--sectors", required = true, paramLabel = "JSON",
                description = "The sectors file, as 'filprover post' reads it (paths must lie under the worker's storage roots).")
        Path sectorsFile;

        @Option(names = "--partition", paramLabel = "N", defaultValue = "0", description = "Window PoSt partition index (default 0).")
        int partition;

        abstract boolean winning();

        @Override
        JobRequest request() throws IOException {
            RegisteredPoStProof type = RegisteredPoStProof.parse(postProof);
            PoStRequest.Builder p = PoStRequest.newBuilder().setRegisteredPostProof(type.id())
                    .setRandomness(ByteString.copyFrom(Hex.decode(randomness, 32, "randomness")))
                    .setProverId(ByteString.copyFrom(Hex.decode(proverId, 32, "prover-id")))
                    .setPartition(partition);
            for (io.filprover.proofs.api.PoStRequest.Sector s : PostCommand.readSectors(sectorsFile)) {
                PoStSector.Builder b = PoStSector.newBuilder().setSectorId(s.sectorId())
                        .setCommR(ByteString.copyFrom(s.commR()))
                        .setCacheDir(s.cacheDir().toAbsolutePath().normalize().toString())
                        .setReplicaPath(s.replica().toAbsolutePath().normalize().toString());
                if (s.position() != null) {
                    b.setPosition(s.position());
                }
                p.addSectors(b);
            }
            JobRequest.Builder r = submit.base();
            return (winning() ? r.setWinningPost(p) : r.setWindowPost(p)).build();
        }
    }

    @Command(name = "window-post", mixinStandardHelpOptions = true, description = "Submits a Window PoSt (vanilla proofs) job.")
    static final class SubmitWindow extends SubmitPost {
        @Override
        boolean winning() {
            return false;
        }
    }

    @Command(name = "winning-post", mixinStandardHelpOptions = true, description = "Submits a Winning PoSt (vanilla proofs) job.")
    static final class SubmitWinning extends SubmitPost {
        @Override
        boolean winning() {
            return true;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submits a job to the proof service; prints its id.",
            subcommands = {SubmitCommp.class, SubmitWindow.class, SubmitWinning.class})
    static final class Submit implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
