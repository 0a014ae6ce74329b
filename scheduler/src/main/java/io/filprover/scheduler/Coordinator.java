package io.filprover.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.filprover.proto.v1.BlobServiceGrpc;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Progress;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SubmitResponse;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.filprover.scheduler.store.JobStore;
import io.grpc.Context;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The coordinator: serves {@code ProverService} to clients and {@code WorkerService} to workers over a
 * {@link JobStore}, with the gRPC health and reflection services. Jobs are validated before they are
 * stored; workers pull them through their Lease streams; a ticker returns expired leases to the queue.
 * Waiters block on change signals, never spin: Lease streams on {@code work} (fired when a job may be
 * claimable or a slot was freed), Await and Watch on their job's stripe of {@code jobSignals} (fired
 * when that job changes), so a change wakes only those who wait for it; events that may touch any job
 * (expired leases, a result under a lease another coordinator issued, stop) fire every stripe.
 * Start with {@link #start()}, end with {@link #stop()}.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    /** The kinds that have an engine: all of them (a coordinator built with fewer refuses the rest). */
    public static final Set<JobKind> RUNNABLE_KINDS = Set.copyOf(EnumSet.of(JobKind.JOB_KIND_COMMP,
            JobKind.JOB_KIND_SEAL_PC1, JobKind.JOB_KIND_SEAL_PC2, JobKind.JOB_KIND_SEAL_C1, JobKind.JOB_KIND_SEAL_C2,
            JobKind.JOB_KIND_WINDOW_POST, JobKind.JOB_KIND_WINNING_POST));

    final CoordinatorConfig config;
    final JobStore store;
    final LongSupplier clock;
    private final RequestValidator validator;
    /** Lease streams wait on this: a job was queued or requeued, or a slot was freed. */
    final Signal work = new Signal();
    /** Await and Watch wait on their job's stripe: one waiter is woken by its own job's changes only. */
    private final Signal[] jobSignals = new Signal[64];
    final Map<String, WorkerEntry> workers = new ConcurrentHashMap<>();
    final Map<String, LeaseEntry> leases = new ConcurrentHashMap<>();
    final Map<String, Progress> progress = new ConcurrentHashMap<>();
    final AtomicBoolean running = new AtomicBoolean();
    /** Placement, preemption and admission (docs/operations.md "Scheduling"). */
    final Scheduler scheduler = new Scheduler(this);
    private final HealthStatusManager health = new HealthStatusManager();
    final CoordinatorMetrics metrics;
    private ExecutorService executor;
    private ScheduledExecutorService ticker;
    private Server server;
    private Server localServer;
    private String localName;
    private StatusHttpServer http;

    Coordinator(CoordinatorConfig b) {
        this.config = b;
        this.store = Objects.requireNonNull(b.store, "store");
        this.clock = b.clock;
        this.validator = new RequestValidator(new StoragePaths(b.storageRoots), b.maxInlineBytes, b.kinds,
                id -> store.blobs().find(id).isPresent());
        for (int i = 0; i < jobSignals.length; i++) {
            jobSignals[i] = new Signal();
        }
        this.metrics = new CoordinatorMetrics(this, b.kinds);
    }

    Signal jobSignal(String jobId) {
        return jobSignals[(jobId.hashCode() & 0x7fffffff) % jobSignals.length];
    }

    /** The job changed: wakes its Await and Watch calls. */
    void changed(String jobId) {
        jobSignal(jobId).fire();
    }

    /** Any job may have changed (and may be claimable): wakes every waiter. */
    private void changedAll() {
        for (Signal s : jobSignals) {
            s.fire();
        }
        work.fire();
    }

    public static CoordinatorConfig builder(JobStore store) {
        return new CoordinatorConfig().store(store);
    }

    /** Binds the server and starts the lease ticker. */
    public synchronized Coordinator start() throws IOException {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "filprover-coordinator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ServerBuilder<?> sb;
        if (config.inProcessName != null) {
            sb = InProcessServerBuilder.forName(config.inProcessName);
        } else {
            sb = NettyServerBuilder.forAddress(new InetSocketAddress(config.listen.host(), config.listen.port()),
                    config.credentials);
        }
        if (config.tokens != null) {
            sb.intercept(AuthInterceptor.tokens(config.tokens));
        }
        server = services(sb).addService(new AdminServiceImpl(this))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build().start();
        if (config.inProcessName == null && (config.tokens != null || !(config.credentials instanceof InsecureServerCredentials))) {
            // the embedded local worker cannot hold a token or a client certificate: it gets an
            // in-process door of its own, as a worker, that nothing outside this JVM can reach
            localName = "filprover-local-" + UUID.randomUUID();
            localServer = services(InProcessServerBuilder.forName(localName))
                    .intercept(AuthInterceptor.fixed(new Principal("local", Role.WORKER))).build().start();
        }
        health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(ProverServiceGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(WorkerServiceGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(BlobServiceGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "filprover-lease-ticker");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, config.leaseMs / 4);
        ticker.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        long preemptPeriod = Math.max(10, config.heartbeatMs / 2);
        ticker.scheduleWithFixedDelay(scheduler::preemptIfNeeded, preemptPeriod, preemptPeriod, TimeUnit.MILLISECONDS);
        long sweepPeriod = Math.max(1000, Math.min(config.blobTtlMs / 4, 3_600_000L));
        ticker.scheduleWithFixedDelay(() -> BlobServiceImpl.sweep(this), sweepPeriod, sweepPeriod, TimeUnit.MILLISECONDS);
        LOG.info("coordinator listening on {}", address());
        if (config.http != null) {
            try {
                http = StatusHttpServer.start(this, config.http, config.httpAnyPortIfTaken);
            } catch (IOException | RuntimeException e) {
                stop();
                throw e;
            }
            LOG.info("metrics on http://{}/metrics, status page on http://{}/", httpAddress(), httpAddress());
        }
        return this;
    }

    private ServerBuilder<?> services(ServerBuilder<?> sb) {
        return sb.executor(executor)
                .maxInboundMessageSize(config.maxInlineBytes + (1 << 20))
                .addService(new ProverServiceImpl(this))
                .addService(new WorkerServiceImpl(this))
                .addService(new BlobServiceImpl(this));
    }

    /**
     * A channel for a worker in this process when tokens or TLS are on (the listener then wants
     * what an in-process worker has not), else null: connect to {@link #address()}. Close it after.
     */
    public ManagedChannel localChannel() {
        return localName == null ? null : InProcessChannelBuilder.forName(localName).build();
    }

    /** Where clients reach it: HOST:PORT (the bound port when 0 was asked), or the in-process name. */
    public String address() {
        if (config.inProcessName != null) {
            return config.inProcessName;
        }
        return new HostPort(config.listen.host(), server.getPort()).toString();
    }

    public int port() {
        return server.getPort();
    }

    /** HOST:PORT of /metrics and the status page, or null when started without {@link CoordinatorConfig#http}. */
    public String httpAddress() {
        return http == null ? null : http.address().toString();
    }

    /** Stops serving: waiters are released, streams end, the server shuts down. The store is not closed. */
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        health.enterTerminalState();
        changedAll();
        if (http != null) {
            http.stop();
        }
        ticker.shutdownNow();
        if (localServer != null) {
            localServer.shutdownNow();
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void expire() {
        try {
            int n = store.expireLeases(clock.getAsLong());
            metrics.leasesExpired(n);
            if (n > 0) {
                LOG.info("{} expired lease(s) returned to the queue", n);
                changedAll();
            }
        } catch (RuntimeException e) {
            LOG.warn("expiring leases failed", e);
        }
    }

    // ---- conversions -------------------------------------------------------------------------

    Job toProto(JobStore.StoredJob j) {
        Job.Builder b = Job.newBuilder()
                .setJobId(j.jobId())
                .setRequestId(j.requestId())
                .setKind(j.kind())
                .setState(j.state())
                .setPriority(j.priority())
                .setCreatedUnixMs(j.createdUnixMs())
                .setStartedUnixMs(j.startedUnixMs())
                .setFinishedUnixMs(j.finishedUnixMs())
                .setAttempts(j.attempts())
                .setWorkerId(j.workerId() == null ? "" : j.workerId());
        try {
            if (j.request() != null) {
                b.setRequest(JobRequest.parseFrom(j.request()));
            }
            if (j.result() != null) {
                b.setResult(JobResult.parseFrom(j.result()));
            }
            if (j.error() != null) {
                b.setError(JobError.parseFrom(j.error()));
            }
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("job " + j.jobId() + " is stored damaged: " + e.getMessage())
                    .asRuntimeException();
        }
        if (j.state() == JobState.JOB_STATE_RUNNING) {
            Progress p = progress.get(j.jobId());
            if (p != null) {
                b.setProgress(p);
            }
        }
        return b.build();
    }

    static boolean ended(JobState s) {
        return s == JobState.JOB_STATE_SUCCEEDED || s == JobState.JOB_STATE_FAILED || s == JobState.JOB_STATE_CANCELLED;
    }

    JobStore.StoredJob find(String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            throw invalid("job_id: missing");
        }
        StatusRuntimeException none = Status.NOT_FOUND.withDescription("job_id: no job " + jobId).asRuntimeException();
        JobStore.StoredJob j = store.get(jobId).orElseThrow(() -> none);
        // another client's job is NOT_FOUND, as if it did not exist: ids are not confirmed to strangers
        if (!AuthInterceptor.mayRead(j)) {
            throw none;
        }
        return j;
    }

    static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    /** Runs a unary call, mapping validation failures and unexpected errors to gRPC statuses. */
    static <T> void unary(StreamObserver<T> obs, java.util.function.Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            obs.onError(status(e));
            return;
        }
        obs.onNext(value);
        obs.onCompleted();
    }

    /** The one place coordinator failures become gRPC statuses. */
    static StatusRuntimeException status(Throwable e) {
        if (e instanceof StatusRuntimeException) {
            return (StatusRuntimeException) e;
        }
        if (e instanceof StoragePaths.FieldException || e instanceof io.filprover.scheduler.store.BlobStore.BadUploadException) {
            return invalid(e.getMessage());
        }
        if (e instanceof RequestValidator.UnimplementedException) {
            return Status.UNIMPLEMENTED.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof JobStore.DuplicateRequestException) {
            return Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException();
        }
        LOG.warn("request failed", e);
        return Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException();
    }

    // ---- ProverService -----------------------------------------------------------------------

    SubmitResponse submit(JobRequest given) {
        JobRequest request = validator.validate(given);
        JobKind kind = RequestValidator.kindOf(request);
        String requestId = request.getRequestId().isEmpty() ? UUID.randomUUID().toString() : request.getRequestId();
        Principal caller = AuthInterceptor.caller();
        JobRequest stored = request.toBuilder().setRequestId(requestId).setOwner(caller == null ? "" : caller.name()).build();
        JobNeeds needs = JobNeeds.of(stored);
        scheduler.admit(stored, kind, stored.getPriority(), needs, clock.getAsLong());
        JobStore.SubmitOutcome out = store.submit(new JobStore.NewJob(requestId, kind, stored.getPriority(),
                stored.getDeadlineUnixMs(), stored.toByteArray(), needs.ramBytes(), needs.gpuBytes(), needs.params()),
                clock.getAsLong());
        for (String blob : BlobServiceImpl.namedBy(stored)) {
            store.blobs().reference(blob, out.job().jobId());
        }
        if (out.created()) {
            work.fire();
            if (out.job().priority() == io.filprover.proto.v1.Priority.PRIORITY_CRITICAL) {
                scheduler.preemptIfNeeded();
            }
        }
        return SubmitResponse.newBuilder().setJob(toProto(out.job())).setCreated(out.created()).build();
    }

    /** Blocks until the job ends, {@code timeoutMs} passes (0: no timeout), the call is cancelled or the coordinator stops. */
    Job await(String jobId, long timeoutMs) {
        long end = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : Long.MAX_VALUE;
        Context call = Context.current();
        while (true) {
            Signal signal = jobSignal(jobId);
            long seen = signal.version();
            JobStore.StoredJob j = find(jobId);
            long left = end == Long.MAX_VALUE ? Long.MAX_VALUE : (end - System.nanoTime()) / 1_000_000L;
            if (ended(j.state()) || left <= 0 || call.isCancelled() || !running.get()) {
                return toProto(j);
            }
            try {
                // re-read at least each second: another coordinator may share the store
                signal.await(seen, Math.min(left, 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
        }
    }

    // ---- WorkerService -----------------------------------------------------------------------

    WorkerEntry worker(String id) {
        WorkerEntry w = workers.get(id);
        if (w == null) {
            throw Status.NOT_FOUND.withDescription("worker_id: no registered worker " + id + "; register again")
                    .asRuntimeException();
        }
        return w;
    }

    /** Forgets a lease this coordinator handed out; its slot is free again. */
    LeaseEntry release(String leaseId) {
        LeaseEntry e = leases.remove(leaseId);
        scheduler.ended(leaseId);
        if (e != null) {
            progress.remove(e.jobId());
            WorkerEntry w = workers.get(e.workerId());
            if (w != null) {
                w.active.remove(leaseId);
            }
        }
        return e;
    }

    /**
     * A lease ended (completed or failed): its job's waiters wake, and its slot is free (a failed job
     * may also be queued again). A lease this coordinator did not hand out (another coordinator on the
     * same store, or before a restart) names no job here, so every waiter wakes.
     */
    void ended(LeaseEntry e) {
        if (e != null) {
            changed(e.jobId());
            work.fire();
        } else {
            changedAll();
        }
    }
}
