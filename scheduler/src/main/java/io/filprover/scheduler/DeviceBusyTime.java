package io.filprover.scheduler;

import io.filprover.proto.v1.DeviceUtilization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A worker's measure of how busy each device is: per backend, the wall time during which at least
 * one job ran on it (a job's {@code JobContext} was open on that backend), time-weighted between
 * samples. Several jobs at once on one device count once: the device was busy, not twice busy.
 * {@link #sample} answers each device's busy fraction since the previous sample and starts the next
 * interval; the worker samples once per heartbeat.
 */
final class DeviceBusyTime {
    private final LongSupplier nanos;
    private final Map<String, Device> devices = new TreeMap<>();
    private long intervalStart;

    private static final class Device {
        int running;
        /** When it last went from idle to busy, or the interval's start if it was busy then. */
        long busySince;
        /** Busy time in the current interval up to the last time it went idle. */
        long busyNanos;
    }

    /** {@code nanos}: a monotonic clock in nanoseconds (System::nanoTime; a fake one in tests). */
    DeviceBusyTime(LongSupplier nanos) {
        this.nanos = nanos;
        this.intervalStart = nanos.getAsLong();
    }

    /** A job started running on {@code backend}. */
    synchronized void started(String backend) {
        Device d = devices.computeIfAbsent(backend, k -> new Device());
        if (d.running++ == 0) {
            d.busySince = nanos.getAsLong();
        }
    }

    /** A job that {@link #started} on {@code backend} ended. */
    synchronized void ended(String backend) {
        Device d = devices.get(backend);
        if (d == null || d.running == 0) {
            return;
        }
        if (--d.running == 0) {
            d.busyNanos += nanos.getAsLong() - d.busySince;
        }
    }

    /**
     * The busy fraction since the previous sample (or since construction) of each of {@code backends}
     * and of every backend a job ran on meanwhile, sorted by backend; the next interval starts now.
     */
    synchronized List<DeviceUtilization> sample(Collection<String> backends) {
        long now = nanos.getAsLong();
        long interval = now - intervalStart;
        intervalStart = now;
        TreeSet<String> names = new TreeSet<>(backends);
        names.addAll(devices.keySet());
        List<DeviceUtilization> out = new ArrayList<>();
        for (String b : names) {
            Device d = devices.get(b);
            long busy = 0;
            boolean busyNow = false;
            if (d != null) {
                busyNow = d.running > 0;
                busy = d.busyNanos + (busyNow ? now - d.busySince : 0);
                d.busyNanos = 0;
                if (busyNow) {
                    d.busySince = now;
                }
            }
            // two samples in the same nanosecond: the state now is all there is to say
            double ratio = interval <= 0 ? (busyNow ? 1 : 0) : Math.min(1.0, (double) busy / interval);
            out.add(DeviceUtilization.newBuilder().setBackend(b).setBusyRatio(ratio)
                    .setIntervalMs(TimeUnit.NANOSECONDS.toMillis(Math.max(0, interval))).build());
        }
        devices.values().removeIf(d -> d.running == 0);
        return out;
    }
}
