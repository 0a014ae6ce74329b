package io.filprover.bls12381.field;

import static io.filprover.bls12381.field.FrTestSupport.fromLimbs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The flat-limb kernels at non-zero offsets and with the output aliasing an input. */
class FrOpsTest {
    private static final BigInteger P = Fr.MODULUS;
    private static final BigInteger RINV = BigInteger.ONE.shiftLeft(256).modInverse(P);
    private static final long SEED = new Random().nextLong();

    private static BigInteger at(long[] a, int off) {
        return fromLimbs(new long[] {a[off], a[off + 1], a[off + 2], a[off + 3]});
    }

    /**
     * The 52-bit-digit Montgomery product against BigInteger on a fresh seed and on the extremes
     * (values next to 0 and r, and with digits all ones), where the digit sums and the final
     * subtraction are at their bounds.
     */
    @Test
    void mulMatchesBigIntegerOnExtremesAndFreshRandoms() {
        long seed = new java.security.SecureRandom().nextLong();
        Random rnd = new Random(seed);
        java.util.List<BigInteger> values = new java.util.ArrayList<>();
        for (int k = 0; k < 8; k++) {
            values.add(BigInteger.valueOf(k));
            values.add(P.subtract(BigInteger.valueOf(k + 1)));
        }
        for (int bits : new int[] {52, 64, 104, 128, 156, 192, 208, 254}) {
            values.add(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).mod(P));
            values.add(BigInteger.ONE.shiftLeft(bits).mod(P));
        }
        for (int i = 0; i < 40; i++) {
            values.add(new BigInteger(255, rnd).mod(P));
        }
        long[] a = new long[4], b = new long[4], c = new long[4];
        for (BigInteger x : values) {
            for (BigInteger y : values) {
                toLimbs(x, a);
                toLimbs(y, b);
                FrOps.mul(c, 0, a, 0, b, 0);
                assertEquals(x.multiply(y).multiply(RINV).mod(P), at(c, 0), "seed " + seed + ": " + x + " * " + y);
            }
        }
        for (int i = 0; i < 100_000; i++) {
            BigInteger x = new BigInteger(255, rnd).mod(P), y = new BigInteger(255, rnd).mod(P);
            toLimbs(x, a);
            toLimbs(y, b);
            FrOps.mul(c, 0, a, 0, b, 0);
            assertEquals(x.multiply(y).multiply(RINV).mod(P), at(c, 0), "seed " + seed);
        }
    }

    private static void toLimbs(BigInteger v, long[] out) {
        for (int k = 0; k < 4; k++) {
            out[k] = v.shiftRight(64 * k).longValue();
        }
    }

    @Test
    void offsetsAndAliasing() {
        Random rnd = new Random(SEED);
        long[] buf = new long[3 + 4 * 3];
        for (int i = 0; i < 3000; i++) {
            Fr.random(rnd).toMontgomeryLimbs(buf, 3);
            Fr.random(rnd).toMontgomeryLimbs(buf, 7);
            BigInteger a = at(buf, 3);
            BigInteger b = at(buf, 7);
            String msg = "seed " + SEED;
            FrOps.mul(buf, 11, buf, 3, buf, 7);
            assertEquals(a.multiply(b).multiply(RINV).mod(P), at(buf, 11), msg);
            FrOps.mul(buf, 3, buf, 3, buf, 7); // out aliases a
            assertEquals(a.multiply(b).multiply(RINV).mod(P), at(buf, 3), msg);
            BigInteger c = at(buf, 3);
            FrOps.square(buf, 3, buf, 3);
            assertEquals(c.multiply(c).multiply(RINV).mod(P), at(buf, 3), msg);
            c = at(buf, 3);
            FrOps.add(buf, 7, buf, 3, buf, 7); // out aliases b
            assertEquals(c.add(b).mod(P), at(buf, 7), msg);
            BigInteger d = at(buf, 7);
            FrOps.sub(buf, 3, buf, 3, buf, 7);
            assertEquals(c.subtract(d).mod(P), at(buf, 3), msg);
            BigInteger e = at(buf, 3);
            FrOps.neg(buf, 3, buf, 3);
            assertEquals(e.negate().mod(P), at(buf, 3), msg);
            FrOps.dbl(buf, 7, buf, 7);
            assertEquals(d.shiftLeft(1).mod(P), at(buf, 7), msg);
            BigInteger x = at(buf, 3);
            BigInteger y = at(buf, 7);
            BigInteger z = at(buf, 11);
            FrOps.mulAdd(buf, 11, buf, 3, buf, 7);
            assertEquals(z.add(x.multiply(y).multiply(RINV)).mod(P), at(buf, 11), msg);
            FrOps.mulAdd(buf, 3, buf, 3, buf, 7); // c aliases a
            assertEquals(x.add(x.multiply(y).multiply(RINV)).mod(P), at(buf, 3), msg);
            assertTrue(FrOps.isReduced(buf, 3) && FrOps.isReduced(buf, 7) && FrOps.isReduced(buf, 11));
        }
    }

    @Test
    void dotMatchesBigInteger() {
        Random rnd = new Random(SEED);
        long[] rMinus1 = FrOps.modulus();
        rMinus1[0]--;
        for (int iter = 0; iter < 400; iter++) {
            int n = iter < 4 ? FrOps.MAX_DOT_LENGTH : 1 + rnd.nextInt(FrOps.MAX_DOT_LENGTH);
            int mode = iter % 4; // 0: all r−1 (largest sums), 1: random, 2: mixed, 3: mostly zero
            long[] a = new long[3 + 4 * n];
            long[] b = new long[1 + 4 * n];
            BigInteger expect = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                for (long[] arr : new long[][] {a, b}) {
                    int off = (arr == a ? 3 : 1) + 4 * i;
                    boolean max = mode == 0 || mode == 2 && rnd.nextBoolean();
                    if (max) {
                        System.arraycopy(rMinus1, 0, arr, off, 4);
                    } else if (mode != 3 || rnd.nextInt(8) == 0) {
                        Fr.random(rnd).toMontgomeryLimbs(arr, off);
                    }
                }
                expect = expect.add(at(a, 3 + 4 * i).multiply(at(b, 1 + 4 * i)));
            }
            expect = expect.multiply(RINV).mod(P);
            long[] c = new long[6];
            FrOps.dot(c, 2, a, 3, b, 1, n);
            assertEquals(expect, at(c, 2), "seed " + SEED + " n " + n + " mode " + mode);
            FrOps.dot(a, 3, a, 3, b, 1, n); // output aliases the first input element
            assertEquals(expect, at(a, 3), "seed " + SEED);
        }
        long[] x = new long[4];
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FrOps.dot(x, 0, x, 0, x, 0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FrOps.dot(x, 0, new long[400], 0, new long[400], 0, FrOps.MAX_DOT_LENGTH + 1));
    }

    @Test
    void canonicalConversionRoundTrips() {
        Random rnd = new Random(SEED);
        long[] a = new long[8];
        for (int i = 0; i < 1000; i++) {
            BigInteger v = new BigInteger(255, rnd).mod(P);
            for (int k = 0; k < 4; k++) {
                a[4 + k] = v.shiftRight(64 * k).longValue();
            }
            FrOps.fromCanonical(a, 0, a, 4);
            assertEquals(v.shiftLeft(256).mod(P), at(a, 0), "seed " + SEED);
            FrOps.toCanonical(a, 0, a, 0);
            assertTrue(FrOps.equal(a, 0, a, 4), "seed " + SEED);
        }
    }

    @Test
    void predicates() {
        long[] a = new long[8];
        assertTrue(FrOps.isZero(a, 4));
        FrOps.setOne(a, 4);
        assertFalse(FrOps.isZero(a, 4));
        assertFalse(FrOps.equal(a, 0, a, 4));
        FrOps.copy(a, 0, a, 4);
        assertTrue(FrOps.equal(a, 0, a, 4));
        assertEquals(Fr.ONE, Fr.fromMontgomeryLimbs(a, 0));
        FrOps.setZero(a, 0);
        assertTrue(FrOps.isZero(a, 0));
        long[] r = FrOps.modulus();
        assertFalse(FrOps.isReduced(r, 0));
        r[0]--;
        assertTrue(FrOps.isReduced(r, 0));
        // neg of zero stays zero (not r)
        FrOps.neg(a, 0, a, 0);
        assertTrue(FrOps.isZero(a, 0));
    }
}
