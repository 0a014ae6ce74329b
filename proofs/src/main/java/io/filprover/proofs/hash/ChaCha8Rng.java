package io.filprover.proofs.hash;

/**
 * {@code rand_chacha 0.3.1 ChaCha8Rng::from_seed} (docs/spec/filecoin-porep-post.md §3.4): ChaCha with 8 rounds, the
 * seed as
 * key, a 64-bit block counter in words 12..13 starting at 0 and stream id 0 in words 14..15.
 * Output is the keystream as consecutive little-endian u32 words; {@link #nextLong()} takes two
 * consecutive words, low first (also across block boundaries). Reusable via {@link #reseed}.
 */
public final class ChaCha8Rng {
    private final int[] key = new int[8];
    private final int[] block = new int[16];
    private long counter;
    private int index = 16;

    public ChaCha8Rng(byte[] seed32) {
        reseed(seed32);
    }

    /** Resets to the start of the stream for a new 32-byte seed, without allocating. */
    public void reseed(byte[] seed32) {
        if (seed32.length != 32) {
            throw new IllegalArgumentException("ChaCha8Rng seed must be 32 bytes, got " + seed32.length);
        }
        for (int i = 0; i < 8; i++) {
            key[i] = ChaChaBlock.le32(seed32, 4 * i);
        }
        counter = 0;
        index = 16;
    }

    public int nextInt() {
        if (index == 16) {
            ChaChaBlock.block(key, (int) counter, (int) (counter >>> 32), 0, 0, 8, block);
            counter++;
            index = 0;
        }
        return block[index++];
    }

    /** {@code next_u64}: low word first. */
    public long nextLong() {
        long lo = nextInt() & 0xffffffffL;
        long hi = nextInt() & 0xffffffffL;
        return lo | hi << 32;
    }
}
