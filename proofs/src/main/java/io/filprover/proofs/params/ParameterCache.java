package io.filprover.proofs.params;

import io.filprover.proofs.groth16.params.MappedParameters;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.groth16.params.ParametersFormat;
import io.filprover.proofs.groth16.params.VerifyingKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The Groth16 parameter cache directory as rust-fil-proofs lays it out (storage-proofs-core
 * {@code settings.rs}, {@code parameter_cache.rs}): {@code $FIL_PROOFS_PARAMETER_CACHE}, else
 * {@code /var/tmp/filecoin-proof-parameters/}, holding {@code v28-<stem>.params}, {@code .vk} and
 * {@code .meta} per circuit. So a directory Lotus' paramfetch filled serves filprover unchanged.
 *
 * <p>Parameters are memory-mapped once per file and process and shared by every proof that leases
 * them ({@link #parameters}); the mapping is dropped when the last lease is closed. A file that was
 * replaced (other size or modification time) is mapped afresh.
 */
public final class ParameterCache {
    /** The variable rust-fil-proofs reads (config crate, prefix FIL_PROOFS, field parameter_cache). */
    public static final String ENV_VAR = "FIL_PROOFS_PARAMETER_CACHE";
    /** settings.rs default. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/var/tmp/filecoin-proof-parameters/");

    private static final Map<FileKey, Shared> MAPPED = new HashMap<>();
    private static final Map<FileKey, VerifyingKey> KEYS = new HashMap<>();

    private final Path dir;

    public ParameterCache(Path dir) {
        this.dir = dir;
    }

    /** The cache of this process' environment. */
    public static ParameterCache fromEnvironment() {
        return new ParameterCache(directory(System.getenv()));
    }

    /** The directory {@code env} selects: {@link #ENV_VAR} when set and not empty, else the default. */
    public static Path directory(Map<String, String> env) {
        String v = env.get(ENV_VAR);
        return v == null || v.isBlank() ? DEFAULT_DIRECTORY : Path.of(v);
    }

    public Path directory() {
        return dir;
    }

    public Path paramsPath(CircuitIdentifier id) {
        return dir.resolve(id.paramsFile());
    }

    public Path vkPath(CircuitIdentifier id) {
        return dir.resolve(id.vkFile());
    }

    public Path metaPath(CircuitIdentifier id) {
        return dir.resolve(id.metaFile());
    }

    /**
     * The verifying key of {@code proof}'s circuit, read checked (subgroups included) once per file.
     *
     * @throws ParametersNotFoundException "verifying key not found: &lt;file name&gt;"
     */
    public VerifyingKey verifyingKey(RegisteredProof proof) throws IOException {
        CircuitIdentifier id = CircuitIdentifiers.of(proof);
        Path path = vkPath(id);
        FileKey key = FileKey.of(path);
        if (key == null) {
            throw ParametersNotFoundException.verifyingKey(id.vkFile());
        }
        synchronized (KEYS) {
            VerifyingKey vk = KEYS.get(key);
            if (vk == null) {
                vk = ParametersFormat.readVerifyingKey(path);
                KEYS.keySet().removeIf(k -> k.path.equals(key.path)); // an older version of the file
                KEYS.put(key, vk);
            }
            return vk;
        }
    }

    /**
     * Leases {@code proof}'s mapped {@code .params} (opened unchecked, as rust-fil-proofs opens
     * them: run {@code params verify} for the subgroup checks). Close the lease when done.
     *
     * @throws ParametersNotFoundException "parameters not found: &lt;file name&gt; (run: …)"
     */
    public Lease parameters(RegisteredProof proof) throws IOException {
        CircuitIdentifier id = CircuitIdentifiers.of(proof);
        Path path = paramsPath(id);
        FileKey key = FileKey.of(path);
        if (key == null) {
            throw ParametersNotFoundException.parameters(id.paramsFile(), proof);
        }
        synchronized (MAPPED) {
            Shared s = MAPPED.get(key);
            if (s == null) {
                s = new Shared(key, MappedParameters.open(path, false));
                MAPPED.put(key, s);
            }
            s.refs++;
            return new Lease(s);
        }
    }

    /** Files mapped now, process-wide (tests and diagnostics). */
    public static int mappedFileCount() {
        synchronized (MAPPED) {
            return MAPPED.size();
        }
    }

    /** A file by its real path, size and modification time: a replaced file is a new key. */
    private record FileKey(Path path, long size, long modified) {
        static FileKey of(Path p) throws IOException {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            Path real = p.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return new FileKey(real, a.size(), a.lastModifiedTime().toMillis());
        }
    }

    private static final class Shared {
        final FileKey key;
        final MappedParameters params;
        int refs;

        Shared(FileKey key, MappedParameters params) {
            this.key = key;
            this.params = params;
        }
    }

    /**
     * A share of one mapped parameter file; every lease of the same file sees the same mapping.
     * Closing it twice is harmless. Vector getters decode on each call (see MappedParameters).
     */
    public static final class Lease implements ParameterSource, AutoCloseable {
        private final Shared shared;
        private boolean closed;

        private Lease(Shared shared) {
            this.shared = shared;
        }

        /** The shared mapping itself (the same object for every lease of one file). */
        public MappedParameters mapped() {
            check();
            return shared.params;
        }

        public Path path() {
            return shared.key.path;
        }

        @Override
        public void close() {
            synchronized (MAPPED) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.refs == 0) {
                    // the buffers are unmapped when collected; nothing else holds them
                    MAPPED.remove(shared.key, shared);
                }
            }
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("parameter lease of " + shared.key.path + " is closed");
            }
        }

        @Override public VerifyingKey verifyingKey() { check(); return shared.params.verifyingKey(); }
        @Override public long[] h() { check(); return shared.params.h(); }
        @Override public long[] l() { check(); return shared.params.l(); }
        @Override public long[] a() { check(); return shared.params.a(); }
        @Override public long[] bG1() { check(); return shared.params.bG1(); }
        @Override public long[] bG2() { check(); return shared.params.bG2(); }
        @Override public int hCount() { return shared.params.hCount(); }
        @Override public int lCount() { return shared.params.lCount(); }
        @Override public int aCount() { return shared.params.aCount(); }
        @Override public int bG1Count() { return shared.params.bG1Count(); }
        @Override public int bG2Count() { return shared.params.bG2Count(); }
    }
}
