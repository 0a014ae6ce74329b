package io.filprover.bls12381.pairing;

import static org.junit.jupiter.api.Assertions.*;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * Subgroup membership against native blst (jblst): 1,000 random points each on E(Fq) and E'(Fq2),
 * half of them outside G1/G2. Fresh seed per run; skipped when the native library cannot load.
 */
class BlstSubgroupCrossCheckTest {
    private static final int CASES = 1000;
    private static final HexFormat HEX = HexFormat.of();
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @BeforeAll
    static void nativeBlstLoads() {
        BlstCrossCheckTest.nativeBlstLoads();
    }

    private BigInteger randomScalar() {
        return new BigInteger(256, rnd).mod(G1.ORDER);
    }

    /** Random curve points (mostly outside the subgroup): our endomorphism checks agree with blst. */
    @Test
    void subgroupChecksAgree() {
        int outside = 0;
        for (int i = 0; i < CASES; i++) {
            String m = "seed=" + seed + " case " + i;
            AffinePoint<Fq> p = randomG1CurvePoint(i % 2 == 0);
            byte[] enc = PointCodec.g1ToUncompressed(p);
            P1_Affine bp = new P1_Affine(enc);
            assertTrue(bp.on_curve(), m);
            assertEquals(bp.in_group(), G1.isInSubgroup(p), m + " G1 " + HEX.formatHex(enc));
            AffinePoint<Fq2> q = randomG2CurvePoint(i % 2 == 0);
            byte[] enc2 = PointCodec.g2ToUncompressed(q);
            P2_Affine bq = new P2_Affine(enc2);
            assertEquals(bq.in_group(), G2.isInSubgroup(q), m + " G2 " + HEX.formatHex(enc2));
            if (!bq.in_group()) outside++;
        }
        assertTrue(outside > CASES / 3, "seed=" + seed);
    }

    private AffinePoint<Fq> randomG1CurvePoint(boolean inSubgroup) {
        if (inSubgroup) return G1.generator().mul(randomScalar()).toAffine();
        while (true) {
            Fq x = Fq.random(rnd);
            Fq y = x.square().mul(x).add(G1.CURVE.b()).sqrt();
            if (y != null) return AffinePoint.of(G1.CURVE, x, y);
        }
    }

    private AffinePoint<Fq2> randomG2CurvePoint(boolean inSubgroup) {
        if (inSubgroup) return G2.generator().mul(randomScalar()).toAffine();
        while (true) {
            Fq2 x = Fq2.random(rnd);
            Fq2 y = x.square().mul(x).add(G2.CURVE.b()).sqrt();
            if (y != null) return AffinePoint.of(G2.CURVE, x, y);
        }
    }
}
