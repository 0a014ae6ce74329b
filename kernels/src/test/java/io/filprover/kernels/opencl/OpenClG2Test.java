package io.filprover.kernels.opencl;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fq2Ops;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The device's Fq2 operations (kernel fq2_ops) against {@link Fq2Ops}, and its G2 XYZZ addition,
 * doubling and mixed addition (kernel g2_ops) against bls12-381's Jacobian {@link G2} arithmetic,
 * compared as affine points (XYZZ coordinates are not unique), with the identity, equal and
 * opposite inputs among them.
 */
class OpenClG2Test {
    private static final int XYZZ = 48; // longs of a G2 XYZZ point (4 Fq2 coordinates)

    @Test
    void fq2AddSubMulSquareMatchFq2OpsOnRandomAndEdgeValues() throws Exception {
        OpenClRuntime rt = OpenClFieldTest.runtime();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        BigInteger p = Fq.MODULUS;
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p.shiftRight(1), BigInteger.ONE.shiftLeft(380)};
        int e2 = edges.length * edges.length; // every (c0, c1) edge pair
        int count = e2 * e2 + 3000;
        long[] a = new long[12 * count];
        long[] b = new long[12 * count];
        for (int i = 0; i < count; i++) {
            Fq2 x = i < e2 * e2 ? edge(edges, i / e2) : Fq2.random(rnd);
            Fq2 y = i < e2 * e2 ? edge(edges, i % e2) : Fq2.random(rnd);
            put(x, a, 12 * i);
            put(y, b, 12 * i);
        }
        long[] got = OpenClFieldTest.runKernel(rt, "fq2_ops", 48 * count, count, a, b);
        long[] want = new long[48 * count];
        for (int i = 0; i < count; i++) {
            Fq2Ops.add(want, 48 * i, a, 12 * i, b, 12 * i);
            Fq2Ops.sub(want, 48 * i + 12, a, 12 * i, b, 12 * i);
            Fq2Ops.mul(want, 48 * i + 24, a, 12 * i, b, 12 * i);
            Fq2Ops.square(want, 48 * i + 36, a, 12 * i);
        }
        assertArrayEquals(want, got, "seed " + seed);
    }

    private static Fq2 edge(BigInteger[] edges, int k) {
        return Fq2.of(edges[k / edges.length], edges[k % edges.length]);
    }

    private static void put(Fq2 x, long[] out, int off) {
        System.arraycopy(x.c0.montgomeryLimbs(), 0, out, off, 6);
        System.arraycopy(x.c1.montgomeryLimbs(), 0, out, off + 6, 6);
    }

    private static Fq2 get(long[] a, int off) {
        return new Fq2(Fq.fromMontgomeryLimbs(Arrays.copyOfRange(a, off, off + 6)),
                Fq.fromMontgomeryLimbs(Arrays.copyOfRange(a, off + 6, off + 12)));
    }

    /** P in XYZZ with a random scale z: (x·z², y·z³, z², z³); the identity as all zeros. */
    private static void putXyzz(AffinePoint<Fq2> p, Random rnd, long[] out, int off) {
        if (p.isInfinity()) {
            Arrays.fill(out, off, off + XYZZ, 0L);
            return;
        }
        Fq2 z = Fq2.random(rnd);
        Fq2 zz = z.square();
        Fq2 zzz = zz.mul(z);
        put(p.x.mul(zz), out, off);
        put(p.y.mul(zzz), out, off + 12);
        put(zz, out, off + 24);
        put(zzz, out, off + 36);
    }

    private static AffinePoint<Fq2> affine(long[] xyzz, int off) {
        Fq2 zz = get(xyzz, off + 24);
        if (zz.isZero()) {
            return G2.CURVE.infinity();
        }
        Fq2 x = get(xyzz, off).mul(zz.inverse());
        Fq2 y = get(xyzz, off + 12).mul(get(xyzz, off + 36).inverse());
        return AffinePoint.of(G2.CURVE, x, y);
    }

    @Test
    void g2AddDoubleAndMixedAddMatchTheJavaCurve() throws Exception {
        OpenClRuntime rt = OpenClFieldTest.runtime();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        AffinePoint<Fq2>[] pts = points(rnd, 24);
        int count = 400;
        long[] p = new long[XYZZ * count];
        long[] q = new long[XYZZ * count];
        long[] a = new long[24 * count];
        AffinePoint<Fq2>[][] cases = new AffinePoint[count][];
        for (int i = 0; i < count; i++) {
            AffinePoint<Fq2> x = pts[rnd.nextInt(pts.length)];
            AffinePoint<Fq2> y = pts[rnd.nextInt(pts.length)];
            AffinePoint<Fq2> z = pts[rnd.nextInt(pts.length)];
            switch (i % 10) {
                case 0 -> x = G2.CURVE.infinity();
                case 1 -> y = G2.CURVE.infinity();
                case 2 -> y = x;              // equal points with different scales: add falls back to doubling
                case 3 -> y = x.neg();        // opposite points: the identity
                case 4 -> z = x;              // mixed addition of the point itself
                case 5 -> z = x.neg();
                case 6 -> {
                    x = G2.CURVE.infinity();
                    y = G2.CURVE.infinity();
                }
                default -> { }
            }
            cases[i] = new AffinePoint[] {x, y, z};
            putXyzz(x, rnd, p, XYZZ * i);
            putXyzz(y, rnd, q, XYZZ * i);
            PointLimbs.g2(z, a, 24 * i);
        }
        long[] got = OpenClFieldTest.runKernel(rt, "g2_ops", 3 * XYZZ * count, count, p, q, a);
        for (int i = 0; i < count; i++) {
            JacobianPoint<Fq2> x = cases[i][0].toJacobian();
            String why = "case " + i + " (kind " + i % 10 + "), seed " + seed;
            assertEquals(x.add(cases[i][1].toJacobian()).toAffine(), affine(got, 3 * XYZZ * i), why + ": p + q");
            assertEquals(x.dbl().toAffine(), affine(got, 3 * XYZZ * i + XYZZ), why + ": 2p");
            assertEquals(x.add(cases[i][2]).toAffine(), affine(got, 3 * XYZZ * i + 2 * XYZZ), why + ": p + a");
        }
    }

    /** n random points of G2 (random multiples of the generator). */
    @SuppressWarnings("unchecked")
    static AffinePoint<Fq2>[] points(Random rnd, int n) {
        JacobianPoint<Fq2>[] j = new JacobianPoint[n];
        for (int i = 0; i < n; i++) {
            j[i] = G2.mul(G2.generator(), new BigInteger(255, rnd).mod(G2.ORDER));
        }
        return JacobianPoint.batchToAffine(j);
    }
}
