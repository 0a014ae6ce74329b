package io.filprover.cpu.msm;

import io.filprover.cpu.TestPools;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/** Manual timing (not a test): java -cp ... io.filprover.cpu.msm.MsmTiming LOG THREADS [g2] */
public final class MsmTiming {
    public static void main(String[] args) {
        int log = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean g2 = args.length > 2;
        int n = 1 << log;
        Random rnd = new Random(1);
        PippengerMsmTest.Bases b = new PippengerMsmTest.Bases(g2, n, rnd);
        BigInteger[] s = PippengerMsmTest.randomScalars(rnd, n);
        long[] sc = PippengerMsmTest.scalarLimbs(s);
        long[] out = new long[24];
        double[] ms = new double[7];
        for (int r = 0; r < ms.length + 3; r++) {
            long t = System.nanoTime();
            if (g2) {
                PippengerMsm.g2(b.limbs, 0, sc, 0, n, null, out, 0, TestPools.of(threads));
            } else {
                PippengerMsm.g1(b.limbs, 0, sc, 0, n, null, out, 0, TestPools.of(threads));
            }
            if (r >= 3) {
                ms[r - 3] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%s MSM 2^%d, %d thread(s), c=%d: median %.1f ms, min %.1f ms%n", g2 ? "G2" : "G1", log, threads,
                PippengerMsm.windowBits(n), ms[ms.length / 2], ms[0]);
    }
}
