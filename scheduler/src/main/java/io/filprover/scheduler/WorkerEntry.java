package io.filprover.scheduler;

import io.filprover.proto.v1.CpuFallbacks;
import io.filprover.proto.v1.Device;
import io.filprover.proto.v1.DeviceUtilization;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.WorkerInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A registered worker as the coordinator sees it: what it offers, what it runs, what it is told next. */
final class WorkerEntry {
    final String id;
    final WorkerInfo info;
    final Set<JobKind> kinds;
    final int slots;
    /** Its current leases (ids into Coordinator.leases). */
    final Set<String> active = ConcurrentHashMap.newKeySet();
    volatile long lastSeen;
    volatile boolean connected = true;
    /** No new leases (AdminService Cordon/Drain); running jobs go on. */
    volatile boolean cordoned;
    /** The parameter files it reported loaded in its last heartbeat. */
    volatile Set<String> hotParams = Set.of();
    /** Every parameter file it reported last (registration or heartbeat), with tier and size. */
    volatile List<ParamFile> params = List.of();
    /** Its devices' busy fractions over its last heartbeat interval; empty until reported. */
    volatile List<DeviceUtilization> utilization = List.of();
    /** CPU fallbacks of its completed jobs (JobResult.cpu_fallbacks) by the backend they ran on. */
    private final Map<String, Long> cpuFallbacks = new TreeMap<>();
    /** Parameter commands for its next heartbeat (AdminService PreloadParams/EvictParams). */
    private final List<String> preload = new ArrayList<>();
    private final List<String> evict = new ArrayList<>();
    private boolean evictAll;

    WorkerEntry(String id, WorkerInfo info, Set<JobKind> kinds, int slots, long now) {
        this.id = id;
        this.info = info;
        this.kinds = kinds;
        this.slots = slots;
        this.lastSeen = now;
    }

    /** RAM it offers; 0 advertised means unknown, taken as unlimited. */
    long memoryBytes() {
        return info.getMemoryBytes() == 0 ? Long.MAX_VALUE : info.getMemoryBytes();
    }

    /** GPU memory it offers: the sum over its available GPU devices. */
    long gpuBytes() {
        long sum = 0;
        for (Device d : info.getDevicesList()) {
            if (d.getAvailable() && !d.getBackend().equals("cpu")) {
                sum += d.getMemoryBytes();
            }
        }
        return sum;
    }

    /** Bytes of its reported parameter files in {@code tier}. */
    long paramBytes(ParamTier tier) {
        long sum = 0;
        for (ParamFile f : params) {
            if (f.getTier() == tier) {
                sum += f.getBytes();
            }
        }
        return sum;
    }

    void cpuFallbacks(String backend, long n) {
        synchronized (cpuFallbacks) {
            cpuFallbacks.merge(backend, n, Long::sum);
        }
    }

    /** Its CPU fallbacks so far by backend, sorted by backend. */
    List<CpuFallbacks> cpuFallbacks() {
        synchronized (cpuFallbacks) {
            List<CpuFallbacks> out = new ArrayList<>();
            cpuFallbacks.forEach((b, n) -> out.add(CpuFallbacks.newBuilder().setBackend(b).setCount(n).build()));
            return out;
        }
    }

    synchronized void preload(List<String> params) {
        preload.addAll(params);
        evict.removeAll(params);
    }

    synchronized void evict(List<String> params) {
        if (params.isEmpty()) {
            evictAll = true;
            preload.clear();
        } else {
            evict.addAll(params);
            preload.removeAll(params);
        }
    }

    /** Moves the pending parameter commands into a heartbeat answer. */
    synchronized void drainParamCommands(io.filprover.proto.v1.HeartbeatResponse.Builder b) {
        b.setEvictAllParams(evictAll).addAllEvictParams(evict).addAllPreloadParams(preload);
        evictAll = false;
        evict.clear();
        preload.clear();
    }
}

/** A lease this coordinator handed out: whose, which job, and what the job needs while it runs. */
record LeaseEntry(String workerId, String jobId, JobKind kind, Priority priority, JobNeeds needs, long startedMs) {
}
