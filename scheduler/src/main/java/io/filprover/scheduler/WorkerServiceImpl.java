package io.filprover.scheduler;

import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.CompleteResponse;
import io.filprover.proto.v1.DeviceUtilization;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.FailRequest;
import io.filprover.proto.v1.FailResponse;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.HeartbeatResponse;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.LeaseProgress;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.RegisterResponse;
import io.filprover.proto.v1.StageTiming;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.filprover.scheduler.store.JobStore;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code WorkerService} on a coordinator: registration, the lease streams, heartbeats and job ends. */
final class WorkerServiceImpl extends WorkerServiceGrpc.WorkerServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private final Coordinator c;

    WorkerServiceImpl(Coordinator c) {
        this.c = c;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> obs) {
        Coordinator.unary(obs, () -> {
            WorkerInfo info = request.getInfo();
            Set<JobKind> kinds = EnumSet.noneOf(JobKind.class);
            for (JobKind k : info.getKindsList()) {
                if (c.config.kinds.contains(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.isEmpty()) {
                throw Coordinator.invalid("info.kinds: none of the kinds this coordinator runs " + c.config.kinds);
            }
            int slots = info.getSlots() == 0 ? 1 : info.getSlots();
            if (slots < 0 || slots > 1024) {
                throw Coordinator.invalid("info.slots: must be at most 1024");
            }
            List<ParamFile> params = checked(request.getParamsList(), "params");
            String id = (info.getName().isEmpty() ? "worker" : info.getName()) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            WorkerEntry w = new WorkerEntry(id, info, kinds, slots, c.clock.getAsLong());
            w.params = params;
            w.hotParams = hot(List.of(), params);
            c.workers.put(id, w);
            LOG.info("worker {} registered: kinds {}, {} slot(s)", id, kinds, slots);
            return RegisterResponse.newBuilder().setWorkerId(id).setLeaseMs(c.config.leaseMs)
                    .setHeartbeatMs(c.config.heartbeatMs).build();
        });
    }

    @Override
    public void lease(LeaseRequest request, StreamObserver<Assignment> obs) {
        WorkerEntry w;
        try {
            w = c.worker(request.getWorkerId());
        } catch (RuntimeException e) {
            obs.onError(Coordinator.status(e));
            return;
        }
        ServerCallStreamObserver<Assignment> so = (ServerCallStreamObserver<Assignment>) obs;
        AtomicBoolean closed = new AtomicBoolean();
        so.setOnCancelHandler(() -> {
            closed.set(true);
            c.work.fire();
        });
        // The cancel handler runs on this call's serialized executor, which this loop holds until it
        // returns; the call's Context is cancelled from the transport, so a departed worker stops the
        // loop at once instead of being handed jobs it will never see.
        io.grpc.Context.current().addListener(ctx -> {
            closed.set(true);
            c.work.fire();
        }, Runnable::run);
        w.connected = true;
        try {
            while (!closed.get() && c.running.get()) {
                long seen = c.work.version();
                while (w.active.size() < w.slots && !w.cordoned && !closed.get()) {
                    long now = c.clock.getAsLong();
                    // placement and the fairness order: Scheduler.claim (it records the lease)
                    var lease = c.scheduler.claim(w, now);
                    if (lease.isEmpty()) {
                        break;
                    }
                    JobStore.Lease l = lease.get();
                    try {
                        so.onNext(Assignment.newBuilder().setLeaseId(l.leaseId()).setJob(c.toProto(l.job()))
                                .setLeaseDeadlineUnixMs(l.deadlineUnixMs()).build());
                    } catch (RuntimeException e) {
                        // the worker went away between the claim and the push: hand the job back
                        c.release(l.leaseId());
                        c.store.fail(l.leaseId(), ErrorClass.ERROR_CLASS_TEMPORARY, JobError.newBuilder()
                                .setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind("INTERNAL")
                                .setMessage("the assignment could not be delivered to " + w.id).build().toByteArray(),
                                c.clock.getAsLong());
                        throw e;
                    }
                    c.changed(l.job().jobId());
                }
                c.work.await(seen, c.config.pollMs);
            }
            if (!closed.get()) {
                so.onCompleted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed.get()) {
                so.onError(Coordinator.status(e));
            }
        } finally {
            w.connected = false;
        }
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> obs) {
        Coordinator.unary(obs, () -> {
            WorkerEntry w = c.worker(request.getWorkerId());
            List<ParamFile> params = checked(request.getParamsList(), "params");
            List<DeviceUtilization> utilization = checked(request.getDeviceUtilizationList());
            long now = c.clock.getAsLong();
            w.lastSeen = now;
            w.params = params;
            if (!utilization.isEmpty()) {
                w.utilization = utilization;
            }
            HeartbeatResponse.Builder b = HeartbeatResponse.newBuilder();
            Set<String> hot = hot(request.getHotParamsList(), params);
            if (!hot.equals(w.hotParams)) {
                w.hotParams = hot;
                c.work.fire(); // placement prefers hot workers: let the lease loops look again
            }
            w.drainParamCommands(b);
            for (LeaseProgress lp : request.getLeasesList()) {
                String id = lp.getLeaseId();
                if (!c.store.renew(id, c.config.leaseMs, now)) {
                    c.release(id);
                    c.work.fire();
                    b.addLostLeaseIds(id);
                    continue;
                }
                LeaseEntry e = c.leases.get(id);
                if (e != null && lp.hasProgress() && !lp.getProgress().equals(c.progress.get(e.jobId()))) {
                    c.progress.put(e.jobId(), lp.getProgress());
                    c.changed(e.jobId());
                }
                if (c.store.cancelRequested(id)) {
                    b.addCancelledLeaseIds(id);
                } else if (c.scheduler.preempting(id)) {
                    b.addPreemptedLeaseIds(id);
                }
            }
            return b.build();
        });
    }

    @Override
    public void complete(CompleteRequest request, StreamObserver<CompleteResponse> obs) {
        Coordinator.unary(obs, () -> {
            if (request.getLeaseId().isEmpty()) {
                throw Coordinator.invalid("lease_id: missing");
            }
            List<String> blobs = BlobServiceImpl.namedBy(request.getResult());
            for (String blob : blobs) {
                if (c.store.blobs().find(blob).isEmpty()) {
                    throw Coordinator.invalid("result: names blob " + blob + ", which was not uploaded");
                }
            }
            if (!blobs.isEmpty()) {
                // before the result is stored, so the sweep never sees a stored result's blob unreferenced
                c.store.jobOfLease(request.getLeaseId()).ifPresent(job -> blobs.forEach(b -> c.store.blobs().reference(b, job)));
            }
            LeaseEntry e = c.release(request.getLeaseId());
            if (e != null) {
                c.scheduler.speeds.record(e.workerId(), e.kind(), e.needs().sizeKey(), request.getResult());
            }
            String jobId = jobOf(e, request.getLeaseId());
            boolean ok = c.store.complete(request.getLeaseId(), request.getResult().toByteArray(), c.clock.getAsLong());
            // metrics before waking the job's waiters: a client that saw it end sees it counted
            if (ok) {
                countFallbacks(e, request.getResult());
                c.metrics.attemptEnded(jobId, request.getResult(), null, false);
            } else {
                LOG.info("completion of job {} under stale lease {} refused", jobId, request.getLeaseId());
            }
            c.ended(e);
            return CompleteResponse.newBuilder().setAccepted(ok).build();
        });
    }

    /** Adds a completed job's CPU fallbacks to its worker's count, by the backend the job ran on. */
    private void countFallbacks(LeaseEntry e, JobResult result) {
        if (result.getCpuFallbacks() == 0) {
            return;
        }
        String worker = e == null ? "" : e.workerId();
        String backend = "";
        for (StageTiming t : result.getTimingsList()) {
            if (t.getStage().equals("total")) {
                worker = worker.isEmpty() ? t.getWorker() : worker;
                backend = t.getBackend();
            }
        }
        WorkerEntry w = c.workers.get(worker);
        if (w != null) {
            w.cpuFallbacks(backend.isEmpty() ? "unknown" : backend, result.getCpuFallbacks());
        }
    }

    /** The hot parameter files: those named in hot_params (workers before tiers) and those of tier hot. */
    private static Set<String> hot(List<String> hotParams, List<ParamFile> params) {
        Set<String> out = new HashSet<>(hotParams);
        for (ParamFile f : params) {
            if (f.getTier() == ParamTier.PARAM_TIER_HOT) {
                out.add(f.getName());
            }
        }
        return Set.copyOf(out);
    }

    /** The reported parameter files, each with a name and a known tier. */
    static List<ParamFile> checked(List<ParamFile> files, String field) {
        for (int i = 0; i < files.size(); i++) {
            ParamFile f = files.get(i);
            if (f.getName().isEmpty()) {
                throw Coordinator.invalid(field + "[" + i + "].name: missing");
            }
            if (f.getTier() == ParamTier.PARAM_TIER_UNSPECIFIED || f.getTier() == ParamTier.UNRECOGNIZED) {
                throw Coordinator.invalid(field + "[" + i + "].tier: missing or unknown (" + f.getTierValue() + ")");
            }
        }
        return List.copyOf(files);
    }

    /** The reported busy fractions, each naming its backend, between 0 and 1, over an interval not negative. */
    static List<DeviceUtilization> checked(List<DeviceUtilization> devices) {
        for (int i = 0; i < devices.size(); i++) {
            DeviceUtilization d = devices.get(i);
            String at = "device_utilization[" + i + "].";
            if (d.getBackend().isEmpty()) {
                throw Coordinator.invalid(at + "backend: missing");
            }
            if (!(d.getBusyRatio() >= 0 && d.getBusyRatio() <= 1)) {
                throw Coordinator.invalid(at + "busy_ratio: must be between 0 and 1, got " + d.getBusyRatio());
            }
            if (d.getIntervalMs() < 0) {
                throw Coordinator.invalid(at + "interval_ms: must not be negative, got " + d.getIntervalMs());
            }
        }
        return List.copyOf(devices);
    }

    /** The job under a lease: this coordinator's record of it, else the store's (a lease from before a restart). */
    private String jobOf(LeaseEntry e, String leaseId) {
        return e != null ? e.jobId() : c.store.jobOfLease(leaseId).orElse(null);
    }

    @Override
    public void fail(FailRequest request, StreamObserver<FailResponse> obs) {
        Coordinator.unary(obs, () -> {
            if (request.getLeaseId().isEmpty()) {
                throw Coordinator.invalid("lease_id: missing");
            }
            ErrorClass errorClass = request.getError().getErrorClass();
            if (errorClass == ErrorClass.ERROR_CLASS_UNSPECIFIED || errorClass == ErrorClass.UNRECOGNIZED) {
                throw Coordinator.invalid("error.error_class: missing or unknown (" + request.getError().getErrorClassValue() + ")");
            }
            // a lease asked to yield is queued again, its attempt not counted, whatever the worker says
            boolean preempted = c.scheduler.preempting(request.getLeaseId());
            LeaseEntry e = c.release(request.getLeaseId());
            if (preempted) {
                boolean ok = c.store.yield(request.getLeaseId(), c.clock.getAsLong());
                c.ended(e);
                c.metrics.preempted(e == null ? null : e.jobId());
                LOG.info("lease {} yielded (preempted): {}", request.getLeaseId(), ok ? "queued again" : "not current");
                return FailResponse.newBuilder().setWillRetry(ok).build();
            }
            String jobId = jobOf(e, request.getLeaseId());
            JobStore.FailOutcome out = c.store.fail(request.getLeaseId(), errorClass, request.getError().toByteArray(),
                    c.clock.getAsLong());
            if (out.accepted()) {
                c.metrics.attemptEnded(jobId, null, request.getError(), out.willRetry());
            }
            c.ended(e);
            return FailResponse.newBuilder().setWillRetry(out.willRetry()).setRetryAfterMs(out.retryAfterMs()).build();
        });
    }
}
