package io.filprover.scheduler;

import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.scheduler.store.JobStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A test-only {@link JobStore} in synchronized maps, honest about leases: a lease is current while
 * its job runs under it and its deadline has not passed; ends under any other lease are refused;
 * cancel ends a queued job at once and marks a running one; temporary failures requeue with a
 * backoff while attempts remain. Until the JDBC store lands, the service tests run on it.
 */
public final class InMemoryJobStore implements JobStore {
    private final int maxAttempts;
    private final long backoffMs;
    private final Map<String, Row> jobs = new LinkedHashMap<>();
    private final Map<String, String> byRequest = new LinkedHashMap<>();
    private long seq;

    private static final class Row {
        String jobId;
        String requestId;
        JobKind kind;
        JobState state;
        io.filprover.proto.v1.Priority priority;
        long created;
        long started;
        long finished;
        int attempts;
        String workerId;
        byte[] request;
        byte[] result;
        byte[] error;
        boolean cancelRequested;
        String leaseId;
        long deadline;
        long notBefore;
        long order;
        long needRam;
        long needGpu;
        String params = "";

        StoredJob view() {
            return new StoredJob(jobId, requestId, kind, state, priority, created, started, finished, attempts, workerId,
                    request, result, error, cancelRequested);
        }
    }

    public InMemoryJobStore() {
        this(3, 0);
    }

    public InMemoryJobStore(int maxAttempts, long backoffMs) {
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoffMs;
    }

    @Override
    public synchronized SubmitOutcome submit(NewJob job, long now) {
        String existing = byRequest.get(job.requestId());
        if (existing != null) {
            Row r = jobs.get(existing);
            if (!Arrays.equals(r.request, job.request())) {
                throw new DuplicateRequestException(job.requestId(), r.jobId);
            }
            return new SubmitOutcome(r.view(), false);
        }
        Row r = new Row();
        r.order = ++seq;
        r.jobId = String.format("job-%06d-%s", r.order, UUID.randomUUID().toString().substring(0, 8));
        r.requestId = job.requestId();
        r.kind = job.kind();
        r.state = JobState.JOB_STATE_QUEUED;
        r.priority = job.priority();
        r.created = now;
        r.request = job.request().clone();
        r.needRam = job.needRamBytes();
        r.needGpu = job.needGpuBytes();
        r.params = job.params() == null ? "" : job.params();
        jobs.put(r.jobId, r);
        byRequest.put(r.requestId, r.jobId);
        return new SubmitOutcome(r.view(), true);
    }

    @Override
    public synchronized Optional<StoredJob> get(String jobId) {
        Row r = jobs.get(jobId);
        return r == null ? Optional.empty() : Optional.of(r.view());
    }

    @Override
    public synchronized List<StoredJob> list(JobFilter filter, int limit, String afterJobId) {
        List<StoredJob> out = new ArrayList<>();
        long after = afterJobId == null || !jobs.containsKey(afterJobId) ? 0 : jobs.get(afterJobId).order;
        for (Row r : jobs.values()) {
            if (r.order <= after || (filter.state() != null && r.state != filter.state())
                    || (filter.kind() != null && r.kind != filter.kind()) || r.created < filter.sinceUnixMs()) {
                continue;
            }
            if (out.size() == limit) {
                break;
            }
            out.add(r.view());
        }
        return out;
    }

