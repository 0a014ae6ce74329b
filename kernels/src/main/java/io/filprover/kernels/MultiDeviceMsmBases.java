package io.filprover.kernels;

import io.filprover.api.kernels.HostMsmBases;
import io.filprover.api.kernels.MsmBases;

import java.util.StringJoiner;

/**
 * A {@link MultiDeviceKernels}' MSM bases: one handle per device on the whole set (the split moves with
 * the measured shares, so any device may get any range of the bases from one call to the next) and the
 * host range, which the cpu's share and a failed device's range use. A device whose handle could not be
 * made runs its ranges as array MSMs on the host range. Closing waits for no call: the device handles
 * are closed when the last call running on this handle ends.
 */
final class MultiDeviceMsmBases implements MsmBases {
    final MultiDeviceKernels owner;
    final HostMsmBases host;
    private final MsmBases[] perDevice;
    private int running;
    private boolean closed;

    MultiDeviceMsmBases(MultiDeviceKernels owner, HostMsmBases host, MsmBases[] perDevice) {
        this.owner = owner;
        this.host = host;
        this.perDevice = perDevice;
    }

    /** Device i's handle, or null: its ranges run on the host range. */
    MsmBases onDevice(int i) {
        return perDevice[i];
    }

    @Override
    public Group group() {
        return host.group();
    }

    @Override
    public int count() {
        return host.count();
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Marks a call running on the handle (the device handles stay open until it {@link #release()}s). */
    synchronized void acquire() {
        if (closed) {
            throw new IllegalStateException("msm" + group() + ": the bases' handle is closed");
        }
        running++;
    }

    synchronized void release() {
        if (--running == 0 && closed) {
            closeDevices();
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
                closeDevices();
            }
        }
        owner.forget(this);
    }

    private void closeDevices() {
        for (MsmBases b : perDevice) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Override
    public synchronized String toString() {
        StringJoiner j = new StringJoiner("; ", count() + " " + group() + " bases split over devices: ", closed ? " (closed)" : "");
        for (int i = 0; i < perDevice.length; i++) {
            j.add(owner.deviceLabel(i) + " " + (perDevice[i] == null ? "the host range" : perDevice[i]));
        }
        return j.toString();
    }
}
