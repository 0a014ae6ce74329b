package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.FqTowerElement;
import java.math.BigInteger;

/**
 * Immutable point in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the identity), the blst_p1 /
 * blst_p2 representation. Formulas for a = 0 from the Explicit-Formulas Database:
 * dbl-2009-l, add-2007-bl, madd-2007-bl.
 */
public final class JacobianPoint<F extends FqTowerElement<F>> {
    final CurveSpec<F> curve;
    final F x;
    final F y;
    final F z;

    JacobianPoint(CurveSpec<F> curve, F x, F y, F z) {
        this.curve = curve;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    public CurveSpec<F> curve() { return curve; }
    public boolean isIdentity() { return z.isZero(); }

    public JacobianPoint<F> neg() {
        return new JacobianPoint<>(curve, x, y.neg(), z);
    }

    public JacobianPoint<F> dbl() {
        if (isIdentity()) return this;
        F a = x.square();
        F b = y.square();
        F c = b.square();
        F d = x.add(b).square().sub(a).sub(c).dbl();
        F e = a.dbl().add(a);
        F f = e.square();
        F x3 = f.sub(d.dbl());
        F c8 = c.dbl().dbl().dbl();
        F y3 = e.mul(d.sub(x3)).sub(c8);
        F z3 = y.mul(z).dbl();
        return new JacobianPoint<>(curve, x3, y3, z3);
    }

    public JacobianPoint<F> add(JacobianPoint<F> o) {
        if (isIdentity()) return o;
        if (o.isIdentity()) return this;
        F z1z1 = z.square();
        F z2z2 = o.z.square();
        F u1 = x.mul(z2z2);
        F u2 = o.x.mul(z1z1);
        F s1 = y.mul(o.z).mul(z2z2);
        F s2 = o.y.mul(z).mul(z1z1);
        F h = u2.sub(u1);
        F r = s2.sub(s1).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : curve.identity();
        }
        F i = h.dbl().square();
        F j = h.mul(i);
        F v = u1.mul(i);
        F x3 = r.square().sub(j).sub(v.dbl());
        F y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
        F z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
        return new JacobianPoint<>(curve, x3, y3, z3);
    }

    /** Mixed addition with an affine point (Z2 = 1). */
    public JacobianPoint<F> add(AffinePoint<F> o) {
        if (o.infinity) return this;
        if (isIdentity()) return o.toJacobian();
        F z1z1 = z.square();
        F u2 = o.x.mul(z1z1);
        F s2 = o.y.mul(z).mul(z1z1);
        F h = u2.sub(x);
        F r = s2.sub(y).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : curve.identity();
        }
        F hh = h.square();
        F i = hh.dbl().dbl();
        F j = h.mul(i);
        F v = x.mul(i);
        F x3 = r.square().sub(j).sub(v.dbl());
        F y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
        F z3 = z.add(h).square().sub(z1z1).sub(hh);
        return new JacobianPoint<>(curve, x3, y3, z3);
    }

    public JacobianPoint<F> sub(JacobianPoint<F> o) {
        return add(o.neg());
    }

    public AffinePoint<F> toAffine() {
        if (isIdentity()) return curve.infinity();
        F zi = z.inverse();
        F zi2 = zi.square();
        return new AffinePoint<>(curve, x.mul(zi2), y.mul(zi2).mul(zi), false);
    }

    /** Normalises many points with a single field inversion (Montgomery's trick). */
    @SuppressWarnings("unchecked")
    public static <F extends FqTowerElement<F>> AffinePoint<F>[] batchToAffine(JacobianPoint<F>[] pts) {
        int n = pts.length;
        AffinePoint<F>[] out = new AffinePoint[n];
        if (n == 0) return out;
        CurveSpec<F> curve = pts[0].curve;
        Object[] prefix = new Object[n];
        F acc = curve.one;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            if (!pts[i].isIdentity()) acc = acc.mul(pts[i].z);
        }
        F inv = acc.inverse();
        for (int i = n - 1; i >= 0; i--) {
            JacobianPoint<F> p = pts[i];
            if (p.isIdentity()) { out[i] = p.curve.infinity(); continue; }
            F zi = inv.mul((F) prefix[i]);
            inv = inv.mul(p.z);
            F zi2 = zi.square();
            out[i] = new AffinePoint<>(p.curve, p.x.mul(zi2), p.y.mul(zi2).mul(zi), false);
        }
        return out;
    }

    /** Y² = X³ + b·Z⁶. */
    public boolean isOnCurve() {
        if (isIdentity()) return true;
        F z2 = z.square();
        F z6 = z2.square().mul(z2);
        return y.square().equals(x.square().mul(x).add(curve.b.mul(z6)));
    }

    /** [k]P by left-to-right double-and-add; for short public scalars such as |x|. */
    public JacobianPoint<F> mulUnsigned(long k) {
        JacobianPoint<F> acc = curve.identity();
        for (int i = 63 - Long.numberOfLeadingZeros(k); i >= 0; i--) {
            acc = acc.dbl();
            if (((k >>> i) & 1) != 0) acc = acc.add(this);
        }
        return acc;
    }

    /** [k]P for any integer k (not reduced modulo the group order), width-5 wNAF over an affine table. */
    public JacobianPoint<F> mul(BigInteger k) {
        return ScalarMultiplier.mul(this, k);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JacobianPoint)) return false;
        @SuppressWarnings("unchecked")
        JacobianPoint<F> p = (JacobianPoint<F>) o;
        if (p.curve != curve) return false;
        if (isIdentity() || p.isIdentity()) return isIdentity() == p.isIdentity();
        F z1z1 = z.square(), z2z2 = p.z.square();
        if (!x.mul(z2z2).equals(p.x.mul(z1z1))) return false;
        return y.mul(z2z2).mul(p.z).equals(p.y.mul(z1z1).mul(z));
    }

    @Override public int hashCode() { return toAffine().hashCode(); }
    @Override public String toString() { return toAffine().toString(); }
}
