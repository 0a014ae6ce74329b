package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;

/** BLS12-381 Fr's bit-size constants (ff's NUM_BITS and CAPACITY) and the powers of two the packing gadgets use. */
public final class FrBits {
    /** Bits of the modulus r. */
    public static final int NUM_BITS = 255;
    /** Bits every value below 2^CAPACITY fits in without reduction: NUM_BITS − 1. */
    public static final int CAPACITY = 254;

    private static final Fr[] POW2 = new Fr[256];

    static {
        POW2[0] = Fr.ONE;
        for (int i = 1; i < POW2.length; i++) {
            POW2[i] = POW2[i - 1].dbl();
        }
    }

    private FrBits() {
    }

    /** 2^i as a field element, 0 ≤ i < 256. */
    public static Fr pow2(int i) {
        return POW2[i];
    }

    /** The {@code NUM_BITS} bits of a value's canonical integer, least significant first. */
    public static boolean[] bitsLe(Fr value) {
        long[] limbs = value.canonicalLimbs();
        boolean[] bits = new boolean[NUM_BITS];
        for (int i = 0; i < NUM_BITS; i++) {
            bits[i] = ((limbs[i >>> 6] >>> (i & 63)) & 1) != 0;
        }
        return bits;
    }
}
