package io.filprover.scheduler;

import io.filprover.api.kernels.Backends;
import io.filprover.scheduler.store.JobStore;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded default: a coordinator and one local worker in this process over a job store
 * (or the coordinator alone, its workers elsewhere),
 * started together and stopped together (worker first, so its leases are finished or handed back
 * before the coordinator goes). {@code filprover serve} and {@code filprover demo} run on it.
 */
public final class EmbeddedService implements AutoCloseable {
    private final JobStore store;
    private final Coordinator coordinator;
    private final Worker worker;
    private final ManagedChannel localChannel;

    private EmbeddedService(JobStore store, Coordinator coordinator, Worker worker, ManagedChannel localChannel) {
        this.store = store;
        this.coordinator = coordinator;
        this.worker = worker;
        this.localChannel = localChannel;
    }

    /**
     * Starts the coordinator on {@code listen} (port 0 picks a free one) and a local worker named
     * {@code local} with {@code threads} threads and {@code slots} jobs at once. The store is closed
     * with the service, also when starting fails.
     */
    public static EmbeddedService start(JobStore store, HostPort listen, List<Path> storageRoots, int threads,
                                        int slots, Backends backends, Path workDir, Path parentCacheDir)
            throws IOException {
        return start(store, listen, storageRoots, threads, slots, backends, workDir, parentCacheDir, b -> { }, true);
    }

    /**
     * As above, with the coordinator's builder handed to {@code tune} before it is built (lease and
     * heartbeat intervals) and, when {@code localWorker} is false, no local worker: the coordinator
     * only, its work done by {@code filprover worker} processes.
     */
    public static EmbeddedService start(JobStore store, HostPort listen, List<Path> storageRoots, int threads,
                                        int slots, Backends backends, Path workDir, Path parentCacheDir,
                                        Consumer<CoordinatorConfig> tune, boolean localWorker)
            throws IOException {
        Coordinator coordinator = null;
        ManagedChannel local = null;
        try {
            CoordinatorConfig cb = Coordinator.builder(store).listen(listen).storageRoots(storageRoots);
            tune.accept(cb);
            coordinator = cb.build().start();
            if (!localWorker) {
                return new EmbeddedService(store, coordinator, null, null);
            }
            // with tokens or TLS on, the local worker goes in-process (Coordinator.localChannel)
            local = coordinator.localChannel();
            WorkerConfig w = Worker.builder().coordinator(coordinator.address()).channel(local).name("local")
                    .storageRoots(storageRoots).threads(threads).slots(slots).backends(backends).workDir(workDir);
            if (parentCacheDir != null) {
                w.parentCacheDir(parentCacheDir);
            }
            return new EmbeddedService(store, coordinator, w.build().start(), local);
        } catch (IOException | RuntimeException | Error e) {
            if (local != null) {
                local.shutdownNow();
            }
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

    /** HOST:PORT of the coordinator's /metrics and status page, or null when it serves no HTTP. */
    public String httpAddress() {
        return coordinator.httpAddress();
    }

    /** The local worker, or null when started without one. */
    public Worker worker() {
        return worker;
    }

    @Override
    public void close() {
        try {
            if (worker != null) {
                worker.stop();
            }
            if (localChannel != null) {
                localChannel.shutdownNow();
            }
        } finally {
            try {
                coordinator.stop();
            } finally {
                store.close();
            }
        }
    }
}
