package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused Fq2 kernels against a BigInteger schoolbook reference (u² = −1) on Montgomery values,
 * on random inputs and on the extremes (0, 1, q − 1) that stress the lazy-reduction bounds.
 */
class Fq2OpsTest {
    private static final BigInteger Q = Fq.MODULUS;
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    private static long[] flat(Fq2 a) {
        long[] r = new long[12];
        Fq12Ops.storeFq2(r, 0, a);
        return r;
    }

    private static Fq2 schoolbook(Fq2 a, Fq2 b) {
        BigInteger a0 = a.c0.toBigInteger(), a1 = a.c1.toBigInteger(), b0 = b.c0.toBigInteger(), b1 = b.c1.toBigInteger();
        return Fq2.of(a0.multiply(b0).subtract(a1.multiply(b1)).mod(Q), a0.multiply(b1).add(a1.multiply(b0)).mod(Q));
    }

    private void check(Fq2 a, Fq2 b) {
        long[] x = flat(a), y = flat(b), r = new long[12];
        Fq2Ops.mul(r, 0, x, 0, y, 0);
        Fq2 expect = schoolbook(a, b);
        assertEquals(expect, Fq12Ops.loadFq2(r, 0), "a=" + a + " b=" + b + " seed=" + seed);
        assertTrue(Fq.compareLimbs(java.util.Arrays.copyOfRange(r, 0, 6), FqOps.Q_LIMBS) < 0, "c0 reduced");
        assertTrue(Fq.compareLimbs(java.util.Arrays.copyOfRange(r, 6, 12), FqOps.Q_LIMBS) < 0, "c1 reduced");
        Fq2Ops.square(r, 0, x, 0);
        assertEquals(schoolbook(a, a), Fq12Ops.loadFq2(r, 0), "square a=" + a + " seed=" + seed);
        // aliased output, offsets
        long[] z = new long[30];
        System.arraycopy(x, 0, z, 3, 12);
        System.arraycopy(y, 0, z, 17, 12);
        Fq2Ops.mul(z, 17, z, 3, z, 17);
        assertEquals(expect, Fq12Ops.loadFq2(z, 17), "aliased, seed=" + seed);
    }

    @Test
    void mulMatchesSchoolbookOnRandomInputs() {
        for (int i = 0; i < 3000; i++) check(Fq2.random(rnd), Fq2.random(rnd));
    }

    @Test
    void mulMatchesSchoolbookOnExtremes() {
        Fq[] edge = {Fq.ZERO, Fq.ONE, Fq.fromBigInteger(Q.subtract(BigInteger.ONE)),
                Fq.fromBigInteger(Q.subtract(BigInteger.TWO)), Fq.fromMontgomeryLimbs(new long[] {
                        FqOps.Q0 - 1, FqOps.Q1, FqOps.Q2, FqOps.Q3, FqOps.Q4, FqOps.Q5}), // Montgomery limbs q − 1
                Fq.fromMontgomeryLimbs(new long[] {1, 0, 0, 0, 0, 0})};
        for (Fq p : edge) for (Fq q : edge) for (Fq s : edge) for (Fq t : edge) check(new Fq2(p, q), new Fq2(s, t));
    }

    /** The contract the lazy reduction relies on: FqOps.mul / square take operands up to 2q and still reduce fully. */
    @Test
    void fqMulAcceptsOperandsBelowTwiceQ() {
        BigInteger rInv = BigInteger.ONE.shiftLeft(384).modInverse(Q);
        BigInteger twoQ = Q.shiftLeft(1);
        for (int i = 0; i < 3000; i++) {
            BigInteger a = i % 3 == 0 ? twoQ.subtract(BigInteger.valueOf(i + 1)) : new BigInteger(382, rnd).mod(twoQ);
            BigInteger b = i % 5 == 0 ? twoQ.subtract(BigInteger.ONE) : new BigInteger(382, rnd).mod(twoQ);
            long[] x = Fq.toLimbs(a), y = Fq.toLimbs(b), r = new long[6];
            FqOps.mul(r, 0, x, 0, y, 0);
            assertEquals(a.multiply(b).multiply(rInv).mod(Q), toBig(r), "a=" + a + " b=" + b + " seed=" + seed);
            FqOps.square(r, 0, x, 0);
            assertEquals(a.multiply(a).multiply(rInv).mod(Q), toBig(r), "a=" + a + " seed=" + seed);
        }
    }

    /** Fq2Ops.mul's contract: coefficients up to 2q (unreduced Karatsuba sums) in, fully reduced out. */
    @Test
    void fq2MulAcceptsCoefficientsBelowTwiceQ() {
        BigInteger rInv = BigInteger.ONE.shiftLeft(384).modInverse(Q);
        BigInteger top = Q.shiftLeft(1).subtract(BigInteger.ONE);
        for (int i = 0; i < 3000; i++) {
            BigInteger[] c = new BigInteger[4];
            for (int k = 0; k < 4; k++) {
                c[k] = ((i >> k) & 1) == 1 && i % 3 == 0 ? top : new BigInteger(382, rnd).mod(top.add(BigInteger.ONE));
            }
            long[] x = new long[12], y = new long[12], r = new long[12];
            System.arraycopy(Fq.toLimbs(c[0]), 0, x, 0, 6);
            System.arraycopy(Fq.toLimbs(c[1]), 0, x, 6, 6);
            System.arraycopy(Fq.toLimbs(c[2]), 0, y, 0, 6);
            System.arraycopy(Fq.toLimbs(c[3]), 0, y, 6, 6);
            Fq2Ops.mul(r, 0, x, 0, y, 0);
            BigInteger e0 = c[0].multiply(c[2]).subtract(c[1].multiply(c[3])).multiply(rInv).mod(Q);
            BigInteger e1 = c[0].multiply(c[3]).add(c[1].multiply(c[2])).multiply(rInv).mod(Q);
            assertEquals(e0, toBig(java.util.Arrays.copyOfRange(r, 0, 6)), "c0, i=" + i + " seed=" + seed);
            assertEquals(e1, toBig(java.util.Arrays.copyOfRange(r, 6, 12)), "c1, i=" + i + " seed=" + seed);
        }
    }

    private static BigInteger toBig(long[] l) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 5; i >= 0; i--) v = v.shiftLeft(64).add(new BigInteger(Long.toUnsignedString(l[i])));
        return v;
    }
}
