package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.*;

import io.filprover.bls12381.curve.BlsTestVectors;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fq against an independent BigInteger model, plus the blstrs constants from the vectors file. */
class FqTest {
    private static final BigInteger Q = BlsTestVectors.big("q");
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    private BigInteger randomBig() {
        // mix edge values (0, 1, q-1, near 2^k) with uniform ones
        int pick = rnd.nextInt(8);
        if (pick == 0) return BigInteger.ZERO;
        if (pick == 1) return Q.subtract(BigInteger.ONE);
        if (pick == 2) return BigInteger.ONE.shiftLeft(rnd.nextInt(381)).mod(Q);
        return new BigInteger(400, rnd).mod(Q);
    }

    @Test
    void constantsMatchVectors() {
        // fq.R (blstrs src/fp.rs R): the Montgomery form of 1
        assertArrayEquals(Fq.toLimbs(BlsTestVectors.big("fq.R")), Fq.ONE.montgomeryLimbs());
        assertEquals(BlsTestVectors.big("fq.INV").longValue(), FqOps.INV);
        assertEquals(Q, Fq.MODULUS);
        // fq.R2 is R^2 mod q: Montgomery form of R
        assertArrayEquals(Fq.toLimbs(BlsTestVectors.big("fq.R2")),
                Fq.fromBigInteger(BlsTestVectors.big("fq.R")).montgomeryLimbs());
    }

    @Test
    void arithmeticMatchesBigInteger() {
        for (int i = 0; i < 20000; i++) {
            BigInteger a = randomBig(), b = randomBig();
            Fq fa = Fq.fromBigInteger(a), fb = Fq.fromBigInteger(b);
            String m = "seed=" + seed + " a=" + a.toString(16) + " b=" + b.toString(16);
            assertEquals(a, fa.toBigInteger(), m);
            assertEquals(a.add(b).mod(Q), fa.add(fb).toBigInteger(), m);
            assertEquals(a.subtract(b).mod(Q), fa.sub(fb).toBigInteger(), m);
            assertEquals(a.multiply(b).mod(Q), fa.mul(fb).toBigInteger(), m);
            assertEquals(a.multiply(a).mod(Q), fa.square().toBigInteger(), m);
            assertEquals(a.negate().mod(Q), fa.neg().toBigInteger(), m);
            assertEquals(a.shiftLeft(1).mod(Q), fa.dbl().toBigInteger(), m);
        }
    }

    @Test
    void inverseSqrtLegendre() {
        for (int i = 0; i < 300; i++) {
            BigInteger a = randomBig();
            Fq fa = Fq.fromBigInteger(a);
            String m = "seed=" + seed + " a=" + a.toString(16);
            if (a.signum() == 0) {
                assertTrue(fa.inverse().isZero(), m);
                assertEquals(0, fa.legendre(), m);
                continue;
            }
            assertEquals(a.modInverse(Q), fa.inverse().toBigInteger(), m);
            int euler = a.modPow(Q.subtract(BigInteger.ONE).shiftRight(1), Q).equals(BigInteger.ONE) ? 1 : -1;
            assertEquals(euler, fa.legendre(), m);
            Fq s = fa.sqrt();
            if (euler == 1) {
                assertNotNull(s, m);
                assertEquals(fa, s.square(), m);
            } else {
                assertNull(s, m);
            }
            assertEquals(a.modPow(BigInteger.valueOf(12345), Q), fa.pow(BigInteger.valueOf(12345)).toBigInteger(), m);
        }
    }

    /** The limb kernels honour offsets and allow the output to alias either input. */
    @Test
    void kernelsWithOffsetsAndAliasing() {
        for (int i = 0; i < 500; i++) {
            Fq x = Fq.fromBigInteger(randomBig()), y = Fq.fromBigInteger(randomBig());
            long[] buf = new long[20];
            System.arraycopy(x.montgomeryLimbs(), 0, buf, 1, 6);
            System.arraycopy(y.montgomeryLimbs(), 0, buf, 8, 6);
            long[] r = new long[9];
            String m = "seed=" + seed;
            FqOps.mul(r, 3, buf, 1, buf, 8);
            assertArrayEquals(x.mul(y).montgomeryLimbs(), java.util.Arrays.copyOfRange(r, 3, 9), m);
            FqOps.square(r, 2, buf, 8);
            assertArrayEquals(y.square().montgomeryLimbs(), java.util.Arrays.copyOfRange(r, 2, 8), m);
            long[] alias = buf.clone();
            FqOps.mul(alias, 1, alias, 1, alias, 8); // r == a
            assertArrayEquals(x.mul(y).montgomeryLimbs(), java.util.Arrays.copyOfRange(alias, 1, 7), m);
            alias = buf.clone();
            FqOps.sub(alias, 8, alias, 1, alias, 8); // r == b
            assertArrayEquals(x.sub(y).montgomeryLimbs(), java.util.Arrays.copyOfRange(alias, 8, 14), m);
            alias = buf.clone();
            FqOps.add(alias, 1, alias, 1, alias, 1);
            assertArrayEquals(x.dbl().montgomeryLimbs(), java.util.Arrays.copyOfRange(alias, 1, 7), m);
            alias = buf.clone();
            FqOps.neg(alias, 8, alias, 8);
            assertArrayEquals(y.neg().montgomeryLimbs(), java.util.Arrays.copyOfRange(alias, 8, 14), m);
            assertEquals(0, alias[0]);
            assertEquals(0, alias[19]);
        }
    }

    @Test
    void batchInverseKeepsZeros() {
        Fq[] in = new Fq[50];
        for (int i = 0; i < in.length; i++) in[i] = (i % 7 == 3) ? Fq.ZERO : Fq.random(rnd);
        Fq[] out = Fq.batchInverse(in);
        for (int i = 0; i < in.length; i++) {
            if (in[i].isZero()) assertTrue(out[i].isZero());
            else assertTrue(out[i].mul(in[i]).isOne(), "seed=" + seed + " i=" + i);
        }
    }

    @Test
    void bytesRoundTripAndRangeCheck() {
        for (int i = 0; i < 1000; i++) {
            BigInteger a = randomBig();
            byte[] be = Fq.fromBigInteger(a).toBytesBE();
            assertEquals(48, be.length);
            assertEquals(a, new BigInteger(1, be), "seed=" + seed);
            assertEquals(Fq.fromBigInteger(a), Fq.fromBytesBE(be, 0));
        }
        // q itself and anything above it are rejected; q-1 is accepted
        byte[] qb = toBytes48(Q);
        assertNull(Fq.fromBytesBE(qb, 0));
        assertNotNull(Fq.fromBytesBE(toBytes48(Q.subtract(BigInteger.ONE)), 0));
        assertNull(Fq.fromBytesBE(toBytes48(BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE)), 0));
        for (int i = 0; i < 200; i++) {
            BigInteger big = Q.add(new BigInteger(380, rnd)).min(BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE));
            assertNull(Fq.fromBytesBE(toBytes48(big), 0), "seed=" + seed);
        }
    }

    static byte[] toBytes48(BigInteger v) {
        byte[] out = new byte[48];
        byte[] raw = v.toByteArray();
        int n = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - n, out, 48 - n, n);
        return out;
    }
}
