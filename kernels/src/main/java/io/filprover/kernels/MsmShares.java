package io.filprover.kernels;

import java.util.Arrays;

/**
 * How {@link MultiDeviceKernels} divides one MSM among its participants: each participant's measured
 * throughput (scalars per second, an exponentially weighted average over the split calls it took part
 * in) and, from it, contiguous ranges of scalars proportional to those rates. A participant not yet
 * measured counts as the mean of the measured ones (all equal before any measurement); an unhealthy one
 * gets nothing. Range boundaries are multiples of {@value #ALIGN} scalars so a density bitmap splits at
 * word boundaries. Thread-safe.
 */
final class MsmShares {
    /** Scalars per block: one 64-bit word of a density bitmap. */
    static final int ALIGN = 64;
    /** Weight of the newest measurement in the average: a device whose speed changes is followed within a few calls. */
    static final double SMOOTHING = 0.5;

    private final double[] rate;
    private final boolean[] unhealthy;

    MsmShares(int participants) {
        rate = new double[participants];
        unhealthy = new boolean[participants];
        Arrays.fill(rate, Double.NaN);
    }

    int participants() {
        return rate.length;
    }

    /** Records that participant i took {@code seconds} for {@code scalars} scalars. */
    synchronized void record(int i, long scalars, double seconds) {
        if (scalars <= 0) {
            return;
        }
        double r = scalars / Math.max(seconds, 1e-9);
        rate[i] = Double.isNaN(rate[i]) ? r : SMOOTHING * r + (1 - SMOOTHING) * rate[i];
    }

    /** Participant i gets no further share. */
    synchronized void markUnhealthy(int i) {
        unhealthy[i] = true;
    }

    synchronized boolean isHealthy(int i) {
        return !unhealthy[i];
    }

    /** Scalars per second of participant i; NaN until measured. */
    synchronized double rate(int i) {
        return rate[i];
    }

    /** The fraction of the scalars participant i would get now (0 when unhealthy). */
    synchronized double[] fractions() {
        double[] w = weights();
        double sum = Arrays.stream(w).sum();
        double[] f = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = sum > 0 ? w[i] / sum : 0;
        }
        return f;
    }

    private double[] weights() {
        double measured = 0;
        int n = 0;
        for (int i = 0; i < rate.length; i++) {
            if (!unhealthy[i] && !Double.isNaN(rate[i])) {
                measured += rate[i];
                n++;
            }
        }
        double unknown = n == 0 ? 1 : measured / n;
        double[] w = new double[rate.length];
        for (int i = 0; i < rate.length; i++) {
            w[i] = unhealthy[i] ? 0 : Double.isNaN(rate[i]) ? unknown : rate[i];
        }
        return w;
    }

    /**
     * Boundaries of {@code count} scalars: participant i takes [b[i], b[i + 1]), in participant order,
     * every boundary but the last a multiple of {@value #ALIGN}. Blocks are handed out by largest
     * remainder, so the sizes follow the fractions as closely as whole blocks allow.
     */
    synchronized int[] plan(int count) {
        double[] f = fractions();
        int blocks = (count + ALIGN - 1) / ALIGN;
        int[] got = new int[f.length];
        double[] rest = new double[f.length];
        int given = 0;
        for (int i = 0; i < f.length; i++) {
            double exact = f[i] * blocks;
            got[i] = (int) Math.floor(exact);
            rest[i] = exact - got[i];
            given += got[i];
        }
        while (given < blocks) {
            int best = -1;
            for (int i = 0; i < f.length; i++) {
                if (f[i] > 0 && (best < 0 || rest[i] > rest[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("no healthy participant to give scalars to");
            }
            got[best]++;
            rest[best] = -1;
            given++;
        }
        int[] b = new int[f.length + 1];
        for (int i = 0; i < f.length; i++) {
            b[i + 1] = (int) Math.min(count, (long) b[i] + (long) got[i] * ALIGN);
        }
        return b;
    }
}
