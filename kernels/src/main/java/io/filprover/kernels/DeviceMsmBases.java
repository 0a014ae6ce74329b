package io.filprover.kernels;

import io.filprover.api.kernels.HostMsmBases;

/**
 * A {@link DeviceKernels} instance's MSM bases: the caller's host range (always: the cpu fallback reads
 * it, and the host drops infinity bases from it) and, where the bases fit the device's budget for kept
 * bases, a device buffer holding the same points, uploaded once. Without the buffer ({@link #onDevice()}
 * false, the reason in {@link #toString()}) each call packs and uploads its chunks' bases as the array MSM
 * does. Calls may run on several threads at once; {@link #close()} frees the buffer when the last running
 * call is done.
 */
public final class DeviceMsmBases extends SharedMsmBases {
    final DeviceKernels owner;
    private final String keptOnHostBecause;
    private final long deviceBytes;
    private MsmHost.DeviceBases device;

    DeviceMsmBases(DeviceKernels owner, HostMsmBases host, MsmHost.DeviceBases device, String keptOnHostBecause) {
        super(host);
        this.owner = owner;
        this.device = device;
        this.deviceBytes = device == null ? 0 : device.bytes();
        this.keptOnHostBecause = keptOnHostBecause;
    }

    /** Whether the bases are kept in device memory (else each call uploads its chunks' bases). */
    public synchronized boolean onDevice() {
        return device != null;
    }

    /** The device buffer (null: kept on the host) for one call, which must {@link #end()} it. */
    synchronized MsmHost.DeviceBases acquire() {
        begin();
        return device;
    }

    @Override
    void freeResources() {
        if (device != null) {
            MsmHost.DeviceBases d = device;
            device = null;
            owner.keptBases().free(this, d);
        }
    }

    @Override
    void forget() {
        owner.keptBases().forget(this);
    }

    @Override
    public synchronized String toString() {
        String where = keptOnHostBecause == null ? "kept on the " + owner.backendName() + " device (" + (deviceBytes >> 20) + " MiB)"
                : "kept on the host, each call uploading its chunks' bases: " + keptOnHostBecause;
        return count() + " " + group() + " bases " + where + closedSuffix();
    }
}
