package io.filprover.scheduler.store;

import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable queue behind the coordinator. Jobs are stored with their serialized request; a worker
 * claims the next one it can run under a lease with a deadline, renews it by heartbeats, and ends it
 * with a result or an error. Exactly one result is stored per job: an end reported under a lease
 * that is no longer current (expired and claimed again, or the job was cancelled) is refused.
 *
 * <p>Implementations are safe for several coordinators sharing one database (PostgreSQL: claims
 * with {@code SELECT … FOR UPDATE SKIP LOCKED}). Times are Unix milliseconds passed in by the
 * caller, so tests control the clock.
 */
public interface JobStore extends AutoCloseable {

    /**
     * Queues a job, idempotent on {@code requestId}: the same id with the same request bytes returns
     * the stored job ({@code created = false}); the same id with other bytes throws
     * {@link DuplicateRequestException}. An unspecified priority takes its kind's default (jobs.proto).
     */
    SubmitOutcome submit(NewJob job, long now);

    Optional<StoredJob> get(String jobId);

    /**
     * Jobs matching the filter (since: created at or after), oldest first, after {@code afterJobId}
     * (a page token: the last job of the previous page) when given; an unknown token is an
     * {@link IllegalArgumentException}.
     */
    List<StoredJob> list(JobFilter filter, int limit, String afterJobId);

    /**
     * Claims the next queued job of one of {@code kinds} whose retry time has come, with no aging and
     * no resource limits: {@link #claim(Claim)} with {@link Claim#of}.
     */
    default Optional<Lease> claim(String workerId, Set<JobKind> kinds, long leaseMs, long now) {
        return claim(Claim.of(workerId, kinds, leaseMs, now));
    }

    /**
     * Claims the next queued job the claim allows (its kinds, needs within the free RAM and GPU
     * memory, parameters not in {@code avoidParams}) whose retry time has come, in the fairness
     * order: by effective priority, highest first, then oldest first (created, then submit order).
     * A job's effective priority is its priority; a LOW or NORMAL job is raised one step for each
     * {@code agingMs} it has waited since it was created, up to HIGH and never to CRITICAL. So a
     * HIGH job waits behind a NORMAL one only if that one was queued at least {@code agingMs}
     * earlier, and within one priority the order is FIFO. The job becomes RUNNING under a new lease
     * until {@code now + leaseMs}, and the claim counts as one of its attempts.
     */
    Optional<Lease> claim(Claim claim);

    /**
     * Hands a running job back to the queue without counting the attempt (preemption): it keeps its
     * place (priority and age) and may be claimed again at once. False if the lease is not current.
     * A job asked to cancel ends CANCELLED instead.
     */
    boolean yield(String leaseId, long now);

    /** Queued jobs of at least {@code atLeast} priority, in claim order (aging not applied), at most {@code limit}. */
    List<StoredJob> queued(Priority atLeast, int limit);

    /**
     * Extends a current lease to {@code now + leaseMs}; false if the lease is no longer current. A lease
     * is current while its job is RUNNING under it: past its deadline it stays current until
     * {@link #expireLeases} takes the job back.
     */
    boolean renew(String leaseId, long leaseMs, long now);

    /** Stores the result and ends the job SUCCEEDED; false (nothing stored) if the lease is not current. */
    boolean complete(String leaseId, byte[] result, long now);

    /**
     * Ends a lease with an error. TEMPORARY errors requeue the job after an exponential backoff and
     * DEVICE errors at once (the worker has marked the device unhealthy; another device or worker
     * runs it), while attempts remain ({@link #maxAttempts(JobKind, int)}); PERMANENT ends it FAILED; CANCELLED, or any error once cancel was requested, ends
     * it CANCELLED. Not current: refused. {@code retryAfterMs} is the backoff before the next try.
     */
    FailOutcome fail(String leaseId, ErrorClass errorClass, byte[] error, long now);

    /**
     * Returns jobs whose lease deadline passed to the queue (the attempt counted); those out of attempts
     * end FAILED and those asked to cancel end CANCELLED instead. How many jobs it took back in all.
     */
    int expireLeases(long now);

