package io.filprover.proofs.groth16;

import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.groth16.prover.PolynomialTransforms;

/**
 * bellperson's DummyEngine scalar field (tests/dummy_engine.rs): integers mod 64513, 2-adicity 10,
 * ROOT_OF_UNITY 57751, MULTIPLICATIVE_GENERATOR 5. One limb per element, canonical = internal.
 * Its transforms are a naive O(n²) DFT, independent of the Fr kernels.
 */
final class ToyField implements ScalarField<Long>, PolynomialTransforms {
    static final long P = 64513;
    static final long ROOT_OF_UNITY = 57751;
    static final int S = 10;
    static final long GENERATOR = 5;
    static final ToyField INSTANCE = new ToyField();

    static long mod(long x) {
        long r = x % P;
        return r < 0 ? r + P : r;
    }

    static long pow(long b, long e) {
        long r = 1;
        b = mod(b);
        while (e > 0) {
            if ((e & 1) != 0) {
                r = r * b % P;
            }
            b = b * b % P;
            e >>= 1;
        }
        return r;
    }

    static long inv(long a) {
        if (mod(a) == 0) {
            throw new ArithmeticException("inverse of zero");
        }
        return pow(a, P - 2);
    }

    @Override public Long zero() { return 0L; }
    @Override public Long one() { return 1L; }
    @Override public Long fromLong(long v) { return mod(v); }
    @Override public Long add(Long a, Long b) { return mod(a + b); }
    @Override public Long sub(Long a, Long b) { return mod(a - b); }
    @Override public Long mul(Long a, Long b) { return mod(a * b); }
    @Override public Long neg(Long a) { return mod(-a); }
    @Override public Long inverse(Long a) { return inv(a); }
    @Override public boolean isZero(Long a) { return a == 0; }

    @Override
    public Long omega(int logN) {
        return pow(ROOT_OF_UNITY, 1L << (S - logN));
    }

    @Override public Long cosetGenerator() { return GENERATOR; }
    @Override public int limbs() { return 1; }
    @Override public void store(long[] out, int off, Long a) { out[off] = a; }
    @Override public Long load(long[] in, int off) { return in[off]; }

    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        r[ro] = mod(a[ao] * b[bo]);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        r[ro] = mod(a[ao] - b[bo]);
    }

    @Override
    public void toCanonical(long[] out, int outOff, long[] in, int inOff, int n) {
        System.arraycopy(in, inOff, out, outOff, n);
    }

    // ---- naive transforms ----

    private static void dft(long[] a, long w) {
        int n = a.length;
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            long acc = 0;
            for (int j = 0; j < n; j++) {
                acc = mod(acc + a[j] * pow(w, (long) j * k));
            }
            out[k] = acc;
        }
        System.arraycopy(out, 0, a, 0, n);
    }

    private static void scale(long[] a, long c, long g) {
        long f = c;
        for (int j = 0; j < a.length; j++) {
            a[j] = mod(a[j] * f);
            f = mod(f * g);
        }
    }

    static void intt(long[] a, int logN) {
        dft(a, inv(INSTANCE.omega(logN)));
        scale(a, inv(a.length), 1);
    }

    static void cosetNtt(long[] a, int logN) {
        scale(a, 1, GENERATOR);
        dft(a, INSTANCE.omega(logN));
    }

    static void icosetNtt(long[] a, int logN) {
        intt(a, logN);
        scale(a, 1, inv(GENERATOR));
    }

    /** bellperson's sequence over this field, with the naive transforms. */
    @Override
    public void quotient(long[] a, long[] b, long[] c, int logN) {
        for (long[] v : new long[][] {a, b, c}) {
            intt(v, logN);
            cosetNtt(v, logN);
        }
        long zInv = inv(pow(GENERATOR, 1L << logN) - 1);
        for (int k = 0; k < a.length; k++) {
            a[k] = mod(mod(a[k] * b[k] - c[k]) * zInv);
        }
        icosetNtt(a, logN);
    }
}
