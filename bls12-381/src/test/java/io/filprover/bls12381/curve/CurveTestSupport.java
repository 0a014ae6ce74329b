package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import java.math.BigInteger;
import java.util.Random;

/** Random points for the curve tests. */
final class CurveTestSupport {
    private CurveTestSupport() {}

    static BigInteger randomScalar(Random rnd) {
        return new BigInteger(256, rnd).mod(G1.ORDER);
    }

    /** A random point of E(Fq) (almost surely not in G1: the cofactor is large). */
    static AffinePoint<Fq> randomCurvePointG1(Random rnd) {
        while (true) {
            Fq x = Fq.random(rnd);
            Fq y = x.square().mul(x).add(G1.CURVE.b()).sqrt();
            if (y != null) return AffinePoint.of(G1.CURVE, x, rnd.nextBoolean() ? y : y.neg());
        }
    }

    static AffinePoint<Fq2> randomCurvePointG2(Random rnd) {
        while (true) {
            Fq2 x = Fq2.random(rnd);
            Fq2 y = x.square().mul(x).add(G2.CURVE.b()).sqrt();
            if (y != null) return AffinePoint.of(G2.CURVE, x, rnd.nextBoolean() ? y : y.neg());
        }
    }
}
