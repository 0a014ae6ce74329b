package io.filprover.proofs.groth16.prover;

import java.util.Arrays;

/**
 * A growable bitmap over variables, in the layout of the Kernels SPI's MSM density argument (bit i
 * is bit i&amp;63 of word i&gt;&gt;&gt;6): bit i set iff variable i occurs in the polynomial family
 * this bitmap tracks. bellperson's {@code DensityTracker}.
 */
public final class DensityBitmap {
    private long[] words = new long[4];
    private int size;

    /** Appends a 0-bit for a newly allocated variable. */
    public void addElement() {
        if ((size >>> 6) >= words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        size++;
    }

    /** Sets bit i. */
    public void inc(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException("density bit " + i + " of " + size);
        }
        words[i >>> 6] |= 1L << (i & 63);
    }

    public boolean get(int i) {
        return (words[i >>> 6] >>> (i & 63) & 1) != 0;
    }

    public int size() {
        return size;
    }

    /** Number of set bits (how many dense bases the MSM consumes). */
    public int popcount() {
        int c = 0;
        for (long w : words) {
            c += Long.bitCount(w);
        }
        return c;
    }

    /** The bitset words, exactly ⌈size/64⌉ of them (a copy). */
    public long[] words() {
        return Arrays.copyOf(words, Math.max(1, (size + 63) >>> 6));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DensityBitmap d && d.size == size && Arrays.equals(words(), d.words());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words()) * 31 + size;
    }
}
