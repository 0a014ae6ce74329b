package io.filprover.proofs.hash;

import java.util.Arrays;

/**
 * BLAKE2b (RFC 7693) with 1..64-byte output and an optional 0..64-byte key (spec §3.3). The JDK has
 * no BLAKE2b. Streaming use: {@link #update} any number of times, then {@link #digest}. Also a
 * zero-allocation fast path for the Feistel round function, {@link #feistelRound}.
 */
public final class Blake2b {
    static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
    };

    // RFC 7693 §2.7; rounds 10 and 11 reuse rows 0 and 1.
    private static final byte[][] SIGMA = {
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
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}
    };

    private static final int BLOCK = 128;

    private final long[] h = new long[8];
    private final long[] m = new long[16];
    private final long[] v = new long[16];
    private final byte[] buf = new byte[BLOCK];
    private final int outLen;
    private int bufLen;
    private long t0;
    private long t1;
    private boolean finished;

    /** Unkeyed BLAKE2b with the given digest length in bytes (1..64). */
    public Blake2b(int outLen) {
        this(outLen, new byte[0]);
    }

    /** Keyed BLAKE2b (RFC 7693 §3.3: the key, zero-padded to a block, is the first block). */
    public Blake2b(int outLen, byte[] key) {
        if (outLen < 1 || outLen > 64) {
            throw new IllegalArgumentException("BLAKE2b output length must be 1..64, got " + outLen);
        }
        if (key.length > 64) {
            throw new IllegalArgumentException("BLAKE2b key must be at most 64 bytes, got " + key.length);
        }
        this.outLen = outLen;
        System.arraycopy(IV, 0, h, 0, 8);
        h[0] ^= 0x01010000L ^ ((long) key.length << 8) ^ outLen;
        if (key.length > 0) {
            System.arraycopy(key, 0, buf, 0, key.length);
            bufLen = BLOCK;
        }
    }

    /** One-shot unkeyed 64-byte digest ({@code blake2b_simd::blake2b}). */
    public static byte[] hash512(byte[] data) {
        return new Blake2b(64).update(data, 0, data.length).digest();
    }

    /** One-shot keyed digest of {@code outLen} bytes. */
    public static byte[] keyed(int outLen, byte[] key, byte[] data) {
        return new Blake2b(outLen, key).update(data, 0, data.length).digest();
    }

    public Blake2b update(byte[] data) {
        return update(data, 0, data.length);
    }

    public Blake2b update(byte[] data, int off, int len) {
        if (finished) {
            throw new IllegalStateException("digest already taken");
        }
        while (len > 0) {
            // The last block must be compressed with the final flag, so only flush a full buffer
            // when more input follows.
            if (bufLen == BLOCK) {
                addCounter(BLOCK);
                loadBlock(buf, 0);
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
        addCounter(bufLen);
        Arrays.fill(buf, bufLen, BLOCK, (byte) 0);
        loadBlock(buf, 0);
        compress(true);
        byte[] out = new byte[outLen];
        for (int i = 0; i < outLen; i++) {
            out[i] = (byte) (h[i >>> 3] >>> (8 * (i & 7)));
        }
        return out;
    }

    private void addCounter(int n) {
        t0 += n;
        if (Long.compareUnsigned(t0, n) < 0) {
            t1++;
        }
    }

    private void loadBlock(byte[] b, int off) {
        for (int i = 0; i < 16; i++) {
            m[i] = le64(b, off + 8 * i);
        }
    }

    private void compress(boolean last) {
        compress(h, m, v, t0, t1, last);
    }

    static void compress(long[] h, long[] m, long[] v, long t0, long t1, boolean last) {
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= t0;
        v[13] ^= t1;
        if (last) {
            v[14] = ~v[14];
        }
        for (int r = 0; r < 12; r++) {
            byte[] s = SIGMA[r];
            g(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private static void g(long[] v, int a, int b, int c, int d, long x, long y) {
        v[a] += v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] += v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }

    static long le64(byte[] b, int off) {
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = r << 8 | (b[off + i] & 0xff);
        }
        return r;
    }

    /**
     * The Feistel round function's hash (spec §6.3): the first 8 bytes, read big-endian, of the
     * unkeyed 64-byte BLAKE2b of {@code u64_BE(a) || u64_BE(b)}. Single compression; the scratch
     * arrays (three of 8, 16, 16 longs, see {@link FeistelScratch}) avoid allocation.
     */
    public static long feistelRound(long a, long b, FeistelScratch s) {
        long[] h = s.h;
        long[] m = s.m;
        System.arraycopy(IV, 0, h, 0, 8);
        h[0] ^= 0x01010000L ^ 64;
        // A big-endian u64 placed in memory, read back as the little-endian message word.
        m[0] = Long.reverseBytes(a);
        m[1] = Long.reverseBytes(b);
        compress(h, m, s.v, 16, 0, true);
        return Long.reverseBytes(h[0]);
    }

    /** Per-thread scratch state for {@link #feistelRound}. */
    public static final class FeistelScratch {
        final long[] h = new long[8];
        final long[] m = new long[16];
        final long[] v = new long[16];
    }
}
