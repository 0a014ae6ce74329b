package io.filprover.proofs.sdr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digests of the production parent caches as published by upstream in
 * {@code storage-proofs-porep/parent_cache.json} (shipped here as a resource, byte-identical).
 * Keys are file names without the {@code .cache} extension.
 */
public final class ParentCacheManifest {
    private static final String RESOURCE = "/io/filprover/proofs/sdr/parent_cache.json";
    private static final Pattern ENTRY = Pattern.compile("\"(v\\d+-sdr-parent-[0-9a-f]{64})\"\\s*:\\s*\\{([^}]*)\\}");
    private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern SIZE = Pattern.compile("\"sector_size\"\\s*:\\s*(\\d+)");

    /** One manifest entry. */
    public static final class Entry {
        private final long sectorSize;
        private final String digest;

        Entry(long sectorSize, String digest) {
            this.sectorSize = sectorSize;
            this.digest = digest;
        }

        public long sectorSize() {
            return sectorSize;
        }

        /** Lower-case hex SHA-256 of the whole cache file. */
        public String digest() {
            return digest;
        }
    }

    private static final Map<String, Entry> ENTRIES = load();

    private ParentCacheManifest() {
    }

    /** All entries, keyed by file name without extension. */
    public static Map<String, Entry> entries() {
        return ENTRIES;
    }

    /** The entry for a cache file name (with or without the {@code .cache} extension). */
    public static Optional<Entry> lookup(String fileName) {
        String key = fileName.endsWith(".cache") ? fileName.substring(0, fileName.length() - 6) : fileName;
        return Optional.ofNullable(ENTRIES.get(key));
    }

    static Map<String, Entry> parse(String json) {
        Map<String, Entry> map = new HashMap<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            Matcher d = DIGEST.matcher(m.group(2));
            Matcher s = SIZE.matcher(m.group(2));
            if (!d.find() || !s.find()) {
                throw new IllegalStateException("malformed parent_cache.json entry " + m.group(1));
            }
            map.put(m.group(1), new Entry(Long.parseLong(s.group(1)), d.group(1)));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, Entry> load() {
        try (InputStream in = ParentCacheManifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
