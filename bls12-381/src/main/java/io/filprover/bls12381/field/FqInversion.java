package io.filprover.bls12381.field;

import java.math.BigInteger;

/**
 * Inversion in Fq on Montgomery limbs without BigInteger: Bernstein–Yang divsteps ("safegcd",
 * https://gcd.cr.yp.to/safegcd-20190413.pdf) in variable time, 62 divsteps per batch.
 *
 * <p>Each batch runs the divsteps on the low 64 bits of f and g only, collecting them in a 2×2
 * integer matrix T (entries scaled by 2^62, row sums |u|+|v| ≤ 2^62 so they fit a long), then
 * applies T to the full f, g (7 signed 62-bit limbs, room for ±2^433) and to the cofactors d, e.
 * The invariants d·x ≡ f·R² and e·x ≡ g·R² (mod q) hold throughout; starting from f = q, g = x,
 * d = 0, e = R² mod q, the loop ends with g = 0, f = ±1, hence ±d = R²·x⁻¹ = a⁻¹·R for x = a·R —
 * the Montgomery form of the inverse, with no correction multiplication.
 *
 * <p>Not constant-time: the number of batches and the branches depend on the input. No allocation
 * beyond one scratch array per call.
 */
public final class FqInversion {
    private FqInversion() {}

    private static final int N = 7;
    private static final long M62 = -1L >>> 2;
    private static final BigInteger TWO_62 = BigInteger.ONE.shiftLeft(62);

    /** q in 62-bit limbs. */
    private static final long[] Q = toLimbs62(FqOps.MODULUS);
    /** q^-1 mod 2^62, for choosing the multiple of q that makes d, e divisible by 2^62. */
    private static final long QINV62 = FqOps.MODULUS.modInverse(TWO_62).longValue();
    /** R² mod q (R = 2^384): the starting e, so that d ends as a⁻¹·R for input a·R. */
    private static final long[] E_START = toLimbs62(BigInteger.ONE.shiftLeft(2 * 384).mod(FqOps.MODULUS));

    private static final int F = 0, G = N, D = 2 * N, E = 3 * N;

    /**
     * r = a⁻¹ in Montgomery form (input a·R, output a⁻¹·R, both 6 little-endian 64-bit limbs below
     * q); zero maps to zero; r may alias a.
     */
    public static void inverse(long[] r, int ro, long[] a, int ao) {
        final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3], a4 = a[ao + 4], a5 = a[ao + 5];
        if ((a0 | a1 | a2 | a3 | a4 | a5) == 0) {
            for (int i = 0; i < 6; i++) r[ro + i] = 0;
            return;
        }
        // Limbs below the top one are in [0, 2^62); the top limb carries the sign.
        final long[] s = new long[4 * N];
        System.arraycopy(Q, 0, s, F, N);
        s[G] = a0 & M62;
        s[G + 1] = ((a0 >>> 62) | (a1 << 2)) & M62;
        s[G + 2] = ((a1 >>> 60) | (a2 << 4)) & M62;
        s[G + 3] = ((a2 >>> 58) | (a3 << 6)) & M62;
        s[G + 4] = ((a3 >>> 56) | (a4 << 8)) & M62;
        s[G + 5] = ((a4 >>> 54) | (a5 << 10)) & M62;
        s[G + 6] = a5 >>> 52;
        System.arraycopy(E_START, 0, s, E, N);

