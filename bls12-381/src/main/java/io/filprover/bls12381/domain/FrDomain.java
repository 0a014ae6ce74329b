package io.filprover.bls12381.domain;

import io.filprover.bls12381.field.Fr;

import java.math.BigInteger;

/** The evaluation domains of Groth16 over Fr (docs/spec/poseidon-groth16-gpu.md §1.1, §3.1). */
public final class FrDomain {
    /** r − 1 = 2^32 · T with T odd. */
    public static final int TWO_ADICITY = 32;
    private static final BigInteger T = Fr.MODULUS.subtract(BigInteger.ONE).shiftRight(TWO_ADICITY);

    /** blstrs' ROOT_OF_UNITY = 7^T, a primitive 2^32-th root of unity. */
    public static final Fr ROOT_OF_UNITY = Fr.MULTIPLICATIVE_GENERATOR.pow(T);

    /** The coset shift g = 7 (blstrs' MULTIPLICATIVE_GENERATOR). */
    public static final Fr COSET_GENERATOR = Fr.MULTIPLICATIVE_GENERATOR;

    private FrDomain() {
    }

    /** ω of the 2^logN domain: ROOT_OF_UNITY^(2^(32−logN)). */
    public static Fr omega(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("domain size 2^" + logN + " is not supported (at most 2^32)");
        }
        Fr w = ROOT_OF_UNITY;
        for (int i = logN; i < TWO_ADICITY; i++) {
            w = w.square();
        }
        return w;
    }
}
