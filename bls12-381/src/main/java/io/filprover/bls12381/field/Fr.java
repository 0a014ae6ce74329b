package io.filprover.bls12381.field;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * An immutable element of the BLS12-381 scalar field Fr (r = 0x73eda753…ffffffff00000001), held in
 * Montgomery form like blstrs' {@code Scalar}. For hot loops use {@link FrOps} on flat limb arrays;
 * this type is for APIs, tests and setup code.
 *
 * <p>Byte encoding: Filecoin's canonical form, the integer value as 32 bytes little-endian
 * ({@code PrimeField::to_repr}); decoding rejects values ≥ r.
 */
public final class Fr implements Comparable<Fr> {
    /** r as an integer. */
    public static final BigInteger MODULUS = new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    /** Number of bytes in the canonical encoding. */
    public static final int BYTES = 32;
    /** 2-adicity of r − 1. */
    public static final int TWO_ADICITY = 32;

    public static final Fr ZERO = new Fr(new long[4]);
    public static final Fr ONE = fromLong(1);
    /** blstrs' MULTIPLICATIVE_GENERATOR: 7, a quadratic non-residue. */
    public static final Fr MULTIPLICATIVE_GENERATOR = fromLong(7);

    private static final BigInteger R_MINUS_2 = MODULUS.subtract(BigInteger.TWO);
    private static final BigInteger LEGENDRE_EXPONENT = MODULUS.subtract(BigInteger.ONE).shiftRight(1);
    /** t with r − 1 = 2^32·t. */
    private static final BigInteger TRACE = MODULUS.subtract(BigInteger.ONE).shiftRight(TWO_ADICITY);
    private static final BigInteger TRACE_PLUS_1_HALF = TRACE.add(BigInteger.ONE).shiftRight(1);

    /** Montgomery limbs, least significant first; never exposed. */
    private final long[] m;

    private Fr(long[] montgomery) {
        this.m = montgomery;
    }

    // ---- construction ----------------------------------------------------------------------

    /** Wraps four Montgomery-form limbs read from {@code limbs[off..off+4)}; they must be reduced. */
    public static Fr fromMontgomeryLimbs(long[] limbs, int off) {
        if (!FrOps.isReduced(limbs, off)) {
            throw new FieldEncodingException("Montgomery limbs are not reduced mod r");
        }
        return new Fr(Arrays.copyOfRange(limbs, off, off + 4));
    }

    /** The element whose canonical value has the given limbs (least significant first); rejects values ≥ r. */
    public static Fr fromCanonicalLimbs(long l0, long l1, long l2, long l3) {
        long[] a = {l0, l1, l2, l3};
        if (!FrOps.isReduced(a, 0)) {
            throw new FieldEncodingException("value is not below r");
        }
        FrOps.fromCanonical(a, 0, a, 0);
        return new Fr(a);
    }

    /** The element v mod r (negative values wrap around). */
    public static Fr fromLong(long v) {
        if (v >= 0) {
            long[] a = {v, 0, 0, 0};
            FrOps.fromCanonical(a, 0, a, 0);
            return new Fr(a);
        }
        return fromBigInteger(BigInteger.valueOf(v));
    }

    /** The element v mod r (any sign, any size). */
    public static Fr fromBigInteger(BigInteger v) {
        BigInteger red = v.mod(MODULUS);
        long[] a = new long[4];
        for (int i = 0; i < 4; i++) {
            a[i] = red.shiftRight(64 * i).longValue();
        }
        FrOps.fromCanonical(a, 0, a, 0);
        return new Fr(a);
    }

