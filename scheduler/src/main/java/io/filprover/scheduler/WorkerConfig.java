package io.filprover.scheduler;

import io.filprover.api.kernels.Backends;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.proto.v1.JobKind;
import io.grpc.ManagedChannel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a worker is set up ({@link Worker#builder}): its coordinator and channel, storage roots,
 * slots, threads, kinds, backends, parameter cache and grace period. The worker keeps it.
 */
public final class WorkerConfig {
    String coordinator = "127.0.0.1:7777";
    ManagedChannel channel;
    io.grpc.ChannelCredentials credentials = io.grpc.InsecureChannelCredentials.create();
    String name = "worker";
    List<Path> storageRoots = new ArrayList<>();
    int slots = 1;
    int threads = Math.max(2, Math.min(Runtime.getRuntime().availableProcessors(), 1024));
    Set<JobKind> kinds = Coordinator.RUNNABLE_KINDS;
    Path parentCacheDir = ParentCache.defaultDirectory();
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "filprover-worker");
    Backends backends;
    java.time.Duration grace = java.time.Duration.ofSeconds(30);
    int inlineResultBytes = JobRunner.INLINE_RESULT_BYTES;
    long memoryBytes;
    ParamsHolder params;
    io.filprover.proofs.params.ParameterCache parameterCache;

    /** The RAM it advertises for placement (0: the JVM's maximum heap). */
    public WorkerConfig memoryBytes(long n) {
        this.memoryBytes = n;
        return this;
    }

    /** The parameter holder (tests); by default one over FIL_PROOFS_PARAMETER_CACHE. */
    WorkerConfig params(ParamsHolder p) {
        this.params = p;
        return this;
    }

    /** Where SEAL_C2 and PreloadParams find parameter files; by default FIL_PROOFS_PARAMETER_CACHE's directory. */
    public WorkerConfig parameterCache(io.filprover.proofs.params.ParameterCache c) {
        this.parameterCache = c;
        return this;
    }

    /** TLS, a client certificate and the bearer token for the coordinator ({@link TransportSecurity#client}). */
    public WorkerConfig credentials(io.grpc.ChannelCredentials c) {
        this.credentials = java.util.Objects.requireNonNull(c, "credentials");
        return this;
    }

    /** The coordinator's HOST:PORT (plaintext gRPC unless {@link #credentials} say otherwise). */
    public WorkerConfig coordinator(String hostPort) {
        this.coordinator = hostPort;
        return this;
    }

    /** A channel to use instead (in-process tests); not closed by the worker. */
    public WorkerConfig channel(ManagedChannel c) {
        this.channel = c;
        return this;
    }

    public WorkerConfig name(String n) {
        this.name = n;
        return this;
    }

    public WorkerConfig storageRoots(List<Path> roots) {
        this.storageRoots = new ArrayList<>(roots);
        return this;
    }

    /** Jobs run at once. */
    public WorkerConfig slots(int n) {
        this.slots = n;
        return this;
    }

    /** Threads per job when the request names none. */
    public WorkerConfig threads(int n) {
        this.threads = n;
        return this;
    }

    public WorkerConfig kinds(Set<JobKind> k) {
        this.kinds = Set.copyOf(k);
        return this;
    }

    public WorkerConfig parentCacheDir(Path p) {
        this.parentCacheDir = p;
        return this;
    }

    /** Where temporary outputs (PoSt proofs, C1 JSON) are written before they travel in the result. */
    public WorkerConfig workDir(Path p) {
        this.workDir = p;
        return this;
    }

    public WorkerConfig backends(Backends b) {
        this.backends = b;
        return this;
    }

    /** How long {@link Worker#stop()} lets running jobs finish before handing them back. */
    public WorkerConfig grace(java.time.Duration d) {
        this.grace = d;
        return this;
    }

    /** Result payloads above this size are uploaded as blobs instead of sent inside Complete. */
    public WorkerConfig inlineResultBytes(int n) {
        this.inlineResultBytes = n;
        return this;
    }

    public Worker build() {
        return new Worker(this);
    }
}
