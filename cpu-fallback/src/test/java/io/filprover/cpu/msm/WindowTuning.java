package io.filprover.cpu.msm;

import io.filprover.cpu.TestPools;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/**
 * Manual tuning (not a test): G1 MSM time per window size. Args: LOG THREADS C1 C2 ... (c = 0: the
 * model's choice); {@code -Dglv=1|-1} forces the GLV split on or off.
 */
public final class WindowTuning {
    public static void main(String[] args) {
        int log = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int n = 1 << log;
        Random rnd = new Random(1);
        PippengerMsmTest.Bases b = new PippengerMsmTest.Bases(false, n, rnd);
        BigInteger[] s = PippengerMsmTest.randomScalars(rnd, n);
        long[] sc = PippengerMsmTest.scalarLimbs(s);
        long[] out = new long[12];
        PippengerMsm.forcedGlv = Integer.getInteger("glv", 0);
        for (int round = 0; round < 3; round++) {
            for (int k = 2; k < args.length; k++) {
                PippengerMsm.forcedWindowBits = Integer.parseInt(args[k]);
                double[] ms = new double[5];
                for (int r = 0; r < ms.length + 1; r++) {
                    long t = System.nanoTime();
                    PippengerMsm.g1(b.limbs, 0, sc, 0, n, null, out, 0, TestPools.of(threads));
                    if (r > 0) {
                        ms[r - 1] = (System.nanoTime() - t) / 1e6;
                    }
                }
                Arrays.sort(ms);
                System.out.printf("round %d 2^%d c=%d: median %.1f ms (model picks %d)%n", round, log, PippengerMsm.forcedWindowBits,
                        ms[2], PippengerMsm.windowBits(n));
            }
        }
    }
}
