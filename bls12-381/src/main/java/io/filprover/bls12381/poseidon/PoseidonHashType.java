package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;

import java.math.BigInteger;

/**
 * neptune's {@code HashType}: it only decides the domain tag placed in the capacity element s[0]
 * (docs/spec/poseidon-groth16-gpu.md §2.4). The tag does not depend on the strength.
 *
 * @param kind      which hash type
 * @param parameter the length for {@link Kind#CONSTANT_LENGTH}, the id for {@link Kind#CUSTOM}, else 0
 */
public record PoseidonHashType(Kind kind, long parameter) {

    public enum Kind {
        /** Tag 2^arity − 1; Filecoin's tree, column and CommR hashes. */
        MERKLE_TREE,
        /** Tag L·2^64 for L inputs, absorbed by the simplex sponge. */
        CONSTANT_LENGTH,
        /** Tag 2^32. */
        ENCRYPTION,
        /** Tag id·2^40 (neptune {@code Custom(Arbitrary(id))}); SnapDeals uses id 1. */
        CUSTOM,
        /** Tag 0; the SAFE sponge API overwrites s[0] with its IO-pattern tag ({@link PoseidonSafeSponge}). */
        SPONGE
    }

    public static final PoseidonHashType MERKLE_TREE = new PoseidonHashType(Kind.MERKLE_TREE, 0);
    public static final PoseidonHashType ENCRYPTION = new PoseidonHashType(Kind.ENCRYPTION, 0);
    public static final PoseidonHashType SPONGE = new PoseidonHashType(Kind.SPONGE, 0);

    public PoseidonHashType {
        switch (kind) {
            case CONSTANT_LENGTH:
                if (parameter < 1) {
                    throw new IllegalArgumentException("ConstantLength needs a length >= 1, got " + parameter);
                }
                break;
            case CUSTOM:
                if (parameter < 1 || parameter > 256) {
                    throw new IllegalArgumentException("a custom domain tag id is 1..256, got " + parameter);
                }
                break;
            default:
                if (parameter != 0) {
                    throw new IllegalArgumentException(kind + " takes no parameter");
                }
        }
    }

    public static PoseidonHashType constantLength(int length) {
        return new PoseidonHashType(Kind.CONSTANT_LENGTH, length);
    }

    public static PoseidonHashType custom(int id) {
        return new PoseidonHashType(Kind.CUSTOM, id);
    }

    /** The capacity element s[0] for a hash of the given arity. */
    public Fr domainTag(int arity) {
        switch (kind) {
            case MERKLE_TREE:
                return Fr.fromBigInteger(BigInteger.ONE.shiftLeft(arity).subtract(BigInteger.ONE));
            case CONSTANT_LENGTH:
                return Fr.fromBigInteger(BigInteger.valueOf(parameter).shiftLeft(64));
            case ENCRYPTION:
                return Fr.fromBigInteger(BigInteger.ONE.shiftLeft(32));
            case CUSTOM:
                return Fr.fromBigInteger(BigInteger.valueOf(parameter).shiftLeft(40));
            case SPONGE:
                return Fr.ZERO;
            default:
                throw new AssertionError(kind);
        }
    }
}
