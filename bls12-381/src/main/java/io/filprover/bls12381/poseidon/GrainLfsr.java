package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;

import java.math.BigInteger;

/**
 * The Grain LFSR of the Poseidon reference script, as neptune uses it to draw round constants
 * (docs/spec/poseidon-groth16-gpu.md §2.2): 80-bit state seeded with the instance parameters, 160 warm-up
 * steps, self-shrinking output, 255-bit big-endian candidates rejected when ≥ r.
 */
public final class GrainLfsr {
    private static final int STATE_BITS = 80;
    /** F::NUM_BITS of BLS12-381 Fr: the candidate size and the "field size" seeded into the state. */
    private static final int FIELD_BITS = 255;

    /** Ring buffer: logical bit i lives at bits[(head + i) % 80]. */
    private final boolean[] bits = new boolean[STATE_BITS];
    private int head;

    /**
     * Seeds the LFSR for a prime-field instance with the x^5 S-box.
     *
     * @param width         t = arity + 1
     * @param fullRounds    R_F
     * @param partialRounds R_P
     */
    public GrainLfsr(int width, int fullRounds, int partialRounds) {
        int pos = 0;
        pos = put(pos, 1, 2); // field type: prime field
        pos = put(pos, 1, 4); // S-box: x^alpha with alpha = 5 (neptune writes 1)
        pos = put(pos, FIELD_BITS, 12);
        pos = put(pos, width, 12);
        pos = put(pos, fullRounds, 10);
        pos = put(pos, partialRounds, 10);
        while (pos < STATE_BITS) {
            bits[pos++] = true;
        }
        for (int i = 0; i < 160; i++) {
            step();
        }
    }

    /** Writes {@code value} as {@code n} bits, most significant first. */
    private int put(int pos, int value, int n) {
        if (value < 0 || value >= 1 << n) {
            throw new IllegalArgumentException(value + " does not fit " + n + " bits");
        }
        for (int i = n - 1; i >= 0; i--) {
            bits[pos++] = (value >>> i & 1) != 0;
        }
        return pos;
    }

    private boolean bit(int i) {
        int j = head + i;
        return bits[j >= STATE_BITS ? j - STATE_BITS : j];
    }

    /** One LFSR update; returns the new bit. */
    private boolean step() {
        boolean b = bit(62) ^ bit(51) ^ bit(38) ^ bit(23) ^ bit(13) ^ bit(0);
        bits[head] = b; // b[0] drops out, the new bit becomes b[79]
        head = head + 1 == STATE_BITS ? 0 : head + 1;
        return b;
    }

    /** The next output bit of the self-shrinking generator. */
    public boolean nextBit() {
        while (true) {
            boolean x = step();
            boolean y = step();
            if (x) {
                return y;
            }
        }
    }

    /** The next 255-bit candidate that is below r. */
    public Fr nextFieldElement() {
        while (true) {
            BigInteger v = BigInteger.ZERO;
            for (int i = 0; i < FIELD_BITS; i++) {
                v = nextBit() ? v.shiftLeft(1).setBit(0) : v.shiftLeft(1);
            }
            if (v.compareTo(Fr.MODULUS) < 0) {
                return Fr.fromBigInteger(v);
            }
        }
    }

    /** All (R_F + R_P)·t round constants of an instance, in the order the rounds consume them. */
    public static Fr[] roundConstants(int width, int fullRounds, int partialRounds) {
        GrainLfsr lfsr = new GrainLfsr(width, fullRounds, partialRounds);
        Fr[] out = new Fr[(fullRounds + partialRounds) * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = lfsr.nextFieldElement();
        }
        return out;
    }
}
