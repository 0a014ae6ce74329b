package io.filprover.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.filprover.proto.v1.DeviceUtilization;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.ParamTier;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.StageTiming;
import io.filprover.scheduler.store.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's Micrometer meters, exported in Prometheus text format by {@link StatusHttpServer}.
 * Gauges over the store (queue depth) read a snapshot refreshed at most once a second, so a scrape
 * costs one grouped query however many series it reads. Counters and timers count what this
 * coordinator saw: with several coordinators on one database, sum them.
 */
final class CoordinatorMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    /** Tiers of the workers' Groth16 parameter files, as the tag values name them. */
    static final Map<ParamTier, String> PARAMETER_CACHE_TIERS = Map.of(ParamTier.PARAM_TIER_HOT, "hot",
            ParamTier.PARAM_TIER_WARM, "warm", ParamTier.PARAM_TIER_COLD, "cold");
    /** Job and stage durations run from milliseconds (comm_p of a small piece) to hours (PC1 of 32 GiB). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(8)};
    private static final long SNAPSHOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Coordinator c;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final MultiGauge parameterCacheBytes;
    private final MultiGauge deviceUtilisation;
    private final Counter leaseExpiries;
    private volatile Snapshot snapshot;
    static final int RECENT_FAILURES = 50;
    private final java.util.ArrayDeque<Failure> recentFailures = new java.util.ArrayDeque<>();

    /** Queue depths as last read from the store, and when (System.nanoTime). */
    record Snapshot(Map<JobKind, Map<Priority, JobStore.Depth>> depths, long readNanos) {
        long count(JobKind k, Priority p, boolean running) {
            JobStore.Depth d = depths.getOrDefault(k, Map.of()).get(p);
            return d == null ? 0 : running ? d.running() : d.queued();
        }
    }

    CoordinatorMetrics(Coordinator c, Set<JobKind> kinds) {
        this.c = c;
        for (JobKind k : kinds.stream().sorted().toList()) {
            for (Priority p : priorities()) {
                Tags t = Tags.of("kind", label(k), "priority", label(p));
                Gauge.builder("filprover.queue.depth", this, m -> m.snapshot().count(k, p, false)).tags(t)
                        .description("Jobs queued, by kind and priority").register(registry);
                Gauge.builder("filprover.jobs.running", this, m -> m.snapshot().count(k, p, true)).tags(t)
                        .description("Jobs running under a lease, by kind and priority").register(registry);
            }
            // every family present from the start, at zero, so dashboards and alerts see them before the first event
            deadlineMiss(k);
            retry(k, ErrorClass.ERROR_CLASS_TEMPORARY);
            cpuFallback(k);
            preemption(k);
            for (String outcome : List.of("succeeded", "failed")) {
                jobDuration(k, outcome);
            }
            for (String stage : List.of("queue_wait", "total")) {
                stageDuration(k, stage);
            }
        }
        leaseExpiries = Counter.builder("filprover.lease.expiries")
                .description("Leases that ran past their deadline without a heartbeat (the job was requeued or ended)")
                .register(registry);
        parameterCacheBytes = MultiGauge.builder("filprover.parameter.cache").baseUnit("bytes")
                .description("Groth16 parameter files per connected worker and tier (hot: held mapped between jobs, "
                        + "warm: mapped by running jobs only, cold: in the cache directory, not mapped)")
                .register(registry);
        Gauge.builder("filprover.workers", c.workers, w -> w.values().stream().filter(e -> e.connected).count())
                .description("Workers with an open Lease stream").register(registry);
        deviceUtilisation = MultiGauge.builder("filprover.device.utilization").baseUnit("ratio")
                .description("Fraction of the worker's last heartbeat interval during which at least one job ran on "
                        + "the device, as the worker measured it, per connected worker and device backend")
                .register(registry);
    }

    static List<Priority> priorities() {
        return List.of(Priority.PRIORITY_LOW, Priority.PRIORITY_NORMAL, Priority.PRIORITY_HIGH, Priority.PRIORITY_CRITICAL);
    }

    /** A proto enum as a short lowercase label: JOB_KIND_SEAL_PC1 → seal_pc1. */
    static String label(Enum<?> e) {
        String n = e.name();
        for (String prefix : List.of("JOB_KIND_", "PRIORITY_", "ERROR_CLASS_", "JOB_STATE_")) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The queue depths, read again when the last read is over a second old. */
    Snapshot snapshot() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && now - s.readNanos() < SNAPSHOT_NANOS) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s == null || System.nanoTime() - s.readNanos() >= SNAPSHOT_NANOS) {
                Map<JobKind, Map<Priority, JobStore.Depth>> depths;
                try {
                    depths = c.store.depthsByPriority();
                } catch (RuntimeException e) {
                    // a scrape must not fail because the database hiccupped: keep the last numbers
                    depths = s == null ? Map.of() : s.depths();
                }
                s = new Snapshot(depths, System.nanoTime());
                snapshot = s;
            }
            return s;
        }
    }

    /** The Prometheus text exposition of every meter, the per-worker gauges brought up to date first. */
    String scrape() {
        List<MultiGauge.Row<?>> busy = new ArrayList<>();
        List<MultiGauge.Row<?>> params = new ArrayList<>();
        for (WorkerEntry w : c.workers.values()) {
            if (!w.connected) {
                continue;
            }
            // the values as of this scrape: a later report replaces the rows at the next one
            for (DeviceUtilization d : w.utilization) {
                busy.add(MultiGauge.Row.of(Tags.of("worker", w.id, "backend", d.getBackend()), d.getBusyRatio()));
            }
            for (Map.Entry<ParamTier, String> t : PARAMETER_CACHE_TIERS.entrySet()) {
                params.add(MultiGauge.Row.of(Tags.of("worker", w.id, "tier", t.getValue()), w.paramBytes(t.getKey())));
            }
        }
        deviceUtilisation.register(busy, true);
        parameterCacheBytes.register(params, true);
        return registry.scrape();
    }

    void leasesExpired(int n) {
        leaseExpiries.increment(n);
    }

    /**
     * A worker ended an attempt and the store took it ({@code error} null: it succeeded): counts it
     * from the job as stored now, remembers a failure for the status page, and logs the end with the
     * job id in the MDC. Never throws: an end is not refused for want of a metric.
     */
    /** A running job yielded its slot to a more urgent one. */
    void preempted(String jobId) {
        if (jobId != null) {
            c.store.get(jobId).ifPresent(j -> preemption(j.kind()).increment());
        }
    }

    void attemptEnded(String jobId, JobResult result, JobError error, boolean willRetry) {
        if (jobId == null) {
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("job_id", jobId)) {
            JobStore.StoredJob j = c.store.get(jobId).orElse(null);
            if (j == null) {
                return;
            }
            String worker = j.workerId() == null ? "" : j.workerId();
            if (error == null) {
                LOG.info("job {} {} on {}", jobId, label(j.state()), worker);
            } else {
                LOG.info("job {} attempt {} failed on {}: {} {} {}", jobId, j.attempts(), worker, error.getErrorClass(),
                        error.getKind(), willRetry ? "(will retry)" : "(" + label(j.state()) + ")");
                failed(new Failure(c.clock.getAsLong(), jobId, j.kind(), worker, label(error.getErrorClass()),
                        error.getKind(), error.getMessage(), willRetry));
            }
            record(j, result, willRetry, error == null ? ErrorClass.ERROR_CLASS_UNSPECIFIED : error.getErrorClass());
        } catch (RuntimeException e) {
            LOG.warn("job {}: its end was stored but not counted in the metrics", jobId, e);
        }
    }

    private void record(JobStore.StoredJob j, JobResult result, boolean willRetry, ErrorClass errorClass) {
        JobKind k = j.kind();
        if (willRetry) {
            retry(k, errorClass).increment();
            return;
        }
        if (!Coordinator.ended(j.state())) {
            return;
        }
        String outcome = label(j.state());
        if (j.finishedUnixMs() > 0 && j.createdUnixMs() > 0) {
            jobDuration(k, outcome).record(Math.max(0, j.finishedUnixMs() - j.createdUnixMs()), TimeUnit.MILLISECONDS);
        }
        long deadline = deadline(j);
        if (deadline > 0 && j.finishedUnixMs() > deadline) {
            deadlineMiss(k).increment();
        }
        if (result == null) {
            return;
        }
        for (StageTiming t : result.getTimingsList()) {
            if (!t.getStage().isEmpty() && t.getMillis() >= 0) {
                stageDuration(k, t.getStage()).record(t.getMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (result.getCpuFallbacks() > 0) {
            cpuFallback(k).increment(result.getCpuFallbacks());
        }
    }

    private static JobRequest request(JobStore.StoredJob j) {
        try {
            return j.request() == null ? JobRequest.getDefaultInstance() : JobRequest.parseFrom(j.request());
        } catch (InvalidProtocolBufferException e) {
            return JobRequest.getDefaultInstance();
        }
    }

    private static long deadline(JobStore.StoredJob j) {
        return request(j).getDeadlineUnixMs();
    }

    private Counter counter(String name, String description, Tags tags) {
        return counters.computeIfAbsent(name + tags, x -> Counter.builder(name).tags(tags).description(description)
                .register(registry));
    }

    private Counter deadlineMiss(JobKind k) {
        return counter("filprover.deadline.misses", "Jobs that ended after their deadline_unix_ms", Tags.of("kind", label(k)));
    }

    private Counter retry(JobKind k, ErrorClass e) {
        return counter("filprover.job.retries", "Failed attempts requeued for another try",
                Tags.of("kind", label(k), "error_class", label(e)));
    }

    private Counter cpuFallback(JobKind k) {
        return counter("filprover.cpu.fallbacks",
                "Kernel operations a device backend redid on the CPU after a device failure", Tags.of("kind", label(k)));
    }

    /** Running jobs that yielded their slot to a CRITICAL one (the scheduler's preemption). */
    Counter preemption(JobKind k) {
        return counter("filprover.preemptions", "Running jobs stopped to make room for more urgent ones",
                Tags.of("kind", label(k)));
    }

    private Timer timer(String name, String description, Tags tags) {
        return timers.computeIfAbsent(name + tags, x -> Timer.builder(name).tags(tags).description(description)
                .serviceLevelObjectives(BUCKETS).register(registry));
    }

    private Timer jobDuration(JobKind k, String outcome) {
        return timer("filprover.job.duration", "Jobs from submission to their end, by kind and outcome",
                Tags.of("kind", label(k), "outcome", outcome));
    }

    private Timer stageDuration(JobKind k, String stage) {
        return timer("filprover.job.stage.duration", "Stage times the workers report (queue_wait, the proving "
                + "stages, total), by kind and stage", Tags.of("kind", label(k), "stage", stage));
    }

    /** Queue depths by kind and priority from the snapshot, zeros included, for the status page. */
    Map<JobKind, Map<Priority, long[]>> depthTable(Set<JobKind> kinds) {
        Snapshot s = snapshot();
        Map<JobKind, Map<Priority, long[]>> out = new EnumMap<>(JobKind.class);
        for (JobKind k : kinds.stream().sorted().toList()) {
            Map<Priority, long[]> row = new EnumMap<>(Priority.class);
            for (Priority p : priorities()) {
                row.put(p, new long[] {s.count(k, p, false), s.count(k, p, true)});
            }
            out.put(k, row);
        }
        return out;
    }

    /** A failed attempt as the status page lists it. */
    record Failure(long atUnixMs, String jobId, JobKind kind, String workerId, String errorClass, String errorKind,
                   String message, boolean willRetry) {
    }

    /** Remembers a failed attempt (the newest {@link #RECENT_FAILURES} are kept). */
    void failed(Failure f) {
        synchronized (recentFailures) {
            recentFailures.addFirst(f);
            while (recentFailures.size() > RECENT_FAILURES) {
                recentFailures.removeLast();
            }
        }
    }

    /** The failed attempts this coordinator saw, newest first. */
    List<Failure> recentFailures() {
        synchronized (recentFailures) {
            return List.copyOf(recentFailures);
        }
    }
}
