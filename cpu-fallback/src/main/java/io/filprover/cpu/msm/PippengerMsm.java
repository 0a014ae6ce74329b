package io.filprover.cpu.msm;

import io.filprover.cpu.concurrent.KernelThreads;
import io.filprover.cpu.curve.PointLimbs;
import io.filprover.cpu.field.FrOps;

import java.util.Arrays;

/**
 * The fast cpu multi-scalar multiplication (Pippenger's bucket method) over G1 and G2 with the
 * Kernels SPI's layout and density semantics. Scalars are recoded into signed c-bit digits
 * (buckets 1 … 2^(c−1), a negative digit adds −P), each window's buckets are filled by
 * {@link BatchAffineBuckets} (batch-affine tree reduction), windows run in parallel (handed out
 * dynamically to the threads) and are combined by c doublings each. c minimises an operation-count model for the
 * number of terms. Zero scalars and infinity bases are dropped up front; scalars must be
 * canonical (&lt; r). Large inputs are processed in chunks of at most {@value #MAX_CHUNK} terms
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
                          long[] out, int outOff, int threads) {
        msm(new FqFieldOps(), PointLimbs.G1, bases, basesOff, scalars, scalarsOff, count, density, out, outOff, threads);
    }

    public static void g2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, int threads) {
        msm(new Fq2FieldOps(), PointLimbs.G2, bases, basesOff, scalars, scalarsOff, count, density, out, outOff, threads);
    }

    /** The window size for m terms: minimises windows × (6 mul per batch-affine add × m + 24 mul per bucket). */
    static int windowBits(int m) {
        int best = 2;
        double bestCost = Double.MAX_VALUE;
        for (int c = 2; c <= MAX_C; c++) {
            double cost = windows(c) * (6.0 * m + 24.0 * (1 << (c - 1)) + 200.0 * (1 + Math.max(0, log2(m) - (c - 1))));
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    private static int log2(int m) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(1, m));
    }

    /** Windows of c bits covering 256 bits, enough for a scalar below 2^255 plus the final carry. */
    static int windows(int c) {
        return 255 / c + 1;
    }

    /** For tuning experiments: the window size to use instead of the model's choice (0 = model). */
    static int forcedWindowBits;
    /** For tests of the chunked path: the chunk size to use (0 = {@link #maxChunk}). */
    static int forcedMaxChunk;

    private static void msm(FieldOps f, int pointLimbs, long[] bases, int basesOff, long[] scalars, int scalarsOff,
                            int count, long[] density, long[] out, int outOff, int threads) {
        if (count < 0 || scalarsOff < 0 || (long) scalarsOff + 4L * count > scalars.length) {
            throw new IndexOutOfBoundsException("msm: " + count + " scalars do not fit at offset " + scalarsOff);
        }
        if (density != null && density.length < (count + 63) / 64) {
            throw new IndexOutOfBoundsException("msm: the density bitmap covers fewer than " + count + " scalars");
        }
        if (outOff < 0 || outOff + pointLimbs > out.length) {
            throw new IndexOutOfBoundsException("msm: no room for the result at offset " + outOff);
        }
        // pair scalars with bases (density order), dropping zero scalars and infinity bases
        int[] scalarIdx = new int[count];
        int[] baseIdx = new int[count];
        int m = 0;
        int base = 0;
        for (int i = 0; i < count; i++) {
            if (density != null && (density[i >>> 6] >>> (i & 63) & 1) == 0) {
                continue;
            }
            int b = base++;
            int so = scalarsOff + 4 * i;
            if (!FrOps.isReduced(scalars, so)) {
                throw new IllegalArgumentException("msm: scalar " + i + " is not below r");
            }
            if (FrOps.isZero(scalars, so)) {
                continue;
            }
            long bo = basesOff + (long) pointLimbs * b;
            if (bo < 0 || bo + pointLimbs > bases.length) {
                throw new IndexOutOfBoundsException("msm: base " + b + " is outside the bases array");
            }
            if (isZero(bases, (int) bo, pointLimbs)) {
                continue;
            }
            scalarIdx[m] = so;
            baseIdx[m] = b;
            m++;
        }
        XyzzOps xyzz = new XyzzOps(f);
        long[] acc = new long[xyzz.size];
        int maxChunk = forcedMaxChunk > 0 ? forcedMaxChunk : maxChunk(pointLimbs, threads);
        for (int lo = 0; lo < m; lo += maxChunk) {
            int n = Math.min(maxChunk, m - lo);
            long[] part = chunk(f, bases, basesOff, scalars, Arrays.copyOfRange(scalarIdx, lo, lo + n),
                    Arrays.copyOfRange(baseIdx, lo, lo + n), n, threads);
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

    private static boolean isZero(long[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (a[off + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The XYZZ sum of n terms (all scalars non-zero, all bases finite). */
    private static long[] chunk(FieldOps f, long[] bases, int basesOff, long[] scalars, int[] scalarIdx,
                                int[] baseIdx, int n, int threads) {
        int c = forcedWindowBits > 0 ? forcedWindowBits : windowBits(n);
        int windows = windows(c);
        int[] digits = new int[n * windows];
        int parts = n < 4096 ? 1 : threads;
        KernelThreads.forRanges(parts, n, (part, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                recode(scalars, scalarIdx[i], c, windows, digits, i * windows);
            }
        });
        XyzzOps xyzz = new XyzzOps(f);
        long[] sums = new long[windows * xyzz.size];
        // windows are handed out dynamically; each thread sorts into its own scratch
        KernelThreads.forChunks(threads, windows, () -> {
            BatchAffineBuckets buckets = new BatchAffineBuckets(f.copy(), n, c);
            return w -> buckets.windowSum(bases, basesOff, baseIdx, n, digits, windows, w, sums, w * xyzz.size);
        });
        // Horner over the windows, from the top: acc = 2^c·acc + S_w
        long[] acc = new long[xyzz.size];
        for (int w = windows - 1; w >= 0; w--) {
            for (int k = 0; k < c && w < windows - 1; k++) {
                xyzz.dbl(acc, 0);
            }
            xyzz.add(acc, 0, sums, w * xyzz.size);
        }
        return acc;
    }

    /** Signed c-bit digits of the scalar at s[so]: digit ∈ [−2^(c−1), 2^(c−1)], Σ digit_w·2^(cw) = scalar. */
    static void recode(long[] s, int so, int c, int windows, int[] out, int oo) {
        int half = 1 << (c - 1);
        int full = 1 << c;
        long mask = full - 1;
        int carry = 0;
        for (int w = 0; w < windows; w++) {
            int bit = w * c;
            int limb = bit >>> 6;
            long v = 0;
            if (limb < 4) {
                int sh = bit & 63;
                v = s[so + limb] >>> sh;
                if (sh + c > 64 && limb < 3) {
                    v |= s[so + limb + 1] << (64 - sh);
                }
                v &= mask;
            }
            int d = (int) v + carry;
            if (d > half) {
                d -= full;
                carry = 1;
            } else {
                carry = 0;
            }
            out[oo + w] = d;
        }
        if (carry != 0) {
            throw new IllegalStateException("signed recoding overflowed: scalar not below 2^255");
        }
    }
}
