package io.filprover.bls12381.field;

import static io.filprover.bls12381.field.FrTestSupport.fromLimbs;
import static io.filprover.bls12381.field.FrTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Fr against BigInteger arithmetic mod r on random inputs, plus the upstream constants and TV-FR. */
class FrTest {
    private static final BigInteger P = Fr.MODULUS;
    private static final Properties C = FrTestSupport.properties("fr-constants.properties");
    private static final long SEED = new Random().nextLong();

    private static BigInteger randomBig(Random rnd) {
        // mix edge values with uniform ones so reductions near r are exercised
        switch (rnd.nextInt(8)) {
            case 0:
                return P.subtract(BigInteger.valueOf(rnd.nextInt(4) + 1));
            case 1:
                return BigInteger.valueOf(rnd.nextInt(4));
            case 2:
                return BigInteger.ONE.shiftLeft(rnd.nextInt(255)).mod(P);
            default:
                return new BigInteger(256, rnd).mod(P);
        }
    }

    @Test
    void constantsMatchBlstrs() {
        assertEquals(hex(C.getProperty("r")), P);
        assertEquals(fromLimbs(FrOps.modulus()), P);
        // INV·r ≡ −1 mod 2^64
        assertEquals(hex(C.getProperty("INV")).longValue(), FrOps.INV);
        assertEquals(-1L, FrOps.INV * FrOps.Q0);
        long[] one = new long[4];
        FrOps.setOne(one, 0);
        assertEquals(hex(C.getProperty("R")), fromLimbs(one));
        assertEquals(BigInteger.ONE.shiftLeft(256).mod(P), fromLimbs(one));
        // R² in Montgomery form is the Montgomery form of R: toCanonical(R2 limbs) = R
        long[] r2 = FrTestSupport.limbs(limbsCsv(hex(C.getProperty("R2"))));
        long[] back = new long[4];
        FrOps.toCanonical(back, 0, r2, 0);
        assertEquals(hex(C.getProperty("R")), fromLimbs(back));
        assertArrayEquals(FrTestSupport.limbs(C.getProperty("GENERATOR_MONT_LIMBS")), Fr.fromLong(7).montgomeryLimbs());
        assertEquals(Fr.MULTIPLICATIVE_GENERATOR, Fr.fromLong(7));
        Fr rou = Fr.fromMontgomeryLimbs(FrTestSupport.limbs(C.getProperty("ROOT_OF_UNITY_MONT_LIMBS")), 0);
        assertEquals(hex(C.getProperty("ROOT_OF_UNITY")), rou.toBigInteger());
        assertEquals(Fr.fromLong(7).pow(P.subtract(BigInteger.ONE).shiftRight(32)), rou);
        assertEquals(hex(C.getProperty("ROOT_OF_UNITY_INV")), rou.inverse().toBigInteger());
        // primitive 2^32-th root: order exactly 2^32
        assertEquals(Fr.ONE, rou.pow(BigInteger.ONE.shiftLeft(32)));
        assertNotEquals(Fr.ONE, rou.pow(BigInteger.ONE.shiftLeft(31)));
    }

