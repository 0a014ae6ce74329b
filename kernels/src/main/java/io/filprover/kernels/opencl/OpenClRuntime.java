package io.filprover.kernels.opencl;

import io.filprover.kernels.KernelSource;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

import java.nio.charset.StandardCharsets;

/**
 * The process-wide OpenCL state: the chosen device, its context and the kernel program, built once
 * per process on first use (POCL and GPU drivers cache the binary on disk too). Instances of
 * {@link OpenClKernels} share it and own only their queue and buffers. It lives until the JVM exits.
 *
 * <p>Device choice: the first GPU or accelerator device of the first platform that has one. A CPU
 * OpenCL device (POCL) is taken only when {@code -Dfilprover.opencl.cpu=true} or
 * {@code FILPROVER_OPENCL_CPU=1}: POCL is a correctness backend (as fast as the Java path), so
 * {@code --backend auto} must not prefer it over the cpu backend by default.
 */
final class OpenClRuntime {
    /** The system property that admits CPU OpenCL devices. */
    static final String CPU_PROPERTY = "filprover.opencl.cpu";
    /** The environment variable that admits CPU OpenCL devices. */
    static final String CPU_ENV = "FILPROVER_OPENCL_CPU";

    /** Why no device was chosen; the probe reports its message. */
    static final class NoDeviceException extends Exception {
        NoDeviceException(String message) {
            super(message);
        }
    }

    private static OpenClRuntime instance;

    final cl_platform_id platform;
    final cl_device_id device;
    final cl_context context;
    final String deviceName;
    final String platformName;
    final long globalMemory;
    final long maxAlloc;
    private cl_program program;

    private OpenClRuntime(cl_platform_id platform, cl_device_id device) {
        this.platform = platform;
        this.device = device;
        this.deviceName = deviceString(device, CL.CL_DEVICE_NAME);
        this.platformName = platformString(platform, CL.CL_PLATFORM_NAME);
        this.globalMemory = deviceLong(device, CL.CL_DEVICE_GLOBAL_MEM_SIZE);
        this.maxAlloc = deviceLong(device, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, platform);
        this.context = CL.clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null);
    }

    /**
     * The runtime, created on first call. Throws {@link LinkageError} when JOCL's native library or
     * {@code libOpenCL.so.1} cannot be loaded, {@link NoDeviceException} when no usable device exists,
     * {@link CLException} for a failing driver.
     */
    static synchronized OpenClRuntime get() throws NoDeviceException {
        if (instance == null) {
            instance = create(allowCpuDevices());
        }
        return instance;
    }

    static boolean allowCpuDevices() {
        String p = System.getProperty(CPU_PROPERTY);
        if (p != null) {
            return Boolean.parseBoolean(p.trim());
        }
        String e = System.getenv(CPU_ENV);
        return e != null && (e.trim().equals("1") || e.trim().equalsIgnoreCase("true"));
    }

    /** A runtime over the first usable device; {@code allowCpu} admits CPU devices. */
    static OpenClRuntime create(boolean allowCpu) throws NoDeviceException {
        CL.setExceptionsEnabled(true);
        int[] n = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, n);
        } catch (CLException e) {
            // the ICD loader reports CL_PLATFORM_NOT_FOUND_KHR when no driver is installed
            throw new NoDeviceException("no OpenCL platform (" + e.getMessage() + "); install a driver, e.g. pocl-opencl-icd");
        }
        if (n[0] == 0) {
            throw new NoDeviceException("no OpenCL platform; install a driver, e.g. pocl-opencl-icd");
        }
        cl_platform_id[] platforms = new cl_platform_id[n[0]];
        CL.clGetPlatformIDs(n[0], platforms, null);
        StringBuilder cpuOnly = new StringBuilder();
        cl_platform_id cpuPlatform = null;
        cl_device_id cpuDevice = null;
        for (cl_platform_id p : platforms) {
            int[] dn = new int[1];
            try {
                CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, dn);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND
            }
            cl_device_id[] devices = new cl_device_id[dn[0]];
            CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, dn[0], devices, null);
            for (cl_device_id d : devices) {
                long type = deviceLong(d, CL.CL_DEVICE_TYPE);
                if (deviceLong(d, CL.CL_DEVICE_ENDIAN_LITTLE) == 0) {
                    continue; // the kernels read the host's little-endian limbs as they are
                }
                if ((type & (CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_ACCELERATOR)) != 0) {
                    return new OpenClRuntime(p, d);
                }
                if ((type & CL.CL_DEVICE_TYPE_CPU) != 0) {
                    if (cpuDevice == null) {
                        cpuPlatform = p;
                        cpuDevice = d;
                    }
                    if (cpuOnly.length() > 0) {
                        cpuOnly.append(", ");
                    }
                    cpuOnly.append(deviceString(d, CL.CL_DEVICE_NAME).trim());
                }
            }
        }
        if (cpuDevice != null) {
            if (allowCpu) {
                return new OpenClRuntime(cpuPlatform, cpuDevice);
            }
            throw new NoDeviceException("only CPU OpenCL devices (" + cpuOnly + "), which are no faster than the cpu backend; -D"
                    + CPU_PROPERTY + "=true or " + CPU_ENV + "=1 uses them");
        }
        throw new NoDeviceException("no OpenCL GPU or accelerator device on " + platforms.length + " platform(s)");
    }

    /** The device in one line: name, platform, memory. */
    String describe() {
        return deviceName.trim() + " (" + platformName.trim() + "), " + (globalMemory >> 20) + " MiB global memory, "
                + (maxAlloc >> 20) + " MiB max allocation";
    }

    /** The kernel program, built on first call. */
    synchronized cl_program program() {
        if (program == null) {
            String src = KernelSource.openCl();
            cl_program p = CL.clCreateProgramWithSource(context, 1, new String[] {src}, new long[] {src.length()}, null);
            try {
                CL.clBuildProgram(p, 1, new cl_device_id[] {device}, "-cl-std=CL1.2", null, null);
            } catch (CLException e) {
                String log = buildLog(p);
                CL.clReleaseProgram(p);
                throw new IllegalStateException("building filprover.cl for " + deviceName.trim() + " failed: " + e.getMessage()
                        + "\n" + log, e);
            }
            program = p;
        }
        return program;
    }

    private String buildLog(cl_program p) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    /** A numeric device property (cl_ulong, cl_uint or cl_bool). */
    private static long deviceLong(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        if (size[0] == Sizeof.cl_ulong) {
            long[] v = new long[1];
            CL.clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
            return v[0];
        }
        int[] v = new int[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0] & 0xffffffffL;
    }

    private static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
