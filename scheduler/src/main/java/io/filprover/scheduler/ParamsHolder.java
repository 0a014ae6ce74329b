package io.filprover.scheduler;

import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>It also tells each file's tier for the reports ({@link #files}): hot while held, warm while
 * only running jobs map it ({@link #using}), cold while it only lies in the cache directory. The
 * mapping is all that "loaded" means here: a .params file is never copied into the heap whole
 * (MappedParameters decodes one vector at a time), so hot and warm differ in how long the mapping
 * lives, not in where the bytes are.
 */
final class ParamsHolder {
    private static final Logger LOG = LoggerFactory.getLogger(ParamsHolder.class);

    /** Loads one parameter file by name; closing the result lets it go. */
    @FunctionalInterface
    interface Loader {
        AutoCloseable load(String fileName) throws IOException;
    }

    /** A running job's use of a parameter file; closing it ends the use. */
    interface Use extends AutoCloseable {
        @Override
        void close();
    }

    private final Loader loader;
    /** The cache directory (cold files and every file's size), or null: none known (tests). */
    private final Path directory;
    private final Map<String, AutoCloseable> held = new ConcurrentHashMap<>();
    private final Map<String, Integer> inUse = new ConcurrentHashMap<>();

    ParamsHolder(Loader loader) {
        this(loader, null);
    }

    ParamsHolder(Loader loader, Path directory) {
        this.loader = loader;
        this.directory = directory;
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
        }, cache.directory());
    }

    /** The files held now, sorted. */
    Set<String> hot() {
        return new TreeSet<>(held.keySet());
    }

    /** A running job maps {@code name} until the answer is closed (warm, unless it is also held). */
    Use using(String name) {
        inUse.merge(name, 1, Integer::sum);
        return new Use() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    inUse.computeIfPresent(name, (k, n) -> n == 1 ? null : n - 1);
                }
            }
        };
    }

    /**
     * Every parameter file this worker knows, sorted by name, with its tier and size: the held ones
     * (hot), the ones only running jobs map (warm), and the other {@code .params} files of the cache
     * directory (cold). A file missing from the directory counts 0 bytes.
     */
    List<ParamFile> files() {
        Set<String> names = new TreeSet<>(held.keySet());
        names.addAll(inUse.keySet());
        names.addAll(onDisk());
        List<ParamFile> out = new ArrayList<>();
        for (String name : names) {
            ParamTier tier = held.containsKey(name) ? ParamTier.PARAM_TIER_HOT
                    : inUse.containsKey(name) ? ParamTier.PARAM_TIER_WARM : ParamTier.PARAM_TIER_COLD;
            out.add(ParamFile.newBuilder().setName(name).setTier(tier).setBytes(size(name)).build());
        }
        return out;
    }

    private List<String> onDisk() {
        List<String> out = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.params")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    out.add(f.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list the parameter cache {}: {}", directory, e.toString());
        }
        return out;
    }

    private long size(String name) {
        if (directory == null || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return 0; // only file names of the cache directory itself
        }
        try {
            Path f = directory.resolve(name);
            return Files.isRegularFile(f) ? Files.size(f) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
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
