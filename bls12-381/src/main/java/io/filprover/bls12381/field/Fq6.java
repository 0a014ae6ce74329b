package io.filprover.bls12381.field;

import java.math.BigInteger;
import java.util.Random;

/** Immutable element c0 + c1·v + c2·v² of Fq6 = Fq2[v]/(v³ − ξ), ξ = u + 1. */
public final class Fq6 implements FqTowerElement<Fq6> {
    public static final Fq6 ZERO = new Fq6(Fq2.ZERO, Fq2.ZERO, Fq2.ZERO);
    public static final Fq6 ONE = new Fq6(Fq2.ONE, Fq2.ZERO, Fq2.ZERO);

    /**
     * Frobenius constants, derived from ξ at class load: FROB_C1[k] = ξ^((q^k − 1)/3) (the factor
     * v picks up under x ↦ x^(q^k)) and FROB_C2[k] = ξ^(2(q^k − 1)/3) (the same for v²), k = 0..5.
     */
    private static final Fq2[] FROB_C1 = new Fq2[6];
    private static final Fq2[] FROB_C2 = new Fq2[6];

    static {
        BigInteger q = Fq.MODULUS;
        for (int k = 0; k < 6; k++) {
            BigInteger e = q.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
            FROB_C1[k] = Fq2.NON_RESIDUE.pow(e);
            FROB_C2[k] = FROB_C1[k].square();
        }
    }

    public final Fq2 c0;
    public final Fq2 c1;
    public final Fq2 c2;

    public Fq6(Fq2 c0, Fq2 c1, Fq2 c2) {
        this.c0 = c0;
        this.c1 = c1;
        this.c2 = c2;
    }

    public static Fq6 random(Random rnd) {
        return new Fq6(Fq2.random(rnd), Fq2.random(rnd), Fq2.random(rnd));
    }

    @Override public Fq6 add(Fq6 o) { return new Fq6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2)); }
    @Override public Fq6 sub(Fq6 o) { return new Fq6(c0.sub(o.c0), c1.sub(o.c1), c2.sub(o.c2)); }
    @Override public Fq6 neg() { return new Fq6(c0.neg(), c1.neg(), c2.neg()); }
    @Override public Fq6 dbl() { return add(this); }

    /** Karatsuba-style product: 6 Fq2 multiplications. */
    @Override
    public Fq6 mul(Fq6 o) {
        Fq2 t0 = c0.mul(o.c0);
        Fq2 t1 = c1.mul(o.c1);
        Fq2 t2 = c2.mul(o.c2);
        Fq2 r0 = c1.add(c2).mul(o.c1.add(o.c2)).sub(t1).sub(t2).mulByNonResidue().add(t0);
        Fq2 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1).add(t2.mulByNonResidue());
        Fq2 r2 = c0.add(c2).mul(o.c0.add(o.c2)).sub(t0).sub(t2).add(t1);
        return new Fq6(r0, r1, r2);
    }

    /** Chung–Hasan SQR2. */
    @Override
    public Fq6 square() {
        Fq2 s0 = c0.square();
        Fq2 s1 = c0.mul(c1).dbl();
        Fq2 s2 = c0.sub(c1).add(c2).square();
        Fq2 s3 = c1.mul(c2).dbl();
        Fq2 s4 = c2.square();
        return new Fq6(
                s3.mulByNonResidue().add(s0),
                s4.mulByNonResidue().add(s1),
                s1.add(s2).add(s3).sub(s0).sub(s4));
    }

    /** Product with b0 + b1·v (b2 = 0), as line functions need. */
    public Fq6 mulBy01(Fq2 b0, Fq2 b1) {
        Fq2 t0 = c0.mul(b0);
        Fq2 t1 = c1.mul(b1);
        Fq2 r0 = c1.add(c2).mul(b1).sub(t1).mulByNonResidue().add(t0);
        Fq2 r1 = c0.add(c1).mul(b0.add(b1)).sub(t0).sub(t1);
        Fq2 r2 = c0.add(c2).mul(b0).sub(t0).add(t1);
        return new Fq6(r0, r1, r2);
    }

    /** Product with b1·v. */
    public Fq6 mulBy1(Fq2 b1) {
        return new Fq6(c2.mul(b1).mulByNonResidue(), c0.mul(b1), c1.mul(b1));
    }

    /** Product with v: (c0, c1, c2) ↦ (ξ c2, c0, c1). */
    public Fq6 mulByV() {
        return new Fq6(c2.mulByNonResidue(), c0, c1);
    }

    public Fq6 mul(Fq2 s) {
        return new Fq6(c0.mul(s), c1.mul(s), c2.mul(s));
    }

    @Override
    public Fq6 inverse() {
        Fq2 a = c0.square().sub(c1.mul(c2).mulByNonResidue());
        Fq2 b = c2.square().mulByNonResidue().sub(c0.mul(c1));
        Fq2 c = c1.square().sub(c0.mul(c2));
        Fq2 f = c2.mul(b).add(c1.mul(c)).mulByNonResidue().add(c0.mul(a));
        Fq2 fi = f.inverse();
        return new Fq6(a.mul(fi), b.mul(fi), c.mul(fi));
    }

    /** x ↦ x^(q^power). */
    public Fq6 frobenius(int power) {
        int k = Math.floorMod(power, 6);
        return new Fq6(c0.frobenius(k), c1.frobenius(k).mul(FROB_C1[k]), c2.frobenius(k).mul(FROB_C2[k]));
    }

    @Override public boolean isZero() { return c0.isZero() && c1.isZero() && c2.isZero(); }
    public boolean isOne() { return c0.isOne() && c1.isZero() && c2.isZero(); }
    @Override public boolean equals(Object o) {
        if (!(o instanceof Fq6)) return false;
        Fq6 x = (Fq6) o;
        return c0.equals(x.c0) && c1.equals(x.c1) && c2.equals(x.c2);
    }
    @Override public int hashCode() { return (c0.hashCode() * 31 + c1.hashCode()) * 31 + c2.hashCode(); }
    @Override public String toString() { return "Fq6(" + c0 + ", " + c1 + ", " + c2 + ")"; }
}
