package io.filprover.scheduler;

import io.filprover.proto.v1.JobKind;
import io.filprover.scheduler.store.JobStore;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * How a coordinator is set up ({@link Coordinator#builder}): where it listens, its leases, limits,
 * kinds, tokens and TLS. The coordinator keeps it and reads it while it runs.
 */
public final class CoordinatorConfig {
    JobStore store;
    HostPort listen = new HostPort("127.0.0.1", 7777);
    String inProcessName;
    HostPort http;
    boolean httpAnyPortIfTaken;
    List<Path> storageRoots = new ArrayList<>();
    long leaseMs = 30_000;
    long heartbeatMs = 5_000;
    long pollMs = 250;
    long agingMs = 10 * 60_000L;
    boolean preemption = true;
    int maxInlineBytes = 16 << 20;
    long maxBlobBytes = 1L << 30;
    long blobTtlMs = 24 * 3_600_000L;
    Set<JobKind> kinds = Coordinator.RUNNABLE_KINDS;
    LongSupplier clock = System::currentTimeMillis;
    Tokens tokens;
    ServerCredentials credentials = InsecureServerCredentials.create();

    public CoordinatorConfig store(JobStore s) {
        this.store = s;
        return this;
    }

    /** Serve gRPC over Netty on this address (port 0: any free port). */
    public CoordinatorConfig listen(HostPort a) {
        this.listen = a;
        return this;
    }

    /**
     * Also serve /metrics, the status page and /healthz over HTTP on this address (null: not at all);
     * {@code anyPortIfTaken}: a default address, so a taken port falls back to a free one.
     */
    public CoordinatorConfig http(HostPort a, boolean anyPortIfTaken) {
        this.http = a;
        this.httpAnyPortIfTaken = anyPortIfTaken;
        return this;
    }

    /** Serve in-process under this name instead (tests). */
    public CoordinatorConfig inProcess(String name) {
        this.inProcessName = name;
        return this;
    }

    /** The roots every path in a job must lie under. */
    public CoordinatorConfig storageRoots(List<Path> roots) {
        this.storageRoots = new ArrayList<>(roots);
        return this;
    }

    /** How long a lease lasts without a heartbeat, and how often workers should beat. */
    public CoordinatorConfig lease(long leaseMs, long heartbeatMs) {
        if (leaseMs <= 0 || heartbeatMs <= 0 || heartbeatMs >= leaseMs) {
            throw new IllegalArgumentException("need 0 < heartbeat < lease");
        }
        this.leaseMs = leaseMs;
        this.heartbeatMs = heartbeatMs;
        return this;
    }

    /** How often an idle Lease stream polls the store (it also wakes on every submit and end). */
    public CoordinatorConfig pollMs(long ms) {
        this.pollMs = ms;
        return this;
    }

    /**
     * The fairness rule's aging step: a queued LOW or NORMAL job rises one priority per step
     * waited, up to HIGH (0: strict priority). Ten minutes by default.
     */
    public CoordinatorConfig agingMs(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("agingMs must not be negative");
        }
        this.agingMs = ms;
        return this;
    }

    /** Whether a CRITICAL job with no free worker makes a LOW or NORMAL job yield (on by default). */
    public CoordinatorConfig preemption(boolean on) {
        this.preemption = on;
        return this;
    }

    /** The largest inline comm_p piece. */
    public CoordinatorConfig maxInlineBytes(int n) {
        this.maxInlineBytes = n;
        return this;
    }

    /** The largest blob an upload may store. */
    public CoordinatorConfig maxBlobBytes(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("maxBlobBytes must be positive");
        }
        this.maxBlobBytes = n;
        return this;
    }

    /** How long a blob no job refers to is kept (and an unfinished upload's chunks). */
    public CoordinatorConfig blobTtlMs(long ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException("blobTtlMs must be positive");
        }
        this.blobTtlMs = ms;
        return this;
    }

    /** The kinds accepted; others are UNIMPLEMENTED. */
    public CoordinatorConfig kinds(Set<JobKind> k) {
        this.kinds = Set.copyOf(k);
        return this;
    }

    /** Require a bearer token from this file on every call but health checks (null: tokens off). */
    public CoordinatorConfig tokens(Tokens t) {
        this.tokens = t;
        return this;
    }

    /** TLS or mutual TLS for the listener ({@link TransportSecurity#server}); plaintext by default. */
    public CoordinatorConfig credentials(ServerCredentials c) {
        this.credentials = Objects.requireNonNull(c, "credentials");
        return this;
    }

    public CoordinatorConfig clock(LongSupplier c) {
        this.clock = c;
        return this;
    }

    public Coordinator build() {
        return new Coordinator(this);
    }
}
