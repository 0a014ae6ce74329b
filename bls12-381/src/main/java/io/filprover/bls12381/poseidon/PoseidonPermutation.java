package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.FrOps;

/**
 * The Poseidon permutation on a state held as flat Montgomery limbs. The state lives at
 * {@code work[0 .. 4t)}; the rest of the work buffer ({@link #workLength}) is scratch, so a caller
 * that reuses one work buffer hashes without allocating.
 */
public final class PoseidonPermutation {
    private PoseidonPermutation() {
    }

    /** Longs needed in the work buffer for width t: two states and one scratch element. */
    public static int workLength(int width) {
        return (2 * width + 1) * 4;
    }

    /** x ← x^5 = x·(x²)², with a scratch element at {@code tmp}. */
    private static void sbox(long[] w, int x, int tmp) {
        FrOps.square(w, tmp, w, x);
        FrOps.square(w, tmp, w, tmp);
        FrOps.mul(w, x, w, x, w, tmp);
    }

    /** dst[j] = Σ_i A[i][j]·src[i], with A given column-major (column j at j·t·4). */
    private static void rowTimesMatrix(long[] w, int src, long[] columns, int t, int dst) {
        for (int j = 0; j < t; j++) {
            FrOps.dot(w, dst + 4 * j, columns, 4 * j * t, w, src, t);
        }
    }

    /** Same as {@link #rowTimesMatrix} with one plain mul and add per term: the reference keeps to the simplest kernels. */
    private static void rowTimesMatrixSimple(long[] w, int src, long[] columns, int t, int dst, int tmp) {
        for (int j = 0; j < t; j++) {
            int col = 4 * j * t;
            int out = dst + 4 * j;
            FrOps.setZero(w, out);
            for (int i = 0; i < t; i++) {
                FrOps.mul(w, tmp, columns, col + 4 * i, w, src + 4 * i);
                FrOps.add(w, out, w, out, w, tmp);
            }
        }
    }

    /**
     * The textbook schedule (neptune {@code HashMode::Correct}, docs/spec/poseidon-groth16-gpu.md §2.5): the
     * reference the optimised schedule is checked against.
     */
    public static void permutePlain(PoseidonParameters p, long[] work) {
        int t = p.width();
        int half = p.fullRounds() / 2;
        int rounds = p.fullRounds() + p.partialRounds();
        int tmp = 8 * t;
        int cur = 0;
        int other = 4 * t;
        long[] rc = p.roundConstants;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < t; i++) {
                FrOps.add(work, cur + 4 * i, work, cur + 4 * i, rc, 4 * (r * t + i));
            }
            boolean full = r < half || r >= half + p.partialRounds();
            for (int i = 0; i < (full ? t : 1); i++) {
                sbox(work, cur + 4 * i, tmp);
            }
            rowTimesMatrixSimple(work, cur, p.mdsColumns, t, other, tmp);
            int swap = cur;
            cur = other;
            other = swap;
        }
        if (cur != 0) {
            System.arraycopy(work, cur, work, 0, 4 * t);
        }
    }

    /**
     * neptune's optimised schedule ({@code OptimizedStatic}, docs/spec/poseidon-groth16-gpu.md §2.7 c):
     * compressed round constants, the pre-sparse matrix P after the first half of full rounds and
     * one sparse matrix per partial round. Same output as {@link #permutePlain}.
     */
    public static void permuteOptimized(PoseidonParameters p, long[] work) {
        int t = p.width();
        int half = p.fullRounds() / 2;
        int tmp = 8 * t;
        int cur = 0;
        int other = 4 * t;
        long[] c = p.compressedRoundConstants;
        for (int i = 0; i < t; i++) {
            FrOps.add(work, 4 * i, work, 4 * i, c, 4 * i);
        }
        int k = 4 * t;
        for (int f = 0; f < half; f++) {
            for (int i = 0; i < t; i++) {
                sbox(work, cur + 4 * i, tmp);
                FrOps.add(work, cur + 4 * i, work, cur + 4 * i, c, k + 4 * i);
            }
            k += 4 * t;
            rowTimesMatrix(work, cur, f == half - 1 ? p.preSparseColumns : p.mdsColumns, t, other);
            int swap = cur;
            cur = other;
            other = swap;
        }
        long[] wHat = p.sparseWHat;
        long[] vRest = p.sparseVRest;
        for (int r = 0; r < p.partialRounds(); r++) {
            sbox(work, cur, tmp);
            FrOps.add(work, cur, work, cur, c, k);
            k += 4;
            // s'[0] = Σ_j w_hat[j]·s[j] (into scratch); s'[j] = s[j] + v_rest[j−1]·s[0]
            int wo = 4 * r * t;
            FrOps.dot(work, tmp, wHat, wo, work, cur, t);
            int vo = 4 * r * (t - 1);
            for (int j = 1; j < t; j++) {
                FrOps.mulAdd(work, cur + 4 * j, vRest, vo + 4 * (j - 1), work, cur);
            }
            FrOps.copy(work, cur, work, tmp);
        }
        for (int f = 0; f < half; f++) {
            boolean last = f == half - 1;
            for (int i = 0; i < t; i++) {
                sbox(work, cur + 4 * i, tmp);
                if (!last) {
                    FrOps.add(work, cur + 4 * i, work, cur + 4 * i, c, k + 4 * i);
                }
            }
            if (!last) {
                k += 4 * t;
            }
            rowTimesMatrix(work, cur, p.mdsColumns, t, other);
            int swap = cur;
            cur = other;
            other = swap;
        }
        if (k != c.length) {
            throw new AssertionError("compressed round constants not consumed: " + k + " of " + c.length);
        }
        if (cur != 0) {
            System.arraycopy(work, cur, work, 0, 4 * t);
        }
    }
}
