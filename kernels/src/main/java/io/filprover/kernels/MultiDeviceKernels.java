package io.filprover.kernels;

import io.filprover.api.kernels.HostMsmBases;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.field.FrOps;
import io.filprover.cpu.CpuKernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several devices and the cpu backend as one backend: each G1 or G2 MSM of at least {@code splitMin}
 * scalars is cut into contiguous ranges, one per participant (the devices in order, then the cpu),
 * sized by each participant's measured throughput ({@link MsmShares}); the ranges run at once (each
 * device from a thread of its own, the cpu's range on the calling thread over the job's pool) and
 * their affine partial sums are added here. A smaller MSM runs whole on the first healthy device.
 * Every other capability goes to the first device, which a provider rotates between jobs
 * ({@link MultiDeviceOpener}, which also keeps the measured rates for the next job).
 *
 * <p><b>Failure.</b> A device whose MSM throws (anything but the SPI's argument errors) is marked
 * unhealthy, logged once, and its range is redone on the cpu backend and counted in
 * {@link #fallbacks()} and {@link DeviceKernels#totalFallbacks()}. A device that fell back on its own
 * (a {@link DeviceKernels} catches its device's failures and counts them in its own
 * {@code fallbacks()}, which this instance's includes) is marked unhealthy too. Either way it takes no
 * further share; the results stay those of the cpu backend bit for bit.
 *
 * <p><b>Bases kept on the devices.</b> A handle of this instance ({@link MultiDeviceMsmBases}) holds one
 * handle per device on the whole set of bases and the host range: a split call runs each device's range
 * of scalars on that device's handle from the range's first base, the cpu's range on the host range.
 */
public final class MultiDeviceKernels implements Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(MultiDeviceKernels.class);
    /** Below this many scalars an MSM is not split: a device call's fixed cost would outweigh the gain. */
    public static final int DEFAULT_SPLIT_MIN = 1 << 16;

    /** One device of the composite: a label for logs and status ({@code cuda[1]}) and its backend instance. */
    public record Device(String label, Kernels kernels) {
    }

    /** A participant as it stands: its measured rate (NaN until measured), its share of the next split MSM, why it is out. */
    public record Share(String label, double scalarsPerSecond, double fraction, String unhealthy) {
    }

    private final List<Device> devices;
    private final CpuKernels cpu;
    private final int splitMin;
    private final MsmShares shares;
    private final String[] unhealthy;
    private final long[] fallbacksAtOpen;
    private final AtomicLong fallbacks = new AtomicLong();
    private final ExecutorService drivers;
    /** Handles of this instance not yet closed: {@link #close()} closes them with the devices. */
    private final Set<MultiDeviceMsmBases> handles = ConcurrentHashMap.newKeySet();

    /** Over at least one device and the cpu backend, with rates of its own; this instance closes them all. */
    public MultiDeviceKernels(List<Device> devices, CpuKernels cpu, int splitMin) {
        this(devices, cpu, splitMin, new MsmShares(devices.size() + 1));
    }

    /**
     * Over at least one device and the cpu backend (the last participant of {@code shares}), splitting by
     * {@code shares}, whose rates other jobs over the same devices may share ({@link MultiDeviceOpener});
     * this instance closes the devices and the cpu backend.
     */
    MultiDeviceKernels(List<Device> devices, CpuKernels cpu, int splitMin, MsmShares shares) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device");
        }
        if (shares.participants() != devices.size() + 1) {
            throw new IllegalArgumentException(shares.participants() + " shares for " + devices.size() + " devices and the cpu");
        }
        this.devices = List.copyOf(devices);
        this.cpu = cpu;
        this.splitMin = Math.max(1, splitMin);
        this.shares = shares;
        this.unhealthy = new String[devices.size() + 1];
        this.fallbacksAtOpen = new long[devices.size()];
        for (int i = 0; i < devices.size(); i++) {
            fallbacksAtOpen[i] = devices.get(i).kernels().fallbacks();
        }
        this.drivers = DaemonThreads.cachedPool("msm-split");
    }

    private Kernels primary() {
        return devices.get(0).kernels();
    }

    private Kernels participant(int i) {
        return i < devices.size() ? devices.get(i).kernels() : cpu;
    }

    /** Device i's label ({@code cuda[1]}). */
    String deviceLabel(int i) {
        return label(i);
    }

    private String label(int i) {
        return i < devices.size() ? devices.get(i).label() : "cpu";
    }

    /** Every participant now, the devices in order and the cpu last. */
    public List<Share> shares() {
        refreshHealth();
        double[] f = shares.fractions();
        List<Share> list = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            list.add(new Share(label(i), shares.rate(i), f[i], unhealthyReason(i)));
        }
        return list;
    }

    private synchronized String unhealthyReason(int i) {
        return unhealthy[i];
    }

    private synchronized void markUnhealthy(int i, String reason, Throwable cause) {
        if (unhealthy[i] == null) {
            unhealthy[i] = reason;
            shares.markUnhealthy(i);
            LOG.warn("{}: {}; it takes no further share of MSMs (the other devices and the cpu take them)", label(i), reason, cause);
        }
    }

    /** A device that fell back on its own since it opened (an NTT, say) is out of the split too. */
    private void refreshHealth() {
        for (int i = 0; i < devices.size(); i++) {
            long f = devices.get(i).kernels().fallbacks();
            if (f > fallbacksAtOpen[i] && shares.isHealthy(i)) {
                markUnhealthy(i, "it ran " + (f - fallbacksAtOpen[i]) + " operation(s) on the cpu after a device failure", null);
            }
        }
    }

    // ---- MSM ----

    @Override
    public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        msm(MsmCall.of(MsmBases.Group.G1, bases, basesOff, scalars, scalarsOff, count, density), out, outOff);
    }

    @Override
    public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        msm(MsmCall.of(MsmBases.Group.G2, bases, basesOff, scalars, scalarsOff, count, density), out, outOff);
    }

    // ---- MSM bases: a handle on every device, the host range for the cpu ----

    @Override
    public MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
        return prepare(new HostMsmBases(MsmBases.Group.G1, bases, basesOff, count));
    }

    @Override
    public MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
        return prepare(new HostMsmBases(MsmBases.Group.G2, bases, basesOff, count));
    }

    /** Each healthy device prepares the whole set; one that throws is marked unhealthy and runs no share. */
    private MsmBases prepare(HostMsmBases host) {
        refreshHealth();
        MsmBases[] per = new MsmBases[devices.size()];
        for (int i = 0; i < per.length; i++) {
            if (!shares.isHealthy(i)) {
                continue;
            }
            Kernels k = participant(i);
            try {
                per[i] = host.group() == MsmBases.Group.G1 ? k.prepareMsmBasesG1(host.array(), host.offsetOf(0), host.count())
                        : k.prepareMsmBasesG2(host.array(), host.offsetOf(0), host.count());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw e; // cannot happen: the host range was checked
            } catch (RuntimeException e) {
                markUnhealthy(i, "preparing MSM bases failed: " + e, e);
            }
        }
        MultiDeviceMsmBases h = new MultiDeviceMsmBases(this, host, per);
        handles.add(h);
        return h;
    }

    @Override
    public void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        msmOn(MsmBases.Group.G1, bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
    }

    @Override
    public void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        msmOn(MsmBases.Group.G2, bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
    }

    /** A call on this instance's handle (each device's range on its own handle) or on a {@link HostMsmBases} (the array MSM). */
    private void msmOn(MsmBases.Group g, MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count,
                       long[] density, long[] out, int outOff) {
        if (bases instanceof HostMsmBases h) {
            MsmBases.checkCall(h, g, baseStart, scalars, scalarsOff, count, density, out, outOff);
            msm(MsmCall.of(g, h.array(), h.offsetOf(baseStart), scalars, scalarsOff, count, density), out, outOff);
            return;
        }
        if (!(bases instanceof MultiDeviceMsmBases m) || m.owner != this) {
            throw new IllegalArgumentException("msm" + g + ": bases prepared by another backend instance (" + bases + ")");
        }
        MsmBases.checkCall(m, g, baseStart, scalars, scalarsOff, count, density, out, outOff);
        m.begin(); // the device handles stay open until the call ends
        try {
            msm(new MsmCall(g, m.host.array(), m.host.offsetOf(baseStart), m, baseStart, scalars, scalarsOff, count, density),
                    out, outOff);
        } finally {
            m.end();
        }
    }

    /** Participant i's partial sum: on its handle for a call on a handle, else the array MSM. */
    private long[] runOn(int i, MsmCall c) {
        MsmBases b = c.handle() == null || i == devices.size() ? null : c.handle().onDevice(i);
        return c.runOn(participant(i), b);
    }

    private void msm(MsmCall c, long[] out, int outOff) {
        // the whole call's checks first, with MsmTerms' messages (a range would name its own indices); a base
        // outside the array is left to the ranges, since only a selected base with a nonzero scalar must exist
        if (c.count() < 0 || c.scalarsOff() < 0 || (long) c.scalarsOff() + 4L * c.count() > c.scalars().length) {
            throw new IndexOutOfBoundsException("msm: " + c.count() + " scalars do not fit at offset " + c.scalarsOff());
        }
        if (c.density() != null && c.density().length < (c.count() + 63) / 64) {
            throw new IndexOutOfBoundsException("msm: the density bitmap covers fewer than " + c.count() + " scalars");
        }
        if (outOff < 0 || outOff + c.limbs() > out.length) {
            throw new IndexOutOfBoundsException("msm: no room for the result at offset " + outOff);
        }
        for (int i = 0; i < c.count(); i++) {
            boolean selected = c.density() == null || (c.density()[i >>> 6] >>> (i & 63) & 1) != 0;
            if (selected && !FrOps.isReduced(c.scalars(), c.scalarsOff() + 4 * i)) {
                throw new IllegalArgumentException("msm: scalar " + i + " is not below r");
            }
        }
        refreshHealth();
        if (c.count() < splitMin) {
            int i = firstHealthy();
            long[] part = i == devices.size() ? runOn(i, c) : runOrFallBack(i, c, false);
            System.arraycopy(part, 0, out, outOff, c.limbs());
            return;
        }
        int[] b = shares.plan(c.count());
        List<Future<long[]>> running = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            if (b[i + 1] > b[i]) {
                int d = i;
                MsmCall r = c.range(b[i], b[i + 1]);
                running.add(drivers.submit(() -> runOrFallBack(d, r, true)));
            }
        }
        List<long[]> parts = new ArrayList<>();
        int last = devices.size();
        if (b[last + 1] > b[last]) {
            parts.add(timed(last, c.range(b[last], b[last + 1]), true));
        }
        RuntimeException argumentError = null;
        for (Future<long[]> f : running) {
            try {
                parts.add(await(f));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                argumentError = argumentError == null ? e : argumentError;
            }
        }
        if (argumentError != null) {
            throw argumentError;
        }
        c.sum(parts, out, outOff);
    }

    private int firstHealthy() {
        for (int i = 0; i < devices.size(); i++) {
            if (shares.isHealthy(i)) {
                return i;
            }
        }
        return devices.size();
    }

    /**
     * A range on participant i, its rate recorded when {@code measure}. A device that ran it on its own cpu
     * fallback (its {@code fallbacks()} rose) is marked unhealthy; the result is right either way.
     */
    private long[] timed(int i, MsmCall r, boolean measure) {
        Kernels k = participant(i);
        long before = k.fallbacks();
        long t0 = System.nanoTime();
        long[] part = runOn(i, r);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (k.fallbacks() > before) {
            markUnhealthy(i, "its MSM ran on the cpu after a device failure", null);
        } else if (measure) {
            shares.record(i, r.count(), seconds);
        }
        return part;
    }

    /** Device i's range, redone on the cpu backend (and counted) when the device throws. */
    private long[] runOrFallBack(int i, MsmCall r, boolean measure) {
        try {
            return timed(i, r, measure);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw e;
        } catch (RuntimeException e) {
            markUnhealthy(i, "msm" + r.g() + " failed: " + e, e);
            fallbacks.incrementAndGet();
            DeviceKernels.countFallback();
            return r.runOn(cpu, null);
        }
    }

    /** The result of a device's range; waits through interrupts (the range writes only its own array). */
    private static long[] await(Future<long[]> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- everything else: the first device ----

    @Override
    public String backendName() {
        return primary().backendName();
    }

    @Override
    public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
        primary().sha256Trunc254Pairs(in, inOff, out, outOff, count);
    }

    @Override
    public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
        primary().poseidonHashBatch(arity, in, inOff, out, outOff, count);
    }

    @Override
    public void poseidonTree(int arity, long[] leaves, int leavesOff, int leafCount, int levels, long[] out, int outOff) {
        primary().poseidonTree(arity, leaves, leavesOff, leafCount, levels, out, outOff);
    }

    @Override
    public void sha256Tree(byte[] leaves, int leavesOff, int leafCount, int levels, byte[] out, int outOff) {
        primary().sha256Tree(leaves, leavesOff, leafCount, levels, out, outOff);
    }

    @Override
    public void nttFr(long[] a, int off, int logN) {
        primary().nttFr(a, off, logN);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        primary().inttFr(a, off, logN);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        primary().cosetNttFr(a, off, logN);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        primary().icosetNttFr(a, off, logN);
    }

    @Override
    public void quotientFr(long[] a, long[] b, long[] c, int logN) {
        primary().quotientFr(a, b, c, logN);
    }

    /** This instance's own fallbacks (ranges redone on the cpu) and those of its devices. */
    @Override
    public long fallbacks() {
        long f = fallbacks.get();
        for (Device d : devices) {
            f += d.kernels().fallbacks();
        }
        return f;
    }

    /** A handle of this instance closed. */
    void forget(MultiDeviceMsmBases h) {
        handles.remove(h);
    }

    @Override
    public void close() {
        drivers.shutdown();
        for (MultiDeviceMsmBases h : new ArrayList<>(handles)) {
            h.close();
        }
        RuntimeException failure = null;
        for (Device d : devices) {
            try {
                d.kernels().close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        cpu.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** The participants' shares in one line, for logs and status: {@code cuda[0] 48% (2.1e+07/s), ..., cpu 3% (...)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", backendName() + " split MSM: ", "");
        for (Share s : shares()) {
            String rate = Double.isNaN(s.scalarsPerSecond()) ? "not measured" : String.format(Locale.ROOT, "%.3g/s", s.scalarsPerSecond());
            j.add(s.label() + " " + Math.round(100 * s.fraction()) + "% (" + rate
                    + (s.unhealthy() == null ? "" : "; unhealthy: " + s.unhealthy()) + ")");
        }
        return j.toString();
    }
}
