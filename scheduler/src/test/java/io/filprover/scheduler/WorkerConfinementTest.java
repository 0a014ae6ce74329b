package io.filprover.scheduler;

import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SubmitRequest;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker reads and writes only under its own storage roots, whatever the coordinator accepted:
 * with the coordinator's roots wider than the worker's, every kind's paths reached through
 * {@code ..}, an absolute path elsewhere or a symlink out fail the job naming the field, and nothing
 * is created there. (BadInputTableTest covers the coordinator's side, field by field.)
 */
class WorkerConfinementTest {
    @Test
    void everyKindWithPathsOutsideTheWorkersRootsFailsNamingTheFieldAndTouchesNothing(@TempDir Path base) throws Exception {
        Path workerRoot = Files.createDirectories(base.resolve("worker-root"));
        Path elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        Files.createSymbolicLink(workerRoot.resolve("link"), elsewhere);
        String name = "confine-" + UUID.randomUUID();
        Coordinator c = Coordinator.builder(new InMemoryJobStore()).inProcess(name).storageRoots(List.of(base))
                .lease(5_000, 100).pollMs(50).build().start();
        ManagedChannel ch = InProcessChannelBuilder.forName(name).build();
        Worker w = Worker.builder().channel(ch).storageRoots(List.of(workerRoot)).threads(2).slots(2)
                .workDir(base.resolve("work")).grace(Duration.ZERO).build().start();
        try {
            var client = ProverServiceGrpc.newBlockingStub(ch).withDeadlineAfter(60, TimeUnit.SECONDS);
            List<Path> ways = List.of(Path.of(workerRoot + "/../elsewhere/a"), elsewhere.resolve("b"),
                    workerRoot.resolve("link/c"));
            for (Path way : ways) {
                for (Map.Entry<String, JobRequest> e : BadInputTableTest.goodRequests(way).entrySet()) {
                    Job j = client.submit(SubmitRequest.newBuilder().setRequest(e.getValue()).build()).getJob();
                    Job done = client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).build());
                    assertEquals(JobState.JOB_STATE_FAILED, done.getState(), way + " " + e.getKey() + ": " + done);
                    assertTrue(done.getError().getField().startsWith(e.getKey() + "."), done.getError().toString());
                    assertTrue(done.getError().getMessage().contains("outside the storage roots"), done.getError().toString());
                    assertEquals("INVALID_INPUT", done.getError().getKind());
                }
            }
            try (var listing = Files.list(elsewhere)) {
                assertEquals(0, listing.count(), "nothing was created outside the worker's roots");
            }
            assertFalse(Files.exists(base.resolve("elsewhere/a")));
        } finally {
            w.stop();
            c.stop();
            ch.shutdownNow();
        }
    }

    @Test
    void aDanglingSymlinkOutIsRefusedSoNothingCanBeWrittenThroughIt(@TempDir Path base) throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        Files.createSymbolicLink(root.resolve("dangling"), base.resolve("outside-not-yet"));
        StoragePaths paths = new StoragePaths(List.of(root));
        StoragePaths.FieldException e = assertThrows(StoragePaths.FieldException.class,
                () -> paths.check("seal_pc2.replica_path", root.resolve("dangling").toString()));
        assertEquals("seal_pc2.replica_path", e.field());
        assertEquals(root.resolve("x"), paths.check("f", root + "/sub/../x"));
        assertFalse(Files.exists(base.resolve("outside-not-yet")));
    }
}
