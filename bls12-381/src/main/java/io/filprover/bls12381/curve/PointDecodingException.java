package io.filprover.bls12381.curve;

/** A G1/G2 point encoding was rejected; {@link #reason()} says which rule it broke. */
public final class PointDecodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Input null or not exactly 48/96 (G1) or 96/192 (G2) bytes. */
        WRONG_LENGTH,
        /** Compression bit does not match the decoder used (compressed vs uncompressed). */
        COMPRESSION_FLAG_MISMATCH,
        /** Infinity bit set but some other bit (sort flag, coordinate bits) non-zero. */
        INVALID_INFINITY,
        /** Sort flag set in an uncompressed encoding. */
        UNEXPECTED_SORT_FLAG,
        /** A coordinate (or Fq2 component) is not below q. */
        NON_CANONICAL_COORDINATE,
        /** Not on the curve (for compressed input: x³ + b has no square root). */
        NOT_ON_CURVE,
        /** On the curve but not in the order-r subgroup. */
        NOT_IN_SUBGROUP
    }

    private final Reason reason;

    public PointDecodingException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
