package io.filprover.bls12381.curve;

import static org.junit.jupiter.api.Assertions.*;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.FqTowerElement;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Group law, scalar multiplication and subgroup checks for G1 and G2. */
class CurveGroupLawTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @Test
    void generatorsOnCurveWithOrderR() {
        assertTrue(G1.GENERATOR.isOnCurve());
        assertTrue(G2.GENERATOR.isOnCurve());
        assertTrue(G1.generator().mul(G1.ORDER).isIdentity());
        assertTrue(G2.generator().mul(G2.ORDER).isIdentity());
        assertFalse(G1.generator().mul(G1.ORDER.subtract(BigInteger.ONE)).isIdentity());
    }

    @Test
    void g1GroupLaw() {
        groupLaw(G1.generator(), "G1");
        // also on points outside the subgroup: the formulas do not care
        groupLaw(CurveTestSupport.randomCurvePointG1(rnd).toJacobian(), "E(Fq)");
    }

    @Test
    void g2GroupLaw() {
        groupLaw(G2.generator(), "G2");
        groupLaw(CurveTestSupport.randomCurvePointG2(rnd).toJacobian(), "E'(Fq2)");
    }

    private <F extends FqTowerElement<F>> void groupLaw(JacobianPoint<F> g, String what) {
        String m = what + " seed=" + seed;
        for (int i = 0; i < 20; i++) {
            BigInteger a = CurveTestSupport.randomScalar(rnd), b = CurveTestSupport.randomScalar(rnd);
            JacobianPoint<F> p = g.mul(a), q = g.mul(b), s = g.mul(CurveTestSupport.randomScalar(rnd));
            JacobianPoint<F> o = g.curve().identity();
            assertTrue(p.isOnCurve(), m);
            assertEquals(p.add(q).add(s), p.add(q.add(s)), m);
            assertEquals(p.add(q), q.add(p), m);
            assertEquals(p, p.add(o), m);
            assertEquals(p, o.add(p), m);
            assertTrue(p.add(p.neg()).isIdentity(), m);
            assertEquals(p.dbl(), p.add(p), m);
            assertEquals(p.dbl(), p.add(p.toAffine()), m);
            assertEquals(p.add(q), p.add(q.toAffine()), m);
            assertTrue(p.add(p.neg().toAffine()).isIdentity(), m);
            // linearity of scalar multiplication against BigInteger arithmetic
            assertEquals(g.mul(a.add(b)), p.add(q), m);
            assertEquals(g.mul(a.multiply(b)), p.mul(b), m);
            assertEquals(p.neg(), p.mul(BigInteger.ONE.negate()), m);
            long small = rnd.nextInt(1000);
            assertEquals(p.mul(BigInteger.valueOf(small)), naiveMul(p, small), m);
            assertEquals(p.mul(BigInteger.valueOf(small)), p.mulUnsigned(small), m);
            assertEquals(p.toAffine().toJacobian(), p, m);
        }
        assertTrue(g.curve().identity().dbl().isIdentity());
        assertTrue(g.mul(BigInteger.ZERO).isIdentity());
    }

    private static <F extends FqTowerElement<F>> JacobianPoint<F> naiveMul(JacobianPoint<F> p, long k) {
        JacobianPoint<F> acc = p.curve().identity();
        for (long i = 0; i < k; i++) acc = acc.add(p);
        return acc;
    }

    @Test
    void glvMatchesGenericMultiplication() {
        JacobianPoint<Fq> g = G1.generator();
        BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, G1.ORDER.subtract(BigInteger.ONE), G1.ORDER,
                G1.ORDER.add(BigInteger.TWO), BigInteger.valueOf(-5), BigInteger.ONE.shiftLeft(128),
                new BigInteger(Long.toUnsignedString(G1.X_ABS)).pow(2)};
        for (BigInteger k : edge) assertEquals(g.mul(k), G1.mul(g, k), "k=" + k);
        for (int i = 0; i < 100; i++) {
            JacobianPoint<Fq> p = g.mul(CurveTestSupport.randomScalar(rnd));
            BigInteger k = new BigInteger(300, rnd).subtract(BigInteger.ONE.shiftLeft(299));
            assertEquals(p.mul(k), G1.mul(p, k), "seed=" + seed + " k=" + k);
        }
        assertTrue(G1.mul(G1.identity(), BigInteger.TEN).isIdentity());
    }

    @Test
    void batchNormalisation() {
        @SuppressWarnings("unchecked")
        JacobianPoint<Fq>[] pts = new JacobianPoint[10];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = i == 4 ? G1.identity() : G1.generator().mul(CurveTestSupport.randomScalar(rnd));
        }
        AffinePoint<Fq>[] aff = JacobianPoint.batchToAffine(pts);
        for (int i = 0; i < pts.length; i++) assertEquals(pts[i].toAffine(), aff[i], "seed=" + seed);
        assertTrue(aff[4].isInfinity());
    }

    @Test
    void scalarEncodingsAgree() {
        for (int i = 0; i < 10; i++) {
            BigInteger k = CurveTestSupport.randomScalar(rnd);
            byte[] le = new byte[32];
            long[] limbs = new long[4];
            for (int j = 0; j < 32; j++) le[j] = k.shiftRight(8 * j).byteValue();
            for (int j = 0; j < 4; j++) limbs[j] = k.shiftRight(64 * j).longValue();
            JacobianPoint<Fq> e = G1.generator().mul(k);
            assertEquals(e, G1.mul(G1.generator(), le));
            assertEquals(e, G1.mul(G1.generator(), limbs));
            assertEquals(G2.generator().mul(k), G2.mul(G2.generator(), le));
        }
        byte[] tooBig = new byte[32];
        java.util.Arrays.fill(tooBig, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> G1.mul(G1.generator(), tooBig));
    }

    @Test
    void endomorphismsActAsExpected() {
        for (int i = 0; i < 5; i++) {
            JacobianPoint<Fq> p = G1.generator().mul(CurveTestSupport.randomScalar(rnd));
            JacobianPoint<Fq> phi = G1.endomorphism(p);
            assertTrue(phi.isOnCurve());
            // φ has order 3: φ³ = id and 1 + φ + φ² = 0 on G1
            assertEquals(p, G1.endomorphism(G1.endomorphism(phi)), "seed=" + seed);
            assertTrue(p.add(phi).add(G1.endomorphism(phi)).isIdentity(), "seed=" + seed);
            JacobianPoint<Fq2> q = G2.generator().mul(CurveTestSupport.randomScalar(rnd));
            JacobianPoint<Fq2> psi = G2.psi(q);
            assertTrue(psi.isOnCurve());
            // ψ satisfies ψ² − tψ + q = 0 with trace t = x + 1 on E'(Fq2); on G2 it is [x]
            assertEquals(q.mulUnsigned(G1.X_ABS).neg(), psi, "seed=" + seed);
        }
    }

    @Test
    void subgroupChecksAgreeWithOrderR() {
        for (int i = 0; i < 20; i++) {
            AffinePoint<Fq> p = CurveTestSupport.randomCurvePointG1(rnd);
            boolean byOrder = p.toJacobian().mul(G1.ORDER).isIdentity();
            assertEquals(byOrder, G1.isInSubgroup(p), "seed=" + seed);
            assertFalse(byOrder, "a random curve point is almost never in G1; seed=" + seed);
            // clearing the cofactor h1 lands in G1
            JacobianPoint<Fq> cleared = p.toJacobian().mul(new BigInteger("396c8c005555e1568c00aaab0000aaab", 16));
            assertTrue(G1.isInSubgroup(cleared), "seed=" + seed);
            assertTrue(G1.isInSubgroup(G1.generator().mul(CurveTestSupport.randomScalar(rnd))));

            AffinePoint<Fq2> q = CurveTestSupport.randomCurvePointG2(rnd);
            assertEquals(q.toJacobian().mul(G2.ORDER).isIdentity(), G2.isInSubgroup(q), "seed=" + seed);
            assertFalse(G2.isInSubgroup(q), "seed=" + seed);
            assertTrue(G2.isInSubgroup(G2.generator().mul(CurveTestSupport.randomScalar(rnd))));
        }
        // small-order and mixed-order points: G1 has points of order 3 (x = 0, y = ±2)
        AffinePoint<Fq> order3 = AffinePoint.of(G1.CURVE, Fq.ZERO, Fq.fromLong(2));
        assertTrue(order3.isOnCurve());
        assertTrue(order3.toJacobian().mulUnsigned(3).isIdentity());
        assertFalse(G1.isInSubgroup(order3));
        assertFalse(G1.isInSubgroup(G1.generator().add(order3)));
    }
}