        long eta = -1; // -delta of the divstep; delta starts at 1
        int len = N;   // limbs still needed by f and g (both shrink)
        while (true) {
            // ---- 62 divsteps on the low bits; tracks f·2^j = u·F + v·G and g·2^j = q·F + t·G
            long u = 1, v = 0, q = 0, t = 1;
            long fl = s[F], gl = s[G];
            int left = 62;
            for (;;) {
                // Halving steps for g's trailing zeros (the sentinel stops at the batch end).
                int z = Long.numberOfTrailingZeros(gl | (-1L << left));
                gl >>>= z;
                u <<= z;
                v <<= z;
                eta -= z;
                left -= z;
                if (left == 0) break;
                if (eta < 0) { // the swapping divstep: (f, g) <- (g, -f), then g += f as below
                    eta = -eta;
                    long x = fl; fl = gl; gl = -x;
                    x = u; u = q; q = -x;
                    x = v; v = t; t = -x;
                }
                // Up to min(eta+1, left, 6) non-swapping divsteps at once: g += w·f with w = -g/f
                // mod 2^k (f⁻¹ mod 64 = f·(2 − f²) by one Newton step from f⁻¹ ≡ f mod 8). Beyond
                // eta+1 steps delta would turn positive and the next step would swap instead.
                int k = (int) Math.min(Math.min(eta + 1, left), 6);
                long w = (gl * fl * (fl * fl - 2)) & (-1L >>> (64 - k));
                gl += fl * w;
                q += u * w;
                t += v * w;
            }

            // ---- (f, g) <- T·(f, g) / 2^62 on len limbs (exact: the low 62 bits vanish)
            {
                long fi = s[F], gi = s[G];
                long fLo = u * fi, fHi = Math.multiplyHigh(u, fi);
                long p = v * gi;
                fLo += p;
                fHi += Math.multiplyHigh(v, gi) + carry(fLo, p);
                long gLo = q * fi, gHi = Math.multiplyHigh(q, fi);
                p = t * gi;
                gLo += p;
                gHi += Math.multiplyHigh(t, gi) + carry(gLo, p);
                fLo = (fLo >>> 62) | (fHi << 2);
                fHi >>= 62;
                gLo = (gLo >>> 62) | (gHi << 2);
                gHi >>= 62;
                for (int i = 1; i < len; i++) {
                    fi = s[F + i];
                    gi = s[G + i];
                    p = u * fi; fLo += p; fHi += Math.multiplyHigh(u, fi) + carry(fLo, p);
                    p = v * gi; fLo += p; fHi += Math.multiplyHigh(v, gi) + carry(fLo, p);
                    p = q * fi; gLo += p; gHi += Math.multiplyHigh(q, fi) + carry(gLo, p);
                    p = t * gi; gLo += p; gHi += Math.multiplyHigh(t, gi) + carry(gLo, p);
                    s[F + i - 1] = fLo & M62;
                    s[G + i - 1] = gLo & M62;
                    fLo = (fLo >>> 62) | (fHi << 2);
                    fHi >>= 62;
                    gLo = (gLo >>> 62) | (gHi << 2);
                    gHi >>= 62;
                }
                // |f|, |g| ≤ q throughout, so what is left fits the signed top limb.
                s[F + len - 1] = fLo;
                s[G + len - 1] = gLo;
            }

            // ---- (d, e) <- (T·(d, e) + (md, me)·q) / 2^62, staying in (-2q, q).
            // For d < 0 (resp. e < 0) T is applied to d + q instead, keeping |T·(d~, e~)| < 2^62·q;
            // then md, me get a further multiple in (-2^62, 0] of q that clears the low 62 bits.
            {
                long md = 0, me = 0;
                if (s[D + N - 1] < 0) { md += u; me += q; }
                if (s[E + N - 1] < 0) { md += v; me += t; }
                long di = s[D], ei = s[E];
                md -= ((u * di + v * ei + md * Q[0]) * QINV62) & M62;
                me -= ((q * di + t * ei + me * Q[0]) * QINV62) & M62;
                long qi = Q[0];
                long dLo = u * di, dHi = Math.multiplyHigh(u, di);
                long p = v * ei; dLo += p; dHi += Math.multiplyHigh(v, ei) + carry(dLo, p);
                p = md * qi; dLo += p; dHi += Math.multiplyHigh(md, qi) + carry(dLo, p);
                long eLo = q * di, eHi = Math.multiplyHigh(q, di);
                p = t * ei; eLo += p; eHi += Math.multiplyHigh(t, ei) + carry(eLo, p);
                p = me * qi; eLo += p; eHi += Math.multiplyHigh(me, qi) + carry(eLo, p);
                dLo = (dLo >>> 62) | (dHi << 2);
                dHi >>= 62;
                eLo = (eLo >>> 62) | (eHi << 2);
                eHi >>= 62;
                for (int i = 1; i < N; i++) {
                    di = s[D + i];
                    ei = s[E + i];
                    qi = Q[i];
                    p = u * di; dLo += p; dHi += Math.multiplyHigh(u, di) + carry(dLo, p);
                    p = v * ei; dLo += p; dHi += Math.multiplyHigh(v, ei) + carry(dLo, p);
                    p = md * qi; dLo += p; dHi += Math.multiplyHigh(md, qi) + carry(dLo, p);
                    p = q * di; eLo += p; eHi += Math.multiplyHigh(q, di) + carry(eLo, p);
                    p = t * ei; eLo += p; eHi += Math.multiplyHigh(t, ei) + carry(eLo, p);
                    p = me * qi; eLo += p; eHi += Math.multiplyHigh(me, qi) + carry(eLo, p);
                    s[D + i - 1] = dLo & M62;
                    s[E + i - 1] = eLo & M62;
                    dLo = (dLo >>> 62) | (dHi << 2);
                    dHi >>= 62;
                    eLo = (eLo >>> 62) | (eHi << 2);
                    eHi >>= 62;
                }
                s[D + N - 1] = dLo;
                s[E + N - 1] = eLo;
            }

            long gAny = 0;
            for (int i = 0; i < len; i++) gAny |= s[G + i];
            if (gAny == 0) break;

            // Drop the top limb of f and g once both are 0 or -1 (the sign moves one limb down).
            if (len > 1) {
                long fn = s[F + len - 1], gn = s[G + len - 1];
                if (((fn ^ (fn >> 63)) | (gn ^ (gn >> 63))) == 0) {
                    s[F + len - 2] |= fn << 62;
                    s[G + len - 2] |= gn << 62;
                    len--;
                }
            }
        }

