package io.filprover.scheduler.store;

import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;
import io.filprover.scheduler.store.JobStore.Claim;
import io.filprover.scheduler.store.JobStore.FailOutcome;
import io.filprover.scheduler.store.JobStore.Lease;
import io.filprover.scheduler.store.JobStore.NewJob;
import io.filprover.scheduler.store.JobStore.StoredJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduling part of the store contract (fairness order, needs, hot parameters, yield, per-kind
 * attempts), on every database the contract runs on.
 */
abstract class SchedulingContractTest extends JobStoreContractTest {

    static final long AGING = 60_000;

    Lease claim(long now) {
        return store.claim(Claim.of("w1", ALL_KINDS, LEASE, now).withAging(AGING))
                .orElseThrow(() -> new AssertionError("nothing to claim"));
    }

    @Test
    void fairnessIsStrictPriorityWithAgingUpToHighAndFifoWithinAClass() {
        StoredJob lowAncient = submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, T0 - 5 * AGING);
        StoredJob c2Old = submit(store, JobKind.JOB_KIND_SEAL_C2, Priority.PRIORITY_NORMAL, T0);
        StoredJob window = submit(store, JobKind.JOB_KIND_WINDOW_POST, Priority.PRIORITY_HIGH, T0 + AGING);
        StoredJob c2New = submit(store, JobKind.JOB_KIND_SEAL_C2, Priority.PRIORITY_NORMAL, T0 + AGING + 1);
        StoredJob c2Newer = submit(store, JobKind.JOB_KIND_SEAL_C2, Priority.PRIORITY_NORMAL, T0 + AGING + 1);
        StoredJob winning = submit(store, JobKind.JOB_KIND_WINNING_POST, Priority.PRIORITY_CRITICAL, T0 + AGING + 5);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(claim(T0 + AGING + 10).job().jobId());
        }
        // CRITICAL first; the LOW job aged five steps stops at HIGH, and is oldest there; the C2 queued a
        // full aging step before the Window PoSt has reached HIGH and is older; the younger C2s FIFO
        assertEquals(List.of(winning.jobId(), lowAncient.jobId(), c2Old.jobId(), window.jobId(), c2New.jobId(),
                c2Newer.jobId()), order);
    }

    @Test
    void withoutAgingTheOrderIsStrictPriority() {
        StoredJob c2 = submit(store, JobKind.JOB_KIND_SEAL_C2, Priority.PRIORITY_NORMAL, T0 - 100 * AGING);
        StoredJob window = submit(store, JobKind.JOB_KIND_WINDOW_POST, Priority.PRIORITY_HIGH, T0);
        assertEquals(window.jobId(), claimAll(T0 + 1).job().jobId());
        assertEquals(c2.jobId(), claimAll(T0 + 1).job().jobId());
    }

    /**
     * 200 jobs of every kind arrive twice as fast as one worker claims them; at the end every job
     * ran, each class ran FIFO, and every C2 claimed while a Window PoSt waited had arrived before
     * that Window PoSt and had waited at least one aging step (the rule's bound on C2's share: a
     * Window PoSt never waits behind a C2 that arrived after it).
     */
    @Test
    void twoHundredMixedJobsKeepTheRule() {
        long aging = 10_000;
        Random random = new Random(16);
        JobKind[] mix = {JobKind.JOB_KIND_SEAL_C2, JobKind.JOB_KIND_SEAL_C2, JobKind.JOB_KIND_SEAL_C2,
            JobKind.JOB_KIND_SEAL_C2, JobKind.JOB_KIND_WINDOW_POST, JobKind.JOB_KIND_COMMP, JobKind.JOB_KIND_SEAL_PC1,
            JobKind.JOB_KIND_WINNING_POST};
        Map<String, StoredJob> submitted = new HashMap<>();
        Map<String, Long> claimedAt = new HashMap<>();
        Map<String, Integer> arrival = new HashMap<>();
        List<StoredJob> claims = new ArrayList<>();
        long now = T0;
        int n = 0;
        while (claims.size() < 200) {
            for (int k = 0; k < 2 && n < 200; k++, n++) {
                StoredJob j = submit(store, mix[random.nextInt(mix.length)], Priority.PRIORITY_UNSPECIFIED, now);
                submitted.put(j.jobId(), j);
                arrival.put(j.jobId(), n);
            }
            Optional<Lease> l = store.claim(Claim.of("w1", ALL_KINDS, LEASE, now).withAging(aging));
            if (l.isPresent()) {
                claims.add(l.get().job());
                claimedAt.put(l.get().job().jobId(), now);
                assertTrue(store.complete(l.get().leaseId(), new byte[] {1}, now));
            }
            now += 1_000;
        }
        assertEquals(200, claimedAt.size());
        // FIFO within a class
        Map<Priority, Long> lastCreated = new HashMap<>();
        for (StoredJob j : claims) {
            long before = lastCreated.getOrDefault(j.priority(), Long.MIN_VALUE);
            assertTrue(j.createdUnixMs() >= before, "FIFO within " + j.priority());
            lastCreated.put(j.priority(), j.createdUnixMs());
        }
        int windows = 0;
        int aged = 0;
        for (StoredJob w : submitted.values()) {
            if (w.kind() != JobKind.JOB_KIND_WINDOW_POST) {
                continue;
            }
            windows++;
            for (StoredJob c : claims) {
                long at = claimedAt.get(c.jobId());
                if (c.kind() == JobKind.JOB_KIND_SEAL_C2 && at >= w.createdUnixMs() && at < claimedAt.get(w.jobId())) {
                    // the rule: it arrived before the Window PoSt, and had waited a full aging step
                    assertTrue(arrival.get(c.jobId()) < arrival.get(w.jobId()), "a C2 that arrived after a Window PoSt ran ahead of it");
                    assertTrue(at - c.createdUnixMs() >= aging, "a C2 that had waited " + (at - c.createdUnixMs())
                            + " ms ran ahead of a Window PoSt");
                    aged++;
                }
            }
        }
        assertTrue(windows > 10, "the mix has Window PoSts: " + windows);
        assertTrue(aged > 0, "the queue was long enough for aged C2s to run ahead");
    }

    @Test
    void aJobNeedingMoreThanTheWorkerHasFreeIsLeftForAnother() {
        StoredJob big = store.submit(new NewJob("req-" + UUID.randomUUID(), JobKind.JOB_KIND_SEAL_PC1,
                Priority.PRIORITY_NORMAL, 0, randomBytes(16), 8L << 30, 0, ""), T0).job();
        StoredJob gpu = store.submit(new NewJob("req-" + UUID.randomUUID(), JobKind.JOB_KIND_SEAL_PC2,
                Priority.PRIORITY_NORMAL, 0, randomBytes(16), 1L << 20, 4L << 30, ""), T0 + 1).job();
        Claim small = Claim.of("small", ALL_KINDS, LEASE, T0 + 2).within(4L << 30, 0);
        assertTrue(store.claim(small).isEmpty(), "neither fits 4 GiB of RAM and no GPU");
        assertEquals(gpu.jobId(), store.claim(small.within(4L << 30, 8L << 30)).orElseThrow().job().jobId());
        assertEquals(big.jobId(), store.claim(small.within(8L << 30, 0)).orElseThrow().job().jobId());
    }

    @Test
    void parametersAvoidedByAClaimAreLeftForTheWorkerThatHasThemHot() {
        StoredJob post = store.submit(new NewJob("req-" + UUID.randomUUID(), JobKind.JOB_KIND_WINDOW_POST,
                Priority.PRIORITY_HIGH, 0, randomBytes(16), 0, 0, "window.params"), T0).job();
        StoredJob other = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0 + 1);
        Claim cold = Claim.of("cold", ALL_KINDS, LEASE, T0 + 2).avoiding(Set.of("window.params"));
        assertEquals(other.jobId(), store.claim(cold).orElseThrow().job().jobId());
        assertTrue(store.claim(cold).isEmpty());
        assertEquals(post.jobId(), store.claim(Claim.of("hot", ALL_KINDS, LEASE, T0 + 2)).orElseThrow().job().jobId());
    }

    @Test
    void aYieldedJobIsQueuedAgainWithoutAnAttemptAndKeepsItsPlace() {
        StoredJob first = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0);
        StoredJob second = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0 + 1);
        Lease lease = claimAll(T0 + 2);
        assertEquals(first.jobId(), lease.job().jobId());
        assertTrue(store.yield(lease.leaseId(), T0 + 3));
        assertFalse(store.yield(lease.leaseId(), T0 + 3), "the lease is no longer current");
        assertFalse(store.complete(lease.leaseId(), new byte[] {1}, T0 + 3));
        StoredJob back = reload(first);
        assertEquals(JobState.JOB_STATE_QUEUED, back.state());
        assertEquals(0, back.attempts());
        Lease again = claimAll(T0 + 3);
        assertEquals(first.jobId(), again.job().jobId(), "it keeps its place ahead of " + second.jobId());
        assertEquals(1, again.job().attempts());

        store.cancel(first.jobId(), "stop", T0 + 4);
        assertTrue(store.yield(again.leaseId(), T0 + 5));
        assertEquals(JobState.JOB_STATE_CANCELLED, reload(first).state(), "a cancel wins over a yield");
    }

    @Test
    void aWinningPoStIsNeverRetried() {
        StoredJob winning = submit(store, JobKind.JOB_KIND_WINNING_POST, Priority.PRIORITY_UNSPECIFIED, T0);
        Lease lease = claimAll(T0);
        FailOutcome out = store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_TEMPORARY,
                JobError.newBuilder().setMessage("flaky").build().toByteArray(), T0 + 1);
        assertFalse(out.willRetry());
        assertEquals(JobState.JOB_STATE_FAILED, reload(winning).state());

        StoredJob lost = submit(store, JobKind.JOB_KIND_WINNING_POST, Priority.PRIORITY_UNSPECIFIED, T0 + 2);
        claimAll(T0 + 2);
        assertEquals(1, store.expireLeases(T0 + 2 + LEASE + 1));
        assertEquals(JobState.JOB_STATE_FAILED, reload(lost).state(), "an expired lease is not retried either");
    }

    @Test
    void aDeviceErrorIsRetriedAtOnce() {
        StoredJob job = submit(store, JobKind.JOB_KIND_SEAL_PC2, Priority.PRIORITY_NORMAL, T0);
        Lease lease = claimAll(T0);
        FailOutcome out = store.fail(lease.leaseId(), ErrorClass.ERROR_CLASS_DEVICE, randomBytes(8), T0 + 1);
        assertTrue(out.willRetry());
        assertEquals(0, out.retryAfterMs());
        assertEquals(job.jobId(), claimAll(T0 + 1).job().jobId());
    }

    @Test
    void queuedListsJobsOfAtLeastAPriorityInClaimOrder() {
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_LOW, T0);
        StoredJob high = submit(store, JobKind.JOB_KIND_WINDOW_POST, Priority.PRIORITY_HIGH, T0 + 1);
        StoredJob critical = submit(store, JobKind.JOB_KIND_WINNING_POST, Priority.PRIORITY_CRITICAL, T0 + 2);
        List<String> ids = store.queued(Priority.PRIORITY_HIGH, 10).stream().map(StoredJob::jobId).toList();
        assertEquals(List.of(critical.jobId(), high.jobId()), ids);
        assertEquals(1, store.queued(Priority.PRIORITY_CRITICAL, 10).size());
    }
}
