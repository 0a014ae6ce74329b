package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Algebraic identities for Fq2, Fq6, Fq12: ring laws, inverses, Frobenius = x^q (via generic
 * square-and-multiply), the defining relations u² = −1, v³ = ξ, w² = v, and cyclotomic squaring
 * against plain squaring.
 */
class FqTowerTest {
    private static final BigInteger Q = Fq.MODULUS;
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @Test
    void fq2RingLawsAgainstSchoolbook() {
        for (int i = 0; i < 2000; i++) {
            Fq2 a = Fq2.random(rnd), b = Fq2.random(rnd);
            // schoolbook with u² = −1
            Fq2 expect = new Fq2(a.c0.mul(b.c0).sub(a.c1.mul(b.c1)), a.c0.mul(b.c1).add(a.c1.mul(b.c0)));
            assertEquals(expect, a.mul(b), "seed=" + seed);
            assertEquals(a.mul(a), a.square(), "seed=" + seed);
            assertEquals(a.mul(Fq2.NON_RESIDUE), a.mulByNonResidue(), "seed=" + seed);
            assertTrue(a.mul(a.inverse()).isOne(), "seed=" + seed);
            assertEquals(a.pow(Q), a.frobenius(1), "seed=" + seed);
        }
        Fq2 u = new Fq2(Fq.ZERO, Fq.ONE);
        assertEquals(Fq2.ONE.neg(), u.square());
    }

    @Test
    void fq2Sqrt() {
        int squares = 0;
        for (int i = 0; i < 200; i++) {
            Fq2 a = Fq2.random(rnd);
            Fq2 sq = a.square();
            Fq2 s = sq.sqrt();
            assertNotNull(s, "seed=" + seed);
            assertEquals(sq, s.square(), "seed=" + seed);
            Fq2 b = Fq2.random(rnd);
            Fq2 t = b.sqrt();
            assertEquals(b.isSquare(), t != null, "seed=" + seed);
            if (t != null) { squares++; assertEquals(b, t.square()); }
            // purely real / purely imaginary inputs
            Fq2 real = new Fq2(Fq.random(rnd), Fq.ZERO);
            Fq2 rs = real.sqrt();
            assertNotNull(rs, "every Fq element is a square in Fq2");
            assertEquals(real, rs.square());
        }
        assertTrue(squares > 50 && squares < 150, "about half are squares: " + squares + " seed=" + seed);
    }

    @Test
    void fq6Laws() {
        Fq6 v = new Fq6(Fq2.ZERO, Fq2.ONE, Fq2.ZERO);
        assertEquals(new Fq6(Fq2.NON_RESIDUE, Fq2.ZERO, Fq2.ZERO), v.mul(v).mul(v), "v³ = ξ");
        for (int i = 0; i < 200; i++) {
            Fq6 a = Fq6.random(rnd), b = Fq6.random(rnd), c = Fq6.random(rnd);
            assertEquals(schoolbook6(a, b), a.mul(b), "seed=" + seed);
            assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)), "seed=" + seed);
            assertEquals(a.mul(a), a.square(), "seed=" + seed);
            assertEquals(a.mul(v), a.mulByV(), "seed=" + seed);
            assertTrue(a.mul(a.inverse()).isOne(), "seed=" + seed);
            Fq2 b0 = Fq2.random(rnd), b1 = Fq2.random(rnd);
            assertEquals(a.mul(new Fq6(b0, b1, Fq2.ZERO)), a.mulBy01(b0, b1), "seed=" + seed);
            assertEquals(a.mul(new Fq6(Fq2.ZERO, b1, Fq2.ZERO)), a.mulBy1(b1), "seed=" + seed);
        }
        Fq6 a = Fq6.random(rnd);
        Fq6 p = a;
        for (int k = 1; k < 6; k++) {
            p = pow6(p, Q);
            assertEquals(p, a.frobenius(k), "frobenius^" + k + " seed=" + seed);
        }
    }

    @Test
    void fq12Laws() {
        Fq12 w = new Fq12(Fq6.ZERO, Fq6.ONE);
        assertEquals(new Fq12(new Fq6(Fq2.ZERO, Fq2.ONE, Fq2.ZERO), Fq6.ZERO), w.square(), "w² = v");
        for (int i = 0; i < 50; i++) {
            Fq12 a = Fq12.random(rnd), b = Fq12.random(rnd), c = Fq12.random(rnd);
            assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)), "seed=" + seed);
            assertEquals(a.mul(b.add(c)), a.mul(b).add(a.mul(c)), "seed=" + seed);
            assertEquals(a.mul(a), a.square(), "seed=" + seed);
            assertTrue(a.mul(a.inverse()).isOne(), "seed=" + seed);
            Fq2 d0 = Fq2.random(rnd), d1 = Fq2.random(rnd), d4 = Fq2.random(rnd);
            Fq12 sparse = new Fq12(new Fq6(d0, d1, Fq2.ZERO), new Fq6(Fq2.ZERO, d4, Fq2.ZERO));
            assertEquals(a.mul(sparse), a.mulBy014(d0, d1, d4), "seed=" + seed);
        }
        Fq12 a = Fq12.random(rnd);
        Fq12 p = a;
        for (int k = 1; k < 12; k++) {
            p = p.pow(Q);
            assertEquals(p, a.frobenius(k), "frobenius^" + k + " seed=" + seed);
        }
    }

    @Test
    void cyclotomicSquareMatchesSquareInCyclotomicSubgroup() {
        for (int i = 0; i < 50; i++) {
            Fq12 f = Fq12.random(rnd);
            // f^((q^6 − 1)(q^2 + 1)) lies in the cyclotomic subgroup
            Fq12 g = f.conjugate().mul(f.inverse());
            g = g.frobenius(2).mul(g);
            assertEquals(g.square(), g.cyclotomicSquare(), "seed=" + seed);
            assertTrue(g.mul(g.conjugate()).isOne(), "conjugate is the inverse there");
        }
    }

    private static Fq6 schoolbook6(Fq6 a, Fq6 b) {
        Fq2[] x = {a.c0, a.c1, a.c2}, y = {b.c0, b.c1, b.c2};
        Fq2[] r = {Fq2.ZERO, Fq2.ZERO, Fq2.ZERO, Fq2.ZERO, Fq2.ZERO};
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i + j] = r[i + j].add(x[i].mul(y[j]));
        return new Fq6(r[0].add(r[3].mulByNonResidue()), r[1].add(r[4].mulByNonResidue()), r[2]);
    }

    private static Fq6 pow6(Fq6 a, BigInteger e) {
        Fq6 acc = Fq6.ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (e.testBit(i)) acc = acc.mul(a);
        }
        return acc;
    }
}
