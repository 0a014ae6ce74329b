package io.filprover.cli;

import com.google.protobuf.ByteString;
import io.filprover.api.ErrorKind;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ListJobsResponse;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.QueueDepth;
import io.filprover.proto.v1.StageTiming;
import io.filprover.proto.v1.StatusResponse;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import io.filprover.proto.v1.WatchRequest;
import io.filprover.proto.v1.WorkerStatus;
import io.filprover.scheduler.Coordinator;
import io.filprover.scheduler.EmbeddedService;
import io.filprover.scheduler.HostPort;
import io.filprover.scheduler.Worker;
import io.filprover.scheduler.store.JobStore;
import io.filprover.scheduler.store.JobStores;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The proof service on the command line: {@code serve}, {@code worker} and the client commands. */
final class ServiceCommands {
    static final String DEFAULT_COORDINATOR = "127.0.0.1:7777";
    /** comm_p pieces up to this size travel inline; larger ones by path (under the storage roots). */
    static final long INLINE_PIECE = 8L << 20;

    /** Opens the durable store under a data directory (H2 embedded); tests replace this. */
    static volatile Function<Path, JobStore> stores = JobStores::embedded;

    private ServiceCommands() {
    }

    static HostPort address(String s, String field) {
        try {
            return HostPort.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /** {@code --coordinator}: where the client commands connect. */
    static final class ClientOptions {
        @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = DEFAULT_COORDINATOR,
                description = "The coordinator (default: ${DEFAULT-VALUE}).")
        String coordinator;

        ManagedChannel open() {
            HostPort a = address(coordinator, "coordinator");
            return NettyChannelBuilder.forAddress(a.host(), a.port()).usePlaintext().maxInboundMessageSize(64 << 20)
                    .build();
        }
    }

    /** Runs {@code body} with a client stub, closing the channel after. */
    static <T> T withClient(ClientOptions o, Function<ProverServiceGrpc.ProverServiceBlockingStub, T> body) {
        ManagedChannel ch = o.open();
        try {
            return body.apply(ProverServiceGrpc.newBlockingStub(ch));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                throw Status.UNAVAILABLE.withDescription("coordinator " + o.coordinator + " unavailable: "
                        + e.getStatus().getDescription()).asRuntimeException();
            }
            throw e;
        } finally {
            ch.shutdownNow();
        }
    }

