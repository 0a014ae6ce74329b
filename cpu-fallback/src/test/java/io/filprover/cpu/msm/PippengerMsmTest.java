package io.filprover.cpu.msm;

import io.filprover.cpu.TestPools;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.curve.flat.PippengerWindows;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PippengerMsm against independent results: with bases k_i·G, Σ s_i·(k_i·G) = (Σ s_i·k_i mod r)·G
 * (one scalar multiplication); against ReferenceMsm (sum of scalar multiplications) on edge cases;
 * and the vectors of docs/spec/test-vectors-poseidon-groth16.md §6.
 */
class PippengerMsmTest {
    private static final BigInteger R = G1.ORDER;

    /** Random bases with known discrete logs: B_i = (k0 + i·step)·G, built by additions. */
    static final class Bases {
        final long[] limbs;
        final BigInteger[] dlog;

        Bases(boolean g2, int n, Random rnd) {
            BigInteger k0 = new BigInteger(255, rnd).mod(R);
            BigInteger step = new BigInteger(255, rnd).mod(R);
            dlog = new BigInteger[n];
            limbs = new long[(g2 ? PointLimbs.G2 : PointLimbs.G1) * n];
            if (g2) {
                JacobianPoint<Fq2> p = G2.mul(G2.generator(), k0);
                JacobianPoint<Fq2> s = G2.mul(G2.generator(), step);
                @SuppressWarnings("unchecked") JacobianPoint<Fq2>[] all = new JacobianPoint[n];
                for (int i = 0; i < n; i++) {
                    all[i] = p;
                    dlog[i] = k0.add(step.multiply(BigInteger.valueOf(i))).mod(R);
                    p = p.add(s);
                }
                AffinePoint<Fq2>[] aff = JacobianPoint.batchToAffine(all);
                for (int i = 0; i < n; i++) {
                    PointLimbs.g2(aff[i], limbs, PointLimbs.G2 * i);
                }
            } else {
                JacobianPoint<Fq> p = G1.mul(G1.generator(), k0);
                JacobianPoint<Fq> s = G1.mul(G1.generator(), step);
                @SuppressWarnings("unchecked") JacobianPoint<Fq>[] all = new JacobianPoint[n];
                for (int i = 0; i < n; i++) {
                    all[i] = p;
                    dlog[i] = k0.add(step.multiply(BigInteger.valueOf(i))).mod(R);
                    p = p.add(s);
                }
                AffinePoint<Fq>[] aff = JacobianPoint.batchToAffine(all);
                for (int i = 0; i < n; i++) {
                    PointLimbs.g1(aff[i], limbs, PointLimbs.G1 * i);
                }
            }
        }
    }

    static long[] scalarLimbs(BigInteger[] s) {
        long[] l = new long[4 * s.length];
        for (int i = 0; i < s.length; i++) {
            System.arraycopy(MsmSpiTest.limbs(s[i]), 0, l, 4 * i, 4);
        }
        return l;
    }

