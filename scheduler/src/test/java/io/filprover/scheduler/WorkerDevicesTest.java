package io.filprover.scheduler;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.DeviceInfo;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.CpuKernelsProvider;
import io.filprover.proto.v1.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker registers every device its GPU backend selected, each with its memory (the coordinator's
 * placement sums GPU memory over them), and none it left out or cannot use; a backend without a device
 * list is one entry, as before.
 */
class WorkerDevicesTest {
    @TempDir
    Path root;

    private InProcessFarm farm;

    @AfterEach
    void stop() {
        if (farm != null) {
            farm.close();
        }
    }

    private static KernelsProvider twoGpus(long mem0, long mem2) {
        List<DeviceInfo> devices = List.of(
                new DeviceInfo(0, "Stand-in A", "test 1.0", mem0, true, null),
                new DeviceInfo(1, "Stand-in B", "test 1.0", 1L << 30, false, null),
                new DeviceInfo(2, "Stand-in C", "test 1.0", mem2, true, null),
                new DeviceInfo(3, "Stand-in D", "test 1.0", 1L << 30, false, "big-endian"));
        return new KernelsProvider() {
            @Override public String name() { return "stand-in-gpu"; }
            @Override public int priority() { return 100; }
            @Override public Availability probe() { return Availability.yes("two of four devices", devices); }
            @Override public Kernels open(WorkerPool pool) { return new CpuKernels(pool); }
        };
    }

    @Test
    void registersEachSelectedDeviceWithItsMemory() throws Exception {
        farm = new InProcessFarm(root, new InMemoryJobStore(), b -> b.lease(5_000, 200));
        Random rnd = new Random();
        long mem0 = (8L + rnd.nextInt(100)) << 30;
        long mem2 = (8L + rnd.nextInt(100)) << 30;
        Worker worker = farm.start(farm.worker("gpus")
                .backends(Backends.of(List.of(twoGpus(mem0, mem2), new CpuKernelsProvider()))));
        List<Device> devices = farm.status(worker.id()).getInfo().getDevicesList();
        List<Device> gpus = devices.stream().filter(d -> d.getBackend().equals("stand-in-gpu")).toList();
        assertEquals(2, gpus.size(), devices.toString());
        assertEquals("[0] Stand-in A", gpus.get(0).getName());
        assertEquals(mem0, gpus.get(0).getMemoryBytes());
        assertEquals("[2] Stand-in C", gpus.get(1).getName());
        assertEquals(mem2, gpus.get(1).getMemoryBytes());
        assertTrue(gpus.stream().allMatch(Device::getAvailable), devices.toString());
        assertEquals(1, devices.stream().filter(d -> d.getBackend().equals("cpu")).count(), devices.toString());
        WorkerEntry entry = new WorkerEntry(worker.id(), farm.status(worker.id()).getInfo(), java.util.Set.of(), 1, 0);
        assertEquals(mem0 + mem2, entry.gpuBytes());
    }
}
