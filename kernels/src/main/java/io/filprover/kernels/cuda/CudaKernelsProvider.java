package io.filprover.kernels.cuda;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.kernels.MultiDeviceKernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers the CUDA backend ({@code --backend cuda}), above OpenCL and cpu. The probe runs once per
 * process and never throws: it reports available only when JCuda and {@code libcuda.so.1} load, the
 * driver shows a device, the jar holds the kernels nvcc built and they load on the first selected
 * device; otherwise it says why. Its detail lists every device with its memory, for
 * {@code filprover backends}. With one selected device a job's instance runs on it; with several, a
 * job gets all of them as a {@link MultiDeviceKernels} (its MSMs split across the devices and the cpu,
 * everything else on a first device that goes to the selected devices in turn).
 */
public final class CudaKernelsProvider implements KernelsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CudaKernelsProvider.class);
    /** The reason of a jar without the fatbin. */
    static final String NO_FATBIN = "this jar was built without nvcc: no CUDA kernels (kernels/build-cuda.sh or mvn -Pcuda builds them)";
    private static Availability probed;
    private static final AtomicInteger NEXT = new AtomicInteger();

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
            return CudaRuntime.selectionSetting();
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
        List<CudaRuntime.Device> chosen;
        try {
            chosen = CudaRuntime.select(env.selection(), all);
        } catch (CudaRuntime.Unavailable e) {
            return Availability.no(e.getMessage() + noKernels);
        }
        String listed = describe(all, chosen);
        if (fatbin == null) {
            return Availability.no(NO_FATBIN + "; " + listed);
        }
        try {
            env.tryLoad(chosen.get(0), fatbin);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cuda unavailable: the kernels do not load", e);
            return Availability.no("the CUDA kernels do not load on device " + chosen.get(0).index() + ": " + e.getMessage()
                    + " (a GPU older than sm_75, or a driver older than the fatbin's CUDA); " + listed);
        }
        return Availability.yes(listed);
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
        if (!a.available()) {
            throw new BackendUnavailableException("backend", "backend cuda is unavailable: " + a.detail());
        }
        List<CudaRuntime.Device> chosen;
        try {
            chosen = CudaRuntime.select(CudaRuntime.selectionSetting(), CudaRuntime.devices());
        } catch (CudaRuntime.Unavailable e) {
            throw new BackendUnavailableException("backend", "backend cuda is unavailable: " + e.getMessage());
        }
        // the first device takes everything but the MSMs: rotating it spreads that work over jobs
        int first = Math.floorMod(NEXT.getAndIncrement(), chosen.size());
        List<CudaRuntime.Device> order = new ArrayList<>(chosen.subList(first, chosen.size()));
        order.addAll(chosen.subList(0, first));
        byte[] fatbin = CudaRuntime.fatbin();
        return MultiDeviceKernels.open(order, d -> new CudaKernels(d, fatbin, pool), d -> "cuda[" + d.index() + "]", pool);
    }
}
