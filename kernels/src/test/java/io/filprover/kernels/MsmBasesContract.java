package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.filprover.kernels.KernelsContractTest.frLimbs;
import static io.filprover.kernels.KernelsContractTest.randomScalars;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MSM bases kept by the backend (mixed into {@link KernelsContractTest}, so every backend runs it): G1
 * and G2 handles on random bases (some at infinity) at an offset of their array; several calls on one
 * handle at different first bases, with and without a density bitmap, random scalars with 0, 1 and
 * r − 1 mixed in and only those, each against the cpu backend's array MSM over a copy of exactly the
 * bases the call pairs with; one handle used by two threads at once; and the refusals: a closed handle,
 * another backend's handle, a handle of the other group, bases past the handle's end.
 */
public interface MsmBasesContract {
    Kernels kernels();

    WorkerPool pool();

    String why(String test);

    Random rnd(String test);

    /** n random bases of the group (every 13th or so at infinity) at a random offset of a longer array. */
    private static long[] basesAt(Random r, boolean g2, int n, int off) {
        int pl = g2 ? MsmBases.Group.G2.pointLimbs : MsmBases.Group.G1.pointLimbs;
        long[] some;
        if (g2) {
            long[] all = MsmG2Contract.g2Bases(n);
            int from = r.nextInt(all.length / pl - n + 1);
            some = Arrays.copyOfRange(all, pl * from, pl * (from + n));
            for (int i = 0; i < n; i++) {
                if (r.nextInt(13) == 0) {
                    Arrays.fill(some, pl * i, pl * (i + 1), 0L);
                }
            }
        } else {
            some = KernelsContractTest.someBases(r, n, true);
        }
        long[] b = new long[off + some.length + 5];
        System.arraycopy(some, 0, b, off, some.length);
        return b;
    }

    private static MsmBases prepare(Kernels k, boolean g2, long[] bases, int off, int n) {
        return g2 ? k.prepareMsmBasesG2(bases, off, n) : k.prepareMsmBasesG1(bases, off, n);
    }

    /** The backend's MSM on the handle, written at an offset with a sentinel after it. */
    private static long[] onHandle(Kernels k, boolean g2, MsmBases h, int baseStart, long[] scalars, int count, long[] density) {
        int pl = g2 ? MsmBases.Group.G2.pointLimbs : MsmBases.Group.G1.pointLimbs;
        long[] out = new long[3 + pl + 1];
        out[out.length - 1] = 0x5a5aL;
        if (g2) {
            k.msmG2(h, baseStart, scalars, 0, count, density, out, 3);
        } else {
            k.msmG1(h, baseStart, scalars, 0, count, density, out, 3);
        }
        assertEquals(0x5a5aL, out[out.length - 1], "nothing written past the result");
        return Arrays.copyOfRange(out, 3, 3 + pl);
    }

    /** The cpu backend's array MSM over a fresh copy of bases [baseStart, baseStart + needed). */
    private static long[] expected(WorkerPool pool, boolean g2, long[] bases, int off, int baseStart, long[] scalars,
                                   int count, long[] density) {
        int pl = g2 ? MsmBases.Group.G2.pointLimbs : MsmBases.Group.G1.pointLimbs;
        int needed = (int) MsmBases.basesNeeded(count, density);
        long[] slice = Arrays.copyOfRange(bases, off + pl * baseStart, off + pl * (baseStart + needed));
        long[] want = new long[pl];
        try (CpuKernels cpu = new CpuKernels(pool)) {
            if (g2) {
                cpu.msmG2(slice, 0, scalars, 0, count, density, want, 0);
            } else {
                cpu.msmG1(slice, 0, scalars, 0, count, density, want, 0);
            }
        }
        return want;
    }

    /** A density over count scalars selecting about 3/4 of them but at most {@code max}. */
    private static long[] density(Random r, int count, int max) {
        long[] d = new long[(count + 63) / 64];
        int selected = 0;
        for (int i = 0; i < count && selected < max; i++) {
            if (r.nextInt(4) != 0) {
                d[i >>> 6] |= 1L << (i & 63);
                selected++;
            }
        }
        return d;
    }

