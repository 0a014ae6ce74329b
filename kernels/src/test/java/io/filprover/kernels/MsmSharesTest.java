package io.filprover.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split plan: aligned contiguous ranges covering every scalar, equal until measured, then by measured rate. */
class MsmSharesTest {
    private static void assertCovers(int[] b, int count) {
        assertEquals(0, b[0]);
        assertEquals(count, b[b.length - 1]);
        for (int i = 1; i < b.length; i++) {
            assertTrue(b[i] >= b[i - 1], () -> java.util.Arrays.toString(b));
            assertTrue(b[i] == count || b[i] % MsmShares.ALIGN == 0, () -> java.util.Arrays.toString(b));
        }
    }

    @Test
    void equalSharesUntilMeasured() {
        MsmShares s = new MsmShares(3);
        assertArrayEquals(new int[] {0, 256, 448, 640}, s.plan(640));
        assertArrayEquals(new int[] {0, 64, 100, 100}, s.plan(100));
        assertArrayEquals(new int[] {0, 0, 0, 0}, s.plan(0));
    }

    @Test
    void measuredRatesSetTheSharesAndTheUnmeasuredCountAsTheirMean() {
        MsmShares s = new MsmShares(3);
        s.record(0, 3000, 1.0);
        s.record(1, 1000, 1.0);
        int[] b = s.plan(64 * 600); // weights 3000 : 1000 : 2000 (the unmeasured cpu counts as the mean)
        assertArrayEquals(new int[] {0, 64 * 300, 64 * 400, 64 * 600}, b);
        s.record(1, 3000, 1.0); // averaged: 0.5 · 3000 + 0.5 · 1000
        assertEquals(2000, s.rate(1), 1e-9);
        for (int count : new int[] {1, 63, 64, 65, 1000, 12_345, 1 << 20}) {
            assertCovers(s.plan(count), count);
        }
    }

    @Test
    void anUnhealthyParticipantGetsNothing() {
        MsmShares s = new MsmShares(3);
        s.markUnhealthy(1);
        int[] b = s.plan(64 * 10);
        assertEquals(b[1], b[2]);
        assertEquals(0.0, s.fractions()[1]);
        assertEquals(0.5, s.fractions()[0], 1e-12);
        assertCovers(b, 640);
    }

    @Test
    void jobsOverTheSameDevicesShareTheRatesButNotTheHealthAndBigChangesAreLogged() {
        MsmRates book = new MsmRates(java.util.List.of("a", "b", "cpu"));
        MsmShares job1 = new MsmShares(book, new int[] {0, 1, 2});
        MsmShares job2 = new MsmShares(book, new int[] {1, 0, 2}); // its first device rotated
        job1.record(0, 3000, 1.0); // the others count as the mean: shares still equal
        assertEquals(0, book.changesLogged());
        job1.record(1, 1000, 1.0); // 3000 : 1000 : 2000, b falls from 1/3 to 1/6
        assertEquals(1, book.changesLogged());
        assertEquals(1000, job2.rate(0), 1e-9, "job 2 reads what job 1 measured");
        double[] f = job2.fractions();
        assertEquals(1.0 / 6, f[0], 1e-12);
        assertEquals(0.5, f[1], 1e-12);
        assertArrayEquals(new int[] {0, 64 * 100, 64 * 400, 64 * 600}, job2.plan(64 * 600));
        job2.record(1, 3000, 1.0); // a unchanged
        job2.record(0, 1400, 1.0); // b averaged to 1200: shares move by under 3 points
        assertEquals(1200, job1.rate(1), 1e-9);
        assertEquals(1, book.changesLogged(), "small moves are not logged");
        job2.markUnhealthy(0);
        assertTrue(job1.isHealthy(1), "health is each job's own");
        assertEquals(0.0, job2.fractions()[0]);
        job1.record(1, 100_000, 1.0); // b now the fastest by far
        assertEquals(2, book.changesLogged());
    }
}
