package io.filprover.kernels;

import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.cpu.CpuKernels;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One random G1 or G2 MSM in the SPI's layout, at random offsets: random scalars with 0, 1 and r − 1
 * mixed in (or only those edges), a random density bitmap when asked, every 13th base or so the point
 * at infinity. {@link #check} compares a backend's answer with the cpu backend's.
 */
record MsmCase(boolean g2, long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density) {

    static MsmCase random(Random r, boolean g2, int count, boolean withDensity, boolean edgesOnly) {
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
        int limbs = g2 ? PointLimbs.G2 : PointLimbs.G1;
        long[] some;
        if (g2) {
            long[] all = MsmG2Contract.g2Bases(dense);
            int from = r.nextInt(all.length / limbs - dense + 1);
            some = Arrays.copyOfRange(all, limbs * from, limbs * (from + dense));
            for (int i = 0; i < dense; i++) {
                if (r.nextInt(13) == 0) {
                    Arrays.fill(some, limbs * i, limbs * (i + 1), 0L);
                }
            }
        } else {
            some = KernelsContractTest.someBases(r, dense, true);
        }
        int basesOff = limbs * r.nextInt(3);
        long[] bases = new long[basesOff + some.length];
        System.arraycopy(some, 0, bases, basesOff, some.length);
        int scalarsOff = 4 * r.nextInt(3);
        long[] scalars = new long[scalarsOff + 4 * count];
        long[] s = edgesOnly ? edgeScalars(r, count) : KernelsContractTest.randomScalars(r, count);
        System.arraycopy(s, 0, scalars, scalarsOff, 4 * count);
        return new MsmCase(g2, bases, basesOff, scalars, scalarsOff, count, density);
    }

    /** Only 0, 1 and r − 1. */
    private static long[] edgeScalars(Random r, int count) {
        long[][] edges = {KernelsContractTest.frLimbs(BigInteger.ZERO), KernelsContractTest.frLimbs(BigInteger.ONE),
                KernelsContractTest.frLimbs(io.filprover.bls12381.field.Fr.MODULUS.subtract(BigInteger.ONE))};
        long[] s = new long[4 * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(edges[r.nextInt(3)], 0, s, 4 * i, 4);
        }
        return s;
    }

    int limbs() {
        return g2 ? PointLimbs.G2 : PointLimbs.G1;
    }

    long[] run(Kernels k) {
        long[] out = new long[limbs()];
        if (g2) {
            k.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, 0);
        } else {
            k.msmG1(bases, basesOff, scalars, scalarsOff, count, density, out, 0);
        }
        return out;
    }

    /** The backend's answer, written at a random offset with a sentinel after it, against the cpu backend's. */
    void check(Kernels k, CpuKernels cpu, Random r, String why) {
        long[] want = run(cpu);
        int outOff = r.nextInt(5);
        long[] got = new long[outOff + limbs() + 1];
        got[got.length - 1] = 0x5a5aL;
        if (g2) {
            k.msmG2(bases, basesOff, scalars, scalarsOff, count, density, got, outOff);
        } else {
            k.msmG1(bases, basesOff, scalars, scalarsOff, count, density, got, outOff);
        }
        String what = why + ": " + (g2 ? "G2" : "G1") + " MSM of " + count + (density != null ? " with density" : "");
        assertArrayEquals(want, Arrays.copyOfRange(got, outOff, outOff + limbs()), what);
        assertEquals(0x5a5aL, got[got.length - 1], what + ": nothing written past the result");
    }
}
