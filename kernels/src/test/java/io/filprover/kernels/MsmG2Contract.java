package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.msm.ReferenceMsm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static io.filprover.kernels.KernelsContractTest.frLimbs;
import static io.filprover.kernels.KernelsContractTest.randomScalars;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The msmG2 part of the contract (mixed into {@link KernelsContractTest}, so every backend runs it):
 * random MSMs of 2^4 .. 2^12 terms with and without a density bitmap, infinity bases and the scalars
 * 0, 1, r − 1 mixed in, against the cpu backend and, up to 2^9, also against {@link ReferenceMsm};
 * about 2^16 terms (81 920 scalars, 3/4 selected); the edges 1·P, (r − 1)·P, P − P, opposite and duplicate bases,
 * zero scalars, infinity bases, no terms, an empty density; and the refusals.
 */
public interface MsmG2Contract {
    int G2 = PointLimbs.G2;
    /** Bases made once per JVM; the largest MSM uses all of them. */
    int G2_BASES = 1 << 16;

    Kernels kernels();

    WorkerPool pool();

    /** "backend test, seed n" for failure messages. */
    String why(String test);

    Random rnd(String test);

    /** Random multiples of the G2 generator: k₀·G, then each the previous plus one of 64 random multiples. */
    static long[] g2Bases(int n) {
        return G2Bases.upTo(n);
    }

    /** Holds the bases made so far (the interface cannot). */
    final class G2Bases {
        private static long[] bases = new long[0];

        private G2Bases() {
        }

        static synchronized long[] upTo(int n) {
            if (bases.length < G2 * n) {
                Random r = new Random(KernelsContractTest.SEED ^ 0x6732L);
                @SuppressWarnings("unchecked")
                JacobianPoint<Fq2>[] steps = new JacobianPoint[64];
                for (int i = 0; i < steps.length; i++) {
                    steps[i] = io.filprover.bls12381.curve.G2.mul(io.filprover.bls12381.curve.G2.generator(),
                            new BigInteger(255, r).mod(Fr.MODULUS));
                }
                int size = Math.max(n, 1 << 12);
                @SuppressWarnings("unchecked")
                JacobianPoint<Fq2>[] pts = new JacobianPoint[size];
                JacobianPoint<Fq2> p = steps[0].dbl();
                for (int i = 0; i < size; i++) {
                    p = p.add(steps[r.nextInt(steps.length)]);
                    pts[i] = p;
                }
                AffinePoint<Fq2>[] aff = JacobianPoint.batchToAffine(pts);
                long[] b = new long[G2 * size];
                for (int i = 0; i < size; i++) {
                    PointLimbs.g2(aff[i], b, G2 * i);
                }
                bases = b;
            }
            return bases;
        }
    }

