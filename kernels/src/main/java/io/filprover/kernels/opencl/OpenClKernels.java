package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.FrOps;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.CpuKernels;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.HashMap;
import java.util.Map;

/**
 * The OpenCL backend: the kernels of {@code filprover.cl} through JOCL.
 *
 * <p><b>On the device:</b> {@link #sha256Trunc254Pairs}, {@link #poseidonHashBatch} for arities
 * 2, 4, 8 and 11, and {@link #msmG1} ({@link OpenClMsm}). <b>Delegated to the cpu backend</b>
 * ({@link CpuKernels} over this instance's {@link WorkerPool}), as the SPI allows each capability to
 * run on a different backend: Poseidon of any other arity (16, 24, 36), the NTTs and
 * {@link #msmG2}, until their kernels land (issue 17).
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
        long stride = 4L * arity;
        if (count < 0 || inOff < 0 || outOff < 0 || inOff + stride * count > in.length
                || outOff + 4L * count > out.length) {
            throw new IndexOutOfBoundsException("Poseidon batch of " + count + " does not fit the buffers");
        }
        for (int h = 0; h < count; h++) {
            int src = inOff + h * (int) stride;
            for (int i = 0; i < arity; i++) {
                if (!FrOps.isReduced(in, src + 4 * i)) {
                    throw new IllegalArgumentException("preimage " + h + " element " + i + " is not reduced mod r");
                }
            }
        }
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

    // ---- the NTTs: delegated to the cpu backend until their kernels are on the device ----

    @Override
    public void nttFr(long[] a, int off, int logN) {
        cpu.nttFr(a, off, logN);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        cpu.inttFr(a, off, logN);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        cpu.cosetNttFr(a, off, logN);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        cpu.icosetNttFr(a, off, logN);
    }

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
        CL.clReleaseCommandQueue(queue);
    }
}
