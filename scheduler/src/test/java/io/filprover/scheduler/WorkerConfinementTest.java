package io.filprover.scheduler;

import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        try (InProcessFarm farm = new InProcessFarm(base, new InMemoryJobStore(), b -> b.lease(5_000, 100))) {
            farm.start(farm.worker("confined").storageRoots(List.of(workerRoot)).slots(2));
            List<Path> ways = List.of(Path.of(workerRoot + "/../elsewhere/a"), elsewhere.resolve("b"),
                    workerRoot.resolve("link/c"));
            for (Path way : ways) {
                for (Map.Entry<String, JobRequest> e : BadInputTableTest.goodRequests(way).entrySet()) {
                    Job done = farm.await(farm.submit(e.getValue()));
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