    private static String limbsCsv(BigInteger v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(i == 0 ? "" : ",").append("0x").append(Long.toHexString(v.shiftRight(64 * i).longValue()));
        }
        return sb.toString();
    }

    @Test
    void arithmeticMatchesBigInteger() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            BigInteger a = randomBig(rnd);
            BigInteger b = randomBig(rnd);
            Fr fa = Fr.fromBigInteger(a);
            Fr fb = Fr.fromBigInteger(b);
            String msg = "seed " + SEED + " a=" + a.toString(16) + " b=" + b.toString(16);
            assertEquals(a, fa.toBigInteger(), msg);
            assertEquals(a.add(b).mod(P), fa.add(fb).toBigInteger(), msg);
            assertEquals(a.subtract(b).mod(P), fa.sub(fb).toBigInteger(), msg);
            assertEquals(a.multiply(b).mod(P), fa.mul(fb).toBigInteger(), msg);
            assertEquals(a.multiply(a).mod(P), fa.square().toBigInteger(), msg);
            assertEquals(a.negate().mod(P), fa.neg().toBigInteger(), msg);
            assertEquals(a.shiftLeft(1).mod(P), fa.dbl().toBigInteger(), msg);
        }
    }

    @Test
    void montgomeryLimbsAreTheValueTimesR() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            BigInteger a = randomBig(rnd);
            Fr f = Fr.fromBigInteger(a);
            assertEquals(a.shiftLeft(256).mod(P), fromLimbs(f.montgomeryLimbs()), "seed " + SEED);
            assertEquals(f, Fr.fromMontgomeryLimbs(f.montgomeryLimbs(), 0));
            long[] canon = f.canonicalLimbs();
            assertEquals(f, Fr.fromCanonicalLimbs(canon[0], canon[1], canon[2], canon[3]));
        }
        long[] notReduced = FrOps.modulus();
        assertThrows(FieldEncodingException.class, () -> Fr.fromMontgomeryLimbs(notReduced, 0));
        assertThrows(FieldEncodingException.class, () -> Fr.fromCanonicalLimbs(notReduced[0], notReduced[1], notReduced[2], notReduced[3]));
    }

    @Test
    void fieldAxioms() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            Fr a = Fr.random(rnd);
            Fr b = Fr.random(rnd);
            Fr c = Fr.random(rnd);
            String msg = "seed " + SEED;
            assertEquals(a.add(b), b.add(a), msg);
            assertEquals(a.mul(b), b.mul(a), msg);
            assertEquals(a.add(b).add(c), a.add(b.add(c)), msg);
            assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)), msg);
            assertEquals(a.mul(b.add(c)), a.mul(b).add(a.mul(c)), msg);
            assertEquals(a, a.add(Fr.ZERO), msg);
            assertEquals(a, a.mul(Fr.ONE), msg);
            assertEquals(Fr.ZERO, a.add(a.neg()), msg);
            assertEquals(a, a.sub(b).add(b), msg);
            if (!a.isZero()) {
                assertEquals(Fr.ONE, a.mul(a.inverse()), msg);
            }
        }
        assertThrows(ArithmeticException.class, Fr.ZERO::inverse);
    }

    @Test
    void inverseMatchesBigInteger() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            BigInteger a = randomBig(rnd);
            if (a.signum() == 0) {
                continue;
            }
            assertEquals(a.modInverse(P), Fr.fromBigInteger(a).inverse().toBigInteger(), "seed " + SEED);
        }
    }

    @Test
    void batchInverse() {
        Random rnd = new Random(SEED);
        Fr[] xs = new Fr[257];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i % 50 == 7 ? Fr.ZERO : Fr.random(rnd);
        }
        Fr[] inv = Fr.batchInverse(xs);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i].isZero()) {
                assertTrue(inv[i].isZero());
            } else {
                assertEquals(xs[i].inverse(), inv[i], "seed " + SEED + " index " + i);
            }
        }
        assertEquals(0, Fr.batchInverse(new Fr[0]).length);
    }

    @Test
    void powMatchesBigInteger() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 100; i++) {
            BigInteger a = randomBig(rnd);
            BigInteger e = new BigInteger(1 + rnd.nextInt(300), rnd);
            Fr fa = Fr.fromBigInteger(a);
            assertEquals(a.modPow(e, P), fa.pow(e).toBigInteger(), "seed " + SEED);
            long[] el = new long[5];
            for (int k = 0; k < 5; k++) {
                el[k] = e.shiftRight(64 * k).longValue();
            }
            assertEquals(a.modPow(e, P), fa.pow(el).toBigInteger(), "seed " + SEED);
        }
    }

    @Test
    void sqrtAndLegendre() {
        Random rnd = new Random(SEED);
        int squares = 0;
        for (int i = 0; i < 200; i++) {
            Fr a = Fr.random(rnd);
            Fr sq = a.square();
            assertEquals(1, sq.isZero() ? 1 : sq.legendre());
            Optional<Fr> root = sq.sqrt();
            assertTrue(root.isPresent(), "seed " + SEED);
            assertEquals(sq, root.get().square(), "seed " + SEED);
            assertTrue(root.get().equals(a) || root.get().equals(a.neg()));
            int l = a.legendre();
            // Euler's criterion against BigInteger
            BigInteger euler = a.toBigInteger().modPow(P.subtract(BigInteger.ONE).shiftRight(1), P);
            assertEquals(euler.equals(BigInteger.ONE) ? 1 : -1, l, "seed " + SEED);
            assertEquals(l == 1, a.sqrt().isPresent(), "seed " + SEED);
            squares += l == 1 ? 1 : 0;
        }
        assertTrue(squares > 50 && squares < 150, "about half are squares: " + squares);
        assertEquals(-1, Fr.MULTIPLICATIVE_GENERATOR.legendre());
        assertFalse(Fr.MULTIPLICATIVE_GENERATOR.sqrt().isPresent());
        assertEquals(0, Fr.ZERO.legendre());
        assertEquals(Fr.ZERO, Fr.ZERO.sqrt().orElseThrow());
        // −1 is a square since r ≡ 1 mod 4
        Fr i = Fr.ONE.neg().sqrt().orElseThrow();
        assertEquals(Fr.ONE.neg(), i.square());
    }

    @Test
    void bytesRoundTripAndTvFr() {
        for (String[] row : FrTestSupport.rows("tv-fr.txt")) {
            byte[] b = FrTestSupport.bytes(row[0]);
            if (row[1].equals("valid")) {
                Fr f = Fr.fromBytesLE(b);
                assertArrayEquals(b, f.toBytesLE(), row[0]);
            } else {
                assertThrows(FieldEncodingException.class, () -> Fr.fromBytesLE(b), row[0]);
                assertThrows(IllegalArgumentException.class, () -> Fr.fromBytesLE(b));
            }
        }
        Random rnd = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            BigInteger a = randomBig(rnd);
            byte[] le = new byte[32];
            for (int k = 0; k < 32; k++) {
                le[k] = a.shiftRight(8 * k).byteValue();
            }
            Fr f = Fr.fromBytesLE(le);
            assertEquals(a, f.toBigInteger(), "seed " + SEED);
            assertArrayEquals(le, f.toBytesLE());
            byte[] padded = new byte[40];
            f.toBytesLE(padded, 5);
            assertEquals(f, Fr.fromBytesLE(padded, 5));
        }
        byte[] r = FrTestSupport.bytes("01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73");
        assertThrows(FieldEncodingException.class, () -> Fr.fromBytesLE(r));
        assertEquals(Fr.ZERO, Fr.fromBytesLEReduced(r));
        assertThrows(FieldEncodingException.class, () -> Fr.fromBytesLE(new byte[31]));
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertEquals(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).mod(P), Fr.fromBytesLEReduced(max).toBigInteger());
    }

    @Test
    void fromLongAndBigIntegerReduce() {
        assertEquals(Fr.ONE.neg(), Fr.fromLong(-1));
        assertEquals(P.subtract(BigInteger.valueOf(Long.MAX_VALUE)).subtract(BigInteger.ONE), Fr.fromLong(Long.MIN_VALUE).toBigInteger());
        assertEquals(Fr.fromLong(5), Fr.fromBigInteger(P.add(BigInteger.valueOf(5))));
        assertEquals(Fr.fromLong(5), Fr.fromBigInteger(P.negate().add(BigInteger.valueOf(5))));
    }

    @Test
    void toStringIsBigEndianHexAndEqualityIsByValue() {
        assertEquals("0x0000000000000000000000000000000000000000000000000000000000000000", Fr.ZERO.toString());
        assertEquals("0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000", Fr.ONE.neg().toString());
        Random rnd = new Random(SEED);
        Fr a = Fr.random(rnd);
        Fr b = Fr.fromBytesLE(a.toBytesLE());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(hex(a.toString()), a.toBigInteger());
        assertEquals(a, Fr.fromHex(a.toString()));
        assertEquals(Fr.fromLong(255), Fr.fromHex("ff"));
        assertThrows(FieldEncodingException.class, () -> Fr.fromHex("0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"));
        assertThrows(FieldEncodingException.class, () -> Fr.fromHex("0x"));
        assertThrows(FieldEncodingException.class, () -> Fr.fromHex("0x-1"));
        assertThrows(FieldEncodingException.class, () -> Fr.fromHex("0xg1"));
        assertEquals(Integer.signum(a.toBigInteger().compareTo(b.add(Fr.ONE).toBigInteger())), Integer.signum(a.compareTo(b.add(Fr.ONE))));
    }

    @Test
    void randomMatchesBlstrsDrawingRule() {
        // blstrs Scalar::random: 4 u64 limbs LSB first, top bit cleared, rejected if ≥ r
        long seed = SEED;
        Random a = new Random(seed);
        Random b = new Random(seed);
        for (int i = 0; i < 50; i++) {
            Fr f = Fr.random(a);
            BigInteger expect;
            do {
                long[] l = {b.nextLong(), b.nextLong(), b.nextLong(), b.nextLong() & Long.MAX_VALUE};
                expect = fromLimbs(l);
            } while (expect.compareTo(P) >= 0);
            assertEquals(expect, f.toBigInteger(), "seed " + seed);
        }
    }
}
