package io.filprover.bench.kernels;

import io.filprover.bench.BenchPools;
import io.filprover.bls12381.field.FrOps;

/**
 * The NTT's floor: butterflies × Fr-multiplication time / threads, with the multiplication time
 * measured right before each NTT run on the same number of threads (independent products, as the
 * butterflies are), so that a shared machine's load affects both sides alike.
 */
public final class NttFloor {
    private NttFloor() {
    }

    /** Nanoseconds per FrOps.mul, averaged over {@code threads} threads multiplying at once. */
    public static double mulNs(int threads, long[] seed) {
        int parts = Math.max(1, threads);
        double[] ns = new double[parts];
        BenchPools.of(parts).forRanges(parts, parts, (part, lo, hi) -> {
            long[] a = new long[4 * 1024];
            for (int i = 0; i < 1024; i++) {
                System.arraycopy(seed, 4 * (i % (seed.length / 4)), a, 4 * i, 4);
            }
            long[] w = new long[4];
            System.arraycopy(seed, 0, w, 0, 4);
            int rounds = 40;
            long t = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < 1024; i++) {
                    FrOps.mul(a, 4 * i, a, 4 * i, w, 0);
                }
            }
            ns[part] = (System.nanoTime() - t) / (double) (rounds * 1024);
        });
        double sum = 0;
        for (double v : ns) {
            sum += v;
        }
        return sum / parts;
    }

    /** n/2 · log n butterflies × mulNs / threads, in milliseconds. */
    public static double floorMs(int logN, int threads, double mulNs) {
        return (double) (1L << (logN - 1)) * logN * mulNs / Math.max(1, threads) / 1e6;
    }
}
