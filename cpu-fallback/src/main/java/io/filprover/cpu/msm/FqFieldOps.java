package io.filprover.cpu.msm;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.FqInversion;
import io.filprover.bls12381.field.FqOps;

/** Fq, the coordinate field of G1: {@link FqOps} on 6 limbs. */
final class FqFieldOps extends FieldOps {
    FqFieldOps() {
        super(6, Fq.ONE.montgomeryLimbs());
    }

    @Override
    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.mul(r, ro, a, ao, b, bo);
    }

    @Override
    void sqr(long[] r, int ro, long[] a, int ao) {
        FqOps.square(r, ro, a, ao);
    }

    @Override
    void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.add(r, ro, a, ao, b, bo);
    }

    @Override
    void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FqOps.sub(r, ro, a, ao, b, bo);
    }

    @Override
    void neg(long[] r, int ro, long[] a, int ao) {
        FqOps.neg(r, ro, a, ao);
    }

    @Override
    void inverse(long[] r, int ro, long[] a, int ao) {
        FqInversion.inverse(r, ro, a, ao);
    }

    @Override
    FieldOps copy() {
        return new FqFieldOps();
    }
}
