import java.math.BigInteger;
import java.util.Random;

/**
 * Checks the generated VecMul (WAYS=1) against BigInteger on random inputs in [0, 2q) and on
 * (2q - 1)^2, then times independent and chained multiplications. Run with
 * javac --add-modules jdk.incubator.vector -d out VecMul.java VecMulCheck.java
 * java --add-modules jdk.incubator.vector -cp out VecMulCheck
 */
public class VecMulCheck {
    static final BigInteger Q = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);
    static final BigInteger RINV = BigInteger.ONE.shiftLeft(416).modInverse(Q);
    static final BigInteger DIGIT = BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE);
    static final long[] T = new long[64];

    static void put(double[] arr, int off, int lane, BigInteger v) {
        for (int d = 0; d < 8; d++) {
            arr[off + 4 * d + lane] = v.shiftRight(52 * d).and(DIGIT).longValue();
        }
    }

    static BigInteger get(double[] arr, int off, int lane) {
        BigInteger v = BigInteger.ZERO;
        for (int d = 7; d >= 0; d--) {
            double x = arr[off + 4 * d + lane];
            if (x != Math.rint(x) || x < 0 || x >= 0x1p52) {
                throw new AssertionError("digit out of range: " + x);
            }
            v = v.shiftLeft(52).add(BigInteger.valueOf((long) x));
        }
        return v;
    }

    public static void main(String[] args) {
        Random rnd = new Random();
        int n = 1024;
        double[] a = new double[n * 32], b = new double[n * 32], r = new double[n * 32];
        BigInteger[] av = new BigInteger[n * 4], bv = new BigInteger[n * 4];
        BigInteger twoQ = Q.shiftLeft(1);
        for (int g = 0; g < n; g++) {
            for (int l = 0; l < 4; l++) {
                BigInteger x = g == 0 ? twoQ.subtract(BigInteger.ONE) : new BigInteger(390, rnd).mod(twoQ);
                BigInteger y = g == 0 ? twoQ.subtract(BigInteger.ONE) : new BigInteger(390, rnd).mod(twoQ);
                av[g * 4 + l] = x;
                bv[g * 4 + l] = y;
                put(a, g * 32, l, x);
                put(b, g * 32, l, y);
            }
        }
        for (int g = 0; g < n; g++) {
            VecMul.mul(r, g * 32, a, g * 32, b, g * 32, T);
        }
        for (int g = 0; g < n; g++) {
            for (int l = 0; l < 4; l++) {
                BigInteger got = get(r, g * 32, l);
                if (got.compareTo(twoQ) >= 0 || !got.mod(Q).equals(av[g * 4 + l].multiply(bv[g * 4 + l]).multiply(RINV).mod(Q))) {
                    throw new AssertionError("wrong product at " + g + "," + l);
                }
            }
        }
        System.out.println("4096 products agree with BigInteger");
        for (int rep = 0; rep < 12; rep++) {
            int iters = 200;
            long t0 = System.nanoTime();
            for (int it = 0; it < iters; it++) {
                for (int g = 0; g < n; g++) {
                    VecMul.mul(r, g * 32, a, g * 32, b, g * 32, T);
                }
            }
            long t1 = System.nanoTime();
            System.arraycopy(a, 0, r, 0, r.length);
            for (int it = 0; it < iters; it++) {
                for (int g = 1; g < n; g++) {
                    VecMul.mul(r, g * 32, r, (g - 1) * 32, b, g * 32, T);
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("independent %.1f ns/mul, chained %.1f ns/mul%n", (t1 - t0) / (iters * n * 4.0),
                    (t2 - t1) / (iters * (n - 1) * 4.0));
        }
    }
}
