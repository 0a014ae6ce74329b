package io.filprover.bls12381.pairing;

import static org.junit.jupiter.api.Assertions.*;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * Differential test against native blst (tech.pegasys:jblst, JNI): ≥ 1,000 random cases each for
 * scalar multiplication, addition and encodings (subgroup checks and pairings: the sibling Blst* tests). Fresh seed per run,
 * printed in every assertion message. Skipped (with a message) when the native library cannot load.
 */
class BlstCrossCheckTest {
    private static final int CASES = 1000;
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @BeforeAll
    static void nativeBlstLoads() {
        String failure = null;
        try {
            P1.generator().compress();
        } catch (Throwable t) { // UnsatisfiedLinkError / ExceptionInInitializerError from the JNI loader
            failure = t.toString();
        }
        Assumptions.assumeTrue(failure == null,
                "jblst native library (libblst) could not be loaded here, skipping the blst cross-check: " + failure);
    }

    private BigInteger scalar(int i) {
        if (i == 0) return BigInteger.ZERO;
        if (i == 1) return BigInteger.ONE;
        if (i == 2) return G1.ORDER.subtract(BigInteger.ONE);
        return new BigInteger(256, rnd).mod(G1.ORDER);
    }

    @Test
    void g1ScalarMulAddAndEncodings() {
        for (int i = 0; i < CASES; i++) {
            BigInteger a = scalar(i), b = scalar(i + 3);
            String m = "seed=" + seed + " case " + i + " a=" + a.toString(16) + " b=" + b.toString(16);
            // G1.mul is the GLV path, JacobianPoint.mul the generic wNAF path
            JacobianPoint<Fq> pa = G1.mul(G1.generator(), a), pb = G1.generator().mul(b);
            P1 ba = P1.generator().mult(a), bb = P1.generator().mult(b);
            assertArrayEquals(bb.dup().mult(a).compress(), PointCodec.g1ToCompressed(G1.mul(pb, a).toAffine()), m);
            AffinePoint<Fq> aa = pa.toAffine();
            assertArrayEquals(ba.compress(), PointCodec.g1ToCompressed(aa), m);
            assertArrayEquals(ba.serialize(), PointCodec.g1ToUncompressed(aa), m);
            // additions: Jacobian + Jacobian, Jacobian + affine, doubling
            assertArrayEquals(ba.dup().add(bb).compress(), PointCodec.g1ToCompressed(pa.add(pb).toAffine()), m);
            assertArrayEquals(ba.dup().add(bb.to_affine()).compress(), PointCodec.g1ToCompressed(pa.add(pb.toAffine()).toAffine()), m);
            assertArrayEquals(ba.dup().dbl().compress(), PointCodec.g1ToCompressed(pa.dbl().toAffine()), m);
            // decoding blst's bytes, and blst decoding ours
            assertEquals(aa, PointCodec.g1FromCompressed(ba.compress()), m);
            assertEquals(aa, PointCodec.g1FromUncompressed(ba.serialize()), m);
            assertTrue(new P1_Affine(PointCodec.g1ToCompressed(aa)).is_equal(ba.to_affine()), m);
        }
    }

    @Test
    void g2ScalarMulAddAndEncodings() {
        for (int i = 0; i < CASES; i++) {
            BigInteger a = scalar(i), b = scalar(i + 3);
            String m = "seed=" + seed + " case " + i + " a=" + a.toString(16) + " b=" + b.toString(16);
            JacobianPoint<Fq2> pa = G2.generator().mul(a), pb = G2.generator().mul(b);
            P2 ba = P2.generator().mult(a), bb = P2.generator().mult(b);
            AffinePoint<Fq2> aa = pa.toAffine();
            assertArrayEquals(ba.compress(), PointCodec.g2ToCompressed(aa), m);
            assertArrayEquals(ba.serialize(), PointCodec.g2ToUncompressed(aa), m);
            assertArrayEquals(ba.dup().add(bb).compress(), PointCodec.g2ToCompressed(pa.add(pb).toAffine()), m);
            assertArrayEquals(ba.dup().add(bb.to_affine()).compress(), PointCodec.g2ToCompressed(pa.add(pb.toAffine()).toAffine()), m);
            assertArrayEquals(ba.dup().dbl().compress(), PointCodec.g2ToCompressed(pa.dbl().toAffine()), m);
            assertEquals(aa, PointCodec.g2FromCompressed(ba.compress()), m);
            assertEquals(aa, PointCodec.g2FromUncompressed(ba.serialize()), m);
            assertTrue(new P2_Affine(PointCodec.g2ToCompressed(aa)).is_equal(ba.to_affine()), m);
        }
    }

}
