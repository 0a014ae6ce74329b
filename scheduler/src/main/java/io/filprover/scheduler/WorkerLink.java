package io.filprover.scheduler;

import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.HeartbeatResponse;
import io.filprover.proto.v1.LeaseProgress;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.RegisterResponse;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A worker's side of its coordinator's WorkerService: registration (again after the coordinator went
 * away, with a doubling backoff), the Lease stream that brings assignments, the heartbeats that renew
 * leases, carry progress, parameter tiers and device busy time and bring back cancellations,
 * preemptions and parameter commands, and the retries of results while the coordinator restarts.
 */
final class WorkerLink {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    static final long RECONNECT_MIN_MS = 250;
    static final long RECONNECT_MAX_MS = 4_000;
    /** How long a result or failure is retried while the coordinator is unreachable (it may be restarting). */
    static final long REPORT_RETRY_MS = 60_000;

    private final Worker w;
    private final ManagedChannel channel;
    final WorkerServiceGrpc.WorkerServiceBlockingStub stub;
    volatile String workerId;
    volatile long heartbeatMs = 1000;
    private volatile ClientCallStreamObserver<LeaseRequest> leaseCall;
    /** Registered, but the Lease stream waits for a free slot (jobs carried over a reconnect fill them). */
    private boolean leaseDeferred;
    /** The next reconnect's delay: doubles from RECONNECT_MIN_MS up to RECONNECT_MAX_MS, reset once registered. */
    private long reconnectMs = RECONNECT_MIN_MS;

    WorkerLink(Worker w, ManagedChannel channel) {
        this.w = w;
        this.channel = channel;
        this.stub = WorkerServiceGrpc.newBlockingStub(channel);
    }

    /** Registers, opens the Lease stream and starts the heartbeats; returns once registered. */
    void start() {
        connect();
        w.timer.scheduleWithFixedDelay(this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers (again, after the coordinator went away: the id changes) and opens the Lease stream,
     * unless jobs carried over from before still fill every slot: the new registration starts with
     * none counted, so the stream waits until one of them ends ({@link #openLeaseIfDeferred}).
     */
    synchronized void connect() {
        if (w.stopping) {
            return;
        }
        RegisterResponse r = stub.register(RegisterRequest.newBuilder().setInfo(w.info())
                .addAllParams(w.params.files()).build());
        workerId = r.getWorkerId();
        heartbeatMs = r.getHeartbeatMs();
        reconnectMs = RECONNECT_MIN_MS;
        LOG.info("registered as {} (lease {} ms, heartbeat {} ms)", workerId, r.getLeaseMs(), r.getHeartbeatMs());
        if (w.running.size() >= w.slots()) {
            LOG.info("{} job(s) carried over fill every slot: leasing once one ends", w.running.size());
            leaseDeferred = true;
            return;
        }
        openLease();
    }

    synchronized void openLeaseIfDeferred() {
        if (leaseDeferred && !w.stopping && w.running.size() < w.slots()) {
            leaseDeferred = false;
            openLease();
        }
    }

    private void openLease() {
        String id = workerId;
        WorkerServiceGrpc.newStub(channel).lease(LeaseRequest.newBuilder().setWorkerId(id).build(),
                new ClientResponseObserver<LeaseRequest, Assignment>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<LeaseRequest> call) {
                        leaseCall = call;
                    }

                    @Override
                    public void onNext(Assignment a) {
                        w.accept(a);
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (!w.stopping) {
                            LOG.warn("lease stream ended: {}; reconnecting", Status.fromThrowable(t));
                            reconnectLater();
                        }
                    }

                    @Override
                    public void onCompleted() {
                        if (!w.stopping) {
                            reconnectLater();
                        }
                    }
                });
    }

    /** Ends the Lease stream (the worker stops): no more assignments. */
    void cancelLease() {
        ClientCallStreamObserver<LeaseRequest> call = leaseCall;
        if (call != null) {
            call.cancel("worker stopping", null);
        }
    }

    /** Registers again after a backoff that doubles while the coordinator stays unreachable. */
    private void reconnectLater() {
        long delay;
        synchronized (this) {
            delay = reconnectMs;
            reconnectMs = Math.min(RECONNECT_MAX_MS, reconnectMs * 2);
        }
        try {
            w.timer.schedule(() -> {
                try {
                    connect();
                } catch (RuntimeException e) {
                    LOG.warn("cannot reach the coordinator: {}", e.toString());
                    reconnectLater();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // stopping
        }
    }

    void heartbeat() {
        String id = workerId;
        if (id == null) {
            return;
        }
        HeartbeatRequest.Builder b = HeartbeatRequest.newBuilder().setWorkerId(id);
        for (RunningJob r : w.running.values()) {
            b.addLeases(LeaseProgress.newBuilder().setLeaseId(r.leaseId).setProgress(r.progress));
        }
        b.addAllHotParams(w.params.hot()).addAllParams(w.params.files())
                .addAllDeviceUtilization(w.busy.sample(w.availableBackends()));
        try {
            HeartbeatResponse resp = stub.withDeadlineAfter(Math.max(heartbeatMs, 1000), TimeUnit.MILLISECONDS)
                    .heartbeat(b.build());
            for (String lease : resp.getCancelledLeaseIdsList()) {
                RunningJob r = w.running.get(lease);
                if (r != null) {
                    r.token.cancel("cancelled by the coordinator");
                }
            }
            for (String lease : resp.getPreemptedLeaseIdsList()) {
                RunningJob r = w.running.get(lease);
                if (r != null) {
                    r.preempted = true;
                    r.token.cancel("preempted by a higher-priority job");
                }
            }
            if (resp.getEvictAllParams() || resp.getEvictParamsCount() > 0 || resp.getPreloadParamsCount() > 0) {
                // loading maps a large file: not on the heartbeat thread
                w.jobs.execute(() -> {
                    if (resp.getEvictAllParams()) {
                        w.params.evictAll();
                    }
                    resp.getEvictParamsList().forEach(w.params::evict);
                    resp.getPreloadParamsList().forEach(w.params::preload);
                });
            }
            for (String lease : resp.getLostLeaseIdsList()) {
                RunningJob r = w.running.get(lease);
                if (r != null) {
                    r.lost = true;
                    r.token.cancel("lease lost");
                }
            }
        } catch (StatusRuntimeException e) {
            LOG.debug("heartbeat failed: {}", e.getStatus());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed", e);
        }
    }

    /**
     * A call to the coordinator, retried with backoff while it is unavailable for up to
     * {@link #REPORT_RETRY_MS} (a coordinator restarting on its durable store takes the report after).
     */
    <T> T retrying(Supplier<T> call) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_RETRY_MS);
        long wait = 250;
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = Math.min(2_000, wait * 2);
            }
        }
    }
}