    @Override
    public synchronized Optional<Lease> claim(Claim c) {
        long now = c.now();
        long aging = c.agingMs() > 0 ? c.agingMs() : Long.MAX_VALUE;
        java.util.function.ToLongFunction<Row> effective = r -> r.priority.getNumber() >= 3 ? r.priority.getNumber()
                : Math.min(3, r.priority.getNumber() + (now - r.created) / aging);
        Optional<Row> next = jobs.values().stream()
                .filter(r -> r.state == JobState.JOB_STATE_QUEUED && c.kinds().contains(r.kind) && r.notBefore <= now
                        && r.needRam <= c.freeRamBytes() && r.needGpu <= c.freeGpuBytes()
                        && !c.avoidParams().contains(r.params))
                .min(Comparator.<Row>comparingLong(r -> -effective.applyAsLong(r)).thenComparingLong(r -> r.created)
                        .thenComparingLong(r -> r.order));
        if (next.isEmpty()) {
            return Optional.empty();
        }
        String workerId = c.workerId();
        long leaseMs = c.leaseMs();
        Row r = next.get();
        r.state = JobState.JOB_STATE_RUNNING;
        r.attempts++;
        r.started = now;
        r.workerId = workerId;
        r.leaseId = "lease-" + UUID.randomUUID();
        r.deadline = now + leaseMs;
        return Optional.of(new Lease(r.leaseId, r.view(), r.deadline));
    }

    private Row current(String leaseId, long now) {
        for (Row r : jobs.values()) {
            if (r.state == JobState.JOB_STATE_RUNNING && leaseId.equals(r.leaseId) && r.deadline >= now) {
                return r;
            }
        }
        return null;
    }

    @Override
    public synchronized boolean renew(String leaseId, long leaseMs, long now) {
        Row r = current(leaseId, now);
        if (r == null) {
            return false;
        }
        r.deadline = now + leaseMs;
        return true;
    }

    @Override
    public synchronized boolean complete(String leaseId, byte[] result, long now) {
        Row r = current(leaseId, now);
        if (r == null) {
            return false;
        }
        r.state = JobState.JOB_STATE_SUCCEEDED;
        r.result = result.clone();
        r.finished = now;
        r.leaseId = null;
        return true;
    }

    @Override
    public synchronized FailOutcome fail(String leaseId, ErrorClass errorClass, byte[] error, long now) {
        Row r = current(leaseId, now);
        if (r == null) {
            return new FailOutcome(false, false, 0);
        }
        r.leaseId = null;
        r.error = error.clone();
        if (errorClass == ErrorClass.ERROR_CLASS_CANCELLED || r.cancelRequested) {
            end(r, JobState.JOB_STATE_CANCELLED, now);
            return new FailOutcome(true, false, 0);
        }
        if ((errorClass == ErrorClass.ERROR_CLASS_TEMPORARY || errorClass == ErrorClass.ERROR_CLASS_DEVICE)
                && r.attempts < JobStore.maxAttempts(r.kind, maxAttempts)) {
            long wait = errorClass == ErrorClass.ERROR_CLASS_DEVICE ? 0 : backoffMs << Math.min(10, r.attempts - 1);
            r.state = JobState.JOB_STATE_QUEUED;
            r.notBefore = now + wait;
            return new FailOutcome(true, true, wait);
        }
        end(r, JobState.JOB_STATE_FAILED, now);
        return new FailOutcome(true, false, 0);
    }

    private static void end(Row r, JobState state, long now) {
        r.state = state;
        r.finished = now;
        r.leaseId = null;
    }

    @Override
    public synchronized int expireLeases(long now) {
        int n = 0;
        for (Row r : jobs.values()) {
            if (r.state == JobState.JOB_STATE_RUNNING && r.deadline < now) {
                n++;
                r.leaseId = null;
                if (r.cancelRequested) {
                    end(r, JobState.JOB_STATE_CANCELLED, now);
                } else if (r.attempts < JobStore.maxAttempts(r.kind, maxAttempts)) {
                    r.state = JobState.JOB_STATE_QUEUED;
                    r.notBefore = now;
                } else {
                    end(r, JobState.JOB_STATE_FAILED, now);
                }
            }
        }
        return n;
    }

    @Override
    public synchronized boolean yield(String leaseId, long now) {
        Row r = current(leaseId, now);
        if (r == null) {
            return false;
        }
        r.leaseId = null;
        if (r.cancelRequested) {
            end(r, JobState.JOB_STATE_CANCELLED, now);
        } else {
            r.state = JobState.JOB_STATE_QUEUED;
            r.attempts--;
            r.notBefore = now;
        }
        return true;
    }

