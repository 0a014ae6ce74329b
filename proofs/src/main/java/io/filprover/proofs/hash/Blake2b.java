package io.filprover.proofs.hash;

import java.util.Arrays;

/**
 * BLAKE2b (RFC 7693) with 1..64-byte output and an optional 0..64-byte key (docs/spec/filecoin-porep-post.md §3.3).
 * The JDK has
 * no BLAKE2b. Streaming use: {@link #update} any number of times, then {@link #digest}. Also a
 * zero-allocation fast path for the Feistel round function, {@link #feistelRound}. The compression
 * function itself is in {@link Blake2bCompress}.
 */
public final class Blake2b {
    static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
    };

    private static final int BLOCK = 128;

    private final long[] h = new long[8];
    private final long[] m = new long[16];
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
        Blake2bCompress.compress(h, m, t0, t1, last);
    }

    static long le64(byte[] b, int off) {
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = r << 8 | (b[off + i] & 0xff);
        }
        return r;
    }

    /**
     * The Feistel round function's hash (docs/spec/filecoin-porep-post.md §6.3): the first 8 bytes, read big-endian,
     * of the
     * unkeyed 64-byte BLAKE2b of {@code u64_BE(a) || u64_BE(b)}. A single compression; the
     * per-thread {@link FeistelScratch} avoids allocation.
     */
    public static long feistelRound(long a, long b, FeistelScratch s) {
        long[] h = s.h;
        long[] m = s.m;
        System.arraycopy(IV, 0, h, 0, 8);
        h[0] ^= 0x01010000L ^ 64;
        // a big-endian u64 in memory is read back as a little-endian message word; m[2..15] stay 0
        m[0] = Long.reverseBytes(a);
        m[1] = Long.reverseBytes(b);
        Blake2bCompress.compress(h, m, 16, 0, true);
        return Long.reverseBytes(h[0]);
    }

    /** Per-thread scratch state for {@link #feistelRound}. */
    public static final class FeistelScratch {
        final long[] h = new long[8];
        final long[] m = new long[16];
    }
}
