package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.FqTowerElement;
import java.util.Objects;

/** Immutable affine point; the point at infinity carries an explicit flag. */
public final class AffinePoint<F extends FqTowerElement<F>> {
    final CurveSpec<F> curve;
    public final F x;
    public final F y;
    final boolean infinity;

    AffinePoint(CurveSpec<F> curve, F x, F y, boolean infinity) {
        this.curve = curve;
        this.x = x;
        this.y = y;
        this.infinity = infinity;
    }

    /** A finite point; not checked (see {@link #isOnCurve()}). */
    public static <F extends FqTowerElement<F>> AffinePoint<F> of(CurveSpec<F> curve, F x, F y) {
        return new AffinePoint<>(curve, x, y, false);
    }

    public CurveSpec<F> curve() { return curve; }
    public boolean isInfinity() { return infinity; }

    public boolean isOnCurve() {
        return infinity || curve.satisfies(x, y);
    }

    public AffinePoint<F> neg() {
        return infinity ? this : new AffinePoint<>(curve, x, y.neg(), false);
    }

    public JacobianPoint<F> toJacobian() {
        return infinity ? curve.identity() : new JacobianPoint<>(curve, x, y, curve.one);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AffinePoint)) return false;
        AffinePoint<?> p = (AffinePoint<?>) o;
        if (p.curve != curve) return false;
        if (infinity || p.infinity) return infinity == p.infinity;
        return x.equals(p.x) && y.equals(p.y);
    }

    @Override public int hashCode() { return infinity ? 0 : Objects.hash(x, y); }
    @Override public String toString() { return infinity ? curve + "(infinity)" : curve + "(" + x + ", " + y + ")"; }
}
