package io.filprover.scheduler;

import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.RegisteredProof;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parameter files a worker keeps loaded between jobs (AdminService PreloadParams/EvictParams):
 * each is held by a lease of the process-wide {@link ParameterCache} mapping, so it stays mapped
 * (hot) while held; evicting closes the lease, and the mapping goes once no job holds it. The
 * worker reports what it holds in each heartbeat; placement prefers it for jobs that load them.
 * SEAL_C2 jobs lease their circuit's file from the same cache, so a held file is not mapped again.
 */
final class ParamsHolder {
    private static final Logger LOG = LoggerFactory.getLogger(ParamsHolder.class);

    /** Loads one parameter file by name; closing the result lets it go. */
    @FunctionalInterface
    interface Loader {
        AutoCloseable load(String fileName) throws IOException;
    }

    private final Loader loader;
    private final Map<String, AutoCloseable> held = new ConcurrentHashMap<>();

    ParamsHolder(Loader loader) {
        this.loader = loader;
    }

    /** Holds files of {@code cache} (its mapping), found by their parameters.json file name. */
    static ParamsHolder of(ParameterCache cache) {
        return new ParamsHolder(name -> {
            for (RegisteredProof p : RegisteredProof.all()) {
                if (CircuitIdentifiers.of(p).paramsFile().equals(name)) {
                    return cache.parameters(p);
                }
            }
            throw new IOException("no circuit has the parameter file " + name);
        });
    }

    /** The files held now, sorted. */
    Set<String> hot() {
        return new TreeSet<>(held.keySet());
    }

    synchronized void preload(String name) {
        if (held.containsKey(name)) {
            return;
        }
        try {
            held.put(name, loader.load(name));
            LOG.info("parameters {} loaded and held", name);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot preload parameters {}: {}", name, e.toString());
        }
    }

    synchronized void evict(String name) {
        AutoCloseable c = held.remove(name);
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("evicting parameters {}: {}", name, e.toString());
            }
            LOG.info("parameters {} evicted", name);
        }
    }

    synchronized void evictAll() {
        for (String name : hot()) {
            evict(name);
        }
    }
}
