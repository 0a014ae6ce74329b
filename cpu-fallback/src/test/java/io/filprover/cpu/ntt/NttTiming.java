package io.filprover.cpu.ntt;

import io.filprover.cpu.TestPools;
import io.filprover.bls12381.field.FrOps;

import java.util.Arrays;
import java.util.Random;

/**
 * Manual timing (not a test): RadixNtt at 2^logN against its floor, butterflies × measured Fr-mul
 * time / threads. Run: java -cp target/classes:target/test-classes io.filprover.cpu.ntt.NttTiming 20 2
 */
public final class NttTiming {
    static long[] random(Random rnd, int n) {
        long[] a = new long[4 * n];
        for (int i = 0; i < n; i++) {
            io.filprover.bls12381.field.Fr.random(rnd).toMontgomeryLimbs(a, 4 * i);
        }
        return a;
    }

    public static void main(String[] args) {
        int logN = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Random rnd = new Random(1);
        long[] x = random(rnd, 2);
        double mulNs = Double.MAX_VALUE;
        for (int r = 0; r < 7; r++) {
            int iters = 20_000_000;
            long t = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                FrOps.mul(x, 0, x, 0, x, 4);
            }
            mulNs = Math.min(mulNs, (System.nanoTime() - t) / (double) iters);
        }
        long[] a = random(rnd, 1 << logN);
        double[] ms = new double[7];
        for (int r = 0; r < ms.length + 2; r++) {
            long t = System.nanoTime();
            RadixNtt.ntt(a, 0, logN, TestPools.of(threads));
            if (r >= 2) {
                ms[r - 2] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        double floor = (double) (1L << (logN - 1)) * logN * mulNs / threads / 1e6;
        System.out.printf("Fr mul %.2f ns (best of 7); NTT 2^%d, %d thread(s): median %.1f ms (min %.1f); floor %.1f ms; ratio %.2f (checksum %d)%n",
                mulNs, logN, threads, ms[ms.length / 2], ms[0], floor, ms[ms.length / 2] / floor, x[0] & 1);
    }
}
