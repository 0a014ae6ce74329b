package io.filprover.kernels.opencl;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.DeviceInfo;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.KernelsProvider;
import io.filprover.kernels.DeviceSelection;
import io.filprover.kernels.MultiDeviceKernels;
import io.filprover.kernels.MultiDeviceOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Registers the OpenCL backend ({@code --backend opencl}), above the cpu backend. The probe discovers
 * the devices once per process and never throws: without JOCL's native library or {@code libOpenCL.so.1},
 * without a platform, without a usable device or with a selection it cannot honour it reports the reason
 * (and logs the cause). Its {@link Availability#devices()} lists every device, with why it cannot be
 * used where it cannot (a CPU device not admitted, say). The devices are chosen by
 * {@link DeviceSelection} ({@code --devices}, {@code FILPROVER_DEVICES}, indices into
 * {@link OpenClRuntime#devices()}), by default every usable GPU and accelerator. With one device a job's
 * instance runs on it; with several, a job gets all of them as a {@link MultiDeviceKernels}, as the CUDA
 * backend does ({@link MultiDeviceOpener}).
 */
public final class OpenClKernelsProvider implements KernelsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClKernelsProvider.class);
    private static Availability probed;
    /** The process's jobs over the selected devices: the rotation and the measured MSM rates. */
    private static final MultiDeviceOpener DEVICES = new MultiDeviceOpener();

    /** What the provider looks at, replaceable in tests. */
    interface Environment {
        /** Every device, numbered; throws as {@link OpenClRuntime#devices()} does. */
        List<OpenClRuntime.Device> devices() throws Exception;

        /** The device selection setting, or null for the default devices. */
        String selection();
    }

    static final Environment REAL = new Environment() {
        @Override
        public List<OpenClRuntime.Device> devices() throws Exception {
            return OpenClRuntime.devices();
        }

        @Override
        public String selection() {
            return DeviceSelection.configured();
        }
    };

    private final Environment env;
    private final MultiDeviceOpener opener;

    /** The backend over this machine's devices (what ServiceLoader makes). */
    public OpenClKernelsProvider() {
        this(REAL, DEVICES);
    }

    /** Over another environment (tests), with jobs and measured rates of its own. */
    OpenClKernelsProvider(Environment env, MultiDeviceOpener opener) {
        this.env = env;
        this.opener = opener;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability probe() {
        if (env != REAL) {
            return probe(env);
        }
        synchronized (OpenClKernelsProvider.class) {
            if (probed == null) {
                probed = probe(REAL);
            }
            return probed;
        }
    }

    /** The probe's logic over any environment: never throws, and logs an unavailable backend's cause once per call. */
    static Availability probe(Environment env) {
        List<OpenClRuntime.Device> all;
        try {
            all = env.devices();
        } catch (OpenClRuntime.NoDeviceException e) {
            LOG.debug("opencl unavailable: {}", e.getMessage());
            return Availability.no(e.getMessage());
        } catch (LinkageError e) {
            LOG.debug("opencl unavailable: JOCL could not load", e);
            return Availability.no("JOCL's native library or libOpenCL.so.1 could not be loaded (" + e + ")");
        } catch (Exception e) {
            LOG.debug("opencl unavailable: the OpenCL driver failed", e);
            return Availability.no("the OpenCL driver failed: " + e);
        }
        List<OpenClRuntime.Device> chosen;
        try {
            chosen = choose(all, env.selection());
        } catch (OpenClRuntime.NoDeviceException | DeviceSelection.Invalid e) {
            LOG.debug("opencl unavailable: {}", e.getMessage());
            return Availability.no(e.getMessage(), infos(all, List.of()));
        }
        return Availability.yes(describe(all, chosen), infos(all, chosen));
    }

    /** The devices {@code setting} selects: the defaults without one, else the named usable ones. */
    static List<OpenClRuntime.Device> choose(List<OpenClRuntime.Device> all, String setting)
            throws OpenClRuntime.NoDeviceException, DeviceSelection.Invalid {
        DeviceSelection s = DeviceSelection.parse(setting);
        return s.everyDevice() ? OpenClRuntime.defaults(all) : s.choose(all, "OpenCL", OpenClRuntime.Device::unusable, "");
    }

    private static List<DeviceInfo> infos(List<OpenClRuntime.Device> all, List<OpenClRuntime.Device> chosen) {
        List<DeviceInfo> list = new ArrayList<>();
        all.forEach(d -> list.add(d.info(chosen.contains(d))));
        return list;
    }

    /** Every device, and which ones the backend uses: {@code 1 OpenCL device(s): [0] ...; using 0}. */
    static String describe(List<OpenClRuntime.Device> all, List<OpenClRuntime.Device> chosen) {
        StringJoiner j = new StringJoiner("; ", all.size() + " OpenCL device(s): ", "");
        all.forEach(d -> j.add(d + (d.unusable() == null ? ", max allocation " + (d.maxAlloc() >> 20) + " MiB" : " (unusable)")));
        StringJoiner used = new StringJoiner(",");
        chosen.forEach(d -> used.add(Integer.toString(d.index())));
        return j + "; using " + used;
    }

    @Override
    public Kernels open(WorkerPool pool) {
        Availability a = probe();
        List<OpenClRuntime.Device> chosen = null;
        try {
            chosen = choose(env.devices(), env.selection());
        } catch (DeviceSelection.Invalid e) {
            throw new BackendUnavailableException("devices", "backend opencl cannot use the selected devices: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            LOG.debug("opencl: no device at open", e); // the probe's reason says why
        }
        if (!a.available() || chosen == null) {
            throw new BackendUnavailableException("backend", "backend opencl is unavailable: " + a.detail());
        }
        return opener.open(chosen, d -> new OpenClKernels(OpenClRuntime.of(d), pool), d -> "opencl[" + d.index() + "]", pool);
    }
}
