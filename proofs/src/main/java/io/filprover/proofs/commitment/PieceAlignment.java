package io.filprover.proofs.commitment;

/**
 * Where add_piece places a piece (docs/spec/filecoin-porep-post.md §2.5, rust-fil-proofs get_piece_alignment):
 * pieces sit at
 * offsets aligned to their own padded size, with zero fill to the left and right.
 */
public record PieceAlignment(long leftBytes, long rightBytes) {

    /** Alignment of a piece of {@code pieceUnpadded} bytes after {@code writtenUnpadded} bytes. */
    public static PieceAlignment of(long writtenUnpadded, long pieceUnpadded) {
        long needed = 127;
        while (needed < pieceUnpadded) {
            needed <<= 1;
        }
        long encroaching = writtenUnpadded % needed;
        long left = encroaching > 0 ? needed - encroaching : 0;
        return new PieceAlignment(left, needed - pieceUnpadded);
    }

    /** Total unpadded bytes this piece occupies with its fill. */
    public long alignedBytes(long pieceUnpadded) {
        return leftBytes + pieceUnpadded + rightBytes;
    }

    /** Start (unpadded byte offset) of the next piece of each size in a row (get_piece_start_byte). */
    public static long startByte(long[] previousPieces, long pieceUnpadded) {
        long written = 0;
        for (long p : previousPieces) {
            written += of(written, p).alignedBytes(p);
        }
        return written + of(written, pieceUnpadded).leftBytes();
    }
}
