package io.filprover.scheduler;

import io.filprover.api.job.CancellationToken;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.Progress;

import java.util.concurrent.CountDownLatch;

/** One job a worker runs under a lease: its cancellation, its last progress, how it is to end. */
final class RunningJob {
    final String leaseId;
    final Job job;
    final CancellationToken token = CancellationToken.create();
    volatile Progress progress = Progress.getDefaultInstance();
    /** Handed back as the worker stops: reported TEMPORARY so another worker runs it. */
    volatile boolean handedBack;
    /** The lease went to another worker: nothing is reported. */
    volatile boolean lost;
    /** Asked to yield to a CRITICAL job: reported PREEMPTED, queued again by the coordinator. */
    volatile boolean preempted;
    final CountDownLatch done = new CountDownLatch(1);

    RunningJob(String leaseId, Job job) {
        this.leaseId = leaseId;
        this.job = job;
    }
}
