package io.filprover.bls12381.curve.flat;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.FqInversion;
import io.filprover.bls12381.field.FqOps;

/** Fq, the coordinate field of G1: {@link FqOps} on 6 limbs. */
public final class FqFieldOps extends FieldOps {
    public FqFieldOps() {
        super(6, Fq.ONE.montgomeryLimbs());
    }

    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.mul(r, ro, a, ao, b, bo);
    }

    @Override
    public void sqr(long[] r, int ro, long[] a, int ao) {
        FqOps.square(r, ro, a, ao);
    }

    @Override
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.add(r, ro, a, ao, b, bo);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.sub(r, ro, a, ao, b, bo);
    }

    @Override
    public void neg(long[] r, int ro, long[] a, int ao) {
        FqOps.neg(r, ro, a, ao);
    }

    @Override
    public void inverse(long[] r, int ro, long[] a, int ao) {
        FqInversion.inverse(r, ro, a, ao);
    }

    @Override
    public FieldOps copy() {
        return new FqFieldOps();
    }
}
