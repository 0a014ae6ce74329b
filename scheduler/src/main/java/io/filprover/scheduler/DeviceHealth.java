package io.filprover.scheduler;

import io.filprover.api.kernels.Backends;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's view of which backends still work: a job that failed with a device error (ErrorClass
 * DEVICE: BACKEND_UNAVAILABLE) marks the backend it ran on unhealthy, and later "auto" jobs on this
 * worker pick the next available one, the cpu last. The job itself is retried at once by the
 * coordinator (no backoff), so it runs on another device here or on another worker. The cpu is
 * never marked: it is the fallback of last resort.
 */
final class DeviceHealth {
    private final Backends backends;
    private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

    DeviceHealth(Backends backends) {
        this.backends = backends;
    }

    /** The backend a job asking for {@code requested} runs on: "auto" skips unhealthy ones. */
    String choose(String requested) {
        if (!requested.equals("auto")) {
            return requested;
        }
        for (Backends.Status s : backends.statuses()) {
            if (s.availability().available() && !unhealthy.contains(s.name())) {
                return s.name();
            }
        }
        return "auto";
    }

    void markUnhealthy(String backend) {
        if (!backend.equals("cpu") && !backend.equals("auto")) {
            unhealthy.add(backend);
        }
    }

    boolean healthy(String backend) {
        return !unhealthy.contains(backend);
    }
}
