package io.filprover.bls12381.field;

/**
 * The ring operations shared by Fq and its extensions, so that curve arithmetic can be written once
 * for G1 (over Fq) and G2 (over Fq2). Implementations are immutable.
 */
public interface FqTowerElement<F extends FqTowerElement<F>> {
    F add(F o);
    F sub(F o);
    F mul(F o);
    F square();
    F neg();
    F dbl();
    /** Multiplicative inverse; zero maps to zero. */
    F inverse();
    boolean isZero();
}
