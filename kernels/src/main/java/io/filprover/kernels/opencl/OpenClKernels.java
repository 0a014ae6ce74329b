package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.FrOps;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.CpuKernels;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenCL backend: the kernels of {@code filprover.cl} through JOCL.
 *
 * <p><b>On the device:</b> {@link #sha256Trunc254Pairs}, {@link #poseidonHashBatch} for arities
 * 2, 4, 8 and 11, the four NTTs for 2^1 .. 2^{@value #NTT_MAX_LOG} elements where the device's
 * memory holds the data and the twiddle table, and {@link #msmG1} ({@link OpenClMsm}). <b>Delegated to
 * the cpu backend</b> ({@link CpuKernels} over this instance's {@link WorkerPool}), as the SPI allows
 * each capability to run on a different backend: Poseidon of any other arity (16, 24, 36), NTTs of
 * 2^0 or that do not fit, and {@link #msmG2}, until their kernels land (issue 17).
 *
 * <p>An NTT is one upload, the kernels of {@code ntt.cl} (coset shift, bit reversal, the first
 * {@value #NTT_LOCAL_LOG} passes in local memory, the later passes in global memory, the n^-1 and
 * g^-j scaling) and one download. The twiddle table (the powers of the largest domain's root so far,
 * computed on the host from {@link FrDomain#omega}) and the scaling parameters are uploaded once and
 * kept by this instance; NTT calls on one instance run one at a time.
 *
 * <p>Every device call checks its ranges and inputs on the host first (so the exceptions are the
 * SPI's), copies its input range to a fresh device buffer, runs one work item per hash and reads the
 * results back; large batches go in chunks that fit the device's allocation limit. Input and output
 * buffers are distinct on the device, so in-place reduction ({@code outOff <= inOff}) is safe.
 * Thread-safe: the in-order queue is shared, each call makes its own {@code cl_kernel}. The program
 * and context are the process's ({@link OpenClRuntime}); this instance owns its queue and the
 * Poseidon constant buffers (uploaded once per arity), which {@link #close()} releases.
 */
public final class OpenClKernels implements Kernels {
    /** Bytes of input per device chunk at most (also bounded by the device's max allocation). */
    static final long CHUNK_BYTES = 64L << 20;

    private final OpenClRuntime rt;
    private final CpuKernels cpu;
    private final WorkerPool pool;
    private final long chunkBytes;
    private final cl_command_queue queue;
    private final Map<Integer, cl_mem> poseidonConstants = new HashMap<>();
    private boolean closed;

    OpenClKernels(OpenClRuntime rt, WorkerPool pool) {
        this(rt, pool, CHUNK_BYTES);
    }

    /** With a chosen chunk size: tests make it small to run many chunks. */
    OpenClKernels(OpenClRuntime rt, WorkerPool pool, long chunkBytes) {
        this.rt = rt;
        this.chunkBytes = chunkBytes;
        rt.program(); // build (or fetch) the program now, so a kernel that does not compile fails at open
        this.pool = pool;
        this.cpu = new CpuKernels(pool);
        this.queue = CL.clCreateCommandQueue(rt.context, rt.device, 0, null);
    }

    @Override
    public String backendName() {
        return "opencl";
    }

    /** The device this instance runs on, in one line. */
    public String device() {
        return rt.describe();
    }

    @Override
    public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
        if (count < 0 || inOff < 0 || outOff < 0 || (long) inOff + 64L * count > in.length
                || (long) outOff + 32L * count > out.length) {
            throw new IndexOutOfBoundsException("sha256Trunc254Pairs: count " + count + " does not fit the buffers");
        }
        int chunk = chunkItems(64);
        for (int done = 0; done < count; ) {
            int n = Math.min(chunk, count - done);
            run("sha256_trunc254_pairs", null, Pointer.to(in).withByteOffset(inOff + 64L * done), 64L * n,
                    Pointer.to(out).withByteOffset(outOff + 32L * done), 32L * n, n, -1);
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
        long stride = 4L * arity;
        if (count == 0) {
            return;
        }
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        cl_mem constants = poseidonConstants(p);
        int chunk = chunkItems(8 * stride);
        for (int done = 0; done < count; ) {
            int n = Math.min(chunk, count - done);
            run("poseidon_hash_a" + arity, constants, Pointer.to(in).withByteOffset(8 * (inOff + stride * done)), 8 * stride * n,
                    Pointer.to(out).withByteOffset(8 * (outOff + 4L * done)), 32L * n, n, p.partialRounds());
            done += n;
        }
    }

    private int chunkItems(long bytesPerItem) {
        long limit = Math.min(chunkBytes, rt.maxAlloc);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit / bytesPerItem));
    }

    private synchronized cl_mem poseidonConstants(PoseidonParameters p) {
        ensureOpen();
        cl_mem m = poseidonConstants.get(p.arity());
        if (m == null) {
            long[] c = p.gpuConstants();
            m = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * c.length, Pointer.to(c), null);
            poseidonConstants.put(p.arity(), m);
        }
        return m;
    }

    /**
     * One launch: copies {@code inBytes} from {@code src} to a device buffer, runs {@code n} work items
     * of {@code kernelName} (args: [constants,] in, out, n [, partialRounds]) and reads {@code outBytes}
     * back to {@code dst}.
     */
    private void run(String kernelName, cl_mem constants, Pointer src, long inBytes, Pointer dst, long outBytes, int n,
                     int partialRounds) {
        ensureOpen();
        cl_mem inBuf = null;
        cl_mem outBuf = null;
        cl_kernel k = null;
        try {
            inBuf = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, inBytes, src, null);
            outBuf = CL.clCreateBuffer(rt.context, CL.CL_MEM_WRITE_ONLY, outBytes, null, null);
            k = CL.clCreateKernel(rt.program(), kernelName, null);
            int a = 0;
            if (constants != null) {
                CL.clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(constants));
            }
            CL.clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(inBuf));
            CL.clSetKernelArg(k, a++, Sizeof.cl_mem, Pointer.to(outBuf));
            CL.clSetKernelArg(k, a++, Sizeof.cl_uint, Pointer.to(new int[] {n}));
            if (partialRounds >= 0) {
                CL.clSetKernelArg(k, a++, Sizeof.cl_uint, Pointer.to(new int[] {partialRounds}));
            }
            CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {n}, null, 0, null, null);
            CL.clEnqueueReadBuffer(queue, outBuf, CL.CL_TRUE, 0, outBytes, dst, 0, null, null);
        } finally {
            if (k != null) {
                CL.clReleaseKernel(k);
            }
            if (outBuf != null) {
                CL.clReleaseMemObject(outBuf);
            }
            if (inBuf != null) {
                CL.clReleaseMemObject(inBuf);
            }
        }
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this opencl backend instance is closed");
        }
    }

    // ---- NTTs on the device (ntt.cl): natural order in and out, one upload and one download per call ----

    /** The largest domain the device NTT takes (larger ones, and 2^0, go to the cpu backend). */
    static final int NTT_MAX_LOG = 26;
    /** log2 of the elements per work-group of {@code ntt_local} (NTT_LOCAL_LOG in ntt.cl). */
    static final int NTT_LOCAL_LOG = 8;
    /** Elements per work item of {@code ntt_scale} (NTT_SCALE_CHUNK in ntt.cl). */
    static final int NTT_SCALE_CHUNK = 64;
    /** The smallest twiddle table built (as the cpu backend's), so small domains share one. */
    private static final int NTT_MIN_TABLE_LOG = 10;

    private enum Ntt { FORWARD, INVERSE, COSET, INVERSE_COSET }

    /** w^i, i < 2^(twiddleLog - 1), for w the root of the 2^twiddleLog domain; guarded by nttLock. */
    private cl_mem twiddles;
    private int twiddleLog;
    /** ntt_scale's parameters [c, g^(2^0) .. g^(2^31)] per (kind, logN); guarded by nttLock. */
    private final Map<Integer, cl_mem> scaleParams = new HashMap<>();
    private final Object nttLock = new Object();
    /** At most this many passes in local memory (tests lower it to run more global passes). */
    volatile int localLogLimit = NTT_LOCAL_LOG;
    /** NTTs run on the device so far (the tests check that nothing was delegated). */
    final AtomicLong deviceNtts = new AtomicLong();

    @Override
    public void nttFr(long[] a, int off, int logN) {
        ntt(Ntt.FORWARD, a, off, logN);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        ntt(Ntt.INVERSE, a, off, logN);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        ntt(Ntt.COSET, a, off, logN);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        ntt(Ntt.INVERSE_COSET, a, off, logN);
    }

    private void ntt(Ntt kind, long[] a, int off, int logN) {
        // the SPI's checks, on the host before any device call
        if (logN < 0 || logN > FrDomain.TWO_ADICITY) {
            throw new IllegalArgumentException("domain size 2^" + logN + " is not supported (at most 2^32)");
        }
        if (off < 0 || (long) off + (4L << logN) > a.length) {
            throw new IndexOutOfBoundsException("2^" + logN + " elements at offset " + off
                    + " do not fit an array of " + a.length + " limbs");
        }
        if (logN == 0 || !nttFits(logN)) {
            switch (kind) {
                case FORWARD -> cpu.nttFr(a, off, logN);
                case INVERSE -> cpu.inttFr(a, off, logN);
                case COSET -> cpu.cosetNttFr(a, off, logN);
                case INVERSE_COSET -> cpu.icosetNttFr(a, off, logN);
            }
            return;
        }
        synchronized (nttLock) {
            ensureOpen();
            runNtt(kind, a, off, logN);
        }
        deviceNtts.incrementAndGet();
    }

    /** Whether the data buffer and the twiddle table of a 2^logN NTT fit the device. */
    private boolean nttFits(int logN) {
        if (logN > NTT_MAX_LOG) {
            return false;
        }
        long data = 32L << logN;
        long table = 16L << Math.max(logN, NTT_MIN_TABLE_LOG);
        return data <= rt.maxAlloc && table <= rt.maxAlloc && data + table <= rt.globalMemory / 10 * 9;
    }

    private void runNtt(Ntt kind, long[] a, int off, int logN) {
        int n = 1 << logN;
        boolean inverse = kind == Ntt.INVERSE || kind == Ntt.INVERSE_COSET;
        cl_mem tw = twiddles(logN);
        cl_mem scale = kind == Ntt.FORWARD ? null : scaleParams(kind, logN);
        long bytes = 32L << logN;
        Pointer host = Pointer.to(a).withByteOffset(8L * off);
        cl_mem buf = null;
        cl_kernel kScale = null;
        cl_kernel kBitrev = null;
        cl_kernel kLocal = null;
        cl_kernel kPass = null;
        try {
            buf = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_WRITE | CL.CL_MEM_COPY_HOST_PTR, bytes, host, null);
            kScale = CL.clCreateKernel(rt.program(), "ntt_scale", null);
            kBitrev = CL.clCreateKernel(rt.program(), "ntt_bitrev", null);
            kLocal = CL.clCreateKernel(rt.program(), "ntt_local", null);
            kPass = CL.clCreateKernel(rt.program(), "ntt_pass", null);
            Pointer bufArg = Pointer.to(buf);
            Pointer twArg = Pointer.to(tw);
            Pointer nArg = Pointer.to(new int[] {n});
            Pointer twLogArg = Pointer.to(new int[] {twiddleLog - 1});
            Pointer invArg = Pointer.to(new int[] {inverse ? 1 : 0});
            if (kind == Ntt.COSET) {
                enqueueScale(kScale, bufArg, scale, nArg, n);
            }
            CL.clSetKernelArg(kBitrev, 0, Sizeof.cl_mem, bufArg);
            CL.clSetKernelArg(kBitrev, 1, Sizeof.cl_uint, nArg);
            CL.clSetKernelArg(kBitrev, 2, Sizeof.cl_uint, Pointer.to(new int[] {logN}));
            CL.clEnqueueNDRangeKernel(queue, kBitrev, 1, null, new long[] {n}, null, 0, null, null);
            int stages = Math.min(logN, localStages(kLocal));
            CL.clSetKernelArg(kLocal, 0, Sizeof.cl_mem, bufArg);
            CL.clSetKernelArg(kLocal, 1, Sizeof.cl_mem, twArg);
            CL.clSetKernelArg(kLocal, 2, Sizeof.cl_uint, twLogArg);
            CL.clSetKernelArg(kLocal, 3, Sizeof.cl_uint, Pointer.to(new int[] {stages}));
            CL.clSetKernelArg(kLocal, 4, Sizeof.cl_uint, invArg);
            CL.clEnqueueNDRangeKernel(queue, kLocal, 1, null, new long[] {n / 2}, new long[] {1L << (stages - 1)}, 0, null, null);
            CL.clSetKernelArg(kPass, 0, Sizeof.cl_mem, bufArg);
            CL.clSetKernelArg(kPass, 1, Sizeof.cl_mem, twArg);
            CL.clSetKernelArg(kPass, 2, Sizeof.cl_uint, nArg);
            CL.clSetKernelArg(kPass, 3, Sizeof.cl_uint, twLogArg);
            CL.clSetKernelArg(kPass, 5, Sizeof.cl_uint, invArg);
            for (int logHalf = stages; logHalf < logN; logHalf++) {
                CL.clSetKernelArg(kPass, 4, Sizeof.cl_uint, Pointer.to(new int[] {logHalf}));
                CL.clEnqueueNDRangeKernel(queue, kPass, 1, null, new long[] {n / 2}, null, 0, null, null);
            }
            if (inverse) {
                enqueueScale(kScale, bufArg, scale, nArg, n);
            }
            CL.clEnqueueReadBuffer(queue, buf, CL.CL_TRUE, 0, bytes, host, 0, null, null);
        } finally {
            for (cl_kernel k : new cl_kernel[] {kScale, kBitrev, kLocal, kPass}) {
                if (k != null) {
                    CL.clReleaseKernel(k);
                }
            }
            if (buf != null) {
                CL.clReleaseMemObject(buf);
            }
        }
    }

    /** The passes per work-group of ntt_local: NTT_LOCAL_LOG, fewer where the device's work-groups are smaller. */
    private int localStages(cl_kernel kLocal) {
        long[] size = new long[1];
        CL.clGetKernelWorkGroupInfo(kLocal, rt.device, CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(size), null);
        int stages = localLogLimit;
        while (stages > 1 && (1L << (stages - 1)) > size[0]) {
            stages--;
        }
        return stages;
    }

    private void enqueueScale(cl_kernel k, Pointer bufArg, cl_mem params, Pointer nArg, int n) {
        CL.clSetKernelArg(k, 0, Sizeof.cl_mem, bufArg);
        CL.clSetKernelArg(k, 1, Sizeof.cl_mem, Pointer.to(params));
        CL.clSetKernelArg(k, 2, Sizeof.cl_uint, nArg);
        long items = (n + NTT_SCALE_CHUNK - 1) / NTT_SCALE_CHUNK;
        CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {items}, null, 0, null, null);
    }

    /** The twiddle table for a 2^logN domain: the largest so far, rebuilt on the host when a larger one is asked for. */
    private cl_mem twiddles(int logN) {
        if (twiddles != null && twiddleLog >= logN) {
            return twiddles;
        }
        int logL = Math.max(logN, NTT_MIN_TABLE_LOG);
        int count = 1 << (logL - 1);
        long[] w = new long[4 * count];
        Fr omega = FrDomain.omega(logL);
        long[] step = omega.montgomeryLimbs();
        // on the job's threads: each range starts from ω^lo and steps by ω
        pool.forRanges(count < (1 << 14) ? 1 : pool.threads(), count, (part, lo, hi) -> {
            omega.pow(BigInteger.valueOf(lo)).toMontgomeryLimbs(w, 4 * lo);
            for (int j = lo + 1; j < hi; j++) {
                FrOps.mul(w, 4 * j, w, 4 * (j - 1), step, 0);
            }
        });
        cl_mem m = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * w.length, Pointer.to(w), null);
        if (twiddles != null) {
            CL.clReleaseMemObject(twiddles);
        }
        twiddles = m;
        twiddleLog = logL;
        return m;
    }

    /** [c, g^(2^0), .., g^(2^31)]: c = 1, g = 7 before the coset NTT; c = n^-1 and g = 1 or 7^-1 after the inverses. */
    private cl_mem scaleParams(Ntt kind, int logN) {
        int key = kind.ordinal() * 64 + logN;
        cl_mem m = scaleParams.get(key);
        if (m == null) {
            Fr c = kind == Ntt.COSET ? Fr.ONE : Fr.fromBigInteger(BigInteger.ONE.shiftLeft(logN)).inverse();
            Fr g = switch (kind) {
                case COSET -> FrDomain.COSET_GENERATOR;
                case INVERSE_COSET -> FrDomain.COSET_GENERATOR.inverse();
                default -> Fr.ONE;
            };
            long[] p = new long[4 * 33];
            c.toMontgomeryLimbs(p, 0);
            for (int k = 0; k < 32; k++) {
                g.toMontgomeryLimbs(p, 4 * (k + 1));
                g = g.square();
            }
            m = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * p.length, Pointer.to(p), null);
            scaleParams.put(key, m);
        }
        return m;
    }

    // ---- MSM: G1 on the device, G2 delegated ----

    /** On the device: Pippenger's bucket method (msm.cl), see {@link OpenClMsm}. */
    @Override
    public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        ensureOpen();
        OpenClMsm.g1(rt, queue, bases, basesOff, scalars, scalarsOff, count, density, out, outOff,
                chunkItems(8L * PointLimbs.G1));
    }

    /** Delegated to the cpu backend: there is no Fq2 / G2 device code yet. */
    @Override
    public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        cpu.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
    }

    /** Releases the queue and the constant buffers; the process's program and context stay. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CL.clFinish(queue);
        for (cl_mem m : poseidonConstants.values()) {
            CL.clReleaseMemObject(m);
        }
        poseidonConstants.clear();
        synchronized (nttLock) {
            if (twiddles != null) {
                CL.clReleaseMemObject(twiddles);
                twiddles = null;
            }
            for (cl_mem m : scaleParams.values()) {
                CL.clReleaseMemObject(m);
            }
            scaleParams.clear();
        }
        CL.clReleaseCommandQueue(queue);
    }
}
