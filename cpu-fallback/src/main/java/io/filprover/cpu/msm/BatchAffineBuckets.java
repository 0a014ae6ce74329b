package io.filprover.cpu.msm;

import io.filprover.bls12381.curve.flat.FieldOps;
import io.filprover.bls12381.curve.flat.XyzzOps;

import java.util.Arrays;

/**
 * One window of the bucket method with batch-affine accumulation. The window's points are
 * counting-sorted by bucket (the sign of the digit applied to y), then every bucket is summed by
 * pairwise tree reduction: in each round all pairs of all buckets are added in affine
 * coordinates with one shared field inversion (Montgomery's trick), about 6 multiplications per
 * addition instead of 11 for a mixed Jacobian one. The bucket sums are then combined by the
 * running-sum method in XYZZ coordinates. Holds all scratch space: one instance per thread,
 * reused across windows; nothing is allocated per point.
 */
final class BatchAffineBuckets {
    private static final byte ADD = 0, DBL = 1, INF = 2, COPY_A = 3, COPY_B = 4;

    private final FieldOps f;
    private final XyzzOps xyzz;
    private final int l;
    private final int pl;
    private final int buckets;
    /** Sorted points, 2·l limbs each, and whether a slot holds the identity. */
    private final long[] pts;
    private final boolean[] inf;
    private final int[] start;
    private final int[] count;
    private final int[] fill;
    private final int[] pairA;
    private final int[] pairDst;
    private final byte[] kind;
    private final long[] den;
    private final long[] acc;
    private final long[] tmp;
    private final long[] running;
    private final long[] total;
    private final long[] tmpPoint;
    /** The bucket points while they are regrouped by rows and columns. */
    private final long[] stage;

    /** Scratch for up to {@code capacity} points and 2^(c−1) buckets. */
    BatchAffineBuckets(FieldOps f, int capacity, int c) {
        this.f = f;
        this.xyzz = new XyzzOps(f);
        this.l = f.limbs;
        this.pl = 2 * l;
        this.buckets = 1 << (c - 1);
        this.pts = new long[capacity * pl];
        this.inf = new boolean[capacity];
        this.start = new int[buckets];
        this.count = new int[buckets];
        this.fill = new int[buckets];
        int maxPairs = Math.max(1, capacity / 2);
        this.pairA = new int[maxPairs];
        this.pairDst = new int[maxPairs];
        this.kind = new byte[maxPairs];
        this.den = new long[maxPairs * l];
        this.acc = new long[maxPairs * l];
        this.tmp = new long[4 * l];
        this.running = new long[xyzz.size];
        this.total = new long[xyzz.size];
        this.tmpPoint = new long[xyzz.size];
        this.stage = new long[buckets * pl];
    }

    /**
     * Σ_b (b+1)·bucket_b for window w: digits[i·windows + w] is point i's signed digit, its affine
     * base at bases[basesOff + pl·pointBase[i]]. Writes the XYZZ sum to out[oo].
     */
    void windowSum(long[] bases, int basesOff, int[] pointBase, int m, int[] digits, int windows, int w,
                   long[] out, int oo) {
        sortIntoBuckets(bases, basesOff, pointBase, m, digits, windows, w);
        while (reduceRound(buckets)) {
            // each round halves every bucket's list
        }
        if (buckets >= 16 && 2 * buckets <= inf.length) {
            twoLevelSum(out, oo);
        } else {
            weightedSum(0, buckets, 1, out, oo);
        }
    }

    /**
     * Σ_k (k + firstWeight)·group_k over groups first … first+groups−1 of one point each (or none),
     * by the running sum from the top in XYZZ coordinates: two additions per group.
     */
    private void weightedSum(int first, int groups, int firstWeight, long[] out, int oo) {
        xyzz.setIdentity(running, 0);
        xyzz.setIdentity(total, 0);
        for (int k = groups - 1; k >= 0; k--) {
            int g = first + k;
            if (count[g] == 1 && !inf[start[g]]) {
                xyzz.addAffine(running, 0, pts, start[g] * pl);
            }
            if (k + firstWeight > 0) {
                xyzz.add(total, 0, running, 0);
            }
        }
        System.arraycopy(total, 0, out, oo, xyzz.size);
    }

