package io.filprover.scheduler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The coordinator's bearer tokens, read from a token file: one {@code ROLE NAME TOKEN} a line
 * ({@code #} starts a comment), e.g. {@code client alice 3f1c...}. Only the SHA-256 of each token is
 * kept, and a presented token is compared against every entry in constant time, so neither memory
 * nor timing gives a token away. Errors name the file and line, never a token.
 */
public final class Tokens {
    /** Short tokens are guessable; 16 characters is the least accepted (openssl rand -hex 32 gives 64). */
    static final int MIN_TOKEN_CHARS = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private record Entry(byte[] hash, Principal principal) {
    }

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads a token file; IllegalArgumentException names the line that is wrong. */
    public static Tokens read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Tokens parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            String[] f = text.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(where + "want 'ROLE NAME TOKEN', got " + f.length + " field(s)");
            }
            Role role;
            try {
                role = Role.parse(f[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            if (!NAME.matcher(f[1]).matches()) {
                throw new IllegalArgumentException(where + "name must be 1 to 64 of A-Z a-z 0-9 . _ @ -");
            }
            if (f[2].length() < MIN_TOKEN_CHARS) {
                throw new IllegalArgumentException(where + "token of " + f[1] + " is shorter than " + MIN_TOKEN_CHARS
                        + " characters (make one with: openssl rand -hex 32)");
            }
            if (!names.add(f[1])) {
                throw new IllegalArgumentException(where + "name " + f[1] + " appears twice");
            }
            byte[] h = sha256(f[2]);
            if (!hashes.add(java.util.HexFormat.of().formatHex(h))) {
                throw new IllegalArgumentException(where + "the token of " + f[1] + " is also another name's token");
            }
            entries.add(new Entry(h, new Principal(f[1], role)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + ": no tokens (lines 'ROLE NAME TOKEN')");
        }
        return new Tokens(entries);
    }

    /** The principal whose token this is; every entry is compared, whichever matches. */
    public Optional<Principal> authenticate(String token) {
        byte[] h = sha256(token);
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash, h)) {
                found = e.principal;
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "Tokens[" + entries.size() + " entries]";
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