    static String kindName(JobKind k) {
        return k.name().replace("JOB_KIND_", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String stateName(JobState s) {
        return s.name().replace("JOB_STATE_", "").toLowerCase(Locale.ROOT);
    }

    static JobKind parseKind(String s) {
        for (JobKind k : JobKind.values()) {
            if (k != JobKind.UNRECOGNIZED && k != JobKind.JOB_KIND_UNSPECIFIED && kindName(k).equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "unknown kind '" + s + "' (commp, seal-pc1, seal-pc2, seal-c1, window-post, winning-post)");
    }

    static JobState parseState(String s) {
        for (JobState k : JobState.values()) {
            if (k != JobState.UNRECOGNIZED && k != JobState.JOB_STATE_UNSPECIFIED && stateName(k).equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new InvalidInputException("state", "unknown state '" + s + "' (queued, running, succeeded, failed, cancelled)");
    }

    /** A job as printed: its identity, state, result or error, and timings. */
    static Map<String, Object> fields(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.getJobId());
        m.put("request_id", j.getRequestId());
        m.put("kind", kindName(j.getKind()));
        m.put("state", stateName(j.getState()));
        m.put("priority", j.getPriority().name().replace("PRIORITY_", "").toLowerCase(Locale.ROOT));
        m.put("attempts", j.getAttempts());
        if (!j.getWorkerId().isEmpty()) {
            m.put("worker", j.getWorkerId());
        }
        JobResult r = j.getResult();
        switch (r.getResultCase()) {
            case COMMP:
                m.put("comm_p", Hex.encode(r.getCommp().getCommP().toByteArray()));
                m.put("cid", r.getCommp().getCid());
                m.put("padded_size", r.getCommp().getPaddedSize());
                m.put("unpadded_size", r.getCommp().getUnpaddedSize());
                break;
            case SEAL_PC1:
                m.put("comm_d", Hex.encode(r.getSealPc1().getCommD().toByteArray()));
                m.put("replica_id", Hex.encode(r.getSealPc1().getReplicaId().toByteArray()));
                break;
            case SEAL_PC2:
                m.put("comm_c", Hex.encode(r.getSealPc2().getCommC().toByteArray()));
                m.put("comm_r_last", Hex.encode(r.getSealPc2().getCommRLast().toByteArray()));
                m.put("comm_r", Hex.encode(r.getSealPc2().getCommR().toByteArray()));
                break;
            case SEAL_C1:
                m.put("challenges", r.getSealC1().getChallenges());
                m.put("c1_output_bytes", r.getSealC1().getC1Output().size());
                break;
            case POST:
                m.put("proofs_bytes", r.getPost().getProofs().size());
                m.put("proofs", Hex.encode(r.getPost().getProofs().toByteArray()));
                m.put("sector_ids", r.getPost().getSectorIdsList().stream().map(Long::toUnsignedString).toList());
                break;
            default:
                break;
        }
        if (r.getResultCase() != JobResult.ResultCase.RESULT_NOT_SET) {
            m.put("verified", r.getVerified());
        }
        for (StageTiming t : r.getTimingsList()) {
            m.put(t.getStage() + "_ms", t.getMillis());
            if (!t.getBackend().isEmpty()) {
                m.put("backend", t.getBackend());
            }
        }
        if (j.hasError()) {
            m.put("error_class", j.getError().getErrorClass().name().replace("ERROR_CLASS_", "").toLowerCase(Locale.ROOT));
            m.put("error_kind", j.getError().getKind());
            if (!j.getError().getField().isEmpty()) {
                m.put("error_field", j.getError().getField());
            }
            m.put("error", j.getError().getMessage());
        }
        if (j.hasProgress() && j.getState() == JobState.JOB_STATE_RUNNING) {
            m.put("progress", j.getProgress().getTask() + " " + j.getProgress().getDone() + "/" + j.getProgress().getTotal());
        }
        return m;
    }

    /** The exit code of an ended job: 0 succeeded, its error kind's code when failed (3 rejected), 1 cancelled. */
    static int exitCode(Job j) {
        switch (j.getState()) {
            case JOB_STATE_SUCCEEDED:
                return 0;
            case JOB_STATE_FAILED:
                try {
                    return Main.exitCode(ErrorKind.valueOf(j.getError().getKind()));
                } catch (IllegalArgumentException e) {
                    return Main.EXIT_FAILURE;
                }
            default:
                return Main.EXIT_FAILURE;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Runs the proof service: a coordinator and a local worker in one process, loopback only by default.",
                "Jobs are kept in an embedded H2 database under --data-dir, or in PostgreSQL with --db-url (several coordinators may share one database).",
                "--no-local-worker runs the coordinator only; 'filprover worker' processes do the work.",
                "Prints 'listening on HOST:PORT' when ready; stops on SIGTERM or Ctrl-C."})
    static final class Serve implements Callable<Integer> {
        /** Where {@code --db-url} takes its password when no {@code --db-password-file} is given. */
        static final String PASSWORD_ENV = "FILPROVER_DB_PASSWORD";

        @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_COORDINATOR,
                description = "Where to serve gRPC (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
        String listen;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the job database (H2, unless --db-url) and the local worker's scratch files live (default: ~/.filprover).")
        Path dataDir;

        @Option(names = "--db-url", paramLabel = "JDBC_URL",
                description = "Keep jobs in this database instead of the embedded H2: jdbc:postgresql://HOST:PORT/DB (coordinators sharing it share one queue).")
        String dbUrl;

        @Option(names = "--db-user", paramLabel = "USER", description = "The --db-url user (default: the current user's name).")
        String dbUser;

        @Option(names = "--db-password-file", paramLabel = "FILE",
                description = "A file holding the --db-url password (its first line); else the environment variable " + PASSWORD_ENV + ", else none.")
        Path dbPasswordFile;

        @Option(names = "--no-local-worker", description = "Run the coordinator only; jobs wait for 'filprover worker' processes.")
        boolean noLocalWorker;

        @Option(names = "--lease-ms", paramLabel = "MS", defaultValue = "30000",
                description = "How long a worker's lease lasts without a heartbeat before its job returns to the queue (default: ${DEFAULT-VALUE}).")
        long leaseMs;

        @Option(names = "--heartbeat-ms", paramLabel = "MS", defaultValue = "5000",
                description = "How often workers renew their leases; less than --lease-ms (default: ${DEFAULT-VALUE}).")
        long heartbeatMs;

        @Option(names = "--storage-root", paramLabel = "DIR",
                description = "A directory job paths may name (repeatable; default: your home directory).")
        List<Path> storageRoots = new ArrayList<>();

        @Option(names = "--slots", paramLabel = "N", defaultValue = "1", description = "Jobs the local worker runs at once (default: ${DEFAULT-VALUE}).")
        int slots;

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HostPort at = address(listen, "listen");
            if (leaseMs <= 0 || heartbeatMs <= 0 || heartbeatMs >= leaseMs) {
                throw new InvalidInputException(leaseMs <= 0 ? "lease-ms" : "heartbeat-ms",
                        "need 0 < --heartbeat-ms < --lease-ms, got " + heartbeatMs + " and " + leaseMs);
            }
            if (dbUrl == null && (dbUser != null || dbPasswordFile != null)) {
                throw new InvalidInputException(dbUser != null ? "db-user" : "db-password-file", "needs --db-url");
            }
            if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
                throw new InvalidInputException("db-url", "a jdbc:postgresql: (or jdbc:h2:) URL, not "
                        + dbUrl.replaceAll("[?;].*", ""));
            }
            Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".filprover");
            List<Path> roots = storageRoots.isEmpty() ? List.of(Path.of(System.getProperty("user.home"))) : storageRoots;
            Files.createDirectories(data);
            JobStore store = dbUrl != null
                    ? JobStores.open(dbUrl, dbUser != null ? dbUser : System.getProperty("user.name"), password())
                    : stores.apply(data);
            int threads = kernelOptions.threads();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(stopped::countDown, "filprover-serve-stop");
            try (EmbeddedService service = EmbeddedService.start(store, at, roots, Math.max(2, threads),
                    slots, KernelOptions.backends(), data.resolve("work"), null, b -> b.lease(leaseMs, heartbeatMs),
                    !noLocalWorker)) {
                Runtime.getRuntime().addShutdownHook(hook);
                PrintWriter out = spec.commandLine().getOut();
                out.println("listening on " + service.address());
                out.flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }

        /** The database password: never from the command line, never logged. */
        private String password() throws IOException {
            if (dbPasswordFile != null) {
                Path p = UserPaths.inputFile(dbPasswordFile, "db-password-file");
                String text = Files.readString(p);
                int eol = text.indexOf('\n');
                return (eol >= 0 ? text.substring(0, eol) : text).replace("\r", "");
            }
            String env = System.getenv(PASSWORD_ENV);
            return env == null ? "" : env;
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true,
            description = "Runs a worker: registers with a coordinator and runs the jobs it leases until SIGTERM or Ctrl-C.")
    static final class WorkerCmd implements Callable<Integer> {
        @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = DEFAULT_COORDINATOR,
                description = "The coordinator (default: ${DEFAULT-VALUE}).")
        String coordinator;

        @Option(names = "--storage-root", paramLabel = "DIR",
                description = "A directory job paths may name (repeatable; default: your home directory).")
        List<Path> storageRoots = new ArrayList<>();

        @Option(names = "--slots", paramLabel = "N", defaultValue = "1", description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "worker", description = "A name for status listings.")
        String name;

        @Mixin
        KernelOptions kernelOptions = new KernelOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            address(coordinator, "coordinator");
            List<Path> roots = storageRoots.isEmpty() ? List.of(Path.of(System.getProperty("user.home"))) : storageRoots;
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(stopped::countDown, "filprover-worker-stop");
            Worker w = Worker.builder().coordinator(coordinator).name(name).storageRoots(roots)
                    .threads(Math.max(2, kernelOptions.threads())).slots(slots).backends(KernelOptions.backends())
                    .build();
            try {
                w.start();
                Runtime.getRuntime().addShutdownHook(hook);
                spec.commandLine().getOut().println("worker " + w.id() + " connected to " + coordinator);
                spec.commandLine().getOut().flush();
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
                w.stop();
            }
            return 0;
        }
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

    @Command(name = "await", mixinStandardHelpOptions = true,
            description = {"Waits for a job to end and prints it, with its progress on stderr.",
                "Exit 0 succeeded, 3 its proof was rejected, 2 it failed on its input, 1 otherwise (cancelled, failed, timed out)."})
    static final class Await implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--timeout", paramLabel = "S", description = "Give up after S seconds (default: wait until the job ends).")
        Long timeoutSeconds;

        @Option(names = "--no-progress", description = "Never show the progress bar.")
        boolean noProgress;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (timeoutSeconds != null && timeoutSeconds < 0) {
                throw new InvalidInputException("timeout", "must not be negative, got " + timeoutSeconds);
            }
            Job job = withClient(client, s -> noProgress
                    ? s.await(AwaitRequest.newBuilder().setJobId(jobId)
                            .setTimeoutMs(timeoutSeconds == null ? 0 : timeoutSeconds * 1000).build())
                    : watch(s));
            output.print(spec.commandLine().getOut(), fields(job));
            if (!job.getState().equals(JobState.JOB_STATE_SUCCEEDED) && !job.getState().equals(JobState.JOB_STATE_FAILED)
                    && !job.getState().equals(JobState.JOB_STATE_CANCELLED)) {
                spec.commandLine().getErr().println("await: job " + jobId + " is still " + stateName(job.getState())
                        + " after " + timeoutSeconds + " s");
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            return exitCode(job);
        }

        /** Follows the job's Watch stream, drawing its progress; the last snapshot. */
        private Job watch(ProverServiceGrpc.ProverServiceBlockingStub s) {
            ProverServiceGrpc.ProverServiceBlockingStub stub = timeoutSeconds == null || timeoutSeconds == 0 ? s
                    : s.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
            Job last = null;
            ProgressBar bar = null;
            String task = null;
            try {
                Iterator<Job> it = stub.watch(WatchRequest.newBuilder().setJobId(jobId).build());
                while (it.hasNext()) {
                    last = it.next();
                    if (last.hasProgress() && last.getProgress().getTotal() > 0) {
                        if (bar == null || !last.getProgress().getTask().equals(task)) {
                            if (bar != null) {
                                bar.close();
                            }
                            task = last.getProgress().getTask();
                            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(last.getProgress().getTotal())
                                    .setStyle(ProgressBarStyle.ASCII)
                                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
                        }
                        bar.stepTo(last.getProgress().getDone());
                    }
                }
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                    throw e;
                }
                last = s.getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            return last != null ? last : s.getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
        }
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists jobs, oldest first.")
    static final class Jobs implements Callable<Integer> {
        @Option(names = "--state", paramLabel = "S", description = "queued, running, succeeded, failed or cancelled.")
        String state;

        @Option(names = "--kind", paramLabel = "K", description = "commp, seal-pc1, seal-pc2, seal-c1, window-post, winning-post.")
        String kind;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N jobs (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ListJobsRequest.Builder q = ListJobsRequest.newBuilder();
            if (state != null) {
                q.setState(parseState(state));
            }
            if (kind != null) {
                q.setKind(parseKind(kind));
            }
            List<Job> all = withClient(client, s -> {
                List<Job> out = new ArrayList<>();
                String token = "";
                do {
                    ListJobsResponse page = s.listJobs(q.setPageToken(token).setPageSize(Math.min(1000, Math.max(1, limit))).build());
                    out.addAll(page.getJobsList());
                    token = page.getNextPageToken();
                } while (!token.isEmpty() && out.size() < limit);
                return out;
            });
            PrintWriter w = spec.commandLine().getOut();
            for (Job j : all.subList(0, Math.min(limit, all.size()))) {
                Map<String, Object> m = fields(j);
                if (output.json) {
                    w.println(Json.line(m));
                } else {
                    w.println(String.format("%-24s %-13s %-10s %s", j.getJobId(), kindName(j.getKind()), stateName(j.getState()),
                            m.getOrDefault("comm_p", m.getOrDefault("error", ""))));
                }
            }
            w.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the coordinator's workers, queues and accepted kinds.")
    static final class StatusCmd implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            StatusResponse st = withClient(client, s -> s.getStatus(GetStatusRequest.getDefaultInstance()));
            List<Map<String, Object>> workers = new ArrayList<>();
            for (WorkerStatus w : st.getWorkersList()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("worker_id", w.getWorkerId());
                m.put("host", w.getInfo().getHost());
                m.put("threads", w.getInfo().getThreads());
                m.put("slots", w.getInfo().getSlots());
                m.put("backends", w.getInfo().getDevicesList().stream()
                        .map(d -> d.getBackend() + (d.getAvailable() ? "" : " (unavailable)")).toList());
                m.put("running", w.getRunningJobIdsList());
                workers.add(m);
            }
            Map<String, Object> queues = new LinkedHashMap<>();
            for (QueueDepth q : st.getQueuesList()) {
                queues.put(kindName(q.getKind()), q.getQueued() + " queued, " + q.getRunning() + " running");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("coordinator", client.coordinator);
            out.put("kinds", st.getKindsList().stream().map(ServiceCommands::kindName).toList());
            out.put("workers", output.json ? workers : workers.stream().map(m -> m.get("worker_id") + " " + m.get("backends")
                    + " running " + m.get("running")).toList());
            out.put("queues", queues);
            output.print(spec.commandLine().getOut(), out);
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a job: a queued one ends at once, a running one at its next kernel boundary.")
    static final class Cancel implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "cancelled from the command line")
        String reason;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Job j = withClient(client, s -> s.cancel(CancelRequest.newBuilder().setJobId(jobId).setReason(reason).build()));
            output.print(spec.commandLine().getOut(), fields(j));
            return 0;
        }
    }
}
