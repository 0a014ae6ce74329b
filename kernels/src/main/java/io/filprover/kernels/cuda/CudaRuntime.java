package io.filprover.kernels.cuda;

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
 * {@code CUDA_VISIBLE_DEVICES}, which the driver applies), the kernels compiled by nvcc into this jar
 * ({@value #FATBIN}) and the devices the backend may use ({@code FILPROVER_DEVICES} or
 * {@code -Dfilprover.devices}, e.g. {@code 0,2}; {@code filprover --devices} sets the property).
 */
final class CudaRuntime {
    /** The class-path resource build-cuda.sh's fatbin is packaged as (kernels/pom.xml). */
    static final String FATBIN = "filprover.fatbin";
    /** The system property that selects device indices. */
    static final String DEVICES_PROPERTY = "filprover.devices";
    /** The environment variable that selects device indices. */
    static final String DEVICES_ENV = "FILPROVER_DEVICES";

    /** One device as the driver numbers it. */
    record Device(int index, String name, long totalMemory, int major, int minor) {
        @Override
        public String toString() {
            return "[" + index + "] " + name + ", " + (totalMemory >> 20) + " MiB, sm_" + major + minor;
        }
    }

    /** Why CUDA cannot be used; the probe reports the message. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
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

    /** The selection as configured: the property, else the environment, else null (every device). */
    static String selectionSetting() {
        String p = System.getProperty(DEVICES_PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv(DEVICES_ENV);
        return e == null || e.isBlank() ? null : e.trim();
    }

    /**
     * The devices of {@code setting} (comma-separated indices, or {@code all}/null for every one), in
     * order and without repeats; {@link Unavailable} for a malformed list or an index the driver does not show.
     */
    static List<Device> select(String setting, List<Device> all) throws Unavailable {
        if (all.isEmpty()) {
            throw new Unavailable("no CUDA device" + visibleNote());
        }
        if (setting == null || setting.equalsIgnoreCase("all")) {
            return all;
        }
        List<Device> chosen = new ArrayList<>();
        for (String part : setting.split(",")) {
            int i;
            try {
                i = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new Unavailable("device selection '" + setting + "' is not a comma-separated list of indices");
            }
            if (i < 0 || i >= all.size()) {
                throw new Unavailable("device selection '" + setting + "' names device " + i + " but the driver shows "
                        + all.size() + " CUDA device(s)" + visibleNote());
            }
            if (!chosen.contains(all.get(i))) {
                chosen.add(all.get(i));
            }
        }
        return chosen;
    }

    private static String visibleNote() {
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
