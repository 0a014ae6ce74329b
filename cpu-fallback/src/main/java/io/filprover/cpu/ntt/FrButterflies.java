package io.filprover.cpu.ntt;

import io.filprover.bls12381.field.FrOps;

import static io.filprover.bls12381.field.FrOps.Q0;
import static io.filprover.bls12381.field.FrOps.Q1;
import static io.filprover.bls12381.field.FrOps.Q2;
import static io.filprover.bls12381.field.FrOps.Q3;

/**
 * Radix-2 decimation-in-time butterflies on flat Montgomery Fr limbs: the twiddle product by
 * {@link FrOps#mul} into a four-limb scratch, then the sum and difference on locals with one
 * conditional correction each.
 */
final class FrButterflies {
    private FrButterflies() {
    }

    /**
     * Butterflies [lo, hi) of pass s (blocks of m = 2^s elements, twiddles ω_m^j). Butterfly b
     * pairs u = block·m + j and v = u + m/2 with j = b mod m/2. Forward: (u, v) ← (u + ω^j·v,
     * u − ω^j·v). Inverse uses ω^−j = −ω^(m/2 − j), i.e. the table entry m/2 − j with the sum
     * and difference swapped.
     */
    static void pass(long[] a, int off, TwiddleTable table, int s, boolean inverse, int lo, int hi) {
        long[] w = table.w;
        long[] t = new long[4];
        int halfLog = s - 1;
        int half = 1 << halfLog;
        int mask = half - 1;
        int strideLog = table.logL - s;
        int b = lo;
        while (b < hi) {
            int j = b & mask;
            int blockStart = (b >>> halfLog) << s;
            int runEnd = Math.min(hi, (b | mask) + 1); // end of this block's butterflies
            int u = off + 4 * (blockStart + j);
            int v = u + 4 * half;
            if (j == 0) {
                plain(a, u, v);
                j++;
                b++;
                u += 4;
                v += 4;
            }
            if (!inverse) {
                for (; b < runEnd; b++, j++, u += 4, v += 4) {
                    twiddled(a, u, v, w, 4 * (j << strideLog), false, t);
                }
            } else {
                for (; b < runEnd; b++, j++, u += 4, v += 4) {
                    twiddled(a, u, v, w, 4 * ((half - j) << strideLog), true, t);
                }
            }
        }
    }

    /** (u, v) ← (u + v, u − v): the twiddle is one. */
    static void plain(long[] a, int u, int v) {
        long x0 = a[u], x1 = a[u + 1], x2 = a[u + 2], x3 = a[u + 3];
        long y0 = a[v], y1 = a[v + 1], y2 = a[v + 2], y3 = a[v + 3];
        store(a, u, v, x0, x1, x2, x3, y0, y1, y2, y3, false);
    }

    /** t = v·w (Montgomery, through {@link FrOps#mul} into t), then (u, v) ← (u + t, u − t), or (u − t, u + t) when swapped. */
    static void twiddled(long[] a, int u, int v, long[] w, int wo, boolean swapped, long[] t) {
        FrOps.mul(t, 0, a, v, w, wo);
        store(a, u, v, a[u], a[u + 1], a[u + 2], a[u + 3], t[0], t[1], t[2], t[3], swapped);
    }

    /** Writes (x + y, x − y) mod r to (u, v), or (x − y, x + y) when swapped. */
    private static void store(long[] a, int u, int v, long x0, long x1, long x2, long x3,
                              long y0, long y1, long y2, long y3, boolean swapped) {
        // sum: x, y < r < 2^255, so it fits four limbs; reduce once
        long s0 = x0 + y0;
        long k = (x0 & y0 | (x0 | y0) & ~s0) >>> 63;
        long s1 = x1 + y1 + k;
        k = (x1 & y1 | (x1 | y1) & ~s1) >>> 63;
        long s2 = x2 + y2 + k;
        k = (x2 & y2 | (x2 | y2) & ~s2) >>> 63;
        long s3 = x3 + y3 + k;
        long d0 = s0 - Q0;
        long bw = (~s0 & Q0 | ~(s0 ^ Q0) & d0) >>> 63;
        long d1 = s1 - Q1 - bw;
        bw = (~s1 & Q1 | ~(s1 ^ Q1) & d1) >>> 63;
        long d2 = s2 - Q2 - bw;
        bw = (~s2 & Q2 | ~(s2 ^ Q2) & d2) >>> 63;
        long d3 = s3 - Q3 - bw;
        bw = (~s3 & Q3 | ~(s3 ^ Q3) & d3) >>> 63;
        long keep = -bw;
        s0 = d0 ^ (d0 ^ s0) & keep;
        s1 = d1 ^ (d1 ^ s1) & keep;
        s2 = d2 ^ (d2 ^ s2) & keep;
        s3 = d3 ^ (d3 ^ s3) & keep;
        // difference: add r back on borrow
        long e0 = x0 - y0;
        long w = (~x0 & y0 | ~(x0 ^ y0) & e0) >>> 63;
        long e1 = x1 - y1 - w;
        w = (~x1 & y1 | ~(x1 ^ y1) & e1) >>> 63;
        long e2 = x2 - y2 - w;
        w = (~x2 & y2 | ~(x2 ^ y2) & e2) >>> 63;
        long e3 = x3 - y3 - w;
        w = (~x3 & y3 | ~(x3 ^ y3) & e3) >>> 63;
        long mask = -w;
        long r0 = Q0 & mask, r1 = Q1 & mask, r2 = Q2 & mask, r3 = Q3 & mask;
        long f0 = e0 + r0;
        k = (e0 & r0 | (e0 | r0) & ~f0) >>> 63;
        long f1 = e1 + r1 + k;
        k = (e1 & r1 | (e1 | r1) & ~f1) >>> 63;
        long f2 = e2 + r2 + k;
        k = (e2 & r2 | (e2 | r2) & ~f2) >>> 63;
        long f3 = e3 + r3 + k;
        int p = swapped ? v : u;
        int q = swapped ? u : v;
        a[p] = s0;
        a[p + 1] = s1;
        a[p + 2] = s2;
        a[p + 3] = s3;
        a[q] = f0;
        a[q + 1] = f1;
        a[q + 2] = f2;
        a[q + 3] = f3;
    }
}
