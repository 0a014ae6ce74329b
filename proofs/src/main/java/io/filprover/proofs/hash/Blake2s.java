package io.filprover.proofs.hash;

import java.util.Arrays;

/**
 * Unkeyed BLAKE2s (RFC 7693) with a 1..32-byte digest and the optional 8-byte personalization of
 * the BLAKE2 parameter block (words 6 and 7 of the state, as {@code blake2s_simd::Params::personal}
 * and bellman's blake2s gadget use it). The JDK has no BLAKE2s. The vanilla side of
 * rust-fil-proofs' Blake2sHasher (32-byte digest, personalization all zero).
 */
public final class Blake2s {
    static final int[] IV = {
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
    };

    /** RFC 7693 §2.7: the message word permutation of each of the 10 rounds. */
    static final int[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    };

    private static final int BLOCK = 64;

    /** IV word {@code i} (0..7), SHA-256's initial state. */
    public static int iv(int i) {
        return IV[i];
    }

    /** The message word that round {@code round} (0..9) takes at position {@code i} (0..15). */
    public static int sigma(int round, int i) {
        return SIGMA[round][i];
    }

    private final int[] h = new int[8];
    private final int[] m = new int[16];
    private final int[] v = new int[16];
    private final byte[] buf = new byte[BLOCK];
    private final int outLen;
    private int bufLen;
    private long t;
    private boolean finished;

    /** BLAKE2s with a digest of {@code outLen} bytes and no personalization. */
    public Blake2s(int outLen) {
        this(outLen, new byte[8]);
    }

    /** BLAKE2s with a digest of {@code outLen} bytes and an 8-byte personalization. */
    public Blake2s(int outLen, byte[] personal) {
        if (outLen < 1 || outLen > 32) {
            throw new IllegalArgumentException("BLAKE2s output length must be 1..32, got " + outLen);
        }
        if (personal.length != 8) {
            throw new IllegalArgumentException("BLAKE2s personalization is 8 bytes, got " + personal.length);
        }
        this.outLen = outLen;
        System.arraycopy(IV, 0, h, 0, 8);
        h[0] ^= 0x01010000 ^ outLen;
        h[6] ^= le32(personal, 0);
        h[7] ^= le32(personal, 4);
    }

    /** One-shot 32-byte digest without personalization ({@code blake2s_simd} with hash_length 32). */
    public static byte[] hash256(byte[] data) {
        return new Blake2s(32).update(data).digest();
    }

    public Blake2s update(byte[] data) {
        return update(data, 0, data.length);
    }

    public Blake2s update(byte[] data, int off, int len) {
        if (finished) {
            throw new IllegalStateException("digest already taken");
        }
        while (len > 0) {
            // the last block is compressed with the final flag, so a full buffer waits for more input
            if (bufLen == BLOCK) {
                t += BLOCK;
                compress(false);
                bufLen = 0;
            }
            int n = Math.min(BLOCK - bufLen, len);
            System.arraycopy(data, off, buf, bufLen, n);
            bufLen += n;
            off += n;
            len -= n;
        }
        return this;
    }

    public byte[] digest() {
        if (finished) {
            throw new IllegalStateException("digest already taken");
        }
        finished = true;
        t += bufLen;
        Arrays.fill(buf, bufLen, BLOCK, (byte) 0);
        compress(true);
        byte[] out = new byte[outLen];
        for (int i = 0; i < outLen; i++) {
            out[i] = (byte) (h[i >>> 2] >>> (8 * (i & 3)));
        }
        return out;
    }

    private void compress(boolean last) {
        for (int i = 0; i < 16; i++) {
            m[i] = le32(buf, 4 * i);
        }
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= (int) t;
        v[13] ^= (int) (t >>> 32);
        if (last) {
            v[14] = ~v[14];
        }
        for (int r = 0; r < 10; r++) {
            int[] s = SIGMA[r];
            g(0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    /** RFC 7693 §3.1 with BLAKE2s' rotations (16, 12, 8, 7). */
    private void g(int a, int b, int c, int d, int x, int y) {
        v[a] = v[a] + v[b] + x;
        v[d] = Integer.rotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = Integer.rotateRight(v[b] ^ v[c], 12);
        v[a] = v[a] + v[b] + y;
        v[d] = Integer.rotateRight(v[d] ^ v[a], 8);
        v[c] = v[c] + v[d];
        v[b] = Integer.rotateRight(v[b] ^ v[c], 7);
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
