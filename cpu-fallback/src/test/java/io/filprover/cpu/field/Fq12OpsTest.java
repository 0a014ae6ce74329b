package io.filprover.cpu.field;

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
        Fq12Ops.store(a, r, 0);
        return r;
    }

    @Test
    void fq2Kernels() {
        for (int i = 0; i < 500; i++) {
            Fq2 a = Fq2.random(rnd), b = Fq2.random(rnd);
            long[] w = new long[36];
            Fq12Ops.storeFq2(a, w, 0);
            Fq12Ops.storeFq2(b, w, 12);
            ops.fq2Mul(w, 24, w, 0, w, 12);
            assertEquals(a.mul(b), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            ops.fq2Square(w, 24, w, 0);
            assertEquals(a.square(), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            ops.fq2MulByNonResidue(w, 24, w, 0);
            assertEquals(a.mulByNonResidue(), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
            Fq12Ops.fq2Conjugate(w, 24, w, 0);
            assertEquals(a.conjugate(), Fq12Ops.loadFq2(w, 24), "seed=" + seed);
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
            for (int k = 0; k < 12; k++) {
                ops.frobenius(r, 0, x, 0, k);
                assertEquals(a.frobenius(k), Fq12Ops.load(r, 0), "frobenius " + k + " seed=" + seed);
            }
            Fq2 d0 = Fq2.random(rnd), d1 = Fq2.random(rnd), d4 = Fq2.random(rnd);
            long[] d = new long[36];
            Fq12Ops.storeFq2(d0, d, 0);
            Fq12Ops.storeFq2(d1, d, 12);
            Fq12Ops.storeFq2(d4, d, 24);
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
