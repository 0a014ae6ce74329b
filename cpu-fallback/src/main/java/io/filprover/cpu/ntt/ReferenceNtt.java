package io.filprover.cpu.ntt;

import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

/**
 * A plain single-threaded radix-2 NTT over flat Montgomery limbs: bit reversal, then log n
 * butterfly passes. The oracle the optimised kernels are tested against.
 */
public final class ReferenceNtt {
    private ReferenceNtt() {
    }

    public static void ntt(long[] a, int off, int logN) {
        transform(a, off, logN, FrDomain.omega(logN));
    }

    public static void intt(long[] a, int off, int logN) {
        transform(a, off, logN, FrDomain.omega(logN).inverse());
        scale(a, off, 1 << logN, Fr.fromLong(1L << logN).inverse(), Fr.ONE);
    }

    public static void cosetNtt(long[] a, int off, int logN) {
        scale(a, off, 1 << logN, Fr.ONE, FrDomain.COSET_GENERATOR);
        ntt(a, off, logN);
    }

    public static void icosetNtt(long[] a, int off, int logN) {
        intt(a, off, logN);
        scale(a, off, 1 << logN, Fr.ONE, FrDomain.COSET_GENERATOR.inverse());
    }

    /** a_j ← a_j · c · g^j. */
    static void scale(long[] a, int off, int n, Fr c, Fr g) {
        long[] f = c.montgomeryLimbs();
        long[] step = g.montgomeryLimbs();
        for (int j = 0; j < n; j++) {
            FrOps.mul(a, off + 4 * j, a, off + 4 * j, f, 0);
            FrOps.mul(f, 0, f, 0, step, 0);
        }
    }

    static void transform(long[] a, int off, int logN, Fr omega) {
        int n = 1 << logN;
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> (32 - logN);
            if (logN > 0 && i < j) {
                for (int k = 0; k < 4; k++) {
                    long t = a[off + 4 * i + k];
                    a[off + 4 * i + k] = a[off + 4 * j + k];
                    a[off + 4 * j + k] = t;
                }
            }
        }
        long[] t = new long[4];
        for (int s = 1; s <= logN; s++) {
            int m = 1 << s;
            int half = m >>> 1;
            Fr wm = omega.pow(java.math.BigInteger.valueOf(n / m));
            long[] wStep = wm.montgomeryLimbs();
            for (int k = 0; k < n; k += m) {
                long[] w = Fr.ONE.montgomeryLimbs();
                for (int j = 0; j < half; j++) {
                    int u = off + 4 * (k + j);
                    int v = off + 4 * (k + j + half);
                    FrOps.mul(t, 0, a, v, w, 0);
                    FrOps.sub(a, v, a, u, t, 0);
                    FrOps.add(a, u, a, u, t, 0);
                    FrOps.mul(w, 0, w, 0, wStep, 0);
                }
            }
        }
    }
}