    /** One msmG2 of `count` scalars (a random density bitmap when asked) against the cpu backend (and the reference). */
    private void checkMsmG2(String test, int count, boolean withDensity, boolean reference) {
        Random r = rnd(test + count + withDensity);
        long[] density = null;
        int dense = count;
        if (withDensity) {
            density = new long[(count + 63) / 64];
            dense = 0;
            for (int i = 0; i < count; i++) {
                if (r.nextInt(4) != 0) {
                    density[i >>> 6] |= 1L << (i & 63);
                    dense++;
                }
            }
        }
        long[] all = g2Bases(dense);
        int from = r.nextInt(all.length / G2 - dense + 1);
        int basesOff = r.nextInt(3) * G2;
        long[] bases = new long[basesOff + G2 * dense];
        System.arraycopy(all, G2 * from, bases, basesOff, G2 * dense);
        for (int i = 0; i < dense; i++) {
            if (r.nextInt(13) == 0) {
                Arrays.fill(bases, basesOff + G2 * i, basesOff + G2 * (i + 1), 0L); // the point at infinity
            }
        }
        int scalarsOff = 4 * r.nextInt(3);
        long[] scalars = new long[scalarsOff + 4 * count];
        System.arraycopy(randomScalars(r, count), 0, scalars, scalarsOff, 4 * count);
        String why = why(test + " of " + count + (withDensity ? " with density" : ""));
        long[] want = new long[G2];
        try (CpuKernels cpu = new CpuKernels(pool())) {
            cpu.msmG2(bases, basesOff, scalars, scalarsOff, count, density, want, 0);
        }
        if (reference) {
            long[] ref = new long[G2];
            ReferenceMsm.g2(bases, basesOff, scalars, scalarsOff, count, density, ref, 0);
            assertArrayEquals(ref, want, why + ": the cpu backend disagrees with the reference");
        }
        int outOff = r.nextInt(5);
        long[] got = new long[outOff + G2 + 1];
        got[got.length - 1] = 0x5a5aL;
        kernels().msmG2(bases, basesOff, scalars, scalarsOff, count, density, got, outOff);
        assertArrayEquals(want, Arrays.copyOfRange(got, outOff, outOff + G2), why);
        assertEquals(0x5a5aL, got[got.length - 1], "nothing written past the result");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7, 8, 9})
    default void msmG2SmallMatchesTheCpuBackendAndTheReference(int logN) {
        checkMsmG2("msmG2 small", 1 << logN, false, true);
        checkMsmG2("msmG2 small", (1 << logN) + 3, true, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11, 12})
    default void msmG2MatchesTheCpuBackend(int logN) {
        checkMsmG2("msmG2", 1 << logN, logN % 2 == 0, false);
    }

    /** 11 s on POCL and 8 s on the cpu backend (two cores, inputs included); 47 s under a load of 8. */
    @Test
    default void msmG2OfAbout65536TermsWithDensityMatchesTheCpuBackend() {
        checkMsmG2("msmG2 large", G2_BASES + G2_BASES / 4, true, false);
    }

    @Test
    default void msmG2EdgeScalarsAndBases() {
        long[] p = Arrays.copyOf(g2Bases(1), G2);
        long[] one = frLimbs(BigInteger.ONE);
        long[] minusOne = frLimbs(Fr.MODULUS.subtract(BigInteger.ONE));
        long[] out = new long[G2];
        long[] want = new long[G2];
        String why = why("msmG2 edges");
        Kernels k = kernels();

        k.msmG2(p, 0, one, 0, 1, null, out, 0);
        assertArrayEquals(p, out, why + ": 1·P");
        ReferenceMsm.g2(p, 0, minusOne, 0, 1, null, want, 0);
        k.msmG2(p, 0, minusOne, 0, 1, null, out, 0);
        assertArrayEquals(want, out, why + ": (r − 1)·P");

        long[] twice = repeat(p, 2);
        long[] oneAndMinusOne = concat(one, minusOne);
        long[] zeros = new long[G2];
        for (Object[] c : new Object[][] {
                {twice, oneAndMinusOne, null, "P − P"},
                {concat(p, negate(p)), concat(one, one), null, "P + (−P): opposite bases"},
                {twice, new long[8], null, "zero scalars"},
                {new long[2 * G2], oneAndMinusOne, null, "infinity bases"},
                {new long[0], new long[0], null, "no terms"},
                {twice, oneAndMinusOne, new long[1], "an empty density"}}) {
            Arrays.fill(out, 7L);
            long[] s = (long[]) c[1];
            k.msmG2((long[]) c[0], 0, s, 0, s.length / 4, (long[]) c[2], out, 0);
            assertArrayEquals(zeros, out, why + ": " + c[3]);
        }

        // one base many times (equal points meet in one bucket), and P with −P among random bases
        Random r = rnd("msmG2 edges");
        int n = 300;
        long[] same = repeat(p, n);
        long[] mixed = Arrays.copyOf(g2Bases(n), G2 * n);
        for (int i = 0; i < n; i += 7) {
            System.arraycopy(negate(Arrays.copyOfRange(mixed, G2 * (i + 1), G2 * (i + 2))), 0, mixed, G2 * i, G2);
        }
        long[][] scalarSets = {repeat(frLimbs(BigInteger.valueOf(5)), n), repeat(minusOne, n), randomScalars(r, n)};
        for (long[] bases : new long[][] {same, mixed}) {
            for (long[] scalars : scalarSets) {
                ReferenceMsm.g2(bases, 0, scalars, 0, n, null, want, 0);
                k.msmG2(bases, 0, scalars, 0, n, null, out, 0);
                assertArrayEquals(want, out, why + (bases == same ? ": one base " + n + " times" : ": opposite pairs"));
            }
        }
    }

    @Test
    default void msmG2RefusesUnreducedScalarsAndRangesOutsideTheArrays() {
        long[] p = Arrays.copyOf(g2Bases(2), 2 * G2);
        long[] s = new long[8];
        s[0] = 3;
        long[] out = new long[G2];
        long[] unreduced = s.clone();
        System.arraycopy(frLimbs(Fr.MODULUS), 0, unreduced, 4, 4);
        Kernels k = kernels();
        assertThrows(IllegalArgumentException.class, () -> k.msmG2(p, 0, unreduced, 0, 2, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, 0, s, 0, 3, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, 0, s, 1, 2, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, 0, s, 0, -1, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, 0, s, 0, 2, null, out, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, 0, s, 0, 2, null, new long[G2 - 1], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, 0, s, 0, 2, new long[0], out, 0));
        long[] s2 = s.clone();
        s2[4] = 1;
        assertThrows(IndexOutOfBoundsException.class, () -> k.msmG2(p, G2, s2, 0, 2, null, out, 0));
        assertArrayEquals(new long[G2], out, "nothing written for a refused MSM");
    }

    private static long[] negate(long[] p) {
        long[] n = new long[G2];
        AffinePoint<Fq2> a = PointLimbs.g2(p, 0);
        PointLimbs.g2(a.neg(), n, 0);
        return n;
    }

    private static long[] repeat(long[] a, int n) {
        long[] r = new long[a.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, 0, r, a.length * i, a.length);
        }
        return r;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
