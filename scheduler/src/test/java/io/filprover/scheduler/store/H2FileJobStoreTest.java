package io.filprover.scheduler.store;

import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract on the embedded store ({@link JobStores#embedded}, an H2 file database), where the
 * concurrency test runs two stores in one process with one thread each; and durability across a
 * close and reopen.
 */
class H2FileJobStoreTest extends SchedulingContractTest {

    @TempDir
    Path tmp;
    private Path dataDir;
    private int n;

    @Override
    void freshDatabase() {
        dataDir = tmp.resolve("data" + n++);
    }

    @Override
    JobStore openStore(int maxAttempts) {
        return JobStores.embedded(dataDir, maxAttempts);
    }

    @Override
    int threadsPerStore() {
        return 1;
    }

    @Test
    void jobsSurviveClosingAndReopening() throws Exception {
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
        submit(store, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0 + 1);
        JobStore.StoredJob queuedBefore = submit(store, JobKind.JOB_KIND_SEAL_PC1, Priority.PRIORITY_NORMAL, T0 + 2);
        JobStore.Lease first = store.claim("w", java.util.Set.of(JobKind.JOB_KIND_COMMP), LEASE, T0 + 3).orElseThrow();
        byte[] result = randomBytes(256);
        assertTrue(store.complete(first.leaseId(), result, T0 + 4));
        JobStore.Lease second = store.claim("w", java.util.Set.of(JobKind.JOB_KIND_COMMP), LEASE, T0 + 5).orElseThrow();
        store.close();
        assertTrue(Files.exists(dataDir.resolve("filprover.mv.db")));

        try (JobStore reopened = JobStores.embedded(dataDir)) {
            JobStore.StoredJob done = reopened.get(first.job().jobId()).orElseThrow();
            assertEquals(JobState.JOB_STATE_SUCCEEDED, done.state());
            assertArrayEquals(result, done.result());
            // the running job's lease survives too: its worker can still finish it
            assertTrue(reopened.renew(second.leaseId(), LEASE, T0 + 6));
            JobStore.StoredJob queued = reopened.get(queuedBefore.jobId()).orElseThrow();
            assertEquals(JobState.JOB_STATE_QUEUED, queued.state());
            assertArrayEquals(queuedBefore.request(), queued.request());
            assertFalse(reopened.submit(new JobStore.NewJob(queued.requestId(), queued.kind(), queued.priority(), 0,
                    queued.request()), T0 + 7).created());
            assertEquals(queued.jobId(), reopened.claim("w", ALL_KINDS, LEASE, T0 + 8).orElseThrow().job().jobId());
        }
    }

    /**
     * A submit acknowledged just before the process dies without closing anything (Runtime.halt, like
     * kill -9: no shutdown hooks) is still there when the store is opened again.
     */
    @Test
    void acknowledgedSubmitSurvivesAProcessKill() throws Exception {
        store.close();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                SubmitThenHalt.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(137, child.waitFor(), out);
        String[] ids = out.lines().filter(l -> l.startsWith("submitted ")).findFirst()
                .orElseThrow(() -> new AssertionError(out)).substring("submitted ".length()).split(" ");
        try (JobStore reopened = JobStores.embedded(dataDir)) {
            JobStore.StoredJob job = reopened.get(ids[0]).orElseThrow(() -> new AssertionError("job lost: " + out));
            assertEquals(ids[1], job.requestId());
            assertEquals(JobState.JOB_STATE_QUEUED, job.state());
        }
    }

    /** The child process of {@link #acknowledgedSubmitSurvivesAProcessKill()}. */
    public static final class SubmitThenHalt {
        public static void main(String[] args) {
            JobStore s = JobStores.embedded(Path.of(args[0]));
            JobStore.StoredJob job = submit(s, JobKind.JOB_KIND_COMMP, Priority.PRIORITY_NORMAL, T0);
            System.out.println("submitted " + job.jobId() + " " + job.requestId());
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
