package io.filprover.scheduler;

import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.Priority;
import io.filprover.scheduler.store.JobStore;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator's scheduling decisions (docs/operations.md "Scheduling"): which queued job a
 * worker's free slot takes (placement by free RAM and GPU memory, hot parameters preferred; the
 * order itself is the store's fairness rule), which running job yields to a waiting CRITICAL one
 * (preemption), and whether a job with a deadline can meet it (admission, by measured speeds).
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** Queued CRITICAL jobs looked at per preemption round. */
    private static final int CRITICAL_SCAN = 32;
    /** Queued jobs ahead counted per admission decision. */
    private static final int AHEAD_SCAN = 10_000;

    private final Coordinator c;
    final SpeedBook speeds = new SpeedBook();
    /** Leases asked to yield (sent in their worker's heartbeats until they end). */
    private final Set<String> preempting = ConcurrentHashMap.newKeySet();

    Scheduler(Coordinator c) {
        this.c = c;
    }

    // ---- placement -----------------------------------------------------------------------------

    /** RAM and GPU memory its running jobs leave free on {@code w}. */
    long[] free(WorkerEntry w) {
        long ram = w.memoryBytes();
        long gpu = w.gpuBytes();
        for (String lease : w.active) {
            LeaseEntry e = c.leases.get(lease);
            if (e != null) {
                ram = ram == Long.MAX_VALUE ? ram : ram - e.needs().ramBytes();
                gpu -= e.needs().gpuBytes();
            }
        }
        return new long[] {Math.max(0, ram), Math.max(0, gpu)};
    }

    static boolean fitsAtAll(WorkerEntry w, JobNeeds n) {
        return n.ramBytes() <= w.memoryBytes() && n.gpuBytes() <= w.gpuBytes();
    }

    private boolean open(WorkerEntry w) {
        return w.connected && !w.cordoned;
    }

    /**
     * The next job for a free slot of {@code w}: the store's fairness order among jobs that fit its
     * free memory, leaving jobs whose parameters another open worker with a free slot has hot (and
     * {@code w} has not) to that worker. Records the lease.
     */
    Optional<JobStore.Lease> claim(WorkerEntry w, long now) {
        long[] free = free(w);
        Set<String> avoid = new HashSet<>();
        for (WorkerEntry o : c.workers.values()) {
            if (o != w && open(o) && o.active.size() < o.slots) {
                avoid.addAll(o.hotParams);
            }
        }
        avoid.removeAll(w.hotParams);
        avoid.remove("");
        JobStore.Claim claim = new JobStore.Claim(w.id, w.kinds, c.config.leaseMs, now, c.config.agingMs,
                free[0], free[1], avoid);
        Optional<JobStore.Lease> lease = c.store.claim(claim);
        lease.ifPresent(l -> {
            JobRequest r = c.toProto(l.job()).getRequest();
            c.leases.put(l.leaseId(), new LeaseEntry(w.id, l.job().jobId(), l.job().kind(), l.job().priority(),
                    JobNeeds.of(r), now));
            w.active.add(l.leaseId());
        });
        return lease;
    }

    // ---- preemption ----------------------------------------------------------------------------

    boolean preempting(String leaseId) {
        return preempting.contains(leaseId);
    }

    /** The lease ended: true if it had been asked to yield. */
    boolean ended(String leaseId) {
        return preempting.remove(leaseId);
    }

    /**
     * For each queued CRITICAL job that no open worker has a free slot (and free memory) for, asks
     * one running LOW or NORMAL job on a worker that could run it to yield: the lowest priority, then
     * the most recently started (the least work redone). HIGH jobs are never preempted, and a HIGH job
     * waiting does not preempt. Jobs already being preempted count against the waiting ones.
     */
    void preemptIfNeeded() {
        if (!c.config.preemption || !c.running.get()) {
            return;
        }
        try {
            List<JobStore.StoredJob> critical = c.store.queued(Priority.PRIORITY_CRITICAL, CRITICAL_SCAN);
            int covered = preempting.size();
            for (JobStore.StoredJob j : critical) {
                JobNeeds needs = JobNeeds.of(c.toProto(j).getRequest());
                if (hasFreeSlot(j.kind(), needs)) {
                    continue;
                }
                if (covered > 0) {
                    covered--;
                    continue;
                }
                victim(j.kind(), needs).ifPresent(v -> {
                    preempting.add(v);
                    LeaseEntry e = c.leases.get(v);
                    LOG.info("job {} ({}) on {} yields to CRITICAL job {}", e.jobId(), e.priority(), e.workerId(), j.jobId());
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("preemption check failed", e);
        }
    }

    private boolean hasFreeSlot(JobKind kind, JobNeeds needs) {
        for (WorkerEntry w : c.workers.values()) {
            if (open(w) && w.kinds.contains(kind) && w.active.size() < w.slots) {
                long[] free = free(w);
                if (needs.ramBytes() <= free[0] && needs.gpuBytes() <= free[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<String> victim(JobKind kind, JobNeeds needs) {
        String best = null;
        LeaseEntry bestEntry = null;
        for (WorkerEntry w : c.workers.values()) {
            if (!open(w) || !w.kinds.contains(kind) || !fitsAtAll(w, needs)) {
                continue;
            }
            long[] free = free(w);
            for (String lease : w.active) {
                LeaseEntry e = c.leases.get(lease);
                if (e == null || preempting.contains(lease) || e.priority().getNumber() > Priority.PRIORITY_NORMAL_VALUE
                        || free[0] + e.needs().ramBytes() < needs.ramBytes()
                        || free[1] + e.needs().gpuBytes() < needs.gpuBytes()) {
                    continue;
                }
                Comparator<LeaseEntry> order = Comparator.<LeaseEntry>comparingInt(x -> x.priority().getNumber())
                        .thenComparing(Comparator.comparingLong(LeaseEntry::startedMs).reversed());
                if (bestEntry == null || order.compare(e, bestEntry) < 0) {
                    best = lease;
                    bestEntry = e;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    // ---- admission -----------------------------------------------------------------------------

    /**
     * Refuses a job with a deadline that no registered worker can meet, FAILED_PRECONDITION naming
     * {@code deadline_unix_ms} and the best estimate. A worker's estimate is now + the runs of the
     * queued jobs it could take that are ahead (priority at least this one's) shared over its slots
     * + (when every slot is busy and a CRITICAL job cannot preempt there) the least remaining run
     * + this run. Accepted when no open worker runs the kind, or one has no measured speed for it.
     */
    void admit(JobRequest r, JobKind kind, Priority priority, JobNeeds needs, long now) {
        long deadline = r.getDeadlineUnixMs();
        if (deadline == 0) {
            return;
        }
        if (deadline <= now) {
            throw Status.FAILED_PRECONDITION.withDescription("deadline_unix_ms: " + deadline + " has passed (now "
                    + now + ")").asRuntimeException();
        }
        List<WorkerEntry> able = c.workers.values().stream()
                .filter(w -> open(w) && w.kinds.contains(kind) && fitsAtAll(w, needs)).toList();
        if (able.isEmpty()) {
            LOG.info("deadline of a {} accepted unchecked: no open worker runs it", kind);
            return;
        }
        List<JobStore.StoredJob> ahead = c.store.queued(priority, AHEAD_SCAN);
        long best = Long.MAX_VALUE;
        String bestWhy = "";
        for (WorkerEntry w : able) {
            OptionalLong run = speeds.estimate(w.id, kind, needs.sizeKey());
            if (run.isEmpty()) {
                LOG.debug("deadline of a {} accepted: {} has no measured speed for it", kind, w.id);
                return;
            }
            long queued = 0;
            for (JobStore.StoredJob j : ahead) {
                if (w.kinds.contains(j.kind())) {
                    JobNeeds n = JobNeeds.of(c.toProto(j).getRequest());
                    queued += speeds.estimate(w.id, j.kind(), n.sizeKey()).orElse(0);
                }
            }
            queued /= w.slots;
            long busy = 0;
            if (w.active.size() >= w.slots && !(priority == Priority.PRIORITY_CRITICAL && c.config.preemption)) {
                busy = Long.MAX_VALUE;
                for (String lease : w.active) {
                    LeaseEntry e = c.leases.get(lease);
                    if (e != null) {
                        long est = speeds.estimate(w.id, e.kind(), e.needs().sizeKey()).orElse(0);
                        busy = Math.min(busy, Math.max(0, e.startedMs() + est - now));
                    }
                }
                busy = busy == Long.MAX_VALUE ? 0 : busy;
            }
            long at = now + busy + queued + run.getAsLong();
            if (at < best) {
                best = at;
                bestWhy = w.id + ": " + busy + " ms until a slot frees, " + queued + " ms of jobs ahead, "
                        + run.getAsLong() + " ms to run";
            }
        }
        if (best > deadline) {
            throw Status.FAILED_PRECONDITION.withDescription("deadline_unix_ms: " + deadline + " cannot be met: the best "
                    + "estimate on any registered worker ends at " + best + " (" + (best - deadline) + " ms late; "
                    + bestWhy + ")").asRuntimeException();
        }
    }
}
