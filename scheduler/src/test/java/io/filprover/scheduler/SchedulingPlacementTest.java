package io.filprover.scheduler;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proto.v1.CordonRequest;
import io.filprover.proto.v1.EvictParamsRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.PreloadParamsRequest;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.WorkerStatus;
import io.filprover.scheduler.store.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.filprover.scheduler.InProcessFarm.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fairness, placement by memory and hot parameters, with a real coordinator, store and workers. */
class SchedulingPlacementTest {
    @TempDir
    Path root;

    /**
     * 200 small jobs (HIGH as Window PoSt stand-ins, NORMAL as C2 stand-ins, LOW) submitted faster
     * than a worker runs them. The coordinator's clock ticks once per read, so every claim has its
     * own start time and the start order is the claim order. The rule (aging is 10 minutes, never
     * reached here): no NORMAL job starts after a HIGH one was queued and before that one starts,
     * and each class starts in submission order.
     */
    @Test
    void twoHundredMixedJobsThroughRealWorkersKeepTheFairnessRule() throws Exception {
        AtomicLong tick = new AtomicLong(System.currentTimeMillis());
        try (InProcessFarm h = new InProcessFarm(root, b -> b.clock(tick::incrementAndGet))) {
            h.start(h.worker("w").slots(2));
            Random rnd = new Random(200);
            Priority[] mix = {Priority.PRIORITY_HIGH, Priority.PRIORITY_NORMAL, Priority.PRIORITY_NORMAL,
                Priority.PRIORITY_NORMAL, Priority.PRIORITY_LOW};
            List<Job> jobs = new ArrayList<>();
            List<Long> visibleAt = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] data = new byte[4096];
                rnd.nextBytes(data);
                jobs.add(h.submit(InProcessFarm.commp(data).toBuilder().setPriority(mix[rnd.nextInt(mix.length)]).build()));
                // every claim whose clock reading comes after this one sees the job
                visibleAt.add(tick.get());
            }
            List<Long> started = new ArrayList<>();
            for (Job j : jobs) {
                Job done = h.await(j);
                assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done.toString());
                started.add(h.store.get(j.getJobId()).orElseThrow().startedUnixMs());
            }
            int overtaken = 0;
            for (int w = 0; w < 200; w++) {
                if (jobs.get(w).getPriority() != Priority.PRIORITY_HIGH) {
                    continue;
                }
                for (int n = 0; n < 200; n++) {
                    if (jobs.get(n).getPriority() != Priority.PRIORITY_NORMAL) {
                        continue;
                    }
                    assertTrue(!(started.get(n) > visibleAt.get(w) && started.get(n) < started.get(w)),
                            "C2 stand-in " + n + " started while Window stand-in " + w + " waited");
                    if (n < w && started.get(w) < started.get(n)) {
                        overtaken++;
                    }
                }
            }
            assertTrue(overtaken > 0, "the queue was long enough for HIGH jobs to pass NORMAL ones");
            for (Priority p : List.of(Priority.PRIORITY_HIGH, Priority.PRIORITY_NORMAL, Priority.PRIORITY_LOW)) {
                long last = Long.MIN_VALUE;
                for (int i = 0; i < 200; i++) {
                    if (jobs.get(i).getPriority() == p) {
                        assertTrue(started.get(i) > last, "FIFO within " + p + " at job " + i);
                        last = started.get(i);
                    }
                }
            }
        }
    }

    @Test
    void aJobNeedingMoreMemoryThanAWorkerHasIsNeverLeasedToIt() throws Exception {
        try (InProcessFarm h = new InProcessFarm(root, b -> { })) {
            // a comm_p needs 64 MiB (JobNeeds.BASE): the small worker never gets one
            Worker small = h.start(h.worker("small").memoryBytes(32L << 20));
            Worker big = h.start(h.worker("big").memoryBytes(1L << 30));
            Random rnd = new Random(1);
            for (int i = 0; i < 8; i++) {
                byte[] data = new byte[2048];
                rnd.nextBytes(data);
                Job j = h.await(h.submit(InProcessFarm.commp(data)));
                assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), j.toString());
                assertEquals(big.id(), j.getWorkerId());
            }
            h.admin.cordon(CordonRequest.newBuilder().setWorkerId(big.id()).build());
            Job waiting = h.submit(InProcessFarm.commp(new byte[] {1, 2, 3}));
            // no worker has GPU memory: a job asking for cuda waits for one
            Job gpu = h.submit(BadInputTableTest.goodRequests(root).get("seal_pc2").toBuilder().setBackend("cuda").build());
            Thread.sleep(1_000);
            assertEquals(JobState.JOB_STATE_QUEUED, h.get(waiting.getJobId()).getState(), "not leased to " + small.id());
            h.admin.uncordon(CordonRequest.newBuilder().setWorkerId(big.id()).build());
            Job done = h.await(waiting);
            assertEquals(big.id(), done.getWorkerId());
            Thread.sleep(500);
            Job stillQueued = h.get(gpu.getJobId());
            assertEquals(JobState.JOB_STATE_QUEUED, stillQueued.getState());
            assertEquals(0, stillQueued.getAttempts());
        }
    }

    @Test
    void aWorkerWithTheJobsParametersHotIsPreferredAndPreloadAndEvictReachIt() throws Exception {
        try (InProcessFarm h = new InProcessFarm(root, b -> { })) {
            List<String> closed = new CopyOnWriteArrayList<>();
            ParamsHolder holder = new ParamsHolder(name -> () -> closed.add(name));
            Set<JobKind> post = Set.of(JobKind.JOB_KIND_WINDOW_POST);
            Worker cold = h.start(h.worker("cold").kinds(post));
            Worker hot = h.start(h.worker("hot").kinds(post).params(holder));
            JobRequest window = BadInputTableTest.goodRequests(root).get("window_post");
            String file = CircuitIdentifiers.of(RegisteredPoStProof.ofId(window.getWindowPost().getRegisteredPostProof()))
                    .paramsFile();
            assertEquals(List.of(hot.id()), h.admin.preloadParams(PreloadParamsRequest.newBuilder()
                    .setWorkerId(hot.id()).addParams(file).build()).getWorkerIdsList());
            assertTrue(eventually(30, () -> hotParams(h, hot.id()).contains(file)), "the worker reports it hot");

            for (int i = 0; i < 6; i++) {
                // the sector files do not exist: each job fails on its worker, which is all this needs
                Job j = h.await(h.submit(window.toBuilder().setRequestId("window-" + i).build()));
                assertEquals(hot.id(), j.getWorkerId(), "job " + i + " went to " + j.getWorkerId() + ", not " + hot.id()
                        + " (cold: " + cold.id() + ")");
            }

            h.admin.evictParams(EvictParamsRequest.newBuilder().setWorkerId(hot.id()).build());
            assertTrue(eventually(30, () -> hotParams(h, hot.id()).isEmpty()), "evicted");
            assertEquals(List.of(file), closed);
        }
    }

    private static List<String> hotParams(InProcessFarm h, String workerId) {
        WorkerStatus w = h.status(workerId);
        return w == null ? List.of() : w.getHotParamsList();
    }
}
