package io.filprover.scheduler.store;

import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
class H2FileJobStoreTest extends JobStoreContractTest {

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
}
