package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.CpuKernelsProvider;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.StageTiming;
import io.filprover.proto.v1.SubmitRequest;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device backend that failed mid-job and had the CPU redo its work is never silent: the count of
 * redone operations reaches the job's result ({@code cpu_fallbacks}), the coordinator's
 * {@code filprover_cpu_fallbacks_total}, and the client's view of the job.
 */
class WorkerFallbackTest {
    @TempDir
    Path root;

    private Coordinator coordinator;
    private Worker worker;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
        if (coordinator != null) {
            coordinator.stop();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    /**
     * A stand-in GPU backend: every operation runs on the cpu kernels and counts as one fallback, as
     * a device backend does after its device failed (kernels' DeviceKernels).
     */
    private static KernelsProvider failingDevice(AtomicLong opened) {
        return new KernelsProvider() {
            @Override public String name() { return "flaky-gpu"; }
            @Override public int priority() { return 100; }
            @Override public Availability probe() { return Availability.yes("a device that fails"); }

            @Override
            public Kernels open(WorkerPool pool) {
                opened.incrementAndGet();
                CpuKernels cpu = new CpuKernels(pool);
                AtomicLong fallbacks = new AtomicLong();
                return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                        (proxy, m, args) -> {
                            switch (m.getName()) {
                                case "backendName": return "flaky-gpu";
                                case "fallbacks": return fallbacks.get();
                                case "close": return null;
                                default:
                                    fallbacks.incrementAndGet();
                                    try {
                                        return m.invoke(cpu, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                            }
                        });
            }
        };
    }

    @Test
    void fallbacksOfTheDeviceBackendAreInTheResultAndTheMetrics() throws Exception {
        String name = "fallback-" + UUID.randomUUID();
        coordinator = Coordinator.builder(new InMemoryJobStore()).inProcess(name).storageRoots(List.of(root))
                .lease(5_000, 200).pollMs(50).http(new HostPort("127.0.0.1", 0), true).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        AtomicLong opened = new AtomicLong();
        worker = Worker.builder().channel(channel).name("flaky").storageRoots(List.of(root)).threads(2)
                .workDir(root.resolve("work")).grace(Duration.ZERO)
                .backends(Backends.of(List.of(failingDevice(opened), new CpuKernelsProvider()))).build().start();
        byte[] piece = new byte[3000 + new Random().nextInt(3000)];
        new Random().nextBytes(piece);
        ProverServiceGrpc.ProverServiceBlockingStub client = ProverServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        Job j = client.submit(SubmitRequest.newBuilder().setRequest(JobRequest.newBuilder()
                .setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(piece)))).build()).getJob();
        Job done = client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).build());

        assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done.toString());
        assertEquals(1, opened.get(), "auto chose the device backend");
        long fallbacks = done.getResult().getCpuFallbacks();
        assertTrue(fallbacks > 0, "the result says the device's work was redone on the CPU");
        assertEquals("flaky-gpu", done.getResult().getTimingsList().stream().filter(t -> t.getStage().equals("total"))
                .map(StageTiming::getBackend).findFirst().orElseThrow());
        Scrape s = Scrape.of(coordinator.httpAddress());
        assertEquals(fallbacks, s.value("filprover_cpu_fallbacks_total", "kind", "commp"), s.text);
    }
}
