package io.filprover.kernels.opencl;

import io.filprover.api.kernels.DeviceInfo;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The OpenCL devices of the process and, per device used, its state: its context and the kernel
 * program, built once per device on first use (POCL and GPU drivers cache the binary on disk too).
 * Instances of {@link OpenClKernels} share a device's runtime and own only their queue and buffers. A
 * runtime lives until the JVM exits.
 *
 * <p>Discovery ({@link #devices()}, once per process) numbers every device of every platform, platform by
 * platform, as {@code --devices} / {@code FILPROVER_DEVICES} name them. A big-endian device cannot be used
 * (the kernels read the host's little-endian limbs as they are); a CPU OpenCL device (POCL) only when
 * {@code -Dfilprover.opencl.cpu=true} or {@code FILPROVER_OPENCL_CPU=1} admits it: POCL is a correctness
 * backend (as fast as the Java path), so {@code --backend auto} must not prefer it over the cpu backend by
 * default. Without a selection the backend uses every usable GPU and accelerator device, or, when there is
 * none, the first admitted CPU device ({@link #defaults}).
 */
final class OpenClRuntime {
    /** The system property that admits CPU OpenCL devices. */
    static final String CPU_PROPERTY = "filprover.opencl.cpu";
    /** The environment variable that admits CPU OpenCL devices. */
    static final String CPU_ENV = "FILPROVER_OPENCL_CPU";
    /** Why a CPU device not admitted is not used. */
    static final String CPU_NOT_ADMITTED = "a CPU device, no faster than the cpu backend; -D" + CPU_PROPERTY + "=true or " + CPU_ENV
            + "=1 admits it";

    /** Why no device can be used; the probe reports its message. */
    static final class NoDeviceException extends Exception {
        NoDeviceException(String message) {
            super(message);
        }
    }

    /**
     * One device as discovery numbers it; {@code unusable} says why it cannot be used (null when it can).
     * Two entries may name one device (tests do): they share its runtime.
     */
    record Device(int index, cl_platform_id platform, cl_device_id id, String name, String platformName, long globalMemory,
                  long maxAlloc, boolean cpu, String unusable) {
        /** The same device under another index. */
        Device withIndex(int i) {
            return new Device(i, platform, id, name, platformName, globalMemory, maxAlloc, cpu, unusable);
        }

        DeviceInfo info(boolean selected) {
            return new DeviceInfo(index, name, platformName, globalMemory, selected, unusable);
        }

        @Override
        public String toString() {
            return "[" + index + "] " + name + " (" + platformName + "), " + (globalMemory >> 20) + " MiB";
        }
    }

    private static List<Device> discovered;
    private static final Map<cl_device_id, OpenClRuntime> RUNTIMES = new HashMap<>();

    final cl_platform_id platform;
    final cl_device_id device;
    final cl_context context;
    final String deviceName;
    final String platformName;
    final long globalMemory;
    final long maxAlloc;
    private cl_program program;

    private OpenClRuntime(Device d) {
        this.platform = d.platform();
        this.device = d.id();
        this.deviceName = d.name();
        this.platformName = d.platformName();
        this.globalMemory = d.globalMemory();
        this.maxAlloc = d.maxAlloc();
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, platform);
        this.context = CL.clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null);
    }

    /**
     * Every device of every platform, discovered on first call (CPU devices admitted or not as configured
     * then). Throws {@link LinkageError} when JOCL's native library or {@code libOpenCL.so.1} cannot be
     * loaded, {@link NoDeviceException} when there is no platform or no device, {@link CLException} for a
     * failing driver.
     */
    static synchronized List<Device> devices() throws NoDeviceException {
        if (discovered == null) {
            discovered = discover(allowCpuDevices());
        }
        return discovered;
    }

    /** The runtime of a device: its context, created on first call (the program on first use). */
    static OpenClRuntime of(Device d) {
        synchronized (RUNTIMES) {
            return RUNTIMES.computeIfAbsent(d.id(), id -> new OpenClRuntime(d));
        }
    }

    /** The runtime of the first device the backend uses without a selection (tests). */
    static OpenClRuntime get() throws NoDeviceException {
        return of(defaults(devices()).get(0));
    }

    /** A fresh runtime over the first device a fresh discovery would use without a selection; {@code allowCpu} admits CPU devices. */
    static OpenClRuntime create(boolean allowCpu) throws NoDeviceException {
        return new OpenClRuntime(defaults(discover(allowCpu)).get(0));
    }

    static boolean allowCpuDevices() {
        String p = System.getProperty(CPU_PROPERTY);
        if (p != null) {
            return Boolean.parseBoolean(p.trim());
        }
        String e = System.getenv(CPU_ENV);
        return e != null && (e.trim().equals("1") || e.trim().equalsIgnoreCase("true"));
    }

    /** Every device of every platform, numbered in that order; {@code allowCpu} admits CPU devices. */
    static List<Device> discover(boolean allowCpu) throws NoDeviceException {
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
        List<Device> found = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            int[] dn = new int[1];
            try {
                CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, dn);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND
            }
            cl_device_id[] ids = new cl_device_id[dn[0]];
            CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, dn[0], ids, null);
            String platformName = platformString(p, CL.CL_PLATFORM_NAME).trim();
            for (cl_device_id d : ids) {
                long type = deviceLong(d, CL.CL_DEVICE_TYPE);
                boolean gpu = (type & (CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_ACCELERATOR)) != 0;
                boolean cpu = !gpu && (type & CL.CL_DEVICE_TYPE_CPU) != 0;
                String unusable = null;
                if (deviceLong(d, CL.CL_DEVICE_ENDIAN_LITTLE) == 0) {
                    unusable = "a big-endian device (the kernels read the host's little-endian limbs)";
                } else if (cpu && !allowCpu) {
                    unusable = CPU_NOT_ADMITTED;
                } else if (!gpu && !cpu) {
                    unusable = "neither a GPU, an accelerator nor a CPU device";
                }
                found.add(new Device(found.size(), p, d, deviceString(d, CL.CL_DEVICE_NAME).trim(), platformName,
                        deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE), cpu, unusable));
            }
        }
        if (found.isEmpty()) {
            throw new NoDeviceException("no OpenCL device on " + platforms.length + " platform(s)");
        }
        return List.copyOf(found);
    }

    /**
     * The devices used without a selection: every usable GPU and accelerator device, or, with none, the
     * first usable (admitted) CPU device: several CPU devices would share the same cores. {@link
     * NoDeviceException} saying why when there is none.
     */
    static List<Device> defaults(List<Device> all) throws NoDeviceException {
        List<Device> gpus = new ArrayList<>();
        for (Device d : all) {
            if (d.unusable() == null && !d.cpu()) {
                gpus.add(d);
            }
        }
        if (!gpus.isEmpty()) {
            return gpus;
        }
        for (Device d : all) {
            if (d.unusable() == null) {
                return List.of(d);
            }
        }
        StringJoiner cpuOnly = new StringJoiner(", ");
        all.stream().filter(Device::cpu).forEach(d -> cpuOnly.add(d.name()));
        if (all.stream().anyMatch(d -> CPU_NOT_ADMITTED.equals(d.unusable()))) {
            throw new NoDeviceException("only CPU OpenCL devices (" + cpuOnly + "), which are no faster than the cpu backend; -D"
                    + CPU_PROPERTY + "=true or " + CPU_ENV + "=1 uses them");
        }
        StringJoiner why = new StringJoiner("; ");
        all.forEach(d -> why.add(d + ": " + d.unusable()));
        throw new NoDeviceException("no usable OpenCL GPU or accelerator device: " + why);
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
