package io.filprover.proofs;

import io.filprover.api.Hex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Independent references for the tests: a bit-by-bit Fr32 padder and a whole-tree SHA-256 hasher
 * that use neither the product's padding nor its Kernels SPI.
 */
public final class TestData {
    private TestData() {
    }

    /** Raw bytes from a generator name of the vector files (see tv-commp-fixed.csv). */
    public static byte[] generate(String generator, int length) {
        byte[] b = new byte[length];
        String[] g = generator.split(":");
        for (int i = 0; i < length; i++) {
            switch (g[0]) {
                case "const": b[i] = (byte) Integer.parseInt(g[1], 16); break;
                case "index": b[i] = (byte) i; break;
                case "affine": b[i] = (byte) (Integer.parseInt(g[1]) * i + Integer.parseInt(g[2])); break;
                case "blocks127": b[i] = (byte) (i / 127); break;
                default: throw new IllegalArgumentException(generator);
            }
        }
        return b;
    }

    /** Fr32 padding of whole 127-byte blocks, one bit at a time (the docs/spec/filecoin-porep-post.md §1.1 bit model). */
    public static byte[] naivePad(byte[] raw) {
        if (raw.length % 127 != 0) {
            throw new IllegalArgumentException("whole blocks only");
        }
        byte[] out = new byte[raw.length / 127 * 128];
        long bits = 8L * raw.length;
        for (long j = 0; j < bits; j++) {
            int bit = (raw[(int) (j >>> 3)] >>> (j & 7)) & 1;
            long o = (j / 254) * 256 + j % 254;
            out[(int) (o >>> 3)] |= (byte) (bit << (o & 7));
        }
        return out;
    }

    /** Root of the binary tree over padded leaves, hashing every level with a fresh MessageDigest. */
    public static byte[] naiveRoot(byte[] padded) {
        byte[] level = padded.clone();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            while (level.length > 32) {
                byte[] next = new byte[level.length / 2];
                for (int i = 0; i < next.length / 32; i++) {
                    byte[] h = md.digest(Arrays.copyOfRange(level, 64 * i, 64 * i + 64));
                    h[31] &= 0x3f;
                    System.arraycopy(h, 0, next, 32 * i, 32);
                }
                level = next;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return level;
    }

    /** comm_p of raw bytes the slow way: zero-fill to 127·2^k, pad bit by bit, hash the whole tree. */
    public static String naiveCommP(byte[] raw) {
        long size = 127;
        while (size < raw.length) {
            size <<= 1;
        }
        return Hex.encode(naiveRoot(naivePad(Arrays.copyOf(raw, (int) size))));
    }
}
