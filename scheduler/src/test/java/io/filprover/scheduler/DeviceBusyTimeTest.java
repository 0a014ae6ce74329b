package io.filprover.scheduler;

import io.filprover.proto.v1.DeviceUtilization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The worker's busy-time measure on a fake clock: the busy share of each interval, per device. */
class DeviceBusyTimeTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final DeviceBusyTime busy = new DeviceBusyTime(now::get);

    private void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    private Map<String, Double> sample(String... backends) {
        Map<String, Double> out = new TreeMap<>();
        for (DeviceUtilization d : busy.sample(List.of(backends))) {
            out.put(d.getBackend(), d.getBusyRatio());
        }
        return out;
    }

    @Test
    void aDeviceBusyHalfTheIntervalReadsOneHalf() {
        advanceMs(250);
        busy.started("cuda");
        advanceMs(500);
        busy.ended("cuda");
        advanceMs(250);
        List<DeviceUtilization> s = busy.sample(List.of("cpu", "cuda"));
        assertEquals(List.of("cpu", "cuda"), s.stream().map(DeviceUtilization::getBackend).toList());
        assertEquals(0.0, s.get(0).getBusyRatio());
        assertEquals(0.5, s.get(1).getBusyRatio(), 1e-12);
        assertEquals(1000, s.get(1).getIntervalMs());
    }

    @Test
    void overlappingJobsOnOneDeviceCountItsBusyTimeOnce() {
        busy.started("cpu");          // 0 ms
        advanceMs(100);
        busy.started("cpu");          // 100 ms: a second slot, same device
        advanceMs(200);
        busy.ended("cpu");            // 300 ms: one still runs
        advanceMs(100);
        busy.ended("cpu");            // 400 ms: idle
        advanceMs(600);               // 1000 ms
        assertEquals(Map.of("cpu", 0.4), sample("cpu"));
    }

    @Test
    void aJobRunningAcrossSamplesIsSplitBetweenTheirIntervals() {
        advanceMs(700);
        busy.started("opencl");       // busy the last 300 ms of the first interval
        advanceMs(300);
        assertEquals(0.3, sample("opencl").get("opencl"), 1e-12);
        advanceMs(2000);              // busy all of the second
        assertEquals(1.0, sample("opencl").get("opencl"), 1e-12);
        advanceMs(500);
        busy.ended("opencl");         // the first half of the third
        advanceMs(500);
        assertEquals(0.5, sample("opencl").get("opencl"), 1e-12);
        advanceMs(1000);              // idle all of the fourth: still listed while asked for
        assertEquals(Map.of("opencl", 0.0), sample("opencl"));
    }

    @Test
    void aBackendNotAskedForIsListedOnlyWhileItRanJobs() {
        busy.started("flaky-gpu");
        advanceMs(100);
        busy.ended("flaky-gpu");
        advanceMs(100);
        assertEquals(Map.of("cpu", 0.0, "flaky-gpu", 0.5), sample("cpu"));
        advanceMs(100);
        assertEquals(Map.of("cpu", 0.0), sample("cpu"));
        busy.ended("never-started"); // ignored
        advanceMs(100);
        assertEquals(Map.of("cpu", 0.0), sample("cpu"));
    }
}
