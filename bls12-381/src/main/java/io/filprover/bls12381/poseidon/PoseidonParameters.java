package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every constant of one neptune Poseidon instance (arity, strength, hash type), for both the plain
 * and the optimised schedule, as flat Montgomery limb arrays (4 longs per element). Instances are
 * immutable and cached: {@link #of} returns the same object for the same key.
 */
public final class PoseidonParameters {
    private record Key(int arity, PoseidonStrength strength, PoseidonHashType hashType) {
    }

    private static final ConcurrentHashMap<Key, PoseidonParameters> CACHE = new ConcurrentHashMap<>();

    private final int arity;
    private final int width;
    private final PoseidonStrength strength;
    private final PoseidonHashType hashType;
    private final int fullRounds;
    private final int partialRounds;

    // package-private flat arrays read by PoseidonPermutation; never handed out
    final long[] domainTag;
    /** All (R_F + R_P)·t round constants. */
    final long[] roundConstants;
    /** M column-major: element (i, j) at (j·t + i)·4, so s'[j] = Σ_i M[i][j]·s[i] reads a contiguous column. */
    final long[] mdsColumns;
    final long[] compressedRoundConstants;
    /** P column-major, as for {@link #mdsColumns}. */
    final long[] preSparseColumns;
    /** For partial round i: w_hat (t elements) at i·t·4. */
    final long[] sparseWHat;
    /** For partial round i: v_rest (t − 1 elements) at i·(t−1)·4. */
    final long[] sparseVRest;

    private PoseidonParameters(int arity, PoseidonStrength strength, PoseidonHashType hashType) {
        if (arity < 1) {
            throw new IllegalArgumentException("arity must be >= 1, got " + arity);
        }
        this.arity = arity;
        this.width = arity + 1;
        this.strength = strength;
        this.hashType = hashType;
        this.fullRounds = PoseidonRoundNumbers.FULL_ROUNDS;
        this.partialRounds = PoseidonRoundNumbers.partialRounds(width, strength);
        int t = width;

        this.domainTag = hashType.domainTag(arity).montgomeryLimbs();
        Fr[] rc = GrainLfsr.roundConstants(t, fullRounds, partialRounds);
        Fr[][] mds = PoseidonMatrices.cauchyMds(t);
        Fr[][] mdsInverse = PoseidonMatrices.invert(mds);
        Fr[] compressed = PoseidonMatrices.compressRoundConstants(rc, mdsInverse, t, fullRounds, partialRounds);
        PoseidonMatrices.SparseFactorisation sparse = PoseidonMatrices.factorise(mds, partialRounds);

        this.roundConstants = flatten(rc);
        this.mdsColumns = flatten(PoseidonMatrices.transpose(mds));
        this.compressedRoundConstants = flatten(compressed);
        this.preSparseColumns = flatten(PoseidonMatrices.transpose(sparse.preSparse()));
        this.sparseWHat = flatten(sparse.wHat());
        this.sparseVRest = flatten(sparse.vRest());
    }

    /** The cached parameters for (arity, strength, hash type); built on first use (milliseconds to a second). */
    public static PoseidonParameters of(int arity, PoseidonStrength strength, PoseidonHashType hashType) {
        if (strength == null || hashType == null) {
            throw new NullPointerException("strength and hashType are required");
        }
        return CACHE.computeIfAbsent(new Key(arity, strength, hashType),
                k -> new PoseidonParameters(k.arity(), k.strength(), k.hashType()));
    }

    /** What Filecoin uses for every tree, column and CommR hash: Standard strength, MerkleTree tag. */
    public static PoseidonParameters filecoin(int arity) {
        return of(arity, PoseidonStrength.STANDARD, PoseidonHashType.MERKLE_TREE);
    }

    private static long[] flatten(Fr[] v) {
        long[] out = new long[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            v[i].toMontgomeryLimbs(out, 4 * i);
        }
        return out;
    }

    private static long[] flatten(Fr[][] m) {
        int cols = m[0].length;
        long[] out = new long[m.length * cols * 4];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j].toMontgomeryLimbs(out, 4 * (i * cols + j));
            }
        }
        return out;
    }

    private static Fr at(long[] flat, int index) {
        return Fr.fromMontgomeryLimbs(flat, 4 * index);
    }

    public int arity() {
        return arity;
    }

    /** t = arity + 1. */
    public int width() {
        return width;
    }

    public PoseidonStrength strength() {
        return strength;
    }

    public PoseidonHashType hashType() {
        return hashType;
    }

    /** R_F. */
    public int fullRounds() {
        return fullRounds;
    }

    /** R_P. */
    public int partialRounds() {
        return partialRounds;
    }

    /** The capacity element s[0]. */
    public Fr domainTag() {
        return at(domainTag, 0);
    }

    /** (R_F + R_P)·t. */
    public int roundConstantCount() {
        return roundConstants.length / 4;
    }

    /** RC[i]; round r uses RC[r·t .. (r+1)·t). */
    public Fr roundConstant(int i) {
        return at(roundConstants, i);
    }

    /** M[row][col] = 1/(row + col + t). */
    public Fr mds(int row, int col) {
        return at(mdsColumns, col * width + row);
    }

    /** t·R_F + R_P. */
    public int compressedRoundConstantCount() {
        return compressedRoundConstants.length / 4;
    }

    public Fr compressedRoundConstant(int i) {
        return at(compressedRoundConstants, i);
    }

    /** The pre-sparse matrix P[row][col], applied as s'[j] = Σ_i P[i][j]·s[i]. */
    public Fr preSparse(int row, int col) {
        return at(preSparseColumns, col * width + row);
    }

    /** Column 0 of sparse matrix S_round (j = 0..t−1). */
    public Fr sparseWHat(int round, int j) {
        if (j < 0 || j >= width) {
            throw new IndexOutOfBoundsException(j);
        }
        return at(sparseWHat, round * width + j);
    }

    /** Row 0 of sparse matrix S_round without its first entry (j = 0..t−2). */
    public Fr sparseVRest(int round, int j) {
        if (j < 0 || j >= width - 1) {
            throw new IndexOutOfBoundsException(j);
        }
        return at(sparseVRest, round * (width - 1) + j);
    }

    /**
     * neptune's GPU constants buffer (docs/spec/poseidon-groth16-gpu.md §2.8), Montgomery limbs: tag |
     * compressed round constants | M row-major | P row-major | per partial round w_hat then v_rest.
     * Length in elements: 1 + t·R_F + R_P + 2t² + R_P·(2t − 1).
     */
    public long[] gpuConstants() {
        int t = width;
        int elements = 1 + compressedRoundConstantCount() + 2 * t * t + partialRounds * (2 * t - 1);
        long[] out = new long[elements * 4];
        int k = 0;
        System.arraycopy(domainTag, 0, out, 0, 4);
        k += 4;
        System.arraycopy(compressedRoundConstants, 0, out, k, compressedRoundConstants.length);
        k += compressedRoundConstants.length;
        for (long[] columns : new long[][] {mdsColumns, preSparseColumns}) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    System.arraycopy(columns, 4 * (j * t + i), out, k, 4);
                    k += 4;
                }
            }
        }
        for (int r = 0; r < partialRounds; r++) {
            System.arraycopy(sparseWHat, 4 * r * t, out, k, 4 * t);
            k += 4 * t;
            System.arraycopy(sparseVRest, 4 * r * (t - 1), out, k, 4 * (t - 1));
            k += 4 * (t - 1);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Poseidon(arity " + arity + ", " + strength + ", " + hashType.kind()
                + (hashType.parameter() != 0 ? "(" + hashType.parameter() + ")" : "")
                + ", R_F " + fullRounds + ", R_P " + partialRounds + ")";
    }
}
