package io.filprover.bls12381.curve.flat;

/**
 * Short-Weierstrass (a = 0) points in extended Jacobian "XYZZ" coordinates, x = X/ZZ, y = Y/ZZZ
 * with ZZ³ = ZZZ², as 4 field elements at an offset of a long[]; ZZ = 0 is the identity. The
 * formulas are madd-2008-s, add-2008-s and dbl-2008-s-1 (hyperelliptic.org EFD): cheaper than
 * plain Jacobian for the bucket sums. Equal inputs fall back to doubling, opposite ones give the
 * identity. Holds scratch space: one instance per thread.
 */
public final class XyzzOps {
    public final FieldOps f;
    /** Limbs per point (4 field elements). */
    public final int size;
    private final int l;
    private final long[] t;

    public XyzzOps(FieldOps f) {
        this.f = f;
        this.l = f.limbs;
        this.size = 4 * l;
        this.t = new long[10 * l];
    }

    public boolean isIdentity(long[] p, int po) {
        return f.isZero(p, po + 2 * l);
    }

    public void setIdentity(long[] p, int po) {
        java.util.Arrays.fill(p, po, po + size, 0L);
    }

    /** p ← affine (x, y) at a[ao]. */
    public void setAffine(long[] p, int po, long[] a, int ao) {
        System.arraycopy(a, ao, p, po, 2 * l);
        f.setOne(p, po + 2 * l);
        f.setOne(p, po + 3 * l);
    }

    /** p ← p + (x, y) at a[ao] (an affine point, never the identity). */
    public void addAffine(long[] p, int po, long[] a, int ao) {
        if (isIdentity(p, po)) {
            setAffine(p, po, a, ao);
            return;
        }
        int x1 = po, y1 = po + l, zz1 = po + 2 * l, zzz1 = po + 3 * l;
        long[] t = this.t;
        int u2 = 0, s2 = l, pp = 2 * l, ppp = 3 * l, q = 4 * l, r = 5 * l, e = 6 * l;
        f.mul(t, u2, a, ao, p, zz1);
        f.mul(t, s2, a, ao + l, p, zzz1);
        f.sub(t, u2, t, u2, p, x1);          // P = U2 − X1
        f.sub(t, r, t, s2, p, y1);           // R = S2 − Y1
        if (f.isZero(t, u2)) {
            if (f.isZero(t, r)) {
                dbl(p, po);
            } else {
                setIdentity(p, po);
            }
            return;
        }
        f.sqr(t, pp, t, u2);
        f.mul(t, ppp, t, pp, t, u2);
        f.mul(t, q, p, x1, t, pp);
        f.mul(p, zz1, p, zz1, t, pp);
        f.mul(p, zzz1, p, zzz1, t, ppp);
        f.sqr(t, e, t, r);                   // X3 = R² − PPP − 2Q
        f.sub(t, e, t, e, t, ppp);
        f.sub(t, e, t, e, t, q);
        f.sub(p, x1, t, e, t, q);
        f.sub(t, q, t, q, p, x1);            // Y3 = R(Q − X3) − Y1·PPP
        f.mul(t, q, t, q, t, r);
        f.mul(t, ppp, p, y1, t, ppp);
        f.sub(p, y1, t, q, t, ppp);
    }

    /** p ← p + o (both XYZZ). */
    public void add(long[] p, int po, long[] o, int oo) {
        if (isIdentity(o, oo)) {
            return;
        }
        if (isIdentity(p, po)) {
            System.arraycopy(o, oo, p, po, size);
            return;
        }
        int x1 = po, y1 = po + l, zz1 = po + 2 * l, zzz1 = po + 3 * l;
        int x2 = oo, y2 = oo + l, zz2 = oo + 2 * l, zzz2 = oo + 3 * l;
        long[] t = this.t;
        int u1 = 0, u2 = l, s1 = 2 * l, s2 = 3 * l, pp = 4 * l, ppp = 5 * l, q = 6 * l, r = 7 * l, e = 8 * l;
        f.mul(t, u1, p, x1, o, zz2);
        f.mul(t, u2, o, x2, p, zz1);
        f.mul(t, s1, p, y1, o, zzz2);
        f.mul(t, s2, o, y2, p, zzz1);
        f.sub(t, u2, t, u2, t, u1);          // P
        f.sub(t, r, t, s2, t, s1);           // R
        if (f.isZero(t, u2)) {
            if (f.isZero(t, r)) {
                dbl(p, po);
            } else {
                setIdentity(p, po);
            }
            return;
        }
        f.sqr(t, pp, t, u2);
        f.mul(t, ppp, t, pp, t, u2);
        f.mul(t, q, t, u1, t, pp);
        f.mul(p, zz1, p, zz1, o, zz2);
        f.mul(p, zz1, p, zz1, t, pp);
        f.mul(p, zzz1, p, zzz1, o, zzz2);
        f.mul(p, zzz1, p, zzz1, t, ppp);
        f.sqr(t, e, t, r);
        f.sub(t, e, t, e, t, ppp);
        f.sub(t, e, t, e, t, q);
        f.sub(p, x1, t, e, t, q);
        f.sub(t, q, t, q, p, x1);
        f.mul(t, q, t, q, t, r);
        f.mul(t, s1, t, s1, t, ppp);
        f.sub(p, y1, t, q, t, s1);
    }

    /** p ← 2p. */
    public void dbl(long[] p, int po) {
        if (isIdentity(p, po)) {
            return;
        }
        int x1 = po, y1 = po + l, zz1 = po + 2 * l, zzz1 = po + 3 * l;
        long[] t = this.t;
        int u = 0, v = l, w = 2 * l, s = 3 * l, m = 4 * l, e = 5 * l;
        f.add(t, u, p, y1, p, y1);           // U = 2Y
        f.sqr(t, v, t, u);                   // V = U²
        f.mul(t, w, t, u, t, v);             // W = U·V
        f.mul(t, s, p, x1, t, v);            // S = X·V
        f.sqr(t, m, p, x1);                  // M = 3X²
        f.add(t, e, t, m, t, m);
        f.add(t, m, t, e, t, m);
        f.mul(p, zz1, p, zz1, t, v);
        f.mul(p, zzz1, p, zzz1, t, w);
        f.mul(t, w, t, w, p, y1);            // W·Y (before Y is overwritten)
        f.sqr(t, e, t, m);                   // X3 = M² − 2S
        f.sub(t, e, t, e, t, s);
        f.sub(p, x1, t, e, t, s);
        f.sub(t, s, t, s, p, x1);            // Y3 = M(S − X3) − W·Y
        f.mul(t, s, t, s, t, m);
        f.sub(p, y1, t, s, t, w);
    }

    /** Writes the affine (x, y) of p to out[oo], all zeros for the identity. */
    public void toAffine(long[] p, int po, long[] out, int oo) {
        if (isIdentity(p, po)) {
            java.util.Arrays.fill(out, oo, oo + 2 * l, 0L);
            return;
        }
        long[] t = this.t;
        f.inverse(t, 0, p, po + 2 * l);
        f.inverse(t, l, p, po + 3 * l);
        f.mul(out, oo, p, po, t, 0);
        f.mul(out, oo + l, p, po + l, t, l);
    }
}
