package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FqWide against BigInteger: a·b·2^-384 mod q, and signed combinations reduced once. */
class FqWideTest {
    private static final BigInteger Q = FqOps.MODULUS;
    private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(384).modInverse(Q);

    private static long[] limbs(BigInteger v) {
        long[] l = new long[6];
        for (int i = 0; i < 6; i++) l[i] = v.shiftRight(64 * i).longValue();
        return l;
    }

    private static BigInteger value(long[] l, int o) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 5; i >= 0; i--) v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(l[o + i])));
        return v;
    }

    private static BigInteger random(SplittableRandom rnd, BigInteger bound) {
        BigInteger v;
        do v = new BigInteger(bound.bitLength(), new java.util.Random(rnd.nextLong())); while (v.compareTo(bound) >= 0);
        return v;
    }

    /** Values below 2q, with the extremes the bounds are written for. */
    private static BigInteger operand(SplittableRandom rnd, int i) {
        switch (i % 8) {
            case 0: return Q.shiftLeft(1).subtract(BigInteger.ONE);
            case 1: return Q.subtract(BigInteger.ONE);
            case 2: return BigInteger.ZERO;
            case 3: return BigInteger.ONE;
            default: return random(rnd, (i & 1) == 0 ? Q : Q.shiftLeft(1));
        }
    }

    @Test
    void productThenReduceIsTheMontgomeryProduct() {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] w = new long[FqWide.DIGITS], r = new long[12], m = new long[6];
        for (int i = 0; i < 20_000; i++) {
            BigInteger a = operand(rnd, i), b = operand(rnd, i / 8 + 3 * i);
            long[] al = limbs(a), bl = limbs(b);
            FqWide.product(w, 0, al, 0, bl, 0);
            FqWide.reduce2(r, 0, w, 0, 0);
            BigInteger expect = a.multiply(b).multiply(R_INV).mod(Q);
            assertEquals(expect, value(r, 0), "seed " + seed + " a=" + a + " b=" + b);
            assertEquals(expect, value(r, 6), "second lane, seed " + seed + " a=" + a + " b=" + b);
            FqOps.mul(m, 0, al, 0, bl, 0);
            assertEquals(expect, value(m, 0), "FqOps.mul, seed " + seed);
        }
    }

    @Test
    void signedCombinationsReduceOnce() {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] w = new long[3 * FqWide.DIGITS], acc = new long[2 * FqWide.DIGITS], r = new long[12];
        for (int i = 0; i < 20_000; i++) {
            // k·p1 ± p2 − 2·p3 + m·c, k ≤ 7, m ≤ 4: operands of p1, p2 below 2q (products below
            // 4U ≈ 0.41q), of p3 below q, c below q; the negative part stays below 0.61q, so ten
            // sixteenths of q·2^392 keep T ≥ 0, and T·2^-392 < 7·0.41q + 0.41q + 4q + 0.63q < 8q
            BigInteger[] x = new BigInteger[6];
            for (int j = 0; j < 4; j++) x[j] = operand(rnd, i + 5 * j + rnd.nextInt(8));
            for (int j = 4; j < 6; j++) x[j] = operand(rnd, 2 * (i + j) + 1).mod(Q);
            BigInteger c = i % 7 == 0 ? Q.subtract(BigInteger.ONE) : random(rnd, Q);
            for (int j = 0; j < 3; j++) FqWide.product(w, j * FqWide.DIGITS, limbs(x[2 * j]), 0, limbs(x[2 * j + 1]), 0);
            int s = rnd.nextBoolean() ? 1 : -1, k = i % 8, m = rnd.nextInt(5);
            for (int d = 0; d < FqWide.DIGITS; d++) {
                acc[d] = k * w[d] + s * w[FqWide.DIGITS + d] - 2 * w[2 * FqWide.DIGITS + d];
            }
            FqWide.addModulus16(acc, 0, 10);
            FqWide.addShifted(acc, 0, limbs(c), 0, m);
            System.arraycopy(w, 0, acc, FqWide.DIGITS, FqWide.DIGITS);   // second lane: p1 alone
            FqWide.reduce2(r, 0, acc, 0, FqWide.DIGITS);
            BigInteger expect = x[0].multiply(x[1]).multiply(BigInteger.valueOf(k))
                    .add(BigInteger.valueOf(s).multiply(x[2].multiply(x[3])))
                    .subtract(x[4].multiply(x[5]).shiftLeft(1)).multiply(R_INV)
                    .add(c.multiply(BigInteger.valueOf(m))).mod(Q);
            assertEquals(expect, value(r, 0), "seed " + seed + " i=" + i);
            assertEquals(x[0].multiply(x[1]).multiply(R_INV).mod(Q), value(r, 6), "second lane, seed " + seed + " i=" + i);
        }
    }
}