    /**
     * Σ_b (b+1)·bucket_b with b = h·s + l: s·Σ_h h·H_h + Σ_l (l+1)·G_l, where H_h sums the buckets
     * of row h and G_l those of column l. Both sums of sums are batch-affine tree reductions
     * (about 6 multiplications per addition); only the two short weighted sums over s and B/s
     * groups need XYZZ additions, instead of two per bucket.
     */
    private void twoLevelSum(long[] out, int oo) {
        int logB = Integer.numberOfTrailingZeros(buckets);
        int s = 1 << ((logB + 1) / 2);
        int t = buckets / s;
        // stage the bucket points (one or none each) behind the 2·B slots the groups will use
        int staged = 0;
        int[] at = fill; // reused: slot of bucket b in the staging area, or −1
        for (int b = 0; b < buckets; b++) {
            if (count[b] == 1 && !inf[start[b]]) {
                at[b] = staged++;
            } else {
                at[b] = -1;
            }
        }
        long[] stage = this.stage;
        for (int b = 0; b < buckets; b++) {
            if (at[b] >= 0) {
                System.arraycopy(pts, start[b] * pl, stage, at[b] * pl, pl);
            }
        }
        // groups 0..t−1: rows H_h (buckets h·s .. h·s+s−1); groups t..t+s−1: columns G_l (buckets l, s+l, …)
        int slot = 0;
        for (int h = 0; h < t; h++) {
            start[h] = slot;
            for (int l = 0; l < s; l++) {
                int b = h * s + l;
                if (at[b] >= 0) {
                    System.arraycopy(stage, at[b] * pl, pts, slot * pl, pl);
                    inf[slot++] = false;
                }
            }
            count[h] = slot - start[h];
        }
        for (int l = 0; l < s; l++) {
            start[t + l] = slot;
            for (int h = 0; h < t; h++) {
                int b = h * s + l;
                if (at[b] >= 0) {
                    System.arraycopy(stage, at[b] * pl, pts, slot * pl, pl);
                    inf[slot++] = false;
                }
            }
            count[t + l] = slot - start[t + l];
        }
        while (reduceRound(t + s)) {
            // each round halves every group's list
        }
        long[] rows = tmpPoint;
        weightedSum(0, t, 0, rows, 0);              // Σ_h h·H_h
        for (int k = 0; k < (logB + 1) / 2; k++) {
            xyzz.dbl(rows, 0);                       // · s
        }
        weightedSum(t, s, 1, out, oo);              // Σ_l (l+1)·G_l
        xyzz.add(out, oo, rows, 0);
    }

    private void sortIntoBuckets(long[] bases, int basesOff, int[] pointBase, int m, int[] digits, int windows,
                                 int w) {
        Arrays.fill(count, 0);
        for (int i = 0, di = w; i < m; i++, di += windows) {
            int d = digits[di];
            if (d != 0) {
                count[Math.abs(d) - 1]++;
            }
        }
        int s = 0;
        for (int b = 0; b < buckets; b++) {
            start[b] = s;
            fill[b] = s;
            s += count[b];
        }
        for (int i = 0, di = w; i < m; i++, di += windows) {
            int d = digits[di];
            if (d == 0) {
                continue;
            }
            int slot = fill[Math.abs(d) - 1]++;
            int src = basesOff + pl * pointBase[i];
            int dst = slot * pl;
            System.arraycopy(bases, src, pts, dst, l);
            if (d > 0) {
                System.arraycopy(bases, src + l, pts, dst + l, l);
            } else {
                f.neg(pts, dst + l, bases, src + l);
            }
            inf[slot] = false;
        }
    }