    static BigInteger[] randomScalars(Random rnd, int n) {
        BigInteger[] s = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            s[i] = new BigInteger(255, rnd).mod(R);
        }
        return s;
    }

    private static void checkG1(Bases b, BigInteger[] s, int threads, String msg) {
        BigInteger e = BigInteger.ZERO;
        for (int i = 0; i < s.length; i++) {
            e = e.add(s[i].multiply(b.dlog[i]));
        }
        long[] out = new long[PointLimbs.G1 + 3];
        PippengerMsm.g1(b.limbs, 0, scalarLimbs(s), 0, s.length, null, out, 3, TestPools.of(threads));
        assertEquals(G1.mul(G1.generator(), e.mod(R)).toAffine(), PointLimbs.g1(out, 3), msg);
    }

    private static void checkG2(Bases b, BigInteger[] s, int threads, String msg) {
        BigInteger e = BigInteger.ZERO;
        for (int i = 0; i < s.length; i++) {
            e = e.add(s[i].multiply(b.dlog[i]));
        }
        long[] out = new long[PointLimbs.G2];
        PippengerMsm.g2(b.limbs, 0, scalarLimbs(s), 0, s.length, null, out, 0, TestPools.of(threads));
        assertEquals(G2.mul(G2.generator(), e.mod(R)).toAffine(), PointLimbs.g2(out, 0), msg);
    }

    @Test
    void g1RandomEqualsDiscreteLogSum() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Bases b = new Bases(false, 1024, rnd);
        for (int n : new int[] {1, 2, 3, 17, 100, 1000, 1024}) {
            for (int threads : new int[] {1, 2}) {
                BigInteger[] s = randomScalars(rnd, n);
                checkG1(b, s, threads, "n " + n + " threads " + threads + " seed " + seed);
            }
        }
    }

    @Test
    void g1WithAndWithoutGlvSplitEqualsDiscreteLogSum() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Bases b = new Bases(false, 600, rnd);
        forEachGlvMode(glv -> {
            for (int n : new int[] {1, 2, 33, 600}) {
                checkG1(b, randomScalars(rnd, n), 1 + n % 2, "glv " + glv + " n " + n + " seed " + seed);
            }
            checkG1(b, glvEdgeScalars(), 1, "glv " + glv + " edge scalars, seed " + seed);
        });
    }

    /** Runs body with the GLV split left to the model (0), forced on (1) and off (−1). */
    private static void forEachGlvMode(java.util.function.IntConsumer body) {
        for (int glv : new int[] {0, 1, -1}) {
            PippengerMsm.forcedGlv = glv;
            try {
                body.accept(glv);
            } finally {
                PippengerMsm.forcedGlv = 0;
            }
        }
    }

    /** Scalars at the split's edges: below, at and above multiples of x², and near r. */
    private static BigInteger[] glvEdgeScalars() {
        BigInteger d = new BigInteger(Long.toUnsignedString(G1.X_ABS)).pow(2);
        return new BigInteger[] {BigInteger.ONE, d.subtract(BigInteger.ONE), d, d.add(BigInteger.ONE),
                d.multiply(d.subtract(BigInteger.ONE)), R.subtract(BigInteger.ONE), R.subtract(d),
                d.multiply(BigInteger.valueOf(12345)).add(BigInteger.valueOf(7))};
    }

    @Test
    void glvSplitRecombinesToTheScalar() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        BigInteger d = new BigInteger(Long.toUnsignedString(G1.X_ABS)).pow(2);
        long[] out = new long[8];
        for (int t = 0; t < 2000; t++) {
            BigInteger k = switch (t) {
                case 0 -> BigInteger.ZERO;
                case 1 -> R.subtract(BigInteger.ONE);
                case 2 -> d;
                case 3 -> d.subtract(BigInteger.ONE);
                case 4 -> d.multiply(d.subtract(BigInteger.ONE)).subtract(BigInteger.ONE);
                default -> t % 3 == 0 ? d.multiply(new BigInteger(127, rnd)) : new BigInteger(255, rnd).mod(R);
            };
            GlvSplit.splitScalar(MsmSpiTest.limbs(k), 0, out, 0, 4);
            BigInteger k1 = limbsToBig(out, 0);
            BigInteger k2 = limbsToBig(out, 4);
            assertTrue(k1.compareTo(d) < 0 && k2.compareTo(d) < 0, "halves below x², k=" + k.toString(16));
            assertEquals(k, k2.multiply(d).add(k1), "k = k2·x² + k1, seed " + seed);
        }
        assertTrue(PippengerMsm.glvPays(1 << 12), "the model splits at 2^12");
    }

    private static BigInteger limbsToBig(long[] l, int off) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            v = v.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(l[off + i])));
        }
        return v;
    }

    @Test
    void g2RandomEqualsDiscreteLogSum() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Bases b = new Bases(true, 300, rnd);
        forEachGlvMode(glv -> {
            for (int n : new int[] {1, 5, 64, 300}) {
                checkG2(b, randomScalars(rnd, n), 1 + n % 2, "glv " + glv + " n " + n + " seed " + seed);
            }
            checkG2(b, glvEdgeScalars(), 1, "glv " + glv + " edge scalars, seed " + seed);
        });
    }

    @Test
    void specialScalars() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Bases b1 = new Bases(false, 40, rnd);
        Bases b2 = new Bases(true, 12, rnd);
        BigInteger[][] cases = {
            fill(40, BigInteger.ONE), fill(40, R.subtract(BigInteger.ONE)), fill(40, BigInteger.ZERO),
            fill(40, BigInteger.ONE.shiftLeft(254)), fill(40, R.subtract(BigInteger.TWO)),
        };
        for (BigInteger[] s : cases) {
            checkG1(b1, s, 2, "scalar " + s[0].toString(16) + " seed " + seed);
            checkG2(b2, java.util.Arrays.copyOf(s, 12), 2, "G2 scalar " + s[0].toString(16) + " seed " + seed);
        }
    }

    private static BigInteger[] fill(int n, BigInteger v) {
        BigInteger[] s = new BigInteger[n];
        java.util.Arrays.fill(s, v);
        return s;
    }

    @Test
    void repeatedOppositeAndInfinityBasesWithDensityMatchReference() {
        // the same base twice with one scalar lands twice in one bucket (doubling), a base and its
        // negation with one scalar cancel (identity); infinity bases contribute nothing
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (boolean g2 : new boolean[] {false, true}) {
            int pl = g2 ? PointLimbs.G2 : PointLimbs.G1;
            int count = g2 ? 24 : 70;
            long[] density = new long[(count + 63) / 64];
            List<Integer> selected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (rnd.nextInt(4) != 0) {
                    density[i >>> 6] |= 1L << (i & 63);
                    selected.add(i);
                }
            }
            int nb = selected.size();
            Bases src = new Bases(g2, nb, rnd);
            long[] bases = src.limbs.clone();
            BigInteger[] s = randomScalars(rnd, count);
            for (int k = 0; k + 3 < nb; k += 4) {
                int i0 = selected.get(k), i1 = selected.get(k + 1), i2 = selected.get(k + 2), i3 = selected.get(k + 3);
                System.arraycopy(bases, pl * k, bases, pl * (k + 1), pl);        // repeated base …
                s[i1] = s[i0];                                                   // … with the same scalar
                negate(g2, bases, pl * k, bases, pl * (k + 2));                  // its negation …
                s[i2] = s[i0];                                                   // … cancels it
                if (k % 8 == 0) {
                    java.util.Arrays.fill(bases, pl * (k + 3), pl * (k + 4), 0L); // infinity base
                } else {
                    s[i3] = k % 3 == 0 ? BigInteger.ONE : R.subtract(BigInteger.ONE);
                }
            }
            long[] scalars = scalarLimbs(s);
            long[] ours = new long[pl];
            long[] ref = new long[pl];
            for (int threads : new int[] {1, 2}) {
                if (g2) {
                    PippengerMsm.g2(bases, 0, scalars, 0, count, density, ours, 0, TestPools.of(threads));
                    ReferenceMsm.g2(bases, 0, scalars, 0, count, density, ref, 0);
                } else {
                    PippengerMsm.g1(bases, 0, scalars, 0, count, density, ours, 0, TestPools.of(threads));
                    ReferenceMsm.g1(bases, 0, scalars, 0, count, density, ref, 0);
                }
                assertArrayEquals(ref, ours, (g2 ? "G2" : "G1") + " threads " + threads + " seed " + seed);
            }
        }
    }

    private static void negate(boolean g2, long[] from, int fo, long[] to, int too) {
        if (g2) {
            AffinePoint<Fq2> p = PointLimbs.g2(from, fo);
            PointLimbs.g2(p.neg(), to, too);
        } else {
            AffinePoint<Fq> p = PointLimbs.g1(from, fo);
            PointLimbs.g1(p.neg(), to, too);
        }
    }

    @Test
    void allCancellingTermsGiveInfinity() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Bases b = new Bases(false, 8, rnd);
        BigInteger[] s = randomScalars(rnd, 8);
        for (int i = 0; i < 4; i++) {
            s[i + 4] = R.subtract(s[i]);
            System.arraycopy(b.limbs, 12 * i, b.limbs, 12 * (i + 4), 12);
        }
        long[] out = new long[12];
        out[0] = 7;
        PippengerMsm.g1(b.limbs, 0, scalarLimbs(s), 0, 8, null, out, 0, TestPools.of(1));
        assertArrayEquals(new long[12], out, "seed " + seed);
    }

    @Test
    void spec6Vectors() throws IOException {
        // docs/spec/test-vectors-poseidon-groth16.md §6, copied to kernels/msm-vectors.txt
        String text;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/kernels/msm-vectors.txt"))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String g1Part = text.substring(text.indexOf("[g1]"), text.indexOf("[g2]"));
        String g2Part = text.substring(text.indexOf("[g2]"));
        HexFormat hex = HexFormat.of();
        long[] bases = new long[12 * 8];
        BigInteger[] s = new BigInteger[8];
        for (int i = 0; i < 8; i++) {
            PointLimbs.g1(PointCodec.g1FromCompressed(hex.parseHex(value(g1Part, "B[" + i + "]"))), bases, 12 * i);
            s[i] = new BigInteger(value(g1Part, "s[" + i + "]").substring(2), 16);
        }
        long[] out = new long[12];
        PippengerMsm.g1(bases, 0, scalarLimbs(s), 0, 8, null, out, 0, TestPools.of(2));
        assertEquals(value(g1Part, "result (compressed)"), hex.formatHex(PointCodec.g1ToCompressed(PointLimbs.g1(out, 0))));
        BigInteger dlog = new BigInteger(value(g1Part, "dlog(result)").substring(2), 16);
        assertEquals(G1.mul(G1.generator(), dlog).toAffine(), PointLimbs.g1(out, 0));

        long[] b2 = new long[24 * 4];
        for (int i = 0; i < 4; i++) {
            PointLimbs.g2(PointCodec.g2FromCompressed(hex.parseHex(value(g2Part, "B[" + i + "]"))), b2, 24 * i);
        }
        BigInteger[] s2 = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, R.subtract(BigInteger.ONE)};
        long[] out2 = new long[24];
        PippengerMsm.g2(b2, 0, scalarLimbs(s2), 0, 4, null, out2, 0, TestPools.of(1));
        assertEquals(value(g2Part, "result (compressed)"), hex.formatHex(PointCodec.g2ToCompressed(PointLimbs.g2(out2, 0))));
    }

    private static String value(String block, String key) {
        for (String line : block.split("\n")) {
            if (line.startsWith(key + " ")) {
                String v = line.substring(line.indexOf('=') + 1).trim();
                int sp = v.indexOf(' ');
                return sp < 0 ? v : v.substring(0, sp);
            }
        }
        throw new AssertionError("no " + key + " in the vector file");
    }

    @Test
    void signedDigitsRecombineToTheScalar() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int c = 2; c <= 16; c++) {
            int windows = PippengerMsm.windows(c);
            for (int t = 0; t < 50; t++) {
                BigInteger s = t == 0 ? R.subtract(BigInteger.ONE) : new BigInteger(255, rnd).mod(R);
                int[] d = new int[windows];
                PippengerWindows.recode(d, 0, MsmSpiTest.limbs(s), 0, c, windows);
                BigInteger sum = BigInteger.ZERO;
                for (int w = windows - 1; w >= 0; w--) {
                    assertTrue(Math.abs(d[w]) <= 1 << (c - 1), "digit range, c " + c);
                    sum = sum.shiftLeft(c).add(BigInteger.valueOf(d[w]));
                }
                assertEquals(s, sum, "c " + c + " seed " + seed);
            }
        }
        assertTrue(PippengerMsm.windowBits(1 << 16) > PippengerMsm.windowBits(1 << 10));
    }

    @Test
    void chunkedInputsSumTheChunks() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Bases b = new Bases(false, 300, rnd);
        BigInteger[] s = randomScalars(rnd, 300);
        PippengerMsm.forcedMaxChunk = 64;
        try {
            for (int glv : new int[] {1, -1}) {
                PippengerMsm.forcedGlv = glv;
                checkG1(b, s, 2, "chunks of 64, glv " + glv + ", seed " + seed);
            }
        } finally {
            PippengerMsm.forcedMaxChunk = 0;
            PippengerMsm.forcedGlv = 0;
        }
    }

    @Test
    void chunkSizeShrinksWithThreadsAndPointSize() {
        assertEquals(1 << 20, PippengerMsm.maxChunk(PointLimbs.G1, 2));
        assertEquals(1 << 18, PippengerMsm.maxChunk(PointLimbs.G1, 16));
        assertEquals(1 << 17, PippengerMsm.maxChunk(PointLimbs.G2, 16));
        assertEquals(1 << 14, PippengerMsm.maxChunk(PointLimbs.G2, 100000));
    }

    @Test
    void rejectsUnreducedScalarsAndShortArrays() {
        long[] bases = new Bases(false, 2, new Random(1)).limbs;
        long[] s = scalarLimbs(new BigInteger[] {BigInteger.ONE, R});
        assertThrows(IllegalArgumentException.class, () -> PippengerMsm.g1(bases, 0, s, 0, 2, null, new long[12], 0, TestPools.of(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> PippengerMsm.g1(bases, 0, s, 0, 3, null, new long[12], 0, TestPools.of(1)));
        long[] one = scalarLimbs(new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ONE});
        assertThrows(IndexOutOfBoundsException.class, () -> PippengerMsm.g1(bases, 0, one, 0, 3, null, new long[12], 0, TestPools.of(1)));
    }
}
