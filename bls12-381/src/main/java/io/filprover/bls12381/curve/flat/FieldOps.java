package io.filprover.bls12381.curve.flat;

/**
 * The coordinate field of a curve as flat Montgomery limbs (Fq for G1, Fq2 for G2), so that one
 * implementation of a point algorithm (the cpu MSM's buckets, the setup's fixed-base tables) serves
 * both groups. Operands are (array, offset); outputs may
 * alias inputs. An instance may hold scratch space: use one per thread.
 */
public abstract class FieldOps {
    /** Limbs per element: 6 (Fq) or 12 (Fq2). */
    public final int limbs;
    /** The Montgomery form of one. */
    private final long[] one;

    protected FieldOps(int limbs, long[] one) {
        this.limbs = limbs;
        this.one = one;
    }

    public abstract void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    public abstract void sqr(long[] r, int ro, long[] a, int ao);

    public abstract void add(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    public abstract void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    public abstract void neg(long[] r, int ro, long[] a, int ao);

    /** r = a⁻¹ for a non-zero a (one field inversion: slow, used once per batch). */
    public abstract void inverse(long[] r, int ro, long[] a, int ao);

    /** A fresh instance with its own scratch space, for another thread. */
    public abstract FieldOps copy();

    public final boolean isZero(long[] a, int ao) {
        long acc = 0;
        for (int i = 0; i < limbs; i++) {
            acc |= a[ao + i];
        }
        return acc == 0;
    }

    public final boolean equal(long[] a, int ao, long[] b, int bo) {
        for (int i = 0; i < limbs; i++) {
            if (a[ao + i] != b[bo + i]) {
                return false;
            }
        }
        return true;
    }

    public final void copy(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, limbs);
    }

    public final void setOne(long[] r, int ro) {
        System.arraycopy(one, 0, r, ro, limbs);
    }
}
