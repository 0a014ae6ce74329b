package io.filprover.api.kernels;

/** Whether a backend can run on this machine, with a human-readable reason or device description. */
public record Availability(boolean available, String detail) {
    public static Availability yes(String device) {
        return new Availability(true, device);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
