package io.filprover.api;

/** A padded piece size: a power of two, at least 128 bytes. */
public record PaddedPieceSize(long bytes) implements Comparable<PaddedPieceSize> {
    public static final long MIN = 128;

    public PaddedPieceSize {
        if (bytes < MIN || Long.bitCount(bytes) != 1) {
            throw new InvalidInputException("padded-size", "padded piece size must be a power of two >= 128, got " + bytes);
        }
    }

    public UnpaddedPieceSize unpadded() {
        return new UnpaddedPieceSize(bytes - bytes / 128);
    }

    /** Number of 32-byte leaves. */
    public long leaves() {
        return bytes / 32;
    }

    @Override
    public int compareTo(PaddedPieceSize o) {
        return Long.compare(bytes, o.bytes);
    }
}
