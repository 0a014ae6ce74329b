package io.filprover.scheduler.store;

import java.util.UUID;

/** The contract on an H2 in-memory database ({@link JobStores#inMemory}); a new database per test. */
class H2MemoryJobStoreTest extends SchedulingContractTest {

    private String name;

    @Override
    void freshDatabase() {
        name = "jobs-" + UUID.randomUUID();
    }

    @Override
    JobStore openStore(int maxAttempts) {
        return JobStores.inMemory(name, maxAttempts);
    }

    @Override
    int threadsPerStore() {
        return 2;
    }
}
