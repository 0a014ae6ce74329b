package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.ntt.FrQuotient;
import io.filprover.kernels.DeviceKernels;
import io.filprover.kernels.MsmHost;
import io.filprover.kernels.NttHost;
import io.filprover.kernels.TreeHost;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenCL backend: the kernels of the one kernel source through JOCL. What runs on the device, the
 * checks, the chunking, the delegation to the cpu backend and the fallback when the device fails are
 * {@link DeviceKernels}'s; the NTT schedule and tables are {@link NttHost}'s, the MSM's host side
 * {@link MsmHost}'s. This class holds only the OpenCL calls.
 *
 * <p>Every device call copies its input range to a fresh device buffer, runs one work item per hash
 * and reads the results back. Input and output buffers are distinct on the device, so in-place
 * reduction ({@code outOff <= inOff}) is safe. Thread-safe: each call makes its own {@code cl_kernel}
 * (a kernel object's arguments are not shared between threads). The instance has two in-order queues, one
 * per lane ({@link DeviceKernels}): tree runs and MSM chunks use the queue of their lane, so the two lanes'
 * copies and launches may overlap; batches, NTTs and the quotient use lane 0's. The program and context are the process's ({@link OpenClRuntime});
 * this instance owns its queue, the Poseidon constant buffers (uploaded once per arity), the NTT
 * twiddle table and scaling parameters, which {@link #close()} releases.
 */
public final class OpenClKernels extends DeviceKernels {
    /** Bytes of input per device chunk at most (also bounded by the device's max allocation). */
    static final long CHUNK_BYTES = 64L << 20;

    private final OpenClRuntime rt;
    private final long chunkBytes;
    /** One in-order queue per lane; {@link #queue} is lane 0's. */
    private final cl_command_queue[] queues = new cl_command_queue[2];
    private final cl_command_queue queue;
    private final Map<Integer, cl_mem> poseidonConstants = new HashMap<>();
    /** w^i, i < 2^(twiddleLog - 1), for w the root of the 2^twiddleLog domain; NTTs run one at a time. */
    private cl_mem twiddles;
    private int twiddleLog;
    /** ntt_scale's parameters per (kind, logN). */
    private final Map<Integer, cl_mem> scaleParams = new HashMap<>();
    /** At most this many passes in local memory (tests lower it to run more global passes). */
    volatile int localLogLimit = NttHost.LOCAL_LOG;
    /** NTTs run on the device so far (the tests check that nothing was delegated). */
    final AtomicLong deviceNtts = new AtomicLong();
    /** Quotients run on the device so far, each its seven NTTs and the pointwise step on resident buffers (not in deviceNtts). */
    final AtomicLong deviceQuotients = new AtomicLong();
    /** Device memory one MSM chunk may take (tests lower it to cut MSMs into many chunks). */
    volatile long msmChunkBytes;
    /** Device memory this instance's kept MSM bases may take together (tests lower it to keep bases on the host). */
    volatile long keptBasesBudget;
    /** MSM chunks run on the device so far, and those whose bases were kept on the device. */
    final AtomicLong deviceMsmChunks = new AtomicLong();
    final AtomicLong residentMsmChunks = new AtomicLong();

    OpenClKernels(OpenClRuntime rt, WorkerPool pool) {
        this(rt, pool, CHUNK_BYTES);
    }

    /** With a chosen chunk size: tests make it small to run many chunks. */
    OpenClKernels(OpenClRuntime rt, WorkerPool pool, long chunkBytes) {
        super(pool);
        this.rt = rt;
        this.chunkBytes = chunkBytes;
        this.msmChunkBytes = rt.globalMemory / 4;
        this.keptBasesBudget = rt.globalMemory / 2;
        rt.program(); // build (or fetch) the program now, so a kernel that does not compile fails at open
        for (int lane = 0; lane < queues.length; lane++) {
            queues[lane] = CL.clCreateCommandQueue(rt.context, rt.device, 0, null);
        }
        this.queue = queues[0];
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
    protected long chunkLimitBytes() {
        return Math.min(chunkBytes, rt.maxAlloc);
    }

    @Override
    protected void deviceSha(byte[] in, long inOff, byte[] out, long outOff, int n) {
        run("sha256_trunc254_pairs", null, Pointer.to(in).withByteOffset(inOff), 64L * n,
                Pointer.to(out).withByteOffset(outOff), 32L * n, n, -1);
    }

    @Override
    protected void devicePoseidon(PoseidonParameters p, long[] in, long inOff, long[] out, long outOff, int n) {
        run("poseidon_hash_a" + p.arity(), poseidonConstants(p), Pointer.to(in).withByteOffset(8 * inOff),
                32L * p.arity() * n, Pointer.to(out).withByteOffset(8 * outOff), 32L * n, n, p.partialRounds());
    }

    private synchronized cl_mem poseidonConstants(PoseidonParameters p) {
        ensureOpen();
        cl_mem m = poseidonConstants.get(p.arity());
        if (m == null) {
            long[] c = p.gpuConstants();
            m = upload(c);
            poseidonConstants.put(p.arity(), m);
        }
        return m;
    }

    private cl_mem upload(long[] data) {
        return CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * data.length, Pointer.to(data), null);
    }

    /**
     * One launch: copies {@code inBytes} from {@code src} to a device buffer, runs {@code n} work items
     * of {@code kernelName} (args: [constants,] in, out, n [, partialRounds]) and reads {@code outBytes}
     * back to {@code dst}.
     */
    private void run(String kernelName, cl_mem constants, Pointer src, long inBytes, Pointer dst, long outBytes, int n,
                     int partialRounds) {
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
            CL.clFinish(queue); // a failed launch shows here, before anything reaches the caller's array
            CL.clEnqueueReadBuffer(queue, outBuf, CL.CL_TRUE, 0, outBytes, dst, 0, null, null);
        } finally {
            release(k);
            release(outBuf);
            release(inBuf);
        }
    }

    private static void release(cl_kernel k) {
        if (k != null) {
            CL.clReleaseKernel(k);
        }
    }

    private static void release(cl_mem m) {
        if (m != null) {
            CL.clReleaseMemObject(m);
        }
    }

    // ---- whole trees (tree.cl): one upload, one launch per level on one buffer, one download ----

    @Override
    protected void deviceTree(int lane, TreeHost.Job job) {
        cl_command_queue queue = queues[lane];
        long leafBytes = 32L * job.n();
        cl_mem buf = null;
        cl_kernel k = null;
        try {
            buf = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_WRITE, 32L * job.bufferNodes(), null, null);
            CL.clEnqueueWriteBuffer(queue, buf, CL.CL_TRUE, 0, leafBytes, pointer(job.leaves(), job.leavesByte()), 0, null, null);
            cl_kernel kernel = k = CL.clCreateKernel(rt.program(), job.kernel(), null);
            cl_mem constants = job.p() == null ? null : poseidonConstants(job.p());
            Pointer bufArg = Pointer.to(buf);
            TreeHost.levels(job, (inNode, outNode, count) -> {
                int a = 0;
                if (constants != null) {
                    CL.clSetKernelArg(kernel, a++, Sizeof.cl_mem, Pointer.to(constants));
                }
                CL.clSetKernelArg(kernel, a++, Sizeof.cl_mem, bufArg);
                CL.clSetKernelArg(kernel, a++, Sizeof.cl_uint, Pointer.to(new int[] {(int) inNode}));
                CL.clSetKernelArg(kernel, a++, Sizeof.cl_uint, Pointer.to(new int[] {(int) outNode}));
                CL.clSetKernelArg(kernel, a++, Sizeof.cl_uint, Pointer.to(new int[] {count}));
                if (constants != null) {
                    CL.clSetKernelArg(kernel, a, Sizeof.cl_uint, Pointer.to(new int[] {job.p().partialRounds()}));
                }
                // the arguments are copied at enqueue, so the kernel object is reused level after level
                CL.clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[] {count}, null, 0, null, null);
            });
            CL.clFinish(queue); // a failed launch shows here, before anything reaches the caller's array
            CL.clEnqueueReadBuffer(queue, buf, CL.CL_TRUE, leafBytes, job.outBytes(), pointer(job.out(), job.outByte()), 0, null, null);
        } finally {
            release(k);
            release(buf);
        }
    }

    private static Pointer pointer(Object array, long byteOffset) {
        Pointer p = array instanceof byte[] b ? Pointer.to(b) : Pointer.to((long[]) array);
        return p.withByteOffset(byteOffset);
    }

    // ---- NTTs (ntt.cl): the launches of NttHost.schedule on a resident buffer; one upload and one download a call ----

    @Override
    protected boolean nttFits(int logN, int buffers) {
        return NttHost.fits(logN, buffers, rt.maxAlloc, rt.globalMemory);
    }

    @Override
    protected void deviceNtt(NttHost.Kind kind, long[] a, int off, int logN) {
        Pointer host = Pointer.to(a).withByteOffset(8L * off);
        long bytes = 32L << logN;
        cl_mem buf = null;
        try (NttLaunches ntt = new NttLaunches(logN)) {
            buf = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_WRITE | CL.CL_MEM_COPY_HOST_PTR, bytes, host, null);
            ntt.enqueue(kind, buf);
            CL.clFinish(queue);
            CL.clEnqueueReadBuffer(queue, buf, CL.CL_TRUE, 0, bytes, host, 0, null, null);
        } finally {
            release(buf);
        }
        deviceNtts.incrementAndGet();
    }

    /** Three uploads, the seven NTTs and the pointwise kernel on the resident buffers, a read back after the last launch. */
    @Override
    protected void deviceQuotient(long[] a, long[] b, long[] c, int logN) {
        long bytes = 32L << logN;
        cl_mem[] bufs = new cl_mem[4];
        cl_kernel pointwise = null;
        try (NttLaunches ntt = new NttLaunches(logN)) {
            long[][] host = {a, b, c};
            for (int i = 0; i < 3; i++) {
                bufs[i] = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_WRITE | CL.CL_MEM_COPY_HOST_PTR, bytes, Pointer.to(host[i]), null);
            }
            cl_mem zInv = bufs[3] = upload(FrQuotient.zInverse(logN));
            cl_kernel k = pointwise = CL.clCreateKernel(rt.program(), "fr_quotient_pointwise", null);
            NttHost.quotientSchedule(bufs[0], bufs[1], bufs[2], ntt::enqueue, () -> {
                CL.clSetKernelArg(k, 0, Sizeof.cl_mem, Pointer.to(bufs[0]));
                CL.clSetKernelArg(k, 1, Sizeof.cl_mem, Pointer.to(bufs[1]));
                CL.clSetKernelArg(k, 2, Sizeof.cl_mem, Pointer.to(bufs[2]));
                CL.clSetKernelArg(k, 3, Sizeof.cl_mem, Pointer.to(zInv));
                CL.clSetKernelArg(k, 4, Sizeof.cl_uint, Pointer.to(new int[] {1 << logN}));
                CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {1L << logN}, null, 0, null, null);
            });
            CL.clFinish(queue); // a failed launch shows here, before anything reaches the caller's array
            CL.clEnqueueReadBuffer(queue, bufs[0], CL.CL_TRUE, 0, bytes, Pointer.to(a), 0, null, null);
        } finally {
            release(pointwise);
            for (cl_mem m : bufs) {
                release(m);
            }
        }
        deviceQuotients.incrementAndGet();
    }

    /** The four NTT kernels of one device call over 2^logN elements; {@link #enqueue} runs one NTT on a resident buffer. */
    private final class NttLaunches implements AutoCloseable {
        private final int logN;
        private final int n;
        private final cl_kernel[] ks = new cl_kernel[4];
        private final Pointer twArg;
        private final Pointer nArg;
        private final Pointer twLogArg;
        private final int stages;

        NttLaunches(int logN) {
            this.logN = logN;
            this.n = 1 << logN;
            this.twArg = Pointer.to(twiddles(logN));
            this.nArg = Pointer.to(new int[] {n});
            this.twLogArg = Pointer.to(new int[] {twiddleLog - 1});
            try {
                ks[0] = CL.clCreateKernel(rt.program(), "ntt_scale", null);
                ks[1] = CL.clCreateKernel(rt.program(), "ntt_bitrev", null);
                ks[2] = CL.clCreateKernel(rt.program(), "ntt_local", null);
                ks[3] = CL.clCreateKernel(rt.program(), "ntt_pass", null);
                long[] groupSize = new long[1];
                CL.clGetKernelWorkGroupInfo(ks[2], rt.device, CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(groupSize), null);
                this.stages = NttHost.localStages(logN, localLogLimit, groupSize[0]);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Enqueues the launches of one NTT on {@code buf}; the arguments are copied at enqueue, so the kernels are reused. */
        void enqueue(NttHost.Kind kind, cl_mem buf) {
            cl_mem scale = kind == NttHost.Kind.FORWARD ? null : scaleParams(kind, logN);
            Pointer bufArg = Pointer.to(buf);
            Pointer invArg = Pointer.to(new int[] {kind.inverse() ? 1 : 0});
            cl_kernel kScale = ks[0];
            cl_kernel kBitrev = ks[1];
            cl_kernel kLocal = ks[2];
            cl_kernel kPass = ks[3];
            NttHost.schedule(kind, logN, stages, new NttHost.Launcher() {
                @Override
                public void scale() {
                    CL.clSetKernelArg(kScale, 0, Sizeof.cl_mem, bufArg);
                    CL.clSetKernelArg(kScale, 1, Sizeof.cl_mem, Pointer.to(scale));
                    CL.clSetKernelArg(kScale, 2, Sizeof.cl_uint, nArg);
                    CL.clEnqueueNDRangeKernel(queue, kScale, 1, null, new long[] {NttHost.scaleItems(n)}, null, 0, null, null);
                }

                @Override
                public void bitrev() {
                    CL.clSetKernelArg(kBitrev, 0, Sizeof.cl_mem, bufArg);
                    CL.clSetKernelArg(kBitrev, 1, Sizeof.cl_uint, nArg);
                    CL.clSetKernelArg(kBitrev, 2, Sizeof.cl_uint, Pointer.to(new int[] {logN}));
                    CL.clEnqueueNDRangeKernel(queue, kBitrev, 1, null, new long[] {n}, null, 0, null, null);
                }

                @Override
                public void local(int st) {
                    CL.clSetKernelArg(kLocal, 0, Sizeof.cl_mem, bufArg);
                    CL.clSetKernelArg(kLocal, 1, Sizeof.cl_mem, twArg);
                    CL.clSetKernelArg(kLocal, 2, Sizeof.cl_uint, twLogArg);
                    CL.clSetKernelArg(kLocal, 3, Sizeof.cl_uint, Pointer.to(new int[] {st}));
                    CL.clSetKernelArg(kLocal, 4, Sizeof.cl_uint, invArg);
                    CL.clEnqueueNDRangeKernel(queue, kLocal, 1, null, new long[] {n / 2}, new long[] {1L << (st - 1)}, 0, null, null);
                }

                @Override
                public void pass(int logHalf) {
                    CL.clSetKernelArg(kPass, 0, Sizeof.cl_mem, bufArg);
                    CL.clSetKernelArg(kPass, 1, Sizeof.cl_mem, twArg);
                    CL.clSetKernelArg(kPass, 2, Sizeof.cl_uint, nArg);
                    CL.clSetKernelArg(kPass, 3, Sizeof.cl_uint, twLogArg);
                    CL.clSetKernelArg(kPass, 4, Sizeof.cl_uint, Pointer.to(new int[] {logHalf}));
                    CL.clSetKernelArg(kPass, 5, Sizeof.cl_uint, invArg);
                    CL.clEnqueueNDRangeKernel(queue, kPass, 1, null, new long[] {n / 2}, null, 0, null, null);
                }
            });
        }

        @Override
        public void close() {
            for (cl_kernel k : ks) {
                release(k);
            }
        }
    }

    /** The twiddle table for a 2^logN domain: the largest so far, rebuilt when a larger one is asked for. */
    private cl_mem twiddles(int logN) {
        if (twiddles == null || twiddleLog < logN) {
            int logL = NttHost.tableLog(logN);
            cl_mem m = upload(NttHost.twiddles(pool, logL));
            release(twiddles);
            twiddles = m;
            twiddleLog = logL;
        }
        return twiddles;
    }

    private cl_mem scaleParams(NttHost.Kind kind, int logN) {
        return scaleParams.computeIfAbsent(kind.ordinal() * 64 + logN, k -> upload(NttHost.scaleParams(kind, logN)));
    }

    // ---- MSM ----

    @Override
    protected long[] msmWindowSums(int lane, MsmHost.Buckets b) {
        long[] sums = OpenClMsm.windowSums(rt, queues[lane], b);
        deviceMsmChunks.incrementAndGet();
        if (b.bases() == null) {
            residentMsmChunks.incrementAndGet();
        }
        return sums;
    }

    /** A quarter of the device's memory a chunk, no buffer above the allocation limit. */
    @Override
    protected MsmHost.ChunkBudget msmChunkBudget() {
        return new MsmHost.ChunkBudget(msmChunkBytes, rt.maxAlloc);
    }

    /** Half the device's memory for the kept bases of an instance, each set in one buffer within the allocation limit. */
    @Override
    protected boolean basesFit(long bytes, long kept) {
        return bytes <= rt.maxAlloc && kept + bytes <= keptBasesBudget;
    }

    @Override
    protected MsmHost.DeviceBases uploadBases(long[] bases, int off, int longs) {
        return OpenClMsm.upload(rt, bases, off, longs);
    }

    /** Releases the queues and the buffers; the process's program and context stay. */
    @Override
    protected void releaseDevice() {
        for (cl_command_queue q : queues) {
            CL.clFinish(q);
        }
        synchronized (this) {
            poseidonConstants.values().forEach(OpenClKernels::release);
            poseidonConstants.clear();
        }
        release(twiddles);
        twiddles = null;
        scaleParams.values().forEach(OpenClKernels::release);
        scaleParams.clear();
        for (cl_command_queue q : queues) {
            CL.clReleaseCommandQueue(q);
        }
    }
}
