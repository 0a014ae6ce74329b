package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.HostMsmBases;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.field.FrOps;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.ntt.FrQuotient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What every device backend (OpenCL, CUDA) does the same way, written once: the SPI's checks on the
 * host before any device call (so the exceptions are the SPI's), chunking, which capabilities run on
 * the device and which are delegated to a {@link CpuKernels} over the job's {@link WorkerPool}, and
 * the fallback when the device fails.
 *
 * <p><b>Fallback.</b> A device call that throws (a launch error, device out of memory, a lost device)
 * marks this instance unhealthy: the failure is logged once, the operation is redone on the cpu
 * backend from the first chunk that did not complete (so in-place batches are never read after being
 * overwritten), and every later operation of this instance goes straight to the cpu backend. Each
 * operation that ran on the cpu because of a failure counts in {@link #fallbacks()}; the process-wide
 * total is {@link #totalFallbacks()}. Results stay correct; the device is never silently skipped.
 * Device results reach the caller's arrays only through the last read of a call, after the device
 * has finished every launch, so a failure seen before that read leaves the caller's data untouched.
 *
 * <p><b>Lanes.</b> Each instance has {@link DeviceLanes#LANES} lanes, each its own OpenCL queue / CUDA
 * stream: the runs of a tree and the chunks of an MSM alternate between them, two device calls in flight
 * at once ({@link #laneCalls}, {@link #mostInFlight}). A failure on either lane is a failure of the whole
 * operation, redone on the cpu once both lanes have ended. SHA-256 and Poseidon batches, NTTs and the
 * quotient use lane 0 only (see {@link DeviceLanes}).
 *
 * <p><b>MSM bases kept on the device.</b> {@link #prepareMsmBasesG1} uploads the bases once when they fit
 * the backend's budget for kept bases ({@link #basesFit}); a call on the handle then sends only its
 * chunks' entries ({@link MsmHost}). The handle keeps the host range for the cpu fallback and for bases
 * that do not fit. {@link #close()} frees the buffers of handles still open.
 */
public abstract class DeviceKernels implements Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceKernels.class);
    private static final AtomicLong TOTAL_FALLBACKS = new AtomicLong();

    protected final WorkerPool pool;
    protected final CpuKernels cpu;
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile String unhealthy;
    private volatile RuntimeException injected;
    private final AtomicLong injectAfter = new AtomicLong();
    private volatile boolean closed;
    private final KeptMsmBases kept = new KeptMsmBases(this);
    private final AtomicLong[] laneCalls = {new AtomicLong(), new AtomicLong()};
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostInFlight = new java.util.concurrent.atomic.AtomicInteger();

    protected DeviceKernels(WorkerPool pool) {
        this.pool = pool;
        this.cpu = new CpuKernels(pool);
    }

    // ---- what a backend supplies ----

    /** The most input bytes one device call may take (the chunk size and the device's allocation limit). */
    protected abstract long chunkLimitBytes();

    /** SHA-256 of n 64-byte pairs from in[inOff] to out[outOff], on the device. */
    protected abstract void deviceSha(byte[] in, long inOff, byte[] out, long outOff, int n);

    /** Poseidon of n preimages (p.arity() elements, 4 limbs each) from in[inOff] to out[outOff], on the device. */
    protected abstract void devicePoseidon(PoseidonParameters p, long[] in, long inOff, long[] out, long outOff, int n);

    /**
     * One call of a whole tree on the device, on lane {@code lane} (0 or 1, its own queue / stream): upload
     * the leaves, every level's launch, one download; see {@link TreeHost}. The two lanes call it at once.
     */
    protected abstract void deviceTree(int lane, TreeHost.Job job);

    /** Whether {@code buffers} vectors of 2^logN elements (1 ≤ logN) fit the device at once; see {@link NttHost#fits}. */
    protected abstract boolean nttFits(int logN, int buffers);

    /** One NTT of a checked range on the device; called one at a time per instance. */
    protected abstract void deviceNtt(NttHost.Kind kind, long[] a, int off, int logN);

    /**
     * The quotient of checked a, b, c on the device: three uploads, {@link NttHost#quotientSchedule}
     * on the resident buffers, a read back last (b and c untouched); called one at a time per instance.
     */
    protected abstract void deviceQuotient(long[] a, long[] b, long[] c, int logN);

    /**
     * The XYZZ window sums of one MSM chunk (G1 or G2, {@link MsmHost.Buckets#group()}) on the device, on lane
     * {@code lane} (0 or 1, its own queue / stream). The two lanes call it at once; kept bases are read by both.
     */
    protected abstract long[] msmWindowSums(int lane, MsmHost.Buckets b);

    /** The device memory one MSM chunk may take ({@link MsmHost#chunkTerms}). */
    protected abstract MsmHost.ChunkBudget msmChunkBudget();

    /** Whether {@code bytes} more of MSM bases may stay on the device, this instance keeping {@code kept} bytes already. */
    protected abstract boolean basesFit(long bytes, long kept);

    /** Uploads {@code longs} longs of bases from {@code bases[off]} to a device buffer kept until its {@link MsmHost.DeviceBases#free()}. */
    protected abstract MsmHost.DeviceBases uploadBases(long[] bases, int off, int longs);

    /** Releases the device resources of this instance (called once, by {@link #close()}). */
    protected abstract void releaseDevice();

    // ---- health ----

    /** Operations of this instance that ran on the cpu backend because the device failed. */
    @Override
    public long fallbacks() {
        return fallbacks.get();
    }

    /** Such operations over every device backend instance of this process (for metrics). */
    public static long totalFallbacks() {
        return TOTAL_FALLBACKS.get();
    }

    /** Counts in {@link #totalFallbacks()} an operation another class redid on the cpu ({@link MultiDeviceKernels}). */
    static void countFallback() {
        TOTAL_FALLBACKS.incrementAndGet();
    }

    /** Null while healthy; otherwise the first device failure, in one line. */
    public String unhealthyReason() {
        return unhealthy;
    }

    /**
     * Makes the device call after the next {@code afterCalls} ones of this instance throw {@code failure}
     * as a failing launch would: for tests and for drills of the fallback on a real device. An operation's
     * start counts as one call, and so does each tree run and MSM chunk on a lane (so a failure can fall
     * in the middle of a tree or an MSM).
     */
    public void injectDeviceFailure(RuntimeException failure, long afterCalls) {
        injectAfter.set(afterCalls);
        injected = failure;
    }

    private void throwIfInjected() {
        RuntimeException f = injected;
        if (f != null && injectAfter.getAndDecrement() <= 0) {
            injected = null;
            throw f;
        }
    }

    /** Device calls (tree runs, MSM chunks) this instance made on {@code lane} (0 or 1). */
    public long laneCalls(int lane) {
        return laneCalls[lane].get();
    }

    /** The most device calls of this instance's lanes that were in flight at once (issued, not yet returned). */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** A tree run's or an MSM chunk's device call on {@code lane}, counted. */
    private <T> T onLane(int lane, java.util.function.Supplier<T> call) {
        throwIfInjected();
        laneCalls[lane].incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return call.get();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void treeOnLane(int lane, TreeHost.Job job) {
        onLane(lane, () -> {
            deviceTree(lane, job);
            return null;
        });
    }

    private long[] msmOnLane(int lane, MsmHost.Buckets b) {
        return onLane(lane, () -> msmWindowSums(lane, b));
    }

    /**
     * Runs a device call; false when the operation must be done on the cpu backend instead (the device
     * failed now or before). The SPI's argument exceptions pass through: they are the caller's, not the device's.
     */
    private boolean onDevice(String op, Runnable call) {
        ensureOpen();
        if (unhealthy == null) {
            try {
                throwIfInjected();
                call.run();
                return true;
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw e;
            } catch (RuntimeException e) {
                markUnhealthy(op, e);
            }
        }
        fallbacks.incrementAndGet();
        TOTAL_FALLBACKS.incrementAndGet();
        return false;
    }

    private synchronized void markUnhealthy(String op, RuntimeException e) {
        if (unhealthy == null) {
            unhealthy = op + " failed on the device: " + e;
            LOG.warn("{} backend: {}; this instance now runs every operation on the cpu backend", backendName(), unhealthy, e);
        }
    }

    protected final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this " + backendName() + " backend instance is closed");
        }
    }

    /** Items of {@code bytesPerItem} input bytes per device call. */
    protected final int chunkItems(long bytesPerItem) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkLimitBytes() / bytesPerItem));
    }

    // ---- the SPI ----

    @Override
    public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
        if (count < 0 || inOff < 0 || outOff < 0 || (long) inOff + 64L * count > in.length
                || (long) outOff + 32L * count > out.length) {
            throw new IndexOutOfBoundsException("sha256Trunc254Pairs: count " + count + " does not fit the buffers");
        }
        int chunk = chunkItems(64);
        for (int done = 0; done < count; ) {
            int n = Math.min(chunk, count - done);
            long from = done;
            if (!onDevice("sha256Trunc254Pairs", () -> deviceSha(in, inOff + 64 * from, out, outOff + 32 * from, n))) {
                cpu.sha256Trunc254Pairs(in, inOff + 64 * done, out, outOff + 32 * done, count - done);
                return;
            }
            done += n;
        }
    }

    @Override
    public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
        if (arity != 2 && arity != 4 && arity != 8 && arity != 11) {
            // not on the device yet (16, 24, 36), or not an arity at all: the cpu backend answers either way
            cpu.poseidonHashBatch(arity, in, inOff, out, outOff, count);
            return;
        }
        PoseidonHasher.checkBatch(arity, in, inOff, out, outOff, count);
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        int stride = 4 * arity;
        int chunk = chunkItems(8L * stride);
        for (int done = 0; done < count; ) {
            int n = Math.min(chunk, count - done);
            long from = done;
            if (!onDevice("poseidonHashBatch", () -> devicePoseidon(p, in, inOff + stride * from, out, outOff + 4 * from, n))) {
                cpu.poseidonHashBatch(arity, in, inOff + stride * done, out, outOff + 4 * done, count - done);
                return;
            }
            done += n;
        }
    }

    /**
     * On the device: the leaves uploaded once per call, the levels kept on the device between their
     * launches ({@link TreeHost}). Arities 16, 24 and 36 run one cpu batch per level. Redone whole on
     * the cpu if the device fails (the leaves are never overwritten: the output may not overlap them).
     */
    @Override
    public void poseidonTree(int arity, long[] leaves, int leavesOff, int leafCount, int levels, long[] out, int outOff) {
        KernelTrees.checkPoseidon(arity, leaves, leavesOff, leafCount, levels, out, outOff);
        if (arity != 2 && arity != 4 && arity != 8 && arity != 11) {
            cpu.poseidonTree(arity, leaves, leavesOff, leafCount, levels, out, outOff);
            return;
        }
        for (int i = 0; i < leafCount; i++) {
            if (!FrOps.isReduced(leaves, leavesOff + 4 * i)) {
                throw new IllegalArgumentException("poseidonTree: leaf " + i + " is not reduced mod r");
            }
        }
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        if (!onDevice("poseidonTree", () -> TreeHost.run(p, arity, leaves, leavesOff, leafCount, levels, out, outOff, 4,
                chunkLimitBytes() / 32, this::treeOnLane))) {
            cpu.poseidonTree(arity, leaves, leavesOff, leafCount, levels, out, outOff);
        }
    }

    /** As {@link #poseidonTree} for SHA-256 trees. */
    @Override
    public void sha256Tree(byte[] leaves, int leavesOff, int leafCount, int levels, byte[] out, int outOff) {
        KernelTrees.checkSha256(leaves, leavesOff, leafCount, levels, out, outOff);
        if (!onDevice("sha256Tree", () -> TreeHost.run(null, 2, leaves, leavesOff, leafCount, levels, out, outOff, 32,
                chunkLimitBytes() / 32, this::treeOnLane))) {
            cpu.sha256Tree(leaves, leavesOff, leafCount, levels, out, outOff);
        }
    }

    private final Object nttLock = new Object();

    @Override
    public void nttFr(long[] a, int off, int logN) {
        ntt(NttHost.Kind.FORWARD, a, off, logN);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        ntt(NttHost.Kind.INVERSE, a, off, logN);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        ntt(NttHost.Kind.COSET, a, off, logN);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        ntt(NttHost.Kind.INVERSE_COSET, a, off, logN);
    }

    private void ntt(NttHost.Kind kind, long[] a, int off, int logN) {
        NttHost.check(a, off, logN);
        if (logN == 0 || !nttFits(logN, 1)) {
            NttHost.run(cpu, kind, a, off, logN);
            return;
        }
        boolean done;
        synchronized (nttLock) {
            done = onDevice("ntt", () -> deviceNtt(kind, a, off, logN));
        }
        if (!done) {
            NttHost.run(cpu, kind, a, off, logN);
        }
    }

    /**
     * On the device when a, b and c fit it at once (three uploads, everything else on the device, one
     * download), redone whole on the cpu if the device fails (the caller's arrays are written only by
     * the last read). When they do not fit, the seven NTTs run as separate calls of this instance (each
     * on the device where it fits, with its own fallback) and the pointwise step on the host.
     */
    @Override
    public void quotientFr(long[] a, long[] b, long[] c, int logN) {
        FrQuotient.check(a, b, c, logN);
        if (logN == 0 || !nttFits(logN, 3)) {
            FrQuotient.compose(this, a, b, c, logN, pool); // each NTT goes where this instance's NTTs go
            return;
        }
        boolean done;
        synchronized (nttLock) {
            done = onDevice("quotientFr", () -> deviceQuotient(a, b, c, logN));
        }
        if (!done) {
            cpu.quotientFr(a, b, c, logN);
        }
    }

    /** On the device: Pippenger's bucket method (msm.cl), see {@link MsmHost}. Redone whole on the cpu if the device fails. */
    @Override
    public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        if (!onDevice("msmG1", () -> MsmHost.msm(MsmHost.Group.G1, bases, basesOff, scalars, scalarsOff, count, density,
                out, outOff, msmChunkBudget(), this::msmOnLane))) {
            cpu.msmG1(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        }
    }

    /** On the device: Pippenger's bucket method over G2 (msm_g2.cl), see {@link MsmHost}. Redone whole on the cpu if the device fails. */
    @Override
    public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        if (!onDevice("msmG2", () -> MsmHost.msm(MsmHost.Group.G2, bases, basesOff, scalars, scalarsOff, count, density,
                out, outOff, msmChunkBudget(), this::msmOnLane))) {
            cpu.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        }
    }

    // ---- MSM bases kept on the device ----

    @Override
    public MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
        return prepare(new HostMsmBases(MsmBases.Group.G1, bases, basesOff, count));
    }

    @Override
    public MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
        return prepare(new HostMsmBases(MsmBases.Group.G2, bases, basesOff, count));
    }

    /** Device bytes the open MSM handles of this instance keep. */
    public long keptBasesBytes() {
        return kept.kept();
    }

    KeptMsmBases keptBases() {
        return kept;
    }

    private MsmBases prepare(HostMsmBases host) {
        ensureOpen();
        DeviceMsmBases h = kept.prepare(host);
        if (closed) { // closed meanwhile: close() may have missed this handle
            h.close();
            ensureOpen();
        }
        return h;
    }

    @Override
    public void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        msmOn(MsmBases.Group.G1, bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
    }

    @Override
    public void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        msmOn(MsmBases.Group.G2, bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
    }

    /**
     * A call on a handle: this instance's own (its buffer, or its host range when it has none) or a
     * {@link HostMsmBases} (the array MSM). Redone whole on the cpu from the host range if the device fails.
     */
    private void msmOn(MsmBases.Group group, MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count,
                       long[] density, long[] out, int outOff) {
        if (bases instanceof HostMsmBases) {
            if (group == MsmBases.Group.G1) {
                Kernels.super.msmG1(bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
            } else {
                Kernels.super.msmG2(bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
            }
            return;
        }
        if (!(bases instanceof DeviceMsmBases d) || d.owner != this) {
            throw new IllegalArgumentException("msm" + group + ": bases prepared by another backend instance (" + bases + ")");
        }
        MsmBases.checkCall(d, group, baseStart, scalars, scalarsOff, count, density, out, outOff);
        HostMsmBases host = d.host;
        MsmHost.Group g = MsmHost.Group.of(group);
        int basesOff = host.offsetOf(baseStart);
        MsmHost.DeviceBases resident = d.acquire();
        try {
            boolean done = onDevice("msm" + group, () -> {
                if (resident == null) {
                    MsmHost.msm(g, host.array(), basesOff, scalars, scalarsOff, count, density, out, outOff,
                            msmChunkBudget(), this::msmOnLane);
                } else {
                    MsmHost.msm(g, host.array(), basesOff, resident, baseStart, scalars, scalarsOff, count, density, out,
                            outOff, msmChunkBudget(), this::msmOnLane);
                }
            });
            if (!done && group == MsmBases.Group.G1) {
                cpu.msmG1(host.array(), basesOff, scalars, scalarsOff, count, density, out, outOff);
            } else if (!done) {
                cpu.msmG2(host.array(), basesOff, scalars, scalarsOff, count, density, out, outOff);
            }
        } finally {
            d.end();
        }
    }

    /** Releases the device resources; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        kept.closeAll();
        synchronized (nttLock) {
            releaseDevice();
        }
    }
}
