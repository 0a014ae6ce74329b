package io.filprover.bls12381.field;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/**
 * Immutable element of the BLS12-381 base field Fq, held in Montgomery form on 6 little-endian
 * 64-bit limbs (the blst_fp layout). Arithmetic delegates to {@link FqOps}.
 */
public final class Fq implements FqTowerElement<Fq> {
    public static final BigInteger MODULUS = FqOps.MODULUS;
    public static final int BYTES = 48;

    private static final BigInteger R = BigInteger.ONE.shiftLeft(384).mod(MODULUS);
    private static final long[] R2 = toLimbs(R.multiply(R).mod(MODULUS));
    private static final long[] CANONICAL_ONE = {1, 0, 0, 0, 0, 0};
    private static final BigInteger HALF_MODULUS = MODULUS.subtract(BigInteger.ONE).shiftRight(1);
    private static final BigInteger SQRT_EXP = MODULUS.add(BigInteger.ONE).shiftRight(2);

    public static final Fq ZERO = new Fq(new long[6]);
    public static final Fq ONE = new Fq(toLimbs(R));

    /** Montgomery limbs; never mutated after construction. */
    final long[] l;

    Fq(long[] montLimbs) {
        this.l = montLimbs;
    }

    /** Wraps 6 Montgomery-form limbs (copied); they must be below q. */
    public static Fq fromMontgomeryLimbs(long[] limbs) {
        if (limbs.length != 6) throw new IllegalArgumentException("need 6 limbs");
        if (compareLimbs(limbs, FqOps.Q_LIMBS) >= 0) throw new IllegalArgumentException("limbs not below q");
        return new Fq(limbs.clone());
    }

    public long[] montgomeryLimbs() {
        return l.clone();
    }

    public static Fq fromBigInteger(BigInteger v) {
        long[] t = toLimbs(v.mod(MODULUS));
        FqOps.mul(t, 0, t, 0, R2, 0);
        return new Fq(t);
    }

    public static Fq fromLong(long v) {
        return fromBigInteger(BigInteger.valueOf(v));
    }

    public BigInteger toBigInteger() {
        long[] t = canonicalLimbs();
        byte[] be = new byte[BYTES];
        writeLimbsBE(t, be, 0);
        return new BigInteger(1, be);
    }

    /** Canonical (non-Montgomery) little-endian limbs. */
    public long[] canonicalLimbs() {
        long[] t = new long[6];
        FqOps.mul(t, 0, l, 0, CANONICAL_ONE, 0);
        return t;
    }

    /** Uniformly random element (for tests and blinding). */
    public static Fq random(Random rnd) {
        return fromBigInteger(new BigInteger(MODULUS.bitLength() + 64, rnd));
    }

    /**
     * Parses a canonical 48-byte big-endian encoding; returns null if the value is not below q.
     * The caller is responsible for having masked any flag bits.
     */
    public static Fq fromBytesBE(byte[] in, int off) {
        long[] t = new long[6];
        for (int i = 0; i < 6; i++) {
            long v = 0;
            int base = off + (5 - i) * 8;
            for (int k = 0; k < 8; k++) v = (v << 8) | (in[base + k] & 0xff);
            t[i] = v;
        }
        if (compareLimbs(t, FqOps.Q_LIMBS) >= 0) return null;
        FqOps.mul(t, 0, t, 0, R2, 0);
        return new Fq(t);
    }

    /** Writes the canonical 48-byte big-endian encoding at out[off..off+48). */
    public void toBytesBE(byte[] out, int off) {
        writeLimbsBE(canonicalLimbs(), out, off);
    }

    public byte[] toBytesBE() {
        byte[] b = new byte[BYTES];
        toBytesBE(b, 0);
        return b;
    }

    @Override public Fq add(Fq o) { long[] t = new long[6]; FqOps.add(t, 0, l, 0, o.l, 0); return new Fq(t); }
    @Override public Fq sub(Fq o) { long[] t = new long[6]; FqOps.sub(t, 0, l, 0, o.l, 0); return new Fq(t); }
    @Override public Fq mul(Fq o) { long[] t = new long[6]; FqOps.mul(t, 0, l, 0, o.l, 0); return new Fq(t); }
    @Override public Fq square() { long[] t = new long[6]; FqOps.square(t, 0, l, 0); return new Fq(t); }
    @Override public Fq neg() { long[] t = new long[6]; FqOps.neg(t, 0, l, 0); return new Fq(t); }
    @Override public Fq dbl() { long[] t = new long[6]; FqOps.add(t, 0, l, 0, l, 0); return new Fq(t); }
    @Override public boolean isZero() { return FqOps.isZero(l, 0); }
    public boolean isOne() { return Arrays.equals(l, ONE.l); }

    /** Multiplicative inverse (0 maps to 0); see {@link FqInversion}. Not constant-time. */
    @Override
    public Fq inverse() {
        long[] t = new long[6];
        FqInversion.inverse(t, 0, l, 0);
        return new Fq(t);
    }

    /** Inverts all non-zero elements with one field inversion (Montgomery's trick); zeros stay zero. */
    public static Fq[] batchInverse(Fq[] in) {
        int n = in.length;
        Fq[] prefix = new Fq[n];
        Fq acc = ONE;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            if (!in[i].isZero()) acc = acc.mul(in[i]);
        }
        Fq inv = acc.inverse();
        Fq[] out = new Fq[n];
        for (int i = n - 1; i >= 0; i--) {
            if (in[i].isZero()) { out[i] = ZERO; continue; }
            out[i] = inv.mul(prefix[i]);
            inv = inv.mul(in[i]);
        }
        return out;
    }

    public Fq pow(BigInteger e) {
        if (e.signum() < 0) return inverse().pow(e.negate());
        Fq acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (e.testBit(i)) acc = acc.mul(this);
        }
        return acc;
    }

    /** Legendre symbol: 1 for a non-zero square, -1 for a non-square, 0 for zero. */
    public int legendre() {
        if (isZero()) return 0;
        return pow(HALF_MODULUS).isOne() ? 1 : -1;
    }

    /** A square root (q = 3 mod 4, so a^((q+1)/4)), or null if this is not a square. */
    public Fq sqrt() {
        Fq s = pow(SQRT_EXP);
        return s.square().equals(this) ? s : null;
    }

    /** True iff the canonical value exceeds (q-1)/2 (the zcash "sort" / sign convention). */
    public boolean isLexicographicallyLargest() {
        return toBigInteger().compareTo(HALF_MODULUS) > 0;
    }

    @Override public boolean equals(Object o) { return o instanceof Fq && Arrays.equals(l, ((Fq) o).l); }
    @Override public int hashCode() { return Arrays.hashCode(l); }
    @Override public String toString() { return "0x" + toBigInteger().toString(16); }

    // ---- limb helpers ----

    static long[] toLimbs(BigInteger v) {
        long[] t = new long[6];
        for (int i = 0; i < 6; i++) t[i] = v.shiftRight(64 * i).longValue();
        return t;
    }

    private static void writeLimbsBE(long[] t, byte[] out, int off) {
        for (int i = 0; i < 6; i++) {
            long v = t[i];
            int base = off + (5 - i) * 8;
            for (int k = 7; k >= 0; k--) { out[base + k] = (byte) v; v >>>= 8; }
        }
    }

    static int compareLimbs(long[] a, long[] b) {
        for (int i = 5; i >= 0; i--) {
            int c = Long.compareUnsigned(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
