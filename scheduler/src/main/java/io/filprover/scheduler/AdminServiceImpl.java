package io.filprover.scheduler;

import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.CordonRequest;
import io.filprover.proto.v1.DrainRequest;
import io.filprover.proto.v1.DrainResponse;
import io.filprover.proto.v1.EvictParamsRequest;
import io.filprover.proto.v1.EvictParamsResponse;
import io.filprover.proto.v1.WorkerStatus;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AdminService} on a coordinator: cordon (no new leases), uncordon, drain (cordon, then wait
 * for the running jobs to end). With tokens on only the admin role reaches it (AuthInterceptor).
 */
final class AdminServiceImpl extends AdminServiceGrpc.AdminServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private final Coordinator c;

    AdminServiceImpl(Coordinator c) {
        this.c = c;
    }

    private Coordinator.WorkerEntry worker(String id) {
        if (id.isEmpty()) {
            throw Coordinator.invalid("worker_id: missing");
        }
        return c.worker(id);
    }

    @Override
    public void cordon(CordonRequest request, StreamObserver<WorkerStatus> obs) {
        Coordinator.unary(obs, () -> {
            Coordinator.WorkerEntry w = worker(request.getWorkerId());
            w.cordoned = true;
            LOG.info("worker {} cordoned by {}", w.id, AuthInterceptor.caller());
            return ProverServiceImpl.workerStatus(c, w);
        });
    }

    @Override
    public void uncordon(CordonRequest request, StreamObserver<WorkerStatus> obs) {
        Coordinator.unary(obs, () -> {
            Coordinator.WorkerEntry w = worker(request.getWorkerId());
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
            Coordinator.WorkerEntry w = worker(request.getWorkerId());
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

    @Override
    public void evictParams(EvictParamsRequest request, StreamObserver<EvictParamsResponse> obs) {
        obs.onError(Status.UNIMPLEMENTED.withDescription("EvictParams: workers cache no proving parameters yet")
                .asRuntimeException());
    }
}
