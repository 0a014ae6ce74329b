package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.FqTowerElement;

/** A short Weierstrass curve y² = x³ + b over a field of the Fq tower (a = 0, as for G1 and G2). */
public final class CurveSpec<F extends FqTowerElement<F>> {
    final String name;
    final F b;
    final F zero;
    final F one;

    CurveSpec(String name, F b, F zero, F one) {
        this.name = name;
        this.b = b;
        this.zero = zero;
        this.one = one;
    }

    public String name() { return name; }
    public F b() { return b; }

    public AffinePoint<F> infinity() {
        return new AffinePoint<>(this, zero, one, true);
    }

    public JacobianPoint<F> identity() {
        return new JacobianPoint<>(this, one, one, zero);
    }

    /** y² = x³ + b. */
    boolean satisfies(F x, F y) {
        return y.square().equals(x.square().mul(x).add(b));
    }

    @Override public String toString() { return name; }
}
