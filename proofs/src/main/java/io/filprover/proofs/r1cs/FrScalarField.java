package io.filprover.proofs.r1cs;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;
import io.filprover.bls12381.domain.FrDomain;

/**
 * BLS12-381's Fr as a {@link ScalarField}: flat vectors hold the four Montgomery limbs of the
 * Kernels SPI, canonical form is the four little-endian limbs of the integer (the MSM exponents).
 */
public final class FrScalarField implements ScalarField<Fr> {
    public static final FrScalarField INSTANCE = new FrScalarField();

    private static final Fr MINUS_ONE = Fr.ONE.neg();

    private FrScalarField() {
    }

    @Override public Fr minusOne() { return MINUS_ONE; }
    @Override public boolean isOne(Fr a) { return a.equals(Fr.ONE); }

    @Override public Fr zero() { return Fr.ZERO; }
    @Override public Fr one() { return Fr.ONE; }
    @Override public Fr fromLong(long v) { return Fr.fromLong(v); }
    @Override public Fr add(Fr a, Fr b) { return a.add(b); }
    @Override public Fr sub(Fr a, Fr b) { return a.sub(b); }
    @Override public Fr mul(Fr a, Fr b) { return a.mul(b); }
    @Override public Fr neg(Fr a) { return a.neg(); }

    @Override
    public Fr inverse(Fr a) {
        if (a.isZero()) {
            throw new ArithmeticException("inverse of zero");
        }
        return a.inverse();
    }

    @Override public boolean isZero(Fr a) { return a.isZero(); }
    @Override public Fr omega(int logN) { return FrDomain.omega(logN); }
    @Override public Fr cosetGenerator() { return Fr.MULTIPLICATIVE_GENERATOR; }
    @Override public int limbs() { return FrOps.LIMBS; }
    @Override public void store(long[] out, int off, Fr a) { a.toMontgomeryLimbs(out, off); }
    @Override public Fr load(long[] in, int off) { return Fr.fromMontgomeryLimbs(in, off); }

    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FrOps.mul(r, ro, a, ao, b, bo);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FrOps.sub(r, ro, a, ao, b, bo);
    }

    @Override
    public void toCanonical(long[] out, int outOff, long[] in, int inOff, int n) {
        for (int i = 0; i < n; i++) {
            FrOps.toCanonical(out, outOff + 4 * i, in, inOff + 4 * i);
        }
    }
}
