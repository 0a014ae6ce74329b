package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SubmitRequest;
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
import java.util.function.LongSupplier;

/** An in-process coordinator on an H2 job store with real workers, for the scheduling tests. */
final class SchedulingHarness implements AutoCloseable {
    final JobStore store = JobStores.inMemory("sched-" + UUID.randomUUID());
    final Coordinator coordinator;
    final ManagedChannel channel;
    final ProverServiceGrpc.ProverServiceBlockingStub client;
    final AdminServiceGrpc.AdminServiceBlockingStub admin;
    final List<Worker> workers = new ArrayList<>();
    final Path root;

    SchedulingHarness(Path root, LongSupplier clock, Consumer<Coordinator.Builder> tune) throws IOException {
        this.root = root;
        String name = "coordinator-" + UUID.randomUUID();
        Coordinator.Builder b = Coordinator.builder(store).inProcess(name).storageRoots(List.of(root))
                .lease(10_000, 100).pollMs(50).maxInlineBytes(16 << 20);
        if (clock != null) {
            b.clock(clock);
        }
        tune.accept(b);
        coordinator = b.build().start();
        channel = InProcessChannelBuilder.forName(name).maxInboundMessageSize(32 << 20).build();
        client = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.SECONDS);
        admin = AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    Worker.Builder worker(String name) {
        return Worker.builder().channel(channel).name(name).storageRoots(List.of(root)).threads(2)
                .workDir(root.resolve("work-" + name)).parentCacheDir(root.resolve("parents")).grace(Duration.ZERO);
    }

    Worker start(Worker.Builder b) {
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
