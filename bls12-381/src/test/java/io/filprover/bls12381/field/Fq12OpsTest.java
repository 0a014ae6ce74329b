package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The flat-limb kernels against the immutable tower classes (an independent implementation of the
 * same formulas, itself checked by {@link FqTowerTest}), including in-place (aliased) outputs.
 */
class Fq12OpsTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);
    private final Fq12Ops ops = new Fq12Ops();

    private static long[] flat(Fq12 a) {
        long[] r = new long[Fq12Ops.FQ12];
        Fq12Ops.store(r, 0, a);
        return r;
    }

    @Test
    void fq2Kernels() {
        for (int i = 0; i < 500; i++) {
            Fq2 a = Fq2.random(rnd), b = Fq2.random(rnd);
            long[] w = new long[36];
            Fq12Ops.storeFq2(w, 0, a);
            Fq12Ops.storeFq2(w, 12, b);
            ops.fq2Mul(w, 24, w, 0, w, 12);
            assertEquals(a.mul(b), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            ops.fq2Square(w, 24, w, 0);
            assertEquals(a.square(), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            ops.fq2MulByNonResidue(w, 24, w, 0);
            assertEquals(a.mulByNonResidue(), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            Fq12Ops.fq2Conjugate(w, 24, w, 0);
            assertEquals(a.conjugate(), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            ops.fq2Inverse(w, 24, w, 0);
            assertEquals(Fq2.ONE, a.mul(Fq12Ops.loadFq2(w, 24)), "inverse, seed=" + seed);
            ops.fq2Mul(w, 0, w, 0, w, 12); // aliased
            assertEquals(a.mul(b), Fq12Ops.loadFq2(w, 0), "seed=" + seed);
            ops.fq2Square(w, 12, w, 12);
            assertEquals(b.square(), Fq12Ops.loadFq2(w, 12), "seed=" + seed);
        }
    }

    @Test
    void fq12Kernels() {
        for (int i = 0; i < 30; i++) {
            Fq12 a = Fq12.random(rnd), b = Fq12.random(rnd);
            long[] x = flat(a), y = flat(b), r = new long[Fq12Ops.FQ12];
            ops.mul(r, 0, x, 0, y, 0);
            assertEquals(a.mul(b), Fq12Ops.load(r, 0), "seed=" + seed);
            ops.square(r, 0, x, 0);
            assertEquals(a.square(), Fq12Ops.load(r, 0), "seed=" + seed);
            Fq12Ops.conjugate(r, 0, x, 0);
            assertEquals(a.conjugate(), Fq12Ops.load(r, 0), "seed=" + seed);
            ops.inverse(r, 0, x, 0);
            assertEquals(Fq12.ONE, a.mul(Fq12Ops.load(r, 0)), "inverse, seed=" + seed);
            for (int k = 0; k < 12; k++) {
                ops.frobenius(r, 0, x, 0, k);
                assertEquals(a.frobenius(k), Fq12Ops.load(r, 0), "frobenius " + k + " seed=" + seed);
            }
            Fq2 d0 = Fq2.random(rnd), d1 = Fq2.random(rnd), d4 = Fq2.random(rnd);
            long[] d = new long[36];
            Fq12Ops.storeFq2(d, 0, d0);
            Fq12Ops.storeFq2(d, 12, d1);
            Fq12Ops.storeFq2(d, 24, d4);
            ops.mulBy014(r, 0, x, 0, d, 0, 12, 24);
            assertEquals(a.mulBy014(d0, d1, d4), Fq12Ops.load(r, 0), "seed=" + seed);
            // in place
            long[] z = x.clone();
            ops.mul(z, 0, z, 0, y, 0);
            ops.square(z, 0, z, 0);
            ops.mulBy014(z, 0, z, 0, d, 0, 12, 24);
            ops.frobenius(z, 0, z, 0, 3);
            assertEquals(a.mul(b).square().mulBy014(d0, d1, d4).frobenius(3), Fq12Ops.load(z, 0), "seed=" + seed);
        }
    }

    /** Coefficients drawn from 0, 1, q − 1 and random: the extremes FqWide's bounds are written for. */
    private Fq extremeFq() {
        switch (rnd.nextInt(4)) {
            case 0: return Fq.ZERO;
            case 1: return Fq.ONE;
            case 2: return Fq.ZERO.sub(Fq.ONE);
            default: return Fq.random(rnd);
        }
    }

    private Fq6 extremeFq6() {
        Fq2[] c = new Fq2[3];
        for (int j = 0; j < 3; j++) c[j] = new Fq2(extremeFq(), extremeFq());
        return new Fq6(c[0], c[1], c[2]);
    }

    @Test
    void fq6ProductReducedOncePerCoefficient() {
        Fq6 max = new Fq6(new Fq2(Fq.ZERO.sub(Fq.ONE), Fq.ZERO.sub(Fq.ONE)),
                new Fq2(Fq.ZERO.sub(Fq.ONE), Fq.ZERO.sub(Fq.ONE)), new Fq2(Fq.ZERO.sub(Fq.ONE), Fq.ZERO.sub(Fq.ONE)));
        for (int i = 0; i < 3000; i++) {
            Fq6 a = i == 0 ? max : i % 3 == 0 ? Fq6.random(rnd) : extremeFq6();
            Fq6 b = i == 0 ? max : i % 5 == 0 ? Fq6.random(rnd) : extremeFq6();
            long[] w = new long[3 * Fq12Ops.FQ6];
            Fq12 pa = new Fq12(a, Fq6.ZERO), pb = new Fq12(b, Fq6.ZERO);
            long[] fa = flat(pa), fb = flat(pb);
            System.arraycopy(fa, 0, w, 0, Fq12Ops.FQ6);
            System.arraycopy(fb, 0, w, Fq12Ops.FQ6, Fq12Ops.FQ6);
            ops.fq6Mul(w, 2 * Fq12Ops.FQ6, w, 0, w, Fq12Ops.FQ6);
            Fq6 expect = a.mul(b);
            System.arraycopy(w, 2 * Fq12Ops.FQ6, fa, 0, Fq12Ops.FQ6);
            assertEquals(expect, Fq12Ops.load(fa, 0).c0, "seed=" + seed + " i=" + i);
            ops.fq6Mul(w, 0, w, 0, w, 0);                    // aliased square
            System.arraycopy(w, 0, fa, 0, Fq12Ops.FQ6);
            assertEquals(a.square(), Fq12Ops.load(fa, 0).c0, "square, seed=" + seed + " i=" + i);
        }
    }

    @Test
    void sparseLineProductReducedOncePerCoefficient() {
        for (int i = 0; i < 2000; i++) {
            Fq12 f = new Fq12(extremeFq6(), extremeFq6());
            Fq2 d0 = new Fq2(extremeFq(), extremeFq()), d1 = new Fq2(extremeFq(), extremeFq()),
                    d4 = new Fq2(extremeFq(), extremeFq());
            long[] x = flat(f), d = new long[36];
            Fq12Ops.storeFq2(d, 0, d0);
            Fq12Ops.storeFq2(d, 12, d1);
            Fq12Ops.storeFq2(d, 24, d4);
            ops.mulBy014(x, 0, x, 0, d, 0, 12, 24);
            assertEquals(f.mulBy014(d0, d1, d4), Fq12Ops.load(x, 0), "seed=" + seed + " i=" + i);
        }
    }

    @Test
    void fq4SquareStepReducedOncePerCoefficient() {
        Fq4LazySquare sq = new Fq4LazySquare();
        Fq m = Fq.ZERO.sub(Fq.ONE);
        Fq2 three = new Fq2(Fq.fromLong(3), Fq.ZERO), two = new Fq2(Fq.fromLong(2), Fq.ZERO);
        for (int i = 0; i < 5000; i++) {
            boolean corner = i < 4;   // all coefficients q − 1, or c, c' = 0: the bounds' extremes
            Fq2 p = corner ? new Fq2(m, m) : new Fq2(extremeFq(), extremeFq());
            Fq2 q = corner ? new Fq2(m, m) : new Fq2(extremeFq(), extremeFq());
            Fq2 c = corner ? (i % 2 == 0 ? new Fq2(m, m) : Fq2.ZERO) : new Fq2(extremeFq(), extremeFq());
            Fq2 d = corner ? (i % 2 == 0 ? new Fq2(m, m) : Fq2.ZERO) : new Fq2(extremeFq(), extremeFq());
            boolean xi = (i & 2) != 0 || rnd.nextBoolean();
            long[] w = new long[48], r = new long[24];
            Fq12Ops.storeFq2(w, 0, p);
            Fq12Ops.storeFq2(w, 12, q);
            Fq12Ops.storeFq2(w, 24, c);
            Fq12Ops.storeFq2(w, 36, d);
            sq.square(r, 0, 12, w, 0, 12, 24, 36, xi);
            Fq2 x = p.square().add(q.square().mulByNonResidue()), y = p.mul(q).add(p.mul(q));
            if (xi) y = y.mulByNonResidue();
            assertEquals(three.mul(x).sub(two.mul(c)), Fq12Ops.loadFq2(r, 0), "3x − 2c, seed=" + seed + " i=" + i);
            assertEquals(three.mul(y).add(two.mul(d)), Fq12Ops.loadFq2(r, 12), "3y + 2c', seed=" + seed + " i=" + i);
        }
    }

    @Test
    void cyclotomicSquare() {
        for (int i = 0; i < 30; i++) {
            Fq12 f = Fq12.random(rnd);
            Fq12 g = f.conjugate().mul(f.inverse());
            g = g.frobenius(2).mul(g);
            long[] x = flat(g), r = new long[Fq12Ops.FQ12];
            ops.cyclotomicSquare(r, 0, x, 0);
            assertEquals(g.square(), Fq12Ops.load(r, 0), "seed=" + seed);
            ops.cyclotomicSquare(x, 0, x, 0);
            assertEquals(g.square(), Fq12Ops.load(x, 0), "in place, seed=" + seed);
        }
    }

    @Test
    void compressedSquaringChainsMatchGrangerScott() {
        for (int i = 0; i < 10; i++) {
            Fq12 f = Fq12.random(rnd);
            Fq12 g = f.conjugate().mul(f.inverse());
            g = g.frobenius(2).mul(g);
            // three checkpoints along one compressed chain, decompressed together
            int[] stops = {1, 5 + i, 20};
            long[] w = new long[3 * Fq12Ops.FQ12];
            long[] cur = flat(g);
            Fq12 plain = g;
            Fq12[] expect = new Fq12[3];
            int k = 0;
            for (int step = 1; step <= 20; step++) {
                ops.cyclotomicSquareCompressed(cur, 0, cur, 0);
                plain = plain.cyclotomicSquare();
                if (k < 3 && step == stops[k]) {
                    System.arraycopy(cur, 0, w, k * Fq12Ops.FQ12, Fq12Ops.FQ12);
                    java.util.Arrays.fill(w, k * Fq12Ops.FQ12, k * Fq12Ops.FQ12 + 12, 7L); // a0 garbage: must be rebuilt
                    expect[k++] = plain;
                }
            }
            assertTrue(ops.cyclotomicDecompress(w, new int[] {0, Fq12Ops.FQ12, 2 * Fq12Ops.FQ12}, 3), "seed=" + seed);
            for (int j = 0; j < 3; j++) {
                assertEquals(expect[j], Fq12Ops.load(w, j * Fq12Ops.FQ12), "checkpoint " + stops[j] + " seed=" + seed);
            }
        }
        // g2 = 0 is refused, leaving the input untouched
        long[] one = flat(Fq12.ONE);
        assertFalse(ops.cyclotomicDecompress(one, new int[] {0}, 1));
        assertEquals(Fq12.ONE, Fq12Ops.load(one, 0));
    }
}
