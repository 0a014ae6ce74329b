package io.filprover.bench;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.FqOps;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;
import io.filprover.bls12381.pairing.Pairing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.PT;
import supranational.blst.Scalar;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * BLS12-381 on one core: our pure-Java arithmetic and, in the same run, native blst through
 * jblst's JNI binding (the peer of anchors-performance.md). Each op feeds its result back into the
 * next, so the JIT cannot drop or overlap them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Bls12381Benchmark {
    private long[] fr;
    private long[] frB;
    private long[] fq;
    private long[] fqB;
    private JacobianPoint<Fq> g1;
    private AffinePoint<Fq> g1Affine;
    private JacobianPoint<Fq2> g2;
    private JacobianPoint<Fq2> g2Other;
    private AffinePoint<Fq> pairP;
    private AffinePoint<Fq2> pairQ;
    private BigInteger scalar;
    private Scalar blstFr;
    private Scalar blstFrB;
    private P1 blstG1;
    private Scalar blstScalar;
    private P1_Affine blstP;
    private P2_Affine blstQ;

    @Setup(Level.Trial)
    public void setup() {
        Random rnd = new Random(9);
        fr = Fr.random(rnd).montgomeryLimbs();
        frB = Fr.random(rnd).montgomeryLimbs();
        fq = Fq.random(rnd).montgomeryLimbs();
        fqB = Fq.random(rnd).montgomeryLimbs();
        g1 = G1.mul(G1.generator(), new BigInteger(255, rnd));
        g1Affine = G1.mul(G1.generator(), new BigInteger(255, rnd)).toAffine();
        g2 = G2.mul(G2.generator(), new BigInteger(255, rnd));
        g2Other = G2.mul(G2.generator(), new BigInteger(255, rnd));
        pairP = g1.toAffine();
        pairQ = g2.toAffine();
        scalar = new BigInteger(255, rnd).mod(G1.ORDER);
        blstFr = new Scalar(new BigInteger(250, rnd));
        blstFrB = new Scalar(new BigInteger(250, rnd));
        blstG1 = P1.generator().mult(new BigInteger(255, rnd));
        blstScalar = new Scalar(scalar);
        blstP = P1.generator().mult(new BigInteger(255, rnd)).to_affine();
        blstQ = supranational.blst.P2.generator().mult(new BigInteger(255, rnd)).to_affine();
    }

    @Benchmark
    public long[] frMul() {
        FrOps.mul(fr, 0, fr, 0, frB, 0);
        return fr;
    }

    @Benchmark
    public long[] fqMul() {
        FqOps.mul(fq, 0, fq, 0, fqB, 0);
        return fq;
    }

    @Benchmark
    public JacobianPoint<Fq> g1MixedAdd() {
        g1 = g1.add(g1Affine);
        return g1;
    }

    @Benchmark
    public JacobianPoint<Fq2> g2Add() {
        g2 = g2.add(g2Other);
        return g2;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public JacobianPoint<Fq> g1ScalarMul() {
        return G1.mul(g1, scalar);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pairing() {
        return Pairing.pairing(pairP, pairQ);
    }

    // ---- peer: blst via jblst (JNI) ----

    @Benchmark
    public Scalar blstFrMul() {
        return blstFr.mul(blstFrB);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public P1 blstG1ScalarMul() {
        return blstG1.dup().mult(blstScalar);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PT blstPairing() {
        return new PT(blstP, blstQ).final_exp();
    }
}
