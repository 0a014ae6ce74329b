package io.filprover.proofs.r1cs;

/**
 * The scalar field a constraint system and the QAP arithmetic work over. Elements are immutable
 * objects of type {@code E} for circuit code, and fixed-width flat {@code long} limbs for the bulk
 * vectors of the prover ({@link #limbs()} per element; for BLS12-381's Fr the Montgomery limbs of
 * the Kernels SPI). A second implementation over a small prime lets tests replay bellperson's
 * toy-field vectors through the same synthesis and quotient code.
 */
public interface ScalarField<E> {
    E zero();

    E one();

    /** v mod p (negative values wrap around). */
    E fromLong(long v);

    E add(E a, E b);

    E sub(E a, E b);

    E mul(E a, E b);

    E neg(E a);

    /** The inverse; throws {@link ArithmeticException} for zero. */
    E inverse(E a);

    boolean isZero(E a);

    /** Whether a = 1 (lets evaluation skip a multiplication, as bellperson does). */
    default boolean isOne(E a) {
        return a.equals(one());
    }

    /** −1 (implementations may cache it: every {@code lc.sub(v)} uses it). */
    default E minusOne() {
        return neg(one());
    }

    /** A primitive 2^logN-th root of unity: ω of the domain the transforms use. */
    E omega(int logN);

    /** The coset generator g of the quotient computation (blstrs' MULTIPLICATIVE_GENERATOR). */
    E cosetGenerator();

    /** Number of {@code long}s per element in flat vectors. */
    int limbs();

    /** Writes the internal (flat-vector) form of {@code a} to {@code out[off..off+limbs)}. */
    void store(long[] out, int off, E a);

    /** Reads an element from its internal form. */
    E load(long[] in, int off);

    /** r ← a·b on flat limbs (output first, as {@code FrOps}); the operands may alias. */
    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    /** r ← a − b on flat limbs (output first, as {@code FrOps}); the operands may alias. */
    void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    /**
     * Converts {@code n} elements of {@code in} from internal form to the canonical form MSMs take as
     * exponents, written to {@code out} (output first); in place when the two ranges coincide.
     */
    void toCanonical(long[] out, int outOff, long[] in, int inOff, int n);
}
