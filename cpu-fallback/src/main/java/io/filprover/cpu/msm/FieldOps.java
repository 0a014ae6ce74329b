package io.filprover.cpu.msm;

/**
 * The coordinate field of a curve as flat Montgomery limbs (Fq for G1, Fq2 for G2), so that one
 * bucket-method implementation serves both groups. Operands are (array, offset); outputs may
 * alias inputs. An instance may hold scratch space: use one per thread.
 */
abstract class FieldOps {
    /** Limbs per element: 6 (Fq) or 12 (Fq2). */
    final int limbs;
    /** The Montgomery form of one. */
    final long[] one;

    FieldOps(int limbs, long[] one) {
        this.limbs = limbs;
        this.one = one;
    }

    abstract void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    abstract void sqr(long[] r, int ro, long[] a, int ao);

    abstract void add(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    abstract void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    abstract void neg(long[] r, int ro, long[] a, int ao);

    /** r = a⁻¹ for a non-zero a (one field inversion: slow, used once per batch). */
    abstract void inverse(long[] r, int ro, long[] a, int ao);

    /** A fresh instance with its own scratch space, for another thread. */
    abstract FieldOps copy();

    final boolean isZero(long[] a, int ao) {
        long acc = 0;
        for (int i = 0; i < limbs; i++) {
            acc |= a[ao + i];
        }
        return acc == 0;
    }

    final boolean equal(long[] a, int ao, long[] b, int bo) {
        for (int i = 0; i < limbs; i++) {
            if (a[ao + i] != b[bo + i]) {
                return false;
            }
        }
        return true;
    }

    final void copy(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, limbs);
    }

    final void setOne(long[] r, int ro) {
        System.arraycopy(one, 0, r, ro, limbs);
    }
}
