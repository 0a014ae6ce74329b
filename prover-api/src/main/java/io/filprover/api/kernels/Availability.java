package io.filprover.api.kernels;

import java.util.List;

/**
 * Whether a backend can run on this machine, with a human-readable reason or device description, and
 * the devices it found (empty for the cpu backend and where none could be listed).
 */
public record Availability(boolean available, String detail, List<DeviceInfo> devices) {
    public Availability {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public Availability(boolean available, String detail) {
        this(available, detail, List.of());
    }

    public static Availability yes(String device) {
        return new Availability(true, device);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }

    public static Availability yes(String detail, List<DeviceInfo> devices) {
        return new Availability(true, detail, devices);
    }

    public static Availability no(String reason, List<DeviceInfo> devices) {
        return new Availability(false, reason, devices);
    }
}
