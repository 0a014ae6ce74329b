package io.filprover.kernels.cuda;

import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.ntt.FrQuotient;
import io.filprover.kernels.DeviceKernels;
import io.filprover.kernels.MsmHost;
import io.filprover.kernels.NttHost;
import io.filprover.kernels.TreeHost;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The CUDA backend: the kernels of the one kernel source, compiled by nvcc into the jar's fatbin and
 * loaded with {@code cuModuleLoadData}, launched through JCuda's driver API with the same names and
 * arguments as the OpenCL backend. What runs on the device, the checks, chunking, delegation and the
 * fallback when the device fails are {@link DeviceKernels}'s; the NTT schedule and tables
 * {@link NttHost}'s, the MSM's host side {@link MsmHost}'s.
 *
 * <p>One device per instance. The instance holds a reference on the device's primary context (the
 * driver's one context per device and process: a context of its own per job would cost hundreds of
 * MiB of device memory), its own module, the Poseidon constants, the NTT twiddle table and scaling
 * parameters and two streams ({@code CU_STREAM_NON_BLOCKING}), one per lane; {@link #close()} releases
 * them all. Each device call pushes the context on the calling thread. The tree runs and MSM chunks of
 * the two lanes ({@link DeviceKernels}) run at once, each on its lane's stream (copies, launches and
 * {@code cuStreamSynchronize}); every other device call (batches, NTTs, the quotient, kept bases) runs
 * alone, on the default stream, as before. The host arrays are pageable Java memory, so a lane's copies
 * return only when the driver has read or written them (the driver's rule for pageable memory): what
 * overlaps is one lane's copies with the other lane's launches, not a lane's copy with its own launches
 * (that would need pinned host buffers, not built).
 */
public final class CudaKernels extends DeviceKernels {
    /** Input bytes per device call at most. */
    static final long CHUNK_BYTES = 256L << 20;
    /** Threads per block for the one-item-per-thread kernels. */
    private static final int BLOCK = 256;

    private final CudaRuntime.Device device;
    private final CUdevice cuDevice;
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final Map<Integer, CUdeviceptr> poseidonConstants = new ConcurrentHashMap<>();
    /** One stream per lane. */
    private final CUstream[] streams = new CUstream[2];
    private final Map<Integer, CUdeviceptr> scaleParams = new HashMap<>();
    private CUdeviceptr twiddles;
    private int twiddleLog;
    /** Lane calls hold the read lock (they run at once); every other device call, and close, the write lock (alone). */
    private final ReentrantReadWriteLock deviceLock = new ReentrantReadWriteLock();
    private final long chunkBytes;

    /** Opens an instance on {@code device} with the kernels of {@code fatbin}; a CudaException if the driver refuses. */
    CudaKernels(CudaRuntime.Device device, byte[] fatbin, WorkerPool pool) {
        this(device, fatbin, pool, CHUNK_BYTES);
    }

    /** With a chosen chunk size: tests make it small to run many chunks. */
    CudaKernels(CudaRuntime.Device device, byte[] fatbin, WorkerPool pool, long chunkBytes) {
        super(pool);
        this.device = device;
        this.chunkBytes = chunkBytes;
        this.cuDevice = CudaRuntime.device(device.index());
        JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice);
        try {
            withContext(() -> {
                JCudaDriver.cuModuleLoadData(module, fatbin);
                try {
                    for (int lane = 0; lane < streams.length; lane++) {
                        CUstream st = new CUstream();
                        JCudaDriver.cuStreamCreate(st, CUstream_flags.CU_STREAM_NON_BLOCKING);
                        streams[lane] = st;
                    }
                } catch (RuntimeException e) {
                    destroyStreams();
                    JCudaDriver.cuModuleUnload(module);
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice);
            throw e;
        }
    }

    @Override
    public String backendName() {
        return "cuda";
    }

    /** The device this instance runs on, in one line. */
    public String device() {
        return device.toString();
    }

    /** Runs {@code r} with this instance's context current on the calling thread, one device call at a time. */
    private <T> T onContext(Supplier<T> r) {
        return locked(deviceLock.writeLock(), r);
    }

    /** Runs a lane's call {@code r} with the context current; the other lane's call may run at once. */
    private <T> T onLane(Supplier<T> r) {
        return locked(deviceLock.readLock(), r);
    }

    private <T> T locked(Lock lock, Supplier<T> r) {
        lock.lock();
        try {
            ensureOpen();
            JCudaDriver.cuCtxPushCurrent(context);
            try {
                return r.get();
            } finally {
                JCudaDriver.cuCtxPopCurrent(new CUcontext());
            }
        } finally {
            lock.unlock();
        }
    }

    private void destroyStreams() {
        for (int lane = 0; lane < streams.length; lane++) {
            if (streams[lane] != null) {
                JCudaDriver.cuStreamDestroy(streams[lane]);
                streams[lane] = null;
            }
        }
    }

    private void withContext(Runnable r) {
        onContext(() -> {
            r.run();
            return null;
        });
    }

    private CUfunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunction f = new CUfunction();
            JCudaDriver.cuModuleGetFunction(f, module, n);
            return f;
        });
    }

    /** Launches {@code items} threads of {@code name} in blocks of {@code block} with the given arguments, on the default stream. */
    private void launch(String name, long items, int block, Object... args) {
        launchOn(null, name, items, block, args);
    }

    /** As {@link #launch} on {@code stream} (null: the default stream). */
    private void launchOn(CUstream stream, String name, long items, int block, Object... args) {
        long grid = (items + block - 1) / block;
        if (grid > Integer.MAX_VALUE) {
            throw new IllegalStateException("launch of " + items + " items exceeds the grid"); // cannot happen below 2^31 · 256
        }
        NativePointerObject[] params = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = args[i] instanceof CUdeviceptr p ? Pointer.to(p) : Pointer.to(new int[] {(Integer) args[i]});
        }
        JCudaDriver.cuLaunchKernel(function(name), (int) grid, 1, 1, block, 1, 1, 0, stream, Pointer.to(params), null);
    }

    private CUdeviceptr keep(long[] data) {
        return keep(data, 0, data.length);
    }

    /**
     * {@code longs} longs from {@code data[off]} in a new device buffer, the copy complete on return: the
     * lanes' non-blocking streams do not wait for the default stream this copy runs on.
     */
    private static CUdeviceptr keep(long[] data, int off, int longs) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, 8L * longs);
        try {
            JCudaDriver.cuMemcpyHtoD(p, Pointer.to(data).withByteOffset(8L * off), 8L * longs);
            JCudaDriver.cuCtxSynchronize();
        } catch (RuntimeException e) {
            JCudaDriver.cuMemFree(p);
            throw e;
        }
        return p;
    }

    // ---- hashes ----

    @Override
    protected long chunkLimitBytes() {
        return Math.min(chunkBytes, device.totalMemory() / 4);
    }

    @Override
    protected void deviceSha(byte[] in, long inOff, byte[] out, long outOff, int n) {
        withContext(() -> {
            try (CudaBuffers b = new CudaBuffers()) {
                CUdeviceptr dIn = b.upload(Pointer.to(in).withByteOffset(inOff), 64L * n);
                CUdeviceptr dOut = b.alloc(32L * n);
                launch("sha256_trunc254_pairs", n, BLOCK, dIn, dOut, n);
                CudaBuffers.downloadAfterAllLaunches(Pointer.to(out).withByteOffset(outOff), dOut, 32L * n);
            }
        });
    }

    @Override
    protected void devicePoseidon(PoseidonParameters p, long[] in, long inOff, long[] out, long outOff, int n) {
        withContext(() -> {
            CUdeviceptr constants = poseidonConstants.computeIfAbsent(p.arity(), a -> keep(p.gpuConstants()));
            try (CudaBuffers b = new CudaBuffers()) {
                CUdeviceptr dIn = b.upload(Pointer.to(in).withByteOffset(8 * inOff), 32L * p.arity() * n);
                CUdeviceptr dOut = b.alloc(32L * n);
                launch("poseidon_hash_a" + p.arity(), n, BLOCK, constants, dIn, dOut, n, p.partialRounds());
                CudaBuffers.downloadAfterAllLaunches(Pointer.to(out).withByteOffset(8 * outOff), dOut, 32L * n);
            }
        });
    }

    // ---- whole trees (tree.cl): one upload, one launch per level on one buffer, one download ----

    @Override
    protected void deviceTree(int lane, TreeHost.Job job) {
        CUstream stream = streams[lane];
        onLane(() -> {
            CUdeviceptr constants = job.p() == null ? null
                    : poseidonConstants.computeIfAbsent(job.arity(), a -> keep(job.p().gpuConstants()));
            try (CudaBuffers b = new CudaBuffers(stream)) {
                CUdeviceptr buf = b.alloc(32L * job.bufferNodes());
                b.copyIn(buf, pointer(job.leaves(), job.leavesByte()), 32L * job.n());
                TreeHost.levels(job, (inNode, outNode, count) -> {
                    if (constants == null) {
                        launchOn(stream, job.kernel(), count, BLOCK, buf, (int) inNode, (int) outNode, count);
                    } else {
                        launchOn(stream, job.kernel(), count, BLOCK, constants, buf, (int) inNode, (int) outNode, count,
                                job.p().partialRounds());
                    }
                });
                b.download(pointer(job.out(), job.outByte()), buf.withByteOffset(32L * job.n()), job.outBytes());
            }
            return null;
        });
    }

    private static Pointer pointer(Object array, long byteOffset) {
        Pointer p = array instanceof byte[] a ? Pointer.to(a) : Pointer.to((long[]) array);
        return p.withByteOffset(byteOffset);
    }

    // ---- NTTs: the launches of NttHost.schedule on a resident buffer; one upload and one download a call ----

    @Override
    protected boolean nttFits(int logN, int buffers) {
        return NttHost.fits(logN, buffers, device.totalMemory(), device.totalMemory());
    }

    @Override
    protected void deviceNtt(NttHost.Kind kind, long[] a, int off, int logN) {
        withContext(() -> {
            Pointer host = Pointer.to(a).withByteOffset(8L * off);
            NttLaunches ntt = nttLaunches(logN);
            try (CudaBuffers b = new CudaBuffers()) {
                CUdeviceptr buf = b.upload(host, 32L << logN);
                ntt.launch(kind, buf);
                CudaBuffers.downloadAfterAllLaunches(host, buf, 32L << logN);
            }
        });
    }

    /** Three uploads, the seven NTTs and the pointwise kernel on the resident buffers, a read back after the last launch. */
    @Override
    protected void deviceQuotient(long[] a, long[] b, long[] c, int logN) {
        withContext(() -> {
            int n = 1 << logN;
            long bytes = 32L << logN;
            NttLaunches ntt = nttLaunches(logN);
            try (CudaBuffers bufs = new CudaBuffers()) {
                CUdeviceptr da = bufs.upload(Pointer.to(a), bytes);
                CUdeviceptr db = bufs.upload(Pointer.to(b), bytes);
                CUdeviceptr dc = bufs.upload(Pointer.to(c), bytes);
                long[] z = FrQuotient.zInverse(logN);
                CUdeviceptr zInv = bufs.upload(Pointer.to(z), 8L * z.length);
                NttHost.quotientSchedule(da, db, dc, ntt::launch,
                        () -> launch("fr_quotient_pointwise", n, BLOCK, da, db, dc, zInv, n));
                CudaBuffers.downloadAfterAllLaunches(Pointer.to(a), da, bytes);
            }
        });
    }

    /** The twiddle table (grown to 2^logN if smaller) and the local-pass count of NTTs over 2^logN elements; on the context. */
    private NttLaunches nttLaunches(int logN) {
        if (twiddles == null || twiddleLog < logN) {
            int logL = NttHost.tableLog(logN);
            CUdeviceptr m = keep(NttHost.twiddles(pool, logL));
            if (twiddles != null) {
                JCudaDriver.cuMemFree(twiddles);
            }
            twiddles = m;
            twiddleLog = logL;
        }
        int[] maxThreads = new int[1];
        JCudaDriver.cuFuncGetAttribute(maxThreads, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, function("ntt_local"));
        return new NttLaunches(logN, twiddles, twiddleLog - 1, NttHost.localStages(logN, NttHost.LOCAL_LOG, maxThreads[0]));
    }

    /** The launches of one NTT over 2^logN elements on a resident buffer ({@link #launch(NttHost.Kind, CUdeviceptr)}). */
    private final class NttLaunches {
        private final int logN;
        private final int n;
        private final CUdeviceptr tw;
        private final int twLog;
        private final int stages;

        NttLaunches(int logN, CUdeviceptr tw, int twLog, int stages) {
            this.logN = logN;
            this.n = 1 << logN;
            this.tw = tw;
            this.twLog = twLog;
            this.stages = stages;
        }

        void launch(NttHost.Kind kind, CUdeviceptr buf) {
            CUdeviceptr scale = kind == NttHost.Kind.FORWARD ? null
                    : scaleParams.computeIfAbsent(kind.ordinal() * 64 + logN, k -> keep(NttHost.scaleParams(kind, logN)));
            int inverse = kind.inverse() ? 1 : 0;
            NttHost.schedule(kind, logN, stages, new NttHost.Launcher() {
                @Override
                public void scale() {
                    CudaKernels.this.launch("ntt_scale", NttHost.scaleItems(n), BLOCK, buf, scale, n);
                }

                @Override
                public void bitrev() {
                    CudaKernels.this.launch("ntt_bitrev", n, BLOCK, buf, n, logN);
                }

                @Override
                public void local(int st) {
                    // one block per 2^st elements: the kernel indexes its block by blockIdx
                    CudaKernels.this.launch("ntt_local", n / 2, 1 << (st - 1), buf, tw, twLog, st, inverse);
                }

                @Override
                public void pass(int logHalf) {
                    CudaKernels.this.launch("ntt_pass", n / 2, BLOCK, buf, tw, n, twLog, logHalf, inverse);
                }
            });
        }
    }

    // ---- MSM (G1 and G2): the two launches of msm.cl / msm_g2.cl over one chunk prepared by MsmHost ----

    @Override
    protected long[] msmWindowSums(int lane, MsmHost.Buckets m) {
        CUstream stream = streams[lane];
        return onLane(() -> {
            int xyzzWords = m.group().xyzzWords();
            String prefix = m.group().kernelPrefix;
            long[] sums = new long[m.windows() * xyzzWords / 2];
            try (CudaBuffers b = new CudaBuffers(stream)) {
                CUdeviceptr bases = m.bases() == null ? ((KeptBases) m.resident()).ptr
                        : b.upload(Pointer.to(m.bases()), 8L * m.bases().length);
                CUdeviceptr entries = b.upload(Pointer.to(m.entries()), 4L * m.entries().length);
                CUdeviceptr starts = b.upload(Pointer.to(m.starts()), 4L * m.starts().length);
                CUdeviceptr buckets = b.alloc(4L * xyzzWords * m.groups());
                CUdeviceptr windows = b.alloc(4L * xyzzWords * m.windows());
                launchOn(stream, prefix + "_bucket_sums", m.groups(), MsmHost.GROUP_SIZE, bases, entries, starts, buckets,
                        m.groups());
                launchOn(stream, prefix + "_window_sums", m.windows(), 32, buckets, windows, m.windows(), m.buckets());
                b.download(Pointer.to(sums), windows, 8L * sums.length);
            }
            return sums;
        });
    }

    /** A quarter of the device's memory a chunk. */
    @Override
    protected MsmHost.ChunkBudget msmChunkBudget() {
        return new MsmHost.ChunkBudget(device.totalMemory() / 4, device.totalMemory());
    }

    /**
     * At most half the device's memory for the kept bases of an instance, and only while the device's
     * free memory (other jobs share it) leaves room for a chunk besides.
     */
    @Override
    protected boolean basesFit(long bytes, long kept) {
        if (kept + bytes > device.totalMemory() / 2) {
            return false;
        }
        long[] free = new long[1];
        long[] total = new long[1];
        withContext(() -> JCudaDriver.cuMemGetInfo(free, total));
        return bytes + device.totalMemory() / 4 <= free[0];
    }

    @Override
    protected MsmHost.DeviceBases uploadBases(long[] bases, int off, int longs) {
        return onContext(() -> new KeptBases(keep(bases, off, longs), 8L * longs));
    }

    /** A handle's bases in device memory; freed with the context pushed, also after this instance closed. */
    private final class KeptBases implements MsmHost.DeviceBases {
        final CUdeviceptr ptr;
        private final long bytes;

        KeptBases(CUdeviceptr ptr, long bytes) {
            this.ptr = ptr;
            this.bytes = bytes;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void free() {
            deviceLock.writeLock().lock();
            try {
                JCudaDriver.cuCtxPushCurrent(context);
                try {
                    JCudaDriver.cuMemFree(ptr);
                } finally {
                    JCudaDriver.cuCtxPopCurrent(new CUcontext());
                }
            } finally {
                deviceLock.writeLock().unlock();
            }
        }
    }

    /** Frees the buffers and the module and releases the primary context; after a device failure, as much as the driver allows. */
    @Override
    protected void releaseDevice() {
        deviceLock.writeLock().lock();
        try {
            try {
                JCudaDriver.cuCtxPushCurrent(context);
                try {
                    List<CUdeviceptr> kept = new ArrayList<>(poseidonConstants.values());
                    kept.addAll(scaleParams.values());
                    if (twiddles != null) {
                        kept.add(twiddles);
                    }
                    kept.forEach(JCudaDriver::cuMemFree);
                    destroyStreams();
                    JCudaDriver.cuModuleUnload(module);
                } finally {
                    JCudaDriver.cuCtxPopCurrent(new CUcontext());
                }
            } catch (RuntimeException e) {
                // a context broken by a device fault refuses frees; releasing it below frees everything
            } finally {
                poseidonConstants.clear();
                scaleParams.clear();
                twiddles = null;
                JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice);
            }
        } finally {
            deviceLock.writeLock().unlock();
        }
    }
}
