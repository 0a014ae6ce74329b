package io.filprover.api;

/** An unpadded piece size: 127 × 2^k bytes (k ≥ 0). */
public record UnpaddedPieceSize(long bytes) implements Comparable<UnpaddedPieceSize> {
    public static final long MIN = 127;

    public UnpaddedPieceSize {
        if (bytes < MIN || bytes % 127 != 0 || Long.bitCount(bytes / 127) != 1) {
            throw new InvalidInputException("unpadded-size", "unpadded piece size must be 127 * 2^k bytes, got " + bytes);
        }
    }

    public PaddedPieceSize padded() {
        return new PaddedPieceSize(bytes + bytes / 127);
    }

    /** The smallest valid unpadded piece size that holds {@code n} bytes (n ≥ 1). */
    public static UnpaddedPieceSize atLeast(long n) {
        if (n < 1) {
            throw new InvalidInputException("size", "a piece needs at least one byte");
        }
        long s = MIN;
        while (s < n) {
            if (s > Long.MAX_VALUE / 2) {
                throw new InvalidInputException("size", "piece of " + n + " bytes is too large");
            }
            s <<= 1;
        }
        return new UnpaddedPieceSize(s);
    }

    @Override
    public int compareTo(UnpaddedPieceSize o) {
        return Long.compare(bytes, o.bytes);
    }
}
