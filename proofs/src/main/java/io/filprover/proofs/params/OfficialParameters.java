package io.filprover.proofs.params;

import io.filprover.api.Hex;
import io.filprover.proofs.hash.Blake2b;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rust-fil-proofs' {@code parameters.json} (a copy in this module's resources, provenance in
 * {@code PROVENANCE.md} next to it): the official parameter and verifying-key files of every
 * registered circuit with their CID, digest and sector size.
 */
public final class OfficialParameters {
    /** One entry: the file's IPFS CID, its digest (see {@link #digest(Path)}) and the sector size. */
    public record Entry(String name, String cid, String digest, long sectorSize) {
    }

    private static final String RESOURCE = "parameters.json";
    // the file is flat and fixed: "name": { "cid": "...", "digest": "...", "sector_size": N }
    private static final Pattern ENTRY = Pattern.compile(
            "\"([^\"]+)\"\\s*:\\s*\\{\\s*\"cid\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"digest\"\\s*:\\s*\"([0-9a-f]{32})\"\\s*,"
                    + "\\s*\"sector_size\"\\s*:\\s*(\\d+)\\s*\\}");
    private static final Map<String, Entry> ENTRIES = load();

    private OfficialParameters() {
    }

    /** All entries, by file name, in the file's order. */
    public static Map<String, Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> lookup(String fileName) {
        return Optional.ofNullable(ENTRIES.get(fileName));
    }

    private static Map<String, Entry> load() {
        try (InputStream in = OfficialParameters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the proofs jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Entry> out = new LinkedHashMap<>();
            Matcher m = ENTRY.matcher(text);
            while (m.find()) {
                out.put(m.group(1), new Entry(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4))));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("resource " + RESOURCE + " has no entries");
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The digest parameters.json records: BLAKE2b-512 of the whole file, hex, first 32 digits
     * (storage-proofs-core parameter_cache.rs {@code verify_production_entry}: {@code hash.to_hex()[..32]}).
     */
    public static String digest(Path file) throws IOException {
        Blake2b h = new Blake2b(64);
        byte[] chunk = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(chunk);
            int n;
            while ((n = ch.read(buf.clear())) >= 0) {
                h.update(chunk, 0, n);
            }
        }
        return Hex.encode(h.digest()).substring(0, 32);
    }

    /** The same over bytes in memory. */
    public static String digest(byte[] bytes) {
        return Hex.encode(Blake2b.hash512(bytes)).substring(0, 32);
    }
}
