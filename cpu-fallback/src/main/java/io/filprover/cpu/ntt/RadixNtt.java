package io.filprover.cpu.ntt;

import io.filprover.bls12381.domain.FrDomain;
import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.math.BigInteger;

/**
 * The fast cpu NTT over Fr: in place on flat Montgomery limbs, natural order in and out.
 * Bit-reversal permutation, then iterative radix-2 decimation-in-time passes with twiddles read
 * from a precomputed {@link TwiddleTable}. The first {@value #BLOCK_LOG} passes run block by block
 * (a 2^{@value #BLOCK_LOG}-element block stays in L2 for all of them); each later pass is split
 * into contiguous butterfly ranges. Threads work on disjoint ranges; passes are separated by a
 * join. The inner loops allocate nothing.
 */
public final class RadixNtt {
    /** log2 of the block size of the cache-blocked first passes (4096 elements = 128 KiB). */
    static final int BLOCK_LOG = 12;
    /** log2 of the butterflies per work chunk of the later passes. */
    private static final int CHUNK_LOG = 11;
    /** Below this size threading costs more than it saves. */
    private static final int PARALLEL_MIN_LOG = 12;

    private RadixNtt() {
    }

    public static void ntt(long[] a, int off, int logN, WorkerPool pool) {
        check(a, off, logN);
        transform(a, off, logN, false, pool);
    }

    /** The inverse NTT including the n⁻¹ scaling. */
    public static void intt(long[] a, int off, int logN, WorkerPool pool) {
        check(a, off, logN);
        transform(a, off, logN, true, pool);
        scale(a, off, logN, nInverse(logN), Fr.ONE, pool);
    }

    public static void cosetNtt(long[] a, int off, int logN, WorkerPool pool) {
        check(a, off, logN);
        scale(a, off, logN, Fr.ONE, FrDomain.COSET_GENERATOR, pool);
        transform(a, off, logN, false, pool);
    }

    /** The inverse NTT, then a_j ← a_j·g^(−j); the n⁻¹ factor rides along in the same pass. */
    public static void icosetNtt(long[] a, int off, int logN, WorkerPool pool) {
        check(a, off, logN);
        transform(a, off, logN, true, pool);
        scale(a, off, logN, nInverse(logN), FrDomain.COSET_GENERATOR.inverse(), pool);
    }

    private static Fr nInverse(int logN) {
        return Fr.fromBigInteger(BigInteger.ONE.shiftLeft(logN)).inverse();
    }

    private static void check(long[] a, int off, int logN) {
        if (logN < 0 || logN > FrDomain.TWO_ADICITY) {
            throw new IllegalArgumentException("domain size 2^" + logN + " is not supported (at most 2^32)");
        }
        if (off < 0 || (long) off + (4L << logN) > a.length) {
            throw new IndexOutOfBoundsException("2^" + logN + " elements at offset " + off
                    + " do not fit an array of " + a.length + " limbs");
        }
    }

    private static int parts(int logN, int threads) {
        return logN < PARALLEL_MIN_LOG ? 1 : Math.max(1, threads);
    }

    /** a_j ← a_j · c · g^j; each range starts from c·g^lo. */
    static void scale(long[] a, int off, int logN, Fr c, Fr g, WorkerPool pool) {
        int n = 1 << logN;
        long[] step = g.montgomeryLimbs();
        boolean constant = g.equals(Fr.ONE);
        pool.forRanges(parts(logN, pool.threads()), n, (part, lo, hi) -> {
            long[] f = c.mul(g.pow(BigInteger.valueOf(lo))).montgomeryLimbs();
            for (int j = lo; j < hi; j++) {
                FrOps.mul(a, off + 4 * j, a, off + 4 * j, f, 0);
                if (!constant) {
                    FrOps.mul(f, 0, f, 0, step, 0);
                }
            }
        });
    }

    /** The unscaled transform with ω (forward) or ω⁻¹ (inverse). */
    static void transform(long[] a, int off, int logN, boolean inverse, WorkerPool pool) {
        if (logN == 0) {
            return;
        }
        int n = 1 << logN;
        int parts = parts(logN, pool.threads());
        TwiddleTable table = TwiddleTable.atLeast(logN, pool);
        bitReverse(a, off, logN, parts, pool);
        int blockLog = Math.min(logN, BLOCK_LOG);
        int blocks = n >>> blockLog;
        // chunks are handed out dynamically: a thread slowed by other load does fewer of them
        pool.forChunks(parts, blocks, () -> blk -> {
            int bLo = (blk << blockLog) >>> 1;
            int bHi = bLo + (1 << (blockLog - 1));
            for (int s = 1; s <= blockLog; s++) {
                FrButterflies.pass(a, off, table, s, inverse, bLo, bHi);
            }
        });
        int half = n >>> 1;
        int chunkLog = Math.min(logN - 1, CHUNK_LOG);
        int chunks = half >>> chunkLog;
        for (int s = blockLog + 1; s <= logN; s++) {
            final int stage = s;
            pool.forChunks(parts, chunks, () -> c -> FrButterflies.pass(a, off, table, stage, inverse,
                    c << chunkLog, (c + 1) << chunkLog));
        }
    }

    static void bitReverse(long[] a, int off, int logN, int parts, WorkerPool pool) {
        int n = 1 << logN;
        int shift = 32 - logN;
        pool.forRanges(parts, n, (part, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    int x = off + 4 * i;
                    int y = off + 4 * j;
                    long t0 = a[x], t1 = a[x + 1], t2 = a[x + 2], t3 = a[x + 3];
                    a[x] = a[y];
                    a[x + 1] = a[y + 1];
                    a[x + 2] = a[y + 2];
                    a[x + 3] = a[y + 3];
                    a[y] = t0;
                    a[y + 1] = t1;
                    a[y + 2] = t2;
                    a[y + 3] = t3;
                }
            }
        });
    }
}
