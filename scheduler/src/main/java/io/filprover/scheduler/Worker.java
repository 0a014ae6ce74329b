package io.filprover.scheduler;

import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.Device;
import io.filprover.proto.v1.FailRequest;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.HeartbeatResponse;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.LeaseProgress;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.Progress;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.RegisterResponse;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker: registers with a coordinator, holds a Lease stream open, and runs each assignment on its
 * own thread in a {@link JobContext} through the proving API. Heartbeats renew its leases and carry
 * progress; a lease the coordinator reports cancelled is cancelled in its job's context, and the job
 * reports CANCELLED. {@link #stop()} takes no more work, lets running jobs finish for a grace period,
 * then hands the rest back (TEMPORARY) so another worker runs them.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Builder config;
    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final WorkerServiceGrpc.WorkerServiceBlockingStub stub;
    private final StoragePaths paths;
    private final JobRunner runner;
    private final Backends backends;
    private final DeviceHealth health;
    private final ParamsHolder params;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService jobs;
    private final ScheduledExecutorService timer;
    private volatile boolean stopping;
    private volatile String workerId;
    private volatile long heartbeatMs = 1000;
    private volatile ClientCallStreamObserver<LeaseRequest> leaseCall;
    /** Registered, but the Lease stream waits for a free slot (jobs carried over a reconnect fill them). */
    private boolean leaseDeferred;
    /** The next reconnect's delay: doubles from RECONNECT_MIN_MS up to RECONNECT_MAX_MS, reset once registered. */
    private long reconnectMs = RECONNECT_MIN_MS;
    static final long RECONNECT_MIN_MS = 250;
    static final long RECONNECT_MAX_MS = 4_000;
    /** How long a result or failure is retried while the coordinator is unreachable (it may be restarting). */
    static final long REPORT_RETRY_MS = 60_000;

    /** One job this worker runs. */
    private static final class Running {
        final String leaseId;
        final Job job;
        final CancellationToken token = CancellationToken.create();
        volatile Progress progress = Progress.getDefaultInstance();
        volatile boolean handedBack;
        volatile boolean lost;
        /** Asked to yield to a CRITICAL job: reported PREEMPTED, queued again by the coordinator. */
        volatile boolean preempted;
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        Running(String leaseId, Job job) {
            this.leaseId = leaseId;
            this.job = job;
        }
    }

    private Worker(Builder b) {
        this.config = b;
        if (b.channel != null) {
            this.channel = b.channel;
            this.ownsChannel = false;
        } else {
            HostPort a = HostPort.parse(b.coordinator);
            this.channel = TransportSecurity.channel(a, b.credentials);
            this.ownsChannel = true;
        }
        this.stub = WorkerServiceGrpc.newBlockingStub(channel);
        this.paths = new StoragePaths(b.storageRoots);
        var cache = b.parameterCache != null ? b.parameterCache : io.filprover.proofs.params.ParameterCache.fromEnvironment();
        this.runner = new JobRunner(paths, b.parentCacheDir, b.workDir, new BlobClient(channel), b.inlineResultBytes, cache);
        this.backends = b.backends != null ? b.backends : Backends.discover();
        this.health = new DeviceHealth(backends);
        this.params = b.params != null ? b.params : ParamsHolder.of(cache);
        AtomicInteger n = new AtomicInteger();
        this.jobs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "filprover-worker-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "filprover-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Registers and opens the Lease stream; returns once registered. */
    public Worker start() {
        connect();
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The id the coordinator gave this worker. */
    public String id() {
        return workerId;
    }

    private WorkerInfo info() {
        WorkerInfo.Builder b = WorkerInfo.newBuilder().setName(config.name).setThreads(config.threads)
                .setMemoryBytes(config.memoryBytes > 0 ? config.memoryBytes : Runtime.getRuntime().maxMemory())
                .setSlots(config.slots);
        try {
            b.setHost(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            b.setHost("unknown");
        }
        for (Backends.Status s : backends.statuses()) {
            Device.Builder d = Device.newBuilder().setBackend(s.name())
                    .setAvailable(s.availability().available() && health.healthy(s.name()));
            String detail = s.availability().detail() == null ? "" : s.availability().detail();
            if (s.availability().available()) {
                d.setName(detail);
                if (s.name().equals("cpu")) {
                    d.setMemoryBytes(Runtime.getRuntime().maxMemory());
                }
            } else {
                d.setDetail(detail);
            }
            b.addDevices(d);
        }
        for (Path r : paths.roots()) {
            b.addStorageRoots(r.toString());
        }
        config.kinds.stream().sorted().forEach(b::addKinds);
        return b.build();
    }

    /**
     * Registers (again, after the coordinator went away: the id changes) and opens the Lease stream,
     * unless jobs carried over from before still fill every slot: the new registration starts with
     * none counted, so the stream waits until one of them ends ({@link #openLeaseIfDeferred}).
     */
    private synchronized void connect() {
        if (stopping) {
            return;
        }
        RegisterResponse r = stub.register(RegisterRequest.newBuilder().setInfo(info()).build());
        workerId = r.getWorkerId();
        heartbeatMs = r.getHeartbeatMs();
        reconnectMs = RECONNECT_MIN_MS;
        LOG.info("registered as {} (lease {} ms, heartbeat {} ms)", workerId, r.getLeaseMs(), r.getHeartbeatMs());
        if (running.size() >= config.slots) {
            LOG.info("{} job(s) carried over fill every slot: leasing once one ends", running.size());
            leaseDeferred = true;
            return;
        }
        openLease();
    }

    private synchronized void openLeaseIfDeferred() {
        if (leaseDeferred && !stopping && running.size() < config.slots) {
            leaseDeferred = false;
            openLease();
        }
    }

    private void openLease() {
        String id = workerId;
        WorkerServiceGrpc.newStub(channel).lease(LeaseRequest.newBuilder().setWorkerId(id).build(),
                new ClientResponseObserver<LeaseRequest, Assignment>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<LeaseRequest> call) {
                        leaseCall = call;
                    }

                    @Override
                    public void onNext(Assignment a) {
                        accept(a);
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (!stopping) {
                            LOG.warn("lease stream ended: {}; reconnecting", Status.fromThrowable(t));
                            reconnectLater();
                        }
                    }

                    @Override
                    public void onCompleted() {
                        if (!stopping) {
                            reconnectLater();
                        }
                    }
                });
    }

    /** Registers again after a backoff that doubles while the coordinator stays unreachable. */
    private void reconnectLater() {
        long delay;
        synchronized (this) {
            delay = reconnectMs;
            reconnectMs = Math.min(RECONNECT_MAX_MS, reconnectMs * 2);
        }
        try {
            timer.schedule(() -> {
                try {
                    connect();
                } catch (RuntimeException e) {
                    LOG.warn("cannot reach the coordinator: {}", e.toString());
                    reconnectLater();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // stopping
        }
    }

    private void accept(Assignment a) {
        Running r = new Running(a.getLeaseId(), a.getJob());
        running.put(a.getLeaseId(), r);
        if (stopping) {
            r.handedBack = true;
            r.token.cancel("worker stopping");
        }
        jobs.execute(() -> run(r));
    }

    private void heartbeat() {
        String id = workerId;
        if (id == null) {
            return;
        }
        HeartbeatRequest.Builder b = HeartbeatRequest.newBuilder().setWorkerId(id);
        for (Running r : running.values()) {
            b.addLeases(LeaseProgress.newBuilder().setLeaseId(r.leaseId).setProgress(r.progress));
        }
        b.addAllHotParams(params.hot());
        try {
            HeartbeatResponse resp = stub.withDeadlineAfter(Math.max(heartbeatMs, 1000), TimeUnit.MILLISECONDS)
                    .heartbeat(b.build());
            for (String lease : resp.getCancelledLeaseIdsList()) {
                Running r = running.get(lease);
                if (r != null) {
                    r.token.cancel("cancelled by the coordinator");
                }
            }
            for (String lease : resp.getPreemptedLeaseIdsList()) {
                Running r = running.get(lease);
                if (r != null) {
                    r.preempted = true;
                    r.token.cancel("preempted by a higher-priority job");
                }
            }
            if (resp.getEvictAllParams() || resp.getEvictParamsCount() > 0 || resp.getPreloadParamsCount() > 0) {
                // loading maps a large file: not on the heartbeat thread
                jobs.execute(() -> {
                    if (resp.getEvictAllParams()) {
                        params.evictAll();
                    }
                    resp.getEvictParamsList().forEach(params::evict);
                    resp.getPreloadParamsList().forEach(params::preload);
                });
            }
            for (String lease : resp.getLostLeaseIdsList()) {
                Running r = running.get(lease);
                if (r != null) {
                    r.lost = true;
                    r.token.cancel("lease lost");
                }
            }
        } catch (StatusRuntimeException e) {
            LOG.debug("heartbeat failed: {}", e.getStatus());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed", e);
        }
    }

    private void run(Running r) {
        JobRequest req = r.job.getRequest();
        String chosen = "auto";
        long start = System.currentTimeMillis();
        // every line logged on this thread while the job runs names it (logback: %X{job_id}, %X{lease_id})
        MDC.put("job_id", r.job.getJobId());
        MDC.put("lease_id", r.leaseId);
        LOG.info("job {} ({}) started, attempt {}", r.job.getJobId(), CoordinatorMetrics.label(r.job.getKind()),
                r.job.getAttempts());
        try {
            JobResult.Builder result;
            String backend = health.choose(req.getBackend().isEmpty() ? "auto" : req.getBackend());
            chosen = backend;
            int threads = req.getThreads() == 0 ? config.threads : req.getThreads();
            ProgressSink sink = (task, done, total) ->
                    r.progress = Progress.newBuilder().setTask(task).setDone(done).setTotal(total).build();
            String backendName;
            List<StageTimes.Stage> stages;
            try (JobContext ctx = JobContext.open(backends, backend, threads, sink, r.token, config.workDir)) {
                backendName = ctx.backendName();
                result = runner.run(r.leaseId, req, ctx);
                stages = ctx.stageTimes().stages();
                // never silent: a device that failed mid-job and was replaced by the CPU shows in the result
                result.setCpuFallbacks(ctx.fallbacks());
            }
            runner.offloadLargePayloads(result);
            JobRunner.addTimings(result, r.job, stages, System.currentTimeMillis() - start, workerId, backendName);
            if (r.lost) {
                return;
            }
            boolean ok = retrying(() -> stub.complete(CompleteRequest.newBuilder().setLeaseId(r.leaseId)
                    .setResult(result).build()).getAccepted());
            if (!ok) {
                LOG.info("result of job {} refused: lease {} no longer current", r.job.getJobId(), r.leaseId);
            }
        } catch (Throwable t) {
            if (t instanceof Error && !(t instanceof OutOfMemoryError)) {
                LOG.error("job {} failed", r.job.getJobId(), t);
            }
            JobError err = r.preempted ? ErrorClasses.preempted() : ErrorClasses.of(t, r.handedBack);
            if (err.getErrorClass() == io.filprover.proto.v1.ErrorClass.ERROR_CLASS_DEVICE) {
                health.markUnhealthy(chosen);
            }
            LOG.info("job {} failed: {} {}", r.job.getJobId(), err.getErrorClass(), err.getMessage());
            if (!r.lost) {
                try {
                    retrying(() -> stub.fail(FailRequest.newBuilder().setLeaseId(r.leaseId).setError(err).build()));
                } catch (RuntimeException e) {
                    LOG.warn("could not report the failure of job {}: {}", r.job.getJobId(), e.toString());
                }
            }
        } finally {
            running.remove(r.leaseId);
            r.done.countDown();
            openLeaseIfDeferred();
            MDC.remove("job_id");
            MDC.remove("lease_id");
        }
    }

    /**
     * A call to the coordinator, retried with backoff while it is unavailable for up to
     * {@link #REPORT_RETRY_MS} (a coordinator restarting on its durable store takes the report after).
     */
    private <T> T retrying(java.util.function.Supplier<T> call) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_RETRY_MS);
        long wait = 250;
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = Math.min(2_000, wait * 2);
            }
        }
    }

    /** How many jobs run now. */
    public int running() {
        return running.size();
    }

    /**
     * Takes no more work; waits up to the grace period for running jobs, then hands the rest back
     * (they end at their next kernel boundary and are reported TEMPORARY); closes the connection.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        ClientCallStreamObserver<LeaseRequest> call = leaseCall;
        if (call != null) {
            call.cancel("worker stopping", null);
        }
        long end = System.nanoTime() + config.grace.toNanos();
        try {
            for (Running r : List.copyOf(running.values())) {
                r.done.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (Running r : List.copyOf(running.values())) {
                r.handedBack = true;
                r.token.cancel("worker stopping");
            }
            // keep renewing while the handed-back jobs reach their next kernel boundary; a job blocked
            // outside the kernels (an open() of a FIFO nobody writes) is left to its lease's expiry
            long handBackEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Running r : List.copyOf(running.values())) {
                while (!r.done.await(Math.max(100, heartbeatMs), TimeUnit.MILLISECONDS)
                        && System.nanoTime() < handBackEnd) {
                    heartbeat();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        jobs.shutdownNow();
        if (ownsChannel) {
            channel.shutdown();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** How a worker is set up. */
    public static final class Builder {
        private String coordinator = "127.0.0.1:7777";
        private ManagedChannel channel;
        private io.grpc.ChannelCredentials credentials = io.grpc.InsecureChannelCredentials.create();
        private String name = "worker";
        private List<Path> storageRoots = new ArrayList<>();
        private int slots = 1;
        private int threads = Math.max(2, Math.min(Runtime.getRuntime().availableProcessors(), 1024));
        private Set<JobKind> kinds = Coordinator.RUNNABLE_KINDS;
        private Path parentCacheDir = ParentCache.defaultDirectory();
        private Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "filprover-worker");
        private Backends backends;
        private java.time.Duration grace = java.time.Duration.ofSeconds(30);
        private int inlineResultBytes = JobRunner.INLINE_RESULT_BYTES;
        private long memoryBytes;
        private ParamsHolder params;
        private io.filprover.proofs.params.ParameterCache parameterCache;

        /** The RAM it advertises for placement (0: the JVM's maximum heap). */
        public Builder memoryBytes(long n) {
            this.memoryBytes = n;
            return this;
        }

        /** The parameter holder (tests); by default one over FIL_PROOFS_PARAMETER_CACHE. */
        Builder params(ParamsHolder p) {
            this.params = p;
            return this;
        }

        /** Where SEAL_C2 and PreloadParams find parameter files; by default FIL_PROOFS_PARAMETER_CACHE's directory. */
        public Builder parameterCache(io.filprover.proofs.params.ParameterCache c) {
            this.parameterCache = c;
            return this;
        }

        /** TLS, a client certificate and the bearer token for the coordinator ({@link TransportSecurity#client}). */
        public Builder credentials(io.grpc.ChannelCredentials c) {
            this.credentials = java.util.Objects.requireNonNull(c, "credentials");
            return this;
        }

        /** The coordinator's HOST:PORT (plaintext gRPC unless {@link #credentials} say otherwise). */
        public Builder coordinator(String hostPort) {
            this.coordinator = hostPort;
            return this;
        }

        /** A channel to use instead (in-process tests); not closed by the worker. */
        public Builder channel(ManagedChannel c) {
            this.channel = c;
            return this;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder storageRoots(List<Path> roots) {
            this.storageRoots = new ArrayList<>(roots);
            return this;
        }

        /** Jobs run at once. */
        public Builder slots(int n) {
            this.slots = n;
            return this;
        }

        /** Threads per job when the request names none. */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder kinds(Set<JobKind> k) {
            this.kinds = Set.copyOf(k);
            return this;
        }

        public Builder parentCacheDir(Path p) {
            this.parentCacheDir = p;
            return this;
        }

        /** Where temporary outputs (PoSt proofs, C1 JSON) are written before they travel in the result. */
        public Builder workDir(Path p) {
            this.workDir = p;
            return this;
        }

        public Builder backends(Backends b) {
            this.backends = b;
            return this;
        }

        /** How long {@link #stop()} lets running jobs finish before handing them back. */
        public Builder grace(java.time.Duration d) {
            this.grace = d;
            return this;
        }

        /** Result payloads above this size are uploaded as blobs instead of sent inside Complete. */
        public Builder inlineResultBytes(int n) {
            this.inlineResultBytes = n;
            return this;
        }

        public Worker build() {
            return new Worker(this);
        }
    }
}
