package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.filprover.proto.v1.WorkerStatus;
import io.filprover.scheduler.store.JobStore;
import io.filprover.scheduler.store.JobStores;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A coordinator serving in-process over a job store, with real workers (and any stand-in worker
 * driving {@link #workerService} by hand) on one channel: the farm the service, scheduling and
 * metrics tests run against. Closing it stops the workers, the coordinator, the channel and the store.
 */
final class InProcessFarm implements AutoCloseable {
    final JobStore store;
    final Coordinator coordinator;
    final ManagedChannel channel;
    final ProverServiceGrpc.ProverServiceBlockingStub client;
    final AdminServiceGrpc.AdminServiceBlockingStub admin;
    final WorkerServiceGrpc.WorkerServiceBlockingStub workerService;
    final List<Worker> workers = new ArrayList<>();
    final Path root;

    /** On a fresh H2 in-memory store; see {@link #InProcessFarm(Path, JobStore, Consumer)}. */
    InProcessFarm(Path root, Consumer<CoordinatorConfig> tune) throws IOException {
        this(root, JobStores.inMemory("farm-" + UUID.randomUUID()), tune);
    }

    /**
     * Starts a coordinator over {@code store} with {@code root} as its storage root, leases of 10 s
     * renewed every 100 ms and idle lease streams polling every 50 ms; {@code tune} changes any of it
     * (or adds a clock, an HTTP endpoint, kinds) before it starts.
     */
    InProcessFarm(Path root, JobStore store, Consumer<CoordinatorConfig> tune) throws IOException {
        this.root = root;
        this.store = store;
        String name = "farm-" + UUID.randomUUID();
        CoordinatorConfig b = Coordinator.builder(store).inProcess(name).storageRoots(List.of(root))
                .lease(10_000, 100).pollMs(50).maxInlineBytes(16 << 20);
        tune.accept(b);
        coordinator = b.build().start();
        channel = InProcessChannelBuilder.forName(name).maxInboundMessageSize(32 << 20).build();
        client = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.SECONDS);
        admin = AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        workerService = WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** A worker on this farm's channel and root, 2 threads, its own work directory, no grace period. */
    WorkerConfig worker(String name) {
        return Worker.builder().channel(channel).name(name).storageRoots(List.of(root)).threads(2)
                .workDir(root.resolve("work-" + name)).parentCacheDir(root.resolve("parents")).grace(Duration.ZERO);
    }

    /** Starts the worker (registered when this returns); the farm stops it when closed. */
    Worker start(WorkerConfig b) {
        Worker w = b.build().start();
        workers.add(w);
        return w;
    }

    Job submit(JobRequest r) {
        return client.submit(SubmitRequest.newBuilder().setRequest(r).build()).getJob();
    }

    Job await(Job j) {
        return client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).build());
    }

    Job get(String jobId) {
        return client.getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
    }

    /** The worker as GetStatus shows it, or null when it is not listed. */
    WorkerStatus status(String workerId) {
        for (WorkerStatus w : client.getStatus(GetStatusRequest.getDefaultInstance()).getWorkersList()) {
            if (w.getWorkerId().equals(workerId)) {
                return w;
            }
        }
        return null;
    }

    /** A scrape of /metrics (tune the farm with {@code http(new HostPort("127.0.0.1", 0), false)}). */
    Scrape scrape() throws IOException, InterruptedException {
        return Scrape.of(coordinator.httpAddress());
    }

    /** Polls until the condition holds or {@code seconds} pass (generous: the machine may be loaded). */
    static boolean eventually(int seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static JobRequest commp(byte[] data) {
        return JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(data))).build();
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.stop();
        }
        coordinator.stop();
        channel.shutdownNow();
        store.close();
    }
}
