package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;

/**
 * Setup-time matrix algebra over Fr for the Poseidon constants: the Cauchy MDS matrix and the
 * pieces of neptune's optimised schedule (docs/spec/poseidon-groth16-gpu.md §2.3, §2.7). Matrices are
 * {@code Fr[row][col]}; vectors are columns unless a method says otherwise.
 */
final class PoseidonMatrices {
    private PoseidonMatrices() {
    }

    /** M[i][j] = 1 / (x_i + y_j) with x_i = i, y_j = t + j. */
    static Fr[][] cauchyMds(int t) {
        Fr[] denominators = new Fr[2 * t - 1];
        for (int s = 0; s < denominators.length; s++) {
            denominators[s] = Fr.fromLong(s + t);
        }
        Fr[] inv = Fr.batchInverse(denominators);
        Fr[][] m = new Fr[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                m[i][j] = inv[i + j];
            }
        }
        return m;
    }

    static Fr[][] identity(int n) {
        Fr[][] m = new Fr[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? Fr.ONE : Fr.ZERO;
            }
        }
        return m;
    }

    static Fr[][] multiply(Fr[][] a, Fr[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        Fr[][] c = new Fr[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                Fr acc = Fr.ZERO;
                for (int x = 0; x < k; x++) {
                    acc = acc.add(a[i][x].mul(b[x][j]));
                }
                c[i][j] = acc;
            }
        }
        return c;
    }

    /** m·v for a column vector v. */
    static Fr[] apply(Fr[][] m, Fr[] v) {
        Fr[] out = new Fr[m.length];
        for (int i = 0; i < m.length; i++) {
            Fr acc = Fr.ZERO;
            for (int j = 0; j < v.length; j++) {
                acc = acc.add(m[i][j].mul(v[j]));
            }
            out[i] = acc;
        }
        return out;
    }

    static Fr[][] transpose(Fr[][] m) {
        Fr[][] t = new Fr[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** Gauss–Jordan inverse; throws if the matrix is singular. */
    static Fr[][] invert(Fr[][] m) {
        int n = m.length;
        Fr[][] a = new Fr[n][];
        Fr[][] inv = identity(n);
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && a[pivot][col].isZero()) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("singular matrix");
            }
            Fr[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            tmp = inv[col];
            inv[col] = inv[pivot];
            inv[pivot] = tmp;
            Fr scale = a[col][col].inverse();
            for (int j = 0; j < n; j++) {
                a[col][j] = a[col][j].mul(scale);
                inv[col][j] = inv[col][j].mul(scale);
            }
            for (int i = 0; i < n; i++) {
                if (i != col && !a[i][col].isZero()) {
                    Fr f = a[i][col];
                    for (int j = 0; j < n; j++) {
                        a[i][j] = a[i][j].sub(f.mul(a[col][j]));
                        inv[i][j] = inv[i][j].sub(f.mul(inv[col][j]));
                    }
                }
            }
        }
        return inv;
    }

    /** x with a·x = b, by Gaussian elimination (cheaper than inverting a for one right-hand side). */
    static Fr[] solve(Fr[][] a, Fr[] b) {
        int n = a.length;
        Fr[][] m = new Fr[n][];
        Fr[] x = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && m[pivot][col].isZero()) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("singular matrix");
            }
            Fr[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            Fr tx = x[col];
            x[col] = x[pivot];
            x[pivot] = tx;
            Fr inv = m[col][col].inverse();
            for (int i = col + 1; i < n; i++) {
                if (!m[i][col].isZero()) {
                    Fr f = m[i][col].mul(inv);
                    for (int j = col; j < n; j++) {
                        m[i][j] = m[i][j].sub(f.mul(m[col][j]));
                    }
                    x[i] = x[i].sub(f.mul(x[col]));
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            Fr acc = x[i];
            for (int j = i + 1; j < n; j++) {
                acc = acc.sub(m[i][j].mul(x[j]));
            }
            x[i] = acc.mul(m[i][i].inverse());
        }
        return x;
    }

    /** m without row 0 and column 0. */
    static Fr[][] minor00(Fr[][] m) {
        int n = m.length - 1;
        Fr[][] out = new Fr[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = m[i + 1][j + 1];
            }
        }
        return out;
    }

    /** The sparse factors of neptune's optimised schedule: P and S_0..S_{R_P−1} (docs/spec/poseidon-groth16-gpu.md §2.7 b). */
    record SparseFactorisation(Fr[][] preSparse, Fr[][] wHat, Fr[][] vRest) {
    }

    /**
     * Factors m = m'·m'' with m' = [[1, 0], [0, m̂]] and m'' = [[m00, m[0][1..]], [ŵ, I]],
     * ŵ = m̂⁻¹·(m[1..][0]), repeatedly: cur ← M·m', R_P times starting from Mᵀ.
     */
    static SparseFactorisation factorise(Fr[][] mds, int partialRounds) {
        int t = mds.length;
        Fr[][] cur = transpose(mds);
        Fr[][] wHat = new Fr[partialRounds][];
        Fr[][] vRest = new Fr[partialRounds][];
        for (int r = 0; r < partialRounds; r++) {
            Fr[][] hat = minor00(cur);
            Fr[] w = new Fr[t - 1];
            for (int i = 1; i < t; i++) {
                w[i - 1] = cur[i][0];
            }
            Fr[] wh = solve(hat, w);
            // m'' recorded as (column 0, row 0 without its first entry); stored reversed
            Fr[] column0 = new Fr[t];
            column0[0] = cur[0][0];
            System.arraycopy(wh, 0, column0, 1, t - 1);
            Fr[] row0 = new Fr[t - 1];
            System.arraycopy(cur[0], 1, row0, 0, t - 1);
            wHat[partialRounds - 1 - r] = column0;
            vRest[partialRounds - 1 - r] = row0;
            Fr[][] mPrime = identity(t);
            for (int i = 1; i < t; i++) {
                System.arraycopy(hat[i - 1], 0, mPrime[i], 1, t - 1);
            }
            cur = multiply(mds, mPrime);
        }
        return new SparseFactorisation(cur, wHat, vRest);
    }

    /**
     * neptune's compressed round constants (docs/spec/poseidon-groth16-gpu.md §2.7 a): length t·R_F + R_P.
     *
     * @param rc all round constants, round r at rc[r·t .. (r+1)·t)
     */
    static Fr[] compressRoundConstants(Fr[] rc, Fr[][] mdsInverse, int t, int fullRounds, int partialRounds) {
        int half = fullRounds / 2;
        Fr[] out = new Fr[t * fullRounds + partialRounds];
        int k = 0;
        for (int i = 0; i < t; i++) {
            out[k++] = rc[i];
        }
        for (int r = 1; r < half; r++) {
            for (Fr c : apply(mdsInverse, round(rc, r, t))) {
                out[k++] = c;
            }
        }
        Fr[] acc = round(rc, half + partialRounds, t);
        Fr[] partial = new Fr[partialRounds];
        for (int r = half + partialRounds - 1; r >= half; r--) {
            Fr[] w = apply(mdsInverse, acc);
            partial[r - half] = w[0]; // reversed push order: first partial round first
            w[0] = Fr.ZERO;
            Fr[] rcr = round(rc, r, t);
            for (int i = 0; i < t; i++) {
                w[i] = w[i].add(rcr[i]);
            }
            acc = w;
        }
        for (Fr c : apply(mdsInverse, acc)) {
            out[k++] = c;
        }
        for (Fr c : partial) {
            out[k++] = c;
        }
        for (int r = half + partialRounds + 1; r < fullRounds + partialRounds; r++) {
            for (Fr c : apply(mdsInverse, round(rc, r, t))) {
                out[k++] = c;
            }
        }
        if (k != out.length) {
            throw new AssertionError(k + " != " + out.length);
        }
        return out;
    }

    private static Fr[] round(Fr[] rc, int r, int t) {
        Fr[] out = new Fr[t];
        System.arraycopy(rc, r * t, out, 0, t);
        return out;
    }
}
