package io.filprover.cpu.msm;

import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.curve.MsmTerms;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.curve.flat.FieldOps;
import io.filprover.bls12381.curve.flat.Fq2FieldOps;
import io.filprover.bls12381.curve.flat.FqFieldOps;
import io.filprover.bls12381.curve.flat.PippengerWindows;
import io.filprover.bls12381.curve.flat.XyzzOps;

import java.util.Arrays;

/**
 * The fast cpu multi-scalar multiplication (Pippenger's bucket method) over G1 and G2 with the
 * Kernels SPI's layout and density semantics. Scalars are recoded into signed c-bit digits
 * (buckets 1 … 2^(c−1), a negative digit adds −P), each window's buckets are filled by
 * {@link BatchAffineBuckets} (batch-affine tree reduction), windows run in parallel (handed out
 * dynamically to the threads) and are combined by c doublings each. c minimises an operation-count model for the
 * number of terms. Where the model says it pays, every term is first split by GLV ({@link
 * GlvSplit}: on G1 with φ, on G2 with ψ²) into two with 128-bit scalars. Zero scalars and
 * infinity bases are dropped up front; scalars must be canonical (&lt; r). Large inputs are
 * processed in chunks of at most {@value #MAX_CHUNK} terms
 * (fewer with many threads) to bound the scratch memory to about 512 MiB.
 */
public final class PippengerMsm {
    static final int MAX_CHUNK = 1 << 20;
    private static final int MIN_CHUNK = 1 << 14;
    private static final long SCRATCH_BYTES = 1L << 29;
    private static final int MAX_C = 16;

    private PippengerMsm() {
    }