    /** Decodes the canonical 32-byte little-endian encoding; rejects values ≥ r. */
    public static Fr fromBytesLE(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new FieldEncodingException("an Fr encoding is 32 bytes, got " + bytes.length);
        }
        return fromBytesLE(bytes, 0);
    }

    /** Decodes the canonical 32-byte little-endian encoding at {@code off}; rejects values ≥ r. */
    public static Fr fromBytesLE(byte[] bytes, int off) {
        if (off < 0 || off + BYTES > bytes.length) {
            throw new FieldEncodingException("an Fr encoding is 32 bytes; only " + (bytes.length - off) + " at offset " + off);
        }
        long[] a = new long[4];
        for (int i = 0; i < 4; i++) {
            a[i] = readLongLE(bytes, off + 8 * i);
        }
        if (!FrOps.isReduced(a, 0)) {
            throw new FieldEncodingException("bytes encode a value that is not below r: " + hexOf(bytes, off));
        }
        FrOps.fromCanonical(a, 0, a, 0);
        return new Fr(a);
    }

    /**
     * Parses the form {@link #toString()} prints: a big-endian hex integer, optionally 0x-prefixed,
     * at most 64 digits; rejects values ≥ r (it does not reduce).
     */
    public static Fr fromHex(String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.isEmpty() || h.length() > 64 || !h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new FieldEncodingException("not a hex field element: '" + hex + "'");
        }
        BigInteger v = new BigInteger(h, 16);
        if (v.compareTo(MODULUS) >= 0) {
            throw new FieldEncodingException("value is not below r: " + hex);
        }
        return fromBigInteger(v);
    }

    /** Reads any number of little-endian bytes as an integer and reduces it mod r (never throws for content). */
    public static Fr fromBytesLEReduced(byte[] bytes) {
        byte[] be = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            be[bytes.length - i] = bytes[i];
        }
        return fromBigInteger(new BigInteger(be));
    }

    /**
     * A uniformly random element, drawn like blstrs' {@code Scalar::random}: four longs (least
     * significant first), top bit cleared, redrawn until below r.
     */
    public static Fr random(Random rnd) {
        long[] a = new long[4];
        do {
            a[0] = rnd.nextLong();
            a[1] = rnd.nextLong();
            a[2] = rnd.nextLong();
            a[3] = rnd.nextLong() & Long.MAX_VALUE;
        } while (!FrOps.isReduced(a, 0));
        FrOps.fromCanonical(a, 0, a, 0);
        return new Fr(a);
    }

    // ---- export ----------------------------------------------------------------------------

    /** Writes the four Montgomery limbs to {@code out[off..off+4)}. */
    public void toMontgomeryLimbs(long[] out, int off) {
        FrOps.copy(out, off, m, 0);
    }

    /** The four Montgomery limbs (a copy). */
    public long[] montgomeryLimbs() {
        return m.clone();
    }

    /** The canonical value's four limbs, least significant first. */
    public long[] canonicalLimbs() {
        long[] c = new long[4];
        FrOps.toCanonical(c, 0, m, 0);
        return c;
    }

    /** The canonical 32-byte little-endian encoding. */
    public byte[] toBytesLE() {
        byte[] out = new byte[BYTES];
        toBytesLE(out, 0);
        return out;
    }

    public void toBytesLE(byte[] out, int off) {
        long[] c = canonicalLimbs();
        for (int i = 0; i < 4; i++) {
            writeLongLE(out, off + 8 * i, c[i]);
        }
    }

    public BigInteger toBigInteger() {
        long[] c = canonicalLimbs();
        BigInteger v = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(c[i])));
        }
        return v;
    }

    // ---- arithmetic ------------------------------------------------------------------------

    public Fr add(Fr o) {
        long[] c = new long[4];
        FrOps.add(c, 0, m, 0, o.m, 0);
        return new Fr(c);
    }

    public Fr sub(Fr o) {
        long[] c = new long[4];
        FrOps.sub(c, 0, m, 0, o.m, 0);
        return new Fr(c);
    }

    public Fr mul(Fr o) {
        long[] c = new long[4];
        FrOps.mul(c, 0, m, 0, o.m, 0);
        return new Fr(c);
    }

    public Fr square() {
        long[] c = new long[4];
        FrOps.square(c, 0, m, 0);
        return new Fr(c);
    }

    public Fr dbl() {
        return add(this);
    }

    public Fr neg() {
        long[] c = new long[4];
        FrOps.neg(c, 0, m, 0);
        return new Fr(c);
    }

    public boolean isZero() {
        return FrOps.isZero(m, 0);
    }

    /** this^e for e ≥ 0. */
    public Fr pow(BigInteger e) {
        if (e.signum() < 0) {
            throw new IllegalArgumentException("negative exponent");
        }
        long[] acc = ONE.m.clone();
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            FrOps.square(acc, 0, acc, 0);
            if (e.testBit(i)) {
                FrOps.mul(acc, 0, acc, 0, m, 0);
            }
        }
        return new Fr(acc);
    }

    /** this^e with e given as unsigned 64-bit limbs, least significant first. */
    public Fr pow(long[] exponentLimbs) {
        long[] acc = ONE.m.clone();
        for (int i = exponentLimbs.length * 64 - 1; i >= 0; i--) {
            FrOps.square(acc, 0, acc, 0);
            if ((exponentLimbs[i >>> 6] >>> (i & 63) & 1) != 0) {
                FrOps.mul(acc, 0, acc, 0, m, 0);
            }
        }
        return new Fr(acc);
    }

    /** The multiplicative inverse (Fermat: this^(r−2)); throws ArithmeticException for zero. */
    public Fr inverse() {
        if (isZero()) {
            throw new ArithmeticException("zero has no inverse in Fr");
        }
        return pow(R_MINUS_2);
    }

    /**
     * Inverts every element with one field inversion (Montgomery's trick). Zero elements stay
     * zero in the result; the input array is not modified.
     */
    public static Fr[] batchInverse(Fr[] xs) {
        Fr[] prefix = new Fr[xs.length];
        Fr acc = ONE;
        for (int i = 0; i < xs.length; i++) {
            prefix[i] = acc;
            if (!xs[i].isZero()) {
                acc = acc.mul(xs[i]);
            }
        }
        Fr inv = acc.inverse();
        Fr[] out = new Fr[xs.length];
        for (int i = xs.length - 1; i >= 0; i--) {
            if (xs[i].isZero()) {
                out[i] = ZERO;
            } else {
                out[i] = inv.mul(prefix[i]);
                inv = inv.mul(xs[i]);
            }
        }
        return out;
    }

    /** The Legendre symbol: 0 for zero, 1 for a non-zero square, −1 otherwise. */
    public int legendre() {
        if (isZero()) {
            return 0;
        }
        return pow(LEGENDRE_EXPONENT).equals(ONE) ? 1 : -1;
    }

    /** A square root (Tonelli–Shanks with the non-residue 7), or empty if this is not a square. */
    public Optional<Fr> sqrt() {
        if (isZero()) {
            return Optional.of(ZERO);
        }
        if (legendre() != 1) {
            return Optional.empty();
        }
        int v = TWO_ADICITY;
        Fr z = MULTIPLICATIVE_GENERATOR.pow(TRACE); // a primitive 2^32-th root of unity
        Fr x = pow(TRACE_PLUS_1_HALF);
        Fr b = pow(TRACE);
        while (!b.equals(ONE)) {
            int k = 0;
            Fr b2k = b;
            while (!b2k.equals(ONE)) {
                b2k = b2k.square();
                k++;
            }
            Fr w = z;
            for (int j = 0; j < v - k - 1; j++) {
                w = w.square();
            }
            z = w.square();
            b = b.mul(z);
            x = x.mul(w);
            v = k;
        }
        return Optional.of(x);
    }

    // ---- object ----------------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        return o instanceof Fr f && FrOps.equal(m, 0, f.m, 0);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    /** Orders by canonical value. */
    @Override
    public int compareTo(Fr o) {
        long[] a = canonicalLimbs();
        long[] b = o.canonicalLimbs();
        for (int i = 3; i >= 0; i--) {
            int c = Long.compareUnsigned(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The canonical value as 0x-prefixed big-endian hex, 64 digits (the form the spec's vectors use). */
    @Override
    public String toString() {
        long[] c = canonicalLimbs();
        return String.format("0x%016x%016x%016x%016x", c[3], c[2], c[1], c[0]);
    }

    private static long readLongLE(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static void writeLongLE(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> 8 * i);
        }
    }

    private static String hexOf(byte[] b, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BYTES; i++) {
            sb.append(String.format("%02x", b[off + i]));
        }
        return sb.toString();
    }
}
