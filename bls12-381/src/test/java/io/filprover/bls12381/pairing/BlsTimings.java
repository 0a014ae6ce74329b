package io.filprover.bls12381.pairing;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.FqOps;
import java.math.BigInteger;
import java.util.Random;

/**
 * Quick single-thread timings (not JMH), in thread CPU time; run with
 * {@code java -cp cpu-fallback/target/classes:cpu-fallback/target/test-classes io.filprover.bls12381.pairing.BlsTimings}.
 */
public final class BlsTimings {
    private static volatile Object sink;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Thread CPU time, not wall time: the development machine is shared, and CPU time leaves out
     * the periods this thread was descheduled.
     */
    private static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        Random rnd = new Random(42);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long[] a = Fq.random(rnd).montgomeryLimbs(), b = Fq.random(rnd).montgomeryLimbs();
        JacobianPoint<Fq> p = G1.generator().mul(new BigInteger(255, rnd));
        AffinePoint<Fq> pa = G1.generator().mul(new BigInteger(255, rnd)).toAffine();
        JacobianPoint<Fq2> q = G2.generator().mul(new BigInteger(255, rnd));
        JacobianPoint<Fq2> q2 = G2.generator().mul(new BigInteger(255, rnd));
        AffinePoint<Fq> pp = p.toAffine();
        AffinePoint<Fq2> qq = q.toAffine();
        BigInteger k = new BigInteger(255, rnd);
        for (int r = 0; r < rounds; r++) {
            int n = 2_000_000;
            long t0 = now();
            for (int i = 0; i < n; i++) FqOps.mul(a, 0, a, 0, b, 0);
            double fqMul = (now() - t0) / (double) n;
            sink = a;

            n = 200_000;
            JacobianPoint<Fq> acc = p;
            t0 = now();
            for (int i = 0; i < n; i++) acc = acc.add(pa);
            double g1Madd = (now() - t0) / (double) n;
            sink = acc;

            n = 50_000;
            JacobianPoint<Fq2> acc2 = q;
            t0 = now();
            for (int i = 0; i < n; i++) acc2 = acc2.add(q2);
            double g2Add = (now() - t0) / (double) n;
            sink = acc2;

            n = 200;
            t0 = now();
            for (int i = 0; i < n; i++) sink = p.mul(k);
            double g1Mul = (now() - t0) / (double) n / 1000;
            t0 = now();
            for (int i = 0; i < n; i++) sink = G1.mul(p, k);
            double g1Glv = (now() - t0) / (double) n / 1000;
            supranational.blst.P1 bp1 = supranational.blst.P1.generator();
            t0 = now();
            for (int i = 0; i < n; i++) sink = bp1.dup().mult(k);
            double blstG1Mul = (now() - t0) / (double) n / 1000;

            n = 200;
            t0 = now();
            for (int i = 0; i < n; i++) sink = Pairing.pairing(pp, qq);
            double pairing = (now() - t0) / (double) n / 1e6;

            t0 = now();
            for (int i = 0; i < n; i++) sink = Pairing.millerLoop(java.util.List.of(pp), java.util.List.of(qq));
            double miller = (now() - t0) / (double) n / 1e6;

            PreparedG2 prepared = Pairing.prepare(qq);
            t0 = now();
            for (int i = 0; i < n; i++) sink = Pairing.multiPairingPrepared(java.util.List.of(pp), java.util.List.of(prepared));
            double pairingPrepared = (now() - t0) / (double) n / 1e6;

            supranational.blst.P1_Affine bp = supranational.blst.P1_Affine.generator();
            supranational.blst.P2_Affine bq = supranational.blst.P2_Affine.generator();
            t0 = now();
            for (int i = 0; i < n; i++) sink = new supranational.blst.PT(bp, bq).final_exp();
            double blstPairing = (now() - t0) / (double) n / 1e6;

            System.out.printf("round %d: Fq mul %.1f ns | G1 mixed add %.0f ns | G2 add %.0f ns | G1 mul wNAF %.0f us, GLV %.0f us (blst %.0f us) | pairing %.3f ms (Miller loop %.3f ms; prepared G2 %.3f ms) | blst pairing %.3f ms | ratios: pairing %.2f, G1 mul GLV %.2f%n",
                    r, fqMul, g1Madd, g2Add, g1Mul, g1Glv, blstG1Mul, pairing, miller, pairingPrepared, blstPairing,
                    pairing / blstPairing, g1Glv / blstG1Mul);
        }
    }
}
