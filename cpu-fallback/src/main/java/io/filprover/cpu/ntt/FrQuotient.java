package io.filprover.cpu.ntt;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.math.BigInteger;

/**
 * {@link Kernels#quotientFr} as a composition of a backend's own NTT calls and the pointwise step on
 * the host, written once: the cpu backend runs it over its NTTs, a device backend over its device
 * NTTs when the three vectors do not fit its memory at once. Also the SPI's checks and zInv, which a
 * device path shares.
 */
public final class FrQuotient {
    /** Below this many elements the pointwise step runs on the calling thread. */
    public static final int PARALLEL_MIN = 1 << 14;

    private FrQuotient() {
    }

    /** The SPI's checks, before any work. */
    public static void check(long[] a, long[] b, long[] c, int logN) {
        if (logN < 0 || logN > FrDomain.TWO_ADICITY) {
            throw new IllegalArgumentException("domain size 2^" + logN + " is not supported (at most 2^32)");
        }
        long limbs = 4L << logN;
        for (long[] v : new long[][] {a, b, c}) {
            if (limbs > v.length) {
                throw new IndexOutOfBoundsException("2^" + logN + " elements do not fit an array of " + v.length + " limbs");
            }
        }
        if (a == b || a == c || b == c) {
            // one array transformed twice would give a wrong h without any error
            throw new IllegalArgumentException("quotientFr: a, b and c must be three distinct arrays");
        }
    }

    /** (g^n − 1)⁻¹ for g = 7 and n = 2^logN, in Montgomery limbs: 1/Z on the coset. */
    public static long[] zInverse(int logN) {
        Fr gn = FrDomain.COSET_GENERATOR.pow(BigInteger.ONE.shiftLeft(logN));
        return gn.sub(Fr.ONE).inverse().montgomeryLimbs();
    }

    /** The quotient through {@code k}'s NTT calls (seven of them) and the pointwise step on {@code pool}; checked first. */
    public static void compose(Kernels k, long[] a, long[] b, long[] c, int logN, WorkerPool pool) {
        check(a, b, c, logN);
        k.inttFr(a, 0, logN);
        k.inttFr(b, 0, logN);
        k.inttFr(c, 0, logN);
        k.cosetNttFr(a, 0, logN);
        k.cosetNttFr(b, 0, logN);
        k.cosetNttFr(c, 0, logN);
        pointwise(a, b, c, logN, pool);
        k.icosetNttFr(a, 0, logN);
    }

    /** a_j ← (a_j·b_j − c_j)·zInv over the coset evaluations, in parallel ranges on {@code pool}. */
    static void pointwise(long[] a, long[] b, long[] c, int logN, WorkerPool pool) {
        int n = 1 << logN;
        long[] zInv = zInverse(logN);
        pool.forRanges(n < PARALLEL_MIN ? 1 : pool.threads(), n, (part, from, to) -> {
            for (int k = from; k < to; k++) {
                int o = 4 * k;
                FrOps.mul(a, o, a, o, b, o);
                FrOps.sub(a, o, a, o, c, o);
                FrOps.mul(a, o, a, o, zInv, 0);
            }
        });
    }
}
