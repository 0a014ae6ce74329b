package io.filprover.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.List;

/** Device buffers of one call, freed together; copies on {@code stream} (null: the default stream). */
final class CudaBuffers implements AutoCloseable {
    private final List<CUdeviceptr> all = new ArrayList<>();
    private final CUstream stream;

    CudaBuffers() {
        this(null);
    }

    CudaBuffers(CUstream stream) {
        this.stream = stream;
    }

    CUdeviceptr alloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, Math.max(1, bytes));
        all.add(p);
        return p;
    }

    CUdeviceptr upload(Pointer src, long bytes) {
        CUdeviceptr p = alloc(bytes);
        copyIn(p, src, bytes);
        return p;
    }

    void copyIn(CUdeviceptr dst, Pointer src, long bytes) {
        if (stream == null) {
            JCudaDriver.cuMemcpyHtoD(dst, src, bytes);
        } else {
            JCudaDriver.cuMemcpyHtoDAsync(dst, src, bytes, stream);
        }
    }

    /** Waits for the stream's launches (a failure shows before anything reaches the caller's array), then reads back. */
    void download(Pointer dst, CUdeviceptr src, long bytes) {
        if (stream == null) {
            downloadAfterAllLaunches(dst, src, bytes);
        } else {
            JCudaDriver.cuStreamSynchronize(stream);
            JCudaDriver.cuMemcpyDtoHAsync(dst, src, bytes, stream);
            JCudaDriver.cuStreamSynchronize(stream);
        }
    }

    @Override
    public void close() {
        all.forEach(JCudaDriver::cuMemFree);
    }

    /** Waits for every launch, so a failure shows before anything is copied into the caller's arrays. */
    static void downloadAfterAllLaunches(Pointer dst, CUdeviceptr src, long bytes) {
        JCudaDriver.cuCtxSynchronize();
        JCudaDriver.cuMemcpyDtoH(dst, src, bytes);
    }
}
