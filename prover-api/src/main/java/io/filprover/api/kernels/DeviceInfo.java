package io.filprover.api.kernels;

import java.util.Locale;

/**
 * One device a backend found on this machine, for {@code filprover backends}: its index (the number a
 * device selection such as {@code --devices 0,2} names), name, platform or driver, total memory,
 * whether the backend uses it now, and why it cannot be used when it cannot ({@code unusable}, null
 * when it can).
 */
public record DeviceInfo(int index, String name, String platform, long memoryBytes, boolean selected, String unusable) {

    /** Whether the backend could use this device (a selection may still leave it out). */
    public boolean usable() {
        return unusable == null;
    }

    /** One line: {@code [0] NVIDIA H200 (CUDA 13.0, sm_90), 143771 MiB, selected}. */
    public String describe() {
        String state = unusable != null ? "unusable: " + unusable : selected ? "selected" : "not selected";
        return String.format(Locale.ROOT, "[%d] %s (%s), %d MiB, %s", index, name, platform, memoryBytes >> 20, state);
    }
}
