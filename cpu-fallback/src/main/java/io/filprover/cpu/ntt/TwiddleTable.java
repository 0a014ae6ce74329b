package io.filprover.cpu.ntt;

import io.filprover.bls12381.domain.FrDomain;
import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.math.BigInteger;

/**
 * Powers ω_L^j, j = 0 … 2^(L−1) (inclusive, the last one is −1), of the root of unity of the
 * largest domain 2^L asked for so far, as flat Montgomery limbs. One table serves every smaller
 * domain by striding (ω_n = ω_L^(2^(L−n))) and both directions (ω^−j = −ω^(n/2 − j)), so only
 * the largest is kept: 16·2^L bytes.
 */
final class TwiddleTable {
    private static volatile TwiddleTable largest;

    /** log2 of the domain whose root the table holds. */
    final int logL;
    /** 4·(2^(logL−1) + 1) limbs. */
    final long[] w;

    private TwiddleTable(int logL, long[] w) {
        this.logL = logL;
        this.w = w;
    }

    /** A table for a domain of at least 2^logN (logN ≥ 1), built on first use. */
    static TwiddleTable atLeast(int logN, WorkerPool pool) {
        TwiddleTable t = largest;
        if (t != null && t.logL >= logN) {
            return t;
        }
        synchronized (TwiddleTable.class) {
            t = largest;
            if (t == null || t.logL < logN) {
                t = build(Math.max(logN, 10), pool);
                largest = t;
            }
            return t;
        }
    }

    private static TwiddleTable build(int logL, WorkerPool pool) {
        int count = (1 << (logL - 1)) + 1;
        long[] w = new long[4 * count];
        Fr omega = FrDomain.omega(logL);
        long[] step = omega.montgomeryLimbs();
        int parts = count < (1 << 14) ? 1 : pool.threads();
        pool.forRanges(parts, count, (part, lo, hi) -> {
            // each range starts from ω^lo and steps by ω
            omega.pow(BigInteger.valueOf(lo)).toMontgomeryLimbs(w, 4 * lo);
            for (int j = lo + 1; j < hi; j++) {
                FrOps.mul(w, 4 * j, w, 4 * (j - 1), step, 0);
            }
        });
        return new TwiddleTable(logL, w);
    }
}
