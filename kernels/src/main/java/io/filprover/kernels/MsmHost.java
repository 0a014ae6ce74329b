package io.filprover.kernels;

import io.filprover.bls12381.curve.MsmTerms;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.curve.flat.FieldOps;
import io.filprover.bls12381.curve.flat.Fq2FieldOps;
import io.filprover.bls12381.curve.flat.FqFieldOps;
import io.filprover.bls12381.curve.flat.PippengerWindows;
import io.filprover.bls12381.curve.flat.XyzzOps;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The host side of the device G1 and G2 MSMs (Pippenger's bucket method, msm.cl and msm_g2.cl),
 * written once for every device backend.
 *
 * <p>Here: the SPI's checks and the density bitmap ({@link MsmTerms}: the selected scalars paired with
 * the dense bases, zero scalars and infinity bases dropped), the signed c-bit recoding of the scalars
 * (digits in [−2^(c−1), 2^(c−1)]) and, for every window and bucket, the list of terms whose digit is
 * ±bucket (a counting sort). On the device ({@link WindowSums}): one work item per (window, bucket)
 * sums its list in XYZZ coordinates ({@code msm_gN_bucket_sums}), then one work item per window forms
 * Σ b·B_b by running sums ({@code msm_gN_window_sums}), N the {@link Group}. Back here the XYZZ window
 * sums (the device's layout is {@link XyzzOps}'s) are combined by Horner's rule ({@link PippengerWindows#combine},
 * c doublings a window, as the cpu backend does), the chunks added and the result made affine. Terms go to the
 * device in chunks of at most {@value #MAX_CHUNK}.
 */
public final class MsmHost {
    public static final int MAX_CHUNK = 1 << 20;
    /** Work-group (block) size of the MSM kernels: they hold much per-item state (a G2 XYZZ point is 384 bytes). */
    public static final int GROUP_SIZE = 64;

    /** The group of an MSM: its point size, its kernels' name prefix and its coordinate field. */
    public enum Group {
        G1(PointLimbs.G1, "msm_g1", FqFieldOps::new),
        G2(PointLimbs.G2, "msm_g2", Fq2FieldOps::new);

        /** longs of an affine point (x, y) in the SPI's layout. */
        public final int pointLimbs;
        /** The kernels are {@code prefix + "_bucket_sums"} and {@code prefix + "_window_sums"}. */
        public final String kernelPrefix;
        private final Supplier<FieldOps> field;

        Group(int pointLimbs, String kernelPrefix, Supplier<FieldOps> field) {
            this.pointLimbs = pointLimbs;
            this.kernelPrefix = kernelPrefix;
            this.field = field;
        }

        /** u32 words of an XYZZ point on the device: four coordinates of pointLimbs / 2 longs each. */
        public int xyzzWords() {
            return 4 * pointLimbs;
        }
    }

    /**
     * One chunk's device input: {@code bases} the chunk's affine bases packed densely, {@code entries}
     * (term << 1 | negative) sorted by group, group g = window · buckets + bucket − 1 owning
     * entries[starts[g] .. starts[g + 1]).
     */
    public record Buckets(Group group, int c, int windows, int buckets, long[] bases, int[] entries, int[] starts) {
        public int groups() {
            return windows * buckets;
        }
    }

    /** The device's part: the XYZZ window sums (windows × xyzzWords / 2 longs) of one chunk. */
    @FunctionalInterface
    public interface WindowSums {
        long[] of(Buckets b);
    }

    private MsmHost() {
    }

    /** Window bits for n terms: the c minimising windows × (n bucket additions + 2^c reduction additions). */
    public static int windowBits(int n) {
        int best = 2;
        for (int c = 3; c <= 16; c++) {
            if (cost(n, c) < cost(n, best)) {
                best = c;
            }
        }
        return best;
    }

    private static long cost(int n, int c) {
        return (long) windows(c) * ((long) n + (1L << c));
    }

    /** Windows of c bits for a scalar below 2^255 with signed digits (the top one absorbs the last carry). */
    public static int windows(int c) {
        return PippengerWindows.windows(c, PippengerWindows.SCALAR_BITS);
    }

    /** Σ s_i·P_i as the SPI's msmG1 says, the terms sent to {@code device} in chunks of at most {@code maxChunk}. */
    public static void g1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, int maxChunk, WindowSums device) {
        msm(Group.G1, bases, basesOff, scalars, scalarsOff, count, density, out, outOff, maxChunk, device);
    }

    /** Σ s_i·P_i as the SPI's msmG2 says, the terms sent to {@code device} in chunks of at most {@code maxChunk}. */
    public static void g2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, int maxChunk, WindowSums device) {
        msm(Group.G2, bases, basesOff, scalars, scalarsOff, count, density, out, outOff, maxChunk, device);
    }

    private static void msm(Group g, long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                            long[] out, int outOff, int maxChunk, WindowSums device) {
        MsmTerms terms = MsmTerms.select(g.pointLimbs, bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        int m = terms.count();
        int[] scalarAt = terms.scalarOffsets();
        int[] baseAt = new int[m];
        for (int i = 0; i < m; i++) {
            baseAt[i] = basesOff + g.pointLimbs * terms.baseIndexes()[i];
        }
        XyzzOps xyzz = new XyzzOps(g.field.get());
        long[] acc = new long[xyzz.size];
        long[] part = new long[xyzz.size];
        int chunk = Math.max(1, Math.min(MAX_CHUNK, maxChunk));
        for (int lo = 0; lo < m; lo += chunk) {
            int n = Math.min(chunk, m - lo);
            Buckets b = buckets(g, bases, scalars, Arrays.copyOfRange(scalarAt, lo, lo + n), Arrays.copyOfRange(baseAt, lo, lo + n), n);
            PippengerWindows.combine(part, 0, device.of(b), 0, b.windows(), b.c(), xyzz);
            xyzz.add(acc, 0, part, 0);
        }
        xyzz.toAffine(acc, 0, out, outOff);
    }

    /** The recoded, sorted terms of one chunk of n finite bases with non-zero scalars. */
    static Buckets buckets(Group group, long[] bases, long[] scalars, int[] scalarAt, int[] baseAt, int n) {
        int c = windowBits(n);
        int windows = windows(c);
        int buckets = 1 << (c - 1);
        int groups = windows * buckets;
        int[] digits = new int[n * windows];
        int[] starts = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            PippengerWindows.recode(digits, i * windows, scalars, scalarAt[i], c, windows);
            for (int w = 0; w < windows; w++) {
                int d = digits[i * windows + w];
                if (d != 0) {
                    starts[w * buckets + Math.abs(d)]++; // counts at g + 1
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            starts[g + 1] += starts[g];
        }
        int[] entries = new int[Math.max(1, starts[groups])];
        int[] fill = Arrays.copyOf(starts, groups);
        for (int i = 0; i < n; i++) {
            for (int w = 0; w < windows; w++) {
                int d = digits[i * windows + w];
                if (d != 0) {
                    entries[fill[w * buckets + Math.abs(d) - 1]++] = i << 1 | (d < 0 ? 1 : 0);
                }
            }
        }
        int pl = group.pointLimbs;
        long[] packed = new long[n * pl];
        for (int i = 0; i < n; i++) {
            System.arraycopy(bases, baseAt[i], packed, i * pl, pl);
        }
        return new Buckets(group, c, windows, buckets, packed, entries, starts);
    }
}
