package io.filprover.bls12381.curve;

import java.math.BigInteger;

/** Conversions of scalar encodings (Fr repr) to integers for scalar multiplication. */
public final class Scalars {
    private Scalars() {}

    /** 32-byte canonical little-endian encoding (values ≥ r are rejected). */
    public static BigInteger fromLittleEndian(byte[] le) {
        if (le.length != 32) throw new IllegalArgumentException("scalar must be 32 bytes, got " + le.length);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = le[31 - i];
        return checkCanonical(new BigInteger(1, be));
    }

    /** Four canonical little-endian 64-bit limbs (values ≥ r are rejected). */
    public static BigInteger fromLimbs(long[] limbs) {
        if (limbs.length != 4) throw new IllegalArgumentException("scalar must be 4 limbs, got " + limbs.length);
        BigInteger v = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(limbs[i])));
        }
        return checkCanonical(v);
    }

    private static BigInteger checkCanonical(BigInteger v) {
        if (v.compareTo(G1.ORDER) >= 0) throw new IllegalArgumentException("scalar not below r");
        return v;
    }
}
