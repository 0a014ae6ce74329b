package io.filprover.api.kernels;

import io.filprover.api.BackendUnavailableException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.job.WorkerPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends found with {@link ServiceLoader}, probed once when discovered and sorted by
 * priority; opens instances of the one asked for ({@code auto} picks the highest-priority
 * available backend). Unavailable backends are logged once, with their reason, at discovery.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private final List<Status> statuses;

    /** One backend as found on this machine. */
    public record Status(String name, int priority, Availability availability, KernelsProvider provider) {
    }

    private Backends(List<Status> statuses) {
        this.statuses = List.copyOf(statuses);
    }

    /** Finds and probes every backend on the class path. */
    public static Backends discover() {
        List<KernelsProvider> providers = new ArrayList<>();
        ServiceLoader.load(KernelsProvider.class, Backends.class.getClassLoader()).forEach(providers::add);
        Backends b = of(providers);
        for (Status s : b.statuses) {
            if (!s.availability().available()) {
                LOG.info("backend {} unavailable: {}", s.name(), s.availability().detail());
            }
        }
        return b;
    }

    /** These providers only, probed now (tests, embedding); the highest priority first. */
    public static Backends of(List<KernelsProvider> providers) {
        List<Status> found = new ArrayList<>();
        for (KernelsProvider p : providers) {
            Availability a;
            try {
                a = p.probe();
            } catch (RuntimeException | LinkageError e) {
                a = Availability.no("probe failed: " + e);
            }
            found.add(new Status(p.name(), p.priority(), a, p));
        }
        found.sort(Comparator.comparingInt(Status::priority).reversed());
        return new Backends(found);
    }

    /** Every backend found, highest priority first, with its availability. */
    public List<Status> statuses() {
        return statuses;
    }

    /**
     * Checks a backend name ({@code auto}, {@code cpu}, {@code cuda}, {@code opencl}) and returns
     * the backend it resolves to, without opening it.
     *
     * @throws InvalidInputException        for a name no provider has
     * @throws BackendUnavailableException  for a known backend that cannot run here
     */
    public Status resolve(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("auto")) {
            for (Status s : statuses) {
                if (s.availability().available()) {
                    return s;
                }
            }
            throw new BackendUnavailableException("backend", "no kernels backend available; is cpu-fallback on the class path?");
        }
        for (Status s : statuses) {
            if (s.name().equals(n)) {
                if (!s.availability().available()) {
                    throw new BackendUnavailableException("backend", "backend " + n + " is unavailable: " + s.availability().detail());
                }
                return s;
            }
        }
        List<String> names = new ArrayList<>();
        statuses.forEach(s -> names.add(s.name()));
        throw new InvalidInputException("backend", "unknown backend '" + name + "'; known: auto, " + String.join(", ", names));
    }

    /** Opens an instance of the named backend whose host-side work runs on {@code pool}; the caller closes it. */
    public Kernels open(String name, WorkerPool pool) {
        return resolve(name).provider().open(pool);
    }
}
