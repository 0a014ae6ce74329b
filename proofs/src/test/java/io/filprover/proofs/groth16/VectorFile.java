package io.filprover.proofs.groth16;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A 'key = value' vector file from src/test/resources (comments start with #). */
final class VectorFile {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final String name;

    VectorFile(String resource) {
        this.name = resource;
        try (InputStream in = VectorFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no " + key);
        }
        return v;
    }

    long getLong(String key) {
        return Long.parseLong(get(key));
    }

    byte[] bytes(String key) {
        return HexFormat.of().parseHex(get(key));
    }

    BigInteger integer(String key) {
        String v = get(key);
        return v.startsWith("0x") ? new BigInteger(v.substring(2), 16) : new BigInteger(v);
    }

    List<BigInteger> integers(String key) {
        List<BigInteger> out = new ArrayList<>();
        for (String s : get(key).split(",")) {
            s = s.strip();
            out.add(s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s));
        }
        return out;
    }
}
