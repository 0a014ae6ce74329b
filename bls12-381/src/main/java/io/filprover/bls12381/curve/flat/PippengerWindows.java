package io.filprover.bls12381.curve.flat;

/**
 * The windows of Pippenger's bucket method, written once for every MSM (the cpu backend's
 * {@code PippengerMsm}, the device backends' {@code MsmHost}) and the Groth16 setup's fixed-base
 * tables: how many c-bit windows a scalar needs, its signed c-bit digits, and the Horner
 * combination of the per-window sums.
 */
public final class PippengerWindows {
    /** Bits of a canonical Fr scalar (below r &lt; 2^255). */
    public static final int SCALAR_BITS = 255;

    private PippengerWindows() {
    }

    /** Windows of c bits covering bits + 1 bits: a scalar below 2^bits plus the final carry of the signed recoding. */
    public static int windows(int c, int bits) {
        return bits / c + 1;
    }

    /**
     * out[oo + w] ← the signed c-bit digits of the 4-limb scalar at s[so], w &lt; windows: digit ∈
     * [−2^(c−1), 2^(c−1)], Σ digit_w·2^(cw) = scalar (a digit above 2^(c−1) borrows 2^c from the next window).
     *
     * @throws IllegalStateException if the last window leaves a carry (the scalar needs more windows)
     */
    public static void recode(int[] out, int oo, long[] s, int so, int c, int windows) {
        int half = 1 << (c - 1);
        int full = 1 << c;
        long mask = full - 1;
        int carry = 0;
        for (int w = 0; w < windows; w++) {
            int bit = w * c;
            int limb = bit >>> 6;
            long v = 0;
            if (limb < 4) {
                int sh = bit & 63;
                v = s[so + limb] >>> sh;
                if (sh + c > 64 && limb < 3) {
                    v |= s[so + limb + 1] << (64 - sh);
                }
                v &= mask;
            }
            int d = (int) v + carry;
            if (d > half) {
                d -= full;
                carry = 1;
            } else {
                carry = 0;
            }
            out[oo + w] = d;
        }
        if (carry != 0) {
            throw new IllegalStateException("msm: signed recoding left a carry (the scalar needs more than " + windows
                    + " windows of " + c + " bits)");
        }
    }

    /**
     * acc ← Σ_w 2^(c·w)·S_w (XYZZ), S_w the XYZZ window sums at sums[so + w·xyzz.size], w &lt; windows, by
     * Horner's rule from the top: acc = 2^c·acc + S_w. {@code xyzz} (its scratch) is the caller's thread's.
     */
    public static void combine(long[] acc, int ao, long[] sums, int so, int windows, int c, XyzzOps xyzz) {
        xyzz.setIdentity(acc, ao);
        for (int w = windows - 1; w >= 0; w--) {
            for (int k = 0; k < c && w < windows - 1; k++) {
                xyzz.dbl(acc, ao);
            }
            xyzz.add(acc, ao, sums, so + w * xyzz.size);
        }
    }
}
