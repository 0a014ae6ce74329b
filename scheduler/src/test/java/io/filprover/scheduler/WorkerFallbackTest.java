package io.filprover.scheduler;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.CpuKernelsProvider;
import io.filprover.proto.v1.CpuFallbacks;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.StageTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device backend that failed mid-job and had the CPU redo its work is never silent: the count of
 * redone operations reaches the job's result ({@code cpu_fallbacks}), the coordinator's
 * {@code filprover_cpu_fallbacks_total}, the client's view of the job, and GetStatus and the status
 * page per worker and backend.
 */
class WorkerFallbackTest {
    @TempDir
    Path root;

    private InProcessFarm farm;

    @AfterEach
    void stop() {
        if (farm != null) {
            farm.close();
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
    void fallbacksOfTheDeviceBackendAreInTheResultTheMetricsAndTheWorkersStatus() throws Exception {
        farm = new InProcessFarm(root, new InMemoryJobStore(), b -> b.lease(5_000, 200)
                .http(new HostPort("127.0.0.1", 0), true));
        AtomicLong opened = new AtomicLong();
        Worker worker = farm.start(farm.worker("flaky")
                .backends(Backends.of(List.of(failingDevice(opened), new CpuKernelsProvider()))));
        byte[] piece = new byte[3000 + new Random().nextInt(3000)];
        new Random().nextBytes(piece);
        Job done = farm.await(farm.submit(InProcessFarm.commp(piece)));

        assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done.toString());
        assertEquals(1, opened.get(), "auto chose the device backend");
        long fallbacks = done.getResult().getCpuFallbacks();
        assertTrue(fallbacks > 0, "the result says the device's work was redone on the CPU");
        assertEquals("flaky-gpu", done.getResult().getTimingsList().stream().filter(t -> t.getStage().equals("total"))
                .map(StageTiming::getBackend).findFirst().orElseThrow());
        Scrape s = farm.scrape();
        assertEquals(fallbacks, s.value("filprover_cpu_fallbacks_total", "kind", "commp"), s.text);

        // a second job on the same worker: GetStatus sums the worker's fallbacks per backend that fell back
        new Random().nextBytes(piece);
        Job second = farm.await(farm.submit(InProcessFarm.commp(piece)));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, second.getState(), second.toString());
        long total = fallbacks + second.getResult().getCpuFallbacks();
        assertEquals(List.of(CpuFallbacks.newBuilder().setBackend("flaky-gpu").setCount(total).build()),
                farm.status(worker.id()).getCpuFallbacksList());
        // and the status page's worker table says so
        String workers = StatusPageTest.text(StatusPageTest.table(
                Scrape.get("http://" + farm.coordinator.httpAddress() + "/").body(), "workers"));
        assertTrue(workers.contains("flaky-gpu: " + total), workers);
    }
}
