package io.filprover.bls12381.curve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Properties;

/** Loads src/test/resources/bls12-381-vectors.properties (copied from the vectors file docs/spec/test-vectors-poseidon-groth16.md §1). */
public final class BlsTestVectors {
    private static final Properties P = new Properties();

    static {
        try (InputStream in = BlsTestVectors.class.getResourceAsStream("/bls12-381-vectors.properties")) {
            P.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlsTestVectors() {}

    public static String hex(String key) {
        String v = P.getProperty(key);
        if (v == null) throw new IllegalArgumentException("no vector " + key);
        return v.trim();
    }

    public static BigInteger big(String key) {
        return new BigInteger(hex(key), 16);
    }

    public static byte[] bytes(String key) {
        return HexFormat.of().parseHex(hex(key));
    }
}
