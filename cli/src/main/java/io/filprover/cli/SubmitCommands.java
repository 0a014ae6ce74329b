package io.filprover.cli;

import com.google.protobuf.ByteString;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
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

        @Option(names = "--priority", paramLabel = "P",
                description = "low, normal, high or critical (default by kind: Winning PoSt critical, Window PoSt high, seal stages normal, comm_p low).")
        String priority;

        @Option(names = "--deadline", paramLabel = "S",
                description = "Must end within S seconds from now; a coordinator that knows no worker can make it refuses the job (FAILED_PRECONDITION).")
        Long deadlineSeconds;

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
            if (priority != null) {
                b.setPriority(priority(priority));
            }
            if (deadlineSeconds != null) {
                if (deadlineSeconds <= 0) {
                    throw new InvalidInputException("deadline", "must be a positive number of seconds, got " + deadlineSeconds);
                }
                b.setDeadlineUnixMs(System.currentTimeMillis() + deadlineSeconds * 1000);
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

        /** Uploads a file in chunks to the coordinator's BlobService; its blob. */
        io.filprover.proto.v1.BlobRef uploadFile(Path p) throws IOException {
            io.grpc.ManagedChannel ch = client.open();
            try (java.io.InputStream in = Files.newInputStream(p)) {
                return new io.filprover.scheduler.BlobClient(ch).upload(in, Files.size(p));
            } catch (io.grpc.StatusRuntimeException e) {
                throw ServiceCommands.clientError(client, e);
            } finally {
                ch.shutdownNow();
            }
        }

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
            description = {"Submits a comm_p job: FILE or --data-hex.",
                "FILE travels inline up to 8 MiB, larger ones are uploaded in chunks (BlobService); with --by-path only its path is sent, which must lie under the worker's storage roots (no copy: for large pieces on shared storage)."})
    static final class SubmitCommp extends SubmitBase {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The raw piece.")
        Path file;

        @Option(names = "--data-hex", paramLabel = "HEX", description = "The raw piece as hex, instead of FILE.")
        String dataHex;

        @Option(names = "--by-path", description = "Send FILE's absolute path, never its bytes.")
        boolean byPath;

        @Option(names = "--upload", description = "Upload FILE in chunks even when it is small enough to travel inline.")
        boolean upload;

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
                if (byPath && upload) {
                    throw new InvalidInputException("by-path", "give --by-path or --upload, not both");
                }
                boolean regular = Files.isRegularFile(p);
                if (!byPath && regular && Files.size(p) == 0) {
                    throw new InvalidInputException("FILE", file + " is empty");
                }
                if (!byPath && regular && Files.size(p) <= INLINE_PIECE && !upload) {
                    c.setData(ByteString.copyFrom(Files.readAllBytes(p)));
                } else if (!byPath && regular) {
                    c.setBlobId(uploadFile(p).getBlobId());
                } else {
                    c.setPath(p.toAbsolutePath().normalize().toString());
                }
            }
            return submit.base().setCommp(c).build();
        }
    }

    /** Options naming a sector as the service takes it: its registered seal proof and identity. */
    static final class SectorOptions {
        @Option(names = "--seal-proof", required = true, paramLabel = "ID|NAME",
                description = "Registered seal proof: its on-chain id or name, e.g. 8 or StackedDrg2KiBV1_1.")
        String sealProof;

        @Option(names = "--prover-id", paramLabel = "HEX", description = "32-byte prover id, 64 hex digits.")
        String proverId;

        @Option(names = "--miner", paramLabel = "ID", description = "Miner actor id: prover id as Lotus derives it (see 'filprover seal').")
        String miner;

        @Option(names = "--sector-id", required = true, paramLabel = "N", description = "Sector number (unsigned 64-bit).")
        String sectorId;

        @Option(names = "--ticket", required = true, paramLabel = "HEX", description = "32-byte seal randomness, hex.")
        String ticket;

        io.filprover.proto.v1.SectorIdentity identity() {
            if ((proverId == null) == (miner == null)) {
                throw new InvalidInputException("prover-id", "give --prover-id or --miner");
            }
            byte[] prover = proverId != null ? Hex.decode(proverId, 32, "prover-id") : IdArguments.minerProverId(miner, "miner");
            return io.filprover.proto.v1.SectorIdentity.newBuilder().setProverId(ByteString.copyFrom(prover))
                    .setSectorId(IdArguments.parseU64(sectorId, "sector-id"))
                    .setTicket(ByteString.copyFrom(Hex.decode(ticket, 32, "ticket")))
                    .setRegisteredSealProof(sealProof(sealProof)).build();
        }
    }

    /** The seal stages' shared options: the sector's cache directory and its SDR layers. */
    static final class StageOptions {
        @Option(names = "--cache", required = true, paramLabel = "DIR", description = "The sector's cache directory.")
        Path cache;

        @Option(names = "--layers", paramLabel = "N", description = "SDR layers (default: the sector size's).")
        Integer layers;

        String cacheDir() {
            return servicePath(cache);
        }

        /** The requested layers, or 0 for the sector size's. */
        int layers() {
            return layers == null ? 0 : SubmitCommands.layers(layers);
        }
    }

    /** An absolute path as the workers see it (the storage-root check happens on the service). */
    static String servicePath(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    @Command(name = "seal-pc1", mixinStandardHelpOptions = true,
            description = "Submits PreCommit1 (tree_d, SDR labels) of a sector whose paths lie under the workers' storage roots.")
    static final class SubmitPc1 extends SubmitBase {
        @Mixin
        SectorOptions sector = new SectorOptions();

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "Unpadded piece bytes of the sector.")
        Path data;

        @Mixin
        StageOptions stage = new StageOptions();

        @Option(names = "--parent-cache", paramLabel = "DIR", description = "Parent cache directory (default: the worker's).")
        Path parentCache;

        @Override
        JobRequest request() {
            var b = io.filprover.proto.v1.SealPreCommit1Request.newBuilder().setSector(sector.identity())
                    .setDataPath(servicePath(data)).setCacheDir(stage.cacheDir()).setLayers(stage.layers());
            if (parentCache != null) {
                b.setParentCacheDir(servicePath(parentCache));
            }
            return submit.base().setSealPc1(b).build();
        }
    }

    @Command(name = "seal-pc2", mixinStandardHelpOptions = true,
            description = "Submits PreCommit2 (tree_c, the replica, tree_r_last) of a sector after its PC1.")
    static final class SubmitPc2 extends SubmitBase {
        @Option(names = "--seal-proof", required = true, paramLabel = "ID|NAME", description = "Registered seal proof: id or name.")
        String sealProof;

        @Mixin
        StageOptions stage = new StageOptions();

        @Option(names = "--replica", required = true, paramLabel = "FILE", description = "The sealed replica to write.")
        Path replica;

        @Override
        JobRequest request() {
            var b = io.filprover.proto.v1.SealPreCommit2Request.newBuilder()
                    .setRegisteredSealProof(sealProof(sealProof))
                    .setCacheDir(stage.cacheDir()).setReplicaPath(servicePath(replica)).setLayers(stage.layers());
            return submit.base().setSealPc2(b).build();
        }
    }

    @Command(name = "seal-c1", mixinStandardHelpOptions = true,
            description = {"Submits Commit1 (the vanilla proofs, verified) of a sector after its PC2.",
                "'filprover await JOB --out c1.json' writes its output (docs/c1-output.md)."})
    static final class SubmitC1 extends SubmitBase {
        @Mixin
        SectorOptions sector = new SectorOptions();

        @Option(names = "--seed", required = true, paramLabel = "HEX", description = "32-byte interactive randomness, hex.")
        String seed;

        @Mixin
        StageOptions stage = new StageOptions();

        @Option(names = "--replica", required = true, paramLabel = "FILE", description = "The sealed replica (PC2's).")
        Path replica;

        @Override
        JobRequest request() {
            var b = io.filprover.proto.v1.SealCommit1Request.newBuilder().setSector(sector.identity())
                    .setSeed(ByteString.copyFrom(Hex.decode(seed, 32, "seed")))
                    .setCacheDir(stage.cacheDir()).setReplicaPath(servicePath(replica)).setLayers(stage.layers());
            return submit.base().setSealC1(b).build();
        }
    }

    @Command(name = "seal-c2", mixinStandardHelpOptions = true,
            description = {"Submits Commit2 (the PoRep SNARK, each partition proof verified) of a C1 output in any"
                + " format 'prove c2' reads.",
                "FILE travels inline up to 8 MiB, larger ones are uploaded in chunks (BlobService). The worker loads the"
                + " circuit's parameters from its own parameter cache ($FIL_PROOFS_PARAMETER_CACHE).",
                "'filprover await JOB --out proof.bin' writes the proof bytes (192 per partition)."})
    static final class SubmitC2 extends SubmitBase {
        @Option(names = "--c1", required = true, paramLabel = "FILE", description = "The C1 output.")
        Path c1;

        @Option(names = "--seal-proof", paramLabel = "ID|NAME",
                description = "Registered seal proof (default: the one the C1 output names; read from FILE here).")
        String sealProof;

        @Option(names = "--upload", description = "Upload FILE in chunks even when it is small enough to travel inline.")
        boolean upload;

        @Override
        JobRequest request() throws IOException {
            Path p = UserPaths.inputFile(c1, "c1");
            if (Files.size(p) == 0) {
                throw new InvalidInputException("c1", c1 + " is empty");
            }
            long proof;
            if (sealProof != null) {
                proof = sealProof(sealProof);
            } else {
                // read here so a file that is no C1 output fails before anything is sent
                proof = io.filprover.proofs.porep.Phase1OutputJson.registeredProof(SnarkCommands.readC1(p)).id();
            }
            var b = io.filprover.proto.v1.SealCommit2Request.newBuilder().setRegisteredSealProof(proof);
            if (Files.size(p) <= INLINE_PIECE && !upload) {
                b.setC1Output(ByteString.copyFrom(Files.readAllBytes(p)));
            } else {
                b.setC1OutputBlobId(uploadFile(p).getBlobId());
            }
            return submit.base().setSealC2(b).build();
        }
    }

    static io.filprover.proto.v1.Priority priority(String s) {
        for (io.filprover.proto.v1.Priority p : io.filprover.proto.v1.Priority.values()) {
            if (p != io.filprover.proto.v1.Priority.UNRECOGNIZED && p != io.filprover.proto.v1.Priority.PRIORITY_UNSPECIFIED
                    && p.name().substring("PRIORITY_".length()).equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("priority", "unknown priority '" + s + "' (low, normal, high, critical)");
    }

    /** {@code --seal-proof}: a registered seal proof's id or name. */
    static long sealProof(String s) {
        try {
            return RegisteredSealProof.parse(s).id();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("seal-proof", "unknown registered seal proof '" + s + "'");
        }
    }

    static int layers(int n) {
        if (!IdArguments.SUPPORTED_LAYERS.contains(n)) {
            throw new InvalidInputException("layers", "unsupported layer count " + n + " (supported: "
                    + IdArguments.SUPPORTED_LAYERS + ")");
        }
        return n;
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
            subcommands = {SubmitCommp.class, SubmitPc1.class, SubmitPc2.class, SubmitC1.class, SubmitC2.class, SubmitWindow.class,
                SubmitWinning.class})
    static final class Submit implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
