package io.filprover.proofs.hash;

/**
 * IETF ChaCha20 (RFC 8439 §2.4; {@code chacha20 0.9.1 ChaCha20}, docs/spec/filecoin-porep-post.md §3.5): 20 rounds,
 * 32-bit
 * block counter in word 12 starting at 0, 96-bit nonce in words 13..15. The keystream can be read
 * from any byte position without generating the preceding blocks.
 */
public final class ChaCha20 {
    /** The keystream is 2^32 blocks of 64 bytes. */
    public static final long KEYSTREAM_BYTES = 1L << 38;

    private final int[] key;
    private final int n0;
    private final int n1;
    private final int n2;
    private final int[] block = new int[16];

    public ChaCha20(byte[] key32, byte[] nonce12) {
        if (key32.length != 32 || nonce12.length != 12) {
            throw new IllegalArgumentException("ChaCha20 needs a 32-byte key and a 12-byte nonce");
        }
        this.key = ChaChaBlock.keyWords(key32, 0);
        this.n0 = ChaChaBlock.le32(nonce12, 0);
        this.n1 = ChaChaBlock.le32(nonce12, 4);
        this.n2 = ChaChaBlock.le32(nonce12, 8);
    }

    /** Writes keystream bytes {@code [position, position + len)} to {@code out[off..]}. */
    public void keystream(long position, byte[] out, int off, int len) {
        if (position < 0 || len < 0 || position + len > KEYSTREAM_BYTES) {
            throw new IllegalArgumentException("keystream range out of bounds: " + position + "+" + len);
        }
        long blk = position >>> 6;
        int skip = (int) (position & 63);
        int done = 0;
        while (done < len) {
            ChaChaBlock.block(key, (int) blk, n0, n1, n2, 20, block);
            for (int i = skip; i < 64 && done < len; i++) {
                out[off + done++] = (byte) (block[i >>> 2] >>> (8 * (i & 3)));
            }
            skip = 0;
            blk++;
        }
    }

    /** XORs the keystream starting at {@code position} into {@code data[off..off+len)} (encrypt = decrypt). */
    public void apply(long position, byte[] data, int off, int len) {
        byte[] ks = new byte[len];
        keystream(position, ks, 0, len);
        for (int i = 0; i < len; i++) {
            data[off + i] ^= ks[i];
        }
    }
}
