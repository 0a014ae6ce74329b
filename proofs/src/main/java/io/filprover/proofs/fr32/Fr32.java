package io.filprover.proofs.fr32;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fr32 padding ("127 → 128", docs/spec/filecoin-porep-post.md §1): the raw input is a little-endian bit
 * stream, cut into 254-bit groups; each group becomes a 32-byte element whose two top bits are zero.
 * 127 raw bytes become exactly 4 elements (128 bytes).
 */
public final class Fr32 {
    public static final int RAW_BLOCK = 127;
    public static final int PADDED_BLOCK = 128;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW62 = (1L << 62) - 1;

    private Fr32() {
    }

    /** Padded byte count of {@code n} raw bytes, counting bits (docs/spec/filecoin-porep-post.md §1.2): padded(32) = 33. */
    public static long paddedBytes(long n) {
        long bits = 8 * n;
        long paddedBits = (bits / 254) * 256 + bits % 254;
        return (paddedBits + 7) / 8;
    }

    /** Unpadded byte count of {@code p} padded bytes (docs/spec/filecoin-porep-post.md §1.2): unpadded(2048) = 2032. */
    public static long unpaddedBytes(long p) {
        long bits = 8 * p;
        long rawBits = (bits / 256) * 254 + bits % 256;
        return rawBits / 8;
    }

    /**
     * Pads {@code blocks} full 127-byte blocks. {@code scratch} must hold at least 136 bytes; it
     * avoids reading past the input's last block.
     */
    public static void padBlocks(byte[] in, int inOff, byte[] out, int outOff, int blocks, byte[] scratch) {
        for (int b = 0; b < blocks; b++) {
            int src = inOff + b * RAW_BLOCK;
            int dst = outOff + b * PADDED_BLOCK;
            if (src + PADDED_BLOCK <= in.length) {
                padBlockWords(in, src, out, dst);
            } else {
                System.arraycopy(in, src, scratch, 0, RAW_BLOCK);
                padBlockWords(scratch, 0, out, dst);
            }
        }
    }

    // Reads 16 little-endian words from in[src .. src+128); byte 127 is ignored (masked out below).
    private static void padBlockWords(byte[] in, int src, byte[] out, int dst) {
        long w0 = (long) LONGS.get(in, src), w1 = (long) LONGS.get(in, src + 8);
        long w2 = (long) LONGS.get(in, src + 16), w3 = (long) LONGS.get(in, src + 24);
        long w4 = (long) LONGS.get(in, src + 32), w5 = (long) LONGS.get(in, src + 40);
        long w6 = (long) LONGS.get(in, src + 48), w7 = (long) LONGS.get(in, src + 56);
        long w8 = (long) LONGS.get(in, src + 64), w9 = (long) LONGS.get(in, src + 72);
        long w10 = (long) LONGS.get(in, src + 80), w11 = (long) LONGS.get(in, src + 88);
        long w12 = (long) LONGS.get(in, src + 96), w13 = (long) LONGS.get(in, src + 104);
        long w14 = (long) LONGS.get(in, src + 112), w15 = (long) LONGS.get(in, src + 120);
        w15 &= 0x00ff_ffff_ffff_ffffL; // byte 127 is not part of the block
        // element 0: stream bits [0, 254)
        LONGS.set(out, dst, w0);
        LONGS.set(out, dst + 8, w1);
        LONGS.set(out, dst + 16, w2);
        LONGS.set(out, dst + 24, w3 & LOW62);
        // element 1: bits [254, 508): word 3, shift 62
        LONGS.set(out, dst + 32, (w3 >>> 62) | (w4 << 2));
        LONGS.set(out, dst + 40, (w4 >>> 62) | (w5 << 2));
        LONGS.set(out, dst + 48, (w5 >>> 62) | (w6 << 2));
        LONGS.set(out, dst + 56, ((w6 >>> 62) | (w7 << 2)) & LOW62);
        // element 2: bits [508, 762): word 7, shift 60
        LONGS.set(out, dst + 64, (w7 >>> 60) | (w8 << 4));
        LONGS.set(out, dst + 72, (w8 >>> 60) | (w9 << 4));
        LONGS.set(out, dst + 80, (w9 >>> 60) | (w10 << 4));
        LONGS.set(out, dst + 88, ((w10 >>> 60) | (w11 << 4)) & LOW62);
        // element 3: bits [762, 1016): word 11, shift 58
        LONGS.set(out, dst + 96, (w11 >>> 58) | (w12 << 6));
        LONGS.set(out, dst + 104, (w12 >>> 58) | (w13 << 6));
        LONGS.set(out, dst + 112, (w13 >>> 58) | (w14 << 6));
        LONGS.set(out, dst + 120, ((w14 >>> 58) | (w15 << 6)) & LOW62);
    }

    /**
     * Pads {@code n} raw bytes with the streaming reader's rule for a partial last block: the
     * missing bytes are zeros and only ceil(8·r/254) elements are written for a block with r bytes
     * read (docs/spec/filecoin-porep-post.md §1.3). Returns the number of padded bytes written.
     */
    public static int pad(byte[] in, int inOff, int n, byte[] out, int outOff) {
        byte[] scratch = new byte[136];
        int full = n / RAW_BLOCK;
        padBlocks(in, inOff, out, outOff, full, scratch);
        int rest = n - full * RAW_BLOCK;
        int written = full * PADDED_BLOCK;
        if (rest > 0) {
            byte[] block = new byte[PADDED_BLOCK];
            System.arraycopy(in, inOff + full * RAW_BLOCK, block, 0, rest);
            byte[] padded = new byte[PADDED_BLOCK];
            padBlockWords(block, 0, padded, 0);
            int elements = (rest * 8 + 253) / 254;
            System.arraycopy(padded, 0, out, outOff + written, 32 * elements);
            written += 32 * elements;
        }
        return written;
    }

    /** Pads a whole array with the streaming reader's rule (docs/spec/filecoin-porep-post.md §1.3). */
    public static byte[] pad(byte[] raw) {
        int full = raw.length / RAW_BLOCK;
        int rest = raw.length - full * RAW_BLOCK;
        byte[] out = new byte[full * PADDED_BLOCK + 32 * ((rest * 8 + 253) / 254)];
        pad(raw, 0, raw.length, out, 0);
        return out;
    }

    /**
     * Unpads {@code p} padded bytes (docs/spec/filecoin-porep-post.md §1.4): drops bits 254 and 255 of every 32-byte
     * element and
     * joins the 254-bit groups. A trailing partial element contributes all its bits. Writes
     * {@link #unpaddedBytes(long)} bytes and returns that count.
     */
    public static int unpad(byte[] in, int inOff, int p, byte[] out, int outOff) {
        long acc = 0;
        int accBits = 0;
        int o = outOff;
        for (int e = 0; e < p; e += 32) {
            int len = Math.min(32, p - e);
            for (int j = 0; j < len; j++) {
                int v = in[inOff + e + j] & 0xff;
                int bits = 8;
                if (j == 31) {
                    v &= 0x3f;
                    bits = 6;
                }
                acc |= (long) v << accBits;
                accBits += bits;
                while (accBits >= 8) {
                    out[o++] = (byte) acc;
                    acc >>>= 8;
                    accBits -= 8;
                }
            }
        }
        return o - outOff;
    }

    public static byte[] unpad(byte[] padded) {
        byte[] out = new byte[(int) unpaddedBytes(padded.length)];
        unpad(padded, 0, padded.length, out, 0);
        return out;
    }
}
