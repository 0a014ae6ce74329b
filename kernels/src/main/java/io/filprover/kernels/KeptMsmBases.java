package io.filprover.kernels;

import io.filprover.api.kernels.HostMsmBases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MSM bases one {@link DeviceKernels} instance keeps on its device: the handles not yet closed and
 * the device bytes their buffers hold, against the backend's budget ({@link DeviceKernels#basesFit}).
 */
final class KeptMsmBases {
    private static final Logger LOG = LoggerFactory.getLogger(KeptMsmBases.class);

    private final DeviceKernels owner;
    private final Set<DeviceMsmBases> open = ConcurrentHashMap.newKeySet();
    private long bytes;

    KeptMsmBases(DeviceKernels owner) {
        this.owner = owner;
    }

    /** A handle on the host range, with a device buffer of the same bases when they fit the budget and the upload succeeds. */
    DeviceMsmBases prepare(HostMsmBases host) {
        long need = 8L * host.group().pointLimbs * host.count();
        MsmHost.DeviceBases device = null;
        String why = null;
        if (host.count() == 0) {
            why = "no bases";
        } else if (owner.unhealthyReason() != null) {
            why = "the device failed before";
        } else if (!reserve(need)) {
            why = (need >> 20) + " MiB do not fit the device's budget for kept bases (" + (kept() >> 20)
                    + " MiB kept by this instance)";
        } else {
            try {
                device = owner.uploadBases(host.array(), host.offsetOf(0), host.group().pointLimbs * host.count());
            } catch (RuntimeException e) {
                unreserve(need);
                why = "the upload failed: " + e;
                LOG.warn("{} backend: {} bases kept on the host: {}", owner.backendName(), host.count(), e.toString(), e);
            }
        }
        DeviceMsmBases h = new DeviceMsmBases(owner, host, device, why);
        open.add(h);
        if (why != null && host.count() > 0) {
            LOG.info("{} backend: {}", owner.backendName(), h);
        } else {
            LOG.debug("{} backend: {}", owner.backendName(), h);
        }
        return h;
    }

    private synchronized boolean reserve(long need) {
        if (!owner.basesFit(need, bytes)) {
            return false;
        }
        bytes += need;
        return true;
    }

    private synchronized void unreserve(long n) {
        bytes -= n;
    }

    synchronized long kept() {
        return bytes;
    }

    /** Frees a closed handle's buffer; a driver that refuses (a broken device) is logged, not thrown. */
    void free(DeviceMsmBases h, MsmHost.DeviceBases d) {
        open.remove(h);
        unreserve(d.bytes());
        try {
            d.free();
        } catch (RuntimeException e) {
            LOG.warn("{} backend: freeing {} MiB of kept MSM bases failed: {}", owner.backendName(), d.bytes() >> 20, e.toString());
        }
    }

    void forget(DeviceMsmBases h) {
        open.remove(h);
    }

    /** Closes every handle still open (the backend closes): each frees its buffer now, or when a call still running on it ends. */
    void closeAll() {
        for (DeviceMsmBases h : new ArrayList<>(open)) {
            h.close();
        }
    }
}
