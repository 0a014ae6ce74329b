package io.filprover.kernels;

import java.util.Arrays;

/**
 * How {@link MultiDeviceKernels} divides one MSM among its participants: each participant's measured
 * throughput (scalars per second, an exponentially weighted average over the split calls it took part
 * in) and, from it, contiguous ranges of scalars proportional to those rates. A participant not yet
 * measured counts as the mean of the measured ones (all equal before any measurement); an unhealthy one
 * gets nothing. Range boundaries are multiples of {@value #ALIGN} scalars so a density bitmap splits at
 * word boundaries. The rates live in an {@link MsmRates}, which a provider shares between the jobs over
 * the same devices; which participants are healthy is this instance's (one job's). Thread-safe.
 */
final class MsmShares {
    /** Scalars per block: one 64-bit word of a density bitmap. */
    static final int ALIGN = 64;

    private final MsmRates rates;
    /** Participant i's slot in {@link #rates}. */
    private final int[] slots;
    private final boolean[] unhealthy;

    /** Participants with rates of their own, measured by nobody else. */
    MsmShares(int participants) {
        this(MsmRates.unnamed(participants), identity(participants));
    }

    /** Participants whose rates are {@code rates}' slots {@code slots} (shared with other jobs over the same devices). */
    MsmShares(MsmRates rates, int[] slots) {
        for (int s : slots) {
            if (s < 0 || s >= rates.size()) {
                throw new IllegalArgumentException("no slot " + s + " among " + rates.size());
            }
        }
        this.rates = rates;
        this.slots = slots.clone();
        this.unhealthy = new boolean[slots.length];
    }

    private static int[] identity(int n) {
        int[] s = new int[n];
        Arrays.setAll(s, i -> i);
        return s;
    }

    int participants() {
        return slots.length;
    }

    /** Records that participant i took {@code seconds} for {@code scalars} scalars. */
    void record(int i, long scalars, double seconds) {
        rates.record(slots[i], scalars, seconds);
    }

    /** Participant i gets no further share. */
    synchronized void markUnhealthy(int i) {
        unhealthy[i] = true;
    }

    synchronized boolean isHealthy(int i) {
        return !unhealthy[i];
    }

    /** Scalars per second of participant i; NaN until measured. */
    double rate(int i) {
        return rates.rate(slots[i]);
    }

    /** The fraction of the scalars participant i would get now (0 when unhealthy). */
    synchronized double[] fractions() {
        return normalise(weights(rates.rates(slots), unhealthy));
    }

    static double[] normalise(double[] w) {
        double sum = Arrays.stream(w).sum();
        double[] f = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = sum > 0 ? w[i] / sum : 0;
        }
        return f;
    }

    /** Each participant's weight: its rate, the mean of the measured ones while unmeasured, 0 when unhealthy. */
    static double[] weights(double[] rate, boolean[] unhealthy) {
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