    /** Only 0, 1 and r − 1. */
    private static long[] edgeScalars(Random r, int count) {
        long[][] edges = {frLimbs(BigInteger.ZERO), frLimbs(BigInteger.ONE), frLimbs(Fr.MODULUS.subtract(BigInteger.ONE))};
        long[] s = new long[4 * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(edges[r.nextInt(3)], 0, s, 4 * i, 4);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    default void msmsOnAHandleEqualTheArrayMsms(boolean g2) {
        Random r = rnd("msm bases " + g2);
        int n = g2 ? 1200 : 3000;
        int off = (g2 ? 24 : 12) * r.nextInt(4);
        long[] bases = basesAt(r, g2, n, off);
        Kernels k = kernels();
        try (MsmBases h = prepare(k, g2, bases, off, n)) {
            assertEquals(n, h.count());
            assertEquals(g2 ? MsmBases.Group.G2 : MsmBases.Group.G1, h.group());
            for (int call = 0; call < 6; call++) {
                boolean withDensity = call % 2 == 1;
                int count = 1 + r.nextInt(call < 4 ? n / 2 : n);
                long[] density = withDensity ? density(r, count, n) : null;
                int needed = (int) MsmBases.basesNeeded(count, density);
                int baseStart = call == 5 ? n - needed : r.nextInt(n - needed + 1); // the last call ends at the handle's end
                long[] scalars = call == 4 ? edgeScalars(r, count) : randomScalars(r, count);
                String why = why((g2 ? "G2" : "G1") + " handle call " + call + ": " + count + " scalars from base "
                        + baseStart + (withDensity ? " with density" : ""));
                assertArrayEquals(expected(pool(), g2, bases, off, baseStart, scalars, count, density),
                        onHandle(k, g2, h, baseStart, scalars, count, density), why);
            }
            // no terms, and every scalar 0: the identity
            assertArrayEquals(new long[g2 ? 24 : 12], onHandle(k, g2, h, n, new long[0], 0, null), why("no terms"));
            assertArrayEquals(new long[g2 ? 24 : 12], onHandle(k, g2, h, 0, new long[4 * 10], 10, null), why("zero scalars"));
        }
    }

    @Test
    default void aHandleServesTwoThreadsAtOnce() throws Exception {
        Random r = rnd("msm bases threads");
        int n = 1500;
        long[] bases = basesAt(r, false, n, 0);
        Kernels k = kernels();
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try (MsmBases h = k.prepareMsmBasesG1(bases, 0, n)) {
            List<long[]> scalarSets = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            List<Future<long[]>> got = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int count = 500 + r.nextInt(500);
                long[] s = randomScalars(r, count);
                int baseStart = r.nextInt(n - count + 1);
                scalarSets.add(s);
                starts.add(baseStart);
                got.add(ex.submit(() -> onHandle(k, false, h, baseStart, s, count, null)));
            }
            for (int t = 0; t < got.size(); t++) {
                long[] s = scalarSets.get(t);
                assertArrayEquals(expected(pool(), false, bases, 0, starts.get(t), s, s.length / 4, null), got.get(t).get(),
                        why("thread call " + t));
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    default void closedForeignAndOutOfRangeHandlesAreRefused() {
        Random r = rnd("msm bases refusals");
        int n = 100;
        long[] g1 = basesAt(r, false, n, 0);
        long[] g2 = basesAt(r, true, n, 0);
        long[] s = randomScalars(r, 10);
        long[] out = new long[24];
        Kernels k = kernels();
        assertThrows(IndexOutOfBoundsException.class, () -> k.prepareMsmBasesG1(g1, 12, n));
        assertThrows(IndexOutOfBoundsException.class, () -> k.prepareMsmBasesG2(g2, -24, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> k.prepareMsmBasesG1(g1, 0, -1));
        MsmBases h1 = k.prepareMsmBasesG1(g1, 0, n);
        MsmBases h2 = k.prepareMsmBasesG2(g2, 0, n);
        try {
            // another backend's handle, a handle of the other group
            MsmBases foreign = new MsmBases() {
                @Override
                public Group group() {
                    return Group.G1;
                }

                @Override
                public int count() {
                    return n;
                }

                @Override
                public boolean isClosed() {
                    return false;
                }

                @Override
                public void close() {
                }
            };
            assertThrows(IllegalArgumentException.class, () -> k.msmG1(foreign, 0, s, 0, 10, null, out, 0));
            assertThrows(IllegalArgumentException.class, () -> k.msmG1(h2, 0, s, 0, 10, null, out, 0));
            assertThrows(IllegalArgumentException.class, () -> k.msmG2(h1, 0, s, 0, 10, null, out, 0));
            // bases past the handle's end or before its start; the density decides how many a call needs
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(h1, n - 9, s, 0, 10, null, out, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(h2, -1, s, 0, 10, null, out, 0));
            long[] threeOfTen = {0b1000100010L};
            long[] want = expected(pool(), false, g1, 0, n - 3, s, 10, threeOfTen);
            assertArrayEquals(want, onHandle(k, false, h1, n - 3, s, 10, threeOfTen), why("a density needing the last 3 bases"));
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(h1, n - 2, s, 0, 10, threeOfTen, out, 0));
            // the array checks: scalars, density and result outside their arrays, an unreduced scalar
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(h1, 0, s, 0, 11, null, out, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG1(h1, 0, s, 0, 10, new long[0], out, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(h2, 0, s, 0, 10, null, new long[23], 0));
            long[] unreduced = s.clone();
            System.arraycopy(frLimbs(Fr.MODULUS), 0, unreduced, 8, 4);
            assertThrows(IllegalArgumentException.class, () -> k.msmG1(h1, 0, unreduced, 0, 10, null, out, 0));
            assertArrayEquals(new long[24], out, "nothing written for a refused MSM");
        } finally {
            h1.close();
            h1.close(); // idempotent
            h2.close();
        }
        assertTrue(h1.isClosed() && h2.isClosed());
        assertThrows(IllegalStateException.class, () -> k.msmG1(h1, 0, s, 0, 10, null, out, 0));
        assertThrows(IllegalStateException.class, () -> k.msmG2(h2, 0, s, 0, 10, null, out, 0));
        assertArrayEquals(new long[24], out, "nothing written with a closed handle");
        // the backend works on after its handles closed
        try (MsmBases again = k.prepareMsmBasesG1(g1, 0, n)) {
            assertFalse(again.isClosed());
            assertArrayEquals(expected(pool(), false, g1, 0, 5, s, 10, null), onHandle(k, false, again, 5, s, 10, null),
                    why("a new handle after closing others"));
        }
    }
}