        // g = 0 and f = gcd = ±1; d lies in (-2q, q). Bring d into [0, q), then negate mod q if f = -1.
        while (s[D + N - 1] < 0) addQ(s);
        if (s[F + len - 1] < 0) negateModQ(s);

        final long d0 = s[D], d1 = s[D + 1], d2 = s[D + 2], d3 = s[D + 3], d4 = s[D + 4], d5 = s[D + 5],
                d6 = s[D + 6];
        r[ro] = d0 | (d1 << 62);
        r[ro + 1] = (d1 >>> 2) | (d2 << 60);
        r[ro + 2] = (d2 >>> 4) | (d3 << 58);
        r[ro + 3] = (d3 >>> 6) | (d4 << 56);
        r[ro + 4] = (d4 >>> 8) | (d5 << 54);
        r[ro + 5] = (d5 >>> 10) | (d6 << 52);
    }

    /** Carry out of the unsigned addition that produced sum = x + addend. */
    private static long carry(long sum, long addend) {
        return Long.compareUnsigned(sum, addend) < 0 ? 1 : 0;
    }

    /** d += q on the 62-bit limbs of s at D. */
    private static void addQ(long[] s) {
        long c = 0;
        for (int i = 0; i < N - 1; i++) {
            long x = s[D + i] + Q[i] + c;
            s[D + i] = x & M62;
            c = x >> 62;
        }
        s[D + N - 1] += Q[N - 1] + c;
    }

    /** d = q - d for d in (0, q). */
    private static void negateModQ(long[] s) {
        long c = 0;
        for (int i = 0; i < N - 1; i++) {
            long x = Q[i] - s[D + i] + c;
            s[D + i] = x & M62;
            c = x >> 62;
        }
        s[D + N - 1] = Q[N - 1] - s[D + N - 1] + c;
    }

    private static long[] toLimbs62(BigInteger v) {
        long[] t = new long[N];
        for (int i = 0; i < N; i++) t[i] = v.shiftRight(62 * i).longValue() & M62;
        return t;
    }
}
