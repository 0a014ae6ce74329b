package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.util.Random;

/**
 * A quick single-thread timing (not a JMH benchmark): Fr mul ns, Poseidon hashes/s for arity 2, 8
 * and 11, and the arity-8 hash time over 2,004 Fr multiplications (the multiplication count of
 * neptune's optimised arity-8 schedule). Run: {@code java -cp target/classes:target/test-classes
 * io.filprover.bls12381.poseidon.PoseidonTiming}.
 */
public final class PoseidonTiming {
    private PoseidonTiming() {
    }

    static volatile long sink;

    /** ns per multiplication in a dependent chain (latency) and in 4 independent chains (throughput). */
    static double[] mulNs(int iters) {
        Random rnd = new Random(1);
        long[] a = new long[16];
        for (int i = 0; i < 4; i++) {
            Fr.random(rnd).toMontgomeryLimbs(a, 4 * i);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            FrOps.mul(a, 0, a, 0, a, 4);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < iters / 4; i++) {
            FrOps.mul(a, 0, a, 0, a, 4);
            FrOps.mul(a, 4, a, 4, a, 8);
            FrOps.mul(a, 8, a, 8, a, 12);
            FrOps.mul(a, 12, a, 12, a, 0);
        }
        long t2 = System.nanoTime();
        sink += a[0] + a[4];
        return new double[] {(t1 - t0) / (double) iters, (t2 - t1) / (double) (iters / 4 * 4)};
    }

    static double hashNs(int arity, int count) {
        return hashNs(arity, count, false);
    }

    static double hashNs(int arity, int count, boolean plain) {
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        Random rnd = new Random(2);
        long[] in = new long[4 * arity * count];
        for (int i = 0; i < arity * count; i++) {
            Fr.random(rnd).toMontgomeryLimbs(in, 4 * i);
        }
        long[] out = new long[4 * count];
        PoseidonHasher h = new PoseidonHasher(p);
        long t0 = System.nanoTime();
        if (plain) {
            h.hashBatchPlain(in, 0, out, 0, count);
        } else {
            h.hashBatch(in, 0, out, 0, count);
        }
        long t1 = System.nanoTime();
        sink += out[0];
        return (t1 - t0) / (double) count;
    }

    /**
     * The machine this runs on is shared, so every figure is the minimum over many short slices,
     * interleaved so that mul and hash timings see the same conditions.
     */
    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        for (int w = 0; w < 5; w++) { // warm-up: let C2 compile everything
            mulNs(2_000_000);
            hashNs(2, 2000);
            hashNs(8, 500);
            hashNs(11, 300);
        }
        double bestLat = Double.MAX_VALUE;
        double bestThr = Double.MAX_VALUE;
        double best2 = Double.MAX_VALUE;
        double best8 = Double.MAX_VALUE;
        double best11 = Double.MAX_VALUE;
        double best8Plain = Double.MAX_VALUE;
        for (int r = 0; r < slices; r++) {
            double[] m = mulNs(8_000);
            bestLat = Math.min(bestLat, m[0]);
            bestThr = Math.min(bestThr, m[1]);
            best2 = Math.min(best2, hashNs(2, 12));
            best8 = Math.min(best8, hashNs(8, 4));
            best11 = Math.min(best11, hashNs(11, 3));
            if (r % 4 == 0) {
                best8Plain = Math.min(best8Plain, hashNs(8, 2, true));
            }
        }
        System.out.printf("Fr mul: %.2f ns latency (dependent chain), %.2f ns throughput (4 independent chains)%n", bestLat, bestThr);
        System.out.printf("Poseidon arity 2: %.0f ns/hash = %.0f hashes/s%n", best2, 1e9 / best2);
        System.out.printf("Poseidon arity 8: %.0f ns/hash = %.0f hashes/s%n", best8, 1e9 / best8);
        System.out.printf("Poseidon arity 11: %.0f ns/hash = %.0f hashes/s%n", best11, 1e9 / best11);
        System.out.printf("Poseidon arity 8, plain schedule: %.0f ns/hash (optimised is %.2fx faster)%n", best8Plain, best8Plain / best8);
        System.out.printf("arity-8 hash / (2004 x mul): %.3f (latency mul), %.3f (throughput mul)%n",
                best8 / (2004 * bestLat), best8 / (2004 * bestThr));
    }
}
