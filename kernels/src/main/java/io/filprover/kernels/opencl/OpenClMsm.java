package io.filprover.kernels.opencl;

import io.filprover.kernels.MsmHost;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The device part of the G1 and G2 MSMs on OpenCL: the two launches of msm.cl / msm_g2.cl over one chunk
 * prepared by {@link MsmHost}, its bases packed into the chunk or kept on the device ({@link KeptBases}).
 */
final class OpenClMsm {
    private OpenClMsm() {
    }

    /** A handle's bases in a device buffer. */
    record KeptBases(cl_mem mem, long bytes) implements MsmHost.DeviceBases {
        @Override
        public void free() {
            CL.clReleaseMemObject(mem);
        }
    }

    /** {@code longs} longs from {@code bases[off]} copied to a read-only buffer. */
    static KeptBases upload(OpenClRuntime rt, long[] bases, int off, int longs) {
        long bytes = 8L * longs;
        cl_mem m = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, bytes,
                Pointer.to(bases).withByteOffset(8L * off), null);
        return new KeptBases(m, bytes);
    }

    /** The XYZZ window sums of one chunk: msm_gN_bucket_sums (one item per group), then msm_gN_window_sums (one per window). */
    static long[] windowSums(OpenClRuntime rt, cl_command_queue queue, MsmHost.Buckets b) {
        int groups = b.groups();
        int xyzzWords = b.group().xyzzWords();
        String prefix = b.group().kernelPrefix;
        long[] sums = new long[b.windows() * xyzzWords / 2];
        List<cl_mem> mems = new ArrayList<>();
        List<cl_kernel> kernels = new ArrayList<>();
        try {
            cl_mem basesBuf = b.bases() == null ? ((KeptBases) b.resident()).mem
                    : buffer(rt, mems, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * b.bases().length, Pointer.to(b.bases()));
            cl_mem entriesBuf = buffer(rt, mems, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 4L * b.entries().length, Pointer.to(b.entries()));
            cl_mem startsBuf = buffer(rt, mems, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 4L * b.starts().length, Pointer.to(b.starts()));
            cl_mem bucketBuf = buffer(rt, mems, CL.CL_MEM_READ_WRITE, 4L * xyzzWords * groups, null);
            cl_mem windowBuf = buffer(rt, mems, CL.CL_MEM_WRITE_ONLY, 4L * xyzzWords * b.windows(), null);

            cl_kernel k1 = CL.clCreateKernel(rt.program(), prefix + "_bucket_sums", null);
            kernels.add(k1);
            CL.clSetKernelArg(k1, 0, Sizeof.cl_mem, Pointer.to(basesBuf));
            CL.clSetKernelArg(k1, 1, Sizeof.cl_mem, Pointer.to(entriesBuf));
            CL.clSetKernelArg(k1, 2, Sizeof.cl_mem, Pointer.to(startsBuf));
            CL.clSetKernelArg(k1, 3, Sizeof.cl_mem, Pointer.to(bucketBuf));
            CL.clSetKernelArg(k1, 4, Sizeof.cl_uint, Pointer.to(new int[] {groups}));
            enqueue(rt, queue, k1, groups);

            cl_kernel k2 = CL.clCreateKernel(rt.program(), prefix + "_window_sums", null);
            kernels.add(k2);
            CL.clSetKernelArg(k2, 0, Sizeof.cl_mem, Pointer.to(bucketBuf));
            CL.clSetKernelArg(k2, 1, Sizeof.cl_mem, Pointer.to(windowBuf));
            CL.clSetKernelArg(k2, 2, Sizeof.cl_uint, Pointer.to(new int[] {b.windows()}));
            CL.clSetKernelArg(k2, 3, Sizeof.cl_uint, Pointer.to(new int[] {b.buckets()}));
            enqueue(rt, queue, k2, b.windows());
            CL.clEnqueueReadBuffer(queue, windowBuf, CL.CL_TRUE, 0, 8L * sums.length, Pointer.to(sums), 0, null, null);
        } finally {
            kernels.forEach(CL::clReleaseKernel);
            mems.forEach(CL::clReleaseMemObject);
        }
        return sums;
    }

    /**
     * n work items in work-groups of {@link MsmHost#GROUP_SIZE} (or the kernel's limit), the global size
     * rounded up (the kernels skip ids past their count). An explicit size because POCL, left to choose,
     * makes the whole range one work-group and the per-item state of the G2 kernels overflows its stack.
     */
    static void enqueue(OpenClRuntime rt, cl_command_queue queue, cl_kernel k, long n) {
        long[] max = new long[1];
        CL.clGetKernelWorkGroupInfo(k, rt.device, CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
        long local = Math.max(1, Math.min(MsmHost.GROUP_SIZE, max[0]));
        long global = (n + local - 1) / local * local;
        CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {global}, new long[] {local}, 0, null, null);
    }

    private static cl_mem buffer(OpenClRuntime rt, List<cl_mem> mems, long flags, long bytes, Pointer src) {
        cl_mem m = CL.clCreateBuffer(rt.context, flags, bytes, src, null);
        mems.add(m);
        return m;
    }
}
