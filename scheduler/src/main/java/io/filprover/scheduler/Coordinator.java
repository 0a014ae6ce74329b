package io.filprover.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.CompleteResponse;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.FailRequest;
import io.filprover.proto.v1.FailResponse;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.HeartbeatResponse;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.LeaseProgress;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ListJobsResponse;
import io.filprover.proto.v1.Progress;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.QueueDepth;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.RegisterResponse;
import io.filprover.proto.v1.StatusResponse;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import io.filprover.proto.v1.WatchRequest;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.filprover.proto.v1.WorkerStatus;
import io.filprover.scheduler.store.JobStore;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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

    /** The kinds that have an engine today (SEAL_C2 waits for the circuits). */
    public static final Set<JobKind> RUNNABLE_KINDS = Set.copyOf(EnumSet.of(JobKind.JOB_KIND_COMMP,
            JobKind.JOB_KIND_SEAL_PC1, JobKind.JOB_KIND_SEAL_PC2, JobKind.JOB_KIND_SEAL_C1,
            JobKind.JOB_KIND_WINDOW_POST, JobKind.JOB_KIND_WINNING_POST));

    private final Builder config;
    private final JobStore store;
    private final LongSupplier clock;
    private final RequestValidator validator;
    /** Lease streams wait on this: a job was queued or requeued, or a slot was freed. */
    private final Signal work = new Signal();
    /** Await and Watch wait on their job's stripe: one waiter is woken by its own job's changes only. */
    private final Signal[] jobSignals = new Signal[64];
    private final Map<String, WorkerEntry> workers = new ConcurrentHashMap<>();
    private final Map<String, LeaseEntry> leases = new ConcurrentHashMap<>();
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final HealthStatusManager health = new HealthStatusManager();
    private ExecutorService executor;
    private ScheduledExecutorService ticker;
    private Server server;

    private Coordinator(Builder b) {
        this.config = b;
        this.store = Objects.requireNonNull(b.store, "store");
        this.clock = b.clock;
        this.validator = new RequestValidator(new StoragePaths(b.storageRoots), b.maxInlineBytes, b.kinds);
        for (int i = 0; i < jobSignals.length; i++) {
            jobSignals[i] = new Signal();
        }
    }

    private Signal jobSignal(String jobId) {
        return jobSignals[(jobId.hashCode() & 0x7fffffff) % jobSignals.length];
    }

    /** The job changed: wakes its Await and Watch calls. */
    private void changed(String jobId) {
        jobSignal(jobId).fire();
    }

    /** Any job may have changed (and may be claimable): wakes every waiter. */
    private void changedAll() {
        for (Signal s : jobSignals) {
            s.fire();
        }
        work.fire();
    }

    public static Builder builder(JobStore store) {
        return new Builder().store(store);
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
            sb = NettyServerBuilder.forAddress(new InetSocketAddress(config.listen.host(), config.listen.port()));
        }
        sb.executor(executor)
                .maxInboundMessageSize(config.maxInlineBytes + (1 << 20))
                .addService(new ProverImpl())
                .addService(new WorkerImpl())
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance());
        server = sb.build().start();
        health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(ProverServiceGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus(WorkerServiceGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "filprover-lease-ticker");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, config.leaseMs / 4);
        ticker.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        LOG.info("coordinator listening on {}", address());
        return this;
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

    /** Stops serving: waiters are released, streams end, the server shuts down. The store is not closed. */
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        health.enterTerminalState();
        changedAll();
        ticker.shutdownNow();
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
            if (n > 0) {
                LOG.info("{} expired lease(s) returned to the queue", n);
                changedAll();
            }
        } catch (RuntimeException e) {
            LOG.warn("expiring leases failed", e);
        }
    }

    // ---- conversions -------------------------------------------------------------------------

    private Job toProto(JobStore.StoredJob j) {
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

    private JobStore.StoredJob find(String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            throw invalid("job_id: missing");
        }
        return store.get(jobId).orElseThrow(() -> Status.NOT_FOUND.withDescription("job_id: no job " + jobId)
                .asRuntimeException());
    }

    private static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    /** Runs a unary call, mapping validation failures and unexpected errors to gRPC statuses. */
    private static <T> void unary(StreamObserver<T> obs, java.util.function.Supplier<T> call) {
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
        if (e instanceof StoragePaths.FieldException) {
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

    private SubmitResponse submit(JobRequest given) {
        JobRequest request = validator.validate(given);
        JobKind kind = RequestValidator.kindOf(request);
        String requestId = request.getRequestId().isEmpty() ? UUID.randomUUID().toString() : request.getRequestId();
        JobRequest stored = request.toBuilder().setRequestId(requestId).build();
        JobStore.SubmitOutcome out = store.submit(new JobStore.NewJob(requestId, kind, stored.getPriority(),
                stored.getDeadlineUnixMs(), stored.toByteArray()), clock.getAsLong());
        if (out.created()) {
            work.fire();
        }
        return SubmitResponse.newBuilder().setJob(toProto(out.job())).setCreated(out.created()).build();
    }

    /** Blocks until the job ends, {@code timeoutMs} passes (0: no timeout), the call is cancelled or the coordinator stops. */
    private Job await(String jobId, long timeoutMs) {
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

    private final class ProverImpl extends ProverServiceGrpc.ProverServiceImplBase {
        @Override
        public void submit(SubmitRequest request, StreamObserver<SubmitResponse> obs) {
            unary(obs, () -> {
                if (!request.hasRequest()) {
                    throw invalid("request: missing");
                }
                return Coordinator.this.submit(request.getRequest());
            });
        }

        @Override
        public void await(AwaitRequest request, StreamObserver<Job> obs) {
            unary(obs, () -> {
                if (request.getTimeoutMs() < 0) {
                    throw invalid("timeout_ms: must not be negative, got " + request.getTimeoutMs());
                }
                return Coordinator.this.await(request.getJobId(), request.getTimeoutMs());
            });
        }

        @Override
        public void prove(JobRequest request, StreamObserver<Job> obs) {
            unary(obs, () -> Coordinator.this.await(Coordinator.this.submit(request).getJob().getJobId(), 0));
        }

        @Override
        public void watch(WatchRequest request, StreamObserver<Job> obs) {
            ServerCallStreamObserver<Job> so = (ServerCallStreamObserver<Job>) obs;
            AtomicBoolean cancelled = new AtomicBoolean();
            Signal signal = jobSignal(request.getJobId());
            so.setOnCancelHandler(() -> {
                cancelled.set(true);
                signal.fire();
            });
            try {
                Job last = null;
                while (!cancelled.get()) {
                    long seen = signal.version();
                    Job now = toProto(find(request.getJobId()));
                    if (last == null || !sameView(last, now)) {
                        so.onNext(now);
                        last = now;
                    }
                    if (ended(now.getState())) {
                        so.onCompleted();
                        return;
                    }
                    if (!running.get()) {
                        so.onError(Status.UNAVAILABLE.withDescription("coordinator stopping").asRuntimeException());
                        return;
                    }
                    signal.await(seen, 1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                so.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
            } catch (RuntimeException e) {
                if (!cancelled.get()) {
                    so.onError(status(e));
                }
            }
        }

        private boolean sameView(Job a, Job b) {
            return a.getState() == b.getState() && a.getAttempts() == b.getAttempts()
                    && a.getProgress().equals(b.getProgress()) && a.getWorkerId().equals(b.getWorkerId());
        }

        @Override
        public void cancel(CancelRequest request, StreamObserver<Job> obs) {
            unary(obs, () -> {
                find(request.getJobId());
                JobStore.StoredJob j = store.cancel(request.getJobId(),
                        request.getReason().isEmpty() ? "cancelled by a client" : request.getReason(), clock.getAsLong())
                        .orElseThrow(() -> Status.NOT_FOUND.withDescription("job_id: no job " + request.getJobId())
                                .asRuntimeException());
                changed(j.jobId());
                return toProto(j);
            });
        }

        @Override
        public void getJob(GetJobRequest request, StreamObserver<Job> obs) {
            unary(obs, () -> toProto(find(request.getJobId())));
        }

        @Override
        public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> obs) {
            unary(obs, () -> {
                if (request.getState() == JobState.UNRECOGNIZED) {
                    throw invalid("state: unknown value " + request.getStateValue());
                }
                if (request.getKind() == JobKind.UNRECOGNIZED) {
                    throw invalid("kind: unknown value " + request.getKindValue());
                }
                if (request.getSinceUnixMs() < 0) {
                    throw invalid("since_unix_ms: must not be negative");
                }
                int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
                if (size < 0 || size > 1000) {
                    throw invalid("page_size: must be at most 1000, got " + Integer.toUnsignedString(request.getPageSize()));
                }
                JobStore.JobFilter filter = new JobStore.JobFilter(
                        request.getState() == JobState.JOB_STATE_UNSPECIFIED ? null : request.getState(),
                        request.getKind() == JobKind.JOB_KIND_UNSPECIFIED ? null : request.getKind(),
                        request.getSinceUnixMs());
                String after = request.getPageToken().isEmpty() ? null : request.getPageToken();
                List<JobStore.StoredJob> page = store.list(filter, size + 1, after);
                ListJobsResponse.Builder b = ListJobsResponse.newBuilder();
                for (int i = 0; i < Math.min(size, page.size()); i++) {
                    b.addJobs(toProto(page.get(i)));
                }
                if (page.size() > size) {
                    b.setNextPageToken(page.get(size - 1).jobId());
                }
                return b.build();
            });
        }

        @Override
        public void getStatus(GetStatusRequest request, StreamObserver<StatusResponse> obs) {
            unary(obs, () -> {
                StatusResponse.Builder b = StatusResponse.newBuilder();
                for (WorkerEntry w : workers.values()) {
                    if (!w.connected) {
                        continue;
                    }
                    WorkerStatus.Builder ws = WorkerStatus.newBuilder().setWorkerId(w.id).setInfo(w.info)
                            .setLastSeenUnixMs(w.lastSeen);
                    for (String lease : w.active) {
                        LeaseEntry e = leases.get(lease);
                        if (e != null) {
                            ws.addRunningJobIds(e.jobId);
                        }
                    }
                    b.addWorkers(ws);
                }
                Map<JobKind, JobStore.Depth> depths = store.depths();
                for (JobKind k : JobKind.values()) {
                    if (k == JobKind.UNRECOGNIZED || k == JobKind.JOB_KIND_UNSPECIFIED) {
                        continue;
                    }
                    JobStore.Depth d = depths.get(k);
                    if (d != null || config.kinds.contains(k)) {
                        b.addQueues(QueueDepth.newBuilder().setKind(k).setQueued(d == null ? 0 : d.queued())
                                .setRunning(d == null ? 0 : d.running()));
                    }
                }
                config.kinds.stream().sorted().forEach(b::addKinds);
                return b.build();
            });
        }
    }

    // ---- WorkerService -----------------------------------------------------------------------

    private static final class WorkerEntry {
        final String id;
        final WorkerInfo info;
        final Set<JobKind> kinds;
        final int slots;
        final Set<String> active = ConcurrentHashMap.newKeySet();
        volatile long lastSeen;
        volatile boolean connected = true;

        WorkerEntry(String id, WorkerInfo info, Set<JobKind> kinds, int slots, long now) {
            this.id = id;
            this.info = info;
            this.kinds = kinds;
            this.slots = slots;
            this.lastSeen = now;
        }
    }

    private record LeaseEntry(String workerId, String jobId) {
    }

    private WorkerEntry worker(String id) {
        WorkerEntry w = workers.get(id);
        if (w == null) {
            throw Status.NOT_FOUND.withDescription("worker_id: no registered worker " + id + "; register again")
                    .asRuntimeException();
        }
        return w;
    }

    /** Forgets a lease this coordinator handed out; its slot is free again. */
    private LeaseEntry release(String leaseId) {
        LeaseEntry e = leases.remove(leaseId);
        if (e != null) {
            progress.remove(e.jobId);
            WorkerEntry w = workers.get(e.workerId);
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
    private void ended(LeaseEntry e) {
        if (e != null) {
            changed(e.jobId);
            work.fire();
        } else {
            changedAll();
        }
    }

    private final class WorkerImpl extends WorkerServiceGrpc.WorkerServiceImplBase {
        @Override
        public void register(RegisterRequest request, StreamObserver<RegisterResponse> obs) {
            unary(obs, () -> {
                WorkerInfo info = request.getInfo();
                Set<JobKind> kinds = EnumSet.noneOf(JobKind.class);
                for (JobKind k : info.getKindsList()) {
                    if (config.kinds.contains(k)) {
                        kinds.add(k);
                    }
                }
                if (kinds.isEmpty()) {
                    throw invalid("info.kinds: none of the kinds this coordinator runs " + config.kinds);
                }
                int slots = info.getSlots() == 0 ? 1 : info.getSlots();
                if (slots < 0 || slots > 1024) {
                    throw invalid("info.slots: must be at most 1024");
                }
                String id = (info.getName().isEmpty() ? "worker" : info.getName()) + "-"
                        + UUID.randomUUID().toString().substring(0, 8);
                workers.put(id, new WorkerEntry(id, info, kinds, slots, clock.getAsLong()));
                LOG.info("worker {} registered: kinds {}, {} slot(s)", id, kinds, slots);
                return RegisterResponse.newBuilder().setWorkerId(id).setLeaseMs(config.leaseMs)
                        .setHeartbeatMs(config.heartbeatMs).build();
            });
        }

        @Override
        public void lease(LeaseRequest request, StreamObserver<Assignment> obs) {
            WorkerEntry w;
            try {
                w = worker(request.getWorkerId());
            } catch (RuntimeException e) {
                obs.onError(status(e));
                return;
            }
            ServerCallStreamObserver<Assignment> so = (ServerCallStreamObserver<Assignment>) obs;
            AtomicBoolean closed = new AtomicBoolean();
            so.setOnCancelHandler(() -> {
                closed.set(true);
                work.fire();
            });
            w.connected = true;
            try {
                while (!closed.get() && running.get()) {
                    long seen = work.version();
                    while (w.active.size() < w.slots && !closed.get()) {
                        long now = clock.getAsLong();
                        var lease = store.claim(w.id, w.kinds, config.leaseMs, now);
                        if (lease.isEmpty()) {
                            break;
                        }
                        JobStore.Lease l = lease.get();
                        leases.put(l.leaseId(), new LeaseEntry(w.id, l.job().jobId()));
                        w.active.add(l.leaseId());
                        try {
                            so.onNext(Assignment.newBuilder().setLeaseId(l.leaseId()).setJob(toProto(l.job()))
                                    .setLeaseDeadlineUnixMs(l.deadlineUnixMs()).build());
                        } catch (RuntimeException e) {
                            // the worker went away between the claim and the push: hand the job back
                            release(l.leaseId());
                            store.fail(l.leaseId(), ErrorClass.ERROR_CLASS_TEMPORARY, JobError.newBuilder()
                                    .setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind("INTERNAL")
                                    .setMessage("the assignment could not be delivered to " + w.id).build().toByteArray(),
                                    clock.getAsLong());
                            throw e;
                        }
                        changed(l.job().jobId());
                    }
                    work.await(seen, config.pollMs);
                }
                if (!closed.get()) {
                    so.onCompleted();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!closed.get()) {
                    so.onError(status(e));
                }
            } finally {
                w.connected = false;
            }
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> obs) {
            unary(obs, () -> {
                WorkerEntry w = worker(request.getWorkerId());
                long now = clock.getAsLong();
                w.lastSeen = now;
                HeartbeatResponse.Builder b = HeartbeatResponse.newBuilder();
                for (LeaseProgress lp : request.getLeasesList()) {
                    String id = lp.getLeaseId();
                    if (!store.renew(id, config.leaseMs, now)) {
                        release(id);
                        work.fire();
                        b.addLostLeaseIds(id);
                        continue;
                    }
                    LeaseEntry e = leases.get(id);
                    if (e != null && lp.hasProgress() && !lp.getProgress().equals(progress.get(e.jobId))) {
                        progress.put(e.jobId, lp.getProgress());
                        changed(e.jobId);
                    }
                    if (store.cancelRequested(id)) {
                        b.addCancelledLeaseIds(id);
                    }
                }
                return b.build();
            });
        }

        @Override
        public void complete(CompleteRequest request, StreamObserver<CompleteResponse> obs) {
            unary(obs, () -> {
                if (request.getLeaseId().isEmpty()) {
                    throw invalid("lease_id: missing");
                }
                LeaseEntry e = release(request.getLeaseId());
                boolean ok = store.complete(request.getLeaseId(), request.getResult().toByteArray(), clock.getAsLong());
                ended(e);
                if (!ok) {
                    LOG.info("completion under stale lease {} refused", request.getLeaseId());
                }
                return CompleteResponse.newBuilder().setAccepted(ok).build();
            });
        }

        @Override
        public void fail(FailRequest request, StreamObserver<FailResponse> obs) {
            unary(obs, () -> {
                if (request.getLeaseId().isEmpty()) {
                    throw invalid("lease_id: missing");
                }
                ErrorClass c = request.getError().getErrorClass();
                if (c == ErrorClass.ERROR_CLASS_UNSPECIFIED || c == ErrorClass.UNRECOGNIZED) {
                    throw invalid("error.error_class: missing or unknown (" + request.getError().getErrorClassValue() + ")");
                }
                LeaseEntry e = release(request.getLeaseId());
                JobStore.FailOutcome out = store.fail(request.getLeaseId(), c, request.getError().toByteArray(),
                        clock.getAsLong());
                ended(e);
                return FailResponse.newBuilder().setWillRetry(out.willRetry()).setRetryAfterMs(out.retryAfterMs()).build();
            });
        }
    }

    /** How a coordinator is set up. */
    public static final class Builder {
        private JobStore store;
        private HostPort listen = new HostPort("127.0.0.1", 7777);
        private String inProcessName;
        private List<Path> storageRoots = new ArrayList<>();
        private long leaseMs = 30_000;
        private long heartbeatMs = 5_000;
        private long pollMs = 250;
        private int maxInlineBytes = 16 << 20;
        private Set<JobKind> kinds = RUNNABLE_KINDS;
        private LongSupplier clock = System::currentTimeMillis;

        public Builder store(JobStore s) {
            this.store = s;
            return this;
        }

        /** Serve gRPC over Netty on this address (port 0: any free port). */
        public Builder listen(HostPort a) {
            this.listen = a;
            return this;
        }

        /** Serve in-process under this name instead (tests). */
        public Builder inProcess(String name) {
            this.inProcessName = name;
            return this;
        }

        /** The roots every path in a job must lie under. */
        public Builder storageRoots(List<Path> roots) {
            this.storageRoots = new ArrayList<>(roots);
            return this;
        }

        /** How long a lease lasts without a heartbeat, and how often workers should beat. */
        public Builder lease(long leaseMs, long heartbeatMs) {
            if (leaseMs <= 0 || heartbeatMs <= 0 || heartbeatMs >= leaseMs) {
                throw new IllegalArgumentException("need 0 < heartbeat < lease");
            }
            this.leaseMs = leaseMs;
            this.heartbeatMs = heartbeatMs;
            return this;
        }

        /** How often an idle Lease stream polls the store (it also wakes on every submit and end). */
        public Builder pollMs(long ms) {
            this.pollMs = ms;
            return this;
        }

        /** The largest inline comm_p piece. */
        public Builder maxInlineBytes(int n) {
            this.maxInlineBytes = n;
            return this;
        }

        /** The kinds accepted; others are UNIMPLEMENTED. */
        public Builder kinds(Set<JobKind> k) {
            this.kinds = Set.copyOf(k);
            return this;
        }

        public Builder clock(LongSupplier c) {
            this.clock = c;
            return this;
        }

        public Coordinator build() {
            return new Coordinator(this);
        }
    }
}
