package io.filprover.proofs.groth16.params;

import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.curve.flat.FieldOps;
import io.filprover.bls12381.curve.flat.Fq2FieldOps;
import io.filprover.bls12381.curve.flat.FqFieldOps;
import io.filprover.bls12381.curve.flat.PippengerWindows;
import io.filprover.bls12381.curve.flat.XyzzOps;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.FrOps;

import java.util.Arrays;

/**
 * Many scalar multiples [k_i]B of one fixed base B, as the setup needs them (one per parameter
 * entry), on flat Montgomery limbs. The table holds d·2^(c·w)·B for every window w and d = 1 …
 * 2^(c−1) in affine form; a scalar is recoded into signed c-bit digits, so [k]B is at most
 * ⌈256/c⌉ additions of table points (a negative digit negates y).
 *
 * <p>The additions are affine, batched over a chunk of scalars: for each window all the chunk's
 * additions share one field inversion (Montgomery's trick), about 6 multiplications each instead
 * of 10 for a mixed XYZZ one, and the results come out affine with no final normalisation.
 * Chunks run on a {@link WorkerPool}; the output is the {@link PointLimbs} layout (identity as
 * zeros).
 */
final class FixedBaseTable {
    /** Scalars per batch: amortises the inversion per window, small enough to stay in cache. */
    static final int CHUNK = 1024;
    private static final byte SKIP = 0, ADD = 1, DBL = 2;

    private final FieldOps proto;
    private final int l;
    private final int pl;
    private final int c;
    private final int windows;
    private final int half;
    /** windows × half affine points: table[(w·half + d − 1)·pl] = d·2^(c·w)·B. */
    private final long[] table;

    private FixedBaseTable(FieldOps f, long[] base, int c, WorkerPool pool) {
        this.proto = f;
        this.l = f.limbs;
        this.pl = 2 * l;
        this.c = c;
        this.windows = PippengerWindows.windows(c, PippengerWindows.SCALAR_BITS); // ⌈256 / c⌉
        this.half = 1 << (c - 1);
        this.table = new long[windows * half * pl];
        build(base, pool);
    }

    /** A G1 table for the standard generator, its window sized for {@code scalars} multiplications. */
    static FixedBaseTable g1(int scalars, WorkerPool pool) {
        long[] g = new long[PointLimbs.G1];
        PointLimbs.g1(G1.GENERATOR, g, 0);
        return new FixedBaseTable(new FqFieldOps(), g, windowBits(scalars), pool);
    }

    /** A G2 table for the standard generator. */
    static FixedBaseTable g2(int scalars, WorkerPool pool) {
        long[] g = new long[PointLimbs.G2];
        PointLimbs.g2(G2.GENERATOR, g, 0);
        return new FixedBaseTable(new Fq2FieldOps(), g, windowBits(scalars), pool);
    }

    /** A table for any base point of the group (tests), with window size c. */
    static FixedBaseTable of(AffinePoint<?> base, int c, WorkerPool pool) {
        if (base.isInfinity() || c < 2 || c > 16) {
            throw new IllegalArgumentException("need a finite base and 2 ≤ c ≤ 16");
        }
        if (base.x instanceof Fq) {
            long[] b = new long[PointLimbs.G1];
            @SuppressWarnings("unchecked")
            AffinePoint<Fq> p = (AffinePoint<Fq>) base;
            PointLimbs.g1(p, b, 0);
            return new FixedBaseTable(new FqFieldOps(), b, c, pool);
        }
        long[] b = new long[PointLimbs.G2];
        @SuppressWarnings("unchecked")
        AffinePoint<Fq2> p = (AffinePoint<Fq2>) base;
        PointLimbs.g2(p, b, 0);
        return new FixedBaseTable(new Fq2FieldOps(), b, c, pool);
    }

