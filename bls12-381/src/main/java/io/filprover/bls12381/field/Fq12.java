package io.filprover.bls12381.field;

import java.math.BigInteger;
import java.util.Random;

/**
 * Immutable element c0 + c1·w of Fq12 = Fq6[w]/(w² − v). In the 6-slot Fq2 view the element is
 * a0 + b0·w + a1·w² + b1·w³ + a2·w⁴ + b2·w⁵ with c0 = (a0, a1, a2), c1 = (b0, b1, b2).
 */
public final class Fq12 implements FqTowerElement<Fq12> {
    public static final Fq12 ZERO = new Fq12(Fq6.ZERO, Fq6.ZERO);
    public static final Fq12 ONE = new Fq12(Fq6.ONE, Fq6.ZERO);

    /** FROB_W[k] = ξ^((q^k − 1)/6): w^(q^k) = w·FROB_W[k]. Derived at class load. */
    private static final Fq2[] FROB_W = new Fq2[6];

    static {
        BigInteger q = Fq.MODULUS;
        for (int k = 0; k < 6; k++) {
            FROB_W[k] = Fq2.NON_RESIDUE.pow(q.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6)));
        }
    }

    public final Fq6 c0;
    public final Fq6 c1;

    public Fq12(Fq6 c0, Fq6 c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public static Fq12 random(Random rnd) {
        return new Fq12(Fq6.random(rnd), Fq6.random(rnd));
    }

    @Override public Fq12 add(Fq12 o) { return new Fq12(c0.add(o.c0), c1.add(o.c1)); }
    @Override public Fq12 sub(Fq12 o) { return new Fq12(c0.sub(o.c0), c1.sub(o.c1)); }
    @Override public Fq12 neg() { return new Fq12(c0.neg(), c1.neg()); }
    @Override public Fq12 dbl() { return add(this); }

    @Override
    public Fq12 mul(Fq12 o) {
        Fq6 t0 = c0.mul(o.c0);
        Fq6 t1 = c1.mul(o.c1);
        Fq6 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1);
        return new Fq12(t1.mulByV().add(t0), r1);
    }

    /** Complex squaring: 2 Fq6 multiplications. */
    @Override
    public Fq12 square() {
        Fq6 ab = c0.mul(c1);
        Fq6 r0 = c0.add(c1).mul(c0.add(c1.mulByV())).sub(ab).sub(ab.mulByV());
        return new Fq12(r0, ab.dbl());
    }

    /**
     * Product with the sparse element having Fq2 slots 0, 1 and 4 set: d0 + d1·w² + d4·w³, i.e.
     * c0 = (d0, d1, 0) and c1 = (0, d4, 0); the shape of the M-twist line functions.
     */
    public Fq12 mulBy014(Fq2 d0, Fq2 d1, Fq2 d4) {
        Fq6 aa = c0.mulBy01(d0, d1);
        Fq6 bb = c1.mulBy1(d4);
        Fq6 r1 = c1.add(c0).mulBy01(d0, d1.add(d4)).sub(aa).sub(bb);
        return new Fq12(bb.mulByV().add(aa), r1);
    }

    /** x ↦ x^(q^6): the inverse for elements of norm 1 (the cyclotomic subgroup). */
    public Fq12 conjugate() {
        return new Fq12(c0, c1.neg());
    }

    @Override
    public Fq12 inverse() {
        Fq6 t = c0.square().sub(c1.square().mulByV()).inverse();
        return new Fq12(c0.mul(t), c1.mul(t).neg());
    }

    /** x ↦ x^(q^power). */
    public Fq12 frobenius(int power) {
        int k = Math.floorMod(power, 12);
        if (k >= 6) return frobenius(k - 6).conjugate();
        return new Fq12(c0.frobenius(k), c1.frobenius(k).mul(FROB_W[k]));
    }

    public Fq12 pow(BigInteger e) {
        if (e.signum() < 0) return inverse().pow(e.negate());
        Fq12 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (e.testBit(i)) acc = acc.mul(this);
        }
        return acc;
    }

    /**
     * Granger–Scott squaring, valid only in the cyclotomic subgroup (norm to Fq6 equal to 1, e.g.
     * after the easy part of the final exponentiation). Views the element over Fq4 = Fq2[z]/(z² − ξ),
     * z = w³, as A + B·w + C·w² with A = (a0, b1), B = (b0, a2), C = (a1, b2); then
     * A' = 3A² − 2Ā, B' = 3zC² + 2B̄, C' = 3B² − 2C̄.
     */
    public Fq12 cyclotomicSquare() {
        Fq2 a0 = c0.c0, a1 = c0.c1, a2 = c0.c2, b0 = c1.c0, b1 = c1.c1, b2 = c1.c2;
        // A² = (x0, y0), B² = (x1, y1), C² = (x2, y2) in Fq4
        Fq2 t0 = a0.square(), t1 = b1.square();
        Fq2 x0 = t1.mulByNonResidue().add(t0);
        Fq2 y0 = a0.add(b1).square().sub(t0).sub(t1);
        t0 = b0.square(); t1 = a2.square();
        Fq2 x1 = t1.mulByNonResidue().add(t0);
        Fq2 y1 = b0.add(a2).square().sub(t0).sub(t1);
        t0 = a1.square(); t1 = b2.square();
        Fq2 x2 = t1.mulByNonResidue().add(t0);
        Fq2 y2 = a1.add(b2).square().sub(t0).sub(t1);
        // 3s − 2c = (s − c)·2 + s ; 3s + 2c = (s + c)·2 + s
        Fq2 na0 = x0.sub(a0).dbl().add(x0);
        Fq2 nb1 = y0.add(b1).dbl().add(y0);
        Fq2 zc = y2.mulByNonResidue(); // z·C² = (ξ·y2, x2)
        Fq2 nb0 = zc.add(b0).dbl().add(zc);
        Fq2 na2 = x2.sub(a2).dbl().add(x2);
        Fq2 na1 = x1.sub(a1).dbl().add(x1);
        Fq2 nb2 = y1.add(b2).dbl().add(y1);
        return new Fq12(new Fq6(na0, na1, na2), new Fq6(nb0, nb1, nb2));
    }

    @Override public boolean isZero() { return c0.isZero() && c1.isZero(); }
    public boolean isOne() { return c0.isOne() && c1.isZero(); }
    @Override public boolean equals(Object o) {
        return o instanceof Fq12 && c0.equals(((Fq12) o).c0) && c1.equals(((Fq12) o).c1);
    }
    @Override public int hashCode() { return c0.hashCode() * 31 + c1.hashCode(); }
    @Override public String toString() { return "Fq12(" + c0 + ", " + c1 + ")"; }
}
