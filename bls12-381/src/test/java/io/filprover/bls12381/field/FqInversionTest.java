package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FqInversion} against BigInteger.modInverse. Inputs are raw Montgomery limb values x = a·R;
 * the expected output x⁻¹·R² mod q (= a⁻¹·R) is computed with BigInteger only.
 */
class FqInversionTest {
    private static final BigInteger Q = FqOps.MODULUS;
    private static final BigInteger R = BigInteger.ONE.shiftLeft(384).mod(Q);
    private static final BigInteger R2 = R.multiply(R).mod(Q);

    private static long[] limbs(BigInteger v) {
        long[] t = new long[6];
        for (int i = 0; i < 6; i++) t[i] = v.shiftRight(64 * i).longValue();
        return t;
    }

    /** Expected Montgomery limbs of the inverse for raw Montgomery value x (non-zero, below q). */
    private static long[] expected(BigInteger x) {
        return limbs(x.modInverse(Q).multiply(R2).mod(Q));
    }

    private static void check(BigInteger x, String why) {
        long[] in = limbs(x);
        long[] out = new long[6];
        FqInversion.inverse(out, 0, in, 0);
        assertArrayEquals(expected(x), out, () -> why + ": x = 0x" + x.toString(16));
        // a · a⁻¹ = 1 in Montgomery form (R mod q), through the Montgomery product
        long[] prod = new long[6];
        FqOps.mul(prod, 0, in, 0, out, 0);
        assertArrayEquals(limbs(R), prod, () -> why + ": x·x⁻¹ != 1 for x = 0x" + x.toString(16));
    }

    @Test
    void randomElementsMatchBigInteger() {
        long seed = new SecureRandom().nextLong();
        Random rnd = new Random(seed);
        for (int n = 0; n < 20_000; n++) {
            BigInteger x;
            do {
                x = new BigInteger(381, rnd).mod(Q);
            } while (x.signum() == 0);
            check(x, "seed " + seed + ", uniform #" + n);
        }
        // Random bit lengths: short inputs take other divstep paths (early shrinking, few batches).
        for (int n = 0; n < 5_000; n++) {
            BigInteger x;
            do {
                x = new BigInteger(1 + rnd.nextInt(381), rnd).mod(Q);
            } while (x.signum() == 0);
            check(x, "seed " + seed + ", short #" + n);
        }
    }

    @Test
    void edgeValues() {
        List<BigInteger> xs = new ArrayList<>();
        for (int k = 1; k <= 64; k++) xs.add(BigInteger.valueOf(k));
        xs.add(BigInteger.valueOf(Long.MAX_VALUE));
        for (int k : new int[] {1, 2, 61, 62, 63, 64, 65, 124, 126, 128, 186, 192, 248, 256, 310, 320, 372, 379, 380}) {
            xs.add(BigInteger.ONE.shiftLeft(k));
            xs.add(BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
            xs.add(BigInteger.ONE.shiftLeft(k).add(BigInteger.ONE));
        }
        for (int k = 1; k <= 64; k++) {
            xs.add(Q.subtract(BigInteger.valueOf(k)));
            xs.add(Q.shiftRight(1).add(BigInteger.valueOf(k - 32)));
        }
        xs.add(Q.shiftRight(64)); // top limb zero
        xs.add(Q.shiftRight(65));
        xs.add(BigInteger.ONE.shiftLeft(320).subtract(BigInteger.ONE)); // top limb zero, all others ones
        xs.add(R);                                   // Montgomery form of 1
        xs.add(Q.subtract(R));                       // Montgomery form of -1
        xs.add(R2);                                  // Montgomery form of R
        xs.add(R.modInverse(Q));                     // Montgomery form of R^-2 → inverse R^3
        xs.add(BigInteger.TWO.modInverse(Q));        // (q+1)/2
        for (BigInteger x : xs) {
            BigInteger m = x.mod(Q);
            if (m.signum() != 0) check(m, "edge");
        }
    }

    @Test
    void zeroMapsToZero() {
        long[] out = {1, 2, 3, 4, 5, 6};
        FqInversion.inverse(out, 0, new long[6], 0);
        assertArrayEquals(new long[6], out);
        assertEquals(Fq.ZERO, Fq.ZERO.inverse());
    }

    @Test
    void aliasingAndOffsets() {
        long seed = new SecureRandom().nextLong();
        Random rnd = new Random(seed);
        for (int n = 0; n < 200; n++) {
            BigInteger x = new BigInteger(381, rnd).mod(Q);
            if (x.signum() == 0) continue;
            long[] exp = expected(x);
            long[] xl = limbs(x);
            long[] buf = new long[20];
            System.arraycopy(xl, 0, buf, 7, 6);
            FqInversion.inverse(buf, 7, buf, 7); // r == a
            long[] got = new long[6];
            System.arraycopy(buf, 7, got, 0, 6);
            assertArrayEquals(exp, got, "aliased, seed " + seed);
            FqInversion.inverse(buf, 1, xl, 0);  // distinct arrays, offset output
            System.arraycopy(buf, 1, got, 0, 6);
            assertArrayEquals(exp, got, "offset, seed " + seed);
            assertEquals(0L, buf[0], "wrote below ro");
            assertEquals(0L, buf[19], "wrote past ro + 6");
        }
    }

    @Test
    void fqInverseUsesIt() {
        long seed = new SecureRandom().nextLong();
        Random rnd = new Random(seed);
        for (int n = 0; n < 500; n++) {
            Fq a = Fq.random(rnd);
            if (a.isZero()) continue;
            BigInteger want = a.toBigInteger().modInverse(Q);
            assertEquals(want, a.inverse().toBigInteger(), "seed " + seed);
            Fq2 b = new Fq2(a, Fq.random(rnd));
            assertEquals(Fq2.ONE, b.mul(b.inverse()), "Fq2, seed " + seed);
        }
    }
}