    /**
     * The window size minimising n·⌈256/c⌉ table additions plus the table's cost (about two
     * additions per entry), capped at 16 bits (a G2 table of 100 MB).
     */
    static int windowBits(int n) {
        int best = 2;
        double bestCost = Double.MAX_VALUE;
        for (int c = 2; c <= 16; c++) {
            int w = (256 + c - 1) / c;
            double cost = (double) n * w + 2.0 * w * (1 << (c - 1));
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    int windowBits() {
        return c;
    }

    /** Limbs of one affine output point (12 for G1, 24 for G2). */
    int pointLimbs() {
        return pl;
    }

    private void build(long[] base, WorkerPool pool) {
        // window bases B_w = 2^(c·w)·B, affine, by c doublings each (cheap: done once)
        XyzzOps xyzz = new XyzzOps(proto.copy());
        long[] bases = new long[windows * pl];
        long[] p = new long[xyzz.size];
        System.arraycopy(base, 0, bases, 0, pl);
        for (int w = 1; w < windows; w++) {
            xyzz.setAffine(p, 0, bases, (w - 1) * pl);
            for (int i = 0; i < c; i++) {
                xyzz.dbl(p, 0);
            }
            xyzz.toAffine(p, 0, bases, w * pl);
        }
        pool.forChunks(pool.threads(), windows, () -> {
            XyzzOps ops = new XyzzOps(proto.copy());
            long[] multiples = new long[half * ops.size];
            long[] zzzInv = new long[half * l];
            return w -> buildWindow(ops, bases, w, multiples, zzzInv);
        });
    }

    /** d·B_w for d = 1 … half: running XYZZ sums, then affine with one inversion. */
    private void buildWindow(XyzzOps ops, long[] bases, int w, long[] multiples, long[] prod) {
        FieldOps f = ops.f;
        int s = ops.size;
        ops.setAffine(multiples, 0, bases, w * pl);
        for (int d = 1; d < half; d++) {
            System.arraycopy(multiples, (d - 1) * s, multiples, d * s, s);
            ops.addAffine(multiples, d * s, bases, w * pl);
        }
        // 1/ZZZ for all by Montgomery's trick; x = X·(ZZ/ZZZ)², y = Y/ZZZ (ZZ³ = ZZZ²)
        f.copy(prod, 0, multiples, 3 * l);
        for (int d = 1; d < half; d++) {
            f.mul(prod, d * l, prod, (d - 1) * l, multiples, d * s + 3 * l);
        }
        long[] inv = new long[l];
        long[] zi = new long[l];
        long[] t = new long[l];
        f.inverse(inv, 0, prod, (half - 1) * l);
        for (int d = half - 1; d >= 0; d--) {
            int m = d * s;
            if (d > 0) {
                f.mul(zi, 0, inv, 0, prod, (d - 1) * l);
                f.mul(inv, 0, inv, 0, multiples, m + 3 * l);
            } else {
                f.copy(zi, 0, inv, 0);
            }
            int o = (w * half + d) * pl;
            f.mul(table, o + l, multiples, m + l, zi, 0);
            f.mul(t, 0, zi, 0, multiples, m + 2 * l);
            f.sqr(t, 0, t, 0);
            f.mul(table, o, multiples, m, t, 0);
        }
    }

    /**
     * [k_i]B for the n scalars given as Montgomery limbs (4 each) at scalars[4i], written affine to
     * out[outOff + i·pointLimbs()], the identity as zeros; chunks run on {@code pool}.
     */
    void mulAll(long[] scalars, int n, long[] out, int outOff, WorkerPool pool) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        pool.forChunks(pool.threads(), chunks, () -> {
            Batch b = new Batch(proto.copy());
            return ch -> {
                int start = ch * CHUNK;
                b.run(scalars, start, Math.min(n, start + CHUNK) - start, out, outOff + start * pl);
            };
        });
    }

    /** Per-thread scratch for one chunk at a time. */
    private final class Batch {
        private final FieldOps f;
        private final int[] digits = new int[CHUNK * windows];
        private final boolean[] inf = new boolean[CHUNK];
        private final byte[] kind = new byte[CHUNK];
        private final long[] den = new long[CHUNK * l];
        private final long[] prod = new long[CHUNK * l];
        private final long[] canon = new long[4];
        private final long[] inv;
        private final long[] lam;
        private final long[] t;

        Batch(FieldOps f) {
            this.f = f;
            this.inv = new long[l];
            this.lam = new long[l];
            this.t = new long[2 * l];
        }

        void run(long[] scalars, int first, int count, long[] out, int oo) {
            for (int i = 0; i < count; i++) {
                recode(scalars, 4 * (first + i), i * windows);
            }
            Arrays.fill(out, oo, oo + count * pl, 0L);
            Arrays.fill(inf, 0, count, true);
            for (int w = 0; w < windows; w++) {
                window(w, count, out, oo);
            }
        }

        /** Signed digits in [−half + 1, half]: a digit above half borrows 2^c from the next window. */
        private void recode(long[] scalars, int so, int dOff) {
            FrOps.toCanonical(canon, 0, scalars, so);
            // k < r < 2^255 and c·windows ≥ 256: the top digit never carries out
            PippengerWindows.recode(digits, dOff, canon, 0, c, windows);
        }

        /** Adds window w's table point to every accumulator of the chunk, one shared inversion. */
        private void window(int w, int count, long[] out, int oo) {
            int active = 0;
            int last = -1;
            for (int i = 0; i < count; i++) {
                kind[i] = SKIP;
                int d = digits[i * windows + w];
                if (d == 0) {
                    continue;
                }
                int tp = (w * half + Math.abs(d) - 1) * pl;
                int ap = oo + i * pl;
                if (inf[i]) {
                    System.arraycopy(table, tp, out, ap, pl);
                    if (d < 0) {
                        f.neg(out, ap + l, out, ap + l);
                    }
                    inf[i] = false;
                    continue;
                }
                int dp = i * l;
                // with canonical scalars a partial sum is never ±T (|partial| < 2^(c·w) ≤ |d|·2^(c·w) < r),
                // but the doubling and identity cases are kept so that the formulas hold for any input
                f.sub(den, dp, table, tp, out, ap);          // x_T − x_A
                if (f.isZero(den, dp)) {
                    tableY(tp, d);
                    if (f.equal(t, 0, out, ap + l)) {
                        kind[i] = DBL;                        // A = ±T with the same sign: double
                        f.add(den, dp, out, ap + l, out, ap + l);
                    } else {
                        inf[i] = true;                        // A = −T: the identity
                        Arrays.fill(out, ap, ap + pl, 0L);
                        continue;
                    }
                } else {
                    kind[i] = ADD;
                }
                if (last < 0) {
                    f.copy(prod, dp, den, dp);
                } else {
                    f.mul(prod, dp, prod, last * l, den, dp);
                }
                last = i;
                active++;
            }
            if (active == 0) {
                return;
            }
            f.inverse(inv, 0, prod, last * l);
            for (int i = last; i >= 0; i--) {
                if (kind[i] == SKIP) {
                    continue;
                }
                int dp = i * l;
                int prev = previousActive(i);
                // lam ← 1/den_i, inv ← 1/(den_0 … den_prev)
                if (prev >= 0) {
                    f.mul(lam, 0, inv, 0, prod, prev * l);
                    f.mul(inv, 0, inv, 0, den, dp);
                } else {
                    f.copy(lam, 0, inv, 0);
                }
                int d = digits[i * windows + w];
                int tp = (w * half + Math.abs(d) - 1) * pl;
                int ap = oo + i * pl;
                if (kind[i] == ADD) {
                    tableY(tp, d);
                    f.sub(t, 0, t, 0, out, ap + l);           // λ = (y_T − y_A)/(x_T − x_A)
                    f.mul(lam, 0, lam, 0, t, 0);
                    f.sqr(t, l, lam, 0);                      // x3 = λ² − x_A − x_T
                    f.sub(t, l, t, l, out, ap);
                    f.sub(t, l, t, l, table, tp);
                } else {
                    f.sqr(t, 0, out, ap);                     // λ = 3x²/(2y)
                    f.add(t, l, t, 0, t, 0);
                    f.add(t, 0, t, l, t, 0);
                    f.mul(lam, 0, lam, 0, t, 0);
                    f.sqr(t, l, lam, 0);                      // x3 = λ² − 2x
                    f.sub(t, l, t, l, out, ap);
                    f.sub(t, l, t, l, out, ap);
                }
                f.sub(t, 0, out, ap, t, l);                   // y3 = λ(x_A − x3) − y_A
                f.mul(t, 0, t, 0, lam, 0);
                f.sub(out, ap + l, t, 0, out, ap + l);
                f.copy(out, ap, t, l);
            }
        }

        private int previousActive(int i) {
            for (int j = i - 1; j >= 0; j--) {
                if (kind[j] != SKIP) {
                    return j;
                }
            }
            return -1;
        }

        /** t[0..l) ← y of the table point at tp, negated for a negative digit. */
        private void tableY(int tp, int d) {
            if (d < 0) {
                f.neg(t, 0, table, tp + l);
            } else {
                f.copy(t, 0, table, tp + l);
            }
        }
    }
}
