package io.filprover.bls12381.curve.flat;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.FqOps;

/**
 * Fq2 = Fq[u]/(u² + 1), the coordinate field of G2, on 12 limbs (c0 then c1), built on
 * {@link FqOps}. Karatsuba multiplication (3 Fq products), complex squaring (2 products).
 */
public final class Fq2FieldOps extends FieldOps {
    private final FqFieldOps fq = new FqFieldOps();
    private final long[] t = new long[5 * 6];

    public Fq2FieldOps() {
        super(12, one());
    }

    private static long[] one() {
        long[] o = new long[12];
        System.arraycopy(Fq.ONE.montgomeryLimbs(), 0, o, 0, 6);
        return o;
    }

    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long[] t = this.t;
        FqOps.mul(t, 0, a, ao, b, bo);                // a0·b0
        FqOps.mul(t, 6, a, ao + 6, b, bo + 6);        // a1·b1
        FqOps.add(t, 12, a, ao, a, ao + 6);           // a0 + a1
        FqOps.add(t, 18, b, bo, b, bo + 6);           // b0 + b1
        FqOps.mul(t, 24, t, 12, t, 18);               // (a0 + a1)(b0 + b1)
        FqOps.sub(r, ro, t, 0, t, 6);                 // c0 = a0b0 − a1b1
        FqOps.sub(t, 24, t, 24, t, 0);
        FqOps.sub(r, ro + 6, t, 24, t, 6);            // c1 = (a0+a1)(b0+b1) − a0b0 − a1b1
    }

    @Override
    public void sqr(long[] r, int ro, long[] a, int ao) {
        long[] t = this.t;
        FqOps.add(t, 0, a, ao, a, ao + 6);            // a0 + a1
        FqOps.sub(t, 6, a, ao, a, ao + 6);            // a0 − a1
        FqOps.mul(t, 12, a, ao, a, ao + 6);           // a0·a1
        FqOps.mul(r, ro, t, 0, t, 6);                 // c0 = a0² − a1²
        FqOps.add(r, ro + 6, t, 12, t, 12);           // c1 = 2·a0·a1
    }

    @Override
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.add(r, ro, a, ao, b, bo);
        FqOps.add(r, ro + 6, a, ao + 6, b, bo + 6);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.sub(r, ro, a, ao, b, bo);
        FqOps.sub(r, ro + 6, a, ao + 6, b, bo + 6);
    }

    @Override
    public void neg(long[] r, int ro, long[] a, int ao) {
        FqOps.neg(r, ro, a, ao);
        FqOps.neg(r, ro + 6, a, ao + 6);
    }

    @Override
    public void inverse(long[] r, int ro, long[] a, int ao) {
        // (a0 + a1·u)⁻¹ = (a0 − a1·u) / (a0² + a1²)
        long[] t = this.t;
        FqOps.square(t, 0, a, ao);
        FqOps.square(t, 6, a, ao + 6);
        FqOps.add(t, 0, t, 0, t, 6);
        fq.inverse(t, 0, t, 0);
        FqOps.mul(t, 6, a, ao + 6, t, 0);
        FqOps.mul(r, ro, a, ao, t, 0);
        FqOps.neg(r, ro + 6, t, 6);
    }

    @Override
    public FieldOps copy() {
        return new Fq2FieldOps();
    }
}
