package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.SealPreCommit1Request;
import io.filprover.proto.v1.SealPreCommit2Request;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.proto.v1.StageTiming;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.filprover.scheduler.InProcessFarm.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Preemption and admission control with a real coordinator, store and worker, and small CPU jobs. */
class SchedulingPreemptionTest {
    @TempDir
    Path root;

    /**
     * Writes {@code data} into a FIFO each time a reader opens it: slowly the first time (so the job
     * reading it runs long), at full speed after; records how many bytes each run delivered.
     */
    static final class Feeder extends Thread {
        final Path fifo;
        final byte[] data;
        final List<Long> delivered = new CopyOnWriteArrayList<>();

        Feeder(Path fifo, byte[] data) {
            super("fifo-feeder");
            this.fifo = fifo;
            this.data = data;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int run = 0; run < 10; run++) {
                long off = 0;
                try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                    while (off < data.length) {
                        int n = (int) Math.min(128 << 10, data.length - off);
                        out.write(data, (int) off, n);
                        off += n;
                        if (run == 0) {
                            Thread.sleep(20);
                        }
                    }
                } catch (IOException e) {
                    // the reader closed the pipe: that run stopped
                } catch (InterruptedException e) {
                    return;
                }
                delivered.add(off);
                if (off == data.length) {
                    return;
                }
            }
        }
    }

    private static byte[] directCommP(byte[] data) throws IOException {
        try (JobContext ctx = JobContext.open(Backends.discover(), "cpu", 2, null, CancellationToken.create(), null)) {
            return CommitmentStages.commP(new ByteArrayInputStream(data), ctx, StreamingTreeHasher.Progress.NONE)
                    .commP().bytes();
        }
    }

    private static ByteString bytes32(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        b[31] &= 0x3f;
        return ByteString.copyFrom(b);
    }

    @Test
    void aCriticalWinningPoStPreemptsALowJobThatLaterCompletesWithTheSameResult() throws Exception {
        try (InProcessFarm h = new InProcessFarm(root, b -> { })) {
            Worker only = h.start(h.worker("only").slots(1));
            // a sealed 2 KiB sector for the Winning PoSt
            Random rnd = new Random(16);
            RegisteredSealProof proof = RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
            byte[] sectorData = new byte[(int) SectorSize.SIZE_2KIB.unpaddedBytes()];
            rnd.nextBytes(sectorData);
            Path dataFile = Files.write(root.resolve("data"), sectorData);
            String cache = root.resolve("cache").toString();
            String replica = root.resolve("sealed").toString();
            SectorIdentity id = SectorIdentity.newBuilder().setProverId(bytes32(rnd)).setSectorId(42)
                    .setTicket(bytes32(rnd)).setRegisteredSealProof(proof.id()).build();
            Job pc1 = h.await(h.submit(JobRequest.newBuilder().setSealPc1(SealPreCommit1Request.newBuilder()
                    .setSector(id).setDataPath(dataFile.toString()).setCacheDir(cache)).build()));
            assertEquals(JobState.JOB_STATE_SUCCEEDED, pc1.getState(), pc1.toString());
            Job pc2 = h.await(h.submit(JobRequest.newBuilder().setSealPc2(SealPreCommit2Request.newBuilder()
                    .setRegisteredSealProof(proof.id()).setCacheDir(cache).setReplicaPath(replica)).build()));
            assertEquals(JobState.JOB_STATE_SUCCEEDED, pc2.getState(), pc2.toString());

            // the long LOW job on the only worker: comm_p of a FIFO fed slowly
            Path fifo = root.resolve("slow-piece");
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
            byte[] piece = new byte[32 << 20];
            rnd.nextBytes(piece);
            Feeder feeder = new Feeder(fifo, piece);
            feeder.start();
            Job slow = h.submit(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setPath(fifo.toString()))
                    .build());
            assertEquals(Priority.PRIORITY_LOW, slow.getPriority());
            assertTrue(eventually(120, () -> h.get(slow.getJobId()).getProgress().getDone() > 0), "the slow job runs");

            long deadline = System.currentTimeMillis() + 120_000;
            PoStSector sector = PoStSector.newBuilder().setSectorId(id.getSectorId())
                    .setCommR(pc2.getResult().getSealPc2().getCommR()).setCacheDir(cache).setReplicaPath(replica).build();
            Job winning = h.submit(JobRequest.newBuilder().setDeadlineUnixMs(deadline).setWinningPost(
                    PoStRequest.newBuilder().setRegisteredPostProof(RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1.id())
                            .setRandomness(bytes32(rnd)).setProverId(id.getProverId()).addSectors(sector)).build());
            assertEquals(Priority.PRIORITY_CRITICAL, winning.getPriority());

            Job won = h.await(winning);
            assertEquals(JobState.JOB_STATE_SUCCEEDED, won.getState(), won.toString());
            assertTrue(won.getFinishedUnixMs() <= deadline, "finished before its deadline");
            assertEquals(only.id(), won.getWorkerId());

            Job done = h.await(slow);
            assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done.toString());
            // it yielded at a kernel boundary mid-way, ran again from the start, and got the same result
            assertTrue(feeder.delivered.size() >= 2 && feeder.delivered.get(0) < piece.length,
                    "the first run was interrupted: " + feeder.delivered);
            assertTrue(won.getFinishedUnixMs() <= done.getFinishedUnixMs(), "the Winning PoSt ended first");
            assertTrue(won.getStartedUnixMs() < done.getStartedUnixMs(), "the LOW job started again after it");
            assertEquals(1, done.getAttempts(), "the yield did not count as an attempt");
            assertArrayEquals(directCommP(piece), done.getResult().getCommp().getCommP().toByteArray());
            feeder.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void aDeadlineNoWorkerCanMeetByItsMeasuredSpeedIsRejectedAtSubmit() throws Exception {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        try (InProcessFarm h = new InProcessFarm(root, b -> b.clock(now::get))) {
            h.start(h.worker("only"));
            Random rnd = new Random(3);
            byte[] piece = new byte[8 << 20];
            rnd.nextBytes(piece);
            Job first = h.await(h.submit(InProcessFarm.commp(piece)));
            assertEquals(JobState.JOB_STATE_SUCCEEDED, first.getState(), first.toString());
            long total = first.getResult().getTimingsList().stream().filter(t -> t.getStage().equals("total"))
                    .mapToLong(StageTiming::getMillis).findFirst().orElseThrow();
            assumeTrue(total >= 2, "an 8 MiB comm_p took " + total + " ms: too fast to leave room below it");

            long t = now.get();
            rnd.nextBytes(piece);
            JobRequest tooSoon = InProcessFarm.commp(piece).toBuilder().setDeadlineUnixMs(t + total / 2).build();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> h.submit(tooSoon));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            String why = e.getStatus().getDescription();
            assertTrue(why.startsWith("deadline_unix_ms: " + (t + total / 2) + " cannot be met"), why);
            assertTrue(why.contains("best estimate"), why);
            assertEquals(1, h.store.list(io.filprover.scheduler.store.JobStore.JobFilter.ALL, 10, null).size(),
                    "nothing was queued");

            e = assertThrows(StatusRuntimeException.class, () -> h.submit(tooSoon.toBuilder().setDeadlineUnixMs(t - 1).build()));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("has passed"), e.getStatus().getDescription());

            Job roomy = h.await(h.submit(tooSoon.toBuilder().setDeadlineUnixMs(t + 10 * total + 60_000).build()));
            assertEquals(JobState.JOB_STATE_SUCCEEDED, roomy.getState(), roomy.toString());

            // no measured speed for PC1 on this worker: accepted
            JobRequest pc1 = BadInputTableTest.goodRequests(root).get("seal_pc1").toBuilder().setDeadlineUnixMs(t + 1).build();
            assertTrue(h.client.submit(io.filprover.proto.v1.SubmitRequest.newBuilder().setRequest(pc1).build()).getCreated());
        }
    }
}
