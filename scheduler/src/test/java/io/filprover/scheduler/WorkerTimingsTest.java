package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.SealCommit1Request;
import io.filprover.proto.v1.SealPreCommit1Request;
import io.filprover.proto.v1.SealPreCommit2Request;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.proto.v1.StageTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every result's timings, for a real job of each kind (comm_p, then PC1, PC2, C1, Window and Winning
 * PoSt of one 2 KiB sector) run by a worker of an in-process coordinator: queue_wait first, then
 * the stages the proving API recorded, in order, then total; each names the worker, and each but
 * queue_wait the backend.
 */
class WorkerTimingsTest {
    /** What the clocks may disagree by: the stages are timed with nanoTime, total with currentTimeMillis. */
    private static final long SLACK_MS = 5;

    @TempDir
    Path root;

    private InProcessFarm farm;
    private Worker worker;

    @AfterEach
    void stop() {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void everyKindReportsQueueWaitItsStagesAndTotalNamingWorkerAndBackend() throws IOException {
        farm = new InProcessFarm(root, new InMemoryJobStore(), b -> b.lease(2_000, 100));
        worker = farm.start(farm.worker("timed"));

        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String where = "seed " + seed;
        byte[] piece = new byte[1000 + rnd.nextInt(1000)];
        rnd.nextBytes(piece);
        Job commp = run(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(piece))));
        assertTimings(commp, List.of("tree_hashing"), where);

        RegisteredSealProof proof = RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
        byte[] data = new byte[(int) SectorSize.SIZE_2KIB.unpaddedBytes()];
        rnd.nextBytes(data);
        Path dataFile = Files.write(root.resolve("data"), data);
        String cache = root.resolve("cache").toString();
        String replica = root.resolve("sealed").toString();
        SectorIdentity id = SectorIdentity.newBuilder().setProverId(bytes32(rnd)).setSectorId(1 + rnd.nextInt(1000))
                .setTicket(bytes32(rnd)).setRegisteredSealProof(proof.id()).build();

        Job pc1 = run(JobRequest.newBuilder().setSealPc1(SealPreCommit1Request.newBuilder().setSector(id)
                .setDataPath(dataFile.toString()).setCacheDir(cache)));
        assertTimings(pc1, List.of("data_padding", "tree_d", "parent_cache", "labeling"), where);

        Job pc2 = run(JobRequest.newBuilder().setSealPc2(SealPreCommit2Request.newBuilder()
                .setRegisteredSealProof(proof.id()).setCacheDir(cache).setReplicaPath(replica)));
        assertTimings(pc2, List.of("tree_c", "tree_r_last"), where);

        Job c1 = run(JobRequest.newBuilder().setSealC1(SealCommit1Request.newBuilder().setSector(id)
                .setSeed(bytes32(rnd)).setCacheDir(cache).setReplicaPath(replica)));
        assertTimings(c1, List.of("vanilla_proofs", "verification", "write_output"), where);

        PoStSector sector = PoStSector.newBuilder().setSectorId(id.getSectorId())
                .setCommR(pc2.getResult().getSealPc2().getCommR()).setCacheDir(cache).setReplicaPath(replica).build();
        for (RegisteredPoStProof type : List.of(RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1,
                RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1)) {
            PoStRequest.Builder post = PoStRequest.newBuilder().setRegisteredPostProof(type.id())
                    .setRandomness(bytes32(rnd)).setProverId(id.getProverId()).addSectors(sector);
            JobRequest.Builder r = JobRequest.newBuilder();
            Job job = run(type.kind() == RegisteredPoStProof.Kind.WINDOW ? r.setWindowPost(post) : r.setWinningPost(post));
            assertTimings(job, List.of("vanilla_proofs", "verification"), where + ", " + type.upstreamName());
        }
    }

    private Job run(JobRequest.Builder request) {
        Job j = farm.await(farm.submit(request.build()));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), j.toString());
        return j;
    }

    /** queue_wait, exactly {@code stages} in order, total; every stage on this worker, all but queue_wait on one backend. */
    private void assertTimings(Job job, List<String> stages, String where) {
        List<StageTiming> t = job.getResult().getTimingsList();
        String what = where + ", " + job.getKind() + ": " + t;
        assertEquals(stages.size() + 2, t.size(), what);
        assertEquals("queue_wait", t.get(0).getStage(), what);
        assertEquals("", t.get(0).getBackend(), "queue_wait ran on no backend: " + what);
        assertEquals(stages, t.subList(1, t.size() - 1).stream().map(StageTiming::getStage).toList(), what);
        StageTiming total = t.get(t.size() - 1);
        assertEquals("total", total.getStage(), what);
        assertFalse(total.getBackend().isEmpty(), what);
        long sum = 0;
        for (StageTiming s : t) {
            assertEquals(worker.id(), s.getWorker(), what);
            assertTrue(s.getMillis() >= 0, what);
            if (s != t.get(0) && s != total) {
                assertEquals(total.getBackend(), s.getBackend(), what);
                sum += s.getMillis();
            }
        }
        assertTrue(sum <= total.getMillis() + SLACK_MS, "the stages sum to more than the total: " + what);
    }

    private static ByteString bytes32(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        b[31] &= 0x3f; // a field element, as tickets, seeds and prover ids are
        return ByteString.copyFrom(b);
    }
}
