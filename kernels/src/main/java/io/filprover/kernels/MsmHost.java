package io.filprover.kernels;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.CurveSpec;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.MsmTerms;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.FqTowerElement;

import java.util.Arrays;

/**
 * The host side of the device G1 and G2 MSMs (Pippenger's bucket method, msm.cl and msm_g2.cl),
 * written once for every device backend.
 *
 * <p>Here: the SPI's checks and the density bitmap ({@link MsmTerms}: the selected scalars paired with
 * the dense bases, zero scalars and infinity bases dropped), the signed c-bit recoding of the scalars
 * (digits in [−2^(c−1), 2^(c−1)]) and, for every window and bucket, the list of terms whose digit is
 * ±bucket (a counting sort). On the device ({@link WindowSums}): one work item per (window, bucket)
 * sums its list in XYZZ coordinates ({@code msm_gN_bucket_sums}), then one work item per window forms
 * Σ b·B_b by running sums ({@code msm_gN_window_sums}), N the {@link Group}. Back here the window sums
 * are made affine and combined by Horner's rule (c doublings a window), and the result is made affine. Terms go to the
 * device in chunks of at most {@value #MAX_CHUNK}.
 */
public final class MsmHost {
    public static final int MAX_CHUNK = 1 << 20;
    private static final int SCALAR_BITS = 255;
    /** Work-group (block) size of the MSM kernels: they hold much per-item state (a G2 XYZZ point is 384 bytes). */
    public static final int GROUP_SIZE = 64;

    /** The group of an MSM: its point size and its kernels' name prefix. */
    public enum Group {
        G1(PointLimbs.G1, "msm_g1"),
        G2(PointLimbs.G2, "msm_g2");

        /** longs of an affine point (x, y) in the SPI's layout. */
        public final int pointLimbs;
        /** The kernels are {@code prefix + "_bucket_sums"} and {@code prefix + "_window_sums"}. */
        public final String kernelPrefix;

        Group(int pointLimbs, String kernelPrefix) {
            this.pointLimbs = pointLimbs;
            this.kernelPrefix = kernelPrefix;
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
        return SCALAR_BITS / c + 1;
    }

    /** Σ s_i·P_i as the SPI's msmG1 says, the terms sent to {@code device} in chunks of at most {@code maxChunk}. */
    public static void g1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, int maxChunk, WindowSums device) {
        JacobianPoint<Fq> acc = msm(Group.G1, G1.CURVE, MsmHost::fq, bases, basesOff, scalars, scalarsOff, count, density,
                out, outOff, maxChunk, device);
        PointLimbs.g1(acc.toAffine(), out, outOff);
    }

    /** Σ s_i·P_i as the SPI's msmG2 says, the terms sent to {@code device} in chunks of at most {@code maxChunk}. */
    public static void g2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff, int maxChunk, WindowSums device) {
        JacobianPoint<Fq2> acc = msm(Group.G2, G2.CURVE, MsmHost::fq2, bases, basesOff, scalars, scalarsOff, count, density,
                out, outOff, maxChunk, device);
        PointLimbs.g2(acc.toAffine(), out, outOff);
    }

    /** Reads a field element from Montgomery limbs. */
    private interface Decoder<F> {
        F read(long[] a, int off);
    }

    private static Fq fq(long[] a, int off) {
        return Fq.fromMontgomeryLimbs(Arrays.copyOfRange(a, off, off + 6));
    }

    private static Fq2 fq2(long[] a, int off) {
        return new Fq2(fq(a, off), fq(a, off + 6));
    }

    private static <F extends FqTowerElement<F>> JacobianPoint<F> msm(Group g, CurveSpec<F> curve, Decoder<F> field,
            long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff,
            int maxChunk, WindowSums device) {
        MsmTerms terms = MsmTerms.select(g.pointLimbs, bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        int m = terms.count();
        int[] scalarAt = terms.scalarOffsets();
        int[] baseAt = new int[m];
        for (int i = 0; i < m; i++) {
            baseAt[i] = basesOff + g.pointLimbs * terms.baseIndexes()[i];
        }
        JacobianPoint<F> acc = curve.identity();
        int chunk = Math.max(1, Math.min(MAX_CHUNK, maxChunk));
        for (int lo = 0; lo < m; lo += chunk) {
            int n = Math.min(chunk, m - lo);
            Buckets b = buckets(g, bases, scalars, Arrays.copyOfRange(scalarAt, lo, lo + n), Arrays.copyOfRange(baseAt, lo, lo + n), n);
            acc = acc.add(combine(curve, field, device.of(b), b));
        }
        return acc;
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
            recode(scalars, scalarAt[i], c, windows, digits, i * windows);
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

    /** Horner over the window sums from the top: acc = 2^c·acc + S_w. */
    static <F extends FqTowerElement<F>> JacobianPoint<F> combine(CurveSpec<F> curve, Decoder<F> field, long[] sums, Buckets b) {
        JacobianPoint<F> acc = curve.identity();
        int longs = b.group().xyzzWords() / 2;
        for (int w = b.windows() - 1; w >= 0; w--) {
            for (int k = 0; k < b.c() && !acc.isIdentity(); k++) {
                acc = acc.dbl();
            }
            acc = acc.add(xyzzToAffine(curve, field, sums, w * longs, longs / 4));
        }
        return acc;
    }

    /** The affine point of an XYZZ point (x, y, zz, zzz; {@code l} Montgomery limbs each) at p[off]. */
    private static <F extends FqTowerElement<F>> AffinePoint<F> xyzzToAffine(CurveSpec<F> curve, Decoder<F> field,
                                                                             long[] p, int off, int l) {
        F zz = field.read(p, off + 2 * l);
        if (zz.isZero()) {
            return curve.infinity();
        }
        F zzz = field.read(p, off + 3 * l);
        F x = field.read(p, off).mul(zz.inverse());
        F y = field.read(p, off + l).mul(zzz.inverse());
        return AffinePoint.of(curve, x, y);
    }

    /** Signed c-bit digits of the canonical scalar at s[so]: Σ digit_w·2^(cw) = scalar, digit ∈ [−2^(c−1), 2^(c−1)]. */
    public static void recode(long[] s, int so, int c, int windows, int[] out, int oo) {
        int half = 1 << (c - 1);
        long mask = (1L << c) - 1;
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
                d -= 1 << c;
                carry = 1;
            } else {
                carry = 0;
            }
            out[oo + w] = d;
        }
        if (carry != 0) {
            throw new IllegalStateException("msm: signed recoding left a carry (scalar not below 2^255)");
        }
    }
}
