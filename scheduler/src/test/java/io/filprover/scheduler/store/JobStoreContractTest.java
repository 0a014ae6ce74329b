package io.filprover.scheduler.store;

import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;
import io.filprover.scheduler.store.JobStore.DuplicateRequestException;
import io.filprover.scheduler.store.JobStore.FailOutcome;
import io.filprover.scheduler.store.JobStore.JobFilter;
import io.filprover.scheduler.store.JobStore.Lease;
import io.filprover.scheduler.store.JobStore.NewJob;
import io.filprover.scheduler.store.JobStore.StoredJob;
import io.filprover.scheduler.store.JobStore.SubmitOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link JobStore} must do, written once; each subclass runs it on one database
 * (H2 in memory, H2 file, PostgreSQL). Each test gets a fresh database from {@link #freshDatabase()}.
 */
abstract class JobStoreContractTest {

    static final long T0 = 1_700_000_000_000L;
    static final long LEASE = 30_000;
    static final Set<JobKind> ALL_KINDS = EnumSet.range(JobKind.JOB_KIND_COMMP, JobKind.JOB_KIND_WINNING_POST);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<JobStore> opened = new ArrayList<>();
    JobStore store;

    /** Prepares an empty database for this test; stores opened after it share it. */
    abstract void freshDatabase() throws Exception;

    /** A store (a coordinator) on this test's database. */
    abstract JobStore openStore(int maxAttempts);

    /** Drops this test's database, after its stores are closed. */
    void dropDatabase() throws Exception {
    }

    /** Claiming threads per store in {@link #twoStoresClaimEveryJobExactlyOnce()}. */
    abstract int threadsPerStore();

    @BeforeEach
    void setUp() throws Exception {
        freshDatabase();
        store = open(JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (JobStore s : opened) {
            s.close();
        }
        opened.clear();
        dropDatabase();
    }

    JobStore open(int maxAttempts) {
        JobStore s = openStore(maxAttempts);
        opened.add(s);
        return s;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static NewJob newJob(JobKind kind, Priority priority) {
        return new NewJob("req-" + UUID.randomUUID(), kind, priority, 0, randomBytes(64));
    }

    static StoredJob submit(JobStore s, JobKind kind, Priority priority, long now) {
        return s.submit(newJob(kind, priority), now).job();
    }

    StoredJob reload(StoredJob job) {
        return store.get(job.jobId()).orElseThrow();
    }

    Lease claimAll(long now) {
        return store.claim("w1", ALL_KINDS, LEASE, now).orElseThrow(() -> new AssertionError("nothing to claim"));
    }

    // ---- submit

    @Test
    void submitIsIdempotentOnRequestId() {
        NewJob job = newJob(JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL);
        SubmitOutcome first = store.submit(job, T0);
        assertTrue(first.created());
        assertEquals(JobState.JOB_STATE_QUEUED, first.job().state());
        assertArrayEquals(job.request(), first.job().request());

        NewJob again = new NewJob(job.requestId(), job.kind(), job.priority(), 0, job.request().clone());
        SubmitOutcome second = store.submit(again, T0 + 5);
        assertFalse(second.created());
        assertEquals(first.job().jobId(), second.job().jobId());
        assertEquals(T0, second.job().createdUnixMs());
        assertEquals(1, store.list(JobFilter.ALL, 100, null).size());
    }

    @Test
    void sameRequestIdWithOtherBytesIsRefusedAndNothingStored() {
        NewJob job = newJob(JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL);
        StoredJob stored = store.submit(job, T0).job();
        NewJob other = new NewJob(job.requestId(), job.kind(), job.priority(), 0, randomBytes(64));
        DuplicateRequestException e = assertThrows(DuplicateRequestException.class, () -> store.submit(other, T0));
        assertTrue(e.getMessage().contains(stored.jobId()), e.getMessage());
        assertEquals(1, store.list(JobFilter.ALL, 100, null).size());
        assertArrayEquals(job.request(), reload(stored).request());
    }

    /** The same request submitted at once through two stores (a retrying client) makes one job. */
    @Test
    void concurrentSubmitsOfOneRequestMakeOneJob() throws Exception {
        JobStore second = open(JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
        NewJob job = newJob(JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SubmitOutcome>> outcomes = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            JobStore s = t % 2 == 0 ? store : second;
            outcomes.add(pool.submit(() -> {
                start.await();
                return s.submit(job, T0);
            }));
        }
        start.countDown();
        Set<String> ids = new java.util.HashSet<>();
        int created = 0;
        for (Future<SubmitOutcome> f : outcomes) {
            SubmitOutcome out = f.get(1, TimeUnit.MINUTES);
            ids.add(out.job().jobId());
            created += out.created() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        assertEquals(1, created);
        assertEquals(1, store.list(JobFilter.ALL, 10, null).size());
    }

    @Test
    void badSubmissionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> store.submit(new NewJob("", JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, 0, new byte[1]), T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.submit(new NewJob("r", JobKind.JOB_KIND_UNSPECIFIED, Priority.PRIORITY_LOW, 0, new byte[1]), T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.submit(new NewJob("r", JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, 0, null), T0));
        assertTrue(store.list(JobFilter.ALL, 10, null).isEmpty());
    }

    @Test
    void unspecifiedPriorityTakesTheKindsDefault() {
        assertEquals(Priority.PRIORITY_CRITICAL,
                submit(store, JobKind.JOB_KIND_WINNING_POST, Priority.PRIORITY_UNSPECIFIED, T0).priority());
        assertEquals(Priority.PRIORITY_LOW, submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_UNSPECIFIED, T0).priority());
    }

    // ---- claim

    @Test
    void claimTakesHighestPriorityThenOldest() {
        StoredJob lowOld = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, T0);
        StoredJob normalOld = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + 1);
        StoredJob high = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_HIGH, T0 + 2);
        StoredJob normalNew = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + 3);
        // same millisecond: submission order decides
        StoredJob normalNewer = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + 3);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(claimAll(T0 + 10).job().jobId());
        }
        assertEquals(List.of(high.jobId(), normalOld.jobId(), normalNew.jobId(), normalNewer.jobId(), lowOld.jobId()), order);
        assertTrue(store.claim("w1", ALL_KINDS, LEASE, T0 + 10).isEmpty());
    }

    @Test
    void claimOnlyTakesTheWorkersKinds() {
        StoredJob commp = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_CRITICAL, T0);
        StoredJob pc1 = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_LOW, T0 + 1);

        assertTrue(store.claim("w1", Set.of(), LEASE, T0 + 2).isEmpty());
        assertTrue(store.claim("w1", Set.of(JobKind.JOB_KIND_WINDOW_POST), LEASE, T0 + 2).isEmpty());
        Lease lease = store.claim("w1", Set.of(JobKind.JOB_KIND_SEAL_PC1, JobKind.JOB_KIND_SEAL_C2), LEASE, T0 + 2).orElseThrow();
        assertEquals(pc1.jobId(), lease.job().jobId());
        assertEquals(JobState.JOB_STATE_RUNNING, lease.job().state());
        assertEquals("w1", lease.job().workerId());
        assertEquals(1, lease.job().attempts());
        assertEquals(T0 + 2 + LEASE, lease.deadlineUnixMs());
        assertEquals(JobState.JOB_STATE_QUEUED, reload(commp).state());
    }

    // ---- leases

    @Test
    void completeStoresExactlyOneResult() {
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0 + 1);
        assertTrue(store.renew(lease.leaseId(), LEASE, T0 + 10));
        byte[] result = randomBytes(100);
        assertTrue(store.complete(lease.leaseId(), result, T0 + 20));
        assertFalse(store.complete(lease.leaseId(), randomBytes(100), T0 + 21));
        assertFalse(store.renew(lease.leaseId(), LEASE, T0 + 22));
        assertFalse(store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_TEMPORARY, null, T0 + 23).accepted());
        StoredJob done = reload(lease.job());
        assertEquals(JobState.JOB_STATE_SUCCEEDED, done.state());
        assertArrayEquals(result, done.result());
        assertEquals(T0 + 20, done.finishedUnixMs());
        assertEquals(0, store.expireLeases(T0 + 10 * LEASE));
    }

    @Test
    void staleLeaseCannotRenewCompleteOrFail() {
        submit(store, JobKind.JOB_KIND_SEAL_C2, Priority.PRIORITY_NORMAL, T0);
        Lease old = claimAll(T0);
        assertEquals(1, store.expireLeases(T0 + LEASE + 1));
        Lease current = claimAll(T0 + LEASE + 2);
        assertEquals(old.job().jobId(), current.job().jobId());
        assertFalse(old.leaseId().equals(current.leaseId()), "every claim has a new lease id");

        assertFalse(store.renew(old.leaseId(), LEASE, T0 + LEASE + 3));
        assertFalse(store.complete(old.leaseId(), randomBytes(10), T0 + LEASE + 3));
        assertFalse(store.fail(old.leaseId(), ErrorClass.ERROR_CLASS_PERMANENT, randomBytes(5), T0 + LEASE + 3).accepted());
        assertTrue(store.cancelRequested(old.leaseId()), "a worker holding a stale lease is told to stop");
        StoredJob job = reload(current.job());
        assertEquals(JobState.JOB_STATE_RUNNING, job.state());
        assertNull(job.result());
        assertNull(job.error());
        assertEquals(T0 + LEASE + 2 + LEASE, current.deadlineUnixMs());

        byte[] result = randomBytes(10);
        assertTrue(store.complete(current.leaseId(), result, T0 + LEASE + 4));
        assertArrayEquals(result, reload(current.job()).result());
    }

    @Test
    void expiredLeaseRequeuesWithTheAttemptCounted() {
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0);
        assertTrue(store.renew(lease.leaseId(), LEASE, T0 + 1000));
        assertEquals(0, store.expireLeases(T0 + 1000 + LEASE), "a renewed lease runs until its new deadline");
        assertEquals(1, store.expireLeases(T0 + 1001 + LEASE));
        StoredJob queued = reload(lease.job());
        assertEquals(JobState.JOB_STATE_QUEUED, queued.state());
        assertEquals(1, queued.attempts());
        Lease again = claimAll(T0 + 1002 + LEASE);
        assertEquals(2, again.job().attempts());
        assertEquals(0, store.expireLeases(T0 + 1002 + LEASE));
    }

    @Test
    void leaseExpiringOnTheLastAttemptFailsTheJob() {
        JobStore s = open(2);
        StoredJob job = submit(s, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        s.claim("w", ALL_KINDS, LEASE, T0).orElseThrow();
        assertEquals(1, s.expireLeases(T0 + LEASE + 1));
        s.claim("w", ALL_KINDS, LEASE, T0 + LEASE + 2).orElseThrow();
        assertEquals(1, s.expireLeases(T0 + 3 * LEASE));
        StoredJob failed = s.get(job.jobId()).orElseThrow();
        assertEquals(JobState.JOB_STATE_FAILED, failed.state());
        assertEquals(2, failed.attempts());
        assertTrue(s.claim("w", ALL_KINDS, LEASE, T0 + 4 * LEASE).isEmpty());
    }

    // ---- failures

    @Test
    void temporaryFailureBacksOffExponentially() throws Exception {
        JobStore s = open(9);
        StoredJob job = submit(s, JobKind.JOB_KIND_SEAL_PC2, Priority.PRIORITY_NORMAL, T0);
        long now = T0;
        long[] expected = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (int attempt = 1; attempt <= 9; attempt++) {
            Lease lease = s.claim("w", ALL_KINDS, LEASE, now).orElseThrow();
            assertEquals(attempt, lease.job().attempts());
            byte[] error = JobError.newBuilder().setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY)
                    .setMessage("try " + attempt).build().toByteArray();
            FailOutcome out = s.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_TEMPORARY, error, now + 5);
            assertTrue(out.accepted());
            StoredJob after = s.get(job.jobId()).orElseThrow();
            assertEquals("try " + attempt, JobError.parseFrom(after.error()).getMessage());
            if (attempt == 9) {
                assertFalse(out.willRetry());
                assertEquals(JobState.JOB_STATE_FAILED, after.state());
                assertEquals(now + 5, after.finishedUnixMs());
                break;
            }
            assertTrue(out.willRetry());
            assertEquals(expected[attempt - 1], out.retryAfterMs());
            assertEquals(JobState.JOB_STATE_QUEUED, after.state());
            long retryAt = now + 5 + out.retryAfterMs();
            assertTrue(s.claim("w", ALL_KINDS, LEASE, retryAt - 1).isEmpty(), "claimable before its backoff ran out");
            now = retryAt;
        }
        assertTrue(s.claim("w", ALL_KINDS, LEASE, now + 1_000_000).isEmpty());
    }

    @Test
    void temporaryAndDeviceFailuresStopAtMaxAttempts() {
        StoredJob job = submit(store, JobKind.JOB_KIND_SEAL_C2, Priority.PRIORITY_HIGH, T0);
        long now = T0;
        for (int attempt = 1; attempt <= JdbcJobStore.DEFAULT_MAX_ATTEMPTS; attempt++) {
            Lease lease = claimAll(now);
            ErrorClass cls = attempt % 2 == 0 ? ErrorClass.ERROR_CLASS_DEVICE : ErrorClass.ERROR_CLASS_TEMPORARY;
            FailOutcome out = store.fail(lease.leaseId(), cls, randomBytes(8), now);
            assertEquals(attempt < JdbcJobStore.DEFAULT_MAX_ATTEMPTS, out.willRetry(), "attempt " + attempt);
            now += 120_000;
        }
        StoredJob failed = reload(job);
        assertEquals(JobState.JOB_STATE_FAILED, failed.state());
        assertEquals(JdbcJobStore.DEFAULT_MAX_ATTEMPTS, failed.attempts());
        assertTrue(store.claim("w1", ALL_KINDS, LEASE, now).isEmpty());
    }

    @Test
    void permanentFailureIsNotRetried() {
        StoredJob job = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0);
        byte[] error = randomBytes(20);
        FailOutcome out = store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_PERMANENT, error, T0 + 1);
        assertTrue(out.accepted());
        assertFalse(out.willRetry());
        StoredJob failed = reload(job);
        assertEquals(JobState.JOB_STATE_FAILED, failed.state());
        assertArrayEquals(error, failed.error());
        assertEquals(1, failed.attempts());
        assertTrue(store.claim("w1", ALL_KINDS, LEASE, T0 + 10_000_000).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_UNSPECIFIED, null, T0));
    }

    // ---- cancel

    @Test
    void cancelOfAQueuedJobEndsItAtOnce() throws Exception {
        StoredJob job = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        StoredJob cancelled = store.cancel(job.jobId(), "not needed", T0 + 1).orElseThrow();
        assertEquals(JobState.JOB_STATE_CANCELLED, cancelled.state());
        assertEquals(T0 + 1, cancelled.finishedUnixMs());
        assertEquals("not needed", JobError.parseFrom(cancelled.error()).getMessage());
        assertTrue(store.claim("w1", ALL_KINDS, LEASE, T0 + 2).isEmpty());
        StoredJob again = store.cancel(job.jobId(), "again", T0 + 3).orElseThrow();
        assertEquals(T0 + 1, again.finishedUnixMs(), "an ended job is unchanged");
        assertArrayEquals(cancelled.error(), again.error());
        assertTrue(store.cancel("no-such-job", "x", T0).isEmpty());
    }

    @Test
    void cancelOfARunningJobAsksItsWorkerToStop() {
        StoredJob job = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0);
        assertFalse(store.cancelRequested(lease.leaseId()));
        StoredJob marked = store.cancel(job.jobId(), "operator", T0 + 1).orElseThrow();
        assertEquals(JobState.JOB_STATE_RUNNING, marked.state());
        assertTrue(marked.cancelRequested());
        assertTrue(store.cancelRequested(lease.leaseId()));
        assertTrue(store.renew(lease.leaseId(), LEASE, T0 + 2), "the lease stays current until the worker stops");

        // a temporary error while stopping is not retried
        FailOutcome out = store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_TEMPORARY, null, T0 + 3);
        assertTrue(out.accepted());
        assertFalse(out.willRetry());
        assertEquals(JobState.JOB_STATE_CANCELLED, reload(job).state());
        assertFalse(store.complete(lease.leaseId(), randomBytes(4), T0 + 4));
        assertNull(reload(job).result());
    }

    @Test
    void cancelledWorkerReportsCancelled() {
        StoredJob job = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0);
        store.cancel(job.jobId(), "stop", T0 + 1);
        assertTrue(store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_CANCELLED, randomBytes(3), T0 + 2).accepted());
        StoredJob ended = reload(job);
        assertEquals(JobState.JOB_STATE_CANCELLED, ended.state());
        assertEquals(T0 + 2, ended.finishedUnixMs());
    }

    @Test
    void cancelledJobWhoseWorkerVanishedEndsCancelledOnExpiry() {
        StoredJob job = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0);
        store.cancel(job.jobId(), "stop", T0 + 1);
        assertEquals(1, store.expireLeases(T0 + LEASE + 1));
        assertEquals(JobState.JOB_STATE_CANCELLED, reload(job).state());
        assertTrue(store.claim("w1", ALL_KINDS, LEASE, T0 + LEASE + 2).isEmpty());
        assertFalse(store.complete(lease.leaseId(), randomBytes(1), T0 + LEASE + 3));
    }

    // ---- queries

    @Test
    void depthsCountQueuedAndRunningPerKind() {
        for (int i = 0; i < 3; i++) {
            submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + i);
        }
        submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0);
        StoredJob cancelled = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0);
        store.cancel(cancelled.jobId(), "x", T0);
        store.claim("w", Set.of(JobKind.JOB_KIND_COMMP), LEASE, T0 + 5).orElseThrow();
        Lease done = store.claim("w", Set.of(JobKind.JOB_KIND_COMMP), LEASE, T0 + 5).orElseThrow();
        store.complete(done.leaseId(), new byte[0], T0 + 6);

        Map<JobKind, JobStore.Depth> depths = store.depths();
        assertEquals(new JobStore.Depth(1, 1), depths.get(JobKind.JOB_KIND_COMMP));
        assertEquals(new JobStore.Depth(1, 0), depths.get(JobKind.JOB_KIND_SEAL_PC1));
        assertEquals(new JobStore.Depth(0, 0), depths.get(JobKind.JOB_KIND_WINNING_POST));
        assertEquals(ALL_KINDS, depths.keySet());
    }

    @Test
    void depthsByPrioritySplitEachKindsQueuedAndRunningJobsByPriority() {
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, T0);
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, T0 + 1);
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_HIGH, T0 + 2);
        submit(store, JobKind.JOB_KIND_WINNING_POST, Priority.PRIORITY_CRITICAL, T0 + 3);
        StoredJob ended = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0);
        store.cancel(ended.jobId(), "x", T0);
        // highest priority first: the HIGH comm_p job runs
        Lease high = store.claim("w", Set.of(JobKind.JOB_KIND_COMMP), LEASE, T0 + 5).orElseThrow();
        assertEquals(Priority.PRIORITY_HIGH, high.job().priority());

        Map<JobKind, Map<Priority, JobStore.Depth>> d = store.depthsByPriority();
        assertEquals(new JobStore.Depth(2, 0), d.get(JobKind.JOB_KIND_COMMP).get(Priority.PRIORITY_LOW));
        assertEquals(new JobStore.Depth(0, 1), d.get(JobKind.JOB_KIND_COMMP).get(Priority.PRIORITY_HIGH));
        assertEquals(Set.of(Priority.PRIORITY_LOW, Priority.PRIORITY_HIGH), d.get(JobKind.JOB_KIND_COMMP).keySet());
        assertEquals(new JobStore.Depth(1, 0), d.get(JobKind.JOB_KIND_WINNING_POST).get(Priority.PRIORITY_CRITICAL));
        assertEquals(Set.of(JobKind.JOB_KIND_COMMP, JobKind.JOB_KIND_WINNING_POST), d.keySet(), "ended jobs are not counted");
    }

    @Test
    void listFiltersAndPages() {
        List<String> commps = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            commps.add(submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + i * 10).jobId());
            submit(store, JobKind.JOB_KIND_SEAL_C1, Priority.PRIORITY_NORMAL, T0 + i * 10 + 5);
        }
        assertEquals(14, store.list(JobFilter.ALL, 100, null).size());

        // paging through one kind, oldest first, 3 at a time
        JobFilter commpOnly = new JobFilter(null, JobKind.JOB_KIND_COMMP, 0);
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        while (true) {
            List<StoredJob> page = store.list(commpOnly, 3, token);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            page.forEach(j -> paged.add(j.jobId()));
            token = page.get(page.size() - 1).jobId();
        }
        assertEquals(commps, paged);
        assertEquals(3, pages);

        assertEquals(commps.subList(3, 7), store.list(new JobFilter(null, JobKind.JOB_KIND_COMMP, T0 + 30), 10, null)
                .stream().map(StoredJob::jobId).toList());
        Lease lease = store.claim("w", Set.of(JobKind.JOB_KIND_COMMP), LEASE, T0 + 100).orElseThrow();
        List<StoredJob> running = store.list(new JobFilter(JobState.JOB_STATE_RUNNING, null, 0), 10, null);
        assertEquals(List.of(lease.job().jobId()), running.stream().map(StoredJob::jobId).toList());
        assertEquals(6, store.list(new JobFilter(JobState.JOB_STATE_QUEUED, JobKind.JOB_KIND_COMMP, 0), 10, null).size());
        assertThrows(IllegalArgumentException.class, () -> store.list(JobFilter.ALL, 10, "no-such-job"));
    }

    // ---- concurrency

    /**
     * Two stores on one database (two coordinators), {@link #threadsPerStore()} threads each, claim
     * and complete 500 jobs at once: every job must be claimed exactly once.
     */
    @Test
    void twoStoresClaimEveryJobExactlyOnce() throws Exception {
        JobStore second = open(JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
        int jobs = 500;
        for (int i = 0; i < jobs; i++) {
            submit(i % 2 == 0 ? store : second, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + i);
        }
        Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
        AtomicInteger refusedCompletes = new AtomicInteger();
        int threads = 2 * threadsPerStore();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JobStore s = t % 2 == 0 ? store : second;
            String worker = "w" + t;
            results.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                while (true) {
                    var lease = s.claim(worker, ALL_KINDS, LEASE, T0 + jobs + 1);
                    if (lease.isEmpty()) {
                        return mine;
                    }
                    mine++;
                    claims.computeIfAbsent(lease.get().job().jobId(), k -> new AtomicInteger()).incrementAndGet();
                    if (!s.complete(lease.get().leaseId(), new byte[] {1}, T0 + jobs + 2)) {
                        refusedCompletes.incrementAndGet();
                    }
                }
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long twice = claims.values().stream().filter(n -> n.get() > 1).count();
        System.out.printf("%s: %d threads on 2 stores claimed %d jobs of %d, %d distinct, %d claimed more than once%n",
                getClass().getSimpleName(), threads, total, jobs, claims.size(), twice);
        assertEquals(0, twice, "jobs claimed more than once");
        assertEquals(jobs, claims.size(), "distinct jobs claimed");
        assertEquals(jobs, total, "claims");
        assertEquals(0, refusedCompletes.get());
        assertEquals(jobs, store.list(new JobFilter(JobState.JOB_STATE_SUCCEEDED, null, 0), 1000, null).size());
        assertEquals(new JobStore.Depth(0, 0), second.depths().get(JobKind.JOB_KIND_COMMP));
    }

    // ---- blobs

    private static String sha256Hex(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aBlobWrittenInPiecesReadsBackWholeAndFromAnyOffsetOnAnotherStore() throws Exception {
        byte[] data = randomBytes(BlobStore.CHUNK_BYTES * 2 + 1 + RANDOM.nextInt(BlobStore.CHUNK_BYTES));
        BlobStore.Blob blob;
        try (BlobStore.Upload u = store.blobs().begin(data.length, T0)) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + RANDOM.nextInt(300_000));
                u.write(data, at, n);
                at += n;
            }
            blob = u.finish(java.security.MessageDigest.getInstance("SHA-256").digest(data), T0);
        }
        assertEquals(sha256Hex(data), blob.blobId());
        assertEquals(data.length, blob.size());
        JobStore other = open(JdbcJobStore.DEFAULT_MAX_ATTEMPTS);
        BlobStore.Blob found = other.blobs().find(blob.blobId()).orElseThrow();
        assertEquals(blob, found);
        try (java.io.InputStream in = other.blobs().open(found, 0)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        long offset = RANDOM.nextInt(data.length);
        try (java.io.InputStream in = other.blobs().open(found, offset)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(data, (int) offset, data.length), in.readAllBytes());
        }
        // the same bytes again: the same blob, and the second upload's chunks are not kept
        try (BlobStore.Upload u = other.blobs().begin(data.length, T0 + 5)) {
            u.write(data, 0, data.length);
            assertEquals(blob, u.finish(null, T0 + 5));
        }
    }

    @Test
    void anUnfinishedOrWrongUploadStoresNothingAndTheSweepKeepsOnlyReferencedBlobs() throws Exception {
        byte[] data = randomBytes(5000);
        try (BlobStore.Upload u = store.blobs().begin(data.length, T0)) {
            u.write(data, 0, 4000);
            assertThrows(BlobStore.BadUploadException.class, () -> u.finish(null, T0));
        }
        try (BlobStore.Upload u = store.blobs().begin(data.length, T0)) {
            assertThrows(BlobStore.BadUploadException.class, () -> u.write(randomBytes(5001), 0, 5001));
        }
        try (BlobStore.Upload u = store.blobs().begin(data.length, T0)) {
            u.write(data, 0, data.length);
            assertThrows(BlobStore.BadUploadException.class, () -> u.finish(new byte[32], T0));
        }
        assertTrue(store.blobs().find(sha256Hex(data)).isEmpty());
        assertEquals(new BlobStore.Sweep(0, 0), store.blobs().sweep(T0 + 10 * LEASE, 1, 1), "no chunks left behind");

        BlobStore.Blob kept;
        BlobStore.Blob dropped;
        try (BlobStore.Upload u = store.blobs().begin(data.length, T0)) {
            u.write(data, 0, data.length);
            kept = u.finish(null, T0);
        }
        byte[] other = randomBytes(100);
        try (BlobStore.Upload u = store.blobs().begin(other.length, T0)) {
            u.write(other, 0, other.length);
            dropped = u.finish(null, T0);
        }
        StoredJob job = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, T0);
        store.blobs().reference(kept.blobId(), job.jobId());
        store.blobs().reference(kept.blobId(), job.jobId()); // idempotent
        assertEquals(new BlobStore.Sweep(0, 0), store.blobs().sweep(T0 + 1000, 60_000, 60_000), "young blobs stay");
        assertEquals(new BlobStore.Sweep(1, 0), store.blobs().sweep(T0 + 120_000, 60_000, 60_000));
        assertTrue(store.blobs().find(kept.blobId()).isPresent());
        assertTrue(store.blobs().find(dropped.blobId()).isEmpty());
        try (java.io.InputStream in = store.blobs().open(kept, 0)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
