package io.filprover.bench.kernels;

import java.util.Arrays;

/** Median-of-repetitions timing after warm-up runs (for the CLI; JMH does its own). */
public final class Medians {
    private Medians() {
    }

    /** The median wall time in milliseconds of {@code reps} runs after {@code warmups} unmeasured ones. */
    public static double medianMs(int warmups, int reps, Runnable run) {
        for (int i = 0; i < warmups; i++) {
            run.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return median(ms);
    }

    /** The median (mean of the middle two for an even count); sorts a copy. */
    public static double median(double[] values) {
        double[] ms = values.clone();
        Arrays.sort(ms);
        int n = ms.length;
        return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    }
}
