package io.filprover.kernels;

import io.filprover.api.kernels.HostMsmBases;
import io.filprover.api.kernels.MsmBases;

/**
 * A {@link DeviceKernels} instance's MSM bases: the caller's host range (always: the cpu fallback reads
 * it, and the host drops infinity bases from it) and, where the bases fit the device's budget for kept
 * bases, a device buffer holding the same points, uploaded once. Without the buffer ({@link #onDevice()}
 * false, the reason in {@link #toString()}) each call packs and uploads its chunks' bases as the array MSM
 * does. Calls may run on several threads at once; {@link #close()} frees the buffer when the last running
 * call is done.
 */
public final class DeviceMsmBases implements MsmBases {
    final DeviceKernels owner;
    final HostMsmBases host;
    private final String keptOnHostBecause;
    private final long deviceBytes;
    private MsmHost.DeviceBases device;
    private int running;
    private boolean closed;

    DeviceMsmBases(DeviceKernels owner, HostMsmBases host, MsmHost.DeviceBases device, String keptOnHostBecause) {
        this.owner = owner;
        this.host = host;
        this.device = device;
        this.deviceBytes = device == null ? 0 : device.bytes();
        this.keptOnHostBecause = keptOnHostBecause;
    }

    @Override
    public Group group() {
        return host.group();
    }

    @Override
    public int count() {
        return host.count();
    }

    /** Whether the bases are kept in device memory (else each call uploads its chunks' bases). */
    public synchronized boolean onDevice() {
        return device != null;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The device buffer (null: kept on the host) for one call, which must {@link #release()} it. */
    synchronized MsmHost.DeviceBases acquire() {
        if (closed) {
            throw new IllegalStateException("msm" + group() + ": the bases' handle is closed");
        }
        running++;
        return device;
    }

    synchronized void release() {
        if (--running == 0 && closed) {
            free();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            host.close();
            if (running == 0) {
                free();
            }
        }
        owner.keptBases().forget(this);
    }

    private void free() {
        if (device != null) {
            MsmHost.DeviceBases d = device;
            device = null;
            owner.keptBases().free(this, d);
        }
    }

    @Override
    public synchronized String toString() {
        String where = keptOnHostBecause == null ? "kept on the " + owner.backendName() + " device (" + (deviceBytes >> 20) + " MiB)"
                : "kept on the host, each call uploading its chunks' bases: " + keptOnHostBecause;
        return count() + " " + group() + " bases " + where + (closed ? " (closed)" : "");
    }
}