    /** One round of pairwise additions over groups [0, groups); false when every group is down to one point. */
    private boolean reduceRound(int groups) {
        int np = 0;
        for (int b = 0; b < groups; b++) {
            int cnt = count[b];
            for (int i = 0, s = start[b]; i < cnt >>> 1; i++) {
                pairA[np] = s + 2 * i;
                pairDst[np] = s + i;
                np++;
            }
        }
        if (np == 0) {
            return false;
        }
        // pass 1: denominators and their prefix products
        for (int p = 0; p < np; p++) {
            int a = pairA[p];
            int xa = a * pl;
            int xb = xa + pl;
            int d = p * l;
            byte k;
            if (inf[a] || inf[a + 1]) {
                k = inf[a] ? (inf[a + 1] ? INF : COPY_B) : COPY_A;
                f.setOne(den, d);
            } else if (!f.equal(pts, xa, pts, xb)) {
                k = ADD;
                f.sub(den, d, pts, xb, pts, xa);
            } else if (f.equal(pts, xa + l, pts, xb + l) && !f.isZero(pts, xa + l)) {
                k = DBL;
                f.add(den, d, pts, xa + l, pts, xa + l);
            } else {
                k = INF; // P + (−P)
                f.setOne(den, d);
            }
            kind[p] = k;
            if (p == 0) {
                f.copy(acc, 0, den, 0);
            } else {
                f.mul(acc, d, acc, d - l, den, d);
            }
        }
        // one inversion, then walk back: acc[p] becomes den[p]⁻¹
        long[] t = tmp;
        f.inverse(t, 0, acc, (np - 1) * l);
        for (int p = np - 1; p > 0; p--) {
            int d = p * l;
            f.mul(acc, d, t, 0, acc, d - l);
            f.mul(t, 0, t, 0, den, d);
        }
        f.copy(acc, 0, t, 0);
        // pass 3: the additions, in increasing order so that results never overwrite pending operands
        for (int p = 0; p < np; p++) {
            int a = pairA[p];
            int xa = a * pl;
            int xb = xa + pl;
            int dst = pairDst[p];
            int xd = dst * pl;
            switch (kind[p]) {
                case ADD:
                case DBL: {
                    int lam = 0, x3 = l, e = 2 * l;
                    if (kind[p] == ADD) {
                        f.sub(t, e, pts, xb + l, pts, xa + l);         // y2 − y1
                    } else {
                        f.sqr(t, e, pts, xa);                            // 3·x1²
                        f.add(t, lam, t, e, t, e);
                        f.add(t, e, t, lam, t, e);
                    }
                    f.mul(t, lam, t, e, acc, p * l);
                    f.sqr(t, x3, t, lam);                                // x3 = λ² − x1 − x2
                    f.sub(t, x3, t, x3, pts, xa);
                    f.sub(t, x3, t, x3, pts, xb);
                    f.sub(t, e, pts, xa, t, x3);                         // y3 = λ(x1 − x3) − y1
                    f.mul(t, e, t, e, t, lam);
                    f.sub(pts, xd + l, t, e, pts, xa + l);
                    f.copy(pts, xd, t, x3);
                    inf[dst] = false;
                    break;
                }
                case COPY_A:
                    System.arraycopy(pts, xa, pts, xd, pl);
                    inf[dst] = false;
                    break;
                case COPY_B:
                    System.arraycopy(pts, xb, pts, xd, pl);
                    inf[dst] = false;
                    break;
                default:
                    inf[dst] = true;
                    break;
            }
        }
        // odd lists keep their last point, moved behind the pair results
        for (int b = 0; b < groups; b++) {
            int cnt = count[b];
            if (cnt < 2) {
                continue;
            }
            if ((cnt & 1) != 0) {
                int s = start[b];
                int from = s + cnt - 1;
                int to = s + (cnt >>> 1);
                System.arraycopy(pts, from * pl, pts, to * pl, pl);
                inf[to] = inf[from];
            }
            count[b] = (cnt + 1) >>> 1;
        }
        return true;
    }
}
