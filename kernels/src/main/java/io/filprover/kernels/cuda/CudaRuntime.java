package io.filprover.kernels.cuda;

import io.filprover.api.kernels.DeviceInfo;
import io.filprover.kernels.DeviceSelection;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The process-wide CUDA facts: the driver (initialised once), the devices it shows (after
 * {@code CUDA_VISIBLE_DEVICES}, which the driver applies) and the kernels compiled by nvcc into this
 * jar ({@value #FATBIN}). Which of the devices the backend uses is {@link DeviceSelection}'s.
 */
final class CudaRuntime {
    /** The class-path resource build-cuda.sh's fatbin is packaged as (kernels/pom.xml). */
    static final String FATBIN = "filprover.fatbin";

    /** One device as the driver numbers it. */
    record Device(int index, String name, long totalMemory, int major, int minor) {
        @Override
        public String toString() {
            return "[" + index + "] " + name + ", " + (totalMemory >> 20) + " MiB, sm_" + major + minor;
        }

        /** For {@code filprover backends}; {@code driver} the driver's CUDA version or null. */
        DeviceInfo info(String driver, boolean selected, String unusable) {
            return new DeviceInfo(index, name, (driver == null ? "CUDA" : "CUDA " + driver) + ", sm_" + major + minor, totalMemory,
                    selected, unusable);
        }
    }

    private static List<Device> devices;
    private static int driverVersion;

    private CudaRuntime() {
    }

    /**
     * Initialises the driver once and lists its devices. Throws {@link LinkageError} when JCuda's native
     * library or {@code libcuda.so.1} cannot be loaded, {@link jcuda.CudaException} when the driver fails
     * (no device, a driver too old for JCuda's CUDA 12.0).
     */
    static synchronized List<Device> devices() {
        if (devices == null) {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] v = new int[1];
            JCudaDriver.cuDriverGetVersion(v);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            List<Device> found = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                CUdevice d = device(i);
                byte[] name = new byte[256];
                JCudaDriver.cuDeviceGetName(name, name.length, d);
                long[] mem = new long[1];
                JCudaDriver.cuDeviceTotalMem(mem, d);
                found.add(new Device(i, cString(name), mem[0],
                        attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                        attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)));
            }
            driverVersion = v[0];
            devices = List.copyOf(found);
        }
        return devices;
    }

    /** The driver's CUDA version as the driver reports it, e.g. "13.0" (after {@link #devices()}). */
    static synchronized String driverVersion() {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    static CUdevice device(int index) {
        CUdevice d = new CUdevice();
        JCudaDriver.cuDeviceGet(d, index);
        return d;
    }

    private static int attribute(CUdevice d, int attribute) {
        int[] v = new int[1];
        JCudaDriver.cuDeviceGetAttribute(v, attribute, d);
        return v[0];
    }

    /** The fatbin in this jar, or null when the jar was built without nvcc. */
    static byte[] fatbin() {
        try (InputStream in = CudaRuntime.class.getResourceAsStream(FATBIN)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The devices of the configured selection ({@link DeviceSelection}) among {@code all}, which is not empty. */
    static List<Device> select(String setting, List<Device> all) throws DeviceSelection.Invalid {
        return DeviceSelection.parse(setting).choose(all, "CUDA", d -> null, visibleNote());
    }

    /** What a message about the devices adds: the {@code CUDA_VISIBLE_DEVICES} in force, if any. */
    static String visibleNote() {
        String v = System.getenv("CUDA_VISIBLE_DEVICES");
        return v == null ? "" : String.format(Locale.ROOT, " (CUDA_VISIBLE_DEVICES=%s)", v);
    }

    private static String cString(byte[] buf) {
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8).trim();
    }
}