    /**
     * Cancels a job: a queued one ends CANCELLED at once; a running one is marked so its worker stops
     * at the next kernel boundary (it then reports CANCELLED through {@link #fail}). Ended jobs are
     * returned unchanged.
     */
    Optional<StoredJob> cancel(String jobId, String reason, long now);

    /** The job a current lease holds (RUNNING under it), if the lease is current. */
    Optional<String> jobOfLease(String leaseId);

    /** Whether the job under this lease was asked to stop; also true when the lease is no longer current. */
    boolean cancelRequested(String leaseId);

    /** Queued and running jobs per kind, every kind present (zeros included). */
    Map<JobKind, Depth> depths();

    /**
     * Queued and running jobs per kind and priority, only the pairs that have any (the metrics and
     * the status page fill in the zeros).
     */
    Map<JobKind, Map<Priority, Depth>> depthsByPriority();

    /** The payloads past the message limit, in the same database. */
    BlobStore blobs();

    @Override
    void close();

    /**
     * A job to queue; {@code request} is the serialized {@code JobRequest}. The needs (RAM and GPU
     * bytes, the parameter file it loads or "") are the coordinator's estimate, compared at claim.
     */
    record NewJob(String requestId, JobKind kind, Priority priority, long deadlineUnixMs, byte[] request,
                  long needRamBytes, long needGpuBytes, String params) {
        public NewJob(String requestId, JobKind kind, Priority priority, long deadlineUnixMs, byte[] request) {
            this(requestId, kind, priority, deadlineUnixMs, request, 0, 0, "");
        }
    }

    /**
     * What a worker may claim: its kinds, its free RAM and GPU memory (a job needing more is left for
     * another worker), parameter files it should leave to a worker that has them hot, and the aging
     * step of the fairness rule (0: none).
     */
    record Claim(String workerId, Set<JobKind> kinds, long leaseMs, long now, long agingMs,
                 long freeRamBytes, long freeGpuBytes, Set<String> avoidParams) {
        public static Claim of(String workerId, Set<JobKind> kinds, long leaseMs, long now) {
            return new Claim(workerId, kinds, leaseMs, now, 0, Long.MAX_VALUE, Long.MAX_VALUE, Set.of());
        }

        public Claim withAging(long ms) {
            return new Claim(workerId, kinds, leaseMs, now, ms, freeRamBytes, freeGpuBytes, avoidParams);
        }

        public Claim within(long ramBytes, long gpuBytes) {
            return new Claim(workerId, kinds, leaseMs, now, agingMs, ramBytes, gpuBytes, avoidParams);
        }

        public Claim avoiding(Set<String> params) {
            return new Claim(workerId, kinds, leaseMs, now, agingMs, freeRamBytes, freeGpuBytes, Set.copyOf(params));
        }
    }

    /**
     * Attempts a job of {@code kind} gets when the store allows {@code storeMax}: Winning PoSt one
     * (a late proof is worthless: no retry), every other kind the store's.
     */
    static int maxAttempts(JobKind kind, int storeMax) {
        return kind == JobKind.JOB_KIND_WINNING_POST ? 1 : storeMax;
    }

    /** A stored job; {@code result}/{@code error} are serialized {@code JobResult}/{@code JobError}, or null. */
    record StoredJob(String jobId, String requestId, JobKind kind, JobState state, Priority priority,
                     long createdUnixMs, long startedUnixMs, long finishedUnixMs, int attempts, String workerId,
                     byte[] request, byte[] result, byte[] error, boolean cancelRequested) {
    }

    record SubmitOutcome(StoredJob job, boolean created) {
    }

    record Lease(String leaseId, StoredJob job, long deadlineUnixMs) {
    }

    record FailOutcome(boolean accepted, boolean willRetry, long retryAfterMs) {
    }

    record Depth(long queued, long running) {
    }

    /** Empty fields match everything. */
    record JobFilter(JobState state, JobKind kind, long sinceUnixMs) {
        public static final JobFilter ALL = new JobFilter(null, null, 0);
    }

    /** The same request id was submitted before with a different request. */
    final class DuplicateRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DuplicateRequestException(String requestId, String jobId) {
            super("request_id " + requestId + " was submitted before with a different request (job " + jobId + ")");
        }
    }
}
