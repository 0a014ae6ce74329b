package io.filprover.scheduler;

import io.filprover.api.kernels.Backends;
import io.filprover.scheduler.store.JobStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded default: a coordinator and one local worker in this process over a job store,
 * started together and stopped together (worker first, so its leases are finished or handed back
 * before the coordinator goes). {@code filprover serve} and {@code filprover demo} run on it.
 */
public final class EmbeddedService implements AutoCloseable {
    private final JobStore store;
    private final Coordinator coordinator;
    private final Worker worker;

    private EmbeddedService(JobStore store, Coordinator coordinator, Worker worker) {
        this.store = store;
        this.coordinator = coordinator;
        this.worker = worker;
    }

    /**
     * Starts the coordinator on {@code listen} (port 0 picks a free one) and a local worker named
     * {@code local} with {@code threads} threads and {@code slots} jobs at once. The store is closed
     * with the service, also when starting fails.
     */
    public static EmbeddedService start(JobStore store, HostPort listen, List<Path> storageRoots, int threads,
                                        int slots, Backends backends, Path workDir, Path parentCacheDir)
            throws IOException {
        Coordinator coordinator = null;
        try {
            coordinator = Coordinator.builder(store).listen(listen).storageRoots(storageRoots).build().start();
            Worker.Builder w = Worker.builder().coordinator(coordinator.address()).name("local")
                    .storageRoots(storageRoots).threads(threads).slots(slots).backends(backends).workDir(workDir);
            if (parentCacheDir != null) {
                w.parentCacheDir(parentCacheDir);
            }
            return new EmbeddedService(store, coordinator, w.build().start());
        } catch (IOException | RuntimeException | Error e) {
            if (coordinator != null) {
                coordinator.stop();
            }
            store.close();
            throw e;
        }
    }

    /** HOST:PORT the coordinator listens on. */
    public String address() {
        return coordinator.address();
    }

    public Worker worker() {
        return worker;
    }

    @Override
    public void close() {
        try {
            worker.stop();
        } finally {
            try {
                coordinator.stop();
            } finally {
                store.close();
            }
        }
    }
}
