package io.filprover.scheduler;

import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.DeviceInfo;
import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.Device;
import io.filprover.proto.v1.FailRequest;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.Progress;
import io.filprover.proto.v1.WorkerInfo;
import io.grpc.ManagedChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker: registers with a coordinator, holds a Lease stream open, and runs each assignment on its
 * own thread in a {@link JobContext} through the proving API. Heartbeats ({@link WorkerLink}) renew
 * its leases and carry progress, parameter tiers and device busy time ({@link DeviceBusyTime}); a lease the coordinator reports cancelled is cancelled in its job's context, and the job
 * reports CANCELLED. {@link #stop()} takes no more work, lets running jobs finish for a grace period,
 * then hands the rest back (TEMPORARY) so another worker runs them.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final WorkerLink link;
    private final StoragePaths paths;
    private final JobRunner runner;
    private final Backends backends;
    private final DeviceHealth health;
    final ParamsHolder params;
    /** How long each device had a job running, reported per heartbeat interval. */
    final DeviceBusyTime busy = new DeviceBusyTime(System::nanoTime);
    final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    final ExecutorService jobs;
    final ScheduledExecutorService timer;
    volatile boolean stopping;

    Worker(WorkerConfig b) {
        this.config = b;
        if (b.channel != null) {
            this.channel = b.channel;
            this.ownsChannel = false;
        } else {
            HostPort a = HostPort.parse(b.coordinator);
            this.channel = TransportSecurity.channel(a, b.credentials);
            this.ownsChannel = true;
        }
        this.link = new WorkerLink(this, channel);
        this.paths = new StoragePaths(b.storageRoots);
        var cache = b.parameterCache != null ? b.parameterCache : io.filprover.proofs.params.ParameterCache.fromEnvironment();
        this.params = b.params != null ? b.params : ParamsHolder.of(cache);
        this.runner = new JobRunner(paths, b.parentCacheDir, b.workDir, new BlobClient(channel), b.inlineResultBytes,
                cache, params);
        this.backends = b.backends != null ? b.backends : Backends.discover();
        this.health = new DeviceHealth(backends);
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

    public static WorkerConfig builder() {
        return new WorkerConfig();
    }

    /** Registers and opens the Lease stream; returns once registered. */
    public Worker start() {
        link.start();
        return this;
    }

    /** The id the coordinator gave this worker. */
    public String id() {
        return link.workerId;
    }

    int slots() {
        return config.slots;
    }

    WorkerInfo info() {
        WorkerInfo.Builder b = WorkerInfo.newBuilder().setName(config.name).setThreads(config.threads)
                .setMemoryBytes(config.memoryBytes > 0 ? config.memoryBytes : Runtime.getRuntime().maxMemory())
                .setSlots(config.slots);
        try {
            b.setHost(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            b.setHost("unknown");
        }
        for (Backends.Status s : backends.statuses()) {
            boolean runs = s.availability().available() && health.healthy(s.name());
            List<DeviceInfo> selected = s.availability().devices().stream().filter(x -> x.selected() && x.usable()).toList();
            if (s.availability().available() && !selected.isEmpty()) {
                // one entry per device the backend uses, with its memory: placement sums GPU memory over them
                for (DeviceInfo x : selected) {
                    b.addDevices(Device.newBuilder().setBackend(s.name()).setAvailable(runs)
                            .setName("[" + x.index() + "] " + x.name()).setMemoryBytes(Math.max(0, x.memoryBytes())));
                }
                continue;
            }
            Device.Builder d = Device.newBuilder().setBackend(s.name()).setAvailable(runs);
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

    /** The backends whose devices can run jobs (their busy time is reported, idle ones at 0). */
    List<String> availableBackends() {
        List<String> out = new ArrayList<>();
        for (Backends.Status s : backends.statuses()) {
            if (s.availability().available()) {
                out.add(s.name());
            }
        }
        return out;
    }

    void accept(Assignment a) {
        RunningJob r = new RunningJob(a.getLeaseId(), a.getJob());
        running.put(a.getLeaseId(), r);
        if (stopping) {
            r.handedBack = true;
            r.token.cancel("worker stopping");
        }
        jobs.execute(() -> run(r));
    }

    private void run(RunningJob r) {
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
                busy.started(backendName);
                try {
                    result = runner.run(r.leaseId, req, ctx);
                    stages = ctx.stageTimes().stages();
                    // never silent: a device that failed mid-job and was replaced by the CPU shows in the result
                    result.setCpuFallbacks(ctx.fallbacks());
                } finally {
                    busy.ended(backendName);
                }
            }
            runner.offloadLargePayloads(result);
            JobRunner.addTimings(result, r.job, stages, System.currentTimeMillis() - start, link.workerId, backendName);
            if (r.lost) {
                return;
            }
            boolean ok = link.retrying(() -> link.stub.complete(CompleteRequest.newBuilder().setLeaseId(r.leaseId)
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
                    link.retrying(() -> link.stub.fail(FailRequest.newBuilder().setLeaseId(r.leaseId).setError(err).build()));
                } catch (RuntimeException e) {
                    LOG.warn("could not report the failure of job {}: {}", r.job.getJobId(), e.toString());
                }
            }
        } finally {
            running.remove(r.leaseId);
            r.done.countDown();
            link.openLeaseIfDeferred();
            MDC.remove("job_id");
            MDC.remove("lease_id");
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
        link.cancelLease();
        long end = System.nanoTime() + config.grace.toNanos();
        try {
            for (RunningJob r : List.copyOf(running.values())) {
                r.done.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (RunningJob r : List.copyOf(running.values())) {
                r.handedBack = true;
                r.token.cancel("worker stopping");
            }
            // keep renewing while the handed-back jobs reach their next kernel boundary; a job blocked
            // outside the kernels (an open() of a FIFO nobody writes) is left to its lease's expiry
            long handBackEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (RunningJob r : List.copyOf(running.values())) {
                while (!r.done.await(Math.max(100, link.heartbeatMs), TimeUnit.MILLISECONDS)
                        && System.nanoTime() < handBackEnd) {
                    link.heartbeat();
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
}
