package io.filprover.cpu.msm;

import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.field.FqOps;

import java.math.BigInteger;

/**
 * The GLV split of a term for the bucket method, on G1 and on G2. With D = x² (128 bits) and
 * r = x⁴ − x² + 1 = D² − D + 1, a canonical scalar k &lt; r is k2·D + k1 with k1 &lt; D and k2 &lt; D, and
 * k·P = k1·P + k2·[D]P, where [D] is an endomorphism that costs a few field multiplications: on G1
 * φ(x, y) = (βx, y) acts as [−x²], so [D]P = −φ(P) = (βx, −y); on G2 ψ acts as [x], so
 * [D]Q = ψ²(Q) = (c_x·x, c_y·y) with c_x, c_y in Fq. One term of 255 bits becomes two of 128,
 * which halves the windows for twice the points.
 */
final class GlvSplit {
    /** Bit length bound of both halves. */
    static final int SCALAR_BITS = 128;

    private static final BigInteger D = new BigInteger(Long.toUnsignedString(G1.X_ABS)).pow(2);
    private static final long D0 = D.longValue();
    private static final long D1 = D.shiftRight(64).longValue();
    /** μ = ⌊2^256 / D⌋ (129 bits) for a Barrett quotient that is exact or one short. */
    private static final BigInteger MU = BigInteger.ONE.shiftLeft(256).divide(D);
    private static final long[] MU_LIMBS = {MU.longValue(), MU.shiftRight(64).longValue(), MU.shiftRight(128).longValue()};
    private static final long[] BETA = G1.betaMontgomeryLimbs();
    /** ψ²'s coefficients on G2: c_x then c_y, each 6 Montgomery limbs of Fq. */
    private static final long[] PSI2 = G2.psiSquaredCoefficients();

    private GlvSplit() {
    }

    /**
     * For the canonical scalar k at s[so] (4 little-endian limbs), writes k1 = k mod D to
     * out[o1 … o1+3] and k2 = ⌊k / D⌋ to out[o2 … o2+3].
     */
    static void splitScalar(long[] s, int so, long[] out, int o1, int o2) {
        long k0 = s[so], k1 = s[so + 1], k2 = s[so + 2], k3 = s[so + 3];
        // t = k·μ; the quotient estimate is t >> 256 (limbs 4 and 5)
        long[] t = new long[7];
        long[] k = {k0, k1, k2, k3};
        long[] m = MU_LIMBS;
        for (int i = 0; i < 4; i++) {
            long carry = 0;
            for (int j = 0; j < 3; j++) {
                long lo = k[i] * m[j];
                long hi = umulh(k[i], m[j]);
                lo += t[i + j];
                hi += Long.compareUnsigned(lo, t[i + j]) < 0 ? 1 : 0;
                lo += carry;
                hi += Long.compareUnsigned(lo, carry) < 0 ? 1 : 0;
                t[i + j] = lo;
                carry = hi;
            }
            t[i + 3] = carry;
        }
        long q0 = t[4], q1 = t[5];
        // rem = k − q·D; below 2·D < 2^129, so three limbs hold it
        long p0 = q0 * D0;
        long c = umulh(q0, D0);
        long lo = q0 * D1;
        long p1 = c + lo;
        long p2 = umulh(q0, D1) + (Long.compareUnsigned(p1, lo) < 0 ? 1 : 0);
        lo = q1 * D0;
        p1 += lo;
        long carry = Long.compareUnsigned(p1, lo) < 0 ? 1 : 0;
        p2 += umulh(q1, D0) + carry + q1 * D1;
        long r0 = k0 - p0;
        long b = Long.compareUnsigned(k0, p0) < 0 ? 1 : 0;
        long r1 = k1 - p1 - b;
        b = (Long.compareUnsigned(k1, p1) < 0 || (k1 == p1 && b == 1)) ? 1 : 0;
        long r2 = k2 - p2 - b;
        while (r2 != 0 || Long.compareUnsigned(r1, D1) > 0 || (r1 == D1 && Long.compareUnsigned(r0, D0) >= 0)) {
            long n0 = r0 - D0;
            long bb = Long.compareUnsigned(r0, D0) < 0 ? 1 : 0;
            long n1 = r1 - D1 - bb;
            bb = (Long.compareUnsigned(r1, D1) < 0 || (r1 == D1 && bb == 1)) ? 1 : 0;
            r2 -= bb;
            r0 = n0;
            r1 = n1;
            q0++;
            if (q0 == 0) {
                q1++;
            }
        }
        out[o1] = r0;
        out[o1 + 1] = r1;
        out[o1 + 2] = 0;
        out[o1 + 3] = 0;
        out[o2] = q0;
        out[o2 + 1] = q1;
        out[o2 + 2] = 0;
        out[o2 + 3] = 0;
    }

    /** Writes [D]P = −φ(P) = (βx, −y) for the finite affine G1 point at b[bo] to out[oo]. */
    static void g1TimesD(long[] b, int bo, long[] out, int oo) {
        FqOps.mul(out, oo, b, bo, BETA, 0);
        FqOps.neg(out, oo + 6, b, bo + 6);
    }

    /** Writes [D]Q = ψ²(Q) = (c_x·x, c_y·y) for the finite affine G2 point at b[bo] to out[oo]. */
    static void g2TimesD(long[] b, int bo, long[] out, int oo) {
        for (int i = 0; i < 4; i++) {
            FqOps.mul(out, oo + 6 * i, b, bo + 6 * i, PSI2, i < 2 ? 0 : 6);
        }
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+). */
    private static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
