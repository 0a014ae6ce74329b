package io.filprover.bls12381.field;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/** Reads the vector files under src/test/resources/vectors. */
public final class FrTestSupport {
    private FrTestSupport() {
    }

    public static Properties properties(String resource) {
        try (InputStream in = FrTestSupport.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-comment, non-blank lines split on whitespace. */
    public static List<String[]> rows(String resource) {
        try (InputStream in = FrTestSupport.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t.split("\\s+"));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses 0x-prefixed big-endian hex. */
    public static BigInteger hex(String s) {
        return new BigInteger(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static String hexBytes(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Comma-separated 0x limbs, least significant first. */
    public static long[] limbs(String s) {
        String[] parts = s.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseUnsignedLong(parts[i].strip().substring(2), 16);
        }
        return out;
    }

    /** Integer of little-endian 64-bit limbs. */
    public static BigInteger fromLimbs(long[] l) {
        BigInteger v = BigInteger.ZERO;
        for (int i = l.length - 1; i >= 0; i--) {
            v = v.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(l[i])));
        }
        return v;
    }
}