    @Override
    public synchronized List<StoredJob> queued(io.filprover.proto.v1.Priority atLeast, int limit) {
        return jobs.values().stream()
                .filter(r -> r.state == JobState.JOB_STATE_QUEUED && r.priority.getNumber() >= atLeast.getNumber())
                .sorted(Comparator.<Row>comparingInt(r -> -r.priority.getNumber()).thenComparingLong(r -> r.created)
                        .thenComparingLong(r -> r.order))
                .limit(limit).map(Row::view).collect(java.util.stream.Collectors.toList());
    }

    @Override
    public synchronized Optional<StoredJob> cancel(String jobId, String reason, long now) {
        Row r = jobs.get(jobId);
        if (r == null) {
            return Optional.empty();
        }
        if (r.state == JobState.JOB_STATE_QUEUED) {
            end(r, JobState.JOB_STATE_CANCELLED, now);
        } else if (r.state == JobState.JOB_STATE_RUNNING) {
            r.cancelRequested = true;
        }
        return Optional.of(r.view());
    }

    @Override
    public synchronized java.util.Optional<String> jobOfLease(String leaseId) {
        for (Row r : jobs.values()) {
            if (leaseId.equals(r.leaseId) && r.state == JobState.JOB_STATE_RUNNING) {
                return java.util.Optional.of(r.jobId);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public synchronized boolean cancelRequested(String leaseId) {
        for (Row r : jobs.values()) {
            if (leaseId.equals(r.leaseId)) {
                return r.cancelRequested;
            }
        }
        return false;
    }

    private io.filprover.scheduler.store.JdbcJobStore blobDatabase;

    /** Blobs need the real tables: an H2 in-memory database of their own. */
    @Override
    public synchronized io.filprover.scheduler.store.BlobStore blobs() {
        if (blobDatabase == null) {
            blobDatabase = io.filprover.scheduler.store.JobStores.inMemory(
                    "blobs-" + java.util.UUID.randomUUID().toString().replace("-", ""));
        }
        return blobDatabase.blobs();
    }

    @Override
    public synchronized Map<JobKind, Depth> depths() {
        Map<JobKind, long[]> n = new EnumMap<>(JobKind.class);
        for (Row r : jobs.values()) {
            long[] c = n.computeIfAbsent(r.kind, k -> new long[2]);
            if (r.state == JobState.JOB_STATE_QUEUED) {
                c[0]++;
            } else if (r.state == JobState.JOB_STATE_RUNNING) {
                c[1]++;
            }
        }
        Map<JobKind, Depth> out = new EnumMap<>(JobKind.class);
        n.forEach((k, c) -> out.put(k, new Depth(c[0], c[1])));
        return out;
    }

    @Override
    public synchronized Map<JobKind, Map<io.filprover.proto.v1.Priority, Depth>> depthsByPriority() {
        Map<JobKind, Map<io.filprover.proto.v1.Priority, long[]>> n = new EnumMap<>(JobKind.class);
        for (Row r : jobs.values()) {
            if (r.state == JobState.JOB_STATE_QUEUED || r.state == JobState.JOB_STATE_RUNNING) {
                long[] c = n.computeIfAbsent(r.kind, k -> new EnumMap<>(io.filprover.proto.v1.Priority.class))
                        .computeIfAbsent(r.priority, p -> new long[2]);
                c[r.state == JobState.JOB_STATE_QUEUED ? 0 : 1]++;
            }
        }
        Map<JobKind, Map<io.filprover.proto.v1.Priority, Depth>> out = new EnumMap<>(JobKind.class);
        n.forEach((k, byPriority) -> byPriority.forEach((p, c) -> out
                .computeIfAbsent(k, x -> new EnumMap<>(io.filprover.proto.v1.Priority.class)).put(p, new Depth(c[0], c[1]))));
        return out;
    }

    @Override
    public synchronized void close() {
        if (blobDatabase != null) {
            blobDatabase.close();
        }
    }
}
