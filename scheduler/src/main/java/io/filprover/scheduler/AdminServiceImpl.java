package io.filprover.scheduler;

import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.CordonRequest;
import io.filprover.proto.v1.DrainRequest;
import io.filprover.proto.v1.DrainResponse;
import io.filprover.proto.v1.EvictParamsRequest;
import io.filprover.proto.v1.EvictParamsResponse;
import io.filprover.proto.v1.PreloadParamsRequest;
import io.filprover.proto.v1.PreloadParamsResponse;
import io.filprover.proto.v1.WorkerStatus;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AdminService} on a coordinator: cordon (no new leases), uncordon, drain (cordon, then wait
 * for the running jobs to end), and parameter preload/evict (queued for the workers' next heartbeats). With tokens on only the admin role reaches it (AuthInterceptor).
 */
final class AdminServiceImpl extends AdminServiceGrpc.AdminServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private final Coordinator c;

    AdminServiceImpl(Coordinator c) {
        this.c = c;
    }

    private WorkerEntry worker(String id) {
        if (id.isEmpty()) {
            throw Coordinator.invalid("worker_id: missing");
        }
        return c.worker(id);
    }

    @Override
    public void cordon(CordonRequest request, StreamObserver<WorkerStatus> obs) {
        Coordinator.unary(obs, () -> {
            WorkerEntry w = worker(request.getWorkerId());
            w.cordoned = true;
            LOG.info("worker {} cordoned by {}", w.id, AuthInterceptor.caller());
            return ProverServiceImpl.workerStatus(c, w);
        });
    }

    @Override
    public void uncordon(CordonRequest request, StreamObserver<WorkerStatus> obs) {
        Coordinator.unary(obs, () -> {
            WorkerEntry w = worker(request.getWorkerId());
            w.cordoned = false;
            LOG.info("worker {} uncordoned by {}", w.id, AuthInterceptor.caller());
            c.work.fire();
            return ProverServiceImpl.workerStatus(c, w);
        });
    }

    @Override
    public void drain(DrainRequest request, StreamObserver<DrainResponse> obs) {
        Coordinator.unary(obs, () -> {
            if (request.getTimeoutMs() < 0) {
                throw Coordinator.invalid("timeout_ms: must not be negative, got " + request.getTimeoutMs());
            }
            WorkerEntry w = worker(request.getWorkerId());
            w.cordoned = true;
            LOG.info("worker {} draining ({} running), by {}", w.id, w.active.size(), AuthInterceptor.caller());
            long end = request.getTimeoutMs() > 0 ? System.nanoTime() + request.getTimeoutMs() * 1_000_000L : Long.MAX_VALUE;
            Context call = Context.current();
            // a lease's end fires work (Coordinator.ended), so this wakes when a slot frees
            while (!w.active.isEmpty() && System.nanoTime() < end && !call.isCancelled() && c.running.get()) {
                long seen = c.work.version();
                if (w.active.isEmpty()) {
                    break;
                }
                try {
                    c.work.await(seen, Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000L)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
                }
            }
            return DrainResponse.newBuilder().setWorker(ProverServiceImpl.workerStatus(c, w))
                    .setDrained(w.active.isEmpty()).build();
        });
    }

    /** The workers a parameter command goes to: the one named, or every registered one. */
    private java.util.List<WorkerEntry> targets(String workerId) {
        return workerId.isEmpty() ? java.util.List.copyOf(c.workers.values()) : java.util.List.of(c.worker(workerId));
    }

    @Override
    public void preloadParams(PreloadParamsRequest request, StreamObserver<PreloadParamsResponse> obs) {
        Coordinator.unary(obs, () -> {
            if (request.getParamsCount() == 0) {
                throw Coordinator.invalid("params: name at least one parameter file");
            }
            for (String p : request.getParamsList()) {
                if (p.isEmpty() || p.contains("/") || p.contains("\\") || p.equals("..")) {
                    throw Coordinator.invalid("params: a file name in the parameter cache, not " + p);
                }
            }
            PreloadParamsResponse.Builder b = PreloadParamsResponse.newBuilder();
            for (WorkerEntry w : targets(request.getWorkerId())) {
                w.preload(request.getParamsList());
                b.addWorkerIds(w.id);
            }
            LOG.info("preload of {} queued for {} by {}", request.getParamsList(), b.getWorkerIdsList(), AuthInterceptor.caller());
            return b.build();
        });
    }

    @Override
    public void evictParams(EvictParamsRequest request, StreamObserver<EvictParamsResponse> obs) {
        Coordinator.unary(obs, () -> {
            EvictParamsResponse.Builder b = EvictParamsResponse.newBuilder();
            for (WorkerEntry w : targets(request.getWorkerId())) {
                w.evict(request.getParamsList());
                b.addWorkerIds(w.id);
            }
            LOG.info("eviction of {} queued for {} by {}", request.getParamsCount() == 0 ? "every parameter file"
                    : request.getParamsList(), b.getWorkerIdsList(), AuthInterceptor.caller());
            return b.build();
        });
    }
}
