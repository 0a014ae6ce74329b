package io.filprover.kernels.cuda;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.api.kernels.DeviceInfo;
import io.filprover.kernels.DeviceSelection;
import io.filprover.kernels.MultiDeviceKernels;
import io.filprover.kernels.MultiDeviceOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Registers the CUDA backend ({@code --backend cuda}), above OpenCL and cpu. The probe runs once per
 * process and never throws: it reports available only when JCuda and {@code libcuda.so.1} load, the
 * driver shows a device, the jar holds the kernels nvcc built and they load on the first selected
 * device; otherwise it says why. Its detail lists every device with its memory, and its
 * {@link Availability#devices()} each device with its selection, for {@code filprover backends}. The
 * devices are chosen by {@link DeviceSelection} ({@code --devices}, {@code FILPROVER_DEVICES}) among
 * those the driver shows after {@code CUDA_VISIBLE_DEVICES}. With one selected device a job's instance
 * runs on it; with several, a job gets all of them as a {@link MultiDeviceKernels}
 * ({@link MultiDeviceOpener}: its MSMs split across the devices and the cpu by the rates earlier jobs
 * measured, everything else on a first device that goes to the selected devices in turn).
 */
public final class CudaKernelsProvider implements KernelsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CudaKernelsProvider.class);
    /** The reason of a jar without the fatbin. */
    static final String NO_FATBIN = "this jar was built without nvcc: no CUDA kernels (kernels/build-cuda.sh or mvn -Pcuda builds them)";
    private static Availability probed;
    /** The process's jobs over the selected devices: the rotation and the measured MSM rates. */
    private static final MultiDeviceOpener DEVICES = new MultiDeviceOpener();

    /** What the probe looks at, replaceable in tests. */
    interface Environment {
        /** Every device the driver shows; throws as {@link CudaRuntime#devices()} does. */
        List<CudaRuntime.Device> devices();

        /** The fatbin in the jar, or null. */
        byte[] fatbin();

        /** The device selection setting, or null for every device. */
        String selection();

        /** Loads the fatbin on a device and releases it again; throws what the driver throws. */
        void tryLoad(CudaRuntime.Device d, byte[] fatbin);

        /** The driver's CUDA version (after {@link #devices()}), or null when not known. */
        default String driverVersion() {
            return null;
        }
    }

    static final Environment REAL = new Environment() {
        @Override
        public List<CudaRuntime.Device> devices() {
            return CudaRuntime.devices();
        }

        @Override
        public byte[] fatbin() {
            return CudaRuntime.fatbin();
        }

        @Override
        public String selection() {
            return DeviceSelection.configured();
        }

        @Override
        public String driverVersion() {
            return CudaRuntime.driverVersion();
        }

        @Override
        public void tryLoad(CudaRuntime.Device d, byte[] fatbin) {
            try (WorkerPool pool = WorkerPool.of(1, "cuda-probe")) {
                new CudaKernels(d, fatbin, pool).close();
            }
        }
    };

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public Availability probe() {
        synchronized (CudaKernelsProvider.class) {
            if (probed == null) {
                probed = probe(REAL);
            }
            return probed;
        }
    }

    /** The probe's logic over any environment: never throws. */
    static Availability probe(Environment env) {
        byte[] fatbin;
        try {
            fatbin = env.fatbin();
        } catch (RuntimeException e) {
            return Availability.no("the CUDA kernels in this jar could not be read: " + e);
        }
        String noKernels = fatbin == null ? "; and " + NO_FATBIN : "";
        List<CudaRuntime.Device> all;
        try {
            all = env.devices();
        } catch (LinkageError e) {
            LOG.debug("cuda unavailable: JCuda's driver binding could not load", e);
            return Availability.no("JCuda's native library or libcuda.so.1 could not be loaded (" + oneLine(e) + ")" + noKernels);
        } catch (RuntimeException e) {
            LOG.debug("cuda unavailable: the driver failed", e);
            String m = String.valueOf(e.getMessage());
            return Availability.no((m.contains("CUDA_ERROR_NO_DEVICE") ? "no CUDA device (" + m + ")" : "the CUDA driver failed: " + m)
                    + noKernels);
        }
        if (all.isEmpty()) {
            return Availability.no("no CUDA device" + CudaRuntime.visibleNote() + noKernels);
        }
        String driver = env.driverVersion();
        List<CudaRuntime.Device> chosen;
        try {
            chosen = CudaRuntime.select(env.selection(), all);
        } catch (DeviceSelection.Invalid e) {
            return Availability.no(e.getMessage() + noKernels, infos(all, driver, List.of(), null));
        }
        String listed = describe(all, chosen);
        if (fatbin == null) {
            return Availability.no(NO_FATBIN + "; " + listed, infos(all, driver, List.of(), null));
        }
        try {
            env.tryLoad(chosen.get(0), fatbin);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cuda unavailable: the kernels do not load", e);
            String why = "the CUDA kernels do not load on device " + chosen.get(0).index() + ": " + e.getMessage()
                    + " (a GPU older than sm_75, or a driver older than the fatbin's CUDA)";
            return Availability.no(why + "; " + listed, infos(all, driver, List.of(), chosen.get(0)));
        }
        return Availability.yes(listed, infos(all, driver, chosen, null));
    }

    /** Every device for the listing: selected when the backend uses it; {@code failed} did not load the kernels. */
    private static List<DeviceInfo> infos(List<CudaRuntime.Device> all, String driver, List<CudaRuntime.Device> chosen,
                                          CudaRuntime.Device failed) {
        List<DeviceInfo> list = new ArrayList<>();
        for (CudaRuntime.Device d : all) {
            list.add(d.info(driver, chosen.contains(d), d.equals(failed) ? "the CUDA kernels do not load on it" : null));
        }
        return list;
    }

    /**
     * A LinkageError in one line: JCuda's loader writes a page (OS, architecture, each attempt); its
     * last attempt's line names the library that is missing.
     */
    static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        String pick = null;
        for (String line : m.split("\\R")) {
            if (line.contains("cannot open shared object file")) {
                pick = line.trim();
            }
        }
        return pick != null ? pick : e.getClass().getName() + ": " + m.lines().findFirst().orElse("").trim();
    }

    /** Every device, and which ones the backend uses. */
    static String describe(List<CudaRuntime.Device> all, List<CudaRuntime.Device> chosen) {
        StringJoiner j = new StringJoiner("; ", all.size() + " CUDA device(s): ", "");
        all.forEach(d -> j.add(d.toString()));
        StringJoiner used = new StringJoiner(",");
        chosen.forEach(d -> used.add(Integer.toString(d.index())));
        return j + "; using " + used;
    }

    @Override
    public Kernels open(WorkerPool pool) {
        Availability a = probe();
        List<CudaRuntime.Device> chosen = null;
        try {
            List<CudaRuntime.Device> all = CudaRuntime.devices();
            if (!all.isEmpty()) {
                chosen = CudaRuntime.select(DeviceSelection.configured(), all);
            }
        } catch (DeviceSelection.Invalid e) {
            throw new BackendUnavailableException("devices", "backend cuda cannot use the selected devices: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cuda: the driver failed again at open", e); // the probe's reason says why
        }
        if (!a.available() || chosen == null) {
            throw new BackendUnavailableException("backend", "backend cuda is unavailable: " + a.detail());
        }
        byte[] fatbin = CudaRuntime.fatbin();
        return DEVICES.open(chosen, d -> new CudaKernels(d, fatbin, pool), d -> "cuda[" + d.index() + "]", pool);
    }
}
