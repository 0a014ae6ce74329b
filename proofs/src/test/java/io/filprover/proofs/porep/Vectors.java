package io.filprover.proofs.porep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** "group key value" lines from a resource under /porep. */
public final class Vectors {
    private final Map<String, String> values = new HashMap<>();

    public Vectors(String resource) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Vectors.class.getResourceAsStream("/porep/" + resource), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (!line.startsWith("#") && f.length == 3) {
                    values.put(f[0] + "." + f[1], f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("no vector " + key);
        }
        return v;
    }

    public long[] longs(String key) {
        return Arrays.stream(get(key).split(",")).mapToLong(Long::parseLong).toArray();
    }
}
