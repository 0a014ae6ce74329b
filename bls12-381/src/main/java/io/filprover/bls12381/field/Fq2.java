package io.filprover.bls12381.field;

import java.math.BigInteger;
import java.util.Random;

/** Immutable element c0 + c1·u of Fq2 = Fq[u]/(u² + 1). */
public final class Fq2 implements FqTowerElement<Fq2> {
    public static final Fq2 ZERO = new Fq2(Fq.ZERO, Fq.ZERO);
    public static final Fq2 ONE = new Fq2(Fq.ONE, Fq.ZERO);
    /** ξ = u + 1, the non-residue defining Fq6 (v³ = ξ) and the G2 twist. */
    public static final Fq2 NON_RESIDUE = new Fq2(Fq.ONE, Fq.ONE);

    public final Fq c0;
    public final Fq c1;

    public Fq2(Fq c0, Fq c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public static Fq2 of(BigInteger c0, BigInteger c1) {
        return new Fq2(Fq.fromBigInteger(c0), Fq.fromBigInteger(c1));
    }

    public static Fq2 random(Random rnd) {
        return new Fq2(Fq.random(rnd), Fq.random(rnd));
    }

    @Override
    public Fq2 add(Fq2 o) {
        long[] a = new long[6], b = new long[6];
        FqOps.add(a, 0, c0.l, 0, o.c0.l, 0);
        FqOps.add(b, 0, c1.l, 0, o.c1.l, 0);
        return new Fq2(new Fq(a), new Fq(b));
    }

    @Override
    public Fq2 sub(Fq2 o) {
        long[] a = new long[6], b = new long[6];
        FqOps.sub(a, 0, c0.l, 0, o.c0.l, 0);
        FqOps.sub(b, 0, c1.l, 0, o.c1.l, 0);
        return new Fq2(new Fq(a), new Fq(b));
    }

    @Override
    public Fq2 dbl() {
        return add(this);
    }

    @Override
    public Fq2 neg() {
        long[] a = new long[6], b = new long[6];
        FqOps.neg(a, 0, c0.l, 0);
        FqOps.neg(b, 0, c1.l, 0);
        return new Fq2(new Fq(a), new Fq(b));
    }

    /** Karatsuba with one Montgomery reduction per coefficient ({@link Fq2Ops#mul}). */
    @Override
    public Fq2 mul(Fq2 o) {
        long[] a = new long[12], b = new long[12];
        System.arraycopy(c0.l, 0, a, 0, 6);
        System.arraycopy(c1.l, 0, a, 6, 6);
        System.arraycopy(o.c0.l, 0, b, 0, 6);
        System.arraycopy(o.c1.l, 0, b, 6, 6);
        Fq2Mul.mul(a, 0, a, 0, b, 0);
        return new Fq2(new Fq(java.util.Arrays.copyOfRange(a, 0, 6)), new Fq(java.util.Arrays.copyOfRange(a, 6, 12)));
    }

    /** (a + bu)² = (a + b)(a − b) + 2ab·u: 2 base-field multiplications, factors unreduced. */
    @Override
    public Fq2 square() {
        long[] t = new long[18], p = new long[6], ab = new long[6];
        FqOps.addUnreduced(t, 0, c0.l, 0, c1.l, 0);
        FqOps.subUnreduced(t, 6, c0.l, 0, c1.l, 0);
        FqOps.addUnreduced(t, 12, c0.l, 0, c0.l, 0);
        FqOps.mul(p, 0, t, 0, t, 6);
        FqOps.mul(ab, 0, t, 12, c1.l, 0);
        return new Fq2(new Fq(p), new Fq(ab));
    }

    /** Multiplies both coordinates by a base-field element. */
    public Fq2 mul(Fq f) {
        long[] a = new long[6], b = new long[6];
        FqOps.mul(a, 0, c0.l, 0, f.l, 0);
        FqOps.mul(b, 0, c1.l, 0, f.l, 0);
        return new Fq2(new Fq(a), new Fq(b));
    }

    /** Multiplication by ξ = u + 1: (a + bu)(1 + u) = (a − b) + (a + b)u. */
    public Fq2 mulByNonResidue() {
        long[] a = new long[6], b = new long[6];
        FqOps.sub(a, 0, c0.l, 0, c1.l, 0);
        FqOps.add(b, 0, c0.l, 0, c1.l, 0);
        return new Fq2(new Fq(a), new Fq(b));
    }

    public Fq2 conjugate() {
        return new Fq2(c0, c1.neg());
    }

    /** The q^power Frobenius: conjugation for odd powers, identity for even. */
    public Fq2 frobenius(int power) {
        return (power & 1) == 0 ? this : conjugate();
    }

    /** Norm c0² + c1² down to Fq. */
    public Fq norm() {
        return c0.square().add(c1.square());
    }

    @Override
    public Fq2 inverse() {
        Fq t = norm().inverse();
        return new Fq2(c0.mul(t), c1.mul(t).neg());
    }

    public Fq2 pow(BigInteger e) {
        if (e.signum() < 0) return inverse().pow(e.negate());
        Fq2 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (e.testBit(i)) acc = acc.mul(this);
        }
        return acc;
    }

    /** An element is a square in Fq2 iff its norm is a square in Fq. */
    public boolean isSquare() {
        return norm().legendre() >= 0;
    }

    /**
     * A square root, or null when none exists. Complex-number method: with n = sqrt(c0² + c1²),
     * x0² = (c0 ± n)/2 for the sign that gives a square, x1 = c1 / (2 x0).
     */
    public Fq2 sqrt() {
        if (isZero()) return ZERO;
        if (c1.isZero()) {
            Fq s = c0.sqrt();
            if (s != null) return new Fq2(s, Fq.ZERO);
            Fq t = c0.neg().sqrt(); // -c0 is a square: (t·u)² = -t² = c0
            return t == null ? null : new Fq2(Fq.ZERO, t);
        }
        Fq n = norm().sqrt();
        if (n == null) return null;
        Fq half = Fq.fromLong(2).inverse();
        Fq d = c0.add(n).mul(half);
        Fq x0 = d.sqrt();
        if (x0 == null) {
            d = c0.sub(n).mul(half);
            x0 = d.sqrt();
            if (x0 == null) return null;
        }
        Fq x1 = c1.mul(x0.dbl().inverse());
        Fq2 r = new Fq2(x0, x1);
        return r.square().equals(this) ? r : null;
    }

    /** zcash sort flag: c1 > (q−1)/2, or c1 = 0 and c0 > (q−1)/2. */
    public boolean isLexicographicallyLargest() {
        return c1.isZero() ? c0.isLexicographicallyLargest() : c1.isLexicographicallyLargest();
    }

    @Override public boolean isZero() { return c0.isZero() && c1.isZero(); }
    public boolean isOne() { return c0.isOne() && c1.isZero(); }
    @Override public boolean equals(Object o) {
        return o instanceof Fq2 && c0.equals(((Fq2) o).c0) && c1.equals(((Fq2) o).c1);
    }
    @Override public int hashCode() { return c0.hashCode() * 31 + c1.hashCode(); }
    @Override public String toString() { return "Fq2(" + c0 + " + " + c1 + "*u)"; }
}
