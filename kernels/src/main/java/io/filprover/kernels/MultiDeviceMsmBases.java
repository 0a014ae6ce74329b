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
final class MultiDeviceMsmBases extends SharedMsmBases {
    final MultiDeviceKernels owner;
    private final MsmBases[] perDevice;

    MultiDeviceMsmBases(MultiDeviceKernels owner, HostMsmBases host, MsmBases[] perDevice) {
        super(host);
        this.owner = owner;
        this.perDevice = perDevice;
    }

    /** Device i's handle, or null: its ranges run on the host range. */
    MsmBases onDevice(int i) {
        return perDevice[i];
    }

    @Override
    void freeResources() {
        for (MsmBases b : perDevice) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Override
    void forget() {
        owner.forget(this);
    }

    @Override
    public synchronized String toString() {
        StringJoiner j = new StringJoiner("; ", count() + " " + group() + " bases split over devices: ", closedSuffix());
        for (int i = 0; i < perDevice.length; i++) {
            j.add(owner.deviceLabel(i) + " " + (perDevice[i] == null ? "the host range" : perDevice[i]));
        }
        return j.toString();
    }
}
