package io.filprover.bls12381.pairing;

import static org.junit.jupiter.api.Assertions.*;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq12;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fq6;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairingTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    private BigInteger scalar() {
        return new BigInteger(256, rnd).mod(G1.ORDER);
    }

    @Test
    void bilinearAndNonDegenerate() {
        Fq12 e = Pairing.pairing(G1.GENERATOR, G2.GENERATOR);
        assertFalse(e.isOne(), "non-degenerate");
        assertTrue(e.pow(G1.ORDER).isOne(), "e(P,Q)^r = 1");
        for (int i = 0; i < 3; i++) {
            BigInteger a = scalar(), b = scalar();
            AffinePoint<Fq> ap = G1.generator().mul(a).toAffine();
            AffinePoint<Fq2> bq = G2.generator().mul(b).toAffine();
            assertEquals(e.pow(a.multiply(b)), Pairing.pairing(ap, bq), "seed=" + seed);
            assertEquals(Pairing.pairing(G1.generator().mul(a.multiply(b)).toAffine(), G2.GENERATOR),
                    Pairing.pairing(ap, bq), "seed=" + seed);
        }
    }

    @Test
    void multiPairingIsProduct() {
        BigInteger a = scalar(), b = scalar(), c = scalar();
        AffinePoint<Fq> p1 = G1.generator().mul(a).toAffine(), p2 = G1.generator().mul(b).toAffine();
        AffinePoint<Fq2> q1 = G2.generator().mul(c).toAffine(), q2 = G2.GENERATOR;
        Fq12 prod = Pairing.pairing(p1, q1).mul(Pairing.pairing(p2, q2));
        assertEquals(prod, Pairing.multiPairing(List.of(p1, p2), List.of(q1, q2)), "seed=" + seed);
        // e(aP, Q)·e(−P, aQ) = 1 (the shape of a verification equation)
        AffinePoint<Fq> negP = G1.GENERATOR.neg();
        AffinePoint<Fq2> aQ = G2.generator().mul(a).toAffine();
        AffinePoint<Fq> aP = G1.generator().mul(a).toAffine();
        assertTrue(Pairing.multiPairing(List.of(aP, negP), List.of(G2.GENERATOR, aQ)).isOne(), "seed=" + seed);
        // infinity contributes 1
        assertTrue(Pairing.pairing(G1.CURVE.infinity(), G2.GENERATOR).isOne());
        assertTrue(Pairing.pairing(G1.GENERATOR, G2.CURVE.infinity()).isOne());
        assertEquals(Pairing.pairing(p1, q1),
                Pairing.multiPairing(List.of(p1, G1.CURVE.infinity()), List.of(q1, q2)));
    }

    @Test
    void finalExponentiationMatchesGenericPower() {
        Fq12 f = Fq12.random(rnd);
        BigInteger q = Fq.MODULUS;
        // blst's convention: the cube of the textbook reduced pairing, f^(3(q^12 − 1)/r)
        BigInteger exp = q.pow(12).subtract(BigInteger.ONE).divide(G1.ORDER).multiply(BigInteger.valueOf(3));
        assertEquals(f.pow(exp), Pairing.finalExponentiation(f), "seed=" + seed);
    }

    /** bellperson tests/compatibility.rs vectors: e(g1, g2) in blstrs Gt::write_compressed form. */
    @Test
    void bellpersonCompatibilityVectors() {
        for (String v : new String[] {"pair1", "pair2"}) {
            AffinePoint<Fq> p = io.filprover.bls12381.curve.PointCodec.g1FromCompressed(
                    io.filprover.bls12381.curve.BlsTestVectors.bytes(v + ".g1"));
            AffinePoint<Fq2> q = io.filprover.bls12381.curve.PointCodec.g2FromCompressed(
                    io.filprover.bls12381.curve.BlsTestVectors.bytes(v + ".g2"));
            byte[] expect = io.filprover.bls12381.curve.BlsTestVectors.bytes(v + ".gt");
            assertArrayEquals(expect, torusCompress(Pairing.pairing(p, q)), v);
        }
    }

    /** blstrs src/gt.rs compress(): (c0 + 1)/c1 in Fq6, six Fq coordinates little-endian. */
    static byte[] torusCompress(Fq12 f) {
        Fq6 c0 = f.c0;
        Fq6 b = new Fq6(c0.c0.add(Fq2.ONE), c0.c1, c0.c2).mul(f.c1.inverse());
        Fq[] parts = {b.c0.c0, b.c0.c1, b.c1.c0, b.c1.c1, b.c2.c0, b.c2.c1};
        byte[] out = new byte[288];
        for (int i = 0; i < 6; i++) {
            byte[] be = parts[i].toBytesBE();
            for (int k = 0; k < 48; k++) out[48 * i + k] = be[47 - k];
        }
        return out;
    }

    @Test
    void preparedG2MatchesPlainPath() {
        BigInteger a = scalar(), b = scalar(), c = scalar();
        AffinePoint<Fq> p1 = G1.generator().mul(a).toAffine(), p2 = G1.generator().mul(b).toAffine();
        AffinePoint<Fq2> q1 = G2.generator().mul(c).toAffine(), q2 = G2.GENERATOR;
        PreparedG2 pq1 = Pairing.prepare(q1), pq2 = Pairing.prepare(q2);
        assertEquals(Pairing.millerLoop(List.of(p1, p2), List.of(q1, q2)),
                Pairing.millerLoopPrepared(List.of(p1, p2), List.of(pq1, pq2)), "seed=" + seed);
        Fq12 expect = Pairing.pairing(p1, q1).mul(Pairing.pairing(p2, q2));
        assertEquals(expect, Pairing.multiPairingPrepared(List.of(p1, p2), List.of(pq1, pq2)), "seed=" + seed);
        // a prepared point is reusable, and infinity (either side) contributes 1
        assertEquals(Pairing.pairing(p2, q1), Pairing.multiPairingPrepared(List.of(p2), List.of(pq1)), "seed=" + seed);
        PreparedG2 inf = Pairing.prepare(G2.CURVE.infinity());
        assertTrue(inf.isInfinity());
        assertEquals(Pairing.pairing(p1, q1), Pairing.multiPairingPrepared(
                List.of(p1, p2, G1.CURVE.infinity()), List.of(pq1, inf, pq2)), "seed=" + seed);
    }

    /** 1 has g2 = 0, so the Karabina decompression refuses it and the Granger–Scott fallback runs. */
    @Test
    void finalExponentiationOfOneTakesTheFallbackPath() {
        assertTrue(Pairing.finalExponentiation(Fq12.ONE).isOne());
        Fq12 minusOne = Fq12.ONE.neg(); // (−1)^(3(q¹²−1)/r) = 1 since the exponent is even
        assertTrue(Pairing.finalExponentiation(minusOne).isOne());
    }
}
