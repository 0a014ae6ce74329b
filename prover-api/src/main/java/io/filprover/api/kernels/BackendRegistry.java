package io.filprover.api.kernels;

import io.filprover.api.InvalidInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the backends with {@link ServiceLoader}, sorted by priority, and opens the one asked for
 * ({@code auto} picks the highest-priority available backend). Each backend is probed and opened
 * at most once per process; unavailable ones are logged once with their reason.
 */
public final class BackendRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);
    private static final ConcurrentHashMap<String, Kernels> OPEN = new ConcurrentHashMap<>();
    private static volatile List<Status> statuses;

    /** One backend as found on this machine. */
    public record Status(String name, int priority, Availability availability, KernelsProvider provider) {
    }

    private BackendRegistry() {
    }

    /** Every backend found, highest priority first, with its availability. */
    public static List<Status> statuses() {
        List<Status> s = statuses;
        if (s == null) {
            synchronized (BackendRegistry.class) {
                if (statuses == null) {
                    List<Status> found = new ArrayList<>();
                    for (KernelsProvider p : ServiceLoader.load(KernelsProvider.class, BackendRegistry.class.getClassLoader())) {
                        Availability a;
                        try {
                            a = p.probe();
                        } catch (RuntimeException | LinkageError e) {
                            a = Availability.no("probe failed: " + e);
                        }
                        if (!a.available()) {
                            LOG.info("backend {} unavailable: {}", p.name(), a.detail());
                        }
                        found.add(new Status(p.name(), p.priority(), a, p));
                    }
                    found.sort(Comparator.comparingInt(Status::priority).reversed());
                    statuses = List.copyOf(found);
                }
                s = statuses;
            }
        }
        return s;
    }

    /** Opens the named backend ({@code auto}, {@code cpu}, {@code cuda}, {@code opencl}). */
    public static Kernels open(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        List<Status> all = statuses();
        if (n.equals("auto")) {
            for (Status s : all) {
                if (s.availability().available()) {
                    return OPEN.computeIfAbsent(s.name(), k -> s.provider().open());
                }
            }
            throw new IllegalStateException("no kernels backend available; is cpu-fallback on the class path?");
        }
        for (Status s : all) {
            if (s.name().equals(n)) {
                if (!s.availability().available()) {
                    throw new InvalidInputException("backend", "backend " + n + " is unavailable: " + s.availability().detail());
                }
                return OPEN.computeIfAbsent(s.name(), k -> s.provider().open());
            }
        }
        List<String> names = new ArrayList<>();
        all.forEach(s -> names.add(s.name()));
        throw new InvalidInputException("backend", "unknown backend '" + name + "'; known: auto, " + String.join(", ", names));
    }

    /** The automatically chosen backend. */
    public static Kernels auto() {
        return open("auto");
    }
}
