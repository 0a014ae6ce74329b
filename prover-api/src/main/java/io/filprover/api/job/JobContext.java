package io.filprover.api.job;

import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.Kernels;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one job runs with: its thread budget ({@link WorkerPool}), its lease on a backend (an
 * instance opened for this job and closed with it), a progress sink, a cancellation token checked at
 * every kernel and layer boundary, a working directory, and the wall time of each stage the job ran
 * ({@link StageTimes}, a fresh one per context). The CLI builds one per command and the
 * service one per job; every stage of the proving API takes one.
 */
public final class JobContext implements AutoCloseable {
    private final WorkerPool pool;
    private final Kernels backend;
    private final Kernels kernels;
    private final ProgressSink progress;
    private final CancellationToken cancellation;
    private final Path workDir;
    private final StageTimes stageTimes = new StageTimes();

    private JobContext(WorkerPool pool, Kernels backend, ProgressSink progress, CancellationToken cancellation,
                       Path workDir) {
        this.pool = pool;
        this.backend = backend;
        this.kernels = new CancellableKernels(backend, cancellation);
        this.progress = progress;
        this.cancellation = cancellation;
        this.workDir = workDir;
    }

    /**
     * A context of {@code threads} threads on the named backend ({@code auto}, {@code cpu}, ...),
     * opened from {@code backends}; close it when the job ends.
     */
    public static JobContext open(Backends backends, String backend, int threads, ProgressSink progress,
                                  CancellationToken cancellation, Path workDir) {
        // resolved first, so an unknown or unavailable backend starts no thread
        Backends.Status chosen = backends.resolve(backend);
        WorkerPool pool = WorkerPool.of(threads, "filprover-job");
        try {
            return new JobContext(pool, chosen.provider().open(pool), progress, cancellation, workDir);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * A context over a backend opened by the caller from {@code pool} (tests, benchmarks); closing
     * the context closes both.
     */
    public static JobContext of(WorkerPool pool, Kernels backend, ProgressSink progress,
                                CancellationToken cancellation, Path workDir) {
        return new JobContext(Objects.requireNonNull(pool), Objects.requireNonNull(backend),
                progress == null ? ProgressSink.NONE : progress,
                cancellation == null ? CancellationToken.create() : cancellation, workDir);
    }

    /** The job's thread budget. */
    public WorkerPool pool() {
        return pool;
    }

    public int threads() {
        return pool.threads();
    }

    /** The job's backend; each call checks the cancellation token first. */
    public Kernels kernels() {
        return kernels;
    }

    /** The name of the backend this job runs on. */
    public String backendName() {
        return backend.backendName();
    }

    /** Operations of this job that its device backend ran on the cpu backend after a device failure ({@link Kernels#fallbacks()}). */
    public long fallbacks() {
        return backend.fallbacks();
    }

    public ProgressSink progress() {
        return progress;
    }

    public CancellationToken cancellation() {
        return cancellation;
    }

    /**
     * The wall time of the stages run in this context, as the proving API records them at its phase
     * boundaries (a fresh recorder per context).
     */
    public StageTimes stageTimes() {
        return stageTimes;
    }

    /** Throws {@link io.filprover.api.CancelledException} if the job was cancelled: call at layer and stage boundaries. */
    public void checkpoint() {
        cancellation.check();
    }

    /** The job's working directory (temporary files), or null when the job needs none. */
    public Path workDir() {
        return workDir;
    }

    /** Closes the backend instance and the thread pool. */
    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            pool.close();
        }
    }
}
