package io.filprover.bls12381.pairing;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.field.Fq12Ops;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.G2DoublingStep;

/**
 * The Miller-loop line coefficients of a fixed G2 point Q (as blst / bellperson prepare a verifying
 * key's G2 elements): every step's line ℓ(P) = c0 + (c1·x_P)·v + (c4·y_P)·v·w depends on P only
 * through x_P and y_P, so the three Fq2 coefficients of each of the 68 steps (63 doublings, 5
 * additions) are computed once here. Immutable after construction; safe to share between threads.
 *
 * <p>Line functions: untwisting (x', y') ↦ (x'/w², y'/w³) and scaling the line through T by w³
 * (an Fq4 factor, killed by the final exponentiation) gives the sparse value
 * (λ'x_T − y_T) + (−λ'·x_P)·v + y_P·v·w, i.e. Fq2 slots 0, 1 and 4; each step scales it further
 * by an Fq2 factor to clear denominators. G2 runs in homogeneous projective coordinates
 * (x = X/Z, y = Y/Z) on the M-type twist; the doubling step is {@link G2DoublingStep}.
 */
public final class PreparedG2 {
    /** Coefficients c0, c1, c4 of one step (Fq2 each). */
    static final int STEP = 3 * Fq12Ops.FQ2;
    static final int STEPS = stepCount();

    final boolean infinity;
    /** STEPS × (c0, c1, c4), in the order the Miller loop consumes them; null at infinity. */
    final long[] coeffs;

    private PreparedG2(boolean infinity, long[] coeffs) {
        this.infinity = infinity;
        this.coeffs = coeffs;
    }

    /** Precomputes the line coefficients of q (assumed in G2; infinity is allowed). */
    public static PreparedG2 of(AffinePoint<Fq2> q) {
        if (q.isInfinity()) return new PreparedG2(true, null);
        long[] out = new long[STEPS * STEP];
        Fq12Ops ops = new Fq12Ops();
        G2DoublingStep doubling = new G2DoublingStep();
        // T = (X, Y, Z) at 0, 12, 24; Q = (x, y) at 36, 48; scratch after
        long[] s = new long[5 * Fq12Ops.FQ2 + 12 * Fq12Ops.FQ2];
        Fq12Ops.storeFq2(s, 0, q.x);
        Fq12Ops.storeFq2(s, 12, q.y);
        Fq12Ops.storeFq2(s, 24, Fq2.ONE);
        Fq12Ops.storeFq2(s, 36, q.x);
        Fq12Ops.storeFq2(s, 48, q.y);
        long x = G1.X_ABS;
        int k = 0;
        for (int i = 62 - Long.numberOfLeadingZeros(x); i >= 0; i--) {
            doubling.apply(s, X, Y, Z, out, k++ * STEP);   // T ← 2T, line (B − C, 3A, 2YZ)
            if (((x >>> i) & 1) != 0) addStep(ops, s, out, k++ * STEP);
        }
        return new PreparedG2(false, out);
    }

    public boolean isInfinity() {
        return infinity;
    }

    private static int stepCount() {
        long x = G1.X_ABS;
        return (63 - Long.numberOfLeadingZeros(x)) + Long.bitCount(x) - 1;
    }

    private static final int X = 0, Y = 12, Z = 24, QX = 36, QY = 48, W = 60;

    /**
     * T ← T + Q. With u = y_Q Z − Y, v = x_Q Z − X: line coefficients (u·x_Q − v·y_Q, u, v) — the
     * line is (u·x_Q − v·y_Q) + (−u·x_P)v + (v·y_P)vw; A = u²Z − v³ − 2v²X, X' = vA,
     * Y' = u(v²X − A) − v³Y, Z' = v³Z.
     */
    private static void addStep(Fq12Ops ops, long[] s, long[] out, int o) {
        final int u = W, v = W + 12, v2 = W + 24, v3 = W + 36, v2x = W + 48, a = W + 60, t = W + 72;
        ops.fq2Mul(s, u, s, QY, s, Z);
        Fq12Ops.fq2Sub(s, u, s, u, s, Y);
        ops.fq2Mul(s, v, s, QX, s, Z);
        Fq12Ops.fq2Sub(s, v, s, v, s, X);
        ops.fq2Mul(s, t, s, u, s, QX);
        ops.fq2Mul(out, o, s, v, s, QY);
        Fq12Ops.fq2Sub(out, o, s, t, out, o);          // c0 = u·x_Q − v·y_Q
        System.arraycopy(s, u, out, o + 12, 12);       // c1 = u
        System.arraycopy(s, v, out, o + 24, 12);       // c4 = v
        ops.fq2Square(s, v2, s, v);
        ops.fq2Mul(s, v3, s, v2, s, v);
        ops.fq2Mul(s, v2x, s, v2, s, X);
        ops.fq2Square(s, a, s, u);
        ops.fq2Mul(s, a, s, a, s, Z);
        Fq12Ops.fq2Sub(s, a, s, a, s, v3);
        Fq12Ops.fq2Sub(s, a, s, a, s, v2x);
        Fq12Ops.fq2Sub(s, a, s, a, s, v2x);            // A
        ops.fq2Mul(s, X, s, v, s, a);                  // X' = vA
        Fq12Ops.fq2Sub(s, t, s, v2x, s, a);
        ops.fq2Mul(s, t, s, u, s, t);
        ops.fq2Mul(s, Y, s, v3, s, Y);
        Fq12Ops.fq2Sub(s, Y, s, t, s, Y);              // Y' = u(v²X − A) − v³Y
        ops.fq2Mul(s, Z, s, v3, s, Z);                 // Z' = v³Z
    }
}