    public static void g1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, WorkerPool pool) {
        msm(new FqFieldOps(), PointLimbs.G1, bases, basesOff, scalars, scalarsOff, count, density, out, outOff, pool);
    }

    public static void g2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, WorkerPool pool) {
        msm(new Fq2FieldOps(), PointLimbs.G2, bases, basesOff, scalars, scalarsOff, count, density, out, outOff, pool);
    }

    /** Bits of a canonical Fr scalar (below r &lt; 2^255). */
    static final int SCALAR_BITS = PippengerWindows.SCALAR_BITS;

    /** The window size for m terms of full-size scalars. */
    static int windowBits(int m) {
        return windowBits(m, SCALAR_BITS);
    }

    /** The window size for m terms of scalars below 2^bits: the c that minimises {@link #cost}. */
    static int windowBits(int m, int bits) {
        int best = 2;
        for (int c = 3; c <= MAX_C; c++) {
            if (cost(m, bits, c) < cost(m, bits, best)) {
                best = c;
            }
        }
        return best;
    }

    /** Operation-count model: windows × (6 mul per batch-affine add × m + 24 mul per bucket + carries). */
    static double cost(int m, int bits, int c) {
        return windows(c, bits) * (6.0 * m + 24.0 * (1 << (c - 1)) + 200.0 * (1 + Math.max(0, log2(m) - (c - 1))));
    }

    /**
     * Whether the GLV split pays for m terms: twice the points with 128-bit scalars against m with
     * 255-bit ones (the split itself, a few Fq multiplications and a short division a term, is left out).
     */
    static boolean glvPays(int m) {
        if (forcedGlv != 0) {
            return forcedGlv > 0;
        }
        int c2 = windowBits(2 * m, GlvSplit.SCALAR_BITS);
        return cost(2 * m, GlvSplit.SCALAR_BITS, c2) < cost(m, SCALAR_BITS, windowBits(m));
    }

    private static int log2(int m) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(1, m));
    }

    /** Windows of c bits for a scalar below 2^255 plus the final carry of the signed recoding. */
    static int windows(int c) {
        return windows(c, SCALAR_BITS);
    }

    /** Windows of c bits covering bits + 1 bits: a scalar below 2^bits plus the final carry. */
    static int windows(int c, int bits) {
        return PippengerWindows.windows(c, bits);
    }

    /** For tuning experiments: the window size to use instead of the model's choice (0 = model). */
    static int forcedWindowBits;
    /** For tests of the chunked path: the chunk size to use (0 = {@link #maxChunk}). */
    static int forcedMaxChunk;
    /** For tests and tuning: 1 forces the GLV split, −1 turns it off, 0 leaves it to {@link #glvPays}. */
    static int forcedGlv;

    private static void msm(FieldOps f, int pointLimbs, long[] bases, int basesOff, long[] scalars, int scalarsOff,
                            int count, long[] density, long[] out, int outOff, WorkerPool pool) {
        int threads = pool.threads();
        // pair scalars with bases (density order), dropping zero scalars and infinity bases
        MsmTerms terms = MsmTerms.select(pointLimbs, bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        int[] scalarIdx = terms.scalarOffsets();
        int[] baseIdx = terms.baseIndexes();
        int m = terms.count();
        XyzzOps xyzz = new XyzzOps(f);
        long[] acc = new long[xyzz.size];
        int maxChunk = forcedMaxChunk > 0 ? forcedMaxChunk : maxChunk(pointLimbs, threads);
        boolean glv = glvPays(Math.min(m, maxChunk));
        if (glv) {
            maxChunk = Math.max(1, maxChunk / 2); // each term becomes two points
        }
        for (int lo = 0; lo < m; lo += maxChunk) {
            int n = Math.min(maxChunk, m - lo);
            int[] si = Arrays.copyOfRange(scalarIdx, lo, lo + n);
            int[] bi = Arrays.copyOfRange(baseIdx, lo, lo + n);
            long[] part = glv ? glvChunk(f, pointLimbs, bases, basesOff, scalars, si, bi, n, pool)
                    : chunk(f, bases, basesOff, scalars, si, bi, n, SCALAR_BITS, pool);
            xyzz.add(acc, 0, part, 0);
        }
        xyzz.toAffine(acc, 0, out, outOff);
    }

    /**
     * Terms per chunk: every thread holds a sorted copy of the chunk's points, so the chunk shrinks
     * with more threads and bigger points to keep that scratch near {@value #SCRATCH_BYTES} bytes.
     */
    static int maxChunk(int pointLimbs, int threads) {
        long perTerm = (long) Math.max(1, threads) * pointLimbs * 8;
        long terms = Long.highestOneBit(Math.max(1, SCRATCH_BYTES / perTerm));
        return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, terms));
    }

    /**
     * The XYZZ sum of n terms through the GLV split: term i becomes k1·P_i + k2·[D]P_i, so the
     * bucket method runs over 2n points with 128-bit scalars.
     */
    private static long[] glvChunk(FieldOps f, int pl, long[] bases, int basesOff, long[] scalars, int[] scalarIdx,
                                   int[] baseIdx, int n, WorkerPool pool) {
        long[] points = new long[2 * n * pl];
        long[] halves = new long[2 * n * 4];
        int[] halfIdx = new int[2 * n];
        int[] pointIdx = new int[2 * n];
        pool.forRanges(n < 4096 ? 1 : pool.threads(), n, (part, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int src = basesOff + pl * baseIdx[i];
                System.arraycopy(bases, src, points, 2 * i * pl, pl);
                if (pl == PointLimbs.G1) {
                    GlvSplit.g1TimesD(bases, src, points, (2 * i + 1) * pl);
                } else {
                    GlvSplit.g2TimesD(bases, src, points, (2 * i + 1) * pl);
                }
                GlvSplit.splitScalar(scalars, scalarIdx[i], halves, 8 * i, 8 * i + 4);
                halfIdx[2 * i] = 8 * i;
                halfIdx[2 * i + 1] = 8 * i + 4;
                pointIdx[2 * i] = 2 * i;
                pointIdx[2 * i + 1] = 2 * i + 1;
            }
        });
        return chunk(f, points, 0, halves, halfIdx, pointIdx, 2 * n, GlvSplit.SCALAR_BITS, pool);
    }

    /** The XYZZ sum of n terms with scalars below 2^bits (bases finite; zero scalars add nothing). */
    private static long[] chunk(FieldOps f, long[] bases, int basesOff, long[] scalars, int[] scalarIdx,
                                int[] baseIdx, int n, int bits, WorkerPool pool) {
        int c = forcedWindowBits > 0 ? forcedWindowBits : windowBits(n, bits);
        int windows = windows(c, bits);
        int[] digits = new int[n * windows];
        int parts = n < 4096 ? 1 : pool.threads();
        pool.forRanges(parts, n, (part, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                PippengerWindows.recode(digits, i * windows, scalars, scalarIdx[i], c, windows);
            }
        });
        XyzzOps xyzz = new XyzzOps(f);
        long[] sums = new long[windows * xyzz.size];
        // windows are handed out dynamically; each thread sorts into its own scratch
        pool.forChunks(pool.threads(), windows, () -> {
            BatchAffineBuckets buckets = new BatchAffineBuckets(f.copy(), n, c);
            return w -> buckets.windowSum(bases, basesOff, baseIdx, n, digits, windows, w, sums, w * xyzz.size);
        });
        long[] acc = new long[xyzz.size];
        PippengerWindows.combine(acc, 0, sums, 0, windows, c, xyzz);
        return acc;
    }
}
