package io.filprover.scheduler;

import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ListJobsResponse;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.QueueDepth;
import io.filprover.proto.v1.StatusResponse;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import io.filprover.proto.v1.WatchRequest;
import io.filprover.proto.v1.WorkerStatus;
import io.filprover.scheduler.store.JobStore;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ProverService} on a coordinator: argument checks here, the work in {@link Coordinator}. */
final class ProverServiceImpl extends ProverServiceGrpc.ProverServiceImplBase {
    private final Coordinator c;

    ProverServiceImpl(Coordinator c) {
        this.c = c;
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> obs) {
        Coordinator.unary(obs, () -> {
            if (!request.hasRequest()) {
                throw Coordinator.invalid("request: missing");
            }
            return c.submit(request.getRequest());
        });
    }

    @Override
    public void await(AwaitRequest request, StreamObserver<Job> obs) {
        Coordinator.unary(obs, () -> {
            if (request.getTimeoutMs() < 0) {
                throw Coordinator.invalid("timeout_ms: must not be negative, got " + request.getTimeoutMs());
            }
            return c.await(request.getJobId(), request.getTimeoutMs());
        });
    }

    @Override
    public void prove(JobRequest request, StreamObserver<Job> obs) {
        Coordinator.unary(obs, () -> c.await(c.submit(request).getJob().getJobId(), 0));
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<Job> obs) {
        ServerCallStreamObserver<Job> so = (ServerCallStreamObserver<Job>) obs;
        AtomicBoolean cancelled = new AtomicBoolean();
        Signal signal = c.jobSignal(request.getJobId());
        so.setOnCancelHandler(() -> {
            cancelled.set(true);
            signal.fire();
        });
        try {
            Job last = null;
            while (!cancelled.get()) {
                long seen = signal.version();
                Job now = c.toProto(c.find(request.getJobId()));
                if (last == null || !sameView(last, now)) {
                    so.onNext(now);
                    last = now;
                }
                if (Coordinator.ended(now.getState())) {
                    so.onCompleted();
                    return;
                }
                if (!c.running.get()) {
                    so.onError(Status.UNAVAILABLE.withDescription("coordinator stopping").asRuntimeException());
                    return;
                }
                signal.await(seen, 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            so.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
        } catch (RuntimeException e) {
            if (!cancelled.get()) {
                so.onError(Coordinator.status(e));
            }
        }
    }

    /**
     * Up to {@code want} jobs after {@code after} that the caller may see: a client token's own only,
     * skipping others' in batches (the owner lives in the stored request, not in a column).
     */
    private List<JobStore.StoredJob> page(JobStore.JobFilter filter, int want, String after) {
        if (AuthInterceptor.seesAllJobs()) {
            return c.store.list(filter, want, after);
        }
        List<JobStore.StoredJob> out = new ArrayList<>();
        int batch = Math.max(want, 200);
        while (out.size() < want) {
            List<JobStore.StoredJob> got = c.store.list(filter, batch, after);
            for (JobStore.StoredJob j : got) {
                if (out.size() < want && AuthInterceptor.mayRead(j)) {
                    out.add(j);
                }
            }
            if (got.size() < batch) {
                break;
            }
            after = got.get(got.size() - 1).jobId();
        }
        return out;
    }

    static WorkerStatus workerStatus(Coordinator c, WorkerEntry w) {
        WorkerStatus.Builder ws = WorkerStatus.newBuilder().setWorkerId(w.id).setInfo(w.info)
                .setLastSeenUnixMs(w.lastSeen).setCordoned(w.cordoned).addAllHotParams(new java.util.TreeSet<>(w.hotParams))
                .addAllParams(w.params).addAllDeviceUtilization(w.utilization).addAllCpuFallbacks(w.cpuFallbacks());
        for (String lease : w.active) {
            LeaseEntry e = c.leases.get(lease);
            if (e != null) {
                ws.addRunningJobIds(e.jobId());
            }
        }
        return ws.build();
    }

    private boolean sameView(Job a, Job b) {
        return a.getState() == b.getState() && a.getAttempts() == b.getAttempts()
                && a.getProgress().equals(b.getProgress()) && a.getWorkerId().equals(b.getWorkerId());
    }

    @Override
    public void cancel(CancelRequest request, StreamObserver<Job> obs) {
        Coordinator.unary(obs, () -> {
            c.find(request.getJobId());
            JobStore.StoredJob j = c.store.cancel(request.getJobId(),
                    request.getReason().isEmpty() ? "cancelled by a client" : request.getReason(), c.clock.getAsLong())
                    .orElseThrow(() -> Status.NOT_FOUND.withDescription("job_id: no job " + request.getJobId())
                            .asRuntimeException());
            c.changed(j.jobId());
            return c.toProto(j);
        });
    }

    @Override
    public void getJob(GetJobRequest request, StreamObserver<Job> obs) {
        Coordinator.unary(obs, () -> c.toProto(c.find(request.getJobId())));
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> obs) {
        Coordinator.unary(obs, () -> {
            if (request.getState() == JobState.UNRECOGNIZED) {
                throw Coordinator.invalid("state: unknown value " + request.getStateValue());
            }
            if (request.getKind() == JobKind.UNRECOGNIZED) {
                throw Coordinator.invalid("kind: unknown value " + request.getKindValue());
            }
            if (request.getSinceUnixMs() < 0) {
                throw Coordinator.invalid("since_unix_ms: must not be negative");
            }
            int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
            if (size < 0 || size > 1000) {
                throw Coordinator.invalid("page_size: must be at most 1000, got " + Integer.toUnsignedString(request.getPageSize()));
            }
            JobStore.JobFilter filter = new JobStore.JobFilter(
                    request.getState() == JobState.JOB_STATE_UNSPECIFIED ? null : request.getState(),
                    request.getKind() == JobKind.JOB_KIND_UNSPECIFIED ? null : request.getKind(),
                    request.getSinceUnixMs());
            String after = request.getPageToken().isEmpty() ? null : request.getPageToken();
            List<JobStore.StoredJob> page = page(filter, size + 1, after);
            ListJobsResponse.Builder b = ListJobsResponse.newBuilder();
            for (int i = 0; i < Math.min(size, page.size()); i++) {
                b.addJobs(c.toProto(page.get(i)));
            }
            if (page.size() > size) {
                b.setNextPageToken(page.get(size - 1).jobId());
            }
            return b.build();
        });
    }

    @Override
    public void getStatus(GetStatusRequest request, StreamObserver<StatusResponse> obs) {
        Coordinator.unary(obs, () -> {
            StatusResponse.Builder b = StatusResponse.newBuilder();
            for (WorkerEntry w : c.workers.values()) {
                if (w.connected) {
                    b.addWorkers(workerStatus(c, w));
                }
            }
            Map<JobKind, JobStore.Depth> depths = c.store.depths();
            for (JobKind k : JobKind.values()) {
                if (k == JobKind.UNRECOGNIZED || k == JobKind.JOB_KIND_UNSPECIFIED) {
                    continue;
                }
                JobStore.Depth d = depths.get(k);
                if (d != null || c.config.kinds.contains(k)) {
                    b.addQueues(QueueDepth.newBuilder().setKind(k).setQueued(d == null ? 0 : d.queued())
                            .setRunning(d == null ? 0 : d.running()));
                }
            }
            c.config.kinds.stream().sorted().forEach(b::addKinds);
            return b.build();
        });
    }
}
